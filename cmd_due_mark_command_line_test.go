package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// markCommand is the command the DAMAGED STORE head of a due list tells
// the reader to run, as copied from its lines: the line it starts on
// must hold nothing before it, and a line it goes on from ends " \", as a
// shell reads it. ok is false when no line starts with the command.
func markCommand(list string) (cmd string, ok bool) {
	lines := strings.Split(list, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(strings.TrimSpace(l), "digicheck check") {
			continue
		}
		cmd = strings.TrimSpace(l)
		for strings.HasSuffix(cmd, " \\") && i+1 < len(lines) {
			i++
			cmd = strings.TrimSuffix(cmd, "\\") + strings.TrimSpace(lines[i])
		}
		return cmd, true
	}
	return "", false
}

// The head of a due list read from a damaged store ended "run digicheck
// check --db FILE" wrapped with the sentence: "run digicheck" on one
// line, "check --db FILE" on the next. Copied line by line, as a command
// is copied, it ran digicheck alone (a new assessment on the default
// store), then "check". The command is set on a line of its own under
// the sentence, whole, at 80 and at 60 columns, on the screen and in the
// file -o writes; and the lines of the head fit the width.
func TestTheCommandADueListFromADamagedStoreGivesIsOnALineOfItsOwn(t *testing.T) {
	path, rs := storeWith(t, 2)
	testkit.TamperJSON(t, path, "records", rs[0].ID.String(), func(r *record.Record) { r.Clinician = "Someone Else" })
	want := "digicheck check --db " + shellWord(path)
	for _, width := range []int{80, 60} {
		t.Setenv("COLUMNS", strconv.Itoa(width))
		out, _, err := runStoreCmd(t, path, (*app).dueCmd, "--within", "3660")
		if err == nil {
			t.Fatal("due with a damaged record ended as a success; want exit 1")
		}
		file := filepath.Join(t.TempDir(), "due.txt")
		runStoreCmd(t, path, (*app).dueCmd, "--within", "3660", "-o", file)
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for what, list := range map[string]string{"on the screen": out, "in the file": string(b)} {
			head, _, _ := strings.Cut(list, "\n\n")
			if !strings.HasPrefix(head, "DAMAGED STORE") {
				t.Fatalf("at %d columns, %s: the list does not open with the mark of the damaged store:\n%s", width, what, list)
			}
			if got, ok := markCommand(head); !ok || got != want {
				t.Errorf("at %d columns, %s: the head does not give %q on a line of its own (got %q):\n%s", width, what, want, got, head)
			}
			for _, l := range strings.Split(head, "\n") {
				if len(l) > width && !strings.Contains(l, path) {
					t.Errorf("at %d columns, %s: a line of the head is %d wide:\n%s", width, what, len(l), head)
				}
			}
		}
	}
}
