package ui

import (
	"strings"
	"testing"
)

// newStoreWarning is the new-store warning the full screen opens with:
// seven lines in the box at 60x20.
const newStoreWarning = "Stop if digicheck was used on this computer before: this store is new and empty. " +
	"Ask IT to find the old one or restore it from a backup.\n" +
	"A new store was made at /home/ward5/.local/share/digicheck/store.db: there was no store there. Earlier assessments, " +
	"drafts and reviews due are not in it."

// TestTheNoticeBoxTakesTheRowsTheFormLeaves: at 60x20 the new-store
// warning's box showed two of its seven lines, "more below", and three
// empty rows under the two answers of the first question. The box takes
// the rows the question leaves, a blank one kept over the status.
func TestTheNoticeBoxTakesTheRowsTheFormLeaves(t *testing.T) {
	t.Parallel()
	o := testOptions(nil)
	o.Notice = newStoreWarning
	d := newDriver(t, o, 60, 20)
	d.waitFor("Identifier", "Local hospital number")
	s := d.screen()
	lines := strings.Split(s, "\n")
	last, status := -1, -1
	for i, l := range lines {
		if strings.Contains(l, "2 ( ) Local hospital number") {
			last = i
		}
		if strings.Contains(l, "Choose an answer") {
			status = i
		}
	}
	if last < 0 || status < 0 {
		t.Fatalf("the first question or its advice is not on screen:\n%s", s)
	}
	if empty := status - last - 1; empty > 1 && strings.Contains(s, "more below") {
		t.Errorf("%d empty rows under the question while the box has more below:\n%s", empty, s)
	}
	if rows := len(noticeRows(s)); rows < 4 {
		t.Errorf("the box shows %d of its lines:\n%s", rows, s)
	}
	checkFits(t, d.m.View().Content, 60, 20)
}

// TestAStatusCutForWantOfRowsSaysSo: a notice longer than the rows the
// status may take was cut mid-sentence at 60x20 with nothing to say so.
// Its last line shown ends in "…".
func TestAStatusCutForWantOfRowsSaysSo(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions(nil), 60, 20)
	enterPatient(d)
	d.waitFor("Access · 1 of 5")
	d.m.notice = strings.Repeat("This notice goes on for longer than the status has rows. ", 10) + "Last words."
	s := d.screen()
	if strings.Contains(s, "Last words.") {
		t.Fatalf("this test needs a notice too long for the status:\n%s", s)
	}
	lines := strings.Split(s, "\n")
	cut := lines[len(lines)-3] // the status's last, over the help's two
	if !strings.HasSuffix(strings.TrimSpace(cut), "…") {
		t.Errorf("the notice is cut with no mark that it is:\n%s", s)
	}
	checkFits(t, d.m.View().Content, 60, 20)
}
