package ui

import (
	"strings"
	"testing"
)

// TestADraftsFileIsNotSaidToHoldReferralDecisionsItMayNotHold: the list
// of drafts said of a draft's not-saved file "Later answers, referral
// decisions included, are in a file", and resumed, "(referral decisions
// too)", of an assessment stopped in its sections, long before any
// referral was offered: the clinician looked in the file for decisions
// the patient never made. The words say "any" referral decisions: the
// file holds them when the patient gave them, and says so itself.
func TestADraftsFileIsNotSaidToHoldReferralDecisionsItMayNotHold(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	dr := draftAt(t, st) // stopped in its sections
	file := "/var/lib/digicheck/digicheck-not-saved-draft-" + dr.ID.String() + ".txt"
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		o := withStore(testOptions(nil), st)
		o.Drafts = []Resumable{{Draft: dr, KeptFile: file}}
		d := newDriver(t, o, size[0], size[1])
		d.waitFor("Unfinished assessments", "NHS 943 476 5919")
		says := func(where string) {
			t.Helper()
			s := flat(d.screen())
			if strings.Contains(s, "referral decisions included") || strings.Contains(s, "referral decisions too") {
				t.Errorf("%dx%d, %s: the file is said to hold referral decisions, though none may have been given:\n%s", size[0], size[1], where, d.screen())
			}
			if !strings.Contains(joined(d.screen()), file) {
				t.Errorf("%dx%d, %s: the file is not named whole:\n%s", size[0], size[1], where, d.screen())
			}
			checkFits(t, d.m.View().Content, size[0], size[1])
		}
		says("the list")
		d.press("enter")
		d.waitFor("Motivation and trust · 3 of 5")
		says("resumed")
	}
}
