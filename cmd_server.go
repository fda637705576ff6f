package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"digicheck/fhirclient"
	"digicheck/prompt"
	"digicheck/push"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/remote"
	"digicheck/site"
	"digicheck/store"
	"digicheck/ui"
)

// Reading back from the trust's FHIR server: a patient's assessments for
// history and followup on a machine that has none of them, and every
// assessment, into a cache store, for summary and export --server.

// siteServer is the FHIR server the site config names (fhir_server), or
// "".
func (a *app) siteServer() string { return a.settings.Config.FHIRServer.FHIRServerURL }

// syntheticNotSent is why a change in a store of synthetic test data is
// not sent to the site's FHIR server.
const syntheticNotSent = "the store is synthetic (test data made by digicheck synthetic), and synthetic records are never sent to a trust's FHIR server; digicheck push --test-server sends them to a test server"

// isSynthetic reports whether st (which may be nil) holds synthetic
// test data.
func isSynthetic(st *store.Store) (bool, error) {
	if st == nil {
		return false, nil
	}
	return st.SyntheticData()
}

// serverName is the server at raw as the messages of followup, amend,
// void and push name it: as configured (configuredName), as history
// names it, so that one server is spelt one way by every command.
func serverName(raw string) string { return configuredName(raw) }

// configuredName is the server at raw as the user configured it, as
// history names it on every line: its identity (no default port, no stray
// slashes, lower case), but localhost left as localhost, where the
// identity writes 127.0.0.1. History named one server both ways in one
// output: "Asking the FHIR server http://localhost:..." from the setting,
// "Read from the FHIR server http://127.0.0.1:..." from the copies. raw
// as given when it is no URL.
func configuredName(raw string) string {
	id, err := fhirclient.Identity(raw)
	if err != nil {
		return raw
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || !strings.EqualFold(u.Hostname(), "localhost") {
		return id
	}
	v, err := url.Parse(id)
	if err != nil {
		return id
	}
	v.Host = "localhost"
	if port := u.Port(); port != "" && port != map[string]string{"http": "80", "https": "443"}[v.Scheme] {
		v.Host += ":" + port
	}
	return v.String()
}

// sourceName is source, the server a copy was read from as the store keeps
// it (its identity), as history names it: as configured (configuredName)
// when it is the configured server, else as kept.
func sourceName(configured, source string) string {
	if configured != "" {
		if id, err := fhirclient.Identity(configured); err == nil && id == source {
			return configuredName(configured)
		}
	}
	return source
}

// serverClientWith connects to the FHIR server at base with the site's
// settings for reaching it (token, OAuth2 client credentials, CA bundle),
// as push does, and the timeout, attempts and backoff of c.
func (a *app) serverClientWith(base string, c fhirclient.Config) (*fhirclient.Client, error) {
	if err := site.CheckServerURL(base); err != nil {
		return nil, fmt.Errorf("FHIR server %w", err)
	}
	cfg := a.settings.Config.FHIRServer
	return fhirclient.New(fhirclient.Config{
		Timeout: c.Timeout, Attempts: c.Attempts, Backoff: c.Backoff, MaxBackoff: c.MaxBackoff,
		Waiting: c.Waiting, MaxWait: c.MaxWait,
		Base:   base,
		CAFile: cfg.FHIRCAFile,
		// The site's credentials go to the site's server only (one
		// server however its URL is spelt): --server naming another
		// sent it the trust's token.
		Withheld: !a.isSiteServer(base),
		Auth: fhirclient.Auth{
			TokenFile: cfg.FHIRTokenFile, TokenEnv: cfg.FHIRTokenEnv,
			TokenURL: cfg.FHIRTokenURL, ClientID: cfg.FHIRClientID, SecretFile: cfg.FHIRSecretFile,
			Scope: cfg.FHIRScope,
		},
	})
}

// isSiteServer reports whether base is the site config's fhir_server,
// however either is spelt (fhirclient.Identity).
func (a *app) isSiteServer(base string) bool {
	site := a.siteServer()
	if strings.TrimSpace(site) == "" {
		return false
	}
	want, err := fhirclient.Identity(site)
	if err != nil {
		return false
	}
	got, err := fhirclient.Identity(base)
	return err == nil && got == want
}

// serverLook bounds how long followup, amend, void and history wait for
// the FHIR server before going on with what this machine holds: the
// clinician is with the patient, and a server that is slow or away must
// not keep them waiting.
const serverLook = 8 * time.Second

// lookClient is a client for a look at the server within serverLook: each
// request has half of it, tried at most twice.
// A Retry-After past serverLook is not waited: the server's answer is said
// at once.
func (a *app) lookClient(base string) (*fhirclient.Client, error) {
	return a.serverClientWith(base, fhirclient.Config{Timeout: serverLook / 2, Attempts: 2, Backoff: 500 * time.Millisecond, MaxBackoff: time.Second, MaxWait: serverLook})
}

// readPatient asks the FHIR server at base for the patient's record
// versions that st lacks (all of them when st is nil) and keeps them in st
// as copies marked as from the server, so a follow-up, an amendment or a
// history here rests on the latest version wherever it was made. It waits
// at most serverLook, saying on w what it asks and what it found.
//
// have says whether st already holds some of the patient's records. If it
// does, a server that cannot be reached is said plainly (what is shown is
// this machine's only) and is no error: offline never stops the clinician.
// If it does not, there is nothing to go on, and it is an error.
func (a *app) readPatient(ctx context.Context, w io.Writer, st *store.Store, base string, p record.PatientID, have bool) ([]remote.Copy, error) {
	return a.readPatientNamed(ctx, w, st, base, serverName(base), p, have)
}

// readPatientNamed is readPatient, naming the server name on every line.
func (a *app) readPatientNamed(ctx context.Context, w io.Writer, st *store.Store, base, name string, p record.PatientID, have bool) ([]remote.Copy, error) {
	if syn, err := isSynthetic(st); err != nil {
		return nil, err
	} else if syn {
		// Its patients are made up: a trust's server is never asked of
		// them, as push never sends them there.
		if have {
			fmt.Fprintf(w, "The FHIR server %s was not asked: this store holds synthetic test data, whose made-up patients are never looked up on a trust's server.\n", name)
			return nil, nil
		}
		return nil, fmt.Errorf("patient %s: the FHIR server %s was not asked: this store holds synthetic test data, whose made-up patients are never looked up on a trust's server", p, name)
	}
	if p.Kind == record.LocalID && a.settings.Config.LocalNumberSystem == "" {
		// A local number means nothing without its system: searched in
		// any, it took in another organisation's patient of the same
		// number, and a follow-up linked to that patient's assessment.
		set := "Set local_number_system in the site config"
		if a.settings.ConfigFile != "" {
			set += " (" + a.settings.ConfigFile + ")"
		}
		why := fmt.Sprintf("the FHIR server %s was not asked for patient %s: a local number names a patient only within its organisation's identifier system, and the site config sets none (local_number_system), so another organisation's patient of the same number could be taken for this one. %s to the trust's system of local numbers, as its other machines have it, to read local numbers from the server", name, p, set)
		if have {
			fmt.Fprintf(w, "Note: %s.\nWhat is shown is this machine's record of patient %s only: another machine may have amended it or followed it up since.\n", why, p)
			return nil, nil
		}
		return nil, fmt.Errorf("%s.\nThis machine holds none of patient %s's assessments: start a new assessment of the patient (digicheck new), or look them up by NHS number", why, p)
	}
	c, err := a.lookClient(base)
	if err != nil {
		if have {
			// The server's settings (a token file others can read, a
			// variable unset) stop the network part only: the
			// clinician goes on with what this machine holds.
			fmt.Fprintf(w, "warning: the FHIR server %s was not asked:\n%v\nWhat is shown is this machine's record of patient %s only: another machine may have amended it or followed it up since.\n", name, err, p)
			return nil, nil
		}
		return nil, err
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, serverLook)
	defer cancel()
	fmt.Fprintf(w, "Asking the FHIR server %s for patient %s's assessments (waiting at most %s)...\n", name, p, serverLook)
	copies, skipped, err := remote.Patient(ctx, c, p, a.settings.Config.LocalNumberSystem)
	if err != nil && parent.Err() != nil {
		// Ctrl+C while waiting: the clinician asked to stop, not to go
		// on without the server (found trying followup, which opened
		// with "context canceled").
		return nil, fmt.Errorf("stopped while waiting for the FHIR server %s; nothing was changed", name)
	}
	answered, unauthorized := answeredWhy(err), errors.Is(err, fhirclient.ErrUnauthorized)
	if err != nil && ctx.Err() == context.DeadlineExceeded && answered == "" && !neverConnected(err) {
		// Connected, and silent past the wait. (A connection never
		// made keeps the network's words, which say so.)
		err = fmt.Errorf("no answer within %s", serverLook)
	}
	if answered != "" {
		// The server answered, at once: a 500 or a 429 is not a
		// server that could not be reached, nor one that is slow.
		err = errors.New(answered)
	}
	if err != nil && !have && answered == "" && !unauthorized {
		// Not reached, or no answer in time: said once, plainly, with
		// what to do, the network's own words last, for IT, as push,
		// amend, void and history say it (found nested, the server
		// named twice).
		return nil, fmt.Errorf("%s to read patient %s's assessments, and this machine holds none of them. Try again later, or start a new assessment of the patient (digicheck new). If this goes on, tell IT.\n  (Detail for IT: %s.)", unreachedWhat(ctx, err, name), p, unreachedDetail(err))
	}
	if err != nil && !have {
		then := "Try again later"
		if unauthorized {
			then = "Fix the site's FHIR settings first" // waiting never mends them
		}
		return nil, fmt.Errorf("could not read patient %s's assessments from the FHIR server %s: %w.\nThis machine holds none of them. %s, or start a new assessment of the patient (digicheck new)", p, name, err, then)
	}
	if err != nil {
		// Not asked again by this command, which has waited on it:
		// history asked it of each version in conflict, for 8 s more.
		noteUnasked(parent, base, unreachedDetail(err))
		if have {
			if answered != "" {
				fmt.Fprintf(w, "warning: could not read from the FHIR server %s: %v.\nWhat is shown is this machine's record of patient %s only: another machine may have amended it or followed it up since.\n", name, err, p)
				return nil, nil
			}
			// Once, plainly, with what to do; the network's own words
			// last, for IT (found nested three deep).
			detail := unreachedDetail(err)
			fmt.Fprintf(w, "warning: %s. What is shown is this machine's record of patient %s only: another machine may have amended it or followed it up since. Nothing here is lost or changed. If this goes on, tell IT.\n  (Detail for IT: %s.)\n", unreachedWhat(ctx, err, name), p, detail)
			return nil, nil
		}
		return nil, fmt.Errorf("could not read patient %s's assessments from the FHIR server %s: %w", p, name, err)
	}
	unreadable := 0 // digicheck's responses whose record could not be read
	for _, s := range skipped {
		fmt.Fprintf(w, "left out: %s on the server: %s\n", questionnaire.Printable(s.Resource), questionnaire.Printable(s.Err.Error()))
		if !errors.Is(s.Err, remote.ErrNoRecord) {
			unreadable++
		}
	}
	if len(copies) == 0 && !have && unreadable > 0 {
		// The server holds the patient's responses, none readable
		// here: never "no assessments ... on the FHIR server" just
		// below the "left out" lines (another form's response of the
		// patient, no digicheck record in it, is none of these).
		what := "1 response of the patient's that could not be read"
		if unreadable > 1 {
			what = fmt.Sprintf("%d responses of the patient's that could not be read", unreadable)
		}
		return nil, fmt.Errorf("patient %s: the FHIR server %s holds %s here, left out as said above, and this machine holds none of their assessments, so none can be shown or followed up. The patient may have been assessed: tell IT before starting a new assessment", p, name, what)
	}
	if st == nil || len(copies) == 0 {
		if have {
			// Not "nothing newer": the server holds nothing of the
			// patient, so an assessment sent to it and lost there
			// (restored from an older backup, or emptied) is noticed.
			fmt.Fprintf(w, "The FHIR server %s holds none of patient %s's assessments, which this machine holds. If they were sent to it, it has lost them (restored from an older backup, or emptied): run digicheck push --check-server on the machines that made them.\n", name, p)
		}
		return copies, nil
	}
	// The server's versions between, for a newer state taken in over
	// copies read before (takeInOverCopies), read within the same wait.
	between := func(assessment record.ID, theirs record.Record) []record.Record {
		return push.Between(ctx, st, c, assessment, theirs)
	}
	return copies, keepCopies(w, st, c.Base(), name, a.serverFlag(name, c.Base()), a.given, p, copies, have, len(skipped) == 0, "in "+st.Path(), between)
}

// unreachedWhat says a read of the FHIR server named name that got no
// answer (err), within ctx's wait: the server not reached (no connection
// made, however long it took), or reached and silent past the wait (not said as one nothing listens on: IT looked for
// a server down at one up and slow), or, where the OAuth2 token endpoint
// could not be reached, that endpoint (nothing was sent to the server).
func unreachedWhat(ctx context.Context, err error, name string) string {
	if w := tokenUnreached(err); w != "" {
		return w + " " + name
	}
	if ctx.Err() == context.DeadlineExceeded && !neverConnected(err) {
		return fmt.Sprintf("the FHIR server %s did not answer within %s", name, serverLook)
	}
	return "could not reach the FHIR server " + name
}

// neverConnected reports whether err is of a request that never had a
// connection to the server: its name not found, or the connection not
// made (refused, or a host that drops it, which runs out the wait as a
// silent server does).
func neverConnected(err error) bool {
	var op *net.OpError
	var dns *net.DNSError
	return errors.As(err, &dns) || errors.As(err, &op) && op.Op == "dial"
}

// afterAttempts is how the FHIR client says how often it tried.
var afterAttempts = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`after (\d+) attempts`) })

// unreachedDetail is a read of the FHIR server that got no answer, in the
// network's own words, for IT: not the address asked (the patient's
// number is in it), and how often it was tried, as push says it.
func unreachedDetail(err error) string {
	var fe *fhirclient.Error
	if !errors.As(err, &fe) || fe.Cause == nil {
		return err.Error()
	}
	detail := cleanCause(fe.Cause)
	if m := afterAttempts().FindStringSubmatch(fe.Msg); m != nil {
		detail += "; tried " + m[1] + " times"
	}
	return detail
}

// keepCopies keeps copies, read for patient p from the server whose
// identity is base, named name, in st as copies marked as from there, and
// says on w what was kept: the assessments in conflict with the server,
// the copies refused, and how many were kept, in where ("in PATH") when
// st held none of the patient's records before (have false).
// again is " --server NAME" when the server is not the site's
// (serverFlag), for the commands said. between reads the server's versions
// of an assessment between the last st holds and the server's current one
// (push.Between); nil when the server is not to be asked again. whole says
// copies are all the server holds of the patient (none left out unread):
// an assessment held here as on the server and not among them was lost
// there.
func keepCopies(w io.Writer, st *store.Store, base, name, again, given string, p record.PatientID, copies []remote.Copy, have, whole bool, where string, between betweenFunc) error {
	saved, refused, err := remote.Import(st, base, copies)
	if err != nil {
		return err
	}
	if len(copies) > 0 {
		// How the server is named where the copies are listed, whatever
		// configuration names it then: a name is no record, and a store
		// that will not keep it names the server by its address.
		_ = st.SetSourceName(base, name)
	}
	known, err := notTakenIn(w, st, base, again, copies, refused, between)
	if err != nil {
		return err
	}
	for _, s := range refused {
		if !known[s.Record] {
			if have {
				sayRefused(w, "warning: the server's %s differs from this machine's and is not kept here: %v", s)
			} else {
				// This machine holds none to differ from.
				sayRefused(w, "warning: the server's %s is not kept here: %v", s)
			}
		}
	}
	switch {
	case !have && len(refused) > 0:
		fmt.Fprintf(w, "Read %s of patient %s from the FHIR server %s and kept %d %s as copies; %d not taken in, as said above.\n",
			versions(len(copies), "record version"), p, name, len(saved), where, len(copies)-len(saved))
	case !have:
		fmt.Fprintf(w, "Read %s of patient %s from the FHIR server %s and kept %d %s as copies.\n",
			versions(len(copies), "record version"), p, name, len(saved), where)
	case len(saved) > 0:
		fmt.Fprintf(w, "The FHIR server %s has %s of patient %s, made on another machine: kept here as copies and used from now on.\n",
			name, versions(len(saved), "newer record version"), p)
		// Whose versions here they leave no longer current, said once.
		overriddenHere(w, st, saved, given)
	case len(refused) == 0:
		if lacks, none := serverLacks(st, base, p, copies, whole); len(lacks) > 0 {
			// Not "nothing newer" alone: the server went back, and the
			// save a moment later said it lacks them. (Not begun as
			// "nothing newer" either: a follow-up passes over that.)
			fmt.Fprint(w, lacksWords(w, st, name, p, lacks, none, again, given))
			return nil
		}
		fmt.Fprintf(w, "The FHIR server %s has nothing newer for patient %s than this machine has.\n", name, p)
	}
	return nil
}

// serverLacks is the versions of the assessments read (copies) that this
// store holds as on the server at base (accepted from here, or read from
// it) which the server's history no longer holds; and, when copies are all
// the server holds of patient p (whole), those of p's assessments it does
// not hold at all (a follow-up lost there: the server's copies of the
// assessment followed up passed for all there was). noneHeld says the
// server holds no version of any assessment they belong to.
func serverLacks(st *store.Store, base string, p record.PatientID, copies []remote.Copy, whole bool) (lacks []record.Record, noneHeld bool) {
	held := map[record.ID]bool{}
	var assessments []record.ID
	for _, c := range copies {
		held[c.Record.ID] = true
		if !slices.Contains(assessments, c.Assessment) {
			assessments = append(assessments, c.Assessment)
		}
	}
	onServer := len(assessments) // those before it the server holds a version of
	if whole {
		if mine, err := st.Assessments(p); err == nil {
			for _, m := range mine {
				if !slices.Contains(assessments, m.First.ID) {
					assessments = append(assessments, m.First.ID)
				}
			}
		}
	}
	noneHeld = true
	for k, a := range assessments {
		line, err := st.Versions(a)
		if err != nil {
			continue
		}
		ids := make([]record.ID, len(line))
		for i, v := range line {
			ids[i] = v.ID
		}
		from, err := st.CopySources(ids)
		if err != nil {
			continue
		}
		for _, v := range line {
			if held[v.ID] {
				continue
			}
			src, copied := from[v.ID]
			if copied {
				if id, err := fhirclient.Identity(src); err != nil || strings.TrimRight(id, "/") != strings.TrimRight(base, "/") {
					continue
				}
			} else if _, ok, err := st.PushedVersion(base, v.ID); err != nil || !ok {
				continue
			}
			lacks = append(lacks, v)
			noneHeld = noneHeld && k >= onServer
		}
	}
	return lacks, noneHeld && len(lacks) > 0
}

// lacksWords says that the server holds an older version of patient p's
// assessment than this machine has (or, noneHeld, none of the assessment): the versions it lacks (lacks), whose,
// and what to run where: here with this run's flags (again, from
// serverFlag), on another machine with the server's alone (not given,
// this machine's --db and --config).
func lacksWords(w io.Writer, st *store.Store, name string, p record.PatientID, lacks []record.Record, noneHeld bool, again, given string) string {
	var b strings.Builder
	if noneHeld {
		// Not "an older version": it holds nothing of that assessment
		// (a follow-up lost outright).
		fmt.Fprintf(&b, "The FHIR server %s lacks %s of patient %s that it held before, of an assessment it now holds nothing of (", name, versions(len(lacks), "record version"), p)
	} else {
		fmt.Fprintf(&b, "The FHIR server %s holds an older version of patient %s's assessment than this machine has (nothing newer): it lacks %s it held before (", name, p, versions(len(lacks), "record version"))
	}
	elsewhere := false
	for i, v := range lacks {
		if i > 0 {
			b.WriteString("; ")
		}
		who := "made here"
		if from, err := st.CopySources([]record.ID{v.ID}); err == nil && from[v.ID] != "" {
			elsewhere = true
			who = "made by " + questionnaire.PrintableTyped(v.Clinician) + " on another machine"
		}
		fmt.Fprintf(&b, "record %s, %s", shortOf(st, v.ID), who)
	}
	b.WriteString("), lost there: the server was restored from an older backup, or emptied. Run digicheck push --check-server here (it sends this machine's again)")
	if elsewhere {
		// The other machine's command names the server and nothing
		// else: it had none, and run there as printed it pushed to
		// that machine's site server.
		b.WriteString("; and on the machine that made each of the others, run digicheck push --check-server")
	}
	b.WriteString(".\n")
	return wrapText(withPushFlags(b.String(), again, given), terminalWidth(w))
}

// sayRefused says on w a version read from the server and not kept, as
// format says it (the resource, then why): a follow-up that cannot be
// linked here in plain words, with what to do, filled at whole words at
// the width; the later versions of its line not at all (said with it,
// once: each was said as the store's own check, "which this record would
// supersede, does not exist").
func sayRefused(w io.Writer, format string, s remote.Skipped) {
	var ul *remote.UnlinkedError
	switch {
	case errors.Is(s.Err, remote.ErrBehind):
	case errors.As(s.Err, &ul):
		fmt.Fprint(w, wrapText("warning: "+ul.Error()+".", terminalWidth(w)))
	default:
		// What the server sent, escaped: never sent to the terminal.
		fmt.Fprintf(w, format+"\n", questionnaire.Printable(s.Resource), questionnaire.Printable(s.Err.Error()))
	}
}

// keepInNewStore keeps copies, read for patient p from server (named
// name) on a machine with no store, in a store made where the store would be (--db,
// else the usual place), so that a follow-up here later finds them with
// the server out of reach; it says so on w in one line. It returns that
// store, or nil, having said that nothing was kept and why, when none
// could be made there. Found with history, which showed what it read and
// kept nothing, and a follow-up offline then found nothing.
func (a *app) keepInNewStore(w io.Writer, server, name string, p record.PatientID, copies []remote.Copy) *store.Store {
	base, err := fhirclient.Identity(server)
	var st *store.Store
	if err == nil {
		st, err = a.openStore(nil)
	}
	if err == nil {
		if err = keepCopies(w, st, base, name, a.serverFlag(name, base), a.given, p, copies, false, false, "in a new store at "+st.Path(), nil); err == nil {
			return st
		}
	}
	fmt.Fprintf(w, "Read %s of patient %s from the FHIR server %s; nothing was kept on this machine, as no store could be made or opened here: %v\n", versions(len(copies), "record version"), p, name, err)
	return nil
}

// sayOut is w as a command says what it is doing on it: at a terminal,
// each line filled to the terminal's width at whole words (what reading
// the FHIR server says runs past 200 columns, and the terminal broke it
// mid-word); to a file or a pipe, as it is, a line to a message, for
// grep. Call done when the command has said all.
func sayOut(w io.Writer) (out io.Writer, done func()) {
	if !isTerminal(w) {
		return w, func() {}
	}
	f := newLineFiller(w, terminalWidth(w))
	return f, f.Flush
}

// sayText is text as sayOut would write it on w.
func sayText(w io.Writer, text string) string {
	if !isTerminal(w) {
		return text
	}
	return fillLines(text, terminalWidth(w), 0)
}

// notTakenIn finds the assessments whose newer state on the server could
// not be taken in here (refused: another machine's amendment or void rests
// on a version this machine never had, since this machine amended the same
// version), marks each a conflict with the server (store.Conflict with
// NotTakenIn), so it is not sent and not amended or voided here until it
// is settled, and says so on w. It returns the refused copies that need no
// other word: those of such an assessment, and those of one whose server
// version was kept here already (push --resolve --keep-server).
// between reads the server's versions between (keepCopies).
func notTakenIn(w io.Writer, st *store.Store, base, again string, copies []remote.Copy, refused []remote.Skipped, between betweenFunc) (map[record.ID]bool, error) {
	said := map[record.ID]bool{}
	if len(refused) == 0 {
		return said, nil
	}
	not := map[record.ID]bool{}
	for _, r := range refused {
		not[r.Record] = true
	}
	onServer := map[record.ID]bool{}
	current := map[record.ID]remote.Copy{}
	hit := map[record.ID]bool{}
	for _, c := range copies {
		onServer[c.Record.ID] = true
		if c.Current {
			current[c.Assessment] = c
		}
		if not[c.Record.ID] {
			hit[c.Assessment] = true
		}
	}
	var order []record.ID
	for _, c := range copies {
		if hit[c.Assessment] && c.Current {
			order = append(order, c.Assessment)
		}
	}
	known, err := st.Conflicts(base)
	if err != nil {
		return nil, err
	}
	quiet := func(a record.ID) {
		for _, c := range copies {
			if c.Assessment == a && not[c.Record.ID] {
				said[c.Record.ID] = true
			}
		}
	}
	for _, a := range order {
		theirs := current[a]
		mine, err := st.Versions(a)
		if err != nil {
			continue // not this machine's assessment: said as refused
		}
		head := mine[len(mine)-1]
		if _, err := st.Get(theirs.Record.ID); err == nil {
			// This machine holds the server's current version (taken in
			// with --keep-server or --keep-mine), and is at it or ahead
			// of it: the server's versions it left out were settled
			// then, and need no word each time.
			quiet(a)
			continue
		}
		if onServer[head.ID] {
			continue // not ahead of the server: said as refused
		}
		if v, ok, err := st.PushedVersion(base, head.ID); err != nil {
			return nil, err
		} else if ok && v == theirs.ServerVersion {
			quiet(a) // the server's version, kept here already
			continue
		}
		// This machine's first version the server does not hold: the
		// one a push would send first, held back from now on.
		// None, when the server accepted this machine's current version
		// (one of its own kept with --keep-server) and has moved on
		// since: then that version is the one in conflict.
		first := head
		for _, v := range mine {
			if onServer[v.ID] {
				continue
			}
			_, sent, err := st.PushedVersion(base, v.ID)
			if err != nil {
				return nil, err
			}
			aside, err := st.SetAside(base, v.ID)
			if err != nil {
				return nil, err
			}
			if !sent && !aside {
				first = v
				break
			}
		}
		// A conflict push found on this assessment names the version
		// in conflict: its latest (a void on the amendment not sent,
		// say), which the listing shows and --resolve takes.
		for _, v := range mine {
			if pk, ok := known[v.ID]; ok && pk.Assessment == a && pk.SendOn == "" {
				first = v
			}
		}
		k, had := known[first.ID]
		if had && k.SendOn != "" && k.SendOn == theirs.ServerVersion {
			continue // this machine's version is to go over it: settled
		}
		copied := (!had || k.NotTakenIn) && readFrom(st, base, mine, first)
		if copied {
			// Nothing of this machine's is ahead of the server: its
			// versions from first on are copies read from this
			// server or another (B's void, read on a reader of both
			// servers, is no more its own than A's). The server's
			// newer state is taken in over them, as the server holds
			// it, with no conflict: a ward PC that only read the
			// assessment was told another machine's amendment was its
			// own, in conflict and never sent, and could not amend or
			// void it. Tried again on each read while it is not
			// taken in (the server's history could not be read then).
			if kept, ok := takeInOverCopies(st, base, a, first, theirs, between); ok {
				quiet(a)
				what := "its answers"
				if kept.Status == record.EnteredInError {
					what = "ENTERED IN ERROR: " + questionnaire.PrintableTyped(orNone(kept.VoidReason))
				}
				fmt.Fprintf(w, "The FHIR server's newer version of this patient's assessment is taken in: record %s by %s, %s. It is current here now, over %s's %s %s read from %s before.\n",
					shortOf(st, kept.ID), questionnaire.PrintableTyped(orNone(kept.Clinician)), what, questionnaire.PrintableTyped(orNone(head.Clinician)), push.Kind(head, a), shortOf(st, head.ID), copiedFrom(st, base, head.ID))
				continue
			}
		}
		// One the server refused on a push, on this same version, is
		// said as it was found.
		if !had || k.ServerVersion != theirs.ServerVersion {
			k = store.Conflict{Record: first.ID, Assessment: a, What: push.Kind(first, a), NotTakenIn: true,
				ServerVersion: theirs.ServerVersion, ServerRecord: theirs.Record.ID, ServerClinician: theirs.Record.Clinician, ServerTime: theirs.Record.Time,
				ServerVoided: theirs.Record.Status == record.EnteredInError, ServerVoidReason: theirs.Record.VoidReason}
			if err := st.MarkConflict(base, k); err != nil {
				return nil, err
			}
		}
		quiet(a)
		// Plain first, short enough for the notice box of the
		// full-screen follow-up; then the server's version and the
		// commands, each on a line of its own, whole at 80 columns.
		by := ""
		if k.ServerClinician != "" {
			by = " by " + questionnaire.PrintableTyped(k.ServerClinician)
		}
		if !k.ServerTime.IsZero() {
			by += " at " + k.ServerTime.Local().Format("2006-01-02 15:04")
		}
		if k.ServerVoided {
			// Found said as "a newer state" while this machine showed
			// its amendment as current.
			fmt.Fprintf(w, "warning: the FHIR server holds this patient's assessment ENTERED IN ERROR:\n  %s.\n", push.VoidedWords(k))
		}
		if copied {
			// Copies only, not taken in (the server's versions between
			// could not be read): nothing here is this machine's, or
			// unsent, and keeping it would send another machine's
			// version again in its maker's name. The server's version
			// is the one to keep: one command, which reads them again.
			fmt.Fprintf(w, "warning: the FHIR server holds a newer state of this patient's assessment, made%s on another machine, that this machine could not take in. %s's %s %s, read from %s before, is shown as current here until the server's version is taken in, and the assessment cannot be amended or voided here until then.\n  Server version %s (record %s) of assessment %s.\n  Take the server's version in:\n    digicheck push%s --resolve %s --keep-server\n",
				by, questionnaire.PrintableTyped(orNone(head.Clinician)), push.Kind(head, a), shortOf(st, head.ID), copiedFrom(st, base, head.ID), questionnaire.Printable(k.ServerVersion), k.ServerRecord, a, again, shortOf(st, head.ID))
			continue
		}
		// Named as the listing and push name it: this machine's current
		// version of the line in conflict (a void of the amendment not
		// sent, say), which --resolve takes.
		if head.ID != first.ID && k.Record == first.ID {
			first, k.What = head, push.Kind(head, a)
		}
		// Each command names the server read, when it is not the
		// site's: run as printed, it would settle with the site's.
		keepMine := "  Keep this machine's version:\n    digicheck push" + again + " --resolve %s --keep-mine\n"
		if first.Status == record.EnteredInError && !k.ServerVoided {
			// Kept, this machine's void marks the other machine's
			// version entered in error: asked for in so many words,
			// as push --resolve asks.
			keepMine = "  Keep this machine's void over the server's version:\n    digicheck push" + again + " --resolve %s --keep-mine --void-server-version\n"
		} else if first.Status != record.EnteredInError && k.ServerVoided {
			// Over the server's void, bare --keep-mine is refused.
			keepMine = "  Keep this machine's version, undoing the void:\n    digicheck push" + again + " --resolve %s --keep-mine --undo-void\n"
		}
		keepMine = fmt.Sprintf(keepMine, shortOf(st, first.ID))
		if keepMineBarred(st, first.ID, k.ServerVoided) != "" {
			keepMine = "" // a void over a void
		}
		fmt.Fprintf(w, "warning: the FHIR server holds a newer state of this patient's assessment, made%s on another machine, that this machine could not take in. This machine's %s %s is current here only and is not sent; the assessment cannot be amended or voided here until that is settled.\n  Server version %s (record %s) of assessment %s.\n  See both:\n    digicheck push%s --conflicts\n  Keep the server's version (this machine's set aside):\n    digicheck push%s --resolve %s --keep-server\n%s",
			by, k.What, shortOf(st, first.ID), questionnaire.Printable(k.ServerVersion), k.ServerRecord, a, again, again, shortOf(st, first.ID), keepMine)
	}
	return said, nil
}

// readFrom reports whether the versions of mine (an assessment's, first
// first) from first on are all copies read from a FHIR server, base or
// another: none made here. A copy read from any server is never this
// machine's: a reader that took another machine's void in from server B
// was told, reading A, that the void was its own, in conflict with A's,
// and offered --keep-mine, which sent A a second void in the other
// machine's name.
func readFrom(st *store.Store, base string, mine []record.Record, first record.Record) bool {
	at := slices.IndexFunc(mine, func(r record.Record) bool { return r.ID == first.ID })
	if at < 0 {
		return false
	}
	ids := make([]record.ID, 0, len(mine)-at)
	for _, v := range mine[at:] {
		ids = append(ids, v.ID)
	}
	src, err := st.CopySources(ids)
	if err != nil {
		return false
	}
	for _, id := range ids {
		if src[id] == "" {
			return false
		}
	}
	return true
}

// betweenFunc reads the server's versions of an assessment between the
// last a store holds and theirs, the server's current one (push.Between).
type betweenFunc func(assessment record.ID, theirs record.Record) []record.Record

// copiedFrom names where copy id was read from, for a reader's words:
// "the server" (base), or the other FHIR server named. "Read from the
// server before" was said of a void read from another server.
func copiedFrom(st *store.Store, base string, id record.ID) string {
	src, err := st.CopySources([]record.ID{id})
	if err != nil || src[id] == "" {
		return "the server"
	}
	other := src[id]
	if strings.TrimRight(other, "/") == strings.TrimRight(base, "/") {
		return "the server"
	}
	if names, err := st.SourceNames(); err == nil && names[other] != "" {
		other = names[other]
	}
	return "the FHIR server " + other
}

// copiesFrom reports whether r and the versions of its assessment after
// it are all copies read from a FHIR server (readFrom).
func copiesFrom(st *store.Store, r record.Record) bool {
	mine, err := st.Versions(r.ID)
	return err == nil && readFrom(st, "", mine, r)
}

// takeInOverCopies keeps the server's current version theirs of assessment
// a over this store's copies read from it, from first on (readFrom): as a
// settle keeping the server's version does, with nothing of this machine's
// set aside. When theirs rests on versions this store never had (two
// amendments made on another machine since it read the assessment), they
// are read from the server's history (between) and taken in with it, so
// the line here is the server's. It reports false, having changed nothing
// but the conflict it marks to settle, when that cannot be done (the
// server's history could not be read, say).
func takeInOverCopies(st *store.Store, base string, a record.ID, first record.Record, theirs remote.Copy, between betweenFunc) (record.Record, bool) {
	k := store.Conflict{Record: first.ID, Assessment: a, What: push.Kind(first, a), NotTakenIn: true,
		ServerVersion: theirs.ServerVersion, ServerRecord: theirs.Record.ID, ServerClinician: theirs.Record.Clinician, ServerTime: theirs.Record.Time,
		ServerVoided: theirs.Record.Status == record.EnteredInError, ServerVoidReason: theirs.Record.VoidReason}
	if err := st.MarkConflict(base, k); err != nil {
		return record.Record{}, false
	}
	var line []record.Record
	if between != nil {
		line = between(a, theirs.Record)
	}
	kept, err := st.KeepServerLine(base, first.ID, line, theirs.Record, theirs.ServerVersion)
	if err != nil {
		return record.Record{}, false
	}
	return kept, true
}

// newerFirst, when the site names a FHIR server, reads the versions of
// the patient of record id that the server has and st lacks, before the
// record is amended or voided: one changed on another machine since is
// then no longer current here, and the refusal names the version that is.
// A server that cannot be reached is said and passed over.
func (a *app) newerFirst(cmd *cobra.Command, st *store.Store, id string) error {
	server := a.siteServer()
	if server == "" {
		return nil
	}
	r, err := st.Find(id)
	if err != nil {
		return lostWithNewestSave(st, err, fmt.Sprintf("record %q", questionnaire.Printable(id)))
	}
	ctx, stop := cancelOnSignal(cmd.Context())
	defer stop()
	_, err = a.readPatient(ctx, cmd.ErrOrStderr(), st, server, r.Patient, true)
	return err
}

// copyNote says which of rs are copies read from a FHIR server, one line
// per server, with their short ids; "" when none is. The server
// configured (may be "") is named as configured (sourceName).
func copyNote(st *store.Store, rs []record.Record, short func(record.ID) string, configured string) (string, error) {
	ids := make([]record.ID, len(rs))
	for i := range rs {
		ids[i] = rs[i].ID
	}
	from, err := st.CopySources(ids)
	if err != nil || len(from) == 0 {
		return "", err
	}
	byServer := map[string][]string{}
	var servers []string
	for _, id := range ids {
		if s, ok := from[id]; ok {
			if byServer[s] == nil {
				servers = append(servers, s)
			}
			byServer[s] = append(byServer[s], short(id))
		}
	}
	// A server the configuration in use does not name is named as it
	// was configured or typed when the copies were read (kept with
	// them): history --config of a file naming no server said
	// 127.0.0.1 of copies read from the site's localhost.
	names, err := st.SourceNames()
	if err != nil {
		names = nil // named as kept, as a store from before the names
	}
	var b strings.Builder
	for _, s := range servers {
		name := sourceName(configured, s)
		if name == s && names[s] != "" {
			name = names[s]
		}
		fmt.Fprintf(&b, "Read from the FHIR server %s (copies kept here): %s\n", name, strings.Join(byServer[s], ", "))
	}
	// Within 80 columns in a file or a pipe too, as the listing it is
	// under (87 and more with a long URL); at a terminal sayText fills
	// it to the width.
	return fillLines(strings.TrimSuffix(b.String(), "\n"), 80, 0) + "\n", nil
}

// serverCache opens the cache store of the FHIR server at base: beside
// the user's store, named by a hash of the base, readable by its owner
// only (it holds every patient's records from the server).
func (a *app) serverCache(base string) (*store.Store, error) {
	cache, err := a.serverCachePath(base)
	if err != nil {
		return nil, err
	}
	return store.Open(cache, store.Options{})
}

// serverCachePath is the file of serverCache(base), beside the store.
func (a *app) serverCachePath(base string) (string, error) {
	path := a.settings.DB
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return "", fmt.Errorf("cannot find a place for the server's cache (use --db): %w", err)
		}
		path = p
	}
	sum := sha256.Sum256([]byte(strings.TrimRight(base, "/")))
	return filepath.Join(filepath.Dir(path), "server-cache-"+hex.EncodeToString(sum[:6])+".db"), nil
}

// newServerCaches are the files of the caches of the FHIR server at base
// (its real and synthetic records) that are not there yet: made by this
// read, to be removed if it takes nothing in (removeUnfilled).
func (a *app) newServerCaches(base string) []string {
	var made []string
	for _, b := range []string{base, base + "#synthetic"} {
		if p, err := a.serverCachePath(b); err == nil {
			if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
				made = append(made, p)
			}
		}
	}
	return made
}

// removeUnfilled removes each cache file of paths that holds no record:
// a read that failed before it took anything in (a server not reached)
// left two empty files beside the store.
func removeUnfilled(paths []string) {
	for _, p := range paths {
		st, err := store.Open(p, store.Options{})
		if err != nil {
			continue
		}
		if n, err := idsCount(st); err == nil && n == 0 {
			_ = os.Remove(p)
		}
	}
}

// freshServerCaches empties the caches of the FHIR server at base (its
// real and synthetic records), so the next read takes in every
// assessment as a first read does.
func (a *app) freshServerCaches(base string, caches ...*store.Store) (*store.Store, *store.Store, error) {
	for _, c := range caches {
		if err := os.Remove(c.Path()); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, nil, fmt.Errorf("cannot empty the cache of the FHIR server to read it again: %w", err)
		}
	}
	cache, err := a.serverCache(base)
	if err != nil {
		return nil, nil, err
	}
	syn, err := a.serverCache(base + "#synthetic")
	if err != nil {
		return nil, nil, err
	}
	return cache, syn, nil
}

// syncServerShort brings the cache of the FHIR server at base up to date
// and returns it, saying on w what was read.
//
// left are the server's record versions the cache could not keep (said
// here, on standard error): an export or a summary of the cache stands
// for the server, so it must not be taken for whole.
//
// short is what the server lacks of the record versions this machine read
// from it before (nil when it lacks none): a summary of it says so in its
// output (serverShort.caveat).
func (a *app) syncServerShort(cmd *cobra.Command, base string) (st *store.Store, left []remote.Skipped, short *serverShort, err error) {
	// At a terminal, filled at whole words: its lines (a retry's, the
	// URL asked and the server's answer in it) ran on, and the terminal
	// broke them mid-URL.
	w, flush := sayOut(cmd.ErrOrStderr())
	defer flush()
	// Every wait is said and bounded, as push's are: a 429 with a
	// Retry-After of ten minutes was waited in silence.
	maxWait := defaultReadMaxWait
	if cmd.Flags().Lookup("max-wait") != nil {
		maxWait, _ = cmd.Flags().GetDuration("max-wait")
	}
	c, err := a.serverClientWith(base, fhirclient.Config{MaxWait: maxWait, Waiting: func(r fhirclient.Wait) {
		fmt.Fprintf(w, "server read: try %d of %d failed (%v); trying again in %s\n", r.Attempt, r.Of, r.Err, r.Wait.Round(100*time.Millisecond))
	}})
	if err != nil {
		return nil, nil, nil, err
	}
	made := a.newServerCaches(c.Base())
	cache, err := a.serverCache(c.Base())
	if err != nil {
		return nil, nil, nil, err
	}
	syn, err := a.serverCache(c.Base() + "#synthetic")
	if err != nil {
		return nil, nil, nil, err
	}
	if f := cmd.Flags().Lookup("accept-server-loss"); f != nil && f.Changed {
		if err := a.acceptServerLoss(w, c); err != nil {
			return nil, nil, nil, err
		}
	}
	ctx, stop := cancelOnSignal(cmd.Context())
	defer stop()
	// Said first: a first read of a whole trust takes a while, and a
	// slow server longer.
	fmt.Fprintf(w, "Reading the assessments on the FHIR server %s...\n", c.Name())
	start := time.Now()
	mark := a.lastReadMark(c.Base())
	rep, err := remote.Sync(ctx, c, cache, 200, syn)
	// The change read last is not read again: the server lost it, and
	// perhaps more (restored from an older backup), though it may hold
	// as many assessments as before (an amendment lost).
	rolledBack := err == nil && !rep.Since.IsZero() && mark.Until.Equal(rep.Since) && rep.Missed(mark.IDs)
	if err == nil && !rep.Since.IsZero() && (rep.LineChanged() || rep.Lost() || rolledBack) {
		// The server's line of an assessment is no longer the one this
		// cache took in, or the server lost assessments the cache holds
		// (restored from an older backup): read afresh, as a first read
		// does, rather than count what the server no longer holds on
		// every run.
		switch {
		case rep.Lost():
			fmt.Fprintf(w, "The FHIR server %s holds %s, fewer than the %d this machine read from it before: it may have been restored from an older backup, or records removed there. Reading every assessment again, so only what the server holds now is counted...\n",
				c.Name(), versions(rep.OnServer, "assessment"), rep.Held)
		case rolledBack:
			fmt.Fprintf(w, "The FHIR server %s no longer holds the latest change this machine read from it: it may have been restored from an older backup (losing amendments as well as assessments), or records removed there. Reading every assessment again, so only what the server holds now is counted...\n", c.Name())
		default:
			fmt.Fprintf(w, "The FHIR server %s now holds another version of an assessment in place of one this machine read before: reading every assessment again...\n", c.Name())
		}
		// What the caches hold now, kept before they are emptied (a
		// read afresh that fails leaves a first read next time, which
		// knows of no loss): what the server lacks of it is found once
		// it is read afresh, and said in every summary of it.
		if rep.Lost() || rolledBack {
			if err := a.keepBeforeRead(c, cache, syn); err != nil {
				return nil, nil, nil, err
			}
		}
		if cache, syn, err = a.freshServerCaches(c.Base(), cache, syn); err != nil {
			return nil, nil, nil, err
		}
		rep, err = remote.Sync(ctx, c, cache, 200, syn)
	}
	if err == nil {
		err = a.keepReadMark(c.Base(), rep)
	}
	for _, s := range rep.Skipped {
		sayRefused(w, "left out: %s on the server: %v", s)
	}
	if err != nil {
		removeUnfilled(made)
		var fe *fhirclient.Error
		if errors.As(err, &fe) && fe.RetryAfter > maxWait {
			return nil, nil, nil, fmt.Errorf("could not read the assessments on the FHIR server %s: %w (give a longer --max-wait to wait for it)", c.Name(), err)
		}
		if errors.Is(err, fhirclient.ErrUnauthorized) && errors.As(err, &fe) {
			// As push, void and history say it: not a failure that
			// passes with time.
			return nil, nil, nil, &serverNamed{msg: fmt.Sprintf("could not read the assessments on the FHIR server\n  %s:\n%s\n%s", c.Name(), unauthorizedLines(fe), serverAnswer(fe)), err: err}
		}
		return nil, nil, nil, fmt.Errorf("could not read the assessments on the FHIR server %s: %w", c.Name(), err)
	}
	since := "every assessment"
	if !rep.Since.IsZero() {
		since = "the assessments changed since " + rep.Since.UTC().Format(time.RFC3339)
	}
	fmt.Fprintf(w, "Read %s from %s: %s, %s, in %s; cache %s.\n",
		since, c.Name(), versions(rep.Read, "response"), versions(rep.Saved, "new record version"), time.Since(start).Round(time.Millisecond), cache.Path())
	if len(rep.Skipped) > 0 {
		n := len(rep.Skipped)
		if n == 1 {
			fmt.Fprintln(w, "warning: 1 record version on the server was left out (above) and is not counted; it is read again next time")
		} else {
			fmt.Fprintf(w, "warning: %d record versions on the server were left out (above) and are not counted; they are read again next time\n", n)
		}
	}
	a.sayConflicts(w, c.Base())
	if short, err = a.serverShortNow(w, c, cache, syn, lostUnder(rep.Skipped)); err != nil {
		return nil, nil, nil, err
	}
	// Real records are counted, synthetic ones left out and said; a
	// test server holding synthetic ones only is counted as such.
	realHeld, _ := idsCount(cache)
	synHeld, _ := idsCount(syn)
	switch {
	case realHeld == 0 && synHeld > 0:
		fmt.Fprintf(w, "The FHIR server %s holds synthetic test records only: they are counted, labelled as such.\n", c.Name())
		return syn, notKept(rep.Skipped), short, nil
	case synHeld > 0:
		fmt.Fprintf(w, "note: %d synthetic test record versions on the FHIR server %s are left out; the real ones are counted.\n", synHeld, c.Name())
	}
	return cache, notKept(rep.Skipped), short, nil
}

// defaultReadMaxWait is how long summary and export --server keep trying
// one request the server fails, unless --max-wait says otherwise.
const defaultReadMaxWait = 2 * time.Minute

// addMaxWait gives a command that reads the server its --max-wait.
func addMaxWait(c *cobra.Command) {
	c.Flags().Duration("max-wait", defaultReadMaxWait, "with --server, how long to keep trying one request the server fails or asks to wait (its Retry-After) before stopping")
}

// idsCount is how many record versions the store holds.
func idsCount(st *store.Store) (int, error) {
	n := 0
	err := st.EachFactChunk(func(c store.FactChunk) error { n += c.Len(); return nil })
	return n, err
}

// sayConflicts warns, for a summary or export of the server, when this
// machine's store holds versions the server refused as conflicts: the
// server counts its own version of those assessments, and a summary of
// this store would count this machine's, so the two disagree.
// The push --conflicts it names carries this run's --db and --config (and
// --server, for another server than the site's).
func (a *app) sayConflicts(w io.Writer, base string) {
	st, err := a.existingStore()
	if err != nil {
		return // no store here: nothing of this machine's to disagree
	}
	known, err := st.Conflicts(base)
	if err != nil || len(known) == 0 {
		return
	}
	fmt.Fprintf(w, "warning: this machine's store %s holds %s the server refused as a conflict (changed on another machine): the server's versions are counted here, so this summary and one of this machine's store disagree on those assessments. See digicheck push%s --conflicts\n",
		st.Path(), versions(len(known), "version"), a.serverFlag(base, base))
}

// versions is n of what, with an s for more than one.
func versions(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// localSearched says, after "on the FHIR server NAME", where a local
// number was searched there: in the trust's system only, so a record sent
// with none (by a machine whose site config set no local_number_system,
// before push kept such records back) is not found. Said as if the search
// were exhaustive, "no assessments ... on the FHIR server" had a clinician
// take an assessed patient for never assessed. "" for an NHS number.
func (a *app) localSearched(p record.PatientID) string {
	if p.Kind != record.LocalID || a.settings.Config.LocalNumberSystem == "" {
		return ""
	}
	return fmt.Sprintf(" (searched in the trust's system of local numbers only, %s: a record sent by a machine whose site config set no local_number_system carries no system and is not found; if the patient may have been assessed on such a machine, tell IT)", questionnaire.Printable(a.settings.Config.LocalNumberSystem))
}

// pushAfterSave is the push run after each save when the site names a FHIR
// server (fhir_server): it sends every version the server lacks, the one
// just saved among them, and says whether that one is there. It runs in
// the background (ui.Options.Push, prompt.Options.Push), one at a time,
// within a minute; a push that fails or is cut short loses nothing, as
// the store keeps what the server accepted and the next one sends the
// rest. nil when no server is set.
func (a *app) pushAfterSave(st *store.Store) func(record.Record) (bool, string) {
	server := a.siteServer()
	if server == "" {
		return nil
	}
	var mu sync.Mutex
	return func(r record.Record) (bool, string) {
		mu.Lock()
		defer mu.Unlock()
		sent, why := a.pushRecord(st, server, r, time.Minute, 0)
		if !sent {
			afterSaveWhy.Store(r.ID, why)
		} else {
			afterSaveWhy.Delete(r.ID)
		}
		return sent, why
	}
}

// afterSaveWhy is why the push after the save of a record (by record id)
// did not send it, as the saved screen said it: quitting says it again
// (unsentNote). Said there as "Not sent yet (will retry)" after the
// screen had said the FHIR server refused the site's credentials, "tell
// IT", the nurse's last words on it promised a retry that would not come.
var afterSaveWhy sync.Map

// unsentWhy is the line quitting says of record id, saved and not sent:
// the refusal the push after its save met, when no retry passes it (the
// site's settings needing fixing), or "" for "Not sent yet (will retry)".
func unsentWhy(id record.ID) string {
	v, ok := afterSaveWhy.Load(id)
	if !ok {
		return ""
	}
	rest, refused := strings.CutPrefix(v.(string), conflictPrefix)
	if !refused || strings.HasPrefix(rest, prompt.EnteredInError) || strings.HasPrefix(rest, prompt.ChangedElsewhere) {
		return "" // conflicts are said by what says them
	}
	return fmt.Sprintf("Not sent: record %s: %s.", id, rest)
}

// pushRecord sends what the server lacks, r among them, within bound, and
// says whether r is there, or why not. Short: a push after a save is a
// courtesy, not the only chance. A server that does not answer is left
// for the next save or push rather than tried for minutes.
//
// waitOther is how long to wait for another push of the store (the one
// after a save, still running in the background) before this one starts.
//
// Each digicheck push command in why carries this run's --db and --config
// (one to run on another machine, none): pasted from the saved screen
// without them, it ran on the default store and config.
func (a *app) pushRecord(st *store.Store, server string, r record.Record, bound, waitOther time.Duration) (sent bool, why string) {
	defer func() { why = withPushFlags(why, a.given, a.given) }()
	if syn, err := isSynthetic(st); err != nil || syn {
		// push refuses such a store without --test-server: no retry
		// would send it, so none is promised, and the server is not
		// asked.
		if err != nil {
			return false, conflictPrefix + err.Error()
		}
		return false, conflictPrefix + syntheticNotSent
	}
	// A Retry-After past the bound is not waited: the 429 is said at once.
	c, err := a.serverClientWith(server, fhirclient.Config{Timeout: min(15*time.Second, bound), Attempts: 2, Backoff: 500 * time.Millisecond, MaxWait: bound})
	if err != nil {
		// A setting that cannot clear by itself (a token file others
		// can read, a variable unset): not sent, and no promise to
		// retry, which a re-test found given for these.
		return false, conflictPrefix + "the site's FHIR settings need fixing first: " + err.Error()
	}
	ctx, cancel := context.WithTimeout(context.Background(), bound)
	defer cancel()
	rep, err := push.Run(ctx, st, c, push.Options{Site: a.settings.Config.FHIRSite(), SiteConfig: a.settings.ConfigFile, Attempts: 1, WaitForOther: waitOther})
	if _, ok, perr := st.PushedVersion(c.Base(), r.ID); perr == nil && ok {
		return true, ""
	}
	if slices.Contains(rep.NoLocalSystem, r.ID) {
		// Not a failure that passes by itself: said with the setting
		// and the file, as history and followup say it, and no retry
		// promised (sent silently with no system, no machine found it).
		config := "the site config"
		if a.settings.ConfigFile != "" {
			config += " (" + a.settings.ConfigFile + ")"
		}
		return false, fmt.Sprintf("%sthe patient is identified only by a local number, and %s sets no local_number_system, the trust's system of local numbers: sent without it, the record could be found by no machine that looks the patient up by local number. It is kept here, and digicheck push sends it once local_number_system is set there, as the trust's other machines have it", conflictPrefix, config)
	}
	for _, k := range rep.Conflicts {
		if k.Record == r.ID {
			return false, conflictWhy(k)
		}
	}
	if k, ok := a.conflictIn(st, r); ok {
		// Behind a version the server refused: not sent until that is
		// settled, so no promise of a retry.
		return false, fmt.Sprintf("%sit waits behind this machine's %s %s, which the server refused as changed on another machine; settle that with digicheck push --conflicts, then digicheck push --resolve %s --keep-mine%s", conflictPrefix, k.What, k.Record, k.Record, keepMineAlso(st, k))
	}
	if why := neverSent(st, c.Base(), r.ID); why != "" {
		return false, conflictPrefix + why
	}
	// A follow-up of this machine's version that itself waits on
	// another machine's was said only as "run digicheck push to see
	// why".
	var followed record.ID
	var base record.Record
	if !r.FollowsUp.IsZero() {
		if vs, err := st.Versions(r.FollowsUp); err == nil && len(vs) > 0 {
			if b, err := st.Get(r.FollowsUp); err == nil {
				followed, base = vs[0].ID, b
			}
		}
	}
	for _, f := range rep.Failed {
		var we *push.WaitsError
		if errors.As(f.Err, &we) && (f.Record == r.ID || !followed.IsZero() && f.Assessment == followed) {
			// The server lacks another machine's version it rests
			// on: no conflict, no note held back (it was said
			// "changed on another machine"), and what to run where.
			who := questionnaire.PrintableTyped(we.Copy.Clinician)
			if we.Copy.Clinician == "" {
				who = "no one named"
			}
			if f.Record != r.ID {
				return false, conflictPrefix + fmt.Sprintf("it follows up record %s, this machine's %s, which waits on record %s: the FHIR server lacks that, made by %s on another machine (the server was restored from an older backup, or emptied); on that machine run digicheck push --check-server, and the next save or push here sends both", base.ID, push.Kind(base, followed), we.Copy.Base, who)
			}
			return false, conflictPrefix + fmt.Sprintf("the FHIR server lacks record %s that it rests on, made by %s on another machine (the server was restored from an older backup, or emptied); on that machine run digicheck push --check-server, and the next save or push here sends it", we.Copy.Base, who)
		}
		if err == nil {
			err = f.Err
		}
	}
	return false, pushWhy(err)
}

// neverSent says why record id is kept here and never sent to server,
// when it is: a follow-up resting on a version set aside when its conflict
// was settled, or its void. No retry sends it, so none is promised.
func neverSent(st *store.Store, server string, id record.ID) string {
	_, withheld, _, err := st.NotToSend(server)
	if err != nil {
		return ""
	}
	for _, ch := range withheld {
		for _, v := range ch.Pending {
			if v.ID != id {
				continue
			}
			fu := ch.Pending[0]
			if v.Status == record.EnteredInError {
				// Another server may hold the follow-up, sent there
				// before the conflict with this one was found: said,
				// with the push that marks it there.
				var elsewhere []string
				if held, err := st.ServersHolding(fu.ID); err == nil {
					for _, h := range held {
						if strings.TrimRight(h, "/") != strings.TrimRight(server, "/") {
							elsewhere = append(elsewhere, h)
						}
					}
				}
				if len(elsewhere) == 0 {
					return fmt.Sprintf("it marks entered in error follow-up %s, which was never sent to the FHIR server, as it rests on a version set aside when its conflict was settled; the server has nothing to mark, so the void is kept here and not sent, and nothing more is needed", shortOf(st, fu.ID))
				}
				return fmt.Sprintf("it marks entered in error follow-up %s, which was not sent to this server (%s), as it rests on a version set aside when its conflict with it was settled; this server has nothing to mark, so the void is not sent to it. The FHIR server %s took the follow-up before: digicheck push --server %s sends the void there",
					shortOf(st, fu.ID), server, strings.Join(elsewhere, " and "), elsewhere[0])
			}
			return fmt.Sprintf("it is kept here and never sent: it rests on record %s, set aside when its conflict with the FHIR server was settled", shortOf(st, fu.FollowsUp))
		}
	}
	return ""
}

// cliPushWait bounds the push that void and amend make after they save:
// the clinician waits for it at the command line.
const cliPushWait = 15 * time.Second

// pushChange sends a change made at the command line (a void, or an
// amendment whose push after the save was cut short when the plain prompts
// ended) to the site's FHIR server, when it names one and does not have it
// yet, waiting at most cliPushWait (after a push still running), and says
// on w whether it was sent, as the saved screen does.
func (a *app) pushChange(w io.Writer, st *store.Store, r record.Record) {
	server := a.siteServer()
	if server == "" {
		return
	}
	if base, err := fhirclient.Identity(server); err == nil {
		if _, ok, _ := st.PushedVersion(base, r.ID); ok {
			return // sent already, and said on the saved screen
		}
	}
	if syn, err := isSynthetic(st); err == nil && syn {
		fmt.Fprintf(w, "Not sent: record %s: %s.\n", r.ID, syntheticNotSent)
		return
	}
	fmt.Fprintf(w, "Sending record %s to the trust's FHIR server (waiting at most %s)...\n", r.ID, cliPushWait)
	sent, why := a.pushRecord(st, server, r, cliPushWait, cliPushWait)
	res := pushResult(sent, why)
	switch {
	case res.Sent:
		fmt.Fprintf(w, "Sent to the trust's FHIR server: record %s.\n", r.ID)
	case res.Conflict:
		fmt.Fprintf(w, "Not sent: record %s: %s.\n", r.ID, res.Why)
		if res.EnteredInError || res.Changed {
			fmt.Fprintln(w, prompt.NoteHeldBack(r, res.EnteredInError, a.given))
		}
	case res.Why == answerLostWhy:
		// Never "not sent" of a write the server may hold.
		fmt.Fprintf(w, "Answer lost: record %s may have reached the FHIR server (the connection dropped before its answer); the next save or push checks, and sends it only if the server does not hold it. Nothing is lost: it is kept here.\n", r.ID)
	default:
		fmt.Fprintf(w, "Not sent yet (will retry): record %s, %s. Nothing is lost: it is kept here and sent with the next save or push.\n", r.ID, res.Why)
	}
}

// conflictPrefix begins the reason a push after a save gives for a record
// the server refused as a conflict: not a failure that passes, so the
// saved screen and the prompts say it is not sent, with no promise to
// retry (prompt.Options.Push). The site's FHIR settings needing fixing
// are said with it too: they do not pass by themselves either.
const conflictPrefix = "conflict: "

// conflictWhy is the saved screen's short word on a conflict.
func conflictWhy(k store.Conflict) string {
	who := ""
	if k.ServerClinician != "" {
		who = " by " + questionnaire.PrintableTyped(k.ServerClinician)
	}
	if !k.ServerTime.IsZero() {
		who += " at " + k.ServerTime.Local().Format("2006-01-02 15:04")
	}
	if k.ServerVoided {
		return fmt.Sprintf("%s%sthe server holds this assessment entered in error, %s (server version %s); this %s is kept here and not sent: see digicheck push --conflicts",
			conflictPrefix, prompt.EnteredInError, push.VoidedWords(k), questionnaire.Printable(k.ServerVersion), k.What)
	}
	return fmt.Sprintf("%s%sthis assessment was changed on another machine (server version %s%s); this %s is kept here and not sent: see digicheck push --conflicts",
		conflictPrefix, prompt.ChangedElsewhere, questionnaire.Printable(k.ServerVersion), who, k.What)
}

// pushResult is a push after a save as the full-screen UI shows it.
func pushResult(sent bool, why string) ui.PushResult {
	rest, conflict := strings.CutPrefix(why, conflictPrefix)
	voided, changed := false, false
	if conflict {
		why, voided = strings.CutPrefix(rest, prompt.EnteredInError)
		why, changed = strings.CutPrefix(why, prompt.ChangedElsewhere)
	}
	return ui.PushResult{Sent: sent, Why: why, Conflict: conflict, EnteredInError: voided, Changed: changed}
}

// pushWhy is a short reason a push did not send a record, for the saved
// screen.
func pushWhy(err error) string {
	switch {
	case err == nil:
		return "it is waiting behind an earlier record"
	case errors.Is(err, fhirclient.ErrUnauthorized):
		// Not sent, and not sent by any retry until the settings are
		// fixed: said as a conflict is, with no promise to retry.
		var fe *fhirclient.Error
		if errors.As(err, &fe) {
			return conflictPrefix + unauthorizedWhy(fe)
		}
		return conflictPrefix + unauthorizedWhy(&fhirclient.Error{})
	case answeredWhy(err) != "":
		return answeredWhy(err)
	case timedOut(err) != "":
		return timedOut(err)
	case answerLost(err):
		return answerLostWhy
	case errors.Is(err, fhirclient.ErrUnavailable), errors.Is(err, context.DeadlineExceeded):
		return "could not connect to the FHIR server"
	case errors.Is(err, fhirclient.ErrConflict):
		return "another machine changed this assessment on the server; run digicheck push to see which"
	case errors.Is(err, fhirclient.ErrRejected):
		return "the FHIR server refused it; run digicheck push to see why"
	}
	return "run digicheck push to see why"
}

// siteConflicts is the versions of this store the site's FHIR server has
// refused as conflicts and that are not settled, by record id: none when
// no server is set.
func (a *app) siteConflicts(st *store.Store) map[record.ID]store.Conflict {
	server := a.siteServer()
	if server == "" || st == nil {
		return nil
	}
	base, err := fhirclient.Identity(server)
	if err != nil {
		return nil
	}
	known, err := st.Conflicts(base)
	if err != nil {
		return nil
	}
	for id, k := range known {
		if k.SendOn != "" {
			delete(known, id) // settled: the next push sends it
		}
	}
	return known
}

// conflictIn returns the conflict, if any, of a version of r's assessment:
// one not sent because the server's version was changed on another
// machine, which every later version of it waits behind.
func (a *app) conflictIn(st *store.Store, r record.Record) (store.Conflict, bool) {
	known := a.siteConflicts(st)
	if len(known) == 0 {
		return store.Conflict{}, false
	}
	vs, err := st.Versions(r.ID)
	if err != nil {
		vs = []record.Record{r}
	}
	for _, v := range vs {
		if k, ok := known[v.ID]; ok {
			return k, true
		}
	}
	return store.Conflict{}, false
}

// elsewhereConflicts is the versions of this store that a FHIR server
// other than the site's (any, with no site server) refused as conflicts,
// not settled: by record id, each with the server (its base URL, as
// pushes name it). The first server's, in the store's order, for a version
// refused by two.
func (a *app) elsewhereConflicts(st *store.Store) map[record.ID]serverConflict {
	if st == nil {
		return nil
	}
	servers, err := st.PushServers()
	if err != nil {
		return nil
	}
	site := ""
	if s := a.siteServer(); s != "" {
		if id, err := fhirclient.Identity(s); err == nil {
			site = strings.TrimRight(id, "/")
		}
	}
	out := map[record.ID]serverConflict{}
	for _, server := range servers {
		if strings.TrimRight(server, "/") == site {
			continue
		}
		known, err := st.Conflicts(server)
		if err != nil {
			continue
		}
		for id, k := range known {
			if _, ok := out[id]; !ok && k.SendOn == "" {
				out[id] = serverConflict{server, k}
			}
		}
	}
	return out
}

// serverConflict is a conflict with the FHIR server Server.
type serverConflict struct {
	Server string
	store.Conflict
}

// elsewhereNote is the mark of version r, in conflict with the FHIR server
// k.Server, not the site's: named, with the commands that settle it there.
// The commands each on a line of their own, to be broken between flags.
func (a *app) elsewhereNote(st *store.Store, q *conflictAsker, k serverConflict, r record.Record, short string) string {
	name := sourceName(a.siteServer(), k.Server)
	flag := a.given + " --server " + name
	var b strings.Builder
	unasked := ""
	if !k.ServerVoided && !k.NotTakenIn {
		// Asked, within the read's budget, as the site's server is:
		// a laptop given --server was offered the plain settles of a
		// version the server had lost, refused when pasted.
		now := q.ask(st, k.Server, k.Conflict)
		if now.lacks {
			return lostNote(now, r, short, "The FHIR server "+name, flag)
		}
		if now.unasked != "" {
			unasked = unaskedWords(now.unasked)
		}
	}
	if k.NotTakenIn && copiesFrom(st, r) {
		// A copy read from a server, never "this machine's" nor "not
		// sent there": keeping it is refused, and one command takes the
		// server's version in (as conflictNote says for the site's).
		state := "a newer state of this assessment, made on another machine,\n  that this machine could not take in"
		if k.ServerVoided {
			state = "this assessment ENTERED IN ERROR,\n  " + push.VoidedWords(k.Conflict) + ",\n  which this machine could not take in"
		}
		fmt.Fprintf(&b, "NOT CURRENT THERE: %s, %s's %s,\n  read from %s before.\n  The FHIR server %s holds\n  %s.\n  Take that server's version in:\n    digicheck push%s --resolve %s --keep-server\n",
			short, questionnaire.PrintableTyped(orNone(r.Clinician)), k.What, copiedFrom(st, k.Server, r.ID), name, state, flag, short)
		return b.String()
	}
	fmt.Fprintf(&b, "NOT SENT THERE, IN CONFLICT: %s, this machine's %s.\n  The FHIR server %s refused it: ", short, k.What, name)
	keep := "    digicheck push" + flag + " --resolve " + short + " --keep-mine\n"
	switch {
	case k.ServerVoided:
		fmt.Fprintf(&b, "it holds this assessment ENTERED IN ERROR, %s.\n", push.VoidedWords(k.Conflict))
		keep = "    digicheck push" + flag + " --resolve " + short + " --keep-mine --undo-void\n"
	case k.NotTakenIn:
		b.WriteString("it holds a newer state of this assessment, made on another machine, that this machine could not take in.\n")
	case unasked != "":
		b.WriteString("it held another machine's version.\n" + unasked)
	default:
		b.WriteString("it holds another machine's version.\n")
	}
	if r.Status == record.EnteredInError && !k.ServerVoided {
		keep = "    digicheck push" + flag + " --resolve " + short + " --keep-mine --void-server-version\n"
	}
	keep = "  Keep this one:\n" + keep
	if keepMineBarred(st, r.ID, k.ServerVoided) != "" {
		keep = "" // a void over a void
	}
	fmt.Fprintf(&b, "  It is not sent there until that is settled.\n  See both:\n    digicheck push%s --conflicts\n  Keep that server's version:\n    digicheck push%s --resolve %s --keep-server\n%s", flag, flag, short, keep)
	return b.String()
}

// conflictNote says, under a history, which versions shown are in conflict
// with a FHIR server and not sent: the site's, and any other this store
// pushed to, named.
//
// Whether each server still holds the other machine's version is asked
// through q, within its budget, and nothing is written to the store.
func (a *app) conflictNote(st *store.Store, q *conflictAsker, rs []record.Record, shortID func(record.ID) string) string {
	known := a.siteConflicts(st)
	elsewhere := a.elsewhereConflicts(st)
	var b strings.Builder
	for _, r := range rs {
		if k, ok := elsewhere[r.ID]; ok {
			if _, site := known[r.ID]; !site {
				b.WriteString(a.elsewhereNote(st, q, k, r, shortID(r.ID)))
				continue
			}
		}
		if k, ok := known[r.ID]; ok && k.NotTakenIn && copiesFrom(st, r) {
			// A copy read from a server, whose newer state could not
			// be taken in over it: no version of this machine's, never
			// "current here only" or "not sent", and keeping it would
			// send another machine's version again in its maker's
			// name. One command takes the server's in.
			site, _ := fhirclient.Identity(a.siteServer())
			state := "a newer state of this assessment, made on another\n  machine, that this machine could not take in"
			if k.ServerVoided {
				state = "this assessment ENTERED IN ERROR,\n  " + push.VoidedWords(k) + ",\n  which this machine could not take in"
			}
			fmt.Fprintf(&b, "NOT CURRENT ON THE SERVER: %s, %s's %s,\n  read from %s before.\n  The FHIR server holds %s.\n  Take the server's version in:\n    digicheck push%s --resolve %s --keep-server\n",
				shortID(r.ID), questionnaire.PrintableTyped(orNone(r.Clinician)), k.What, copiedFrom(st, site, r.ID), state, a.given, shortID(r.ID))
		} else if k, ok := known[r.ID]; ok && k.ServerVoided && r.Status == record.EnteredInError {
			// Both voided: this void is current here, and maybe held
			// by another server, never "current here only, and not
			// sent" (said of a void server B held), and keeping it
			// over the server's void is not offered.
			held := ""
			site, _ := fhirclient.Identity(a.siteServer())
			if servers, err := st.ServersHolding(r.ID); err == nil {
				for _, srv := range servers {
					if srv != site {
						held += "\n  The FHIR server " + sourceName(a.siteServer(), srv) + " holds it."
					}
				}
			}
			fmt.Fprintf(&b, "IN CONFLICT, BOTH VOIDED: %s, this machine's void.\n  The FHIR server holds this assessment ENTERED IN ERROR too,\n  %s.\n  This void is not sent to it.%s\n  See both:\n    digicheck push%s --conflicts\n  Keep the server's void (sending nothing):\n    digicheck push%s --resolve %s --keep-server\n", shortID(r.ID), push.VoidedWords(k), held, a.given, a.given, shortID(r.ID))
		} else if k, ok := known[r.ID]; ok && k.ServerVoided {
			// Found with this machine's amendment shown as current
			// while another machine had voided the assessment.
			cmds := []settleCommand{{"See both:", "digicheck push" + a.given + " --conflicts"}, {"Keep the void:", "digicheck push" + a.given + " --resolve " + shortID(r.ID) + " --keep-server"}}
			if keepMineBarred(st, r.ID, true) == "" { // not a void over a void
				cmds = append(cmds, settleCommand{"Keep this one:", "digicheck push" + a.given + " --resolve " + shortID(r.ID) + " --keep-mine --undo-void"})
			}
			fmt.Fprintf(&b, "NOT CURRENT ON THE SERVER: %s, this machine's %s.\n  The FHIR server holds this assessment ENTERED IN ERROR,\n  %s.\n  It is current here only, and not sent.\n%s", shortID(r.ID), k.What, push.VoidedWords(k), settleLines(cmds))
		} else if now := q.ask(st, "", k); ok && !k.NotTakenIn && now.lacks {
			// The server lost the other machine's version (emptied, or
			// restored from an older backup): said as push and amend
			// say it. Said as held there, the plain settles offered
			// were refused.
			b.WriteString(lostNote(now, r, shortID(r.ID), "The FHIR server", a.given))
		} else if ok {
			// A void kept over another machine's version is asked for
			// in so many words, as push --resolve asks.
			keep := settleCommand{"Keep this one:", "digicheck push" + a.given + " --resolve " + shortID(r.ID) + " --keep-mine"}
			if r.Status == record.EnteredInError {
				keep = settleCommand{"Keep this void over the server's version:", keep.Command + " --void-server-version"}
			}
			cmds := settleLines([]settleCommand{{"See both:", "digicheck push" + a.given + " --conflicts"}, {"Keep the server:", "digicheck push" + a.given + " --resolve " + shortID(r.ID) + " --keep-server"}, keep})
			if k.NotTakenIn {
				fmt.Fprintf(&b, "NOT CURRENT ON THE SERVER: %s, this machine's %s.\n  The FHIR server holds a newer state of this assessment, made on another\n  machine, that this machine could not take in. It is current here only.\n%s", shortID(r.ID), k.What, cmds)
			} else {
				held := "The FHIR server refused it: it holds another machine's version.\n"
				if now.unasked != "" {
					held = "The FHIR server refused it: it held another machine's version.\n" + unaskedWords(now.unasked)
				}
				fmt.Fprintf(&b, "NOT SENT, IN CONFLICT: %s, this machine's %s.\n  %s  It is current here only.\n%s", shortID(r.ID), k.What, held, cmds)
			}
		}
	}
	return b.String()
}

// settleCommand is a command that settles a conflict, under its label.
type settleCommand struct{ Label, Command string }

// settleLines is the commands that settle a conflict, each beside its
// label when every one fits 80 columns so, else each whole on a line of
// its own under it: run with --db and --config, the commands carry them,
// and beside the label a terminal broke them between a flag and its file.
func settleLines(cmds []settleCommand) string {
	beside := true
	for _, c := range cmds {
		beside = beside && len(c.Label) < 17 && 2+17+len(c.Command) <= 80
	}
	var b strings.Builder
	for _, c := range cmds {
		if beside {
			fmt.Fprintf(&b, "  %-17s%s\n", c.Label, c.Command)
		} else {
			fmt.Fprintf(&b, "  %s\n    %s\n", c.Label, c.Command)
		}
	}
	return b.String()
}

// answeredWhy is what the FHIR server answered, for a failure that was
// the server's own answer of 429 or 5xx: "" for any other. An integration
// re-test found a 500 given at once said as "could not be reached", and a
// 429 asking for 300 s said as "no answer within 8s".
func answeredWhy(err error) string {
	var fe *fhirclient.Error
	if err == nil || !errors.As(err, &fe) {
		return ""
	}
	switch {
	case fe.Status == http.StatusTooManyRequests && fe.RetryAfter > 0:
		return fmt.Sprintf("the server asked us to wait %d s (429)", int(fe.RetryAfter.Round(time.Second)/time.Second))
	case fe.Status == http.StatusTooManyRequests:
		return "the server answered 429 (too many requests)"
	case fe.Status >= 500:
		return fmt.Sprintf("the server answered %d (server error)", fe.Status)
	case errors.Is(err, fhirclient.ErrUnauthorized):
		return unauthorizedWhy(fe)
	}
	return ""
}

// unauthorizedWhy is what a 401 or 403 is: not a failure that passes with
// time, but the site's FHIR settings (its token, or client credentials)
// needing fixing first. Found with a wrong token, which void called a
// server that could not be reached and then promised to retry.
func unauthorizedWhy(fe *fhirclient.Error) string {
	code := ""
	if fe.Status != 0 {
		code = fmt.Sprintf(" (%d)", fe.Status)
	}
	if fe.Withheld {
		return "the FHIR server refused access" + code + " to a request sent without credentials: the site's credentials are " + withheldWords
	}
	if fe.TokenURL != "" {
		return tokenRefused(fe)
	}
	return "the FHIR server refused this machine's credentials" + code + ": the site's FHIR settings need fixing first; tell IT (its token, or client credentials: docs/fhir-server.md)"
}

// tokenRefused is a refusal by the OAuth2 token endpoint: named, with its
// status and error code, as no request reached the FHIR server. Said as
// "the FHIR server refused this machine's credentials", it sent IT to the
// wrong system for a client secret the authorisation server refused. An
// answer that is no token endpoint's judgement of the client's
// credentials (a 404 of a URL with a typo in it) is said as the URL's
// fault: said as credentials refused, IT replaced a secret that was right.
func tokenRefused(fe *fhirclient.Error) string {
	if !credentialsJudged(fe) {
		answer := fmt.Sprintf("%d %s", fe.Status, http.StatusText(fe.Status))
		return fmt.Sprintf("the OAuth2 token endpoint URL %s (fhir_oauth_token_url in the site config) answered %s, which is not a token endpoint's answer to a client's credentials: the URL is likely wrong, so nothing reached the FHIR server; tell IT (check fhir_oauth_token_url: docs/fhir-server.md)", fe.TokenURL, strings.TrimSpace(answer))
	}
	code := ""
	if fe.Status != 0 {
		code = fmt.Sprint(fe.Status)
	}
	if name, _, _ := strings.Cut(fe.TokenError, ":"); name != "" {
		code = strings.TrimSpace(code + " " + questionnaire.Printable(name))
	}
	if code != "" {
		code = " (" + code + ")"
	}
	return fmt.Sprintf("the OAuth2 token endpoint %s refused this machine's client credentials%s, so nothing reached the FHIR server: the site's FHIR settings need fixing first; tell IT (the client id and secret, fhir_oauth_client_id and fhir_oauth_secret_file: docs/fhir-server.md)", fe.TokenURL, code)
}

// credentialsJudged reports whether the token endpoint's refusal fe is a
// judgement of the client's credentials: an OAuth2 error code given
// (invalid_client, unauthorized_client, ...), or 401 or 403 (RFC 6749
// section 5.2). Any other answer (404, 405, a redirect, 400 with no
// error code) is of a URL that is not a token endpoint.
func credentialsJudged(fe *fhirclient.Error) bool {
	return fe.TokenError != "" || fe.Status == http.StatusUnauthorized || fe.Status == http.StatusForbidden || fe.Status == 0
}

// tokenUnreached is why a request was not sent when the OAuth2 token
// endpoint could not be reached (no answer): said as the FHIR server not
// reached, IT looked at a server that was up. "" for any other failure.
func tokenUnreached(err error) string {
	var fe *fhirclient.Error
	if !errors.As(err, &fe) || fe.TokenURL == "" || fe.Status != 0 || errors.Is(err, fhirclient.ErrUnauthorized) {
		return ""
	}
	return fmt.Sprintf("could not reach the OAuth2 token endpoint URL %s (fhir_oauth_token_url in the site config), so nothing reached the FHIR server", fe.TokenURL)
}

// withheldWords is why a server other than the site's got no credentials.
const withheldWords = "sent only to the configured FHIR server (fhir_server in the site config), never to a server named with --server: if this server is to be the site's, set it as fhir_server (docs/fhir-server.md)"

// unauthorizedLines is unauthorizedWhy in lines whole at 80 columns,
// each indented, for a command's error: found wrapped mid-word.
func unauthorizedLines(fe *fhirclient.Error) string {
	code := ""
	if fe.Status != 0 {
		code = fmt.Sprintf(" (%d)", fe.Status)
	}
	if fe.Withheld {
		return fillLines("  the FHIR server refused access"+code+" to a request sent without credentials: the site's credentials are "+withheldWords, 80, 0)
	}
	if fe.TokenURL != "" {
		return fillLines("  "+tokenRefused(fe)+".", 76, 0)
	}
	return "  the FHIR server refused this machine's credentials" + code + ":\n  the site's FHIR settings need fixing first; tell IT (its token, or\n  client credentials: docs/fhir-server.md)."
}

// serverAnswer is the line that gives a refusal in the FHIR server's own
// words, for IT: its status and what it said, filled at 80 columns under
// the lines above it. It quoted digicheck's own sentence, and the address
// asked, as the server's.
func serverAnswer(fe *fhirclient.Error) string {
	answer := fmt.Sprintf("%d %s", fe.Status, http.StatusText(fe.Status))
	if fe.Status == 0 {
		answer = fe.Msg
	}
	if fe.Outcome != "" {
		answer += ": " + fe.Outcome
	}
	if fe.TokenURL != "" {
		// The token endpoint's words, not the FHIR server's.
		if fe.TokenError != "" {
			answer += ": " + questionnaire.Printable(fe.TokenError)
		}
		return fillLines("  The token endpoint's answer: "+answer+".", 80, 0)
	}
	return fillLines("  The server's answer: "+answer+".", 80, 0)
}

// answerLostWhy is why a record is not known to be sent when the server
// took its write and the connection dropped before the answer: the server
// may hold it. It was said "could not connect to the FHIR server", of a
// server that had applied it.
const answerLostWhy = "the connection dropped before the FHIR server's answer, so it may have reached the FHIR server; the next save or push checks, and sends it only if the server does not hold it"

// answerLost reports whether err is a write sent whose answer never came
// (a dropped connection): it may have been applied.
func answerLost(err error) bool {
	var fe *fhirclient.Error
	return errors.As(err, &fe) && fe.Unknown && fe.Status == 0 && errors.Is(err, fhirclient.ErrUnavailable)
}

// timedOut is what a push that gave up waiting for the server's answer
// says: that it did not answer in time, not that it could not be reached
// (found with a server answering 5 s late); "" for any other failure.
func timedOut(err error) string {
	// The token endpoint, not the FHIR server, gave no answer: named.
	if why := tokenUnreached(err); why != "" {
		return why
	}
	var fe *fhirclient.Error
	if errors.As(err, &fe) && errors.Is(fe.Cause, context.DeadlineExceeded) {
		if _, after, ok := strings.Cut(fe.Msg, " did not answer within "); ok {
			return "the FHIR server did not answer within " + after
		}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "the FHIR server did not answer in time"
	}
	return ""
}

// notKept is what of left the cache could not keep: a follow-up of a
// version the server no longer holds as current (remote.ErrUnlinked) is
// left out by design, said with what to do, and is no damage to the
// counts; every other version left out is, and makes a summary or export
// of the server fail. A follow-up left out only because the server's
// history that would place it could not be read now is not left out by
// design: the counts miss it until it is read again.
func notKept(left []remote.Skipped) []remote.Skipped {
	var out []remote.Skipped
	for _, s := range left {
		var ue *remote.UnlinkedError
		if !errors.Is(s.Err, remote.ErrUnlinked) || (errors.As(s.Err, &ue) && ue.Unread != nil) {
			out = append(out, s)
		}
	}
	return out
}

// otherLostCommands is the settles without the other machine's version, of
// record short in conflict with one the server lost, run with given (this
// run's --db and --config): keeping this machine's version, and, unless it
// is a void (on which no amendment is made, so that settle is refused),
// the server's.
func otherLostCommands(given, short string, void bool) []settleCommand {
	if void {
		return []settleCommand{{"Keep this void:", "digicheck push" + given + " --resolve " + short + " --keep-mine --other-version-lost"}}
	}
	return []settleCommand{
		{"Keep this one:", "digicheck push" + given + " --resolve " + short + " --keep-mine --other-version-lost"},
		{"Keep the server:", "digicheck push" + given + " --resolve " + short + " --keep-server --other-version-lost"},
	}
}
