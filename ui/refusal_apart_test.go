package ui

import (
	"strings"
	"testing"
)

// TestARefusalIsSetApartFromTheQuestionUnderIt: a key refused at ctrl+c's
// question, or at "Discard the unfinished assessment …?", was said in the
// same red as the question straight under it, so on a light background
// the two read as one. The question is drawn in the question's style, not
// the refusal's, with a blank line between them.
func TestARefusalIsSetApartFromTheQuestionUnderIt(t *testing.T) {
	t.Parallel()
	check := func(t *testing.T, d *driver, question string) {
		t.Helper()
		lines := strings.Split(d.screen(), "\n")
		for i, l := range lines {
			if !strings.Contains(l, question) {
				continue
			}
			if i == 0 || strings.TrimSpace(lines[i-1]) != "" || i < 2 || !strings.Contains(flat(strings.Join(lines[:i], "\n")), "Not taken") {
				t.Fatalf("no blank line between the refusal and %q:\n%s", question, d.screen())
			}
			if d.m.styles.Question.Render("x") == d.m.styles.Error.Render("x") {
				t.Fatalf("the question's style is the refusal's")
			}
			return
		}
		t.Fatalf("%q is not on screen:\n%s", question, d.screen())
	}
	t.Run("quit", func(t *testing.T) {
		t.Parallel()
		d := atQuitQuestion(t)
		d.m.setTheme(themeLight)
		burst(d, "T")
		check(t, d, "Discard this assessment?")
		st := d.m.status(d.m.contentWidth())
		if !strings.HasSuffix(st, d.m.styles.Question.Render(d.m.quitQuestionNow(d.m.contentWidth()))) {
			t.Fatalf("the question is not in the question's style: %q", st)
		}
	})
	t.Run("discard", func(t *testing.T) {
		t.Parallel()
		d, _ := discardTyping(t)
		d.m.setTheme(themeLight)
		burst(d, "d")
		d.m.refusedAt = d.m.refusedAt.Add(-wordHold) // the question has been read
		burst(d, "T")
		check(t, d, "Discard the unfinished assessment")
	})
}
