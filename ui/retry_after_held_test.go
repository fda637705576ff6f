package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/record"
	"digicheck/store"
)

// heldKept is a save refused because another program held the store past
// the wait, its answers and note kept in a file, as the assess command's
// keepRefused reports it.
type heldKept struct{ path string }

func (e heldKept) Error() string {
	return "answers and note kept in " + e.path + " (paste the note into the patient record) as the store is in use by another digicheck window or program; try again, or close it"
}
func (e heldKept) KeptIn() string { return e.path }
func (e heldKept) Unwrap() error  { return &store.Error{Kind: store.ErrLocked, Msg: "in use"} }

// heldRead is the store's patient's assessments, as another window and
// another program change them: held (every read refused as the store in
// use), or read, with what another window saved meanwhile.
type heldRead struct {
	mu   sync.Mutex
	held bool
	as   []assess.Assessed
}

func (h *heldRead) read(record.PatientID) ([]assess.Assessed, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.held {
		return nil, fmt.Errorf("reading the patient's assessments: %w", &store.Error{Kind: store.ErrLocked, Msg: "the store is in use by another digicheck window or program"})
	}
	return append([]assess.Assessed{}, h.as...), nil
}

func (h *heldRead) set(held bool, as ...assess.Assessed) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.held, h.as = held, as
}

// notSavedHeld goes from the patient's details to a save refused because
// another program held the store, its answers kept in file.
func notSavedHeld(t *testing.T, file string, read *heldRead) (*driver, *memStore) {
	t.Helper()
	st := &memStore{fail: heldKept{file}}
	o := testOptions(st.Save)
	o.Assessed = read.read
	d := newDriver(t, o, 80, 24)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved: another program held the store too long", "Press r to try again.")
	if st.Calls() != 1 {
		t.Fatalf("%d saves tried, want 1", st.Calls())
	}
	return d, st
}

// After a save refused because another program held the store, another
// window saved the same patient, and r saved a second current assessment
// of them without a word: the retry's read found it, and what it found was
// said under "Not saved", never shown, the first r seeming to do nothing;
// the second r took it as answered and saved. The retry now says it as the
// ordinary save does, on the read-back, before anything is saved; r is no
// answer to it, only enter once it has been read is.
func TestARetryAfterAHeldStoreSaysAnAssessmentSavedMeanwhileBeforeSaving(t *testing.T) {
	t.Parallel()
	read := &heldRead{}
	d, st := notSavedHeld(t, "/wards/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt", read)
	// The holder ended; window B saved its assessment of the patient.
	other := earlierAssessment(t, fixedNow.Add(time.Minute), "Dr B", "Ward 2")
	read.set(false, other)
	d.press("r")
	f := flat(d.screen())
	for _, w := range []string{"This patient was assessed on", "by Dr B (Ward 2) (record " + other.Short + "), after this assessment was started", "Saving makes"} {
		if !strings.Contains(f, w) {
			t.Fatalf("the retry does not say %q before saving:\n%s", w, d.screen())
		}
	}
	if st.Calls() != 1 {
		t.Fatalf("the retry saved (%d saves) before saying the assessment saved meanwhile", st.Calls())
	}
	checkFits(t, d.m.View().Content, 80, 24)
	time.Sleep(d.m.wordHoldLen())
	d.press("r")
	if st.Calls() != 1 {
		t.Fatalf("a second r saved a second assessment (%d saves): only enter answers the question", st.Calls())
	}
	d.waitFor("Not taken")
	d.press("esc") // keys taken again
	d.press("end")
	d.waitFor("Not saved yet: until it is, the answers and note stay in:", "digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt")
	time.Sleep(d.m.wordHoldLen())
	d.press("enter")
	d.waitFor("Saved")
	if st.Calls() != 2 {
		t.Fatalf("%d saves after enter on the read-back, want 2", st.Calls())
	}
}

// r after a save refused because the store was held showed nothing while
// it tried: the screen stood unchanged, and, the store still held, said
// the same refusal again as if r had not been pressed. It now says it is
// trying as soon as r is taken, and, the store still held, that it still
// is. While the patient's assessments cannot be read, nothing is saved:
// saved on a store let go between that read and the save, another
// window's assessment of the patient went unsaid.
func TestARetryWhileTheStoreIsStillHeldSaysSoAndSavesNothing(t *testing.T) {
	t.Parallel()
	read := &heldRead{}
	d, st := notSavedHeld(t, "/wards/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt", read)
	read.set(true)
	// r is taken once no key has followed it for the word hold, as any
	// letter there: said at once, over the refusal.
	d.m.refusalHold = refusalHold
	_, cmd := d.m.Update(keyPress("r"))
	if f := flat(d.screen()); !strings.Contains(f, `"r" is taken in a moment`) {
		t.Fatalf("r says nothing while it waits to be taken:\n%s", d.screen())
	}
	_, cmd = d.m.Update(cmd()) // the word hold passed: r is taken
	if f := flat(d.screen()); !strings.Contains(f, "Trying again") {
		t.Fatalf("r says nothing while it tries again:\n%s", d.screen())
	}
	d.m.refusalHold = 0
	d.run(cmd)
	f := flat(d.screen())
	for _, w := range []string{"Still not saved", "still in use", "digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt", "Press r to try again."} {
		if !strings.Contains(f, w) {
			t.Fatalf("a retry refused again does not say %q:\n%s", w, d.screen())
		}
	}
	if st.Calls() != 1 {
		t.Fatalf("saved (%d saves) though the patient's assessments could not be read", st.Calls())
	}
	checkFits(t, d.m.View().Content, 80, 24)
	read.set(false)
	d.press("r")
	d.waitFor("Saved")
	if st.Calls() != 2 {
		t.Fatalf("%d saves once the store was let go, want 2", st.Calls())
	}
}

// A save that succeeds on a retry removes the file the refused save kept
// its answers and note in; the saved screen said nothing of it, and the
// clinician, told to paste the note from that file, could not find it.
// It now says the file is gone, and that a note pasted from it stands;
// a file still there is named, to delete.
func TestARetryThatSavesSaysTheKeptFileIsGoneAndItsNoteStands(t *testing.T) {
	t.Parallel()
	for _, left := range []bool{false, true} {
		dir := t.TempDir()
		file := filepath.Join(dir, "digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt")
		if left {
			if err := os.WriteFile(file, []byte("note"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		d, _ := notSavedHeld(t, file, &heldRead{})
		d.press("r")
		d.waitFor("Saved")
		f := flat(d.screen())
		want := []string{"is removed", "A note already pasted from it stands"}
		if left {
			want = []string{"is still there", "delete it", "A note already pasted from it stands"}
		}
		for _, w := range append(want, "digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt") {
			if !strings.Contains(f, w) {
				t.Errorf("file left %v: the saved screen does not say %q:\n%s", left, w, d.screen())
			}
		}
		checkFits(t, d.m.View().Content, 80, 24)
	}
}
