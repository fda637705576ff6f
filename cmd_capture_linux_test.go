package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"digicheck/store"
)

// TestPlainPromptsSayWhyTheFileIsInTheTemporaryFolder: on a store whose
// folder cannot be written either, the warning before the first question
// says the answers go to the temporary folder, not beside the store, and
// the end of the run says why the file named is there.
func TestPlainPromptsSayWhyTheFileIsInTheTemporaryFolder(t *testing.T) {
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
	lines := append(append([]string{}, pipedPatient...), pipedAccess...)
	out, err := runNewPiped(t, path, strings.Join(lines, "\n")+"\n")
	if err == nil {
		t.Fatal("an unfinished assessment ended without an error")
	}
	flat := strings.Join(strings.Fields(out), " ")
	if !strings.Contains(flat, "kept in a file in the temporary folder (the store's folder cannot be written)") || strings.Contains(flat, "kept in a file beside the store") {
		t.Errorf("the warning does not say the file goes to the temporary folder:\n%s", out)
	}
	kept, _ := filepath.Glob(filepath.Join(tmp, "digicheck-not-saved-draft-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files in the temporary folder, want 1:\n%s", len(kept), out)
	}
	if !strings.Contains(out, kept[0]+"\nThis is the temporary folder, not the store's folder "+dir+": it cannot be written: ") {
		t.Errorf("the end of the run does not say why the file is in the temporary folder:\n%s", out)
	}
}

// TestPlainPromptsOnAReadOnlyStoreSayWhereTheAnswersGo: on a store that
// cannot be written, the warning before the first question says why in
// words for the start (nothing has been typed, so not "nothing was saved
// … then save again"), and that the answers are not kept as a draft is
// said once, with the reason, as the patient is given, before the first
// question of the assessment: said after each of some thirty answers, a
// screen reader read it out every time.
func TestPlainPromptsOnAReadOnlyStoreSayWhereTheAnswersGo(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=4m,mode=0700"); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	t.Setenv("TMPDIR", t.TempDir())
	path := filepath.Join(dir, "digicheck.db")
	if _, err := store.Open(path, store.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only: %v", err)
	}
	lines := append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest[:4]...)
	out, _ := runNewPiped(t, path, strings.Join(lines, "\n")+"\n")
	first := strings.Index(out, "Patient identifier:")
	if first < 0 {
		t.Fatalf("no first question:\n%s", out)
	}
	start := strings.Join(strings.Fields(out[:first]), " ")
	if !strings.Contains(start, "cannot be written") || strings.Contains(start, "nothing was saved") || strings.Contains(start, "save again") {
		t.Errorf("the warning before the first question is worded for a failed save:\n%s", out[:first])
	}
	flat := strings.Join(strings.Fields(out), " ")
	if n := strings.Count(flat, "(Not kept as a draft in the store: unless the store saves this assessment at the end, its answers will be kept in a file, named then."); n != 1 {
		t.Errorf("that the answers are not kept as a draft is said %d times, want once:\n%s", n, out)
	}
	if n := strings.Count(flat, "named then. Why: "); n != 1 {
		t.Errorf("the reason a draft was not kept is given %d times, want once:\n%s", n, out)
	}
	said, first := strings.Index(out, "(Not kept as a draft"), strings.Index(out, "Section 1 of")
	if said < 0 || first < 0 || first < said {
		t.Errorf("that the answers are not kept as a draft is not said as the patient is given, before the first section (said at %d, first section at %d):\n%s", said, first, out)
	}
}
