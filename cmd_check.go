package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

func (a *app) checkCmd() *cobra.Command {
	var inPlace, discardDrafts bool
	var salvage string
	c := &cobra.Command{
		Use:   "check",
		Short: "Verify the store: every page of the file, and digicheck's own checks",
		Long: `Verify the store without changing it: every page of the file, as the store's
database library would check it (pages, free list, key order), then
digicheck's: every record can be read, every index entry points at a record,
and every assessment's versions form one unbroken line. Prints what it
found; exits with status 1 if anything is wrong, so it can run from a
scheduled task. Assessments can go on meanwhile: check copies the store to a
hidden temporary file beside it (a save waits only for that copy) and checks
the copy, which it then removes. The copy needs as much free space as the
store takes, and 64 MB more left for saves; where the store's disk has less,
the copy goes in the system's temporary folder. Where neither has room,
check stops and says so, exit status 1: a check of the store itself
(--in-place) holds it for the whole check, and a save waits for it only a
few seconds before it fails, so use --in-place only when nobody is saving
assessments.

It finishes with a verdict on any file, however damaged: every page is read
with ordinary reads and checked before the database library is let near it,
and a file so damaged that it cannot be opened as a store gets a report of
why. Records on pages that cannot be read are counted and named as an export
names them. A store with problems is then only ever read: every command that
writes (saving an assessment or a draft, amend, void, followup, synthetic)
refuses it with the message check ends with, until a check finds it sound
again (after the store is restored from a backup, say). check leaves a note
beside the store (its name with .damaged added) that says so.

An unfinished assessment kept as a draft whose own bytes are damaged is
not damage of the store: it is set aside (not offered to resume), listed
under SET ASIDE, and assessments are saved and backed up as before. Enter
that assessment again, then remove the draft with
--discard-damaged-drafts, which discards every draft that cannot be read
(their bytes are overwritten) before the check, and leaves the others.

--salvage FILE first writes to FILE (a new file, readable by its owner
only; - for standard output, the report then on standard error) every record that can still be read whole from the store file, each
passing its own checksum, one JSON line each, patient and answers
included: the records a check of a store cut short or damaged lists as left
"for IT to recover". The lines are framed as an NDJSON export's (a start
line, and an end mark counting them), each marked damaged_store, salvaged:
digicheck summary FILE counts them as from a damaged store. The store file
is only read. Keep FILE as safe as the store, and delete it once its
assessments are entered again or kept.

At a terminal, check shows how far it has got on one line of standard
error, cleared before its report; piped, it prints only the report. A store
other programs keep saving to is waited for, up to 30 seconds.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// Ctrl+C, a closed window or a scheduled task's timeout
			// (SIGTERM, SIGHUP) stops the check and removes its copy of
			// the store, as it does a backup's: killed, it left a full
			// copy of patient data under a hidden name.
			ctx, stop := cancelOnSignal(cmd.Context())
			defer stop()
			// How far it has got, once it has taken more than a moment:
			// at a terminal on one line of standard error rewritten a
			// few times a second and cleared before the report. Piped
			// or from a scheduled task, only the report: a task that
			// mails standard error as problems got a line of progress.
			pl := newCheckProgress(cmd.ErrOrStderr())
			ctx = store.WithCheckProgress(ctx, pl.show)
			defer pl.clear()
			// A store other programs keep saving to is waited for, up
			// to checkWait: a save gives up after 2 s, which a check,
			// with nobody waiting on it, need not.
			if salvage == "-" {
				// The records are a stream, as export -o - writes
				// one: standard output holds them alone, and what
				// was salvaged and the check's report go to
				// standard error.
				out := cmd.OutOrStdout()
				cmd.SetOut(cmd.ErrOrStderr())
				if err := a.salvageTo(cmd, out); err != nil {
					return err
				}
			} else if salvage != "" {
				if err := a.salvage(cmd, salvage); err != nil {
					return err
				}
			}
			deadline, said := time.Now().Add(checkWait), false
			for {
				err := a.checkOnce(cmd, ctx, inPlace, &discardDrafts, pl)
				if !errors.Is(err, store.ErrLocked) {
					return err
				}
				if time.Now().After(deadline) {
					return startWhy{fmt.Sprintf("check waited %s for the store %s, but another digicheck window or program held it the whole time (the store is in use, not damaged), so nothing was checked and nothing was changed. Run check again when fewer assessments are being saved (after clinic hours, say), or close the program that holds it", waitWords(checkWait), questionnaire.Printable(a.storePath())), err}
				}
				if errw := cmd.ErrOrStderr(); !said && isTerminal(errw) {
					pl.clear()
					pl = newCheckProgress(errw)
					ctx = store.WithCheckProgress(ctx, pl.show)
					defer pl.clear()
					fmt.Fprintln(errw, wrapReport(fmt.Sprintf("Waiting for the store: another digicheck window or program is using it. check waits up to %s for its turn.", waitWords(checkWait)), terminalWidth(errw)))
					said = true
				}
				select {
				case <-ctx.Done():
					return fmt.Errorf("check of %s cancelled while it waited for the store: nothing was checked, and the store was not changed", questionnaire.Printable(a.storePath()))
				case <-time.After(100 * time.Millisecond):
				}
			}
		},
	}
	c.Flags().StringVar(&salvage, "salvage", "", "first write every record still whole in the store file to this new file (- for standard output), one JSON line each (identifiable), for a store cut short or damaged")
	c.Flags().BoolVar(&discardDrafts, "discard-damaged-drafts", false, "first discard the unfinished assessments kept as drafts that cannot be read (set aside), leaving the others")
	c.Flags().BoolVar(&inPlace, "in-place", false, "check the store itself when there is no room for a copy (saves wait for it, and may fail: only when nobody is saving)")
	return c
}

// salvage writes the records still whole in the store file to a new
// file at out (store.Salvage), and says how many and what the file holds.
func (a *app) salvage(cmd *cobra.Command, out string) error {
	path := a.storePath()
	if abs, err := filepath.Abs(out); err == nil {
		if sp, err := filepath.Abs(path); err == nil && sp == abs {
			return fmt.Errorf("--salvage %s is the store itself: give a new file", questionnaire.Printable(out))
		}
	}
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("--salvage %s: the file is already there and was left as it is; give a new file", questionnaire.Printable(out))
	}
	if err != nil {
		return fmt.Errorf("--salvage: %w", err)
	}
	sv, err := store.Salvage(path, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out)
		return fmt.Errorf("records could not be salvaged from %s, and %s was removed: %w", questionnaire.Printable(path), questionnaire.Printable(out), err)
	}
	inferred := ""
	if sv.InferredPageSize != 0 {
		// Said, so that IT knows the file's header gave nothing and
		// what was read instead.
		inferred = fmt.Sprintf(" Neither of the store's header pages could be read, so the size of its pages was inferred as %d bytes, the size at which its records are found whole.", sv.InferredPageSize)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "Salvaged %d record(s) still whole in %s (each passing its own checksum) to %s, one JSON line each, marked as salvaged from a damaged store (digicheck summary counts them so).%s It holds patients' numbers and answers: keep it as safe as the store, and delete it once they are entered again or kept.\n", sv.Records, questionnaire.Printable(path), questionnaire.Printable(out), inferred)
	return nil
}

// salvageTo writes the records still whole in the store file to w, a
// stream (check --salvage -), and says on standard error how many.
func (a *app) salvageTo(cmd *cobra.Command, w io.Writer) error {
	path := a.storePath()
	sv, err := store.Salvage(path, w)
	n := sv.Records
	if err != nil {
		return fmt.Errorf("records could not be salvaged from %s to standard output: %w", questionnaire.Printable(path), err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "Salvaged %d record(s) still whole in %s (each passing its own checksum) to standard output, one JSON line each, marked as salvaged from a damaged store (digicheck summary counts them so). They hold patients' numbers and answers: keep what you saved them to as safe as the store, and delete it once they are entered again or kept.\n", n, questionnaire.Printable(path))
	return nil
}

// checkOnce is one try at check: the report printed and its verdict, or
// an error (store.ErrLocked when the store was in use throughout).
func (a *app) checkOnce(cmd *cobra.Command, ctx context.Context, inPlace bool, discardDrafts *bool, pl *progressLine) error {
	printReport := func(cmd *cobra.Command, rep store.Report) error {
		pl.clear() // the report is the last word
		return printReport(cmd, rep, a.given)
	}
	st, err := a.existingStore()
	if rep, ok := store.Unopened(a.storePath(), err); ok {
		// A file cut short is checked as the exports read it,
		// from a copy padded to its full length, so that check
		// counts what they export.
		if trep, ok := checkCutShort(cmd, a.storePath()); ok {
			trep.Path, trep.NoteNotLeft = rep.Path, rep.NoteNotLeft
			return printReport(cmd, trep)
		}
		// A file refused as damaged before anything in it
		// could be read still gets check's report and verdict.
		return printReport(cmd, rep)
	}
	if err != nil {
		return err
	}
	if *discardDrafts {
		n, err := st.DiscardDamagedDrafts()
		if err != nil {
			return err
		}
		*discardDrafts = false // once, though the check waits for the store
		pl.clear()
		fmt.Fprintf(cmd.OutOrStdout(), "Discarded %d unfinished assessment(s) kept as drafts that could not be read.\n", n)
	}
	rep, err := st.CheckContext(ctx, inPlace)
	if err != nil {
		return err
	}
	return printReport(cmd, rep)
}

// progressLine is check's progress, said once the check has taken
// progressAfter: at a terminal, one line, rewritten at most every
// progressEvery, cleared before check says anything else; elsewhere (a
// pipe, a file), a line of its own at most every pipedEvery, which
// nothing clears.
type progressLine struct {
	mu    sync.Mutex
	w     io.Writer
	tty   bool
	width int
	start time.Time
	now   func() time.Time
	last  time.Time
	shown bool
	ended bool
	phase string
	// ttyOnly is set for check's own progress: piped or run from a
	// scheduled task, check prints only its report (a task that mails
	// standard error as problems got a line of progress).
	ttyOnly bool
}

// newCheckProgress is check's progress, written to w from now on when w
// is a terminal, and never to a pipe or a file.
func newCheckProgress(w io.Writer) *progressLine {
	p := newProgressLine(w)
	p.ttyOnly = true
	return p
}

// newProgressLine is check's progress, written to w from now on.
func newProgressLine(w io.Writer) *progressLine {
	p := &progressLine{w: w, tty: isTerminal(w), now: time.Now}
	if p.tty {
		p.width = terminalWidth(w)
	}
	p.start = p.now()
	return p
}

const (
	// progressAfter is how long a check runs before its progress is
	// shown at a terminal: a small store's check is over before then,
	// and a line flashed and cleared tells nobody anything.
	progressAfter = 1500 * time.Millisecond
	// progressEvery is how often, at most, the progress line is
	// rewritten at a terminal.
	progressEvery = 250 * time.Millisecond
	// pipedAfter and pipedEvery are when, piped, the first line of
	// progress is written, and how often at most the next: a scheduled
	// task's log that said nothing for minutes looked hung, and one line
	// a few times a second would bury the report.
	pipedAfter = 20 * time.Second
	pipedEvery = 30 * time.Second
)

func (p *progressLine) show(c store.CheckProgress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	switch {
	case p.ended:
		return
	case !p.tty:
		if p.ttyOnly || now.Sub(p.start) < pipedAfter || !p.last.IsZero() && now.Sub(p.last) < pipedEvery {
			return
		}
	case now.Sub(p.start) < progressAfter:
		return
	case c.Phase == p.phase && now.Sub(p.last) < progressEvery:
		return
	}
	p.phase, p.last = c.Phase, now
	var text string
	switch c.Phase {
	case store.PhaseCopy:
		text = fmt.Sprintf("Checking the store: copying it, %s of %s", store.SizeText(c.Done), store.SizeText(c.Total))
	case store.PhasePages:
		text = "Checking the store: reading every page of its copy"
	case store.PhaseRecords:
		text = fmt.Sprintf("Checking the store: %s records checked of %s", thousandsText(c.Done), thousandsText(c.Total))
	case phaseAskServer:
		text = fmt.Sprintf("push: asking the server whether it holds each assessment: %s of %s", thousandsText(c.Done), thousandsText(c.Total))
	case store.PhasePushRead:
		// push's read of every record before its first try.
		text = fmt.Sprintf("push: reading the store: %s records read", thousandsText(c.Done))
		if c.Total > 0 {
			text += " of " + thousandsText(c.Total)
		}
	default:
		return
	}
	if !p.tty {
		fmt.Fprintf(p.w, "%s (%s so far)\n", text, waitWords(now.Sub(p.start)))
		return
	}
	if r := []rune(text); len(r) > p.width-1 {
		text = string(r[:max(p.width-1, 0)]) // one line, never wrapped
	}
	fmt.Fprint(p.w, "\r\x1b[K"+text)
	p.shown = true
}

// clear removes the progress line, and ends it.
func (p *progressLine) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ended = true
	p.wipe()
}

func (p *progressLine) wipe() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// thousandsText is n with its thousands marked: 100,000.
func thousandsText(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// waitWords is a wait in words: "30 seconds", "1 minute".
func waitWords(d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		if d == time.Minute {
			return "1 minute"
		}
		return fmt.Sprintf("%d minutes", d/time.Minute)
	}
	return fmt.Sprintf("%d seconds", int(d.Round(time.Second)/time.Second))
}

// checkCutShort is check's report on the store file at path when it is
// cut short, read from a copy padded to its full length (store.OpenCutShort)
// as the exports read it: what is wrong with what is left, after the
// finding that it is cut short. ok is false when the file is not cut
// short, or the copy cannot be read either.
func checkCutShort(cmd *cobra.Command, path string) (rep store.Report, ok bool) {
	st, torn, ok, _ := store.OpenCutShort(path)
	if !ok {
		return rep, false
	}
	defer torn.Close()
	ctx, stop := cancelOnSignal(cmd.Context())
	defer stop()
	rep, err := st.CheckContext(ctx, true) // the copy is this check's own
	if err != nil {
		return rep, false
	}
	rep.Problems = append([]string{torn.String() + "; what is left was read from a copy made whole with blank pages, as an export reads it, and is counted here"}, rep.Problems...)
	return rep, true
}

// printReport prints check's report and returns its verdict. given is
// the run's --db and --config, put in the command it gives to salvage
// what is still whole: pasted without them, it read the default store.
func printReport(cmd *cobra.Command, rep store.Report, given string) error {
	out := cmd.OutOrStdout()
	text := questionnaire.PrintableLines(strings.ReplaceAll(rep.String(), "digicheck check --salvage FILE", "digicheck"+given+" check --salvage FILE"))
	if isTerminal(out) {
		// Read on screen: wrapped at whole words. A file or a
		// pipe gets each finding on one line, for grep.
		text = wrapReport(text, terminalWidth(out))
	}
	if _, err := fmt.Fprint(out, text); err != nil { // bucket names and paths as \x1b, never raw
		return err
	}
	if rep.NoteNotLeft != nil && !rep.OK() {
		// Said, as the note is what tells every other command: a
		// folder check could not write left the store unmarked, and
		// nothing said so.
		why := rep.NoteNotLeft
		if u := errors.Unwrap(why); u != nil {
			why = u // "permission denied": the path is said already
		}
		note := questionnaire.PrintableLines(fmt.Sprintf("NOT MARKED DAMAGED: check could not leave its note %s beside the store (%v). That note is what tells every other digicheck command that the store is damaged: until it is there, other digicheck commands and windows will not know the store is damaged (assessments may still be saved to it, and what is read from it is not marked damaged unless the damage is met). Have the folder made writable for whoever runs digicheck (tell IT), then run digicheck%s check again.", store.DamageNote(rep.Path), why, given))
		if isTerminal(out) {
			note = wrapReport(note, terminalWidth(out))
		}
		if _, err := fmt.Fprintln(out, note); err != nil {
			return err
		}
	}
	// The same words every writing command refuses the store
	// with until a check finds it sound.
	return rep.Verdict()
}

// storePath is the path of the store in force, "" when none can be found.
func (a *app) storePath() string {
	if a.settings.DB != "" {
		return a.settings.DB
	}
	p, _ := store.DefaultPath()
	return p
}

// existingStore opens the store in force but never creates one: check,
// backup and void are about a store that is already there, and a mistyped
// --db must not leave a new, empty store behind that then "passes".
func (a *app) existingStore() (*store.Store, error) {
	path := a.settings.DB
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return nil, fmt.Errorf("cannot find the store (use --db): %w", err)
		}
		path = p
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("there is no store at %s (give its path with --db)", path)
	}
	return store.Open(path, store.Options{})
}

// keepRefused keeps an assessment the store did not save (refused as
// damaged, a file or disk that cannot be written, a full disk, a lock held
// too long), so that the answers given are not lost when the window is
// closed: its note for the patient record and the record itself are
// written to a file beside the store (or in the temporary folder, if that
// cannot be written), and the error says where. A save that succeeds
// removes the file an earlier failed try of the same record left, so no
// assessment is entered twice.
func keepRefused(st *store.Store, r *record.Record, err error, kept *[]string, given string) error {
	name := "digicheck-not-saved-" + r.ID.String() + ".txt"
	if err == nil {
		*kept = slices.DeleteFunc(*kept, func(p string) bool {
			if filepath.Base(p) == name {
				_ = os.Remove(p)
				return true
			}
			return false
		})
		return nil
	}
	j, jerr := json.MarshalIndent(r, "", "  ")
	if jerr != nil {
		return err
	}
	words := answersText(r.Patient, r.Clinician, r.Team, r.InstrumentVersion, r.Answers, nil, nil, questionnaire.Directory{}) +
		"\n" + enterAgain(st, r.ID, r.Patient, r.Amends, r.FollowsUp, false, given) + "\n"
	body := append([]byte(assess.Note(*r)+"\n\n"+words+"\nThe same answers as data, for IT:\n"), j...)
	if p, ok := keepFile(st, name, body, kept); ok {
		refusedAs.Store(r.ID, assess.DraftOf(r))
		// One assessment, one file: the answers kept unfinished
		// before this save are in this one now.
		*kept = slices.DeleteFunc(*kept, func(k string) bool {
			if filepath.Base(k) == "digicheck-not-saved-draft-"+r.ID.String()+".txt" {
				_ = os.Remove(k)
				return true
			}
			return false
		})
		return keptError{p, fmt.Errorf("answers and note kept in %s (paste the note into the patient record) as %w", p, err)}
	}
	return fmt.Errorf("the answers could not be kept in a file either (copy the result into the patient record before closing) as %w", err)
}

// keepUnkept keeps in a file the answers of an unfinished assessment whose
// draft the store would not keep, which the end of the run would otherwise
// lose. It returns the file's path, or "" when no file could be written.
//
// An assessment whose save was refused, and kept (keepRefused), has one
// file: while its answers are as saved, that file, with its note, stands;
// once one has changed, the same file holds the answers as last given.
// Two files of one assessment were two to enter again, one out of date.
func keepUnkept(st *store.Store, d *store.Draft, dir questionnaire.Directory, kept *[]string, given string) string {
	j, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return ""
	}
	name := "digicheck-not-saved-draft-" + d.ID.String() + ".txt"
	refused := false
	if i := slices.IndexFunc(*kept, func(k string) bool { return filepath.Base(k) == "digicheck-not-saved-"+d.ID.String()+".txt" }); i >= 0 && !d.ID.IsZero() {
		if was, ok := refusedAs.Load(d.ID); ok && assess.SameAnswers(was.(assess.Draft), d.Draft) {
			return (*kept)[i]
		}
		name, refused = filepath.Base((*kept)[i]), true
	}
	p, _ := keepFile(st, name, unkeptBody(st, d, dir, refused, j, given), kept)
	return p
}

// unkeptBody is what keepUnkept writes of d, its data j: refused when
// its save was refused, and answers changed after that.
func unkeptBody(st *store.Store, d *store.Draft, dir questionnaire.Directory, refused bool, j []byte, given string) []byte {
	return unkeptBodySaying(st, d, dir, refused, j, enterAgain(st, d.ID, d.Patient, d.Amends, d.FollowsUp, true, given))
}

// unkeptBodySaying is unkeptBody with again, how to enter the answers
// again, as read of the store before: made without reading it.
func unkeptBodySaying(st *store.Store, d *store.Draft, dir questionnaire.Directory, refused bool, j []byte, again string) []byte {
	head := "Unfinished assessment of " + d.Patient.String() + ", not saved in the store " + shownPath(st) + ": the answers given so far.\n"
	if refused {
		head = "Assessment of " + d.Patient.String() + ", not saved in the store " + shownPath(st) + ": its save was refused, and answers were changed after that. A note pasted from this file before the change is out of date: replace it with the note made when these answers are saved. These are the answers as last given.\n"
	}
	body := head + unkeptText(d, dir) + "\n" + again + "\n" + "\nThe same answers as data, for IT:\n"
	return append([]byte(body), j...)
}

// notSavedFiles are the files that keep assessments the store did not
// (keepRefused, keepUnkept), by the assessment's id, found where they are
// written: beside the store, else in the temporary folder. The next start
// names the one kept for a draft it lists: a window closed at the save
// while another program held the store left the answers as last given,
// referral decisions included, in the file, and the start listed the
// store's older draft without a word of it. One folder read each, not a
// look-up for every draft listed.
func notSavedFiles(st *store.Store) map[record.ID]string {
	found := map[record.ID]string{}
	dirs := []string{filepath.Dir(shownPath(st)), filepath.Dir(st.Path()), os.TempDir()}
	for i := len(dirs) - 1; i >= 0; i-- { // beside the store wins
		es, err := os.ReadDir(dirs[i])
		if err != nil {
			continue
		}
		for _, e := range es {
			rest, ok := strings.CutPrefix(e.Name(), "digicheck-not-saved-")
			if !ok || e.IsDir() {
				continue
			}
			rest, ok = strings.CutSuffix(strings.TrimPrefix(rest, "draft-"), ".txt")
			if !ok {
				continue
			}
			if id, err := record.ParseID(rest); err == nil {
				found[id] = filepath.Join(dirs[i], e.Name())
			}
		}
	}
	return found
}

// refusedAs holds, by record id, the answers of each save refused and
// kept in a file (keepRefused) in this run.
var refusedAs sync.Map

// paddedCopies maps the path of a padded copy of a store file cut short
// (store.OpenCutShort), which an assessment runs on, to the store's own
// path, which is what a person is told of.
var paddedCopies sync.Map

// shownPath is the path of st as a person is told of it: the store's own,
// never the padded copy it may be read from.
func shownPath(st *store.Store) string {
	if p, ok := paddedCopies.Load(st.Path()); ok {
		return p.(string)
	}
	return st.Path()
}

// keepFile writes body to name beside the store, else in the temporary
// folder, and adds its path to kept.
func keepFile(st *store.Store, name string, body []byte, kept *[]string) (string, bool) {
	for _, dir := range []string{filepath.Dir(st.Path()), os.TempDir()} {
		p := filepath.Join(dir, name)
		if os.WriteFile(p, body, 0o600) != nil {
			// A full disk leaves an empty file where the user is told
			// to look: never leave that decoy.
			_ = os.Remove(p)
			continue
		}
		if !slices.Contains(*kept, p) {
			*kept = append(*kept, p)
		}
		return p, true
	}
	return "", false
}

// keptError is a save refused whose answers are kept in a file: KeptIn is
// its path, so the UI's quit question says they are kept, not lost.
type keptError struct {
	path string
	err  error
}

func (e keptError) Error() string  { return e.err.Error() }
func (e keptError) Unwrap() error  { return e.err }
func (e keptError) KeptIn() string { return e.path }

// wrapReport wraps each line of text at whole words to width columns
// (fill): a PROBLEMS item or a damage message of several hundred
// characters was cut mid-word by the terminal ("which is mis / sing"). A
// line's continuation is indented two columns past the line's own start,
// so that each problem still reads as one item.
func wrapReport(text string, width int) string { return fill(text, width, 0, 2) }

// checkWait is how long check waits for a store that other programs keep
// writing: check is not interactive, and a store saving all day (a ward's
// scripts, several windows) may never be free for a save's 2 s.
var checkWait = 30 * time.Second
