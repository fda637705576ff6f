//go:build !windows

package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestTheFileOfASaveRefusedInARunGivenDbGivesItsCommandsWithIt: the plain
// prompts, started with --db on a store another program holds still at
// the save, keep the answers in a file whose commands (how to enter them
// again) carry that --db, as the run's own end words do: given bare, they
// opened the default store.
func TestTheFileOfASaveRefusedInARunGivenDbGivesItsCommandsWithIt(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	run := startHeldPlainArgs(t, nil, "--db")
	run.typeLines(append(append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...), declinedShown(t)...))
	run.typeLines([]string{"1", "q"}) // save, refused; stop, keeping the file
	out, _ := run.end()
	kept, _ := filepath.Glob(filepath.Join(run.dir, "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the answers, want 1:\n%s", len(kept), out)
	}
	body, _, _ := strings.Cut(fileBytes(t, kept[0]), "The same answers as data, for IT:")
	// What to do with the answers, under the note and the answers (the
	// note's heading names digicheck, not a command): a store held from
	// the start says first how to look the patient up.
	i := strings.Index(body, "Not looked up:")
	if i < 0 {
		i = strings.Index(body, "To enter them again:")
	}
	if i < 0 {
		t.Fatalf("the file does not say how to enter the answers again:\n%s", body)
	}
	text := strings.Join(strings.Fields(body[i:]), " ")
	if cmds := fileCommands(t, text, " --db "+shellWord(run.path)); len(cmds) == 0 {
		t.Errorf("the file gives no command to enter the answers again:\n%s", body)
	}
}
