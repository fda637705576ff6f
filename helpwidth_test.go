package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestEveryCommandsHelpFitsEightyColumns: with no terminal and COLUMNS
// unset, every command's --help (and `help COMMAND`) is drawn for 80
// columns: no line wider, in display columns, and every flag still named.
// fang alone drew them at 120 and left flag descriptions unwrapped (155
// columns for export).
func TestEveryCommandsHelpFitsEightyColumns(t *testing.T) {
	t.Setenv("COLUMNS", "")
	names := []string{""}
	for _, c := range newRoot(nil, &bytes.Buffer{}, &bytes.Buffer{}).Commands() {
		names = append(names, c.Name())
	}
	for _, name := range names {
		for _, args := range [][]string{{name, "--help"}, {"help", name}} {
			if name == "" {
				args = args[1:]
				if args[0] == name {
					args = []string{"help"}
				}
			}
			var out, errOut bytes.Buffer
			stdout, help := helpOutput(args, &out)
			root := newRoot(strings.NewReader(""), stdout, &errOut)
			root.SetArgs(args)
			if err := fang.Execute(context.Background(), root); err != nil {
				t.Fatalf("%v: %v", args, err)
			}
			if err := help.flush(); err != nil {
				t.Fatal(err)
			}
			if out.Len() == 0 {
				t.Fatalf("%v: no help", args)
			}
			for i, l := range strings.Split(out.String(), "\n") {
				if w := ansi.StringWidth(l); w > 80 {
					t.Errorf("%v: line %d is %d columns: %q", args, i+1, w, l)
				}
				// An example cut short with "…" cannot be copied.
				if strings.Contains(l, "…") {
					t.Errorf("%v: line %d is cut short: %q", args, i+1, l)
				}
			}
			sub, _, _ := root.Find(args[1:])
			if args[0] != "help" {
				sub, _, _ = root.Find(args[:1])
			}
			for _, f := range flagNames(sub) {
				if !strings.Contains(out.String(), "--"+f) {
					t.Errorf("%v: --%s is not in the help", args, f)
				}
			}
		}
	}
}

// TestHelpIsWrappedBetweenWords: a description too wide is wrapped under
// itself, or under its key when its column is past half the width, and no
// word is cut.
func TestHelpIsWrappedBetweenWords(t *testing.T) {
	in := "  FLAGS\n    --tz   Time zone of days and periods, an IANA name such as UTC (default: the site's)\n    --db   Store\n"
	got := wrapHelp(in, 40)
	want := "  FLAGS\n    --tz   Time zone of days and\n           periods, an IANA name such as\n           UTC (default: the site's)\n    --db   Store\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	in = "    a-very-long-command-name ID [--flags]   Does a thing\n    b   Does another thing\n"
	want = "    a-very-long-command-name ID [--flags]\n        Does a thing\n    b   Does another thing\n"
	if got := wrapHelp(in, 40); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// flagNames are the flags c's help lists.
func flagNames(c *cobra.Command) []string {
	var out []string
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden && listsFlag(c, f.Name) {
			out = append(out, f.Name)
		}
	})
	return out
}

// helpOf is the help args ask for, drawn as main draws it.
func helpOf(t *testing.T, args []string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	stdout, help := helpOutput(args, &out)
	root := newRoot(strings.NewReader(""), stdout, &errOut)
	root.SetArgs(args)
	if err := fang.Execute(context.Background(), root); err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	if err := help.flush(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// aloneOnItsLine finds a line of help that holds one word carried over
// from the line above it: the same indent, the line above of two words or
// more and not a heading of a list (ending ":").
func aloneOnItsLine(help string) []string {
	var found []string
	lines := strings.Split(ansi.Strip(help), "\n")
	indent := func(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }
	for i := 1; i < len(lines); i++ {
		l, above := strings.TrimRight(lines[i], " "), strings.TrimRight(lines[i-1], " ")
		if len(strings.Fields(l)) != 1 || strings.HasPrefix(strings.TrimSpace(l), "-") {
			continue
		}
		if indent(l) == indent(above) && len(strings.Fields(above)) >= 2 && !strings.HasSuffix(above, ":") {
			found = append(found, above+"\n"+l)
		}
	}
	return found
}

// TestNoHelpLeavesAWordAloneOnALine: every command's help at 80 columns,
// plain and in colour, leaves no word alone on a line below a paragraph
// or a flag's description: "benchmarks", "DIGICHECK_PROGRAMMES)",
// "Europe/London)" and "wrong" were. Nor does any line run past 80
// columns or break a word at a hyphen (comms_print-size).
func TestNoHelpLeavesAWordAloneOnALine(t *testing.T) {
	t.Setenv("COLUMNS", "80")
	names := []string{""}
	for _, c := range newRoot(nil, &bytes.Buffer{}, &bytes.Buffer{}).Commands() {
		names = append(names, c.Name())
	}
	for _, colour := range []bool{false, true} {
		if colour {
			t.Setenv("TTY_FORCE", "1")
			t.Setenv("TERM", "xterm-256color")
			t.Setenv("NO_COLOR", "")
		}
		for _, name := range names {
			args := []string{name, "--help"}
			if name == "" {
				args = args[1:]
			}
			help := helpOf(t, args)
			if colour && !strings.Contains(help, "\x1b[") {
				t.Errorf("%v in colour: no colour", args)
			}
			for _, o := range aloneOnItsLine(help) {
				t.Errorf("%v (colour %v): a word alone on its line:\n%s", args, colour, o)
			}
			for i, l := range strings.Split(help, "\n") {
				if w := ansi.StringWidth(l); w > 80 {
					t.Errorf("%v (colour %v): line %d is %d columns", args, colour, i+1, w)
				}
				if p := strings.TrimRight(ansi.Strip(l), " "); strings.HasSuffix(p, "-") && !strings.HasSuffix(p, " -") {
					t.Errorf("%v (colour %v): line %d breaks a word at a hyphen: %q", args, colour, i+1, p)
				}
			}
		}
	}
}

// TestRewrappedHelpKeepsItsColours: a flag's line too wide is wrapped with
// its styles: every character of the key is still in the key's colour and
// every character of the description, on every line it wraps onto, in the
// description's. It was wrapped as plain text.
func TestRewrappedHelpKeepsItsColours(t *testing.T) {
	in := "  FLAGS\n    \x1b[32m--tz\x1b[39m   \x1b[37mTime zone of days and periods, an IANA name such as UTC (default: the site's)\x1b[39m\n"
	got := wrapHelp(in, 40)
	if n := len(strings.Split(strings.TrimRight(got, "\n"), "\n")); n < 4 {
		t.Fatalf("not wrapped:\n%q", got)
	}
	fg := ""
	for li, line := range strings.Split(got, "\n")[1:] {
		col := 0
		for i := 0; i < len(line); i++ {
			if line[i] == '\x1b' {
				end := strings.IndexByte(line[i:], 'm')
				switch p := line[i+2 : i+end]; p {
				case "", "0", "39":
					fg = ""
				default:
					fg = p
				}
				i += end
				continue
			}
			if line[i] != ' ' {
				want := "37"
				if col < 8 {
					want = "32"
				}
				if fg != want {
					t.Errorf("line %d, column %d (%q): colour %q, want %q\n%q", li+2, col, line[i], fg, want, got)
					return
				}
			}
			col++
		}
	}
}

// raggedBreaks finds a line of help broken well short of width in the
// middle of a sentence: the next line carries on the same paragraph (the
// same indent, not a list item) and its first word would have fitted.
// "json writes the" above "same with what was counted", "every record can
// be read, every" and "that no record" above "has is refused" were: a
// line of the source longer than the help's width, which fang wraps and
// leaves the rest of the sentence on a line of its own.
func raggedBreaks(help string, width int) []string {
	var found []string
	lines := strings.Split(ansi.Strip(help), "\n")
	indent := func(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }
	for i := 0; i+1 < len(lines); i++ {
		l, next := strings.TrimRight(lines[i], " "), strings.TrimRight(lines[i+1], " ")
		if sectionHeader().MatchString(l) {
			break // the description ends at USAGE; examples are lines of their own
		}
		words := strings.Fields(next)
		if len(strings.Fields(l)) == 0 || len(words) == 0 || indent(l) != indent(next) || strings.ContainsAny(words[0][:1], "-•*$") {
			continue
		}
		if strings.ContainsAny(l[len(l)-1:], ".:;?!") {
			continue // a sentence or a heading ends there
		}
		if w := ansi.StringWidth(l); w <= width*2/3 && w+1+ansi.StringWidth(words[0]) <= width-2 {
			found = append(found, l+"\n"+next)
		}
	}
	return found
}

// TestNoHelpBreaksASentenceShort: every command's help in an 80-column
// terminal, COLUMNS unset and in colour (as in a tmux pane), and piped,
// breaks no sentence well short of the width (see raggedBreaks), and no
// paragraph of prose is indented as if it were a row of the list above it.
func TestNoHelpBreaksASentenceShort(t *testing.T) {
	names := []string{""}
	for _, c := range newRoot(nil, &bytes.Buffer{}, &bytes.Buffer{}).Commands() {
		names = append(names, c.Name())
	}
	for _, colour := range []bool{false, true} {
		t.Setenv("COLUMNS", "")
		if colour {
			t.Setenv("TTY_FORCE", "1")
			t.Setenv("TERM", "xterm-256color")
			t.Setenv("NO_COLOR", "")
		}
		for _, name := range names {
			args := []string{name, "--help"}
			if name == "" {
				args = args[1:]
			}
			help := helpOf(t, args)
			for _, o := range raggedBreaks(help, 80) {
				t.Errorf("%v (colour %v): a sentence broken short:\n%s", args, colour, o)
			}
			for _, o := range proseIndentedAsAList(help) {
				t.Errorf("%v (colour %v): a paragraph indented as a row of the list above it:\n%s", args, colour, o)
			}
		}
	}
}

// proseIndentedAsAList finds a paragraph of the description (before USAGE)
// indented deeper than the description's own paragraphs, not a list item,
// that is prose (it ends a sentence): export's damaged_store and status
// paragraphs were indented 4 under the list of columns, and read as more
// of it.
func proseIndentedAsAList(help string) []string {
	var found []string
	lines := strings.Split(ansi.Strip(help), "\n")
	indent := func(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }
	base := -1
	var para []string
	check := func() {
		if len(para) == 0 {
			return
		}
		first := strings.TrimSpace(para[0])
		text := strings.TrimSpace(strings.Join(para, " "))
		switch {
		case base < 0:
			base = indent(para[0])
		case indent(para[0]) > base && !strings.ContainsAny(first[:1], "-•*$") && !strings.HasPrefix(first, "digicheck ") &&
			(strings.HasSuffix(text, ".") || strings.Contains(text, ". ")):
			found = append(found, strings.Join(para, "\n"))
		}
		para = para[:0]
	}
	for _, l := range lines {
		l = strings.TrimRight(l, " ")
		if sectionHeader().MatchString(l) {
			break
		}
		if l == "" {
			check()
			continue
		}
		para = append(para, l)
	}
	check()
	return found
}
