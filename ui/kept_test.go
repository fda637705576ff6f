package ui

import (
	"strings"
	"testing"

	"digicheck/store"
)

// keptErr is a save refused by a damaged store whose answers were kept in
// a file, as the assess command's save reports it.
type keptErr struct{ path string }

func (e keptErr) Error() string {
	return "answers and note kept in " + e.path + " (paste the note into the patient record) as the store is damaged"
}
func (e keptErr) KeptIn() string { return e.path }

// TestTheQuitQuestionSaysWhereRefusedAnswersAreKept: after the store refused
// a save and the answers were kept in a file, the quit question says they
// stay there, not that they have not been saved, and offers to finish with
// them there, never to discard them (the file named may be the only copy);
// after any other failed save it says they have not been saved.
func TestTheQuitQuestionSaysWhereRefusedAnswersAreKept(t *testing.T) {
	t.Parallel()
	const path = "/var/lib/ward7/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	for _, tc := range []struct {
		fail            error
		ask, want, keys string
		not             string
	}{
		{keptErr{path}, "Finish this assessment?", path, "f finish, answers kept in the file", "discard"},
		{errDiskFull, "Discard this assessment?", "Its answers have not been saved.", "y discard and quit", "kept in"},
	} {
		st := &memStore{fail: tc.fail}
		d := newDriver(t, testOptions(st.Save), 80, 24)
		toReviewQuickly(d)
		d.press("end", "enter")
		d.waitFor("Result")
		answerReferrals(d, firstReferrals)
		saveReadBack(d)
		d.waitFor("Not saved:")
		d.press("ctrl+c")
		d.waitFor(tc.ask, tc.want, tc.keys)
		if s := d.screen(); strings.Contains(s, tc.not) {
			t.Errorf("after a save failed with %q the quit question says %q:\n%s", tc.fail, tc.not, s)
		}
		checkFits(t, d.m.View().Content, 80, 24)
	}
}

// TestWhenDraftsCannotBeKeptQuitOffersAFileAndHandsBackTheAnswers: after
// the store would not keep a draft, the quit question does not offer to
// keep one; k keeps the answers in a file, so the run hands back the
// answers it could not keep (Unkept) for the caller to write there.
func TestWhenDraftsCannotBeKeptQuitOffersAFileAndHandsBackTheAnswers(t *testing.T) {
	t.Parallel()
	o := testOptions((&memStore{}).Save)
	o.Draft = func(*store.Draft) error { return errDiskFull }
	d := newDriver(t, o, 80, 24)
	toSkills(d, "1")
	d.waitFor("could not be kept as a draft: disk full")
	d.press("ctrl+c")
	d.waitFor("Discard this assessment?", "k keep in a file and quit")
	if s := d.screen(); strings.Contains(s, "keep as a draft") {
		t.Errorf("the quit question offers a draft the store will not keep:\n%s", s)
	}
	d.press("k")
	out, _ := d.m.finish(nil)
	if out.Draft != nil || out.DraftErr == nil || out.Unkept == nil || out.Unkept.Patient.Value == "" {
		t.Errorf("finish = draft %v, error %v, unkept %+v; want no draft, the error, and the answers handed back", out.Draft, out.DraftErr, out.Unkept)
	}
}

// TestARefusedSaveIsReadWholeAt80x24: after a save the store did not make,
// the result screen says first that it was not saved and why in a few
// words, then the file the answers are kept in on a line of its own, then
// what to do, all of it on screen at 80x24 (the retest found it cut at
// "Everything is still r", under the footer).
func TestARefusedSaveIsReadWholeAt80x24(t *testing.T) {
	t.Parallel()
	const path = "/var/lib/ward7/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	st := &memStore{fail: keptErr{path}}
	d := newDriver(t, testOptions(st.Save), 80, 24)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved:", "kept in:", path, "Paste the note into the patient record. Press r to try again.")
	checkFits(t, d.m.View().Content, 80, 24)
}
