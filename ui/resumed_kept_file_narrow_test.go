package ui

import (
	"strings"
	"testing"

	"digicheck/store"
)

// TestTheResumedDraftsFileIsOnScreenAt60x20: a draft whose later answers
// are in a not-saved file, resumed from the list, from the notice of its
// patient given, or at the review, says so in a notice that must name the
// file: at 60x20 the notice was cut before the file's path, with no mark
// that anything was cut, and the path is what the clinician acts on. The
// path is on screen whole, and so is what the notice says after it.
func TestTheResumedDraftsFileIsOnScreenAt60x20(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	dr := draftAt(t, st)
	review := dr
	review.Answers = scenarioAnswers.Clone()
	review.Section = ""
	review.ID = dr.ID
	file := "/home/ward5/digicheck/digicheck-not-saved-draft-" + dr.ID.String() + ".txt"
	open := func(t *testing.T, d store.Draft) *driver {
		o := withStore(testOptions(nil), st)
		o.Drafts = []Resumable{{Draft: d, KeptFile: file}}
		dv := newDriver(t, o, 60, 20)
		dv.waitFor("Unfinished assessments", "NHS 943 476 5919")
		return dv
	}
	check := func(t *testing.T, d *driver, after string) {
		t.Helper()
		s := d.screen()
		if !strings.Contains(joined(s), file) {
			t.Errorf("the file that keeps the later answers is not on screen whole:\n%s", s)
		}
		if !strings.Contains(flat(s), after) {
			t.Errorf("the notice is cut before %q:\n%s", after, s)
		}
		checkFits(t, d.m.View().Content, 60, 20)
	}
	t.Run("resumed from the list", func(t *testing.T) {
		d := open(t, dr)
		d.press("enter")
		d.waitFor("Motivation and trust · 3 of 5")
		check(t, d, "change it on the review (p).")
	})
	t.Run("resumed from its patient given", func(t *testing.T) {
		d := open(t, dr)
		d.press("n")
		enterPatientNoWait(d)
		d.waitFor("An unfinished assessment of NHS 943 476 5919")
		d.press("r")
		d.waitFor("Motivation and trust · 3 of 5")
		check(t, d, "change it on the review (p).")
	})
	t.Run("resumed at the review", func(t *testing.T) {
		d := open(t, review)
		d.press("enter")
		d.waitFor("Review")
		check(t, d, "then press enter.")
	})
}
