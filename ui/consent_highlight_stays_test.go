package ui

import (
	"testing"
	"time"

	"digicheck/questionnaire"
)

// A consent key typed on its own acts only once no key has followed it for
// the word hold. The highlight used to move on to the next referral by
// itself when it acted, so a clinician who paused to listen to the patient
// and then pressed ↓, as the key help says, skipped a referral: the next
// answer landed on the wrong programme, while the same keys typed fast
// landed right. The highlight now stays on the referral answered and only
// ↓ moves it, so the same keys answer the same referrals at any pace.

// TestTheSameConsentKeysSaveTheSameAnswersWhateverThePauses: a ↓ d ↓ n,
// each referral read out before its answer, saves agreed, declined and not
// discussed on the first three referrals, whether each ↓ is typed with the
// answer before it, on its own after a pause to listen, or mixed. (A
// consent typed with the ↓ that brought its referral up records nothing:
// TestAConsentKeyForAReferralBroughtUpByAKeyOfTheSameBurstRecordsNothing.)
func TestTheSameConsentKeysSaveTheSameAnswersWhateverThePauses(t *testing.T) {
	t.Parallel()
	// listen is a pause longer than the moment after an answer in which
	// an arrow used to be taken as typed with it, and than the word hold
	// after a ↓ in which a consent is taken as typed before its referral
	// was read.
	const listen = wordHold + 200*time.Millisecond
	paces := []struct {
		name string
		keys func(d *driver)
	}{
		{"each answer with the ↓ after it, the next referral read before its answer", func(d *driver) {
			burst(d, "a", "down")
			time.Sleep(listen)
			burst(d, "d", "down")
			time.Sleep(listen)
			burst(d, "n")
		}},
		{"each key on its own after the hold, with a pause to listen", func(d *driver) {
			for _, k := range []string{"a", "down", "d", "down", "n"} {
				burst(d, k) // a consent acts once the word hold is over
				time.Sleep(listen)
			}
		}},
		{"an answer on its own, then ↓ on its own and the next answer once read", func(d *driver) {
			burst(d, "a")
			time.Sleep(listen)
			burst(d, "down")
			time.Sleep(listen)
			burst(d, "d")
			time.Sleep(listen)
			burst(d, "down")
			time.Sleep(listen)
			burst(d, "n")
		}},
		{"an answer with down, then one on its own", func(d *driver) {
			burst(d, "a", "down")
			time.Sleep(listen)
			burst(d, "d")
			time.Sleep(listen)
			burst(d, "down")
			time.Sleep(listen)
			burst(d, "n")
		}},
	}
	for _, p := range paces {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			d, st := atResult(t)
			refs := d.m.referrals()
			if len(refs) < 3 || d.m.s.Shown() < 3 {
				t.Fatalf("the scenario shows %d referrals, want 3 or more", d.m.s.Shown())
			}
			p.keys(d)
			want := map[string]string{
				refs[0].ProgrammeID: questionnaire.Agreed,
				refs[1].ProgrammeID: questionnaire.Declined,
				refs[2].ProgrammeID: questionnaire.NotDiscussed,
			}
			if got := consentsOf(d.m); !equalMaps(got, want) {
				t.Fatalf("a ↓ d ↓ n (%s) answered %v, want %v\n%s", p.name, got, want, d.screen())
			}
			// The rest are answered on their own, then the whole is saved.
			for i := 3; i < d.m.s.Shown(); i++ {
				burst(d, "down")
				time.Sleep(listen)
				burst(d, "n")
			}
			saveReadBack(d)
			if st.Calls() != 1 {
				t.Fatalf("the answers were not saved (%d saves):\n%s", st.Calls(), d.screen())
			}
			var saved map[string]string
			for _, r := range st.recs {
				saved = map[string]string{}
				for _, f := range r.Recommendation.Referrals[:3] {
					saved[f.ProgrammeID] = f.Consent
				}
			}
			if !equalMaps(saved, want) {
				t.Fatalf("a ↓ d ↓ n (%s) saved %v, want %v", p.name, saved, want)
			}
		})
	}
}

// TestTheHighlightStaysOnTheReferralAnswered: once a consent typed on its
// own has acted, the referral answered is still the one highlighted.
func TestTheHighlightStaysOnTheReferralAnswered(t *testing.T) {
	t.Parallel()
	d, _ := atResult(t)
	burst(d, "a")
	if d.m.referral != 0 {
		t.Fatalf("after a, the highlight moved by itself to referral %d:\n%s", d.m.referral+1, d.screen())
	}
	d.waitFor("> [agreed ")
}
