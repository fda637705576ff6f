package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/site"
)

// TestProgrammesWarnsWhenAReviewDateHasCome: the listing warns on standard
// error, keeping the table on standard output, for each programme in force
// whose review-by date has come, and --check warns at the programme's line;
// neither fails for it.
func TestProgrammesWarnsWhenAReviewDateHasCome(t *testing.T) {
	t.Parallel()
	f := filepath.Join(t.TempDir(), "programmes.toml")
	doc := `[[programme]]
id = "old-hub"
name = "Old hub"
barriers = ["skills"]
contact = "Ask at the desk."
patient_line = "We can help you."
provides = ["skills"]
review_by = "2020-01-01"

[[programme]]
id = "new-hub"
name = "New hub"
barriers = ["skills"]
contact = "Ask at the desk."
patient_line = "We can help you."
review_by = "2099-01-01"
`
	if err := os.WriteFile(f, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runReportCmd(t, site.Settings{Programmes: f}, (*app).programmesCmd)
	if err != nil {
		t.Fatalf("programmes: %v", err)
	}
	if !strings.Contains(out, "2020-01-01 (due)") || !strings.Contains(out, "REVIEW BY") || strings.Contains(out, "warning") {
		t.Errorf("listing:\n%s", out)
	}
	if !strings.Contains(errOut, "warning: old-hub") || strings.Contains(errOut, "new-hub") {
		t.Errorf("warnings on standard error:\n%s", errOut)
	}
	out, _, err = runReportCmd(t, site.Settings{}, (*app).programmesCmd, "--check", f)
	if err != nil {
		t.Fatalf("--check fails for a review date: %v\n%s", err, out)
	}
	if !strings.Contains(out, f+`:8: warning: programme "old-hub" was due for review by 2020-01-01`) || strings.Contains(out, `"new-hub" was due`) {
		t.Errorf("--check:\n%s", out)
	}
}

// TestProgrammesSaysWhichGiveOneToOneHelp: the listing marks the
// programmes in which a person helps one to one, which rank first for a
// patient nobody helps, and no other.
func TestProgrammesSaysWhichGiveOneToOneHelp(t *testing.T) {
	t.Parallel()
	out, _, err := runReportCmd(t, site.Settings{}, (*app).programmesCmd)
	if err != nil {
		t.Fatalf("programmes: %v", err)
	}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		want := f[0] == "digital-unite" || f[0] == "abilitynet"
		if got := strings.Contains(line, "(one to one)"); got != want {
			t.Errorf("one to one shown %v, want %v: %s", got, want, line)
		}
	}
}

// TestProgrammesSaysWhichNeedADevice: the listing marks the programmes
// never offered to a patient with no smartphone, tablet or computer, so a
// clinician can see why one was left out, and no other.
func TestProgrammesSaysWhichNeedADevice(t *testing.T) {
	t.Parallel()
	out, _, err := runReportCmd(t, site.Settings{}, (*app).programmesCmd)
	if err != nil {
		t.Fatalf("programmes: %v", err)
	}
	need := map[string]bool{}
	for _, p := range questionnaire.National.Programmes {
		need[p.ID] = p.NeedsDevice
	}
	marked := 0
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		want, ok := need[f[0]]
		if !ok {
			continue
		}
		got := strings.Contains(line, "(needs a device)")
		if got != want {
			t.Errorf("needs a device shown %v, want %v: %s", got, want, line)
		}
		if got {
			marked++
		}
	}
	if marked == 0 {
		t.Error("no programme is marked as needing a device")
	}
}
