package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestAHeldSaveFinishedStillHeldSaysThePatientWasNotLookedUp: a new
// assessment on a store another program held from the start to the end,
// its save refused (the answers and the note kept in a file, the note to
// paste), finished while the store is still in use. The end and the file
// said only to start a new assessment of this patient once the store is
// free and give these answers: neither said that the patient's earlier
// assessments had never been looked up (a follow-up may be what is
// needed), nor what becomes of a note pasted from the file if these
// answers are not saved as this assessment. Both now say the patient was
// not looked up, how to look them up in this store (its --db), to follow
// up an earlier assessment instead, and to remove a pasted note then.
func TestAHeldSaveFinishedStillHeldSaysThePatientWasNotLookedUp(t *testing.T) {
	t.Parallel()
	run := startHeldPlainArgs(t, nil, "--db")
	run.typeLines(append(append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...), declinedShown(t)...))
	run.typeLines([]string{"1"}) // save, refused: the store still held
	run.waitForAfter("Not saved:", "Save this assessment? 1. Save 2. Go back Type a number")
	run.typeLines([]string{"q"}) // stop, the answers kept in the file
	out, err := run.end()
	if err == nil {
		t.Errorf("the run ended 0 with the assessment not saved:\n%s", out)
	}
	said := strings.ReplaceAll(strings.Join(strings.Fields(out), " "), " \\ ", " ")
	end := said[strings.LastIndex(said, "Go back")+len("Go back"):]
	for _, want := range []string{"could not be looked up", "digicheck --db " + run.path + " history 9434765919", "digicheck --db " + run.path + " followup 9434765919", "remove it"} {
		if !strings.Contains(end, want) {
			t.Errorf("the end does not say %q (the patient not looked up; how to look them up and follow up in this store; remove a pasted note then):\n%s", want, end)
		}
	}
	kept, _ := filepath.Glob(filepath.Join(run.dir, "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the answers, want 1:\n%s", len(kept), out)
	}
	body := strings.ReplaceAll(strings.Join(strings.Fields(fileBytes(t, kept[0])), " "), " \\ ", " ")
	for _, want := range []string{"could not be looked up", "history 9434765919", "followup 9434765919", "remove it"} {
		if !strings.Contains(body, want) {
			t.Errorf("the file does not say %q:\n%s", want, body)
		}
	}
}
