package ui

import (
	"strings"
	"testing"
)

// TestALongKeptPathBreaksOnlyAtItsFolders: the file a refused save's
// answers are kept in was wrapped at the hyphens of its record id
// ("…digicheck-not-saved-01a23991-ecc0-7d40-" / "8800-…txt"), so the name
// could not be read or copied whole. A path longer than the line breaks
// after a folder, the file's name whole on a line of its own.
func TestALongKeptPathBreaksOnlyAtItsFolders(t *testing.T) {
	t.Parallel()
	const name = "digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	const path = "/home/community.nurse.team/.local/share/digicheck/" + name
	st := &memStore{fail: keptErr{path}}
	d := newDriver(t, testOptions(st.Save), 80, 24)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved:", "Press r to try again.")
	s := d.screen()
	if !strings.Contains(s, name) || !strings.Contains(s, "/home/community.nurse.team/.local/share/digicheck/") {
		t.Errorf("the kept file's folder and name are not each whole on the screen:\n%s", s)
	}
	checkFits(t, d.m.View().Content, 80, 24)
}

// TestTheQuitQuestionBreaksALongKeptPathOnlyAtItsFolders: the quit
// question after a refused save broke the kept file's path inside its
// record id ("…digicheck-not-saved-01a23a87-3b82-70e6-" / "ba2b-…txt").
func TestTheQuitQuestionBreaksALongKeptPathOnlyAtItsFolders(t *testing.T) {
	t.Parallel()
	const name = "digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	const path = "/home/community.nurse.team/.local/share/digicheck/" + name
	st := &memStore{fail: keptErr{path}}
	d := newDriver(t, testOptions(st.Save), 80, 24)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved:")
	d.press("ctrl+c")
	d.waitFor("Finish this assessment?")
	s := d.screen()
	if !strings.Contains(s, name) || !strings.Contains(s, "/home/community.nurse.team/.local/share/digicheck/") {
		t.Errorf("the quit question does not give the kept file's folder and name each whole:\n%s", s)
	}
	checkFits(t, d.m.View().Content, 80, 24)
}
