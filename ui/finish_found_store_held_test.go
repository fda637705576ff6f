package ui

import (
	"strings"
	"testing"
	"time"
)

// A save refused while another program held the store, tried again once
// it was free, found the patient assessed already; by ctrl+c the store may
// be held again, and the screen cannot tell. The question said "Finished,
// they are kept as a draft in the store, and stay in the file too", its
// footer "f finish, kept as a draft": with the store held again no draft
// was kept, the file alone held the answers. The question says what holds
// whatever the store does: the file keeps them; whether a draft does too,
// the end says.
func TestFinishingAfterARetryFoundThePatientAssessedPromisesOnlyTheFile(t *testing.T) {
	t.Parallel()
	const file = "/wards/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	read := &heldRead{}
	d, _ := notSavedHeld(t, file, read)
	read.set(false, earlierAssessment(t, fixedNow.Add(-time.Hour), "Dr B", "Ward 2"))
	d.press("r")
	d.waitFor("This patient was assessed on")
	d.press("esc")
	d.waitFor("Go through the result")
	d.press("ctrl+c")
	d.waitFor("f finish")
	s := flat(d.screen())
	if !strings.Contains(s, "f finish, answers kept in the file") {
		t.Errorf("the footer does not say f keeps the answers in the file:\n%s", d.screen())
	}
	if strings.Contains(s, "finish, kept as a draft") || strings.Contains(s, "Finished, they are kept as a draft in the store") {
		t.Errorf("the question promises a draft in the store, which another program may hold again:\n%s", d.screen())
	}
	for _, w := range []string{"already has an assessment", "stay in the file", "whether they are kept as a draft in the store too", "is said when digicheck ends", "digicheck-not-saved-0193c0de"} {
		if !strings.Contains(strings.ReplaceAll(s, " ", ""), strings.ReplaceAll(w, " ", "")) {
			t.Errorf("the question does not say %q:\n%s", w, d.screen())
		}
	}
	checkFits(t, d.m.View().Content, 80, 24)
}
