package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
)

// TestAConsentKeyForAReferralBroughtUpByAKeyOfTheSameBurstRecordsNothing:
// a ↓ a ↓ a ↓ a ↓ typed in one burst agreed to every referral in one
// instant, each a the key typed alone that its ↓ took at once, though the
// "say:" and "how:" of the referrals after the first were on screen for no
// time: none was read out. A consent key for a referral that became
// highlighted, or came into view, by a key typed within the burst window
// (the hold of keys typed ahead) records nothing, and says what a consent
// for a referral below the fold says; so does one typed at a rhythm, half a
// second or a second after the move: a referral must be on screen as long
// as the review and the read-back before a key answers it (wordHold). A
// clinician who moves to a referral, reads it, then answers is unaffected.
func TestAConsentKeyForAReferralBroughtUpByAKeyOfTheSameBurstRecordsNothing(t *testing.T) {
	t.Parallel()
	// The referral on screen, read out: as long as the review and the
	// read-back are on screen before a key counts (wordHold).
	const read = wordHold + 200*time.Millisecond
	for _, c := range []struct {
		name string
		// to is the result, scrolled by the test as it likes.
		to    func(d *driver)
		keys  func(d *driver)
		want  map[int]string // referral index: consent
		unset bool           // the screen says "Not recorded"
	}{
		{"a ↓ a ↓ a ↓ a ↓ in one burst answers the first referral only", toScriptedResult,
			func(d *driver) { burst(d, "a", "down", "a", "down", "a", "down", "a", "down") },
			map[int]string{0: questionnaire.Agreed}, true},
		{"↓ and a consent in one burst answer nothing", toScriptedResult,
			func(d *driver) { burst(d, "down", "d") },
			map[int]string{}, true},
		{"↑ and a consent in one burst answer nothing", toScriptedResult,
			func(d *driver) {
				d.press("down")
				time.Sleep(read)
				burst(d, "up", "n")
			},
			map[int]string{}, true},
		// A key a rhythmic "d ↓ d ↓" brings half a second after the move
		// was taken, though the referral's "say:" line cannot have been
		// read to the patient in that time.
		{"↓ then a consent half a second later answers nothing", toScriptedResult,
			func(d *driver) {
				d.press("down")
				time.Sleep(500 * time.Millisecond)
				burst(d, "d")
			},
			map[int]string{}, true},
		{"↓ then a consent a second later answers nothing", toScriptedResult,
			func(d *driver) {
				d.press("down")
				time.Sleep(time.Second)
				burst(d, "d")
			},
			map[int]string{}, true},
		{"↓, the referral read, then a consent answers it", toScriptedResult,
			func(d *driver) {
				d.press("down")
				time.Sleep(read)
				burst(d, "d")
			},
			map[int]string{1: questionnaire.Declined}, false},
		{"a, ↓, the referral read, a, ↓, read, a: each answered", toScriptedResult,
			func(d *driver) {
				burst(d, "a", "down")
				time.Sleep(read)
				burst(d, "a", "down")
				time.Sleep(read)
				burst(d, "a")
			},
			map[int]string{0: questionnaire.Agreed, 1: questionnaire.Agreed, 2: questionnaire.Agreed}, false},
		{"the ↓ that scrolls the referral wholly into view and a consent in one burst answer nothing", toFoldedResult,
			func(d *driver) {
				for !d.m.referralShown() {
					burst(d, "down")
				}
				burst(d, "a")
			},
			map[int]string{}, true},
		{"the referral scrolled into view and read, then a consent answers it", toFoldedResult,
			func(d *driver) {
				for !d.m.referralShown() {
					burst(d, "down")
				}
				time.Sleep(read)
				burst(d, "a")
			},
			map[int]string{0: questionnaire.Agreed}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			c.to(d)
			d.m.refusalHold = refusalHold // keys typed ahead are held, as at a terminal
			time.Sleep(read)              // the result, and the referral highlighted, read
			c.keys(d)
			refs := d.m.referrals()
			got := map[int]string{}
			for i, r := range refs {
				if r.Consent != "" {
					got[i] = r.Consent
				}
			}
			if len(got) != len(c.want) {
				t.Errorf("recorded %v, want %v\n%s", got, c.want, d.screen())
			}
			for i, w := range c.want {
				if got[i] != w {
					t.Errorf("referral %d (%s): %q, want %q\n%s", i, refs[i].Name, got[i], w, d.screen())
				}
			}
			said := strings.Contains(flat(d.screen()), "Not recorded: read this referral with the patient. Keys are ignored until Esc.")
			if said != c.unset {
				t.Errorf("the screen says Not recorded: %v, want %v\n%s", said, c.unset, d.screen())
			}
		})
	}
}

// toScriptedResult is the scripted patient's result at 80x24, read down to
// its first referral.
func toScriptedResult(d *driver) {
	enterPatient(d)
	answerSections(d)
	d.press("end", "enter")
	d.waitFor("Result")
	readReferral(d)
}

// toFoldedResult is a result whose first referral begins below the fold,
// at its top.
func toFoldedResult(d *driver) {
	toResultWithManyNeeds(d)
	d.m.resultView.SetYOffset(0)
	if d.m.referralShown() {
		d.tb.Fatalf("the first referral fits the result's first screen: it does not test the fault\n%s", d.screen())
	}
}
