package report

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// whole is the exact count of measure/category over the whole summary.
func whole(t *testing.T, s *Summary, measure, category string) int {
	t.Helper()
	for _, c := range s.Cells {
		if c.Period == All && c.Breakdown == All && c.Measure == measure && c.Category == category {
			return c.Count
		}
	}
	t.Fatalf("no cell %s/%s", measure, category)
	return 0
}

// pooled summarises each set of records as a store of its own, read
// together as two copies of a store are.
func pooled(t *testing.T, copies ...[]fixture) *Summary {
	t.Helper()
	in := &Inputs{}
	for _, c := range copies {
		if err := in.AddStore(storeOf(t, records(t, c))); err != nil {
			t.Fatal(err)
		}
	}
	s, err := in.Summarise(Options{Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestAnAssessmentAmendedDifferentlyInTwoCopiesCountsOnce: the same
// assessment amended one way in one copy of a store and another way in the
// other has two current versions; it is counted once, as the version made
// last, and named.
func TestAnAssessmentAmendedDifferentlyInTwoCopiesCountsOnce(t *testing.T) {
	first := fixture{n: 1, day: "2026-01-05", team: "Ward 7", patient: "P1", bands: questionnaire.Bands{Access: sig}}
	mine := fixture{n: 2, day: "2026-01-06", team: "Ward 7", patient: "P1", status: record.Amended, amends: 1, bands: questionnaire.Bands{Access: some}}
	theirs := fixture{n: 3, day: "2026-01-07", team: "Ward 7", patient: "P1", status: record.Amended, amends: 1, bands: questionnaire.Bands{Access: no}}
	other := fixture{n: 4, day: "2026-01-08", team: "Ward 7", patient: "P4", bands: questionnaire.Bands{Access: sig}}
	for _, order := range [][2][]fixture{
		{{first, mine, other}, {first, theirs}},
		{{first, theirs}, {first, mine, other}}, // whichever is read first
	} {
		s := pooled(t, order[0], order[1])
		if n := whole(t, s, MeasureAssessed, ""); n != 2 {
			t.Errorf("%d assessed, want 2: the forked assessment once, and the other", n)
		}
		if got := [3]int{whole(t, s, MeasureBand(questionnaire.Access), "none"), whole(t, s, MeasureBand(questionnaire.Access), "some"),
			whole(t, s, MeasureBand(questionnaire.Access), "significant")}; got != [3]int{1, 0, 1} {
			t.Errorf("access none, some, significant = %v; want the later amendment's none, and the other's significant", got)
		}
		if len(s.Forks) != 1 || s.Forks[0].Assessment != [16]byte(fixtureID(1)) || s.Forks[0].Counted != [16]byte(fixtureID(3)) || len(s.Forks[0].Versions) != 2 {
			t.Fatalf("forks: %+v", s.Forks)
		}
		w := s.ForkWarnings()
		if len(w) != 1 || !strings.Contains(w[0], fixtureID(2).String()) || !strings.Contains(w[0], "counted once, as "+fixtureID(3).String()) {
			t.Errorf("warning: %q", w)
		}
		if !strings.Contains(strings.Join(s.headingFor(false), "\n"), "1 assessment had been amended differently in different inputs") {
			t.Errorf("the output does not say so: %q", s.headingFor(false))
		}
	}
}

// TestAnAssessmentVoidedInOneCopyAndAmendedInTheOther: a void in either
// copy leaves the assessment uncounted, made before the amendment or
// after it (see TestAVoidInAnyCopyVoidsTheAssessment).
func TestAnAssessmentVoidedInOneCopyAndAmendedInTheOther(t *testing.T) {
	first := fixture{n: 1, day: "2026-01-05", team: "Ward 7", patient: "P1", bands: questionnaire.Bands{Access: sig}}
	for _, c := range []struct {
		voidDay, amendDay string
		assessed          int
	}{
		{"2026-01-07", "2026-01-06", 0},
		{"2026-01-06", "2026-01-07", 0},
	} {
		void := fixture{n: 2, day: c.voidDay, team: "Ward 7", patient: "P1", status: record.EnteredInError, amends: 1}
		amend := fixture{n: 3, day: c.amendDay, team: "Ward 7", patient: "P1", status: record.Amended, amends: 1, bands: questionnaire.Bands{Access: some}}
		s := pooled(t, []fixture{first, void}, []fixture{first, amend})
		if n := whole(t, s, MeasureAssessed, ""); n != c.assessed {
			t.Errorf("void %s, amendment %s: %d assessed, want %d", c.voidDay, c.amendDay, n, c.assessed)
		}
		if len(s.Forks) != 1 || s.Forks[0].Void != (c.assessed == 0) {
			t.Errorf("void %s, amendment %s: forks %+v", c.voidDay, c.amendDay, s.Forks)
		}
	}
}

// TestOneCurrentVersionIsNoFork: an assessment amended twice in a line, or
// the same amendment in both copies, is not a fork.
func TestOneCurrentVersionIsNoFork(t *testing.T) {
	first := fixture{n: 1, day: "2026-01-05", team: "Ward 7", patient: "P1"}
	a := fixture{n: 2, day: "2026-01-06", team: "Ward 7", patient: "P1", status: record.Amended, amends: 1}
	b := fixture{n: 3, day: "2026-01-07", team: "Ward 7", patient: "P1", status: record.Amended, amends: 2}
	s := pooled(t, []fixture{first, a, b}, []fixture{first, a})
	if n := whole(t, s, MeasureAssessed, ""); n != 1 || len(s.Forks) != 0 {
		t.Errorf("%d assessed, forks %+v; want 1 and none", n, s.Forks)
	}
}

// TestNoChangeIsCountedSinceABaselineVoidedAsTheWrongPatient: a follow-up
// counts as an assessment of its patient, but its change since a baseline
// later entered in error (recorded against the wrong patient) compares two
// patients: it is not counted, nor the outcomes of that baseline's
// referrals. Whichever input holds the void, and whatever order they are
// read in.
func TestNoChangeIsCountedSinceABaselineVoidedAsTheWrongPatient(t *testing.T) {
	fs := wardFixtures()
	baseline, followUp := fs[0], fs[7] // 8 follows up 1
	if followUp.followsUp != 1 {
		t.Fatal("the ward fixture's 8 no longer follows up 1")
	}
	void := fixture{n: 20, day: "2026-03-01", team: "Ward 7", patient: "P1", status: record.EnteredInError, amends: 1}
	amended := fixture{n: 21, day: "2026-01-06", team: "Ward 7", patient: "P1", status: record.Amended, amends: 1, bands: questionnaire.Bands{Access: sig}}
	voidOfAmended := fixture{n: 22, day: "2026-03-01", team: "Ward 7", patient: "P1", status: record.EnteredInError, amends: 21}
	// A follow-up of the amended version, as the store requires.
	followUpOfAmended := followUp
	followUpOfAmended.followsUp = 21
	ch := *followUp.change
	ch.Since = fixtureID(21)
	followUpOfAmended.change = &ch
	for _, c := range []struct {
		name     string
		copies   [][]fixture
		compared int
	}{
		{"not voided", [][]fixture{{baseline, followUp}}, 1},
		{"amended, not voided", [][]fixture{{baseline, amended, followUpOfAmended}}, 1},
		{"voided", [][]fixture{{baseline, followUp, void}}, 0},
		{"voided in the other copy", [][]fixture{{baseline, followUp}, {baseline, void}}, 0},
		{"voided in the copy read first", [][]fixture{{baseline, void}, {baseline, followUp}}, 0},
		{"amended, then the amendment voided", [][]fixture{{baseline, amended, followUpOfAmended, voidOfAmended}}, 0},
	} {
		s := pooled(t, c.copies...)
		if n := whole(t, s, MeasureAssessed, ""); n != 2-boolInt(c.compared == 0) {
			t.Errorf("%s: %d assessed", c.name, n)
		}
		if n := whole(t, s, MeasureFollowUp, "compared"); n != c.compared {
			t.Errorf("%s: %d follow-ups compared, want %d", c.name, n, c.compared)
		}
		if n := whole(t, s, MeasureChange(questionnaire.Access), "better"); n != c.compared {
			t.Errorf("%s: %d better in access, want %d", c.name, n, c.compared)
		}
		// With no outcome counted, the programme has no outcome row.
		if n := recordedOutcomes(s, "national-databank"); n != c.compared {
			t.Errorf("%s: %d outcomes recorded of the baseline's referral, want %d", c.name, n, c.compared)
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// recordedOutcomes is the exact number of outcomes recorded of programme
// p's referrals; 0 when there is no row for them.
func recordedOutcomes(s *Summary, p string) int {
	for _, c := range s.Cells {
		if c.Period == All && c.Breakdown == All && c.Measure == MeasureRecorded && c.Category == p {
			return c.Count
		}
	}
	return 0
}
