package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSavedFromResumedDraftSaysItsFileIsLeftToCheck: a draft resumed in a
// later run whose answers as last given are in a digicheck-not-saved file
// (its save refused, the note kept with them) or a
// digicheck-not-saved-draft file, once saved, leaves the file (it holds
// answers the store never had: removed on the save, any not given again
// were lost) and the saved screen says it is still there, to check and
// then delete, and what of a note pasted from it: nothing was said, so a
// nurse who had pasted the note the file kept pasted this record's too.
func TestSavedFromResumedDraftSaysItsFileIsLeftToCheck(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, prefix, note string
	}{
		{"refused save's file", "digicheck-not-saved-", "A note already pasted from it is of the answers as they were then, not this record's note: replace it with this one"},
		{"unfinished assessment's file", "digicheck-not-saved-draft-", "It held no note: paste this record's note into the patient record."},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			st := tempStore(t)
			dr := draftAt(t, st)
			file := filepath.Join(t.TempDir(), c.prefix+dr.ID.String()+".txt")
			if err := os.WriteFile(file, []byte("Note for the patient record\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			o := withStore(testOptions(nil), st)
			o.Drafts = []Resumable{{Draft: dr, KeptFile: file}}
			d := newDriver(t, o, 80, 24)
			d.waitFor("Unfinished assessments", "NHS 943 476 5919")
			d.press("enter")
			d.waitFor("Motivation and trust · 3 of 5", "give them again, then delete it")
			d.press("1")
			d.waitFor("How worried are you")
			d.press("1")
			d.waitFor("Has something bad happened")
			d.press("1")
			d.waitFor("Do you need information in a certain way?")
			d.press("x", "enter")
			d.waitFor("How often do you need someone")
			d.press("1")
			d.waitFor("How would you like us to contact you?")
			d.press("1")
			d.waitFor(gateQuestion)
			d.press(skipOptional)
			d.waitFor("Review", "Nurse Bea Draft · District 3")
			d.press("end", "enter")
			answerReferrals(d, firstReferrals)
			saveReadBack(d)
			d.waitFor("Saved ·")
			if _, err := os.Stat(file); err != nil {
				t.Errorf("the file that kept answers the store never had was removed when its assessment was saved (%v)", err)
			}
			s := flat(d.screen())
			if !strings.Contains(s, "is still there: check that every answer in it was given again, then delete it:") || !strings.Contains(joined(d.screen()), file) {
				t.Errorf("the saved screen does not say the file named as the draft was resumed is still there, to check and delete:\n%s", d.screen())
			}
			if !strings.Contains(s, c.note) {
				t.Errorf("the saved screen does not say %q:\n%s", c.note, d.screen())
			}
		})
	}
}
