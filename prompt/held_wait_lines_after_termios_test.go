//go:build linux || darwin

package prompt

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/store"
)

// On an amendment's referrals, with another program holding the store,
// each answer's draft waited about 2 s for it, and the keys typed during
// the wait were dropped, and said so. A nurse who knew the answers typed
// on, a line every 1.4 s: the line after the dropped one came more than
// 1.2 s after the next referral was shown, and answered it, one question
// early; the line meant for the save answered the referral after it, a
// referral the patient had not been asked about recorded as agreed.
// Keys dropped during a wait are an answer not taken: the lines typed
// after them are not used until an Enter on an empty line, typed once the
// note could be read, says the note was read.
func TestLinesTypedOnAfterKeysDroppedDuringAStoreWaitAnswerNothing(t *testing.T) {
	t.Parallel()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	var out strings.Builder
	p := heldAt(Options{}, nil, &out)
	e := &lineEditor{fd: int(r.Fd()), out: &out}
	p.in, p.editor, p.echoes, p.fd = bufio.NewReader(e), e, true, int(r.Fd())
	f := amending(t, p)
	refs := f.s.Referrals()
	if len(refs) < 3 {
		t.Fatalf("the amended assessment has %d referrals, want at least 3", len(refs))
	}
	// Answered before, as an amendment's referrals are: not discussed.
	f.s.ShowAll(true)
	for i := range refs {
		if err := f.s.SetConsent(i, questionnaire.NotDiscussed); err != nil {
			t.Fatal(err)
		}
	}
	var start time.Time
	const freed = 5500 * time.Millisecond // the other program lets the store go
	f.p.o.Keep = func(*assess.Draft) error {
		if time.Since(start) < freed {
			time.Sleep(2 * time.Second) // the store's wait for its lock
			return &store.Error{Kind: store.ErrLocked, Msg: "the store is in use by another digicheck window or program"}
		}
		return nil
	}
	keys := []key{
		{1500 * time.Millisecond, "\r"},   // referral 1: keep "not discussed"; its draft waits to 3.5 s
		{2900 * time.Millisecond, "1\r"},  // meant for referral 2: typed during the wait, dropped
		{4300 * time.Millisecond, "\r"},   // meant for referral 3
		{5700 * time.Millisecond, "2\r"},  // meant for "Go through them too?"
		{7100 * time.Millisecond, "1\r"},  // meant for the save
		{9500 * time.Millisecond, "\r"},   // the note read: lines are taken again
		{11000 * time.Millisecond, "2\r"}, // referral 2, read to the patient: declines
	}
	start = time.Now()
	go func() {
		defer w.Close()
		for _, k := range keys {
			time.Sleep(time.Until(start.Add(k.at)))
			if _, err := w.WriteString(k.text); err != nil {
				return
			}
		}
	}()
	_ = f.consent() // ends where the keys end
	text := out.String()
	got := f.s.Referrals()
	if c := got[0].Consent; c != questionnaire.NotDiscussed {
		t.Errorf("referral 1 is %q, want not discussed, kept by its Enter:\n%s", c, text)
	}
	if c := got[2].Consent; c != questionnaire.NotDiscussed {
		t.Errorf("referral 3 is %q, answered by a line typed on after dropped keys; want not discussed, as before:\n%s", c, text)
	}
	if c := got[1].Consent; c != questionnaire.Declined {
		t.Errorf("referral 2 is %q, want declined, as answered after an empty line once the note was read:\n%s", c, text)
	}
	said := flatOut(&out)
	dropped := strings.Index(said, "Keys typed while digicheck waited for the store were ignored")
	ignoring := strings.Index(said, "Lines typed now are ignored until you press Enter on an empty line")
	if dropped < 0 || ignoring < dropped {
		t.Errorf("the keys dropped are not said, or not followed by how to go on (an empty line):\n%s", text)
	}
	if !strings.Contains(said, "Lines are taken again") {
		t.Errorf("the empty line typed once the note was read does not take lines again:\n%s", text)
	}
	if strings.Contains(said, "answer not taken") {
		t.Errorf("the lines refused after keys dropped are said to follow an answer not taken; no answer was refused:\n%s", text)
	}
}
