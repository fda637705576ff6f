// Package push sends a store's record versions to a FHIR R4 server: each
// assessment as one QuestionnaireResponse under the id of its first
// version, each version of it (amendment, void) as a new version of that
// resource, in transaction Bundles with the Questionnaire first. The store
// keeps which versions the server accepted (store.PushPending,
// store.MarkPushed), so a push stopped at any point and run again sends
// each version once and loses none:
//
//   - a version is marked accepted only after the server's answer says so;
//   - before a Bundle is sent, the server's current version of each of its
//     resources is read: one already holding what is about to be sent (a
//     Bundle whose answer was lost to a kill, a timeout or a dropped
//     connection) is marked accepted and not sent again;
//   - an amendment or void names, in If-Match, the server version of the
//     version before it, so one made on another machine in between is a
//     conflict, reported with the record, never overwritten.
package push

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"digicheck/fhir"
	"digicheck/fhirclient"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// DefaultBatch is how many resources go in one transaction Bundle at most.
// Servers cap transactions (medplum at 50 updates); HAPI FHIR takes more,
// and --batch raises it. A version's resources (its response and what is
// derived from it) always go together, in one Bundle.
const DefaultBatch = 50

// DefaultAttempts is how many times a Bundle, or a read of what the server
// holds, is tried in all when Options.Attempts is 0.
const DefaultAttempts = 5

// Options change how a push runs.
type Options struct {
	// Batch is the most resources in one transaction (DefaultBatch when
	// 0); a version with more goes alone.
	Batch int
	// DryRun, if not nil, gets every Bundle that would be sent, one JSON
	// document a line, and nothing is sent or marked. The server is read
	// as the push reads it before sending: a version the push would hold
	// back (waiting on another machine's version the server lacks, say)
	// is reported as the push reports it, not printed, and one the push
	// sends If-Match the server's version is printed so. Versions after
	// the first pending one of an assessment name in If-Match the version
	// the server will give the one before, as W/"after RECORD-ID".
	DryRun io.Writer
	// Progress, if not nil, is called after each Bundle.
	Progress func(Progress)
	// Site is the site's canonical base, identifier systems and ODS code:
	// the resources are written as an identifiable export writes them.
	// Without its local number system (local_number_system), a version of
	// a patient identified only by a local number is kept here, not sent
	// (Report.NoLocalSystem): sent with no system, no machine could find
	// it by the patient's local number.
	Site fhir.Site
	// SiteConfig is the site config file's path, named where a setting
	// it lacks is said ("" when none was read).
	SiteConfig string
	// Attempts is how many times a Bundle that fails for a reason that
	// may pass (no answer, 429, 5xx) is tried (5 when 0), waiting Backoff
	// (1s when 0), doubling, in between.
	Attempts int
	Backoff  time.Duration
	// Waiting, if not nil, is told before each wait between tries of a
	// Bundle (or the Questionnaire): what failed, which try it was of how
	// many, and how long until the next, so a push against a failing
	// server is never silent.
	Waiting func(Retry)
	// MaxWait, if not 0, bounds how long one Bundle (or the
	// Questionnaire) is tried, counted from its first try: the read of the
	// store before it does not count, and one try is always made. A try
	// whose wait would end past it is not made, and the push stops,
	// saying so.
	MaxWait time.Duration
	// TestServer says the server is a test server, which may be sent
	// synthetic records; without it they are refused (ErrSynthetic).
	TestServer bool
	// WaitForOther is how long to wait for another push of the store to
	// the same server to finish (store.ErrPushing) before giving up: a
	// push run by hand waits for the one after a save; the one after a
	// save does not wait (0), as the next save or push sends the rest.
	WaitForOther time.Duration
	// CheckServer asks the server, before anything is sent, whether it
	// still holds each assessment it accepted from this store: one it
	// lacks (the server restored from an older backup, or emptied) is
	// sent again, every version of it, as if never sent (with DryRun,
	// its Bundles printed and counted as would be sent, the push state
	// left as it is: Report.Lost); one it holds at an earlier version
	// than the latest it accepted from here (restored from a backup made
	// before an amendment or void was sent) is sent those versions
	// again. NoticeShort asks only how many
	// assessments the server holds (one request), and checks each when
	// that is fewer than it accepted from this store; a server that does
	// not answer that is not checked.
	CheckServer, NoticeShort bool
	// Asking, if not nil, is told how many of the assessments the
	// server accepted from this store it has been asked of (CheckServer,
	// or NoticeShort finding it short), of how many: 0 before the first
	// search, then after each, up to all. A search of 50 takes a second
	// or more on a loaded server, and a store of thousands of
	// assessments took minutes with nothing said.
	Asking func(done, total int)
}

// dryAfter starts the If-Match a dry run prints for a version after one
// it would send: W/"after RECORD-ID", the version the server will give
// that one.
const dryAfter = "after "

// askEach is how many assessments one search asks the server of.
const askEach = 50

// Retry is a try that failed and the wait before the next.
type Retry struct {
	What    string // what was being sent
	Attempt int    // the try that failed, from 1
	Of      int    // how many tries at most
	Wait    time.Duration
	Err     error
}

// Progress is how far a push has gone.
type Progress struct {
	Done, Total int // versions settled (sent, found or failed) of those pending
	Sent, Found int // of Done: sent in this push, found already on the server
	Settled     int // of Done: a void over the server's void, settled unasked
	Bundles     int // Bundles sent so far
	Waits       int // of Done: versions made here that wait on another machine's the server lacks
}

// Report is what a push did.
type Report struct {
	Pending int // versions not yet accepted when the push began
	Sent    int // versions the server accepted in this push
	Found   int // versions the server already had (an answer lost before)
	Bundles int // transaction Bundles the server accepted (a failed try is none)
	// Settled counts versions of this machine's that meet the server's
	// void with a void (Agreed, HeldVoids): settled by the push itself,
	// set aside and not sent, no failure.
	Settled int
	// Failed are the versions not sent, each with why: conflicts and
	// refusals. Later versions of the same assessment wait behind them.
	Failed []Failure
	// Conflicts are the versions not sent because their assessment was
	// changed on another machine: found in this push or an earlier one
	// (store.Conflicts), kept here and not sent again, said every time.
	Conflicts []store.Conflict
	// InConflict counts the versions of Conflicts' lines, the version
	// in conflict and any after it: no push sends them until the
	// conflict is settled (a push stopped said "run digicheck push
	// again to send them" of these too).
	InConflict int
	// Waiting counts versions not sent because an earlier version of
	// their assessment failed or the push stopped.
	Waiting int
	// Agreed counts voids made here of an assessment the server holds
	// voided by another machine: the same outcome, no conflict. The
	// server's void is kept here over this machine's (store.KeepServer),
	// and nothing is sent.
	Agreed int
	// AgreedHeld counts those of Agreed made on another machine and held
	// here (a void read from a server): never said "made here".
	AgreedHeld int
	// HeldVoids are the voids over voids settled by keeping the server's
	// void where it stands, when it could not be taken in here (it is
	// this machine's own, set aside when another server's void was kept
	// over it, say): both hold the assessment entered in error, so
	// nothing is sent over it, and this machine's versions the server
	// never took are set aside for that server (store.KeepServerVoid),
	// with no one asked to settle it by hand.
	HeldVoids []HeldVoid
	// NoLocalSystem are the versions kept here, not sent, as their
	// patient is identified only by a local number and Site has no
	// local number system: said once, sent by the push after the
	// setting is made. Counted in Pending.
	NoLocalSystem []record.ID
	// Cleared are conflicts kept here from an earlier push whose very
	// version the server holds now (another machine settled them there
	// by keeping it): accepted as there, counted in Found.
	Cleared []store.Conflict
	// NoConflict are conflicts kept here from an earlier push that were
	// none: the server held an earlier version of the line the version
	// rests on (it went back), and the version waits on another
	// machine's that the server lacks, no longer listed as a conflict.
	NoConflict []store.Conflict
	// Checked says the server was asked of each assessment it accepted
	// from this store whether it holds it (Options.CheckServer, or
	// NoticeShort finding it short); Counted that it was asked how many
	// it holds, and held no fewer.
	Checked, Counted bool
	// NotChecked is why each assessment a plain push (NoticeShort) asked
	// of could not be checked now (ErrCouldNotCheck, its history not
	// read): Checked is unset, and the push went on to send what is
	// pending. push --check-server stops on it instead.
	NotChecked []error
	// NotCheckedHeld are the versions of those assessments this push
	// had to send, held back (counted in Pending, not sent).
	NotCheckedHeld []record.ID
	// NotAsked is why a plain push (NoticeShort) could not ask the
	// server how many assessments it holds, or whether it holds the
	// newest accepted from here (a 503, no answer in time): whether it
	// lost any is not known, and the push went on unchecked.
	NotAsked error
	// DryAfter counts the versions a dry run printed with If-Match
	// W/"after RECORD-ID" (Options.DryRun): not a version the server
	// holds, but the one it will give that record once sent.
	DryAfter int
	// Newest, when not 0, is how many assessments the server was asked
	// of by a push that does not check each (NoticeShort): those with
	// the newest versions accepted from this store, which a server
	// restored from an older backup loses first. It held them all, as
	// accepted from here (else each was asked of, and Checked is set).
	Newest int
	// Lost counts the versions the server had accepted from this store
	// that it no longer holds (their assessments, or, with CheckServer,
	// the later versions of an assessment it holds at an earlier one):
	// sent again by this push (counted in Pending), or with DryRun would
	// be. LostAssessments counts their assessments.
	Lost, LostAssessments int
	// LostCopied counts the assessments of which the server lacks a
	// version read from it (made on another machine) that versions made
	// here, and accepted there, rest on: the copy is not sent from here,
	// as the machine that made it holds it as made and sends it again;
	// this machine's versions after it wait for it. Its own versions
	// before it are sent again (counted in Lost).
	LostCopied int
	// LostCopies names, for each of LostCopied, the version read from
	// the server that this machine's rest on and the server lacks: the
	// machine that made it sends it again (its push --check-server),
	// then this machine's push --check-server sends its own.
	LostCopies []LostCopy
	// WaitOnOther counts this machine's versions, accepted by the
	// server before and lost there, that wait on a version made on
	// another machine (LostCopies): not sent by this push, and not
	// counted in Pending; the push fails (ErrWaitsOnOther) while any do.
	WaitOnOther int
	// waitsOnly counts the assessments of WaitOnOther none of whose
	// versions are among Lost.
	waitsOnly int
}

// Waits counts every version this push left waiting on a version made on
// another machine that the server lacks: those the server lost
// (WaitOnOther) and those met so as they were sent (each a Failure of
// ErrWaitsOnOther), as the words after the push count them. A push's
// first line said "1 waits" where those words said 2 versions wait on the
// same record: an amendment saved since was counted as not sent.
func (r Report) Waits() int {
	n := r.WaitOnOther
	for _, f := range r.Failed {
		if errors.Is(f.Err, ErrWaitsOnOther) {
			n++
		}
	}
	return n
}

// LostAll counts the versions the server accepted from this store and no
// longer holds, and their assessments: those sent again (Lost) and those
// that wait on another machine's (WaitOnOther) together. "No longer holds
// 1 record version of 1 assessment" was said of a server that had lost 3.
func (r Report) LostAll() (versions, assessments int) {
	return r.Lost + r.WaitOnOther, r.LostAssessments + r.waitsOnly
}

// LostCopy is an assessment the server no longer holds whose versions
// made here rest on a version made on another machine (Report.LostCopies).
type LostCopy struct {
	Assessment record.ID
	// Base is the newest version read from the server that this
	// machine's versions rest on; Clinician (who made it, "" if no one
	// is named), Team and Made (when) are all it says of whose machine
	// sends it: nothing in a record, or in its FHIR resource, names the
	// machine that made it.
	Base      record.ID
	Clinician string
	Team      string
	Made      time.Time
	// Waiting counts this machine's versions of the assessment that the
	// server lost and that wait on Base.
	Waiting int
}

// HeldVoid is a void over a void the push settled by keeping the
// server's void where it stands (Report.HeldVoids).
type HeldVoid struct {
	Assessment    record.ID
	Server        record.Record   // the server's void, as it holds it
	ServerVersion string          // its version id there
	Current       record.Record   // this machine's current version, a void
	Aside         []record.Record // set aside for the server, oldest first
}

// ConflictMessage says plainly what a conflict means, with the server's
// version: who made it and when, when the server's resource says.
func ConflictMessage(c store.Conflict) string {
	return conflictMessage(c, false, "")
}

// ConflictMessageShort is ConflictMessage with the commands it offers
// naming c's record as short, the prefix that tells it apart in the store
// it is said of.
func ConflictMessageShort(c store.Conflict, short string) string {
	return conflictMessage(c, false, short)
}

// conflictMessage is ConflictMessage; dry says it of a dry run, which
// records and keeps nothing: what a push would keep.
//
// short names c's record in the commands it offers ("": its first 13
// characters).
func conflictMessage(c store.Conflict, dry bool, short string) string {
	kept, current := "is kept locally and not sent", "is current here only, kept locally and not sent"
	if dry {
		kept, current = "would be kept here and not sent", "is current here only, and would be kept here and not sent"
	}
	theirs := questionnaire.Printable(c.ServerVersion) // kept by an earlier build as the server sent it
	if theirs == "" {
		theirs = "unknown"
	}
	if !c.ServerRecord.IsZero() {
		theirs += " (record " + c.ServerRecord.String() + ")"
	}
	if c.ServerClinician != "" {
		theirs += " by " + questionnaire.PrintableTyped(c.ServerClinician)
	}
	if !c.ServerTime.IsZero() {
		theirs += " at " + c.ServerTime.Local().Format("2006-01-02 15:04")
	}
	what := c.What
	if what == "" {
		what = "version"
	}
	// Whose the version held here is: this machine's, or one made on
	// another machine and read here ("this machine's amendment" was
	// said of a nurse's made on another machine).
	mine := fmt.Sprintf("this machine's %s %s", what, c.Record)
	if c.MadeBy != "" {
		mine = fmt.Sprintf("the %s %s, made by %s on another machine and held here,", what, c.Record, questionnaire.PrintableTyped(c.MadeBy))
	}
	rests := ""
	if !c.Refused.IsZero() {
		rw := c.RefusedWhat
		if rw == "" {
			rw = "version"
		}
		rests = fmt.Sprintf(", nor its %s %s that it rests on", rw, c.Refused)
		if c.RefusedBy != "" {
			rests = fmt.Sprintf(", nor the %s %s that it rests on, made by %s on another machine", rw, c.Refused, questionnaire.PrintableTyped(c.RefusedBy))
		}
	}
	if c.ServerLacks {
		return LacksWordsShort(c, mine, kept, short)
	}
	if c.NotTakenIn && c.MadeBy != "" && c.Refused.IsZero() {
		// A copy read from a server whose newer state could not be
		// taken in over it: nothing of this machine's is in it, so
		// nothing is kept back from the server, and only taking the
		// server's version in settles it (keeping the copy would send
		// another machine's older version again, in its maker's name).
		state := "a newer state of assessment " + c.Assessment.String()
		if c.ServerVoided {
			state = "assessment " + c.Assessment.String() + " ENTERED IN ERROR: " + VoidedWords(c) + ","
		}
		return fmt.Sprintf("the FHIR server holds %s (its version %s), which this machine could not take in over the %s %s held here: that is a copy read from a FHIR server, made by %s on another machine, with nothing of this machine's in it to keep or send, and taking the server's version in settles it", state, theirs, what, c.Record, questionnaire.PrintableTyped(c.MadeBy))
	}
	if c.ServerVoided {
		// Found said as "changed" while this machine showed its
		// amendment as current: the void is what matters most.
		if c.NotTakenIn {
			return fmt.Sprintf("the FHIR server holds assessment %s ENTERED IN ERROR: %s (its version %s), which this machine could not take in: %s %s%s", c.Assessment, VoidedWords(c), theirs, mine, current, rests)
		}
		return fmt.Sprintf("the FHIR server holds assessment %s ENTERED IN ERROR: %s (its version %s); %s %s%s", c.Assessment, VoidedWords(c), theirs, mine, kept, rests)
	}
	if c.ServerOwn && !c.NotTakenIn {
		return fmt.Sprintf("the FHIR server holds assessment %s as this machine sent it before (its version %s), not as this machine holds it now, since a conflict with another server was settled here; %s %s%s", c.Assessment, theirs, mine, kept, rests)
	}
	if c.NotTakenIn {
		return fmt.Sprintf("the FHIR server holds a newer state of assessment %s that this machine could not take in (its version %s): it was changed on another machine on a version this machine never had; %s %s%s", c.Assessment, theirs, mine, kept, rests)
	}
	return fmt.Sprintf("assessment %s was changed on another machine; its server version is %s; %s %s%s", c.Assessment, theirs, mine, kept, rests)
}

// LacksWords says conflict c when the server no longer holds the version
// it is in conflict with (Conflict.ServerLacks; nor, perhaps, anything
// of its assessment): that version is gone, and what to run where. mine is the version held
// here, as conflictMessage names it, and kept what is done with it.
// Said as a conflict with that version, the way out was not said: no
// settle can read it until the machine that made it sends it again.
func LacksWords(c store.Conflict, mine, kept string) string {
	return LacksWordsShort(c, mine, kept, "")
}

// LacksWordsShort is LacksWords with the commands it offers naming c's
// record as short, the prefix that tells it apart in the store it is said
// of ("": its first 13 characters, which two versions made in one
// millisecond share).
func LacksWordsShort(c store.Conflict, mine, kept, short string) string {
	theirs := "its version " + questionnaire.Printable(c.ServerVersion)
	if !c.ServerRecord.IsZero() {
		theirs += " (record " + c.ServerRecord.String()
		if c.ServerClinician != "" {
			theirs += " by " + questionnaire.PrintableTyped(c.ServerClinician)
		}
		if !c.ServerTime.IsZero() {
			theirs += " at " + c.ServerTime.Local().Format("2006-01-02 15:04")
		}
		theirs += ")"
	}
	if short == "" {
		short = c.Record.String()[:record.ShownIDLen]
	}
	return fmt.Sprintf("the FHIR server no longer holds %s of assessment %s, made on another machine, that %s is in conflict with (the server was emptied, or restored from an older backup); it %s: the conflict stands. Nothing can be settled with that version until that machine sends its versions again: on that machine run digicheck push --check-server; then here, see both versions again, and settle:\n    digicheck push --conflicts\n%s",
		theirs, c.Assessment, mine, kept, OtherLostWayOut(short, c.What == "void"))
}

// OtherLostWayOut is the way out of a conflict whose server's version the
// server no longer holds (LacksWords) when the machine that made it will
// never send it again: the settles with --other-version-lost, for record
// short, and what each does. Without it, a laptop lost, stolen or wiped
// left the other's correction in conflict for good, with no way out said.
// Where this machine's version is a void (void), only keeping it is
// offered: no amendment is made on a void, so keeping the server's
// version, saved again on it, is refused.
func OtherLostWayOut(short string, void bool) string {
	if void {
		return fmt.Sprintf("If that machine will never send it again (lost, stolen or wiped), settle here without it, saying what is not kept, that version among it, which no server holds then. To keep this machine's void, sent on the version the server holds now:\n    digicheck push --resolve %s --keep-mine --other-version-lost\nRun it only once it is sure that machine will never send its version again", short)
	}
	return fmt.Sprintf("If that machine will never send it again (lost, stolen or wiped), settle here without it; either settle says what it does not keep, that version among it, which no server holds then. To keep this machine's version, sent on the version the server holds now:\n    digicheck push --resolve %s --keep-mine --other-version-lost\nTo keep the server's current version, saved again on this machine's and sent with it (this machine's versions then stand in the history only):\n    digicheck push --resolve %s --keep-server --other-version-lost\nRun either only once it is sure that machine will never send its version again", short, short)
}

// VoidedWords says a void on the server in words: by whom and why.
func VoidedWords(c store.Conflict) string {
	s := "voided on another machine"
	if c.ServerOwn {
		// This machine's own void, sent there before a conflict with
		// another server was settled here.
		s = "voided on this machine"
	}
	if c.ServerClinician != "" {
		s += " by " + questionnaire.PrintableTyped(c.ServerClinician)
	}
	if r := strings.TrimSpace(c.ServerVoidReason); r != "" {
		s += ", reason: " + questionnaire.PrintableTyped(r)
	}
	return s
}

// Failure is a version the server did not accept.
type Failure struct {
	Record     record.ID
	Assessment record.ID
	Err        error
}

// ErrSynthetic is returned, wrapped, for a push of synthetic test records
// to a server not said to be a test server: made-up patients on a trust's
// server would be counted by summary --server with the real ones.
var ErrSynthetic = errors.New("synthetic test records are not sent to a trust's server")

// ErrNoLocalSystem is returned, wrapped, when versions were kept back as
// their patient is identified only by a local number and the site config
// sets no local_number_system (Report.NoLocalSystem).
var ErrNoLocalSystem = errors.New("records identified only by a local number are not sent without the site's local_number_system")

// ErrWaitsOnOther is returned, wrapped (with ErrNotAllSent), when versions
// made here that the server lost wait on a version made on another machine
// that the server lacks too (Report.LostCopies): that machine's push
// --check-server sends it again, then this machine's sends them.
var ErrWaitsOnOther = errors.New("record versions made here wait on a version the server lacks, made on another machine")

// ErrNotAllSent is returned, wrapped, when any version was not sent.
var ErrNotAllSent = errors.New("not every record version was sent")

// Run pushes every version the server behind c has not accepted. It returns
// the report and, when anything was not sent, an error wrapping
// ErrNotAllSent (or the error that stopped it) that says how many and why.
func Run(ctx context.Context, st *store.Store, c *fhirclient.Client, o Options) (Report, error) {
	if o.Batch <= 0 {
		o.Batch = DefaultBatch
	}
	if o.Attempts <= 0 {
		o.Attempts = DefaultAttempts
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	p := &pusher{st: st, c: c, o: o, server: c.Base()}
	if !o.TestServer && o.DryRun == nil {
		syn, err := st.SyntheticData()
		if err != nil {
			return p.rep, err
		}
		if syn {
			return p.rep, fmt.Errorf("%w: this store holds synthetic test data (made by digicheck synthetic), whose made-up patients summary --server would count with the real ones on %s; if that is a test server, push with --test-server", ErrSynthetic, p.server)
		}
	}
	if o.DryRun == nil {
		// One push of a store to a server at a time: two could both
		// send a version the server does not have yet.
		lease, err := st.StartPush(p.server)
		if errors.Is(err, store.ErrPushing) && o.WaitForOther > 0 && o.Waiting != nil {
			o.Waiting(Retry{What: "the push of this store", Attempt: 1, Of: 1, Wait: o.WaitForOther, Err: err})
		}
		for deadline := time.Now().Add(o.WaitForOther); errors.Is(err, store.ErrPushing) && time.Now().Before(deadline); {
			select {
			case <-ctx.Done():
				return p.rep, err
			case <-time.After(200 * time.Millisecond):
			}
			lease, err = st.StartPush(p.server)
		}
		if err != nil {
			return p.rep, err
		}
		defer lease.Release()
		p.lease = lease
	}
	if o.DryRun == nil {
		p.takeIn(ctx)
	}
	if err := p.check(ctx); err != nil {
		return p.rep, err
	}
	// Every record is read before the first try: how far is said to the
	// progress function ctx carries (store.WithCheckProgress).
	var chains []store.PushChain
	var err error
	if o.DryRun != nil && len(p.lostVersions) > 0 {
		// What the server lost is sent again by the push: "0 record
		// versions would be sent" was said of a server that had lost
		// one, which the push then sent.
		chains, err = st.PushPendingLost(ctx, p.server, p.lostVersions)
	} else {
		chains, err = st.PushPendingContext(ctx, p.server)
	}
	if err != nil {
		return p.rep, err
	}
	for _, ch := range chains {
		p.rep.Pending += len(ch.Pending)
	}
	if p.unreached != nil {
		// Not asked what it holds, as a failure of another kind
		// leaves it; and with anything to send, none sent: said as a
		// push whose Bundle met the same says it, after the check's
		// tries alone.
		p.rep.NotAsked = p.unreached
		if p.rep.Pending > 0 {
			return p.rep, p.finish(p.unreached)
		}
	}
	chains = p.holdUnchecked(chains)
	if p.rep.Pending == 0 || len(chains) == 0 {
		// Versions waiting on another machine's are not sent, and the
		// push is not done while they wait (it ended 0 with them).
		return p.rep, p.finish(nil)
	}
	if o.Site.LocalSystem == "" {
		chains = p.holdLocal(chains)
		if len(chains) == 0 {
			return p.rep, p.finish(nil)
		}
	}
	err = p.run(ctx, chains)
	return p.rep, p.finish(err)
}

// check asks the server whether it still holds the assessments it accepted
// from this store (Options.CheckServer, NoticeShort), and forgets that it
// accepted the versions of each it lacks, so that they are sent again: a
// server restored from an older backup, or restarted empty, was never
// refilled, every version here being marked as accepted there. A version
// the server holds after all is found there and marked, not sent twice.
func (p *pusher) check(ctx context.Context) error {
	if !p.o.CheckServer && !p.o.NoticeShort {
		return nil
	}
	pushed, err := p.st.PushedAssessments(p.server)
	if err != nil || len(pushed) == 0 {
		return err
	}
	if !p.o.CheckServer {
		// Tried again as a Bundle is: one 503, or a 429 asking a
		// second's wait, ended the check at once.
		var n int
		var given bool
		err := p.retry(ctx, "the count of the assessments the server holds", func() (err error) {
			n, given, err = p.c.Total(ctx, "QuestionnaireResponse")
			return err
		})
		if err != nil && ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil && p.o.DryRun == nil && fhirclient.Temporary(err) {
			// Every try failed as a Bundle's would (not reached, or
			// 503 or 429 each time): the push ends without sending
			// (Run). It went on to try each Bundle as often again,
			// and said the same after twice the wait.
			p.unreached = err
			return nil
		}
		if err != nil {
			// Not answered: the push goes on, unchecked, and says so
			// (it said only "nothing was checked", and ended 0).
			p.rep.NotAsked = err
			return nil
		}
		if !given || n >= len(pushed) {
			// No fewer in all says nothing of this store's: on a
			// server other machines push to, theirs made up the count
			// while this store's newest assessment was gone. A restore
			// from an older backup loses the newest first: the server
			// is asked of those (one search), and of each when it
			// lacks any of them.
			newest := newestPushed(pushed, askNewest)
			holds, err := p.holds(ctx, newest, pushed)
			if err != nil && ctx.Err() != nil {
				return ctx.Err()
			}
			if err != nil {
				p.rep.NotAsked = err // as above
				return nil
			}
			if holds {
				p.rep.Counted = given
				if len(newest) == len(pushed) {
					p.rep.Checked = true // asked of each
				} else {
					p.rep.Newest = len(newest)
				}
				return nil
			}
		}
	}
	ids := make([]string, 0, len(pushed))
	for a := range pushed {
		ids = append(ids, a.String())
	}
	slices.Sort(ids)
	held := make(map[string]fhirclient.Resource, len(ids))
	asking := p.o.Asking
	if asking == nil {
		asking = func(int, int) {}
	}
	asking(0, len(ids))
	for i := 0; i < len(ids); i += askEach {
		part := ids[i:min(i+askEach, len(ids))]
		got, err := p.current(ctx, part)
		if err != nil && !p.o.CheckServer && ctx.Err() == nil {
			// A plain push leaves the assessments of this search
			// unchecked, as it does one whose history did not
			// answer: a busy server's 503 stopped it with nothing
			// sent, today's new assessments included.
			for _, id := range part {
				if a, perr := record.ParseID(id); perr == nil {
					p.notChecked(&couldNotCheck{assessment: a, server: p.server, what: "its current version of the assessment", err: err})
				}
			}
			asking(i+len(part), len(ids))
			continue
		}
		if err != nil {
			return fmt.Errorf("could not ask %s which of the assessments it accepted from this store it holds: %w", p.server, &askError{err})
		}
		maps.Copy(held, got)
		asking(i+len(part), len(ids))
	}
	var lost []record.ID
	nv := 0
	for _, id := range ids {
		a, err := record.ParseID(id)
		if err != nil {
			return err
		}
		if p.unchecked[a] {
			continue
		}
		if res, ok := held[id]; ok {
			// Held, but perhaps at an earlier version than it accepted
			// from here: restored from a backup made before an
			// amendment or void was sent, it holds as many assessments
			// as before, and the later versions are gone.
			later, waits, err := p.laterLost(ctx, a, res, pushed[a])
			if err != nil && ctx.Err() != nil {
				// Stopped (Ctrl+C): every history after this one
				// fails at once, and none is left "unchecked" by a
				// push that went on, as it goes no further.
				return ctx.Err()
			}
			if err != nil && !p.o.CheckServer && errors.Is(err, ErrCouldNotCheck) {
				// A plain push leaves this one unchecked, says so,
				// and goes on to send what is pending of the others:
				// one history that did not answer stopped it, and
				// nothing new was sent. Its own versions are held
				// back (holdUnchecked). Only --check-server stops on
				// it.
				p.notChecked(err)
				continue
			}
			if err != nil {
				return err
			}
			if waits != nil {
				p.rep.LostCopied++
				p.rep.LostCopies = append(p.rep.LostCopies, *waits)
				p.rep.WaitOnOther += waits.Waiting
				if waits.Waiting > 0 && len(later) == 0 {
					p.rep.waitsOnly++
				}
			}
			if len(later) > 0 {
				lost = append(lost, a)
				nv += len(later)
				p.lostVersions = append(p.lostVersions, later...)
			}
			continue
		}
		lc, copied, err := p.restsOnCopies(a)
		if err != nil {
			return err
		}
		if copied {
			// This machine's own versions before the first copy (its
			// first version, say, amended on another machine and
			// amended here again on a copy of that) are sent again:
			// held back with the rest, neither machine sent anything,
			// in any order. The rest wait for the copy.
			own := ownBefore(lc.Base, pushed[a], p.line)
			if len(own) > 0 {
				lost = append(lost, a)
				nv += len(own)
				p.lostVersions = append(p.lostVersions, own...)
			}
			lc.Waiting = len(pushed[a]) - len(own)
			// Sent alone, this machine's versions would give the
			// server the amendment with nothing before it; the copy
			// is not sent from here either, as this machine holds it
			// as read, not as made (the site, organisation and
			// identifiers it was sent with are the other machine's).
			// Once that machine has sent it again, the check above
			// finds it held at an earlier version and sends these.
			p.rep.LostCopied++
			p.rep.LostCopies = append(p.rep.LostCopies, lc)
			p.rep.WaitOnOther += lc.Waiting
			if lc.Waiting > 0 && len(own) == 0 {
				p.rep.waitsOnly++
			}
			continue
		}
		lost = append(lost, a)
		nv += len(pushed[a])
		p.lostVersions = append(p.lostVersions, pushed[a]...)
	}
	// Asked of each, and each answered: never said checked when a
	// history could not be read (an error above, or NotChecked).
	p.rep.Checked = len(p.rep.NotChecked) == 0
	p.rep.LostAssessments = len(lost)
	p.rep.Lost = nv
	if p.o.DryRun != nil {
		// Nothing is forgotten: the dry run reads what is pending as
		// if it were (lostVersions), and counts them among what would
		// be sent, as the push sends them. Nor are the Questionnaires,
		// which the push forgets with them and reads back.
		p.questionnairesLost = len(p.lostVersions) > 0
		return nil
	}
	// The versions it lacks are forgotten, and no others: a line made
	// on two machines holds versions this store does not send between
	// its own, and the versions before those it lacks are on the
	// server. (A version the server holds after all is found there by
	// the push, and marked again, not sent twice.)
	_, err = p.st.ForgetPushedVersions(p.server, p.lostVersions)
	return err
}

// ErrCouldNotAsk is returned, wrapped, when push --check-server (Options.
// CheckServer) could not ask the server which of the assessments it
// accepted from this store it holds (a search not answered): nothing was
// sent, and the check is to be run again.
var ErrCouldNotAsk = errors.New("could not ask the server which assessments it holds")

// askError is ErrCouldNotAsk with the server's answer, said as that.
type askError struct{ err error }

func (e *askError) Error() string   { return e.err.Error() }
func (e *askError) Unwrap() []error { return []error{ErrCouldNotAsk, e.err} }

// notChecked notes an assessment a plain push could not check now
// (err is a couldNotCheck): said, and its versions held back.
func (p *pusher) notChecked(err error) {
	p.rep.NotChecked = append(p.rep.NotChecked, err)
	var e *couldNotCheck
	if errors.As(err, &e) {
		if p.unchecked == nil {
			p.unchecked = map[record.ID]bool{}
		}
		p.unchecked[e.assessment] = true
	}
}

// holdUnchecked keeps back the versions of each assessment a plain push
// could not check now (Report.NotCheckedHeld): sent, an amendment went
// with If-Match on a version the server may have lost, the very loss the
// check is there to catch, and met a conflict to settle by hand where the
// check would have held it back and said what to run. The next push that
// checks it sends them. It returns the chains with anything left to send.
func (p *pusher) holdUnchecked(chains []store.PushChain) []store.PushChain {
	if len(p.unchecked) == 0 {
		return chains
	}
	kept := chains[:0]
	for _, ch := range chains {
		if !p.unchecked[ch.Assessment] {
			kept = append(kept, ch)
			continue
		}
		p.stop(&ch, stop{assessment: ch.Assessment, err: ErrCouldNotCheck})
		for _, r := range ch.Pending {
			p.rep.NotCheckedHeld = append(p.rep.NotCheckedHeld, r.ID)
		}
	}
	return kept
}

// askNewest is how many assessments a push that does not check each asks
// the server of: those with the newest versions accepted from this store.
const askNewest = 10

// newestPushed is the n assessments of pushed whose newest version
// accepted is newest (record ids are made in time order), newest first.
func newestPushed(pushed map[record.ID][]record.ID, n int) []record.ID {
	latest := make(map[record.ID]record.ID, len(pushed))
	out := make([]record.ID, 0, len(pushed))
	for a, vs := range pushed {
		for _, v := range vs {
			if l := latest[a]; bytes.Compare(v[:], l[:]) > 0 {
				latest[a] = v
			}
		}
		out = append(out, a)
	}
	slices.SortFunc(out, func(x, y record.ID) int {
		lx, ly := latest[x], latest[y]
		return bytes.Compare(ly[:], lx[:])
	})
	return out[:min(n, len(out))]
}

// holds reports whether the server holds each of these assessments at the
// latest version it accepted from this store (pushed), asked in one
// search, by the rule the check of each applies (laterLost): one it lacks
// whose versions here rest on copies read from it counts as lacking, and
// so does one it holds whose later versions made here wait on a version
// made on another machine that it lacks, for the check of each to say.
// (That one was counted as held, and a plain push said the server still
// held the newest assessments "as sent".)
func (p *pusher) holds(ctx context.Context, assessments []record.ID, pushed map[record.ID][]record.ID) (bool, error) {
	ids := make([]string, len(assessments))
	for i, a := range assessments {
		ids[i] = a.String()
	}
	got, err := p.current(ctx, ids)
	if err != nil {
		return false, err
	}
	for _, a := range assessments {
		res, ok := got[a.String()]
		if !ok {
			return false, nil
		}
		later, waits, err := p.laterLost(ctx, a, res, pushed[a])
		if err != nil {
			return false, err
		}
		if len(later) > 0 || waits != nil {
			return false, nil
		}
	}
	return true, nil
}

// current is the server's current version of each of these assessments
// it holds (one search), tried again as a Bundle is (retry): one 503, or
// a 429 asking a second's wait, ended the check at once.
func (p *pusher) current(ctx context.Context, ids []string) (map[string]fhirclient.Resource, error) {
	var got map[string]fhirclient.Resource
	err := p.retry(ctx, fmt.Sprintf("the search of %s the server accepted from here", plural(len(ids), "1 assessment", fmt.Sprintf("%d assessments", len(ids)))), func() (err error) {
		got, err = p.c.Current(ctx, "QuestionnaireResponse", ids)
		return err
	})
	return got, err
}

// laterLost is the versions of the assessment that the server accepted
// from this store (pushed) that come after the one it holds as current
// (res): none when it holds the latest of them, or a version this store
// does not hold (made on another machine since, which is no loss). The
// version it holds may be one read from it (a copy, made on another
// machine): an amendment or void made here on that copy, and accepted,
// is lost when the server holds the copy's version again (sent again by
// the machine that made it after the server was emptied, or restored
// from a backup made before): found saying the server held every
// assessment it accepted from here, while it showed the uncorrected
// answers, or a wrong-patient assessment as current. waits, when not
// nil, is the version made on another machine, read from the server, that
// the server lacks and this machine's later versions wait on: the check of
// each (push --check-server) and the plain push's check of the newest
// both go by it.
func (p *pusher) laterLost(ctx context.Context, assessment record.ID, res fhirclient.Resource, pushed []record.ID) (later []record.ID, waits *LostCopy, err error) {
	r, ok, err := fhir.RecordIn(res.JSON)
	if err != nil || !ok {
		return nil, nil, nil
	}
	if len(pushed) == 1 && pushed[0] == r.ID {
		return nil, nil, nil // it holds the one version sent from here
	}
	line, err := p.st.Versions(assessment)
	if err != nil {
		return nil, nil, err
	}
	at := slices.IndexFunc(line, func(v record.Record) bool { return v.ID == r.ID })
	if at < 0 {
		later, err := p.lostUnder(ctx, assessment, pushed)
		return later, nil, err
	}
	ids := make([]record.ID, 0, len(line)-at-1)
	for _, v := range line[at+1:] {
		ids = append(ids, v.ID)
	}
	from, err := p.st.CopySources(ids)
	if err != nil {
		return nil, nil, err
	}
	for i, v := range line[at+1:] {
		if src, ok := from[v.ID]; ok && strings.TrimRight(src, "/") == strings.TrimRight(p.server, "/") {
			// A version read from the server, made on another
			// machine, that the server lacks: this machine's after it
			// wait for it (sent before it, they met the server's
			// earlier version as a conflict). Named, if any wait.
			n := 0
			for _, w := range line[at+1+i:] {
				if slices.Contains(pushed, w.ID) {
					n++
				}
			}
			if n > 0 {
				waits = &LostCopy{Assessment: assessment, Base: v.ID, Clinician: v.Clinician, Team: v.Team, Made: v.Time, Waiting: n}
			}
			break
		}
		if slices.Contains(pushed, v.ID) {
			later = append(later, v.ID)
		}
	}
	return later, waits, nil
}

// lostUnder is the versions of the assessment the server accepted from
// this store (pushed) that its history no longer holds, when it holds as
// current a version this store lacks (made on another machine): none when
// its line holds each of them (amended elsewhere since, which is no
// loss). Restored from a backup made before this machine's amendment or
// void, the server took another machine's amendment of the version before
// it; every push said the server held every assessment it accepted from
// here, while the correction, or the void of a wrong-patient assessment,
// was gone from the shared record. Sent again, the first of them meets
// the server's newer version, a conflict listed by push --conflicts with
// both, settled by hand. A history that cannot be read is an error
// (ErrCouldNotCheck): whether the server holds them is not known, and it
// was counted as held, so push --check-server said the server held every
// assessment it accepted from here when it could not check.
func (p *pusher) lostUnder(ctx context.Context, assessment record.ID, pushed []record.ID) ([]record.ID, error) {
	hist, err := p.c.History(ctx, "QuestionnaireResponse", assessment.String())
	if err != nil {
		return nil, &couldNotCheck{assessment: assessment, server: p.server, err: err}
	}
	held := make(map[record.ID]bool, len(hist))
	for _, h := range hist {
		if r, ok, err := fhir.RecordIn(h.JSON); err == nil && ok {
			held[r.ID] = true
		}
	}
	var lost []record.ID
	for _, v := range pushed {
		if !held[v] {
			lost = append(lost, v)
		}
	}
	return lost, nil
}

// ErrCouldNotCheck is returned, wrapped, when the server was asked whether
// it holds an assessment accepted from this store and its answer could not
// be read (its history of the assessment, say, with the server busy):
// nothing is taken as held, and the check is to be run again.
var ErrCouldNotCheck = errors.New("could not check what the server holds")

// couldNotCheck is ErrCouldNotCheck for one assessment, with why.
type couldNotCheck struct {
	assessment record.ID
	server     string
	what       string // what could not be read; its history when ""
	err        error
}

func (e *couldNotCheck) Error() string {
	what := e.what
	if what == "" {
		what = "its history of the assessment"
	}
	return fmt.Sprintf("could not check whether %s still holds the versions of assessment %s it accepted from this store: %s could not be read (%v). Nothing is taken as held; run digicheck push --check-server again when the server answers", e.server, e.assessment, what, e.err)
}

func (e *couldNotCheck) Unwrap() []error { return []error{ErrCouldNotCheck, e.err} }

// restsOnCopies reports whether any version of the assessment held here
// is a copy read from the server: made on another machine, whose versions
// this machine does not send. When so, lc names the first such copy (the
// one the server must hold again before this machine's versions after
// it can go) and who made it, and p.line is the assessment's versions.
func (p *pusher) restsOnCopies(assessment record.ID) (lc LostCopy, copied bool, err error) {
	vs, err := p.st.Versions(assessment)
	if err != nil {
		return lc, false, err
	}
	p.line = vs
	ids := make([]record.ID, len(vs))
	for i, v := range vs {
		ids[i] = v.ID
	}
	from, err := p.st.CopySources(ids)
	if err != nil {
		return lc, false, err
	}
	for _, v := range vs {
		if src, ok := from[v.ID]; ok && strings.TrimRight(src, "/") == strings.TrimRight(p.server, "/") {
			return LostCopy{Assessment: assessment, Base: v.ID, Clinician: v.Clinician, Team: v.Team, Made: v.Time}, true, nil
		}
	}
	return lc, false, nil
}

// ownBefore is those of pushed (versions the server accepted from here)
// that come before copy in line, oldest first.
func ownBefore(copy record.ID, pushed []record.ID, line []record.Record) []record.ID {
	var own []record.ID
	for _, v := range line {
		if v.ID == copy {
			break
		}
		if slices.Contains(pushed, v.ID) {
			own = append(own, v.ID)
		}
	}
	return own
}

// holdLocal keeps back, from the first of each chain's versions whose
// patient is identified only by a local number, the rest of the chain: the
// site sets no local number system, and a local number names a patient
// only within its organisation's system. Sent without one, no machine
// found the record by local number: a machine with the setting then said
// the server held none of the patient's assessments, and a second
// baseline was made. They stay here, and a push after the setting is
// made sends them. It returns the chains with anything left to send.
func (p *pusher) holdLocal(chains []store.PushChain) []store.PushChain {
	kept := chains[:0]
	for _, ch := range chains {
		at := slices.IndexFunc(ch.Pending, func(r record.Record) bool { return r.Patient.Kind == record.LocalID })
		if at < 0 {
			kept = append(kept, ch)
			continue
		}
		held := store.PushChain{Assessment: ch.Assessment, Pending: ch.Pending[at:]}
		p.stop(&held, stop{assessment: ch.Assessment, err: ErrNoLocalSystem})
		for _, r := range held.Pending {
			p.rep.NoLocalSystem = append(p.rep.NoLocalSystem, r.ID)
		}
		if ch.Pending = ch.Pending[:at]; len(ch.Pending) > 0 {
			kept = append(kept, ch)
		}
	}
	return kept
}

// takeIn reads again, from this server, each version taken in from it on
// settling a conflict by a digicheck that did not keep it as the server
// holds it, and keeps it so: then a push to another server sends that
// server the line this one holds, instead of refusing it. A version that
// cannot be read now is left for the next push; nothing here stops this
// one.
func (p *pusher) takeIn(ctx context.Context) {
	us, err := p.st.Untaken(p.server)
	if err != nil {
		return
	}
	for _, u := range us {
		res, err := p.c.VRead(ctx, "QuestionnaireResponse", u.Assessment.String(), u.Version)
		if err != nil {
			continue
		}
		if r, ok, err := fhir.RecordIn(res.JSON); err == nil && ok && r.ID == u.Record {
			p.st.TakeIn(p.server, r)
		}
	}
}

type pusher struct {
	// later counts, by why, the versions not sent because an earlier
	// version of their assessment was not: a conflict, a refusal, or a
	// line settled with another server (forked).
	later struct{ conflict, within, refused, forked, restsOn, waits int }
	// unrecorded are the conflicts a dry run met and did not record (by
	// store.Conflict.Record, as Report.Conflicts holds them).
	unrecorded map[record.ID]bool
	lease      *store.PushLease // nil in a dry run
	// questionnairesLost is set in a dry run whose check found versions
	// the server lost: the push forgets then that the server accepted
	// the Questionnaires (they went with them), and reads each back.
	questionnairesLost bool
	st                 *store.Store
	c                  *fhirclient.Client
	o                  Options
	server             string
	rep                Report
	// copiesHeld says, of each version read from the server that a
	// follow-up follows up, whether the server's history holds it
	// (copyLost), asked once a push.
	copiesHeld map[record.ID]bool
	// unchecked are the assessments a plain push could not check now
	// (Report.NotChecked), whose versions it holds back.
	unchecked map[record.ID]bool
	// unreached is why a plain push's check gave up on the server after
	// every try (it could not be reached, or answered 503 or 429 each
	// time): the push sends nothing then, as the Bundles would meet the
	// same, and it had tried the server for as long again.
	unreached error
	// known are the conflicts kept here when the push began: one whose
	// version is found on the server is said cleared.
	known map[record.ID]store.Conflict
	// acceptedNow are the versions accepted (sent or found) in this push,
	// or, in a dry run, that would be.
	acceptedNow map[record.ID]bool
	// sending are the versions this push has to send when it began
	// (made here, the server's acceptance of them unknown or forgotten
	// as lost): a version resting on one of them rests on this machine's
	// own, on its way, never on a change made elsewhere.
	sending map[record.ID]bool
	// stopped are the versions this push stopped short of sending, with
	// why: a follow-up resting on one is held back, and says why.
	stopped map[record.ID]stop
	// lostVersions are the versions the server accepted from this store
	// and no longer holds (check): in a dry run, counted as would be
	// sent, the store's push state being left as it is.
	lostVersions []record.ID
	// line is the versions of the assessment restsOnCopies read last.
	line []record.Record
	// behind are the conflicts kept here of versions that wait, in
	// their line, behind this machine's own versions the server lost,
	// sent again first (run): by the version in conflict.
	behind map[record.ID]store.Conflict
}

// stop is why a version was not sent: the conflict its line waits
// behind, when that is why.
type stop struct {
	conflict   *store.Conflict
	assessment record.ID
	err        error
}

// listed is how many failures, conflicts or waits finish names: the rest
// are counted, as a screenful says what is wrong.
const listed = 20

func (p *pusher) finish(err error) error {
	notSent := len(p.rep.Failed) + len(p.rep.Conflicts) + p.rep.Waiting + len(p.rep.NoLocalSystem) + len(p.rep.NotCheckedHeld) + p.rep.WaitOnOther
	// Those waiting on another machine's version are counted with the
	// rest: "Sent 0 of 0" was said of a push that left them.
	total := p.rep.Pending + p.rep.WaitOnOther
	if err != nil {
		// Those that wait are named too: with every Bundle refused,
		// they were counted and never said.
		var b bytes.Buffer
		p.waitsWords(&b)
		return fmt.Errorf("%s %s to %s: %w%s", OfVersions(total-p.rep.Sent-p.rep.Found, total), p.notSent(), p.server, err, b.String())
	}
	if notSent == 0 {
		return nil
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s to %s:", OfVersions(notSent, total), p.notSent(), p.server)
	p.waitsWords(&b)
	return p.notSentWords(&b)
}

// waitsWords says, once, what waits here on versions made on another
// machine that the server lacks too (Report.LostCopies, and the versions
// this push met resting on one: WaitsError), and what to run, there and
// here. A paragraph for each, alike but for the ids, pushed the count off
// a screen of 24 lines, and read as a machine each. Nothing in a record,
// or in its FHIR resource, says which machine made it (its id is random
// but for the time; the resource names the clinician, the team and the
// organisation): the paragraph says so, and names what the records do
// carry, for IT to find the machines by; one run of the check on each of
// them sends what it made, and harms nothing on one that made none.
func (p *pusher) waitsWords(b *bytes.Buffer) {
	var waits []LostCopy
	versions, checked := 0, false
	for _, lc := range p.rep.LostCopies {
		if lc.Waiting > 0 {
			waits = append(waits, lc)
			versions += lc.Waiting
			checked = true
		}
	}
	for _, f := range p.rep.Failed {
		if we := (*WaitsError)(nil); errors.As(f.Err, &we) {
			// The versions after it are said with the later ones.
			waits = append(waits, we.Copy)
			versions++
		}
	}
	if len(waits) == 0 {
		return
	}
	var bases []record.ID
	seen := map[record.ID]bool{}
	var names, teams []string
	unnamed := 0
	first, last := waits[0].Made, waits[0].Made
	for _, lc := range waits {
		if seen[lc.Base] {
			continue
		}
		seen[lc.Base] = true
		bases = append(bases, lc.Base)
		if lc.Clinician == "" {
			unnamed++
		} else if !slices.Contains(names, lc.Clinician) {
			names = append(names, lc.Clinician)
		}
		if lc.Team != "" && !slices.Contains(teams, lc.Team) {
			teams = append(teams, lc.Team)
		}
		if lc.Made.Before(first) {
			first = lc.Made
		}
		if lc.Made.After(last) {
			last = lc.Made
		}
	}
	one := len(bases) == 1
	ids := make([]string, 0, waitsNamed)
	for _, id := range bases[:min(len(bases), waitsNamed)] {
		ids = append(ids, id.String())
	}
	if n := len(bases) - len(ids); n > 0 {
		ids = append(ids, fmt.Sprintf("%d more", n))
	}
	fmt.Fprintf(b, "\n  %s made here %s on %s the server lacks too, read here from it and made on another machine: %s. Nothing here is in conflict.",
		plural(versions, "1 record version", fmt.Sprintf("%d record versions", versions)), plural(versions, "waits", "wait"),
		plural(len(bases), "1 record", fmt.Sprintf("%d records", len(bases))), andList(ids))

	// What the records carry: their clinicians, team and dates.
	var carry []string
	shown := make([]string, 0, len(names))
	for _, n := range names[:min(len(names), waitsNamed)] {
		shown = append(shown, questionnaire.PrintableTyped(n))
	}
	if n := len(names) - len(shown); n > 0 {
		shown = append(shown, plural(n, "1 other", fmt.Sprintf("%d others", n)))
	}
	switch {
	case len(names) == 0:
		carry = append(carry, plural(len(bases), "it names no clinician", "they name no clinician"))
	case unnamed > 0:
		carry = append(carry, fmt.Sprintf("they name %s (%d no one)", andList(shown), unnamed))
	default:
		carry = append(carry, plural(len(bases), "it names ", "they name ")+andList(shown))
	}
	quoted := make([]string, 0, len(teams))
	for _, t := range teams[:min(len(teams), waitsNamed)] {
		quoted = append(quoted, questionnaire.PrintableTyped(t))
	}
	if n := len(teams) - len(quoted); n > 0 {
		quoted = append(quoted, fmt.Sprintf("%d more", n))
	}
	if len(teams) > 0 {
		carry = append(carry, plural(len(teams), "team ", "teams ")+andList(quoted))
	}
	made := "made " + first.Local().Format("2 Jan 2006")
	if d := last.Local().Format("2 Jan 2006"); d != first.Local().Format("2 Jan 2006") {
		made += " to " + d
	}
	carry = append(carry, made)
	fmt.Fprintf(b, "\n  Nothing in a record says which machine made it: %s.", strings.Join(carry, ", "))
	if here := p.madeHere(names); len(here) > 0 {
		for i, n := range here {
			here[i] = questionnaire.PrintableTyped(n)
		}
		fmt.Fprintf(b, " %s made records on this machine too, but not %s.", andList(here), plural(len(bases), "that one", "these"))
	}

	// Where to run the check, once: the machines those clinicians use
	// for that team, which one run on each settles.
	where := "the machine that made it"
	if !one {
		where = "the machine or machines that made them"
	}
	var who []string
	if len(names) > 0 {
		who = append(who, "where "+orList(shown)+plural(len(names), " works", " work"))
	}
	if len(teams) > 0 {
		who = append(who, "for "+andList(quoted))
	}
	if len(who) > 0 {
		where = strings.TrimSuffix(where, " that made it")
		where = strings.TrimSuffix(where, " that made them")
		where += " " + strings.Join(who, " ")
	}
	on := "and on that machine, run"
	if !one {
		on = "and on each of those machines, run"
		where += " (one may have made them all; on one that made none, the check sends only its own),"
	} else {
		where += ","
	}
	again := "digicheck push"
	if checked {
		again += " --check-server"
	}
	fmt.Fprintf(b, "\n  Find %s %s digicheck push --check-server; then run %s here again: it sends the %s made here on %s.",
		where, on, again, plural(versions, "version", fmt.Sprintf("%d versions", versions)), plural(len(bases), "it", "them"))
}

// waitsNamed is how many records, clinicians or teams waitsWords names:
// the rest are counted.
const waitsNamed = 3

// madeHere is those of names who made a record held in this store that
// is not a copy read from a server: a clinician who works on two
// machines. Nil if the store cannot say.
func (p *pusher) madeHere(names []string) []string {
	if len(names) == 0 {
		return nil
	}
	whose := map[record.ID]string{}
	var ids []record.ID
	if err := p.st.Each(func(r record.Record) error {
		if slices.Contains(names, r.Clinician) {
			whose[r.ID] = r.Clinician
			ids = append(ids, r.ID)
		}
		return nil
	}, func(store.Unreadable) {}); err != nil {
		return nil
	}
	from, err := p.st.CopySources(ids)
	if err != nil {
		return nil
	}
	made := map[string]bool{}
	for _, id := range ids {
		if _, copied := from[id]; !copied {
			made[whose[id]] = true
		}
	}
	var out []string
	for _, n := range names {
		if made[n] {
			out = append(out, n)
		}
	}
	return out
}

// andList is "a", "a and b", "a, b and c".
func andList(s []string) string { return joinLast(s, " and ") }

// orList is "a", "a or b", "a, b or c".
func orList(s []string) string { return joinLast(s, " or ") }

func joinLast(s []string, last string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + last + s[len(s)-1]
}

// notSentWords is the rest of finish's error, after b.
func (p *pusher) notSentWords(b *bytes.Buffer) error {
	// Versions waiting on another machine's are said by waitsWords,
	// together, before.
	var failed []Failure
	for _, f := range p.rep.Failed {
		if we := (*WaitsError)(nil); !errors.As(f.Err, &we) {
			failed = append(failed, f)
		}
	}
	for i, f := range failed {
		if i == listed {
			fmt.Fprintf(b, "\n  and %d more", len(failed)-listed)
			break
		}
		fmt.Fprintf(b, "\n  %v", f.Err)
	}
	for i, c := range p.rep.Conflicts {
		if i == listed {
			fmt.Fprintf(b, "\n  and %d more conflicts", len(p.rep.Conflicts)-listed)
			break
		}
		// A line of its own in it (a command given whole) stays under
		// the reason, as its wrapped lines do.
		msg := conflictMessage(c, p.unrecorded[c.Record], p.short(c.Record))
		if c.ServerLacks {
			// It ends in a sentence of its own (run either only
			// once ...), said without its full stop.
			msg += "."
		}
		fmt.Fprintf(b, "\n  conflict: %s", strings.ReplaceAll(msg, "\n", "\n    "))
	}
	if n := len(p.unrecorded); n > 0 {
		// A dry run records no conflict: push --conflicts and
		// --resolve, named as if it had, then found none.
		it := plural(n, "it", "them")
		what := plural(n, "it as a conflict", "them as conflicts")
		if n < len(p.rep.Conflicts) {
			what = fmt.Sprintf("%d of them as %s", n, plural(n, "a conflict", "conflicts"))
		}
		fmt.Fprintf(b, "\n  Nothing was recorded, as this is a dry run: a push would record %s to settle, overwriting nothing on the server. To see the server's %s and settle %s, run digicheck push (it records %s), then digicheck push --conflicts, which gives, whole, the commands that settle each.",
			what, plural(n, "version", "versions"), it, it)
	} else if len(p.rep.Conflicts) > 0 && slices.ContainsFunc(p.rep.Conflicts, func(c store.Conflict) bool { return !c.ServerLacks }) {
		voids := 0
		for _, c := range p.rep.Conflicts {
			if c.ServerVoided {
				voids++
			}
		}
		fmt.Fprintf(b, "\n  Nothing on the server was overwritten. See the server's versions with digicheck push --conflicts;")
		switch {
		case voids == len(p.rep.Conflicts):
			// Over a void, bare --keep-mine is refused: the words
			// said it would send this machine's version.
			fmt.Fprintf(b, "\n  it gives, whole, the commands that settle each: --resolve RECORD --keep-server keeps the server's void; keeping this machine's version over it undoes the void, and needs --keep-mine --undo-void, once both are looked at.")
		case voids > 0:
			fmt.Fprintf(b, "\n  it gives, whole, the commands that settle each: --resolve RECORD --keep-mine sends this machine's version over the server's, once both are looked at; where the server's version is a void, --keep-server keeps the server's void, and keeping this machine's version over it undoes the void, and needs --undo-void as well.")
		default:
			fmt.Fprintf(b, "\n  it gives, whole, the commands that settle each: --resolve RECORD --keep-mine sends this machine's version over the server's, once both are looked at.")
		}
		mineVoids, bothVoids := 0, 0
		for _, c := range p.rep.Conflicts {
			if mine, err := p.st.Get(c.Record); err == nil && mine.Status == record.EnteredInError {
				if c.ServerVoided {
					bothVoids++
				} else {
					mineVoids++
				}
			}
		}
		if mineVoids > 0 {
			// Bare --keep-mine of a void is refused: found suggested
			// so, without the flag the refusal asks for.
			fmt.Fprintf(b, "\n  Where this machine's version is a void and the server's is not, keeping the void marks the assessment entered in error for everyone, and needs --keep-mine --void-server-version.")
		}
		if bothVoids > 0 {
			fmt.Fprintf(b, "\n  Where both are voids, the server holds the assessment entered in error already: --keep-server settles it, sending nothing.")
		}
	}
	// Versions behind one not sent go only after it: say when that is,
	// or that it is not, and what settles it.
	if n := p.later.within; n > 0 {
		fmt.Fprintf(b, "\n  %d %s held here that the versions in conflict rest on %s as %s: settling a conflict sends this machine's latest version over the server's (--keep-mine) or keeps the server's (--keep-server); either way they stay in this store", n, plural(n, "earlier version", "earlier versions"), p.notSentAre(n), plural(n, "it stands", "they stand"))
	}
	if n := p.later.conflict; n > 0 {
		fmt.Fprintf(b, "\n  %s behind the conflicts %s as %s: settling a conflict sends this machine's latest version over the server's (--keep-mine) or keeps the server's (--keep-server); either way they stay in this store", versions(n), p.notSentAre(n), plural(n, "it stands", "they stand"))
	}
	if n := p.later.refused; n > 0 {
		fmt.Fprintf(b, "\n  %s behind the versions refused %s until the version before each is: what the server said above needs putting right first (by IT, on the server or in the site's settings), then digicheck push sends them", versions(n), p.notSentAre(n))
	}
	if n := p.later.restsOn; n > 0 {
		fmt.Fprintf(b, "\n  %s of those follow-ups %s either, for the same reason", versions(n), p.notSentAre(n))
	}
	if n := p.later.waits; n > 0 {
		fmt.Fprintf(b, "\n  %s behind the versions waiting on another machine's %s until the version before each is, as said above", versions(n), p.notSentAre(n))
	}
	if n := p.later.forked; n > 0 {
		fmt.Fprintf(b, "\n  %s of the lines settled with another server %s here either, as said above", versions(n), p.notSentAre(n))
	}
	if n := len(p.rep.NotCheckedHeld); n > 0 {
		// Said once: what was not read is said above, an assessment
		// a line, and one command checks them all.
		as := map[record.ID]bool{}
		for _, id := range p.rep.NotCheckedHeld {
			if v, ok := p.stopped[id]; ok {
				as[v.assessment] = true
			}
		}
		fmt.Fprintf(b, "\n  %s of %s the server could not be checked for now %s kept here and not sent: whether the server still holds the versions %s on is not known, and sent over a version it lost, %s would meet a conflict to settle by hand. Run digicheck push --check-server when the server answers: it checks %s, and sends %s",
			plural(n, "1 record version", fmt.Sprintf("%d record versions", n)), plural(len(as), "an assessment", fmt.Sprintf("%d assessments", len(as))), isAre(n), plural(n, "it rests", "they rest"), plural(n, "it", "they"), plural(len(as), "it", "each"), plural(n, "it", "them"))
	}
	if n := len(p.rep.NoLocalSystem); n > 0 {
		// Said once, not per record: one setting puts them all right.
		config := "the site config"
		if p.o.SiteConfig != "" {
			config += " (" + p.o.SiteConfig + ")"
		}
		fmt.Fprintf(b, "\n  %s identified only by a local number %s kept here and not sent: a local number names a patient only within its organisation's identifier system, and %s sets none (local_number_system), so sent, %s could be found by no machine that looks the patient up by local number. Set local_number_system there to the trust's system of local numbers, as its other machines have it: the next push sends %s. Nothing is lost", plural(n, "1 record version of a patient", fmt.Sprintf("%d record versions of patients", n)), isAre(n), config, plural(n, "it", "they"), plural(n, "it", "them"))
	}
	waits := p.rep.WaitOnOther > 0 || slices.ContainsFunc(p.rep.Failed, func(f Failure) bool { return errors.Is(f.Err, ErrWaitsOnOther) })
	return &notSentError{b.String(), len(p.rep.Conflicts) > 0, len(p.rep.NoLocalSystem) > 0, waits}
}

func versions(n int) string { return fmt.Sprint(n, plural(n, " later version", " later versions")) }

func isAre(n int) string { return plural(n, "is", "are") }

type notSentError struct {
	msg      string
	conflict bool
	local    bool // versions kept for want of local_number_system
	waits    bool // versions waiting on another machine's (ErrWaitsOnOther)
}

func (e *notSentError) Error() string { return e.msg }
func (e *notSentError) Is(target error) bool {
	return target == ErrNotAllSent || e.conflict && target == fhirclient.ErrConflict || e.local && target == ErrNoLocalSystem || e.waits && target == ErrWaitsOnOther
}

// item is one version on its way: its chain, and the resources built: the
// response, whose If-Match guards the whole version (a transaction is all
// or nothing), then what is derived from it.
type item struct {
	ch       *store.PushChain
	rec      record.Record
	put      fhirclient.Put // the QuestionnaireResponse
	derived  []fhirclient.Put
	resource json.RawMessage // the response, to compare with the server's
}

func flatten(items []*item) []fhirclient.Put {
	var puts []fhirclient.Put
	for _, it := range items {
		puts = append(puts, it.put)
		puts = append(puts, it.derived...)
	}
	return puts
}

func (p *pusher) run(ctx context.Context, chains []store.PushChain) error {
	known, err := p.st.Conflicts(p.server)
	if err != nil {
		return err
	}
	p.known = known
	// A line of versions settled here against another server is not
	// sent: this server would get a different history of the assessment
	// than that one holds (found forking a second server's history).
	kept := chains[:0]
	for i := range chains {
		if chains[i].Forked == "" {
			kept = append(kept, chains[i])
			continue
		}
		ch := chains[i]
		if ch.ForkedFrom != "" {
			p.fail(&ch, fmt.Errorf("assessment %s: not sent here: its conflict with %s was %w here without keeping that server's version as it holds it, so this store cannot yet send this server the same line of versions. Push to that server once (it reads that version again), then here again:\n      digicheck push --server %s", ch.Assessment, ch.ForkedFrom, store.ErrForked, ch.ForkedFrom))
			continue
		}
		p.fail(&ch, fmt.Errorf("assessment %s: not sent: it rests on versions set aside when its conflict with another server was %w here; sent, they would give this server a different history of the assessment than that one holds. They stay in this store (digicheck history shows them) and are sent to no server", ch.Assessment, store.ErrForked))
	}
	chains = kept
	p.sending = map[record.ID]bool{}
	for _, ch := range chains {
		for _, r := range ch.Pending {
			p.sending[r.ID] = true
		}
	}
	// A version the server refused as a conflict is not sent again: the
	// answer would be the same, and it is said, not retried.
	for i := range chains {
		head := chains[i].Pending[0]
		c, ok := store.ConflictOf(known, head.ID)
		// One whose server version was this machine's own record (found
		// so by an older digicheck) is looked at again.
		if ok && !c.ServerRecord.IsZero() && (c.ServerRecord == head.ID || c.ServerRecord == head.Amends) {
			continue
		}
		// So is one whose server version is an earlier version of the
		// very line it rests on: the server had gone back (restored
		// from an older backup), and nothing was changed on another
		// machine. Marked so by an older digicheck when this machine's
		// own lost version was sent again in the same push, it stayed a
		// conflict once the server held the line again, and offered
		// --keep-server. Looked at again, it is sent, or waits for the
		// machine whose version the server lacks, or is a conflict
		// again if the server holds another machine's change.
		if ok && c.SendOn == "" && p.restsOnLine(head, c.ServerRecord) {
			continue
		}
		if ok && c.SendOn != "" {
			// Settled by keeping this machine's version: sent on the
			// server version the clinician saw, a conflict again if
			// the server has moved on since.
			chains[i].Accepted = c.SendOn
			continue
		}
		if ok {
			if err := p.standing(ctx, &chains[i], c); err != nil {
				return err
			}
			continue
		}
		// A version in conflict further along the line: this machine's
		// own versions before it, which the server lost (emptied, or
		// restored from an older backup) and check forgot, are sent
		// again, and the version in conflict is then looked at as
		// above, never sent over them as if it had won. Found with a
		// server emptied while a laptop's amendment stood in conflict
		// with another's: its push sent the amendment on its own first
		// version, and the other machine's correction became the one
		// in conflict, on that machine.
		for _, r := range chains[i].Pending[1:] {
			c, ok := store.ConflictOf(known, r.ID)
			if !ok {
				continue
			}
			// Looked at again, as above, when its server version
			// is this machine's own line.
			own := !c.ServerRecord.IsZero() && (c.ServerRecord == r.ID || c.ServerRecord == r.Amends)
			if c.SendOn == "" && !own && !p.restsOnLine(r, c.ServerRecord) {
				if p.behind == nil {
					p.behind = map[record.ID]store.Conflict{}
				}
				p.behind[r.ID] = c
			}
			break
		}
	}
	if err := p.questionnaires(ctx, chains); err != nil {
		return err
	}
	live := make([]*store.PushChain, 0, len(chains))
	for i := range chains {
		live = append(live, &chains[i])
	}
	for len(live) > 0 {
		// One round: the oldest pending version of each assessment.
		// Two versions of one resource cannot share a transaction. A
		// follow-up goes only once the version it follows up is on the
		// server: after it, in a later round, or not at all.
		pendingNow := map[record.ID]bool{}
		for _, ch := range live {
			for _, r := range ch.Pending {
				pendingNow[r.ID] = true
			}
		}
		var round []*store.PushChain
		deferred, movedOn := 0, 0
		for _, ch := range live {
			if len(ch.Pending) == 0 {
				continue
			}
			if base := followsUp(ch); !base.IsZero() && !p.onServer(base) {
				if pendingNow[base] {
					deferred++
					continue
				}
				p.fail(ch, p.restsOn(ch, base))
				continue
			} else if !base.IsZero() {
				if lc, lost := p.copyLost(ctx, ch, base); lost {
					if err := p.waitFor(ch, lc); err != nil {
						return err
					}
					continue
				}
				lc, lost, waits, err := p.ownLost(ctx, ch, base)
				if err != nil {
					return err
				}
				if lost && waits {
					if err := p.waitFor(ch, lc); err != nil {
						return err
					}
					continue
				}
				if lost {
					p.fail(ch, p.restsOnLost(ch, base))
					continue
				}
			}
			if c, ok := p.behind[ch.Pending[0].ID]; ok {
				// This machine's own versions before it are on the
				// server again: the conflict stands, or is gone.
				if err := p.standing(ctx, ch, c); err != nil {
					return err
				}
				// Accounted for, as the versions sent before it
				// were: the tally said it "waits behind an earlier
				// version not sent".
				p.progress()
				if len(ch.Pending) > 0 {
					// Found kept on the server: the version after
					// it goes in the next round.
					movedOn++
				}
				continue
			}
			round = append(round, ch)
		}
		if len(round) == 0 && movedOn > 0 {
			// Nothing went in this round, but a line moved on: the
			// rounds go on. Taken for follow-ups of one another, the
			// version after a conflict found kept on the server failed
			// as one waiting on a version not yet sent.
			continue
		}
		if len(round) == 0 {
			for _, ch := range live {
				if len(ch.Pending) == 0 {
					continue
				}
				if f := ch.Pending[0].FollowsUp; !f.IsZero() {
					if s, ok := p.stopped[f]; ok && s.conflict != nil {
						// It rests on a version held in conflict this
						// push: said as any follow-up on one is. Said
						// as "which waits on it in turn", the version in
						// conflict seemed to wait on the follow-up.
						p.fail(ch, p.restsOn(ch, f))
						continue
					}
				}
				// Only follow-ups of one another left: none can go.
				p.fail(ch, heldBack("%s: not sent: it follows up a version not yet sent, which waits on it in turn", describe(ch.Pending[0], ch.Assessment)))
			}
			break
		}
		_ = deferred
		var items []*item
		size := 0
		flush := func() error {
			err := p.batch(ctx, items)
			if err == nil && p.lease != nil {
				err = p.lease.Renew()
			}
			if err != nil {
				// The rest wait for the next push.
				for _, ch := range live {
					p.rep.Waiting += len(ch.Pending)
					ch.Pending = nil
				}
				return err
			}
			p.progress()
			items, size = nil, 0
			return nil
		}
		for _, ch := range round {
			it, err := p.build(ch)
			if err != nil {
				p.fail(ch, err)
				continue
			}
			n := 1 + len(it.derived)
			if size > 0 && size+n > p.o.Batch {
				if err := flush(); err != nil {
					return err
				}
			}
			items = append(items, it)
			size += n
		}
		if len(items) > 0 {
			if err := flush(); err != nil {
				return err
			}
		}
		next := live[:0]
		for _, ch := range live {
			if len(ch.Pending) > 0 {
				next = append(next, ch)
			}
		}
		live = next
	}
	return nil
}

// standing looks at the chain's first pending version, kept here in
// conflict c, again. The server may hold this very version by now:
// another machine that settled the conflict there kept it. Then it is
// accepted as there, and the conflict is gone (found with a laptop that
// kept a ward's amendment on a second server: the ward's push went on
// naming the laptop's version, settled away on both servers). Else the
// conflict stands, said as one whose server version the server no
// longer holds where it lost it (emptied, or restored from a backup
// older than that version), and the chain is held.
func (p *pusher) standing(ctx context.Context, ch *store.PushChain, c store.Conflict) error {
	v, there, lacks, now := p.acceptedSince(ctx, ch, c)
	if p.o.DryRun != nil {
		// Asked as the push asks, recording nothing: the conflict is
		// said as the push would say it. Said as noted, a dry run named
		// a server version the server had lost, and the plain settles,
		// which are refused.
		if now != "" {
			c.ServerVersion = now
		}
		if lacks {
			if moved, ok := p.madeSinceLoss(ctx, c); ok {
				c, lacks = moved, false
			}
		}
		c.ServerLacks = lacks
		p.held(ch, c)
		return nil
	}
	if now != "" && now != c.ServerVersion {
		// The other machine sent its version again after the server
		// lost it, and the server holds it under a new version id:
		// named by the id it had, the conflict named a version the
		// server no longer has. What was shown, or settled on, of it
		// is the same record, under the id it has now.
		old := c.ServerVersion
		c.ServerVersion = now
		if c.Shown == old {
			c.Shown = now
		}
		if c.SendOn == old {
			c.SendOn = now
		}
		if err := p.st.MarkConflict(p.server, c); err != nil {
			return err
		}
	}
	if there {
		if err := p.st.MarkPushed(p.server, []store.Pushed{{Record: ch.Pending[0].ID, Assessment: ch.Assessment, Version: v}}); err != nil {
			return err
		}
		p.accept(ch, v)
		p.rep.Found++
		p.rep.Cleared = append(p.rep.Cleared, c)
		return nil
	}
	if lacks {
		if moved, ok := p.madeSinceLoss(ctx, c); ok {
			c = moved
			if err := p.st.MarkConflict(p.server, c); err != nil {
				return err
			}
			lacks = false
		}
	}
	c.ServerLacks = lacks
	p.held(ch, c)
	return nil
}

// madeSinceLoss is conflict c, whose server version the server lost,
// noted with the version the server holds now where that was made since
// on another machine (MadeSinceLoss); ok is false where the server holds
// none such, or cannot be read now.
func (p *pusher) madeSinceLoss(ctx context.Context, c store.Conflict) (store.Conflict, bool) {
	cur, err := p.c.Read(ctx, "QuestionnaireResponse", c.Assessment.String())
	if err != nil {
		return c, false
	}
	mine, err := p.st.Versions(c.Record)
	if err != nil {
		return c, false
	}
	theirs, ok := MadeSinceLoss(c, cur, mine)
	if !ok {
		return c, false
	}
	return NotedWith(c, cur.VersionID, theirs), true
}

func (p *pusher) progress() {
	if p.o.Progress != nil {
		// Those waiting on another machine's version are counted, as
		// the push's "Sent N of M" counts them: "1 of 1 accounted for"
		// was said beside "Sent 1 of 2".
		waits := p.rep.WaitOnOther + p.later.waits
		for _, f := range p.rep.Failed {
			if errors.Is(f.Err, ErrWaitsOnOther) {
				waits++
			}
		}
		p.o.Progress(Progress{Done: p.rep.Sent + p.rep.Found + p.rep.Settled + len(p.rep.Failed) + len(p.rep.Conflicts) + p.rep.Waiting + len(p.rep.NotCheckedHeld) + p.rep.WaitOnOther, Total: p.rep.Pending + p.rep.WaitOnOther, Sent: p.rep.Sent, Found: p.rep.Found, Settled: p.rep.Settled, Bundles: p.rep.Bundles, Waits: waits})
	}
}

// fail records that the chain's head was not sent; its later versions wait.
func (p *pusher) fail(ch *store.PushChain, err error) {
	p.rep.Failed = append(p.rep.Failed, Failure{Record: ch.Pending[0].ID, Assessment: ch.Assessment, Err: err})
	p.rep.Waiting += len(ch.Pending) - 1
	p.stop(ch, stop{assessment: ch.Assessment, err: err})
	switch {
	case errors.Is(err, errRestsOn):
		p.later.restsOn += len(ch.Pending) - 1
	case errors.Is(err, store.ErrForked):
		p.later.forked += len(ch.Pending) - 1
	default:
		p.later.refused += len(ch.Pending) - 1
	}
	ch.Pending = nil
}

// held records that the chain's head is a conflict; its later versions
// wait.
func (p *pusher) held(ch *store.PushChain, c store.Conflict) {
	p.rep.Conflicts = append(p.rep.Conflicts, c)
	p.rep.InConflict += len(ch.Pending)
	p.stop(ch, stop{conflict: &c, assessment: ch.Assessment})
	p.rep.Waiting += len(ch.Pending) - 1
	// The versions up to this machine's current one are the conflict,
	// said with it; any after (none, but in a store an older digicheck
	// let amend behind one) wait behind it.
	later := len(ch.Pending) - 1
	for i, r := range ch.Pending {
		if r.ID == c.Record {
			later = len(ch.Pending) - 1 - i
			p.later.within += i
		}
	}
	p.later.conflict += later
	ch.Pending = nil
}

// conflicted marks the item a conflict with the server's version have
// (nil when not known), in the store and the report.
func (p *pusher) conflicted(ctx context.Context, it *item, have *fhirclient.Resource) error {
	c := store.Conflict{Record: it.rec.ID, Assessment: it.ch.Assessment, What: Kind(it.rec, it.ch.Assessment), At: time.Now().UTC()}
	if have != nil {
		c.ServerVersion = have.VersionID
		if held, ok, _ := fhir.RecordIn(have.JSON); ok {
			c.ServerRecord, c.ServerClinician, c.ServerTime = held.ID, held.Clinician, held.Time
			c.ServerVoided, c.ServerVoidReason = held.Status == record.EnteredInError, held.VoidReason
			if _, err := p.st.Get(held.ID); err == nil {
				if src, err := p.st.CopySources([]record.ID{held.ID}); err == nil && src[held.ID] == "" {
					c.ServerOwn = true
				}
			}
		}
	}
	if p.o.DryRun == nil {
		if err := p.st.MarkConflict(p.server, c); err != nil {
			return err
		}
	}
	if last := it.ch.Pending[len(it.ch.Pending)-1]; last.ID != c.Record {
		// The version in conflict is the line made on the one refused:
		// this machine holds its current version (see store.Conflict).
		c.Refused, c.RefusedWhat = c.Record, c.What
		c.Record, c.What = last.ID, Kind(last, it.ch.Assessment)
	}
	if mine := it.ch.Pending[len(it.ch.Pending)-1]; have != nil && mine.Status == record.EnteredInError {
		// Voided here and on the server both: the same outcome, which
		// needs no one to settle it. Found with two machines that each
		// voided an assessment, told to settle it by hand.
		if held, ok, _ := fhir.RecordIn(have.JSON); ok && held.Status == record.EnteredInError && held.Patient == mine.Patient {
			if p.o.DryRun != nil {
				// Settled by the push, which keeps the server's void
				// here: nothing would be sent.
				p.rep.Settled += len(it.ch.Pending)
				it.ch.Pending = nil
				return nil
			}
			// With the versions between, when the server's void rests
			// on versions this store lacks: taken in as the server
			// holds it, never under its id with other content.
			if _, err := p.st.KeepServerLine(p.server, it.rec.ID, p.between(ctx, it.ch.Assessment, held), held, have.VersionID); err == nil {
				p.rep.Agreed++
				if p.madeBy(mine.ID) != "" {
					p.rep.AgreedHeld++
				}
				// Set aside, settled: none waits for anything (the
				// amendment a void rests on counted as waiting failed
				// the push).
				p.rep.Settled += len(it.ch.Pending)
				it.ch.Pending = nil
				return nil
			}
			// Not to be taken in here (the server's void is this
			// machine's own, set aside when another server's void
			// was kept over it; or it rests on a version this store
			// lacks): the server's void stands there as the settled
			// state, as --keep-server would keep it, and nothing is
			// sent over it. Listed as a conflict, every push failed
			// until it was settled by hand, with nothing to decide.
			if cur, err := p.st.Current(it.rec.ID); err == nil && cur.Status == record.EnteredInError {
				if aside, err := p.st.KeepServerVoid(p.server, it.rec.ID, have.VersionID); err == nil {
					// Settled, not waiting: set aside for this server.
					p.rep.HeldVoids = append(p.rep.HeldVoids, HeldVoid{Assessment: it.ch.Assessment, Server: held, ServerVersion: have.VersionID, Current: cur, Aside: aside})
					p.rep.Settled += len(it.ch.Pending)
					it.ch.Pending = nil
					return nil
				}
			}
		}
	}
	// Made on another machine, read here: said as whose it is.
	c.MadeBy, c.RefusedBy = p.madeBy(c.Record), p.madeBy(c.Refused)
	if p.o.DryRun != nil {
		if p.unrecorded == nil {
			p.unrecorded = map[record.ID]bool{}
		}
		p.unrecorded[c.Record] = true
	}
	p.held(it.ch, c)
	return nil
}

// between is Between for this push; nil in a dry run, which reads nothing
// more from the server.
func (p *pusher) between(ctx context.Context, assessment record.ID, theirs record.Record) []record.Record {
	if p.o.DryRun != nil {
		return nil
	}
	return Between(ctx, p.st, p.c, assessment, theirs)
}

// Between is the server's versions of assessment between the last st
// holds and theirs, its current version, oldest first, as the server holds
// them, so a settle takes the server's line in whole: nil when theirs
// amends a version held here, or when the server's history cannot be read
// or does not lead back to one.
func Between(ctx context.Context, st *store.Store, c *fhirclient.Client, assessment record.ID, theirs record.Record) []record.Record {
	if theirs.Amends.IsZero() {
		return nil
	}
	if _, err := st.Get(theirs.Amends); err == nil {
		return nil
	}
	hist, err := c.History(ctx, "QuestionnaireResponse", assessment.String())
	if err != nil {
		return nil
	}
	byID := map[record.ID]record.Record{}
	for _, h := range hist {
		if r, ok, err := fhir.RecordIn(h.JSON); err == nil && ok {
			byID[r.ID] = r
		}
	}
	var out []record.Record
	for at := theirs.Amends; len(out) <= len(hist); {
		if _, err := st.Get(at); err == nil {
			slices.Reverse(out)
			return out
		}
		r, ok := byID[at]
		if !ok || r.Amends.IsZero() {
			return nil
		}
		out = append(out, r)
		at = r.Amends
	}
	return nil
}

// madeBy is who made record id on another machine, when it is a copy
// read from a server; "" for one made here (or none).
func (p *pusher) madeBy(id record.ID) string {
	if id.IsZero() {
		return ""
	}
	src, err := p.st.CopySources([]record.ID{id})
	if err != nil || src[id] == "" {
		return ""
	}
	r, err := p.st.Get(id)
	if err != nil {
		return ""
	}
	if r.Clinician == "" {
		return "no one named"
	}
	return r.Clinician
}

// Kind is what a version is to its assessment: "record" (its first
// version), "void" or "amendment" (store.VersionKind).
func Kind(r record.Record, assessment record.ID) string { return store.VersionKind(r, assessment) }

// followsUp is the version the head of ch follows up, when the head is a
// follow-up's first version (the one that makes it on the server, with
// its link to the assessment it follows up); zero otherwise.
func followsUp(ch *store.PushChain) record.ID {
	r := ch.Pending[0]
	if !r.Amends.IsZero() {
		return record.ID{}
	}
	return r.FollowsUp
}

// onServer reports whether the server holds version id: accepted in this
// push or an earlier one, or read from it.
func (p *pusher) onServer(id record.ID) bool {
	if p.acceptedNow[id] {
		return true
	}
	if _, ok, err := p.st.PushedVersion(p.server, id); err == nil && ok {
		return true
	}
	from, err := p.st.CopySources([]record.ID{id})
	if err != nil {
		return false
	}
	src, ok := from[id]
	if !ok {
		return false
	}
	b, err := fhirclient.Identity(src)
	return err == nil && b == p.server
}

// copyLost reports whether the server lacks base, the version the chain's
// follow-up follows up, when this machine holds base as read from the
// server, made on another machine: the server restored from an older
// backup since. Sent ahead of it, the follow-up was hidden on every other
// machine (which showed the older assessment as the patient's latest)
// until the machine that made base happened to push. lc names base, for
// that machine to send again (push --check-server). Asked once a push, of
// the server's history of base's assessment (where it answers 404 there,
// of the assessment itself: heldWithoutHistory), in a dry run too; not
// of a version accepted from here (the check of each asks of those), and
// a history that cannot be read now leaves the follow-up to go, as before.
func (p *pusher) copyLost(ctx context.Context, ch *store.PushChain, base record.ID) (lc LostCopy, lost bool) {
	if p.acceptedNow[base] {
		return lc, false
	}
	if from, err := p.st.CopySources([]record.ID{base}); err != nil {
		return lc, false
	} else if b, err := fhirclient.Identity(from[base]); err != nil || from[base] == "" || b != p.server {
		return lc, false
	}
	if held, asked := p.copiesHeld[base]; asked && held {
		return lc, false
	}
	line, err := p.st.Versions(base)
	if err != nil || len(line) == 0 {
		return lc, false
	}
	at := slices.IndexFunc(line, func(v record.Record) bool { return v.ID == base })
	if at < 0 {
		return lc, false
	}
	if _, asked := p.copiesHeld[base]; !asked {
		hist, err := p.c.History(ctx, "QuestionnaireResponse", line[0].ID.String())
		if err != nil && !fhirclient.NotFound(err) {
			return lc, false
		}
		held := false
		if err != nil {
			// Some servers turn _history off and answer 404 there while
			// the assessment is present: the assessment itself says.
			var answered bool
			if held, answered = p.heldWithoutHistory(ctx, line[0].ID); !answered {
				return lc, false
			}
		}
		for _, h := range hist {
			if r, ok, err := fhir.RecordIn(h.JSON); err == nil && ok && r.ID == base {
				held = true
				break
			}
		}
		if p.copiesHeld == nil {
			p.copiesHeld = map[record.ID]bool{}
		}
		p.copiesHeld[base] = held
		if held {
			return lc, false
		}
	}
	v := line[at]
	return LostCopy{Assessment: ch.Assessment, Base: base, Clinician: v.Clinician, Team: v.Team, Made: v.Time, Waiting: len(ch.Pending)}, true
}

// ownLost reports whether the server lost base, the version the chain's
// follow-up follows up, accepted from here in an earlier push and resting
// on a version read from the server (made on another machine): the server
// restored from an older backup since. push --check-server says base
// waits on that version, but leaves it marked accepted (the check of each
// finds it again); the push after a save, which checks nothing, sent a
// follow-up of base onto a server that lacked it. Asked once a push, of
// the server's history of base's assessment, and only where base rests on
// such a copy; a history that cannot be read now leaves the follow-up to
// go, as before. Found lost, this store's versions of that assessment the
// history lacks are no longer marked accepted (not in a dry run), so that
// a push sends them again, once the server holds what they rest on, and
// the follow-up after them. waits says the server lacks too the version
// made on another machine that base rests on, which lc names.
func (p *pusher) ownLost(ctx context.Context, ch *store.PushChain, base record.ID) (lc LostCopy, lost, waits bool, err error) {
	if p.acceptedNow[base] {
		return lc, false, false, nil
	}
	if held, asked := p.copiesHeld[base]; asked && held {
		return lc, false, false, nil
	}
	if _, ok, err := p.st.PushedVersion(p.server, base); err != nil || !ok {
		return lc, false, false, nil
	}
	line, err := p.st.Versions(base)
	if err != nil {
		return lc, false, false, nil
	}
	at := slices.IndexFunc(line, func(v record.Record) bool { return v.ID == base })
	if at <= 0 {
		return lc, false, false, nil
	}
	ids := make([]record.ID, at)
	for i, v := range line[:at] {
		ids[i] = v.ID
	}
	from, err := p.st.CopySources(ids)
	if err != nil {
		return lc, false, false, nil
	}
	var copies []record.Record
	for _, v := range line[:at] {
		if src, ok := from[v.ID]; ok && strings.TrimRight(src, "/") == strings.TrimRight(p.server, "/") {
			copies = append(copies, v)
		}
	}
	if len(copies) == 0 {
		return lc, false, false, nil
	}
	hist, herr := p.c.History(ctx, "QuestionnaireResponse", line[0].ID.String())
	if herr != nil && !fhirclient.NotFound(herr) {
		return lc, false, false, nil
	}
	if herr != nil {
		// History turned off: the assessment itself says whether the
		// server holds it at all; present, base is taken as held.
		held, answered := p.heldWithoutHistory(ctx, line[0].ID)
		if !answered || held {
			return lc, false, false, nil
		}
	}
	inHist := make(map[record.ID]bool, len(hist))
	for _, h := range hist {
		if r, ok, err := fhir.RecordIn(h.JSON); err == nil && ok {
			inHist[r.ID] = true
		}
	}
	if p.copiesHeld == nil {
		p.copiesHeld = map[record.ID]bool{}
	}
	p.copiesHeld[base] = inHist[base]
	if inHist[base] {
		return lc, false, false, nil
	}
	if p.o.DryRun == nil {
		var forget []record.ID
		for _, v := range line {
			if _, ok, err := p.st.PushedVersion(p.server, v.ID); err == nil && ok && !inHist[v.ID] {
				forget = append(forget, v.ID)
			}
		}
		if _, err := p.st.ForgetPushedVersions(p.server, forget); err != nil {
			return lc, false, false, err
		}
	}
	for _, v := range copies {
		if !inHist[v.ID] {
			return LostCopy{Assessment: ch.Assessment, Base: v.ID, Clinician: v.Clinician, Team: v.Team, Made: v.Time, Waiting: len(ch.Pending)}, true, true, nil
		}
	}
	return lc, true, false, nil
}

// restsOnLost is why the follow-up at the head of ch is not sent: base,
// the version it follows up, this machine's, was accepted by the server,
// which has lost it since (ownLost), while it holds again what base rests
// on.
func (p *pusher) restsOnLost(ch *store.PushChain, base record.ID) error {
	r := ch.Pending[0]
	what := "version"
	if b, err := p.st.Get(base); err == nil {
		if vs, err := p.st.Versions(base); err == nil && len(vs) > 0 {
			what = Kind(b, vs[0].ID)
		}
	}
	if p.o.DryRun != nil {
		return heldBack("follow-up %s of patient %s, made %s, would not be sent: it rests on record %s, this machine's %s of the assessment it follows up, which the FHIR server %s accepted and no longer holds (restored from an older backup, or emptied). A push sends that record again first, then this follow-up",
			r.ID, questionnaire.Printable(r.Patient.String()), r.Time.Local().Format("2006-01-02 15:04"), base, what, p.server)
	}
	return heldBack("follow-up %s of patient %s, made %s, is not sent: it rests on record %s, this machine's %s of the assessment it follows up, which the FHIR server %s accepted and no longer holds (restored from an older backup, or emptied). It is no longer marked as accepted here: the next push sends it again, then this follow-up",
		r.ID, questionnaire.Printable(r.Patient.String()), r.Time.Local().Format("2006-01-02 15:04"), base, what, p.server)
}

// heldWithoutHistory says, from the assessment itself, whether the server
// holds the version a follow-up rests on when it answered 404 to the
// assessment's history: a server with _history turned off answers so
// while the assessment is present. Present, it is taken as held (the
// follow-up is sent as before, and a server that holds an older version
// of it refuses that send, found then as a lost copy); absent, it is not.
// answered is false when the assessment cannot be read now: the follow-up
// goes, as before.
func (p *pusher) heldWithoutHistory(ctx context.Context, assessment record.ID) (held, answered bool) {
	_, err := p.c.Read(ctx, "QuestionnaireResponse", assessment.String())
	switch {
	case fhirclient.NotFound(err):
		return false, true
	case err != nil:
		return false, false
	}
	return true, true
}

// errRestsOn is why a follow-up is held back: the version it follows up
// is not on the server.
var errRestsOn = errors.New("held back: the version it follows up is not on the server")

// restsOnError says why a follow-up is held back; it is errRestsOn.
type restsOnError struct{ msg string }

func (e *restsOnError) Error() string        { return e.msg }
func (e *restsOnError) Is(target error) bool { return target == errRestsOn }

func heldBack(format string, args ...any) error {
	return &restsOnError{fmt.Sprintf(format, args...)}
}

// restsOn is why the follow-up at the head of ch is not sent: the
// version it follows up, base, is not on the server, and sent without
// it, no other machine could link it to the patient's earlier assessment
// (found sent on an amendment in conflict, then taken in nowhere).
func (p *pusher) restsOn(ch *store.PushChain, base record.ID) error {
	r := ch.Pending[0]
	who := fmt.Sprintf("follow-up %s of patient %s, made %s,", r.ID, questionnaire.Printable(r.Patient.String()), r.Time.Local().Format("2006-01-02 15:04"))
	if p.o.DryRun != nil {
		// Said of what a push would do: the dry run sends nothing.
		who += " would not be sent"
	} else {
		who += " is not sent"
	}
	what := "version"
	if b, err := p.st.Get(base); err == nil {
		if vs, err := p.st.Versions(base); err == nil && len(vs) > 0 {
			what = Kind(b, vs[0].ID)
		}
	}
	if aside, err := p.st.SetAsideAnywhere(base); err == nil && aside {
		// Set aside with this server or another: never sent to any.
		with := "the FHIR server"
		if here, err := p.st.SetAside(p.server, base); err == nil && !here {
			with = "another FHIR server"
		}
		short := p.short(r.ID)
		return heldBack("%s: it rests on record %s, this machine's %s of the assessment it follows up, which was set aside when its conflict with %s was settled. The server will never hold that version, so no other machine could link the follow-up to the patient's earlier assessment: it is kept here and never sent. Mark the follow-up entered in error, with your own name after --clinician, and follow the patient up again:\n      digicheck void %s --reason \"followed up a version set aside\" --clinician\n      digicheck followup %s",
			who, base, what, with, short, r.Patient.Value)
	}
	s, ok := p.stopped[base]
	switch {
	case ok && s.conflict != nil && p.unrecorded[s.conflict.Record]:
		// A dry run records no conflict: "see digicheck push
		// --conflicts" then found none.
		return heldBack("%s: it rests on record %s, this machine's %s of the assessment it follows up, which would meet a conflict with the FHIR server and not be sent (a push records the conflict, as said below). %s",
			who, base, what, p.neverAfterSettle(r, base))
	case ok && s.conflict != nil:
		return heldBack("%s: it rests on record %s, this machine's %s of the assessment it follows up, which is in conflict with the FHIR server and not sent (see digicheck push --conflicts). %s",
			who, base, what, p.neverAfterSettle(r, base))
	case ok:
		return heldBack("%s: it rests on record %s, this machine's %s of the assessment it follows up, which was not sent (said here); it goes once that one is on the server", who, base, what)
	}
	return heldBack("%s: it rests on record %s, the %s it follows up, which the FHIR server %s does not hold and this push does not send, so no other machine could link the follow-up to the patient's earlier assessment", who, base, what, p.server)
}

// neverAfterSettle says of follow-up r, resting on base, a version of
// this machine's in conflict, that it can never be sent if the settle
// sets base aside: --keep-server does, and --keep-mine does as it saves
// this machine's version again as a new record, but not where the
// server's version is one this store holds already, or base itself: then
// base goes on it as it is, or is on the server, and the follow-up is
// sent after it. It was said to be "sent once that conflict is settled",
// which the usual settles never reached, then, with no condition, never
// to be sent, which told a nurse to void a follow-up the next push sent.
func (p *pusher) neverAfterSettle(r record.Record, base record.ID) string {
	short := p.short(base)
	return fmt.Sprintf("If the settle sets record %s aside, this follow-up can never be sent: no other machine could link the follow-up to the patient's earlier assessment. --keep-server sets it aside; so does --keep-mine, saving this machine's version again as a new record, unless the server's version is one this store holds already (then record %s is sent on it as it is, and the follow-up after it). It is kept here. Settle the conflict first; if the settle says this follow-up can never be sent, mark the follow-up entered in error, with your own name after --clinician, and follow the patient up again:\n      digicheck void %s --reason \"followed up a version set aside\" --clinician\n      digicheck followup %s",
		short, short, p.short(r.ID), r.Patient.Value)
}

// short is id by the shortest prefix that tells it apart in this store,
// as the commands it offers name it: 13 characters were shared by two
// versions made in one millisecond, and such a command was refused as
// ambiguous. The 13 characters where the store cannot be read.
func (p *pusher) short(id record.ID) string {
	if m, err := p.st.ShortIDs([]record.ID{id}); err == nil && m[id] != "" {
		return m[id]
	}
	return id.String()[:record.ShownIDLen]
}

// stop notes why the chain's versions still pending are not sent.
func (p *pusher) stop(ch *store.PushChain, why stop) {
	if p.stopped == nil {
		p.stopped = map[record.ID]stop{}
	}
	for _, r := range ch.Pending {
		p.stopped[r.ID] = why
	}
}

// accept moves the chain on past its head, which the server holds as
// version.
func (p *pusher) accept(ch *store.PushChain, version string) {
	if p.acceptedNow == nil {
		p.acceptedNow = map[record.ID]bool{}
	}
	p.acceptedNow[ch.Pending[0].ID] = true
	ch.Accepted = version
	ch.Pending = ch.Pending[1:]
}

func (p *pusher) build(ch *store.PushChain) (*item, error) {
	r := ch.Pending[0]
	if r.Synthetic && !p.o.TestServer && p.o.DryRun == nil {
		return nil, fmt.Errorf("record %s: %w (it is marked synthetic; push with --test-server if %s is a test server)", r.ID, ErrSynthetic, p.server)
	}
	ins, ok := questionnaire.Lookup(r.InstrumentVersion)
	if !ok {
		return nil, fmt.Errorf("record %s: made with instrument version %q, which this digicheck does not know", r.ID, r.InstrumentVersion)
	}
	subject, err := p.o.Site.Subject(ins, r.Patient, true, nil)
	if err != nil {
		return nil, fmt.Errorf("record %s: %w", r.ID, err)
	}
	v := fhir.Version{Record: r, Root: ch.Assessment}
	if !r.Amends.IsZero() {
		// The version it supersedes: flags and referrals it had that
		// this one no longer has are retired on the server.
		prev, err := p.st.Get(r.Amends)
		if err != nil {
			return nil, fmt.Errorf("record %s: the version it amends: %w", r.ID, err)
		}
		v.Previous = &prev
	}
	res, err := fhir.Resources(v, ins, subject, fhir.ResponseOptions{Site: p.o.Site})
	if err != nil {
		return nil, err
	}
	if len(res) == 0 || res[0].Type != "QuestionnaireResponse" || res[0].ID != ch.Assessment.String() {
		return nil, fmt.Errorf("record %s: its resources do not start with its response under %s", r.ID, ch.Assessment)
	}
	what := describe(r, ch.Assessment)
	it := &item{ch: ch, rec: r, resource: res[0].JSON}
	// A version with none before it on the server is a create, sent
	// If-None-Match: *, so that a try given up on and applied late is
	// refused rather than written as a second copy.
	it.put = fhirclient.Put{Type: res[0].Type, ID: res[0].ID, Resource: res[0].JSON, IfMatch: ch.Accepted, IfNoneMatch: ch.Accepted == "", Record: what}
	for _, x := range res[1:] {
		it.derived = append(it.derived, fhirclient.Put{Type: x.Type, ID: x.ID, Resource: x.JSON, Record: what})
	}
	for _, put := range flatten([]*item{it}) {
		if err := put.Check(); err != nil {
			return nil, err
		}
	}
	return it, nil
}

func describe(r record.Record, assessment record.ID) string {
	if r.ID == assessment {
		return "record " + r.ID.String()
	}
	what := "amendment"
	if r.Status == record.EnteredInError {
		what = "void"
	}
	return fmt.Sprintf("record %s (%s of assessment %s)", r.ID, what, assessment)
}

// batch settles one Bundle's worth of versions: each ends accepted (sent
// or found on the server) or failed. It returns an error only when the
// push must stop (the server unreachable or refusing the credentials, the
// store unwritable).
func (p *pusher) batch(ctx context.Context, items []*item) error {
	if len(items) == 0 {
		return nil
	}
	if p.o.DryRun != nil {
		// What the push asks the server before sending, the dry run
		// asks too, changing nothing here: it printed as would be sent
		// (a create, If-None-Match: *) a void the push then held back
		// as waiting on another machine's version the server lacks,
		// and a version the push sends If-Match the server's version.
		// A version after one this dry run would send is not asked of:
		// the server cannot know it yet.
		var ask []*item
		for _, it := range items {
			if !strings.HasPrefix(it.put.IfMatch, dryAfter) {
				ask = append(ask, it)
			}
		}
		if len(ask) > 0 {
			var send []*item
			err := p.retry(ctx, fmt.Sprintf("the read of what the server holds of %s", plural(len(ask), "1 record version", fmt.Sprintf("%d record versions", len(ask)))), func() error {
				var err error
				send, err = p.reconcile(ctx, ask)
				return err
			})
			if err != nil {
				return err
			}
			items = slices.DeleteFunc(items, func(it *item) bool {
				return !strings.HasPrefix(it.put.IfMatch, dryAfter) && !slices.Contains(send, it)
			})
			if len(items) == 0 {
				return nil
			}
		}
		puts := flatten(items)
		for _, it := range items {
			if strings.HasPrefix(it.put.IfMatch, dryAfter) {
				p.rep.DryAfter++
			}
			// The next version of the assessment goes on this one:
			// its If-Match names the version the server will give it.
			p.accept(it.ch, dryAfter+it.rec.ID.String())
		}
		b, err := fhirclient.TransactionBundle(puts)
		if err != nil {
			return err
		}
		p.rep.Bundles++
		p.rep.Sent += len(items)
		_, err = fmt.Fprintf(p.o.DryRun, "%s\n", b)
		return err
	}
	what := fmt.Sprintf("a Bundle of %d record versions", len(items))
	if len(items) == 1 {
		what = items[0].put.Record
	}
	return p.retry(ctx, what, func() error {
		send, err := p.reconcile(ctx, items)
		if err == nil {
			items = send
			if len(items) == 0 {
				return nil
			}
			err = p.send(ctx, items)
		}
		return err
	})
}

// retry runs try until it succeeds, fails for a reason that will not pass,
// or has been tried Attempts times (or would wait past MaxWait), waiting
// Backoff, doubling, or the server's Retry-After, in between. Each wait is
// told to Waiting. The error it gives up with says how many tries were
// made, and over how long.
func (p *pusher) retry(ctx context.Context, what string, try func() error) error {
	wait := p.o.Backoff
	start := time.Now()
	for attempt := 1; ; attempt++ {
		err := try()
		if err == nil {
			return nil
		}
		var rc *retryConflict
		if !fhirclient.Temporary(err) && !errors.As(err, &rc) {
			return err
		}
		d := wait
		var fe *fhirclient.Error
		if errors.As(err, &fe) && fe.RetryAfter > d {
			d = fe.RetryAfter
		}
		last := attempt >= p.o.Attempts
		if p.o.MaxWait > 0 && time.Since(start)+d > p.o.MaxWait && !last {
			// Said, or a 429 whose Retry-After is past it stops
			// after one try with no reason given.
			return &triedError{err: err, msg: fmt.Sprintf("%v (%s: tried %d %s; the next try would be in %s, past the %s it may be tried for (--max-wait): nothing is lost, push again later)",
				err, what, attempt, plural(attempt, "time", "times"), d.Round(100*time.Millisecond), p.o.MaxWait)}
		}
		if last {
			if attempt > 1 {
				return &triedError{err: err, msg: fmt.Sprintf("%v (%s: tried %d times over %s)", err, what, attempt, time.Since(start).Round(100*time.Millisecond))}
			}
			return err
		}
		if p.o.Waiting != nil {
			p.o.Waiting(Retry{What: what, Attempt: attempt, Of: p.o.Attempts, Wait: d, Err: err})
		}
		select {
		case <-time.After(d):
		case <-ctx.Done():
			return err
		}
		wait *= 2
	}
}

// triedError is a temporary failure given up on, saying how often it was
// tried; it unwraps to the last failure.
type triedError struct {
	err error
	msg string
}

func (e *triedError) Error() string { return e.msg }
func (e *triedError) Unwrap() error { return e.err }

// reconcile reads the server's current version of each item's resource
// and settles the items it can: already there (accepted), or changed by
// someone else (a conflict). It returns the items to send.
func (p *pusher) reconcile(ctx context.Context, items []*item) ([]*item, error) {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.put.ID
	}
	cur, err := p.c.Current(ctx, "QuestionnaireResponse", ids)
	if err != nil {
		return nil, err
	}
	var send []*item
	var found []store.Pushed
	var foundItems []*item
	for _, it := range items {
		have, ok := cur[it.put.ID]
		switch {
		case !ok && it.put.IfMatch == "":
			// An amendment of versions read from this server that it
			// no longer holds at all waits for the machine that made
			// them; a first version is a create.
			if lc, err := p.lacksAll(it); err != nil {
				return nil, err
			} else if lc != nil {
				if err := p.waitFor(it.ch, *lc); err != nil {
					return nil, err
				}
				continue
			}
			send = append(send, it)
		case !ok:
			// Resting, through this machine's versions the server
			// lost, on another machine's it lacks too: it waits for
			// that machine, said with what to run there, as its
			// versions before it are (said with no way out, it
			// was a second, bare reason for one assessment).
			if lc, err := p.lacksAll(it); err != nil {
				return nil, err
			} else if lc != nil {
				if err := p.waitFor(it.ch, *lc); err != nil {
					return nil, err
				}
				continue
			}
			p.fail(it.ch, fmt.Errorf("%s: not sent: the server no longer has assessment %s, which it had accepted as version %s", it.put.Record, it.ch.Assessment, it.put.IfMatch))
		default:
			same, err := fhirclient.SameContent(it.resource, have.JSON)
			if err != nil {
				return nil, err
			}
			// The response carries the version it was made from, so
			// which version the server holds is known by its id.
			held, carried, _ := fhir.RecordIn(have.JSON)
			switch {
			case carried && held.ID == it.rec.ID, same && have.VersionID != it.put.IfMatch:
				// What is about to be sent is there already: sent
				// before, its answer lost. (The same content as the
				// version last seen, with no record carried, is a new
				// version with nothing changed, and is sent.)
				found = append(found, store.Pushed{Record: it.rec.ID, Assessment: it.ch.Assessment, Version: have.VersionID})
				foundItems = append(foundItems, it)
			case it.put.IfMatch != "" && have.VersionID == it.put.IfMatch:
				send = append(send, it)
			case carried && !it.rec.Amends.IsZero() && held.ID == it.rec.Amends:
				// It amends a version the server holds as current: one
				// read from the server, or this machine's own under
				// another version id than the one noted (a second copy
				// left by a late try, before creates were sent
				// If-None-Match, or by a server that ignores it). That
				// is no change made elsewhere: sent on that version.
				it.put.IfMatch, it.put.IfNoneMatch = have.VersionID, false
				send = append(send, it)
			default:
				// This very version may be in the server's history
				// already, sent by another machine that read it (to a
				// second server, say): it is accepted there, no
				// conflict, and never sent again. Found with a laptop
				// that pushed a ward's assessment and its own amendment
				// to a second server: the ward's push of its first
				// version was called a conflict, and keeping its own
				// sent it again over the laptop's.
				if v, ok, err := p.inHistory(ctx, it); err != nil {
					return nil, err
				} else if ok {
					found = append(found, store.Pushed{Record: it.rec.ID, Assessment: it.ch.Assessment, Version: v})
					foundItems = append(foundItems, it)
					continue
				}
				if back, err := p.wentBack(it, have); err != nil || back {
					if err != nil {
						return nil, err
					}
					continue // the versions it lost go first, next round
				}
				if lc, err := p.lacksCopy(it, have); err != nil {
					return nil, err
				} else if lc != nil {
					if err := p.waitFor(it.ch, *lc); err != nil {
						return nil, err
					}
					continue
				}
				if err := p.conflicted(ctx, it, &have); err != nil {
					return nil, err
				}
			}
		}
	}
	versions := make([]string, len(found))
	for i, f := range found {
		versions[i] = f.Version
	}
	if err := p.found(foundItems, versions); err != nil {
		return nil, err
	}
	return send, nil
}

// wentBack settles the item whose assessment the server holds at an
// earlier version of this store's own line than the one the item goes on,
// when every version between was accepted by this server from here: the
// server went back (restored from a backup made before they were sent),
// and nothing was changed on another machine. Held as a conflict, the
// nurse was told the assessment was changed elsewhere, the amendment's
// note was held back, and --keep-server would have set her corrections
// aside for the server's older version. The versions it lost are put
// back at the head of the chain, on the version it holds, and sent again
// before the item (as push --check-server sends them), counted as lost
// (Report.Lost). It reports whether it did so.
func (p *pusher) wentBack(it *item, have fhirclient.Resource) (bool, error) {
	held, carried, err := fhir.RecordIn(have.JSON)
	if err != nil || !carried || have.VersionID == "" {
		return false, nil
	}
	line, err := p.st.Versions(it.ch.Assessment)
	if err != nil {
		return false, err
	}
	at := slices.IndexFunc(line, func(v record.Record) bool { return v.ID == held.ID })
	me := slices.IndexFunc(line, func(v record.Record) bool { return v.ID == it.rec.ID })
	if at < 0 || me < 0 || at+1 >= me || it.ch.Pending[0].ID != it.rec.ID {
		return false, nil
	}
	lost := line[at+1 : me]
	for _, v := range lost {
		if _, ok, err := p.st.PushedVersion(p.server, v.ID); err != nil {
			return false, err
		} else if !ok {
			return false, nil // not all accepted from here: not this
		}
	}
	// What the server holds still is noted again as it holds it; the
	// versions it lost are forgotten, so that a push stopped before it
	// sends them again sends them then.
	var keep []store.Pushed
	for _, v := range line[:at+1] {
		version, ok, err := p.st.PushedVersion(p.server, v.ID)
		if err != nil {
			return false, err
		}
		if v.ID == held.ID {
			version, ok = have.VersionID, true
		}
		if ok {
			keep = append(keep, store.Pushed{Record: v.ID, Assessment: it.ch.Assessment, Version: version})
		}
	}
	if p.o.DryRun == nil {
		if _, err := p.st.ForgetPushed(p.server, []record.ID{it.ch.Assessment}); err != nil {
			return false, err
		}
		if err := p.st.MarkPushed(p.server, keep); err != nil {
			return false, err
		}
	}
	it.ch.Pending = append(slices.Clone(lost), it.ch.Pending...)
	it.ch.Accepted = have.VersionID
	p.rep.Pending += len(lost)
	p.rep.Lost += len(lost)
	p.rep.LostAssessments++
	return true, nil
}

// lacksCopy is the version the item rests on that the server lacks, when
// it holds an earlier version of this store's line and every version
// between is either accepted from here or read from it, one of them (the
// first returned) made on another machine: the server went back
// (restored from an older backup, or emptied), and nothing was changed on
// another machine. Held as a conflict, the nurse was told the assessment
// was "changed on another machine", her note was held back, and it stayed
// a conflict once the machine that made the version sent it again. Nil
// when that is not so.
func (p *pusher) lacksCopy(it *item, have fhirclient.Resource) (*LostCopy, error) {
	held, carried, err := fhir.RecordIn(have.JSON)
	if err != nil || !carried || it.ch.Pending[0].ID != it.rec.ID {
		return nil, nil
	}
	line, err := p.st.Versions(it.ch.Assessment)
	if err != nil {
		return nil, err
	}
	at := slices.IndexFunc(line, func(v record.Record) bool { return v.ID == held.ID })
	if at < 0 {
		return nil, nil
	}
	return p.lostBefore(it, line, at+1)
}

// lacksAll is lacksCopy for an item whose assessment the server holds no
// version of at all (restored from a backup made before its first
// version was sent, or emptied) while the item amends versions read from
// it: every version before the item is lost. Sent as a create, the
// amendment went onto the server with nothing under it, "Sent 1 of 1",
// and the machine that made the original was then told its own
// assessment was changed on another machine.
func (p *pusher) lacksAll(it *item) (*LostCopy, error) {
	if it.rec.Amends.IsZero() || it.ch.Pending[0].ID != it.rec.ID {
		return nil, nil
	}
	line, err := p.st.Versions(it.ch.Assessment)
	if err != nil {
		return nil, err
	}
	return p.lostBefore(it, line, 0)
}

// lostBefore is lacksCopy's answer once the server is known to hold none
// of line[start:] before the item.
func (p *pusher) lostBefore(it *item, line []record.Record, start int) (*LostCopy, error) {
	me := slices.IndexFunc(line, func(v record.Record) bool { return v.ID == it.rec.ID })
	if me < 0 || start >= me {
		return nil, nil
	}
	between := line[start:me]
	ids := make([]record.ID, len(between))
	for i, v := range between {
		ids[i] = v.ID
	}
	from, err := p.st.CopySources(ids)
	if err != nil {
		return nil, err
	}
	var first *LostCopy
	for _, v := range between {
		src, copied := from[v.ID]
		switch {
		case copied && strings.TrimRight(src, "/") == strings.TrimRight(p.server, "/"):
			if first == nil {
				first = &LostCopy{Assessment: it.ch.Assessment, Base: v.ID, Clinician: v.Clinician, Team: v.Team, Made: v.Time, Waiting: len(it.ch.Pending)}
			}
		case copied:
			return nil, nil // read from another server: not this
		case p.sending[v.ID]:
			// Made here and sent by this push (its own version the
			// server lost, sent again now): no change made elsewhere.
			// It was counted as one, and the amendment resting on
			// another machine's lost version after it was held as a
			// conflict with the version read before it was sent.
		default:
			if _, ok, err := p.st.PushedVersion(p.server, v.ID); err != nil {
				return nil, err
			} else if !ok {
				return nil, nil
			}
		}
	}
	return first, nil
}

// restsOnLine reports whether base is a version r rests on, through the
// versions it amends (each held here).
func (p *pusher) restsOnLine(r record.Record, base record.ID) bool {
	if base.IsZero() {
		return false
	}
	for seen := 0; !r.Amends.IsZero() && seen < 10000; seen++ {
		if r.Amends == base {
			return true
		}
		prev, err := p.st.Get(r.Amends)
		if err != nil {
			return false
		}
		r = prev
	}
	return false
}

// waitFor records that the chain waits on lc, a version made on another
// machine that the server lacks (lacksCopy): no conflict, nothing marked,
// kept pending here and sent by a push once the server holds lc again.
func (p *pusher) waitFor(ch *store.PushChain, lc LostCopy) error {
	if c, ok := store.ConflictOf(p.known, ch.Pending[0].ID); ok && p.o.DryRun == nil {
		// Kept here as a conflict by an older digicheck: it was none.
		if err := p.st.ForgetConflict(p.server, c); err != nil {
			return err
		}
		p.rep.NoConflict = append(p.rep.NoConflict, c)
	}
	who := questionnaire.PrintableTyped(lc.Clinician)
	if lc.Clinician == "" {
		who = "no one named"
	}
	err := &WaitsError{Copy: lc, msg: fmt.Sprintf("%s: %s: the FHIR server %s lacks record %s, made by %s on another machine on %s, that it rests on (the server was restored from an older backup, or emptied): no one else changed the assessment, and nothing here is in conflict. On the machine that made that record run digicheck push --check-server (it sends it again); then the next push here sends this one on it",
		describe(ch.Pending[0], ch.Assessment), p.notSent(), p.server, lc.Base, who, lc.Made.Local().Format("2 Jan 2006")), what: describe(ch.Pending[0], ch.Assessment)}
	p.rep.Failed = append(p.rep.Failed, Failure{Record: ch.Pending[0].ID, Assessment: ch.Assessment, Err: err})
	p.rep.Waiting += len(ch.Pending) - 1
	p.later.waits += len(ch.Pending) - 1
	p.stop(ch, stop{assessment: ch.Assessment, err: err})
	ch.Pending = nil
	return nil
}

// notSentAre is "is not sent" or "are not sent" of n versions, or in a
// dry run "would not be sent".
func (p *pusher) notSentAre(n int) string {
	if p.o.DryRun != nil {
		return "would not be sent"
	}
	return isAre(n) + " not sent"
}

// notSent is how finish and the reasons it lists say a version was not
// sent: in a dry run, that the push would not send it.
func (p *pusher) notSent() string {
	if p.o.DryRun != nil {
		return "would not be sent"
	}
	return "not sent"
}

// WaitsError is a version not sent as the server lacks Copy, made on
// another machine, that it rests on (ErrWaitsOnOther), in Report.Failed.
type WaitsError struct {
	Copy LostCopy
	msg  string
	// what is the version that waits, as describe says it.
	what string
}

func (e *WaitsError) Error() string        { return e.msg }
func (e *WaitsError) Is(target error) bool { return target == ErrWaitsOnOther }

// acceptedSince reports the server's version id of the chain's first
// pending version, held in conflict c here, if the server's history of
// its assessment holds it now. A server that cannot be read now leaves
// the conflict standing, as it was.
// lacks is set when the server no longer holds the version c is in
// conflict with (ServerLacks). A 404 of the history is that only where
// the assessment itself is absent: a server that turns _history off
// answers 404 to it and tells nothing of what it lost, and the conflict
// is said as it was noted (as push --conflicts says it).
func (p *pusher) acceptedSince(ctx context.Context, ch *store.PushChain, c store.Conflict) (version string, there, lacks bool, now string) {
	hist, err := p.c.History(ctx, "QuestionnaireResponse", ch.Assessment.String())
	if err != nil {
		if !fhirclient.NotFound(err) {
			return "", false, false, ""
		}
		held, answered := p.heldWithoutHistory(ctx, ch.Assessment)
		return "", false, answered && !held, ""
	}
	for _, h := range hist {
		held, carried, _ := fhir.RecordIn(h.JSON)
		if carried && held.ID == ch.Pending[0].ID {
			return h.VersionID, true, false, ""
		}
		if carried && !c.ServerRecord.IsZero() && held.ID == c.ServerRecord && now == "" {
			// The version in conflict, as the server holds it now:
			// sent again after the server lost it, under another id.
			now = h.VersionID
		}
	}
	return "", false, LacksServerSide(hist, c), now
}

// MadeSinceLoss reports the record the server's current version, cur,
// carries when it is one made since the server lost the version conflict
// c is in conflict with: on none of this machine's versions of the
// assessment, mine (store.Versions), nor the lost one. Another machine
// amended the assessment after the loss (the machine whose version was
// lost among them, settling its version again over a third's): the
// conflict is with that version now, to be looked at and settled as any,
// as a read of the patient and --other-version-lost note it. Waited on
// still, the lost version sent an IT lead back to a machine that had
// already done its part.
func MadeSinceLoss(c store.Conflict, cur fhirclient.Resource, mine []record.Record) (record.Record, bool) {
	theirs, carried, err := fhir.RecordIn(cur.JSON)
	if err != nil || !carried || theirs.ID == c.ServerRecord || theirs.ID == c.Record || theirs.ID == c.Refused {
		return record.Record{}, false
	}
	if slices.ContainsFunc(mine, func(r record.Record) bool { return r.ID == theirs.ID }) {
		return record.Record{}, false
	}
	return theirs, true
}

// NotedWith is conflict c noted with the server's version, version,
// carrying theirs, in place of the one it was with: what was shown of,
// or settled on, the old one goes with it.
func NotedWith(c store.Conflict, version string, theirs record.Record) store.Conflict {
	c.ServerVersion, c.ServerRecord, c.ServerClinician, c.ServerTime = version, theirs.ID, theirs.Clinician, theirs.Time
	c.ServerVoided, c.ServerVoidReason = theirs.Status == record.EnteredInError, theirs.VoidReason
	c.Shown, c.SendOn, c.ServerOwn, c.ServerLacks = "", "", false, false
	return c
}

// LacksServerSide reports whether hist, the server's history of conflict
// c's assessment, lacks the
// version c is in conflict with: none at all (the server emptied), or,
// where the conflict names the record that version carried, none
// carrying it (restored from a backup older than it). The server's
// version then is an earlier one, made before either side's, and no
// settle can go on it: it was said as a conflict with that earlier
// version (the laptop's own first version, noted so by push
// --conflicts), and the push sent the laptop's amendment on it as if it
// had won.
func LacksServerSide(hist []fhirclient.Resource, c store.Conflict) bool {
	if len(hist) == 0 {
		return true
	}
	if c.ServerRecord.IsZero() {
		return false
	}
	for _, h := range hist {
		if held, carried, _ := fhir.RecordIn(h.JSON); carried && held.ID == c.ServerRecord {
			return false
		}
	}
	return true
}

// ServerSideLost asks the server, which holds conflict c's assessment,
// whether it still holds the version c is in conflict with
// (LacksServerSide). A history that does not answer, a 404 of a server
// that turns _history off included, tells nothing, and is said as err.
func ServerSideLost(ctx context.Context, cl *fhirclient.Client, c store.Conflict) (bool, error) {
	hist, err := cl.History(ctx, "QuestionnaireResponse", c.Assessment.String())
	if err != nil {
		return false, err
	}
	return LacksServerSide(hist, c), nil
}

// inHistory reports the server's version id of the item's own record, if
// the history of its resource holds it.
func (p *pusher) inHistory(ctx context.Context, it *item) (string, bool, error) {
	hist, err := p.c.History(ctx, "QuestionnaireResponse", it.put.ID)
	if err != nil {
		return "", false, err
	}
	for _, h := range hist {
		if held, carried, _ := fhir.RecordIn(h.JSON); carried && held.ID == it.rec.ID {
			return h.VersionID, true, nil
		}
	}
	return "", false, nil
}

// found marks the items accepted as the server already holds them.
func (p *pusher) found(items []*item, versions []string) error {
	ps := make([]store.Pushed, len(items))
	for i, it := range items {
		ps[i] = store.Pushed{Record: it.rec.ID, Assessment: it.ch.Assessment, Version: versions[i]}
	}
	if p.o.DryRun == nil {
		if err := p.st.MarkPushed(p.server, ps); err != nil {
			return err
		}
	}
	for i, it := range items {
		if c, ok := store.ConflictOf(p.known, it.rec.ID); ok {
			p.rep.Cleared = append(p.rep.Cleared, c)
		}
		p.accept(it.ch, versions[i])
	}
	p.rep.Found += len(items)
	return nil
}

// send sends the items in one transaction and marks them accepted. A
// conflict or refusal of the Bundle as a whole is narrowed down by sending
// the items one at a time, so one record does not hold up the rest.
func (p *pusher) send(ctx context.Context, items []*item) error {
	puts := flatten(items)
	acc, err := p.c.Transaction(ctx, puts)
	if err == nil {
		p.rep.Bundles++ // accepted: a try that failed is no Bundle sent
		// Each item's response is first of its resources.
		versions := make([]string, len(items))
		at := 0
		for i, it := range items {
			versions[i] = acc[at].VersionID
			at += 1 + len(it.derived)
		}
		return p.mark(items, versions)
	}
	if errors.Is(err, fhirclient.ErrConflict) || errors.Is(err, fhirclient.ErrRejected) {
		var fe *fhirclient.Error
		if !errors.As(err, &fe) || fe.Unknown {
			return err
		}
		if len(items) == 1 {
			it := items[0]
			if errors.Is(err, fhirclient.ErrConflict) {
				// What the server holds now, to say whose it is: a
				// read that fails leaves it unnamed, not the conflict
				// unmarked.
				var have *fhirclient.Resource
				if r, rerr := p.c.Read(ctx, "QuestionnaireResponse", it.put.ID); rerr == nil {
					have = &r
					// This machine's own version is no conflict: the
					// version itself (a late try landed between the
					// read-back and this one) is accepted; the one it
					// amends, under another version id, is sent on.
					held, carried, _ := fhir.RecordIn(r.JSON)
					switch {
					case carried && held.ID == it.rec.ID:
						return p.found([]*item{it}, []string{r.VersionID})
					case carried && !it.rec.Amends.IsZero() && held.ID == it.rec.Amends && r.VersionID != it.put.IfMatch:
						it.put.IfMatch, it.put.IfNoneMatch = r.VersionID, false
						return p.send(ctx, items)
					}
				}
				if v, ok, herr := p.inHistory(ctx, it); herr == nil && ok {
					return p.found([]*item{it}, []string{v})
				}
				if have != nil {
					if back, err := p.wentBack(it, *have); err != nil || back {
						return err
					}
					if lc, err := p.lacksCopy(it, *have); err != nil {
						return err
					} else if lc != nil {
						return p.waitFor(it.ch, *lc)
					}
				}
				return p.conflicted(ctx, it, have)
			} else {
				p.fail(it.ch, fmt.Errorf("not sent: %w", err))
			}
			return nil
		}
		for _, it := range items {
			if err := p.send(ctx, []*item{it}); err != nil {
				return err
			}
		}
		return nil
	}
	return err
}

func (p *pusher) mark(items []*item, versions []string) error {
	ps := make([]store.Pushed, len(items))
	for i, it := range items {
		ps[i] = store.Pushed{Record: it.rec.ID, Assessment: it.ch.Assessment, Version: versions[i]}
	}
	if err := p.st.MarkPushed(p.server, ps); err != nil {
		// The server has them; the next push finds them there.
		return fmt.Errorf("the server accepted %d versions but the store could not note it (the next push finds them on the server): %w", len(items), err)
	}
	for i, it := range items {
		p.accept(it.ch, versions[i])
	}
	p.rep.Sent += len(items)
	return nil
}

var notIDChar = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^A-Za-z0-9\-.]+`) })

// QuestionnaireID is the id a Questionnaire is sent under: its name and
// version, such as DigitalInclusionCheck-1.0.0.
func QuestionnaireID(ins *questionnaire.Instrument) string {
	id := notIDChar().ReplaceAllString(fhir.Name(ins)+"-"+ins.Version, "-")
	if len(id) > 64 {
		id = id[:64]
	}
	return id
}

// questionnaires sends, first, each Questionnaire the pending versions
// answer that the server has not accepted from this store.
func (p *pusher) questionnaires(ctx context.Context, chains []store.PushChain) error {
	need := map[string]*questionnaire.Instrument{}
	var order []string
	for _, ch := range chains {
		for _, r := range ch.Pending {
			if _, ok := need[r.InstrumentVersion]; ok {
				continue
			}
			if ins, ok := questionnaire.Lookup(r.InstrumentVersion); ok {
				need[r.InstrumentVersion] = ins
				order = append(order, r.InstrumentVersion)
			}
		}
	}
	for _, v := range order {
		ins := p.o.Site.Instrument(need[v])
		canonical := ins.URL + "|" + ins.Version
		if _, ok, err := p.st.QuestionnairePushed(p.server, canonical); err != nil || ok && !p.questionnairesLost {
			if err != nil {
				return err
			}
			continue
		}
		raw, err := fhir.Questionnaire(ins)
		if err != nil {
			return err
		}
		id := QuestionnaireID(ins)
		raw, err = withQuestionnaireID(raw, id)
		if err != nil {
			return err
		}
		put := fhirclient.Put{Type: "Questionnaire", ID: id, Resource: raw, Record: "Questionnaire " + canonical}
		if p.o.DryRun != nil {
			// Read back as the push reads it: one the server holds as
			// it is goes no further; one it lacks is created.
			held := false
			err := p.retry(ctx, put.Record, func() (err error) {
				_, held, err = p.readBack(ctx, &put)
				return err
			})
			if err != nil {
				return err
			}
			if held {
				continue
			}
			b, err := fhirclient.TransactionBundle([]fhirclient.Put{put})
			if err != nil {
				return err
			}
			p.rep.Bundles++
			if _, err := fmt.Fprintf(p.o.DryRun, "%s\n", b); err != nil {
				return err
			}
			continue
		}
		version, err := p.questionnaire(ctx, put)
		if err != nil {
			return err
		}
		if err := p.st.MarkQuestionnairePushed(p.server, canonical, version); err != nil {
			return err
		}
	}
	return nil
}

func (p *pusher) questionnaire(ctx context.Context, put fhirclient.Put) (string, error) {
	var version string
	err := p.retry(ctx, put.Record, func() error {
		v, held, err := p.readBack(ctx, &put)
		if err != nil {
			return err
		}
		if held {
			version = v
			return nil
		}
		acc, err := p.c.Transaction(ctx, []fhirclient.Put{put})
		if err == nil {
			p.rep.Bundles++
		}
		if err != nil {
			if errors.Is(err, fhirclient.ErrConflict) {
				// Changed between the read and the write: read again.
				return &retryConflict{err}
			}
			return err
		}
		version = acc[0].VersionID
		return nil
	})
	return version, err
}

// readBack reads from the server the Questionnaire put writes: held, at
// version, when the server holds it as it is; else put is set to create
// it (one the server lacks) or to replace it on the version read (ours,
// under our id, with other content, written by an older digicheck).
func (p *pusher) readBack(ctx context.Context, put *fhirclient.Put) (version string, held bool, err error) {
	have, err := p.c.Read(ctx, put.Type, put.ID)
	switch {
	case err == nil:
		same, err := fhirclient.SameContent(put.Resource, have.JSON)
		if err != nil || same {
			return have.VersionID, same, err
		}
		put.IfMatch, put.IfNoneMatch = have.VersionID, false
	case fhirclient.NotFound(err):
		put.IfMatch, put.IfNoneMatch = "", true
	default:
		return "", false, err
	}
	return "", false, nil
}

// retryConflict is a Questionnaire write that met a version written in
// between: tried again on the new one, as a failure that passes.
type retryConflict struct{ err error }

func (e *retryConflict) Error() string { return e.err.Error() }
func (e *retryConflict) Unwrap() error { return e.err }

// withQuestionnaireID puts the id first after resourceType, where FHIR's
// JSON has it.
func withQuestionnaireID(pretty []byte, id string) ([]byte, error) {
	var b bytes.Buffer
	if err := json.Compact(&b, pretty); err != nil {
		return nil, err
	}
	raw := b.Bytes()
	head := []byte(`{"resourceType":"Questionnaire",`)
	if !bytes.HasPrefix(raw, head) {
		return nil, errors.New("the Questionnaire does not start with its resourceType")
	}
	out := make([]byte, 0, len(raw)+len(id)+8)
	out = append(out, head...)
	out = append(out, `"id":"`+id+`",`...)
	return append(out, raw[len(head):]...), nil
}

// plural is one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// OfVersions is "n of total record versions", in the singular when total
// is 1: "Sent 0 of 1 record versions" was said.
func OfVersions(n, total int) string {
	if total == 1 {
		return fmt.Sprintf("%d of 1 record version", n)
	}
	return fmt.Sprintf("%d of %d record versions", n, total)
}
