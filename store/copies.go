package store

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// Copies of records read from the trust's FHIR server. A follow-up on a
// machine that never saw the baseline, or a history there, reads the
// patient's assessments from the server and keeps them in the local store,
// so the follow-up links to the baseline and the store's rules (versions,
// the latest assessment) hold as they do for records made here. Each copy
// is a record like any other, saved with Save (checked, verified, never
// overwritten); this file keeps where it was read from, so history and
// show can say so, and how far reads from each source have got.

var (
	// bucketCopies: record id -> the source it was read from (a FHIR
	// server's base URL).
	bucketCopies = []byte("copies")
	// bucketReadMarks: source -> the server's lastUpdated of the latest
	// change read from it (RFC 3339), where the next incremental read
	// starts.
	bucketReadMarks = []byte("readMarks")
	// bucketSourceNames: source -> the server as the person configured or
	// typed it when copies were last read from it (localhost, where the
	// source, its identity, says 127.0.0.1). A store kept before it has
	// none: its sources are named as they are kept.
	bucketSourceNames = []byte("sourceNames")
)

// SetSourceName keeps name as how source, a server copies are read from,
// is named to people: as the person configured or typed it. Nothing is
// written when name is source, or is already kept for it.
func (s *Store) SetSourceName(source, name string) error {
	if source == "" || name == "" {
		return errors.New("a source's name needs a source and a name")
	}
	if name == source {
		if n, err := s.SourceNames(); err != nil || n[source] == "" {
			return err
		}
	} else if n, err := s.SourceNames(); err == nil && n[source] == name {
		return nil
	}
	return s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketSourceNames)
		if err != nil {
			return err
		}
		if name == source {
			return b.Delete([]byte(source))
		}
		return b.Put([]byte(source), []byte(name))
	})
}

// SourceNames returns, for each source copies were read from that was
// named otherwise when they were (SetSourceName), that name.
func (s *Store) SourceNames() (map[string]string, error) {
	out := map[string]string{}
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSourceNames)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			out[string(k)] = string(v)
			return nil
		})
	})
	return out, err
}

// SaveCopy saves r, read from source, as Save does, and keeps that it came
// from there. The copy keeps the follow-up link and change it was saved
// with on the machine that made it: that machine's latest assessment of the
// patient need not be this store's (two teams may each have followed up
// their own), so only that the record it follows up is here, and is of the
// same patient, is checked. The source is written first, in its own transaction: a crash
// between the two leaves a note about a record that is not there, which
// nothing reads, never a copy that passes for a record made here. A record
// already saved is left as it is and reported with ErrExists.
func (s *Store) SaveCopy(r *record.Record, source string) error {
	if r == nil || r.ID.IsZero() {
		return &Error{ErrInvalidRecord, "cannot save a copy: it has no record id", nil}
	}
	if source == "" {
		return &Error{ErrInvalidRecord, "cannot save a copy without saying where it was read from", nil}
	}
	err := s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketRecords).Get(recordKey(r.ID)) != nil {
			return &Error{ErrExists, "record " + r.ID.String() + " is already in this store", nil}
		}
		b, err := tx.CreateBucketIfNotExists(bucketCopies)
		if err != nil {
			return err
		}
		return b.Put(recordKey(r.ID), []byte(source))
	})
	if err != nil {
		return err
	}
	return s.save(r, true)
}

// CopySources returns, for each of ids that is a copy, where it was read
// from; a record made here is absent from the map.
func (s *Store) CopySources(ids []record.ID) (map[record.ID]string, error) {
	out := map[record.ID]string{}
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCopies)
		if b == nil {
			return nil
		}
		for _, id := range ids {
			if v := b.Get(recordKey(id)); v != nil {
				out[id] = string(v)
			}
		}
		return nil
	})
	return out, err
}

// ReadMark is where the next incremental read from source starts: the
// latest lastUpdated read from it, or the zero time when nothing has been.
func (s *Store) ReadMark(source string) (time.Time, error) {
	var t time.Time
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketReadMarks)
		if b == nil {
			return nil
		}
		v := b.Get([]byte(source))
		if v == nil {
			return nil
		}
		var err error
		if t, err = time.Parse(time.RFC3339Nano, string(v)); err != nil {
			return damaged(s.path, "the read mark of "+source+" is not a time", err)
		}
		return nil
	})
	return t, err
}

// SetReadMark keeps where the next incremental read from source starts. A
// mark never moves back: an older t is ignored.
func (s *Store) SetReadMark(source string, t time.Time) error {
	if source == "" {
		return errors.New("a read mark needs a source")
	}
	return s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketReadMarks)
		if err != nil {
			return err
		}
		if v := b.Get([]byte(source)); v != nil {
			if old, err := time.Parse(time.RFC3339Nano, string(v)); err == nil && !t.After(old) {
				return nil
			}
		}
		return b.Put([]byte(source), []byte(t.UTC().Format(time.RFC3339Nano)))
	})
}

// SaveCopies saves copies read from source in one transaction, each as
// SaveCopy saves one: checked, verified, linked as it was made, with its
// index entries, facts, checksum and source. Records the store already
// has are passed over. The batch is saved whole or not at all (a copy the
// store refuses fails it; SaveCopy then tells which); it returns the ids
// it saved. Reading a server's thousands of records into a cache takes one
// fsync per batch rather than two per record.
func (s *Store) SaveCopies(rs []record.Record, source string) ([]record.ID, error) {
	if source == "" {
		return nil, &Error{ErrInvalidRecord, "cannot save copies without saying where they were read from", nil}
	}
	vals := make([][]byte, len(rs))
	for i := range rs {
		r := &rs[i]
		if r.ID.IsZero() {
			return nil, &Error{ErrInvalidRecord, "cannot save a copy: it has no record id", nil}
		}
		if err := prepare(r); err != nil {
			return nil, err
		}
		if err := s.valid(r); err != nil {
			return nil, err
		}
		val, err := encodeRecord(r)
		if err != nil {
			return nil, &Error{ErrInvalidRecord, "cannot encode the record: " + err.Error(), err}
		}
		vals[i] = val
	}
	var saved []record.ID
	err := s.updateAt(func(tx *bolt.Tx, at *txFile) error {
		saved = saved[:0]
		recs := tx.Bucket(bucketRecords)
		copies, err := tx.CreateBucketIfNotExists(bucketCopies)
		if err != nil {
			return err
		}
		// The steps of Save's transaction, record by record.
		for i := range rs {
			r := &rs[i]
			key := recordKey(r.ID)
			if recs.Get(key) != nil {
				continue
			}
			if err := s.put(tx, at, r, key, vals[i], true, false); err != nil {
				return err
			}
			if err := copies.Put(key, []byte(source)); err != nil {
				return err
			}
			saved = append(saved, r.ID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return saved, nil
}

// bucketSetAsideLine: record id -> the id of the server's version kept in
// its place. When a conflict with a server is settled, the server's
// version is taken in as that server holds it, on the version it amends
// there, and this machine's versions made on that version which the
// server never accepted are set off the line: kept as they were, shown in
// history, never current, never sent and never counted. So the server's
// version has the same bytes here as on the server and on every machine
// that reads it.
var bucketSetAsideLine = []byte("setAsideLine")

// saveSettled saves line, read from source on settling a conflict with
// it (the server's versions from the one after the last this store shares
// with it to its current one, oldest first), each as SaveCopy does; the
// first on the version it amends there, which this store holds already
// superseded by versions of its own (aside, each of them this machine's
// and never accepted by the server). In one transaction, the first
// becomes that version's successor, each next one the successor of the
// one before, and the versions of aside are set off the line.
func (s *Store) saveSettled(line []record.Record, source string, aside []record.ID) error {
	if len(line) == 0 || line[0].Amends.IsZero() {
		return &Error{ErrInvalidRecord, "cannot take in the server's version: it does not amend a version", nil}
	}
	vals := make([][]byte, len(line))
	for i := range line {
		r := &line[i]
		if r.ID.IsZero() {
			return &Error{ErrInvalidRecord, "cannot take in the server's version: it has no record id", nil}
		}
		if err := prepare(r); err != nil {
			return err
		}
		if err := s.valid(r); err != nil {
			return err
		}
		val, err := encodeRecord(r)
		if err != nil {
			return &Error{ErrInvalidRecord, "cannot encode the record: " + err.Error(), err}
		}
		vals[i] = val
	}
	return s.updateAt(func(tx *bolt.Tx, at *txFile) error {
		recs := tx.Bucket(bucketRecords)
		c := s.chains(tx)
		if n := c.next(line[0].Amends.String()); n != "" {
			// Only this machine's versions the server never had may be
			// replaced: the one now after the line's base among them.
			if !slices.ContainsFunc(aside, func(id record.ID) bool { return id.String() == n }) {
				return &Error{ErrSuperseded, fmt.Sprintf("cannot take in the server's version %s: record %s, which it amends, is superseded here by %s, which is not being set aside", line[0].ID, line[0].Amends, n), nil}
			}
		}
		copies, err := tx.CreateBucketIfNotExists(bucketCopies)
		if err != nil {
			return err
		}
		for i := range line {
			r := &line[i]
			key := recordKey(r.ID)
			if recs.Get(key) != nil {
				return &Error{ErrExists, "record " + r.ID.String() + " is already in this store", nil}
			}
			if err := s.put(tx, at, r, key, vals[i], true, i == 0); err != nil {
				return err
			}
			if err := copies.Put(key, []byte(source)); err != nil {
				return err
			}
		}
		b, err := tx.CreateBucketIfNotExists(bucketSetAsideLine)
		if err != nil {
			return err
		}
		for _, id := range aside {
			if recs.Get(recordKey(id)) == nil {
				return &Error{ErrNotFound, fmt.Sprintf("cannot set record %s aside: it is not in this store", id), nil}
			}
			if err := b.Put(recordKey(id), recordKey(line[0].ID)); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetAsideLines returns the versions set off their assessment's line when
// a conflict with a server was settled (see bucketSetAsideLine): kept,
// shown in history, never current and never counted. A store settled by
// an older digicheck has none.
func (s *Store) SetAsideLines() (map[uuid.UUID]bool, error) {
	out := map[uuid.UUID]bool{}
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSetAsideLine)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error {
			id, err := record.ParseID(string(k))
			if err != nil {
				return damaged(s.path, fmt.Sprintf("the list of versions set aside names %q, which is not a record id", keyText(k)), nil)
			}
			out[uuid.UUID(id)] = true
			return nil
		})
	})
	return out, err
}
