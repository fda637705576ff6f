package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/report"
	"digicheck/site"
	"digicheck/store"
)

// The teams named as too few over the span, none included, are those of
// the latest, not voided, versions: a team named only by a voided record
// (saved under a wrong team and voided for it) is never published, and
// the assessments saved with no team, which rule 10 does not leave out,
// are never named as left out under a blank name. Both were named, a
// blank and all, when the note took the team of every record read.
func TestATeamNamedOnlyByAVoidOrNoTeamIsNotNamedAsTooFew(t *testing.T) {
	// Not parallel: runCLI sets the environment.
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data")
	}
	from, to := report.LastWholePeriod(time.Now(), report.Month, loc)
	dir := t.TempDir()
	big := filepath.Join(dir, "Big Team.db")
	if _, errOut, err := runCLI(t, nil, "", "--db", big, "--team", "Big Team", "synthetic", "--count", "300", "--seed", "9",
		"--from", from.AddDate(0, -2, 0).Format(time.DateOnly), "--to", to.Format(time.DateOnly)); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, errOut)
	}
	small := filepath.Join(dir, "small.db")
	st, err := store.Open(small, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Saved with no team, in the span, and one saved under a wrong team
	// and voided, in the span.
	none := testkit.Assessed(t, testkit.Offline(nil))
	none.Time, none.Synthetic = from.Add(50*time.Hour), true
	if err := st.Save(&none); err != nil {
		t.Fatal(err)
	}
	wrong := testkit.Assessed(t, testkit.Offline(nil))
	wrong.Patient.Value = "9990000026"
	wrong.Team, wrong.Time, wrong.Synthetic = "Mrs Jones home visit", from.Add(60*time.Hour), true
	if err := st.Save(&wrong); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Void(wrong.ID, store.Voiding{Reason: "wrong team", Clinician: "Dr V"}); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{big, small}, {"--from", from.Format(time.DateOnly), "--to", to.Format(time.DateOnly), big, small}} {
		for _, format := range []string{"table", "csv", "json"} {
			out, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, append([]string{"--format", format}, args...)...)
			if err != nil {
				t.Fatalf("summary %v --format %s: %v\n%s", args, format, err, errOut)
			}
			flat := strings.Join(strings.Fields(out), " ")
			if strings.Contains(flat, "Mrs Jones") {
				t.Errorf("summary %v --format %s names the team of a voided record:\n%.3000s", args, format, flat)
			}
			if strings.Contains(flat, "too few over the span") {
				t.Errorf("summary %v --format %s names a team as too few, though none is:\n%.3000s", args, format, flat)
			}
		}
	}
}
