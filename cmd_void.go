package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"digicheck/assess"
	"digicheck/fhirclient"
	"digicheck/push"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

func (a *app) voidCmd() *cobra.Command {
	var reason, clinician string
	c := &cobra.Command{
		Use:   "void ID --reason TEXT --clinician NAME",
		Short: "Mark an assessment entered in error, keeping it and saying why",
		Long: `Mark an assessment entered in error: made for the wrong patient, or by
mistake. Nothing is deleted: a new version is saved with status
entered-in-error, the reason, and who did it and when, and summaries stop
counting the assessment. ID is the record id, or its first 8 or more
characters as history shows them, and must be the assessment's current
version (digicheck show ID lists the versions). --clinician names who marks
it, and is required: the void is recorded as done by the name typed, never
by the login name or the site config's clinician unless it is given (as
the assessment's clinician box is typed). A name holding ten digits in a
row, as a patient's number has, or the patient's own number, is refused,
as the screens refuse it; so is a --reason holding either. A --clinician
or --reason missing or refused ends with exit status 2, and nothing is
saved. To correct the answers instead, use digicheck amend ID.

When the site names a FHIR server (fhir_server), versions of the patient
made on another machine are read from it first, and the void is sent to it
after it is saved, waiting at most 15 seconds: it says whether it was sent,
and if not, the next push sends it.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			reason, err := changeReason(reason)
			if err != nil {
				return err
			}
			by, err := a.voidClinician(clinician)
			if err != nil {
				return err
			}
			st, err := a.existingStore()
			if err != nil {
				return err
			}
			// What the server's answer says, and what this prints,
			// whole at the width: a terminal broke it mid-word ("the
			// se" / "rver answered 503").
			stderr := cmd.ErrOrStderr()
			errOut := newLineFiller(stderr, terminalWidth(stderr))
			cmd.SetErr(errOut)
			err = a.newerFirst(cmd, st, args[0])
			errOut.Flush()
			cmd.SetErr(stderr)
			if err != nil {
				return err
			}
			old, err := st.Find(args[0])
			if err != nil {
				return lostWithNewestSave(st, err, fmt.Sprintf("record %q", questionnaire.Printable(args[0])))
			}
			if err := assess.CheckNotPatient(by, old.Patient); err != nil {
				return usageError{fmt.Errorf("--clinician: %w", err)}
			}
			if err := assess.CheckReasonOf(reason, old.Patient); err != nil {
				return usageError{fmt.Errorf("--reason: %w", err)}
			}
			// A void of an assessment in conflict with the server is
			// refused, as an amendment is: it would go on a version the
			// server will not take, and be said made when it is
			// neither sent nor, once the server's version is kept,
			// what the trust holds. It printed the refusal and then
			// "Marked entered in error".
			if k, ok := a.conflictIn(st, old); ok {
				return a.settleFirstHere(cmd, st, "voided", old, k)
			}
			v, err := st.Void(old.ID, store.Voiding{Reason: reason, Clinician: by, Team: a.settings.Team})
			if err != nil {
				return err
			}
			who := v.Clinician
			if v.Team != "" {
				who += " (" + v.Team + ")"
			}
			out := newLineFiller(cmd.OutOrStdout(), terminalWidth(cmd.OutOrStdout()))
			defer out.Flush()
			_, err = fmt.Fprintf(out, "Marked entered in error: %s (patient %s)\nNew version: %s, %s by %s\nReason: %s\n",
				v.Amends, questionnaire.Printable(v.Patient.String()), v.ID, v.Time.Local().Format("2006-01-02 15:04"),
				questionnaire.PrintableTyped(who), questionnaire.PrintableTyped(v.VoidReason))
			if err != nil {
				return err
			}
			// As the screens do after a save: the void is kept here
			// whatever the server says.
			a.pushChange(out, st, v)
			return nil
		},
	}
	c.Flags().StringVar(&reason, "reason", "", "why the assessment was entered in error (required)")
	c.Flags().StringVar(&clinician, "clinician", "", "who is marking it: your name (required)")
	return c
}

// maxReasonLen is the most characters of the reason for a void or an
// amendment: a reason a person reads in history.
const maxReasonLen = 500

// changeReason checks the reason given for a void or an amendment: an
// audit trail keeps a reason for every change, and the reason is printed
// wherever the change is, so it may hold no control characters. A reason
// refused is a usage error (exit status 2).
func changeReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return "", usageError{errors.New(`say why with --reason "...": the reason is kept with the record`)}
	}
	if err := questionnaire.CheckText(reason); err != nil {
		return "", usageError{fmt.Errorf("--reason: %w", err)}
	}
	// A mark pasted in with the reason: history printed it as \u200f,
	// and a refusal quoting the reason printed it raw.
	if err := assess.CheckTypedReason(reason); err != nil {
		return "", usageError{fmt.Errorf("--reason: %w", err)}
	}
	if n := len([]rune(reason)); n > maxReasonLen {
		return "", usageError{fmt.Errorf("--reason: %d characters; say it in at most %d", n, maxReasonLen)}
	}
	if err := assess.CheckReason(reason); err != nil {
		return "", usageError{fmt.Errorf("--reason: %w", err)}
	}
	return reason, nil
}

// voidClinician is who a void is attributed to: the name given with
// --clinician, checked as changeClinician checks it. Without it the void
// is refused, a usage error saying how to give the name: it was put down
// to the site config's clinician, else the login name, and on a shared
// ward workstation the login is whoever signed in, not who marked it.
// The assessment's clinician box is typed for the same reason. The site
// config's clinician, where it names one a screen would take, is said as
// the name to give; one no screen would take is refused as amend
// refuses it.
func (a *app) voidClinician(name string) (string, error) {
	if name != "" {
		return a.changeClinician(name)
	}
	if err := a.checkOfferedClinician(); err != nil {
		return "", err
	}
	msg := `say who is marking it entered in error with --clinician "Your Name": it is recorded as done by the name given, never by the computer's login`
	if c := strings.TrimSpace(a.settings.Clinician); c != "" {
		msg += fmt.Sprintf(`; for the site config's clinician, give --clinician %q`, c)
	}
	return "", usageError{errors.New(msg)}
}

// changeClinician checks the name given with --clinician for a void or an
// amendment, as the clinician box of the screens checks it
// (assess.CheckClinician): a patient's NHS number in it ("Ada Smith 401
// 023 2137") would be kept as who made the change in every note, export
// and summary, so it is refused, never saying the digits back, with
// nothing saved. A name refused, or given blank (an unset variable, say),
// is a usage error (exit status 2): the change is never put down to the
// login without a word.
func (a *app) changeClinician(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", usageError{errors.New(`--clinician is blank: give the name of who is making the change`)}
	}
	if err := assess.CheckClinician(name); err != nil {
		return "", usageError{fmt.Errorf("--clinician: %w", err)}
	}
	return name, nil
}

// checkOfferedClinician refuses a site config's clinician that no screen
// would take as a name (one holding a patient's number, say), as a usage
// error that never says it back: it is offered on the first screen of
// every assessment, and a name offered there is read out whole.
func (a *app) checkOfferedClinician() error {
	if a.settings.Clinician == "" {
		return nil
	}
	if err := assess.CheckClinician(a.settings.Clinician); err != nil {
		return usageError{fmt.Errorf("the site config's clinician: %w", err)}
	}
	return nil
}

// settleFirstHere is why a change to an assessment in conflict with the FHIR
// server (what: "amended", "voided", "followed up") is refused before
// anything is asked or saved: it would rest on a version no server will
// hold once the conflict is settled to the server's, and be said sent, or
// to be sent, when no other machine could use it. It says, in words a
// ward sister reads once, what each way of settling does, with the
// commands whole on lines of their own, wrapped at the terminal's width.
// k is one of the site's FHIR server's conflicts (conflictIn).
func (a *app) settleFirstHere(cmd *cobra.Command, st *store.Store, what string, r record.Record, k store.Conflict) error {
	site, _ := fhirclient.Identity(a.siteServer())
	k, lacks := a.conflictLacks(cmd.Context(), st, k)
	k.ServerLacks = lacks
	return settleFirstIn(cmd, st, site, a.given, what, r, k)
}

// settleFirstIn is settleFirstHere with the store st (nil if not at hand)
// and the FHIR server, site, that k is a conflict with: keeping this
// machine's version is not offered where a settle would refuse it
// (keepMineBarred, conflictOfCopy). given is this run's --db and --config,
// which each command carries: run as printed without them, it settled
// nothing of this store's, or found no FHIR server.
func settleFirstIn(cmd *cobra.Command, st *store.Store, site, given, what string, r record.Record, k store.Conflict) error {
	verb := map[string]string{"amended": "amend", "voided": "void"}[what]
	noun := map[string]string{"amended": "an amendment", "voided": "a void", "followed up": "a follow-up"}[what]
	var b strings.Builder
	if copied, ok := conflictOfCopy(st, k); ok {
		// Only copies read from the server are in it: nothing of this
		// machine's to see beside the server's, or to keep over it
		// (push --resolve --keep-mine refuses a copy). One command
		// settles it: taking the server's version in.
		state := "a newer state of the assessment, made on another machine,"
		if k.ServerVoided {
			state = "the assessment ENTERED IN ERROR, " + push.VoidedWords(k) + ","
		}
		fmt.Fprintf(&b, "record %s cannot be %s: it is a copy read from %s before, %s's %s, and the server holds %s that this machine could not take in over it (server version %s). Nothing of this machine's is in that copy, so there is nothing here to keep over the server's version or to send, and %s made on the copy would rest on a version the server has moved past. Nothing was saved.\n",
			r.ID, what, copiedFrom(st, site, copied.ID), questionnaire.PrintableTyped(orNone(copied.Clinician)), k.What, state, k.ServerVersion, noun)
		b.WriteString("Take the server's version in first:\n")
		fmt.Fprintf(&b, "    digicheck push%s --resolve %s --keep-server\n", given, k.Record)
		if what == "followed up" {
			b.WriteString("Then follow the patient up again.")
		} else {
			fmt.Fprintf(&b, "Then %s the assessment's current version, the server's.", verb)
		}
		return errors.New(wrapMessage(b.String(), terminalWidth(cmd.ErrOrStderr())))
	}
	if k.ServerLacks {
		// The server lost the other machine's version (push.LacksWords):
		// said as held there, the settles offered were refused.
		short := ""
		if st != nil {
			short = shortOf(st, k.Record)
		}
		words := push.LacksWordsShort(k, fmt.Sprintf("this machine's %s %s", k.What, k.Record), "is kept here, not sent", short)
		fmt.Fprintf(&b, "record %s cannot be %s: %s. This machine's %s is not sent, and %s made now would rest on it. Nothing was saved.\n", r.ID, what, withPushFlags(words, given, given), k.What, noun)
		if what == "followed up" {
			b.WriteString("Once it is settled, follow the patient up again.")
		} else {
			fmt.Fprintf(&b, "Once it is settled, %s the assessment's current version.", verb)
		}
		return errors.New(wrapMessage(b.String(), terminalWidth(cmd.ErrOrStderr())))
	}
	if k.NotTakenIn {
		fmt.Fprintf(&b, "record %s cannot be %s: %s. It would rest on a version the server has moved past. Nothing was saved.\n",
			r.ID, what, push.ConflictMessage(k))
	} else {
		theirs := conflictServerWords(k)
		fmt.Fprintf(&b, "record %s cannot be %s: this machine's %s %s of the assessment is in conflict with the FHIR server, which holds %s (server version %s). This machine's %s is not sent, and %s made now would rest on it, a version no other machine may ever hold. Nothing was saved.\n",
			r.ID, what, k.What, k.Record, theirs, k.ServerVersion, k.What, noun)
	}
	b.WriteString("Settle the conflict first. See both versions side by side:\n")
	b.WriteString("    digicheck push" + given + " --conflicts\n")
	b.WriteString("Then either keep the server's version, the one other machines see (this machine's is kept here as an old version, never sent):\n")
	fmt.Fprintf(&b, "    digicheck push%s --resolve %s --keep-server\n", given, k.Record)
	if st != nil && keepMineBarred(st, k.Record, k.ServerVoided) != "" {
		// A void over a void: only the server's
		// version is to be kept.
	} else if k.ServerVoided {
		b.WriteString("or keep this machine's version, which undoes the other machine's entered-in-error mark and is sent in place of it for everyone:\n")
		fmt.Fprintf(&b, "    digicheck push%s --resolve %s --keep-mine --undo-void\n", given, k.Record)
	} else {
		b.WriteString("or keep this machine's version, which is sent and replaces the server's for everyone:\n")
		fmt.Fprintf(&b, "    digicheck push%s --resolve %s --keep-mine\n", given, k.Record)
	}
	if what == "followed up" {
		b.WriteString("Then follow the patient up again.")
	} else {
		fmt.Fprintf(&b, "Then %s the assessment's current version.", verb)
	}
	return errors.New(wrapMessage(b.String(), terminalWidth(cmd.ErrOrStderr())))
}

// conflictOfCopy returns the version in conflict k, and true, when it
// and every version after it here are copies read from a FHIR server
// whose newer state could not be taken in over them (copiesFrom): no
// version of this machine's, which only --keep-server settles. st nil:
// not known, false.
func conflictOfCopy(st *store.Store, k store.Conflict) (record.Record, bool) {
	if st == nil || !k.NotTakenIn {
		return record.Record{}, false
	}
	r, err := st.Get(k.Record)
	if err != nil || !copiesFrom(st, r) {
		return record.Record{}, false
	}
	return r, true
}

// settleFirstShort is settleFirst's refusal in a few lines, as the
// full-screen list of unfinished assessments shows it (its status holds
// five lines at most): which record, why, that nothing was saved and the
// draft is kept, and where to settle it. The server is not asked (the
// list is shown before the screen's first frame, and a server that drops
// requests held it back): what it held is said as of when it was last
// asked, and push --conflicts, which asks it, names the way out where it
// has lost the other machine's version since. Said as held now, with
// "Settle it first", the settles a nurse then ran were refused.
func settleFirstShort(what string, r record.Record, k store.Conflict) string {
	var why string
	settle := "Settle it first (digicheck push --conflicts)"
	if k.NotTakenIn {
		why = "the FHIR server holds a newer state of the assessment that this machine could not take in"
	} else {
		theirs := conflictServerWords(k)
		why = fmt.Sprintf("this machine's %s of the assessment is in conflict with the FHIR server, which held %s when last asked", k.What, theirs)
		settle = "Settle it first: digicheck push --conflicts shows both, or the way out if the server has lost that version since"
	}
	again := map[string]string{"followed up": "follow up", "amended": "amend", "voided": "void"}[what] + " again"
	return fmt.Sprintf("record %s cannot be %s: %s. Nothing was saved; the draft is kept.\n%s; then %s.",
		r.ID.String()[:13], what, why, settle, again)
}

// conflictServerWords is what the FHIR server holds of a conflict's assessment,
// in words: another machine's version (by whom) or the assessment entered
// in error, and when it was made there.
func conflictServerWords(k store.Conflict) string {
	theirs := "another machine's version"
	if k.ServerVoided {
		theirs = "the assessment ENTERED IN ERROR, " + push.VoidedWords(k)
	} else if k.ServerClinician != "" {
		theirs += ", by " + questionnaire.PrintableTyped(k.ServerClinician)
	}
	if !k.ServerTime.IsZero() {
		theirs += " at " + k.ServerTime.Local().Format("2006-01-02 15:04")
	}
	return theirs
}

// errorPrefix is what is printed before an error on a pipe (printError).
const errorPrefix = "digicheck: "

// wrapMessage is an error message filled at width (fillLines), its first
// line leaving room for errorPrefix.
func wrapMessage(msg string, width int) string {
	return fillLines(msg, width, len(errorPrefix))
}

// fillLines fills each line of text to width at its spaces (record.Wrap:
// never at a hyphen nor inside an NHS number, and a word wider than the
// line, a path, whole on a line of its own), and keeps a line's indent on
// the lines it wraps to. A line that fits is left as it is, and a command
// on a line of its own is broken only between its flags (commandText).
// The first line leaves before columns for what is printed ahead of it.
func fillLines(text string, width, before int) string { return fill(text, width, before, 0) }

// fill is fillLines with the lines a line wraps to indented hang columns
// more than it.
func fill(text string, width, before, hang int) string {
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		body := strings.TrimLeft(line, " ")
		indent := line[:len(line)-len(body)]
		lead := strings.Repeat(" ", before*max(1-i, 0)) // the first line's
		switch {
		case body == "":
			lines[i] = ""
		case commandLine(line):
			lines[i] = strings.TrimSuffix(commandText(width, line), "\n")
		case lead == "" && ansi.StringWidth(line) > width && assess.HasCommand(body):
			// A command in the sentence is kept whole (assess.WrapCommands).
			first, rest := indent, indent+strings.Repeat(" ", hang)
			lines[i] = assess.WrapCommands(line, width, func(s string) string {
				s = strings.TrimSuffix(record.Wrap(strings.TrimLeft(s, " "), first, rest, max(width, len(rest)+20)), "\n")
				first = rest // the sentence going on after the command
				return s
			})
		case len(lead)+ansi.StringWidth(line) > width:
			wrapped := record.Wrap(body, lead+indent, indent+strings.Repeat(" ", hang), max(width, len(indent)+hang+20))
			lines[i] = strings.TrimSuffix(wrapped[len(lead):], "\n")
		}
	}
	return strings.Join(lines, "\n")
}

// lineFiller writes each whole line written to it to w filled at width
// (fillLines): what reading or sending to the FHIR server says runs to
// 250 columns and more, and a terminal broke it mid-word ("the se" /
// "rver answered 503"). A line not yet ended waits for its end or Flush.
type lineFiller struct {
	w     io.Writer
	width int
	buf   []byte
}

func newLineFiller(w io.Writer, width int) *lineFiller { return &lineFiller{w: w, width: width} }

func (f *lineFiller) Write(p []byte) (int, error) {
	f.buf = append(f.buf, p...)
	for {
		i := bytes.IndexByte(f.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := string(f.buf[:i])
		f.buf = f.buf[i+1:]
		if _, err := io.WriteString(f.w, fillLines(line, f.width, 0)+"\n"); err != nil {
			return len(p), err
		}
	}
}

// Flush writes what is left of a line not ended.
func (f *lineFiller) Flush() {
	if len(f.buf) > 0 {
		io.WriteString(f.w, fillLines(string(f.buf), f.width, 0))
		f.buf = nil
	}
}
