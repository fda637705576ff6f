package ui

import (
	"strings"
	"testing"
	"time"
)

// TestEndAndEnterInOneBurstDoNotPassALongReview: at 80x24 the review does
// not fit. The top of it has been on screen a long while; then End and
// Enter come in one burst. The end of the review was on screen for no time
// before that enter, so it is refused, saying why, as every other enter
// typed before its screen could be read is. Once the end has been on
// screen for the word hold, enter passes the review.
func TestEndAndEnterInOneBurstDoNotPassALongReview(t *testing.T) {
	t.Parallel()
	d, _ := atReview(t) // the top has been on view for the word hold
	if !strings.Contains(d.screen(), "▼ more below") {
		t.Fatalf("the review fits at 80x24; the test needs one that does not:\n%s", d.screen())
	}
	// A word hold far longer than End and Enter can take to arrive, on a
	// machine however loaded: the two come in one burst. The top of the
	// review was shown long before.
	d.m.refusalHold = time.Hour
	d.m.reviewAt = time.Now().Add(-24 * time.Hour)
	d.press("end")
	d.press("enter")
	if d.m.screen != reviewScreen {
		t.Fatalf("End and Enter in one burst passed the review, its end never on screen to be read:\n%s", d.screen())
	}
	s := d.screen()
	if !strings.Contains(flat(s), reviewEndJustShown) {
		t.Fatalf("the refused enter did not say why it was not taken:\n%s", s)
	}
	if strings.Contains(s, "▼ more below") {
		t.Fatalf("the refusal scrolled the end of the review out of view:\n%s", s)
	}
	// Read at a clinician's pace: the end stays on screen, then enter.
	d.m.refusalHold = refusalHold
	time.Sleep(wordHold)
	d.press("enter")
	if d.m.screen != resultScreen {
		t.Fatalf("enter once the end of the review had been on screen for the word hold did not pass it:\n%s", d.screen())
	}
}
