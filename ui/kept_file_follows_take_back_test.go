package ui

import (
	"strings"
	"sync"
	"testing"

	"digicheck/questionnaire"
	"digicheck/store"
)

// TestAReferralAnswerTakenBackUnderTheNotSavedNoticeReachesTheFileAtOnce:
// under the notice of a save refused (the answers kept in a file, written
// again from each draft as it is made, Options.DraftNow), a referral
// answer changed there reached the file, but a letter refused just after
// it (a slow typist's next letter) took it back on screen only: the file
// kept the answer taken back, and esc then said the file held the answers
// and note of the save refused. The answers as taken back are given to
// DraftNow by the time the screen shows them, and the screen again says
// the file holds the answers and note.
func TestAReferralAnswerTakenBackUnderTheNotSavedNoticeReachesTheFileAtOnce(t *testing.T) {
	t.Parallel()
	const path = "/home/nurse/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	st := &memStore{fail: keptErr{path}}
	o := testOptions(st.Save)
	var mu sync.Mutex
	var last map[string]string // the referral answers DraftNow was last given
	o.DraftNow = func(d *store.Draft) error {
		mu.Lock()
		defer mu.Unlock()
		last = map[string]string{}
		for k, v := range d.Consent {
			last[k] = v
		}
		return nil
	}
	o.Draft = func(*store.Draft) error { return nil }
	given := func() map[string]string {
		mu.Lock()
		defer mu.Unlock()
		return last
	}
	d := newDriver(t, o, 60, 20)
	underRefusedSave(t, d)
	r := d.m.referrals()[d.m.referral]
	if got := consentsOf(d.m)[r.ProgrammeID]; got != questionnaire.Agreed {
		t.Fatalf("the refused save kept referral %s %q, not agreed", r.Name, got)
	}
	slowTyping(d)
	slowerThanHold(d, "d")
	if got := given()[r.ProgrammeID]; got != questionnaire.Declined {
		t.Fatalf("d under the notice gave the file %q for %s, not declined (%v)\n%s", got, r.Name, consentsOf(d.m), d.screen())
	}
	slowerThanHold(d, "x") // the next letter of a word, refused: d is taken back
	if got := consentsOf(d.m)[r.ProgrammeID]; got != questionnaire.Agreed {
		t.Fatalf("x after d did not take d back: %s is %q\n%s", r.Name, got, d.screen())
	}
	if !strings.Contains(flat(d.screen()), "taken back") {
		t.Fatalf("the refusal does not say d was taken back:\n%s", d.screen())
	}
	if got := given()[r.ProgrammeID]; got != questionnaire.Agreed {
		t.Errorf("d taken back, the screen shows %s agreed, the file was last given %q", r.Name, got)
	}
	d.press("esc")
	if s := flat(d.screen()); strings.Contains(s, "no note yet") {
		t.Errorf("back at the answers of the save refused, the screen says the file has no note:\n%s", d.screen())
	}
}

// TestATeamChangedUnderTheNotSavedNoticeReachesTheFileAtOnce: under the
// notice of a save refused, the team changed at the review (p) was in no
// draft, so the file never had it, while the screen said the file held
// the answers as changed since. The details as changed are given to
// DraftNow by the time the review shows them.
func TestATeamChangedUnderTheNotSavedNoticeReachesTheFileAtOnce(t *testing.T) {
	t.Parallel()
	const path = "/home/nurse/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	st := &memStore{fail: keptErr{path}}
	o := testOptions(st.Save)
	var mu sync.Mutex
	team, n := "", 0
	o.DraftNow = func(d *store.Draft) error {
		mu.Lock()
		defer mu.Unlock()
		team, n = d.Team, n+1
		return nil
	}
	o.Draft = func(*store.Draft) error { return nil }
	d := newDriver(t, o, 80, 24)
	underRefusedSave(t, d)
	d.press("esc")
	d.waitFor("Check every answer with the patient")
	d.press("p")
	d.waitFor("Change patient details")
	for i := 0; i < 6 && !strings.Contains(d.screen(), "Team (optional)"); i++ {
		d.press("enter")
	}
	d.waitFor("Team (optional)")
	d.press(repeat("backspace", 30)...)
	d.typeText("Ward 9")
	d.press("enter")
	d.waitFor("Check every answer with the patient")
	if got := d.m.s.Team(); got != "Ward 9" {
		t.Fatalf("the team was not changed: %q\n%s", got, d.screen())
	}
	mu.Lock()
	got, calls := team, n
	mu.Unlock()
	if calls == 0 || got != "Ward 9" {
		t.Errorf("the review shows team Ward 9, the file was last given team %q (%d drafts)", got, calls)
	}
}
