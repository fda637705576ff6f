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

// assessedOne is a saved assessment of the patient, made at at by Dr B.
func assessedOne(t *testing.T, p record.PatientID, at time.Time) assess.Assessed {
	t.Helper()
	id, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	r := record.Record{ID: id, Patient: p, Clinician: "Dr B", Team: "Ward 2", Time: at, Status: record.Completed}
	return assess.Assessed{Current: r, First: r, Short: id.String()[:8]}
}

// A new assessment of a patient assessed before said nothing of it in the
// plain prompts. It now says when and by whom, with followup and amend,
// and asks: go on with a new assessment, or change the patient. Answers
// piped in are told and go on, as a script's next line is the first
// question's answer.
func TestANewAssessmentOfAPatientAssessedBeforeSaysSoAndAsksWhetherToGoOn(t *testing.T) {
	r := testkit.Assessed(t, testkit.Included(nil))
	before := assessedOne(t, r.Patient, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local))
	start := func() *assess.Session {
		s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Clinician: "Dr A", Team: "Ward 1"})
		if err := s.SetPatient(r.Patient, "Dr A", "Ward 1"); err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, tc := range []struct {
		name, in  string
		fromInput bool
		want      error
	}{
		{"go on", "1\n", true, nil},
		{"change the patient", "2\n", true, errChangePatient},
		{"piped", "", false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			p := &prompter{in: bufio.NewReader(strings.NewReader(tc.in)), out: &out, fd: -1}
			p.o.DraftsFromInput = tc.fromInput
			p.o.Assessed = func(record.PatientID) ([]assess.Assessed, error) { return []assess.Assessed{before}, nil }
			err := p.assessedBefore(start())
			if !errors.Is(err, tc.want) && err != tc.want {
				t.Fatalf("assessedBefore = %v, want %v\n%s", err, tc.want, out.String())
			}
			f := strings.Join(strings.Fields(out.String()), " ")
			for _, w := range []string{"was assessed on 5 Dec 2026 by Dr B (Ward 2) (record " + before.Short + ")", "digicheck followup " + r.Patient.Value, "digicheck amend " + before.Short} {
				if !strings.Contains(f, w) {
					t.Errorf("it does not say %q:\n%s", w, out.String())
				}
			}
		})
	}
}

// Two windows on one patient: an assessment of the patient saved in the
// other after this one began is said on the read-back, before the save
// (which was not warned at all), and the save asks again.
func TestAnAssessmentSavedMeanwhileIsSaidOnThePlainReadBackBeforeTheSave(t *testing.T) {
	r := testkit.Assessed(t, testkit.Included(nil))
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
	other := assessedOne(t, r.Patient, time.Now().Add(time.Minute))
	var out strings.Builder
	saves := 0
	p := &prompter{in: bufio.NewReader(strings.NewReader("1\n")), out: &out, fd: -1}
	p.o.Assessed = func(record.PatientID) ([]assess.Assessed, error) { return []assess.Assessed{other}, nil }
	p.o.Save = func(*record.Record) error { saves++; return nil }
	var saved record.Record
	if err := (&flow{p: p, s: s, gate: map[int]bool{}}).save(&saved); err != nil {
		t.Fatalf("save: %v\n%s", err, out.String())
	}
	o := strings.Join(strings.Fields(out.String()), " ")
	said := strings.Index(o, "(record "+other.Short+"), after this assessment was started.")
	ask := strings.Index(o, "Save these answers as another assessment of this patient?")
	if said < 0 || ask < 0 || said > ask {
		t.Errorf("the read-back does not say, before its question, the assessment saved meanwhile, nor ask to save another:\n%s", o)
	}
	if saves != 1 {
		t.Errorf("%d saves; want one:\n%s", saves, o)
	}
}

// Follow-ups decided "saved meanwhile" by the clocks: the store was read
// as a new assessment's patient was given, never a follow-up's, so an
// assessment of the patient saved in another window on a clock set back
// (a shared workstation put right, a laptop offline) read as made before
// the follow-up began and was saved beside it without a word. A follow-up
// now reads the store as its patient step ends, as a new assessment does,
// and says nothing of it there; one not among those read is said before
// the save, whatever the clocks say.
func TestAFollowUpSaysAnAssessmentSavedMeanwhileOnAClockSetBack(t *testing.T) {
	r := testkit.Assessed(t, testkit.Included(nil))
	given := time.Date(2026, 12, 5, 10, 0, 0, 0, time.Local)
	base := assessedOne(t, r.Patient, given.Add(-24*time.Hour))
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Clinician: "Dr A", Team: "Ward 1",
		FollowUp: &base.Current, Now: func() time.Time { return given }})
	if err := s.SetPatient(r.Patient, "Dr A", "Ward 1"); err != nil {
		t.Fatal(err)
	}
	held := []assess.Assessed{base}
	reads := 0
	var out strings.Builder
	p := &prompter{in: bufio.NewReader(strings.NewReader("")), out: &out, fd: -1}
	p.o.Assessed = func(record.PatientID) ([]assess.Assessed, error) { reads++; return held, nil }
	if err := p.assessedBefore(s); err != nil {
		t.Fatalf("assessedBefore of a follow-up = %v\n%s", err, out.String())
	}
	if reads != 1 {
		t.Errorf("the store was read %d times as the follow-up's patient step ended, want once", reads)
	}
	if strings.TrimSpace(out.String()) != "" {
		t.Errorf("a follow-up says, as it begins, what a new assessment says of a patient assessed before:\n%s", out.String())
	}
	// Saved meanwhile in another window whose clock was two hours slow:
	// by the clocks, made before this follow-up began.
	back := assessedOne(t, r.Patient, given.Add(-2*time.Hour))
	held = []assess.Assessed{base, back}
	p.savedMeanwhile(s)
	if !strings.Contains(p.meanwhile, "(record "+back.Short+"), after this assessment was started.") {
		t.Errorf("an assessment saved meanwhile on a clock set back is not said before a follow-up's save: %q", p.meanwhile)
	}
	// The one followed up, held when it began, is not.
	held = []assess.Assessed{base}
	if p.savedMeanwhile(s); p.meanwhile != "" {
		t.Errorf("the assessment followed up is said as saved meanwhile: %q", p.meanwhile)
	}
}
