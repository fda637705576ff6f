package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestALineWrappedFromAReasonOnTheResultOpensInTheReasonsStyle: the
// reasons are muted and the values are not. A reason wrapped onto a line of
// its own (the result with every reason in full, e) carried no style of its
// own there, so scrolled to that line, the one above it off screen, the
// reason showed in the values' colour, as if it were what to do. Every
// wrapped line now opens with the style in force where it begins.
func TestALineWrappedFromAReasonOnTheResultOpensInTheReasonsStyle(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	answerSections(d)
	d.press("end", "enter")
	d.waitFor("Result")
	d.m.setTheme(themeDark) // a terminal that said its background: the reasons are muted
	x := d.m.styles.Muted.Render("x")
	muted := x[:strings.Index(x, "x")] // the sequences that open a muted run
	if muted == "" {
		t.Fatal("the muted style writes no sequence: the test cannot tell")
	}
	// With every reason in full (e), and cut to the screen, where the
	// routes are still wrapped whole under their label.
	for _, full := range []bool{true, false} {
		text, _ := d.m.resultText(d.m.contentWidth(), full)
		lines := strings.Split(text, "\n")
		at := -1
		for i, l := range lines {
			if strings.HasPrefix(ansi.Strip(l), "Contact by ") {
				at = i
			}
		}
		if at < 0 || at+1 >= len(lines) || !strings.HasPrefix(ansi.Strip(lines[at+1]), strings.Repeat(" ", 13)) {
			t.Fatalf("full %v: no Contact by reason wrapped on the result:\n%s", full, ansi.Strip(text))
		}
		// The line wrapped: the indent under the label, then the reason's
		// style before any of its words.
		if next := strings.TrimLeft(lines[at+1], " "); !strings.HasPrefix(next, muted) {
			t.Errorf("full %v: the reason wrapped under Contact by does not open muted: %q (muted opens %q)", full, lines[at+1], muted)
		}
	}
}
