package questionnaire

import (
	"slices"
	"strings"
	"testing"
)

// TestNotAskedNamesEachProgrammeOnce: a programme that several skipped
// questions could open is named once in the list of what they could open,
// known by its id; two programmes that share a name are both kept; a
// record saved before ids were kept is deduplicated by name.
func TestNotAskedNamesEachProgrammeOnce(t *testing.T) {
	tests := []struct {
		name string
		asks []Ask
		want []string
	}{
		{"one programme on two questions", []Ask{
			{LinkID: "a", Programmes: []string{"AbilityNet", "Databank"}, ProgrammeIDs: []string{"abilitynet", "databank"}},
			{LinkID: "b", Programmes: []string{"AbilityNet"}, ProgrammeIDs: []string{"abilitynet"}},
			{LinkID: "c", Programmes: []string{"Databank", "Age UK"}, ProgrammeIDs: []string{"databank", "age-uk"}},
		}, []string{"AbilityNet", "Databank", "Age UK"}},
		{"same name, different programmes", []Ask{
			{LinkID: "a", Programmes: []string{"Digital Champions"}, ProgrammeIDs: []string{"local-champions"}},
			{LinkID: "b", Programmes: []string{"Digital Champions"}, ProgrammeIDs: []string{"national-champions"}},
		}, []string{"Digital Champions", "Digital Champions"}},
		{"saved before ids were kept", []Ask{
			{LinkID: "a", Programmes: []string{"AbilityNet", "Databank"}},
			{LinkID: "b", Programmes: []string{"Databank", "AbilityNet"}},
		}, []string{"AbilityNet", "Databank"}},
		{"nothing skipped", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Recommendation{AskAbout: tt.asks}.AskProgrammes()
			if !slices.Equal(got, tt.want) {
				t.Errorf("AskProgrammes() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestNotAskedOfAnAssessmentRepeatsNoProgramme: with the optional section
// skipped, a patient with no access is asked about several questions that
// open the same programmes; the list of what they could open names each
// of them once, and every one of them.
func TestNotAskedOfAnAssessmentRepeatsNoProgramme(t *testing.T) {
	rec := assess(t, with(Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkAfford: {"often"}})).Recommendation
	var all []string
	for _, q := range rec.AskAbout {
		if len(q.ProgrammeIDs) != len(q.Programmes) {
			t.Fatalf("%s: ids %q for programmes %q", q.LinkID, q.ProgrammeIDs, q.Programmes)
		}
		all = append(all, q.Programmes...)
	}
	got := rec.AskProgrammes()
	if len(all) == len(got) {
		t.Fatalf("no programme hangs on two questions here (%q): the case tests nothing", all)
	}
	seen := map[string]bool{}
	for _, n := range got {
		if seen[n] {
			t.Errorf("%s named twice: %s", n, strings.Join(got, "; "))
		}
		seen[n] = true
	}
	for _, n := range all {
		if !seen[n] {
			t.Errorf("%s left out: %s", n, strings.Join(got, "; "))
		}
	}
}
