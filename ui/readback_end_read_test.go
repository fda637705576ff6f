package ui

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// On a read-back ("Result · Save?") longer than the window, End and Enter
// (or PgDn and Enter) typed together saved it: its end had been on screen,
// but for no time, so the last referrals' answers were saved without being
// read back. The review was mended for this first; the read-back now does
// the same.

// longClinician and longTeam are as long as their boxes take: with every
// referral answered they make the read-back longer than a 60x20 window.
const (
	longClinician = "Dr Alexandra Montgomery-Fitzwilliam Worthington-Smythe Jones"
	longTeam      = "Community Rehabilitation and Reablement Team North East Zone"
)

// atLongReadBack is an amendment by a clinician and team of long names,
// eight referrals answered, at its read-back at 60x20, which does not fit.
func atLongReadBack(t *testing.T) (*driver, *memStore) {
	t.Helper()
	old := testkit.Assessed(t, testkit.Full(nil))
	refs := old.Recommendation.Referrals
	if len(refs) < 8 {
		t.Fatalf("the record has %d referrals: this needs 8", len(refs))
	}
	for i := range refs[:8] {
		refs[i].Consent = questionnaire.Agreed
		if i%2 == 1 {
			refs[i].Consent = questionnaire.Declined
		}
	}
	old.Recommendation.Referrals, old.Recommendation.Unshown = refs[:8], refs[8:]
	old.Clinician, old.Team = longClinician, longTeam
	st := &memStore{}
	o := testOptions(st.Save)
	o.Clinician = longClinician
	o.Amend, o.AmendReason = &old, "checked again"
	d := newDriver(t, o, 60, 20)
	d.waitFor("Amend assessment", "Clinician")
	d.press("enter", "tab", "enter") // the clinician given; the record's team, by Tab
	d.waitFor("Amendment · Review")
	readReviewDown(d)
	d.press("enter")
	d.waitFor("Amendment · Result")
	readReferral(d)
	d.press("enter")
	if !d.m.confirmSave || st.Calls() != 0 {
		t.Fatalf("the save was not asked about first:\n%s", d.screen())
	}
	if !strings.Contains(d.screen(), "▼ more below") {
		t.Fatalf("the read-back fits at 60x20; the test needs one that does not:\n%s", d.screen())
	}
	return d, st
}

// TestEndAndEnterInOneBurstDoNotSaveALongReadBack: the top of the
// read-back has been on screen a long while; then End and Enter come in
// one burst. The end was on screen for no time before that enter, so it is
// refused, saying why, the end kept in view. Once the end has been on
// screen for the word hold, enter saves.
func TestEndAndEnterInOneBurstDoNotSaveALongReadBack(t *testing.T) {
	t.Parallel()
	for _, scroll := range []string{"end", "pgdown"} {
		t.Run(scroll, func(t *testing.T) {
			t.Parallel()
			d, st := atLongReadBack(t)
			// A word hold far longer than the keys of a burst can take to
			// arrive, on a machine however loaded. The top of the
			// read-back was shown long before.
			d.m.refusalHold = time.Hour
			d.m.confirmAt = time.Now().Add(-24 * time.Hour)
			for i := 0; i < 10 && !d.m.confirmView.AtBottom(); i++ {
				d.press(scroll)
				if scroll == "end" {
					break
				}
			}
			d.press("enter")
			if st.Calls() != 0 || !d.m.confirmSave {
				t.Fatalf("%s and Enter in one burst saved the read-back, its end never on screen to be read:\n%s", scroll, d.screen())
			}
			s := d.screen()
			if !strings.Contains(flat(s), confirmEndJustShown) {
				t.Fatalf("the refused enter did not say why it was not taken:\n%s", s)
			}
			if strings.Contains(s, "▼ more below") {
				t.Fatalf("the refusal scrolled the end of the read-back out of view:\n%s", s)
			}
			// Read at a clinician's pace: the end stays on screen, then
			// enter.
			d.m.refusalHold = refusalHold
			time.Sleep(wordHold)
			d.press("enter")
			d.waitFor("Saved ·")
			if st.Calls() != 1 {
				t.Fatalf("%d saves once the end had been read, want 1", st.Calls())
			}
		})
	}
}

// TestTheReadBacksEndLeftBeforeItIsReadMustBeReadAgain: the end brought
// up and scrolled away at once has not been read; brought up again, its
// wait begins again.
func TestTheReadBacksEndLeftBeforeItIsReadMustBeReadAgain(t *testing.T) {
	t.Parallel()
	d, st := atLongReadBack(t)
	d.m.refusalHold = time.Hour
	d.m.confirmAt = time.Now().Add(-24 * time.Hour)
	d.press("end", "home", "end", "enter")
	if st.Calls() != 0 || !strings.Contains(flat(d.screen()), confirmEndJustShown) {
		t.Fatalf("an enter after the end was shown and left at once was not refused:\n%s", d.screen())
	}
}

var linesOf = regexp.MustCompile(`lines (\d+)-(\d+) of (\d+)`)

// TestTheReadBacksRefusalLeavesTheScrollLineTrue: an enter before the end
// of a long read-back has been on screen is refused, saying to scroll. The
// refusal took three lines of the read-back while the line under it went
// on saying they were shown ("lines 1-12 of 14"): it counts the lines on
// screen, and the last of them is there.
func TestTheReadBacksRefusalLeavesTheScrollLineTrue(t *testing.T) {
	t.Parallel()
	d, st := atLongReadBack(t)
	d.m.confirmAt = time.Now().Add(-24 * time.Hour)
	d.press("enter")
	s := d.screen()
	if st.Calls() != 0 || !strings.Contains(flat(s), confirmUnread) {
		t.Fatalf("an enter with the end of the read-back never on screen was not refused, saying to scroll:\n%s", s)
	}
	got := linesOf.FindStringSubmatch(s)
	if got == nil {
		t.Fatalf("no line says which lines of the read-back are shown:\n%s", s)
	}
	last, _ := strconv.Atoi(got[2])
	text := strings.Split(ansi.Strip(d.m.confirmText(d.m.contentWidth())), "\n")
	if last < 1 || last > len(text) {
		t.Fatalf("the scroll line counts line %d of %d:\n%s", last, len(text), s)
	}
	want := strings.TrimSpace(text[last-1])
	shown := strings.Split(s, "\n")
	at := -1
	for i, l := range shown {
		if strings.Contains(l, confirmAsk) {
			break
		}
		if want != "" && strings.Contains(l, want) {
			at = i
		}
	}
	if at < 0 {
		t.Fatalf("the scroll line says %q, but line %d (%q) is not on screen above the refusal:\n%s", got[0], last, want, s)
	}
	if refusal := strings.Index(s, "Scroll down to read the rest"); refusal < strings.Index(s, want) {
		t.Fatalf("line %d of the read-back (%q) is drawn under the refusal:\n%s", last, want, s)
	}

}

// TestTheKeptFileStaysInViewWhileAnEnterIsRefusedOnTheReadBack: the
// read-back after r, a save refused before, ends with the file the answers
// stay in until saved. An enter too soon was refused, and the refusal hid
// the file's path, leaving "stay in:" with nothing after it and nothing
// saying more was below. The end, in view when the enter came, stays in
// view.
func TestTheKeptFileStaysInViewWhileAnEnterIsRefusedOnTheReadBack(t *testing.T) {
	t.Parallel()
	const file = "/wards/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	read := &heldRead{}
	d, _ := notSavedHeld(t, file, read)
	other := earlierAssessment(t, fixedNow.Add(time.Minute), "Dr B", "Ward 2")
	read.set(false, other)
	d.press("r")
	d.waitFor("Not saved yet: until it is, the answers and note stay in:", file)
	d.m.refusalHold = time.Hour
	d.press("enter")
	s := d.screen()
	if !strings.Contains(flat(s), "Enter not taken") {
		t.Fatalf("an enter straight after the read-back came up was not refused:\n%s", s)
	}
	if !strings.Contains(s, file) {
		t.Fatalf("the refusal hid the file the answers stay in:\n%s", s)
	}
	checkFits(t, d.m.View().Content, 80, 24)
}
