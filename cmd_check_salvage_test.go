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
