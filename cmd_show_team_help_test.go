package main

import (
	"strings"
	"testing"
)

// TestShowHelpSaysWhatTeamDoesForShow: show --help said of --team "Team
// recorded on assessments", which show records nothing on: for show it is
// the team the handout names, with its phone number. Said so, in show's
// help only.
func TestShowHelpSaysWhatTeamDoesForShow(t *testing.T) {
	t.Setenv("COLUMNS", "")
	for _, args := range [][]string{{"show", "--help"}, {"help", "show"}} {
		help := strings.Join(strings.Fields(helpOf(t, args)), " ")
		if strings.Contains(help, "Team recorded on assessments") || !strings.Contains(help, "--team Team the handout names as the one to contact") {
			t.Errorf("%v does not say what --team does for show:\n%s", args, help)
		}
	}
	if help := strings.Join(strings.Fields(helpOf(t, []string{"new", "--help"})), " "); !strings.Contains(help, "Team recorded on assessments") {
		t.Errorf("new --help no longer says --team is the team recorded on assessments:\n%s", help)
	}
}
