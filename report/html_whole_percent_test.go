package report

import (
	"regexp"
	"testing"
)

// The board report's chart tooltips and the words read for its charts gave
// a share to one decimal place ("2026-03: 83.3%", 25 of 30 as shown) under
// disclosure control, where README says the board report's percentages are
// whole numbers, as its tables give them. They are whole there; with
// --exact they keep their tenth, as the tables do.
func TestTheBoardReportsChartsGiveWholePercentagesUnderDisclosureControl(t *testing.T) {
	tenth := regexp.MustCompile(`(<title>[^<]*|Values by period: [^"<]*)\b\d+\.\d%`)
	whole := regexp.MustCompile(`<title>[^<]*: \d+%`)
	_, page := boardHTML(t, Options{By: Month})
	if m := tenth.FindString(page); m != "" {
		t.Errorf("a chart under disclosure control gives a share to a tenth: %q", m)
	}
	if !whole.MatchString(page) {
		t.Error("no chart point gives a whole percentage: the test shows nothing")
	}
	_, page = boardHTML(t, Options{By: Month, Exact: true})
	if !tenth.MatchString(page) {
		t.Error("with --exact no chart point keeps its tenth")
	}
}
