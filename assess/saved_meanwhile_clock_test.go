package assess

import (
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

// TestAnAssessmentSavedMeanwhileIsSaidWhateverTheClockSays: whether another
// window saved an assessment of the patient after this one began was
// decided by comparing its time with when this one's patient was given,
// on this machine's clock. A clock set back (a shared workstation put
// right, a laptop offline) hid one saved meanwhile; one set forward before
// made an assessment saved before this one began read as saved since. It
// is now decided by the assessments the store held when the patient was
// given (AssessedBefore): one not among them was saved meanwhile,
// whatever the clocks said. A resumed draft keeps them. At the boundary,
// with nothing read when the patient was given, or read for another
// patient, the times are compared as before.
func TestAnAssessmentSavedMeanwhileIsSaidWhateverTheClockSays(t *testing.T) {
	given := time.Date(2026, 12, 5, 10, 0, 0, 0, time.Local)
	now := given
	o := options()
	o.Now = func() time.Time { return now }
	// Made before this one began, on a clock then two hours fast.
	fast := assessedAt(t, given.Add(2*time.Hour), "Dr F", "Ward 1")
	// Made meanwhile in another window, after the clock was set back two
	// hours.
	back := assessedAt(t, given.Add(-2*time.Hour+5*time.Minute), "Dr B", "Ward 2")
	fast.Short, back.Short = "0fa5", "0ba0"
	wantBack := "(record " + back.Short + "), after this assessment was started."

	s := start(t, o)
	if err := s.SetPatient(patient, "Dr A", "Ward 3"); err != nil {
		t.Fatal(err)
	}
	_ = s.AssessedBefore([]Assessed{fast})
	now = given.Add(-2 * time.Hour)
	if got := s.SavedMeanwhile([]Assessed{fast}); got != "" {
		t.Errorf("an assessment the store held when the patient was given, its time on a fast clock, is said: %q", got)
	}
	if got := s.SavedMeanwhile([]Assessed{fast, back}); !strings.HasSuffix(got, wantBack) {
		t.Errorf("an assessment saved meanwhile, on a clock set back, is not said: %q", got)
	}
	// Amended since: not saved meanwhile.
	amended := fast
	amended.Current.ID, _ = record.NewID()
	if got := s.SavedMeanwhile([]Assessed{amended}); got != "" {
		t.Errorf("an assessment held at the start and amended since is said: %q", got)
	}

	// A draft kept and resumed keeps what the store held.
	d, ok := s.Draft()
	if !ok {
		t.Fatal("no draft")
	}
	r, err := Resume(o, d)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.SavedMeanwhile([]Assessed{fast}); got != "" {
		t.Errorf("resumed, an assessment held at the start is said: %q", got)
	}
	if got := r.SavedMeanwhile([]Assessed{fast, back}); !strings.HasSuffix(got, wantBack) {
		t.Errorf("resumed, an assessment saved meanwhile is not said: %q", got)
	}

	// Boundary: nothing read when the patient was given (the store could
	// not be read), or read for another patient: the clock decides, as
	// before.
	for _, read := range []func(*Session){
		func(*Session) {},
		func(s *Session) {
			_ = s.AssessedBefore(nil)
		},
		func(s *Session) {
			other := record.PatientID{Kind: record.NHSNumber, Value: "4010232137"}
			if err := s.SetPatient(other, "Dr A", "Ward 3"); err != nil {
				t.Fatal(err)
			}
			_ = s.AssessedBefore([]Assessed{fast})
			if err := s.SetPatient(patient, "Dr A", "Ward 3"); err != nil {
				t.Fatal(err)
			}
		},
	} {
		now = given
		u := start(t, o)
		if err := u.SetPatient(patient, "Dr A", "Ward 3"); err != nil {
			t.Fatal(err)
		}
		read(u)
		if got := u.SavedMeanwhile([]Assessed{fast}); got == "" {
			t.Errorf("with nothing read at the start, an assessment later by the clock is not said")
		}
	}
}

// TestAnAssessmentByANameKeptWithACharacterThatDrawsNothingIsSaidAsItsCode:
// the words on a patient assessed before, or since this assessment began,
// say who made it; a name or a team an earlier build kept with a Hangul
// filler was said with the filler raw, unseen on either front end. It is
// said as its code.
func TestAnAssessmentByANameKeptWithACharacterThatDrawsNothingIsSaidAsItsCode(t *testing.T) {
	s := start(t, options())
	if err := s.SetPatient(patient, "Dr A", "Ward 3"); err != nil {
		t.Fatal(err)
	}
	_ = s.AssessedBefore([]Assessed{})
	a := assessedAt(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr\u3164Lee", "Ward \u28005")
	for what, got := range map[string]string{"assessed before": s.AssessedBefore([]Assessed{a}), "since": s.SavedMeanwhile([]Assessed{a})} {
		if strings.Contains(got, "\u3164") || strings.Contains(got, "\u2800") || !strings.Contains(got, `by Dr\u3164Lee (Ward \u28005)`) {
			t.Errorf("%s: %q", what, got)
		}
	}
}
