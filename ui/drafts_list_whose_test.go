package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestTheDraftsListSaysTheTeamAndWhenEachDraftWasStarted: on a shared ward
// workstation the list of unfinished assessments named the clinician and
// the login, but not the team, nor when the draft was started, which the
// plain prompts say before a draft can be resumed. Each entry now says
// when it was started, when last kept, and by whom with the team, on one
// line at 80 columns.
func TestTheDraftsListSaysTheTeamAndWhenEachDraftWasStarted(t *testing.T) {
	t.Parallel()
	now := fixedNow.Local()
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local)
	draft := func(patient string, started, saved time.Time) Resumable {
		id, err := record.NewID()
		if err != nil {
			t.Fatal(err)
		}
		return Resumable{Draft: store.Draft{Draft: assess.Draft{
			ID:                id,
			Patient:           record.PatientID{Kind: record.LocalID, Value: patient},
			Clinician:         "Dr Ada Lee",
			Team:              "Ward 9",
			InstrumentVersion: questionnaire.V1.Version,
			Answers:           accessAnswers.Clone(),
			Section:           "skills",
			Started:           started,
		}, Saved: saved, Login: "root"}}
	}
	older := day.AddDate(0, 0, -3).Add(16*time.Hour + 5*time.Minute)
	o := testOptions(nil)
	o.Drafts = []Resumable{
		draft("H100001", day.Add(8*time.Hour+15*time.Minute), day.Add(8*time.Hour+50*time.Minute)),
		draft("H100002", older, day.Add(8*time.Hour+40*time.Minute)),
	}
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	lines := strings.Split(d.screen(), "\n")
	for _, want := range []string{
		"Started today 08:15, kept 08:50, by Dr Ada Lee, team Ward 9 (login root)",
		"Started " + older.Format("Mon 2 Jan 15:04") + ", kept today 08:40, by Dr Ada Lee,",
	} {
		found := false
		for _, l := range lines {
			found = found || strings.Contains(l, want)
		}
		if !found {
			t.Errorf("no line of the list says %q:\n%s", want, d.screen())
		}
	}
}
