package assess

import (
	"regexp"
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
// where its words allow, between words only.
func wrapCommand(l string, w int) string {
	indent := len(l) - len(strings.TrimLeft(l, " "))
	words := strings.Fields(l)
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
