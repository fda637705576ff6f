package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/remote"
	"digicheck/store"
	"digicheck/ui"
)

func (a *app) followupCmd() *cobra.Command {
	var server string
	c := &cobra.Command{
		Use:   "followup PATIENT",
		Short: "Assess a patient again and see what changed since last time",
		Long: `Assess a patient again, linked to their latest assessment. First ask what
became of each referral the patient agreed to last time (went, went and it
helped, or did not take it up and why); then the questions are asked afresh,
and the result and the note show the change in each domain and route since.

PATIENT is an NHS number (spaces allowed) or a local hospital number. The
assessment followed up is the patient's latest that counts: the current
version of their most recent assessment, leaving out any entered in error.

When a FHIR server is set (--server, else fhir_server in the site config),
the patient's assessment versions this store lacks (all of them, on a
machine that has never seen the patient; an amendment or a follow-up made
on another machine since) are read from the server, waiting at most a few
seconds, and kept in this store as copies marked as from the server; the
follow-up links to the latest, as it would to one made here, and says
where it came from. If the server cannot be reached, it says so, and
follows up the latest this machine holds.`,
		Args: onePatient,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := patientArg(cmd, args)
			if err != nil {
				return err
			}
			// The commands its refusals suggest ("start a new
			// assessment with digicheck new", the store's "run
			// digicheck check") carry this run's --db and --config.
			return carryGiven(a.followUp(cmd, p, server), a.given)
		},
	}
	c.Flags().StringVar(&server, "server", "", "the FHIR server to read the patient's newer assessments from (default: fhir_server in the site config)")
	return c
}

// followUp assesses patient p again, linked to their latest assessment
// that counts, reading the FHIR server first where one is set (server, or
// the site's): the followup command, and f on a new assessment's notice
// that its patient was assessed before (runNew).
func (a *app) followUp(cmd *cobra.Command, p record.PatientID, server string) (err error) {
	if server == "" {
		server = a.siteServer()
	}
	open := a.existingStore
	if server != "" {
		// The follow-up is saved here, whether or not this
		// machine has seen the patient before.
		open = func() (*store.Store, error) { return a.openAssessedStore(cmd.ErrOrStderr()) }
	}
	st, closeStore, err := a.assessedStore(open)
	defer func() { err = closeStore(err) }()
	if err != nil {
		return err
	}
	// What the server's answer says is printed, and shown again
	// on the full-screen UI's first screen, which would
	// otherwise hide it before it could be read.
	var said strings.Builder
	var read []remote.Copy
	// At a terminal, what is said is wrapped at whole words at
	// its width (sayOut); the notice box wraps its own copy.
	errOut, done := sayOut(cmd.ErrOrStderr())
	defer done()
	stderr := io.MultiWriter(errOut, &said)
	if server != "" {
		// Another machine may have amended or followed up the
		// patient since this one last saw them: the follow-up
		// rests on the latest, wherever it was made.
		mine, err := st.History(p)
		if err != nil {
			return err
		}
		if server == a.siteServer() {
			// Asked now: resuming the follow-up's draft does not
			// wait for the server again.
			a.askedOf = p
			defer func() { a.askedOf = record.PatientID{} }()
		}
		ctx, stop := cancelOnSignal(cmd.Context())
		copies, rerr := a.readPatient(ctx, stderr, st, server, p, len(mine) > 0)
		stop()
		if rerr != nil {
			return rerr
		}
		read = copies
	}
	prev, err := st.Latest(p)
	if err == nil {
		if err := voidedOnServer(st, prev, read); err != nil {
			return err
		}
	}
	if err == nil {
		// A follow-up of an assessment in conflict with the
		// server would rest on a version the server may never
		// hold: saved and said "Sent", it was orphaned on every
		// other machine once the conflict was settled to the
		// server's version. Refused before the questions, as an
		// amendment or a void is.
		if k, ok := a.conflictIn(st, prev); ok {
			return a.settleFirstHere(cmd, st, "followed up", prev, k)
		}
	}
	if err == nil && server != "" {
		if from, ferr := st.CopySources([]record.ID{prev.ID}); ferr == nil && from[prev.ID] != "" {
			fmt.Fprintf(stderr, "Following up %s of %s, read from the FHIR server %s.\n", prev.ID, prev.Time.Local().Format("2006-01-02"), sourceName(server, from[prev.ID]))
		}
	}
	if errors.Is(err, store.ErrNotFound) {
		// The server holds some that were not taken in here:
		// never "none saved" (every one voided is that).
		notIn := 0
		for _, c := range read {
			if _, gerr := st.Get(c.Record.ID); errors.Is(gerr, store.ErrNotFound) {
				notIn++
			}
		}
		if notIn > 0 {
			return fmt.Errorf("patient %s: the FHIR server %s holds %s of their assessments, read and not taken in here for the reasons said above, so none can be followed up here. Tell IT; to assess the patient now, start a new assessment with digicheck new", p, serverName(server), versions(notIn, "record version"))
		}
	}
	if errors.Is(err, store.ErrNotFound) {
		if derr := lostWithNewestSave(st, err, fmt.Sprintf("an earlier assessment of patient %s", p)); derr != err {
			return fmt.Errorf("%w.\nPatient %s cannot be followed up until the store is restored: to assess them now, start a new assessment with digicheck new (its answers will be kept in a file beside the store, not in it)", derr, p)
		}
		where := shownPath(st)
		if server != "" {
			where += " or on the FHIR server " + serverName(server) + a.localSearched(p)
		}
		return fmt.Errorf("patient %s has no earlier assessment to follow up in %s (none saved, or every one entered in error): start a new assessment with digicheck new", p, where)
	}
	if errors.Is(err, store.ErrDamaged) {
		// Which assessment is the latest is in doubt: refused,
		// with the way on (a new assessment), which the
		// refusal alone did not give.
		return fmt.Errorf("%w.\nPatient %s cannot be followed up until the store is restored: to assess them now, start a new assessment with digicheck new (its answers will be kept in a file beside the store, not in it)", latestUnreadWords(st, p, err, a.given), p)
	}
	if err != nil {
		return err
	}
	if as, aerr := st.Assessments(p); aerr == nil {
		// Several that count, none a follow-up of another: said
		// which is followed up, here and on the first screen.
		if un := unlinkedOf(as); len(un) > 1 && un[len(un)-1].Current.ID == prev.ID {
			fmt.Fprintln(stderr, latestOfUnlinked(len(un), un[len(un)-1], shortOf(st, prev.ID), p, a.given))
		}
	}
	// Asked for by f on a new assessment's notice: who gave the
	// patient's details there is not asked again.
	o := ui.Options{FollowUp: &prev, Notice: serverNotice(said.String()), FollowUpBy: a.followUpBy}
	a.followUpBy = ui.Given{}
	return a.runAssessment(cmd, st, o, func(d store.Draft) bool {
		return d.Amends.IsZero() && d.FollowsUp == prev.ID
	})
}

// serverNotice is what the clinician must read, before going on, of what
// reading the FHIR server printed: a server that could not be reached,
// versions read from it, versions left out or refused. The line saying the
// server is being asked is progress, and "nothing newer" is what a
// clinician assumes anyway: a box for those on every follow-up would
// teach them to pass over it. "" when nothing is left.
func serverNotice(said string) string {
	var keep []string
	for _, l := range strings.Split(said, "\n") {
		if l = strings.TrimSpace(l); l == "" ||
			strings.HasPrefix(l, "Asking the FHIR server ") ||
			(strings.HasPrefix(l, "The FHIR server ") && strings.Contains(l, " has nothing newer for patient ")) {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}

// voidedOnServer refuses a follow-up of prev when the server holds its
// assessment entered in error, in a state this machine could not take in
// (said already, by readPatient): followed up here, it would rest on a
// version the trust no longer counts, as a follow-up of an assessment
// voided here is refused.
func voidedOnServer(st *store.Store, prev record.Record, read []remote.Copy) error {
	if len(read) == 0 {
		return nil
	}
	vs, err := st.Versions(prev.ID)
	if err != nil || len(vs) == 0 {
		return nil
	}
	assessment := vs[0].ID
	for _, c := range read {
		if !c.Current || c.Assessment != assessment || c.Record.Status != record.EnteredInError {
			continue
		}
		if _, err := st.Get(c.Record.ID); err == nil {
			continue // taken in: Latest passed over it
		}
		// Each line whole at 80 columns, after "digicheck: ".
		return fmt.Errorf("cannot follow up record %s: the FHIR server holds its\nassessment entered in error, voided on another machine by %s\n(%s), which this machine could not take in.\nSettle that first (see both with digicheck push --conflicts), then follow up\nthe patient's latest assessment that counts.",
			shortOf(st, prev.ID), questionnaire.PrintableTyped(c.Record.Clinician), questionnaire.PrintableTyped(c.Record.VoidReason))
	}
	return nil
}

// strandedNote says on w, after a push to base, which follow-ups saved here
// rest on a version that server will never hold (store.StrandedFollowUps):
// saved by a digicheck that let a follow-up be made on an assessment in
// conflict, they were sent, and said sent, yet no other machine can link
// them to the patient's earlier assessment. Each is named, with what to do,
// in lines filled at width. The commands carry this run's flags (again,
// given: its --db and --config, as withServer gives them): pasted bare,
// they went to the default store.
func strandedNote(ctx context.Context, w io.Writer, st *store.Store, base string, width int, again, given string) {
	fs, err := st.StrandedFollowUps(ctx, base)
	if err != nil || len(fs) == 0 {
		return
	}
	for _, f := range fs {
		id := shortOf(st, f.FollowUp.ID)
		var b strings.Builder
		fmt.Fprintf(&b, "warning: follow-up %s of patient %s, made %s, rests on record %s, ",
			id, questionnaire.Printable(f.FollowUp.Patient.String()), f.FollowUp.Time.Local().Format("2006-01-02 15:04"), shortOf(st, f.Base))
		if f.Settled() {
			b.WriteString("a version of the assessment it follows up that was set aside when its conflict with the FHIR server was settled. ")
		} else {
			fmt.Fprintf(&b, "this machine's version of the assessment it follows up, which is in conflict with the FHIR server and not sent (see digicheck push --conflicts). ")
		}
		b.WriteString("The server will never hold that version, so no other machine can link the follow-up to the patient's earlier assessment. ")
		reason := "followed up a version set aside"
		if !f.Settled() {
			b.WriteString("Settle the conflict first; then mark")
			reason = "followed up a version in conflict"
		} else {
			b.WriteString("Mark")
		}
		b.WriteString(" the follow-up entered in error, with your own name after --clinician, and follow the patient up again:\n")
		fmt.Fprintf(&b, "    digicheck void %s --reason %q --clinician\n", id, reason)
		fmt.Fprintf(&b, "    digicheck followup %s\n", f.FollowUp.Patient.Value)
		fmt.Fprint(w, fillLines(withPushFlags(withStoreFlags(b.String(), given), again, given), width, 0))
	}
}

// latestUnreadWords is err, the damage met reading patient p's latest
// assessment from st, in the words history gives it when err says only
// that a page of the file cannot be read (the store's words for what bbolt
// panicked with, "bbolt: runtime error: slice bounds out of range …" kept
// in its part for IT): which of the patient's records cannot be read, as
// history reads them, the part for IT said once, at the end. Other damage
// is said as it is; errors.Is sees err.
func latestUnreadWords(st *store.Store, p record.PatientID, err error, given string) error {
	msg := err.Error()
	page, aside, ok := pageUnreadAside(msg)
	if !ok {
		return err
	}
	words := strings.Replace(msg, page+" "+aside, "a page holding patient "+p.String()+"'s assessments cannot be read", 1)
	forIT := " " + aside
	if _, bad, _ := st.HistoryReadable(p); len(bad) > 0 {
		givenWhy(bad, given)
		switch {
		case len(bad) > 1:
			// One list, as history gives it, under a head that keeps
			// the runtime error.
			return wordedError{"some of patient " + p.String() + "'s assessments cannot be read" + forIT + ":" + strings.TrimSuffix(damagedVersions(bad), "."), err}
		case strings.Contains(bad[0].Why, bad[0].ID):
			words = bad[0].Why
		default:
			words = "record " + bad[0].ID + " of patient " + p.String() + " cannot be read: " + bad[0].Why
		}
	}
	return wordedError{strings.TrimSuffix(strings.TrimSpace(words), ".") + forIT, err}
}

// storePageUnread is how the store words a page bbolt panicked reading.
const storePageUnread = "a page of the file cannot be read"

// pageUnreadAside finds in msg the store's words for a page that cannot
// be read and the part for IT that follows them, "(for IT: bbolt: …)",
// to its closing bracket (bbolt's words may hold brackets of their own).
func pageUnreadAside(msg string) (page, aside string, ok bool) {
	head := storePageUnread + " (for IT: "
	i := strings.Index(msg, head)
	if i < 0 {
		return "", "", false
	}
	open := i + len(storePageUnread) + 1
	depth := 0
	for j := open; j < len(msg); j++ {
		switch msg[j] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return msg[i : open-1], msg[open : j+1], true
			}
		}
	}
	return "", "", false
}

// wordedError is err said in other words; errors.Is and errors.As see err.
type wordedError struct {
	msg string
	err error
}

func (e wordedError) Error() string { return e.msg }
func (e wordedError) Unwrap() error { return e.err }
