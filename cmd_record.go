package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"
	"syscall"

	"github.com/charmbracelet/x/term"
	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

func (a *app) newCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "new",
		Short: "Run an assessment in the terminal (the default)",
		Long: `Run an assessment: the full screen at a terminal, or plain numbered prompts
with --accessible (or DIGICHECK_ACCESSIBLE; also when answers are piped in).

Unfinished assessments are kept as drafts after every answer; at the next
start they are listed to resume or discard. A draft whose saving would make
a second assessment of its patient says so, and the save asks again.

Keys: the number keys answer, enter goes on, esc goes back a question, and
ctrl+c stops (the answers are kept as a draft). Keys typed before a screen
was shown are not taken as answers on it. In the plain prompts, b goes back
a question and q stops.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runNew(cmd) },
	}
}

func (a *app) showCmd() *cobra.Command {
	var handout, large, save bool
	var out string
	c := &cobra.Command{
		Use:   "show ID",
		Short: "Print one assessment in full: note, answers and the reasons",
		Long: `Print one assessment in full. ID is the record id, or its first 8 or more
characters. With --handout, print the patient's handout instead: how we will
contact them, how to change it, the help they agreed to with phone numbers,
and who to call. With -o FILE, save it as a text file instead, never over an
existing file; with --save, save it under a new name in the handout folder
(handout_dir in the site config, else Documents, else home).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			if save && out != "" {
				return usageError{errors.New("--save and -o FILE both save the handout: --save as a new file in the handout folder, -o FILE as the new file named; give one, not both")}
			}
			st, done, err := a.readableStore(cmd, "the record")
			defer func() { err = done(err) }()
			if err != nil {
				return err
			}
			if err := metaGate(cmd, st, "the record"); err != nil {
				return err
			}
			// Marked before the first line, by the run whose reading
			// finds the damage too.
			mark := &foundDamageMark{cmd: cmd, st: st, what: "the record", given: a.given}
			mark.now()
			defer func() {
				if err != nil {
					mark.now()
				}
			}()
			r, err := st.Find(args[0])
			if err != nil {
				return err
			}
			if handout || large || save || out != "" {
				// A handout tells the patient how we will contact them: it
				// must come from the version that stands.
				cur, err := st.Current(r.ID)
				if err != nil {
					return err
				}
				if cur.ID != r.ID {
					return fmt.Errorf("record %s has been replaced by %s: give the patient the handout of the current version (digicheck show %s --handout)", r.ID, cur.ID, cur.ID)
				}
				if r.Status == record.EnteredInError {
					return fmt.Errorf("record %s was entered in error (%s): there is no handout for it", r.ID, r.VoidReason)
				}
				if !large && r.Answers.Has(questionnaire.LinkCommNeeds, questionnaire.NeedLargePrint) {
					large = true
				}
				dir, err := a.directory()
				if err != nil {
					return err
				}
				// The store checked the record against its facts and its
				// answers; under the directory it names, its referrals'
				// names and contacts are checked too before a patient
				// takes them home.
				if err := record.Verify(&r, instrumentOf(r), &dir); err != nil {
					return fmt.Errorf("record %s does not match its own integrity data (%v): it may have been edited or damaged, so no handout is made; run digicheck check", r.ID, err)
				}
				// The print size for large print is in the handout itself.
				h := record.HandoutWith(r, record.HandoutOptions{
					LargePrint: large, Team: a.settings.Team, TeamPhone: a.settings.TeamPhone, Directory: dir,
					TeamAddress: a.settings.TeamAddress, TeamText: a.settings.TeamText, Replaces: replacedOf(st, r),
					FollowedUpVoid: followedUpVoid(st, r) != nil,
				})
				// Said to staff as the full screen says it over the
				// handout, on standard error: standard output is the
				// handout alone, for printing.
				mark.now()
				if lang := record.HandoutTranslation(r); lang != "" {
					fmt.Fprintln(cmd.ErrOrStderr(), wrapReport("This handout is in English: have it translated into "+lang+" before giving it to the patient.", terminalWidth(cmd.ErrOrStderr())))
				}
				if save || out != "" {
					path, err := out, error(nil)
					if save {
						path, err = a.saveHandoutFile(r.ID.String()[:8], h)
					} else {
						err = writeNewFile(out, h, runtime.GOOS == "windows")
					}
					if err != nil {
						return err
					}
					fmt.Fprintf(cmd.OutOrStdout(), "Handout saved in %s\n", path)
					return nil
				}
				_, err = fmt.Fprint(cmd.OutOrStdout(), h)
				return err
			}
			// Every version of the assessment first, so an amended or voided
			// record is never read without knowing it.
			vs, err := st.Versions(r.ID)
			if err != nil {
				return err
			}
			lines, err := st.SetAsideLines()
			if err != nil {
				return err
			}
			aside := map[record.ID]string{}
			if lines[uuid.UUID(r.ID)] {
				// Set off its line on settling a conflict: the line
				// shown is the assessment's, whose current version is
				// the one kept in its place, with this version and
				// any other set aside with it in their places by time
				// (listed without it, the list marked nothing shown).
				cur, err := st.Current(r.ID)
				if err != nil {
					return err
				}
				line, err := st.Versions(cur.ID)
				if err != nil {
					return err
				}
				for _, v := range vs {
					if lines[uuid.UUID(v.ID)] {
						aside[v.ID] = a.setAsideWords(st, v.ID)
						line = append(line, v)
					}
				}
				slices.SortStableFunc(line, func(x, y record.Record) int { return x.Time.Compare(y.Time) })
				vs = line
				mark.now()
				fmt.Fprint(cmd.OutOrStdout(), wrapText("SET ASIDE: this version was set aside "+setAsideOr(aside[r.ID])+".", terminalWidth(cmd.OutOrStdout())))
			}
			// A version in conflict with a FHIR server is marked so
			// before its note, which is not the shared record's: from
			// the store, with or without a server.
			if note := a.conflictNote(st, a.newConflictAsker(), []record.Record{r}, func(id record.ID) string { return shortOf(st, id) }) + a.voidHeldNote(st, []record.Record{r}); note != "" {
				mark.now()
				fmt.Fprint(cmd.OutOrStdout(), sayText(cmd.OutOrStdout(), note)+"\n")
			}
			// A version of this machine's that a settle on another
			// machine kept a version over, not held by the current
			// version: said on every show of it, not only by the read
			// that took that version in.
			for _, o := range overriddenOf(st, []record.Record{r}, a.given) {
				if slices.ContainsFunc(o.all, func(v record.Record) bool { return v.ID == r.ID }) {
					mark.now()
					o.write(cmd.OutOrStdout(), st, o.assessment, a.given)
					fmt.Fprintln(cmd.OutOrStdout())
				}
			}
			var b strings.Builder
			if note := followedUpAmendedNote(st, r); note != "" {
				b.WriteString(note + "\n\n")
			}
			if len(vs) > 1 {
				if err := record.WriteVersionsAside(&b, vs, r.ID, aside); err != nil {
					return err
				}
				b.WriteString("\n")
			}
			if words, ok := aside[r.ID]; ok {
				err = record.WriteDetailSetAside(&b, r, instrumentOf(r), words)
			} else {
				err = record.WriteDetailWith(&b, r, instrumentOf(r), record.NoteOptions{Replaces: replacedOf(st, r), FollowedUpVoid: followedUpVoid(st, r)})
			}
			if err != nil {
				return err
			}
			mark.now()
			_, err = io.WriteString(cmd.OutOrStdout(), atWholeWords(cmd.OutOrStdout(), b.String()))
			return err
		},
	}
	c.Flags().BoolVar(&handout, "handout", false, "print the patient handout (large print when the patient needs it)")
	c.Flags().BoolVar(&large, "large-print", false, "print the large-print handout")
	c.Flags().StringVarP(&out, "output", "o", "", "save the handout in this new text file")
	c.Flags().BoolVar(&save, "save", false, "save the handout as a new text file in the handout folder")

	addReadDamagedFlag(c)
	return c
}

// atWholeWords is text, a record's note and versions or a patient's
// history, as it is read on w: at a terminal, each line wider than it
// wrapped at whole words to its width, what a line wraps to indented two
// past the line (the terminal broke the note mid-word, "som" / "e
// barrier", and history at 60 columns "by Sam Pa" / "tel"); to a file or
// a pipe, as it is, the form pasted into the patient's record.
func atWholeWords(w io.Writer, text string) string {
	if !isTerminal(w) {
		return text
	}
	return wrapReport(text, terminalWidth(w))
}

// followedUpVoid is the current version of the assessment r follows up
// where it was later entered in error (a check of the wrong patient), as
// history and the QI summary find it: r's change since it and the
// outcomes of its referrals compare two records that are not one
// patient's. Nil when r is no follow-up, or the assessment stands (or
// cannot be read: the damage is said where it is read).
func followedUpVoid(st *store.Store, r record.Record) *record.Record {
	if r.FollowsUp.IsZero() {
		return nil
	}
	cur, err := st.Current(r.FollowsUp)
	if err != nil || cur.Status != record.EnteredInError {
		return nil
	}
	return &cur
}

// followedUpAmendedNote says, first in show of a follow-up, that the
// assessment it follows up was amended since (or before it, where the
// follow-up was made against the version before the amendment): its change (and the
// adjustments said to stop) were worked out against the version before the
// amendment, while history compares with the version that stands. It
// says which the note's change is against, and gives the change against
// the amended version, so a "better" that the correction took away is not
// read as real. "" when r is no follow-up, the assessment stands as r
// links to it, was entered in error (said in the note), or cannot be
// read.
func followedUpAmendedNote(st *store.Store, r record.Record) string {
	if r.FollowsUp.IsZero() || r.Change == nil {
		return ""
	}
	cur, err := st.Current(r.FollowsUp)
	if err != nil || cur.ID == r.FollowsUp || cur.Status == record.EnteredInError {
		return ""
	}
	// An amendment made before the follow-up (on a machine whose
	// amendment the follow-up's had not read yet) is none "since".
	since := cur.Time.After(r.Time)
	s := fmt.Sprintf("FOLLOWS UP AN ASSESSMENT AMENDED SINCE: record %s, which this follow-up follows up, was amended since (now record %s", r.FollowsUp, cur.ID)
	if !since {
		s = fmt.Sprintf("FOLLOWS UP A VERSION AMENDED BEFORE IT: record %s, which this follow-up follows up, had been amended before this follow-up was made (now record %s", r.FollowsUp, cur.ID)
	}
	if cur.AmendReason != "" {
		s += ", because: " + questionnaire.PrintableTyped(cur.AmendReason)
	}
	s += fmt.Sprintf("). The change below is against record %s as it was before the amendment", r.FollowsUp)
	if since {
		s += ", as this follow-up was saved."
	} else {
		s += ", which the follow-up was made against."
	}
	var changed, all []string
	for _, d := range record.Compare(cur, r).Domains {
		all = append(all, d.Domain.Title()+" "+d.Now.String())
		if t := d.Trend(); t != record.Same {
			changed = append(changed, fmt.Sprintf("%s: was %s, now %s (%s)", d.Domain.Title(), d.Was, d.Now, t))
		}
	}
	if len(changed) == 0 {
		return s + " Against the amended version, as the history compares: no change in any barrier (" + strings.Join(all, "; ") + ")."
	}
	return s + " Against the amended version, as the history compares: " + strings.Join(changed, "; ") + "."
}

func (a *app) historyCmd() *cobra.Command {
	var server string
	c := &cobra.Command{
		Use:   "history PATIENT",
		Short: "List a patient's assessments, oldest first, with the change between them",
		Long: `List a patient's assessments. PATIENT is an NHS number (spaces allowed) or a local hospital number.

When a FHIR server is set (--server, else fhir_server in the site config),
the patient's versions this store lacks (all, or those made on another
machine since) are read from the server, waiting at most a few seconds,
and kept in this store as copies marked as from the server (in a new
store, where this machine has none yet), so a follow-up here links to
them, offline too; if the server cannot be reached, it says so, and
lists this machine's. The list says which records are copies and where
they came from.

A version that fails its integrity checks (damaged, or edited outside
digicheck) is never shown; the others are, and the damaged ones are listed
before them, marked DAMAGED, on the output and on standard error. The exit
status is 0 when any version could be shown, 1 when none could.`,
		Args: onePatient,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			// The commands its words suggest (the store's own "run
			// digicheck check") carry this run's --db and --config:
			// copied and run bare, they checked the default store.
			defer func() { err = carryGiven(err, a.given) }()
			p, err := patientArg(cmd, args)
			if err != nil {
				return err
			}
			if server == "" {
				server = a.siteServer()
			}
			st, done, err := a.readableStore(cmd, "the history")
			defer func() { err = done(err) }()
			if err != nil && server == "" {
				return err
			}
			var rs []record.Record
			var bad []store.Unreadable
			// Marked before the history's first line, by the run whose
			// reading finds the damage too: it said nothing, and the
			// next run warned.
			mark := &foundDamageMark{cmd: cmd, st: st, what: "the history", given: a.given}
			if st != nil {
				if err := metaGate(cmd, st, "the history"); err != nil {
					return err
				}
				defer func() {
					if err != nil {
						mark.now()
					}
				}()
				mark.now()
				if rs, bad, err = st.HistoryReadable(p); err != nil {
					return err
				}
				mark.now()
				givenWhy(bad, a.given)
			}
			if len(rs) == 0 && len(bad) > 0 && server == "" {
				return fmt.Errorf("no version of patient %s's assessments can be shown: %s", p, damagedVersions(bad))
			}
			readN := 0 // record versions read from the server
			// Asks, within a short budget, whether each server a version
			// shown is in conflict with still holds the other version:
			// not again of a server the read below found silent.
			asker := a.newConflictAsker()
			if server != "" {
				// Filled at whole words to the width, at a terminal and
				// piped alike (COLUMNS, else 80), as push and summary
				// fill theirs: piped, its warnings ran to 311 columns.
				filler := newLineFiller(cmd.ErrOrStderr(), terminalWidth(cmd.ErrOrStderr()))
				errOut := io.Writer(filler)
				defer filler.Flush()
				ctx, stop := cancelOnSignal(cmd.Context())
				defer stop()
				// The server named as configured on every line.
				copies, err := a.readPatientNamed(withAsker(ctx, asker), errOut, st, server, configuredName(server), p, len(rs) > 0)
				if err != nil {
					return err
				}
				readN = len(copies)
				if st == nil && len(copies) > 0 {
					// Kept, as they would be in a store here, so a
					// follow-up here finds them offline.
					st = a.keepInNewStore(errOut, server, configuredName(server), p, copies)
				}
				if st != nil {
					if rs, bad, err = st.HistoryReadable(p); err != nil {
						return err
					}
					givenWhy(bad, a.given)
				} else {
					// No store could be made to keep them in: shown
					// only (keepInNewStore said so).
					for _, c := range copies {
						rs = append(rs, c.Record)
					}
					if len(rs) > 0 {
						var b strings.Builder
						if err := record.WriteHistory(&b, rs, nil); err != nil {
							return err
						}
						_, err := io.WriteString(cmd.OutOrStdout(), atWholeWords(cmd.OutOrStdout(), b.String()))
						return err
					}
				}
			}
			if len(rs) == 0 && len(bad) > 0 {
				return fmt.Errorf("no version of patient %s's assessments can be shown: %s", p, damagedVersions(bad))
			}
			if len(rs) == 0 {
				where := "this machine (no store)"
				if st != nil {
					where = st.Path()
				}
				if readN > 0 {
					// The server holds some: never "no assessments",
					// which a clinician took for never assessed.
					return fmt.Errorf("patient %s: the FHIR server %s holds %s of their assessments, read and not taken in here for the reasons said above, so none can be shown; this machine holds none. The patient has been assessed: tell IT before starting a new assessment", p, configuredName(server), versions(readN, "record version"))
				}
				if server != "" {
					where += " or on the FHIR server " + configuredName(server) + a.localSearched(p)
				}
				return fmt.Errorf("no assessments for patient %s in %s", p, where)
			}
			// Ids as short as tells them apart in the whole store, so
			// each can be typed back to show, amend or void.
			ids := make([]record.ID, len(rs))
			for i := range rs {
				ids[i] = rs[i].ID
			}
			short, err := st.ShortIDs(ids)
			if err != nil {
				return err
			}
			shortID := func(id record.ID) string {
				if s, ok := short[id]; ok {
					return s
				}
				// A version not shown (damaged), linked to from one
				// that is: its whole id, never a blank.
				return id.String()
			}
			later, err := st.LaterUnreadable(rs)
			if err != nil {
				return err
			}
			lines, err := st.SetAsideLines()
			if err != nil {
				return err
			}
			aside := map[record.ID]string{}
			for _, r := range rs {
				if lines[uuid.UUID(r.ID)] {
					aside[r.ID] = a.setAsideWords(st, r.ID)
				}
			}
			mark.now()
			if len(bad) > 0 {
				// First, before the history: a clinician reading from
				// the top must know it cannot be trusted before
				// reading it (at the end, it was read as whole).
				out, errs := cmd.OutOrStdout(), cmd.ErrOrStderr()
				fmt.Fprint(out, damagedBlock(out, bad)+"\n")
				if !isTerminal(out) || !isTerminal(errs) {
					// Not said twice on one screen.
					fmt.Fprint(errs, damagedBlock(errs, bad))
				}
			}
			var hb strings.Builder
			if err := record.WriteHistoryAside(&hb, rs, shortID, later, aside); err != nil {
				return err
			}
			if _, err := io.WriteString(cmd.OutOrStdout(), atWholeWords(cmd.OutOrStdout(), hb.String())); err != nil {
				return err
			}
			note, err := copyNote(st, rs, shortID, server)
			if err != nil {
				return err
			}
			note += a.conflictNote(st, asker, rs, shortID) + a.voidHeldNote(st, rs) + overriddenNote(st, rs, shortID, a.given)
			if as, aerr := st.Assessments(p); aerr == nil {
				// A store damaged there said so above: no note on it.
				note += unlinkedNote(unlinkedOf(as), shortID, a.given)
			}
			if note != "" {
				// At a terminal, filled to its width at whole words.
				_, err = fmt.Fprint(cmd.OutOrStdout(), "\n"+sayText(cmd.OutOrStdout(), note))
			}
			return err
		},
	}
	c.Flags().StringVar(&server, "server", "", "the FHIR server to read the patient's newer assessments from (default: fhir_server in the site config)")
	addReadDamagedFlag(c)
	return c
}

// usageError is a refusal of what was given on the command line, made
// before anything is read or written: digicheck then exits with status 2,
// as command-line tools do for a usage error, so a script can tell a
// command mistyped from one that failed (status 1).
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// exitStatus is the status digicheck exits with after err: 0 when it is
// nil, or when the output's reader left (readerGone); 2 for a usage error;
// 128 + the signal for an assessment stopped (130 for Ctrl+C); else 1.
func exitStatus(err error) int {
	if err == nil || readerGone(err) {
		return 0
	}
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	var s stoppedError
	if errors.As(err, &s) {
		return 128 + int(s.sig)
	}
	return 1
}

// patientArg is the patient a command names (history, followup), or a
// usage error (exit 2) for one that is no patient number: a
// number that is not an NHS number (a dropped or extra digit) is said on
// standard error before "no assessments", which would otherwise send the
// clinician to a new one.
//
// The patient may be typed unquoted as an NHS number is printed
// (943 476 5919): onePatient lets several arguments through only when
// they are digits alone, 10 in all, and they are taken as one number, as
// if quoted.
func patientArg(cmd *cobra.Command, args []string) (record.PatientID, error) {
	arg := strings.Join(args, " ")
	p, err := record.ParsePatientID(arg)
	if err != nil {
		// The command line refused, before anything is read: exit 2.
		return p, usageError{fmt.Errorf("patient %s: %w", questionnaire.Quote(arg), err)}
	}
	if n := p.NotAnNHSNumber(); n != "" {
		fmt.Fprintln(cmd.ErrOrStderr(), wrapReport(n, terminalWidth(cmd.ErrOrStderr())))
	}
	return p, nil
}

// onePatient is the arguments of a command taking one PATIENT: one
// argument, or an NHS number typed unquoted with its spaces, which the
// shell splits into groups of digits (10 in all). Anything else is
// refused saying to give one NHS number, not as cobra's "accepts 1
// arg(s), received 3", which does not say to quote it.
func onePatient(cmd *cobra.Command, args []string) error {
	if len(args) == 1 {
		return nil
	}
	digits := 0
	for _, a := range args {
		if a == "" || strings.Trim(a, "0123456789") != "" {
			digits = -1
			break
		}
		digits += len(a)
	}
	if len(args) > 1 && digits == 10 {
		return nil
	}
	given := "nothing"
	if len(args) > 0 {
		given = fmt.Sprintf("%d arguments, %s", len(args), questionnaire.Quote(strings.Join(args, " ")))
	}
	return fmt.Errorf("%s: give one NHS number, in quotes if it has spaces (digicheck %s \"943 476 5919\"), or a local patient number; this was given %s", cmd.Name(), cmd.Name(), given)
}

// readerGone reports whether err is a write to a pipe whose reader has
// stopped reading (digicheck export | head -1): the reader asked for no
// more. A connection to a server closed under a write is not: that fails.
func readerGone(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && pe.Op == "write" && errors.Is(pe.Err, syscall.EPIPE)
}

// stdoutClosed reports whether err is a write to a closed standard output
// (one a parent closed after digicheck started; one closed at the start is
// /dev/null by then: Go's runtime opens it in the place of a standard
// descriptor found closed).
func stdoutClosed(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && pe.Op == "write" && pe.Path == os.Stdout.Name() && errors.Is(pe.Err, syscall.EBADF)
}

func isTerminal(v any) bool {
	f, ok := fileUnder(v).(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// instrumentOf is the instrument a record was made with, by which it is
// checked and shown; nil for a version this digicheck does not have (its
// answers are then shown by their codes).
func instrumentOf(r record.Record) *questionnaire.Instrument {
	ins, _ := questionnaire.Lookup(r.InstrumentVersion)
	return ins
}

// damagedVersions names each version history could not show, with why.
// damagedBlock is history's DAMAGED block for the versions it cannot show,
// as written on w: at a terminal, at whole words at its width (the
// terminal cut its lines mid-word); to a file or a pipe, a line each.
//
// A version not shown and damage of the patient index are counted apart:
// the index's damage, counted as a version, said "2 more version(s)"
// where one entry was damaged and every version was shown.
func damagedBlock(w io.Writer, bad []store.Unreadable) string {
	versions, entries := 0, 0
	for _, u := range bad {
		if u.Index {
			entries++
		} else {
			versions++
		}
	}
	var head string
	switch index := fmt.Sprintf("the patient index is damaged (%d %s of this patient's)", entries, map[bool]string{true: "entry", false: "entries"}[entries == 1]); {
	case entries == 0:
		head = fmt.Sprintf("DAMAGED: %d more version(s) of this patient's assessments cannot be shown, so this history is not complete:", versions)
	case versions == 0:
		// Found by reading every record: the history is whole
		// unless a record went with the damage, which nothing says.
		head = "DAMAGED: " + index + ". Every assessment of this patient's found in the store is shown below, but this history is not complete if one was lost with the damage:"
	default:
		head = fmt.Sprintf("DAMAGED: %d more version(s) of this patient's assessments cannot be shown, and %s, so this history is not complete:", versions, index)
	}
	if !isTerminal(w) {
		return head + " " + damagedVersions(bad) + "\n"
	}
	width := terminalWidth(w)
	text := record.Wrap(head, "", "  ", width)
	for _, item := range strings.Split(strings.TrimPrefix(damagedVersions(bad), "\n"), "\n") {
		text += record.Wrap(strings.TrimPrefix(item, "- "), "- ", "  ", width)
	}
	return text
}

// givenWhy gives the commands each of bad says why with given, this
// run's --db and --config (withGiven).
func givenWhy(bad []store.Unreadable, given string) {
	for i := range bad {
		bad[i].Why = withGiven(bad[i].Why, given)
	}
}

func damagedVersions(bad []store.Unreadable) string {
	var b strings.Builder
	for _, u := range bad {
		if strings.Contains(u.Why, u.ID) {
			fmt.Fprintf(&b, "\n- %s", u.Why)
		} else {
			fmt.Fprintf(&b, "\n- record %s: %s", u.ID, u.Why)
		}
	}
	return b.String()
}

// markFoundDamaged says, when st has been found damaged (its damage note
// is there), on standard error what was found and, on the output's own
// first line, that what (the history, the record) may lack versions or
// show a replaced one as current: a version lost with its indexes is not
// shown, and nothing else would say so.
func markFoundDamaged(cmd *cobra.Command, st *store.Store, what, given string) bool {
	found := st.DamageFound()
	if found == "" {
		return false
	}
	// The note is a file anyone could write: what it says reaches the
	// terminal through the shared neutraliser (warnFoundDamaged), its
	// commands given this run's --db and --config.
	pw := questionnaire.NewPrintableWriter(cmd.ErrOrStderr())
	sayWrapped(pw, fmt.Sprintf("warning: the store %s has been found damaged: %s", st.Path(), withGiven(found, given)))
	_ = pw.Close()
	sayWrapped(cmd.ErrOrStderr(), fmt.Sprintf("warning: %s may be incomplete or wrong; run %s", what, checkCommand(given)))
	may := what + " may lack versions or show a replaced version as current"
	if what == "the record" {
		may = "a version that replaces or voids this record may be lost"
	}
	// Filled to 80 columns, as the history below it is.
	fmt.Fprint(cmd.OutOrStdout(), record.Wrap("DAMAGED STORE, found damaged: "+may+"; run "+checkCommand(given), "", "  ", 80))
	return true
}

// foundDamageMark is markFoundDamaged said once in a run, as soon as the
// store has been found damaged: before anything is read (a note left by
// an earlier run or by check), and again after each read until then, so
// the run whose read finds the damage (and writes its note) warns before
// its output as every run after it does. It said nothing on that run.
type foundDamageMark struct {
	cmd         *cobra.Command
	st          *store.Store
	what, given string
	said        bool
}

// now marks the output if the store has been found damaged and it has
// not been marked yet; call it before the output's first line.
func (m *foundDamageMark) now() {
	if m.said || m.st == nil {
		return
	}
	m.said = markFoundDamaged(m.cmd, m.st, m.what, m.given)
}

// readDamagedFlag lets a reader go on with a store whose newest save may be
// missing (a meta page that fails its checksum), having been told so.
const readDamagedFlag = "read-damaged"

func addReadDamagedFlag(c *cobra.Command) {
	c.Flags().Bool(readDamagedFlag, false, "go on reading a store whose newest save(s) may be missing (a damaged meta page), with a warning, instead of stopping")
}

// metaGate says on standard error, before anything is read, when one of
// the store's two meta pages fails its checksum (store.MetaDamage). When
// the damaged page is, or may be, the newer one, bbolt reads the store as
// it was before its newest save(s): a void undone, an amendment gone, or a
// whole batch of records missing, all without a sign. So what (the counts,
// the export, the history, the record) is not read, and the command ends
// with an error, unless --read-damaged was given; a QI summary missing half
// its records must never end as a success. A damaged older page loses
// nothing and is only warned of.
func metaGate(cmd *cobra.Command, st *store.Store, what string) error {
	msg, missing := st.MetaDamage()
	if msg == "" {
		return nil
	}
	w := cmd.ErrOrStderr()
	if !missing {
		sayLine(w, fmt.Sprintf("warning: the store %s is damaged, though nothing saved is missing: %s", st.Path(), msg))
		return nil
	}
	// Wrapped at whole words at a terminal, whole on one line for grep.
	sayLine(w, fmt.Sprintf("warning: the store %s may be missing its newest save(s), and %s would be read without them: %s", st.Path(), what, msg))
	if go_, _ := cmd.Flags().GetBool(readDamagedFlag); go_ {
		sayLine(w, fmt.Sprintf("warning: read anyway (--%s): %s may lack the newest save(s) and may show voided or replaced records as current", readDamagedFlag, what))
		if what == "the history" || what == "the record" {
			// Its first line, so that the output copied or printed
			// alone still carries the mark (standard error does not
			// go with it).
			fmt.Fprint(cmd.OutOrStdout(), record.Wrap("DAMAGED STORE, read with --"+readDamagedFlag+": "+what+" may lack the newest save(s) and show voided or replaced versions as current", "", "  ", 80))
		}
		return nil
	}
	return &store.Error{Kind: store.ErrDamaged, Msg: fmt.Sprintf("stopped: %s would be read from the store %s as it was before its newest save(s), which may be missing from it. Run digicheck check, keep a copy of the file as it is and restore the store from a backup; or give --%s to read it as it is", what, st.Path(), readDamagedFlag)}
}

// lostWithNewestSave words what was not found (store.ErrNotFound) in a
// store whose newest save(s) may be missing (a damaged newer meta page):
// the record or the patient's assessment may be in the lost save, so
// "no record with id" or "no earlier assessment" would be false, and a
// clinician told so may start a fresh baseline. what names what was
// sought ("record \"01a2...\""). Any other error is returned as it is.
func lostWithNewestSave(st *store.Store, err error, what string) error {
	if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	msg, missing := st.MetaDamage()
	if !missing {
		return err
	}
	return &store.Error{Kind: store.ErrDamaged, Msg: fmt.Sprintf("%s was not found, but the store %s is damaged and may be missing its newest save(s), which may hold it (%s). Run digicheck check, keep a copy of the file as it is and restore the store from a backup", what, st.Path(), msg)}
}

// readableStore is the store in force for a reader (summary, history,
// show). A store file cut short is read as check and the exports read it,
// from a copy padded to its full length (store.OpenCutShort): summary,
// history and show refused outright a file whose every record the
// exports exported. what names what is read ("the counts", "the history",
// "the record"): the file being cut short is said on standard error and,
// for a history or a record, on its first line, as a store found damaged
// is. done removes the copy and keeps its name out of the error the
// command ends with; call it last, with that error.
func (a *app) readableStore(cmd *cobra.Command, what string) (st *store.Store, done func(error) error, err error) {
	same := func(err error) error { return err }
	if p := a.storePath(); p != "" {
		if err := storeNotAPipe(p); err != nil {
			return nil, same, err
		}
		if st, torn, ok := openCutShort(p); ok {
			pw := questionnaire.NewPrintableWriter(cmd.ErrOrStderr())
			sayWrapped(pw, "warning: "+torn.String()+". "+capitalised(what)+" "+readFromWhatIsLeft(what)+"; keep the file as it is, and restore the store from a backup")
			_ = pw.Close()
			// The counts and the list of reviews due carry the
			// mark in their own output (which -o may put in a
			// file), not on standard output beside it.
			if what != "the counts" && what != dueWhat {
				fmt.Fprint(cmd.OutOrStdout(), record.Wrap(withGiven("DAMAGED STORE, cut short: "+what+" is read from what is left of the file, and may lack versions kept only in its missing part; run digicheck check", storeGiven(torn.Path)), "", "  ", 80))
			}
			// shownPath names the store's own path, never the
			// padded copy, which is deleted when the command ends.
			paddedCopies.Store(torn.Temp(), torn.Path)
			return st, func(err error) error {
				err = store.HideTemporaries(err, torn.Path, torn.Temp())
				paddedCopies.Delete(torn.Temp())
				_ = torn.Close()
				return err
			}, nil
		}
	}
	st, err = a.existingStore()
	return st, same, err
}

// readFromWhatIsLeft says how what is read from a store file cut short.
func readFromWhatIsLeft(what string) string {
	if what == "the counts" {
		return "are made from every record that can be read from what is left, as an export reads it"
	}
	return "is read from what is left, as an export reads it"
}

// capitalised is s with its first letter upper case.
func capitalised(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// voidHeldNote marks each of rs set aside for a FHIR server that holds
// the assessment entered in error already (push --resolve … --keep-server
// over the server's void, this machine's version a void too): kept here,
// current or not as the line says, and never sent to that server.
func (a *app) voidHeldNote(st *store.Store, rs []record.Record) string {
	var b strings.Builder
	for _, r := range rs {
		servers, err := st.SetAsideForVoid(r.ID)
		if err != nil || len(servers) == 0 {
			continue
		}
		names := make([]string, len(servers))
		for i, s := range servers {
			names[i] = sourceName(a.siteServer(), s)
		}
		// The server on a line of its own: beside the words, a long
		// URL ran past 80 columns.
		fmt.Fprintf(&b, "NOT SENT THERE: %s.\n  It is set aside for the FHIR server\n    %s\n  which holds this assessment entered in error already, as this machine\n  does: kept here, never sent to that server, and no conflict with it.\n", whoseVersion(st, r), strings.Join(names, " and "))
	}
	return b.String()
}
