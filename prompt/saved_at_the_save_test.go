package prompt

import (
	"bufio"
	"errors"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// atTheSave is a new assessment of r's patient answered through to the
// save, every referral declined.
func atTheSave(t *testing.T, r record.Record) *assess.Session {
	t.Helper()
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Clinician: "Dr A", Team: "Ward 1"})
	if err := s.SetPatient(r.Patient, "Dr A", "Ward 1"); err != nil {
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
	return s
}

// Two windows on one patient, the other saving while this one's
// read-back was on view: the store was read for an assessment saved
// meanwhile only as the read-back was printed, so "1. Save" saved a
// second current assessment of the patient without a word. Save now
// reads the store again, and one saved since the read-back is said, and
// asked, in numbered lines, before anything is saved: 2 goes back, saving
// nothing, and 1 saves.
func TestAnAssessmentSavedWhileThePlainReadBackIsOnViewIsSaidAndAskedAtTheSave(t *testing.T) {
	r := testkit.Assessed(t, testkit.Included(nil))
	for _, tc := range []struct {
		name, in string
		saves    int
		want     error
	}{
		{"go back", "1\n2\n", 0, errBack},
		{"save", "1\n1\n", 1, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := atTheSave(t, r)
			other := assessedOne(t, r.Patient, time.Now().Add(time.Minute))
			reads := 0
			var out strings.Builder
			saves := 0
			p := &prompter{in: bufio.NewReader(strings.NewReader(tc.in)), out: &out, fd: -1}
			p.o.Assessed = func(record.PatientID) ([]assess.Assessed, error) {
				// The other window saves after the read-back's read.
				reads++
				if reads == 1 {
					return nil, nil
				}
				return []assess.Assessed{other}, nil
			}
			p.o.Save = func(*record.Record) error { saves++; return nil }
			var saved record.Record
			err := (&flow{p: p, s: s, gate: map[int]bool{}}).save(&saved)
			if !errors.Is(err, tc.want) && err != tc.want {
				t.Fatalf("save = %v, want %v\n%s", err, tc.want, out.String())
			}
			o := strings.Join(strings.Fields(out.String()), " ")
			asked := strings.Index(o, "Save this assessment?")
			said := strings.LastIndex(o, "(record "+other.Short+"), after this assessment was started.")
			if asked < 0 || said < asked {
				t.Fatalf("the assessment saved while the read-back was on view is not said after Save was chosen:\n%s", out.String())
			}
			if !strings.Contains(o[said:], "1. Save as another assessment 2. Go back") {
				t.Errorf("the save is not asked again in numbered lines after saying it:\n%s", out.String())
			}
			if saves != tc.saves {
				t.Errorf("%d saves, want %d:\n%s", saves, tc.saves, out.String())
			}
		})
	}
}
