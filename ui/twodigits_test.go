package ui

import (
	"strings"
	"testing"
	"time"
)

// The plain prompts number a long list's options 10, 11 and on; the full
// screen keys them 1-9 and 0, and the arrows reach the rest. A clinician
// who types two digits for one option ("1 0" for the tenth) must not have
// the first digit chosen and the second typed on into the next question
// (hazard H19): both are refused, the list stays unanswered, and the keys
// after them are held as after any refused key.

// TestTwoDigitsTypedOnALongListChooseNothing: "1 0" and enter on the
// interpreter's language list recorded Polish and left the 0 to the next
// question; "1 1" and enter recorded Polish and answered translated
// letters Yes; on the ethnic group list "1 0" and enter recorded "White:
// British" and typed 0 into the postcode box.
func TestTwoDigitsTypedOnALongListChooseNothing(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		list, digits string
		open         func(t *testing.T) *driver
	}{
		{"Which language does the interpreter need to speak?", "10", toLanguageList},
		{"Which language does the interpreter need to speak?", "11", toLanguageList},
		{"What is your ethnic group?", "10", func(t *testing.T) *driver {
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			toEthnicList(d)
			return d
		}},
	} {
		t.Run(tc.digits+" "+tc.list, func(t *testing.T) {
			t.Parallel()
			d := tc.open(t)
			d.m.refusalHold = refusalHold
			time.Sleep(wordHold) // the list has been read
			burst(d, tc.digits[:1], tc.digits[1:], "enter")
			d.waitFor(tc.list, `Not an answer: "`+tc.digits+`": a number of two digits is not a key here`)
			f := d.m.activeForm().focused()
			if f == nil || f.title != tc.list || f.values() != nil || f.chosen != -1 {
				t.Fatalf("%s typed on the list chose an answer:\n%s", tc.digits, d.screen())
			}
			if s := d.screen(); strings.Contains(s, "✓ Language") || strings.Contains(s, "✓ Translated") || strings.Contains(s, "✓ Ethnic") {
				t.Fatalf("%s typed on the list recorded an answer:\n%s", tc.digits, d.screen())
			}
			// The keys still coming are held as after any refused key.
			time.Sleep(refusalHold)
			d.typeText("2")
			if f := d.m.activeForm().focused(); f == nil || f.title != tc.list || f.chosen != -1 {
				t.Fatalf("a key typed within the hold chose on the list:\n%s", d.screen())
			}
		})
	}
}

// TestADigitTypedOnItsOwnOnALongListStillChoosesAtOnce: one digit, then
// enter, chooses and moves on as before; a digit typed on the next
// question once it has been read answers it.
func TestADigitTypedOnItsOwnOnALongListStillChoosesAtOnce(t *testing.T) {
	t.Parallel()
	d := toLanguageList(t)
	d.m.refusalHold = refusalHold
	time.Sleep(wordHold)
	burst(d, "1", "enter")
	d.waitFor("✓ Language: Polish", "Do you need letters written in your own language?")
	time.Sleep(wordHold + 100*time.Millisecond)
	d.typeText("2")
	d.waitFor("✓ Translated letters: No")
}
