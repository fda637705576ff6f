package ui

import (
	"fmt"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// keysFor answers every question of ins on screen with a, as a clinician
// types it: a choice by its number (1 then enter on a long list, the
// arrows then enter past 9), a
// multiple choice by its numbers then enter, text then enter, and the
// optional section asked only when a answers some of it.
func keysFor(u ui, ins *questionnaire.Instrument, a questionnaire.Answers) {
	for _, sec := range ins.Sections {
		if sec.Optional {
			asked := false
			for _, it := range sec.Items {
				asked = asked || len(a[it.LinkID]) > 0
			}
			u.waitFor(gateQuestion)
			if !asked {
				u.press(skipOptional)
				continue
			}
			u.press(askOptional)
		}
		for i := range sec.Items {
			it := &sec.Items[i]
			if !it.Enabled(a) {
				continue
			}
			u.waitFor(sec.Title)
			switch it.Type {
			case questionnaire.Text:
				u.typeText(a.One(it.LinkID))
				u.press("enter")
			case questionnaire.MultiChoice:
				for j, o := range it.Options {
					if a.Has(it.LinkID, o.Code) {
						u.press(fmt.Sprint(j + 1))
					}
				}
				u.press("enter")
			default:
				for j, o := range it.Options {
					switch {
					case o.Code != a.One(it.LinkID):
					case j == 0 && len(it.Options) >= 10:
						// On a long list a 1 may begin 10 or 11:
						// enter chooses the first.
						u.press("1", "enter")
					case j < 9:
						u.press(fmt.Sprint(j + 1))
					default:
						u.press(repeat("down", j+1)...)
						u.press("enter")
					}
				}
			}
		}
	}
}

// TestSevenScriptedPatientsThroughTheScreen: each scripted patient, keyed
// into the full-screen UI at 80x24, is saved with the result written out
// beside them (testkit.ScriptedPatients), as the plain prompts save it:
// route, fallback, adjustments, codes and ranked referrals, the first
// three shown and agreed.
func TestSevenScriptedPatientsThroughTheScreen(t *testing.T) {
	t.Parallel()
	for _, p := range testkit.ScriptedPatients {
		t.Run(p.Name, func(t *testing.T) {
			t.Parallel()
			var st memStore
			o := testOptions(st.Save)
			o.Instrument, o.Services = questionnaire.V2, questionnaire.Services{Video: p.Video}
			d := newDriver(t, o, 80, 24)
			enterPatient(d)
			keysFor(d, questionnaire.V2, p.Answers)
			d.waitFor("Review")
			d.press("end", "enter")
			d.waitFor("Result", "Contact by")
			if p.Video {
				d.waitFor("Video        suits · has a device and internet")
			}
			for range min(len(p.Referrals), firstReferrals) {
				readReferral(d)      // a consent key answers only a referral wholly on screen
				d.press("a", "down") // the highlight moves only by ↓
			}
			saveReadBack(d)
			d.waitFor("Saved ·")
			saved := d.m.Outcome().Saved
			if len(saved) != 1 {
				t.Fatalf("%d records saved", len(saved))
			}
			p.Check(t, saved[0])
			for _, f := range saved[0].Recommendation.Referrals {
				if f.Consent != questionnaire.Agreed {
					t.Errorf("referral %s: %q", f.ProgrammeID, f.Consent)
				}
			}
		})
	}
}
