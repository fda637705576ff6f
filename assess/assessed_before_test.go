package assess

import (
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

// assessedAt is an assessment of the test patient, made at t by who.
func assessedAt(t *testing.T, at time.Time, who, team string) Assessed {
	t.Helper()
	id, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	r := record.Record{ID: id, Patient: patient, Clinician: who, Team: team, Time: at, Status: record.Completed}
	return Assessed{Current: r, First: r, Short: id.String()[:8]}
}

// A new assessment of a patient who has an assessment that counts says
// so as the patient is given, naming when and by whom, and what to use
// instead: followup to record how its referrals went, amend to correct it.
func TestANewAssessmentOfAPatientAssessedBeforeSaysWhenAndByWhomAndOffersFollowUpAndAmend(t *testing.T) {
	s := start(t, options())
	if err := s.SetPatient(patient, "Dr Ada Test", "Ward 5"); err != nil {
		t.Fatal(err)
	}
	if got := s.AssessedBefore(nil); got != "" {
		t.Errorf("with no earlier assessment it says %q, want nothing", got)
	}
	a := assessedAt(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr A", "Ward 1")
	got := s.AssessedBefore([]Assessed{a})
	for _, want := range []string{
		"Patient 943 476 5919 was assessed on 5 Dec 2026 by Dr A (Ward 1) (record " + a.Short + ")",
		"digicheck followup 9434765919",
		"digicheck amend " + a.Short,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("AssessedBefore =\n%s\nwant it to hold %q", got, want)
		}
	}
	// Several that count: how many, and which is the latest, the one a
	// follow-up follows up.
	b := assessedAt(t, time.Date(2026, 12, 5, 10, 0, 0, 0, time.Local), "Dr F", "Ward 3")
	got = s.AssessedBefore([]Assessed{a, b})
	for _, want := range []string{"has 2 assessments that count", "the latest was made on 5 Dec 2026 by Dr F (Ward 3) (record " + b.Short + ")", "digicheck history 9434765919"} {
		if !strings.Contains(got, want) {
			t.Errorf("AssessedBefore of two =\n%s\nwant it to hold %q", got, want)
		}
	}
	// One followed up by the other: one line of care, said as one.
	a.FollowedUp = true
	if got := s.AssessedBefore([]Assessed{a, b}); !strings.Contains(got, "was assessed on 5 Dec 2026 by Dr F (Ward 3)") || strings.Contains(got, "2 assessments") {
		t.Errorf("AssessedBefore of one followed up by the other =\n%s\nwant it said as one assessment, the latest", got)
	}
	a.FollowedUp = false
	// A follow-up or an amendment is what it suggests: not said there.
	f := start(t, func() Options { o := options(); o.FollowUp = &a.Current; return o }())
	if got := f.AssessedBefore([]Assessed{a}); got != "" {
		t.Errorf("a follow-up says %q, want nothing", got)
	}
}

// Two windows on one patient: the assessment saved in the other after
// this one's patient was given is said before this one is saved; those
// made before it (and amended since) are not, nor is this one's own.
func TestAnAssessmentOfThePatientMadeAfterThisOneBeganIsSaidBeforeTheSave(t *testing.T) {
	now := time.Date(2026, 12, 5, 6, 29, 0, 0, time.Local)
	o := options()
	o.Now = func() time.Time { return now }
	s := start(t, o)
	if err := s.SetPatient(patient, "Dr A", "Ward 1"); err != nil {
		t.Fatal(err)
	}
	before := assessedAt(t, now.Add(-time.Hour), "Dr E", "Ward 4")
	amendedSince := before
	amendedSince.Current.ID, _ = record.NewID()
	amendedSince.Current.Time = now.Add(time.Minute)
	if got := s.SavedMeanwhile([]Assessed{amendedSince}); got != "" {
		t.Errorf("an assessment made before this one began, amended since, is said: %q", got)
	}
	meanwhile := assessedAt(t, now.Add(30*time.Second), "Dr B", "Ward 2")
	got := s.SavedMeanwhile([]Assessed{amendedSince, meanwhile})
	want := "This patient was assessed on 5 Dec 2026 at 06:29 by Dr B (Ward 2) (record " + meanwhile.Short + "), after this assessment was started."
	if got != want {
		t.Errorf("SavedMeanwhile =\n%q\nwant\n%q", got, want)
	}
	own := assessedAt(t, now.Add(time.Minute), "Dr A", "Ward 1")
	own.Current.ID, own.First.ID = s.ID(), s.ID()
	if got := s.SavedMeanwhile([]Assessed{own}); got != "" {
		t.Errorf("this assessment's own record is said: %q", got)
	}
}
