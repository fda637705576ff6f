package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/assess"
)

// TestAnOverlongTeamIsRefusedAtTheStart: a --team or DIGICHECK_TEAM longer
// than a team's name may be was taken at the start and refused at every
// Team prompt, so piped answers were eaten as team names. It is refused
// before anything runs, with the Team prompt's own rule and words; at the
// boundary, a name of exactly the most characters is taken.
func TestAnOverlongTeamIsRefusedAtTheStart(t *testing.T) {
	long := strings.Repeat("W", assess.MaxTeam+1)
	want := assess.CheckTeam(long)
	if want == nil {
		t.Fatalf("the Team prompt takes %d characters", assess.MaxTeam+1)
	}
	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
	}{
		{"flag", nil, []string{"--team", long}},
		{"environment", map[string]string{"DIGICHECK_TEAM": long}, nil},
	} {
		db := filepath.Join(t.TempDir(), "s.db")
		env := map[string]string{"DIGICHECK_DB": db}
		for k, v := range c.env {
			env[k] = v
		}
		_, _, err := runCLI(t, env, pipedAssessment, c.args...)
		if err == nil || !strings.Contains(err.Error(), want.Error()) {
			t.Errorf("%s: a team of %d characters: %v, want %q", c.name, assess.MaxTeam+1, err, want)
		}
		if _, err := os.Stat(db); err == nil {
			t.Errorf("%s: a store was made for a run that was refused", c.name)
		}
	}
	db := filepath.Join(t.TempDir(), "s.db")
	if _, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db}, pipedAssessment, "--team", strings.Repeat("W", assess.MaxTeam)); err != nil {
		t.Errorf("a team of exactly %d characters: %v", assess.MaxTeam, err)
	}
}
