package ui

import (
	"strings"
	"testing"
	"time"
)

// A save refused because another program held the store, tried again
// once it was free, found three of the patient's assessments counting,
// none a follow-up of another, and the read-back said so. Gone back from
// it, ctrl+c asked "Not saved: this patient already has an assessment",
// one: the question now says, as the read-back did, that three count,
// not linked by a follow-up.
func TestFinishingAfterARetryFoundSeveralAssessmentsSaysHowManyCount(t *testing.T) {
	t.Parallel()
	const file = "/wards/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	read := &heldRead{}
	d, _ := notSavedHeld(t, file, read)
	read.set(false,
		earlierAssessment(t, fixedNow.Add(-3*time.Hour), "Dr B", "Ward 2"),
		earlierAssessment(t, fixedNow.Add(-2*time.Hour), "Dr C", "Ward 2"),
		earlierAssessment(t, fixedNow.Add(-time.Hour), "Dr D", "Ward 2"))
	d.press("r")
	d.waitFor("count already")
	d.press("esc")
	d.waitFor("Go through the result")
	d.press("ctrl+c")
	s := strings.ReplaceAll(flat(d.screen()), " ", "")
	if strings.Contains(s, "alreadyhasanassessment") {
		t.Errorf("the question says the patient already has an assessment, one, where three count:\n%s", d.screen())
	}
	for _, w := range []string{"3 assessments that count, not linked by a follow-up", "digicheck-not-saved-0193c0de"} {
		if !strings.Contains(s, strings.ReplaceAll(w, " ", "")) {
			t.Errorf("the question does not say %q:\n%s", w, d.screen())
		}
	}
	checkFits(t, d.m.View().Content, 80, 24)
}
