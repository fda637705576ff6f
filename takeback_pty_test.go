//go:build !windows

package main

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// At a terminal, a slow typist's word whose first letters are keys of the
// screen acts by those letters, each typed on its own: "a n d r e w" at a
// key every 1.3 s (and 2.5 s) answered three referrals before its r was
// refused, and the answers were saved; "1 0" on the language list chose
// Polish before its 0 was refused. The refused letter takes back what its
// run answered, and says so.

// TestASlowWordOnTheResultAtATerminalLeavesNoReferralAnswered: "andrew"
// typed slowly leaves every referral unanswered, saying the answers were
// taken back; answered again after esc, the record holds those answers.
func TestASlowWordOnTheResultAtATerminalLeavesNoReferralAnswered(t *testing.T) {
	slowTypist(t, func(t *testing.T, gap time.Duration) {
		tm, dir := atResult(t)
		slowly(t, tm, gap, "a", "n", "d", "r", "e")
		s := tm.vt.Screen()
		if strings.Contains(s, "[agreed") || strings.Contains(s, "[declined") || strings.Contains(s, "[not discussed") {
			t.Fatalf("andrew typed slowly left referrals answered:\n%s", s)
		}
		stillIgnoring(t, tm, "referral answers typed just before it were taken back: answer them again")
		tm.keys("esc")
		time.Sleep(1500 * time.Millisecond)
		for _, k := range []string{"d", "down", "n", "down", "a"} { // only ↓ moves the highlight
			tm.keys(k)
			time.Sleep(1500 * time.Millisecond)
		}
		tm.saveReadBack()
		tm.waitFor("Saved · record")
		time.Sleep(700 * time.Millisecond)
		tm.keys("q")
		tm.exited()
		st, err := store.Open(filepath.Join(dir, "digicheck.db"), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var recs []record.Record
		if err := st.Each(func(r record.Record) error { recs = append(recs, r); return nil }, nil); err != nil {
			t.Fatal(err)
		}
		if len(recs) != 1 {
			t.Fatalf("%d records saved, want 1", len(recs))
		}
		var got []string
		for _, r := range recs[0].Recommendation.Referrals[:3] {
			got = append(got, r.Consent)
		}
		if want := []string{questionnaire.Declined, questionnaire.NotDiscussed, questionnaire.Agreed}; !reflect.DeepEqual(got, want) {
			t.Fatalf("referral answers saved %v, want %v, given after esc", got, want)
		}
	})
}

// TestTwoThenFiveSlowlyAtATerminalRecordsNoLanguage: "2 5", a number the
// interpreter's language list does not have, typed slowly, chose Romanian
// by its 2. (A 1 chooses nothing by itself there: "1 0" is Italian.)
func TestTwoThenFiveSlowlyAtATerminalRecordsNoLanguage(t *testing.T) {
	slowTypist(t, func(t *testing.T, gap time.Duration) {
		dir := t.TempDir()
		interpreterDraft(t, dir)
		tm := startTerm(t, dir, 80, 24, nil)
		tm.waitFor("Unfinished assessments", "> NHS 943 476 5919")
		time.Sleep(1500 * time.Millisecond)
		tm.keys("enter")
		tm.waitFor("Communication and contact")
		time.Sleep(1500 * time.Millisecond)
		tm.keys("enter")
		tm.waitFor("Which language does the interpreter need to speak?")
		time.Sleep(1500 * time.Millisecond)
		slowly(t, tm, gap, "2", "5")
		if s := tm.vt.Screen(); !strings.Contains(s, "Which language does the interpreter need to speak?") || strings.Contains(s, "(•) Romanian") || strings.Contains(s, "✓ Language") {
			t.Fatalf("2 then 5 typed slowly chose a language:\n%s", s)
		}
		stillIgnoring(t, tm, `Not an answer: "25", typed as one number: its 2 chose an answer, which was taken back.`)
		quitDiscarding(tm)
	})
}
