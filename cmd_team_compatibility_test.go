package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A team wholly in Latin script holding a compatibility character (--team
// "Ward K" with the Kelvin sign, U+212A; "Ward Ⅰ" with the Roman numeral
// one, U+2160; a full-width digit), from --team, DIGICHECK_TEAM or the
// site config's team, was taken, and synthetic (or an assessment) kept a
// second team printing as "Ward K": two "Ward K" rows in a summary, named
// nowhere as printing alike. It is refused before anything runs, naming
// where it came from, the character and what to type instead, and no
// store is made.
func TestATeamWithACompatibilityCharacterIsRefusedAtTheStart(t *testing.T) {
	for _, c := range []struct{ team, want string }{
		{"Ward \u212a", `(U+212A), is another form of "K"`},
		{"Ward \u2160", `(U+2160), is another form of "I"`},
		{"Ward \uff17", `(U+FF17), is another form of "7"`},
	} {
		dir := t.TempDir()
		cfg := filepath.Join(dir, "site.toml")
		if err := os.WriteFile(cfg, []byte("site_name = \"Trust\"\n\nteam = \""+c.team+"\"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, how := range []struct {
			name, source string
			env          map[string]string
			args         []string
		}{
			{"flag", "--team ", nil, []string{"--team", c.team}},
			{"environment", "DIGICHECK_TEAM ", map[string]string{"DIGICHECK_TEAM": c.team}, nil},
			{"config", cfg + ":3: team ", map[string]string{"DIGICHECK_CONFIG": cfg}, nil},
		} {
			db := filepath.Join(dir, how.name+".db")
			env := map[string]string{"DIGICHECK_DB": db}
			for k, v := range how.env {
				env[k] = v
			}
			_, _, err := runCLI(t, env, pipedAssessment, append(how.args, "synthetic", "--count", "20")...)
			if err == nil || !strings.HasPrefix(err.Error(), how.source) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "another team") {
				t.Errorf("%s %q: %v; want it refused, beginning %q and saying %q", how.name, c.team, err, how.source, c.want)
			}
			if _, err := os.Stat(db); err == nil {
				t.Errorf("%s %q: a store was made for a run that was refused", how.name, c.team)
			}
		}
	}
}
