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

// TestATeamThatShowsNothingIsRefusedAtTheStartAndBySynthetic: a team
// "Ward\u3164 7" (a Hangul filler, which draws nothing) was taken, and a
// summary beside "Ward 7" showed two rows that read the same; a team of
// spaces only was taken by synthetic, which gave every record a blank
// team name, and by every other command as no team. Both are refused
// before anything runs, from --team and DIGICHECK_TEAM, with the Team
// box's words, and no store is made.
func TestATeamThatShowsNothingIsRefusedAtTheStartAndBySynthetic(t *testing.T) {
	for _, c := range []struct {
		team, want string
	}{
		{"Ward\u3164 7", "U+3164"},
		{"\u2800", "U+2800"},
		{"  ", "spaces only"},
	} {
		for _, how := range []string{"flag", "environment"} {
			for _, args := range [][]string{{"synthetic", "--count", "20"}, {"new"}} {
				db := filepath.Join(t.TempDir(), "s.db")
				env := map[string]string{"DIGICHECK_DB": db}
				if how == "flag" {
					args = append([]string{"--team", c.team}, args...)
				} else {
					env["DIGICHECK_TEAM"] = c.team
				}
				_, _, err := runCLI(t, env, pipedAssessment, args...)
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Errorf("%s %q, %q: %v; want it refused naming %s", how, c.team, args, err, c.want)
				}
				if _, err := os.Stat(db); err == nil {
					t.Errorf("%s %q, %q: a store was made for a run that was refused", how, c.team, args)
				}
			}
		}
	}
}

// An overlong team said only `team "TTT…": a team's name can have at most
// 60 characters`, from a flag, DIGICHECK_TEAM or the site config alike: a
// site lead looking for it in the config had no FILE:LINE, and nobody was
// told which of the three it came from. Each refusal now names its
// source: --team, DIGICHECK_TEAM, or the config's FILE:LINE, as every
// other problem of a config file is given.
func TestAnOverlongTeamIsRefusedNamingWhereItCameFrom(t *testing.T) {
	long := strings.Repeat("T", 200)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "site.toml")
	if err := os.WriteFile(cfg, []byte("site_name = \"Trust\"\n\nteam = \""+long+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "s.db")
	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"flag", nil, []string{"--team", long, "due"}, "--team "},
		{"environment", map[string]string{"DIGICHECK_TEAM": long}, []string{"due"}, "DIGICHECK_TEAM "},
		{"config", map[string]string{"DIGICHECK_CONFIG": cfg}, []string{"due"}, cfg + ":3: team "},
	} {
		env := map[string]string{"DIGICHECK_DB": db}
		for k, v := range c.env {
			env[k] = v
		}
		_, _, err := runCLI(t, env, "", c.args...)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || !strings.Contains(err.Error(), "at most 60 characters") {
			t.Errorf("%s: a team of 200 characters: %v, want it to begin %q and give the rule", c.name, err, c.want)
		}
	}
}
