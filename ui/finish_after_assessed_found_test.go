package ui

import (
	"strings"
	"testing"
	"time"
)

// A save refused because another program held the store, tried again
// once it was free, found the patient assessed already; the clinician,
// going to follow them up instead, went back and pressed ctrl+c: "Finish
// this assessment? It is not in the store, which refused it", when the
// store refused nothing any more (it had just been read) and the answers
// were not saved because the patient has an assessment. The question now
// says that, and that finished they are kept as a draft, the file
// holding them too; f finishes so.
func TestFinishingAfterARetryFoundThePatientAssessedSaysWhyNotSaved(t *testing.T) {
	t.Parallel()
	const file = "/wards/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	read := &heldRead{}
	d, st := notSavedHeld(t, file, read)
	other := earlierAssessment(t, fixedNow.Add(-time.Hour), "Dr B", "Ward 2")
	read.set(false, other)
	d.press("r")
	d.waitFor("This patient was assessed on")
	d.press("esc")
	d.waitFor("Go through the result")
	d.press("ctrl+c")
	s := flat(d.screen())
	if strings.Contains(s, "which refused it") {
		t.Errorf("the question says the store refused the assessment, though the retry read it:\n%s", d.screen())
	}
	for _, w := range []string{"already has an assessment", "kept as a draft", "digicheck-not-saved-0193c0de"} {
		if !strings.Contains(strings.ReplaceAll(s, " ", ""), strings.ReplaceAll(w, " ", "")) {
			t.Errorf("the question does not say %q:\n%s", w, d.screen())
		}
	}
	checkFits(t, d.m.View().Content, 80, 24)
	d.press("f")
	d.aloneEnds()
	if d.m.exit != exitKeep || st.Calls() != 1 {
		t.Errorf("f ended with exit %v after %d saves; want the answers kept, one save tried", d.m.exit, st.Calls())
	}
}
