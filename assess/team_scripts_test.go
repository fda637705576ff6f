package assess

import (
	"strings"
	"testing"
)

// A team typed with a look-alike letter of another script ("Ward А", its
// А Cyrillic: --team, the site file's team, the forms) was kept, and was a
// second team printing exactly as "Ward A". It is refused at entry with
// what to do, as an invisible character is; a name in one script is kept.
func TestATeamNameMixingScriptsIsRefused(t *testing.T) {
	for _, c := range []struct {
		team string
		ok   bool
	}{
		{"Ward A", true},
		{"Палата 5", true},
		{"Ward \u0410", false},
		{"Ward \u0391", false},
		{"C\u043emmunity B", false},
	} {
		err := CheckTeam(c.team)
		if c.ok != (err == nil) {
			t.Errorf("CheckTeam(%q) = %v, want ok %v", c.team, err, c.ok)
			continue
		}
		if err != nil && !strings.Contains(err.Error(), "a name mixing the letters of two scripts") {
			t.Errorf("CheckTeam(%q): %v: does not say why", c.team, err)
		}
	}
}
