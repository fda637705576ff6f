package main

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// plainUsage words the command-line library's refusals of a command line
// (a missing or extra argument, an unknown command or option, an option's
// value of the wrong kind) as the rest of digicheck's messages are: what
// the command takes and where its help is. A command's own refusals (an
// NHS number typed in parts, say) are left as they are.
func plainUsage(root *cobra.Command) {
	root.SetFlagErrorFunc(flagError)
	root.SuggestionsMinimumDistance = 2
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		// A command's own wording (summary's of --server) is kept; what
		// it passes on unchanged is worded here.
		if own := c.FlagErrorFunc(); c.HasParent() {
			c.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
				if said := own(cmd, err); said != err {
					return said
				}
				return flagError(cmd, err)
			})
		}
		if given := c.Args; given != nil {
			c.Args = func(cmd *cobra.Command, args []string) error {
				if err := given(cmd, args); err != nil {
					return argsError(cmd, args, err)
				}
				return nil
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// sharedFlags are the flags every command takes from digicheck itself
// that do nothing for some: those named for a command here are the only
// ones its help lists (a command not named lists them all). They are
// still taken from the command line, so a script that gives one runs.
// show keeps --team and --programmes: its handout is made with the team in
// force and the referral directory.
var sharedFlags = map[string][]string{
	"show":    {"db", "config", "team", "programmes"},
	"history": {"db", "config"},
}

// sharedUsage is what a flag of digicheck itself does for a command, where
// its own words are untrue there: show records nothing, and said "Team
// recorded on assessments" of --team.
// A switch, not a map: nothing made as the program starts.
func sharedUsage(command, flag string) (string, bool) {
	if command == "show" && flag == "team" {
		return "team the handout names as the one to contact, with its phone number from the site configuration (env DIGICHECK_TEAM); the team recorded on the assessment is not changed", true
	}
	return "", false
}

// sharedFlagNames are the flags of digicheck itself that sharedFlags
// chooses among.
var sharedFlagNames = []string{"db", "config", "team", "programmes", "accessible", "drafts-from-input"}

// listsFlag reports whether cmd's help lists the flag name: its own flags
// always, digicheck's own when they apply to it (sharedFlags).
func listsFlag(cmd *cobra.Command, name string) bool {
	applies, chosen := sharedFlags[cmd.Name()]
	if !chosen || !cmd.HasParent() || cmd.LocalNonPersistentFlags().Lookup(name) != nil || !slices.Contains(sharedFlagNames, name) {
		return true
	}
	return slices.Contains(applies, name)
}

// onlyFlagsThatApply makes the help of each command named in sharedFlags
// list only the flags that apply to it: show --help and history --help
// listed --drafts-from-input and --accessible, which do nothing for them.
// The flags are digicheck's own, shared by every command, so each is
// hidden only while the command's help is drawn (by the help of
// digicheck itself, fang's).
func onlyFlagsThatApply(root *cobra.Command) {
	for _, c := range root.Commands() {
		if _, ok := sharedFlags[c.Name()]; !ok {
			continue
		}
		c.SetHelpFunc(func(cmd *cobra.Command, args []string) {
			var hidden []*pflag.Flag
			said := map[*pflag.Flag]string{}
			cmd.InheritedFlags().VisitAll(func(f *pflag.Flag) {
				if !f.Hidden && !listsFlag(cmd, f.Name) {
					f.Hidden = true
					hidden = append(hidden, f)
				}
				if u, ok := sharedUsage(cmd.Name(), f.Name); ok {
					said[f], f.Usage = f.Usage, u
				}
			})
			defer func() {
				for _, f := range hidden {
					f.Hidden = false
				}
				for f, u := range said {
					f.Usage = u
				}
			}()
			root.HelpFunc()(cmd, args)
		})
	}
}

// usageOf is how the command is typed, "digicheck show ID", and the words
// after its name, "ID".
func usageOf(cmd *cobra.Command) (line, args string) {
	line = strings.TrimSuffix(cmd.UseLine(), " [flags]")
	args = strings.TrimSpace(strings.TrimPrefix(line, cmd.CommandPath()))
	return line, args
}

func helpLine(cmd *cobra.Command) string { return cmd.CommandPath() + " --help" }

// argsError words err, the library's refusal of cmd's args.
func argsError(cmd *cobra.Command, args []string, err error) error {
	msg := err.Error()
	line, want := usageOf(cmd)
	switch {
	case strings.HasPrefix(msg, "unknown command ") && !cmd.HasParent():
		if named, _, err := cmd.Find(args[:1]); err == nil && named != cmd {
			// Only a word after "--" reaches here while naming a command:
			// "--" ends the options and commands alike.
			return fmt.Errorf("%q is a command, but it came after \"--\", which ends what digicheck reads as options and commands: type the same line without the \"--\", as %s ... (see %s)",
				args[0], named.CommandPath(), helpLine(named))
		}
		s := fmt.Sprintf("there is no command %q", args[0])
		if near := cmd.SuggestionsFor(args[0]); len(near) > 0 {
			s += fmt.Sprintf(": did you mean %q?", near[0])
		}
		return fmt.Errorf("%s (see %s for the commands)", s, helpLine(cmd))
	case strings.HasPrefix(msg, "unknown command "):
		return fmt.Errorf("%s takes no arguments, and was given %s: see %s", cmd.Name(), quoteEach(args), helpLine(cmd))
	case strings.HasPrefix(msg, "accepts ") || strings.HasPrefix(msg, "requires "):
		if len(args) == 0 {
			return fmt.Errorf("%s needs %s: type %s (see %s)", cmd.Name(), want, line, helpLine(cmd))
		}
		return fmt.Errorf("%s takes %s alone, and was given %d: %s; quote a value that has spaces (see %s)",
			cmd.Name(), want, len(args), quoteEach(args), helpLine(cmd))
	}
	return err
}

func quoteEach(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = fmt.Sprintf("%q", a)
	}
	return strings.Join(q, " ")
}

var (
	unknownLong  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^unknown flag: (--\S+)$`) })
	unknownShort = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^unknown shorthand flag: '(.)' in `) })
	needsValue   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^flag needs an argument: (?:'(.)' in )?(\S+)$`) })
	badValue     = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^invalid argument "(.*)" for "(?:-., )?(--\S+)" flag: `)
	})
)

// flagError words the library's refusal of an option.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	help := helpLine(cmd)
	if m := unknownLong().FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s has no option %s: see %s for its options", cmd.Name(), m[1], help)
	}
	if m := unknownShort().FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s has no option -%s: see %s for its options", cmd.Name(), m[1], help)
	}
	if m := needsValue().FindStringSubmatch(msg); m != nil {
		name := m[2]
		if m[1] != "" {
			name = "-" + m[1]
		}
		return fmt.Errorf("%s needs a value after it: see %s", name, help)
	}
	if m := badValue().FindStringSubmatch(msg); m != nil {
		kind := "a value of another kind"
		if f := cmd.Flags().Lookup(strings.TrimPrefix(m[2], "--")); f != nil {
			switch f.Value.Type() {
			case "int", "int64", "uint", "uint64":
				kind = "a whole number"
			case "bool":
				kind = "true or false"
			case "float64":
				kind = "a number"
			case "duration":
				kind = "a length of time such as 30s or 5m"
			}
		}
		return fmt.Errorf("%s %q: give %s (see %s)", m[2], m[1], kind, help)
	}
	return errors.Join(err, fmt.Errorf("see %s", help))
}
