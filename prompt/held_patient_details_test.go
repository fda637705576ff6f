package prompt

import (
	"errors"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// The patient's details (the identifier, the number, the clinician, the
// team) came up holding what was given, changed from the review ("Change
// the patient, the clinician or the team") or gone back to with b, and
// took any line at once: "1" typed 0.3 s after "Patient identifier:"
// switched a local number to an NHS number, and "9434765919" 0.3 s after
// "NHS number (10 digits) (press Enter for H100006):" saved the assessment
// under another patient; "Zed" and "Ward9" replaced the clinician and the
// team of an amendment the same way. Held now as every question holding an
// answer is: a line begun within 1.2 s of the prompt is not used, said so,
// and asked again. A new assessment's boxes, empty, hold nothing.

// patientGiven is a new assessment whose patient (local number H100006),
// clinician and team were given, at a terminal whose bursts are bs, each
// question holding an answer held for the reading hold.
func patientGiven(t *testing.T, bs []burst, out *strings.Builder) *flow {
	t.Helper()
	p := heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Team: "Ward7"}, bs, out)
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Team: "Ward7", Now: time.Now})
	if err := s.SetPatient(record.PatientID{Kind: record.LocalID, Value: "H100006"}, "Gil Poe", "Ward7"); err != nil {
		t.Fatal(err)
	}
	return &flow{p: p, s: s, gate: map[int]bool{}}
}

// changedFromReview asks the patient's details as the review's "Change
// the patient, the clinician or the team" does.
func changedFromReview(t *testing.T, f *flow, out *strings.Builder) {
	t.Helper()
	if err := f.p.run(f.patient(), 0, false); err != nil {
		t.Fatalf("patient details: %v\n%s", err, out.String())
	}
}

func TestPatientDetailsChangedFromTheReviewTakeNoLineBeforeTheyAreRead(t *testing.T) {
	t.Parallel()
	for _, at := range []time.Duration{300 * time.Millisecond, 1300 * time.Millisecond} {
		t.Run(at.String(), func(t *testing.T) {
			t.Parallel()
			var out strings.Builder
			// Each prompt gets its line at, and, if that was not used,
			// an Enter once the prompt asked again has been read.
			var bs []burst
			for _, l := range []string{"1", "9434765919", "Zed", "Ward9"} {
				bs = append(bs, burst{after: at, text: l + "\n"})
				if at < readingHold {
					bs = append(bs, burst{after: 1300 * time.Millisecond, text: "\n"})
				}
			}
			f := patientGiven(t, bs, &out)
			changedFromReview(t, f, &out)
			s, said := f.s, flatOut(&out)
			if at < readingHold {
				if got := s.Patient(); got != (record.PatientID{Kind: record.LocalID, Value: "H100006"}) {
					t.Errorf("lines typed %v after each prompt changed the patient to %s, was Local H100006:\n%s", at, got, out.String())
				}
				if s.Clinician() != "Gil Poe" || s.Team() != "Ward7" {
					t.Errorf("lines typed %v after each prompt changed who assessed to %s (%s), was Gil Poe (Ward7):\n%s", at, s.Clinician(), s.Team(), out.String())
				}
				if n := strings.Count(said, unreadLine); n != 4 {
					t.Errorf("a line not used said %d times, want 4 (identifier, number, clinician, team):\n%s", n, out.String())
				}
				return
			}
			// Read, a line changes them as ever.
			if got := s.Patient(); got != (record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}) || s.Clinician() != "Zed" || s.Team() != "Ward9" {
				t.Errorf("lines typed once each prompt was read gave %s, %s (%s); want NHS number 9434765919, Zed (Ward9):\n%s", got, s.Clinician(), s.Team(), out.String())
			}
			if strings.Contains(said, "Not taken") {
				t.Errorf("a line typed once the prompt was read was not taken:\n%s", out.String())
			}
		})
	}
}

// TestAnAmendmentsClinicianAndTeamTakeNoLineBeforeTheyAreRead: amend
// --clinician 'Cy Nurse', its review's "Change the clinician or the team",
// "Zed" typed 0.3 s after "Clinician (press Enter for Cy Nurse):" and an
// Enter 0.3 s after "Team (press Enter for Ward9):" were taken; and the
// clinician box offered with the name amend was given is held as it first
// comes up, as the full screen holds it.
func TestAnAmendmentsClinicianAndTeamTakeNoLineBeforeTheyAreRead(t *testing.T) {
	t.Parallel()
	r := testkit.Assessed(t, heldAnswers.Clone())
	r.ID = record.MustParseID("0190a1b2-0000-7000-8000-0000000000c1")
	r.Team = "Ward7"
	amend := func(bs []burst, out *strings.Builder) *flow {
		p := heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National}, bs, out)
		s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National,
			Clinician: "Cy Nurse", Amend: &r, AmendReason: "fix", Now: time.Now})
		return &flow{p: p, s: s, gate: map[int]bool{}}
	}
	t.Run("first asked", func(t *testing.T) {
		t.Parallel()
		var out strings.Builder
		f := amend([]burst{
			{after: 300 * time.Millisecond, text: "Zed\n"}, {after: 1300 * time.Millisecond, text: "\n"}, // clinician
			{after: 300 * time.Millisecond, text: "Ward9\n"}, // team: typed, none offered by Enter
		}, &out)
		changedFromReview(t, f, &out)
		if f.s.Clinician() != "Cy Nurse" || f.s.Team() != "Ward9" {
			t.Errorf("the amendment is by %s (%s), want Cy Nurse (Ward9):\n%s", f.s.Clinician(), f.s.Team(), out.String())
		}
		if n := strings.Count(flatOut(&out), unreadLine); n != 1 {
			t.Errorf("a line not used said %d times, want 1 (the clinician offered):\n%s", n, out.String())
		}
	})
	t.Run("changed from the review", func(t *testing.T) {
		t.Parallel()
		var out strings.Builder
		f := amend([]burst{
			{after: 300 * time.Millisecond, text: "Zed\n"}, {after: 1300 * time.Millisecond, text: "\n"}, // clinician
			{after: 300 * time.Millisecond, text: "\n"}, {after: 1300 * time.Millisecond, text: "\n"}, // team
		}, &out)
		if err := f.s.SetPatient(f.s.Patient(), "Cy Nurse", "Ward9"); err != nil {
			t.Fatal(err)
		}
		changedFromReview(t, f, &out)
		if f.s.Clinician() != "Cy Nurse" || f.s.Team() != "Ward9" {
			t.Errorf("the amendment is by %s (%s), want Cy Nurse (Ward9):\n%s", f.s.Clinician(), f.s.Team(), out.String())
		}
		if n := strings.Count(flatOut(&out), unreadLine); n != 2 {
			t.Errorf("a line not used said %d times, want 2 (clinician, team):\n%s", n, out.String())
		}
	})
}

// TestANewAssessmentsPatientDetailsAreNotHeldUntilGoneBackTo: a new
// assessment's identifier, number and clinician come up empty, and its team
// holds only the site's: each takes a line at once, as before. Gone back to
// with b, a box holding what was typed is held: "Zed" 0.3 s after
// "Clinician (press Enter for Gil Poe):" is not used, nor "Ward9" after
// "Team (press Enter for Ward7):" once the team was given.
func TestANewAssessmentsPatientDetailsAreNotHeldUntilGoneBackTo(t *testing.T) {
	t.Parallel()
	quick := 100 * time.Millisecond
	var out strings.Builder
	f := &flow{p: heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Team: "Ward7"}, []burst{
		{after: quick, text: "2\n"}, {after: quick, text: "H100006\n"}, {after: quick, text: "Gil Poe\n"},
		{after: quick, text: "b\n"},                                                                  // at the team: back to the clinician
		{after: 300 * time.Millisecond, text: "Zed\n"}, {after: 1300 * time.Millisecond, text: "\n"}, // clinician, held
		{after: quick, text: "\n"}, // the team, not yet given: the site's kept at once
		// the question after the patient: b
		{after: 300 * time.Millisecond, text: "Ward9\n"}, {after: 1300 * time.Millisecond, text: "\n"}, // team, given: held
	}, &out)}
	f.s = assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Team: "Ward7", Now: time.Now})
	back := true
	asks := append(f.patient(), func() error {
		if back {
			back = false
			return errBack
		}
		return nil
	})
	if err := f.p.run(asks, 0, true); err != nil && !errors.Is(err, errFirst) {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	s := f.s
	if got := s.Patient(); got != (record.PatientID{Kind: record.LocalID, Value: "H100006"}) || s.Clinician() != "Gil Poe" || s.Team() != "Ward7" {
		t.Errorf("gave %s, %s (%s); want Local H100006, Gil Poe (Ward7):\n%s", got, s.Clinician(), s.Team(), out.String())
	}
	if n := strings.Count(flatOut(&out), unreadLine); n != 2 {
		t.Errorf("a line not used said %d times, want 2 (the clinician and the team gone back to):\n%s", n, out.String())
	}
}

// TestAClinicianAndATeamGoneBackPastAreKept: b typed at the clinician (or
// the team) went back and emptied it, so coming forward again asked the
// name as if none had been given ("Clinician (type your name):"), and a
// team typed gave way to the site's. What was given stands, and is held as
// it comes up again.
func TestAClinicianAndATeamGoneBackPastAreKept(t *testing.T) {
	t.Parallel()
	quick, read := 100*time.Millisecond, 1300*time.Millisecond
	var out strings.Builder
	f := &flow{p: heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Team: "Ward7"}, []burst{
		{after: quick, text: "2\n"}, {after: quick, text: "H100006\n"}, {after: quick, text: "Gil Poe\n"},
		{after: quick, text: "Ward9\n"},
		// the question after the patient: b
		{after: read, text: "b\n"}, // at the team: back to the clinician
		{after: read, text: "b\n"}, // at the clinician: back to the number
		{after: read, text: "\n"},  // the number kept
		{after: read, text: "\n"},  // the clinician kept
		{after: read, text: "\n"},  // the team kept
	}, &out)}
	f.s = assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Team: "Ward7", Now: time.Now})
	back := true
	asks := append(f.patient(), func() error {
		if back {
			back = false
			return errBack
		}
		return nil
	})
	if err := f.p.run(asks, 0, true); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if s := f.s; s.Clinician() != "Gil Poe" || s.Team() != "Ward9" {
		t.Errorf("by %s (%s), want Gil Poe (Ward9):\n%s", s.Clinician(), s.Team(), out.String())
	}
	if said := flatOut(&out); !strings.Contains(said, "Clinician (press Enter for Gil Poe):") || !strings.Contains(said, "Team (press Enter for Ward9):") {
		t.Errorf("the clinician and the team given are not offered as they come up again:\n%s", out.String())
	}
}
