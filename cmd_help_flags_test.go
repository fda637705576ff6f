package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestHelpListsOnlyTheFlagsThatApply: show --help and history --help
// listed --drafts-from-input, --accessible (and history's --team and
// --programmes), which do nothing for them. Each lists the flags that
// change what it does: show --handout is made with the team in force and
// the referral directory, so show keeps --team and --programmes; history
// neither. An assessment still lists them all. `help COMMAND` lists the
// same as COMMAND --help.
func TestHelpListsOnlyTheFlagsThatApply(t *testing.T) {
	t.Setenv("COLUMNS", "")
	for _, c := range []struct {
		cmd        string
		has, lacks []string
	}{
		{"show", []string{"--handout", "--db", "--config", "--team", "--programmes", "--read-damaged"}, []string{"--drafts-from-input", "--accessible"}},
		{"history", []string{"--server", "--db", "--config", "--read-damaged"}, []string{"--drafts-from-input", "--accessible", "--team", "--programmes"}},
		{"new", []string{"--db", "--config", "--team", "--programmes", "--accessible", "--drafts-from-input"}, nil},
	} {
		for _, args := range [][]string{{c.cmd, "--help"}, {"help", c.cmd}} {
			help := helpOf(t, args)
			for _, f := range c.has {
				if !strings.Contains(help, f+" ") {
					t.Errorf("%v does not list %s:\n%s", args, f, help)
				}
			}
			for _, f := range c.lacks {
				if strings.Contains(help, f) {
					t.Errorf("%v lists %s, which does nothing for %s:\n%s", args, f, c.cmd, help)
				}
			}
		}
	}
	// Hidden from help only: a script that gives one still runs.
	if _, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": t.TempDir() + "/s.db"}, "", "history", "9434765919", "--team", "Ward 9"); err != nil && strings.Contains(err.Error(), "has no option") {
		t.Errorf("history --team refused: %v", err)
	}
}

// TestPipedHelpHasNoTrailingSpaces: piped, `digicheck --help | cat -A`
// showed every description line padded with spaces to column 80. No line
// of any command's help ends in a space.
func TestPipedHelpHasNoTrailingSpaces(t *testing.T) {
	t.Setenv("COLUMNS", "")
	names := []string{""}
	for _, c := range newRoot(nil, &bytes.Buffer{}, &bytes.Buffer{}).Commands() {
		names = append(names, c.Name())
	}
	for _, name := range names {
		args := []string{"--help"}
		if name != "" {
			args = []string{name, "--help"}
		}
		for i, l := range strings.Split(helpOf(t, args), "\n") {
			if strings.HasSuffix(l, " ") {
				t.Errorf("%v: line %d ends in spaces: %q", args, i+1, l)
			}
		}
	}
}
