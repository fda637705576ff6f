package record

import (
	"testing"

	"digicheck/questionnaire"
)

// Coded needs are compared as the text "key code" each was compared as
// before (where the EHR's flag is raised from), now without making it:
// the same answer for every pair, those that only the joined text tells
// apart and those it cannot.
func TestCodedNeedsCompareAsTheirKeyAndCode(t *testing.T) {
	needs := []questionnaire.CodedNeed{
		{Key: "interpreter", Code: "315591000000109"},
		{Key: "interpreter", Code: "315591000000108"},
		{Key: "bsl", Code: "315591000000109"},
		{Key: "a b", Code: "c"},
		{Key: "a", Code: "b c"},
		{Key: "", Code: ""},
		{Key: "a", Code: ""},
		{Key: "", Code: "a"},
	}
	for _, x := range needs {
		for _, y := range needs {
			want := x.Key+" "+x.Code == y.Key+" "+y.Code
			if got := sameNeedCode(x, y); got != want {
				t.Errorf("sameNeedCode(%q %q, %q %q) = %v; want %v", x.Key, x.Code, y.Key, y.Code, got, want)
			}
		}
	}
}
