package assess

import (
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// pastedRows are the rows of shown a clinician copies to run the command
// that begins with begins, as the screen shows them: from the command to
// the end of its row (the whole row, indent and all, when the command
// stands on rows of its own), and the rows it goes on to after " \", each
// whole, without the sentence's punctuation after the last.
func pastedRows(t *testing.T, shown, begins string) string {
	t.Helper()
	rows := strings.Split(shown, "\n")
	for i, r := range rows {
		at := strings.Index(r, begins)
		if at < 0 {
			continue
		}
		if strings.TrimLeft(r, " ") != r[at:] {
			r = r[at:]
		}
		copied := []string{r}
		for strings.HasSuffix(r, " \\") && i+1 < len(rows) {
			i++
			r = rows[i]
			copied = append(copied, r)
		}
		copied[len(copied)-1] = strings.TrimRight(copied[len(copied)-1], ").,;:")
		return strings.Join(copied, "\n")
	}
	t.Fatalf("%q is not on the screen:\n%s", begins, shown)
	return ""
}

// shellArgs is the words a POSIX shell gives the command in script, pasted
// into it as it is, rows and all.
func shellArgs(script string) ([]string, error) {
	out, err := exec.Command("sh", "-c", `printf '%s\0' `+script).Output()
	if err != nil {
		return nil, err
	}
	return strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00"), nil
}

// pastedAsShown checks that the rows of shown giving the command that
// begins with begins, pasted into a shell as they are, give digicheck the
// words of cmd.
func pastedAsShown(t *testing.T, shown, begins, cmd, at string) {
	t.Helper()
	want, err := shellArgs(cmd)
	if err != nil {
		t.Fatalf("the shell cannot run %q: %v", cmd, err)
	}
	rows := pastedRows(t, shown, begins)
	got, err := shellArgs(rows)
	if err != nil {
		t.Errorf("%s: the shell cannot run the rows\n%s\n(%v). The screen:\n%s", at, rows, err, shown)
		return
	}
	if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
		t.Errorf("%s: pasted as shown, the rows\n%s\ngive digicheck %q, want %q. The screen:\n%s", at, rows, got, want, shown)
	}
}

// TestAReasonInDoubleQuotesIsNeverBrokenInside: a follow-up push holds back
// gives the command that marks it entered in error, its reason in double
// quotes (--reason "followed up a version set aside"). Wrapped, it was
// broken between the reason's words; pasted, the shell dropped the " \"
// and the line end inside the quotes but kept the next row's indent, and
// the record saved the reason "followed up a version set         aside",
// never to be changed. The reason is one word, as a shell takes it.
func TestAReasonInDoubleQuotesIsNeverBrokenInside(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the commands are left whole on Windows")
	}
	for _, given := range []string{"", " --db '/home/nurse/community team/digicheck.db'"} {
		cmd := "digicheck void" + given + ` 0193c0de-aaaa-7bbb-8ccc-0123456789ab --reason "followed up a version set aside" --clinician`
		text := "Mark the follow-up entered in error, with your own name after --clinician, and follow the patient up again:\n      " + cmd + "\n      digicheck followup 9434765919" + given
		for _, w := range []int{60, 80} {
			shown := WrapCommands(text, w, func(s string) string { return ansi.Wrap(s, w, "") })
			pastedAsShown(t, shown, "digicheck void", cmd, fmt.Sprintf("at %d columns", w))
		}
	}
}

// TestAFlagWithNoValueEndsTheCommandInASentence: push's waits say "then
// run digicheck push --check-server here again", given this run's --db,
// --config and --server. --check-server takes no value, but the next word
// of the sentence was taken for one: the command, too wide for the row,
// went on rows of its own ending "--check-server here", and pasted it
// failed ("push takes no arguments, and was given "here""). The command
// ends at a flag that takes no value.
func TestAFlagWithNoValueEndsTheCommandInASentence(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the commands are left whole on Windows")
	}
	const given = " --db '/home/nurse/community team/digicheck.db' --config /laptops/a/config.toml --server https://fhir.example.nhs.uk/R4"
	cmd := "digicheck push" + given + " --check-server"
	text := "  1 record version of assessment 0193c0de made here waits on record 0193c0df, made by Dr Ward on another machine on 5 Dec 2026, which the server lacks too: on that machine run digicheck push --server https://fhir.example.nhs.uk/R4 --check-server (it sends that record again), then run " + cmd + " here again (it sends this machine's after it)"
	const w = 80
	shown := WrapCommands(text, w, func(s string) string { return ansi.Wrap(s, w, "") })
	pastedAsShown(t, shown, "digicheck push --db", cmd, "at 80 columns")
	if !strings.Contains(strings.Join(strings.Fields(shown), " "), "here again (it sends this machine's after it)") {
		t.Errorf("the sentence after the command is lost:\n%s", shown)
	}
}

// TestACommandThatFitsOnlyWithoutItsBracketsIsNotBrokenInside: a command
// in brackets in a sentence, as wide as the row but for the "(" before it
// and the ")." after it, was broken by the wrap inside its quoted store
// path, the closing quote on the next row: pasted, the shell waited for
// the quote. The command, with what the sentence puts round it, is one
// word to the wrap: too wide for the row, it goes on rows of its own.
func TestACommandThatFitsOnlyWithoutItsBracketsIsNotBrokenInside(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the commands are left whole on Windows")
	}
	const cmd = "digicheck followup 1234567890 --db '/home/nurse/My Files/dc.db'"
	const text = "The patient was assessed since this assessment began; follow them up instead (" + cmd + ")."
	for _, w := range []int{ansi.StringWidth(cmd), ansi.StringWidth(cmd) + 1, ansi.StringWidth(cmd) + 2} {
		shown := WrapCommands(text, w, func(s string) string { return ansi.Wrap(s, w, "") })
		pastedAsShown(t, shown, "digicheck followup", cmd, fmt.Sprintf("at %d columns", w))
	}
}

// TestACommandInDoubleQuotesInASentenceEndsAtTheQuote: a sentence may give
// a command in double quotes; the quote that closes it ends the command,
// and opens no quoted word taking the rest of the sentence.
func TestACommandInDoubleQuotesInASentenceEndsAtTheQuote(t *testing.T) {
	const l = `See it in full with "digicheck show 0193c0de" and amend it if it is wrong.`
	units := inlineCommands(l)
	if len(units) != 1 || l[units[0][0]:units[0][1]] != "digicheck show 0193c0de" {
		var got []string
		for _, u := range units {
			got = append(got, l[u[0]:u[1]])
		}
		t.Errorf("the commands in %q are %q, want [\"digicheck show 0193c0de\"]", l, got)
	}
}
