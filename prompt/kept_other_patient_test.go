package prompt

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestPatientChangedAfterARefusedSaveSaysTheNotePastedIsInTheOtherPatientsRecord:
// a save refused because another program held the store kept the answers
// and note of the patient in a file ("paste the note into the patient
// record"). The clinician went back, found the number wrong, changed the
// patient to H902 and saved once the store was free. The save said a note
// pasted from the file was out of date, "Replace it with this one", and
// printed H902's note: followed, H902's note went into the first
// patient's record. It now says the note pasted went into the record of
// the patient the file named, is not that patient's and is to be removed
// from it, and that this note goes into H902's record; the file, still
// there, is named to delete once that is done.
func TestPatientChangedAfterARefusedSaveSaysTheNotePastedIsInTheOtherPatientsRecord(t *testing.T) {
	r := testkit.Assessed(t, testkit.Included(nil))
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Clinician: "Dr A", Team: "Ward 1"})
	if err := s.SetPatient(r.Patient, "Dr A", "Ward 1"); err != nil {
		t.Fatal(err)
	}
	if w := s.AssessedBefore([]assess.Assessed{}); w != "" {
		t.Fatalf("the patient is said assessed before: %s", w)
	}
	for k := range s.Instrument().Sections {
		if err := s.SetSection(k, r.Answers); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Assess(); err != nil {
		t.Fatal(err)
	}
	s.ShowAll(true)
	for i := range s.Referrals() {
		if err := s.SetConsent(i, questionnaire.Declined); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(t.TempDir(), "digicheck-not-saved-x.txt")
	held := false
	var out strings.Builder
	// Save (refused), Go back; the patient changed; Save.
	p := &prompter{in: bufio.NewReader(&hookedLines{lines: []string{"1", "2", "1", "1", "1"}}), out: &out, fd: -1, outFd: -1}
	p.o.Assessed = func(record.PatientID) ([]assess.Assessed, error) {
		if held {
			return nil, fmt.Errorf("reading the patient's assessments: %w", &store.Error{Kind: store.ErrLocked, Msg: "in use"})
		}
		return nil, nil
	}
	saves := 0
	p.o.Save = func(*record.Record) error {
		saves++
		if saves == 1 {
			if err := os.WriteFile(file, []byte("Patient: "+r.Patient.String()+"\n"), 0o600); err != nil {
				t.Error(err)
			}
			return heldRefusal{file}
		}
		return nil
	}
	f := &flow{p: p, s: s, gate: map[int]bool{}}
	var saved record.Record
	if err := f.save(&saved); !errors.Is(err, errBack) {
		t.Fatalf("the first save, refused, then Go back: %v\n%s", err, out.String())
	}
	first := r.Patient.String()
	now := record.PatientID{Kind: record.LocalID, Value: "H902"}
	if err := s.SetPatient(now, "Dr A", "Ward 1"); err != nil {
		t.Fatal(err)
	}
	if w := s.AssessedBefore([]assess.Assessed{}); w != "" {
		t.Fatalf("the patient is said assessed before: %s", w)
	}
	back := out.Len()
	if err := f.save(&saved); err != nil {
		t.Fatalf("the save for H902: %v\n%s", err, out.String())
	}
	if saves != 2 || saved.Patient != now {
		t.Fatalf("%d saves, the last of %v; want 2, of H902:\n%s", saves, saved.Patient, out.String())
	}
	said := strings.Join(strings.Fields(out.String()[back:]), " ")
	for _, w := range []string{
		"went into the record of patient " + first,
		"is not that patient's: remove it from that record",
		"Paste this note into the record of patient H902",
		"is still there",
		file,
	} {
		if !strings.Contains(said, w) {
			t.Errorf("the save does not say %q:\n%s", w, said)
		}
	}
	for _, w := range []string{"Replace it with this one", "a note already pasted from it is out of date", "stands"} {
		if strings.Contains(said, w) {
			t.Errorf("the save says %q, which puts H902's note in the record of %s:\n%s", w, first, said)
		}
	}
}
