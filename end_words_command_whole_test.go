package main

import (
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// TestEndWordsGiveACommandInTheirSentenceWhole: the words the plain
// prompts end with ("… Run digicheck --db '…' --config '…' to resume it.")
// were wrapped at every space, inside the quoted store and site paths too:
// pasted as shown, a shell ran a command of the first line alone. The
// command in the sentence is kept whole, or, wider than the line, set on
// lines of its own broken between its words with " \".
func TestEndWordsGiveACommandInTheirSentenceWhole(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the commands are left whole on Windows")
	}
	const given = " --db '/tmp/ward-stores/Community Nursing North-East Locality Team/shared-workstation-digicheck/s6.db'" +
		" --config '/tmp/site settings/north-east-community-nursing/digicheck-site-configuration-2026.toml'"
	const want = "digicheck" + given
	for _, w := range []int{80, 40} {
		got := wrapReport("Not finished: the answers given so far are kept as a draft for patient 943 476 5919. Run digicheck"+given+" to resume it.", w)
		rows := strings.Split(got, "\n")
		cmd := ""
		for i, r := range rows {
			at := strings.Index(r, "digicheck --db")
			if strings.TrimSpace(r) == `digicheck \` {
				at = strings.Index(r, "digicheck")
			}
			if at < 0 {
				continue
			}
			cmd = r[at:]
			for strings.HasSuffix(cmd, " \\") && i+1 < len(rows) {
				i++
				cmd = strings.TrimSuffix(cmd, " \\") + " " + strings.TrimLeft(rows[i], " ")
			}
			break
		}
		if cmd != want {
			t.Errorf("at %d columns, copied from the end words the command is\n%s\nwant\n%s\nThe words:\n%s", w, cmd, want, got)
			continue
		}
		g, err := exec.Command("sh", "-c", `printf '%s\n' `+cmd).Output()
		if err != nil {
			t.Fatal(err)
		}
		if wantWords, _ := exec.Command("sh", "-c", `printf '%s\n' `+want).Output(); string(g) != string(wantWords) {
			t.Errorf("at %d columns a shell gives digicheck\n%s\nwant\n%s", w, g, wantWords)
		}
		if !strings.Contains(strings.Join(strings.Fields(got), " "), "to resume it.") {
			t.Errorf("at %d columns the sentence's end is lost:\n%s", w, got)
		}
	}
}
