package main

import (
	"strings"
	"testing"

	"digicheck/assess"
)

// TestSummaryChecksEachTeamAlone: summary's --team is repeatable, and the
// length rule was checked on the teams joined as "[a,b,c]": three
// ordinary teams, or one team of 59 or 60 characters, were refused as "a
// team's name ... too long", counting the brackets and commas, though due
// took the same team. Each team is checked alone and a refusal names that
// team alone; summary and due agree at the boundary.
func TestSummaryChecksEachTeamAlone(t *testing.T) {
	db := syntheticDB(t)
	env := map[string]string{"DIGICHECK_DB": db}
	three := []string{"--team", "Community nursing (north)", "--team", "Community nursing (south)", "--team", "Stroke Rehab"}
	if _, _, err := runCLI(t, env, "", append([]string{"summary"}, three...)...); err != nil && strings.Contains(err.Error(), "characters") {
		t.Errorf("summary of three ordinary teams was refused: %v", err)
	}
	most := strings.Repeat("x", assess.MaxTeam)
	over := strings.Repeat("y", assess.MaxTeam+1)
	for _, cmd := range []string{"summary", "due"} {
		if _, _, err := runCLI(t, env, "", cmd, "--team", most); err != nil && strings.Contains(err.Error(), "characters") {
			t.Errorf("%s --team of exactly %d characters was refused: %v", cmd, assess.MaxTeam, err)
		}
		args := []string{cmd, "--team", over}
		if cmd == "summary" {
			args = append(args, "--team", "Ward 7")
		}
		_, _, err := runCLI(t, env, "", args...)
		want := `--team "` + over + `": a team's name can have at most 60 characters, and this has 61: shorten it`
		if err == nil || err.Error() != want {
			t.Errorf("%s --team of %d characters: %v\nwant %s", cmd, assess.MaxTeam+1, err, want)
		}
	}
}
