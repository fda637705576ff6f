package ui

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/prompt"
	"digicheck/record"
)

// toSaveKey brings the driver to the point where enter saves, and returns
// the command that enter gives (the save), not yet run.
func toSaveKey(d *driver) {
	toReviewQuickly(d)
	d.press("enter")
	answerReferrals(d, firstReferrals)
	d.press("enter")
	d.waitFor(confirmAsk) // the answers read back: enter saves
}

// TestAPushAfterSaveNeverHoldsTheScreen: the save's result arrives and the
// saved screen shows at once, saying it is sending; the push runs only in
// the command Update returned, and keys work on the saved screen while it
// has not finished. When it ends, the screen says "Sent".
func TestAPushAfterSaveNeverHoldsTheScreen(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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

// TestAnAmendmentTheServerHoldsEnteredInErrorHasNoNoteToPaste: after an
// amendment whose push finds the assessment voided on another machine,
// the saved screen offers no "AMENDED: this note replaces..." note to
// paste, which would tell the patient record the amendment stands while
// the shared record says the assessment was entered in error. It holds
// the note back, says why and what settles it, copies nothing, and the
// run's outcome says so, so that the note printed after the UI ends is
// held back too. A conflict with another machine's amendment holds it
// back as well: the patient record already holds that machine's note, and
// "AMENDED: this note replaces the earlier note" pasted over it said the
// opposite of the shared record (found offered above "Not sent: changed
// on another machine"). A push that is only not sent yet keeps its note.
func TestAnAmendmentTheServerHoldsEnteredInErrorHasNoNoteToPaste(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		res    PushResult
		held   bool
		holds  string // what the shared record holds, as the held note says it
		reason string // what the push line says
	}{
		{"voided on another machine", PushResult{Conflict: true, EnteredInError: true,
			Why: "the server holds this assessment entered in error, voided on another machine by Sister Okafor, reason: wrong patient chosen (server version 7); this amendment is kept here and not sent: see digicheck push --conflicts"}, true,
			"The shared record holds this assessment entered in error, so a note of this amendment would contradict it.", "voided on another machine by Sister Okafor"},
		{"amended on another machine", PushResult{Conflict: true, Changed: true,
			Why: "this assessment was changed on another machine (server version 7); this amendment is kept here and not sent: see digicheck push --conflicts"}, true,
			"The shared record holds a newer version of this assessment, made on another machine, so a note of this amendment would contradict it.", "changed on another machine"},
		{"not sent yet", PushResult{Why: "could not connect to the FHIR server"}, false, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			old := earlier(t)
			s := &memStore{}
			o := testOptions(s.Save)
			o.Clinician, o.Team = old.Clinician, old.Team
			o.Amend, o.AmendReason = &old, "checked again"
			o.Push = func(record.Record) PushResult { return tc.res }
			d := newDriver(t, o, 80, 24)
			d.waitFor("Amend assessment", "Clinician")
			d.press("enter", "tab", "enter") // the clinician given; the record's team, by Tab
			d.waitFor("Amendment · Review")
			d.press("end", "enter")
			d.waitFor("Amendment · Result")
			d.m.refusalHold = time.Hour // an enter typed with the first is held
			d.press("enter", "enter")
			d.m.refusalHold = 0
			d.press("end") // after every referral answered, read back
			d.waitFor("Nothing has changed from the version amended")
			d.press("enter")
			d.waitFor("Saved ·", "Not sent")
			saved := d.m.Outcome().Saved[0]
			text := plain(d.m.savedText(80))
			if !tc.held {
				if !strings.Contains(text, "AMENDED: this note replaces") || strings.Contains(text, "HELD BACK") {
					t.Fatalf("the note of an amendment not sent yet is not offered:\n%s", text)
				}
				d.press("c")
				d.waitFor("Note sent to the terminal's clipboard")
				return
			}
			d.waitFor("Saved here, not sent. Paste no note yet", "NOTE HELD BACK: nothing to paste into the patient record yet.")
			if strings.Contains(text, "AMENDED") || strings.Contains(text, "Barriers:") {
				t.Errorf("the held note is still on the saved screen:\n%s", text)
			}
			for _, want := range []string{
				tc.reason, // the push line, as before
				tc.holds,
				"Settle it with digicheck push --conflicts; if this amendment is kept, digicheck show " + saved.ID.String() + " gives its note.",
			} {
				if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
					t.Errorf("the saved screen does not say %q:\n%s", want, text)
				}
			}
			if strings.Contains(d.screen(), "copy note") {
				t.Errorf("c copy note is offered with the note held back:\n%s", d.screen())
			}
			d.press("c")
			d.waitFor("Nothing copied: the note is held back")
			if len(d.captured) != 0 {
				t.Errorf("c copied %d things with the note held back", len(d.captured))
			}
			if _, held := d.m.Outcome().NoteHeld[saved.ID]; !held {
				t.Error("the outcome does not hold the note back, so it is printed after the UI ends")
			}
			// The handout is still there, and back to the held note.
			d.press("h")
			d.waitFor("Your contact and support plan")
			d.press("h")
			d.waitFor("NOTE HELD BACK")
		})
	}
}

// TestPlainPromptsTakeBackTheNoteOfAnAmendmentTheServerHoldsEnteredInError:
// the plain prompts read the note out at the save, before the push ends;
// when the push then finds the assessment voided on another machine, or
// amended there, what it reads out takes that note back, saying why and
// what settles it, as the saved screen does in its place.
func TestPlainPromptsTakeBackTheNoteOfAnAmendmentTheServerHoldsEnteredInError(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, why string
		holds     string // what the shared record holds, "" when the note stands
	}{
		{"voided on another machine", "conflict: " + prompt.EnteredInError + "the server holds this assessment entered in error, voided on another machine by Sister Okafor, reason: wrong patient chosen (server version 7); this amendment is kept here and not sent: see digicheck push --conflicts",
			"this assessment entered in error"},
		{"amended on another machine", "conflict: " + prompt.ChangedElsewhere + "this assessment was changed on another machine (server version 7); this amendment is kept here and not sent: see digicheck push --conflicts",
			"a newer version of this assessment, made on another machine"},
		{"not sent yet", "could not connect to the FHIR server", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			old := earlier(t)
			s := &memStore{}
			o := testOptions(s.Save)
			var out strings.Builder
			// The clinician given, the record's team (=), the review
			// left as it is, the referrals answered before kept, saved
			// anyway, finish.
			in := "\n=\n1\n\n\n\n2\n1\n1\n2\n"
			res, err := prompt.Run(prompt.Options{
				Instrument: o.Instrument, Directory: o.Directory,
				Clinician: old.Clinician, Team: old.Team, Save: s.Save, Now: o.Now,
				Amend: &old, AmendReason: "checked again",
				Push:     func(record.Record) (bool, string) { return false, tc.why },
				PushWait: time.Minute,
			}, strings.NewReader(in), &out)
			if err != nil || len(res.Saved) != 1 {
				t.Fatalf("%v, %d saved:\n%s", err, len(res.Saved), out.String())
			}
			said := out.String()
			id := res.Saved[0].ID.String()
			note, notSent := strings.Index(said, "AMENDED: this note replaces"), strings.Index(said, "Not sent")
			if note < 0 || notSent < note {
				t.Fatalf("want the note, then the push's outcome:\n%s", said)
			}
			if strings.Contains(said, prompt.EnteredInError) || strings.Contains(said, prompt.ChangedElsewhere) {
				t.Errorf("the marker is read out:\n%s", said)
			}
			if tc.holds == "" {
				if strings.Contains(said, "HELD BACK") {
					t.Errorf("the note of an amendment not sent yet is taken back:\n%s", said[notSent:])
				}
				return
			}
			if !strings.Contains(said, "Not sent: record "+id+": ") {
				t.Errorf("the push's outcome is not said:\n%s", said[notSent:])
			}
			takeBack := "NOTE HELD BACK: do not paste this amendment's note (record " + id + ") into the patient record yet. " +
				"The shared record holds " + tc.holds + ", so the note would contradict it. " +
				"Settle it with digicheck push --conflicts; if this amendment is kept, digicheck show " + id + " gives its note."
			if got := strings.Index(said, takeBack); got < notSent {
				t.Errorf("the note is not taken back after the push's outcome:\n%s", said[notSent:])
			}
		})
	}
}
