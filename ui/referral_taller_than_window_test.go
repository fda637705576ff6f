package ui

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// longContact is a site's "how" for a local programme, as long as a
// programme with a referral form, a phone line and opening hours gives.
const longContact = "Refer through the community team's shared inbox with the patient's consent, " +
	"giving their NHS number, a phone number they answer, the times they are at home, " +
	"any carer who should be in touch instead, whether they need an interpreter or large print, " +
	"and what they would like help with first; the team rings back within five working days " +
	"to book a first session at the library, a community centre or the patient's home, " +
	"and sends a letter if the phone is not answered after three tries."

// tallReferralDriver is the result at 60x20 (the smallest size the
// screen is drawn at) for a directory whose every programme has
// longContact as its "how": the first referral is taller than the lines
// the result is given, so it is never wholly on screen.
func tallReferralDriver(t *testing.T) *driver {
	t.Helper()
	o := testOptions((&memStore{}).Save)
	ps := make([]questionnaire.Programme, len(questionnaire.National.Programmes))
	copy(ps, questionnaire.National.Programmes)
	for i := range ps {
		ps[i].Contact = longContact
	}
	o.Directory = questionnaire.NewDirectory(ps)
	d := newDriver(t, o, 60, 20)
	toResultWithManyNeeds(d)
	s := d.m.refSpans[d.m.referral]
	if s.end-s.start <= d.m.resultView.Height() {
		t.Fatalf("the referral (%d lines) fits the result's %d lines, which this test needs it not to:\n%s", s.end-s.start, d.m.resultView.Height(), d.screen())
	}
	return d
}

// endInView reports whether the last line of the referral the consent
// keys answer is on screen.
func endInView(d *driver) bool {
	s, v := d.m.refSpans[d.m.referral], &d.m.resultView
	return s.end <= v.YOffset()+v.Height() && s.end > v.YOffset()
}

// TestAReferralTallerThanTheWindowIsAnsweredOnceReadToItsEnd: at 60x20 a
// referral taller than the result's lines was never wholly on screen, so
// a, d and n were refused for it however far it was read ("read this
// referral with the patient"), and the assessment could never be saved.
// Read through to its end with ↓, line by line, it has been read, and
// its answer is taken.
func TestAReferralTallerThanTheWindowIsAnsweredOnceReadToItsEnd(t *testing.T) {
	t.Parallel()
	d := tallReferralDriver(t)
	first := d.m.referral
	d.m.resultView.SetYOffset(d.m.refSpans[first].start)
	for i := 0; !endInView(d); i++ {
		if i > 40 {
			t.Fatalf("↓ never brought the referral's last line into view:\n%s", d.screen())
		}
		d.press("down")
	}
	if d.m.referral != first {
		t.Fatalf("↓ moved the highlight off the referral before its end was read:\n%s", d.screen())
	}
	d.press("a")
	alone(d)
	if got := d.m.referrals()[first].Consent; got != questionnaire.Agreed {
		t.Errorf("a typed once the referral was read to its end: consent %q, want agreed:\n%s", got, d.screen())
	}
	if strings.Contains(flat(d.screen()), "Not recorded") {
		t.Errorf("a referral read to its end is refused:\n%s", d.screen())
	}
	// Its name, and the answer drawn by it, are above the view.
	if want := d.m.referrals()[first].Name + ": agreed."; !strings.Contains(flat(d.screen()), want) {
		t.Errorf("the answer to a referral whose name is above the view is not said (%q):\n%s", want, d.screen())
	}
}

// TestAReferralTallerThanTheWindowNotReadThroughIsRefusedSayingHow: a
// consent key for a tall referral of which only the top has been on
// screen (or only the end, jumped to) records nothing, and the refusal
// says what to do: read it to its end with ↓, or make the window taller;
// "read this referral" alone was said of one read as far as it went.
func TestAReferralTallerThanTheWindowNotReadThroughIsRefusedSayingHow(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		from func(s span) int // the first line on screen before the keys
		keys []string
	}{
		{"at its top", func(s span) int { return s.start }, nil},
		{"its end jumped to", func(span) int { return 0 }, []string{"end"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := tallReferralDriver(t)
			first := d.m.referral
			d.m.resultView.SetYOffset(c.from(d.m.refSpans[first]))
			d.send(nil) // drawn so
			d.press(c.keys...)
			if c.keys != nil && !endInView(d) {
				t.Fatalf("%v did not bring the referral's end into view:\n%s", c.keys, d.screen())
			}
			d.press("a")
			alone(d)
			if got := d.m.referrals()[first].Consent; got != "" {
				t.Fatalf("a typed %s recorded %q:\n%s", c.name, got, d.screen())
			}
			s := flat(d.screen())
			for _, want := range []string{"Not recorded", "taller than the window", "to its end"} {
				if !strings.Contains(s, want) {
					t.Errorf("the refusal of a typed %s does not say %q:\n%s", c.name, want, d.screen())
				}
			}
		})
	}
}
