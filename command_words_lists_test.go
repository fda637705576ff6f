package main

import (
	"io"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"digicheck/assess"
)

// TestTheScreensKnowEveryCommandAndWhichFlagsTakeAValue: a command given
// in a sentence is kept whole to its last flag and that flag's value. The
// screens know digicheck's commands and which of its flags take a value
// from lists of their own (assess.Subcommand, assess.FlagTakesValue). A
// command left out of the first was wrapped at its spaces like any word;
// a flag with no value taken for one put the sentence's next word into the
// command ("digicheck push --check-server here again"), which then failed
// as printed. Every command of the tree is known, and a flag takes a value
// just when it is not a yes-or-no flag.
func TestTheScreensKnowEveryCommandAndWhichFlagsTakeAValue(t *testing.T) {
	root, _ := newApp(strings.NewReader(""), io.Discard, io.Discard)
	for _, c := range root.Commands() {
		if name := c.Name(); name != "completion" && name != "help" && !assess.Subcommand(name) {
			t.Errorf("digicheck %s is not among the commands the screens know", name)
		}
	}
	seen := map[string]bool{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		check := func(f *pflag.Flag) {
			if seen[f.Name] {
				return
			}
			seen[f.Name] = true
			valued := f.Value.Type() != "bool"
			if got := assess.FlagTakesValue(f.Name); got != valued {
				t.Errorf("--%s (of digicheck %s, %s): the screens take it to have a value: %v, want %v", f.Name, c.Name(), f.Value.Type(), got, valued)
			}
		}
		c.Flags().VisitAll(check)
		c.PersistentFlags().VisitAll(check)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
