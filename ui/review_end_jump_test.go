package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestEndThatJumpsPastALineLeavesTheReviewUnread: at 60x20 the review is
// more than two windows long, so End from the top jumps past lines that
// were never drawn. An enter once the end has been on screen for the word
// hold is refused still, saying which lines have not been on screen and
// how to see them; once they have been scrolled into view, and the end
// read again after them, enter passes the review.
func TestEndThatJumpsPastALineLeavesTheReviewUnread(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	opts := testOptions(st.Save)
	opts.Team = "Ward 5 Respiratory and Elderly Care" // "By" takes two lines
	d := newDriver(t, opts, 60, 20)
	enterPatient(d)
	answerSections(d)
	d.waitFor("Review")
	d.m.refusalHold = refusalHold
	time.Sleep(wordHold) // the top of the review has been read
	v := &d.m.reviewView
	shown := v.VisibleLineCount()
	d.press("end")
	first := v.YOffset()
	if first <= shown {
		t.Fatalf("End from the top left no line undrawn (%d lines, %d in view, End shows from line %d); the test needs a review more than two windows long:\n%s",
			v.TotalLineCount(), shown, first+1, d.screen())
	}
	time.Sleep(wordHold) // the end has been read
	d.press("enter")
	if d.m.screen != reviewScreen {
		t.Fatalf("enter passed the review, lines %d-%d never on screen:\n%s", shown+1, first, d.screen())
	}
	unread := fmt.Sprintf("line %d", shown+1)
	if first > shown+1 {
		unread = fmt.Sprintf("lines %d-%d", shown+1, first)
	}
	s := flat(d.screen())
	if !strings.Contains(s, unread) || !strings.Contains(s, "↑") {
		t.Fatalf("the refused enter did not say that %s had not been on screen, and how to see it (↑):\n%s", unread, d.screen())
	}
	// The end read again; then PgUp, which draws the unread lines, and
	// Enter in one burst: those lines were on screen for no time, and the
	// end is out of view.
	time.Sleep(wordHold)
	d.press("pgup", "enter")
	if d.m.screen != reviewScreen {
		t.Fatalf("PgUp and Enter in one burst passed the review, the lines PgUp drew on screen for no time:\n%s", d.screen())
	}
	if !strings.Contains(flat(d.screen()), reviewEndAgain) {
		t.Fatalf("the enter refused with the end out of view did not say to go back to it:\n%s", d.screen())
	}
	// The lines PgUp brought up, read (the next key finds them on
	// screen long enough); then back to the end, read at a clinician's
	// pace.
	time.Sleep(refusalHold)
	d.press("end")
	time.Sleep(wordHold)
	d.press("enter")
	if d.m.screen != resultScreen {
		t.Fatalf("enter once every line of the review had been on screen, its end for the word hold, did not pass it:\n%s", d.screen())
	}
}

// readReviewDown scrolls the review to its end a page at a time, as a
// clinician reads it: End from the top of a review more than two windows
// long passes lines never drawn, and the review is not read until they
// have been.
func readReviewDown(d *driver) {
	for {
		// Each page on screen long enough to count (reviewDwell),
		// which the next key finds.
		time.Sleep(d.m.reviewDwell())
		if d.m.reviewView.AtBottom() {
			return
		}
		d.press("pgdown")
	}
}

// TestABurstOfPageDownLeavesTheLinesItPassedUnread: three PgDn typed
// together at 60x20 move the review through windows that View makes and
// the renderer never sends (it sends the last frame only), so their lines
// were never on the terminal. An enter once the end has been read is
// refused, saying which lines and how to see them; read page by page,
// the review passes.
func TestABurstOfPageDownLeavesTheLinesItPassedUnread(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	opts := testOptions(st.Save)
	opts.Team = "Ward 5 Respiratory and Elderly Care"
	d := newDriver(t, opts, 60, 20)
	enterPatient(d)
	answerSections(d)
	d.waitFor("Review")
	d.m.refusalHold = refusalHold
	time.Sleep(wordHold) // the top of the review has been read
	d.screen()
	v := &d.m.reviewView
	shown := v.VisibleLineCount()
	for !v.AtBottom() {
		d.press("pgdown") // each key's window noted as its Update ends
	}
	if v.YOffset() <= shown {
		t.Fatalf("the review is not more than two windows long (%d lines, %d in view); the test needs one:\n%s", v.TotalLineCount(), shown, d.screen())
	}
	time.Sleep(wordHold) // the end has been read
	d.press("enter")
	if d.m.screen != reviewScreen {
		t.Fatalf("enter passed the review after a burst of PgDn, lines %d-%d never on the terminal:\n%s", shown+1, v.YOffset(), d.screen())
	}
	s := flat(d.screen())
	if !strings.Contains(s, "not been on screen") || !strings.Contains(s, "↑") {
		t.Fatalf("the refused enter did not say which lines had not been on screen, and how to see them:\n%s", d.screen())
	}
	// Read page by page from the top, at a clinician's pace.
	d.press("home")
	readReviewDown(d)
	time.Sleep(wordHold)
	d.press("enter")
	if d.m.screen != resultScreen {
		t.Fatalf("enter once every page of the review had been read did not pass it:\n%s", d.screen())
	}
}

// A review line whose text equals one drawn elsewhere (a wrapped answer's
// last word, a blank) is not taken as drawn with it: each line is kept by
// its text and how many lines of that text come before it.
func TestAReviewLineEqualToOneDrawnIsNotTakenAsDrawnWithIt(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	d := newDriver(t, testOptions(st.Save), 60, 20)
	enterPatient(d)
	answerSections(d)
	d.waitFor("Review")
	lines := make([]string, 40)
	for i := range lines {
		lines[i] = fmt.Sprintf("  answer %d", i+1)
	}
	lines[3], lines[30] = "                interpreter", "                interpreter"
	d.m.reviewView.SetContent(strings.Join(lines, "\n"))
	d.m.reviewDrawn, d.m.reviewWin = nil, nil
	d.m.reviewView.GotoTop()
	d.m.noteReviewDrawn() // the top window, line 4 among it, drawn
	if !d.m.reviewDrawn[d.m.reviewKeys()[3]] {
		t.Fatal("the top window's lines were not noted as drawn (the test sets up wrong)")
	}
	lo, hi, _, undrawn := d.m.reviewUndrawn()
	if !undrawn || lo > 30 || hi <= 30 {
		t.Fatalf("line 31, equal to line 4 drawn at the top and never on screen itself, is taken as drawn (first undrawn run: lines %d-%d, undrawn %v)", lo+1, hi, undrawn)
	}
}
