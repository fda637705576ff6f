package ui

import (
	"strings"
	"testing"
)

// The notice of a draft kept elsewhere gives the command that resumes it
// in a sentence. Wrapped as prose, "digicheck --db /tmp/…/s.db" broke at
// the hyphen of --db at 60 columns ("run digicheck --" / "db /tmp/…"), and
// pasted as two lines it ran "digicheck --" and then "db …". The command
// stays whole on one line, at every width it fits.
func TestTheCommandThatResumesADraftKeptElsewhereIsNotBrokenAtItsFlag(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	latest := amendmentDraft(t, prev, fixedNow)
	cmd := "digicheck --db /tmp/tcap52/s.db"
	how := "To resume it, run " + cmd + " with no command and choose it from the list of unfinished assessments."
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	o.Elsewhere = []Elsewhere{{Draft: latest, How: how}}
	for _, size := range [][2]int{{60, 20}, {64, 20}, {80, 24}} {
		d := newDriver(t, o, size[0], size[1])
		d.press("enter", "enter")
		d.waitFor("An unfinished amendment of NHS 943 476 5919", "n follow-up anyway")
		found := false
		for _, l := range strings.Split(d.screen(), "\n") {
			if strings.Contains(l, cmd) {
				found = true
			}
			if t := strings.TrimRight(l, " "); strings.HasSuffix(t, "--") || strings.HasSuffix(t, "digicheck") {
				found = false
				break
			}
		}
		if !found {
			t.Errorf("%dx%d: the command %q is not whole on one line:\n%s", size[0], size[1], cmd, d.screen())
		}
		checkFits(t, d.m.View().Content, size[0], size[1])
	}
}
