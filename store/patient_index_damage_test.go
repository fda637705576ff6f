package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"testing"

	"digicheck/record"
)

// Damaged stores, fault 4: one bit flipped in a patient's entry of the
// patient index (in the NHS number it is filed under) hid their
// assessment: history said there were none, a follow-up found no
// baseline, and a second baseline was saved into the damaged store with no
// warning. The entries around the patient's own are read against the
// records they name: history and a save for that patient say the index is
// damaged, and nothing is written.
func TestAPatientIndexEntryFiledUnderAnotherNumberStopsHistoryAndSave(t *testing.T) {
	s := openTemp(t)
	for i := range 6 {
		save(t, s, assessed(t, fmt.Sprintf("RXH-%05d", 10000+i)))
	}
	r := save(t, s, assessed(t, nhsPatient))
	for i := range 6 {
		save(t, s, assessed(t, fmt.Sprintf("RXH-%05d", 20000+i)))
	}
	path := s.Path()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	key := patientKey(r.Patient, r.ID)
	n := 0
	for at := 0; ; {
		i := bytes.Index(b[at:], key)
		if i < 0 {
			break
		}
		// The fifth digit of the NHS number, one bit flipped.
		off := at + i + len(r.Patient.Kind) + 1 + 4
		b[off] ^= 1
		at += i + 1
		n++
	}
	if n == 0 {
		t.Fatal("the patient's index entry is not in the file")
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	before := fingerprint(t, path)

	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	h, err := s2.History(r.Patient)
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("History of the patient whose index entry is damaged = %d records, %v; want the index called damaged", len(h), err)
	}
	again := assessed(t, nhsPatient)
	if err := s2.Save(&again); !errors.Is(err, ErrDamaged) {
		t.Errorf("a second assessment of that patient saved into the damaged store: %v; want it refused as damaged", err)
	}
	if after := fingerprint(t, path); after != before {
		t.Error("the damaged store was written to")
	}
	// Another patient, whose entries are sound, is read as before.
	s3, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	other, _ := record.ParsePatientID("RXH-20003")
	if h, err := s3.History(other); err != nil || len(h) != 1 {
		t.Errorf("History of a patient far from the damage = %d records, %v; want 1", len(h), err)
	}
}

// The check of the patient index a save and history make reads the
// patient's number from the facts each record carries, uncompressed: a
// save for a patient among sound records unpacks none of them (unpacking
// the records beside the patient's own took a third of a save's time),
// and a damaged entry is still found (the test above).
func TestTheIndexCheckOfASoundStoreUnpacksNoRecord(t *testing.T) {
	s := openTemp(t)
	for i := range 6 {
		save(t, s, assessed(t, fmt.Sprintf("RXH-%05d", 10000+i)))
	}
	for range 3 {
		save(t, s, assessed(t, nhsPatient))
	}
	for i := range 6 {
		save(t, s, assessed(t, fmt.Sprintf("RXH-%05d", 20000+i)))
	}
	n := indexHeads.Load()
	r := save(t, s, assessed(t, nhsPatient))
	if h, err := s.History(r.Patient); err != nil || len(h) != 4 {
		t.Fatalf("History = %d records, %v; want 4", len(h), err)
	}
	if got := indexHeads.Load() - n; got != 0 {
		t.Errorf("a save and a history of a patient among sound records unpacked %d records to read their patient; want none", got)
	}
}
