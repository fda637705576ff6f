package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPatientChangedAfterARefusedSaveSaysTheNotePastedIsInTheOtherPatientsRecord:
// a save refused because another program held the store kept the answers
// and note of patient 943 476 5919 in a file, and the screen said to paste the
// note into the patient record. The clinician found the number wrong,
// changed the patient to H777 at the review and saved once the store was free.
// The saved screen said a note pasted from the file was out of date and
// to replace it with this one: followed, H777's note went into the
// record of 943 476 5919. It now says the note pasted went into that
// patient's record, is not this patient's and is to be removed from it, and that
// this note goes into this patient's record; the file, still there, is
// named to delete once that is done.
func TestPatientChangedAfterARefusedSaveSaysTheNotePastedIsInTheOtherPatientsRecord(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt")
	if err := os.WriteFile(file, []byte("Patient: H777\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	d, st := notSavedHeld(t, file, &heldRead{})
	if p := d.m.keptRec.Patient.String(); p != "943 476 5919" {
		t.Fatalf("the file kept patient %q, want 943 476 5919", p)
	}
	d.press("esc")
	d.waitFor("Check every answer with the patient")
	// The number was wrong: the patient is H777.
	d.press("p")
	d.waitFor("Change patient details", "Identifier")
	d.press("2")
	d.waitFor("Local hospital number")
	d.press(repeat("backspace", 20)...)
	d.typeText("H777")
	d.press("enter")
	d.waitFor("Clinician")
	d.press("enter")
	d.waitFor("Team (optional)")
	d.press("enter")
	d.waitFor("Check every answer with the patient")
	d.press("end", "enter")
	d.waitFor("Result")
	if n := d.m.s.ToAnswer(); n > 0 {
		answerReferrals(d, min(n, firstReferrals))
	}
	saveReadBack(d)
	d.waitFor("Saved")
	if st.Calls() != 2 {
		t.Fatalf("%d saves, want 2", st.Calls())
	}
	f := flat(d.screen())
	for _, w := range []string{
		"went into the record of patient 943 476 5919",
		"is not that patient's: remove it from that record",
		"Paste this note into the record of patient H777",
		"is still there",
		"digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt",
	} {
		if !strings.Contains(f, w) {
			t.Errorf("the saved screen does not say %q:\n%s", w, d.screen())
		}
	}
	for _, w := range []string{"Replace it with this one", "a note already pasted from it is out of date", "stands"} {
		if strings.Contains(f, w) {
			t.Errorf("the saved screen says %q, which puts this patient's note in the other patient's record:\n%s", w, d.screen())
		}
	}
	checkFits(t, d.m.View().Content, 80, 24)
}
