package report

import (
	"fmt"
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// TestARecordOnAnotherVersionInAnotherInputSupersedesBoth (issue 13): a
// void kept when conflicts were settled rests on one machine's void on
// one machine and on another machine's amendment on the other, as two
// servers hold it. Whichever export was read first gave the void its
// link, so the other's version stayed current beside it, and the one made
// last (here the amendment, on the same day and sorting after) was
// counted: the wrong-patient assessment counted in one order and not the
// other. Every input's link supersedes: voided in any order.
func TestARecordOnAnotherVersionInAnotherInputSupersedesBoth(t *testing.T) {
	first := fixture{n: 1, day: "2026-01-05", team: "Ward 7", patient: "P1", bands: questionnaire.Bands{Access: sig}}
	voidHere := fixture{n: 2, day: "2026-01-06", team: "Ward 7", patient: "P1", status: record.EnteredInError, amends: 1}
	amended := fixture{n: 4, day: "2026-01-06", team: "Ward 7", patient: "P1", status: record.Amended, amends: 1, bands: questionnaire.Bands{Access: some}}
	keptOnVoid := fixture{n: 3, day: "2026-01-06", team: "Ward 7", patient: "P1", status: record.EnteredInError, amends: 2}
	keptOnAmend := keptOnVoid
	keptOnAmend.amends = 4
	other := fixture{n: 5, day: "2026-01-08", team: "Ward 7", patient: "P4", bands: questionnaire.Bands{Access: sig}}
	one := []fixture{first, voidHere, keptOnVoid, other}
	two := []fixture{first, amended, keptOnAmend, other}
	for _, order := range [][2][]fixture{{one, two}, {two, one}} {
		in := &Inputs{}
		for i, c := range order {
			if err := in.AddNDJSON(strings.NewReader(ndjsonOf(t, records(t, c))), fmt.Sprintf("machine%d.ndjson", i)); err != nil {
				t.Fatal(err)
			}
		}
		s, err := in.Summarise(Options{Exact: true})
		if err != nil {
			t.Fatal(err)
		}
		if n := whole(t, s, MeasureAssessed, ""); n != 1 {
			t.Errorf("%d assessed, want 1: the other patient's, not the voided one", n)
		}
	}
}

// TestAVoidInAnyCopyVoidsTheAssessment: an assessment voided in one copy
// of a store (the wrong patient) and amended later in another, unaware of
// the void, is not counted: a void is never undone but on purpose
// (--undo-void), and the amendment is of the same wrong patient.
func TestAVoidInAnyCopyVoidsTheAssessment(t *testing.T) {
	first := fixture{n: 1, day: "2026-01-05", team: "Ward 7", patient: "P1", bands: questionnaire.Bands{Access: sig}}
	void := fixture{n: 2, day: "2026-01-06", team: "Ward 7", patient: "P1", status: record.EnteredInError, amends: 1}
	amend := fixture{n: 3, day: "2026-01-07", team: "Ward 7", patient: "P1", status: record.Amended, amends: 1, bands: questionnaire.Bands{Access: some}}
	for _, order := range [][2][]fixture{{{first, void}, {first, amend}}, {{first, amend}, {first, void}}} {
		s := pooled(t, order[0], order[1])
		if n := whole(t, s, MeasureAssessed, ""); n != 0 {
			t.Errorf("%d assessed, want 0: voided in one copy", n)
		}
		if len(s.Forks) != 1 || !s.Forks[0].Void || s.Forks[0].Counted != [16]byte(fixtureID(2)) {
			t.Errorf("forks %+v: want one, voided by %s", s.Forks, fixtureID(2))
		}
	}
}
