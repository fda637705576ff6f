package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestEveryAdjustmentIsShownWholeOnTheResultAt80x24: where the result is
// too long for the screen its reasons are cut to one line each, and the
// adjustments were cut with them ("Do not rely on written messages alone
// (letters, texts, email, th…"), hiding the instruction to staff. Each
// adjustment is now wrapped whole, and the reasons alone are cut.
func TestEveryAdjustmentIsShownWholeOnTheResultAt80x24(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	answerSections(d)
	d.press("end", "enter")
	d.waitFor("Result")
	if !d.m.resultCompact {
		t.Fatalf("the scenario's result fits 80x24 with every reason: it does not test the cut")
	}
	adj := d.m.s.Result().Recommendation.Adjustments
	if len(adj) == 0 {
		t.Fatal("the scenario has no adjustment")
	}
	text, _ := d.m.resultText(d.m.contentWidth(), false)
	flatText := strings.Join(strings.Fields(ansi.Strip(text)), " ")
	for _, a := range adj {
		if !strings.Contains(flatText, strings.Join(strings.Fields(a.Text), " ")) {
			t.Errorf("the adjustment %q is not shown whole on the result:\n%s", a.Text, ansi.Strip(text))
		}
	}
	for _, l := range strings.Split(ansi.Strip(text), "\n") {
		if ansi.StringWidth(l) > d.m.contentWidth() {
			t.Errorf("a line is wider than the screen: %q", l)
		}
	}
	if !strings.Contains(flat(d.screen()), "more below: ↓ or pgdn") {
		t.Errorf("the result does not say how to scroll to the rest:\n%s", d.screen())
	}
}
