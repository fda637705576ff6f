package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestTheQuitQuestionSaysTheAnswersAreKeptAsADraftUnlessDiscarded: ctrl+c
// asked "Discard this assessment? Its answers have not been saved." while
// a draft of them was kept, and k kept it: a clinician read that the
// answers were lost unless saved now. Where a draft is kept, the question
// says the assessment is kept as a draft, not saved as a record, on one
// line at 80 columns; it fits the smallest window.
func TestTheQuitQuestionSaysTheAnswersAreKeptAsADraftUnlessDiscarded(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	d := newDriver(t, withStore(testOptions(nil), st), 80, 24)
	toSkillsHelp(d)
	d.press("ctrl+c")
	if q := d.m.quitQuestionNow(78); len([]rune(q)) > 78 {
		t.Errorf("the quit question is %d characters, more than a line at 80 columns: %q", len([]rune(q)), q)
	}
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		scr := flat(d.screen())
		if !strings.Contains(scr, "Discard this assessment? It is kept as a draft, not saved as a record.") {
			t.Errorf("at %dx%d the quit question does not say the answers are kept as a draft:\n%s", size[0], size[1], d.screen())
		}
		if strings.Contains(scr, "have not been saved") {
			t.Errorf("at %dx%d the quit question says the answers have not been saved, beside a draft kept:\n%s", size[0], size[1], d.screen())
		}
		checkFits(t, d.m.View().Content, size[0], size[1])
	}
}
