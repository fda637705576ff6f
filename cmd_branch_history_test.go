package main

import (
	binenc "encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"digicheck/record"
	"digicheck/store"

	"digicheck/internal/testkit"
)

// Damaged stores, fault 6: a page that leads to the records damaged, every
// page of records sound. check counted every record readable and the
// exports held them all, but history of 164 of 257 patients failed ("the
// page holding record ... cannot be read": the page named was the damaged
// branch page), show said "the page this record is kept on is damaged",
// and with one child pointer naming another leaf history said the store
// held no record the patient index names, though every export held it.
// History, show (every version) and follow-up (the latest) read a record
// from its own page, as the exports do.
func TestHistoryAndShowReadRecordsUnderADamagedBranchPage(t *testing.T) {
	t.Parallel()
	testkit.Bulk(t) // the history of each of 257 patients, twice; TestDraftsAreNotReadAsRecordsUnderADamagedBranchPage reads such a store under -race
	clean := syntheticStore(t, "syn", 300, 3)
	bs, size := recordsBranches(t, clean)
	b := bs[0]
	st, err := store.Open(clean, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var all []record.Record
	if err := st.Each(func(r record.Record) error { all = append(all, r); return nil }, nil); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(clean)
	if err != nil {
		t.Fatal(err)
	}
	le := binenc.LittleEndian
	for i, c := range []struct {
		name string
		do   func(buf []byte)
	}{
		{"the branch page zeroed", func(buf []byte) { clear(buf[b.id*size : (b.id+1)*size]) }},
		{"a child pointer names another leaf of its branch", func(buf []byte) {
			le.PutUint64(buf[b.id*size+16+16*5+8:], uint64(b.children[7]))
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			buf := append([]byte(nil), data...)
			c.do(buf)
			p := filepath.Join(t.TempDir(), fmt.Sprintf("d%d.db", i))
			if err := os.WriteFile(p, buf, 0o600); err != nil {
				t.Fatal(err)
			}
			d, err := store.Open(p, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			seen := map[record.PatientID]bool{}
			shown, failed := 0, 0
			for _, r := range all {
				if got, err := d.Get(r.ID); err != nil || got.ID != r.ID {
					if failed++; failed <= 3 {
						t.Errorf("show %s: %v", r.ID, err)
					}
				}
				// show given the start of an id, as a clinician types it.
				if wf, werr := st.Find(r.ID.String()[:8]); werr == nil {
					if gf, err := d.Find(r.ID.String()[:8]); err != nil || gf.ID != wf.ID {
						if failed++; failed <= 3 {
							t.Errorf("show %s: %v", r.ID.String()[:8], err)
						}
					}
				}
				// show reads every version; follow-up the latest.
				want, _ := st.Versions(r.ID)
				if got, err := d.Versions(r.ID); err != nil || len(got) != len(want) {
					if failed++; failed <= 3 {
						t.Errorf("versions of %s: %d, %v; want %d", r.ID, len(got), err, len(want))
					}
				}
				if seen[r.Patient] {
					continue
				}
				seen[r.Patient] = true
				wl, werr := st.Latest(r.Patient)
				if gl, err := d.Latest(r.Patient); gl.ID != wl.ID || (err == nil) != (werr == nil) {
					if failed++; failed <= 3 {
						t.Errorf("latest of %s: %s, %v; want %s", r.Patient.Value, gl.ID, err, wl.ID)
					}
				}
				rs, bad, err := d.HistoryReadable(r.Patient)
				if err != nil || len(bad) > 0 {
					if failed++; failed <= 3 {
						t.Errorf("history of %s: %v, %v", r.Patient.Value, err, bad)
					}
				}
				shown += len(rs)
			}
			if shown != len(all) || failed > 0 {
				t.Errorf("history showed %d of the %d records, and %d reads failed", shown, len(all), failed)
			}
		})
	}
}
