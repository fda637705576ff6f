package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A team typed with a look-alike letter of another script (--team
// "Ward А", its А Cyrillic, U+0410: a keyboard layout left on another
// language, a name pasted from elsewhere) was taken, and was a second
// team printing exactly as "Ward A". It is refused before anything runs,
// from --team and DIGICHECK_TEAM, naming the letter and its script, as an
// invisible character is, and no store is made; a name wholly in one
// script is taken.
func TestATeamMixingScriptsIsRefusedAtTheStart(t *testing.T) {
	for _, c := range []struct {
		team, want string // want "" for taken
	}{
		{"Ward \u0410", "(U+0410), is a Cyrillic letter among Latin ones"},
		{"Ward \u0391", "(U+0391), is a Greek letter among Latin ones"},
		{"\u041f\u0430\u043b\u0430\u0442\u0430 5", ""},
	} {
		for _, how := range []string{"flag", "environment"} {
			db := filepath.Join(t.TempDir(), "s.db")
			env := map[string]string{"DIGICHECK_DB": db}
			args := []string{"synthetic", "--count", "20"}
			if how == "flag" {
				args = append([]string{"--team", c.team}, args...)
			} else {
				env["DIGICHECK_TEAM"] = c.team
			}
			_, _, err := runCLI(t, env, pipedAssessment, args...)
			if c.want == "" {
				if err != nil {
					t.Errorf("%s %q: %v; want it taken", how, c.team, err)
				}
				continue
			}
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "a name mixing the letters of two scripts") {
				t.Errorf("%s %q: %v; want it refused saying %q", how, c.team, err, c.want)
			}
			if _, err := os.Stat(db); err == nil {
				t.Errorf("%s %q: a store was made for a run that was refused", how, c.team)
			}
		}
	}
}
