package site

import (
	"strings"
	"testing"
)

// TestTeamAddressAndTextNumberAreCheckedWithTheirLine: the handout of a
// patient who must not be phoned gives the team's postal address and the
// number that takes text messages, as printed, so each is refused at its
// line when a patient could not use it as printed. Each at its boundary.
func TestTeamAddressAndTextNumberAreCheckedWithTheirLine(t *testing.T) {
	long := strings.Repeat("a", MaxAddressLen)
	for _, tc := range []struct {
		name, body, want string // want "" means accepted
	}{
		{"both set", "team = \"Ward 12\"\nteam_address = \"Ward 12, 1 Example Road, Leeds\"\nteam_text = \"07700 900123\"\n", ""},
		{"address at the longest", "team_address = \"" + long + "\"\n", ""},
		{"address one over", "team_address = \"" + long + "a\"\n", `c.toml:1: team_address "` + long + `a": 201 characters, give at most 200`},
		{"address empty", "site_name = \"x\"\nteam_address = \"  \"\n", `c.toml:2: team_address "  ": give the team's postal address, or leave team_address out`},
		{"address on two lines", "team_address = \"1 Example Road\\nLeeds\"\n", `c.toml:1: team_address: character 15 is a line break`},
		{"text number with dashes", "team_text = \"07700-900123\"\n", `c.toml:1: team_text "07700-900123": use digits and spaces only`},
		{"text number too short", "\nteam_text = \"12\"\n", `c.toml:2: team_text "12": a phone number has 3 to 15 digits`},
		{"text number shortest", "team_text = \"123\"\n", ""},
	} {
		c, err := ParseConfig("c.toml", []byte(tc.body), ".")
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want it to contain %q", tc.name, err, tc.want)
		case tc.name == "both set" && (c.TeamAddress != "Ward 12, 1 Example Road, Leeds" || c.TeamText != "07700 900123"):
			t.Errorf("%s: read %q and %q", tc.name, c.TeamAddress, c.TeamText)
		}
	}
}

// TestTeamAddressAndTextNumberGoWithTheConfigsTeamOnly: as the team's
// phone, another team named on the command line gets neither.
func TestTeamAddressAndTextNumberGoWithTheConfigsTeamOnly(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "config.toml", "team = \"Ward 12\"\nteam_address = \"Ward 12, 1 Example Road, Leeds\"\nteam_text = \"07700 900123\"\n")
	s, err := Resolve(Inputs{Flags: map[string]string{"config": cfg}})
	if err != nil {
		t.Fatal(err)
	}
	if s.TeamAddress != "Ward 12, 1 Example Road, Leeds" || s.TeamText != "07700 900123" {
		t.Errorf("Ward 12 got address %q and text number %q, want the config's", s.TeamAddress, s.TeamText)
	}
	s, err = Resolve(Inputs{Flags: map[string]string{"config": cfg, "team": "Ward 9"}})
	if err != nil {
		t.Fatal(err)
	}
	if s.TeamAddress != "" || s.TeamText != "" {
		t.Errorf("team Ward 9 got Ward 12's address %q and text number %q", s.TeamAddress, s.TeamText)
	}
}
