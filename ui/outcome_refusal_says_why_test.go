package ui

import (
	"strings"
	"testing"
	"time"
)

// TestAnOutcomeKeyRefusedSaysItCameBeforeTheQuestionCouldBeRead: a key
// for "Did you go to …?" typed before the question had been on screen for
// the hold was refused with "Not recorded: ask this question of the
// patient. Keys are ignored until Esc.", which does not say why: a
// clinician who had asked the question and typed the answer read it as an
// accusation, or was puzzled (a tester at 80x24). It now says, as the
// refusal of an x on an unread list does, that the key came before the
// question could be read, naming the key, in two rows at 80 columns: the
// reason whole on the first.
func TestAnOutcomeKeyRefusedSaysItCameBeforeTheQuestionCouldBeRead(t *testing.T) {
	t.Parallel()
	for k, name := range map[string]string{"1": `"1"`, "enter": "Enter"} {
		t.Run(k, func(t *testing.T) {
			t.Parallel()
			st := tempStore(t)
			prev := savedScenario(t, st)
			o := withStore(testOptions(nil), st)
			o.FollowUp = &prev
			d := newDriver(t, o, 80, 24)
			d.press("enter")
			d.m.refusalHold = 100 * time.Millisecond // the word hold: 300 ms
			burst(d, "enter", k)
			d.waitFor("Earlier referrals")
			if !d.m.ignoring {
				t.Fatalf("%s typed with the team's enter was not refused:\n%s", name, d.screen())
			}
			why := "Not recorded: " + name + " came before this question could be read."
			var rows []string
			for _, l := range strings.Split(d.screen(), "\n") {
				if l = strings.TrimSpace(l); strings.HasPrefix(l, "Not recorded") {
					rows = append(rows, l)
				} else if len(rows) > 0 && !strings.HasPrefix(l, "esc ") {
					rows = append(rows, l)
				} else if len(rows) > 0 {
					break
				}
			}
			if len(rows) == 0 || !strings.HasPrefix(rows[0], why) {
				t.Fatalf("the refusal does not begin %q on a row of its own:\n%s", why, d.screen())
			}
			if s := strings.Join(rows, " "); len(rows) > 2 || !strings.Contains(s, "Keys are ignored until Esc") || !strings.Contains(s, "ask it of the patient") {
				t.Fatalf("the refusal is not two rows saying keys are ignored until esc, then to ask the question (%d rows):\n%s", len(rows), d.screen())
			}
		})
	}
}
