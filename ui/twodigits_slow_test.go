package ui

import (
	"testing"
	"time"
)

// TestTwoDigitsTypedSlowlyOnTheEthnicListChooseNothing: "1" then "2" about
// a second apart on the ethnic group list, as the plain prompts' 12 is
// typed by a slow typist: the list comes back unanswered with a message,
// and the 2 is not typed into the postcode box after it.
func TestTwoDigitsTypedSlowlyOnTheEthnicListChooseNothing(t *testing.T) {
	t.Parallel()
	for _, gap := range []time.Duration{time.Second, 1300 * time.Millisecond, 2 * time.Second} {
		t.Run(gap.String(), func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			toEthnicList(d)
			d.m.refusalHold = refusalHold
			p := newPacer(d)
			p.wait(wordHold) // the list has been read
			p.keys(gap, "1", "2")
			f := d.m.activeForm().focused()
			if f == nil || f.title != "What is your ethnic group?" || f.chosen != -1 {
				t.Fatalf("1 then 2, %v apart, chose on the ethnic list:\n%s", gap, d.screen())
			}
			d.waitFor(`Not an answer: "12"`)
		})
	}
}
