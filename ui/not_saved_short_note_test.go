package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// At 60x20 the "Not saved" notice on the result is said in short (the
// referral highlighted would not fit under it whole), and the short form
// said only "Not saved (r tries again); the answers are kept in:" and the
// file: never whether to paste the note the file holds, not to paste it
// yet (the patient's earlier assessments not looked up), or that a note
// pasted before is out of date (an answer changed since), which 80x24
// says. The short form keeps those words, and the help line says that a,
// d and n still answer the referrals.
func TestTheShortNotSavedNoticeSaysWhatToDoWithTheNote(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name    string
		unread  bool // the patient's earlier assessments not looked up
		change  bool // a referral's answer changed after the refusal
		damaged bool // refused for good (a damaged store), not held
		w, h    int  // 60x20 unless given
		want    string
		wantNot []string
	}{
		{name: "the note kept", want: "Paste the note", wantNot: []string{"out of date", "Do not paste"}},
		{name: "earlier assessments not looked up", unread: true, want: "Do not paste the note", wantNot: []string{"Paste the note into"}},
		{name: "a referral changed since", change: true, want: "out of date", wantNot: []string{"Paste the note"}},
		// A store refused for good: the file is written again with no
		// note once an answer changes, as for a held store.
		{name: "damaged, the note kept", damaged: true, want: "Paste the note", wantNot: []string{"out of date"}},
		{name: "damaged, a referral changed since", damaged: true, change: true, want: "out of date", wantNot: []string{"Paste the note"}},
		{name: "damaged, a referral changed since, 80x24", damaged: true, change: true, w: 80, h: 24, want: "out of date", wantNot: []string{"Paste the note"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			file := filepath.Join(t.TempDir(), "digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt")
			st := &memStore{fail: heldKept{file}}
			if c.damaged {
				st = &memStore{fail: keptDamagedErr{file}}
			}
			o := testOptions(st.Save)
			read := &heldRead{}
			o.Assessed = read.read
			w, h := 60, 20
			if c.w != 0 {
				w, h = c.w, c.h
			}
			d := newDriver(t, o, w, h)
			if c.unread {
				read.set(true)
				d.waitFor("New assessment", "Identifier", "1 ( ) NHS number")
				d.press("1")
				d.waitFor("NHS number: 10 digits")
				d.typeText(validNHS)
				d.press("enter")
				seen(d).waitFor("Clinician")
				readName(d)
				d.press("enter")
				d.waitFor("Team (optional)")
				d.press("enter")
				d.waitFor("cannot be looked up now")
				time.Sleep(d.m.wordHoldLen())
				d.press("n")
				d.waitFor("Access · 1 of 5")
				d.press("x", "enter")
				d.waitFor("How do you get online?")
				d.press("x", "enter")
				d.waitFor("Do you run out of data")
				d.press("1")
				d.waitFor("Skills · 2 of 5")
				d.press("x")
				answerRest(d)
			} else {
				toReviewQuickly(d)
			}
			d.press("end", "enter")
			d.waitFor("Result")
			answerReferrals(d, firstReferrals)
			saveReadBack(d)
			d.waitFor("Not saved")
			if c.change {
				readReferral(d)
				readOut(d)
				d.press("n")
				alone(d)
			}
			says := func(at, s string) {
				t.Helper()
				s = strings.ToLower(flat(plain(s)))
				if !strings.Contains(s, strings.ToLower(c.want)) {
					t.Errorf("%s: the notice does not say %q:\n%s", at, c.want, s)
				}
				for _, w := range c.wantNot {
					if strings.Contains(s, strings.ToLower(w)) {
						t.Errorf("%s: the notice says %q:\n%s", at, w, s)
					}
				}
			}
			for _, at := range []string{"as it stands", "home"} {
				if at == "home" {
					d.press("home")
				}
				says(at, d.screen())
				if help := flat(d.screen()); !strings.Contains(help, "a agrees") && !strings.Contains(help, "a/d/n answer") {
					t.Errorf("%s: the help line does not say a, d and n still answer the referrals:\n%s", at, d.screen())
				}
				checkFits(t, d.m.View().Content, w, h)
			}
			// Folded, as a referral taller than what the whole notice
			// leaves the result is answered: each short form says it.
			_, forms := d.m.notSavedShort(w)
			for i, f := range forms {
				says(fmt.Sprintf("short form %d of %d", i+1, len(forms)), f)
			}
		})
	}
}
