package store

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A store file cut short with the page its newest save names as the root
// (a copy that stopped, a disk that filled): it cannot be opened, even
// padded, and check said only "Records: none could be read" and that it
// was cut short, though nearly every record sat whole on the pages left.
// check now says how many pages are missing and names each record that
// can still be read, whole and passing its checksum; nothing is counted
// as a smaller store.
func TestCheckOfAFileCutShortSaysThePagesMissingAndTheRecordsLeft(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	s, err := Open(path, Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range nhsNumbers(120) {
		r := save(t, s, assessed(t, p))
		ids = append(ids, r.ID.String())
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ms := metas(f)
	f.Close()
	var m boltMeta
	for _, mm := range ms {
		if mm.hwm > m.hwm {
			m = mm
		}
	}
	ps := int64(m.pageSize)
	// Cut at the root page of the newest save: nothing opens it.
	keep := int64(m.root)
	if err := os.WriteFile(path, raw[:keep*ps], 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, _ := OpenCutShort(path); ok {
		t.Fatal("the file cut at its root page opens from a padded copy; this test wants one that does not")
	}
	_, err = Open(path, Options{Timeout: time.Second})
	rep, ok := Unopened(path, err)
	if !ok {
		t.Fatalf("opening the file cut short: %v; want it refused as damaged", err)
	}
	text := rep.String()
	said := strings.Join(strings.Fields(text), " ")
	if rep.OK() {
		t.Fatalf("check passes a file cut short:\n%s", text)
	}
	missing := int64(m.hwm) - keep
	for _, want := range []string{
		"the last " + itoa(missing) + " pages are missing",
		"Records: none counted",
	} {
		if !strings.Contains(said, want) {
			t.Errorf("check does not say %q:\n%s", want, text)
		}
	}
	// Each record whose key lies whole in what is left is named as
	// readable, and nothing else.
	kept := string(raw[:keep*ps])
	listed := 0
	for _, id := range ids {
		in := strings.Contains(text, "  "+id+" (begun ")
		if in {
			listed++
		}
		if in && !strings.Contains(kept, id) {
			t.Errorf("record %s, not in what is left of the file, is named as readable", id)
		}
	}
	if listed == 0 || listed == len(ids) {
		t.Fatalf("%d of %d records named as readable from the file cut at its root page:\n%s", listed, len(ids), text)
	}
	if !strings.Contains(said, itoa(int64(listed))+" records can still be read") {
		t.Errorf("check does not count the %d records it names as readable:\n%s", listed, text)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
