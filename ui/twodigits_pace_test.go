package ui

import (
	"strings"
	"testing"
	"time"
)

// TestTwoDigitsOnTheLanguageListAreOneNumberOnlyWithinTheBurstWindow: on
// the interpreter's language list, "2" then "2" about a second apart were
// refused as the number 22: a clinician who chose Romanian and then, the
// next question on screen, answered it No, had both undone. A digit that
// can begin no number of the list (2, of 11 options) chooses at once, and
// a digit after it is one number with it only within the burst window of
// typed-ahead keys (0.4 s), as a number typed for the plain prompts'
// numbering comes: 0.3 s apart they are refused together; 1 s or 2 s
// apart each answers the question on screen when it came, as on every
// other list (the second answers translated letters, No). (A 1, which
// may begin 10 or 11, waits for the key after it at any pace:
// TestElevenTypedAtAnyPaceOnTheLanguageListIsTheEleventhOption.)
func TestTwoDigitsOnTheLanguageListAreOneNumberOnlyWithinTheBurstWindow(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		gap      time.Duration
		together bool
	}{
		{300 * time.Millisecond, true},
		{time.Second, false},
		{2 * time.Second, false},
	} {
		t.Run(tc.gap.String(), func(t *testing.T) {
			t.Parallel()
			d := toLanguageList(t)
			d.m.refusalHold = refusalHold
			p := newPacer(d)
			p.wait(wordHold) // the list has been read
			p.keys(tc.gap, "2", "2")
			scr := d.screen()
			if tc.together {
				f := d.m.activeForm().focused()
				if f == nil || f.title != "Which language does the interpreter need to speak?" || f.chosen != -1 {
					t.Fatalf("2 then 2, %v apart, chose on the language list:\n%s", tc.gap, scr)
				}
				d.waitFor(`Not an answer: "22"`)
				return
			}
			if strings.Contains(scr, `"22"`) {
				t.Fatalf("2 then 2, %v apart, were taken as the number 22:\n%s", tc.gap, scr)
			}
			d.waitFor("✓ Language: Romanian", "✓ Translated letters: No")
		})
	}
}
