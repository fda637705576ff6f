package ui

import (
	"strings"
	"testing"
)

// TestAReviewLabelLongerThanItsColumnIsShownWhole: "Translated letters"
// was cut to "Translated let…" at 80 columns, which says nothing; a label
// longer than its column wraps under itself, and the answer stays on its
// first line.
func TestAReviewLabelLongerThanItsColumnIsShownWhole(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions(nil), 80, 24)
	for _, w := range []int{58, 78, 98} {
		got := plain(d.m.row(w, "4  Needs", "Translated letters", "Yes"))
		lines := strings.Split(got, "\n")
		if strings.Contains(got, "…") || !strings.Contains(lines[0], "Translated") || len(lines) < 2 || strings.TrimSpace(lines[1]) != "letters" {
			t.Fatalf("at %d columns the label is cut:\n%s", w, got)
		}
		if !strings.HasSuffix(lines[0], "Yes") || !strings.HasPrefix(lines[0], "4  Needs") {
			t.Errorf("at %d columns the answer is not on the label's first line:\n%s", w, got)
		}
		for _, l := range lines {
			if len([]rune(l)) > w {
				t.Errorf("at %d columns a line is %d wide:\n%s", w, len([]rune(l)), got)
			}
		}
	}
	// A label that fits stays on one line.
	if got := plain(d.m.row(78, "", "Devices", "Yes")); strings.Contains(got, "\n") {
		t.Errorf("a short label took two lines:\n%s", got)
	}
}
