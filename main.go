// Command digicheck checks how digitally included a patient is during the
// case history at an initial assessment, keeps the answers on this machine,
// and recommends how to contact the patient and where to refer them.
package main

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"digicheck/assess"
	"digicheck/internal/shellword"
	"digicheck/internal/ttyin"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
	"digicheck/ui"
)

// version and commit are set by release builds (see .goreleaser.yaml) with
// -ldflags "-X main.version=... -X main.commit=..."; fang reports the module
// version of a `go install`ed build, and "unknown (built from source)" for
// go build and go run in a checkout.
var version, commit = "", ""

func main() {
	stdin := os.Stdin
	// fang asks the terminal for its background colour before it prints
	// an error or help (lipgloss.HasDarkBackground(os.Stdin, os.Stdout)):
	// it reads the answer from standard input, and with it whatever was
	// typed or pasted ahead, so of two commands pasted together the second
	// was lost without a word. fang is given a standard input that is no
	// terminal, so it does not ask; the commands read the real one, and
	// colorScheme asks only when nothing waits to be read. (On Windows
	// fang opens the console itself, and asks there as before.)
	if null, err := os.Open(os.DevNull); err == nil {
		os.Stdin = null
	}
	// A reader that stops reading (digicheck export | head -1) fails
	// the next write with EPIPE, as any other write error, on standard
	// output too, where Go's runtime would kill digicheck with SIGPIPE:
	// ended so by how much had been written, the same command exited 0
	// or 141, and an export was stopped before it removed its copy.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	os.Exit(run(os.Args[1:], stdin, os.Stdout, os.Stderr))
}

// run runs digicheck's command line args as main does, and returns the
// status it exits with (see exitStatus).
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	in, _ := stdin.(*os.File)
	out, _ := stdout.(*os.File)
	w, help := helpOutput(args, stdout)
	root, a := newRootApp(stdin, w, stderr)
	// An error's suggested commands ("run digicheck check") carry this
	// run's --db and --config, whichever command's words they are.
	printGiven := func(w io.Writer, styles fang.Styles, err error) {
		given := a.given
		var named namedStoreError
		if errors.As(err, &named) {
			given = named.given
		}
		printError(w, styles, carryGiven(err, given))
	}
	opts := []fang.Option{fang.WithErrorHandler(printGiven), fang.WithColorSchemeFunc(colorScheme(in, out, help != nil))}
	if version != "" {
		opts = append(opts, fang.WithVersion(version))
	}
	if commit != "" {
		opts = append(opts, fang.WithCommit(commit))
	}
	if namesMoreThanFlags(root, args) {
		a.addCommands(root)
	}
	root.SetArgs(args)
	err := fang.Execute(context.Background(), root, opts...)
	if ferr := help.flush(); err == nil && ferr != nil {
		// Help that could not be written (a full disk) fails as any
		// other output does.
		err = ferr
		printError(stderr, fang.Styles{}, err)
	}
	var failedWrite *fs.PathError
	if err != nil && !a.started && !(errors.As(err, &failedWrite) && failedWrite.Op == "write") {
		// Refused before the command began (an unknown flag or
		// command, a flag's value of the wrong kind, a missing or
		// extra argument): a usage error. Help or the version that
		// could not be written is a failure.
		err = usageError{err}
	}
	return exitStatus(err)
}

// colorScheme is fang's colours for help and errors, for the terminal's
// background: from COLORFGBG when the terminal sets it, else, for help,
// asked of the terminal when nothing typed or pasted waits to be read (the
// answer is read from the same input, and whatever waits would be read
// away with it), else a dark background, as Lip Gloss takes when a
// terminal does not answer.
//
// An error is never drawn in them (printError writes it plain), so for an
// error the terminal is not asked: fang asks before it prints the error,
// and a terminal that never answers (a remote session, a plain console)
// held the error, and the shell prompt after it, 4 seconds (Lip Gloss
// waits 2 s on each of standard input and output). Help waits at most
// askWait for the answer.
func colorScheme(in, out *os.File, forHelp bool) fang.ColorSchemeFunc {
	dark := sync.OnceValue(func() bool {
		if dark, ok := darkFromEnv(os.Getenv("COLORFGBG")); ok {
			return dark
		}
		if forHelp && isTerminal(in) && isTerminal(out) && ttyin.Pending(in.Fd()) == 0 {
			if dark, ok := askDark(in, out, askWait); ok {
				return dark
			}
		}
		return true
	})
	return func(asked lipgloss.LightDarkFunc) fang.ColorScheme {
		if runtime.GOOS == "windows" {
			return fang.DefaultColorScheme(asked) // fang asked the console
		}
		return fang.DefaultColorScheme(lipgloss.LightDark(dark()))
	}
}

// askWait is how long help waits for the terminal to say its background.
// A terminal that answers at all answers the device attributes asked
// after it at once, which ends the wait; the bound is for one that never
// answers, and is long enough for the answer over a remote session, which
// would otherwise come after digicheck ended, into the shell's prompt.
const askWait = time.Second

// askDark asks the terminal on in and out for its background colour, as
// lipgloss.HasDarkBackground does, but once, and waiting at most wait for
// the answer. It reports whether the background is dark, and whether the
// terminal said. The terminal is left in the mode it was in.
func askDark(in, out *os.File, wait time.Duration) (dark, ok bool) {
	was, err := term.MakeRaw(in.Fd())
	if err != nil {
		return false, false
	}
	defer term.Restore(in.Fd(), was) //nolint:errcheck
	rd, err := uv.NewCancelReader(in)
	if err != nil {
		return false, false
	}
	defer rd.Close()
	defer time.AfterFunc(wait, func() { rd.Cancel() }).Stop()
	// Device attributes, which every terminal answers, after the
	// background: their answer says no background answer is coming.
	if _, err := io.WriteString(out, ansi.RequestBackgroundColor+ansi.RequestPrimaryDeviceAttributes); err != nil {
		return false, false
	}
	pa := ansi.NewParser()
	var (
		bg    color.Color
		seq   []byte
		state byte
		buf   [256]byte
	)
	for {
		n, err := rd.Read(buf[:])
		for p := buf[:n]; len(p) > 0; {
			s, _, read, next := ansi.DecodeSequence(p, state, pa)
			seq = append(seq, s...)
			if next == ansi.NormalState {
				switch {
				case ansi.HasOscPrefix(seq) && pa.Command() == 11:
					if parts := strings.Split(string(pa.Data()), ";"); len(parts) == 2 {
						bg = ansi.XParseColor(parts[1])
					}
				case ansi.HasCsiPrefix(seq) && pa.Command() == ansi.Command('?', 0, 'c'):
					err = io.EOF // the last answer
				}
				seq = seq[:0]
			}
			state, p = next, p[read:]
		}
		if err != nil {
			break
		}
	}
	if bg == nil {
		return false, false
	}
	return uv.BackgroundColorEvent{Color: bg}.IsDark(), true
}

// darkFromEnv reads COLORFGBG ("15;0", "0;default;15"), which rxvt, Konsole
// and others set: its last field is the background's colour number, and
// 7 (white) and 9 to 15 (the bright ones) are light.
func darkFromEnv(v string) (dark, ok bool) {
	i := strings.LastIndexByte(v, ';')
	if i < 0 {
		return false, false
	}
	n, err := strconv.Atoi(v[i+1:])
	if err != nil || n < 0 || n > 15 {
		return false, false
	}
	return n != 7 && n < 9, true
}

// printError shows an error exactly as written. fang's default capitalises
// the first word, which turns "p.toml:3:" into "P.Toml:3:" and mangles
// paths, so file-and-line messages could no longer be found or pasted.
//
// An error may quote what a file or a record holds (a FILE:LINE problem, a
// value refused), so it is printed through the shared neutraliser.
func printError(w io.Writer, styles fang.Styles, err error) {
	if readerGone(err) {
		// The output's reader stopped reading (… | head -1): it asked
		// for no more, so that is no fault to report.
		return
	}
	if errors.As(err, new(stoppedError)) {
		// An assessment stopped: what became of it has been said.
		return
	}
	// A name or a reason an earlier build kept with a character that
	// draws nothing is shown as its code, as the record's printers show it.
	msg := questionnaire.PrintableTypedLines(err.Error())
	if stdoutClosed(err) {
		msg += ": standard output is closed, and what was written to it is lost; send it to a file, or to /dev/null to discard it"
	}
	if f, ok := w.(interface{ Fd() uintptr }); ok && term.IsTerminal(f.Fd()) {
		fmt.Fprintln(w, styles.ErrorHeader.String())
		// At whole words, to the terminal's width: a damage message
		// runs to several hundred characters, and the terminal cut it
		// mid-word. A file or a pipe gets it on one line, for grep.
		for _, line := range strings.Split(wrapReport(msg, terminalWidth(w)-2), "\n") {
			fmt.Fprintln(w, "  "+line)
		}
		fmt.Fprintln(w)
		return
	}
	line := "digicheck: " + msg
	if isTerminal(os.Stderr) {
		// Read on screen (fang hands over a writer of its own): at
		// whole words, to the terminal's width. A file or a pipe gets
		// it on one line, for grep.
		line = wrapReport(line, terminalWidth(os.Stderr))
	}
	fmt.Fprintln(w, line)
}

// app is what every command shares: the resolved settings.
type app struct {
	settings site.Settings
	// askedOf is the patient whose versions this run has read from the
	// FHIR server already (amend asks before it offers the amendment's
	// drafts): resuming such a draft does not wait for it again.
	askedOf record.PatientID
	// started is set as the command begins, once its command line was
	// taken (the flags parsed, the arguments counted): an error before
	// it is a command line refused (exit status 2).
	started bool
	// given is the --db, --config and --programmes the command was run
	// with (" --db PATH --config PATH", each as the shell reads it back;
	// givenFlags), kept in
	// every digicheck push command a message suggests: pasted without
	// them, a settle acted on the default store.
	given string
	// followUpAsked is the patient a new assessment's run asked to follow
	// up instead (ui.Outcome.FollowUp), started once its store is closed.
	followUpAsked record.PatientID
	// followUpBy is who gave the patient's details in that run
	// (ui.Outcome.FollowUpBy): the follow-up does not ask them again.
	followUpBy ui.Given
	// startedNew is, when this run made a new, empty store, what the
	// full screen's box says of it (newStoreNotice), or "".
	startedNew string
}

// newRootApp makes digicheck itself, the command that starts an
// assessment, with its flags but none of its commands (addCommands).
func newRootApp(stdin io.Reader, stdout, stderr io.Writer) (*cobra.Command, *app) {
	a := &app{}
	root := &cobra.Command{
		Use:   "digicheck",
		Short: "Check a patient's digital inclusion and how best to contact them",
		Long: `digicheck asks a short set of questions during the case history (about two
minutes), bands the patient's access, skills, motivation and trust, and
recommends a contact route with a non-digital fallback, adjustments for
communication needs, and referrals to support programmes. Answers are kept
in a local store on this machine.

Run with no command to start an assessment.

Settings are taken from a command-line flag, then its environment variable,
then the site configuration file, then the default.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runNew(cmd) },
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	pf := root.PersistentFlags()
	pf.String("db", "", "store file (env DIGICHECK_DB; default in your user data directory)")
	pf.String("config", "", "site configuration file (env DIGICHECK_CONFIG; default config.toml in your user config directory)")
	pf.String("team", "", fmt.Sprintf("team recorded on assessments, at most %d characters (env DIGICHECK_TEAM)", assess.MaxTeam))
	pf.String("programmes", "", "programmes file added to the national referral directory (env DIGICHECK_PROGRAMMES)")
	pf.Bool("accessible", false, "plain numbered prompts for screen readers (env DIGICHECK_ACCESSIBLE)")
	pf.Bool("drafts-from-input", false, "let answers piped in (not typed at a terminal) resume or discard a kept draft")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		a.started = true
		return a.resolve(cmd)
	}
	return root, a
}

// addCommands adds digicheck's commands to root, made by newRootApp, and
// words the refusals of them all (plainUsage).
func (a *app) addCommands(root *cobra.Command) {
	root.AddCommand(
		a.newCmd(), a.followupCmd(), a.amendCmd(), a.voidCmd(),
		a.showCmd(), a.historyCmd(),
		a.programmesCmd(), a.questionnaireCmd(),
		a.summaryCmd(), a.exportCmd(), a.keygenCmd(), a.syntheticCmd(),
		a.backupCmd(), a.checkCmd(), a.pushCmd(),
		a.dueCmd(),
	)
	plainUsage(root)
	onlyFlagsThatApply(root)
}

// namesMoreThanFlags reports whether args may need digicheck's commands:
// a word that is no flag's value (a command's name, a misspelt one, an
// argument digicheck itself refuses, completion's), a flag that is not
// digicheck's own (help, the version, an unknown one), or a flag given
// wrongly. A start that names none (an assessment, with or without --db
// and the like) runs without them: making them, their flags and help
// texts, is about 400 allocations and, in a new process, some 0.7 ms,
// most of it the first touch of their code. Whatever is in doubt has them
// all, and is refused, helped or completed with them exactly as before.
func namesMoreThanFlags(root *cobra.Command, args []string) bool {
	if len(args) == 0 {
		return false
	}
	own := pflag.NewFlagSet(root.Name(), pflag.ContinueOnError)
	own.SetOutput(io.Discard)
	own.Usage = func() {}
	root.PersistentFlags().VisitAll(func(f *pflag.Flag) {
		// Flags of their own, so that this look sets nothing of root's.
		switch f.Value.Type() {
		case "bool":
			own.Bool(f.Name, false, "")
		case "string":
			own.String(f.Name, "", "")
		default:
			own.Var(&doubtful{}, f.Name, "")
		}
	})
	return own.Parse(args) != nil || own.NArg() > 0
}

// doubtful is a flag of a kind namesMoreThanFlags does not parse as its
// own would: any value given it is refused, so the commands are made.
type doubtful struct{}

func (*doubtful) String() string   { return "" }
func (*doubtful) Set(string) error { return errors.New("parsed with the commands") }
func (*doubtful) Type() string     { return "doubtful" }

// resolve reads the settings once per run: flags over environment over the
// config file over defaults. A broken config file stops every command.
func (a *app) resolve(cmd *cobra.Command) error {
	flags := map[string]string{}
	// summary's --team is repeatable: each team is a name of its own,
	// checked alone below (its value as one string is the list in
	// brackets, "[a,b,c]", which three ordinary teams made too long).
	var teams []string
	for _, name := range []string{"db", "config", "team", "programmes", "accessible"} {
		if f := cmd.Flags().Lookup(name); f != nil && f.Changed {
			if sv, ok := f.Value.(pflag.SliceValue); ok {
				teams = sv.GetSlice()
				if len(teams) > 0 {
					flags[name] = teams[len(teams)-1]
				}
				continue
			}
			flags[name] = f.Value.String()
		}
	}
	// An empty --db or --config (a script's unset variable, "--db $DB")
	// would silently mean the default store or config: the assessment
	// saved, or the summary read, would not be the one asked for.
	for _, name := range []string{"db", "config"} {
		if v, ok := flags[name]; ok && strings.TrimSpace(v) == "" {
			return usageError{fmt.Errorf(`--%s %q: give a file, or leave out --%s to use the default`, name, v, name)}
		}
	}
	a.given = givenFlags(flags)
	def, _ := site.DefaultConfigPath()
	s, err := site.Resolve(site.Inputs{Flags: flags, Getenv: os.Getenv, DefaultConfig: def})
	if err != nil {
		// A broken site file stops what needs it (despiteBrokenSite).
		if s, err = despiteBrokenSite(cmd, s, err); err != nil {
			return err
		}
	}
	// The team is kept in every record and printed on every note: one
	// the Team prompt would refuse (a control character, more than
	// assess.MaxTeam characters, no letter), from --team or
	// DIGICHECK_TEAM, is refused before anything runs, with the prompt's
	// own words, not at every Team prompt of the run. It names where
	// the team came from: --team (a usage error), DIGICHECK_TEAM, or the
	// site config, whose check gives its FILE:LINE first.
	raw, given := flags["team"]
	if !given {
		raw = os.Getenv("DIGICHECK_TEAM")
	}
	refused := func(team string, err error) error {
		switch s.Source["team"] {
		case "flag":
			return usageError{fmt.Errorf("--team %s: %w", questionnaire.Quote(team), err)}
		case "env":
			return fmt.Errorf("DIGICHECK_TEAM %s: %w", questionnaire.Quote(team), err)
		}
		return fmt.Errorf("team %s in the site config %s: %w", questionnaire.Quote(team), s.ConfigFile, err)
	}
	for _, team := range teams {
		if err := assess.CheckTeam(team); err != nil {
			return usageError{fmt.Errorf("--team %s: %w", questionnaire.Quote(team), err)}
		}
	}
	if err := assess.CheckTeam(s.Team); err != nil {
		return refused(s.Team, err)
	}
	// A team of spaces only was tidied to no team and taken, and
	// synthetic gave every record that blank name.
	if s.Team == "" {
		if err := assess.CheckTeam(raw); err != nil {
			return refused(raw, err)
		}
	}
	a.settings = s
	return nil
}

func (a *app) openStore(note io.Writer) (*store.Store, error) {
	return a.openStoreFor(note, false)
}

// openAssessedStore is openStore for a command that assesses a patient in
// the store: a new, empty store made where none was is said in words a
// nurse can act on (newStoreWords), before the first question.
func (a *app) openAssessedStore(note io.Writer) (*store.Store, error) {
	return a.openStoreFor(note, true)
}

func (a *app) openStoreFor(note io.Writer, assessing bool) (*store.Store, error) {
	path := a.settings.DB
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return nil, fmt.Errorf("cannot find a place for the store (use --db): %w", err)
		}
		path = p
	} else if dir := filepath.Dir(path); !isDir(dir) {
		// A store named by --db, DIGICHECK_DB or the site config, in a
		// folder that is not there, is a mistyped path far more often
		// than a wish for a new store: made silently, its records would
		// sit where nobody looks for them.
		return nil, fmt.Errorf("there is no folder %s for the store %s (from %s): check the path, or make the folder first to keep a new store there",
			dir, path, settingSource(a.settings.Source["db"]))
	}
	fi, err := os.Stat(path)
	if perr := storeNotAPipe(path); perr != nil {
		return nil, perr
	}
	isNew := errors.Is(err, fs.ErrNotExist)
	var traces []string
	if isNew {
		traces = storeTraces(path, time.Time{}) // read before the new store is there
	}
	st, err := store.Open(path, store.Options{})
	if err != nil || note == nil {
		return st, err
	}
	made := isNew
	if !isNew && assessing && fi != nil && fi.Size() <= stillNewSize {
		// A store made where one was kept, still holding nothing: said
		// again at each start (stillNewTraces).
		traces = stillNewTraces(st)
	}
	if isNew && !assessing {
		fmt.Fprintf(note, "Started a new store: %s\n", st.Path())
	} else if isNew || len(traces) > 0 {
		// Said as the store is opened, before the first question, and
		// kept for the full screen's box, which hides what was printed
		// before it until it ends.
		a.startedNew = newStoreNotice(st.Path(), traces, made)
		fmt.Fprintln(note, strings.TrimRight(sayText(note, newStoreWords(st.Path(), traces, made)), "\n"))
	}
	return st, nil
}

// isDir reports whether path is a folder that exists.
func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// settingSource names where a setting came from, for a message.
func settingSource(source string) string {
	switch source {
	case "flag":
		return "--db"
	case "env":
		return "DIGICHECK_DB"
	case "config":
		return "the site config"
	}
	return "the default"
}

// directory is the referral directory in force; a broken programmes file is
// an error, so nothing runs with a half-read directory.
func (a *app) directory() (questionnaire.Directory, error) {
	return a.settings.Directory()
}

// shellWord is s as one word a POSIX shell reads back as s.
var shellWord = shellword.Word
