package ui

import (
	"fmt"
	"strings"
	"testing"
)

// At 60x20 the result's Referrals heading, the whole list shown, was cut
// mid-word with no ellipsis ("… need an answer · m shows fe"): the key
// that hides the list again went unsaid. It is wrapped, as the lines
// around it are kept whole.
func TestTheReferralsHeadingIsWholeAt60x20(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	d := newDriver(t, testOptions(st.Save), 60, 20)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	n := len(d.m.referrals())
	if n <= firstReferrals {
		t.Fatalf("the scenario has %d referrals: this needs more than %d", n, firstReferrals)
	}
	d.press("m")
	want := fmt.Sprintf("Referrals all %d · the first %d need an answer · m shows fewer", n, firstReferrals)
	seen := d.screen()
	for i := 0; i < 30 && !strings.Contains(flat(seen), "Referrals all"); i++ {
		d.press("down")
		seen = d.screen()
	}
	if !strings.Contains(flat(seen), want) {
		t.Fatalf("the Referrals heading does not say %q whole at 60x20:\n%s", want, seen)
	}
	checkFits(t, d.m.View().Content, 60, 20)
}
