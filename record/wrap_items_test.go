package record

import (
	"strings"
	"testing"
)

// TestAReasonInHistoryKeepsEveryIdWhole: a reason long enough to be broken
// across lines of history (a settled conflict's, naming the server's
// version and record) was broken at the hyphens of the ids in it
// ("272470f5-" / "c05b-448d-…"). It is broken at spaces only, each id whole
// on one line, and no line is wider than the history.
func TestAReasonInHistoryKeepsEveryIdWhole(t *testing.T) {
	ids := []string{"272470f5-c05b-448d-9a1e-0b6f2d5c7e11", "01a23994-e777-7c1b-adce-57759b7c6c79"}
	for pad := range 40 {
		reason := "amended: " + strings.Repeat("x", pad) + " kept the FHIR server's version " + ids[0] + " of this assessment (record " + ids[1] + ", 2026-12-03 01:37 UTC by Sister Okafor) over this machine's"
		lines := wrapItems([]string{"first", reason}, "  ", HistoryWidth)
		joined := strings.Join(lines, "\n")
		for _, id := range ids {
			if !strings.Contains(joined, id) {
				t.Fatalf("pad %d: %s is not whole on a line:\n%s", pad, id, joined)
			}
		}
		for _, l := range lines {
			if len([]rune(l)) > HistoryWidth {
				t.Fatalf("pad %d: a line of %d columns, over %d:\n%s", pad, len([]rune(l)), HistoryWidth, joined)
			}
		}
	}
}
