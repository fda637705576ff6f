package ui

import (
	"strings"
	"sync/atomic"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// toSaveKey brings the driver to the point where enter saves, and returns
// the command that enter gives (the save), not yet run.
func toSaveKey(d *driver) {
	toReviewQuickly(d)
	d.press("enter")
	answerReferrals(d, firstReferrals)
}

// TestAPushAfterSaveNeverHoldsTheScreen: the save's result arrives and the
// saved screen shows at once, saying it is sending; the push runs only in
// the command Update returned, and keys work on the saved screen while it
// has not finished. When it ends, the screen says "Sent".
func TestAPushAfterSaveNeverHoldsTheScreen(t *testing.T) {
	var pushes atomic.Int32
	release := make(chan struct{})
	o := testOptions((&memStore{}).Save)
	o.Push = func(r record.Record) PushResult {
		pushes.Add(1)
		<-release // the network is slow
		return PushResult{Sent: true}
	}
	d := newDriver(t, o, 80, 24)
	toSaveKey(d)
	_, save := d.m.Update(keyPress("enter"))
	msg := save()
	_, push := d.m.Update(msg)
	if pushes.Load() != 0 {
		t.Fatal("the push ran inside Update")
	}
	if push == nil {
		t.Fatal("no push was started after the save")
	}
	d.waitFor("Saved ·", "Sending to the trust's FHIR server…")
	// The clinician goes on while the push waits on the network.
	d.press("h")
	d.waitFor("Your contact and support plan", "Sending to the trust's FHIR server…")
	d.press("h")
	done := make(chan struct{})
	go func() {
		d.send(push()) // the program delivers the push's result when it comes
		close(done)
	}()
	close(release)
	<-done
	if pushes.Load() != 1 {
		t.Fatalf("%d pushes", pushes.Load())
	}
	d.waitFor("Saved ·", "Sent to the trust's FHIR server.")
	if strings.Contains(d.screen(), "Not sent yet") {
		t.Error("says not sent after a push that sent")
	}
}

// TestAPushThatFailsSaysItWillRetry: with the server down, the saved screen
// says the record is not sent yet and will be, and why; the save stands.
func TestAPushThatFailsSaysItWillRetry(t *testing.T) {
	st := &memStore{}
	o := testOptions(st.Save)
	o.Push = func(r record.Record) PushResult { return PushResult{Why: "the server did not answer"} }
	d := newDriver(t, o, 80, 24)
	toSaveKey(d)
	d.press("enter")
	d.waitFor("Saved ·", "Not sent yet (will retry): the server did not answer")
	if len(d.m.Outcome().Saved) != 1 || st.Calls() != 1 {
		t.Errorf("the save does not stand: %d saved, %d calls", len(d.m.Outcome().Saved), st.Calls())
	}
}

// TestASaveDuringAPushIsSentByTheNextOne: a second assessment saved while
// the first one's push is still running starts no second push at once;
// when the first ends, another runs, and the screen speaks of the record
// on it, the second.
func TestASaveDuringAPushIsSentByTheNextOne(t *testing.T) {
	var pushed []record.ID
	o := testOptions((&memStore{}).Save)
	o.Push = func(r record.Record) PushResult { pushed = append(pushed, r.ID); return PushResult{Sent: true} }
	m := New(o)
	first, second := testkit.Assessed(t, testkit.Offline(nil)), testkit.Assessed(t, testkit.Included(nil))
	first.ID, _ = record.NewID()
	second.ID, _ = record.NewID()
	m.saved = first
	if m.startPush() == nil {
		t.Fatal("no push after the first save")
	}
	m.saved = second
	if cmd := m.startPush(); cmd != nil {
		t.Fatal("a second push started while the first runs")
	}
	// The first push ends: its result is not about the record on screen.
	next := m.onPushed(pushedMsg{id: first.ID, res: PushResult{Sent: true}})
	if next == nil {
		t.Fatal("no push followed for the record saved meanwhile")
	}
	if got := plain(m.savedText(80)); strings.Contains(got, "Sent to") || !strings.Contains(got, "Sending") {
		t.Errorf("the screen speaks of the first record's push:\n%s", got)
	}
	m.onPushed(next().(pushedMsg))
	if len(pushed) != 1 || pushed[0] != second.ID {
		t.Errorf("pushed %v, want the second record", pushed)
	}
	if got := plain(m.savedText(80)); !strings.Contains(got, "Sent to the trust's FHIR server.") {
		t.Errorf("saved screen:\n%s", got)
	}
}
