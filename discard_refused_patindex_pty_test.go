//go:build !windows

package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// draftOnDamagedPatient makes the store in dir: six local patients' and
// one NHS patient's (943 476 5919) assessments, a draft of that NHS
// patient's follow-up let go, and that patient's entry of the patient
// index then filed under another number, as one flipped bit files it.
func draftOnDamagedPatient(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var mine record.Record
	for i := range 7 {
		r := testkit.Assessed(t, testkit.Offline(nil))
		if i < 6 {
			r.Patient = record.PatientID{Kind: record.LocalID, Value: fmt.Sprintf("RXH-%05d", 10000+i)}
		}
		if err := st.Save(&r); err != nil {
			t.Fatal(err)
		}
		mine = r
	}
	keptDraft(t, dir, mine.Patient.Value)
	flipIndexEntry(t, path, mine)
	return path
}

// Damaged stores (H27), fault 1: a draft resumed on a patient whose
// patient-index entry is damaged, then discarded at ctrl+c (y, y). The
// store refused to remove it, rightly, but the full screen then said
// "Discarded: ... its answers were not kept": the nurse believed it gone,
// and a colleague could resume it. What is said is what happened: the
// draft is still in the store. And the quit question offers k as what k
// does on such a patient.
func TestADiscardRefusedOnADamagedPatientSaysTheDraftIsStillKept(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	draftOnDamagedPatient(t, dir)
	tm := draftsListRead(t, dir)
	tm.keys("enter")
	tm.waitFor("The store's entries for this patient are damaged")
	time.Sleep(800 * time.Millisecond)
	tm.keys("ctrl+c")
	tm.waitFor("Discard this assessment?")
	screen := tm.vt.Screen()
	if strings.Contains(screen, "keep as a draft and quit") {
		t.Errorf("the quit question offers k to keep a draft, which the damaged store cannot take:\n%s", screen)
	}
	time.Sleep(600 * time.Millisecond)
	tm.keys("y")
	// Asked again, as the store will leave the draft: not "all its
	// answers will be lost".
	tm.waitFor("y yes, ")
	time.Sleep(600 * time.Millisecond)
	if asked := strings.Join(strings.Fields(tm.vt.Screen()), " "); strings.Contains(asked, "All its answers will be lost") || !strings.Contains(asked, "draft stays in the store") {
		t.Errorf("the second question does not say the draft stays in the store:\n%s", tm.vt.Screen())
	}
	tm.keys("y")
	tm.exited()
	said := strings.Join(strings.Fields(tm.vt.Screen()), " ")
	if got := draftsIn(t, dir); len(got) != 1 {
		t.Fatalf("drafts in the store: %v; want the one the damaged store kept", got)
	}
	if strings.Contains(said, "were not kept") || strings.Contains(said, "Discarded:") {
		t.Errorf("the screen says the draft was discarded, though it is still in the store:\n%s", tm.vt.Screen())
	}
	if !strings.Contains(said, "still in the store") {
		t.Errorf("the screen does not say the draft is still in the store:\n%s", tm.vt.Screen())
	}
	if testing.Verbose() {
		t.Log(tm.vt.Screen())
	}
}
