//go:build !windows

package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"digicheck/site"
)

// TestShowAndHistoryAtATerminalWrapAtWholeWords: show at an 80-column
// terminal broke the note and the versions table mid-word ("b" / "y Sam
// Patel", "som" / "e barrier"), and history at 60 columns did ("by Sam
// Pa" / "tel"); a clinician reads the note there before pasting it. At a
// terminal every line is within its width, no word lost, cut or
// reordered. Piped (the form pasted into the record) the output is as
// before: each line of the note whole, as the record's printer writes it.
func TestShowAndHistoryAtATerminalWrapAtWholeWords(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	env := map[string]string{"DIGICHECK_DB": db}
	if _, _, err := runCLI(t, env, pipedAssessment); err != nil {
		t.Fatal(err)
	}
	hist, _, _ := runCLI(t, env, "", "history", "9434765919")
	id := historyIDs(hist)[0]
	// A void with a long reason: the versions table's line runs past 80.
	reason := "wrong patient: this check was for the patient in the next bay, whose notes were open on the same screen"
	if _, _, err := runCLI(t, env, "", "void", id, "--reason", reason, "--clinician", "Samantha Patel-Richardson"); err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{DB: db, Team: "Ward 9"}}
	for _, c := range []struct {
		name  string
		cols  int
		piped func() (string, string, error)
		tty   func() (string, error)
	}{
		{"show", 80, func() (string, string, error) { return execute(a, (*app).showCmd, "", id) },
			func() (string, error) { return onTerminal(t, 80, a, (*app).showCmd, id) }},
		{"history", 60, func() (string, string, error) { return execute(a, (*app).historyCmd, "", "9434765919") },
			func() (string, error) { return onTerminal(t, 60, a, (*app).historyCmd, "9434765919") }},
	} {
		piped, _, err := c.piped()
		if err != nil {
			t.Fatalf("%s piped: %v", c.name, err)
		}
		long := false
		for _, l := range strings.Split(piped, "\n") {
			long = long || ansi.StringWidth(l) > c.cols
		}
		if !long {
			t.Fatalf("%s piped has no line wider than %d to wrap:\n%s", c.name, c.cols, piped)
		}
		if c.name == "show" && !strings.Contains(piped, "by Samantha Patel-Richardson  current, entered in error because: "+reason) {
			t.Errorf("show piped no longer has the version's line whole:\n%s", piped)
		}
		got, err := c.tty()
		if err != nil {
			t.Fatalf("%s at a terminal: %v", c.name, err)
		}
		for i, l := range strings.Split(got, "\n") {
			if w := ansi.StringWidth(l); w > c.cols {
				t.Errorf("%s at %d columns: line %d is %d columns, broken by the terminal mid-word: %q", c.name, c.cols, i+1, w, l)
			}
		}
		if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(piped), " ") {
			t.Errorf("%s at a terminal: words lost, cut or reordered:\n%s\n--- piped:\n%s", c.name, got, piped)
		}
	}
}
