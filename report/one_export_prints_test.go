package report

import (
	"bytes"
	"runtime"
	"testing"
	"time"
)

// TestTheFingerprintsOfASummarysOnlyExportAreNotKept: a fingerprint only
// finds a record in a second export made under another key, so a summary
// given one file (Inputs.Files) has nothing to match them with. They were
// kept as read all the same, about 145 bytes a record: 143 MB of a
// 1,000,000-row pseudonymised export, which with the collector's headroom
// took the summary past its 150 MB budget. With no facts kept (past
// keepLimit), what reading such an export leaves behind is bounded here at
// 40 bytes a row; the same export among two files keeps its fingerprints.
func TestTheFingerprintsOfASummarysOnlyExportAreNotKept(t *testing.T) {
	defer func(n int) { keepLimit = n }(keepLimit)
	keepLimit = 0 // no facts kept: what stays is the rest
	const n = 3000
	st := storeOf(t, nil)
	if _, err := Synthesise(st, SyntheticOptions{Count: n, Seed: 43,
		From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	var exp bytes.Buffer
	if _, err := ExportCSV(&exp, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	file := exp.Bytes()
	rows := int64(bytes.Count(file, []byte("\n")) - 2) // less the header and the end mark
	if rows < n/2 {
		t.Fatalf("the export holds %d rows", rows)
	}
	kept := func(files int) int64 {
		in := &Inputs{Unreadable: &Unreadables{}, CheckBands: true, Files: files}
		before := liveHeap()
		if err := in.AddCSV(bytes.NewReader(file), "export.csv"); err != nil {
			t.Fatal(err)
		}
		k := liveHeap() - before
		runtime.KeepAlive(in)
		return k
	}
	if alone := kept(1); alone/rows > 40 {
		t.Errorf("the only export of a summary, %d rows, keeps %d bytes, %d a row; want at most 40 a row (no fingerprints)", rows, alone, alone/rows)
	}
	if among := kept(2); among/rows < 100 {
		t.Errorf("one of two exports, %d rows, keeps %d bytes, %d a row: its fingerprints, about 145 bytes a row, are lost", rows, among, among/rows)
	}
}
