package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"digicheck/record"
	"digicheck/store"
)

// A store file cut short: check listed the records left whole "for IT to
// recover", and no command read them out. check --salvage FILE writes
// each to a new file, one JSON line, as saved; the store file is left as
// it is, and a file already there is never written over.
func TestCheckSalvageWritesTheRecordsLeftInAFileCutShort(t *testing.T) {
	t.Parallel()
	path, saved := storeWith(t, 30)
	cutAtRoot(t, path)
	before := fileBytes(t, path)
	out := filepath.Join(t.TempDir(), "left.ndjson")
	said, _, err := runStoreCmd(t, path, (*app).checkCmd, "--salvage", out)
	if err == nil {
		t.Errorf("check of a file cut short passed:\n%s", said)
	}
	if !strings.Contains(said, "Salvaged ") || !strings.Contains(said, out) || !strings.Contains(said, "--salvage FILE") {
		t.Errorf("check --salvage does not say what it wrote, or its finding does not say how to salvage:\n%s", said)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(out); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("the salvaged file, which holds patients' numbers, has mode %v; want 0600", fi.Mode().Perm())
	}
	byID := map[record.ID]record.Record{}
	for _, r := range saved {
		byID[r.ID] = r
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	// Between an NDJSON export's start line and end mark.
	if len(lines) < 2 || !strings.HasPrefix(lines[0], `{"digicheck_export":"start"`) || !strings.HasPrefix(lines[len(lines)-1], `{"digicheck_export":"end"`) {
		t.Fatalf("the salvaged file is not framed as an NDJSON export:\n%s", b)
	}
	lines = lines[1 : len(lines)-1]
	for _, l := range lines {
		var r record.Record
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		if w, ok := byID[r.ID]; !ok || w.Patient != r.Patient || w.Clinician != r.Clinician {
			t.Errorf("record %s written is not the one saved", r.ID)
		}
	}
	if len(lines) == 0 || !strings.Contains(said, "Salvaged "+strconv.Itoa(len(lines))+" record(s)") {
		t.Errorf("%d records written; the output says:\n%s", len(lines), said)
	}
	if fileBytes(t, path) != before {
		t.Error("the file cut short was changed")
	}
	_, _, err = runStoreCmd(t, path, (*app).checkCmd, "--salvage", out)
	if err == nil || !strings.Contains(err.Error(), "already there") {
		t.Errorf("a second salvage to the same file = %v; want it refused", err)
	}
	if again, _ := os.ReadFile(out); string(again) != string(b) {
		t.Error("the salvaged file was written over")
	}
}

// Both meta pages' checksums damaged, every record whole: check --salvage
// said "the size of its pages is not known and no record can be told
// apart" and wrote nothing. It now writes every record, and says the size
// of the pages was inferred, as neither header gave it.
func TestCheckSalvageWritesEveryRecordWhenOnlyBothHeaderPagesAreDamaged(t *testing.T) {
	t.Parallel()
	path, saved := storeWith(t, 5)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ps := os.Getpagesize()
	for _, off := range []int{72, ps + 72} { // each meta page's checksum
		for i := off; i < off+8; i++ {
			b[i] ^= 0xff
		}
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "left.ndjson")
	said, _, err := runStoreCmd(t, path, (*app).checkCmd, "--salvage", out)
	if err == nil {
		t.Errorf("check of a store whose header pages cannot be read passed:\n%s", said)
	}
	got, rerr := os.ReadFile(out)
	if rerr != nil {
		t.Fatalf("nothing salvaged (%v); check said:\n%s\n%v", rerr, said, err)
	}
	ids := map[record.ID]bool{}
	for _, l := range strings.Split(strings.TrimSuffix(string(got), "\n"), "\n") {
		var r record.Record
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		ids[r.ID] = true
	}
	for _, r := range saved {
		if !ids[r.ID] {
			t.Errorf("record %s, whole, was not salvaged", r.ID)
		}
	}
	if !strings.Contains(said, "Salvaged "+strconv.Itoa(len(saved))+" record(s)") || !strings.Contains(said, "inferred") || !strings.Contains(said, strconv.Itoa(ps)) {
		t.Errorf("check --salvage does not say how many it wrote, or that the page size (%d) was inferred:\n%s", ps, said)
	}
}

// check --salvage - wrote a file named "-" in the folder it was run in,
// where - given to -o means standard output elsewhere (export -o -). The
// salvaged records are a stream, framed as an NDJSON export: - now
// writes them to standard output, and check's report and what it
// salvaged go to standard error, so that the output holds the records
// alone (digicheck check --salvage - > left.ndjson, or piped on).
func TestCheckSalvageDashWritesTheRecordsToStandardOutput(t *testing.T) {
	path, saved := storeWith(t, 30)
	cutAtRoot(t, path)
	dir := t.TempDir()
	t.Chdir(dir)
	out, stderr, err := runStoreCmd(t, path, (*app).checkCmd, "--salvage", "-")
	if err == nil {
		t.Errorf("check of a file cut short passed:\n%s", stderr)
	}
	if _, serr := os.Lstat(filepath.Join(dir, "-")); serr == nil {
		t.Error(`check --salvage - wrote a file named "-"`)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], `{"digicheck_export":"start"`) || lines[len(lines)-1] != `{"digicheck_export":"end","records":`+strconv.Itoa(len(lines)-2)+`,"damaged_store":"`+store.SalvageMark+`"}` {
		t.Fatalf("standard output does not hold the salvaged records alone, framed as an NDJSON export:\n%s", out)
	}
	byID := map[record.ID]bool{}
	for _, r := range saved {
		byID[r.ID] = true
	}
	for _, l := range lines[1 : len(lines)-1] {
		var r record.Record
		if err := json.Unmarshal([]byte(l), &r); err != nil || !byID[r.ID] {
			t.Errorf("line %q is not a record saved (%v)", l, err)
		}
	}
	if !strings.Contains(stderr, "Salvaged "+strconv.Itoa(len(lines)-2)+" record(s)") || !strings.Contains(stderr, "to standard output") || !strings.Contains(stderr, "PROBLEMS") {
		t.Errorf("standard error does not say what was salvaged to standard output and the check's report:\n%s", stderr)
	}
}
