package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSettingsPrecedenceFlagEnvFileDefault(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "config.toml", `site_name = "Test Trust"
team = "file-team"
db = "file.db"
programmes = "progs.toml"
`)
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, tc := range []struct {
		name           string
		flags          map[string]string
		env            map[string]string
		wantTeam, from string
		wantDB         string
	}{
		{"file over default", nil, nil, "file-team", "config", filepath.Join(dir, "file.db")},
		{"env over file", nil, map[string]string{"DIGICHECK_TEAM": "env-team", "DIGICHECK_DB": "/e.db"}, "env-team", "env", "/e.db"},
		{"flag over env", map[string]string{"team": "flag-team", "db": "/f.db"}, map[string]string{"DIGICHECK_TEAM": "env-team", "DIGICHECK_DB": "/e.db"}, "flag-team", "flag", "/f.db"},
		{"empty flag still wins", map[string]string{"team": ""}, map[string]string{"DIGICHECK_TEAM": "env-team"}, "", "flag", filepath.Join(dir, "file.db")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			flags := map[string]string{"config": cfg}
			for k, v := range tc.flags {
				flags[k] = v
			}
			s, err := Resolve(Inputs{Flags: flags, Getenv: env(tc.env)})
			if err != nil {
				t.Fatal(err)
			}
			if s.Team != tc.wantTeam || s.Source["team"] != tc.from {
				t.Errorf("team = %q from %s, want %q from %s", s.Team, s.Source["team"], tc.wantTeam, tc.from)
			}
			if s.DB != tc.wantDB {
				t.Errorf("db = %q, want %q", s.DB, tc.wantDB)
			}
			if s.Programmes != filepath.Join(dir, "progs.toml") {
				t.Errorf("relative programmes path not resolved against the config folder: %q", s.Programmes)
			}
		})
	}
}

func TestConfigFileFromEnvAndDefault(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "c.toml", `team = "t1"`)
	s, err := Resolve(Inputs{Getenv: func(k string) string {
		if k == "DIGICHECK_CONFIG" {
			return cfg
		}
		return ""
	}})
	if err != nil || s.Team != "t1" || s.ConfigFile != cfg {
		t.Fatalf("config from env not read: %+v %v", s, err)
	}
	// A missing default config is fine; a missing named one is an error.
	s, err = Resolve(Inputs{DefaultConfig: filepath.Join(dir, "absent.toml")})
	if err != nil || s.ConfigFile != "" || s.Config.Disclosure != DefaultDisclosure {
		t.Fatalf("missing default config: %+v %v", s, err)
	}
	if _, err := Resolve(Inputs{Flags: map[string]string{"config": filepath.Join(dir, "absent.toml")}}); err == nil {
		t.Fatal("a missing --config file was accepted")
	}
}

func TestAccessibleFromEnv(t *testing.T) {
	for v, want := range map[string]bool{"1": true, "true": true, "0": false, "false": false, "": false} {
		s, err := Resolve(Inputs{Getenv: func(k string) string {
			if k == "DIGICHECK_ACCESSIBLE" {
				return v
			}
			return ""
		}})
		if err != nil || s.Accessible != want {
			t.Errorf("DIGICHECK_ACCESSIBLE=%q: accessible = %v, want %v (%v)", v, s.Accessible, want, err)
		}
	}
}

func TestBrokenConfigStopsWithItsLine(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ body, want string }{
		{"team = \"a\"\ncolour = \"red\"\n", `c.toml:2: unknown field "colour"`},
		{"team = \"a\n", `c.toml:1: `},
		{"[disclosure]\nmax_suppressed = 3\n", `c.toml:2: max_suppressed 3 is looser than the default 7`},
		{"[disclosure]\nround_to = 1\n", `c.toml:2: round_to 1 is looser than the default 5`},
	} {
		cfg := writeFile(t, dir, "c.toml", tc.body)
		_, err := Resolve(Inputs{Flags: map[string]string{"config": cfg}})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("config %q: error %v, want it to contain %q", tc.body, err, tc.want)
		}
	}
}

func TestStricterDisclosureAccepted(t *testing.T) {
	c, err := ParseConfig("c.toml", []byte("[disclosure]\nmax_suppressed = 10\nround_to = 10\n"), ".")
	if err != nil || c.Disclosure != (Disclosure{MaxSuppressed: 10, RoundTo: 10}) {
		t.Fatalf("stricter disclosure: %+v %v", c.Disclosure, err)
	}
}

func TestDirectoryRefusesBrokenProgrammesFile(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "p.toml", "[[programme]]\nid = \"x\"\n")
	_, err := Settings{Programmes: p}.Directory()
	if err == nil || !strings.Contains(err.Error(), "p.toml:1:") {
		t.Fatalf("broken programmes file: %v", err)
	}
}

func TestTeamPhoneThatCannotBeDialledStopsWithItsLine(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"team = \"Ward 12\"\nteam_phone = \"0113-496-0000\"\n", `c.toml:2: team_phone "0113-496-0000": use digits and spaces only`},
		{"team = \"Ward 12\"\n\nteam_phone = \"ring 0113 496 0000\"\n", `c.toml:3: team_phone`},
		{"team_phone = \"12\"\n", `c.toml:1: team_phone "12": a phone number has 3 to 15 digits`},
	} {
		_, err := ParseConfig("c.toml", []byte(tc.body), ".")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("config %q: error %v, want it to contain %q", tc.body, err, tc.want)
		}
	}
}

func TestTeamPhoneGoesWithTheConfigsTeamOnly(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "config.toml", "team = \"Ward 12\"\nteam_phone = \"+44 113 496 0000\"\nhandout_dir = \"handouts\"\n")
	s, err := Resolve(Inputs{Flags: map[string]string{"config": cfg}})
	if err != nil {
		t.Fatal(err)
	}
	if s.TeamPhone != "+44 113 496 0000" {
		t.Errorf("team phone = %q, want the config's", s.TeamPhone)
	}
	if s.HandoutDir != filepath.Join(dir, "handouts") {
		t.Errorf("handout_dir = %q, want it resolved against the config folder", s.HandoutDir)
	}
	// Another team named on the command line must not print Ward 12's
	// number on its patients' handouts.
	s, err = Resolve(Inputs{Flags: map[string]string{"config": cfg, "team": "Ward 9"}})
	if err != nil {
		t.Fatal(err)
	}
	if s.TeamPhone != "" {
		t.Errorf("team Ward 9 got team phone %q, which is Ward 12's", s.TeamPhone)
	}
}

func TestAChangeNeedsADayAndALabel(t *testing.T) {
	c, err := ParseConfig("c.toml", []byte("[[changes]]\ndate = \"2026-03-02\"\nlabel = \"Text reminders\"\nrecalculate = true\n"), ".")
	if err != nil || len(c.Changes) != 1 || !c.Changes[0].Recalculate {
		t.Fatalf("a change: %+v %v", c.Changes, err)
	}
	_, err = ParseConfig("c.toml", []byte("site_name = \"x\"\n\n[[changes]]\ndate = \"2 March\"\n\n[[changes]]\ndate = \"2026-03-09\"\nlabel = \" \"\n"), ".")
	// Each said at its own key's line; the first entry's missing label at
	// its [[changes]] line.
	if err == nil || !strings.Contains(err.Error(), "c.toml:4: change date \"2 March\": give the day as YYYY-MM-DD") ||
		!strings.Contains(err.Error(), "c.toml:3: change: give a label") ||
		!strings.Contains(err.Error(), "c.toml:8: change: give a label") {
		t.Fatalf("bad changes: %v", err)
	}
}

// TestADisclosureSettingOfZeroIsRefusedNotReplacedByTheDefault: a site
// file with max_suppressed = 0 (or round_to = 0) was read as the default,
// 7 (or 5), with no word: the site believed it had set 0. Zero is looser
// than the default, as 3 is, and is refused the same way, naming the line.
func TestADisclosureSettingOfZeroIsRefusedNotReplacedByTheDefault(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"[disclosure]\nmax_suppressed = 0\n", `c.toml:2: max_suppressed 0 is looser than the default 7`},
		{"[disclosure]\n\nround_to = 0\n", `c.toml:3: round_to 0 is looser than the default 5`},
		{"[disclosure]\nmax_suppressed = -1\n", `c.toml:2: max_suppressed -1 is looser than the default 7`},
	} {
		c, err := ParseConfig("c.toml", []byte(tc.body), ".")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("config %q: error %v (disclosure read as %+v), want it to contain %q", tc.body, err, c.Disclosure, tc.want)
		}
	}
	// Not set at all, the default applies.
	c, err := ParseConfig("c.toml", []byte("site_name = \"x\"\n"), ".")
	if err != nil || c.Disclosure != DefaultDisclosure {
		t.Errorf("no [disclosure]: %+v %v, want the default", c.Disclosure, err)
	}
}

// TestADisclosureSettingThatReadsAsStricterAndIsNotIsRefusedSayingWhatToWrite:
// each [disclosure] value was checked only against its own default, so
// round_to = 8 with max_suppressed left at 7 was accepted and showed
// counts of 8; and max_suppressed is compared with counts already rounded
// to a multiple of round_to, so max_suppressed = 8 or 9 with round_to 5
// was accepted and hid nothing more than 7, where a site that writes 9
// expects counts up to 9 hidden. Each is refused at its line, saying what
// to write instead, with the other problems of the file; what is
// stricter is accepted (round_to = 10 alone included: a summary lays the
// site's rule over the default one, so it shows no count the defaults
// hide).
func TestADisclosureSettingThatReadsAsStricterAndIsNotIsRefusedSayingWhatToWrite(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"[disclosure]\nround_to = 8\n", `c.toml:2: round_to 8 with max_suppressed 7 would show counts from 8, below the default's smallest, 10: write max_suppressed = 8 as well (* is then any count from 0 to 15)`},
		{"[disclosure]\nmax_suppressed = 7\nround_to = 9\n", `c.toml:3: round_to 9 with max_suppressed 7 would show counts from 9, below the default's smallest, 10: write max_suppressed = 9 as well (* is then any count from 0 to 17)`},
		{"[disclosure]\nround_to = 5\nmax_suppressed = 9\n", `c.toml:3: max_suppressed 9 has no effect with round_to 5: counts are rounded to a multiple of 5 before they are compared with it, so it hides just what the default 7 hides (* is any count from 0 to 9); write max_suppressed = 10 to hide the counts that round to 10 too (* is then any count from 0 to 14), or leave it out`},
		{"[disclosure]\nmax_suppressed = 8\n", `c.toml:2: max_suppressed 8 has no effect with round_to 5`},
		{"[disclosure]\nround_to = 10\nmax_suppressed = 9\n", `c.toml:3: max_suppressed 9 has no effect with round_to 10: counts are rounded to a multiple of 10 before they are compared with it, so it hides just what the default 7 hides (* is any count from 0 to 9); write max_suppressed = 10 to hide the counts that round to 10 too (* is then any count from 0 to 19), or leave it out`},
		{"[disclosure]\nround_to = 10\nmax_suppressed = 15\n", `c.toml:3: max_suppressed 15 with round_to 10 hides just what 10 does: counts are rounded to a multiple of 10 before they are compared with it; write max_suppressed = 10 (* is then any count from 0 to 19) or 20 (0 to 29)`},
		{"[disclosure]\nmax_suppressed = 12\ngrid = \"day\"\n", "c.toml:2: max_suppressed 12 with round_to 5 hides just what 10 does: counts are rounded to a multiple of 5 before they are compared with it; write max_suppressed = 10 (* is then any count from 0 to 14) or 15 (0 to 19)\nc.toml:3: grid \"day\""},
	} {
		c, err := ParseConfig("c.toml", []byte(tc.body), ".")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("config %q: error %v (disclosure read as %+v), want it to contain %q", tc.body, err, c.Disclosure, tc.want)
		}
	}
	for _, tc := range []struct {
		body string
		want Disclosure
	}{
		{"[disclosure]\nround_to = 10\n", Disclosure{MaxSuppressed: 7, RoundTo: 10}},
		{"[disclosure]\nmax_suppressed = 7\nround_to = 20\n", Disclosure{MaxSuppressed: 7, RoundTo: 20}},
		{"[disclosure]\nmax_suppressed = 10\nround_to = 10\n", Disclosure{MaxSuppressed: 10, RoundTo: 10}},
		{"[disclosure]\nmax_suppressed = 10\n", Disclosure{MaxSuppressed: 10, RoundTo: 5}},
		{"[disclosure]\nmax_suppressed = 8\nround_to = 8\n", Disclosure{MaxSuppressed: 8, RoundTo: 8}},
		{"[disclosure]\nmax_suppressed = 7\nround_to = 5\n", DefaultDisclosure},
	} {
		c, err := ParseConfig("c.toml", []byte(tc.body), ".")
		if err != nil || c.Disclosure != tc.want {
			t.Errorf("config %q: %+v, %v; want %+v accepted", tc.body, c.Disclosure, err, tc.want)
		}
	}
}
