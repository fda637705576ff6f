package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"digicheck/questionnaire"
	"digicheck/record"
)

// TestTheContactRoutesAreShownWholeUnderTheirLabelsOnTheResultAt80x24:
// where the result is too long for the screen its reasons are cut to one
// line each, and "Contact by" and "Fallback" were cut with them ("Letter ·
// non-digital route; letters in the format they need (pos…"), hiding how
// to reach the patient, which staff act on. Both are now wrapped whole
// under their label, as the adjustments are, and so is the patient's
// choice where it cannot be honoured, with why not; the other reasons are
// still cut, and e still shows them in full.
func TestTheContactRoutesAreShownWholeUnderTheirLabelsOnTheResultAt80x24(t *testing.T) {
	t.Parallel()
	for _, sc := range []struct {
		name string
		to   func(d *driver)
	}{
		{"the scripted patient", func(d *driver) {
			enterPatient(d)
			answerSections(d)
			d.press("end", "enter")
			d.waitFor("Result")
		}},
		{"large print, an interpreter and a screen reader", toResultWithManyNeeds},
	} {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			sc.to(d)
			if !d.m.resultCompact {
				t.Fatalf("the scenario's result fits 80x24 with every reason: it does not test the cut")
			}
			rec := d.m.s.Result().Recommendation
			answers := d.m.s.Answers()
			fb, fbReason := rec.FallbackTextFor(answers)
			text, _ := d.m.resultText(d.m.contentWidth(), false)
			lines := strings.Split(ansi.Strip(text), "\n")
			// The patient's own choice where it cannot be honoured: why not
			// is owed to them ("chose Email, not possible: no smartphone,
			// tablet or computer"), and was cut as the routes were.
			if rec.ChoiceHonoured || rec.Choice == "" {
				t.Fatalf("the scenario's choice is honoured or not given: it does not test the choice's line")
			}
			status, why := record.ChoiceWords(rec)
			for _, r := range []struct{ label, value, reason string }{
				{"Contact by", rec.PrimaryTitle(answers), rec.PrimaryReason},
				{"Fallback", fb, fbReason},
				{"Their choice", rec.Choice.Title() + " (" + status + ")", why},
			} {
				at := -1
				for i, l := range lines {
					if strings.HasPrefix(l, r.label+" ") {
						at = i
						break
					}
				}
				if at < 0 {
					t.Fatalf("no %q line on the result:\n%s", r.label, ansi.Strip(text))
				}
				// The line and those wrapped under its label, indented to
				// the values' column.
				block := []string{strings.TrimPrefix(lines[at], r.label)}
				for _, l := range lines[at+1:] {
					if !strings.HasPrefix(l, strings.Repeat(" ", 13)) || strings.TrimSpace(l) == "" {
						break
					}
					block = append(block, l)
				}
				got := flat(strings.Join(block, " "))
				if want := flat(questionnaire.Printable(r.value) + " · " + r.reason); !strings.HasPrefix(got, want) {
					t.Errorf("%s is not shown whole under its label:\n got %q\nwant %q\n%s", r.label, got, want, ansi.Strip(text))
				}
				if strings.Contains(got, "…") {
					t.Errorf("%s is cut with …: %q", r.label, got)
				}
			}
			for _, l := range lines {
				if ansi.StringWidth(l) > d.m.contentWidth() {
					t.Errorf("a line is wider than the screen: %q", l)
				}
			}
		})
	}
}
