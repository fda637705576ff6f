package ui

import (
	"strings"
	"testing"
	"time"
)

// TestTheReviewsRefusalLeavesMoreBelowInView: at 80x24 the review does not
// fit; an enter refused on it says why without hiding the line that says
// more of the review is below, and the lines it counts are on screen.
func TestTheReviewsRefusalLeavesMoreBelowInView(t *testing.T) {
	t.Parallel()
	d, _ := atReview(t)
	d.press("end")
	time.Sleep(wordHold)      // all of it read
	d.press("home")           // back at its top
	d.m.reviewAt = time.Now() // the review just shown
	d.press("enter")
	s := d.screen()
	if !strings.Contains(flat(s), "Read the review, then press Enter") {
		t.Fatalf("the enter refused on the review was not said:\n%s", s)
	}
	if !strings.Contains(s, "▼ more below") {
		t.Fatalf("the refusal hid the line saying more of the review is below:\n%s", s)
	}
	// The last line the marker counts is the last line of the body.
	v := d.m.reviewView
	lines := strings.Split(v.GetContent(), "\n")
	last := strings.TrimSpace(plain(lines[min(v.YOffset()+v.Height(), len(lines))-1]))
	if !strings.Contains(s, last) {
		t.Fatalf("the marker counts line %q, which is not on screen:\n%s", last, s)
	}
}
