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

// A follow-up's team, with no team given (no --team), offered nothing in
// the plain prompts: "Team:" came up empty, and the Enter a clinician
// presses to keep a value saved the follow-up with no team, out of the
// team's counts, while the full screen's box, for the same keys, held the
// team of the assessment followed up and saved it. The plain prompts now
// offer that team as the full screen does: Enter keeps it, = takes it as an
// amendment's offered team is taken, and either typed before the prompt
// could be read (1.2 s) is not taken, as the full screen refuses an Enter
// that soon.
func TestAFollowUpOffersTheTeamOfTheAssessmentFollowedUp(t *testing.T) {
	t.Parallel()
	r := testkit.Assessed(t, heldAnswers.Clone())
	r.ID = record.MustParseID("0190a1b2-0000-7000-8000-0000000000f1")
	r.Clinician, r.Team, r.Time = "Nurse Pat", "Community", time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	name := burst{after: 100 * time.Millisecond, text: "Nurse Pat\n"}
	for _, c := range []struct {
		name string
		site string // the site's team (--team)
		bs   []burst
		want string
	}{
		{"Enter once read", "", []burst{name, {after: 1300 * time.Millisecond, text: "\n"}}, "Community"},
		{"= once read", "", []burst{name, {after: 1300 * time.Millisecond, text: "=\n"}}, "Community"},
		{"a team typed once read", "", []burst{name, {after: 1300 * time.Millisecond, text: "Ward9\n"}}, "Ward9"},
		{"Enter 0.3 s after", "", []burst{name, {after: 300 * time.Millisecond, text: "\n"}, {after: 1300 * time.Millisecond, text: "Ward9\n"}}, "Ward9"},
		{"Enter typed with the name", "", []burst{{after: 100 * time.Millisecond, text: "Nurse Pat\n\n"}, {after: 1300 * time.Millisecond, text: "Ward9\n"}}, "Ward9"},
		{"= 0.3 s after", "", []burst{name, {after: 300 * time.Millisecond, text: "=\n"}, {after: 1300 * time.Millisecond, text: "Ward9\n"}}, "Ward9"},
		{"the site's team given", "Ward7", []burst{name, {after: 1300 * time.Millisecond, text: "\n"}}, "Ward7"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var out strings.Builder
			rec := r
			f := &flow{p: heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Team: c.site}, c.bs, &out), gate: map[int]bool{}}
			f.s = assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National,
				Team: c.site, FollowUp: &rec, Now: time.Now})
			if err := f.p.run(f.patient(), 0, false); err != nil {
				t.Fatalf("patient details: %v\n%s", err, out.String())
			}
			if f.s.Clinician() != "Nurse Pat" || f.s.Team() != c.want {
				t.Errorf("the follow-up is by %s (%q), want Nurse Pat (%q):\n%s", f.s.Clinician(), f.s.Team(), c.want, out.String())
			}
			if c.site == "" && !strings.Contains(flatOut(&out), "Team (press Enter for Community, the team of the assessment followed up") {
				t.Errorf("the team prompt does not offer the team of the assessment followed up:\n%s", out.String())
			}
		})
	}
}
