package report

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"digicheck/store"
)

// TestARowOfAPseudonymisedCSVExportIsMadeWithoutAllocating: a row of the
// CSV export is made a million times at a million records, on both cores
// at once with the records' reads; its record key was written with
// fmt.Appendf, one allocation and a formatter a row. A row is now made
// into the batch's buffer alone, every field as it was (the exports'
// tests hold the bytes, TestARecordKeyIsWrittenAsPrintfWroteIt the key).
func TestARowOfAPseudonymisedCSVExportIsMadeWithoutAllocating(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "s.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Synthesise(st, SyntheticOptions{Count: 60, Seed: 7, From: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	o := ExportOptions{Key: []byte("a pseudonym key for the tests, 32"), Location: time.UTC}
	pseud, err := o.pseudonymiser()
	if err != nil {
		t.Fatal(err)
	}
	rows := &csvRows{pseud: pseud, loc: o.loc(), precision: PrecisionDate, fp: fingerprints(st, pseud), vs: newVersions(nil)}
	if rows.fp == nil {
		t.Fatal("no fingerprints: the store's secret cannot be read")
	}
	n := 0
	b := make([]byte, 0, 1<<20)
	err = st.EachFactChunk(func(ch store.FactChunk) error {
		if err := rows.vs.resolve(ch.Names()); err != nil {
			return err
		}
		for i := range ch.Len() {
			id, v, err := ch.At(i)
			if err != nil {
				return err
			}
			if b, err = rows.append(b[:0], id, v, ch.Names()); err != nil {
				return err // made once before counting: the day's text, the names' fields
			}
			allocs := testing.AllocsPerRun(20, func() {
				b, err = rows.append(b[:0], id, v, ch.Names())
			})
			if err != nil {
				return err
			}
			if allocs != 0 {
				return fmt.Errorf("the row of record %d of %d took %.0f allocations; want none:\n%s", i, ch.Len(), allocs, b)
			}
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 60 {
		t.Fatalf("%d rows made of 60 records", n)
	}
}

// TestARecordKeyIsWrittenAsPrintfWroteIt: the record key's 8 hex digits,
// written without fmt, are those fmt.Sprintf("%08x") wrote, leading zeros
// and all.
func TestARecordKeyIsWrittenAsPrintfWroteIt(t *testing.T) {
	seen := map[int]bool{}
	for i := range 200_000 {
		var id [16]byte
		id[3], id[9], id[15] = byte(i), byte(i>>8), byte(i>>16)
		k := recordKey(id)
		got, want := string(appendRecordKey([]byte("x,"), id)), "x,"+fmt.Sprintf("%08x", k)
		if got != want {
			t.Fatalf("record key of %x: %q; want %q", id, got, want)
		}
		seen[len(fmt.Sprintf("%x", k))] = true
	}
	if !seen[7] || !seen[8] {
		t.Fatalf("no key with a leading zero among those tried: %v", seen)
	}
}
