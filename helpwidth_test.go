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
		if !f.Hidden {
			out = append(out, f.Name)
		}
	})
	return out
}
