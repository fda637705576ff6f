package assess

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// TestTheCommandsOfANoticePasteAsOneCommand: the commands the notice of a
// patient assessed before gives, with a run's --db and --config, were
// wider than 80 columns and wrapped with no mark: "digicheck --db FILE
// --config FILE" on one line and "followup 9434765919" on the next.
// Pasted into a shell as shown, the first line ran alone and started a
// new assessment. The subcommand and what it acts on come first, and a
// command wider than the line is broken between its words, each line but
// the last ending " \", so that the lines pasted run as one command.
func TestTheCommandsOfANoticePasteAsOneCommand(t *testing.T) {
	const given = " --db /home/community.nurse/Documents/ward-seven/ward.db --config /home/community.nurse/site/cfg.toml"
	o := options()
	o.Given = given
	s := start(t, o)
	if err := s.SetPatient(patient, "Dr Ada Test", "Ward 5"); err != nil {
		t.Fatal(err)
	}
	a := assessedAt(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr A", "Ward 1")
	const w = 78
	shown := WrapCommands(s.AssessedBefore([]Assessed{a}), w, func(s string) string { return ansi.Wrap(s, w, "") })
	lines := strings.Split(shown, "\n")
	var commands []string
	for i := 0; i < len(lines); i++ {
		if ansi.StringWidth(lines[i]) > w {
			t.Errorf("line %q is wider than %d columns", lines[i], w)
		}
		if !strings.HasPrefix(lines[i], "  digicheck ") {
			continue
		}
		first := strings.TrimSpace(lines[i])
		if strings.HasPrefix(first, "digicheck --") {
			t.Errorf("the command's first line %q, run alone, starts a new assessment", first)
		}
		cmd := lines[i]
		for strings.HasSuffix(cmd, " \\") && i+1 < len(lines) {
			i++
			if !strings.HasPrefix(lines[i], "    ") {
				t.Errorf("the line %q going on from a command is not indented under it", lines[i])
			}
			cmd = strings.TrimSuffix(cmd, " \\") + " " + strings.TrimSpace(lines[i])
		}
		commands = append(commands, strings.TrimSpace(cmd))
	}
	want := []string{"digicheck followup 9434765919" + given, "digicheck amend " + a.Short + " --reason …" + given}
	if strings.Join(commands, "\n") != strings.Join(want, "\n") {
		t.Errorf("the notice, at %d columns, gives the commands\n%s\nwant\n%s\nThe notice:\n%s", w, strings.Join(commands, "\n"), strings.Join(want, "\n"), shown)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, " ") && strings.HasPrefix(l, "--") || strings.HasPrefix(l, "followup") || strings.HasPrefix(l, "amend") {
			t.Errorf("a command goes on at the start of a line %q, unmarked", l)
		}
	}
}

// TestACommandIsNeverBrokenInsideAQuotedPathOrBetweenAFlagAndItsValue: a
// store path with a space is given in quotes ('/home/nurse/Ward
// Stores/ward.db'); broken between its two words, the backslash, the line
// end and the indent went inside the quotes when pasted, naming another
// file. A flag and its value stay on one line too, unless together they
// are wider than a line (the terminal then cut the value at its edge);
// and on Windows, where " \" goes on with nothing in cmd.exe or
// PowerShell, a command is left on one line for the terminal to wrap.
func TestACommandIsNeverBrokenInsideAQuotedPathOrBetweenAFlagAndItsValue(t *testing.T) {
	const l = "  digicheck followup 9434765919 --db '/home/nurse/Ward Stores/it'\\''s/digicheck.db' --config /home/nurse/site/cfg.toml"
	for _, w := range []int{40, 50, 60, 70} {
		got := wrapCommandFor(l, w, "linux")
		lines := strings.Split(got, "\n")
		joined := ""
		for i, line := range lines {
			if i < len(lines)-1 && !strings.HasSuffix(line, " \\") {
				t.Errorf("at %d columns, line %q goes on unmarked", w, line)
			}
			if strings.Count(strings.ReplaceAll(line, `'\''`, ""), "'")%2 != 0 {
				t.Errorf("at %d columns, line %q breaks inside a quoted word:\n%s", w, line, got)
			}
			if f := strings.Fields(line); len(f) > 0 && strings.HasPrefix(f[len(f)-1], "--") ||
				len(f) > 1 && f[len(f)-1] == `\` && strings.HasPrefix(f[len(f)-2], "--") {
				// Only a flag whose value is too wide to go on a line
				// with it goes on without it.
				flag := f[len(f)-1]
				if flag == `\` {
					flag = f[len(f)-2]
				}
				if i+1 < len(lines) && len(lines[i+1])+len(flag)+1 <= w {
					t.Errorf("at %d columns, line %q ends with a flag whose value is on the next line", w, line)
				}
			}
			joined += strings.TrimSuffix(strings.TrimSpace(line), ` \`) + " "
		}
		if strings.TrimSpace(joined) != strings.TrimSpace(l) {
			t.Errorf("at %d columns the lines join to\n%s\nwant\n%s", w, joined, strings.TrimSpace(l))
		}
	}
	if got := wrapCommandFor(l, 50, "windows"); got != l {
		t.Errorf("on Windows the command is broken:\n%s\nwant it on one line", got)
	}
}
