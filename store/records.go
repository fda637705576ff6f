package store

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// Save writes r as a new record, with its patient index entry, in one
// transaction. It fills in what is missing first, and these stay set on r
// even if the save fails, so a retry saves the same record: r.ID (a new
// UUIDv7 when empty; a given id must be a UUIDv7 and is kept in canonical
// form), r.Time (now, in UTC, when zero) and r.Status (Completed when
// empty).
//
// Save returns nil only after the transaction is committed and fsynced:
// bbolt's commit syncs the data pages and then the meta page, and this
// package leaves bbolt's NoSync at its default, false, so a record Save
// reported saved survives a crash or power cut. Records are never
// overwritten: saving an id that is already stored fails with ErrExists. A
// record that breaks a rule of a record by itself (record.Validate, its
// answers checked with the instrument of its version this store knows)
// fails with ErrInvalidRecord, whose message says each rule broken.
//
// In the same transaction, a record that supersedes another (Amends) or
// follows one up (FollowsUp) is checked against the store as it is then
// (see Amend, Void and Latest for what is refused), a follow-up's Change
// is filled in, the draft with the record's id, if any, is removed, and a
// SHA-256 of the record's stored bytes is kept (sums.go).
func (s *Store) Save(r *record.Record) error { return s.save(r, false) }

// save is Save; copied saves a copy of a record made elsewhere (SaveCopy):
// its follow-up link is kept as it was made there (copies.go).
func (s *Store) save(r *record.Record, copied bool) error {
	if err := prepare(r); err != nil {
		return err
	}
	// What the save works out from the record alone, its checks and its
	// bytes, is worked out first, on the caller's goroutine. It was worked
	// out on another while this one opened the file, when packing took
	// 50-60 us; since records are packed as S2 blocks (encode.go) it takes
	// about 30 us, less than waking a second thread took on a busy
	// machine (60-90 us), and a save waited for it all the same. Tried
	// again on a 100k store, where the work is about 100 us (run AK,
	// docs/performance.md), with the work taken back when the goroutine
	// had not begun it, and with one goroutine kept for it: each made
	// the median save 30-110 us slower, none quicker (the wake, and the
	// map's unmapping at the close then interrupting the other core
	// too). A follow-up, whose Change link fills in, is encoded by link
	// alone, once.
	var encoded []byte
	invalid := s.valid(r)
	if invalid == nil && (copied || (r.Change == nil && r.FollowsUp.IsZero())) {
		var err error
		if encoded, err = encodeRecord(r); err != nil {
			invalid = &Error{ErrInvalidRecord, "cannot encode the record: " + err.Error(), err}
		}
	}
	// The id a record forked to a draft is kept under is made only when
	// one is (rarely): a random id is a system call.
	var fork record.ID
	key, pkey := recordKey(r.ID), patientKey(r.Patient, r.ID)
	forked := false
	now := time.Now().UTC()
	err := s.updateAt(func(tx *bolt.Tx, at *txFile) error {
		// The pages the record and its index entry go in, before
		// anything reads them through bbolt.
		const lead = "a page this save would rewrite is damaged, so nothing was saved"
		if err := s.checkPath(tx, at, bucketRecords, "records", key, lead); err != nil {
			return err
		}
		if err := s.checkPath(tx, at, bucketPatients, "patient index", pkey, lead); err != nil {
			return err
		}
		if err := s.indexAroundSave(tx, at, pkey, patientPrefix(r.Patient)); err != nil {
			return err // patindex.go
		}
		if invalid != nil {
			return invalid
		}
		recs := tx.Bucket(bucketRecords)
		forked = false
		// A window that lost its draft to another keeps its answers as a
		// new draft rather than failing on every retry (drafts.go).
		if recs.Get(key) != nil {
			if s.didSave(r.ID) || !s.didHold(r.ID) {
				return &Error{ErrExists, fmt.Sprintf("record %s is already saved; records are never overwritten", r.ID), nil}
			}
			forked = true
		} else if b := draftsOf(tx); b != nil {
			if v := b.Get(key); v != nil {
				if d, err := decodeDraft(key, v); err == nil && s.heldElsewhere(&d, now) {
					forked = true
				}
			}
		}
		if forked {
			if fork.IsZero() {
				id, err := record.NewID()
				if err != nil {
					return err
				}
				fork = id
			}
			return s.keepAsDraft(tx, r, fork, now)
		}
		return s.put(tx, at, r, key, encoded, copied, false)
	})
	// A record that is not valid is refused as such, whatever else
	// (a busy or damaged store) stopped the transaction.
	if invalid != nil {
		return invalid
	}
	if err != nil {
		return err
	}
	if forked {
		old := r.ID
		r.ID = fork
		s.setHeld(fork, true)
		return &Error{ErrDraftTaken, fmt.Sprintf("another digicheck window has taken over or saved the assessment %s; nothing was lost: these answers are kept as a draft of their own (%s). Save again to save them as a separate assessment, or resume the draft later", old, fork), nil}
	}
	s.mu.Lock()
	s.saved[r.ID] = true
	s.mu.Unlock()
	return nil
}

// put writes r, new and valid by itself, under key in Save's transaction:
// its versions, follow-up link and finished draft (link, versions.go) from
// encoded, its stored bytes; the record, its checksum and the compact
// facts summaries read (storeRecord, facts.go); and its patient index
// entry. copied and replacing are link's.
func (s *Store) put(tx *bolt.Tx, at *txFile, r *record.Record, key, encoded []byte, copied, replacing bool) error {
	val, err := s.link(tx, at, r, encoded, copied, replacing)
	if err != nil {
		return err
	}
	if err := s.storeRecord(tx, at, tx.Bucket(bucketRecords), r, key, val); err != nil {
		return err
	}
	return putPatient(s.path, tx.Bucket(bucketPatients), r)
}

// keepAsDraft saves r's answers as a new draft, held by this window, under
// id.
func (s *Store) keepAsDraft(tx *bolt.Tx, r *record.Record, id record.ID, now time.Time) error {
	d := draftFromRecord(r, id)
	d.Started, d.Saved, d.Login = now, now, s.login
	s.hold(&d, now)
	b, err := tx.CreateBucketIfNotExists(draftsName(tx))
	if err != nil {
		return err
	}
	return putDraft(tx, b, recordKey(id), &d)
}

// prepare fills in what Save fills in: a new id, the time and the status
// Completed, each only when missing.
func prepare(r *record.Record) error {
	if r == nil {
		return &Error{ErrInvalidRecord, "cannot save the record: there is no record", nil}
	}
	if r.ID.IsZero() {
		id, err := record.NewID()
		if err != nil {
			return err
		}
		r.ID = id
	}
	if r.Time.IsZero() {
		r.Time = time.Now().UTC()
	}
	if r.Status == "" {
		r.Status = record.Completed
	}
	return nil
}

// valid refuses a record that breaks a rule a record must meet by itself
// (record.Validate), its answers checked with the instrument of its
// version this store knows (Options.Instruments, or one digicheck has).
// The rules that need the records already stored are link's (versions.go).
//
// A record whose result is not what its answers give (record.Verify, with
// the instruments every later read checks against) is refused too: saved,
// it would be refused on every read as damaged, and the store with it.
func (s *Store) valid(r *record.Record) error {
	err := record.Validate(r, s.instrument(r.InstrumentVersion))
	if err == nil {
		err = record.Verify(r, s.instruments[r.InstrumentVersion], nil)
	}
	if err != nil {
		return &Error{ErrInvalidRecord, "cannot save the record: " + err.Error(), err}
	}
	return nil
}

// Find returns the record whose id starts with the given text, of at
// least record.MinIDPrefix characters (case does not matter): what a
// clinician types back from a note or a history. It fails with ErrNotFound
// or, when more than one id starts with it, ErrAmbiguous, whose message
// lists them.
func (s *Store) Find(id string) (record.Record, error) {
	var out record.Record
	err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		// The page the record is on, before bbolt reads it: a page
		// whose elements lie outside it would make it fault.
		prefix := []byte(strings.ToLower(strings.TrimSpace(id)))
		if err := s.checkPath(tx, at, bucketRecords, "records", prefix, "the page this record is kept on is damaged, so it cannot be read"); err != nil {
			// A page that leads to the records damaged: the record is
			// read from its own page, as an export reads it.
			own := &ownPages{s: s, tx: tx, at: at}
			defer own.close()
			ks := own.withPrefix(prefix)
			if len(ks) != 1 || len(prefix) < record.MinIDPrefix {
				return err
			}
			v := own.get(ks[0])
			if v == nil {
				return err
			}
			out, err = s.verified(tx, ks[0], v)
			return err
		}
		c := s.chains(tx)
		c.own = &ownPages{s: s, tx: tx, at: at}
		defer c.own.close()
		k, err := c.find(id)
		if err != nil {
			return err
		}
		r, ok, err := c.get(string(k))
		if err == nil && !ok {
			_, err = s.verified(tx, k, nil)
		}
		out = r
		return err
	})
	return out, err
}

// Get returns the record with this id, or fails with ErrNotFound. As for
// Find, the record is read in one read transaction and checked first
// against its checksum, its facts and its result worked out again from
// its answers (checked.go): one that fails is never returned, but fails
// with ErrDamaged, and the damage is noted (writes are then refused).
func (s *Store) Get(id record.ID) (record.Record, error) {
	if id.IsZero() {
		return record.Record{}, &Error{ErrNotFound, "no record id given", nil}
	}
	return s.Find(id.String())
}

// ambiguous is the error for an id prefix that more than one record starts
// with: it lists every one (id, patient, when), so the clinician can pick
// the right one without another command.
func (c chainTx) ambiguous(id string, prefix []byte) error {
	var rs []record.Record
	cur := c.recs.Cursor()
	for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
		r, err := c.s.decode(k, v)
		if err != nil {
			r = record.Record{}
			r.ID, _ = record.ParseID(string(k))
		}
		rs = append(rs, r)
	}
	return &Error{ErrAmbiguous, fmt.Sprintf("%d records have an id starting %q; give more of the id:%s", len(rs), id, record.Matches(rs)), nil}
}

// ShortIDs gives each of ids the shortest prefix, of at least
// record.ShownIDLen characters, that no other record in the store starts
// with: what to
// print so that it can be typed back to show, amend or void. Records
// saved later may need a longer prefix; Get then says which records a
// prefix could mean. An id not in the store is given in full.
func (s *Store) ShortIDs(ids []record.ID) (map[record.ID]string, error) {
	out := make(map[record.ID]string, len(ids))
	err := s.view(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketRecords).Cursor()
		for _, id := range ids {
			out[id] = id.String() // whole, if a damaged page stops the look
			func() {
				defer func() { _ = recover() }() // a damaged neighbouring page
				out[id] = shortID(cur, id)
			}()
		}
		return nil
	})
	return out, err
}

// shortID is id as short as tells it apart from its neighbours under cur.
func shortID(cur *bolt.Cursor, id record.ID) string {
	key := recordKey(id)
	k, _ := cur.Seek(key)
	if k == nil || !bytes.Equal(k, key) {
		return id.String()
	}
	// Keys are sorted, so the longest shared prefix is with a neighbour.
	var near []record.ID
	if n, _ := cur.Next(); n != nil {
		if nid, err := record.ParseID(string(n)); err == nil {
			near = append(near, nid)
		}
	}
	cur.Seek(key)
	if p, _ := cur.Prev(); p != nil {
		if pid, err := record.ParseID(string(p)); err == nil {
			near = append(near, pid)
		}
	}
	return record.ShortID(id, near...)
}

// History returns every record of a patient, oldest first, or none.
func (s *Store) History(p record.PatientID) ([]record.Record, error) {
	var out []record.Record
	prefix := patientPrefix(p)
	err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		own := &ownPages{s: s, tx: tx, at: at}
		defer own.close()
		if err := s.indexAroundOwn(tx, at, prefix, own); err != nil {
			return err // patindex.go
		}
		recs := tx.Bucket(bucketRecords)
		c := tx.Bucket(bucketPatients).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			if len(k) > maxKeyBytes {
				return damaged(s.path, "the patient index holds a key of "+fmt.Sprint(len(k))+" bytes", nil)
			}
			id := k[len(prefix):]
			v, readable := getSafe(recs, id)
			if !readable || v == nil && own.damaged(id) {
				v = own.get(id) // from its own page: see ownPages
			}
			if v == nil {
				return damaged(s.path, fmt.Sprintf("the patient index names record %s, which is missing", keyText(id)), nil)
			}
			r, err := s.verified(tx, id, v)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	slices.SortStableFunc(out, func(a, b record.Record) int { return record.Chronological(&a, &b) })
	return out, err
}

// readRecord decodes the record stored under key as val for a bulk read,
// after checking its bytes against its checksum (checkSum). A record that
// fails is ErrDamaged, and u names it.
func (s *Store) readRecord(tx *bolt.Tx, key, val []byte) (r record.Record, u Unreadable, err error) {
	if u, err = s.checkSum(tx, key, val); err != nil {
		return r, u, err
	}
	return s.decodeNamed(key, val) // stored.go
}

// checkSum checks the bytes of the record stored under key as val against
// its checksum (sums.go), for a bulk read: one hash, no lookups of facts.
// A record that fails is ErrDamaged, and u names it.
func (s *Store) checkSum(tx *bolt.Tx, key, val []byte) (u Unreadable, err error) {
	why, _ := sumProblem(tx, key, val)
	if why == "" {
		return u, nil
	}
	return Unreadable{ID: keyText(key), Why: why}, damaged(s.path, fmt.Sprintf("record %s does not match its checksum", keyText(key)), nil)
}

func (s *Store) decode(key, val []byte) (record.Record, error) {
	r, err := decodeRecord(key, val)
	if err != nil {
		return record.Record{}, damaged(s.path, fmt.Sprintf("record %s unreadable", keyText(key)), err)
	}
	return r, nil
}
