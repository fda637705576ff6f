package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"testing"

	"digicheck/record"
)

// flipPatientEntry flips one bit of the NHS number patient r's entry of
// the patient index is filed under, wherever the file holds it.
func flipPatientEntry(t *testing.T, path string, r record.Record) {
	t.Helper()
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
		b[at+i+len(r.Patient.Kind)+1+4] ^= 1
		at += i + 1
		n++
	}
	if n == 0 {
		t.Fatal("the patient's index entry is not in the file")
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// Damaged stores, fault 4: a patient's entry of the patient index filed
// under another number, and no check run. The assessment of that patient
// kept about twenty drafts in the damaged store, one at each section, and
// only its save was refused, saying "Nothing was written to it". A draft
// of a patient reads that patient's entries as the save does: the first
// draft, kept once the patient's number is given, is refused, the file is
// as it was, and every later write is refused too.
func TestADraftOfAPatientWhoseIndexEntryIsDamagedIsNotKept(t *testing.T) {
	s := openTemp(t)
	for i := range 6 {
		save(t, s, assessed(t, fmt.Sprintf("RXH-%05d", 10000+i)))
	}
	r := save(t, s, assessed(t, nhsPatient))
	for i := range 6 {
		save(t, s, assessed(t, fmt.Sprintf("RXH-%05d", 20000+i)))
	}
	flipPatientEntry(t, s.Path(), r)
	before := fingerprint(t, s.Path())

	s2, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := draftOf(t, nhsPatient)
	if err := s2.SaveDraft(&d); !errors.Is(err, ErrDamaged) {
		t.Errorf("a draft of the patient whose index entry is damaged = %v; want it refused as damaged", err)
	}
	if fingerprint(t, s.Path()) != before {
		t.Errorf("the damaged store was written to")
	}
	if s2.Refused() == nil {
		t.Errorf("after the draft found the damage, writes are not refused")
	}
}
