package store

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// Versions. Nothing is overwritten: an amendment or a void is a new record
// whose Amends names the record it supersedes, and the old record stays as
// it was. Only the current version of an assessment can be superseded, so
// an assessment's versions form one line from its first record to its
// current one. The supersededBy bucket indexes that line forwards (old id
// -> the id of the record that supersedes it); Save writes the entry in the
// same transaction as the new record, so the index and the records never
// disagree, and Current, Versions and Latest are a few lookups.

var bucketSuperseded = []byte("supersededBy") // record id -> id of the record that supersedes it

// Named errors of amendments, voids and follow-ups. A superseded record
// comes back as a *SupersededError, which names the current version.
var (
	ErrSuperseded   = errors.New("record superseded")
	ErrVoided       = errors.New("record entered in error")
	ErrWrongPatient = errors.New("record of another patient")
	ErrNotLatest    = errors.New("not the patient's latest assessment")
)

// SupersededError is returned when a record that is no longer the current
// version of its assessment is amended, voided or followed up.
type SupersededError struct {
	ID      record.ID // the record given
	Current record.ID // the current version of its assessment
}

func (e *SupersededError) Error() string {
	return fmt.Sprintf("record %s has been superseded: %s is the current version, and only the current version can be amended, voided or followed up", e.ID, e.Current)
}

// Is makes errors.Is(err, ErrSuperseded) true.
func (e *SupersededError) Is(target error) bool { return target == ErrSuperseded }

// Voiding says who marks an assessment entered in error, and why.
type Voiding struct {
	Reason    string // required: why the record was entered in error
	Clinician string
	Team      string
}

// Current returns the current version of the assessment that the record
// with this id belongs to: the record
// itself when nothing supersedes it. The current version of a voided
// assessment is its entered-in-error record.
func (s *Store) Current(id record.ID) (record.Record, error) {
	var out record.Record
	err := s.readChains(func(c chainTx) (err error) {
		out, err = c.currentOf(id)
		return err
	})
	return out, err
}

// currentOf is Current in the transaction of c.
func (c chainTx) currentOf(id record.ID) (record.Record, error) {
	key, err := c.find(id.String())
	if err != nil {
		return record.Record{}, err
	}
	at, err := c.onLine(string(key))
	if err != nil {
		return record.Record{}, err
	}
	cur, err := c.current(at)
	if err != nil {
		return record.Record{}, err
	}
	out, err := c.must(cur)
	if err != nil || c.setAside(cur) {
		return out, err
	}
	return out, c.standing(out) // standing.go
}

// Versions returns every version of the assessment that the record with
// this id belongs to, oldest first: the first record
// made, then each that superseded the one before. The last is the current
// version.
func (s *Store) Versions(id record.ID) ([]record.Record, error) {
	var out []record.Record
	err := s.readChains(func(c chainTx) (err error) {
		out, err = c.versionsOf(id)
		return err
	})
	return out, err
}

// versionsOf is Versions in the transaction of c.
func (c chainTx) versionsOf(id record.ID) ([]record.Record, error) {
	key, err := c.find(id.String())
	if err != nil {
		return nil, err
	}
	r, err := c.must(string(key))
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{r.ID.String(): true}
	out := []record.Record{r}
	for !r.Amends.IsZero() {
		if r, err = c.must(r.Amends.String()); err != nil {
			return nil, err
		}
		if seen[r.ID.String()] {
			return nil, damaged(c.s.path, fmt.Sprintf("the versions of record %s loop", id), nil)
		}
		seen[r.ID.String()] = true
		out = append(out, r)
	}
	slices.Reverse(out)
	for next := c.next(string(key)); next != ""; next = c.next(next) {
		if seen[next] {
			return nil, damaged(c.s.path, fmt.Sprintf("the versions of record %s loop", id), nil)
		}
		seen[next] = true
		r, err := c.must(next)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Latest returns the patient's latest assessment that counts: of the
// current versions not entered in error, the one whose assessment was first
// made last (an amendment made today of last month's assessment is last
// month's). It is what a follow-up follows up. It fails with ErrNotFound
// when the patient has none.
func (s *Store) Latest(p record.PatientID) (record.Record, error) {
	var out record.Record
	err := s.readChains(func(c chainTx) error {
		r, ok, err := c.latest(p)
		if err != nil {
			return err
		}
		if !ok {
			return &Error{ErrNotFound, fmt.Sprintf("patient %s has no assessment to follow up", p), nil}
		}
		out = r
		return nil
	})
	return out, err
}

// Amend saves r as the new current version of the assessment whose current
// version is r.Amends, with status Amended. Build r from that version (the
// form pre-filled) and change what needs changing: a status copied from it
// becomes Amended, and an id still the old record's is replaced, with the
// time, by a new one (a retry of the same r keeps the new id). Save
// refuses an amendment of a record that does not exist (ErrNotFound), is
// of another patient (ErrWrongPatient), has already been superseded (a
// *SupersededError naming the current version) or was entered in error
// (ErrVoided). An amendment keeps the FollowsUp of the record it amends.
func (s *Store) Amend(r *record.Record) error {
	if r == nil || r.Amends.IsZero() {
		return &Error{ErrInvalidRecord, "cannot save the amendment: it does not say which record it amends", nil}
	}
	switch r.Status {
	case "", record.Completed, record.Amended:
		r.Status = record.Amended
	default:
		return &Error{ErrInvalidRecord, fmt.Sprintf("cannot save the amendment: its status is %q (use Void to mark a record entered in error)", r.Status), nil}
	}
	if r.ID == r.Amends {
		r.ID, r.Time = record.ID{}, time.Time{}
	}
	return s.Save(r)
}

// Void marks the assessment entered in error by saving a new version of it
// with status EnteredInError, the reason, and who voided it and when; the
// answers and result are those of the version voided, so the record shows
// what was voided. id must name the current version, as for Amend. It
// returns the new record, once it is saved as Save saves it: committed
// and fsynced, or not written at all.
func (s *Store) Void(id record.ID, v Voiding) (record.Record, error) {
	reason := strings.TrimSpace(v.Reason)
	if reason == "" {
		return record.Record{}, &Error{ErrInvalidRecord, "give a reason for marking the record entered in error", nil}
	}
	old, err := s.Get(id)
	if err != nil {
		return record.Record{}, err
	}
	r := old
	r.ID, r.Time = record.ID{}, time.Time{}
	r.Clinician, r.Team = v.Clinician, v.Team
	r.Status, r.Amends, r.VoidReason = record.EnteredInError, old.ID, reason
	// The void's reason is its own: the amended version's reason,
	// copied with its answers, was shown as the void's.
	r.AmendReason = ""
	if err := s.Save(&r); err != nil {
		return record.Record{}, err
	}
	return r, nil
}

// chainTx reads records and the supersession index inside one transaction.
type chainTx struct {
	s    *Store
	tx   *bolt.Tx
	recs *bolt.Bucket
	sup  *bolt.Bucket // nil in a store where nothing was ever superseded
	// aside: the versions set off their line when a conflict with a
	// server was settled (bucketSetAsideLine); nil where none were.
	aside *bolt.Bucket
	// own reads a record whose path through the records' tree is
	// damaged from its own page (leafwalk.go); nil: none is.
	own *ownPages
	// at is the file under tx, where the walk of the whole patient
	// index is kept for the rest of the transaction (walkIndex); nil:
	// each check walks it.
	at *txFile
}

func (s *Store) chains(tx *bolt.Tx) chainTx {
	return chainTx{s, tx, tx.Bucket(bucketRecords), tx.Bucket(bucketSuperseded), tx.Bucket(bucketSetAsideLine), nil, nil}
}

// readChains runs fn with the chains of a read transaction that read a
// record under a damaged page of the records' tree from its own page.
func (s *Store) readChains(fn func(c chainTx) error) error {
	return s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		c := s.chains(tx)
		c.own, c.at = &ownPages{s: s, tx: tx, at: at}, at
		defer c.own.close()
		return fn(c)
	})
}

// setAside reports whether id was set off its assessment's line when a
// conflict was settled: kept, never current, never counted.
func (c chainTx) setAside(id string) bool {
	return c.aside != nil && c.aside.Get([]byte(id)) != nil
}

// onLine is id, or, for a version set off its line when a conflict was
// settled, the version of the line it rests on (walking back through
// versions set aside with it): where the assessment's current version is
// found from.
func (c chainTx) onLine(id string) (string, error) {
	for n := 0; c.setAside(id) && n < 1<<20; n++ {
		r, err := c.must(id)
		if err != nil {
			return "", err
		}
		id = r.Amends.String()
	}
	return id, nil
}

// find resolves an id or unique id prefix to a record key, as Get does.
func (c chainTx) find(id string) ([]byte, error) {
	id = strings.ToLower(strings.TrimSpace(id))
	if len(id) < record.MinIDPrefix {
		return nil, &Error{ErrNotFound, fmt.Sprintf("no record with id %q: give at least %d characters of the id", id, record.MinIDPrefix), nil}
	}
	prefix := []byte(id)
	// The path to the first key with the prefix, and to the last.
	if c.own.damaged(prefix) || c.own.damaged(append(bytes.Clone(prefix), 0xff)) {
		switch ks := c.own.withPrefix(prefix); len(ks) {
		case 0:
		case 1:
			return ks[0], nil
		default:
			return nil, &Error{ErrAmbiguous, fmt.Sprintf("%d records have an id starting %q; give more of the id", len(ks), id), nil}
		}
	}
	cur := c.recs.Cursor()
	k, _ := cur.Seek(prefix)
	if k == nil || !bytes.HasPrefix(k, prefix) {
		return nil, &Error{ErrNotFound, fmt.Sprintf("no record with id %q", id), nil}
	}
	if k2, _ := cur.Next(); k2 != nil && bytes.HasPrefix(k2, prefix) {
		return nil, c.ambiguous(id, prefix)
	}
	return k, nil
}

// get returns the record with exactly this id.
func (c chainTx) get(id string) (record.Record, bool, error) {
	v, readable := getSafe(c.recs, []byte(id))
	if !readable || v == nil && c.own.damaged([]byte(id)) {
		if v = c.own.get([]byte(id)); v == nil && !readable {
			v = c.recs.Get([]byte(id)) // the damaged page, said as before
		}
	}
	if v == nil {
		return record.Record{}, false, nil
	}
	r, err := c.s.verified(c.tx, []byte(id), v)
	return r, err == nil, err
}

// must returns a record that an index or a link says is there.
func (c chainTx) must(id string) (record.Record, error) {
	r, ok, err := c.get(id)
	if err == nil && !ok {
		err = damaged(c.s.path, fmt.Sprintf("record %s is linked to but missing", id), nil)
	}
	return r, err
}

// next is the id of the record that supersedes id, or "".
func (c chainTx) next(id string) string {
	if c.sup == nil {
		return ""
	}
	return string(c.sup.Get([]byte(id)))
}

// current follows the index forwards from id to the current version.
func (c chainTx) current(id string) (string, error) {
	seen := map[string]bool{}
	for {
		n := c.next(id)
		if n == "" {
			return id, nil
		}
		if seen[n] {
			return "", damaged(c.s.path, fmt.Sprintf("the versions of record %s loop", id), nil)
		}
		seen[n] = true
		id = n
	}
}

// latest is Latest inside a transaction; ok is false when the patient has
// no assessment that counts.
func (c chainTx) latest(p record.PatientID) (best record.Record, ok bool, err error) {
	as, err := c.assessments(p)
	if err != nil || len(as) == 0 {
		return record.Record{}, false, err
	}
	return as[len(as)-1].Current, true, nil
}

// assessments is the patient's assessments that count (Assessments).
func (c chainTx) assessments(p record.PatientID) ([]Assessment, error) {
	prefix := patientPrefix(p)
	if err := c.s.indexAroundOwn(c.tx, c.at, prefix, c.own); err != nil {
		return nil, err // patindex.go
	}
	byID := map[string]record.Record{}
	var ids []string
	cur := c.tx.Bucket(bucketPatients).Cursor()
	for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
		id := string(k[len(prefix):])
		r, err := c.must(id)
		if err != nil {
			return nil, err
		}
		byID[id] = r
		ids = append(ids, id)
	}
	// The records' own links say which versions were replaced; the
	// index must say so too (standing.go).
	for _, id := range ids {
		if r := byID[id]; !r.Amends.IsZero() && !c.setAside(id) && c.next(r.Amends.String()) == "" {
			return nil, replacedUnindexed(c.s.path, r.Amends.String(), id)
		}
	}
	var out []Assessment
	for _, id := range ids {
		r := byID[id]
		if c.next(id) != "" || r.Status == record.EnteredInError || c.setAside(id) {
			continue
		}
		// The first version of r's assessment: walk Amends back.
		first := byID[id]
		for range len(ids) {
			prev, found := byID[first.Amends.String()]
			if !found {
				break
			}
			first = prev
		}
		out = append(out, Assessment{Current: r, First: first})
	}
	// An assessment is followed up when a follow-up that counts links to
	// any of its versions (an amendment keeps its follow-up link).
	firstOf := func(id string) string {
		for range len(ids) {
			r, found := byID[id]
			if !found || r.Amends.IsZero() {
				break
			}
			id = r.Amends.String()
		}
		return id
	}
	followed := map[string]bool{}
	for _, a := range out {
		if !a.Current.FollowsUp.IsZero() {
			followed[firstOf(a.Current.FollowsUp.String())] = true
		}
	}
	for i := range out {
		out[i].FollowedUp = followed[out[i].First.ID.String()]
	}
	slices.SortStableFunc(out, func(a, b Assessment) int { return record.Chronological(&a.First, &b.First) })
	return out, nil
}

// Assessment is one of a patient's assessments that counts: its current
// version, and its first, whose time is when the assessment was made.
type Assessment struct {
	Current, First record.Record
	// FollowedUp says a follow-up that counts links to it: the patient's
	// care goes on from that follow-up, not from it.
	FollowedUp bool
}

// Assessments returns the patient's assessments that count: the current
// version of each, leaving out those entered in error, in the order they
// were first made (an amendment made today of last month's assessment is
// last month's), so that the last is Latest. More than one not followed
// up is a patient assessed more than once without a follow-up linking
// them (two windows on one patient, say): history, due and followup say
// so. None is no error.
func (s *Store) Assessments(p record.PatientID) ([]Assessment, error) {
	var out []Assessment
	err := s.readChains(func(c chainTx) error {
		var err error
		out, err = c.assessments(p)
		return err
	})
	return out, err
}

// linkable returns the record id names if r may supersede it (verb
// "supersede") or follow it up ("follow up"): it exists, is of r's
// patient, is the current version, and was not entered in error.
func (c chainTx) linkable(id string, r *record.Record, verb string) (record.Record, error) {
	old, ok, err := c.get(id)
	switch {
	case err != nil:
		return old, err
	case !ok:
		return old, &Error{ErrNotFound, fmt.Sprintf("cannot save: record %s, which this record would %s, does not exist", id, verb), nil}
	case old.Patient != r.Patient:
		return old, &Error{ErrWrongPatient, fmt.Sprintf("cannot save: record %s is of another patient; to correct the patient, mark the record entered in error and assess again", id), nil}
	case c.setAside(id) || c.next(id) != "":
		// Superseded; a version set off its line on settling a
		// conflict, by the server's version kept in its place and
		// what came after.
		at, err := c.onLine(id)
		if err != nil {
			return old, err
		}
		cur, err := c.current(at)
		if err != nil {
			return old, err
		}
		curID, err := record.ParseID(cur)
		if err != nil {
			return old, damaged(c.s.path, fmt.Sprintf("the version index names %q, which is not a record id", cur), nil)
		}
		return old, &SupersededError{ID: old.ID, Current: curID}
	}
	// Current by the index: by the records too (standing.go).
	if err := c.standing(old); err != nil {
		return old, err
	}
	if old.Status == record.EnteredInError {
		return old, &Error{ErrVoided, fmt.Sprintf("cannot save: record %s was entered in error (%s), so there is nothing to %s; start a new assessment", id, old.VoidReason, verb), nil}
	}
	return old, nil
}

// link runs inside Save's transaction, after the record is known to be
// new and valid by itself (record.Validate) and before it is written. It
// checks the record's links against the store as it is in this
// transaction, writes the supersession index entry for an amendment or
// void, works out a follow-up's Change, and removes the draft the record was made from (a draft's id is its
// record's id), so a saved assessment is never offered again as a draft.
// It returns val, encoded again if it filled in anything on r.
//
// A copy (copied) of a record made on another machine keeps the follow-up
// link and Change it was saved with there: that machine's latest
// assessment of the patient need not be this store's, so only that the
// record it follows up is here, and of the same patient, is checked.
//
// at is the file under tx, which keeps the walk of the whole patient
// index a follow-up's or an amendment's check makes for the rest of the
// transaction: a batch walks it once (walkIndex).
//
// replacing, for a server's version taken in on settling a conflict
// (saveSettled), lets r supersede a version already superseded here: the
// version index then names r, and the line it replaces is set aside in
// the same transaction.
func (s *Store) link(tx *bolt.Tx, at *txFile, r *record.Record, val []byte, copied, replacing bool) ([]byte, error) {
	invalid := func(format string, args ...any) error {
		return &Error{ErrInvalidRecord, "cannot save the record: " + fmt.Sprintf(format, args...), nil}
	}
	c := s.chains(tx)
	c.at = at
	if c.next(r.ID.String()) != "" {
		// Only a damaged store says a record not yet saved is superseded.
		return nil, damaged(s.path, fmt.Sprintf("the version index names record %s before it exists", r.ID), nil)
	}
	// A version of a synthetic record, or a follow-up of one, is of the
	// same made-up patient: synthetic too. Made from the answers, as
	// every front end makes one, it came without the mark, and a store
	// of synthetic data refused it as a real record ("the store did not
	// save it", said the full screen).
	madeUp := false
	if !r.Synthetic && !copied {
		for _, on := range []record.ID{r.Amends, r.FollowsUp} {
			if on.IsZero() {
				continue
			}
			if old, ok, err := c.get(on.String()); err == nil && ok && old.Synthetic {
				r.Synthetic, madeUp = true, true
			}
		}
	}
	if !r.Amends.IsZero() {
		old, err := c.linkable(r.Amends.String(), r, "supersede")
		if errors.Is(err, ErrSuperseded) && replacing {
			err = nil
		}
		if errors.Is(err, ErrVoided) && (copied || undoingVoid(r.ID)) {
			// A void undone (push --resolve --keep-mine --undo-void),
			// here or read from the server: see KeepMineLine.
			err = nil
		}
		if err != nil {
			return nil, err
		}
		if r.FollowsUp != old.FollowsUp {
			return nil, invalid("an amendment keeps the follow-up link of the record it amends (%q, not %q)", old.FollowsUp, r.FollowsUp)
		}
		sup, err := tx.CreateBucketIfNotExists(bucketSuperseded)
		if err != nil {
			return nil, err
		}
		if err := sup.Put(recordKey(old.ID), recordKey(r.ID)); err != nil {
			return nil, err
		}
		c.sup = sup
	} else if !r.FollowsUp.IsZero() && copied {
		old, ok, err := c.get(r.FollowsUp.String())
		switch {
		case err != nil:
			return nil, err
		case !ok:
			return nil, &Error{ErrNotFound, fmt.Sprintf("cannot save the copy: record %s, which it follows up, is not in this store", r.FollowsUp), nil}
		case old.Patient != r.Patient:
			return nil, &Error{ErrWrongPatient, fmt.Sprintf("cannot save the copy: record %s, which it follows up, is of another patient", r.FollowsUp), nil}
		}
	} else if !r.FollowsUp.IsZero() {
		if err := c.followable(r); err != nil {
			return nil, err
		}
	}
	if copied {
		return val, nil
	}

	// Change is the store's to fill in: set for a follow-up, never for
	// anything else.
	changed := r.Change != nil || madeUp
	r.Change = nil
	if !r.FollowsUp.IsZero() {
		if err := c.compare(r); err != nil {
			return nil, err
		}
		changed = true
	}

	if d := draftsOf(tx); d != nil {
		if err := d.Delete(recordKey(r.ID)); err != nil {
			return nil, err
		}
	}
	if changed {
		val, err := encodeRecord(r)
		if err != nil {
			return nil, &Error{ErrInvalidRecord, "cannot encode the record: " + err.Error(), err}
		}
		return val, nil
	}
	return val, nil
}

// followable checks that a new follow-up follows up the patient's latest
// assessment that counts, saying what is wrong when it does not.
func (c chainTx) followable(r *record.Record) error {
	latest, ok, err := c.latest(r.Patient)
	if err != nil {
		return err
	}
	if ok && latest.ID == r.FollowsUp {
		return nil
	}
	old, err := c.linkable(r.FollowsUp.String(), r, "follow up")
	if err != nil {
		return err
	}
	return &Error{ErrNotLatest, fmt.Sprintf("cannot save the follow-up: it follows up record %s of %s, but the patient's latest assessment is %s of %s; follow up that one",
		old.ID, old.Time.Local().Format("2006-01-02"), latest.ID, latest.Time.Local().Format("2006-01-02")), nil}
}

// compare fills in a follow-up's Change against the current version of
// the assessment it follows up (none when that was entered in error since),
// and names each outcome's programme as it was in the earlier referral.
func (c chainTx) compare(r *record.Record) error {
	cur, err := c.current(r.FollowsUp.String())
	if err != nil {
		return err
	}
	prev, err := c.must(cur)
	if err != nil {
		return err
	}
	record.SetChange(r, prev)
	return nil
}
