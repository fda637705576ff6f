package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestAReviewOpenedUnderALongNoticeShowsItsTop: a resumed draft whose
// review would fit the screen whole opens it under a notice of several
// lines (the file a refused save kept its answers in). The notice takes
// lines from the review, and they come off its foot, not its top: the
// clinician sees first whose record it is and who made it, and the line
// under it says more is below. The lines the
// notice hides are not yet read, so an enter then is refused, saying to
// scroll down; read to the end, the review is passed.
func TestAReviewOpenedUnderALongNoticeShowsItsTop(t *testing.T) {
	t.Parallel()
	id, _ := record.NewID()
	dr := store.Draft{Draft: assess.Draft{ID: id,
		Patient:   record.PatientID{Kind: record.LocalID, Value: "H300"},
		Clinician: "Hal", Team: "Ward 9",
		InstrumentVersion: questionnaire.V1.Version, Answers: scenarioAnswers.Clone(),
	}}
	o := testOptions((&memStore{}).Save)
	o.Drafts = offered(dr)
	o.ClaimDraft = func(record.ID) error { return nil }
	notice := "A file kept these answers when the store could not save them:\n/var/lib/digicheck/stores/respiratory-and-elderly-care/north-wing-and-day-unit-on-level-3-of-the-main-block/digicheck-not-saved-" + id.String() +
		".txt\nThis draft holds every one of them: save it here, and do not enter them again from the file."
	o.ClaimNotice = func(record.ID) string { return notice }
	d := newDriver(t, o, 80, 31) // tall enough for the whole review, without the notice
	d.waitFor("Unfinished assessments", "by Hal")
	d.press("enter")
	d.waitFor("Review", "do not enter them again")
	v := &d.m.reviewView
	if v.TotalLineCount() > d.m.bodyHeight() {
		t.Fatalf("the review (%d lines) does not fit the screen whole without the notice (%d lines): the test needs one that does:\n%s",
			v.TotalLineCount(), d.m.bodyHeight(), d.screen())
	}
	if v.TotalLineCount() <= v.Height() {
		t.Fatalf("the notice took no line from the review: the test needs one that does:\n%s", d.screen())
	}
	top := strings.TrimSpace(ansi.Strip(d.m.reviewLines()[0]))
	if v.YOffset() != 0 || !strings.Contains(d.screen(), top) {
		t.Fatalf("the review opened under the notice scrolled to its end: its top line %q is not on screen:\n%s", top, d.screen())
	}
	// The notice, of eight lines, leaves room under it for nothing
	// else: the line that says more is below takes one more line from
	// the review, so the review cut short does not read as whole.
	if !strings.Contains(d.screen(), "▼ more below") {
		t.Fatalf("the review cut short under the notice does not say more of it is below:\n%s", d.screen())
	}
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // what is on screen is read
	d.press("enter")
	if d.m.screen != reviewScreen {
		t.Fatalf("enter passed the review, its foot never on screen:\n%s", d.screen())
	}
	if s := flat(d.screen()); !strings.Contains(s, "Scroll down") {
		t.Fatalf("the enter refused did not say to scroll down to the foot:\n%s", d.screen())
	}
	readReviewDown(d)
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("enter")
	if d.m.screen != resultScreen {
		t.Fatalf("enter once the review was read to its end did not pass it:\n%s", d.screen())
	}
}
