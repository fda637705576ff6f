package store

import (
	"errors"
	"sync/atomic"
	"time"

	"digicheck/record"
	"digicheck/store/packed"

	bolt "go.etcd.io/bbolt"
)

// Stored is one record of a bulk read of the stored bytes
// (EachStoredChunk), not yet decoded: its key and stored value, which
// match their checksum, or, with Bad set, a record the read left out (its
// bytes do not match their checksum, or its page cannot be read). The
// caller decodes it (Decode), on as many goroutines as it likes, or reads
// its head alone (Head) to pass over it without decoding it.
type Stored struct {
	Key   []byte
	value []byte
	// Bad, when not nil, is why this record is left out, as EachPast
	// hands it to skip.
	Bad *Unreadable
}

// decodes counts the records decodeRecord has decoded. Unlike the
// package's other counts of its work (probe.go), it is kept in the
// product: the tests that read it are other packages' (an export of a
// quarter decodes only the quarter's records; a push stopped reads no
// record more), and cannot set the probe seam.
var decodes atomic.Int64

// RecordsDecoded is how many records this process has decoded from their
// stored bytes. It is for tests: nothing in digicheck reads it.
func RecordsDecoded() int64 { return decodes.Load() }

// EachStoredChunk is EachPast handing out the stored bytes rather than
// the records: fn is called with each chunk of records, in id order, the
// records whose bytes fail their checksum and those on the spans lost
// names among them, in their places, with Bad set. The records are
// checked against their checksums here (one hash each) and decoded by the
// caller (Decode): an export decodes them on every core, and passes over
// those its period leaves out after reading only their heads. skipping
// says what EachPast's skip being nil says: without it, the first record
// that fails its checksum ends the read with ErrDamaged, and a lost span
// is handed out as with it. Every chunk is the caller's to keep: its
// bytes are copies.
func (s *Store) EachStoredChunk(lost *LostPages, skipping bool, fn func([]Stored) error) error {
	var chunk []Stored
	var arena []byte
	return s.eachCounted(lost, func() bool { return len(chunk) < recordChunk },
		func(tx *bolt.Tx, k, v []byte) error {
			if u, err := s.checkSum(tx, k, v); err != nil {
				return s.stepOver(err, u, skipping, func(u Unreadable) {
					chunk = append(chunk, Stored{Key: append([]byte(nil), k...), Bad: &u})
				})
			}
			if arena == nil {
				arena = make([]byte, 0, 512<<10)
			}
			if len(arena)+len(k)+len(v) > cap(arena) {
				arena = make([]byte, 0, max(512<<10, len(k)+len(v)))
			}
			at := len(arena)
			arena = append(append(arena, k...), v...)
			chunk = append(chunk, Stored{Key: arena[at : at+len(k) : at+len(k)], value: arena[at+len(k) : len(arena) : len(arena)]})
			return nil
		},
		func(sp lostSpan) {
			for _, u := range sp.unreadable() {
				u := plainUnreadable(u)
				chunk = append(chunk, Stored{Bad: &u})
			}
		},
		func() error {
			if len(chunk) == 0 {
				return nil
			}
			c := chunk
			chunk, arena = nil, nil
			return fn(c)
		})
}

// Decode decodes the record, as a bulk read (EachPast) does: a record
// that cannot be decoded is ErrDamaged, and u names it, by its own id when
// it is stored under another's key. skipping, as for EachStoredChunk,
// notes the damage (the store then writes no more) where EachPast does.
func (s *Store) Decode(x Stored, skipping bool) (record.Record, Unreadable, error) {
	r, u, err := s.decodeNamed(x.Key, x.value)
	if err != nil && skipping {
		s.noteDamage(err)
	}
	return r, plainUnreadable(u), err
}

// decodeNamed decodes the record stored under key as val, whose bytes
// match their checksum, for a bulk read: a record that cannot be decoded
// is ErrDamaged, and u names it, by its own id when it is stored under
// another's key (as a summary or CSV names it).
func (s *Store) decodeNamed(key, val []byte) (r record.Record, u Unreadable, err error) {
	u.ID = keyText(key)
	r, err = s.decode(key, val)
	if err != nil {
		u.Why = "it cannot be decoded"
		if kn := keyMismatch(key, val); kn != nil {
			u.ID, u.Why = kn.id, kn.Error()
			return r, u, err
		}
		if se := (*Error)(nil); errors.As(err, &se) && se.Cause != nil {
			u.Why += ": " + keyText([]byte(se.Cause.Error())) // quoted if not plain text
		}
	}
	return r, u, err
}

// timeHead is how much of a record's JSON a Head reads: its id, patient,
// clinician, team and time come first, as json.Marshal writes them, and
// a record whose time lies further in is decoded instead.
const timeHead = 512

// Head is the time of the record, read from the head of its JSON
// without decoding the rest (record.HeadTime): ok is false, and the
// record must be decoded, when the head does not carry its own key as its
// id, or does not read as json.Marshal writes a record, or cannot be
// unpacked.
func (x Stored) Head() (t time.Time, ok bool) {
	if x.Bad != nil {
		return time.Time{}, false
	}
	h, err := packed.Head(x.value, timeHead)
	if err != nil {
		return time.Time{}, false
	}
	id, t, ok := record.HeadTime(h)
	if !ok || id != string(x.Key) {
		return time.Time{}, false
	}
	return t, true
}
