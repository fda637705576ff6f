package ui

import (
	"strings"
	"testing"
	"time"
)

// After a save refused because another program held the store, another
// window saved the same patient; r and enter typed together (0.25 s
// apart) saved a second current assessment at once, with no word of the
// one saved meanwhile. The enter took r as typed on its own and was then
// taken itself, as a save, before the read r began had said anything.
// It now waits for that read, as any key typed while the store is read
// does, and the read-back it brings takes no enter typed before it was on
// screen.
func TestRAndEnterTypedTogetherAfterAHeldSaveDoNotSaveUnseen(t *testing.T) {
	t.Parallel()
	read := &heldRead{}
	d, st := notSavedHeld(t, "/wards/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt", read)
	other := earlierAssessment(t, fixedNow.Add(time.Minute), "Dr B", "Ward 2")
	read.set(false, other)
	d.m.refusalHold = refusalHold // keys come as typed: r waits to be seen typed alone
	_, wait := d.m.Update(keyPress("r"))
	_ = wait // the word hold's timer: the enter comes first
	_, cmd := d.m.Update(keyPress("enter"))
	d.run(cmd)
	if st.Calls() != 1 {
		t.Fatalf("r and enter typed together saved (%d saves) without saying the assessment saved meanwhile:\n%s", st.Calls(), d.screen())
	}
	f := flat(d.screen())
	for _, w := range []string{"This patient was assessed on", "by Dr B (Ward 2) (record " + other.Short + "), after this assessment was started"} {
		if !strings.Contains(f, w) {
			t.Fatalf("the retry does not say %q:\n%s", w, d.screen())
		}
	}
	if !strings.Contains(f, "Enter not taken") {
		t.Errorf("the enter typed with r is not said to be refused:\n%s", d.screen())
	}
	checkFits(t, d.m.View().Content, 80, 24)
	// Read, then answered: enter saves.
	d.m.refusalHold = 0
	d.press("end")
	time.Sleep(d.m.wordHoldLen())
	d.press("enter")
	d.waitFor("Saved")
	if st.Calls() != 2 {
		t.Fatalf("%d saves after enter on the read-back, want 2", st.Calls())
	}
}
