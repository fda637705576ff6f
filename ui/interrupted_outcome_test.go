package ui

import (
	"testing"
)

// TestARunEndedByCtrlCIsSaidToBeInterruptedInItsOutcome: the full screen
// stopped with ctrl+c, the answers kept as a draft (k) or discarded (y, y),
// ended as a run that had finished, and digicheck exited 0, where the plain
// prompts stopped with Ctrl+C exit 130. A run ended by ctrl+c now says so
// in its outcome, for the command to exit as the plain prompts do; one
// ended by quitting from the saved screen, or after "keep going", or by
// ctrl+c with nothing unsaved (no assessment stopped), does not.
func TestARunEndedByCtrlCIsSaidToBeInterruptedInItsOutcome(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		end  func(d *driver)
		want bool
	}{
		{"ctrl+c, then k: kept as a draft", func(d *driver) {
			toSkillsHelp(d)
			d.press("ctrl+c")
			d.waitFor("Discard this assessment?")
			d.press("k")
		}, true},
		{"ctrl+c, then y, y: discarded", func(d *driver) {
			toSkillsHelp(d)
			d.press("ctrl+c")
			d.waitFor("Discard this assessment?")
			d.press("y")
			d.waitFor("Discard it for good?")
			d.press("y")
		}, true},
		{"ctrl+c with nothing unsaved: no assessment stopped", func(d *driver) {
			d.press("ctrl+c")
		}, false},
		{"ctrl+c, keep going, then saved and quit with q", func(d *driver) {
			toReviewQuickly(d)
			d.press("ctrl+c")
			d.waitFor("Discard this assessment?")
			d.press("n")
			d.press("enter")
			answerReferrals(d, firstReferrals)
			saveReadBack(d)
			d.waitFor("Saved ·")
			d.press("q")
		}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			st := tempStore(t)
			d := newDriver(t, withStore(testOptions(nil), st), 80, 24)
			c.end(d)
			out, err := d.m.finish(nil)
			if err != nil {
				t.Fatal(err)
			}
			if out.Interrupted != c.want {
				t.Errorf("Interrupted %v, want %v\n%s", out.Interrupted, c.want, d.screen())
			}
		})
	}
}
