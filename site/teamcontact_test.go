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
		{"address one over", "team_address = \"" + long + "a\"\n", `c.toml:1: team_address "` + long[:40] + `"… (201 characters): 201 characters, give at most 200`}, // said back short
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

// TestATeamGivenWithStraySpacesOrInAnotherCaseIsTheConfigsTeam: a team
// given by --team or DIGICHECK_TEAM as "ward  7 " is the config's "Ward 7":
// it is kept as the config spells it, so that its records are counted as
// one team's, and the team's phone, address and text number go on its
// handouts (the handout already takes the team of a record in another
// case as the site's). Stray spaces in the config's own team go too.
func TestATeamGivenWithStraySpacesOrInAnotherCaseIsTheConfigsTeam(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "config.toml", "team = \" Ward  7 \"\nteam_phone = \"0113 496 0000\"\nteam_address = \"Ward 7, 1 Example Road, Leeds\"\n")
	for _, c := range []struct{ given, team, phone string }{
		{"", "Ward 7", "0113 496 0000"},
		{"Ward 7", "Ward 7", "0113 496 0000"},
		{"ward  7 ", "Ward 7", "0113 496 0000"},
		{"WARD\u00a07", "Ward 7", "0113 496 0000"},
		{" Ward  9 ", "Ward 9", ""},
		{"Ward 77", "Ward 77", ""},
	} {
		flags := map[string]string{"config": cfg}
		if c.given != "" {
			flags["team"] = c.given
		}
		s, err := Resolve(Inputs{Flags: flags})
		if err != nil {
			t.Fatal(err)
		}
		if s.Team != c.team || s.TeamPhone != c.phone || (s.TeamAddress != "") != (c.phone != "") {
			t.Errorf("--team %q: team %q, phone %q, address %q; want team %q, phone %q", c.given, s.Team, s.TeamPhone, s.TeamAddress, c.team, c.phone)
		}
	}
	s, err := Resolve(Inputs{Getenv: func(k string) string {
		if k == "DIGICHECK_TEAM" {
			return "ward 7  "
		}
		return ""
	}, Flags: map[string]string{"config": cfg}})
	if err != nil || s.Team != "Ward 7" || s.TeamPhone != "0113 496 0000" {
		t.Errorf("DIGICHECK_TEAM \"ward 7  \": team %q, phone %q (%v)", s.Team, s.TeamPhone, err)
	}
}
