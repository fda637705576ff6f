package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"digicheck/record"
)

// A store file cut short (a copy that stopped, a disk that filled): check
// listed the records still whole on the pages left "for IT to recover",
// and no command read them out. Salvage writes each, one JSON line, as it
// was saved: every record left whole and passing its own checksum, once,
// and nothing else.
func TestSalvageWritesEveryWholeRecordLeftInAFileCutShort(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	s, err := Open(path, Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	saved := map[record.ID]record.Record{}
	for _, p := range nhsNumbers(120) {
		r := save(t, s, assessed(t, p))
		saved[r.ID] = r
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var m boltMeta
	for _, mm := range metas(f) {
		if mm.hwm > m.hwm {
			m = mm
		}
	}
	f.Close()
	// Cut at the root page of the newest save, as check's own test does.
	if err := os.WriteFile(path, raw[:int64(m.root)*int64(m.pageSize)], 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Open(path, Options{Timeout: time.Second})
	rep, ok := Unopened(path, err)
	if !ok || rep.cut == nil || len(rep.cut.readable) == 0 {
		t.Fatalf("the file cut short is not reported with records left: %v", err)
	}
	var out bytes.Buffer
	sv, err := Salvage(path, &out)
	if err != nil {
		t.Fatal(err)
	}
	if n := sv.Records; n != len(rep.cut.readable) {
		t.Errorf("Salvage wrote %d records; check lists %d left", n, len(rep.cut.readable))
	}
	got := map[string]bool{}
	// Framed as an NDJSON export (a start line, then the records, then
	// the end mark counting them), every line marked salvaged from a
	// damaged store, so that a summary of the file reads it as such.
	lines := bytes.Split(bytes.TrimSuffix(out.Bytes(), []byte("\n")), []byte("\n"))
	mark, _ := json.Marshal(SalvageMark)
	if want := `{"digicheck_export":"start","damaged_store":` + string(mark) + `}`; string(lines[0]) != want {
		t.Errorf("first line %s; want %s", lines[0], want)
	}
	if want := fmt.Sprintf(`{"digicheck_export":"end","records":%d,"damaged_store":%s}`, sv.Records, mark); string(lines[len(lines)-1]) != want {
		t.Errorf("last line %s; want %s", lines[len(lines)-1], want)
	}
	for _, l := range lines[1 : len(lines)-1] {
		var m map[string]any
		if err := json.Unmarshal(l, &m); err != nil || m["damaged_store"] != SalvageMark {
			t.Errorf("a record's line is not marked salvaged from a damaged store: %s", l)
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(bytes.Join(lines[1:len(lines)-1], []byte("\n"))))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r record.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %q: %v", sc.Bytes(), err)
		}
		if got[r.ID.String()] {
			t.Errorf("record %s written twice", r.ID)
		}
		got[r.ID.String()] = true
		want, ok := saved[r.ID]
		if !ok {
			t.Errorf("record %s written was never saved", r.ID)
			continue
		}
		if !reflect.DeepEqual(normalJSON(t, r), normalJSON(t, want)) {
			t.Errorf("record %s written differs from the one saved:\n%s\n%s", r.ID, normalJSON(t, r), normalJSON(t, want))
		}
	}
	for _, id := range rep.cut.readable {
		if !got[id] {
			t.Errorf("record %s, listed by check as left, was not written", id)
		}
	}
}

// normalJSON is r as JSON read back into a map, for comparing what
// was written with what was saved.
func normalJSON(t *testing.T, r record.Record) map[string]any {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}
