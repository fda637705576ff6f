package report

import (
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/store"
)

// TestRecordsThatDifferBetweenInputsAreNamedWithTheOneCounted: an edited
// export summarised beside the original said only "30 records differ
// between the inputs that hold them; the first read was counted", naming
// no record and no file, and the published counts then hung on the order
// of the arguments. The warning now names each such record (the first
// few), where each version of it was read, and which was counted.
func TestRecordsThatDifferBetweenInputsAreNamedWithTheOneCounted(t *testing.T) {
	a := fixture{n: 1, day: "2025-01-06", team: "Ward 7", bands: questionnaire.Bands{Access: sig}}
	b := a
	b.bands = questionnaire.Bands{Access: some}
	stA, stB := storeOf(t, nil), storeOf(t, nil)
	next := 10
	for _, st := range []*store.Store{stA, stB} {
		for _, r := range append(bulk(t, &next, 0, fixture{}), a.record(t)) {
			if err := st.Save(&r); err != nil {
				t.Fatal(err)
			}
		}
		a = b
	}
	for _, order := range [][2]*store.Store{{stA, stB}, {stB, stA}} {
		in := &Inputs{}
		for _, st := range order {
			if err := in.AddStore(st); err != nil {
				t.Fatal(err)
			}
		}
		s, err := in.Summarise(Options{By: Month, Location: time.UTC, Exact: true})
		if err != nil {
			t.Fatal(err)
		}
		w := s.ConflictWarning()
		first, second := order[0].Path(), order[1].Path()
		id := fixtureID(1).String()
		for _, want := range []string{"1 record is held with different contents in two inputs", id, first + " (counted)", second} {
			if !strings.Contains(w, want) {
				t.Errorf("the warning does not say %q: %s", want, w)
			}
		}
		if strings.Contains(w, second+" (counted)") {
			t.Errorf("the warning says the second read was counted: %s", w)
		}
	}
}
