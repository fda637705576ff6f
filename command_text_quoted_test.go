package main

import (
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// TestPushCommandsAreBrokenAsEveryOtherCommandIs: the commands push gives
// (--resolve, --conflicts, amend) were broken by a rule of their own, at
// every word that began "--": a store path in quotes with " --" in it
// ('/srv/ward --old/digicheck.db') was broken inside its quotes, and pasted
// it named another file. They are broken by the one rule every command
// on screen follows: between words only, a quoted word never split, a
// flag with its value, " \" at each break, and whole on Windows.
func TestPushCommandsAreBrokenAsEveryOtherCommandIs(t *testing.T) {
	const line = "    digicheck push --db '/srv/ward --old/community nursing/digicheck.db' --server https://fhir.example.nhs.uk/R4 --resolve 01a24e74-ad29 --keep-mine"
	for _, w := range []int{80, 60, 40} {
		got := commandText(w, line)
		if runtime.GOOS == "windows" {
			if got != line+"\n" {
				t.Errorf("on Windows at %d columns the command is broken:\n%s", w, got)
			}
			continue
		}
		rows := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		joined := ""
		for i, r := range rows {
			if i < len(rows)-1 && !strings.HasSuffix(r, " \\") {
				t.Errorf("at %d columns the row %q goes on unmarked:\n%s", w, r, got)
			}
			if strings.Count(r, "'")%2 != 0 {
				t.Errorf("at %d columns the row %q breaks inside a quoted word:\n%s", w, r, got)
			}
			joined += strings.TrimSuffix(strings.TrimSpace(r), " \\") + " "
		}
		if strings.TrimSpace(joined) != strings.TrimSpace(line) {
			t.Errorf("at %d columns the rows join to\n%s\nwant\n%s", w, joined, strings.TrimSpace(line))
		}
		g, err := exec.Command("sh", "-c", `printf '%s\n' `+got).Output()
		if err != nil {
			t.Fatal(err)
		}
		if want, _ := exec.Command("sh", "-c", `printf '%s\n' `+line).Output(); string(g) != string(want) {
			t.Errorf("at %d columns a shell gives digicheck\n%s\nwant\n%s", w, g, want)
		}
	}
}
