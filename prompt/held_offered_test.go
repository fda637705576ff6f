package prompt

import (
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// An amendment's team ("Team (type your team, or = for Ward7, the team of
// the assessment amended)") and a clinician box offering the site's
// clinician ("Clinician (type your name, or = for Gil Poe)") took an =
// typed ahead: the name "Cy Nurse" and "=" 0.3 s after it in one go put
// the record's team in, never read. The full screen refuses a Tab typed
// within 1.2 s of such a box. An = begun within 1.2 s of the prompt, or
// typed before it, is not taken, said so, and the prompt asked again; a
// name typed takes it at once, as the box holds none.

// offeredNote is said of an = that came before what it would take could be
// read.
const offeredNote = "Not taken: that = came less than 1.2 seconds after"

func TestAnEqualsTypedAheadTakesNoOfferedTeam(t *testing.T) {
	t.Parallel()
	r := testkit.Assessed(t, heldAnswers.Clone())
	r.ID = record.MustParseID("0190a1b2-0000-7000-8000-0000000000e1")
	r.Team = "Ward7"
	for _, c := range []struct {
		name     string
		bs       []burst
		want     string
		refusals int
	}{
		{"= 0.3 s after", []burst{{after: 100 * time.Millisecond, text: "Cy Nurse\n"}, {after: 300 * time.Millisecond, text: "=\n"}, {after: 1300 * time.Millisecond, text: "Ward9\n"}}, "Ward9", 1},
		{"= typed with the name", []burst{{after: 100 * time.Millisecond, text: "Cy Nurse\n=\n"}, {after: 1300 * time.Millisecond, text: "Ward9\n"}}, "Ward9", 1},
		{"= once read", []burst{{after: 100 * time.Millisecond, text: "Cy Nurse\n"}, {after: 1300 * time.Millisecond, text: "=\n"}}, "Ward7", 0},
		{"a team typed at once", []burst{{after: 100 * time.Millisecond, text: "Cy Nurse\n"}, {after: 300 * time.Millisecond, text: "Ward9\n"}}, "Ward9", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var out strings.Builder
			rec := r
			f := &flow{p: heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National}, c.bs, &out), gate: map[int]bool{}}
			f.s = assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National,
				Amend: &rec, AmendReason: "fix", Now: time.Now})
			changedFromReview(t, f, &out)
			if f.s.Clinician() != "Cy Nurse" || f.s.Team() != c.want {
				t.Errorf("the amendment is by %s (%s), want Cy Nurse (%s):\n%s", f.s.Clinician(), f.s.Team(), c.want, out.String())
			}
			if n := strings.Count(flatOut(&out), offeredNote); n != c.refusals {
				t.Errorf("an = not taken said %d times, want %d:\n%s", n, c.refusals, out.String())
			}
		})
	}
}

func TestAnEqualsTypedAheadTakesNoOfferedClinician(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name     string
		bs       []burst
		want     string
		refusals int
	}{
		{"= 0.3 s after", []burst{{after: 300 * time.Millisecond, text: "=\n"}, {after: 1300 * time.Millisecond, text: "Zed Nurse\n"}}, "Zed Nurse", 1},
		{"= typed with the number", []burst{{after: 100 * time.Millisecond, text: "H100006\n=\n"}, {after: 1300 * time.Millisecond, text: "Zed Nurse\n"}}, "Zed Nurse", 1},
		{"= once read", []burst{{after: 1300 * time.Millisecond, text: "=\n"}}, "Gil Poe", 0},
		{"a name typed at once", []burst{{after: 300 * time.Millisecond, text: "Zed Nurse\n"}}, "Zed Nurse", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var out strings.Builder
			bs := []burst{{after: 100 * time.Millisecond, text: "2\n"}}
			if !strings.HasPrefix(c.bs[0].text, "H100006") {
				bs = append(bs, burst{after: 100 * time.Millisecond, text: "H100006\n"})
			}
			bs = append(append(bs, c.bs...), burst{after: 100 * time.Millisecond, text: "\n"}) // the site's team
			f := &flow{p: heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Team: "Ward7", Offer: "Gil Poe"}, bs, &out), gate: map[int]bool{}}
			f.s = assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Team: "Ward7", Now: time.Now})
			if err := f.p.run(f.patient(), 0, false); err != nil {
				t.Fatalf("patient details: %v\n%s", err, out.String())
			}
			if f.s.Clinician() != c.want {
				t.Errorf("the clinician is %s, want %s:\n%s", f.s.Clinician(), c.want, out.String())
			}
			if n := strings.Count(flatOut(&out), offeredNote); n != c.refusals {
				t.Errorf("an = not taken said %d times, want %d:\n%s", n, c.refusals, out.String())
			}
		})
	}
}
