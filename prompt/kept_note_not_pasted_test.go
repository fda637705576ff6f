package prompt

import (
	"bufio"
	"fmt"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// A save refused as another program held the store keeps the answers and
// note in a file, which says a note pasted from it stands only once these
// answers are saved when the patient's earlier assessments were not
// looked up (the store held from the start), and to remove it otherwise.
// The plain prompts said to paste the note into the patient record: a
// screen-reader user pasted a note the file later said to remove. They
// now say not to paste it until these answers are saved, as the full
// screen does; with the earlier assessments read, and none found, the
// note is to be pasted, as before.
func TestAHeldSaveOfAPatientNotLookedUpSaysNotToPasteTheNoteYet(t *testing.T) {
	for _, c := range []struct {
		name      string
		heldFirst bool
		paste     bool
	}{
		{"held from the start", true, false},
		{"earlier assessments read", false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			const file = "/wards/digicheck-not-saved-x.txt"
			r := testkit.Assessed(t, testkit.Included(nil))
			s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Clinician: "Dr A", Team: "Ward 1"})
			if err := s.SetPatient(r.Patient, "Dr A", "Ward 1"); err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			held := c.heldFirst
			p := &prompter{in: bufio.NewReader(strings.NewReader("1\n")), out: &out, fd: -1, outFd: -1}
			p.o.Assessed = func(record.PatientID) ([]assess.Assessed, error) {
				if held {
					return nil, fmt.Errorf("reading the patient's assessments: %w", &store.Error{Kind: store.ErrLocked, Msg: "in use"})
				}
				return []assess.Assessed{}, nil
			}
			if err := p.assessedBefore(s); err != nil {
				t.Fatal(err)
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
			p.o.Save = func(*record.Record) error {
				held = true
				return heldRefusal{file}
			}
			var saved record.Record
			_ = (&flow{p: p, s: s, gate: map[int]bool{}}).save(&saved)
			said := strings.Join(strings.Fields(out.String()), " ")
			if !strings.Contains(said, "Not saved") || !strings.Contains(said, file) {
				t.Fatalf("the refusal and the file are not said:\n%s", said)
			}
			pasteSaid := strings.Contains(strings.ToLower(said), "paste the note into the patient record")
			notYet := strings.Contains(said, "Do not paste the note until these answers are saved")
			if c.paste && (!pasteSaid || notYet) {
				t.Errorf("the earlier assessments read, the note is not said to be pasted:\n%s", said)
			}
			if !c.paste && (pasteSaid || !notYet) {
				t.Errorf("the earlier assessments not looked up, the clinician is told to paste a note the file says stands only once saved:\n%s", said)
			}
		})
	}
}
