package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSyntheticTeamIsHonoured: synthetic --team "Tiny team" (and
// DIGICHECK_TEAM) was offered and ignored, making the six "Synthetic ..."
// teams without a word. Every record is now that team's; with neither,
// the six synthetic teams as before.
func TestSyntheticTeamIsHonoured(t *testing.T) {
	teamsOf := func(db string) string {
		out, _, err := runCLI(t, nil, "", "--db", db, "summary", "--exact", "--format", "csv", "--from", "2000-01-01")
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		var teams []string
		for _, l := range strings.Split(out, "\n") {
			f := strings.Split(l, ",")
			if len(f) > 3 && f[1] == "team" && !seen[f[2]] {
				seen[f[2]] = true
				teams = append(teams, f[2])
			}
		}
		return strings.Join(teams, "|")
	}
	dir := t.TempDir()
	flag := filepath.Join(dir, "flag.db")
	if _, _, err := runCLI(t, nil, "", "--db", flag, "--team", "Tiny team", "synthetic", "--count", "80"); err != nil {
		t.Fatal(err)
	}
	if got := teamsOf(flag); got != "Tiny team" {
		t.Errorf("synthetic --team \"Tiny team\": teams %q", got)
	}
	env := filepath.Join(dir, "env.db")
	if _, _, err := runCLI(t, map[string]string{"DIGICHECK_TEAM": "Ward 9"}, "", "--db", env, "synthetic", "--count", "80"); err != nil {
		t.Fatal(err)
	}
	if got := teamsOf(env); got != "Ward 9" {
		t.Errorf("DIGICHECK_TEAM=\"Ward 9\" synthetic: teams %q", got)
	}
	none := filepath.Join(dir, "none.db")
	if _, _, err := runCLI(t, nil, "", "--db", none, "synthetic", "--count", "80"); err != nil {
		t.Fatal(err)
	}
	if got := teamsOf(none); strings.Count(got, "Synthetic ") != 6 {
		t.Errorf("synthetic with no team: teams %q, want the six synthetic teams", got)
	}
}
