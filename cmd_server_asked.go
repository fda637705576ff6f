package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"digicheck/fhir"
	"digicheck/fhirclient"
	"digicheck/push"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// conflictAskBudget is how long history and show wait, in all, on the FHIR
// servers their versions in conflict were refused by, to say whether each
// still holds the other machine's version. A read of this machine's store
// never hangs on the network: show of one version in conflict waited 8 s
// on a server that answered late, and history 16 s (its own read, then
// this question), for every such version.
var conflictAskBudget = 2 * time.Second

// conflictAsker asks, for a read (history, show), whether the FHIR server
// a conflict was noted with still holds the version it is in conflict
// with: all within one budget (conflictAskBudget) from the first question,
// each server given up on after its first failure, and nothing written to
// the store (a read changes nothing; push and push --conflicts note a
// conflict anew).
type conflictAsker struct {
	a *app
	// deadline is when the budget runs out: set at the first question.
	deadline time.Time
	// unasked is why each server (by identity) cannot be asked now: its
	// first failure, or the read of the patient that failed before.
	unasked map[string]string
}

func (a *app) newConflictAsker() *conflictAsker {
	return &conflictAsker{a: a, unasked: map[string]string{}}
}

// conflictNow is a conflict as a read says it: as asked of its server
// now, or as noted, with why the server could not be asked.
type conflictNow struct {
	store.Conflict
	// lacks is true where the server no longer holds the other machine's
	// version (emptied, or restored from an older backup).
	lacks bool
	// since is, where lacks, the version the server holds now, made
	// since on another machine (push.MadeSinceLoss), with its server
	// version: the conflict is with it now, noted so by push.
	since        *record.Record
	sinceVersion string
	// unasked is why the server could not be asked now: "" where it was.
	unasked string
}

// askerKey carries a conflictAsker in a context, so that a read of the
// patient that failed tells it the server was not reached.
type askerKey struct{}

// withAsker is ctx carrying q.
func withAsker(ctx context.Context, q *conflictAsker) context.Context {
	return context.WithValue(ctx, askerKey{}, q)
}

// noteUnasked tells the conflictAsker in ctx, if any, that the FHIR server
// at base did not answer a read of the patient (why): it is not asked
// again by that command, which has already waited on it.
func noteUnasked(ctx context.Context, base, why string) {
	q, _ := ctx.Value(askerKey{}).(*conflictAsker)
	if q == nil {
		return
	}
	if id, err := fhirclient.Identity(base); err == nil {
		q.unasked[strings.TrimRight(id, "/")] = why
	}
}

// ask is conflict k, noted with the FHIR server server ("" for the site's),
// as that server has it now, asked within the budget; as noted, with why,
// where it cannot be asked.
func (q *conflictAsker) ask(st *store.Store, server string, k store.Conflict) conflictNow {
	now := conflictNow{Conflict: k}
	if k.ServerRecord.IsZero() || k.NotTakenIn {
		return now
	}
	if server == "" {
		server = q.a.siteServer()
	}
	id, err := fhirclient.Identity(server)
	if err != nil {
		return now
	}
	id = strings.TrimRight(id, "/")
	if why, ok := q.unasked[id]; ok {
		now.unasked = why
		return now
	}
	if q.deadline.IsZero() {
		q.deadline = time.Now().Add(conflictAskBudget)
	}
	left := time.Until(q.deadline)
	if left <= 0 {
		now.unasked = fmt.Sprintf("no answer within %s", conflictAskBudget)
		return now
	}
	c, err := q.a.fhirClient(server, left)
	if err != nil {
		now.unasked = err.Error()
		q.unasked[id] = now.unasked
		return now
	}
	ctx, cancel := context.WithDeadline(context.Background(), q.deadline)
	defer cancel()
	failed := func(err error) conflictNow {
		why := "it could not be reached"
		switch {
		case answeredWhy(err) != "":
			why = answeredWhy(err)
		case ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded):
			why = fmt.Sprintf("no answer within %s", conflictAskBudget)
		}
		q.unasked[id] = why
		now.unasked = why
		return now
	}
	res, err := c.Read(ctx, "QuestionnaireResponse", k.Assessment.String())
	if err != nil && fhirclient.NotFound(err) {
		now.lacks = true // emptied: nothing of the assessment is held
		return now
	}
	if err != nil {
		return failed(err)
	}
	if theirs, carried, err := fhir.RecordIn(res.JSON); err == nil && carried && (theirs.ID == k.ServerRecord || theirs.ID == k.Record || theirs.ID == k.Refused) {
		return now // the version in conflict, or this machine's own: held
	}
	lost, err := push.ServerSideLost(ctx, c, k)
	if err != nil {
		return failed(err)
	}
	if !lost {
		return now
	}
	now.lacks = true
	if st != nil {
		if mine, err := st.Versions(k.Record); err == nil {
			if theirs, ok := push.MadeSinceLoss(k, res, mine); ok {
				now.since, now.sinceVersion = &theirs, res.VersionID
			}
		}
	}
	return now
}

// lostNote is the mark, under a read, of version r (short), this machine's,
// in conflict with a version the FHIR server no longer holds: said as push
// says it, with the commands that work now, each carrying flag (this run's
// --db and --config, and --server for a server not the site's); server is
// how the server is named in the text ("The FHIR server" for the site's).
// Where the server holds a version made since on another machine, the
// conflict is with that now: push --conflicts shows both and notes it, and
// the plain settles then work (before, they were refused). Said as held
// there, the plain settles offered were refused; said of a laptop given
// --server, they were offered still.
func lostNote(k conflictNow, r record.Record, short, server, flag string) string {
	what, whose, _ := strings.Cut(lostVersionWords(k.Conflict), ", ")
	head := fmt.Sprintf("NOT SENT, IN CONFLICT: %s, this machine's %s.\n  %s refused it\n  over the other machine's %s, which it no longer holds (emptied, or\n  restored from an older backup):\n  %s.\n", short, k.What, server, what, whose)
	if k.since != nil {
		by := ""
		if k.since.Clinician != "" {
			by = " by " + questionnaire.PrintableTyped(k.since.Clinician)
		}
		return head + fmt.Sprintf("  It holds a version made since on another machine, record %s%s at\n  %s: the conflict is with that version now. It is current here only.\n  See both (this notes the conflict with it), then settle it as any:\n    digicheck push%s --conflicts\n",
			k.since.ID.String()[:13], by, whenText(k.since.Time), flag)
	}
	check := "digicheck push --check-server"
	if strings.Contains(flag, " --server ") {
		_, name, _ := strings.Cut(flag, " --server ")
		check = "digicheck push --server " + name + " --check-server"
	}
	return head + fmt.Sprintf("  It is current here only, and waits on that machine: on it run\n  %s.\n  If that machine will never send its version again (lost, stolen or\n  wiped), settle here without it:\n%s",
		check, settleLines(otherLostCommands(flag, short, r.Status == record.EnteredInError)))
}

// unaskedWords is said of a conflict whose server could not be asked now
// (why) whether it still holds the other machine's version: the note is as
// of when the conflict was met, and the "See both" command asks again.
func unaskedWords(why string) string {
	return fmt.Sprintf("  It could not be asked now (%s) whether it still holds\n  that version: this is as when it refused this one. If it has lost that\n  version since, \"See both\" below says so, with the way out.\n", why)
}
