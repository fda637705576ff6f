//go:build !windows

package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// holdStoreNow holds the lock of the store at path, which digicheck has
// open meanwhile, as another program writing to it does (flock), until
// the func returned (or the test's end) lets go.
func holdStoreNow(t *testing.T, path string) (release func()) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	done := false
	release = func() {
		if !done {
			done = true
			_ = db.Close()
		}
	}
	t.Cleanup(release)
	return release
}

// plainHeldAfterAccess starts the plain prompts at a terminal, answers the
// patient and the Access section (kept as a draft in the store), then
// holds the store as another program does and answers all of Skills and
// Motivation's first question, each once it is on screen: none of those
// answers is in the store. It leaves the run at Motivation's second
// question.
func plainHeldAfterAccess(t *testing.T, dir string) *ptyTerm {
	t.Helper()
	tm := startTerm(t, dir, 80, 24, nil, "--accessible", "--team", "Ward 7")
	tm.waitFor("Patient identifier:")
	tm.keys("1", "enter")
	tm.waitFor("NHS number (10 digits)")
	tm.keys("9434765919", "enter")
	tm.waitFor("Clinician")
	tm.keys("Dr A Test", "enter")
	tm.waitFor("Team")
	tm.keys("enter")
	tm.waitFor("Which of these can you use")
	tm.keys("1", "enter")
	tm.waitFor("How do you get online?")
	tm.keys("1", "enter")
	tm.waitFor("Do you run out of data")
	tm.keys("1", "enter")
	tm.waitFor("Which of these can you do on your own?")
	holdStoreNow(t, filepath.Join(dir, "digicheck.db"))
	for _, a := range []struct{ key, next string }{
		{"1 2", "Does someone help you with things online?"},
		{"1", "Do you use the NHS App or NHS login now?"},
		{"3", "Does anything make phones or computers hard for you to use?"},
		{"5", "Would you like to do things like order repeat prescriptions"},
		{"4", "How worried are you about scams"},
	} {
		tm.keys(a.key, "enter")
		waitLonger(t, tm, a.next)
	}
	return tm
}

// waitLonger is waitFor for a question shown once a keep refused by a
// held store has waited for it (about 2 s each).
func waitLonger(t *testing.T, tm *ptyTerm, text string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(tm.vt.Screen(), text) {
		if time.Now().After(deadline) {
			t.Fatalf("waited for %q; the screen shows:\n%s", text, tm.vt.Screen())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestPlainPromptsStoppedOnAHeldStoreKeepTheLaterAnswersInAFile: Ctrl-C in
// the plain prompts while another program held the store said "The
// answers given so far are kept as a draft", but the draft in the store
// held only the answers kept before the hold: every later answer was lost
// and no file was written. Ctrl-C does what q does: the answers go to the
// not-saved-draft file beside the store, named on the screen, and the
// stop never says they were kept as a draft.
func TestPlainPromptsStoppedOnAHeldStoreKeepTheLaterAnswersInAFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tm := plainHeldAfterAccess(t, dir)
	tm.keys("ctrl+c")
	tm.exited()
	s := flatScreenOnceShows(tm, "digicheck-not-saved-draft-")
	kept, _ := filepath.Glob(filepath.Join(dir, "digicheck-not-saved-draft-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d not-saved-draft files beside the store after Ctrl-C, want 1; the screen shows:\n%s", len(kept), tm.vt.Screen())
	}
	if !strings.Contains(s, filepath.Base(kept[0])) {
		t.Errorf("the stop does not name the file %s; the screen shows:\n%s", kept[0], tm.vt.Screen())
	}
	if strings.Contains(s, "kept as a draft for patient") {
		t.Errorf("the stop says the answers are kept as a draft, though the store holds none given since it was held:\n%s", tm.vt.Screen())
	}
	f := strings.Join(strings.Fields(fileBytes(t, kept[0])), " ")
	for _, q := range []string{"Does anything make phones or computers hard for you to use?", "Would you like to do things like order repeat prescriptions"} {
		if !strings.Contains(f, q) {
			t.Errorf("the file lacks the answer to %q, given while the store was held:\n%s", q, f)
		}
	}
}
