package ui

import (
	"strings"
	"testing"
	"time"
)

// The plain prompts number a long list's options 10, 11 and on; the full
// screen keys them 1-9 and 0, and a 1 that may begin a number of two
// digits chooses nothing by itself (field.opensNumber). A clinician who
// types two digits for one option ("1 1" for the eleventh) must not have
// the first digit chosen and the second typed on into the next question
// (hazard H19): the two are one number, the option of that number; a
// number the list does not have chooses nothing, and the keys after it
// are held as after any refused key.

// TestTwoDigitsTypedOnALongListChooseTheOptionOfThatNumber: "1 0" and
// enter on the interpreter's language list recorded Polish and left the 0
// to the next question; "1 1" and enter recorded Polish and answered
// translated letters Yes; on the ethnic group list "1 0" and enter
// recorded "White: British" and typed 0 into the postcode box. Typed in a
// burst, each is the option of its number, as in the plain prompts, and
// the enter typed with them answers nothing after it; "1 5" on the
// language list, which has 11, chooses nothing.
func TestTwoDigitsTypedOnALongListChooseTheOptionOfThatNumber(t *testing.T) {
	t.Parallel()
	ethnic := func(t *testing.T) *driver {
		d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
		toEthnicList(d)
		return d
	}
	for _, tc := range []struct {
		list, digits, want string // want "": nothing chosen
		open               func(t *testing.T) *driver
	}{
		{"Which language does the interpreter need to speak?", "10", "Italian", toLanguageList},
		{"Which language does the interpreter need to speak?", "11", "Another language", toLanguageList},
		{"Which language does the interpreter need to speak?", "15", "", toLanguageList},
		{"What is your ethnic group?", "10", "Asian or Asian British: Bangladeshi", ethnic},
	} {
		t.Run(tc.digits+" "+tc.list, func(t *testing.T) {
			t.Parallel()
			d := tc.open(t)
			d.m.refusalHold = refusalHold
			time.Sleep(wordHold) // the list has been read
			var f *field
			for _, g := range d.m.sections[d.m.current].form.fields {
				if g.title == tc.list {
					f = g
				}
			}
			burst(d, tc.digits[:1], tc.digits[1:], "enter")
			if s := d.screen(); strings.Contains(s, "✓ Translated") || strings.Contains(s, "✓ Postcode") {
				t.Fatalf("%s typed on the list answered the question after it:\n%s", tc.digits, s)
			}
			if tc.want != "" {
				if f.chosen < 0 || f.options[f.chosen].label != tc.want {
					t.Fatalf("%s typed on the list did not choose %q (chosen %d):\n%s", tc.digits, tc.want, f.chosen, d.screen())
				}
				return
			}
			d.waitFor(tc.list, `Not an answer: "`+tc.digits+`": the options go up to 11.`)
			if f := d.m.activeForm().focused(); f == nil || f.title != tc.list || f.values() != nil || f.chosen != -1 {
				t.Fatalf("%s typed on the list chose an answer:\n%s", tc.digits, d.screen())
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
