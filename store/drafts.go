package store

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/user"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
)

// Drafts. An assessment in progress is kept as a draft so that nothing is
// lost when the window closes, the lid shuts or the battery dies. Drafts
// live in their own bucket, so Get, History, Each and EachCurrent, and so
// every summary and export, never see them: a draft is never counted as an
// assessment.
//
// A draft's id is the id its record will be saved under. Save removes the
// draft with the record's id in the same transaction as it writes the
// record, and SaveDraft refuses an id already saved, so an assessment is
// either a draft or a record, never both, whatever is interrupted when.

var bucketDrafts = []byte("drafts") // draft id -> encoded Draft

// Draft is an assessment in progress as the store keeps it: what the
// assessment session holds (assess.Draft, whose shape is the session's
// business), and the store's own fields, which say when it was kept, by
// which login, and which window holds it. The store sets its own fields;
// values given for them are ignored. Its ID is the id the finished record
// will be saved under (a UUIDv7, made by SaveDraft when zero), so Save
// removes the draft with the record.
type Draft struct {
	assess.Draft
	Saved time.Time `json:"saved"` // set by every SaveDraft

	// Login is the operating system login of the window that started the
	// draft, set by the first SaveDraft: on a shared login (a ward
	// workstation) the clinician's name tells drafts apart, and on a
	// machine with several logins this does.
	Login string `json:"login,omitempty"`
	// Holder and HeldUntil are the lease of the window working on the
	// draft (see ClaimDraft).
	Holder    string    `json:"holder,omitempty"`
	HeldUntil time.Time `json:"held_until,omitzero"`
	// HolderHost and HolderPID say where the holding window runs, so a
	// window on this machine that has died (closed, killed, or the
	// machine restarted) lets go at once rather than LeaseTTL later.
	HolderHost string `json:"holder_host,omitempty"`
	HolderPID  int    `json:"holder_pid,omitempty"`
	// ForkedFrom is set when this draft holds a window's answers that
	// could not go into the draft they were begun in, because another
	// window took that draft over (or saved it) meanwhile: the id of that
	// draft.
	ForkedFrom record.ID `json:"forked_from,omitzero"`

	// HeldElsewhere is set by ListDrafts (never stored) when another live
	// window held the draft as the drafts were read: it is listed all
	// the same, saying so, for that window may be one being closed, whose
	// process has not yet ended; ClaimDraft refuses it while that window
	// holds it, and takes it once that window has let go or ended. Left
	// off the list, the draft of a window closed a moment before was
	// nowhere to be seen, and the patient was assessed a second time.
	HeldElsewhere bool `json:"-"`
}

// Leases. A window (a digicheck process, one Store) that resumes or works
// on a draft holds it: the draft names the window's random token and a
// time, LeaseTTL ahead, until which the hold lasts. Every SaveDraft renews
// it, and RenewDraft renews it without a change, so a window renews while
// the clinician is on one screen. A window that dies stops renewing, and
// LeaseTTL later another window may take the draft over.
//
// No window's answers are ever lost to another: a window that finds its
// draft held by another live window, or already saved by another window,
// keeps its answers as a new draft of its own (ForkedFrom says which) and
// never writes over the other's. See SaveDraft and Save.

// LeaseTTL is how long a window's hold on a draft lasts unless renewed.
// A variable so that tests can make it short.
var LeaseTTL = 3 * time.Minute

// ErrDraftHeld is returned for a draft another live window holds.
var ErrDraftHeld = errors.New("draft open in another window")

// ErrDraftTaken is returned by Save for a record whose draft another
// window took over or saved meanwhile: nothing was lost, the record's
// answers are kept as a new draft, and the record now carries that
// draft's id, so saving it again saves it as an assessment of its own.
var ErrDraftTaken = errors.New("draft taken over by another window")

// heldElsewhere reports whether another live window holds d: one whose
// hold has not expired and, if it ran on this machine, whose process is
// still there.
func (s *Store) heldElsewhere(d *Draft, now time.Time) bool {
	if d.Holder == "" || d.Holder == s.windowToken() || !now.Before(d.HeldUntil) {
		return false
	}
	if d.HolderPID > 0 && d.HolderHost != "" && d.HolderHost == hostName && d.HolderPID != os.Getpid() && !processAlive(d.HolderPID) {
		return false
	}
	return true
}

// hold marks d as held by this window until LeaseTTL after now.
func (s *Store) hold(d *Draft, now time.Time) {
	d.Holder, d.HeldUntil = s.windowToken(), now.Add(LeaseTTL)
	d.HolderHost, d.HolderPID = hostName, os.Getpid()
}

// hostName names this machine in the drafts its windows hold.
var hostName, _ = os.Hostname()

func (s *Store) heldError(d *Draft) error {
	who := "another digicheck window"
	if d.Login != "" {
		who += " (login " + d.Login + ")"
	}
	if d.HolderPID > 0 && d.HolderHost != "" && d.HolderHost == hostName {
		// A window on this computer lets go as its process ends: a
		// window being closed does within seconds, not minutes.
		return &Error{ErrDraftHeld, fmt.Sprintf("the draft of patient %s is open in %s on this computer; finish it there, or, if that window has just been closed, try again in a moment: it lets go of the draft as it ends",
			questionnaire.Printable(d.Patient.String()), questionnaire.Printable(who)), nil}
	}
	return &Error{ErrDraftHeld, fmt.Sprintf("the draft of patient %s is open in %s until at least %s; finish it there, or wait until that window has been closed for a few minutes",
		questionnaire.Printable(d.Patient.String()), questionnaire.Printable(who), d.HeldUntil.Local().Format("15:04")), nil}
}

func (s *Store) setHeld(id record.ID, held bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if held {
		s.held[id] = true
	} else {
		delete(s.held, id)
	}
}

func (s *Store) didHold(id record.ID) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.held[id]
}

func (s *Store) didSave(id record.ID) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.saved[id]
}

// SaveDraft writes d, replacing the draft with the same id, and holds it
// for this window (see Leases). It fills in d.ID (a new UUIDv7 when
// empty), d.Started (the first time), d.Saved, d.Login and the lease, and
// these stay set on d. Like Save, it returns nil only once the draft is
// committed and fsynced.
//
// A draft whose id this window has saved as a record fails with ErrExists:
// the assessment is finished, and a late save of its draft (on closing the
// window, say) must not bring it back. A draft another live window holds,
// or that another window has saved as a record since this one held it, is
// not written over: d is saved as a new draft (a new d.ID, and
// d.ForkedFrom the old one), so both windows' answers are kept.
func (s *Store) SaveDraft(d *Draft) error {
	if d == nil {
		return &Error{ErrInvalidRecord, "cannot save the draft: no draft", nil}
	}
	if d.ID.IsZero() {
		id, err := record.NewID()
		if err != nil {
			return err
		}
		d.ID = id
	} else if u := uuid.UUID(d.ID); u.Version() != 7 || u.Variant() != uuid.RFC4122 {
		return &Error{ErrInvalidRecord, fmt.Sprintf("cannot save the draft: id %q is not a UUIDv7", d.ID), nil}
	}
	fork, err := record.NewID()
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	w := *d
	if w.Started.IsZero() {
		w.Started = now
	}
	if w.Login == "" {
		w.Login = s.login
	}
	w.Saved = now
	w.HeldElsewhere = false // this window's now
	s.hold(&w, now)
	err = s.updateAt(func(tx *bolt.Tx, at *txFile) error {
		key := recordKey(w.ID)
		// The pages the draft goes in, and those the assessment's save
		// would rewrite, before anything reads them through bbolt: a
		// store whose save will be refused keeps no draft either, and
		// the answers go to a file beside it (the UI keeps them there),
		// rather than into pages beside damaged ones.
		const lead = "a page this draft or the assessment's save would rewrite is damaged, so the draft was not kept"
		if err := s.checkPath(tx, at, draftsName(tx), "drafts", key, lead); err != nil {
			return err
		}
		if err := s.checkPath(tx, at, bucketRecords, "records", key, lead); err != nil {
			return err
		}
		if w.Patient.Value != "" {
			if err := s.checkPath(tx, at, bucketPatients, "patient index", patientKey(w.Patient, w.ID), lead); err != nil {
				return err
			}
			// The patient's entries, read against their records as
			// the save reads them: the first draft is kept once the
			// patient's number is given, so damage the save would be
			// refused for is found then, before any draft is written.
			if err := s.indexAround(tx, patientPrefix(w.Patient)); err != nil {
				return err
			}
		}
		b, err := tx.CreateBucketIfNotExists(draftsName(tx))
		if err != nil {
			return err
		}
		taken := false
		if tx.Bucket(bucketRecords).Get(key) != nil {
			if s.didSave(w.ID) || !s.didHold(w.ID) {
				return &Error{ErrExists, fmt.Sprintf("the assessment of draft %s is already saved as a record; the draft is not kept", w.ID), nil}
			}
			taken = true // saved by the window that took it over
		} else if v := b.Get(key); v != nil {
			if old, err := decodeDraft(key, v); err == nil && s.heldElsewhere(&old, now) {
				taken = true
			}
		}
		if taken {
			w.ForkedFrom, w.ID = w.ID, fork
			key = recordKey(w.ID)
		}
		return putDraft(tx, b, key, &w)
	})
	if err != nil {
		return err
	}
	*d = w
	s.setHeld(d.ID, true)
	return nil
}

// ClaimDraft takes the draft with this id for this window, to resume it,
// and returns it as stored. It fails with ErrDraftHeld while another live
// window holds it, ErrExists when it has been saved as a record meanwhile,
// and ErrNotFound when it has been discarded. The draft's patient's
// entries of the patient index are read first, as a new assessment's
// (CheckPatient): damage there is ErrDamaged, and nothing is written.
func (s *Store) ClaimDraft(id record.ID) (Draft, error) {
	return s.lease(id, true)
}

// RenewDraft extends this window's hold on the draft by LeaseTTL without
// changing it: call it every minute or so while the draft is on screen. It
// fails as ClaimDraft does; ErrDraftHeld then means the hold was lost (the
// window was asleep, say) and another window has the draft now. Whatever
// it returns, the next SaveDraft keeps this window's answers.
func (s *Store) RenewDraft(id record.ID) error {
	_, err := s.lease(id, false)
	return err
}

// lease holds the draft id for this window; claim reads its patient's
// entries of the patient index first.
func (s *Store) lease(id record.ID, claim bool) (Draft, error) {
	var out Draft
	now := time.Now().UTC()
	err := s.updateAt(func(tx *bolt.Tx, at *txFile) error {
		key := recordKey(id)
		if tx.Bucket(bucketRecords).Get(key) != nil {
			return &Error{ErrExists, fmt.Sprintf("the assessment of draft %s has been saved as a record", id), nil}
		}
		b := draftsOf(tx)
		var v []byte
		if b != nil {
			v = b.Get(key)
		}
		if v == nil {
			return &Error{ErrNotFound, fmt.Sprintf("draft %s is no longer there: it was finished or discarded in another window", id), nil}
		}
		d, err := s.readDraft(key, v)
		if err != nil {
			// Its own bytes: set aside, as ListDrafts sets it aside.
			return &Error{ErrDraftDamaged, fmt.Sprintf("the unfinished assessment kept as draft %s is damaged, so it cannot be resumed; only the draft is damaged, and it is set aside (digicheck check --discard-damaged-drafts removes it)", keyText(key)), err}
		}
		if claim && d.Patient.Value != "" {
			if err := s.indexAroundScan(tx, at, patientPrefix(d.Patient)); err != nil {
				return err // patindex.go
			}
		}
		if s.heldElsewhere(&d, now) {
			return s.heldError(&d)
		}
		s.hold(&d, now)
		out = d
		return putDraft(tx, b, key, &d)
	})
	if err == nil {
		s.setHeld(id, true)
	}
	return out, err
}

// draftIn finds the draft with this id in tx: its bucket, key and stored
// value, the value nil when there is none.
func draftIn(tx *bolt.Tx, id record.ID) (*bolt.Bucket, []byte, []byte) {
	key := recordKey(id)
	b := draftsOf(tx)
	if b == nil {
		return nil, key, nil
	}
	return b, key, b.Get(key)
}

// releaseDraft gives up this window's hold on a draft it keeps (on
// closing the window with the assessment unfinished), so the next window
// may resume it at once. A draft held by another window, or gone, is left
// as it is.
func (s *Store) releaseDraft(id record.ID) error {
	err := s.update(func(tx *bolt.Tx) error {
		b, key, v := draftIn(tx, id)
		if v == nil {
			return nil
		}
		d, err := decodeDraft(key, v)
		if err != nil || d.Holder != s.windowToken() {
			return nil
		}
		d.Holder, d.HeldUntil, d.HolderHost, d.HolderPID = "", time.Time{}, "", 0
		return putDraft(tx, b, key, &d)
	})
	if err == nil {
		s.setHeld(id, false)
	}
	return err
}

// ReleaseDrafts gives up this window's hold on every draft it holds: call
// it when the window closes (the assessment command returns), so the next
// window may resume them at once rather than LeaseTTL later.
func (s *Store) ReleaseDrafts() error {
	s.mu.Lock()
	ids := make([]record.ID, 0, len(s.held))
	for id := range s.held {
		ids = append(ids, id)
	}
	s.mu.Unlock()
	var first error
	for _, id := range ids {
		if err := s.releaseDraft(id); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// DraftEntry is a draft as ListDrafts gives it.
type DraftEntry struct {
	Draft // its HeldElsewhere set as the list was read
	// Expires is when ExpireDrafts will discard the draft unless it is
	// worked on before then (zero when drafts do not expire).
	Expires time.Time
}

// ExpiryWarning says when the draft expires, once that is less than a day
// away ("expires in 5 hours"), and is "" before that.
func (e DraftEntry) ExpiryWarning(now time.Time) string {
	if e.Expires.IsZero() {
		return ""
	}
	left := e.Expires.Sub(now)
	switch {
	case left >= 24*time.Hour:
		return ""
	case left <= 0:
		return "expires now"
	case left >= 2*time.Hour:
		return fmt.Sprintf("expires in %d hours", int(left/time.Hour))
	case left >= time.Hour:
		return "expires in 1 hour"
	}
	return fmt.Sprintf("expires in %d minutes", max(1, int(left/time.Minute)))
}

// ListDrafts returns every draft, oldest first, saying of each whether
// another live window holds it and, for drafts that expire maxAge after
// they were last saved (0: never), when that is.
//
// Damaged pages of drafts are set aside first (draftpages.go), when
// nothing else in the store is damaged: the drafts on them that can be
// read are offered, and those that cannot are said as a draft whose own
// bytes are damaged is (ErrDraftDamaged), and the store goes on saving.
func (s *Store) ListDrafts(maxAge time.Duration) ([]DraftEntry, error) {
	s.setAsideDraftPages()
	var out []DraftEntry
	now := time.Now().UTC()
	err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) (err error) {
		out, err = s.listDraftsIn(tx, at, maxAge, now)
		return err
	})
	slices.SortStableFunc(out, func(a, b DraftEntry) int { return a.Started.Compare(b.Started) })
	return out, err
}

// listDraftsIn is ListDrafts' read, in tx: the drafts, in the order
// stored, and what is damaged, as ListDrafts says it.
func (s *Store) listDraftsIn(tx *bolt.Tx, at *txFile, maxAge time.Duration, now time.Time) (out []DraftEntry, err error) {
	err = func() error {
		b := draftsOf(tx)
		if b == nil {
			return nil
		}
		recs := tx.Bucket(bucketRecords)
		if broken, why := draftsTreeBroken(at.f, at.meta); broken {
			// The pages that lead to the drafts are damaged: each
			// page of drafts is read on its own, as the records'
			// are, and every sound draft found is offered (read
			// only: a damaged store is never written).
			sound, bad := s.draftsOnPages(at.f, at.meta)
			for _, d := range sound {
				if saved, err := savedIn(recs, recordKey(d.ID)); err == nil && saved {
					continue
				}
				d.HeldElsewhere = s.heldElsewhere(&d, now)
				e := DraftEntry{Draft: d}
				if maxAge > 0 {
					e.Expires = d.Saved.Add(maxAge)
				}
				out = append(out, e)
			}
			var cause error
			if len(bad) > 0 {
				dn := &DraftsNotOffered{N: len(bad), Err: bad[0].err}
				for _, p := range bad {
					if p.patient.Value != "" {
						dn.Patients = append(dn.Patients, p.patient)
					}
				}
				cause = dn
			}
			return damaged(s.path, walkedDraftsWords(len(sound), bad)+" (for IT: "+why+")", cause)
		}
		// Every sound draft is offered, whatever else is damaged: one
		// damaged draft, or a damaged page of records, does not hide
		// the drafts stored after it. What is damaged is said after.
		var bad, whose []string
		var cause, recsErr error
		var patients []record.PatientID
		err := b.ForEach(func(k, v []byte) error {
			d, err := s.readDraft(k, v)
			if err != nil {
				bad = append(bad, keyText(k))
				if p := draftPatient(v); p.Value != "" {
					whose = append(whose, "patient "+p.String())
					patients = append(patients, p)
				}
				if cause == nil {
					cause = fmt.Errorf("draft %s: %w", keyText(k), err)
				}
				return nil
			}
			if saved, err := savedIn(recs, k); err != nil {
				// Save removes a draft with the record it saves, so
				// a draft kept is one not saved: offered all the same.
				recsErr = err
			} else if saved {
				return nil // finished: Save and SaveDraft keep this from happening
			}
			d.HeldElsewhere = s.heldElsewhere(&d, now)
			e := DraftEntry{Draft: d}
			if maxAge > 0 {
				e.Expires = d.Saved.Add(maxAge)
			}
			out = append(out, e)
			return nil
		})
		// Those on damaged pages set aside that could not be read.
		if lost := asideLost(asideIn(tx)); len(lost) > 0 {
			keys, w, ps := asideWhose(lost)
			bad, whose, patients = append(bad, keys...), append(whose, w...), append(patients, ps...)
			if cause == nil {
				cause = fmt.Errorf("draft %s, on pages of drafts set aside as damaged: %s", keys[0], lost[0].Why)
			}
		}
		if len(bad) > 0 {
			cause = &DraftsNotOffered{N: len(bad), Patients: patients, Err: cause}
		}
		switch {
		case err != nil:
			return err
		case recsErr != nil:
			return damaged(s.path, "a page of the saved assessments cannot be read", recsErr)
		case len(bad) > 0:
			// A draft's own bytes, in sound pages: set aside, and
			// nothing else stops (not ErrDamaged, which refuses
			// every write after it).
			return &Error{ErrDraftDamaged, draftsSetAsideWords(s.path, bad, whose), cause}
		}
		return nil
	}()
	return out, err
}

// setAsideDraftPages sets the damaged pages of drafts aside
// (draftpages.go) when the drafts' tree is damaged: any write does, once
// it finds nothing else damaged, and this one writes nothing else. A
// store refused, or damaged elsewhere, is left as it is (ListDrafts then
// reads the drafts from their own pages, and says the store is damaged).
func (s *Store) setAsideDraftPages() {
	broken := false
	_ = s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		broken, _ = draftsTreeBroken(at.f, at.meta)
		return nil
	})
	if !broken {
		return
	}
	// The write's walk of every tree finds what to set aside: one this
	// process sealed before the pages were damaged would be skipped.
	unsealFree(s.path)
	if s.update(func(*bolt.Tx) error { return nil }) != nil {
		return
	}
	// Pages whose every draft was kept are wiped now, not at some
	// later save.
	_ = s.scrub()
}

// draftsSetAsideWords says that the drafts bad (their keys), whose
// patients are whose where they can be read, are damaged and set aside:
// what to do, and that the store goes on taking assessments.
func draftsSetAsideWords(path string, bad, whose []string) string {
	what := fmt.Sprintf("an unfinished assessment kept as a draft%s is damaged and cannot be offered, so enter that assessment again", whoseWords(whose))
	it, ids := "it", "draft "+bad[0]
	if len(bad) > 1 {
		what = fmt.Sprintf("%d unfinished assessments kept as drafts%s are damaged and cannot be offered, so enter those assessments again", len(bad), whoseWords(whose))
		it, ids = "them", "drafts "+strings.Join(bad, ", ")
	}
	return fmt.Sprintf("in the digicheck store %s, %s. Only the draft is damaged, and it is set aside: assessments are saved and backed up as before, and digicheck check --discard-damaged-drafts removes %s (for IT: %s)", path, what, it, ids)
}

// DiscardDamagedDrafts removes every draft whose own bytes are damaged
// (set aside: ListDrafts does not offer it, and check names it), with
// its bytes (scrubbed, as DiscardDraft's), and returns how many. The
// sound drafts are left. A store found damaged is refused, as to any
// write; so is one whose pages of drafts are damaged, whose drafts are
// read page by page and which check reports as damaged.
func (s *Store) DiscardDamagedDrafts() (int, error) {
	n := 0
	err := s.updateAt(func(tx *bolt.Tx, at *txFile) error {
		n = 0
		// Damaged pages of drafts set aside, with drafts on them that
		// could not be read: wiped by the scrub below (draftpages.go).
		aside := asideIn(tx)
		wiped := false
		for i := range aside {
			if a := &aside[i]; !a.Wiped && !a.Wipe {
				// Their keys and patients go now: the meta page
				// that named them is free after this write, and
				// wiped by the scrub.
				n += len(a.Lost)
				a.Wipe, a.Lost, wiped = true, nil, true
			}
		}
		if wiped {
			v, err := json.Marshal(aside)
			if err != nil {
				return err
			}
			if err := tx.Bucket(bucketMeta).Put(keyDraftsAside, v); err != nil {
				return err
			}
			if err := askScrub(tx); err != nil {
				return err
			}
		}
		b := draftsOf(tx)
		if b == nil {
			return nil
		}
		// (A tree this write has just set aside is not the drafts'.)
		if broken, why := draftsTreeBroken(at.f, at.meta); broken && at.aside == nil {
			return damaged(s.path, "the pages that lead to the unfinished assessments kept as drafts are damaged, so no draft was discarded; run digicheck check (for IT: "+why+")", nil)
		}
		var keys [][]byte
		if err := b.ForEach(func(k, v []byte) error {
			if _, err := s.readDraft(k, v); err != nil {
				keys = append(keys, bytes.Clone(k))
			}
			return nil
		}); err != nil {
			return err
		}
		for _, k := range keys {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		n += len(keys)
		if len(keys) == 0 {
			return nil
		}
		return askScrub(tx)
	})
	if err != nil || n == 0 {
		return 0, err
	}
	return n, s.scrub()
}

// walkedDraftsWords says, for drafts read from their own pages as the
// pages that lead to them are damaged (draftsOnPages), how many were
// found, and whose could not be read, with what to do.
func walkedDraftsWords(found int, bad []pageDraft) string {
	s := fmt.Sprintf("the pages that lead to the unfinished assessments kept as drafts are damaged, so each page of drafts was read on its own: %s found there and can be resumed; any other unfinished assessment is lost from this store, so if one is not on the list, enter that assessment again", plural(found, "unfinished assessment kept as a draft was", "unfinished assessments kept as drafts were"))
	if len(bad) > 0 {
		s += "; " + badDraftsWords(bad)
	}
	return s
}

// badDraftsWords names the drafts found on pages of drafts that cannot be
// read, by patient where that can be read, and says what to do.
func badDraftsWords(bad []pageDraft) string {
	var whose []string
	unknown := 0
	for _, p := range bad {
		if p.patient.Value == "" {
			unknown++
			continue
		}
		whose = append(whose, "patient "+p.patient.String())
	}
	if unknown > 0 {
		whose = append(whose, plural(unknown, "whose patient cannot be read", "whose patients cannot be read"))
	}
	if len(bad) == 1 {
		return fmt.Sprintf("one more draft (%s) cannot be read, so enter that assessment again", whose[0])
	}
	return fmt.Sprintf("%d more drafts (%s) cannot be read, so enter those assessments again", len(bad), strings.Join(whose, ", "))
}

// DraftsNotOffered is why ListDrafts says the store is damaged when
// drafts in it cannot be read: how many, and the patients they name
// (where they can be read). Told only that the store was damaged, the
// clinician saw a list without them and did not know one was missing.
type DraftsNotOffered struct {
	N        int
	Patients []record.PatientID
	Err      error // the first draft's own damage, for IT
}

func (e *DraftsNotOffered) Error() string {
	return fmt.Sprintf("%d drafts cannot be read: %v", e.N, e.Err)
}
func (e *DraftsNotOffered) Unwrap() error { return e.Err }

// whoseWords names, in brackets, the patients of drafts that cannot be
// offered, where the drafts say them ("" when none does).
func whoseWords(whose []string) string {
	if len(whose) == 0 {
		return ""
	}
	return " (" + questionnaire.Printable(strings.Join(whose, ", ")) + ")"
}

// plural is "n one" or "n many" as n is 1 or not.
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// savedIn reports whether recs holds a record under key, or an error when
// a damaged page stops the look (bbolt panics on some).
func savedIn(recs *bolt.Bucket, key []byte) (saved bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			saved, err = false, fmt.Errorf("looking up %s: %v", keyText(key), p)
		}
	}()
	return recs.Get(key) != nil, nil
}

// ExpireDrafts discards, as DiscardDraft does, every draft last saved
// more than maxAge ago that no live window holds, and returns them (for
// saying so). maxAge 0 or less discards none.
func (s *Store) ExpireDrafts(maxAge time.Duration) ([]Draft, error) {
	if maxAge <= 0 {
		return nil, nil
	}
	now := time.Now().UTC()
	// Read first: most starts find nothing to expire, and a write (a
	// commit and an fsync) would slow every start for nothing.
	due := false
	if err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) (err error) {
		due, err = draftsDue(tx, at, maxAge, now)
		return err
	}); err != nil || !due {
		return nil, err
	}
	var gone []Draft
	err := s.update(func(tx *bolt.Tx) error {
		gone = gone[:0]
		b := draftsOf(tx)
		if b == nil {
			return nil
		}
		var keys [][]byte
		err := b.ForEach(func(k, v []byte) error {
			d, err := decodeDraft(k, v)
			if err != nil {
				return nil // damaged: kept as it is, for IT (ListDrafts and check name it)
			}
			if !d.Saved.Add(maxAge).After(now) && !s.heldElsewhere(&d, now) {
				keys = append(keys, append([]byte(nil), k...))
				gone = append(gone, d)
			}
			return nil
		})
		if err != nil || len(keys) == 0 {
			return err
		}
		for _, k := range keys {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return askScrub(tx)
	})
	if err != nil || len(gone) == 0 {
		return nil, err
	}
	return gone, s.scrub()
}

// draftsDue is ExpireDrafts' look, in tx: whether a draft was last saved
// maxAge or more before now, and so is to be discarded.
func draftsDue(tx *bolt.Tx, at *txFile, maxAge time.Duration, now time.Time) (due bool, err error) {
	b := draftsOf(tx)
	if b == nil {
		return false, nil
	}
	if broken, _ := draftsTreeBroken(at.f, at.meta); broken {
		// Nothing is discarded from a damaged store (it is
		// never written): ListDrafts says what is damaged.
		return false, nil
	}
	err = b.ForEach(func(k, v []byte) error {
		if d, err := decodeDraft(k, v); err == nil && !d.Saved.Add(maxAge).After(now) {
			due = true
		}
		return nil
	})
	return due, err
}

// DiscardDraft removes the draft with this id, and its bytes: the pages
// that held it, this version and every earlier one, are overwritten with
// zeros before it returns (scrub.go), so a discarded draft cannot be read
// from the file. A draft that is not there (discarded in another window,
// or saved as a record) is not an error; one another live window holds is
// refused with ErrDraftHeld, and one whose patient's entries of the
// patient index are damaged with ErrDamaged.
func (s *Store) DiscardDraft(id record.ID) error {
	if id.IsZero() {
		return nil
	}
	now := time.Now().UTC()
	found := false
	err := s.updateAt(func(tx *bolt.Tx, at *txFile) error {
		b, key, v := draftIn(tx, id)
		if v == nil {
			return nil
		}
		d, err := decodeDraft(key, v)
		if err == nil && s.heldElsewhere(&d, now) {
			return s.heldError(&d)
		}
		// A draft of a patient whose entries of the patient index are
		// damaged is that damage's evidence: not deleted (H27).
		if err == nil && d.Patient.Value != "" {
			if err := s.indexAroundScan(tx, at, patientPrefix(d.Patient)); err != nil {
				return err
			}
		}
		found = true
		if err := b.Delete(key); err != nil {
			return err
		}
		return askScrub(tx)
	})
	if err != nil || !found {
		return err
	}
	s.setHeld(id, false)
	return s.scrub()
}

// draftFromRecord is a record's answers as a draft, for a record that
// could not be saved under its own id because another window took its
// draft over (Save).
func draftFromRecord(r *record.Record, id record.ID) Draft {
	d := Draft{Draft: assess.DraftOf(r), ForkedFrom: r.ID}
	d.ID = id
	return d
}

// readDraft is decodeDraft, and refuses as damaged a draft that decodes
// but holds what no digicheck keeps (draftFault): a draft kept before
// drafts carried their checksum (draftsum.go) has none, and one flipped
// bit can leave sound JSON with another patient's number in it.
func (s *Store) readDraft(key, val []byte) (Draft, error) {
	d, err := decodeDraft(key, val)
	if err == nil {
		err = s.draftFault(&d)
	}
	if err != nil {
		return Draft{}, err
	}
	return d, nil
}

// draftFault says what in a draft no digicheck would have kept, or nil:
// a patient number that is not valid (an NHS number failing its check
// digit) or of no known kind, an instrument version not known, a section
// or answers that instrument has not. Resuming such a draft would save an
// assessment on what was never entered.
func (s *Store) draftFault(d *Draft) error {
	switch p := d.Patient; p.Kind {
	case record.NHSNumber:
		if _, err := record.CheckNHSNumber(p.Value); err != nil && !errors.Is(err, record.ErrNHSRepeated) {
			return fmt.Errorf("patient NHS number %q: %w", p.Value, err)
		}
	case record.LocalID:
		if _, err := record.NewPatientID(p.Kind, p.Value); err != nil && !errors.Is(err, record.ErrLocalLooksNHS) {
			return fmt.Errorf("patient local number %q: %w", p.Value, err)
		}
	case "":
		if p.Value != "" {
			return fmt.Errorf("patient number %q of no kind", p.Value)
		}
	default:
		return fmt.Errorf("patient number of unknown kind %q", p.Kind)
	}
	if d.InstrumentVersion == "" {
		return nil // none given yet: the session's own to choose
	}
	ins := s.instrument(d.InstrumentVersion)
	if ins == nil {
		return fmt.Errorf("instrument version %q is not known", d.InstrumentVersion)
	}
	if d.Section != "" && !slices.ContainsFunc(ins.Sections, func(sec questionnaire.Section) bool { return sec.ID == d.Section }) {
		return fmt.Errorf("no section %q in instrument version %s", d.Section, ins.Version)
	}
	for _, link := range slices.Sorted(maps.Keys(d.Answers)) {
		it, ok := ins.Item(link)
		if !ok {
			return fmt.Errorf("no question %q in instrument version %s", link, ins.Version)
		}
		if vals := d.Answers[link]; len(vals) > 0 {
			if err := ins.ValidateItem(it, vals); err != nil {
				return err
			}
		}
	}
	return nil
}

func decodeDraft(key, val []byte) (Draft, error) {
	if err := sizeError(key, val); err != nil {
		return Draft{}, err
	}
	j, err := draftJSON(val)
	if err != nil {
		return Draft{}, err
	}
	var d Draft
	if err := json.Unmarshal(j, &d); err != nil {
		return Draft{}, err
	}
	if d.ID.String() != string(key) {
		return Draft{}, fmt.Errorf("draft stored under %s carries id %q", key, d.ID)
	}
	return d, nil
}

// newToken names a window in the drafts it holds.
func newToken() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// loginName is the operating system login, without a Windows domain.
func loginName() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		name := u.Username
		if i := strings.LastIndexByte(name, '\\'); i >= 0 {
			name = name[i+1:]
		}
		return name
	}
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return ""
}

// CheckPatient reads the patient's entries of the patient index against
// their records, as the first draft of an assessment of them and its save
// read them, and writes nothing: an entry filed under another patient is
// found as the number is given, not after the first section's answers,
// and the error (ErrDamaged) says this patient's history cannot be
// trusted. Damage found is noted as any read's is, so no draft or save is
// written to the store after it.
func (s *Store) CheckPatient(p record.PatientID) error {
	if p.Value == "" {
		return nil
	}
	return s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		const lead = "a page of the patient index this patient's assessments are filed in is damaged"
		prefix := patientPrefix(p)
		if err := s.checkPath(tx, at, bucketPatients, "patient index", prefix, lead); err != nil {
			return err
		}
		return s.indexAroundScan(tx, at, prefix)
	})
}

// windowToken is the token naming this Store's window in the drafts it
// holds: "" for a Store made for a copy of the file (a backup's, check's),
// which holds none.
func (s *Store) windowToken() string {
	if s.token == nil {
		return ""
	}
	return s.token()
}
