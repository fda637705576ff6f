package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"digicheck/assess"
	"digicheck/fhir"
	"digicheck/fhirclient"
	"digicheck/push"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/remote"
	"digicheck/site"
	"digicheck/store"
)

// phaseAskServer is the phase of push's progress line while it asks the
// server whether it holds each assessment it accepted from this store
// (push.Options.Asking).
const phaseAskServer = "push-ask-server"

// dryRunOutput reports whether pe is a write to w, the dry run's standard
// output (any write, when w is no file).
func dryRunOutput(pe *fs.PathError, w io.Writer) bool {
	if f, ok := w.(*os.File); ok {
		return pe.Path == f.Name()
	}
	return true
}

// pushBadValue is the flag library's refusal of a value of the wrong
// kind: the value and the flag.
var pushBadValue = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^invalid argument "(.*)" for "(?:-., )?(--\S+)" flag: `)
})

func (a *app) pushCmd() *cobra.Command {
	var (
		server    string
		batch     int
		dryRun    bool
		conflicts bool
		resolve   string
		keepMine  bool
		keepSrv   bool
		undoVoid  bool
		voidOver  bool
		otherLost bool
		test      bool
		check     bool
		timeout   time.Duration
		maxWait   time.Duration
		run       func(*cobra.Command, []string) error
	)
	c := &cobra.Command{
		Use:   "push [--server URL]",
		Short: "Send every record version not yet on the trust's FHIR server",
		Long: `Send every assessment version this store holds that the trust's FHIR R4
server has not yet accepted: each assessment as a QuestionnaireResponse
under the id of its first version, and each amendment or void as a new
version of it, in transaction Bundles with the Questionnaire first.

The server is --server, else fhir_server in the site config; how to
authenticate (a bearer token file or environment variable, or OAuth2 client
credentials) and the trust's CA bundle are set in the site config only, so
no token is ever on the command line. See docs/fhir-server.md.

The store keeps which versions the server accepted. A push that is stopped
at any point, by Ctrl+C, a closed lid or a lost network, can be run again:
it sends each version once and loses none. An amendment or void made here
on a version that another machine has changed on the server since is not
sent: it is marked a conflict, kept here and not sent again, and every
push says so, with the server's version (who changed it and when);
nothing on the server is overwritten. --conflicts lists them, with this
machine's version and the server's side by side. Once both are looked at,
--resolve RECORD --keep-mine settles one by keeping this machine's version:
the server's current version is taken in here and this machine's saved again
on it and sent (the server's stays in its history), so every machine reading
the server takes it in; if the server has moved on again since, it is a
conflict again. Keeping this machine's version over a void made on another
machine undoes the void, and needs --undo-void as well; keeping this
machine's void over an amendment made on another machine marks the
assessment entered in error for everyone, and needs --void-server-version
as well, with the void's record. --resolve RECORD
--keep-server settles it the other way: the server's version becomes current
here, under its own id, over this machine's, which are set aside: kept here,
never sent, never counted; history shows both.

A follow-up goes only once the version it follows up is on the server: one
resting on a version in conflict (or not sent) is held back and said, and
sent once that version is; if settling the conflict sets that version
aside, push says to mark the follow-up entered in error and follow the
patient up again, and such a follow-up is never sent.

A store of synthetic test data (digicheck synthetic) is refused unless
--test-server says the server is a test server: its made-up patients on the
trust's server would be counted with the real ones.

The server may lose what it accepted: restored from an older backup, or
restarted empty. Each push asks the server how many assessments it holds,
and when that is fewer than it accepted from this store, asks it of each
and sends again, every version, those it no longer holds; --check-server
asks it of each whatever the count (a server that lost this store's
assessments but holds as many of other machines'), and sends again the
later versions of one it holds at an earlier version than it accepted
from here (an amendment or void lost, which no count shows). A version it
holds after all is found there, not sent twice. A summary --server of a server
that lost records says so in its output until they are sent again.
A conflict whose other machine's version the server lost waits for that
machine to send it again; if it never will (lost, stolen or wiped),
--other-version-lost with --resolve RECORD and --keep-mine or --keep-server
settles it without that version, checked against the server, saying what
is not kept.

It exits non-zero, saying which records and why, when any version was not
sent; a conflict keeps it non-zero until it is settled.`,
		Example: `  digicheck push
  digicheck push --server https://fhir.example.nhs.uk/fhir --batch 100
  digicheck push --dry-run > bundles.ndjson
  digicheck push --check-server
  digicheck push --conflicts
  digicheck push --resolve 0192f1c4-7d2e --keep-mine
  digicheck push --resolve 0192f1c4-7d2e --keep-server`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			// What push says on standard output is watched: a write
			// that failed there was taken without a word. It and
			// standard error go through the terminal's cursor, when
			// either is one: after Ctrl+C, what push says next, and
			// its error, start a line of their own after the "^C".
			at := newTermCursor()
			out := newPushOutput(cmd.OutOrStdout(), !conflicts, at)
			cmd.SetOut(out)
			defer cmd.SetOut(out.w)
			errOut := newPushErrOut(cmd.ErrOrStderr(), at)
			cmd.SetErr(errOut)
			defer cmd.SetErr(errOut.w)
			err := out.failed(run(cmd, args), errOut)
			errOut.freshLine()
			return wrapError(err, terminalWidth(errOut))
		},
	}
	// refused is why this command line is refused (a usageError: exit
	// status 2), before the store is opened or the server asked, or nil:
	// a script tells a command given wrongly from a push that failed
	// (1). Nor is a flag that does nothing in that command line taken
	// silently.
	refused := func() error {
		const nothing = "Nothing was changed, and nothing was sent"
		if batch < 1 {
			return usageError{fmt.Errorf("--batch %d: give how many resources go in one Bundle, 1 or more. %s", batch, nothing)}
		}
		if maxWait < 0 {
			return usageError{fmt.Errorf("--max-wait %s: give how long to keep trying one Bundle the server fails, 0 or more (one try is always made). %s", maxWait, nothing)}
		}
		if timeout <= 0 {
			// Taken, 0 or less was the client's own 30 seconds, said
			// nowhere; a scheduled push is better told than left to
			// guess what it waits.
			return usageError{fmt.Errorf("--timeout %s: give how long to wait for each answer from the server, more than 0 (30s if not given). %s", timeout, nothing)}
		}
		if server == "" && c.Flags().Changed("server") {
			// A script's unset variable (--server "$URL"): taken as no
			// --server, it pushed to the site config's server.
			return usageError{fmt.Errorf("--server \"\": the server URL is empty: give the server's whole URL, such as https://fhir.example.nhs.uk/fhir, or leave out --server to push to fhir_server in the site config. %s", nothing)}
		}
		if u, err := url.Parse(server); server != "" && err == nil && u.User != nil && !strings.ContainsAny(server, "?#") {
			return usageError{fmt.Errorf("--server %s holds credentials: put a token in fhir_token_file or use OAuth2, never in the URL. %s", u.Redacted(), nothing)}
		}
		if u, err := url.Parse(server); server != "" && err == nil && u.Port() != "" && !strings.ContainsAny(server, "?#") {
			// Taken, it was tried five times ("invalid port").
			if n, err := strconv.Atoi(u.Port()); err != nil || n < 1 || n > 65535 {
				return usageError{fmt.Errorf("--server %s: port %s is no port: give one from 1 to 65535, or none for https's own. %s", u.Redacted(), u.Port(), nothing)}
			}
		}
		if server != "" {
			if err := site.CheckServerURL(server); err != nil {
				// The URL is the command line's, not the site
				// config's: refused as any flag given wrongly.
				hint := ""
				if a.siteServer() != "" {
					hint = "; leave out --server to push to fhir_server in the site config"
				}
				return usageError{fmt.Errorf("--server %w. %s%s", err, nothing, hint)}
			}
		}
		if dryRun && (resolve != "" || keepMine || keepSrv) {
			// A settle is saved in the store before anything is sent:
			// run with --dry-run, it was saved all the same, and only
			// the send was skipped.
			return usageError{fmt.Errorf("--dry-run cannot be used with --resolve, --keep-mine or --keep-server: a settle is saved here before anything is sent. %s. See both versions with digicheck push --conflicts, then settle without --dry-run", nothing)}
		}
		if conflicts && (resolve != "" || keepMine || keepSrv || undoVoid || voidOver) {
			// Taken, it listed the conflicts and settled none, without
			// a word.
			return usageError{fmt.Errorf("--conflicts cannot be used with --resolve, --keep-mine, --keep-server, --undo-void or --void-server-version: it only lists the conflicts. %s. See both versions with digicheck push --conflicts, then settle one without --conflicts", nothing)}
		}
		if conflicts && (check || dryRun) {
			// Taken, it listed the conflicts, and neither asked the
			// server what it holds nor said what a push would send.
			return usageError{fmt.Errorf("--conflicts cannot be used with --check-server or --dry-run: it only lists the conflicts, and neither asks the server what it holds nor says what a push would send. %s. Run digicheck push --conflicts to list the conflicts, and digicheck push --check-server or digicheck push --dry-run apart from it", nothing)}
		}
		if (resolve != "" || keepMine || keepSrv) && (resolve == "" || keepMine == keepSrv) {
			return usageError{fmt.Errorf("--resolve RECORD with --keep-mine or --keep-server: give the record in conflict and which version is kept, this machine's or the server's (see digicheck push --conflicts). %s", nothing)}
		}
		// Each only changes what --keep-mine keeps: with --keep-server,
		// or no settle, it was ignored or refused once the store was
		// read.
		if undoVoid && !keepMine {
			return usageError{fmt.Errorf("--undo-void goes with --resolve RECORD --keep-mine, when the server's version kept over is a void. %s", nothing)}
		}
		if voidOver && !keepMine {
			return usageError{fmt.Errorf("--void-server-version goes with --resolve RECORD --keep-mine, when this machine's version is a void and the server's an amendment made on another machine. %s", nothing)}
		}
		if otherLost && voidOver {
			return usageError{fmt.Errorf("--void-server-version does not go with --other-version-lost: settled without the lost version, this machine's void is kept with --resolve RECORD --keep-mine --other-version-lost alone. %s", nothing)}
		}
		if otherLost && resolve == "" {
			return usageError{fmt.Errorf("--other-version-lost goes with --resolve RECORD and --keep-mine or --keep-server, when the FHIR server no longer holds the other machine's version in conflict and that machine will never send it again. %s", nothing)}
		}
		if id := strings.TrimSpace(resolve); resolve != "" {
			// No record could have it: said once the store was read
			// (exit 1), though the command line alone shows it.
			if strings.Trim(strings.ToLower(id), "0123456789abcdef-") != "" {
				return usageError{fmt.Errorf("--resolve %q: give the id of the record in conflict, as digicheck push --conflicts shows it (0-9, a-f and -, at least %d characters). %s", resolve, record.MinIDPrefix, nothing)}
			}
			if len(id) < record.MinIDPrefix {
				return usageError{fmt.Errorf("--resolve %q: give at least %d characters of the id of the record in conflict, as digicheck push --conflicts shows it. %s", resolve, record.MinIDPrefix, nothing)}
			}
		}
		return nil
	}
	run = func(cmd *cobra.Command, _ []string) (err error) {
		if !cmd.Flags().Changed("server") {
			server = ""
		}
		refusal := refused()
		if refusal != nil && server != "" && site.CheckServerURL(server) != nil {
			// No client can be made of it: said as it is.
			return refusal
		}
		client, err := a.fhirClient(server, timeout)
		if err != nil {
			if refusal != nil {
				// The command line's fault first: refused, exit 2.
				return refusal
			}
			return err
		}
		// What push waits for, said at a terminal when the server is
		// slow to answer (the settles' reads too).
		of := push.DefaultAttempts
		if maxWait == 0 {
			of = 1
		}
		waiting := newServerWaiting(cmd.ErrOrStderr(), sourceName(a.siteServer(), client.Base()), timeout, of)
		if server != "" {
			waiting = newServerWaiting(cmd.ErrOrStderr(), configuredName(server), timeout, of)
		}
		if waiting != nil {
			client.Watch(waiting.sent)
		}
		defer waiting.locked(waiting.clearLocked)
		// Every command suggested names the server pushed to, when it
		// is not the site's: run as printed, it would ask the site's.
		again := a.serverFlag(server, client.Base())
		// The server named as configured (or given): localhost stays
		// localhost, as history writes it.
		name := sourceName(a.siteServer(), client.Base())
		if server != "" {
			name = configuredName(server)
		}
		// The push commands suggested carry --test-server too, when
		// this push was given it or the store is synthetic: pasted
		// without it, a settle of a synthetic store's conflict was
		// made here and its send refused.
		pushAgain := again
		defer func() { err = withServer(err, pushAgain, a.given, client.Base(), name) }()
		if refusal != nil {
			// With this run's flags in the commands it suggests.
			return refusal
		}
		st, err := a.existingStore()
		if err != nil {
			return err
		}
		if syn, serr := st.SyntheticData(); test || serr == nil && syn {
			pushAgain += " --test-server"
		}
		ctx, stop := cancelOnSignal(cmd.Context())
		defer stop()
		if e, ok := cmd.ErrOrStderr().(*pushErrOut); ok {
			e.at.watch(ctx)
		}
		if conflicts {
			return showConflicts(ctx, cmd.OutOrStdout(), st, client, name, pushAgain, a.given)
		}
		// The current version a settle keeping this machine's leaves, to
		// be sent by the push that follows, which may fail (a slow
		// server): the settle made here is said to stand, and what sends
		// it.
		var settledHere record.Record
		defer func() {
			if !settledHere.ID.IsZero() {
				err = settledNotSent(err, st, client.Base(), settledHere)
			}
		}()
		if resolve != "" || keepMine || keepSrv {
			r, err := st.Find(resolve)
			if err != nil {
				return err
			}
			if _, ok := conflictOf(st, client.Base(), r.ID); !ok {
				if aside, err := st.SetAside(client.Base(), r.ID); err == nil && aside && noConflictOn(st, client.Base(), r.ID) {
					// Settled by the push before (the server's void
					// kept here over the one held here, the same
					// outcome): run as a settle printed it, after
					// that push, it exited 1, "nothing to settle".
					fmt.Fprint(cmd.OutOrStdout(), wrapText(fmt.Sprintf("Nothing left to settle: record %s is set aside for %s, which holds this assessment as this machine takes it now, with no conflict: settled already, by a push or on reading the server. Nothing was changed, and nothing was sent.", shortOf(st, r.ID), name), terminalWidth(cmd.OutOrStdout())))
					return nil
				}
				if (keepSrv || keepMine && voidOver) && voidHeldBy(st, client.Base(), r.ID) {
					// A void over the server's void, settled by the
					// push itself: the --keep-server it once printed,
					// or the --keep-mine --void-server-version a settle
					// printed for it (to make the assessment entered in
					// error there, which it is), has nothing left to do.
					// Exit 1 there, "nothing to settle", for a command
					// printed to be run.
					fmt.Fprint(cmd.OutOrStdout(), wrapText(fmt.Sprintf("Nothing left to settle: record %s is set aside for %s, which holds this assessment entered in error already, as this machine does: settled already, by a push, keeping the server's void. Nothing was changed, and nothing was sent.", shortOf(st, r.ID), name), terminalWidth(cmd.OutOrStdout())))
					return nil
				}
			}
			// What was set aside before, so that what this settle sets
			// aside, and another server holds, is said.
			before, _ := st.SetAsideLines()
			if otherLost {
				// The other machine's version is gone for good: settled
				// without it, checked against the server now.
				if err := settleOtherLost(ctx, cmd.OutOrStdout(), st, client, r.ID, keepMine, undoVoid, a.given); err != nil {
					return err
				}
				a.heldElsewhere(cmd.OutOrStdout(), st, client.Base(), r.ID, before)
				if cur, cerr := st.Current(r.ID); cerr == nil {
					settledHere = cur
				}
			} else if keepSrv {
				// The follow-ups the settle leaves never to be sent,
				// said at it: said by the next push alone, after the
				// decision.
				fus := followUpsOn(st, client.Base(), r.ID)
				if err := keepServer(ctx, cmd.OutOrStdout(), st, client, r.ID, again, a.given); err != nil {
					return err
				}
				if aside, err := st.SetAside(client.Base(), r.ID); err == nil && aside {
					followUpsOnWords(cmd.OutOrStdout(), st, fus, true, again, a.given)
				}
				a.heldElsewhere(cmd.OutOrStdout(), st, client.Base(), r.ID, before)
				return nil
			} else {
				if k, ok := conflictOf(st, client.Base(), r.ID); ok && k.NotTakenIn {
					if copiesFrom(st, r) {
						// Nothing of this machine's is in it: only copies
						// read from a FHIR server, whose newer state could
						// not be taken in here. Kept, it sent another
						// machine's older version again, in its maker's
						// name, over the newer state that machine, or
						// another, had made since.
						return fmt.Errorf("record %s was read from a FHIR server, not made on this machine, so there is nothing of this machine's to keep over the server's version; nothing was changed or sent. Take the server's version in with digicheck push --resolve %s --keep-server", shortOf(st, r.ID), shortOf(st, r.ID))
					}
					if _, sent, err := st.PushedVersion(client.Base(), r.ID); err == nil && sent {
						return fmt.Errorf("record %s: the server accepted it before it moved on, so nothing of this machine's is left to send over the server's version; keep the server's with digicheck push --resolve %s --keep-server, then amend it", r.ID, r.ID)
					}
				}
				// As with --keep-server: the follow-ups left never to be
				// sent are said at the settle, if it set their version
				// aside (saved again as a new record). Sent as it is on a
				// version this store holds, or accepted there, it is not
				// set aside, and the follow-ups go after it.
				fus := followUpsOn(st, client.Base(), r.ID)
				settled, err := keepMineOver(ctx, cmd.OutOrStdout(), st, client, r.ID, undoVoid, voidOver, a.given)
				if err != nil {
					return err
				}
				if !settled {
					k, err := st.SettleConflict(client.Base(), r.ID)
					if err != nil {
						return err
					}
					whose := "this machine's " + k.What + " " + shortOf(st, k.Record)
					if k.MadeBy != "" {
						whose = fmt.Sprintf("the %s %s, made by %s on another machine and held here,", k.What, shortOf(st, k.Record), questionnaire.PrintableTyped(k.MadeBy))
					}
					fmt.Fprint(cmd.OutOrStdout(), wrapText(fmt.Sprintf("Settled: %s goes on the server's version %s, which stays in its history.", whose, k.SendOn), terminalWidth(cmd.OutOrStdout())))
				}
				if aside, err := st.SetAside(client.Base(), r.ID); err == nil && aside {
					followUpsOnWords(cmd.OutOrStdout(), st, fus, true, again, a.given)
				}
				a.heldElsewhere(cmd.OutOrStdout(), st, client.Base(), r.ID, before)
				if cur, cerr := st.Current(r.ID); cerr == nil {
					settledHere = cur
				}
			}
		}
		// Another push of this store (the one after a save, in a
		// window still open) is waited for, a while.
		opts := push.Options{Batch: batch, Site: a.settings.Config.FHIRSite(), SiteConfig: a.settings.ConfigFile, WaitForOther: time.Minute, MaxWait: maxWait, TestServer: test,
			CheckServer: check, NoticeShort: true}
		if maxWait == 0 {
			// 0 is one try, as its refusal of less than 0 says; taken
			// as push.Options' "no bound", it was five tries over 15
			// seconds.
			opts.Attempts = 1
		}
		errOut := cmd.ErrOrStderr()
		if dryRun && !test {
			// Refused at once, as the push is: it read the trust's
			// server of the synthetic records by their ids, which it
			// is never asked of, to print what it would not send.
			if syn, err := st.SyntheticData(); err != nil {
				return err
			} else if syn {
				// pushAgain carries --test-server, as for every
				// push command said of a synthetic store.
				fmt.Fprint(errOut, wrapText(withPushFlags(fmt.Sprintf("Dry run: 0 record versions would be sent to %s, as the push would be refused: this store holds synthetic test data, which is never sent to a trust's server, and nothing was asked of the server. If it is a test server, digicheck push --dry-run shows what it would be sent.", name), pushAgain, a.given), terminalWidth(errOut)))
				return fmt.Errorf("%w: this store holds synthetic test data (made by digicheck synthetic); if %s is a test server, push with --test-server", push.ErrSynthetic, name)
			}
		}
		var bar *progressBar
		var waitingSaid func(push.Retry)
		// The read of every record before the first try is said as
		// check says its own (at a terminal after a moment, piped now
		// and then), and cleared before anything else is: on a store of
		// 10,000 records a nurse saw nothing for seconds.
		reading := newProgressLine(errOut)
		ctx = store.WithCheckProgress(ctx, reading.show)
		// So is the asking of the server whether it holds each
		// assessment (--check-server, or a server found short): a
		// search of 50 a second or more on a slow server, and the
		// terminal stayed blank throughout.
		opts.Asking = func(done, total int) {
			waiting.locked(waiting.answeredLocked)
			reading.show(store.CheckProgress{Phase: phaseAskServer, Done: int64(done), Total: int64(total)})
		}
		waiting.drawnBeside(reading.showing, func() {
			if bar != nil {
				bar.interrupt()
			}
		})
		// Every wait is said: what failed, which try, when the next.
		opts.Waiting = func(r push.Retry) {
			waiting.locked(func() { waiting.retriedLocked(r.Attempt, r.Of); waitingSaid(r) })
		}
		waitingSaid = func(r push.Retry) {
			reading.clear()
			if bar != nil {
				bar.interrupt()
			}
			if errors.Is(r.Err, store.ErrPushing) {
				fmt.Fprintf(errOut, "push: %v; waiting up to %s for it to finish\n", r.Err, r.Wait)
				return
			}
			// The record once, and no brackets in brackets.
			why := r.Err.Error()
			if fe := (*fhirclient.Error)(nil); errors.As(r.Err, &fe) {
				why = fe.Msg
				if fe.Outcome != "" {
					why += ": " + fe.Outcome
				}
				if fe.Unknown {
					why += "; it may or may not have been applied"
				}
			}
			fmt.Fprint(errOut, wrapText(renamed(fmt.Sprintf("push: %s: try %d of %d failed: %s; trying again in %s", r.What, r.Attempt, r.Of, why, r.Wait.Round(100*time.Millisecond)), client.Base(), name), terminalWidth(errOut)))
		}
		if dryRun {
			// The Bundles go straight to standard output: a write
			// that fails stops the dry run, with its error.
			opts.DryRun = fileUnder(cmd.OutOrStdout()).(io.Writer)
		} else {
			waiting.locked(func() { bar = newProgressBar(errOut, isTerminal(errOut)) })
			opts.Progress = func(p push.Progress) {
				waiting.locked(func() {
					waiting.answeredLocked()
					reading.clear()
					bar.update(p)
				})
			}
		}
		rep, err := push.Run(ctx, st, client, opts)
		waiting.locked(waiting.clearLocked)
		reading.clear()
		if pe := (*fs.PathError)(nil); dryRun && errors.As(err, &pe) && pe.Op == "write" && dryRunOutput(pe, opts.DryRun) {
			// Its own output failed: the Bundles not written were
			// counted as would not be sent, and the summary said of
			// Bundles never printed. A reader that left (| head -3)
			// asked for no more: it ends quietly.
			if readerGone(pe) {
				return nil
			}
			return fmt.Errorf("the Bundles could not be written to standard output: %w; nothing was sent", pe.Err)
		}
		if bar != nil {
			bar.done()
		}
		if ctx.Err() == nil || len(rep.NotCheckedHeld) > 0 {
			// A plain push goes on past an assessment it could not
			// check, and says so: a few, and how many more (said once
			// each, a store of thousands printed a screen each). Not
			// when stopped in the check: it went on past nothing. Said
			// when stopped after it, as what it held back waits for
			// the check, not for the next push.
			for _, w := range notCheckedWords(rep, dryRun) {
				fmt.Fprint(errOut, wrapText(withPushFlags(renamed(w, client.Base(), name), pushAgain, a.given), terminalWidth(errOut)))
			}
		}
		if dryRun && err != nil && ctx.Err() != nil {
			// Ctrl+C, a closed window or a shutdown: "0 record versions
			// would be sent" was said of what was not yet known, read
			// after a restore as nothing to recover, then Go's
			// "context canceled".
			again := "digicheck push --dry-run"
			if check {
				again = "digicheck push --check-server --dry-run"
			}
			printed := ""
			if rep.Bundles > 0 {
				printed = fmt.Sprintf(" The %s printed %s not all it would send.", versions(rep.Bundles, "Bundle"), map[bool]string{true: "is", false: "are"}[rep.Bundles == 1])
			}
			return fmt.Errorf("dry run stopped before it knew what a push would send: nothing was sent.%s Run %s again", printed, again)
		}
		if dryRun && rep.Pending == 0 && errors.Is(err, push.ErrCouldNotAsk) {
			// Stopped before anything was counted: "0 record versions
			// would be sent" was said of a store with versions
			// waiting, then the server's answer alone.
			return notAnswered(err, client.Base(), "digicheck push --check-server --dry-run", "")
		}
		if dryRun {
			// The versions the server lost are among them, as the push
			// sends them again.
			said := fmt.Sprintf("Dry run: %s in %s would be sent to %s", versions(rep.Sent, "record version"), versions(rep.Bundles, "Bundle"), name)
			if rep.Found > 0 {
				// Asked of the server as the push asks it.
				said += fmt.Sprintf("; %d %s already there", rep.Found, wasWere(rep.Found))
			}
			if rep.Settled > 0 {
				said += fmt.Sprintf("; %d would be settled, as the server holds %s entered in error already", rep.Settled, map[bool]string{true: "its assessment", false: "their assessments"}[rep.Settled == 1])
			}
			if n := rep.Pending - rep.Sent - rep.Found - rep.Settled + rep.WaitOnOther; n > 0 && err != nil {
				// What the push would hold back (a version waiting on
				// another machine's that the server lacks, say) was
				// counted as would be sent, and the push then failed.
				said += fmt.Sprintf("; %d would not be sent, as said below", n)
			}
			said += "; nothing was sent."
			if rep.DryAfter > 0 {
				// A placeholder printed as if it were the request: a
				// dry run replayed to a test server met a 412.
				said += fmt.Sprintf(` %s printed with If-Match W/"after RECORD" %s on the version the server gives that record once the Bundle before is sent, which no server holds yet: a push sends that version there.`, versions(rep.DryAfter, "record version"), map[bool]string{true: "goes", false: "go"}[rep.DryAfter == 1])
			}
			if !rep.Checked && rep.Newest > 0 {
				// Said as the push says it: "0 would be sent" alone was
				// read, after a restore, as nothing to recover, while an
				// older version the server lost went unasked.
				said += fmt.Sprintf(" The server was asked of the %s with the newest versions it accepted from here alone, and holds them as sent: digicheck push --check-server --dry-run asks it of each.", versions(rep.Newest, "assessment"))
			}
			if n := lostWords(rep, name, true, check, false); n != "" {
				fmt.Fprint(errOut, wrapText(withPushFlags(n, pushAgain, a.given), terminalWidth(errOut)))
			}
			fmt.Fprint(errOut, wrapText(withPushFlags(said, pushAgain, a.given), terminalWidth(errOut)))
			return withNotAsked(err, rep, client.Base())
		}
		if n := lostWords(rep, name, false, false, err != nil); n != "" {
			fmt.Fprint(cmd.OutOrStdout(), wrapText(withPushFlags(n, pushAgain, a.given), terminalWidth(cmd.OutOrStdout())))
		}
		// A follow-up resting on a version the server will never hold
		// (looked for no longer once Ctrl+C or SIGTERM stopped the push).
		strandedNote(ctx, errOut, st, client.Base(), terminalWidth(errOut), pushAgain, a.given)
		// A version this server holds, that another refused over its
		// void: counted here, a void there.
		a.voidedElsewhereNote(errOut, st, client.Base())
		if ctx.Err() == nil {
			// This machine's corrections a settle on another machine
			// went over, not held by the current version.
			pushOverriddenNote(errOut, st, a.given)
		}
		if rep.Pending == 0 && err != nil && ctx.Err() != nil {
			// Ctrl+C while the server was asked what it holds, or the
			// store read: nothing was sent, nor counted.
			if check && !rep.Checked {
				// Said as Go's "context canceled", with no next step;
				// and a plain push run again checks each only when the
				// server is found short.
				return fmt.Errorf("push stopped while it asked %s which of the assessments it accepted from this store it holds: nothing was sent. Run digicheck push --check-server again to ask it, and send what it lacks and what is pending (none is sent twice)", client.Base())
			}
			return fmt.Errorf("push stopped before anything was sent: run digicheck push again to send what is pending (none is sent twice)")
		}
		if rep.Pending == 0 && errors.Is(err, push.ErrCouldNotAsk) {
			// The server's answer alone (a 429, a 503) was said, with
			// no word of what was sent or when to try again.
			return notAnswered(err, client.Base(), "digicheck push --check-server", " (none is sent twice)")
		}
		if rep.Pending == 0 && err != nil && rep.WaitOnOther == 0 {
			// Refused before anything was looked at (a store of
			// synthetic data, another push running): no count.
			return err
		}
		if rep.Pending == 0 && err == nil {
			// The server is not asked: found saying "has every
			// record version" with a wrong token, which it refused.
			aside, withheld, elsewhere, _ := st.NotToSend(client.Base())
			kept := aside
			for _, ch := range withheld {
				kept += len(ch.Pending)
			}
			if kept == 0 && elsewhere == 0 {
				// Filled at whole words: broken by hand, the URL had
				// a line of its own where it fitted beside the words.
				fmt.Fprint(cmd.OutOrStdout(), wrapText(fmt.Sprintf("Nothing to send: every record version in this store was accepted by %s in earlier pushes%s", name, withPushFlags(checkedWords(rep), pushAgain, a.given)), terminalWidth(cmd.OutOrStdout())))
				return notAsked(rep, client.Base())
			}
			// Every version held here and not there is said: "every
			// record version in this store was accepted" was said of a
			// store holding another server's versions this one lacked.
			said := fmt.Sprintf("Nothing to send to %s: every record version that goes there was accepted in earlier pushes%s", name, withPushFlags(checkedWords(rep), pushAgain, a.given))
			said += keptWords(kept)
			said += readElsewhereWords(elsewhere)
			fmt.Fprint(cmd.OutOrStdout(), wrapText(said, terminalWidth(cmd.OutOrStdout())))
			return notAsked(rep, client.Base())
		}
		var sent strings.Builder
		// The versions waiting on another machine's are counted: a
		// recovery that left them said "Sent 0 of 0" and ended 0.
		fmt.Fprintf(&sent, "Sent %s to %s", push.OfVersions(rep.Sent, rep.Pending+rep.WaitOnOther), name)
		if rep.Bundles > 0 {
			fmt.Fprintf(&sent, " in %s", versions(rep.Bundles, "Bundle"))
		}
		if rep.Found > 0 {
			// Found are the versions the server held already: sent by
			// an earlier push whose answer was lost, by this one's
			// lost answer, or by another machine; no more is known.
			fmt.Fprintf(&sent, "; %d %s already there", rep.Found, wasWere(rep.Found))
		}
		if rep.Settled > 0 {
			// A void over the server's void, settled by the push: not
			// "not sent" (found "2 not sent" beside "1 of 2 … not
			// sent"), and said below.
			fmt.Fprintf(&sent, "; %d settled, as the server holds %s entered in error already", rep.Settled, map[bool]string{true: "its assessment", false: "their assessments"}[rep.Settled == 1])
		}
		// Those met waiting on another machine's version as they were
		// sent are counted with the rest that wait, as the words below
		// count them, not among those not sent.
		waits := rep.Waits()
		if n := rep.Pending - rep.Sent - rep.Found - rep.Settled - (waits - rep.WaitOnOther); n > 0 && err != nil {
			// Every version on the line: "Sent 0 of 5 …; 4 were
			// already there" left one unaccounted for.
			fmt.Fprintf(&sent, "; %d not sent, as said below", n)
		}
		if n := waits; n == 1 {
			sent.WriteString("; 1 waits on the machine that made the version it rests on: it goes once that machine sends its version again (what to run, there and here, said below)")
		} else if n > 1 {
			// Not "the machines … : it goes once that machine sends":
			// which machine made a record, no record says.
			fmt.Fprintf(&sent, "; %d wait on versions made on another machine, as said below", n)
		}
		sent.WriteString(".")
		if ctx.Err() != nil {
			// Stopped by Ctrl+C or SIGTERM: said at once, below, not
			// after another read of every record for what is kept.
		} else if aside, withheld, elsewhere, kerr := st.NotToSend(client.Base()); kerr == nil {
			// Said whenever there are any, as with nothing to send:
			// the count alone left them unaccounted for. Those this
			// push set aside are said below, by what it did.
			kept := aside - rep.Settled
			for _, ch := range withheld {
				kept += len(ch.Pending)
			}
			sent.WriteString(keptWords(kept))
			sent.WriteString(readElsewhereWords(elsewhere))
		}
		fmt.Fprint(cmd.OutOrStdout(), wrapText(sent.String(), terminalWidth(cmd.OutOrStdout())))
		for _, k := range rep.Cleared {
			fmt.Fprint(cmd.OutOrStdout(), wrapText(fmt.Sprintf("The conflict of assessment %s is settled on the server: another machine kept this machine's %s %s there, so it is accepted as there.", shortOf(st, k.Assessment), k.What, shortOf(st, k.Record)), terminalWidth(cmd.OutOrStdout())))
		}
		for _, k := range rep.NoConflict {
			fmt.Fprint(cmd.OutOrStdout(), wrapText(fmt.Sprintf("Assessment %s is no longer held as a conflict: the server had gone back to an earlier version of the line this machine's %s %s rests on, and nothing was changed on another machine. It waits, as said below, and is sent with nothing to settle.", shortOf(st, k.Assessment), k.What, shortOf(st, k.Record)), terminalWidth(cmd.OutOrStdout())))
		}
		if n := rep.Agreed - rep.AgreedHeld; n > 0 {
			fmt.Fprintf(cmd.OutOrStdout(), "%s made here of assessments the server holds voided by another machine too:\n  the same outcome, no conflict; the server's void is kept here over this\n  machine's, which is set aside.\n", versions(n, "void"))
		}
		if rep.AgreedHeld > 0 {
			// Read from a server, made on another machine: never
			// "made here" (found said of a ward's void read from A).
			fmt.Fprint(cmd.OutOrStdout(), wrapText(fmt.Sprintf("%s made on another machine and held here, of assessments this server holds voided too: the same outcome, no conflict; this server's void is kept here over the one held here, which is set aside for this server and not sent to it.", versions(rep.AgreedHeld, "void")), terminalWidth(cmd.OutOrStdout())))
		}
		for _, h := range rep.HeldVoids {
			fmt.Fprint(cmd.OutOrStdout(), heldVoidWords(st, h, terminalWidth(cmd.OutOrStdout())))
		}
		var fe *fhirclient.Error
		if errors.Is(err, fhirclient.ErrUnauthorized) && errors.As(err, &fe) {
			// Not a failure that passes with time: said as void,
			// history and the saved screen say it.
			what := "nothing was sent"
			if rep.Sent > 0 {
				what = push.OfVersions(rep.Pending-rep.Sent-rep.Found, rep.Pending) + " " + map[bool]string{true: "was", false: "were"}[rep.Pending == 1] + " not sent"
			}
			// The server's own answer, for IT: push's words around it
			// ("1 of 1 record versions not sent to …") were said as the
			// server's.
			return &serverNamed{msg: fmt.Sprintf("%s to %s:\n%s\n%s", what, name, unauthorizedLines(fe), serverAnswer(fe)), err: err}
		}
		if err != nil && ctx.Err() == nil && errors.As(err, &fe) && errors.Is(err, fhirclient.ErrUnavailable) && fe.Status == 0 {
			return unreachedSaid(err, fe, rep.Pending-rep.Sent-rep.Found, rep.Pending, name)
		}
		if err != nil && ctx.Err() == nil && busyCount(rep.NotAsked) && errors.Is(err, rep.NotAsked) {
			return busyCountSaid(err, rep, name)
		}
		if err != nil && ctx.Err() != nil {
			// Ctrl+C, a closed window or a shutdown: nothing is lost.
			return pushStopped(rep)
		}
		return withNotAsked(err, rep, client.Base())
	}
	// A value of the wrong kind (--timeout -1, --batch x) is said as one
	// out of range is: what it must be, and that nothing was done.
	c.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		const nothing = "Nothing was changed, and nothing was sent"
		m := pushBadValue().FindStringSubmatch(err.Error())
		if m == nil {
			return err
		}
		var want string
		switch m[2] {
		case "--timeout":
			want = "how long to wait for each answer from the server, a length of time more than 0 such as 30s or 5m (30s if not given)"
		case "--max-wait":
			want = "how long to keep trying one Bundle the server fails, a length of time of 0 or more such as 30s or 5m (one try is always made)"
		case "--batch":
			want = "how many resources go in one Bundle, a whole number, 1 or more"
		default:
			return err
		}
		return usageError{fmt.Errorf("%s %q: give %s. %s (see digicheck push --help)", m[2], m[1], want, nothing)}
	})
	f := c.Flags()
	f.StringVar(&server, "server", "", "the FHIR server's base URL (default: fhir_server in the site config)")
	f.IntVar(&batch, "batch", push.DefaultBatch, "resources per transaction Bundle at most (a version's resources always go together)")
	f.BoolVar(&dryRun, "dry-run", false, "print the Bundles, one a line, and send nothing")
	f.BoolVar(&check, "check-server", false, "ask the server of each assessment it accepted from this store whether it still holds it, at the latest version accepted, and send again what it lost (restored from an older backup); each push asks this when the server holds fewer assessments than it accepted from here")
	f.BoolVar(&test, "test-server", false, "the server is a test server: synthetic test records (digicheck synthetic) may be sent to it, as they are never to a trust's")
	f.StringVar(&resolve, "resolve", "", "settle the conflict of this record (with --keep-mine or --keep-server): see digicheck push --conflicts")
	f.BoolVar(&keepMine, "keep-mine", false, "with --resolve: send this machine's version over the server's version last seen")
	f.BoolVar(&undoVoid, "undo-void", false, "with --resolve --keep-mine, when the server's version is a void made on another machine: undo it, so the assessment counts again everywhere")
	f.BoolVar(&voidOver, "void-server-version", false, "with --resolve --keep-mine, when this machine's version is a void and the server's an amendment made on another machine: send the void over it, so the assessment is entered in error for everyone")
	f.BoolVar(&otherLost, "other-version-lost", false, "with --resolve and --keep-mine or --keep-server, when the server no longer holds the other machine's version in conflict and that machine will never send it again (lost, stolen or wiped): settle without it, saying what is not kept")
	f.BoolVar(&keepSrv, "keep-server", false, "with --resolve: take the server's version as current here, setting this machine's aside: kept here, never sent")
	f.BoolVar(&conflicts, "conflicts", false, "list the versions the server refused as conflicts, with the server's version of each, and send nothing")
	f.DurationVar(&timeout, "timeout", 30*time.Second, "how long to wait for each answer from the server, more than 0")
	f.DurationVar(&maxWait, "max-wait", 2*time.Minute, "how long to keep trying one Bundle the server fails before stopping, counted from its first try (the read of the store before it does not count, and one try is always made: 0 is that one try only); nothing is lost: the next push sends it")
	return c
}

// showConflicts lists the versions the server refused as conflicts: for
// each, what the server holds (read now, when it can be) and this
// machine's version, so the clinician can see both before amending again.
func showConflicts(ctx context.Context, w io.Writer, st *store.Store, c *fhirclient.Client, name, again, given string) error {
	known, err := st.Conflicts(c.Base())
	if err != nil {
		return err
	}
	if len(known) == 0 {
		_, err := fmt.Fprintf(w, "No conflicts: %s has refused no version of this store as changed on another machine.\n", name)
		return err
	}
	ids := make([]record.ID, 0, len(known))
	for id := range known {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b record.ID) int { return strings.Compare(a.String(), b.String()) })
	width := terminalWidth(w)
	copies := 0
	for _, k := range known {
		if _, copied := conflictOfCopy(st, k); copied {
			copies++
		}
	}
	if copies == len(ids) {
		// Copies read from a server are no versions of this store's
		// kept back from it.
		held := "a copy read from a FHIR server, whose newer state could not be taken in over it"
		if copies > 1 {
			held = "copies read from a FHIR server, whose newer state could not be taken in over them"
		}
		fmt.Fprint(w, wrapText(fmt.Sprintf("%s held here in conflict with %s: %s.", versions(len(ids), "version"), name, held), width))
	} else {
		fmt.Fprint(w, wrapText(fmt.Sprintf("%s of this store refused by %s as changed on another machine, kept here and not sent.", versions(len(ids), "version"), name), width))
	}
	for _, id := range ids {
		k := known[id]
		// Each request waits as long as --timeout says, as the push's
		// do: bounded here by 8 s as well, a slow server was given up
		// on whatever --timeout said.
		res, err := c.Read(ctx, "QuestionnaireResponse", k.Assessment.String())
		// Gone from the server (emptied, or restored from an older
		// backup): said so, with what to run where, not as a conflict
		// with a version it no longer holds and a 404.
		k.ServerLacks = err != nil && fhirclient.NotFound(err)
		if err == nil {
			// Held, but perhaps no longer at the version in conflict
			// (restored from a backup older than it): noted as a
			// conflict with the version held now, an earlier one,
			// the conflict was with this machine's own first version.
			k.ServerLacks = serverSideLost(ctx, c, k, res)
			if mine, verr := st.Versions(k.Record); verr == nil && k.ServerLacks {
				if theirs, ok := push.MadeSinceLoss(k, res, mine); ok {
					// Made since the loss on another machine: the
					// conflict is with that version now, shown and
					// settled as any (push notes it so too).
					k = push.NotedWith(k, res.VersionID, theirs)
					if err := st.MarkConflict(c.Base(), k); err != nil {
						return err
					}
				}
			}
			if theirs, carried, err := fhir.RecordIn(res.JSON); err == nil && carried && !k.ServerRecord.IsZero() && theirs.ID == k.ServerRecord && res.VersionID != k.ServerVersion {
				// Sent again by the other machine after the server lost
				// it, under a new version id: named by the one it had,
				// the conflict named a version the server no longer has.
				old := k.ServerVersion
				k.ServerVersion = res.VersionID
				if k.Shown == old {
					k.Shown = res.VersionID
				}
				if k.SendOn == old {
					k.SendOn = res.VersionID
				}
				if err := st.MarkConflict(c.Base(), k); err != nil {
					return err
				}
			}
		}
		fmt.Fprint(w, "\n"+wrapText(withPushFlags(push.ConflictMessageShort(k, shortOf(st, k.Record))+".", again, given), width))
		followUpsOnWords(w, st, followUpsOn(st, c.Base(), k.Record), false, again, given)
		if mine, err := st.Get(k.Record); err == nil {
			if k.MadeBy != "" {
				fmt.Fprint(w, wrapText(fmt.Sprintf("The version held here, made by %s on another machine:", questionnaire.PrintableTyped(k.MadeBy)), width))
			} else {
				fmt.Fprintln(w, "This machine's version:")
			}
			record.WriteHistory(w, []record.Record{mine}, nil) // headed "Oldest first …", once
		}
		if k.ServerLacks {
			continue
		}
		if err != nil {
			fmt.Fprint(w, wrapText(fmt.Sprintf("The server's version could not be read now: %v", err), width))
			continue
		}
		theirs, ok, err := fhir.RecordIn(res.JSON)
		if err != nil || !ok {
			fmt.Fprintf(w, "The server's version %s carries no digicheck record to show.\n", res.VersionID)
			continue
		}
		if theirs.ID == k.Record {
			// Kept there since by another machine: nothing is left
			// to settle, and no choice is offered.
			if r, err := st.KeepServer(c.Base(), k.Record, theirs, res.VersionID); err == nil {
				acceptedThere(w, res.VersionID, r)
				continue
			}
		}
		fmt.Fprintf(w, "The server's version now (%s):\n", res.VersionID)
		var theirsText strings.Builder
		record.WriteHistory(&theirsText, []record.Record{theirs}, nil)
		// Its heading was said under this machine's version.
		fmt.Fprint(w, strings.TrimPrefix(theirsText.String(), "Oldest first. Give an id as shown to digicheck show, amend or void.\n"))
		writeDiffs(w, mineOf(st, k.Record), theirs)
		if moved := res.VersionID != k.ServerVersion; moved || res.VersionID != k.Shown {
			// The version shown is the one a settlement goes on, and
			// on no later one (settleOnShown). A settle already made
			// (SendOn) is dropped only when the server has moved on
			// from the version it was made on: one made on the
			// version the push named, --conflicts never run, stands.
			if moved {
				k.ServerVersion, k.ServerRecord, k.ServerClinician, k.ServerTime, k.SendOn = res.VersionID, theirs.ID, theirs.Clinician, theirs.Time, ""
				k.ServerVoided, k.ServerVoidReason = theirs.Status == record.EnteredInError, theirs.VoidReason
			}
			k.Shown = res.VersionID
			if err := st.MarkConflict(c.Base(), k); err != nil {
				return err
			}
		}
		if _, copied := conflictOfCopy(st, k); copied {
			// Nothing of this machine's is in it (keep-mine refuses a
			// copy): one command settles it.
			fmt.Fprint(w, wrapText("The version held here is a copy read from a FHIR server, with nothing of this machine's in it, so there is nothing here to keep over the server's version or to send.", width))
			fmt.Fprint(w, "To take the server's version in:\n", commandText(width, "  digicheck push"+again+" --resolve "+shortOf(st, k.Record)+" --keep-server"))
			continue
		}
		if why := keepMineBarred(st, k.Record, theirs.Status == record.EnteredInError); why != "" {
			if _, _, ok := undoneOnTheWay(st, c.Base(), k.Assessment); !ok || mineOf(st, k.Record).Status != record.EnteredInError {
				// Nothing of this machine's is to go over the server's
				// void: only keeping the server's is offered.
				fmt.Fprint(w, wrapText(strings.ToUpper(why[:1])+why[1:]+", so it is not offered.", width))
				fmt.Fprint(w, wrapText("To settle it by keeping the server's version, sending nothing:", width), commandText(width, "  digicheck push"+again+" --resolve "+shortOf(st, k.Record)+" --keep-server"))
				continue
			}
		}
		if m := mineOf(st, k.Record); theirs.Status == record.EnteredInError && m.Status == record.EnteredInError {
			if first, last, ok := undoneOnTheWay(st, c.Base(), k.Assessment); ok {
				// Both are voids, but this machine's rests on a
				// version that is no void, which keep-mine would
				// send first: the server's void undone for a while.
				fmt.Fprint(w, wrapText(fmt.Sprintf("Both are voids: the server's version is %s, so the server holds this assessment entered in error, as this machine does, and needs nothing more. This machine's void %s rests on %s, which the server never took: kept over the server's void, that would be current there, the void undone, until this machine's void followed it, so it is not offered.", whoseVersion(st, theirs), shortOf(st, last.ID), whoseVersion(st, first)), width))
				fmt.Fprint(w, wrapText("To settle it by keeping the server's void, sending nothing (this machine's versions set aside for that server, never sent to it):", width), commandText(width, "  digicheck push"+again+" --resolve "+shortOf(st, k.Record)+" --keep-server"))
				continue
			}
		}
		if aside, err := st.SetAsideLines(); err == nil && aside[uuid.UUID(theirs.ID)] {
			// The server's version is this machine's, set aside when a
			// conflict with another server was settled: only this
			// machine's current version can be kept (offered both,
			// keep-server said "Settled" and the conflict came back).
			also, undoes := "", ""
			switch m := mineOf(st, k.Record); {
			case m.Status == record.EnteredInError && theirs.Status != record.EnteredInError:
				also = " --void-server-version"
			case m.Status != record.EnteredInError && theirs.Status == record.EnteredInError:
				// Asked for in so many words, and offered so: the
				// command offered is the one that settles it.
				also, undoes = " --undo-void", " Here that undoes the void on this server: the assessment counts again for every machine reading it."
			}
			fmt.Fprint(w, wrapText(fmt.Sprintf("The server's version is %s, set aside here when a conflict with another FHIR server was settled. This machine keeps one current version of each assessment, the one kept then, so only this machine's version can be kept on this server: it goes on the server's version, which stays in its history.%s", whoseVersion(st, theirs), undoes), width))
			fmt.Fprint(w, "To give this server the same current version as the other:\n", commandText(width, "  digicheck push"+again+" --resolve "+shortOf(st, k.Record)+" --keep-mine"+also))
			continue
		}
		if m := mineOf(st, k.Record); m.Status == record.EnteredInError && theirs.Status != record.EnteredInError {
			// Sent, the void marks the assessment entered in error
			// over the other machine's newer version: said, and asked
			// for in so many words.
			fmt.Fprint(w, wrapText(fmt.Sprintf("This machine's version is a void: kept over the server's, it marks the assessment entered in error for everyone, over %s's version, which stays in the server's history only.", questionnaire.PrintableTyped(orNone(theirs.Clinician))), width))
			fmt.Fprint(w, "To keep this machine's void over the server's version:\n", commandText(width, "  digicheck push"+again+" --resolve "+shortOf(st, k.Record)+" --keep-mine --void-server-version"),
				"To keep the server's version (this machine's void set aside):\n", commandText(width, "  digicheck push"+again+" --resolve "+shortOf(st, k.Record)+" --keep-server"))
			continue
		}
		if m := mineOf(st, k.Record); theirs.Status == record.EnteredInError && m.Status != record.EnteredInError {
			// Over a void, bare --keep-mine is refused: the command
			// offered undoes the void in so many words, as the refusal
			// asks, and keeping the void comes first.
			fmt.Fprint(w, wrapText(fmt.Sprintf("The server's version is a void: the FHIR server holds this assessment entered in error, %s. Keeping this machine's version undoes that void: the assessment counts again, on every machine.", voidWords(st, theirs)), width))
			fmt.Fprint(w, "To keep the void (this machine's version set aside):\n", commandText(width, "  digicheck push"+again+" --resolve "+shortOf(st, k.Record)+" --keep-server"),
				"To undo the void and keep this machine's version:\n", commandText(width, "  digicheck push"+again+" --resolve "+shortOf(st, k.Record)+" --keep-mine --undo-void"))
			continue
		}
		// Each command whole on its line, the record by its short id:
		// the whole id and --server URL ran to 110 columns, and a
		// terminal of 80 broke the id.
		fmt.Fprint(w, "To keep this machine's version over the server's:\n", commandText(width, "  digicheck push"+again+" --resolve "+shortOf(st, k.Record)+" --keep-mine"),
			"To keep the server's version (this machine's set aside):\n", commandText(width, "  digicheck push"+again+" --resolve "+shortOf(st, k.Record)+" --keep-server"))
	}
	return nil
}

// fhirClient is a client of the FHIR server given (--server), else the site
// config's fhir_server, authenticated as the site config says
// (serverClientWith). No secret is ever taken from the command line.
func (a *app) fhirClient(server string, timeout time.Duration) (*fhirclient.Client, error) {
	if server == "" {
		server = a.siteServer()
	}
	if strings.TrimSpace(server) == "" {
		return nil, errors.New("no FHIR server: give --server URL, or set fhir_server in the site config")
	}
	// One try a request: push tries each Bundle again itself, says each
	// wait, and counts the tries it made, which are the requests sent.
	return a.serverClientWith(server, fhirclient.Config{Timeout: timeout, Attempts: 1})
}

// progressBar shows a push's progress on stderr: a bar redrawn in place on
// a terminal, a line every so often when stderr is a file or a pipe.
type progressBar struct {
	w     io.Writer
	term  bool
	last  time.Time
	shown bool
	at    push.Progress // the last progress said
	// latest is the last progress given, said or not.
	latest push.Progress
	// cols is the terminal's width now, read at each redraw.
	cols func() int
}

// say writes progress p as a line (stderr piped), and notes it said. A
// line said while the push goes on (soFar) says so: "4 of 5", then "5 of
// 5", each read as the push's last tally.
func (b *progressBar) say(p push.Progress, soFar bool) {
	b.at = p
	count := ""
	if soFar {
		count = "so far "
	}
	// One form whatever the count, for logs and scripts that read it.
	settled := ""
	if p.Settled > 0 {
		// Not "not sent" as a failure: the server holds them voided.
		settled = fmt.Sprintf("%d set aside as the server holds their assessment voided already, ", p.Settled)
	}
	waits := ""
	if p.Waits > 0 {
		// Counted in the total, as "Sent N of M" counts them.
		waits = fmt.Sprintf(" (%d of them %s on another machine's version)", p.Waits, map[bool]string{true: "waits", false: "wait"}[p.Waits == 1])
	}
	fmt.Fprintf(b.w, "push: %s%d of %d record versions accounted for: %d sent, %d already on the server, %s%d not sent%s; %s\n", count, p.Done, p.Total, p.Sent, p.Found, settled, p.Done-p.Sent-p.Found-p.Settled, waits, versions(p.Bundles, "Bundle"))
}

func newProgressBar(w io.Writer, term bool) *progressBar {
	return &progressBar{w: w, term: term, cols: func() int { return terminalWidth(w) }}
}

func (b *progressBar) update(p push.Progress) {
	b.latest = p
	now := time.Now()
	if p.Done < p.Total && now.Sub(b.last) < b.every() {
		return
	}
	b.last = now
	b.shown = true
	b.at = p
	if !b.term {
		// Found saying "1 of 1 settled" when nothing was sent.
		b.say(p, p.Done < p.Total)
		return
	}
	fmt.Fprint(b.w, "\r\x1b[K"+barLine(p, b.cols()))
}

// barLine is the progress bar drawn in place, fitted to cols columns with
// one to spare, so that it never wraps: at 40 columns a bar of 30 wrapped
// at every redraw, each leaving a line. The bar narrows first, then goes,
// then the words; the count stays as long as it fits.
func barLine(p push.Progress, cols int) string {
	text := fmt.Sprintf(" %d/%d, %d sent", p.Done, p.Total, p.Sent)
	room := cols - 1
	width := min(30, room-len(text)-2)
	if width < 5 {
		// No room for a bar worth the name: the count alone.
		text = strings.TrimPrefix(text, " ")
		if len(text) > room {
			text = fmt.Sprintf("%d/%d", p.Done, p.Total)
		}
		if len(text) > room {
			return ""
		}
		return text
	}
	filled := 0
	if p.Total > 0 {
		filled = width * p.Done / p.Total
	}
	return fmt.Sprintf("[%s%s]%s", strings.Repeat("#", filled), strings.Repeat("-", width-filled), text)
}

func (b *progressBar) every() time.Duration {
	if b.term {
		return 100 * time.Millisecond
	}
	return 5 * time.Second
}

// interrupt ends a bar drawn in place, so a line said meanwhile starts on
// its own line.
func (b *progressBar) interrupt() {
	if b.term && b.shown {
		fmt.Fprintln(b.w)
		b.shown = false
	}
}

func (b *progressBar) done() {
	if b.term && b.shown {
		fmt.Fprintln(b.w)
	}
	if !b.term && b.shown && (b.latest != b.at || b.at.Done < b.at.Total) {
		// Where the push stopped: the lines are said every few
		// seconds, and the one below counted from the last said
		// ("the other 9 of 10" beside "Sent 2 of 10"); the last
		// said was "so far".
		b.say(b.latest, false)
	}
	if !b.term && b.shown && b.at.Done < b.at.Total {
		// Versions the push never came to (each waiting behind one
		// not sent, or the push stopped) are not sent either: said,
		// so these lines count what the summary counts.
		n := b.at.Total - b.at.Done
		fmt.Fprintf(b.w, "push: the other %d of %d record versions not sent either: each waits behind an earlier version not sent, or the push stopped first\n", n, b.at.Total)
	}
}

// voidedElsewhereNote warns, on w, of each version of this store that the
// FHIR server base holds, sent there, while another server refused it as
// in conflict with its void of the assessment (wrong patient, say), not
// settled: this server counts the assessment, the other holds it entered in
// error, and nothing else said so (a push here sent the amendment without a
// word). It names the other server and the command that settles it there.
func (a *app) voidedElsewhereNote(w io.Writer, st *store.Store, base string) {
	others := a.elsewhereConflicts(st)
	ids := make([]record.ID, 0, len(others))
	for id := range others {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(x, y record.ID) int { return strings.Compare(x.String(), y.String()) })
	width := terminalWidth(w)
	for _, id := range ids {
		k := others[id]
		if !k.ServerVoided || strings.TrimRight(k.Server, "/") == strings.TrimRight(base, "/") {
			continue
		}
		if _, held, err := st.PushedVersion(base, k.Record); err != nil || !held {
			continue
		}
		name := sourceName(a.siteServer(), k.Server)
		fmt.Fprint(w, wrapText(fmt.Sprintf("warning: the FHIR server %s holds assessment %s ENTERED IN ERROR, %s, and refused this machine's %s %s as in conflict with that void. This server holds that %s as current and counts the assessment, until the conflict is settled there. See both, and settle it:",
			name, shortOf(st, k.Assessment), push.VoidedWords(k.Conflict), k.What, shortOf(st, k.Record), k.What), width))
		// This run's --db and --config too: without, it listed the
		// default store's conflicts.
		fmt.Fprint(w, commandText(width, "    digicheck push"+a.given+" --server "+name+" --conflicts"))
	}
}

// conflictOf is the conflict of record id with the server, if it stands.
func conflictOf(st *store.Store, server string, id record.ID) (store.Conflict, bool) {
	known, err := st.Conflicts(server)
	if err != nil {
		return store.Conflict{}, false
	}
	return store.ConflictOf(known, id)
}

// keepServer settles the conflict of record id by keeping the server's
// version: read now, saved here as the current version over this
// machine's, which are kept, superseded, and never sent (store.KeepServer).
// again is the --db, --config and --server the push was run with, for the
// history command it suggests; given is the --db and --config, for amend.
func keepServer(ctx context.Context, w io.Writer, st *store.Store, c *fhirclient.Client, id record.ID, again, given string) error {
	k, ok := conflictOf(st, c.Base(), id)
	if !ok {
		return fmt.Errorf("record %s: %w with %s: nothing to settle (digicheck push --conflicts lists them)", id, store.ErrNoConflict, c.Base())
	}
	// Waited for as long as --timeout says (the client's bound on each
	// request), as the push is.
	res, err := c.Read(ctx, "QuestionnaireResponse", k.Assessment.String())
	if err != nil && fhirclient.NotFound(err) {
		return lacksRefusal(st, k, id)
	}
	if err != nil {
		return settleNotRead(st, err, id, k.Assessment, "--keep-server")
	}
	theirs, carried, err := fhir.RecordIn(res.JSON)
	if err != nil || !carried {
		return fmt.Errorf("the server's version %s of assessment %s carries no digicheck record to keep here (nothing was changed)", res.VersionID, k.Assessment)
	}
	if serverSideLost(ctx, c, k, res) {
		return lacksRefusal(st, k, id)
	}
	if err := settleOnShown(st, k, res.VersionID, theirs, id); err != nil {
		return err
	}
	if cur, err := st.Current(k.Record); err == nil && theirs.Status == record.EnteredInError && cur.Status == record.EnteredInError {
		if _, _, ok := undoneOnTheWay(st, c.Base(), k.Assessment); ok {
			// Both hold the assessment entered in error, and this
			// machine's line to the server rests on a version that is
			// no void: the server's void is kept as the settled state
			// there, and nothing is sent over it.
			return keepServerVoid(w, st, c, k, theirs, cur, res.VersionID)
		}
	}
	_, heldErr := st.Get(theirs.ID)
	r, err := st.KeepServerLine(c.Base(), id, serverBetween(ctx, st, c, k.Assessment, theirs), theirs, res.VersionID)
	if errors.Is(err, store.ErrSetAsideHere) {
		if cur, err := st.Current(k.Record); err == nil && theirs.Status == record.EnteredInError && cur.Status == record.EnteredInError {
			// The server's void is this machine's, set aside when
			// another server's void was kept over it: both hold the
			// assessment entered in error, so the server's void
			// stands, and nothing is sent over it. Refused, this
			// pointed to --keep-mine, which pointed back here.
			return keepServerVoid(w, st, c, k, theirs, cur, res.VersionID)
		}
		return setAsideOnServer(st, k, theirs, res.VersionID)
	}
	if err != nil {
		return err
	}
	if theirs.ID == id || theirs.ID == k.Refused {
		return acceptedThere(w, res.VersionID, r)
	}
	if heldErr == nil && r.ID == theirs.ID {
		// Held here already (taken in from another server): kept as
		// it is, nothing saved anew.
		later := ""
		if cur, err := st.Current(r.ID); err == nil && cur.ID != r.ID {
			later = " This machine's versions made on it go to the server with the next push."
		}
		_, err = fmt.Fprint(w, wrapText(fmt.Sprintf("Settled: the server's version %s (record %s by %s) is record %s, which this store holds already: it is kept as it is, and nothing was saved anew. This machine's versions the server never accepted are set aside: kept here, not sent to this server, and no longer counted by this machine.%s",
			res.VersionID, shortOf(st, theirs.ID), questionnaire.PrintableTyped(theirs.Clinician), shortOf(st, r.ID), later), terminalWidth(w)))
		return err
	}
	what := "its answers"
	if r.Status == record.EnteredInError {
		what = "its void (entered in error: " + questionnaire.PrintableTyped(theirs.VoidReason) + ")"
	}
	_, err = fmt.Fprint(w, wrapText(fmt.Sprintf("Settled: the server's version %s (record %s by %s) is current here now, saved as record %s with %s. This machine's versions are set aside: kept here, not sent to this server, and no longer counted by this machine; see both with:\n    digicheck history%s %s",
		res.VersionID, theirs.ID, questionnaire.PrintableTyped(theirs.Clinician), r.ID, what, again, r.Patient.Value), terminalWidth(w)))
	if mine, gerr := st.Get(k.Record); gerr == nil && err == nil {
		base, line := lineSince(st, mine, r)
		notKeptLines(w, st, r, mine, base, line, "this machine's", given)
		if mine.Status == record.EnteredInError && r.Status != record.EnteredInError && !slices.ContainsFunc(line, func(v record.Record) bool { return v.Status != record.EnteredInError }) {
			voidNotKept(w, st, r, mine)
		}
		// The server's version may be one a settle on another machine
		// kept over versions this machine sent before (its line to the
		// server): taken in here by this settle, not by a read, it was
		// never said that the current version does not hold them.
		overriddenOn(w, st, []remote.Copy{{Record: theirs, Assessment: k.Assessment}}, given)
	}
	return err
}

// voidNotKept says, after a --keep-server settle, that this machine's
// void, a line alone with no version before it that changed an answer, is
// not kept: undone by the settle, the assessment counting again, with who
// voided it and why, as notKeptLineWords lists a void after a correction.
// Said of nothing, a nurse's "wrong patient" was undone without a word,
// though the docs said it was listed.
func voidNotKept(w io.Writer, st *store.Store, cur, void record.Record) {
	width := terminalWidth(w)
	who := questionnaire.PrintableTyped(orNone(void.Clinician))
	fmt.Fprint(w, wrapText(fmt.Sprintf("Not kept: this machine's void, record %s by %s. It is undone by this settle: the assessment counts again here, its current version record %s, as it does on the server. If it was entered in error after all, void the current version again (tell %s):", shortOf(st, void.ID), who, shortOf(st, cur.ID), who), width))
	undone := "entered in error, record " + shortOf(st, void.ID) + ", by " + who
	if why := strings.TrimSpace(void.VoidReason); why != "" {
		undone += ", because: " + questionnaire.PrintableTyped(why)
	}
	fmt.Fprint(w, diffLines(width, "Void (undone by this settle)", [][2]string{{"    current:     ", "none: the assessment counts"}, {"    not current: ", undone}}))
}

// serverSideLost reports whether the server, whose current version of
// conflict k's assessment is res, no longer holds the version k is in
// conflict with: res carries another record (neither that version's nor
// this machine's in conflict), and the server's history holds none
// carrying k's (push.LacksServerSide). A history that cannot
// be read now is taken for one that holds it: the conflict is said as it
// was noted.
func serverSideLost(ctx context.Context, c *fhirclient.Client, k store.Conflict, res fhirclient.Resource) bool {
	if k.ServerRecord.IsZero() {
		return false
	}
	if theirs, carried, err := fhir.RecordIn(res.JSON); err == nil && carried && (theirs.ID == k.ServerRecord || theirs.ID == k.Record || theirs.ID == k.Refused) {
		// The version in conflict, or this machine's own, kept there
		// since by another machine that settled it: no loss.
		return false
	}
	lost, err := push.ServerSideLost(ctx, c, k)
	return err == nil && lost
}

// lacksRefusal refuses a settle of conflict k (of record id) when the
// server no longer holds the assessment: neither version can be kept
// over the other until the machine that made the server's sends it
// again (push.LacksWords). Said as "could not be read ... 404", the way
// out was not said.
func lacksRefusal(st *store.Store, k store.Conflict, id record.ID) error {
	k.ServerLacks = true
	what := k.What
	if what == "" {
		what = "version"
	}
	mine := fmt.Sprintf("this machine's %s %s", what, k.Record)
	if k.MadeBy != "" {
		mine = fmt.Sprintf("the %s %s, made by %s on another machine and held here,", what, k.Record, questionnaire.PrintableTyped(k.MadeBy))
	}
	words := push.LacksWordsShort(k, mine, "is kept here as it is", shortOf(st, id))
	return fmt.Errorf("record %s: not settled: %s. Nothing was changed, and nothing was sent.", shortOf(st, id), words)
}

// settledNotSent is err, the failure of the push that follows a settle
// kept this machine's version, with what the settle left: saved here, its
// current version cur not yet taken by the server at base, nothing more
// to settle, and the push that sends it. The failure alone ("1 of 1 not
// sent ...") left the nurse to guess whether the settle was made, and to
// run it again. err as it is when cur was sent, or when nothing failed.
func settledNotSent(err error, st *store.Store, base string, cur record.Record) error {
	if err == nil {
		return nil
	}
	if _, sent, perr := st.PushedVersion(base, cur.ID); perr != nil || sent {
		return err
	}
	said := fmt.Sprintf("The settle is saved here, but not yet sent: this machine's version, record %s, is current here and goes to the server with the next push; there is nothing more to settle. To send it:\n    digicheck push", shortOf(st, cur.ID))
	msg := err.Error()
	if i := strings.Index(msg, "\n  (Detail for IT:"); i >= 0 {
		// The detail for IT stays last.
		return &serverNamed{msg: msg[:i] + "\n" + said + msg[i:], err: err}
	}
	return &serverNamed{msg: msg + "\n" + said, err: err}
}

// settleNotRead is the refusal of a settle of record id whose server's
// version of assessment could not be read (err): what became of the
// request in plain words (no answer within --timeout, the server not
// reached), that nothing was changed or sent, and the same settle to run
// again (keep, its --keep-mine or --keep-server and their flags). Said as
// "could not be read ...: stopped waiting for the FHIR server ...: context
// deadline exceeded", a nurse could not tell whether the settle was made.
func settleNotRead(st *store.Store, err error, id, assessment record.ID, keep string) error {
	short := shortOf(st, id)
	keep = " " + strings.TrimSpace(keep) // "--resolve ID--keep-server" pasted as one word

	var fe *fhirclient.Error
	unreached := errors.As(err, &fe) && errors.Is(err, fhirclient.ErrUnavailable) && fe.Status == 0
	what, later, detail := "the FHIR server's answer was not one to go on", "once the server answers", err.Error()
	switch why := timedOut(err); {
	case why != "":
		what = why
		later = "once the server answers (a server this slow may need a longer wait, such as --timeout 2m)"
		detail = unreachedDetail(err)
	case unreached:
		what = "could not reach the FHIR server"
		detail = unreachedDetail(err)
	}
	return &serverNamed{msg: fmt.Sprintf("record %s: not settled: %s, so its version of assessment %s could not be read. Nothing was changed, and nothing was sent. Run the same settle again %s:\n    digicheck push --resolve %s%s\n  (Detail for IT: %s.)",
		short, what, assessment.String()[:13], later, short, keep, detail), err: err}
}

// settleOnShown refuses a settle of conflict k (of record id) when the
// server's version now (version, carrying theirs) is not the one looked
// at: the one push --conflicts last showed (Conflict.Shown), else, when
// it showed none, the one the push named when it met the conflict, by
// whom and when. Either settle goes on what the clinician saw, never on
// a version made since: --keep-mine went over another machine's newer
// amendment no one had looked at. Nothing is changed; the clinician
// looks again with push --conflicts, which notes the version it shows.
// The server holding this machine's own version is no choice, and passes.
func settleOnShown(st *store.Store, k store.Conflict, version string, theirs record.Record, id record.ID) error {
	if theirs.ID == id || theirs.ID == k.Record || (!k.Refused.IsZero() && theirs.ID == k.Refused) {
		return nil
	}
	seen, how := k.Shown, "push --conflicts showed"
	if seen == "" {
		seen, how = k.ServerVersion, "the push named when it met the conflict"
	}
	if seen == version {
		return nil
	}
	short := shortOf(st, id)
	if seen == "" {
		return fmt.Errorf("record %s: the server's version of assessment %s has not been shown here, so it is not settled on it. Nothing was changed, and nothing was sent. Look at both versions first, then settle:\n    digicheck push --conflicts", short, k.Assessment.String()[:13])
	}
	return fmt.Errorf("record %s: the server has moved on since: its version of assessment %s now is %s (%s %s by %s at %s), not version %s, the one %s, so the conflict is not settled on it unseen. Nothing was changed, and nothing was sent. Look at both versions again, then settle:\n    digicheck push --conflicts",
		short, k.Assessment.String()[:13], questionnaire.Printable(version), statusWord(theirs), theirs.ID.String()[:13], questionnaire.PrintableTyped(orNone(theirs.Clinician)), whenText(theirs.Time), questionnaire.Printable(seen), how)
}

// keepServerVoid settles conflict k with the server when its current
// version theirs (its version v) is a void and so is this machine's
// current version cur: the server's void stands as the settled state, and
// this machine's versions it never took are set aside for it, never sent
// there (store.KeepServerVoid). Nothing is saved here, nothing sent.
func keepServerVoid(w io.Writer, st *store.Store, c *fhirclient.Client, k store.Conflict, theirs, cur record.Record, v string) error {
	aside, err := st.KeepServerVoid(c.Base(), k.Record, v)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(aside))
	for _, r := range aside {
		names = append(names, whoseVersion(st, r))
	}
	if len(names) == 0 {
		names = append(names, whoseVersion(st, cur))
	}
	_, err = fmt.Fprint(w, wrapText(fmt.Sprintf("Settled: the server's version %s is %s, so the server holds this assessment entered in error, as this machine does; its void is kept there as it is, and nothing was sent over it. Set aside for that server (kept here, never sent to it): %s. Current here still: %s; pushes to this server no longer list a conflict.",
		v, whoseVersion(st, theirs), strings.Join(names, "; "), whoseVersion(st, cur)), terminalWidth(w)))
	return err
}

// voidHeldBy reports whether record id is set aside for the server at
// base as holding the assessment entered in error already
// (store.KeepServerVoid).
func voidHeldBy(st *store.Store, base string, id record.ID) bool {
	servers, err := st.SetAsideForVoid(id)
	if err != nil {
		return false
	}
	return slices.ContainsFunc(servers, func(s string) bool { return strings.TrimRight(s, "/") == strings.TrimRight(base, "/") })
}

// heldVoidWords says a void over a void the push settled itself (the
// server's void kept where it stands: push.HeldVoid), at width: whose
// each void is, that nothing was sent, and what is set aside for that
// server, each with its own reason kept in the history.
func heldVoidWords(st *store.Store, h push.HeldVoid, width int) string {
	names := make([]string, 0, len(h.Aside))
	for _, r := range h.Aside {
		names = append(names, whoseVersion(st, r))
	}
	if len(names) == 0 {
		names = append(names, whoseVersion(st, h.Current))
	}
	return wrapText(fmt.Sprintf("Settled without a command: the server holds assessment %s entered in error, its version %s being %s, and this machine holds it entered in error too, its current version here being %s: the same outcome, no conflict. The server's void stands there as it is, and nothing was sent over it. Set aside for that server (kept here, each with its own reason, shown by digicheck history; never sent to it): %s. Pushes to this server no longer list it.",
		shortOf(st, h.Assessment), questionnaire.Printable(h.ServerVersion), voidWords(st, h.Server), whoseVersion(st, h.Current), strings.Join(names, "; ")), width)
}

// setAsideOnServer is why the server's version theirs, one of this
// machine's set aside when a conflict with another server was settled,
// is not kept: this store keeps the line settled first, and the command
// that gives this server that line too (keep-mine sends this machine's
// current version over the server's). The command on a line of its own.
func setAsideOnServer(st *store.Store, k store.Conflict, theirs record.Record, version string) error {
	short := shortOf(st, k.Record)
	cur := mineOf(st, k.Record)
	also := ""
	switch {
	case cur.Status == record.EnteredInError && theirs.Status != record.EnteredInError:
		also = " --void-server-version"
	case cur.Status != record.EnteredInError && theirs.Status == record.EnteredInError:
		also = " --undo-void"
	}
	// The version current here is named as what it is, not as "that
	// server's version" kept (found said of this machine's own void,
	// kept over another machine's amendment with --keep-mine).
	return fmt.Errorf("record %s: this FHIR server's current version of the assessment (version %s) is %s, made by %s at %s, which was set aside here when a conflict with another FHIR server was settled. The current version here is %s, by %s, and this machine keeps one current version of each assessment, so this server's cannot be kept here as well. Nothing was changed.\nTo give this server the same current version as the other one:\n    digicheck push --resolve %s --keep-mine%s",
		short, version, whoseVersion(st, theirs), questionnaire.PrintableTyped(orNone(theirs.Clinician)), whenText(theirs.Time),
		whoseVersion(st, cur), questionnaire.PrintableTyped(orNone(cur.Clinician)), short, also)
}

// serverBetween is push.Between, each request waited for as long as
// --timeout says (the client's bound): the settle then takes theirs in on
// this machine's current version, as before, when the server's line
// cannot be read now.
func serverBetween(ctx context.Context, st *store.Store, c *fhirclient.Client, assessment record.ID, theirs record.Record) []record.Record {
	return push.Between(ctx, st, c, assessment, theirs)
}

// acceptedThere says that a conflict is settled by the server holding
// this machine's version r as its version v already: nothing was saved
// here anew, nothing is sent over it.
func acceptedThere(w io.Writer, v string, r record.Record) error {
	_, err := fmt.Fprint(w, wrapText(fmt.Sprintf("No conflict any more: the server's current version %s is record %s (by %s), the very version of this machine's it refused, kept on the server since by another machine that settled the conflict there. It is accepted as there; nothing was saved anew here.",
		v, r.ID.String()[:13], questionnaire.PrintableTyped(r.Clinician)), terminalWidth(w)))
	return err
}

// keepMineOver settles the conflict of record id by keeping this machine's
// version: the server's current version is read and taken in here, and
// this machine's saved again on it, to be sent by the push that follows
// (store.KeepMineLine), so every machine reading the server can take it in.
// Over a void made on another machine it is refused, saying so, unless
// undoVoid. It reports false, having changed nothing, when the server's
// version is one this store holds already: then the conflict is settled
// by sending this machine's version on it as it is.
func keepMineOver(ctx context.Context, w io.Writer, st *store.Store, c *fhirclient.Client, id record.ID, undoVoid, voidOver bool, given string) (bool, error) {
	k, ok := conflictOf(st, c.Base(), id)
	if !ok {
		return false, fmt.Errorf("record %s: %w with %s: nothing to settle (digicheck push --conflicts lists them)", id, store.ErrNoConflict, c.Base())
	}
	// Waited for as long as --timeout says (the client's bound on each
	// request), as the push is.
	res, err := c.Read(ctx, "QuestionnaireResponse", k.Assessment.String())
	if err != nil && fhirclient.NotFound(err) {
		return false, lacksRefusal(st, k, id)
	}
	if err != nil {
		also := " --keep-mine"
		if undoVoid {
			also += " --undo-void"
		}
		if voidOver {
			also += " --void-server-version"
		}
		return false, settleNotRead(st, err, id, k.Assessment, also)
	}
	theirs, carried, err := fhir.RecordIn(res.JSON)
	if err != nil || !carried {
		return false, fmt.Errorf("the server's version %s of assessment %s carries no digicheck record (nothing was changed)", res.VersionID, k.Assessment)
	}
	if serverSideLost(ctx, c, k, res) {
		return false, lacksRefusal(st, k, id)
	}
	if err := settleOnShown(st, k, res.VersionID, theirs, id); err != nil {
		return false, err
	}
	mine, err := st.Get(k.Record)
	if err != nil {
		return false, err
	}
	if mine.Status == record.EnteredInError && theirs.Status != record.EnteredInError && (!voidOver || id != k.Record) {
		return false, voidOverRefusal(st, k, mine, theirs, res.VersionID)
	}
	// Both voids: nothing of this machine's goes over the server's
	// void, whatever the flags.
	barred := func() error {
		why := keepMineBarred(st, k.Record, theirs.Status == record.EnteredInError)
		if why == "" {
			return nil
		}
		if theirs.Status == record.EnteredInError && !undoVoid {
			if first, last, ok := undoneOnTheWay(st, c.Base(), k.Assessment); ok {
				return voidUndoneRefusal(st, id, theirs, first, last)
			}
		}
		short := shortOf(st, id)
		return fmt.Errorf("record %s: %s. Nothing was changed, and nothing was sent.\nTo settle the conflict by keeping the server's version (sending nothing):\n    digicheck push --resolve %s --keep-server", short, why, short)
	}
	if cur, err := st.Current(k.Record); err == nil && theirs.Status == record.EnteredInError && cur.Status == record.EnteredInError && theirs.ID != id {
		if err := barred(); err != nil {
			return false, err
		}
	}
	if theirs.Status == record.EnteredInError && mine.Status != record.EnteredInError && !undoVoid {
		// Over a void of the server's, this machine's void undoes
		// nothing, and is not asked about (found refused, as undoing
		// "that void", for a void of this machine's own on a second
		// server). The rest fills at the terminal's width; each
		// command whole on its line.
		short := shortOf(st, id)
		keep := fmt.Sprintf("\n  To keep the void (this machine's version set aside):\n    digicheck push --resolve %s --keep-server", short)
		if asideHere(st, theirs.ID) {
			// Kept here over it when a conflict with another server
			// was settled: the server's void cannot be kept as well.
			keep = ""
		}
		return false, fmt.Errorf("record %s: the FHIR server holds this assessment entered in error: %s. Keeping this machine's version undoes that void: the assessment counts again, on every machine. Nothing was changed.\n  To undo the void:\n    digicheck push --resolve %s --keep-mine --undo-void%s",
			short, voidWords(st, theirs), short, keep)
	}
	if theirs.ID == id {
		// The server holds this machine's version already: kept there
		// by another machine. Nothing is left to send over it.
		r, err := st.KeepServer(c.Base(), id, theirs, res.VersionID)
		if err != nil {
			return false, err
		}
		return true, acceptedThere(w, res.VersionID, r)
	}
	if err := barred(); err != nil {
		return false, err
	}
	r, err := st.KeepMineLine(c.Base(), id, serverBetween(ctx, st, c, k.Assessment, theirs), theirs, res.VersionID, undoVoid)
	if errors.Is(err, store.ErrExists) {
		// Settled by sending this machine's line as it stands, each
		// version on the one before: over the server's void, a version
		// of it that is no void would be current there, the void
		// undone, until the void at its end followed it.
		if theirs.Status == record.EnteredInError && !undoVoid {
			if first, last, ok := undoneOnTheWay(st, c.Base(), k.Assessment); ok {
				return false, voidUndoneRefusal(st, id, theirs, first, last)
			}
		}
		return false, nil
	}
	if err != nil {
		return false, err
	}
	undone := ""
	if theirs.Status == record.EnteredInError && mine.Status != record.EnteredInError {
		undone = " It undoes the void: " + voidWords(st, theirs) + "."
	}
	if mine.Status == record.EnteredInError && theirs.Status != record.EnteredInError {
		_, err = fmt.Fprint(w, wrapText(fmt.Sprintf("Settled: this machine's void (entered in error by %s: %s) is saved again as record %s, on the server's version %s (%s %s by %s at %s), to be sent now: the assessment is entered in error for everyone, and %s's version stays in the server's history only.",
			questionnaire.PrintableTyped(orNone(mine.Clinician)), questionnaire.PrintableTyped(mine.VoidReason), shortOf(st, r.ID), res.VersionID, statusWord(theirs), shortOf(st, theirs.ID), questionnaire.PrintableTyped(orNone(theirs.Clinician)), whenText(theirs.Time), questionnaire.PrintableTyped(orNone(theirs.Clinician))), terminalWidth(w)))
		return true, err
	}
	_, err = fmt.Fprint(w, wrapText(fmt.Sprintf("Settled: this machine's version is saved again as record %s, on the server's version %s (record %s by %s), to be sent now.%s",
		shortOf(st, r.ID), res.VersionID, shortOf(st, theirs.ID), questionnaire.PrintableTyped(theirs.Clinician), undone), terminalWidth(w)))
	whose := "the server's"
	if n := questionnaire.PrintableTyped(theirs.Clinician); strings.TrimSpace(n) != "" {
		whose = n + "'s"
	}
	base, line := lineSince(st, theirs, mine)
	notKeptLines(w, st, r, theirs, base, line, whose, given)
	return true, err
}

// lineSince is the version both other's line and mine's amend, the
// newest they share (base, nil when this store cannot tell), and other's
// line of versions made on it, oldest first, ending with other. What a
// settle does not keep is all the other line changed from base: compared
// with other's own parent, the other machine's first correction (a
// patient very worried) went unlisted when it had amended twice.
func lineSince(st *store.Store, other, mine record.Record) (*record.Record, []record.Record) {
	ours := map[record.ID]bool{}
	for r, n := mine, 0; n < 10000; n++ {
		ours[r.ID] = true
		if r.Amends.IsZero() {
			break
		}
		was, err := st.Get(r.Amends)
		if err != nil {
			break
		}
		r = was
	}
	line := []record.Record{other}
	for r, n := other, 0; n < 10000 && !r.Amends.IsZero(); n++ {
		was, err := st.Get(r.Amends)
		if err != nil {
			break
		}
		if ours[was.ID] {
			slices.Reverse(line)
			return &was, line
		}
		line = append(line, was)
		r = was
	}
	// Not found here: what the other version changed from its own
	// parent, as before, when the store holds it.
	return replacedOf(st, other), []record.Record{other}
}

// notKeptLineWords says, after a conflict is settled, what the version not
// kept (other, whose) changed that the version now current (cur) does not
// hold, and the amend command that would apply it: two machines'
// corrections of one assessment, settled, kept one and left the other in
// history only with no word (a trust barrier recorded by one clinician
// vanished from the current result by a two-key choice). A void on either
// side has no answers to apply, and nothing is said.
//
// base is the version the one not kept amended, when this store holds it:
// only what the version not kept changed from it is listed, with what it
// was before. Compared with the current version alone, the list also held
// the answers the current version had corrected and the other had left as
// they were (an ethnic group corrected here, listed as the other
// machine's "White: British", the answer both had before), and amending as
// it advised put the stale answer back.
//
// line is the versions not kept made on base, oldest first, ending with
// other. Each is named when there are more than one, and all they
// changed from base is listed, not only other's own change.
//
// A void at the end of that line, undone by the settle, has no answers,
// but the versions before it may: a correction the other machine made and
// then voided is listed, as any change of the line is, and the void with
// it, by whom and why (said alone, with no "Not kept", the correction was
// dropped without a word). Where base is not known, or cannot be compared
// (of another instrument version, or itself a void), the newest version of
// the line that is no void is compared with the current version whole, as
// a version not kept is without base, and the void listed after it: said
// of nothing, the correction was dropped without a word there still. A
// void alone on base is said by the settle itself, and nothing more here.
func notKeptLineWords(w io.Writer, cur, other record.Record, base *record.Record, line []record.Record, whose, given string) {
	notKeptLines(w, nil, cur, other, base, line, whose, given)
}

// notKeptLines is notKeptLineWords said of the records of st (nil: not at
// hand): each record is named by a prefix none of the others named shares,
// nor any other record of st, so the amend command it offers names the
// current version alone. Unique among the versions named only, the command
// was refused as ambiguous where another record here (another patient's,
// say) was made in the same millisecond.
func notKeptLines(w io.Writer, st *store.Store, cur, other record.Record, base *record.Record, line []record.Record, whose, given string) {
	// Each record by a prefix none of the others here shares: two
	// versions made in one millisecond on two machines share the 13
	// characters ids are shown by at the least.
	ids := []record.ID{cur.ID, other.ID}
	for _, r := range line {
		ids = append(ids, r.ID)
	}
	if base != nil {
		ids = append(ids, base.ID)
	}
	shorts := record.ShortIDs(ids)
	if st != nil {
		// And apart from every other record here: of two prefixes
		// of one id, the longer tells it apart from both.
		if here, err := st.ShortIDs(ids); err == nil {
			for id, s := range here {
				if len(s) > len(shorts[id]) {
					shorts[id] = s
				}
			}
		}
	}
	shortID := func(id record.ID) string {
		if s, ok := shorts[id]; ok {
			return s
		}
		return id.String()[:record.ShownIDLen]
	}
	if cur.Status == record.EnteredInError {
		return
	}
	var void *record.Record
	if other.Status == record.EnteredInError {
		// What the line held before its void: its newest version that
		// is no void, made since base.
		v := other
		void, other = &v, record.Record{}
		for i := len(line) - 1; i >= 0; i-- {
			if line[i].Status != record.EnteredInError {
				other = line[i]
				break
			}
		}
		if other.ID.IsZero() {
			return
		}
	}
	if base != nil && (base.InstrumentVersion != other.InstrumentVersion || base.Status == record.EnteredInError) {
		base = nil
	}
	before := map[string]string{} // what the version not kept changed, and from what
	if base != nil {
		for _, d := range answerDiffs(*base, other) {
			before[d.field] = d.mine
		}
	}
	var ds []fieldDiff
	for _, d := range answerDiffs(cur, other) {
		if _, changed := before[d.field]; changed || base == nil {
			ds = append(ds, d)
		}
	}
	// The team is what summaries count by: a team the other line
	// corrected went back to the wrong one without a word, though
	// --conflicts had shown it.
	if x, y := cur.Team, other.Team; x != y && (base == nil || base.Team != y) {
		if base != nil {
			before["Team"] = base.Team
		}
		ds = append(ds, fieldDiff{"Team", x, y})
	}
	for _, d := range questionnaire.Domains {
		x, y := cur.Bands.Get(d).String(), other.Bands.Get(d).String()
		if x == y {
			continue
		}
		if base != nil {
			b := base.Bands.Get(d).String()
			if b == y {
				continue
			}
			before[d.Title()] = b
		}
		ds = append(ds, fieldDiff{d.Title(), x, y})
	}
	// A referral the patient agreed to (or declined) when asked afresh
	// is a correction too: left out, a patient's agreement to a
	// referral was dropped by the settle without a word.
	cc, cn := referralConsents(cur)
	oc, on := referralConsents(other)
	var bc map[string]string
	if base != nil {
		bc, _ = referralConsents(*base)
	}
	seen := map[string]bool{}
	for _, n := range append(cn, on...) {
		x, y := orWord(cc, n, "not offered"), orWord(oc, n, "not offered")
		if x == y || seen[n] {
			continue
		}
		seen[n] = true
		if base != nil {
			b := orWord(bc, n, "not offered")
			if b == y {
				continue
			}
			before["Referral "+n] = b
		}
		ds = append(ds, fieldDiff{"Referral " + n, x, y})
	}
	if len(ds) == 0 {
		return
	}
	if void != nil {
		undone := "entered in error, record " + shortID(void.ID) + ", by " + questionnaire.PrintableTyped(orNone(void.Clinician))
		if why := strings.TrimSpace(void.VoidReason); why != "" {
			undone += ", because: " + questionnaire.PrintableTyped(why)
		}
		ds = append(ds, fieldDiff{"Void (undone by this settle)", "none: the assessment counts", undone})
		if base != nil {
			before["Void (undone by this settle)"] = "none"
		}
	}
	width := terminalWidth(w)
	short := shortID(cur.ID)
	said := fmt.Sprintf("Not kept: %s version, which answered differently. What it said below is not current now, on this machine or on the server, and stands in the assessment's history only.", whose)
	if void != nil {
		said = fmt.Sprintf("Not kept: the version before %s void, record %s by %s, which answered differently. What it said below is not current now, on this machine or on the server, and stands in the assessment's history only.", whose, shortID(other.ID), questionnaire.PrintableTyped(orNone(other.Clinician)))
	}
	if base != nil {
		said = fmt.Sprintf("Not kept: %s version, which changed what is below from the version it amended, record %s. Its changes are not current now, on this machine or on the server, and stand in the assessment's history only.", whose, shortID(base.ID))
	}
	if base != nil && len(line) > 1 {
		names := make([]string, 0, len(line))
		for _, r := range line {
			names = append(names, fmt.Sprintf("%s by %s", shortID(r.ID), questionnaire.PrintableTyped(orNone(r.Clinician))))
		}
		lineOf := "the server's"
		if whose == "this machine's" {
			lineOf = whose
		}
		said = fmt.Sprintf("Not kept: %s line of %d versions, records %s, which together changed what is below from record %s, the version both lines amended. Their changes are not current now, on this machine or on the server, and stand in the assessment's history only.", lineOf, len(line), strings.Join(names, ", "), shortID(base.ID))
	}
	also := fmt.Sprintf(" If it was a correction too, amend it into the current version, record %s (tell whoever made it):", short)
	if base != nil && len(line) > 1 {
		also = fmt.Sprintf(" If they were corrections too, amend them into the current version, record %s (tell whoever made them):", short)
	}
	fmt.Fprint(w, wrapText(said+also, width))
	for _, d := range ds {
		values := [][2]string{{"    current:     ", d.mine}, {"    not current: ", d.theirs}}
		if b, ok := before[d.field]; ok {
			values = append(values, [2]string{"    before it:   ", b})
		}
		fmt.Fprint(w, diffLines(width, d.field, values))
	}
	fmt.Fprint(w, commandText(width, "    digicheck amend"+given+" "+short+" --reason "+shellWord("correction of the version not kept")))
}

// undoneOnTheWay reports whether this machine's versions of assessment
// (given by its first version, or by any of those versions) still to be
// sent to server, sent over the server's void as they stand,
// would undo the void for a while: first is the first of them that is no
// void, and last the last of them (a void, or the line would be refused
// as undoing the void for good). Each is current on the server from its
// write to the next one's, and a reader then takes it in.
func undoneOnTheWay(st *store.Store, server string, assessment record.ID) (first, last record.Record, ok bool) {
	chains, err := st.PushPending(server)
	if err != nil {
		return first, last, false
	}
	for _, ch := range chains {
		if len(ch.Pending) == 0 || (ch.Assessment != assessment && !slices.ContainsFunc(ch.Pending, func(r record.Record) bool { return r.ID == assessment })) {
			continue
		}
		for _, r := range ch.Pending {
			if r.Status != record.EnteredInError {
				return r, ch.Pending[len(ch.Pending)-1], true
			}
		}
	}
	return first, last, false
}

// voidUndoneRefusal is why keep-mine does not send this machine's line
// over the server's void theirs: its version first, no void, would be
// current on the server until the void last followed it. The assessment is
// entered in error there already, as here.
func voidUndoneRefusal(st *store.Store, id record.ID, theirs, first, last record.Record) error {
	short := shortOf(st, id)
	return fmt.Errorf("record %s: the FHIR server holds this assessment entered in error: %s. This machine's void %s rests on %s, which that server never took: sending them would put that %s over the void first, and the assessment would count again on that server, for every machine reading it, until the void followed it. A void is not undone on the server, even for a moment, without --undo-void. Nothing was changed, and nothing was sent.\nThe assessment is entered in error on that server already, as it is here: it needs nothing more. To settle the conflict by keeping the server's void (this machine's versions set aside for that server, never sent to it; its void stays current here):\n    digicheck push --resolve %s --keep-server",
		short, voidWords(st, theirs), shortOf(st, last.ID), whoseVersion(st, first), statusWord(first), short)
}

// statusWord is what a version is, in a word: "void", "amendment", or
// "record" for a first version.
func statusWord(r record.Record) string {
	switch {
	case r.Status == record.EnteredInError:
		return "void"
	case r.Amends.IsZero():
		return "record"
	}
	return "amendment"
}

// madeHere reports whether record id was made on this machine: held in
// this store, and not a copy read from a FHIR server. Whose a version is
// is said from this, not from where it is read ("this machine's
// amendment" was said of a nurse's made on another machine and read in).
func madeHere(st *store.Store, id record.ID) bool {
	if _, err := st.Get(id); err != nil {
		return false
	}
	src, err := st.CopySources([]record.ID{id})
	return err == nil && src[id] == ""
}

// whoseVersion is a version named with whose it is: "this machine's void
// 01a23adc-e849", or "Nurse m2's amendment 01a23adc-f5f0, made on
// another machine".
func whoseVersion(st *store.Store, r record.Record) string {
	if madeHere(st, r.ID) {
		return fmt.Sprintf("this machine's %s %s", statusWord(r), shortOf(st, r.ID))
	}
	return fmt.Sprintf("%s's %s %s, made on another machine", questionnaire.PrintableTyped(orNone(r.Clinician)), statusWord(r), shortOf(st, r.ID))
}

// asideHere reports whether record id is one of this store's versions
// set aside when a conflict with a server was settled.
func asideHere(st *store.Store, id record.ID) bool {
	aside, err := st.SetAsideLines()
	return err == nil && aside[uuid.UUID(id)]
}

// voidWords says a void: whose, where it was made, and why ("this
// machine's own void 01a23adc-e849, made by Nurse m1, set aside here ...
// because: wrong patient").
func voidWords(st *store.Store, v record.Record) string {
	who := questionnaire.PrintableTyped(orNone(v.Clinician))
	var s string
	if madeHere(st, v.ID) {
		s = fmt.Sprintf("this machine's own void %s, made by %s", shortOf(st, v.ID), who)
		if asideHere(st, v.ID) {
			s += ", set aside here when a conflict with another FHIR server was settled"
		}
	} else {
		s = fmt.Sprintf("voided on another machine by %s", who)
	}
	if why := strings.TrimSpace(v.VoidReason); why != "" {
		s += ", because: " + questionnaire.PrintableTyped(why)
	}
	return s
}

// voidOverRefusal is why keep-mine does not send this machine's void,
// mine, over the server's version theirs, an amendment made on another
// machine, without being asked in so many words: sent, it marks the
// assessment entered in error for everyone, over that clinician's newer
// answers (found sent without a word, the conflicts view having shown
// the amendment the void rests on as this machine's version). It shows
// both, and the commands on lines of their own (wrapError fills the
// rest at the terminal's width).
func voidOverRefusal(st *store.Store, k store.Conflict, mine, theirs record.Record, version string) error {
	short := shortOf(st, k.Record)
	on := ""
	if !k.Refused.IsZero() {
		on = fmt.Sprintf(", made on its %s %s", orNone(k.RefusedWhat), k.Refused.String()[:13])
	}
	msg := fmt.Sprintf("record %s: this machine's version in conflict is its void %s, made by %s at %s (entered in error: %s)%s. The FHIR server holds another machine's %s %s, made by %s at %s (server version %s). Keeping this machine's version sends the void over it: the assessment is marked entered in error for everyone, and %s's version stays in the server's history only. Nothing was changed.\nSee both:\n    digicheck push --conflicts\nTo send the void over the server's version:\n    digicheck push --resolve %s --keep-mine --void-server-version\nTo keep the server's version (this machine's void set aside: kept here, never sent):\n    digicheck push --resolve %s --keep-server",
		short, short, questionnaire.PrintableTyped(orNone(mine.Clinician)), whenText(mine.Time), questionnaire.PrintableTyped(mine.VoidReason), on,
		statusWord(theirs), theirs.ID.String()[:13], questionnaire.PrintableTyped(orNone(theirs.Clinician)), whenText(theirs.Time), version,
		questionnaire.PrintableTyped(orNone(theirs.Clinician)), short, short)
	return errors.New(msg)
}

// mineOf is this machine's version id, or a zero record.
func mineOf(st *store.Store, id record.ID) record.Record {
	r, _ := st.Get(id)
	return r
}

// writeDiffs says, field by field, what differs between this machine's
// version and the server's: one-line summaries can read the same when
// they differ in what they do not show, such as a referral's consent.
func writeDiffs(w io.Writer, mine, theirs record.Record) {
	if mine.ID.IsZero() {
		return
	}
	ds := recordDiffs(mine, theirs)
	if len(ds) == 0 {
		fmt.Fprintln(w, "What differs: nothing but the record ids; either can be kept.")
		return
	}
	fmt.Fprintln(w, "What differs, field by field:")
	width := terminalWidth(w)
	for _, d := range ds {
		// "here", not "this machine": the version held here may be
		// one made on another machine and read in ("Made by / this
		// machine: Nurse m2").
		fmt.Fprint(w, diffLines(width, d.field, [][2]string{{"    here:   ", d.mine}, {"    server: ", d.theirs}}))
	}
}

// diffLines is a field that differs and each version's value after its
// label, whole, wrapped at words within width: the question under two
// spaces, each value's later lines under its first word. Cut to 60
// characters with "…" on any terminal and piped, "U…" hid from the
// clinician settling a conflict which tasks the patient could do.
func diffLines(width int, field string, values [][2]string) string {
	var b strings.Builder
	b.WriteString(record.Wrap(field, "  ", "    ", width))
	for _, v := range values {
		b.WriteString(record.Wrap(v[1], v[0], strings.Repeat(" ", len(v[0])), width))
	}
	return b.String()
}

type fieldDiff struct{ field, mine, theirs string }

// recordDiffs lists what differs between two versions of one assessment
// as the clinician settles it: who, when and why, the answers by question
// and option text, then the result in words (each domain's band, the
// route and fallback, each referral by name with its consent). What is
// worked out from the answers (checks, programme ids, contact
// requirements) is not listed again, nor stored names and codes: found
// with push --conflicts showing some 40 lines such as
// "recommendation.checks[2].possible" and ["access","skills"].
func recordDiffs(mine, theirs record.Record) []fieldDiff {
	var out []fieldDiff
	add := func(field, x, y string) {
		if x == y {
			return
		}
		out = append(out, fieldDiff{field, orNone(x), orNone(y)})
	}
	add("Made by", questionnaire.PrintableTyped(mine.Clinician), questionnaire.PrintableTyped(theirs.Clinician))
	add("Team", questionnaire.PrintableTyped(mine.Team), questionnaire.PrintableTyped(theirs.Team))
	add("When", whenText(mine.Time), whenText(theirs.Time))
	add("Status", statusText(mine.Status), statusText(theirs.Status))
	add("Why amended", clip(record.AmendmentReason(mine)), clip(record.AmendmentReason(theirs)))
	add(record.VoidReasonLabel, clip(mine.VoidReason), clip(theirs.VoidReason))
	if ds := answerDiffs(mine, theirs); ds != nil || sameInstrumentKnown(mine, theirs) {
		out = append(out, ds...)
	} else {
		// An instrument not known here: its answers as stored.
		keys := map[string]bool{}
		for k := range mine.Answers {
			keys[k] = true
		}
		for k := range theirs.Answers {
			keys[k] = true
		}
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			add("Answer "+questionnaire.Printable(k), clip(strings.Join(mine.Answers[k], "; ")), clip(strings.Join(theirs.Answers[k], "; ")))
		}
	}
	for _, d := range questionnaire.Domains {
		add(d.Title(), mine.Bands.Get(d).String(), theirs.Bands.Get(d).String())
	}
	add("Contact by", mine.Recommendation.Primary.Title(), theirs.Recommendation.Primary.Title())
	mf, _ := mine.Recommendation.FallbackText()
	tf, _ := theirs.Recommendation.FallbackText()
	add("Fallback", mf, tf)
	mc, mn := referralConsents(mine)
	tc, tn := referralConsents(theirs)
	for _, n := range append(mn, tn...) {
		x, okx := mc[n]
		y, oky := tc[n]
		if !okx {
			x = "not offered"
		}
		if !oky {
			y = "not offered"
		}
		if !okx && !oky {
			continue // in both lists: said already
		}
		add("Referral "+n, x, y)
		delete(mc, n)
		delete(tc, n)
	}
	return out
}

// referralConsents is each referral of r by name, in its order, with the
// patient's consent in words, the referrals kept from the version amended
// after those its answers offer.
func referralConsents(r record.Record) (map[string]string, []string) {
	m := map[string]string{}
	var names []string
	for _, f := range r.Recommendation.Referrals {
		n := questionnaire.Printable(f.Name)
		if _, ok := m[n]; !ok {
			names = append(names, n)
		}
		m[n] = record.ConsentText(f.Consent)
	}
	// Kept from the version amended, which these answers no longer
	// offer: said "not offered", as if keeping that version lost
	// the referrals the patient agreed to.
	for _, f := range r.Recommendation.Kept {
		n := questionnaire.Printable(f.Name)
		if _, ok := m[n]; ok {
			continue
		}
		names = append(names, n)
		m[n] = record.ConsentText(f.Consent) + ", kept from the version amended (no longer offered)"
	}
	return m, names
}

// orWord is m[k], or none when m does not hold k.
func orWord(m map[string]string, k, none string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return none
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(none)"
	}
	return s
}

// clip is typed text as the conflicts view shows it: escaped
// (questionnaire.PrintableTyped), whole (diffLines wraps it).
func clip(s string) string {
	return questionnaire.PrintableTyped(s)
}

func whenText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02 15:04")
}

func statusText(s record.Status) string {
	switch s {
	case record.Completed:
		return "completed"
	case record.Amended:
		return "amended"
	case record.EnteredInError:
		return "entered in error (voided)"
	}
	return questionnaire.Printable(string(s))
}

// sameInstrumentKnown reports whether both versions were made with one
// instrument known here, so their answers were compared by answerDiffs.
func sameInstrumentKnown(mine, theirs record.Record) bool {
	_, ok := questionnaire.Lookup(mine.InstrumentVersion)
	return ok && theirs.InstrumentVersion == mine.InstrumentVersion
}

// answerDiffs lists the answers that differ, as the clinician reads them:
// each question's text and its answer in the words show and every other
// view of a record use (questionnaire.Item.AnswerText), in the
// instrument's order. Found with push --conflicts listing
// "answers.trust.worry[0]" with "not" and "very", out of order; and,
// worded by code of its own, a question never asked as "(not answered)"
// where show says "Not asked", and choices in the order ticked. It is nil
// when the instrument is not known here (the fields are then listed as
// stored).
func answerDiffs(mine, theirs record.Record) []fieldDiff {
	ins, ok := questionnaire.Lookup(mine.InstrumentVersion)
	if !ok || theirs.InstrumentVersion != mine.InstrumentVersion {
		return nil
	}
	var out []fieldDiff
	for _, sec := range ins.Sections {
		for _, it := range sec.Items {
			x, y := it.AnswerText(mine.Answers[it.LinkID]), it.AnswerText(theirs.Answers[it.LinkID])
			if x == y {
				continue
			}
			out = append(out, fieldDiff{questionnaire.Printable(it.Text), x, y})
		}
	}
	return out
}

// wrapError says err in lines whole at width columns, as the error is
// printed: each line after two spaces at a terminal, the first after
// "digicheck: " otherwise. A line too long (a server's own words, its
// OperationOutcome, can run to any length) is wrapped at its spaces,
// its later lines indented two more than it. errors.Is and As still see
// err.
func wrapError(err error, width int) error {
	if err == nil {
		return nil
	}
	return &wrappedError{err, width}
}

type wrappedError struct {
	err   error
	width int
}

func (e *wrappedError) Unwrap() error { return e.err }

func (e *wrappedError) Error() string {
	// Its later lines go after two spaces (and two more at a terminal),
	// not after "digicheck: ": a first line's were broken 9 columns short
	// ("(dial tcp" / "127.0.0.1:…").
	return fill(e.err.Error(), e.width-2, len("digicheck: ")-2, 2)
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// wrapText sets text, a line or more, in lines whole at width columns,
// broken at spaces, each line after a line's first indented two more than
// it (fill), and ends it with a newline: what push prints is read at a
// terminal that would break it mid-word.
func wrapText(text string, width int) string {
	return fill(strings.TrimRight(text, "\n"), width, 0, 2) + "\n"
}

// readElsewhereWords says the n versions held here, read from other
// FHIR servers, that a push does not send ("" for none).
func readElsewhereWords(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return " 1 record version read from another FHIR server is not sent there: this machine sends the versions made here, and those they rest on."
	}
	return fmt.Sprintf(" %d record versions read from other FHIR servers are not sent there: this machine sends the versions made here, and those they rest on.", n)
}

// keptWords says the n versions kept here and never sent to the server,
// each settled before ("" for none): set aside by a settle (or by a push
// that met the server's void with a void), or a follow-up resting on one
// set aside and its void. Each of these needs nothing more: one sentence
// naming every case that might apply, said after every push, left a nurse
// unsure whether anything still needed doing.
func keptWords(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf(" %s kept here and not sent to this server, as settled before: nothing more is needed for %s (digicheck history shows each, and why).", areKept(n), map[bool]string{true: "it", false: "them"}[n == 1])
}

// areKept is "N record versions are" (or "1 record version is").
func areKept(n int) string {
	if n == 1 {
		return "1 record version is"
	}
	return fmt.Sprintf("%d record versions are", n)
}

// serverFlag is " --server URL" when the server pushed to (given as given,
// at its base) is not the site's, so that a command push suggests asks
// the same server; "" when it is the site's.
// The --db and --config the command was run with come first (a.given).
func (a *app) serverFlag(given, base string) string {
	if site := a.siteServer(); site != "" {
		if id, err := fhirclient.Identity(site); err == nil && strings.TrimRight(id, "/") == strings.TrimRight(base, "/") {
			return a.given
		}
	}
	if given == "" {
		return a.given
	}
	return a.given + " --server " + given
}

// pushCommand is a digicheck push command in a message, with or without
// --server already.
var pushCommand = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`digicheck push( --server)?`) })

// withServer is err with every digicheck push command it suggests naming
// the server (again, from serverFlag); what err is stays as it was.
// It names the server at base as name, too. A command to run on another
// machine carries no flag of this machine's own (given: its --db and
// --config): there, that path is no file, or another store's, and the
// push run as printed sent the wrong store.
func withServer(err error, again, given, base, name string) error {
	if err == nil || (again == "" && base == name) {
		return err
	}
	return &serverNamed{msg: withStoreFlags(withPushFlags(renamed(err.Error(), base, name), again, given), given), err: err}
}

// storeCommand is a digicheck void or followup command in a message: one
// of this machine's store.
var storeCommand = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`digicheck (void|followup)\b`) })

// withStoreFlags is msg with every digicheck void and followup command it
// suggests given this run's --db and --config (given): pasted without
// them, the void of a follow-up push held back went to the default store,
// and the follow-up made again was made there, without this site's
// server.
func withStoreFlags(msg, given string) string {
	if given == "" {
		return msg
	}
	var b strings.Builder
	last := 0
	for _, at := range storeCommand().FindAllStringIndex(msg, -1) {
		b.WriteString(msg[last:at[1]])
		last = at[1]
		if !strings.HasPrefix(msg[at[1]:], given) {
			b.WriteString(given)
		}
	}
	b.WriteString(msg[last:])
	return b.String()
}

// withPushFlags is msg with every digicheck push command it suggests
// given this run's flags (again, from serverFlag), or, for a command to
// run on another machine, the server's alone (not given, this machine's
// --db and --config). Said on standard output as in an error: run as
// printed, a command without them pushed the default store.
func withPushFlags(msg, again, given string) string {
	if again == "" {
		return msg
	}
	there := strings.TrimPrefix(again, given)
	var b strings.Builder
	last := 0
	for _, at := range pushCommand().FindAllStringIndex(msg, -1) {
		m := msg[at[0]:at[1]]
		b.WriteString(msg[last:at[1]])
		last = at[1]
		switch {
		case strings.HasSuffix(m, "--server"):
		case onOtherMachine(msg[:at[0]]):
			b.WriteString(there)
		default:
			b.WriteString(again)
		}
	}
	b.WriteString(msg[last:])
	return b.String()
}

// onOtherMachine reports whether a command that follows text is one to
// run on another machine, as push's messages say it.
func onOtherMachine(text string) bool {
	text = strings.ToLower(strings.Join(strings.Fields(text), " "))
	for _, lead := range []string{"on that machine run", "on that machine, run", "on the machine that made that record run", "on the machine that made it, run", "on the machine that made each, run", "on the machine that made each of the others, run", "on each of those machines, run"} {
		if strings.HasSuffix(text, lead) {
			return true
		}
	}
	return false
}

// renamed is text naming the server at base as name: its URL, and its
// host as the FHIR client's messages write it ("the FHIR server
// 127.0.0.1:8080"); the network's own words ("dial tcp …") are left.
func renamed(text, base, name string) string {
	text = strings.ReplaceAll(text, base, name)
	b, errB := url.Parse(base)
	n, errN := url.Parse(name)
	if errB == nil && errN == nil && b.Host != n.Host {
		text = strings.ReplaceAll(text, "FHIR server "+b.Host, "FHIR server "+n.Host)
	}
	return text
}

type serverNamed struct {
	msg string
	err error
}

func (e *serverNamed) Error() string { return e.msg }
func (e *serverNamed) Unwrap() error { return e.err }

// triedWords is how often a request was tried, as push says it.
var triedWords = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`tried \d+ times?( over [0-9.]+[a-zµ]+)?`) })

// unreachedSaid is a push the FHIR server never answered (no connection,
// or none in time): said once, plainly, with what to do, the network's
// own words last, for IT. It was said nested three deep in brackets,
// the record named twice, with no next step.
func unreachedSaid(err error, fe *fhirclient.Error, notSent, pending int, name string) error {
	what := "could not reach the FHIR server"
	if why := timedOut(fe); why != "" {
		what = why
	}
	them, sends := "they are", "them"
	if notSent == 1 {
		them, sends = "it is", "it"
	}
	detail := fe.Msg
	if fe.Cause != nil {
		detail = cleanCause(fe.Cause)
	}
	if t := triedWords().FindString(err.Error()); t != "" {
		detail += "; " + t
	}
	msg := fmt.Sprintf("%s not sent to %s: %s. Nothing is lost: %s kept here, and the next push sends %s. If this goes on, tell IT.\n  (Detail for IT: %s.)",
		push.OfVersions(notSent, pending), name, what, them, sends, detail)
	return &serverNamed{msg: msg, err: err}
}

// cleanCause is a network failure in the network's own words, without
// the address asked (url.Error's), which is said already.
func cleanCause(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// keepMineAlso is what --resolve RECORD --keep-mine must carry, as push
// accepts it, for the conflict k: --undo-void over the server's void,
// --void-server-version for this machine's void over the server's
// amendment. Offered bare in either case, the command was refused.
func keepMineAlso(st *store.Store, k store.Conflict) string {
	mineVoid := mineOf(st, k.Record).Status == record.EnteredInError
	switch {
	case k.ServerVoided && !mineVoid:
		return " --undo-void"
	case mineVoid && !k.ServerVoided:
		return " --void-server-version"
	}
	return ""
}

// setAsideWords is what history and show say of version id, set aside on
// settling a conflict, after "set aside": as far as this store knows, not
// sent to the server whose conflict set it aside, and which other server
// took it before (a push of this store, or a copy read from there), as
// that server may count it still. "" when nothing is known (the words of
// record.SetAsideDefault). It was "never sent" of a version a second
// server held as current.
func (a *app) setAsideWords(st *store.Store, id record.ID) string {
	w, err := st.SetAsideWhere(id)
	if err != nil {
		return ""
	}
	names := func(servers []string, and string) string {
		out := make([]string, len(servers))
		for i, s := range servers {
			out[i] = sourceName(a.siteServer(), s)
		}
		return strings.Join(out, and)
	}
	if len(w.KeptOver) > 0 {
		// A copy read from one server (another machine's version)
		// with another server's version taken in in its place: said
		// as where it came from, never as this machine's settle, nor
		// as "took it before" of the server it was read from (said of
		// another machine's void read in, as if this machine had
		// made and sent it).
		server := "the FHIR server "
		if len(w.KeptOver) > 1 {
			server = "the FHIR servers "
		}
		words := "as the FHIR server " + sourceName(a.siteServer(), w.ReadFrom) + " holds it: read from that server, made on another machine; " + server + names(w.KeptOver, " and ") + " hold" + map[bool]string{true: "s", false: ""}[len(w.KeptOver) == 1] + " another version in its place, kept here; not counted by this machine"
		if len(w.HeldBy) > 0 {
			words += "; " + names(w.HeldBy, " and ") + " took it from this machine before, and may hold it as current"
		}
		return words
	}
	if len(w.SettledWith) == 0 {
		// A copy read from a server that holds a later version over
		// it (another machine's void, say): never this machine's to
		// send, and no settle of this machine's set it aside.
		if src, err := st.CopySources([]record.ID{id}); err == nil && src[id] != "" {
			return "as the FHIR server " + sourceName(a.siteServer(), src[id]) + " holds it: read from that server, which holds a later version over it; not counted"
		}
		return ""
	}
	words := "when its conflict with the FHIR server was settled: kept here, not sent to this server (" + names(w.SettledWith, " or ") + ")"
	if len(w.HeldBy) == 0 {
		return words + " nor any other, not counted"
	}
	server := "the FHIR server "
	if len(w.HeldBy) > 1 {
		server = "the FHIR servers "
	}
	return words + ", not counted by this machine; " + server + names(w.HeldBy, " and ") + " took it before, and may hold it as current"
}

// setAsideOr is words, or record.SetAsideDefault when they are "".
func setAsideOr(words string) string {
	if words == "" {
		return record.SetAsideDefault
	}
	return words
}

// heldElsewhere warns, after a settle with the server at base of the
// conflict of record id, of each version the settle set aside (not in
// before) that another server took from this machine before and, as far
// as this store knows, holds as current still (it accepted no later
// version of the assessment from here): that server's figures count it
// until it is given the version kept here. It names the server and the
// commands that settle it there: the push meets the set-aside version as
// a conflict, and keep-mine sends this machine's current version over
// it. The settle said nothing of it, and the other server went on
// counting an amendment this machine had set aside.
func (a *app) heldElsewhere(w io.Writer, st *store.Store, base string, id record.ID, before map[uuid.UUID]bool) {
	after, err := st.SetAsideLines()
	if err != nil {
		return
	}
	cur, err := st.Current(id)
	if err != nil {
		return
	}
	line, err := st.Versions(cur.ID)
	if err != nil {
		return
	}
	asideNow := []record.Record{}
	for k := range after {
		if before[k] {
			continue
		}
		if v, err := st.Get(record.ID(k)); err == nil {
			asideNow = append(asideNow, v)
		}
	}
	slices.SortFunc(asideNow, func(x, y record.Record) int { return x.Time.Compare(y.Time) })
	site := ""
	if id, err := fhirclient.Identity(a.siteServer()); err == nil {
		site = strings.TrimRight(id, "/")
	}
	width := terminalWidth(w)
	for _, v := range asideNow {
		held, err := st.ServersHolding(v.ID)
		if err != nil {
			continue
		}
		for _, other := range held {
			if strings.TrimRight(other, "/") == strings.TrimRight(base, "/") {
				continue
			}
			// A later version of the line, or one set aside, accepted
			// there: v is not its current version, as far as known.
			later := false
			for _, l := range append(slices.Clone(line), asideNow...) {
				if l.ID == v.ID || !l.Time.After(v.Time) {
					continue
				}
				if _, ok, _ := st.PushedVersion(other, l.ID); ok {
					later = true
				}
			}
			if later {
				continue
			}
			flag := ""
			if strings.TrimRight(other, "/") != site {
				flag = " --server " + sourceName(a.siteServer(), other)
			}
			if v.Status == record.EnteredInError && cur.Status == record.EnteredInError {
				if first, _, ok := undoneOnTheWay(st, other, cur.ID); ok {
					// Keeping the void here over it would send that
					// server a version that is no void first: the
					// void undone there, for a while.
					fmt.Fprint(w, wrapText(fmt.Sprintf("The FHIR server %s took %s before, and as far as this machine knows holds it as current still: it holds the assessment entered in error, as this machine does, and needs nothing more. This machine's versions since are not sent to it: the void %s rests on %s, which would be current there, the void undone, until the void followed it.",
						sourceName(a.siteServer(), other), whoseVersion(st, v), shortOf(st, cur.ID), whoseVersion(st, first)), width))
					continue
				}
			}
			also := ""
			switch {
			case cur.Status == record.EnteredInError && v.Status != record.EnteredInError:
				also = " --void-server-version"
			case cur.Status != record.EnteredInError && v.Status == record.EnteredInError:
				also = " --undo-void"
			}
			fmt.Fprint(w, wrapText(fmt.Sprintf("warning: the FHIR server %s took %s before, and as far as this machine knows holds it as current still, so it counts it; it is set aside here now. To give that server the version current here (%s), push to it, which meets its version as a conflict, then keep the version current here over it:",
				sourceName(a.siteServer(), other), whoseVersion(st, v), shortOf(st, cur.ID)), width))
			fmt.Fprint(w, commandText(width, "    digicheck push"+flag), commandText(width, "    digicheck push"+flag+" --resolve "+shortOf(st, cur.ID)+" --keep-mine"+also))
		}
	}
}

// commandText is line, a command set on a line of its own after its
// indent ("    digicheck push --server URL --resolve …"), ending in a
// newline, broken as every command on screen is (assess.WrapCommand):
// whole when it fits width columns; else between its words only, each
// flag with its value and a quoted path never split, every line but the
// last ending in " \", so that pasted whole it runs as one command in the
// shells of Linux and macOS; whole on Windows, whose shells go on from a
// line otherwise.
func commandText(width int, line string) string { return assess.WrapCommand(line, width) + "\n" }

// keepMineBarred is why --keep-mine is neither offered nor taken for the
// conflict of record id (a version of its assessment, this machine's in
// conflict) with a server whose current version is a void when
// serverVoided, or "" when it may be: where both hold the assessment
// entered in error. A void kept over a void marks nothing more, and sends
// a second void under a clinician's name who never made it: a reader of
// two servers, offered --keep-mine for B's void over A's, sent A a second
// void in the ward nurse's name, its reason carrying the settle's text.
// (A store's own versions may be held as copies, read back from a server
// on settling, so a copy is no sign here of a version made elsewhere.)
func keepMineBarred(st *store.Store, id record.ID, serverVoided bool) string {
	if cur, err := st.Current(id); err == nil && serverVoided && cur.Status == record.EnteredInError {
		return "both are voids: the server holds this assessment entered in error, as this machine does, and needs nothing more; keeping this machine's void would send the server a second void"
	}
	return ""
}

// noConflictOn reports whether no conflict with server stands on any
// version of the assessment of record id.
func noConflictOn(st *store.Store, server string, id record.ID) bool {
	vs, err := st.Versions(id)
	if err != nil {
		return false
	}
	for _, v := range vs {
		if _, ok := conflictOf(st, server, v.ID); ok {
			return false
		}
	}
	return true
}

// checkedWords ends "Nothing to send ... in earlier pushes" with what the
// server was asked: whether it still holds them (push --check-server, or
// a server found short), how many it holds, or nothing. Never that it
// holds every assessment accepted from here when it lacks one whose
// versions made here wait on another machine's (push.Report.LostCopied).
func checkedWords(rep push.Report) string {
	switch {
	case rep.NotAsked != nil:
		// Not "nothing was checked", as if by choice: the server did
		// not answer, said below.
		return "; whether the server still holds them is not known, as it could not be asked now (said below)."
	case len(rep.NotChecked) > 0:
		// Not "nothing was checked": each other assessment was.
		return fmt.Sprintf("; the server was asked of each assessment it accepted from here, and %s could not be checked now (said above): digicheck push --check-server asks again.", versions(len(rep.NotChecked), "assessment"))
	case rep.Checked && rep.LostCopied > 0:
		return fmt.Sprintf(", but the server no longer holds %s said above: this machine's versions of %s are sent again by digicheck push --check-server once the server holds again the versions they rest on.",
			versions(rep.LostCopied, "assessment"), map[bool]string{true: "it", false: "them"}[rep.LostCopied == 1])
	case rep.Checked:
		return ", and the server holds every assessment it accepted from here."
	case rep.Newest > 0:
		// Only what was asked: "holds no fewer assessments than it
		// accepted from here" was said of a shared server that had
		// lost this store's newest, other machines' making up the
		// count.
		return fmt.Sprintf("; the server still holds the %s with the newest versions it accepted from here, as sent (asked of those alone: digicheck push --check-server asks it of each).", versions(rep.Newest, "assessment"))
	}
	return "; nothing was checked with the server now (digicheck push --check-server asks it of each)."
}

// notAnswered is err, of push --check-server whose asking the server
// did not answer (push.ErrCouldNotAsk), with that nothing was sent and
// when to run again (run, then tail): when the server answers, or after
// the wait it asked for.
func notAnswered(err error, base, run, tail string) error {
	if fe := (*fhirclient.Error)(nil); errors.Is(err, fhirclient.ErrUnauthorized) && errors.As(err, &fe) {
		// Refused credentials are said as every refusal is: the
		// settings need fixing, not a wait for the server, whose own
		// answer was said raw.
		return &serverNamed{msg: fmt.Sprintf("could not ask %s which of the assessments it accepted from this store it holds. Nothing was sent:\n%s\n%s", base, unauthorizedLines(fe), serverAnswer(fe)), err: err}
	}
	when := "when the server answers"
	if fe := (*fhirclient.Error)(nil); errors.As(err, &fe) && fe.RetryAfter > 0 {
		when = fmt.Sprintf("in %s or later, as the server asked", waitWords(fe.RetryAfter.Round(time.Second)))
	}
	return fmt.Errorf("%w. Nothing was sent: run %s again %s%s", err, run, when, tail)
}

// notAsked is the error of a push that could not ask the server at base
// what it holds (push.Report.NotAsked), nil when it could: it went on
// unchecked, and said only that "nothing was checked" and ended 0, read
// after a restore as this machine's work being on the server.
func notAsked(rep push.Report, base string) error {
	if rep.NotAsked == nil {
		return nil
	}
	var fe *fhirclient.Error
	if errors.Is(rep.NotAsked, fhirclient.ErrUnauthorized) && errors.As(rep.NotAsked, &fe) {
		// A refused token is said as every refusal is: the settings
		// need fixing, not a wait for the server.
		return &serverNamed{msg: fmt.Sprintf("could not ask %s whether it still holds the assessments it accepted from this store:\n%s\n%s", base, unauthorizedLines(fe), serverAnswer(fe)), err: rep.NotAsked}
	}
	if cf, ok := countFailed(rep.NotAsked); ok {
		// Said as a busy server is said elsewhere: the server's words
		// alone left the nurse to guess whether anything was lost.
		return &serverNamed{msg: fmt.Sprintf("could not ask %s whether it still holds the assessments it accepted from this store: %s %s, each time %s. Nothing here is lost. Whether the server lost any of this machine's record versions (restored from an older backup, say) is not known; run digicheck push --check-server %s, to ask it. %s\n  (Detail for IT: %v.)", base, cf.who, cf.state, cf.asked, cf.when, cf.tell, rep.NotAsked), err: rep.NotAsked}
	}
	return fmt.Errorf("could not ask %s whether it still holds the assessments it accepted from this store: %w. Whether it lost any of this machine's record versions (restored from an older backup, say) is not known; run digicheck push --check-server when the server answers", base, rep.NotAsked)
}

// busyCount reports whether err, why a plain push could not ask the server
// what it holds (push.Report.NotAsked), is an answer at every try that
// trying later may mend (a 5xx or 429, of the FHIR server or of its
// sign-in service), not a server that could not be reached or refused the
// ask. countFailed says which.
func busyCount(err error) bool {
	_, ok := countFailed(err)
	return ok
}

// countFailure is how busyCount's error is said: who answered (the FHIR
// server, or the sign-in service the token comes from, which no request
// passed), its state (busy, or an error), what it was asked, when to run
// again, and whether to tell IT now or only if it goes on.
type countFailure struct {
	who, state, asked, countAsked, when, tell string
}

// countFailed is busyCount's error said: only a 503 or 429 is the server
// busy, to wait for; any other 5xx is a server with a fault, said with its
// status for IT (a 500 or 501 was said as busy, and the nurse waited for
// what would keep failing), and the token endpoint's answer is said of
// the sign-in service, not of the FHIR server.
func countFailed(err error) (countFailure, bool) {
	var fe *fhirclient.Error
	if err == nil || !fhirclient.Temporary(err) || !errors.As(err, &fe) || fe.Status == 0 {
		return countFailure{}, false
	}
	busy := fe.Status == 503 || fe.Status == 429
	cf := countFailure{who: "the FHIR server", asked: "it was asked", countAsked: "it was asked how many assessments it holds"}
	if fe.TokenURL != "" {
		cf.who = "the sign-in service (" + fe.TokenURL + ") the FHIR server's token comes from"
		cf.asked = "it was asked for a token"
		cf.countAsked = "it was asked for a token to ask the FHIR server how many assessments it holds"
	}
	if busy {
		cf.state, cf.when, cf.tell = "was busy", "when the server answers", "If this goes on, tell IT."
	} else {
		cf.state = fmt.Sprintf("answered with an error (HTTP %d)", fe.Status)
		cf.when, cf.tell = "once IT have mended it", "Tell IT: waiting will not mend this."
	}
	return cf, true
}

// busyCountSaid is a plain push that sent nothing as the server was busy
// at every try of its count (busyCount): the versions to send were not
// tried, as they would meet the same. Said as a busy server is said
// elsewhere, once: the server's answer and the check's were said both,
// with no word of what was lost, what to run, or when to tell IT.
func busyCountSaid(err error, rep push.Report, name string) error {
	notSent := rep.Pending - rep.Sent - rep.Found
	them, sends := "they are", "them"
	if notSent == 1 {
		them, sends = "it is", "it"
	}
	cf, _ := countFailed(rep.NotAsked)
	msg := fmt.Sprintf("%s not sent to %s: %s %s, each time %s, so this push could not ask %s whether it still holds the assessments it accepted from this store. Nothing is lost: %s kept here, and the next push sends %s. Whether the server lost any of this machine's record versions (restored from an older backup, say) is not known; run digicheck push --check-server %s: it sends %s, and asks it that. %s\n  (Detail for IT: %v.)",
		push.OfVersions(notSent, rep.Pending), name, cf.who, cf.state, cf.countAsked, name, them, sends, cf.when, sends, cf.tell, rep.NotAsked)
	return &serverNamed{msg: msg, err: err}
}

// pushStopped says a push stopped by Ctrl+C, a closed window or a
// shutdown while sending: nothing is lost, and the next push sends what
// is left, but for the versions held back as the server could not be
// checked for their assessments (push.Report.NotCheckedHeld), which go
// once it answers that check: "run digicheck push again to send them"
// was said of those too.
func pushStopped(rep push.Report) error {
	left := rep.Pending - rep.Sent - rep.Found
	// In conflict: sent by no push until the conflict is settled ("run
	// digicheck push again to send them" was said of those too).
	conflict := min(rep.InConflict, left)
	held := min(len(rep.NotCheckedHeld), left-conflict)
	sendable := left - conflict - held
	whose := map[bool]string{true: "an assessment", false: "assessments"}[held == 1]
	isAre := func(n int) string { return map[bool]string{true: "is", false: "are"}[n == 1] }
	var b strings.Builder
	fmt.Fprintf(&b, "push stopped: %s not sent yet", push.OfVersions(left, rep.Pending))
	switch {
	case sendable == left:
		fmt.Fprintf(&b, "; run digicheck push again to send %s (none is sent twice)", map[bool]string{true: "it", false: "them"}[left == 1])
	case sendable > 0:
		fmt.Fprintf(&b, "; run digicheck push again to send %d of them (none is sent twice)", sendable)
	}
	// The rest, each group after the one before: "the other" when it
	// is the one group more.
	other := func(n int) string {
		if sendable > 0 && (held == 0 || conflict == 0) {
			return fmt.Sprintf("the other %d", n)
		}
		return fmt.Sprintf("%d", n)
	}
	switch {
	case held == left:
		fmt.Fprintf(&b, ", of %s the server could not be checked for now, held back until the server answers that check: run digicheck push --check-server when it does (none is sent twice)", whose)
	case held > 0:
		fmt.Fprintf(&b, "; %s, of %s the server could not be checked for now, %s held back until the server answers that check: run digicheck push --check-server when it does", other(held), whose, isAre(held))
	}
	if conflict > 0 {
		them, they := "them", "they are"
		if conflict == 1 {
			them, they = "it", "it is"
		}
		if conflict == left {
			fmt.Fprintf(&b, ": %s in conflict with the server's version, and no push sends %s until %s settled", map[bool]string{true: "it is", false: "all are"}[left == 1], them, they)
		} else {
			fmt.Fprintf(&b, "; %s %s in conflict with the server's version, and no push sends %s until %s settled", other(conflict), isAre(conflict), them, they)
		}
		fmt.Fprintf(&b, ": digicheck push --conflicts shows %s and how to settle %s", them, them)
	}
	return errors.New(b.String())
}

// withNotAsked is err, and after it notAsked's words when the push could
// not ask the server what it holds: a push that also failed for another
// reason said that alone, and whether the server lost any of this
// machine's versions went unsaid.
func withNotAsked(err error, rep push.Report, base string) error {
	na := notAsked(rep, base)
	switch {
	case na == nil:
		return err
	case err == nil:
		return na
	}
	return errors.Join(err, na)
}

// notCheckedAt is how many of the assessments a plain push could not
// check now (push.Report.NotChecked) are named, one warning each.
const notCheckedAt = 3

// notCheckedWords are the warnings of the assessments a plain push could
// not check now: the first few, each with why, then how many more. Their
// versions were held back (push.Report.NotCheckedHeld): "went on to send
// what is pending" was said of them.
func notCheckedWords(rep push.Report, dryRun bool) []string {
	var out []string
	went, none := "this push went on with the other assessments, and sent", "none of this one's versions"
	if dryRun {
		went = "this dry run went on with the other assessments; a push would send"
	}
	for i, e := range rep.NotChecked {
		if i == notCheckedAt {
			n := len(rep.NotChecked) - notCheckedAt
			out = append(out, fmt.Sprintf("warning: and %s could not be checked now either; %s none of their versions.", versions(n, "more assessment"), went))
			break
		}
		out = append(out, fmt.Sprintf("warning: %v; %s %s.", e, went, none))
	}
	return out
}

// lostWords says that the server no longer holds versions it accepted from
// this store (push.Report.Lost), which this push sends again (or, in a dry
// run, would), and those that rest on versions made on another machine
// (push.Report.WaitOnOther), which it does not: push's error says those
// once, whose they are and what to run, where. It is "" when the server
// lost nothing. notAll is said after a push that did not send everything.
func lostWords(rep push.Report, name string, dryRun, check, notAll bool) string {
	var b strings.Builder
	// Every version lost is counted, those that wait too ("no longer
	// holds 1 record version" was said of 3 lost, 2 of them waiting);
	// who made what they wait on, and what to run where, is said once,
	// with what was not sent (push's error).
	lost, of := rep.LostAll()
	if lost > 0 {
		fmt.Fprintf(&b, "The FHIR server %s no longer holds %s of %s it accepted from this store (restored from an older backup, or emptied, since).",
			name, versions(lost, "record version"), versions(of, "assessment"))
	}
	// One version lost is "it": "They were sent again now" was said
	// of one.
	them := map[bool]string{true: "it", false: "them"}[rep.Lost == 1]
	if n := rep.WaitOnOther; n > 0 {
		notNow := map[bool]string{true: "it is not sent now", false: "they are not sent now"}[n == 1]
		if dryRun {
			notNow = map[bool]string{true: "a push would not send it now", false: "a push would not send them now"}[n == 1]
		}
		which := fmt.Sprintf("%d of them rest", n)
		switch {
		case n == lost && n == 1:
			which = "It rests"
		case n == lost:
			which = "They rest"
		case n == 1:
			which = "1 of them rests"
		}
		fmt.Fprintf(&b, " %s on %s read here, made on another machine, that it lacks too, so %s (said below).",
			which, map[bool]string{true: "a version", false: "versions"}[n == 1], notNow)
		them = map[bool]string{true: "the other", false: fmt.Sprintf("the other %d", rep.Lost)}[rep.Lost == 1]
	}
	if rep.Lost > 0 {
		switch {
		case dryRun && check:
			// Not "a push without --dry-run": a plain push asks of
			// each only when the server is found short, and sent
			// none of them.
			fmt.Fprintf(&b, " Run digicheck push --check-server to send %s again.", them)
		case dryRun:
			fmt.Fprintf(&b, " Run digicheck push to send %s again.", them)
		case notAll && (rep.WaitOnOther == 0 || rep.Sent+rep.Found+rep.Settled < rep.Pending):
			// Said after the push: "They are sent again now" came
			// before "Sent 0 of 4". Not "the next push sends it": one
			// that met a conflict or a refusal waits on a settle or on
			// IT, as the words below say of each.
			fmt.Fprintf(&b, " This push tried to send %s again: what it did not send, and what each needs first, is said below (none is sent twice).", them)
		case rep.WaitOnOther > 0:
			fmt.Fprintf(&b, " %s %s sent again now.", strings.ToUpper(them[:1])+them[1:], map[bool]string{true: "was", false: "were"}[rep.Lost == 1])
		case rep.Lost == 1:
			b.WriteString(" It was sent again now.")
		default:
			b.WriteString(" They were sent again now.")
		}
	}
	return b.String()
}

// followUpsOn is this store's follow-ups, not marked entered in error and
// never sent to server, that rest on version id of an assessment in
// conflict, or on a later version of it, directly or through other such
// follow-ups: settled either way, the conflict sets those versions aside
// (--keep-mine saves this machine's again as a new record), and a
// follow-up resting on a version set aside is never sent.
func followUpsOn(st *store.Store, server string, id record.ID) []record.Record {
	line, err := st.Versions(id)
	if err != nil {
		return nil
	}
	at := slices.IndexFunc(line, func(v record.Record) bool { return v.ID == id })
	if at < 0 {
		return nil
	}
	bases := map[record.ID]bool{}
	for _, v := range line[at:] {
		bases[v.ID] = true
	}
	var fus []record.Record
	if err := st.Each(func(r record.Record) error {
		if !r.FollowsUp.IsZero() {
			fus = append(fus, r)
		}
		return nil
	}, func(store.Unreadable) {}); err != nil {
		return nil
	}
	var out []record.Record
	for found := true; found; {
		found = false
		for _, r := range fus {
			if bases[r.ID] || !bases[r.FollowsUp] {
				continue
			}
			bases[r.ID], found = true, true
			if _, sent, err := st.PushedVersion(server, r.ID); err != nil || sent {
				continue
			}
			if cur, err := st.Current(r.ID); err != nil || cur.Status == record.EnteredInError {
				continue
			}
			out = append(out, r)
		}
	}
	return out
}

// followUpsOnWords says of each follow-up fs (followUpsOn) that it can
// never be sent, and gives the commands that mark it entered in error and
// follow the patient up again, with this run's flags: said by push
// --conflicts before the decision (settled false), as it holds if the
// settle sets the version aside, and by --keep-server and --keep-mine at
// it, when it did. (Neither said a word of it; only the next push did.
// Then it was said with no condition, though --keep-mine on a server's
// version this store holds sends the version as it is, and the
// follow-up after it.)
func followUpsOnWords(w io.Writer, st *store.Store, fs []record.Record, settled bool, again, given string) {
	width := terminalWidth(w)
	for _, f := range fs {
		id := shortOf(st, f.ID)
		var b strings.Builder
		fmt.Fprintf(&b, "Follow-up %s of patient %s, made %s, rests on ", id, questionnaire.Printable(f.Patient.String()), f.Time.Local().Format("2006-01-02 15:04"))
		if settled {
			b.WriteString("a version set aside by this settle, so it can never be sent: no other machine could link it to the patient's earlier assessment. Mark it entered in error")
		} else {
			b.WriteString("this machine's version in conflict. If the settle sets that version aside, the follow-up can never be sent: no other machine could link it to the patient's earlier assessment. --keep-server sets it aside; so does --keep-mine, saving it again as a new record, unless the server's version is one this store holds already (then that version is sent on the server's as it is, and the follow-up after it). If the settle says the follow-up can never be sent, mark it entered in error")
		}
		b.WriteString(", with your own name after --clinician, and follow the patient up again:\n")
		fmt.Fprintf(&b, "    digicheck void %s --reason %q --clinician\n", id, "followed up a version set aside")
		fmt.Fprintf(&b, "    digicheck followup %s\n", f.Patient.Value)
		fmt.Fprint(w, fillLines(withPushFlags(withStoreFlags(b.String(), given), again, given), width, 0))
	}
}
