package report

import (
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// TestWhichAmendmentWasMadeLastIsNotClaimedWhenTheInputsCannotTellIt: one
// assessment amended differently on two machines a minute apart on the
// same day. The stores keep the time to the nanosecond and count the one
// made last, and say so. Pseudonymised exports keep only the day by
// default, and their ids are pseudonyms, which say nothing of order: they
// must not name the version they count "the one made last", but say that
// which was made last cannot be told from them, and how to count it.
func TestWhichAmendmentWasMadeLastIsNotClaimedWhenTheInputsCannotTellIt(t *testing.T) {
	first := fixture{n: 1, day: "2026-01-05", team: "Ward 7", patient: "P1", bands: questionnaire.Bands{Access: sig}}
	mine := fixture{n: 2, day: "2026-01-06", team: "Ward 7", patient: "P1", status: record.Amended, amends: 1, bands: questionnaire.Bands{Access: some}}
	theirs := fixture{n: 3, day: "2026-01-06", team: "Ward 7", patient: "P1", status: record.Amended, amends: 1, bands: questionnaire.Bands{Access: no}}
	at := func(f fixture, hm string) []record.Record {
		rs := records(t, []fixture{first, f})
		c, err := time.Parse("2006-01-02 15:04:05", f.day+" "+hm)
		if err != nil {
			t.Fatal(err)
		}
		rs[1].Time = c
		return rs
	}
	for _, later := range []int{2, 3} { // whichever was made last
		mineAt, theirsAt := "15:26:35", "15:25:20"
		if later == 3 {
			mineAt, theirsAt = theirsAt, mineAt
		}
		a, b := storeOf(t, at(mine, mineAt)), storeOf(t, at(theirs, theirsAt))

		stores := &Inputs{}
		if err := stores.AddStore(a); err != nil {
			t.Fatal(err)
		}
		if err := stores.AddStore(b); err != nil {
			t.Fatal(err)
		}
		s, err := stores.Summarise(Options{Exact: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Forks) != 1 || s.Forks[0].Counted != [16]byte(fixtureID(later)) {
			t.Fatalf("stores, %d made last: forks %+v", later, s.Forks)
		}
		if w := strings.Join(s.ForkWarnings(), "\n"); !strings.Contains(w, "the one made last") {
			t.Errorf("stores, %d made last: the warning does not say the version counted was made last: %s", later, w)
		}

		exports := &Inputs{}
		addExport(t, exports, exportOf(t, a, FormatCSV, testKey), "a.csv", FormatCSV)
		addExport(t, exports, exportOf(t, b, FormatNDJSON, testKey), "b.ndjson", FormatNDJSON)
		s, err = exports.Summarise(Options{Exact: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Forks) != 1 {
			t.Fatalf("exports, %d made last: forks %+v", later, s.Forks)
		}
		w := strings.Join(s.ForkWarnings(), "\n")
		if strings.Contains(w, ", the one made last") || !strings.Contains(w, "cannot be told") {
			t.Errorf("exports that keep only the day, %d made last: the warning must say which was made last cannot be told, not name one: %s", later, w)
		}
		if note := s.ForkNote(); strings.Contains(note, "as the version made last,") {
			t.Errorf("exports that keep only the day: the note says the version made last was counted: %s", note)
		}
	}
}
