package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"digicheck/assess"
	"digicheck/fhirclient"
	"digicheck/prompt"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
	"digicheck/ui"
)

// runNew runs a new assessment; the commands its error suggests carry
// this run's --db and --config (carryGiven).
func (a *app) runNew(cmd *cobra.Command) error {
	err := a.runNewAssessment(cmd)
	if p := a.followUpAsked; err == nil && p != (record.PatientID{}) {
		// f on the notice that the patient was assessed before: the
		// follow-up starts once this run's store is closed, as the
		// followup command would.
		a.followUpAsked = record.PatientID{}
		err = a.followUp(cmd, p, "")
	}
	return carryGiven(err, a.given)
}

// runNewAssessment runs a new assessment (or a draft resumed), offering a
// follow-up instead where its patient was assessed before (runNew).
func (a *app) runNewAssessment(cmd *cobra.Command) (err error) {
	// The programmes file is checked before the store is opened: a new
	// store was made, then the file refused, leaving an empty store
	// where none was wanted (runAssessment reads the directory again).
	if _, err := a.directory(); err != nil {
		return stopsAssessment(a.settings.Programmes, err)
	}
	st, done, err := a.assessedStore(func() (*store.Store, error) { return a.openAssessedStore(cmd.ErrOrStderr()) })
	if err != nil {
		st, done, err = a.standInStore(err) // damaged beyond opening, empty, or held by another program
	}
	defer func() { err = done(err) }()
	if err != nil {
		return err
	}
	return a.runAssessment(cmd, st, ui.Options{FollowUpOffered: true}, func(store.Draft) bool { return true })
}

// assessedStore is the store an assessment (new, followup, amend) runs on:
// the one open gives, but a store file cut short is read as the readers
// read it, from a copy padded to its full length, which refuses every
// write: the assessment goes on, its answers kept in a file beside the
// store, and the sound drafts are offered to resume into one, as on a
// store damaged anywhere else. Refused outright, no patient could be
// assessed, followed up or corrected on a file every reader read. done
// removes the copy and keeps its name out of the error the command ends
// with; call it last, with that error.
func (a *app) assessedStore(open func() (*store.Store, error)) (st *store.Store, done func(error) error, err error) {
	if p := a.storePath(); p != "" {
		if st, torn, ok := openCutShort(p); ok {
			paddedCopies.Store(torn.Temp(), torn.Path)
			return st, func(err error) error {
				paddedCopies.Delete(torn.Temp())
				err = store.HideTemporaries(err, torn.Path, torn.Temp())
				_ = torn.Close()
				return err
			}, nil
		}
	}
	st, err = open()
	return st, func(err error) error { return err }, err
}

// fullScreen reports whether the terminal UI can run: a terminal on both
// sides that can draw it, and no request for plain prompts.
func (a *app) fullScreen(cmd *cobra.Command) bool {
	return !a.settings.Accessible && os.Getenv("TERM") != "dumb" &&
		isTerminal(cmd.InOrStdin()) && isTerminal(cmd.OutOrStdout())
}

// offered is a draft on offer, with the saved record it amends or follows
// up (nil when there is none, or it cannot be read: the draft is still
// listed, so it can be discarded).
type offered struct {
	store.DraftEntry
	base *record.Record
	// second says why saving the draft makes a second assessment of its
	// patient (secondAssessment), or is "".
	second string
	// earlier, for an amendment of a follow-up, is the record followed up
	// (earlierOf).
	earlier *record.Record
	// amends, for an amendment's draft, says which version it amends
	// and whether that was amended since (amendsWords), as moved says.
	amends string
	moved  bool
}

// amendsWords says, of an amendment's draft d, which version it amends
// ("record 01a24a93-52d4") and, where that version was amended since or
// its assessment marked entered in error, that the draft cannot be
// finished; "" for any other draft. Both front ends list it: several
// amendment drafts of one patient read alike, and only resuming each said
// which could not be finished.
func amendsWords(st *store.Store, d store.Draft) string {
	words, _ := amendsMoved(st, d)
	return words
}

// amendsMoved is amendsWords, and whether the version amended moved on.
func amendsMoved(st *store.Store, d store.Draft) (words string, moved bool) {
	if d.Amends.IsZero() {
		return "", false
	}
	ids := []record.ID{d.Amends}
	cur, err := st.Current(d.Amends)
	moved = err == nil && cur.ID != d.Amends
	if moved {
		ids = append(ids, cur.ID)
	}
	short, _ := st.ShortIDs(ids) // an id not shortened is shown as ShortID does
	name := func(id record.ID) string {
		if s := short[id]; s != "" {
			return s
		}
		return record.ShortID(id)
	}
	words = "record " + name(d.Amends)
	if !moved {
		return words, false
	}
	by := ""
	if c := questionnaire.PrintableTyped(cur.Clinician); c != "" {
		by = " by " + c
	}
	when := cur.Time.Local().Format("2 Jan 2006 at 15:04")
	if cur.Status == record.EnteredInError {
		return words + ", whose assessment was marked entered in error since, on " + when + by + ": it cannot be finished, only discarded", true
	}
	return words + ", which was amended since, on " + when + by + " (record " + name(cur.ID) + " is its current version): it cannot be finished, only discarded", true
}

// earlierOf is, for an amendment of the follow-up r, the record r follows
// up, so that the amendment can correct what became of its referrals; nil
// for any other record, or when it cannot be read (what was said is then
// kept, unasked).
func earlierOf(st *store.Store, r *record.Record) *record.Record {
	if r == nil || r.FollowsUp.IsZero() {
		return nil
	}
	e, err := st.Get(r.FollowsUp)
	if err != nil {
		return nil
	}
	return &e
}

// replacedOf is the version r amends, where st holds it: the note and
// handout of an amendment say which of its adjustments stop, and a settle
// what the version not kept changed from it. nil for a record that amends
// none, or whose version amended cannot be read here.
func replacedOf(st *store.Store, r record.Record) *record.Record {
	if r.Amends.IsZero() {
		return nil
	}
	was, err := st.Get(r.Amends)
	if err != nil {
		return nil
	}
	return &was
}

// setAside reports whether record id was set aside for the site's FHIR
// server when a conflict with it was settled by keeping the server's
// version (store.SetAside).
func (a *app) setAside(st *store.Store, id record.ID) bool {
	server := a.siteServer()
	if server == "" {
		return false
	}
	base, err := fhirclient.Identity(server)
	if err != nil {
		return false
	}
	aside, err := st.SetAside(base, id)
	return err == nil && aside
}

// secondAssessment says why saving d would make a second assessment of
// its patient, or "": its answers were kept apart when another window
// took the draft over (that window may have saved its own), or the
// patient has an assessment saved after the draft was started, here or
// read from a server. Resumed and saved without a word, such a draft made
// two unlinked assessments of one patient in the same minute. An
// amendment's draft is not asked about: the store refuses to amend a
// version amended since.
func secondAssessment(st *store.Store, d store.Draft) string {
	if !d.Amends.IsZero() {
		return ""
	}
	if !d.ForkedFrom.IsZero() {
		return "These answers were kept apart when another window took over this assessment's draft, and that window may have saved it."
	}
	if d.Patient.Value == "" || d.Started.IsZero() {
		return ""
	}
	if d.Unread && !d.Looked && d.FollowsUp.IsZero() {
		return unreadAssessed(st, d)
	}
	rs, err := st.History(d.Patient)
	if err != nil {
		return ""
	}
	// The versions of the assessment followed up are no second
	// assessment: its amendment, made after the draft was started, is
	// what the follow-up is compared with (rebase).
	same := map[record.ID]bool{d.FollowsUp: true}
	if !d.FollowsUp.IsZero() {
		if vs, err := st.Versions(d.FollowsUp); err == nil {
			for _, v := range vs {
				same[v.ID] = true
			}
		}
	}
	var since *record.Record
	for i := range rs {
		r := &rs[i]
		if r.ID == d.ID || same[r.ID] || !r.Time.After(d.Started) {
			continue
		}
		if since == nil || r.Time.After(since.Time) {
			since = r
		}
	}
	if since == nil {
		return ""
	}
	short := record.ShortID(since.ID)
	if m, err := st.ShortIDs([]record.ID{since.ID}); err == nil && m[since.ID] != "" {
		short = m[since.ID]
	}
	return fmt.Sprintf("This patient was assessed on %s (record %s), after this draft was started.", since.Time.Local().Format("2 Jan 2006 at 15:04"), short)
}

// unreadAssessed is secondAssessment's words for a draft whose patient's
// assessments could not be looked up as they were given (another program
// held the store): every one that counts stands beside it, made before it
// was started or after. Looked for only after it was started, the one a
// clinician had declined, at a save tried again, to make another of went
// unsaid, and the draft was resumed and saved as a second assessment.
func unreadAssessed(st *store.Store, d store.Draft) string {
	as, err := st.Assessments(d.Patient)
	if err != nil {
		return ""
	}
	var latest *record.Record
	for i := range as {
		c := &as[i].Current
		if c.ID == d.ID || as[i].First.ID == d.ID {
			continue
		}
		if latest == nil || c.Time.After(latest.Time) {
			latest = c
		}
	}
	if latest == nil {
		return ""
	}
	short := record.ShortID(latest.ID)
	if m, err := st.ShortIDs([]record.ID{latest.ID}); err == nil && m[latest.ID] != "" {
		short = m[latest.ID]
	}
	return fmt.Sprintf("This patient was assessed on %s by %s (record %s): another program held the store when this draft's patient was given, so it could not be said then.",
		latest.Time.Local().Format("2 Jan 2006 at 15:04"), questionnaire.PrintableTyped(latest.Clinician), short)
}

// offeredOf is the draft e as it is offered: with the record it amends or
// follows up, read again, and why saving it makes a second assessment.
func offeredOf(st *store.Store, e store.DraftEntry) offered {
	of := offered{DraftEntry: e, second: secondAssessment(st, e.Draft)}
	of.amends, of.moved = amendsMoved(st, e.Draft)
	base := e.Amends
	if base.IsZero() {
		base = e.FollowsUp
	}
	if !base.IsZero() {
		if b, err := st.Get(base); err == nil {
			of.base = &b
			if !e.Amends.IsZero() {
				of.earlier = earlierOf(st, &b)
			}
		}
	}
	return of
}

// assessedOf reads a patient's assessments that count from st, each with
// its id as printed, for an assessment to say that the patient was
// assessed before, or since it began (assess.Assessed).
func assessedOf(st *store.Store) func(record.PatientID) ([]assess.Assessed, error) {
	return func(p record.PatientID) ([]assess.Assessed, error) {
		as, err := st.Assessments(p)
		if err != nil {
			return nil, err
		}
		ids := make([]record.ID, len(as))
		for i := range as {
			ids[i] = as[i].Current.ID
		}
		short, _ := st.ShortIDs(ids) // an id not shortened is printed whole
		out := make([]assess.Assessed, len(as))
		for i, a := range as {
			out[i] = assess.Assessed{Current: a.Current, First: a.First, Short: short[a.Current.ID], FollowedUp: a.FollowedUp}
		}
		return out, nil
	}
}

// runAssessment runs an assessment with the store behind it: in the
// terminal UI, or as plain prompts when asked for (--accessible), when the
// terminal cannot draw a full-screen interface, or when answers come from a
// pipe. Records are saved, the assessment in progress is kept as a draft,
// and the drafts that offer selects are offered to resume or discard. o
// says what is assessed (a new assessment, an amendment, a follow-up); the
// rest is filled in here.
func (a *app) runAssessment(cmd *cobra.Command, st *store.Store, o ui.Options, offer func(store.Draft) bool) error {
	if o.Clinician == "" {
		if err := a.checkOfferedClinician(); err != nil {
			return err
		}
	}
	dir, err := a.directory()
	if err != nil {
		return stopsAssessment(a.settings.Programmes, err)
	}
	// The drafts, and whether the store holds synthetic data, read in
	// one open of the file (each open is a lock, a map and an unmap,
	// before the first frame); where a draft is due to expire or the
	// pages of drafts are damaged, each read as before.
	atStart, looked, err := st.StartDrafts(a.settings.Config.DraftExpiry())
	release, expired := func() { _ = st.ReleaseDrafts() }, ""
	if !looked {
		release, expired = a.closeDrafts(cmd, st)
		atStart.Entries, err = st.ListDrafts(a.settings.Config.DraftExpiry())
	}
	defer release()
	entries := atStart.Entries
	if err != nil && !errors.Is(err, store.ErrDamaged) && !errors.Is(err, store.ErrDraftDamaged) {
		return err
	}
	// A draft whose own bytes are damaged is set aside: not offered,
	// said before the first question, and the store saves as before.
	// One damaged draft made the whole store read-only, its backups
	// refused, for want of a restore a nurse offline cannot make.
	var setAside error
	if errors.Is(err, store.ErrDraftDamaged) {
		setAside, err = err, nil
	}
	// A damaged store (the pages of drafts, or the records page a small
	// store looks drafts up in) offers no drafts, but the assessment goes
	// on: the store refuses its save, and storeWarning says so before the
	// first question and where the answers will be kept, as for damage
	// found anywhere else.
	damagedAtStart := err
	// The walk of every tree that proves the store's free list names no
	// page in use (without it a save refuses), made now, beside the
	// first questions, rather than when the clinician saves: it takes
	// about a tenth of a second at 100,000 records, which the first frame
	// must not wait for. Damage it finds is noted (damage.go), and the
	// next keep or save is refused with the words that say it.
	go func() { _ = st.VerifyFreeList() }()

	drafts, elsewhere, held, heldShort := a.draftsOn(cmd, st, entries, offer)
	if o.Amend != nil && o.Earlier == nil {
		o.Earlier = earlierOf(st, o.Amend)
	}
	o.Elsewhere = elsewhere
	o.Instrument, o.Directory = questionnaire.Current, dir
	o.Services = questionnaire.Services{Video: a.settings.Config.VideoConsultation}
	// An amendment names who makes it (amend --clinician); otherwise the
	// clinician types their name. The login name is never offered: a
	// ward workstation's is shared, and one Enter saved records "by
	// root". The site config's clinician (one person's laptop) is offered
	// as a deliberate choice, never kept by Enter alone.
	o.OfferClinician = a.settings.Clinician
	o.Team = a.settings.Team
	o.TeamPhone = a.settings.TeamPhone
	o.TeamAddress, o.TeamText = a.settings.TeamAddress, a.settings.TeamText
	var kept []string // assessments a damaged store refused, kept in files
	dr := &drafted{}  // assessments this run kept drafts of in the store
	// A stand-in for a store another program held as the assessment
	// started: each save tries the store itself again, and keeps the
	// answers in a file only if it is still in use.
	var inUse *heldSaves
	if p, ok := heldStore(st); ok {
		inUse = &heldSaves{path: p}
	}
	ds := draftStores{cur: func() *store.Store { return st }, kept: func() *store.Store { return st }}
	var offeredMu sync.Mutex // drafts, held and heldShort, once read again (lookIn)
	// lookIn lists the drafts again, in the store in: what is offered
	// from then on (ClaimDraft finds a draft resumed in it). Not this
	// run's own: the assessment on screen, kept since the store opened,
	// or saved since.
	lookIn := func(in *store.Store) ([]offered, []ui.Elsewhere, error) {
		entries, err := in.ListDrafts(a.settings.Config.DraftExpiry())
		if err != nil && !errors.Is(err, store.ErrDraftDamaged) {
			return nil, nil, err
		}
		entries = slices.DeleteFunc(entries, func(e store.DraftEntry) bool { return dr.keptHere(e.ID) })
		ods, es, h, hs := a.draftsOn(cmd, in, entries, offer)
		offeredMu.Lock()
		drafts = ods
		maps.Copy(held, h)
		maps.Copy(heldShort, hs)
		offeredMu.Unlock()
		return ods, es, nil
	}
	if inUse != nil {
		// Its drafts could not be listed: they are read in the store
		// itself as each patient is given, and at the save, until it is
		// let go; kept, claimed and let go of there once it opened. A
		// window started on a held store never looked them up for its
		// whole run, nor kept any, even once the store was free.
		ds.cur = func() *store.Store {
			if in := inUse.savedIn(); in != nil {
				return in
			}
			return st
		}
		ds.kept = func() *store.Store {
			inUse.tryOpen()
			return ds.cur()
		}
		ds.look = func() ([]offered, []ui.Elsewhere, error) {
			in, err := inUse.open()
			if err != nil {
				return nil, nil, err
			}
			return lookIn(in)
		}
		defer func() {
			if in := inUse.savedIn(); in != nil && inUse.heldAgain() == nil {
				// (Held again, it would be refused 2 s later: the
				// drafts this window holds are let go when their hold
				// runs out.)
				_ = in.ReleaseDrafts()
			}
		}()
	}
	var saveIn func(r *record.Record) error
	// A refusal's words (the store's own, "run digicheck check") give
	// their commands with this run's --db and --config: copied from the
	// screen, or the end, they checked the default store.
	save := func(r *record.Record) error { return carryGiven(saveIn(r), a.given) }
	saveIn = func(r *record.Record) error {
		r.SetReviewBy(time.Now(), a.settings.Config.ReviewPeriod())
		if inUse != nil {
			err := inUse.save(r)
			kerr := keepRefused(st, r, err, &kept, a.given)
			toldAtOnce(st, inUse.savedIn(), r, err, kept, a.given)
			return kerr
		}
		put := st.Save
		if !r.Amends.IsZero() {
			put = st.Amend
		}
		err := dr.words(r.ID, put(r))
		if errors.Is(err, store.ErrSuperseded) {
			// The version this rests on moved on while it was asked
			// (another window, or a copy read from the FHIR server):
			// the store is sound and the draft kept, so no file, and no
			// note of it to paste into the patient record.
			base, what := r.Amends, "amended"
			if base.IsZero() {
				base, what = r.FollowsUp, "followed up"
			}
			if b, gerr := st.Get(base); gerr == nil {
				if msg, ok := movedOn(st, b, what, a.given); ok {
					return movedError{msg, err}
				}
			}
		}
		return keepRefused(st, r, err, &kept, a.given) // a damaged store: kept in a file, and said where
	}
	synthetic := st.SyntheticData
	if looked {
		synthetic = func() (bool, error) { return atStart.Synthetic, nil }
	}
	warn, why := storeWarning(st, synthetic)
	if warn == "" && damagedAtStart != nil {
		warn, why = damagedWarning(st), damagedAtStart
	}
	// Which draft cannot be offered, whichever reason the store gives: a
	// store check has seen gives check's note ("2 problem(s)"), which
	// does not say whose draft to enter again.
	notOffered := notOfferedWords(why)
	if notOffered == "" {
		notOffered = notOfferedWords(damagedAtStart)
	}
	if a.startedNew != "" && a.fullScreen(cmd) {
		// Printed as the store was made, and so hidden by the full
		// screen until it ends: a store moved or deleted was replaced
		// by an empty one, and every patient looked never assessed.
		o.Notice = strings.TrimSpace(a.startedNew + "\n" + o.Notice)
	}
	if expired != "" && a.fullScreen(cmd) {
		// Printed before the UI, and so read only once it ends: on
		// screen too, before the first question.
		o.Notice = strings.TrimSpace(expired + "\n" + o.Notice)
	}
	if warn == "" && setAside != nil {
		aside := setAsideWords(setAside)
		if a.fullScreen(cmd) {
			o.Notice = strings.TrimSpace(aside + "\n" + o.Notice)
		} else {
			fmt.Fprintln(cmd.ErrOrStderr(), aside)
		}
	}
	if warn != "" {
		// In full before the UI (and so in the scrollback after it),
		// and again at the end; on screen, only what to act on, so that
		// it is read whole in the box at 80x24. The plain prompts say it
		// themselves, after their heading, before the first question.
		// The reason once, when digicheck ends, as the box says: it
		// was printed before the UI as well, and both at the width of
		// the terminal, which broke their words ("ans|wers").
		if errw := cmd.ErrOrStderr(); a.fullScreen(cmd) {
			if inUse == nil {
				fmt.Fprintf(errw, "%s\n", strings.TrimRight(sayText(errw, warn), "\n"))
			}
			// (Not of a store held by another program: its "Go on:
			// this assessment will be saved in the store if it is free
			// when you save" was the first thing read once the full
			// screen closed, above an end that said it was not.)
			defer func() {
				if inUse != nil && len(kept) == len(alreadyAssessed(st, ds.cur(), kept)) {
					// Let go by the save: it could, and did; or it
					// read the store, free, and found the patient
					// assessed already (notSaved says so).
					return
				}
				fmt.Fprintf(errw, "\n%s\n", strings.TrimRight(sayText(errw, "Why the store could not save: "+questionnaire.Printable(withGiven(why.Error(), a.given))), "\n"))
			}()
		}
		if inUse != nil {
			// The store may be let go before the save: nothing to
			// print unless it is not.
			o.Notice = strings.TrimSpace(warn + "\n" + o.Notice)
			o.Reminder = "Store in use: answers kept in a file if it is still in use when you save"
			o.ReminderTillSaved = true // saved in it, it was let go
		} else {
			o.Notice = strings.TrimSpace(warn + notOffered + " The technical reason is printed when digicheck ends.\n" + o.Notice) // else hidden by the full-screen UI
			o.Reminder = "Store cannot save: these answers will be kept in a file, not in the store"
		}
	}
	// After each save, when the site names a FHIR server, what the server
	// lacks is sent in the background; the saved screen says how it went.
	// On a stand-in for a store in use, from the store itself once a
	// save was made in it.
	pushed := a.pushAfterSave(st)
	// The patient's assessments, read as the patient is given and again
	// before the save: on a stand-in for a store in use, in the store
	// itself, which may have been let go.
	o.Assessed = assessedOf(st)
	o.Given = a.given
	if inUse != nil {
		o.Assessed = func(p record.PatientID) ([]assess.Assessed, error) {
			as, err := inUse.assessed(p)
			if err == nil && len(as) > 0 {
				// Found assessed, the store free: a file kept of this
				// patient's answers at a save refused before says so
				// now, not only once the run ends.
				for _, w := range alreadyAssessed(st, inUse.savedIn(), kept) {
					if w.patient == p {
						w.reword(a.given)
					}
				}
			}
			return as, err
		}
	}
	if standIn := pushed; inUse != nil && pushed != nil {
		var mu sync.Mutex
		var pushIn func(record.Record) (bool, string)
		pushed = func(r record.Record) (bool, string) {
			mu.Lock()
			if in := inUse.savedIn(); pushIn == nil && in != nil {
				pushIn = a.pushAfterSave(in)
			}
			p := pushIn
			mu.Unlock()
			if p == nil {
				return standIn(r)
			}
			return p(r)
		}
	}
	if !a.fullScreen(cmd) {
		warning := ""
		if warn != "" {
			warning = warn + notOffered + "\nWhy: " + withGiven(why.Error(), a.given)
		}
		err := a.runPrompts(cmd, st, o, save, drafts, held, answerLostSaid(pushed), &kept, warning, dr, ds)
		return a.notSaved(cmd, st, ds.cur(), kept, err)
	}
	if pushed != nil {
		o.Push = func(r record.Record) ui.PushResult {
			res := pushResult(pushed(r))
			res.AnswerLost = !res.Sent && res.Why == answerLostWhy
			return res
		}
	}
	// Files a refused save kept a listed draft's answers in, every one
	// of which the draft holds (sameIn), by the draft's id: they say to
	// enter the answers again, which once the draft is saved makes
	// another assessment of the patient. Said as the draft opens and,
	// once it is saved, after the run, as the plain prompts say it.
	var sameMu sync.Mutex
	sameFiles := map[record.ID]string{}
	resumables := func(ods []offered) []ui.Resumable {
		now := time.Now()
		var rs []ui.Resumable
		// Files that keep the later answers of a draft listed, named with
		// it, as the plain prompts name them: read with the drafts, each
		// time they are read.
		var notSaved map[record.ID]string
		if len(ods) > 0 { // no folder read at a start with no draft to list
			notSaved = notSavedFiles(st)
		}
		for _, d := range ods {
			r := ui.Resumable{Draft: d.Draft, Base: d.base, Expiry: d.ExpiryWarning(now), Second: d.second, Earlier: d.earlier,
				Amends: d.amends, AmendedSince: d.moved, KeptFile: questionnaire.Printable(laterIn(notSaved[d.ID], d.Draft.Draft)),
				SameFile: sameIn(notSaved[d.ID], d.Draft.Draft)}
			sameMu.Lock()
			followSame(sameFiles, d.ID, notSaved[d.ID], d.Draft.Draft)
			sameMu.Unlock()
			if a.asksBeforeResume(d) {
				r.Opening = fmt.Sprintf("Asking the FHIR server whether this assessment was changed on another machine (waiting at most %s)…", serverLook)
			}
			rs = append(rs, r)
		}
		return rs
	}
	o.Drafts = resumables(drafts)
	look := ds.look
	if look == nil && warn == "" {
		// Read again in a store free as the run began too, as each
		// patient is given and for the list at n after a save: a draft
		// another window kept since the run began went unsaid there,
		// and the patient was assessed twice with the draft left
		// behind. (A store that cannot save takes no drafts from
		// another window either.)
		look = func() ([]offered, []ui.Elsewhere, error) { return lookIn(st) }
	}
	if look != nil {
		o.LookDrafts = func() ([]ui.Resumable, []ui.Elsewhere, error) {
			ods, es, err := look()
			return resumables(ods), es, err
		}
	}
	o.SaveHandout, o.PrintHandout, o.Clipboard = a.saveHandoutFile, printHandoutFile, osClipboard
	follow := &keptFollower{given: a.given}
	o.Draft = func(d *store.Draft) error {
		return carryGiven(follow.keep(st, d, o.Directory, func(d *store.Draft) error { return inUse.keepDraft(dr, ds.kept, d) }), a.given)
	}
	o.DraftNow = func(d *store.Draft) error { return follow.now(st, d, o.Directory) }
	o.DiscardDraft = func(id record.ID) error { return ds.cur().DiscardDraft(id) }
	o.CheckPatient = func(p record.PatientID) error { return checkPatientShown(st, p, a.given) } // damage in the patient's entries, said once they are given
	if readOnlyResume(st) {
		// A store found damaged takes no writes: discard is not offered
		// (asked "its answers will be lost", it was refused after y).
		o.DiscardDraft = nil
	}
	var askedMu sync.Mutex
	asked := map[record.ID]string{}          // what the full screen says as a draft opens
	reopened := map[record.ID]ui.Resumable{} // a follow-up's draft on its base's amendment
	o.ClaimDraft = func(id record.ID) error {
		st := ds.cur() // the store itself, once a held one opened
		offeredMu.Lock()
		short := heldShort[id]
		i := slices.IndexFunc(drafts, func(d offered) bool { return d.ID == id })
		var d offered
		if i >= 0 {
			d = drafts[i]
		}
		offeredMu.Unlock()
		if short != nil {
			return short
		}
		if i >= 0 {
			// Off the screen: the full screen says the outcome.
			nd, words, short := a.resumeWords(cmd, st, d)
			if short != nil {
				return short
			}
			askedMu.Lock()
			asked[id] = words
			if nd.base != d.base {
				reopened[id] = ui.Resumable{Draft: nd.Draft, Base: nd.base, Expiry: nd.ExpiryWarning(time.Now()), Second: nd.second, Earlier: nd.earlier}
			}
			askedMu.Unlock()
			// The patient's entries, read before anything is written,
			// as a new assessment's are: damage there is noted, and the
			// draft is resumed as from any damaged store (the full
			// screen says the damage on the first question).
			_ = st.CheckPatient(d.Patient)
		}
		if readOnlyResume(st) {
			askedMu.Lock()
			asked[id] = strings.TrimSpace(asked[id] + " " + resumedIntoFile)
			askedMu.Unlock()
			return nil
		}
		_, err := st.ClaimDraft(id)
		return err
	}
	o.ClaimNotice = func(id record.ID) string {
		askedMu.Lock()
		said := asked[id]
		askedMu.Unlock()
		sameMu.Lock()
		defer sameMu.Unlock()
		if f := sameFiles[id]; f != "" {
			said = strings.TrimSpace(sameFileResumed(f) + " " + said)
		}
		return said
	}
	o.Reopened = func(id record.ID) (ui.Resumable, bool) {
		askedMu.Lock()
		defer askedMu.Unlock()
		r, ok := reopened[id]
		return r, ok
	}
	o.RenewDraft = func(id record.ID) error { return ds.cur().RenewDraft(id) }
	o.Save = func(r *record.Record) error {
		return follow.saving(r.ID, func() error { return save(r) })
	}
	o.Finishing = inUse.finish
	out, err := ui.Run(o, cmd.InOrStdin(), cmd.OutOrStdout())
	if found := dr.damaged(); found != nil && warn == "" {
		// Found at a draft: the full screen said the reason would be
		// printed when digicheck ends.
		errw := cmd.ErrOrStderr()
		defer func() {
			fmt.Fprintf(errw, "\n%s\n", strings.TrimRight(sayText(errw, "Why the store could not save: "+questionnaire.Printable(withGiven(found.Error(), a.given))), "\n"))
		}()
	}
	// Notes are printed after the program has left the alternate screen, so
	// they stay in the scrollback for pasting into the patient record. At
	// a terminal, what is printed is wrapped at whole words at its width
	// (sayOut): the terminal cut the note and what follows it mid-word.
	w, done := sayOut(cmd.OutOrStdout())
	defer done()
	for _, r := range out.Saved {
		if res, held := out.NoteHeld[r.ID]; held {
			fmt.Fprintf(w, "\n%s", ui.HeldNote(r, res))
			continue
		}
		fmt.Fprintf(w, "\n%s", record.NoteWith(r, record.NoteOptions{Replaces: replacedOf(st, r)}))
	}
	if len(out.Saved) > 0 {
		line := fmt.Sprintf("Saved %d assessment(s) in %s", len(out.Saved), questionnaire.Printable(shownPath(st)))
		if width := terminalWidth(cmd.OutOrStdout()); isTerminal(cmd.OutOrStdout()) && len(line) > width {
			// Broken only after a folder, as a kept file's path is.
			line = fmt.Sprintf("Saved %d assessment(s) in\n%s", len(out.Saved), folderLines(questionnaire.Printable(shownPath(st)), width))
		}
		fmt.Fprintf(w, "\n%s\n", line)
		in := st
		if inUse != nil && inUse.savedIn() != nil {
			in = inUse.savedIn() // saved in the store itself, let go
		}
		a.unsentNote(w, in, out.Saved, func(r record.Record) bool {
			// Held back (said with its note), or the amendment asked
			// for, which amend sends and says itself.
			_, held := out.NoteHeld[r.ID]
			return held || (o.Amend != nil && r.Amends == o.Amend.ID)
		})
	}
	sameMu.Lock()
	for _, r := range out.Saved {
		// Said on the saved screen, and here again after the run, as
		// the plain prompts say it after "Saved.": the screen is gone.
		if said := prompt.SameFileSaved(sameFiles[r.ID]); sameFiles[r.ID] != "" && said != "" {
			fmt.Fprintf(w, "\n%s\n", said)
		}
	}
	sameMu.Unlock()
	if out.Stopped != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "\ndigicheck was stopped (%v).\n", out.Stopped)
	}
	if p := out.FollowUp; p != (record.PatientID{}) {
		fmt.Fprintf(w, "\n%s\n", wrapReport(fmt.Sprintf("Following up patient %s instead of a new assessment: the new assessment, which held only their details, is not kept.", p), terminalWidth(w)))
		a.followUpAsked, a.followUpBy = p, out.FollowUpBy
	}
	if d := out.Draft; d != nil {
		if w, found := keptFoundAssessed(st, ds.cur(), d.ID); found {
			// Kept as a draft in the store, free by the save that found
			// the patient assessed already: "Run digicheck to resume
			// it" led to the second assessment that save held back.
			// Said once: a file kept by a save refused before says it
			// with the file (notSaved), the note pasted from it too;
			// said here as well, the end gave it twice.
			if !slices.ContainsFunc(alreadyAssessed(st, ds.cur(), kept), func(a assessedAlready) bool { return a.id == d.ID }) {
				fmt.Fprintf(cmd.ErrOrStderr(), "\n%s\n", wrapReport(w.endWords(a.given), terminalWidth(cmd.ErrOrStderr())))
			}
			out.Draft = nil
		}
	}
	if d := out.Draft; d != nil && !slices.ContainsFunc(alreadyAssessed(st, ds.cur(), kept), func(a assessedAlready) bool { return a.id == d.ID }) {
		// (Not said of answers a save tried again found the patient
		// assessed already: notSaved says what to do with them, in
		// one instruction.)
		of := stoppedOf{patient: d.Patient, amends: !d.Amends.IsZero(), followsUp: !d.FollowsUp.IsZero()}
		fmt.Fprintf(w, "\n%s\n", wrapReport("Not finished: "+of.who()+" is kept as a draft"+of.asWas()+". Run digicheck"+a.given+" to resume it.", terminalWidth(w)))
	}
	stillKept := false
	if out.Discarded {
		stillKept = draftStillKept(ds.cur(), out.DiscardedID)
		of := stoppedOf{patient: out.DiscardedPatient, amends: out.DiscardedAmends, followsUp: out.DiscardedFollowsUp}
		line := discardKept(of, out.DiscardedID, &kept)
		if stillKept {
			// The store would not remove it (damaged, or this patient's
			// entries damaged; or another window holds it): "its answers
			// were not kept" had the clinician believe it gone, while a
			// colleague could resume it.
			line = notDiscarded(of, out.DraftErr, line)
			if err == nil {
				err = errors.New("the assessment's draft was not discarded: it is still in the store")
			}
		}
		fmt.Fprintf(w, "\n%s\n", wrapReport(line, terminalWidth(w)))
	}
	switch {
	case out.Unkept != nil:
		if p := keepUnkept(st, out.Unkept, o.Directory, &kept, a.given); p == "" {
			fmt.Fprintf(cmd.ErrOrStderr(), "\nThe unfinished assessment could not be kept as a draft, nor in a file: %v\n", out.DraftErr)
			if err == nil {
				err = errors.New("the unfinished assessment was not kept")
			}
		}
	case out.DraftErr != nil && len(kept) == 0 && warn == "" && !stillKept:
		// The draft of an assessment discarded or saved could not be
		// removed: nothing is lost, but it may be offered again. On a
		// store that takes no writes (said at the start) there is in
		// all likelihood no draft, and the file answers are kept in is
		// what to act on: this would only be noise.
		fmt.Fprintf(cmd.ErrOrStderr(), "\nThe draft of the assessment could not be removed from the store: %v\n", out.DraftErr)
	}
	// Stopped with ctrl+c, or by a signal: the run ends with the status
	// the plain prompts' stop ends with (stoppedError), its answers kept
	// in a file too (k on a store that keeps no draft, a window closed on
	// a store held): it ended 1, as a failed run, where the README and
	// the plain prompts give a stop 130 (or 128 + the signal).
	var stop error
	switch sig, ok := out.Stopped.(syscall.Signal); {
	case ok:
		stop = stoppedError{sig}
	case out.Interrupted:
		stop = stoppedError{syscall.SIGINT}
	}
	stopSays := false
	if err == nil && stop != nil && len(kept) > 0 {
		// notSaved says it of a store held; of any other, the error
		// it stands for would have said it.
		_, held := heldStore(st)
		stopSays = !held
		err = stop
	}
	nerr := a.notSaved(cmd, st, ds.cur(), kept, err)
	if stopSays {
		// Under the files it points to, which notSaved names: said
		// before them, "from the file(s) above" named the file below.
		fmt.Fprintln(cmd.ErrOrStderr(), wrapReport(fmt.Sprintf("%d assessment(s) not saved in the store: enter them again from the file(s) above once it can be written.", len(kept)), terminalWidth(cmd.ErrOrStderr())))
	}
	if nerr != nil {
		return nerr
	}
	return stop
}

// draftsOn is what the drafts entries, listed in st, offer here (offer
// says which kinds are resumed), sorted as both front ends list them, and
// those kept and not offered here (elsewhere); held and heldShort say, by
// id, why one resting on a saved version cannot be resumed (draftHeld).
func (a *app) draftsOn(cmd *cobra.Command, st *store.Store, entries []store.DraftEntry, offer func(store.Draft) bool) (drafts []offered, elsewhere []ui.Elsewhere, held, heldShort map[record.ID]error) {
	for _, e := range entries {
		if !offer(e.Draft) {
			// A new assessment of its patient says so, all the same.
			how := "To resume it, run digicheck" + a.given + " with no command and choose it from the list of unfinished assessments."
			elsewhere = append(elsewhere, ui.Elsewhere{Draft: e.Draft, How: how})
			continue
		}
		// A draft open in another window (e.HeldElsewhere) is listed
		// too, saying so: that window may be one closed a moment ago
		// whose process has not yet ended. Resuming it takes it only
		// once that window has let go (ClaimDraft), so it is never
		// split; left off the list, it was nowhere to be seen, and the
		// clinician reopening digicheck to carry on assessed the
		// patient a second time.
		drafts = append(drafts, offeredOf(st, e))
	}
	// Both front ends list drafts by when each was last kept, the time
	// they show; the store lists them by when they were started.
	slices.SortStableFunc(drafts, func(x, y offered) int { return x.Saved.Compare(y.Saved) })
	// Those not offered, the last kept first: a patient given is told of
	// the first of theirs, which was the first started, and the notice of
	// a new assessment and that of the follow-up started from it named two
	// different drafts.
	slices.SortStableFunc(elsewhere, func(x, y ui.Elsewhere) int { return y.Draft.Saved.Compare(x.Draft.Saved) })
	// A draft of a follow-up or an amendment started before the version it
	// rests on went into conflict with the FHIR server is not resumed:
	// refused with the words a new one is refused with, before anything
	// is asked, and kept (found resumed, saved and said "Sent").
	held, heldShort = map[record.ID]error{}, map[record.ID]error{}
	for _, d := range drafts {
		if d.base == nil {
			continue
		}
		if long, short := a.draftHeld(cmd, st, d); long != nil {
			held[d.ID], heldShort[d.ID] = long, short
		}
	}
	return drafts, elsewhere, held, heldShort
}

// stoppedError ends a run of the full screen stopped by ctrl+c (a key
// there, not a signal) or by a signal with the status the plain prompts
// end with, stopped alike: 128 + the signal, 130 for Ctrl+C, as a shell
// reports a program so stopped. The full screen exited 0, as if the
// assessment had ended. What became of the answers has been said, so it
// prints nothing more (printError).
type stoppedError struct{ sig syscall.Signal }

func (e stoppedError) Error() string { return "stopped (" + e.sig.String() + ")" }

// draftHeld says why the draft d, resting on a saved version, cannot be
// resumed, or is nil: the version it rests on is in conflict with the
// FHIR server, was set aside when such a conflict was settled, or moved
// on (amended again, or marked entered in error). long is the plain
// prompts' words, short the full screen's. Refused with the words a new
// amendment or follow-up is refused with, before anything is asked, and
// kept: resumed, such a draft was saved and said "Sent", or its save
// refused as if the store could not be written.
func (a *app) draftHeld(cmd *cobra.Command, st *store.Store, d offered) (long, short error) {
	if d.base == nil {
		return nil, nil
	}
	what := "followed up"
	if !d.Amends.IsZero() {
		what = "amended"
	}
	if k, ok := a.conflictIn(st, *d.base); ok {
		// Said from what the store knows: the drafts are listed at the
		// start of every assessment, before its first frame, and the
		// FHIR server is not asked whether it still holds the other
		// machine's version (settleFirstHere): on a network that drops
		// requests, each such draft held the start back 8 to 10 seconds.
		site, _ := fhirclient.Identity(a.siteServer())
		return fmt.Errorf("%w\nThe draft is kept.", settleFirstIn(cmd, st, site, a.given, what, *d.base, k)), errors.New(settleFirstShort(what, *d.base, k))
	}
	if a.setAside(st, d.base.ID) {
		again := "follow the patient up again (digicheck" + a.given + " followup " + d.base.Patient.Value + ")"
		if what == "amended" {
			again = "amend the assessment again (digicheck" + a.given + " amend " + shortOf(st, d.base.ID) + ")"
		}
		msg := fmt.Errorf("record %s cannot be %s: it was set aside when its conflict with the FHIR server was settled, keeping the server's version. Nothing was saved; the draft is kept. Discard it (d), and %s.", shortOf(st, d.base.ID), what, again)
		return msg, msg
	}
	if what == "followed up" {
		// Amended since: resumed on the amendment, if that may be
		// followed up; compared with it, and said so (rebase).
		if nd, _, ok := rebase(st, d); ok {
			return a.draftHeld(cmd, st, nd)
		}
	}
	if msg, ok := movedOn(st, *d.base, what, a.given); ok {
		return errors.New(msg), errors.New(msg)
	}
	if what == "followed up" {
		if msg, ok := assessedSince(st, *d.base, a.given); ok {
			return errors.New(msg), errors.New(msg)
		}
	}
	return nil, nil
}

// shortOf is id as messages print it: the shortest prefix unique in st.
func shortOf(st *store.Store, id record.ID) string {
	if m, err := st.ShortIDs([]record.ID{id}); err == nil && m[id] != "" {
		return m[id]
	}
	// The store unreadable: the millisecond, as ids are shown at the
	// least.
	return id.String()[:record.ShownIDLen]
}

// rebase is the follow-up's draft d resting on the current version of the
// assessment it follows up, when that version was amended since the draft
// was started (here, or on another machine and read from the FHIR
// server), with the words that say so and what the follow-up will be
// compared with; ok is false for any other draft. What became of a
// referral the amendment no longer has the patient agreeing to is
// dropped: it is asked of the amendment's referrals. A follow-up follows
// up the current version (the store refuses any other), and one saved on
// the version amended stood in conflict with the server, or was refused.
func rebase(st *store.Store, d offered) (now offered, words string, ok bool) {
	if d.base == nil || !d.Amends.IsZero() || d.FollowsUp.IsZero() {
		return d, "", false
	}
	cur, err := st.Current(d.base.ID)
	if err != nil || cur.ID == d.base.ID || cur.Status == record.EnteredInError {
		return d, "", false
	}
	agreed := map[string]bool{}
	for _, f := range cur.Recommendation.Referrals {
		if f.Consent == questionnaire.Agreed {
			agreed[f.ProgrammeID] = true
		}
	}
	now = d
	now.base = &cur
	now.Draft.FollowsUp = cur.ID
	now.Draft.Outcomes = slices.DeleteFunc(slices.Clone(d.Draft.Outcomes), func(o record.ReferralOutcome) bool { return !agreed[o.ProgrammeID] })
	now.second = secondAssessment(st, now.Draft)
	by := ""
	if c := questionnaire.PrintableTyped(cur.Clinician); c != "" {
		by = " by " + c
	}
	words = fmt.Sprintf("The assessment followed up (record %s) was amended since this draft was started,%s on %s: this follow-up is compared with the amended version (record %s).",
		shortOf(st, d.base.ID), by, cur.Time.Local().Format("2 Jan 2006 at 15:04"), shortOf(st, cur.ID))
	if len(now.Draft.Outcomes) != len(d.Draft.Outcomes) {
		words += " What became of a referral it no longer lists was dropped: check the earlier referrals on the review."
	}
	return now, words, true
}

// assessedSince says why a follow-up's draft of base, the current version
// of its assessment, cannot be resumed when the patient has a later
// assessment that counts (another machine's follow-up of base, read from
// the FHIR server, say): a follow-up follows up the patient's latest
// assessment, and one of base would be a second follow-up of it, its
// earlier referrals those of an assessment since followed up.
func assessedSince(st *store.Store, base record.Record, given string) (msg string, ok bool) {
	latest, err := st.Latest(base.Patient)
	if err != nil || latest.ID == base.ID {
		return "", false
	}
	by := ""
	if c := questionnaire.PrintableTyped(latest.Clinician); c != "" {
		by = " by " + c
	}
	what := "assessed again"
	if !latest.FollowsUp.IsZero() {
		what = "followed up"
	}
	return fmt.Sprintf("record %s cannot be followed up: the patient was %s since this draft was started,%s on %s (record %s), and a follow-up follows up the patient's latest assessment. Nothing was saved; the draft is kept. Discard it, and follow the patient up again (digicheck%s followup %s).",
		shortOf(st, base.ID), what, by, latest.Time.Local().Format("2006-01-02 15:04"), shortOf(st, latest.ID), given, base.Patient.Value), true
}

// asksBeforeResume reports whether the FHIR server is asked for the
// patient's newer versions before the draft d is resumed: an amendment's
// or a follow-up's, when the site names a server.
func (a *app) asksBeforeResume(d offered) bool {
	return a.siteServer() != "" && d.base != nil && d.base.Patient != a.askedOf
}

// resumeWords is what the full screen says as draft d opens, once the
// FHIR server was asked (askBeforeResume), or why it is not resumed
// (short): what was said on the way is not on a terminal, so a server out
// of reach is said here, and so is a version of this machine's found no
// longer current as the server's was taken in (overriddenHere), in the
// words or after the refusal. That
// notice is given once, as the version is taken in: thrown away with the
// rest, it was never said, on the one read that mattered most.
func (a *app) resumeWords(cmd *cobra.Command, st *store.Store, d offered) (nd offered, words string, short error) {
	var said overriddenNotes
	nd, words, _, short = a.askBeforeResume(cmd, &said, st, d)
	overridden := strings.Join(strings.Fields(said.overridden.String()), " ")
	if cut := strings.Index(overridden, " Not kept:"); cut > 0 {
		// Which version is no longer current, and whose supersedes it:
		// the list of what it does not hold, with its amend command,
		// does not fit the screen's box beside the refusal.
		overridden = overridden[:cut]
	}
	if short != nil {
		if overridden != "" {
			// Refused (amended since, say): said with the refusal.
			short = fmt.Errorf("%w %s", short, overridden)
		}
		return nd, "", short
	}
	if strings.Contains(said.String(), "warning: ") {
		latest := "what is amended is this machine's latest version"
		if nd.Amends.IsZero() {
			latest = "what is followed up is the latest version this machine holds"
		}
		words = strings.TrimSpace("The FHIR server could not be asked whether this assessment was changed on another machine since this draft was started: " + latest + ". " + words)
	}
	if overridden != "" {
		words = strings.TrimSpace(words + " " + overridden)
	}
	return nd, words, nil
}

// askBeforeResume, for an amendment's draft when the site names a FHIR
// server, reads the patient's versions this store lacks from it, as amend
// does, saying on w what it asks and finds, and then says why the draft
// cannot be resumed (draftHeld), or nil. An amendment draft left on one
// machine was resumed there after another machine had amended or voided
// the assessment: saved on a version the server had moved past, it stood
// in conflict, its note offered to paste. A server out of reach is said,
// and the draft resumed on what this machine holds, as amend goes on.
//
// A follow-up's draft is asked about as an amendment's is: refused when
// the assessment it follows up was voided, or the patient followed up,
// since; when it was amended since, it is resumed on that amendment (now),
// words saying so. A follow-up draft left on one machine was saved on the
// version the server had moved past, and stood in conflict.
func (a *app) askBeforeResume(cmd *cobra.Command, w io.Writer, st *store.Store, d offered) (now offered, words string, long, short error) {
	if a.asksBeforeResume(d) {
		if _, err := a.readPatient(context.Background(), w, st, a.siteServer(), d.base.Patient, true); err != nil {
			msg := fmt.Errorf("the FHIR server could not be read for patient %s: %w. Nothing was saved; the draft is kept", d.base.Patient, err)
			return d, "", msg, msg
		}
	}
	if long, short := a.draftHeld(cmd, st, d); long != nil {
		return d, "", long, short
	}
	if nd, words, ok := rebase(st, d); ok {
		return nd, words, nil, nil
	}
	return d, "", nil, nil
}

// storeWarning is what to say before the first question when the store
// will not save: a store found damaged, or one that cannot be written
// (found at the first save, the clinician learnt it with every answer
// given). warn is the sentence to act on, short enough for the box at
// 80x24; why may be long (check's finding). Both are empty when the store
// can save. synthetic says whether the store holds synthetic test data
// (SyntheticData, or what the start read of it).
func storeWarning(st *store.Store, synthetic func() (bool, error)) (warn string, why error) {
	// Worked out only for a warning: it writes a file in the store's
	// folder and removes it, which every start waited on (on a network
	// drive, most of the wait for the first question).
	keep := func() string { return keptWhere(st) }
	if err := st.Refused(); err != nil {
		if p, ok := heldStore(st); ok {
			if folderWritable(filepath.Dir(p)) != nil {
				return strings.Replace(heldWarning, "kept in a file if", "kept in a file in the temporary folder (the store's folder cannot be written) if", 1), err
			}
			return heldWarning, err
		}
		return damagedWarning(st), err
	}
	if err := st.Writable(); err != nil {
		if errors.Is(err, store.ErrReadOnly) {
			// The store's words are for a save that failed ("nothing
			// was saved … then save again"); at the start nothing has
			// been typed yet.
			err = startWhy{fmt.Sprintf("the store %s cannot be written (the file or the disk it is on is read-only, or it belongs to someone else); to save assessments in it, fix that or ask IT", st.Path()), err}
		}
		return "Warning: this assessment cannot be saved in the store, which cannot be written: " + keep(), err
	}
	// A store of synthetic test data (a trainer's, left in
	// DIGICHECK_DB) refuses a real assessment at its save: the clinician
	// learnt it with every answer given.
	if syn, err := synthetic(); err == nil && syn {
		return "Warning: this assessment cannot be saved in the store, which holds synthetic test data only: " + keep() + " Use your usual store (check --db and DIGICHECK_DB).",
			startWhy{fmt.Sprintf("the store %s holds synthetic test data only (made by digicheck synthetic), and a real assessment cannot be saved in it", st.Path()), store.ErrMixedData}
	}
	return "", nil
}

// keptWhere says where the answers of an assessment the store will not
// save are kept.
func keptWhere(st *store.Store) string {
	if folderWritable(filepath.Dir(shownPath(st))) != nil { // a stand-in's blank store is in the temporary folder then
		return "its answers will be kept in a file in the temporary folder (the store's folder cannot be written), with its note for the patient record."
	}
	return "its answers will be kept in a file beside the store, with its note for the patient record."
}

// damagedWarning is storeWarning's sentence for a damaged store.
func damagedWarning(st *store.Store) string {
	if isStandIn(st) {
		return "Warning: this assessment cannot be saved in the store, which is damaged and cannot be read: " + keptWhere(st) + " The patient's earlier assessments and any unfinished ones in it cannot be looked up."
	}
	return "Warning: this assessment cannot be saved in the store, which is damaged: " + keptWhere(st)
}

// heldWarning is storeWarning's words for a store another program held as
// the assessment started (heldStore): in use, not damaged; the save tries
// it again.
const heldWarning = "The store is in use by another program (another digicheck, a backup or an antivirus); it is not damaged. Go on: this assessment will be saved in the store if it is free when you save, and its answers will be kept in a file if it is still in use when you save. The patient's earlier assessments and unfinished ones in it cannot be looked up meanwhile."

// startWhy is why the store will not save, worded for before the first
// question; the store's own error stays underneath.
type startWhy struct {
	msg string
	err error
}

func (e startWhy) Error() string { return e.msg }
func (e startWhy) Unwrap() error { return e.err }

// folderWritable reports whether a file can be made in dir, by making one
// and removing it.
func folderWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".digicheck-probe-*")
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}

// notSaved says, last, where answers the store did not keep are kept, and
// makes the run end with an error, so that no one takes it for saved. A
// file kept in the temporary folder says why it is not beside the store,
// where the warning and the README lead the clinician to look.
//
// in is the store itself once this run opened it, on a stand-in for a
// store another program held as the run began (else st or nil): the
// store is not "still in use" then, and answers its save tried again
// found the patient assessed already, and were not saved as another
// assessment, are said so (alreadyAssessed), not to be entered again.
func (a *app) notSaved(cmd *cobra.Command, st, in *store.Store, kept []string, err error) error {
	already := alreadyAssessed(st, in, kept)
	for _, k := range kept {
		path := questionnaire.Printable(k)
		if isTerminal(cmd.ErrOrStderr()) {
			// Broken only after a folder: the terminal broke it inside
			// the record id in the file's name. A file or a pipe gets
			// it whole on its line.
			path = folderLines(path, terminalWidth(cmd.ErrOrStderr()))
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "\nNot saved in the store: the answers are kept in\n%s\n", path)
		if dir := filepath.Dir(shownPath(st)); filepath.Dir(k) != dir {
			why := "it could not be written"
			if werr := folderWritable(dir); werr != nil {
				// The probe file's name says nothing to the reader.
				var pe *fs.PathError
				if errors.As(werr, &pe) {
					werr = pe.Err
				}
				why = "it cannot be written: " + werr.Error()
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "This is the temporary folder, not the store's folder %s: %s.\n", questionnaire.Printable(dir), questionnaire.Printable(why))
		}
	}
	for _, w := range already {
		w.reword(a.given)
		fmt.Fprintln(cmd.ErrOrStderr(), wrapReport(w.endWords(a.given), terminalWidth(cmd.ErrOrStderr())))
	}
	if len(already) > 0 && err == nil {
		err = errors.New("the assessment was not saved: the patient already has an assessment")
		if slices.ContainsFunc(already, func(w assessedAlready) bool { return w.several > 1 }) {
			err = errors.New("the assessment was not saved: the patient already has assessments that count")
		}
	}
	unread := heldUnread(st, in, kept)
	for _, u := range unread {
		u.reword(a.given)
		fmt.Fprintln(cmd.ErrOrStderr(), wrapReport(u.endWords(a.given), terminalWidth(cmd.ErrOrStderr())))
	}
	if _, held := heldStore(st); held && len(kept) > len(already) {
		// Whatever ended the run (a stop too): what to do with the file.
		still := fmt.Sprintf("%d assessment(s) not saved in the store, still in use by another program (it is not damaged): once it is free, enter them again from the file(s) above", len(kept)-len(already))
		if len(unread) > 0 {
			still = fmt.Sprintf("%d assessment(s) not saved in the store, still in use by another program (it is not damaged): once it is free, look each patient up as said above before entering them again from the file(s) above", len(kept)-len(already))
		}
		if in != nil && in != st && storeFree(in.Path()) {
			// Said only once it opens now: held again at the save, the
			// end said it was free, and it was not.
			still = fmt.Sprintf("%d assessment(s) not saved in the store, which another program held at the save (it is not damaged, and is free now): enter them again from the file(s) above", len(kept)-len(already))
		}
		if err == nil {
			return errors.New(still)
		}
		fmt.Fprintln(cmd.ErrOrStderr(), wrapReport(still+".", terminalWidth(cmd.ErrOrStderr())))
	}
	if len(kept) > len(already) && err == nil {
		err = fmt.Errorf("%d assessment(s) not saved in the store: enter them again from the file(s) above once it can be written", len(kept)-len(already))
	}
	return err
}

// runPrompts runs the assessment as plain numbered prompts (accessible
// mode): the same session, drafts and record as the terminal UI's.
func (a *app) runPrompts(cmd *cobra.Command, st *store.Store, o ui.Options, save func(*record.Record) error, drafts []offered, held map[record.ID]error, pushed func(record.Record) (bool, string), keptIn *[]string, warning string, dr *drafted, ds draftStores) error {
	w := cmd.OutOrStdout()
	// The prompts write through g, so that a stop, once it speaks, has
	// the last word: the prompts' lines after it are dropped, and it can
	// tell whether the note of a save was shown whole.
	g := &stopGuard{w: w, noted: true}
	var pw io.Writer = g
	if f, ok := w.(interface{ Fd() uintptr }); ok {
		pw = stopGuardFile{g, f}
	}
	var (
		mu      sync.Mutex
		kept    record.ID        // the draft this window holds, renewed below
		draftOf record.PatientID // whose answers the store keeps as that draft
		// The records this run saved, and why the last save was
		// refused, if it was: what a stop reports.
		savedHere []record.Record
		refused   error
		refusedOf record.PatientID // whose save was refused
		// The assessment's answers as last given, when the store
		// refused to keep them (held by another program, say): the
		// draft it holds, if any, has only those kept before. A stop
		// writes them to a file, as q does.
		unkept    *assess.Draft
		unkeptErr error // why the store refused them
	)
	now := time.Now()
	// Files that keep the later answers of a draft listed, named with it:
	// the folders are read only when a draft is listed.
	filed := sync.OnceValue(func() map[record.ID]string { return notSavedFiles(st) })
	resumeOf := func(d offered) prompt.Resume {
		id, patient := d.ID, d.Patient
		discard := func() error { return ds.cur().DiscardDraft(id) }
		if readOnlyResume(st) {
			discard = nil // not offered: a store found damaged takes no writes
		}
		var re *prompt.Resume // the draft as resumed, when Claim changed it
		return prompt.Resume{
			Label: draftLabel(d.Draft, d.ExpiryWarning(now), d.amends),
			Login: d.Draft.Login,
			// Another window held it as the list was read: listed,
			// saying so, and taken by Claim once that window has gone.
			HeldElsewhere: d.HeldElsewhere,
			KeptFile:      questionnaire.Printable(laterIn(filed()[id], d.Draft.Draft)),
			SameFile:      sameIn(filed()[id], d.Draft.Draft),
			Draft:         d.Draft.Draft,
			Base:          d.base,
			Second:        d.second,
			Earlier:       d.earlier,
			Claim: func() error {
				if err := held[id]; err != nil {
					return err
				}
				st := ds.cur() // the store itself, once a held one opened
				// Asked as amend asks, its words said as amend says them.
				errOut, done := sayOut(cmd.ErrOrStderr())
				nd, words, refused, _ := a.askBeforeResume(cmd, errOut, st, d)
				if refused == nil && words != "" {
					fmt.Fprintln(errOut, wrapReport(words, terminalWidth(cmd.ErrOrStderr())))
				}
				done()
				if refused != nil {
					return refused
				}
				if nd.base != d.base {
					re = &prompt.Resume{Draft: nd.Draft.Draft, Base: nd.base, Earlier: nd.earlier}
				}
				// The patient's entries, read before anything is
				// written, as a new assessment's are.
				if err := st.CheckPatient(patient); errors.Is(err, store.ErrDamaged) {
					fmt.Fprintln(w, wrapReport(patientEntriesDamaged(patient)+" Why: "+withGiven(err.Error(), a.given)+".", terminalWidth(w)))
				}
				if readOnlyResume(st) {
					fmt.Fprintln(w, wrapReport(resumedIntoFile, terminalWidth(w)))
					return nil
				}
				_, err := st.ClaimDraft(id)
				if err == nil {
					mu.Lock()
					kept, draftOf = id, patient
					mu.Unlock()
				}
				return err
			},
			Reopened: func() (prompt.Resume, bool) {
				if re == nil {
					return prompt.Resume{}, false
				}
				return *re, true
			},
			Discard: discard,
		}
	}
	var offers []prompt.Resume
	for _, d := range drafts {
		offers = append(offers, resumeOf(d))
	}
	// The prompts wait on a line as long as the clinician takes, and keep
	// the draft only when an answer is given: renew this window's hold on
	// the draft meanwhile, as the full-screen UI does, so another window
	// does not take over an assessment still in progress.
	stop, done := make(chan struct{}), make(chan struct{})
	defer func() {
		// A renewal still under way must end before the window lets go
		// of its drafts (closeDrafts), or it would hold them again.
		close(stop)
		<-done
	}()
	go func() {
		defer close(done)
		tick := time.NewTicker(store.LeaseTTL / 3)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				mu.Lock()
				id := kept
				mu.Unlock()
				if !id.IsZero() {
					_ = ds.cur().RenewDraft(id) // a lost hold shows at the next keep
				}
			}
		}
	}()
	// A store busy (locked by another program past the 2 s a read
	// waits) as the number was given is not damaged: it was called
	// damaged, "cannot be saved in the store", and then saved in it.
	// Busy is said, and the patient's entries are read again at the
	// next draft kept and at the save, once the store is free.
	var unchecked record.PatientID
	checkPatient := func(p record.PatientID) error {
		// Read before mu is taken: a stop while the store is busy
		// said it was "waiting for the save under way to finish".
		err := checkPatientShown(st, p, a.given)
		mu.Lock()
		defer mu.Unlock()
		if errors.Is(err, store.ErrLocked) {
			unchecked = p
			fmt.Fprintln(w, wrapReport(storeBusyAtNumber(st), terminalWidth(w)))
			return nil
		}
		unchecked = record.PatientID{}
		// Said by the prompts as it is: its "until digicheck check
		// finds it sound" checked the default store.
		return carryGiven(err, a.given)
	}
	// recheck reads the entries of a patient given while the store was
	// busy, once it may be free; held under mu. Damage found then is
	// said as it is at the number, and refuses the draft or the save.
	recheck := func() error {
		if unchecked.Value == "" {
			return nil
		}
		err := checkPatientShown(st, unchecked, a.given)
		switch {
		case errors.Is(err, store.ErrLocked):
			return nil // still busy: the draft or the save says so
		case errors.Is(err, store.ErrDamaged):
			fmt.Fprintln(w, wrapReport(patientEntriesDamaged(unchecked)+" Why: "+withGiven(err.Error(), a.given)+".", terminalWidth(w)))
		}
		unchecked = record.PatientID{}
		return carryGiven(err, a.given)
	}
	// The file a refused save kept the answers in follows each answer
	// changed after it (Go back), written before the store is waited
	// for: it held the answers of the save refused until the run ended,
	// and a run killed meanwhile left referral answers since changed.
	follow := &keptFollower{given: a.given}
	keep := func(d *assess.Draft) error {
		// Held while the draft is written, so a stop waits for it.
		mu.Lock()
		defer mu.Unlock()
		sd := store.Draft{Draft: *d}
		_ = follow.now(st, &sd, o.Directory) // kept writes it again, and says
		// An answer the store refused and the file could not take is in
		// neither: said so, naming the file, not as kept in the file
		// named at the save. kept returns the file's error then, and the
		// store's refusal when the file holds the answers.
		inNeither := func(err, ferr error) error {
			if err == nil || ferr == nil || ferr == err {
				return err
			}
			return prompt.KeptFileNotWritten{Store: err, File: ferr}
		}
		if err := recheck(); err != nil {
			return inNeither(err, follow.kept(st, sd.ID, &sd, o.Directory, err))
		}
		// The prompts say the store's refusal as it is: its commands
		// carry the store given.
		err := carryGiven(keepDraft(ds.kept(), d, dr), a.given)
		ferr := follow.kept(st, sd.ID, &sd, o.Directory, err)
		kept = d.ID
		unkept = nil
		if err == nil {
			draftOf = d.Patient
		} else {
			c := *d
			unkept, unkeptErr = &c, err
		}
		return inNeither(err, ferr)
	}
	// Ctrl-C (or the window closed, or a shutdown) at a question ends the
	// run, once a draft being written is written, saying whether the
	// answers are kept, as q does: a screen-reader user is told, not left
	// to guess from silence.
	// The prompts call it, once they have given the terminal back: one
	// handler, so that nothing ends the run before this is said.
	// A save under way is held by mu too: a stop during it waits for it
	// to end, and then says what became of it. A stop that did not wait
	// said the answers were kept as a draft of a record the save had just
	// saved (the store removes the draft as it saves), with no note.
	stopped := func(sig os.Signal) {
		if !mu.TryLock() {
			// The prompts write nothing more until the save ends: what
			// they would say of it, this says.
			g.stop()
			fmt.Fprintln(w)
			fmt.Fprintln(w, wrapReport("Stopping: waiting for the save under way to finish…", terminalWidth(w)))
			mu.Lock()
		}
		shown := g.stop()
		fmt.Fprintln(w)
		switch n := len(savedHere); {
		case n > 0 && draftOf.Value == "" && !shown:
			// Saved, and stopped before its note was shown whole.
			r := savedHere[n-1]
			fmt.Fprintln(w, wrapReport(fmt.Sprintf("Stopped. The assessment of patient %s was saved before digicheck stopped, and need not be entered again. Its note is below; to show it again: digicheck show %s", r.Patient, r.ID), terminalWidth(w)))
			fmt.Fprintln(w)
			fmt.Fprintln(w, "Note for the patient record:")
			fmt.Fprintln(w, questionnaire.PrintableLines(strings.TrimRight(record.NoteWith(r, record.NoteOptions{Replaces: replacedOf(st, r)}), "\n")))
		case unkept != nil && unkept.ID == kept && func() bool { _, ok := foundAssessed(st, ds.cur(), *unkept); return ok }():
			// The save, the store free by then, found the patient
			// assessed already: said as q says it (keepFoundAssessed).
			fmt.Fprintln(w, wrapReport("Stopped.", terminalWidth(w)))
			if !a.keepFoundAssessed(cmd, st, ds.cur(), *unkept, o.Directory, dr, keptIn) {
				fmt.Fprintln(w, wrapReport("The answers given could not be kept as a draft in the store, nor in a file.", terminalWidth(w)))
				break
			}
			stopErr := error(stoppedError{syscall.SIGINT})
			if n, ok := sig.(syscall.Signal); ok {
				stopErr = stoppedError{n}
			}
			_ = a.notSaved(cmd, st, ds.cur(), *keptIn, stopErr)
		case unkept != nil && unkept.ID == kept:
			// As q says it: the store's draft, if any, holds only the
			// answers kept before it refused; "kept as a draft" of
			// the rest lost them without a word.
			d := *unkept
			if d.ID.IsZero() {
				d.ID, _ = record.NewID()
			}
			if keepUnkept(st, &store.Draft{Draft: d}, o.Directory, keptIn, a.given) == "" {
				fmt.Fprintln(w, wrapReport("Stopped. The answers given could not be kept as a draft in the store, nor in a file. Why: "+questionnaire.Printable(fmt.Sprint(unkeptErr))+".", terminalWidth(w)))
				break
			}
			fmt.Fprintln(w, wrapReport("Stopped. The answers given could not be kept as a draft in the store; they are written to a file, named below.", terminalWidth(w)))
			stopErr := error(stoppedError{syscall.SIGINT})
			if n, ok := sig.(syscall.Signal); ok {
				stopErr = stoppedError{n}
			}
			_ = a.notSaved(cmd, st, ds.cur(), *keptIn, stopErr)
		case slices.ContainsFunc(alreadyAssessed(st, ds.cur(), *keptIn), func(x assessedAlready) bool { return x.id == kept || x.patient == draftOf }):
			// A second assessment declined after a save the store
			// refused: said as q says it (notSaved), not as a draft
			// to resume in a store "in use" with a file to enter
			// again as a new assessment, the one just declined.
			fmt.Fprintln(w, wrapReport("Stopped.", terminalWidth(w)))
			stopErr := error(stoppedError{syscall.SIGINT})
			if n, ok := sig.(syscall.Signal); ok {
				stopErr = stoppedError{n}
			}
			_ = a.notSaved(cmd, st, ds.cur(), *keptIn, stopErr)
		case func() bool { _, ok := keptFoundAssessed(st, ds.cur(), kept); return ok && draftOf.Value != "" }():
			// Kept as a draft in the store, free by the save that found
			// the patient assessed already: said as q says it.
			fmt.Fprintln(w, wrapReport("Stopped.", terminalWidth(w)))
			found, _ := keptFoundAssessed(st, ds.cur(), kept)
			fmt.Fprintln(cmd.ErrOrStderr(), wrapReport(found.endWords(a.given), terminalWidth(cmd.ErrOrStderr())))
		default:
			words := stoppedWords(draftOf, len(savedHere), o.Amend, o.FollowUp, a.given)
			if gone := draftGoneWords([]*store.Store{st, ds.cur()}, kept, draftOf, refused); gone != "" {
				words = gone
			} else if refused != nil && draftOf.Value != "" {
				words = "The assessment was not saved: " + questionnaire.Printable(refused.Error()) + ". " + words
			}
			fmt.Fprintln(w, wrapReport("Stopped. "+words, terminalWidth(w)))
		}
		if n := len(savedHere); n > 0 {
			fmt.Fprintf(w, "\nSaved %d assessment(s) in %s\n", n, questionnaire.Printable(shownPath(st)))
		}
		_ = st.ReleaseDrafts()
		if in := ds.cur(); in != st {
			_ = in.ReleaseDrafts() // the store itself, opened once let go
		}
		code := 1
		if n, ok := sig.(syscall.Signal); ok {
			code = exitStatus(stoppedError{n})
		}
		os.Exit(code)
	}
	// A save ends the assessment whose draft this run kept: the store
	// drops that draft, so the run no longer names it if it stops later
	// (in the next assessment, before any answer of it was kept).
	// Called by the prompts inside saving, with mu held.
	saved := func(r *record.Record) error {
		err := recheck()
		if err == nil {
			err = follow.saving(r.ID, func() error { return save(r) })
		}
		refused, refusedOf = err, r.Patient
		if err == nil {
			// The answers a refused keep held are saved now: a stop
			// later must not write them to a file as not saved.
			kept, draftOf = record.ID{}, record.PatientID{}
			unkept, unkeptErr = nil, nil
			savedHere = append(savedHere, *r)
			g.saved()
		}
		return err
	}
	elsewhereOf := func(es []ui.Elsewhere) []prompt.Elsewhere {
		var out []prompt.Elsewhere
		for _, e := range es {
			out = append(out, prompt.Elsewhere{ID: e.Draft.ID, Patient: e.Draft.Patient, Label: draftLabel(e.Draft, "", amendsWords(st, e.Draft)), How: e.How, Amendment: !e.Draft.Amends.IsZero()})
		}
		return out
	}
	elsewhere := elsewhereOf(o.Elsewhere)
	var lookDrafts func() ([]prompt.Resume, []prompt.Elsewhere, error)
	if ds.look != nil {
		lookDrafts = func() ([]prompt.Resume, []prompt.Elsewhere, error) {
			ods, es, err := ds.look()
			if err != nil {
				return nil, nil, err
			}
			now = time.Now()
			var rs []prompt.Resume
			for _, d := range ods {
				rs = append(rs, resumeOf(d))
			}
			return rs, elsewhereOf(es), nil
		}
	}
	// A patient changed at the review is looked up in the store as it is
	// then: a draft of theirs kept in another window since the run began
	// was never said, and the save made a second assessment beside it.
	// A stand-in for a store held as the run began holds no drafts: the
	// lists read meanwhile are looked in there.
	var draftsOf func(record.PatientID) ([]prompt.Resume, error)
	if _, held := heldStore(st); !held {
		draftsOf = func(p record.PatientID) ([]prompt.Resume, error) {
			return patientDrafts(st, p, a.settings.Config.DraftExpiry())
		}
	}
	out, err := prompt.Run(prompt.Options{
		Elsewhere:   elsewhere,
		Instrument:  o.Instrument,
		Services:    o.Services,
		Directory:   o.Directory,
		Clinician:   o.Clinician,
		Offer:       o.OfferClinician,
		Team:        o.Team,
		TeamPhone:   o.TeamPhone,
		TeamAddress: o.TeamAddress,
		TeamText:    o.TeamText,
		Amend:       o.Amend,
		AmendReason: o.AmendReason,
		FollowUp:    o.FollowUp,
		Earlier:     o.Earlier,
		Origin: func(id record.ID) *record.Record {
			vs, err := st.Versions(id)
			if err != nil || len(vs) == 0 {
				return nil
			}
			return &vs[0]
		},
		Save: saved,
		// The patient's assessments read again and the save, one save
		// under way: Save chosen on a store another program held waited
		// first in the read, and a stop then kept a draft, the save
		// chosen never made.
		Saving: func(step func() error) error {
			mu.Lock()
			defer mu.Unlock()
			return step()
		},
		Keep: keep,
		// Damage in the patient's entries, said as the number is given;
		// a busy store said busy.
		CheckPatient: checkPatient,
		Assessed:     o.Assessed,
		Given:        o.Given,
		Drafts:       offers,
		DraftsOf:     draftsOf,
		LookDrafts:   lookDrafts,
		Push:         pushed,
		PushWait:     cliPushWait, // a save just before the end is sent, as void and amend send theirs
		Warning:      warning,
		Stopped:      stopped,
		// Piped answers choose from the drafts only when asked to.
		DraftsFromInput: cmd.Flag("drafts-from-input") != nil && cmd.Flag("drafts-from-input").Value.String() == "true",
	}, cmd.InOrStdin(), pw)
	if len(out.Saved) > 0 {
		fmt.Fprintf(w, "Saved %d assessment(s) in %s\n", len(out.Saved), questionnaire.Printable(shownPath(st)))
	}
	if err != nil && out.Unkept == nil && !errors.Is(err, prompt.ErrKeptInFile) {
		// Stopped (q, or the input ended) inside an assessment: say
		// whether its answers are kept, and how to go on with them.
		mu.Lock()
		patient := draftOf
		mu.Unlock()
		if out.Draft != nil {
			patient = out.Draft.Patient
		}
		words := stoppedWords(patient, len(out.Saved), o.Amend, o.FollowUp, a.given)
		mu.Lock()
		var k interface{ KeptIn() string }
		if patient.Value == "" && errors.As(refused, &k) {
			// Its save refused, the answers are in the file named
			// below: "none had been given yet" beside it was false.
			words = "The assessment of patient " + refusedOf.String() + " was not saved in the store: its answers are kept in the file named below."
		}
		id := kept
		if out.Draft != nil {
			id = out.Draft.ID
		}
		if gone := draftGoneWords([]*store.Store{st, ds.cur()}, id, patient, refused); gone != "" {
			words = gone
		}
		mu.Unlock()
		if slices.ContainsFunc(alreadyAssessed(st, ds.cur(), *keptIn), func(a assessedAlready) bool { return a.id == id || a.patient == patient }) {
			// Said last, with the file (notSaved): "Run digicheck to
			// resume it", or "enter them again", was a second
			// instruction against that one.
			words = ""
		} else if found, ok := keptFoundAssessed(st, ds.cur(), id); ok && patient.Value != "" {
			// Kept as a draft in the store, free by the save that
			// found the patient assessed already: "Run digicheck to
			// resume it" led to the second assessment it held back.
			words = found.endWords(a.given)
		}
		if words != "" {
			fmt.Fprintln(w, wrapReport(words, terminalWidth(w)))
		}
	}
	if d := out.Unkept; d != nil {
		// As the full-screen UI does: a draft the store would not keep
		// goes to a file, named by notSaved.
		if d.ID.IsZero() {
			d.ID, _ = record.NewID()
		}
		if _, found := foundAssessed(st, ds.cur(), *d); found {
			// The save found the patient assessed already.
			if !a.keepFoundAssessed(cmd, st, ds.cur(), *d, o.Directory, dr, keptIn) {
				fmt.Fprintf(cmd.ErrOrStderr(), "\nThe unfinished assessment could not be kept as a draft, nor in a file: %v\n", out.KeepErr)
			}
		} else if keepUnkept(st, &store.Draft{Draft: *d}, o.Directory, keptIn, a.given) == "" {
			fmt.Fprintf(cmd.ErrOrStderr(), "\nThe unfinished assessment could not be kept as a draft, nor in a file: %v\n", out.KeepErr)
		}
	}
	return err
}

// patientDrafts are the drafts st keeps of patient p, read now, as the
// plain prompts list drafts: by when each was last kept, the earliest
// first, each labelled as on the list (maxAge says when they expire).
// A damaged store gives every sound draft, as the list does.
func patientDrafts(st *store.Store, p record.PatientID, maxAge time.Duration) ([]prompt.Resume, error) {
	entries, err := st.ListDrafts(maxAge)
	if err != nil && !errors.Is(err, store.ErrDamaged) && !errors.Is(err, store.ErrDraftDamaged) {
		return nil, err
	}
	var of []store.DraftEntry
	for _, e := range entries {
		if e.Patient == p {
			of = append(of, e)
		}
	}
	slices.SortStableFunc(of, func(x, y store.DraftEntry) int { return x.Saved.Compare(y.Saved) })
	now := time.Now()
	rs := make([]prompt.Resume, 0, len(of))
	for _, e := range of {
		rs = append(rs, prompt.Resume{
			Label:         draftLabel(e.Draft, e.ExpiryWarning(now), amendsWords(st, e.Draft)),
			Login:         e.Draft.Login,
			HeldElsewhere: e.HeldElsewhere,
			Draft:         e.Draft.Draft,
		})
	}
	return rs, nil
}

// stopGuard is the plain prompts' output until a stop: after stop, what
// they write is dropped, so that what the stop says is said last and
// whole. It keeps what was written since the last save, to tell whether
// that save's note was shown whole.
type stopGuard struct {
	mu      sync.Mutex
	w       io.Writer
	stopped bool
	since   []byte // written since the last save, up to the next question
	noted   bool   // the last save's note was shown whole
	notedAt time.Time
}

// noteDrawnWithin is how long after the prompts wrote a saved record's note
// a stop still shows it again. A terminal's Ctrl+C makes the kernel throw
// away what was written to it and not yet drawn: a note written 15 ms
// before was never on the screen, though the prompts had written it whole.
const noteDrawnWithin = time.Second

// noteShownUpTo is what the prompts say once a saved record's note has
// been shown whole.
const noteShownUpTo = "What next?"

func (g *stopGuard) Write(b []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.stopped {
		return len(b), nil
	}
	if !g.noted {
		g.since = append(g.since, b...)
		g.noted = bytes.Contains(g.since, []byte(noteShownUpTo))
		if g.noted {
			g.since, g.notedAt = nil, time.Now()
		}
	}
	return g.w.Write(b)
}

// saved is called as a save succeeds: its note is yet to be shown.
func (g *stopGuard) saved() {
	g.mu.Lock()
	g.since, g.noted = nil, false
	g.mu.Unlock()
}

// stop drops all the prompts write from now on, and says whether the last
// save's note was shown whole (true when nothing was saved): written whole
// longer than noteDrawnWithin ago.
func (g *stopGuard) stop() (noteShown bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.stopped = true
	return g.noted && (g.notedAt.IsZero() || time.Since(g.notedAt) >= noteDrawnWithin)
}

// stopGuardFile is a stopGuard on a terminal or file: the prompts ask its
// Fd to tell a terminal.
type stopGuardFile struct {
	*stopGuard
	f interface{ Fd() uintptr }
}

func (s stopGuardFile) Fd() uintptr { return s.f.Fd() }

// stoppedWords says what became of the answers of a plain-prompts run that
// stopped before its assessment was saved: kept as a draft of the patient
// (zero when no draft of this run is kept), and how to resume it. saved is
// how many assessments the run saved before: "No answers of this
// assessment were kept", said straight after one was saved, read as if it
// were lost.
func stoppedWords(patient record.PatientID, saved int, amends, followsUp *record.Record, given string) string {
	if saved > 0 {
		// The run's amendment or follow-up was saved above: the
		// assessment stopped is one begun after it ("What next?"), which
		// neither amends nor follows up that record.
		amends, followsUp = nil, nil
	}
	if patient.Value == "" && saved > 0 {
		what := "The assessment saved above is kept."
		if saved > 1 {
			what = "The assessments saved above are kept."
		}
		return what + " No answers were given after " + map[bool]string{true: "it", false: "them"}[saved == 1] + ", so nothing more was kept. Drafts kept before are as they were."
	}
	if patient.Value == "" && saved == 0 && amends != nil {
		// An amendment starts with every answer of the record: "No
		// answers ... were kept" read as if the record's were lost.
		id := amends.ID.String()
		// With --reason: amend refuses to run without one.
		return "Nothing was changed: every answer is as record " + id + " has it, and record " + id + " is as it was. To correct it, run " + assess.Command(given, "amend", id, "--reason …") + " again, with why after --reason. Drafts kept before are as they were."
	}
	if patient.Value == "" && followsUp != nil {
		// "this assessment" read as the one followed up.
		return "No answers of this follow-up were kept: none had been given yet, and record " + followsUp.ID.String() + ", which it follows up, is as it was. Drafts kept before are as they were."
	}
	if patient.Value == "" {
		// Said of this run alone: drafts kept before are as they were,
		// and a nurse with drafts on the list must not read it as lost.
		return "No answers of this assessment were kept: none had been given yet. Drafts kept before are as they were."
	}
	switch {
	case amends != nil:
		id := amends.ID.String()
		return fmt.Sprintf("The answers given so far are kept as a draft of an amendment of record %s for patient %s. Run digicheck%s to resume it; record %s is as it was until the amendment is saved.", id, patient, given, id)
	case followsUp != nil:
		id := followsUp.ID.String()
		return fmt.Sprintf("The answers given so far are kept as a draft of a follow-up of record %s for patient %s. Run digicheck%s to resume it; record %s is as it was.", id, patient, given, id)
	}
	return fmt.Sprintf("The answers given so far are kept as a draft for patient %s. Run digicheck%s to resume it.", patient, given)
}

// draftGoneWords is what a stop says in place of "the answers given so far
// are kept as a draft" (stoppedWords) when the draft id this run kept of
// patient is not in the store now: the store was deleted, moved, emptied
// or replaced during the assessment (its save then refused, the answers
// kept in a file), or it was finished or discarded in another window. It
// is "" when the store (one of in: the store, and the store itself once a
// held one opened) holds the draft, or while another program holds the
// store, which loses no draft.
func draftGoneWords(in []*store.Store, id record.ID, patient record.PatientID, refused error) string {
	if id.IsZero() || patient.Value == "" {
		return ""
	}
	var why error
	for _, st := range in {
		ls, err := st.ListDrafts(0) // a damaged store lists every sound draft
		if slices.ContainsFunc(ls, func(e store.DraftEntry) bool { return e.ID == id }) || errors.Is(err, store.ErrLocked) {
			return ""
		}
		if why == nil {
			why = err
		}
	}
	because := " no draft of it is in the store now (finished or discarded in another window?)"
	if why != nil {
		because = " the store cannot be read to find its draft (" + questionnaire.Printable(why.Error()) + ")"
	}
	var k interface{ KeptIn() string }
	if errors.As(refused, &k) {
		return "The assessment of patient " + patient.String() + " was not saved in the store, and" + because + ": its answers are kept in the file " + questionnaire.Printable(k.KeptIn()) + ", not as a draft. Enter them again from that file once the store can be written."
	}
	return "The answers given so far were kept as a draft for patient " + patient.String() + ", but" + because + ": they may not be kept."
}

// draftLabel is a draft as the plain prompts read it out: whose, what
// (for an amendment, amends: which version it amends, amendsWords), when,
// where it stopped and what it holds, and when it will be discarded if
// that is soon.
func draftLabel(d store.Draft, expiry, amends string) string {
	what := ""
	switch {
	case !d.Amends.IsZero() && amends != "":
		what = " (an amendment of " + amends + ")"
	case !d.Amends.IsZero():
		what = " (an amendment)"
	case !d.FollowsUp.IsZero():
		what = " (a follow-up)"
	}
	ins, ok := questionnaire.Lookup(d.InstrumentVersion)
	if !ok {
		ins = questionnaire.Current
	}
	// Where it stopped and what it holds, as the full screen lists it.
	at := d.Where(ins) + ", " + strings.Join(d.Holds(), ", ")
	s := fmt.Sprintf("Patient %s%s, kept %s by %s, %s", d.Patient, what, d.Saved.Local().Format("2 Jan 15:04"), d.Clinician, at)
	if expiry != "" {
		s += " (" + expiry + ")"
	}
	return s
}

// closeDrafts discards drafts older than the site's draft_expiry_days
// (wiped from the store, as a discarded draft is), says which (expired,
// also printed), and returns what to run when the window closes: give up
// this window's hold on its drafts, so the next window may resume them at
// once.
func (a *app) closeDrafts(cmd *cobra.Command, st *store.Store) (release func(), expired string) {
	gone, err := st.ExpireDrafts(a.settings.Config.DraftExpiry())
	if err != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "Old drafts could not be discarded: %v\n", err)
	}
	if len(gone) > 0 {
		expired = expiredWords(gone, int(a.settings.Config.DraftExpiry()/(24*time.Hour)))
		fmt.Fprintln(cmd.ErrOrStderr(), expired)
	}
	return func() { _ = st.ReleaseDrafts() }, expired
}

// expiredWords says which drafts were discarded as not worked on for the
// site's days: the patient of each, who started it and when it was last
// kept. Said only as "2 unfinished assessment(s) ... were discarded",
// nobody could tell whose assessment to enter again.
func expiredWords(gone []store.Draft, days int) string {
	var each []string
	for _, d := range gone {
		who := "no patient given yet"
		if d.Patient.Value != "" {
			who = "patient " + d.Patient.String()
		}
		if d.Clinician != "" {
			who += ", started by " + d.Clinician
		} else {
			who += ", started"
		}
		each = append(each, fmt.Sprintf("%s on %s, last kept %s", who, d.Started.Local().Format("2 Jan 2006"), d.Saved.Local().Format("2 Jan 2006 15:04")))
	}
	what := "1 unfinished assessment not worked on for %s was discarded, as the site's settings say: %s. Enter it again if it is still needed."
	if len(gone) > 1 {
		what = fmt.Sprintf("%d unfinished assessments not worked on for %%s were discarded, as the site's settings say: %%s. Enter them again if they are still needed.", len(gone))
	}
	period := fmt.Sprintf("%d days", days)
	if days == 1 {
		period = "1 day"
	}
	return questionnaire.Printable(fmt.Sprintf(what, period, strings.Join(each, "; ")))
}

// notOfferedWords says, for the box above the list of drafts, which drafts
// the store holds and cannot offer (store.DraftsNotOffered), and what to
// do; "" when there are none. The list showed the sound ones, and nothing
// said one was missing.
func notOfferedWords(why error) string {
	var dn *store.DraftsNotOffered
	if !errors.As(why, &dn) || dn.N == 0 {
		return ""
	}
	var whose []string
	for _, p := range dn.Patients {
		whose = append(whose, questionnaire.Printable(p.String()))
	}
	who := ""
	if len(whose) > 0 {
		who = " (patient " + strings.Join(whose, ", ") + ")"
	}
	if dn.N == 1 {
		return fmt.Sprintf(" An unfinished assessment%s cannot be read and is not listed: enter it again.", who)
	}
	return fmt.Sprintf(" %d unfinished assessments%s cannot be read and are not listed: enter them again.", dn.N, who)
}

// setAsideWords says, before the first question, which drafts the store
// set aside as damaged (store.ErrDraftDamaged), that saves go on, and how
// to remove them.
func setAsideWords(why error) string {
	var dn *store.DraftsNotOffered
	them := "it"
	if errors.As(why, &dn) && dn.N > 1 {
		them = "them"
	}
	return strings.TrimSpace(notOfferedWords(why)) + " Only the draft is damaged: assessments are saved as before, and digicheck check --discard-damaged-drafts removes " + them + "."
}

// readOnlyResume reports whether a draft is resumed without taking it
// for this window: the store takes no writes (found damaged), so the
// draft read from it is resumed as it is, and its answers go to a file
// beside the store, as a new assessment's do. Refused ("Not resumed"),
// a sound draft's answers were asked all over again, or dropped.
func readOnlyResume(st *store.Store) bool {
	return errors.Is(st.Refused(), store.ErrDamaged)
}

// patientEntriesDamaged says that the store's entries for patient p are
// damaged, as a draft of theirs is resumed.
func patientEntriesDamaged(p record.PatientID) string {
	return "Warning: the store's entries for patient " + p.String() + " are damaged, so this patient's history and follow-ups cannot be trusted, and this assessment cannot be saved in the store."
}

// storeBusyAtNumber says, as the patient's number is given, that the
// store could not be read for another program holding it: busy, not
// damaged, and what happens next.
func storeBusyAtNumber(st *store.Store) string {
	return "The store " + questionnaire.Printable(st.Path()) + " is busy: another digicheck window or program (a backup, perhaps) has held it for longer than two seconds, so this patient's earlier assessments could not be read yet. The store is not damaged, and nothing is lost. Go on: digicheck tries the store again as your answers are kept, and at the save at the latest, and says so if it is still busy then."
}

// resumedIntoFile says where a draft resumed from a damaged store goes.
const resumedIntoFile = "Resumed from the damaged store, which is not written to: the draft there is left as it is, and this assessment's answers will be kept in a file beside the store, with its note for the patient record."

// keptFollower keeps the file a refused save kept an assessment's answers
// and note in (keepRefused) holding the answers as they are. Answers
// changed after the refusal (the full screen goes back to any of them)
// left the file with the answers and note of the save refused, while the
// screen said the answers stay in it; had the window then closed on a
// store still held, that file was the only copy, out of date. Each draft
// made after it writes the file again: the answers as last given (no
// note: it is made when they are entered again), or, changed back, what
// the refused save wrote.
//
// The file is written as the draft is made (now), before the screen
// shows the answer, and never waits on the store: written only once the
// store had refused the draft, each change waited the 2 s a held store
// takes to refuse, behind the one before it, and the file said
// "declined" while the screen showed "agreed" (a window killed then left
// an answer the patient did not give). The words on how to enter the
// answers again, which read the store, are those last read; the draft's
// own keeping in the store (keep) reads them afresh and writes the file
// again with the answers as last given, never with its own, which may
// be older.
type keptFollower struct {
	mu    sync.Mutex
	files map[record.ID]*keptAs
	given string // this run's --db and --config, for the commands the file gives
}

// keptAs is a refused save's file, what that save wrote in it, and what
// has been written of the answers since.
type keptAs struct {
	path string
	body []byte
	// last is the answers as last given (nil: none since the save), and
	// again how the file says to enter them again, as last read of the
	// store ("" before any read: said as for a store that could not be).
	last  *store.Draft
	again string
	// given is set once now gave the answers: keep's own may be older.
	given bool
	// written is the file as last written, and err why it could not be
	// (nil: it holds last).
	written []byte
	err     error
}

// saving runs save, a save of assessment id, and follows the file a
// refused save kept it in, holding the follower the while: a draft kept
// while the save ran (a referral changed and s pressed at once, each its
// own command) wrote the file again after the save had removed it, and
// the file of an assessment saved then said it was not saved, to be
// entered again.
func (f *keptFollower) saving(id record.ID, save func() error) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	err := save()
	f.saved(id, err)
	return err
}

// saved follows the file a save of assessment id refused kept it in; a
// save that succeeds removed it. f.mu is held.
func (f *keptFollower) saved(id record.ID, err error) {
	if err == nil {
		delete(f.files, id)
		return
	}
	var k interface{ KeptIn() string }
	if !errors.As(err, &k) || k.KeptIn() == "" {
		return
	}
	body, rerr := os.ReadFile(k.KeptIn())
	if rerr != nil {
		return
	}
	if f.files == nil {
		f.files = map[record.ID]*keptAs{}
	}
	f.files[id] = &keptAs{path: k.KeptIn(), body: body, written: body}
}

// now writes the file a refused save kept assessment d.ID in again with
// d, the answers as given now, without reading the store: it is called
// before the screen shows them. The error names the file, and is none of
// the store's; nil when there is no such file.
func (f *keptFollower) now(st *store.Store, d *store.Draft, dir questionnaire.Directory) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	k, ok := f.files[d.ID]
	if !ok {
		return nil
	}
	last := *d
	k.last, k.given = &last, true
	return f.write(st, k, dir)
}

// keep keeps d, a draft of an assessment, with keepIn (the store), then
// reads again how the file a refused save kept it in says to enter the
// answers again, and writes that file again with the answers as last
// given (now; d, if none were). A draft the store refused is said as the
// file not written, naming it, when the file could not be written
// either: the store's refusal alone (its hold) is taken by the screen as
// the answers written to the file, and an answer in neither was said
// nowhere.
func (f *keptFollower) keep(st *store.Store, d *store.Draft, dir questionnaire.Directory, keepIn func(*store.Draft) error) error {
	id := d.ID
	return f.kept(st, id, d, dir, keepIn(d))
}

// kept is keep once d, a draft of assessment id, was kept in the store,
// or refused with err.
func (f *keptFollower) kept(st *store.Store, id record.ID, d *store.Draft, dir questionnaire.Directory, err error) error {
	f.mu.Lock()
	k, ok := f.files[id]
	var last store.Draft
	if ok {
		if !k.given {
			k.last = new(store.Draft)
			*k.last = *d
			k.last.ID = id
		}
		last = *k.last
	}
	f.mu.Unlock()
	if !ok {
		return err
	}
	// Read outside the follower's hold, and not at all while the store
	// is held, as it was a moment ago: the read would wait its 2 s to say
	// what the words say unread.
	read := func() (time.Time, bool, bool) { return draftLeft(st, id) }
	if errors.Is(err, store.ErrLocked) {
		read = notRead
	}
	again := enterAgainFound(id, last.Patient, last.Amends, last.FollowsUp, true, f.given, read)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.files[id] != k { // saved meanwhile, or refused again
		return err
	}
	k.again = again
	if ferr := f.write(st, k, dir); ferr != nil && err != nil {
		return ferr
	}
	return err
}

// notRead is draftLeft of a store that could not be read.
func notRead() (kept time.Time, left, unread bool) { return time.Time{}, false, true }

// draft writes the file a refused save of assessment id kept it in again
// with d, the answers as given now: now, for an id d may not carry yet.
func (f *keptFollower) draft(st *store.Store, id record.ID, d *store.Draft, dir questionnaire.Directory) error {
	kd := *d
	kd.ID = id
	return f.now(st, &kd, dir)
}

// write writes k's file with its answers as last given, unless it holds
// them already, and notes whether it could. f.mu is held.
func (f *keptFollower) write(st *store.Store, k *keptAs, dir questionnaire.Directory) error {
	body := k.body
	if was, ok := refusedAs.Load(k.last.ID); !ok || !assess.SameAnswers(was.(assess.Draft), k.last.Draft) {
		j, err := json.MarshalIndent(k.last, "", "  ")
		if err != nil {
			k.err = fmt.Errorf("the answers could not be written again to %s: %v", questionnaire.Printable(k.path), err)
			return k.err
		}
		again := k.again
		if again == "" {
			// Not read yet: the store refused the save a moment ago.
			d := k.last
			again = enterAgainFound(d.ID, d.Patient, d.Amends, d.FollowsUp, true, f.given, notRead)
		}
		body = unkeptBodySaying(st, k.last, dir, true, j, again)
	}
	if k.err == nil && bytes.Equal(body, k.written) {
		return nil
	}
	if err := writeOver(k.path, body); err != nil {
		// The temporary file's name or the rename's pair said again
		// the folder; the reason alone, with the file the screen names.
		var pe *fs.PathError
		var le *os.LinkError
		switch {
		case errors.As(err, &pe):
			err = pe.Err
		case errors.As(err, &le):
			err = le.Err
		}
		k.err = fmt.Errorf("the answers could not be written again to %s: %v", questionnaire.Printable(k.path), err)
		return k.err
	}
	k.written, k.err = body, nil
	return nil
}

// writeOver replaces the file at path with body, whole or not at all: a
// write cut short (a full disk) leaves the file as it was, the only copy
// of the answers it holds.
func writeOver(path string, body []byte) error {
	t, err := os.CreateTemp(filepath.Dir(path), ".digicheck-not-saved-*.tmp")
	if err != nil {
		return err
	}
	_, werr := t.Write(body)
	if err := t.Close(); werr == nil {
		werr = err
	}
	if werr == nil {
		werr = os.Rename(t.Name(), path)
	}
	if werr != nil {
		_ = os.Remove(t.Name())
	}
	return werr
}

// keepDraft keeps a session's draft in the store; the store may give it a
// new id (another window had it open), which d then carries.
func keepDraft(st *store.Store, d *assess.Draft, dr *drafted) error {
	sd := store.Draft{Draft: *d}
	err := dr.save(st, &sd)
	d.ID, d.Started = sd.ID, sd.Started
	return err
}

// drafted are the assessments this run kept drafts of in the store. The
// store refuses a damaged store's every write saying "Nothing was written
// to it": of an assessment whose drafts were kept there before the damage
// was found (by another window's check, or a save's own look), that was
// false, and the clinician, told so, did not look for the draft offered
// next time beside the file the answers went to.
type drafted struct {
	mu     sync.Mutex
	ids    map[record.ID]bool
	damage error // the first draft refused as damaged
}

// damaged is the first draft refusal of this run that found the store
// damaged, or nil.
func (dr *drafted) damaged() error {
	dr.mu.Lock()
	defer dr.mu.Unlock()
	return dr.damage
}

// keptHere reports whether this run kept a draft of assessment id.
func (dr *drafted) keptHere(id record.ID) bool {
	dr.mu.Lock()
	defer dr.mu.Unlock()
	return dr.ids[id]
}

// save keeps d with st.SaveDraft, noting it kept, and words a refusal
// after a draft of it was kept.
func (dr *drafted) save(st *store.Store, d *store.Draft) error {
	id := d.ID
	err := st.SaveDraft(d)
	if err == nil {
		dr.mu.Lock()
		if dr.ids == nil {
			dr.ids = map[record.ID]bool{}
		}
		dr.ids[d.ID] = true
		if !id.IsZero() {
			dr.ids[id] = true
		}
		dr.mu.Unlock()
		return nil
	}
	err = dr.words(id, err)
	if errors.Is(err, store.ErrDamaged) {
		dr.mu.Lock()
		if dr.damage == nil {
			dr.damage = err
		}
		dr.mu.Unlock()
	}
	return err
}

// words is err, a write of assessment id refused, worded for an
// assessment this run kept a draft of in the store: never "nothing was
// written" (draftedError).
func (dr *drafted) words(id record.ID, err error) error {
	if err == nil || !errors.Is(err, store.ErrDamaged) {
		return err
	}
	dr.mu.Lock()
	kept := dr.ids[id]
	dr.mu.Unlock()
	if !kept {
		return err
	}
	return draftedError{err}
}

// draftedError is a damaged store's refusal of an assessment whose
// answers, up to when the damage was found, are kept in the store as a
// draft.
type draftedError struct{ err error }

func (e draftedError) Unwrap() error { return e.err }
func (e draftedError) Error() string {
	const kept = "this assessment's answers given before the damage was found are kept in it as a draft; nothing else was written to it"
	msg := e.err.Error()
	for _, r := range []struct{ old, new string }{
		{"Nothing was written to it.", strings.ToUpper(kept[:1]) + kept[1:] + "."},
		{"nothing was written to it, and nothing will be until", kept + ", and nothing will be until"},
		{"Nothing was written to it", strings.ToUpper(kept[:1]) + kept[1:]},
		{"nothing was written to it", kept},
	} {
		if strings.Contains(msg, r.old) {
			return strings.Replace(msg, r.old, r.new, 1)
		}
	}
	return msg
}

// unkeptText is an unfinished assessment the store would not keep, as a
// clinician reads it: who, then each question asked with its answer, as
// the review reads them, and each referral answered, named from dir as the
// result screen names it. The file holds it above the data (as a record
// not saved has its note above its data), with how to enter them again
// (enterAgain) under it.
//
// A follow-up's answers to what became of the earlier referrals (each
// outcome and the patient's reason) come first, as it asks them first: a
// follow-up's file written again once an answer had changed said them
// only in the data for IT, and told the clinician to run the follow-up
// again "and give these answers".
func unkeptText(d *store.Draft, dir questionnaire.Directory) string {
	text := answersText(d.Patient, d.Clinician, d.Team, d.InstrumentVersion, d.Answers, d.Unconfirmed, d.Consent, dir)
	earlier := outcomesText(d.Outcomes, d.UnconfirmedReasons, dir)
	if earlier == "" {
		return text
	}
	const questions = "\nEach question asked, with the answer given:\n"
	if i := strings.Index(text, questions); i >= 0 {
		return text[:i] + earlier + text[i:]
	}
	return text + earlier
}

// outcomesText is what became of a follow-up's earlier referrals, as the
// note says them ("National Device Bank (Good Things Foundation): not
// taken up (too far)"), and the reasons typed in a "Why not?" and not
// confirmed before a stop (assess.Draft.UnconfirmedReasons), said as
// such; "" when there are none.
func outcomesText(outcomes []record.ReferralOutcome, unconfirmed map[string]string, dir questionnaire.Directory) string {
	if len(outcomes) == 0 && len(unconfirmed) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\nWhat became of the earlier referrals:\n")
	// Each referral named as the directory names it, an outcome kept
	// with no name too: its programme id is no name a clinician reads.
	nameOf := func(id string) string {
		if p, found := dir.Lookup(id); found && p.Name != "" {
			return p.Name
		}
		return id
	}
	named := map[string]string{}
	for _, o := range outcomes {
		name := cmp.Or(o.Name, nameOf(o.ProgrammeID))
		named[o.ProgrammeID] = name
		line := name + ": " + record.OutcomeText(o.Outcome)
		if o.Reason != "" {
			line += " (" + o.Reason + ")"
		}
		fmt.Fprintf(&b, "  %s.\n", questionnaire.Printable(line))
	}
	for _, id := range slices.Sorted(maps.Keys(unconfirmed)) {
		name, ok := named[id]
		if !ok {
			name = nameOf(id)
		}
		// The patient's words in plain quotes: Go's %q wrote
		// bus "fare" as "bus \"fare\"".
		fmt.Fprintf(&b, "  %s: why not, not confirmed before the stop: “%s”. Not an answer until it is checked with the patient and given.\n", questionnaire.Printable(name), questionnaire.Printable(unconfirmed[id]))
	}
	return b.String()
}

// enterNew is how a file that keeps a new assessment the store did not
// says to enter its answers again, when nothing of it is in the store
// (enterAgain words the rest), the command carrying this run's --db and
// --config (given). It is the one copy of the sentence: a second, matched
// to replace it, changed nothing once one was edited.
func enterNew(given string) string {
	return "To enter them again: once the store can be written, run digicheck" + given + ", start a new assessment of this patient and give these answers; " + nothingInStore
}

// nothingInStore ends enterNew, said otherwise when the store keeps a
// draft of the assessment (draftLeftWords); one that could not be read
// to tell says draftUnreadWords in place of enterNew.
const nothingInStore = "nothing of this assessment is in the store."

// enterAgain is how a file that keeps the answers of assessment id (of
// patient), which the store did not save, says to enter them again, on
// a line of its own after them. An amendment of amends is finished as an
// amendment, resumed or amend run again, the record it amends as it was;
// a follow-up of followsUp as a follow-up, resumed or followup run again,
// so it stays linked to the record it follows up ("start a new
// assessment" made an assessment linked to nothing, or a second current
// one). unfinished says the file keeps the answers of a draft the store
// stopped keeping (not-saved-draft): its draft in the store, which the
// list of drafts shows with this file, is resumed and the rest given in
// it, as the list says. Otherwise a new assessment, with what the store
// still keeps of it.
//
// Each command carries this run's --db and --config (given): given bare
// beside the screen's, which carry them, and run as written, they opened
// the default store, which lists no draft of these answers and holds no
// record they amend or follow up.
func enterAgain(st *store.Store, id record.ID, patient record.PatientID, amends, followsUp record.ID, unfinished bool, given string) string {
	return enterAgainFound(id, patient, amends, followsUp, unfinished, given, func() (time.Time, bool, bool) { return draftLeft(st, id) })
}

// enterAgainFound is enterAgain with found, what the store keeps of the
// assessment's draft (draftLeft), read only if the words need it.
func enterAgainFound(id record.ID, patient record.PatientID, amends, followsUp record.ID, unfinished bool, given string, found func() (kept time.Time, left, unread bool)) string {
	run := "digicheck" + given
	switch {
	case !amends.IsZero():
		a := amends.String()
		return "To enter them again: this is an amendment of record " + a + ". Once the store can be written, run " + run + " and resume this amendment if the list of unfinished assessments shows it, then check each answer against these; if it is not listed, run " + assess.Command(given, "amend", a, "--reason", "TEXT") + " and give these answers. Do not start a new assessment. Until then, record " + a + " is as it was."
	case !followsUp.IsZero():
		f := followsUp.String()
		return "To enter them again: this is a follow-up of record " + f + ". Once the store can be written, run " + run + " and resume this follow-up if the list of unfinished assessments shows it, then check each answer against these; if it is not listed, run " + assess.Command(given, "followup", patient.Value) + ", check that it follows up record " + f + ", and give these answers. Do not start a new assessment: it would not be linked to the assessment it follows up."
	}
	kept, left, unread := found()
	switch {
	case unfinished && left:
		return "To enter them again: once the store can be written, run " + run + " and resume the unfinished assessment of this patient that the list shows (its draft, last kept " + kept.Local().Format("2 Jan 2006 at 15:04") + ", holds only the answers given by then): give the rest of these answers in it, checking each against this file, then delete this file."
	case unfinished && unread:
		return "To enter them again: once the store can be written, run " + run + ". If the list of unfinished assessments shows one of this patient, resume it (it holds only the answers kept before these) and give the rest of these answers in it; if it shows none, start a new assessment of this patient and give these answers. Then delete this file."
	case left:
		return strings.Replace(enterNew(given), nothingInStore, draftLeftWords(kept), 1)
	case unread:
		return draftUnreadWords(run)
	}
	return enterNew(given)
}

// answersText is each question asked with the answer given, and how to
// enter them again, for a file that keeps an assessment (finished or not)
// the store would not save. unconfirmed are a draft's answers given and
// not confirmed before a stop (assess.Draft.Unconfirmed): no answers, and
// written as not confirmed, under their questions, so that what a patient
// said (a way they must not be contacted) is not lost with the draft.
// consent are a draft's referral answers by programme id (a record's are
// in its note, above), listed as the result screen says them ("Learn My
// Way: declined"), named from dir: a window closed at the save kept the
// patient's decisions only in the data for IT, easy to miss when the
// answers were entered again.
func answersText(patient record.PatientID, clinician, team, version string, answers, unconfirmed questionnaire.Answers, consent map[string]string, dir questionnaire.Directory) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Patient: %s\nClinician: %s\n", patient, clinician)
	if team != "" {
		fmt.Fprintf(&b, "Team: %s\n", team)
	}
	ins, ok := questionnaire.Lookup(version)
	if !ok {
		ins = questionnaire.Current
	}
	b.WriteString("\nEach question asked, with the answer given:\n")
	given := false
	for _, sec := range ins.Sections {
		head := false
		for i := range sec.Items {
			it := &sec.Items[i]
			vals, ok := answers[it.LinkID]
			un, held := unconfirmed[it.LinkID]
			if !ok && !held {
				continue
			}
			if !head {
				fmt.Fprintf(&b, "%s:\n", sec.Title)
				head = true
			}
			switch {
			case ok:
				fmt.Fprintf(&b, "  %s %s.\n", it.Text, it.AnswerText(vals))
			default:
				fmt.Fprintf(&b, "  %s Not answered.\n", it.Text)
			}
			if held {
				said := "nothing"
				if len(un) > 0 {
					said = it.AnswerText(un)
				}
				fmt.Fprintf(&b, "    Not confirmed before the stop: %s. Not an answer until it is checked with the patient and given.\n", said)
			}
			given = true
		}
	}
	if !given {
		b.WriteString("  None yet: only the patient's details were given.\n")
	}
	if refs := referralsAnswered(ins, answers, consent, dir); len(refs) > 0 {
		b.WriteString("\nEach referral answered, with the patient's answer:\n")
		for _, r := range refs {
			fmt.Fprintf(&b, "  %s: %s.\n", questionnaire.Printable(r.Name), record.ConsentText(r.Consent))
		}
	}
	return questionnaire.PrintableLines(b.String())
}

// referralsAnswered are the referrals answered in consent, in the order
// the result lists them for answers (the instrument's), each with its
// name in dir and its answer; one the result no longer gives, after them,
// named from dir (or by its id, not there).
func referralsAnswered(ins *questionnaire.Instrument, answers questionnaire.Answers, consent map[string]string, dir questionnaire.Directory) []questionnaire.Referral {
	var out []questionnaire.Referral
	if len(consent) == 0 {
		return nil
	}
	if res, err := ins.Assess(answers, dir); err == nil {
		for _, r := range res.Recommendation.Referrals {
			if c := consent[r.ProgrammeID]; c != "" {
				r.Consent = c
				out = append(out, r)
			}
		}
	}
	var rest []string
	for id, c := range consent {
		if c != "" && !slices.ContainsFunc(out, func(r questionnaire.Referral) bool { return r.ProgrammeID == id }) {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	for _, id := range rest {
		name := id
		if p, ok := dir.Lookup(id); ok {
			name = p.Name
		}
		out = append(out, questionnaire.Referral{ProgrammeID: id, Name: name, Consent: consent[id]})
	}
	return out
}

// draftLeftWords is what the file that keeps an assessment says, in place
// of "nothing of this assessment is in the store", when its draft is still
// there, last kept at kept (resumed from a store found damaged, or kept
// before the store stopped taking its answers: in use by another program,
// or failing): it holds only the answers given by then, and would be
// offered again. "Kept before it was resumed" was said of a draft never
// resumed.
func draftLeftWords(kept time.Time) string {
	return "its draft in the store, last kept " + kept.Local().Format("2 Jan 2006 at 15:04") + ", holds only the answers given by then: once these answers are entered, discard that draft."
}

// draftUnreadWords is what the file says in place of enterNew when the
// store's drafts could not all be read (in use by another program,
// damaged), run being the command to run: whether it keeps a draft of the
// assessment is not known, and "nothing of it is in the store" may be
// false. A store held only at the save kept the draft as the sections
// were answered, and the end says to resume it: the file says the same,
// itself the answers to give only if the draft is not listed. It said to
// start a new assessment and discard that draft, two instructions for
// one assessment, the draft holding every answer thrown away.
func draftUnreadWords(run string) string {
	return "To enter them again: once the store can be written, run " + run + "; the store could not be read to see whether it keeps a draft of this assessment. If the list of unfinished assessments shows one of this patient, resume it: check each answer and referral decision in it against these, give any it lacks, and save it. Start a new assessment of this patient and give these answers only if it shows none (the draft lost). Then delete this file."
}

// draftLeft reports whether the store still holds a draft of assessment
// id, last kept at kept (left), or could not be read to tell (unread):
// what the file that keeps its answers says of the store (enterAgain).
//
// In a window started on a store another program held, st is the blank
// stand-in (heldStore), which keeps no draft: the store itself is read,
// where the run kept its drafts once it could.
func draftLeft(st *store.Store, id record.ID) (kept time.Time, left, unread bool) {
	if p, ok := heldStore(st); ok {
		in, err := store.Open(p, store.Options{})
		if err != nil {
			return time.Time{}, false, true
		}
		st = in
	}
	ls, err := st.ListDrafts(0) // a damaged store lists every sound draft
	if i := slices.IndexFunc(ls, func(e store.DraftEntry) bool { return e.ID == id }); i >= 0 {
		return ls[i].Saved, true, false
	}
	// In use by another program, or drafts the store could not read:
	// the assessment's may be among them.
	return time.Time{}, false, err != nil
}

// movedOn says why a draft of an amendment or follow-up (what: "amended",
// "followed up") of base can be neither resumed nor saved once base is no
// longer its assessment's current version: amended since, or marked
// entered in error. It is the rule amend and followup apply before they
// ask anything, in the words a refused resume uses; ok is false while
// base is current.
func movedOn(st *store.Store, base record.Record, what, given string) (msg string, ok bool) {
	cur, err := st.Current(base.ID)
	if err != nil || cur.ID == base.ID {
		return "", false
	}
	short := func(id record.ID) string { return shortOf(st, id) }
	by := ""
	if c := questionnaire.PrintableTyped(cur.Clinician); c != "" {
		by = " by " + c
	}
	when := cur.Time.Local().Format("2006-01-02 15:04")
	if cur.Status == record.EnteredInError {
		next := "If the patient still needs assessing, start a new assessment."
		verb := map[string]string{"amended": "amend", "followed up": "follow up"}[what]
		return fmt.Sprintf("record %s cannot be %s: its assessment was marked entered in error%s on %s (record %s), because: %s. There is nothing to %s. Nothing was saved; the draft is kept. Discard it. %s",
			short(base.ID), what, by, when, short(cur.ID), questionnaire.PrintableTyped(cur.VoidReason), verb, next), true
	}
	again := "amend the current version (digicheck" + given + " amend " + short(cur.ID) + ")"
	if what == "followed up" {
		again = "follow the patient up again (digicheck" + given + " followup " + base.Patient.Value + ")"
	}
	return fmt.Sprintf("record %s cannot be %s: it was amended since this draft was started,%s on %s; record %s is the assessment's current version. Nothing was saved; the draft is kept. Discard it, and %s.",
		short(base.ID), what, by, when, short(cur.ID), again), true
}

// movedError is a save refused because the version it rests on moved on
// (movedOn): the store is sound and the draft kept, so trying again does
// not help, and nothing is kept in a file.
type movedError struct {
	msg string
	err error
}

func (e movedError) Error() string { return e.msg }
func (e movedError) Unwrap() error { return e.err }

// unsentNote says, for each record saved on the full screen that the
// site's FHIR server has not accepted, that it is not sent yet and will
// be, as the plain prompts say it: the saved screen said so, but it is
// gone once the full screen ends, and quitting said only "Saved".
// Records skip names, and those in conflict, are left to what says them.
func (a *app) unsentNote(w io.Writer, st *store.Store, saved []record.Record, skip func(record.Record) bool) {
	server := a.siteServer()
	if server == "" {
		return
	}
	base, err := fhirclient.Identity(server)
	if err != nil {
		return
	}
	if syn, err := isSynthetic(st); err != nil || syn {
		return
	}
	conflicts := a.siteConflicts(st)
	for _, r := range saved {
		if skip != nil && skip(r) {
			continue
		}
		if _, ok := conflicts[r.ID]; ok {
			continue
		}
		if _, ok, err := st.PushedVersion(base, r.ID); err != nil || ok {
			continue
		}
		if why, _ := afterSaveWhy.Load(r.ID); why == answerLostWhy {
			// As the saved screen said it: the server may hold it.
			fmt.Fprint(w, wrapText(fmt.Sprintf("Answer lost: record %s may have reached the FHIR server (the connection dropped before its answer); the next save or push checks, and sends it only if the server does not hold it. Nothing is lost: it is kept here.", r.ID), terminalWidth(w)))
			continue
		}
		if why := unsentWhy(r.ID); why != "" {
			// As the saved screen said it: no retry passes it.
			fmt.Fprint(w, wrapText(why, terminalWidth(w)))
			continue
		}
		fmt.Fprint(w, wrapText(fmt.Sprintf("Not sent yet (will retry): record %s. Nothing is lost: it is kept here and sent with the next save or push.", r.ID), terminalWidth(w)))
	}
}

// answerLostSaid is pushed for the plain prompts: a push whose answer
// was lost, which the server may hold, is marked so (prompt.AnswerLost),
// and said as the command line says it, not "Not sent yet".
func answerLostSaid(pushed func(record.Record) (bool, string)) func(record.Record) (bool, string) {
	if pushed == nil {
		return nil
	}
	return func(r record.Record) (bool, string) {
		sent, why := pushed(r)
		if !sent && why == answerLostWhy {
			why = prompt.AnswerLost + why
		}
		return sent, why
	}
}

// folderLines is path on lines of at most width columns, broken only
// after a folder's separator, so the file's name (a record id and its
// hyphens) is whole on its line.
func folderLines(path string, width int) string {
	var lines []string
	for len(path) > width {
		cut := strings.LastIndexAny(path[:width], `/\`)
		if cut <= 0 {
			break
		}
		lines = append(lines, path[:cut+1])
		path = path[cut+1:]
	}
	return strings.Join(append(lines, path), "\n")
}

// discardKept is what to say of an assessment discarded at the quit
// question. Its answers, kept in a file when a damaged store refused them,
// go with it: the clinician chose to discard it, told its answers would be
// lost, and was then told both that they "were not kept" and that they
// were kept in the file, to be entered again. A file that cannot be
// removed is named, to delete; either way it is no longer one to enter
// again.
func discardKept(of stoppedOf, id record.ID, kept *[]string) string {
	var left []string
	if !id.IsZero() {
		*kept = slices.DeleteFunc(*kept, func(k string) bool {
			switch filepath.Base(k) {
			case "digicheck-not-saved-" + id.String() + ".txt", "digicheck-not-saved-draft-" + id.String() + ".txt":
				if err := os.Remove(k); err != nil && !errors.Is(err, fs.ErrNotExist) {
					left = append(left, questionnaire.Printable(k))
				}
				return true
			}
			return false
		})
	}
	if len(left) == 0 {
		return discardedLine(of)
	}
	line := fmt.Sprintf("Discarded: %s was not saved in the store, but its answers could not be removed from %s: delete that file.", of.who(), strings.Join(left, " and "))
	if as := of.asWas(); as != "" {
		line += " " + strings.ToUpper(as[2:3]) + as[3:] + "."
	}
	return line
}

// discardedLine says, after the run, that the assessment in progress was
// discarded at the quit question: nothing else would, and the clinician
// must know its answers were not kept.
func discardedLine(of stoppedOf) string {
	return "Discarded: " + of.who() + " was not saved, and its answers were not kept" + of.asWas() + "."
}

// stoppedOf is an assessment stopped before its save, as the lines
// printed once digicheck ends name it: whose it is (zero before a patient
// was given), and whether it amends or follows up a saved assessment.
type stoppedOf struct {
	patient           record.PatientID
	amends, followsUp bool
}

// who names it: "the assessment of patient …", or an amendment or a
// follow-up as such ("Discarded: the assessment of patient …", said of an
// amendment, read as the saved assessment thrown away).
func (s stoppedOf) who() string {
	what := map[bool]string{true: "the amendment", false: "the follow-up"}[s.amends]
	switch {
	case !s.amends && !s.followsUp && s.patient == (record.PatientID{}):
		return "the assessment"
	case !s.amends && !s.followsUp:
		return "the assessment of patient " + s.patient.String()
	case s.patient == (record.PatientID{}):
		return what + " of an assessment"
	}
	return what + " of patient " + s.patient.String() + "'s assessment"
}

// asWas is "; the assessment is as it was" for an amendment or a
// follow-up, whose saved assessment nothing stopped here changes, and ""
// for an assessment.
func (s stoppedOf) asWas() string {
	if s.amends || s.followsUp {
		return "; the assessment is as it was"
	}
	return ""
}

// draftStillKept reports whether the store still holds a draft with this
// id: a discard the store refused leaves it there.
func draftStillKept(st *store.Store, id record.ID) bool {
	if id.IsZero() {
		return false
	}
	ls, _ := st.ListDrafts(0) // a damaged store lists every sound draft
	return slices.ContainsFunc(ls, func(e store.DraftEntry) bool { return e.ID == id })
}

// notDiscarded says that an assessment discarded at the quit question is
// still in the store as a draft, which the store would not remove (why,
// from the discard's error, nil when a damaged store was not asked), with
// what became of a file of its answers (filed, discardKept's words).
func notDiscarded(of stoppedOf, why error, filed string) string {
	who := of.who()
	because, then := "the store is damaged and cannot remove it", "discard it once digicheck check finds the store sound"
	switch {
	case errors.Is(why, store.ErrDraftHeld):
		because, then = "another window has it open", "discard it there, or once that window is closed"
	case why != nil && !errors.Is(why, store.ErrDamaged):
		because, then = "it could not be removed ("+strings.TrimSuffix(questionnaire.Printable(why.Error()), ".")+")", "discard it when digicheck next offers it"
	}
	line := "Not discarded: " + who + " is still in the store as a draft (" + because + "), and will be offered to resume again: " + then + "."
	if i := strings.Index(filed, "but its answers could not be removed from "); i >= 0 {
		line += " Its answers are also still in " + strings.TrimPrefix(filed[i:], "but its answers could not be removed from ")
	}
	return line
}

// checkPatientShown is st.CheckPatient with the store named as a person
// knows it: on a store file cut short, read from a padded copy, the
// reason named the copy (.digicheck-torn-….tmp) as the store to keep,
// a file gone once digicheck ends.
//
// It reads the patient's assessments too, as history does: a page of
// records lost in a store not yet checked left the patient index whole,
// and a patient assessed on that page looked never assessed to a new
// assessment (both front ends), while history and followup said it. What
// cannot be read is said as damage before the first question, with the
// check to run (given: this run's --db and --config).
func checkPatientShown(st *store.Store, p record.PatientID, given string) error {
	err := st.CheckPatient(p)
	if err == nil {
		err = earlierUnreadable(st, p, given)
	}
	if err == nil {
		// Read whole, but found the store damaged elsewhere on the
		// way (the pages that lead to the records, read round): every
		// draft and save is refused from now on. Said before the
		// first question, as damage found at the start is; it was
		// said first at the first draft refused, after a follow-up's
		// earlier referrals.
		if rerr := st.Refused(); errors.Is(rerr, store.ErrDamaged) {
			err = assess.StoreFoundDamaged{Err: rerr}
		}
	}
	if shown := shownPath(st); shown != st.Path() {
		return store.HideTemporaries(err, shown, st.Path())
	}
	return err
}

// earlierUnreadable is damage, said as such, when some of patient p's
// assessments cannot be read from st (history's HistoryReadable): earlier
// assessments of the patient may be missing from what a new assessment
// is told of them. A patient some of whose records were read was
// assessed before, for certain: "may have been assessed before" read as
// a patient perhaps never seen, and a new baseline was taken where a
// follow-up was due. Only records are counted as records not read;
// damaged entries of the patient index (another patient's record filed
// under this one, a record not filed) are named apart.
func earlierUnreadable(st *store.Store, p record.PatientID, given string) error {
	read, bad, err := st.HistoryReadable(p)
	if err != nil && !errors.Is(err, store.ErrDamaged) {
		return nil // not damage (a store held): said where it is met
	}
	if len(bad) == 0 {
		return err
	}
	var ids []string
	lost, entries := 0, 0
	for _, b := range bad {
		if b.Index {
			entries++
			continue
		}
		lost++
		if b.ID != "" && len(ids) < 3 {
			ids = append(ids, b.ID)
		}
	}
	which := ""
	if len(ids) > 0 {
		which = " (record " + strings.Join(ids, ", ") + map[bool]string{true: ", …", false: ""}[lost > len(ids)] + ")"
	}
	index := ""
	if entries > 0 {
		index = fmt.Sprintf("%d %s of the store's patient index for them %s damaged", entries, pluralUnit(entries, "entry", "entries"), pluralUnit(entries, "is", "are"))
	}
	check := assess.Command(given, "check")
	if len(read) > 0 {
		var what string
		switch {
		case lost > 0 && entries > 0:
			what = fmt.Sprintf("the store read %d of their records, and could not read %d%s; %s", len(read), lost, which, index)
		case lost > 0:
			what = fmt.Sprintf("the store read %d of their records, and could not read %d%s", len(read), lost, which)
		default:
			what = fmt.Sprintf("the store read %d of their records, and %s, so some may be missing", len(read), index)
		}
		// followup is refused while the latest is in doubt: a
		// follow-up was due, and cannot be made until the restore.
		return &store.Error{Kind: store.ErrDamaged, Msg: fmt.Sprintf("patient %s was assessed before: %s; see them with %s; a follow-up of the latest was due, but none can be made until the store is restored: run %s",
			p, what, assess.Command(given, "history", p.Value), check)}
	}
	var what string
	switch {
	case lost > 0 && entries > 0:
		what = fmt.Sprintf("the store could not read %d of the records it holds of them%s, and %s", lost, which, index)
	case lost > 0:
		what = fmt.Sprintf("the store could not read %d of the records it holds of them%s", lost, which)
	default:
		what = index
	}
	return &store.Error{Kind: store.ErrDamaged, Msg: fmt.Sprintf("earlier assessments of patient %s may be missing: %s, so they may have been assessed before though none is shown; run %s",
		p, what, check)}
}

// assessedAlready is, for the answers kept in a file when another program
// held the store at their save, what became of them once the store, free
// since, was read: the patient already had an assessment that counts
// (found by the save tried again), and these answers were not saved as
// another one. ok is false for any other file, or while the store is
// still held.
type assessedAlready struct {
	file    string // "" when the store keeps them as a draft, and no file does
	id      record.ID
	patient record.PatientID
	latest  record.Record
	// several is how many of the patient's assessments count, not linked
	// by a follow-up, where more than one does (0 otherwise): latest is
	// only one of them, and which to follow up is for the history to say.
	several int
	drafted bool // the store keeps these answers as a draft (its id)
	// unnoted says the file holds the answers alone, no note for the
	// patient record: none was shown (no save was refused).
	unnoted bool
	// held says another program holds the store again at the end: the
	// save that found the patient assessed, and was to make another
	// assessment of them, was refused. Whether the store keeps a draft of
	// these answers cannot be read.
	held bool
}

// foundAssessedAs holds, by assessment id, the answers of an assessment
// begun while another program held the store, the store refusing their
// draft, whose patient the store, free by the save, shows assessed
// already, kept in a file at the stop (keepFoundAssessed): alreadyAssessed
// says them so, as a second assessment declined, not as answers to enter
// again in a new assessment of this patient.
var foundAssessedAs sync.Map

// alreadyAssessed finds, among the files kept (kept), those of saves
// refused while another program held the store whose patient the store
// itself (in, opened since; nil or st while it is still held) shows
// assessed already. The end said the store was "still in use" (the last
// try had read it) and to enter the answers again from the file as a
// new assessment: the second assessment the clinician had just declined.
func alreadyAssessed(st, in *store.Store, kept []string) []assessedAlready {
	if _, held := heldStore(st); !held || in == nil || in == st {
		return nil
	}
	var out []assessedAlready
	// Held again, each read of the store itself waited 2 s to be refused,
	// for what seenAssessed holds: looked for once, at once.
	heldNow := sync.OnceValue(func() error {
		if _, err := store.Open(in.Path(), store.Options{Timeout: 100 * time.Millisecond}); errors.Is(err, store.ErrLocked) {
			return err
		}
		return nil
	})
	for _, k := range kept {
		rest, ok := strings.CutPrefix(filepath.Base(k), "digicheck-not-saved-")
		if !ok {
			continue
		}
		rest, unnoted := strings.CutPrefix(rest, "draft-")
		id, err := record.ParseID(strings.TrimSuffix(rest, ".txt"))
		if err != nil {
			continue
		}
		was, ok := refusedAs.Load(id)
		if unnoted {
			was, ok = foundAssessedAs.Load(id)
		}
		if !ok {
			continue
		}
		d := was.(assess.Draft)
		if !d.Amends.IsZero() || !d.FollowsUp.IsZero() {
			continue // a follow-up or an amendment is not a second assessment
		}
		var latest record.Record
		var several int
		err = heldNow()
		if err == nil {
			latest, err = in.Latest(d.Patient)
			several = severalIn(in, d.Patient, id)
		}
		held := false
		if err != nil {
			// Held again since the save found them assessed and asked:
			// what it read then.
			seen, ok := seenAssessed.Load(seenKey{in.Path(), d.Patient})
			if !ok || !errors.Is(err, store.ErrLocked) {
				continue
			}
			latest, several, held = seen.(seenRead).latest, severalOf(seen.(seenRead).as, id), true
		}
		if latest.ID == id {
			continue
		}
		drafted := false
		if !held {
			ls, _ := in.ListDrafts(0)
			drafted = slices.ContainsFunc(ls, func(e store.DraftEntry) bool { return e.ID == id })
		}
		out = append(out, assessedAlready{file: k, id: id, patient: d.Patient, latest: latest, several: several, drafted: drafted, unnoted: unnoted, held: held})
	}
	return out
}

// severalOf is how many of as, a patient's assessments that count, stand
// not linked by a follow-up, id (these answers) aside, where more than
// one does; 0 otherwise.
func severalOf(as []assess.Assessed, id record.ID) int {
	others := slices.DeleteFunc(slices.Clone(as), func(a assess.Assessed) bool { return a.Current.ID == id || a.First.ID == id })
	if n := len(assess.Unlinked(others)); n > 1 {
		return n
	}
	return 0
}

// severalIn is severalOf the patient's assessments as in reads them now.
func severalIn(in *store.Store, p record.PatientID, id record.ID) int {
	as, err := assessedOf(in)(p)
	if err != nil {
		return 0
	}
	return severalOf(as, id)
}

// found says who assessed the patient before, and when; where several
// assessments count, unlinked, how many, as the question before the save
// said it: named as one, the file read later led to a follow-up of it, or
// to yet another assessment.
func (w assessedAlready) found() string {
	by := ""
	if c := questionnaire.PrintableTyped(w.latest.Clinician); c != "" {
		by = " by " + c
	}
	has := fmt.Sprintf("patient %s already has an assessment (record %s, %s%s)",
		w.patient, w.latest.ID.String()[:13], w.latest.Time.Local().Format("2 Jan 2006 at 15:04"), by)
	if w.several > 1 {
		has = fmt.Sprintf("patient %s has %d assessments that count, not linked by a follow-up (the latest record %s, %s%s)",
			w.patient, w.several, w.latest.ID.String()[:13], w.latest.Time.Local().Format("2 Jan 2006 at 15:04"), by)
	}
	if w.held {
		return has + ", found in the store before the save; these answers, to be another assessment of them, were not saved, as another program held the store again"
	}
	return has + ", found in the store once it was free, and these answers were not saved as another assessment of them"
}

// heldWords is what the end (where, "the file named above") and the file
// ("this file") say of answers that were to be another assessment, the
// save refused as another program held the store again (held): the note
// pasted from the file stands only if they are entered again as that; the
// follow-up, if they are not.
func (w assessedAlready) heldWords(given, where string) string {
	said := ""
	if !w.unnoted {
		said = "A note pasted into the patient record from " + where + " is no saved record's note: it stands only once these answers are saved as another assessment of this patient; otherwise remove it from the patient record.\n"
	}
	return said + w.followUp(given) + "\n" +
		"Once the store is free, enter these answers again from " + where + " only to save them as another assessment after all (a draft of them the list of unfinished assessments shows holds only the answers kept before these: resume it and give the rest); otherwise discard any such draft, remove any note pasted from " + where + ", and delete it."
}

// followUp is what to do instead, the command on a line of its own (kept
// whole however narrow the terminal), carrying this run's --db and
// --config (given).
func (w assessedAlready) followUp(given string) string {
	if w.several > 1 {
		return "Look at them before following one up:\n    digicheck" + given + " history " + w.patient.Value + "\n" +
			"To record how the referrals of one of them went, follow it up rather than add another assessment:\n    digicheck" + given + " followup " + w.patient.Value
	}
	return "To record how the referrals of that assessment went, follow it up instead:\n    digicheck" + given + " followup " + w.patient.Value
}

// endWords is what the end of the run says of the answers, the file named
// above keeping them (or the store alone, as a draft): the one
// instruction for the state they are in, the same for both front ends.
func (w assessedAlready) endWords(given string) string {
	if w.held {
		return "Not saved: " + w.found() + ". The store is still in use by another program (it is not damaged).\n" + w.heldWords(given, "the file named above")
	}
	said := "Not saved: " + w.found() + ". The store is free now (it is not damaged).\n"
	if w.file != "" && !w.unnoted {
		said += "A note pasted into the patient record from the file named above is not a saved record's note: remove it from the patient record (the follow-up's note is the one to paste, once it is saved).\n"
	}
	said += w.followUp(given) + "\n"
	deleteIt := "Delete the file once any note pasted from it is removed"
	if w.unnoted {
		deleteIt = "Delete the file"
	}
	switch {
	case w.file == "":
		return said + "These answers are kept as a draft in the store: resume it only to save them as another assessment after all; otherwise discard it."
	case w.drafted:
		return said + "These answers are also kept as a draft in the store: resume it only to save them as another assessment after all; otherwise discard it. " + deleteIt + "."
	}
	return said + "These answers are not kept as a draft in the store: the file holds them. " + deleteIt + ", unless they are to be saved as another assessment after all."
}

// fileWords is what the file says of the same, in place of how to enter
// its answers again as a new assessment.
func (w assessedAlready) fileWords(given string) string {
	if w.held {
		return "Not saved: " + w.found() + ".\n" + w.heldWords(given, "this file")
	}
	said := "Not saved: " + w.found() + ".\n"
	if !w.unnoted {
		said += "A note pasted into the patient record from this file is not a saved record's note: remove it from the patient record.\n"
	}
	said += w.followUp(given) + "\n"
	if w.drafted {
		return said + "These answers are kept as a draft in the store too: resume it only to save them as another assessment after all; otherwise discard it. Then delete this file."
	}
	return said + "Enter these answers again only if they are to be saved as another assessment after all. Then delete this file."
}

// keepFoundAssessed keeps d, the answers of a new assessment begun on a
// stand-in for a store another program held (st) that the store refused
// to keep as a draft, once the store itself (in), free by the save, shows
// their patient, not looked up as given, assessed already: the save asked
// before making another assessment of them, and the run stopped there, or
// after. They are kept as a draft in the store, as a second assessment
// declined is, else in a file saying so; what the end says of them is
// said (the file's words by notSaved, which names it). Kept as before,
// in a file, they were said as not saved in a store "another program held
// at the save" (read free, it had shown the patient assessed), to enter
// again in a new assessment of this patient: the second assessment the
// question had just held back. ok is false for any other answers, which
// the caller keeps as before.
func (a *app) keepFoundAssessed(cmd *cobra.Command, st, in *store.Store, d assess.Draft, dir questionnaire.Directory, dr *drafted, kept *[]string) (ok bool) {
	latest, found := foundAssessed(st, in, d)
	if !found {
		return false
	}
	w := assessedAlready{patient: d.Patient, latest: latest, several: severalIn(in, d.Patient, d.ID)}
	if err := keepDraft(in, &d, dr); err == nil {
		w.id, w.drafted = d.ID, true
		errw := cmd.ErrOrStderr()
		fmt.Fprintln(errw, wrapReport(w.endWords(a.given), terminalWidth(errw)))
		return true
	}
	if d.ID.IsZero() {
		d.ID, _ = record.NewID()
	}
	foundAssessedAs.Store(d.ID, d)
	return keepUnkept(st, &store.Draft{Draft: d}, dir, kept, a.given) != ""
}

// keptFoundAssessed is, for the draft id kept in the store itself (in)
// of a new assessment begun on a stand-in for it (st), held by another
// program then, what the end says of it when the store shows its patient,
// not looked up as given, assessed already (foundAssessed): the save read
// the store, found them, and asked before making another assessment. ok
// is false for any other draft.
func keptFoundAssessed(st, in *store.Store, id record.ID) (w assessedAlready, ok bool) {
	if id.IsZero() || in == nil || in == st {
		return assessedAlready{}, false
	}
	ls, _ := in.ListDrafts(0)
	i := slices.IndexFunc(ls, func(e store.DraftEntry) bool { return e.ID == id })
	if i < 0 {
		return assessedAlready{}, false
	}
	latest, ok := foundAssessed(st, in, ls[i].Draft.Draft)
	return assessedAlready{id: id, patient: ls[i].Patient, latest: latest, several: severalIn(in, ls[i].Patient, id), drafted: true}, ok
}

// foundAssessed is, for d, the unkept answers of keepFoundAssessed, the
// patient's latest assessment in the store itself (in), when it shows
// them assessed already; ok is false for any other answers.
func foundAssessed(st, in *store.Store, d assess.Draft) (latest record.Record, ok bool) {
	if _, held := heldStore(st); !held || in == nil || in == st || !d.Unread || d.Patient.Value == "" || !d.Amends.IsZero() || !d.FollowsUp.IsZero() {
		return record.Record{}, false
	}
	latest, err := in.Latest(d.Patient)
	if err != nil || latest.ID == d.ID {
		return record.Record{}, false
	}
	return latest, true
}

// reword replaces the file's words on entering its answers again with
// fileWords: written at the refused save, they said to start a new
// assessment of this patient, the one just declined, or that the
// patient's earlier assessments could not be looked up (unreadKept), when
// they have been since.
func (w assessedAlready) reword(given string) {
	body, err := os.ReadFile(w.file)
	if err != nil {
		return
	}
	lines := strings.Split(string(body), "\n")
	from := slices.IndexFunc(lines, func(l string) bool {
		return strings.HasPrefix(l, "To enter them again:") || strings.HasPrefix(l, notLookedUp) || strings.HasPrefix(l, alreadyWords)
	})
	to := slices.Index(lines, "The same answers as data, for IT:")
	if from < 0 || to <= from {
		return
	}
	if lines[to-1] == "" {
		to--
	}
	words := w.fileWords(given)
	if strings.Join(lines[from:to], "\n") == words {
		return
	}
	lines = slices.Replace(lines, from, to, words)
	_ = writeOver(w.file, []byte(strings.Join(lines, "\n")))
}

// alreadyWords begins fileWords.
const alreadyWords = "Not saved: patient "

// notLookedUp and ifNotAssessed begin and end what unreadKept.reword
// writes in a file.
const (
	notLookedUp   = "Not looked up: "
	ifNotAssessed = "If they were not assessed before: "
)

// toldAtOnce gives the file keeping r, a new assessment whose save was
// refused (err) on a stand-in for a store another program held as the run
// began, the words the end of the run says of it, as soon as it is
// written: the patient's earlier assessments could not be looked up (the
// store itself, in, never opened), or one was found before the save
// refused as the store was held again. Written with the answers, the
// file said only to start a new assessment of this patient and give them
// until the end reworded it, and a run killed before its end (or a file
// read while the result was still on screen) led to a second current
// assessment.
func toldAtOnce(st, in *store.Store, r *record.Record, err error, kept []string, given string) {
	if err == nil || !r.Amends.IsZero() || !r.FollowsUp.IsZero() || r.Patient.Value == "" {
		return
	}
	if _, held := heldStore(st); !held {
		return
	}
	i := slices.IndexFunc(kept, func(k string) bool { return filepath.Base(k) == "digicheck-not-saved-"+r.ID.String()+".txt" })
	if i < 0 {
		return
	}
	if in == nil || in == st {
		unreadKept{file: kept[i], patient: r.Patient}.reword(given)
		return
	}
	seen, ok := seenAssessed.Load(seenKey{in.Path(), r.Patient})
	if !ok || !errors.Is(err, store.ErrLocked) || seen.(seenRead).latest.ID == r.ID {
		return
	}
	assessedAlready{file: kept[i], id: r.ID, patient: r.Patient, latest: seen.(seenRead).latest, several: severalOf(seen.(seenRead).as, r.ID), held: true}.reword(given)
}

// unreadKept is a file that keeps the answers and note of a new
// assessment whose save was refused while another program held the store,
// held from the start of the run to its end: the patient's earlier
// assessments were never looked up. The end and the file said only to
// enter the answers again as a new assessment once the store is free:
// nothing said a follow-up may be what is needed, nor what becomes of a
// note pasted from the file if these answers are not saved as it says.
type unreadKept struct {
	file    string
	patient record.PatientID
}

// heldUnread finds, among the files kept (kept), those of unreadKept:
// none unless the store was held throughout (in, the store itself, never
// opened: nil or st).
func heldUnread(st, in *store.Store, kept []string) []unreadKept {
	if _, held := heldStore(st); !held || in != nil && in != st {
		return nil
	}
	var out []unreadKept
	for _, k := range kept {
		rest, ok := strings.CutPrefix(filepath.Base(k), "digicheck-not-saved-")
		if !ok || strings.HasPrefix(rest, "draft-") {
			continue
		}
		id, err := record.ParseID(strings.TrimSuffix(rest, ".txt"))
		if err != nil {
			continue
		}
		was, ok := refusedAs.Load(id)
		if !ok {
			continue
		}
		d := was.(assess.Draft)
		if !d.Amends.IsZero() || !d.FollowsUp.IsZero() || d.Patient.Value == "" {
			continue // a follow-up or an amendment names what it rests on
		}
		out = append(out, unreadKept{file: k, patient: d.Patient})
	}
	return out
}

// lookUp is how to look the patient up, and what to do if they were
// assessed before, the commands on lines of their own carrying this run's
// --db and --config (given).
func (u unreadKept) lookUp(given string) string {
	return "Once the store is free, look them up before entering these answers again:\n    digicheck" + given + " history " + u.patient.Value + "\n" +
		"If they were assessed before, follow that assessment up instead of entering these answers again:\n    digicheck" + given + " followup " + u.patient.Value + "\n"
}

// endWords is what the end of the run says of it, the file named above.
func (u unreadKept) endWords(given string) string {
	return "The earlier assessments of patient " + u.patient.String() + " could not be looked up: another program held the store from the start. " + u.lookUp(given) +
		"Then a note pasted into the patient record from the file named above is no saved record's note: remove it from the patient record (the follow-up's note is the one to paste, once it is saved), and delete the file."
}

// reword says the same in the file, before its words on entering the
// answers again as a new assessment.
func (u unreadKept) reword(given string) {
	body, err := os.ReadFile(u.file)
	if err != nil {
		return
	}
	lines := strings.Split(string(body), "\n")
	for i, l := range lines {
		if rest, ok := strings.CutPrefix(l, "To enter them again: "); ok && !strings.Contains(string(body), "could not be looked up: another program held the store") {
			lines[i] = notLookedUp + "this patient's earlier assessments could not be looked up: another program held the store from the start. " + u.lookUp(given) +
				"Then a note pasted into the patient record from this file is no saved record's note: remove it from the patient record, and delete this file.\n" +
				ifNotAssessed + rest
			_ = writeOver(u.file, []byte(strings.Join(lines, "\n")))
			return
		}
	}
}

// sameFileResumed is what the full screen says as a draft opens whose
// answers, every one, a refused save kept in file too: the file says to
// enter them again, and saving this draft saves them.
func sameFileResumed(file string) string {
	return "A file kept these answers when the store could not save them:\n" + file + "\nThis draft holds every one of them: save it here, and do not enter them again from the file."
}

// sameIn is file, when it keeps the answers draft d holds, every one
// (laterIn finds none later), else "".
func sameIn(file string, d assess.Draft) string {
	if file == "" || laterIn(file, d) != "" {
		return ""
	}
	return questionnaire.Printable(file)
}

// followSame marks in same, by the draft's id, file when it holds no
// answer the draft d lacks (sameIn), as a listing finds it: a draft
// changed since an earlier listing found it the same holds the file's
// answers no longer, and the file, then the only copy of some of them,
// was still said safe to delete.
func followSame(same map[record.ID]string, id record.ID, file string, d assess.Draft) {
	if f := sameIn(file, d); f != "" {
		same[id] = f
	} else {
		delete(same, id)
	}
}

// laterIn is file, which keeps answers of the assessment whose draft is d
// that the store did not save, when it holds answers the draft does not
// (the later answers of a window closed at the save, say); "" when it
// holds the draft's own, referral decisions included: a save refused,
// then finished once the store was free, keeps every answer in the draft,
// and the list said "later answers … are in a file, not in this draft",
// for them to be given twice. A file that cannot be read as one of
// digicheck's is named, as before.
func laterIn(file string, d assess.Draft) string {
	if file == "" {
		return ""
	}
	body, err := os.ReadFile(file)
	if err != nil {
		return file
	}
	_, data, ok := bytes.Cut(body, []byte("The same answers as data, for IT:\n"))
	if !ok {
		return file
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(data, &fields) != nil {
		return file
	}
	var held assess.Draft
	if _, saved := fields["status"]; saved {
		// A refused save's record, with its note.
		var r record.Record
		if json.Unmarshal(data, &r) != nil {
			return file
		}
		held = assess.DraftOf(&r)
	} else {
		var sd store.Draft
		if json.Unmarshal(data, &sd) != nil {
			return file
		}
		held = sd.Draft
	}
	if assess.SameAnswers(held, d) {
		return ""
	}
	return file
}
