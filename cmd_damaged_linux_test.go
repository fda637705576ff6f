package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// Issue 15 (damaged-store retest): on a full disk, the answers of an
// assessment the damaged store refused are kept in the temporary folder,
// and no empty file is left beside the store, where the clinician is told
// to look.
func TestARefusedAssessmentOnAFullDiskLeavesNoEmptyFileBesideTheStore(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=256k,mode=0700"); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	st, err := store.Open(filepath.Join(dir, "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	for chunk := make([]byte, 4<<10); ; {
		if _, err := f.Write(chunk); err != nil {
			break
		}
	}
	for {
		if _, err := f.Write(make([]byte, 64)); err != nil {
			break
		}
	}
	f.Close()

	r := testkit.Assessed(t, testkit.Offline(nil))
	if r.ID, err = record.NewID(); err != nil {
		t.Fatal(err)
	}
	var kept []string
	refused := &store.Error{Kind: store.ErrDamaged, Msg: "the store failed its checks"}
	err = keepRefused(st, &r, refused, &kept, "")
	name := "digicheck-not-saved-" + r.ID.String() + ".txt"
	if _, serr := os.Stat(filepath.Join(dir, name)); serr == nil {
		t.Errorf("a file %s was left beside the store on a full disk", name)
	}
	want := filepath.Join(tmp, name)
	var ke keptError
	if !errors.As(err, &ke) || ke.path != want || !strings.Contains(err.Error(), want) || !errors.Is(err, store.ErrDamaged) {
		t.Fatalf("keepRefused on a full disk = %v; want the answers kept in %s, saying so", err, want)
	}
	if b, _ := os.ReadFile(want); !strings.Contains(string(b), r.ID.String()) {
		t.Errorf("the file kept does not hold the assessment:\n%s", b)
	}
}

// Issue 15 (damaged-store retest, item 1): on a store that cannot be
// written, the clinician is warned before the first question; the refused
// save keeps the answers and note in a file (in the temporary folder when
// the store's folder cannot be written either), the end of the run names
// it, and the run ends with an error, never as if saved.
func TestAnAssessmentOnAStoreThatCannotBeWrittenIsKeptInAFileAndFails(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=4m,mode=0700"); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	path := filepath.Join(dir, "digicheck.db")
	if _, err := store.Open(path, store.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only: %v", err)
	}
	a := testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkTasks: {questionnaire.TaskText}, questionnaire.LinkChoice: {string(questionnaire.RouteApp)},
	}))
	res, err := questionnaire.Current.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	lines := append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...)
	lines = append(lines, declineShown(len(res.Recommendation.Referrals))...)
	lines = append(lines, "1")
	out, err := runNewPiped(t, path, strings.Join(lines, "\n")+"\n")
	if err == nil {
		t.Errorf("an assessment the store could not save ended without an error:\n%s", out)
	}
	// Printed before the prompts start (standard error, here after them).
	if !strings.Contains(out, "Warning: this assessment cannot be saved in the store, which cannot be written") {
		t.Errorf("no warning before the first question that the store cannot be written:\n%s", out)
	}
	kept, _ := filepath.Glob(filepath.Join(tmp, "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the unsaved assessment in %s, want 1:\n%s", len(kept), tmp, out)
	}
	if !strings.Contains(out, "kept in\n"+kept[0]) {
		t.Errorf("the end of the run does not name %s on a line of its own:\n%s", kept[0], out)
	}
	if b := fileBytes(t, kept[0]); !strings.Contains(b, "9434765919") || !strings.Contains(b, `"answers"`) {
		t.Errorf("the kept file lacks the patient or the answers:\n%s", b)
	}
}

// Issue 15 (damaged-store retest, item 2): on a store whose newest save
// may be missing, the warning on the first screen at 80x24 is read whole,
// to its last words, with what to act on first; check's long finding,
// which cut it off at "(transaction 4):", is printed, not boxed.
func TestTheDamagedStoreWarningIsReadWholeAt80x24(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 2)
	if _, _, err := runStoreCmd(t, path, (*app).voidCmd, rs[0].ID.String(), "--reason", "wrong patient", "--clinician", "Dr Void Test"); err != nil {
		t.Fatal(err)
	}
	testkit.FlipMetaTxidBit(t, path, true)
	tm := startTerm(t, t.TempDir(), 80, 24, []string{"DIGICHECK_DB=" + path})
	tm.waitFor("Warning: this assessment cannot be saved in the store, which is damaged:", "The technical reason is printed when digicheck ends.", "NHS number")
	if s := tm.vt.Screen(); strings.Contains(s, "transaction") || strings.Contains(s, "…") {
		t.Errorf("the warning box carries check's finding or is cut:\n%s", s)
	}
	tm.keys("ctrl+c")
	tm.exited()
}

// Issue 15 (damaged-store retest, item 7): on a damaged store, whose
// drafts are refused, the quit question never offers to keep a draft, and
// after y (discard) nothing says a draft could not be kept or removed.
func TestQuitOnADamagedStoreNeverOffersADraft(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 2)
	if _, _, err := runStoreCmd(t, path, (*app).voidCmd, rs[0].ID.String(), "--reason", "wrong patient", "--clinician", "Dr Void Test"); err != nil {
		t.Fatal(err)
	}
	testkit.FlipMetaTxidBit(t, path, true)
	tm := startTerm(t, t.TempDir(), 80, 24, []string{"DIGICHECK_DB=" + path})
	tm.waitFor("NHS number")
	tm.keys("1", "9434765919", "enter")
	tm.waitFor("Clinician")
	tm.keys("Dr A Test") // the clinician types their name: none is filled in
	tm.keys("enter", "enter")
	// The patient was assessed before: said, and a new assessment chosen.
	tm.waitFor("this patient was assessed before", "n new assessment")
	time.Sleep(1500 * time.Millisecond)
	tm.keys("n")
	tm.waitFor("Access · 1 of 5")
	time.Sleep(1500 * time.Millisecond)
	tm.keys("1", "enter", "1", "enter", "1", "enter")
	tm.waitFor("Skills · 2 of 5")
	tm.keys("ctrl+c")
	tm.waitFor("Discard this assessment?", "k keep in a file and quit")
	if s := tm.vt.Screen(); strings.Contains(s, "keep as a draft") {
		t.Errorf("the quit question offers a draft the damaged store refuses:\n%s", s)
	}
	time.Sleep(600 * time.Millisecond) // the question has been read (keys before are ignored)
	tm.discardAtQuit()
	tm.exited()
	if s := tm.vt.Screen(); strings.Contains(s, "could not be kept as a draft") || strings.Contains(s, "could not be removed") {
		t.Errorf("after discarding, digicheck speaks of a draft it never kept:\n%s", s)
	}
}
