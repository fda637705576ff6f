package ui

import (
	"testing"
	"time"
)

// TestTwoDigitsTypedSlowlyOnTheEthnicListChooseNothing: "2" then "3" about
// a second apart on the ethnic group list, as the plain prompts' 23 would
// be typed by a slow typist (the list has 17): the list comes back
// unanswered with a message, and the 3 is not typed into the postcode box
// after it. (A 1 chooses nothing by itself on this list, and "1 2" is its
// twelfth option: TestTwoDigitsTypedOnALongListChooseTheOptionOfThatNumber.)
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
			p.keys(gap, "2", "3")
			f := d.m.activeForm().focused()
			if f == nil || f.title != "What is your ethnic group?" || f.chosen != -1 {
				t.Fatalf("2 then 3, %v apart, chose on the ethnic list:\n%s", gap, d.screen())
			}
			d.waitFor(`Not an answer: "23"`)
		})
	}
}
