package assess

import (
	"regexp"
	"runtime"
	"slices"
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

// WrapCommands is text in lines of at most w columns, with its commands
// kept whole enough to be copied from the screen and run. A command on a
// line of its own ("  digicheck followup …") wider than w is broken as
// WrapCommand breaks it. A command in a sentence ("follow it up instead
// (digicheck followup …)") is one unbreakable unit to wrap, which gives
// the rest of the text: broken by it at a space inside a quoted path or
// at a hyphen of one, it pasted as two commands, the first a new
// assessment. One wider than w goes on lines of its own, as WrapCommand
// breaks it, and the sentence goes on after it.
func WrapCommands(text string, w int, wrap func(string) string) string {
	lines := strings.Split(text, "\n")
	var plain []string
	var out []string
	flush := func() {
		if len(plain) > 0 {
			out = append(out, wrapProse(strings.Join(plain, "\n"), w, wrap))
			plain = nil
		}
	}
	for _, l := range lines {
		if !commandLine.MatchString(l) || ansi.StringWidth(l) <= w {
			plain = append(plain, l)
			continue
		}
		flush()
		out = append(out, WrapCommand(l, w))
	}
	flush()
	return strings.Join(out, "\n")
}

// HasCommand says line l gives a command inside its words, which
// WrapCommands keeps whole.
func HasCommand(l string) bool { return len(inlineCommands(l)) > 0 }

// In a command given to wrap inside a sentence, its spaces and hyphens
// stand as these, which no wrap breaks at, and are put back after.
const (
	heldSpace  = '\uE000'
	heldHyphen = '\uE001'
)

// wrapProse is text (lines that are not commands of their own) given to
// wrap with each command in it kept whole: one that fits in w moves to
// the next line as a word does; one wider than w goes on lines of its own
// (WrapCommand), indented two, with the text before it and after it
// wrapped on lines of their own.
func wrapProse(text string, w int, wrap func(string) string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		out = append(out, wrapLine(l, w, wrap))
	}
	return strings.Join(out, "\n")
}

func wrapLine(l string, w int, wrap func(string) string) string {
	units := inlineCommands(l)
	if len(units) == 0 {
		return wrap(l)
	}
	var b strings.Builder
	var parts []string
	from := 0
	for _, u := range units {
		cmd := l[u[0]:u[1]]
		// To the wrap, the command is one word with the "(" before it
		// and the ")." after it: wider than w, it would be broken.
		first, last := u[0], u[1]
		for first > 0 && l[first-1] != ' ' {
			first--
		}
		for last < len(l) && l[last] != ' ' {
			last++
		}
		if ansi.StringWidth(l[first:last]) > w {
			// The sentence's brackets round it, or its stop after it,
			// would stand alone on a line: "instead (" reads "instead:",
			// and a bracket opened before, closed after it, is opened no
			// more: "a follow-up (see" reads "a follow-up, see:".
			b.WriteString(l[from:u[0]])
			before := strings.TrimRight(b.String(), " ")
			closed := strings.HasPrefix(l[u[1]:], ")")
			if open := unclosed(before); closed && open >= 0 && open < len(before)-1 {
				before = strings.TrimRight(before[:open], " ") + ", " + before[open+1:] + ":"
			} else if strings.HasSuffix(before, "(") {
				before = strings.TrimRight(strings.TrimSuffix(before, "("), " ") + ":"
			}
			if before != "" {
				parts = append(parts, held(before, wrap))
			}
			b.Reset()
			parts = append(parts, WrapCommand("  "+cmd, w))
			from = u[1]
			rest := l[from:]
			if strings.HasPrefix(rest, ")") {
				rest = rest[1:]
			}
			from = len(l) - len(strings.TrimLeft(rest, ".,;: "))
			continue
		}
		b.WriteString(l[from:u[0]])
		b.WriteString(strings.NewReplacer(" ", string(heldSpace), "-", string(heldHyphen)).Replace(cmd))
		from = u[1]
	}
	b.WriteString(l[from:])
	if rest := b.String(); strings.TrimSpace(rest) != "" {
		if len(parts) > 0 {
			rest = strings.TrimLeft(rest, " ")
		}
		parts = append(parts, held(rest, wrap))
	}
	return strings.Join(parts, "\n")
}

// unclosed is where the last bracket s opens and does not close is in
// s, or -1.
func unclosed(s string) int {
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ')':
			depth++
		case '(':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}

// held is s wrapped, with the spaces and hyphens of its commands put back.
func held(s string, wrap func(string) string) string {
	return strings.NewReplacer(string(heldSpace), " ", string(heldHyphen), "-").Replace(wrap(s))
}

// inlineCommands are where the commands in line l begin and end: each
// from a word "digicheck" followed by a space, through its subcommand,
// the words it acts on (a number, a record id, a quoted word, "…") and
// its flags with their values, to the last of them, without the
// punctuation of the sentence after it.
func inlineCommands(l string) [][2]int {
	var found [][2]int
	for i := 0; i < len(l); {
		j := strings.Index(l[i:], "digicheck ")
		if j < 0 {
			break
		}
		at := i + j
		if at > 0 && !strings.ContainsRune(" (\"", rune(l[at-1])) {
			i = at + len("digicheck ")
			continue
		}
		rest := l[at:]
		if at > 0 && l[at-1] == '"' {
			// A command the sentence gives in quotes ends at the quote
			// that closes them.
			if q := strings.IndexByte(rest, '"'); q >= 0 {
				rest = rest[:q]
			}
		}
		words := shellWords(rest)
		text := func(k int) string { return rest[words[k][0]:words[k][1]] }
		end := words[0][1]
		for k := 1; k < len(words); k++ {
			word := text(k)
			bare := strings.TrimRight(word, punctuation)
			switch {
			case strings.HasPrefix(word, "--"):
				if bare == word && FlagTakesValue(strings.TrimPrefix(word, "--")) && k+1 < len(words) && !strings.HasPrefix(text(k+1), "-") {
					k++ // its value
					word = text(k)
					bare = strings.TrimRight(word, punctuation)
				}
			case k == 1 && Subcommand(bare):
				// The subcommand.
			case strings.ContainsAny(bare, "0123456789'\"…"):
				// A number, a record id, a quoted word.
			default:
				k = len(words) // a word of the sentence
				continue
			}
			end = words[k][1] - (len(word) - len(bare))
			if bare != word {
				break // the sentence goes on after this word
			}
		}
		found = append(found, [2]int{at, at + end})
		i = at + end
	}
	return found
}

// Subcommand says s is one of digicheck's commands: "another digicheck
// window" names no command. A switch, not a map: nothing made as the
// program starts.
func Subcommand(s string) bool {
	switch s {
	case "amend", "backup", "check", "due", "export", "followup", "history", "keygen", "new",
		"programmes", "push", "questionnaire", "show", "summary", "synthetic", "void":
		return true
	}
	return false
}

// FlagTakesValue says digicheck's flag --name is given a value ("--db
// FILE"); the others (--check-server, --dry-run) stand alone, and the
// word after one is the next of the command or of the sentence.
func FlagTakesValue(name string) bool {
	switch name {
	case "baseline", "batch", "by", "change", "chart", "check", "clinician", "config", "count",
		"db", "format", "from", "keep", "key-file", "max-wait", "output", "programmes",
		"reason", "recalculate", "resolve", "salvage", "seed", "server", "spc", "team",
		"timeout", "to", "tz", "version", "within":
		return true
	}
	return false
}

// punctuation is what a sentence puts after a command in it.
const punctuation = ").,;:"

// shellWords are where the words of l begin and end, split as a shell
// splits them (commandWords).
func shellWords(l string) [][2]int {
	var words [][2]int
	start := -1
	escaped := false
	var quote rune // the quote a quoted part of a word began with
	for i, r := range l {
		switch {
		case escaped:
			escaped = false
		case r == '\\' && quote != '\'':
			escaped = true // outside quotes, or in double quotes
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case r == ' ':
			if start >= 0 {
				words = append(words, [2]int{start, i})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		words = append(words, [2]int{start, len(l)})
	}
	return words
}

// WrapCommand is the command line l (indented, on a line of its own)
// broken into lines of at most w columns between its words only: a
// quoted word (a path with a space, as the run's flags give it) is never
// broken, nor a flag parted from its value where they fit on a line, nor
// the subcommand from what it acts on; every line but the last ends " \"
// and the lines after the first are indented two more, so that copied as
// shown and pasted into a shell of Linux or macOS it runs as one command.
// A flag and its value
// too wide for a line together go on two; a word wider than a line is
// left whole on its line, for the terminal to wrap. On Windows, whose
// shells go on from a line otherwise (cmd's ^, PowerShell's `), l is left
// whole on one line.
func WrapCommand(l string, w int) string { return wrapCommandFor(l, w, runtime.GOOS) }

// wrapCommandFor is WrapCommand as it is on the system goos.
func wrapCommandFor(l string, w int, goos string) string {
	if goos == "windows" || ansi.StringWidth(l) <= w {
		return l
	}
	indent := len(l) - len(strings.TrimLeft(l, " "))
	words := commandWords(strings.TrimSpace(l))
	more := strings.Repeat(" ", indent+2)
	var lines []string
	cur := strings.Repeat(" ", indent) + words[0]
	for i := 1; i < len(words); i++ {
		word := words[i]
		end := 2 // room for " \" after it
		if i == len(words)-1 {
			end = 0
		}
		if flag, value, ok := strings.Cut(word, " "); ok && strings.HasPrefix(word, "--") && len(more)+ansi.StringWidth(word)+end > w {
			// A flag with its value wider than a line of its own: the
			// terminal cut it at its edge, inside the value (a path,
			// read as "ward 7b.to" then "ml'"). Broken between them,
			// marked to go on as between any two words.
			words = slices.Insert(words, i+1, value)
			word = flag
		}
		// Room for the word and, after it, " \".
		if ansi.StringWidth(cur)+1+ansi.StringWidth(word)+2 > w {
			lines = append(lines, cur+" \\")
			cur = more + word
			continue
		}
		cur += " " + word
	}
	return strings.Join(append(lines, cur), "\n")
}

// commandWords is the command line l split where a shell splits it, at
// spaces outside quotes and not after a backslash, with each flag that
// takes a value ("--db") kept with the value after it.
func commandWords(l string) []string {
	var words []string
	for _, at := range shellWords(l) {
		words = append(words, l[at[0]:at[1]])
	}
	// The command's name, its subcommand and what it acts on, the
	// words before its first flag, go together.
	head := 1
	for head < len(words) && !strings.HasPrefix(words[head], "-") {
		head++
	}
	kept := []string{strings.Join(words[:head], " ")}
	for i := head; i < len(words); i++ {
		if strings.HasPrefix(words[i], "--") && FlagTakesValue(strings.TrimPrefix(words[i], "--")) && i+1 < len(words) && !strings.HasPrefix(words[i+1], "-") {
			kept = append(kept, words[i]+" "+words[i+1])
			i++
			continue
		}
		kept = append(kept, words[i])
	}
	return kept
}
