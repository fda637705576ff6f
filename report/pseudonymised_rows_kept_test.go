package report

import (
	"bytes"
	"runtime"
	"testing"
	"time"
)

// TestReadingAPseudonymisedCSVExportKeepsAFewHundredBytesARowNotTheRow:
// a summary of a pseudonymised 1,000,000-row CSV export peaked at 1.7 GB
// where its identifiable export took 377 MB. Each row's patient pseudonym,
// kept to match the export's records with the same records under another
// key, was a slice of the row as the CSV reader read it, and held all of
// it (about 600 bytes) for as long as the summary ran. With the facts
// read again as they are counted (past keepLimit), what an export leaves
// behind once read is the fingerprints of its records, about 150 bytes a
// record: this bounds it at 400.
func TestReadingAPseudonymisedCSVExportKeepsAFewHundredBytesARowNotTheRow(t *testing.T) {
	defer func(n int) { keepLimit = n }(keepLimit)
	keepLimit = 0 // no facts kept: what stays is the rest
	const n = 3000
	st := storeOf(t, nil)
	if _, err := Synthesise(st, SyntheticOptions{Count: n, Seed: 41,
		From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	var exp bytes.Buffer
	if _, err := ExportCSV(&exp, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	file := exp.Bytes()
	rows := bytes.Count(file, []byte("\n")) - 2 // less the header and the end mark
	if rows < n/2 {
		t.Fatalf("the export holds %d rows", rows)
	}
	in := &Inputs{Unreadable: &Unreadables{}, CheckBands: true}
	before := liveHeap()
	if err := in.AddCSV(bytes.NewReader(file), "export.csv"); err != nil {
		t.Fatal(err)
	}
	kept := liveHeap() - before
	runtime.KeepAlive(in)
	perRow := kept / int64(rows)
	if perRow > 400 {
		t.Errorf("reading a pseudonymised export of %d rows (%d bytes a row) keeps %d bytes, %d a row; want at most 400 a row", rows, len(file)/rows, kept, perRow)
	}
	t.Logf("%d rows of %d bytes: %d bytes kept, %d a row", rows, len(file)/rows, kept, perRow)
}

// liveHeap is the bytes of the heap in use once garbage is collected.
func liveHeap() int64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
