package prompt

import (
	"bufio"
	"errors"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// The team question took answers piped in by two conventions: an
// amendment's took = for the team it offered and refused an empty line,
// while a new assessment's and a follow-up's given a team (--team) took
// an empty line and refused = ("Not accepted" of a team with no letter),
// so a script, or a screen-reader user, answering = as at an amendment
// had the next line taken as the team. One convention now holds at every
// team question: = takes the team the question names; an empty line
// takes it only where the question says "press Enter for" it (never the
// amended record's team, offered only), and where none is named = takes
// nothing and says so.
func TestEveryTeamQuestionTakesEqualsForTheTeamItNames(t *testing.T) {
	t.Parallel()
	earlier := testkit.Assessed(t, heldAnswers.Clone())
	earlier.ID = record.MustParseID("0190a1b2-0000-7000-8000-0000000000f1")
	earlier.Clinician, earlier.Team, earlier.Time = "Nurse Pat", "Community", time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name, kind, site string
		team             string // the line at the team question
		want             string // the team taken; "" when refused
		refused          string // said, when the line is refused
	}{
		{name: "new, = for the site's team", kind: "new", site: "Ward 5", team: "=", want: "Ward 5"},
		{name: "new, Enter for the site's team", kind: "new", site: "Ward 5", team: "", want: "Ward 5"},
		{name: "new, = with no team named", kind: "new", team: "=", refused: "no team is named here to take by ="},
		{name: "follow-up, = for the site's team", kind: "followup", site: "Ward 5", team: "=", want: "Ward 5"},
		{name: "follow-up, Enter for the site's team", kind: "followup", site: "Ward 5", team: "", want: "Ward 5"},
		{name: "follow-up, = for the earlier team", kind: "followup", team: "=", want: "Community"},
		{name: "follow-up, Enter for the earlier team", kind: "followup", team: "", want: "Community"},
		{name: "amendment, = for the record's team", kind: "amend", site: "Ward 5", team: "=", want: "Community"},
		{name: "amendment, Enter refused", kind: "amend", site: "Ward 5", team: "", refused: "type your team, or = for Community"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			rec := earlier
			so := assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Team: c.site, Now: time.Now}
			o := Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Team: c.site}
			var lines []string
			switch c.kind {
			case "new":
				lines = []string{"1", "943 476 5919", "Nurse Pat"}
			case "followup":
				so.FollowUp = &rec
				lines = []string{"Nurse Pat"}
			case "amend":
				so.Amend, so.AmendReason, so.Clinician = &rec, "checking the answers", "Nurse Pat"
				o.Clinician = "Nurse Pat"
				lines = []string{""} // the clinician given
			}
			lines = append(lines, c.team)
			var out strings.Builder
			p := &prompter{o: o, in: bufio.NewReader(strings.NewReader(strings.Join(lines, "\n") + "\n")), out: &out, fd: -1, outFd: -1}
			f := &flow{p: p, s: assess.Start(so), gate: map[int]bool{}}
			err := p.run(f.patient(), 0, false)
			said := flatOut(&out)
			if c.refused != "" {
				// Piped, a line refused stops the assessment: the
				// lines after it were written for later questions.
				if !errors.Is(err, ErrAnswerNotTaken) || !strings.Contains(said, "Not accepted: "+c.refused) {
					t.Errorf("%q at the team question is not refused, saying %q (%v):\n%s", c.team, c.refused, err, out.String())
				}
				return
			}
			if err != nil {
				t.Fatalf("patient details: %v\n%s", err, out.String())
			}
			if f.s.Team() != c.want || strings.Contains(said, "Not accepted") {
				t.Errorf("team %q, want %q, taken at once:\n%s", f.s.Team(), c.want, out.String())
			}
			if c.team == "=" && !strings.Contains(said, "Team: "+c.want+".") {
				t.Errorf("= does not say which team it took:\n%s", out.String())
			}
		})
	}
}
