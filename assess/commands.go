package assess

import (
	"regexp"
	"runtime"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Command is the command line that runs digicheck's sub on args with
// given (this run's --db and --config, " --db FILE") after them: the
// subcommand and what it acts on come first, so that the first line of
// one broken over two, run alone, never starts a new assessment (plain
// "digicheck --db FILE" does).
func Command(given, sub string, args ...string) string {
	return strings.Join(append([]string{"digicheck", sub}, args...), " ") + given
}

// commandLine is a command given on a line of its own, indented.
var commandLine = regexp.MustCompile(`^ +digicheck [a-z]`)

// WrapCommands is text with every line that is a command on a line of its
// own ("  digicheck followup …") that is wider than w broken only between
// its words, each line but the last ending " \" and the rest indented
// under it, so that copied as shown and pasted into a shell it runs as
// one command: broken anywhere by the screen's wrap, a first line of
// "digicheck --db FILE" ran alone and started a new assessment. A word
// longer than a line is left whole. Other lines are given to wrap.
func WrapCommands(text string, w int, wrap func(string) string) string {
	lines := strings.Split(text, "\n")
	var plain []string
	var out []string
	flush := func() {
		if len(plain) > 0 {
			out = append(out, wrap(strings.Join(plain, "\n")))
			plain = nil
		}
	}
	for _, l := range lines {
		if !commandLine.MatchString(l) || ansi.StringWidth(l) <= w {
			plain = append(plain, l)
			continue
		}
		flush()
		out = append(out, wrapCommand(l, w))
	}
	flush()
	return strings.Join(out, "\n")
}

// wrapCommand breaks the command line l into lines of at most w columns
// where its words allow, as wrapCommandFor does on this system.
func wrapCommand(l string, w int) string { return wrapCommandFor(l, w, runtime.GOOS) }

// wrapCommandFor breaks the command line l into lines of at most w columns
// between its words only: a quoted word (a path with a space, as the run's
// flags give it) is never broken, nor a flag parted from its value. On
// Windows, where " \" goes on with nothing in cmd.exe or PowerShell, l is
// left whole for the terminal to wrap.
func wrapCommandFor(l string, w int, goos string) string {
	if goos == "windows" {
		return l
	}
	indent := len(l) - len(strings.TrimLeft(l, " "))
	words := commandWords(strings.TrimSpace(l))
	more := strings.Repeat(" ", indent+2)
	var lines []string
	cur := strings.Repeat(" ", indent) + words[0]
	for _, word := range words[1:] {
		// Room for the word and, after it, " \".
		if ansi.StringWidth(cur)+1+ansi.StringWidth(word)+2 > w && strings.TrimSpace(cur) != "" {
			lines = append(lines, cur+" \\")
			cur = more + word
			continue
		}
		cur += " " + word
	}
	return strings.Join(append(lines, cur), "\n")
}

// commandWords is the command line l split where a shell splits it, at
// spaces outside single quotes and not after a backslash, with each flag
// ("--db") kept with the value after it.
func commandWords(l string) []string {
	var words []string
	var cur strings.Builder
	quoted, escaped := false, false
	for _, r := range l {
		switch {
		case escaped:
			escaped = false
		case r == '\\' && !quoted:
			escaped = true
		case r == '\'':
			quoted = !quoted
		case r == ' ' && !quoted:
			if cur.Len() > 0 {
				words = append(words, cur.String())
				cur.Reset()
			}
			continue
		}
		cur.WriteRune(r)
	}
	if cur.Len() > 0 {
		words = append(words, cur.String())
	}
	var kept []string
	for i := 0; i < len(words); i++ {
		if strings.HasPrefix(words[i], "--") && i+1 < len(words) && !strings.HasPrefix(words[i+1], "-") {
			kept = append(kept, words[i]+" "+words[i+1])
			i++
			continue
		}
		kept = append(kept, words[i])
	}
	return kept
}
