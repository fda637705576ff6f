package store

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/crc32"

	bolt "go.etcd.io/bbolt"
)

// keySource is the meta entry holding the store's own secret.
var keySource = []byte("source")

// keySourceCheck is the meta entry holding the secret's check: a leading
// 1, then a CRC-32C of the secret, 4 bytes, big-endian. One bit flipped
// in the secret changed every pseudonymised export's fingerprints, so
// that two exports of one store made with different keys were counted
// twice when summarised together, and nothing said so. The check is kept
// apart, not in the secret's value, because earlier builds take a value
// of any other length than 32 for no secret and write one of their own.
// A secret an earlier build kept has no check until this build's next
// write gives it one; a store with a check whose secret is lost (its
// key damaged) or fails it is damaged.
var keySourceCheck = []byte("sourceCheck")

// sourceCheck is the check of secret.
func sourceCheck(secret []byte) []byte {
	return binary.BigEndian.AppendUint32([]byte{1}, crc32.Checksum(secret, castagnoli))
}

// sourceFault says what is wrong with the store's secret in tx against
// its check, or "": a secret without a check (of an earlier build, or of
// a store not written since it was made) is taken as it is.
func sourceFault(tx *bolt.Tx) string {
	m := tx.Bucket(bucketMeta)
	c := m.Get(keySourceCheck)
	if c == nil {
		return ""
	}
	v := m.Get(keySource)
	switch {
	case v == nil:
		return "the store's own secret, which pseudonymised exports fingerprint their records with, is lost while its check remains: exports made now would not be known as of this store"
	case len(c) != 5 || c[0] != 1:
		return fmt.Sprintf("the check of the store's own secret, which pseudonymised exports fingerprint their records with, is damaged (%x)", c)
	case len(v) != 32 || !bytes.Equal(sourceCheck(v), c):
		return "the store's own secret, which pseudonymised exports fingerprint their records with, fails its check: exports made with it would not be known as of this store, and would be counted twice beside earlier ones"
	}
	return ""
}

// checkSource adds to a check report what is wrong with the store's
// secret.
func checkSource(tx *bolt.Tx, problem func(format string, args ...any)) {
	if why := sourceFault(tx); why != "" {
		problem("%s", why)
	}
}

// SourceSecret is the store's own secret, 32 bytes, the same in every
// copy and backup of the store whenever the copy was made. A pseudonymised
// export fingerprints its records with it (see report), so two exports of
// one store, or of a store and its copy, are known for what they are
// whatever pseudonym key each was made with. It is never shown or
// exported: with it, a record id (printed in the EHR note) could be
// matched to its fingerprint.
//
// A store is made with a random secret in its meta bucket, so every copy
// of it holds the secret from the start. A store made before that has
// none, and a copy made before it had one (a backup, a cp) would have
// made a secret of its own, and its exports been counted beside the
// original's as other records. Such a store's secret is therefore worked
// out from what every copy of it has shared since its first record was
// saved: the stored bytes of that record (the oldest record made in this
// store, by id; not a copy read from elsewhere), which hold the NHS
// number, the clinician and the times to the nanosecond, and which no
// pseudonymised export holds. It is worked out afresh by each export, which
// only reads the store (a reading command never writes), and kept in the
// meta bucket by the store's next write (keepSource), before what that
// write adds; nil for a store with neither secret nor record, which has
// nothing to export.
func (s *Store) SourceSecret() ([]byte, error) {
	var secret []byte
	err := s.view(func(tx *bolt.Tx) error {
		if why := sourceFault(tx); why != "" {
			return damaged(s.path, why, nil)
		}
		if v := tx.Bucket(bucketMeta).Get(keySource); len(v) == 32 {
			secret = append([]byte(nil), v...)
			return nil
		}
		secret = derivedSecret(tx)
		return nil
	})
	return secret, err
}

// keepSource keeps, in a write transaction, the secret of a store made
// without one, as worked out before the write adds anything: so that a
// record saved later with an earlier id (made before the first and saved
// after it) changes nothing. A store with no record yet is given a random
// one, as a new store is. The secret is given its check (keySourceCheck)
// when it has none; a secret that fails its check, or is lost beside it,
// is left as it is, for check to find.
func keepSource(tx *bolt.Tx) error {
	m := tx.Bucket(bucketMeta)
	if m.Get(keySourceCheck) != nil {
		return nil
	}
	if v := m.Get(keySource); len(v) == 32 {
		// Given once the store holds a record, which is when there is
		// something to fingerprint.
		if rb := tx.Bucket(bucketRecords); rb == nil {
			return nil
		} else if k, _ := rb.Cursor().First(); k == nil {
			return nil
		}
		return m.Put(keySourceCheck, sourceCheck(v))
	}
	secret := derivedSecret(tx)
	if secret == nil {
		var err error
		if secret, err = newSourceSecret(); err != nil {
			return err
		}
	}
	return m.Put(keySource, secret)
}

// derivedSecret is the secret of a store made without one: a hash of the
// key and stored bytes of the oldest record made in it, else nil.
func derivedSecret(tx *bolt.Tx) []byte {
	copies := tx.Bucket(bucketCopies)
	c := tx.Bucket(bucketRecords).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if copies != nil && copies.Get(k) != nil {
			continue
		}
		h := sha256.New()
		h.Write([]byte("digicheck source secret 1\x00"))
		h.Write(k)
		h.Write([]byte{0})
		h.Write(v)
		return h.Sum(nil)
	}
	return nil
}

// newSourceSecret is a new store's random secret.
func newSourceSecret() ([]byte, error) {
	secret := make([]byte, 32)
	_, err := rand.Read(secret)
	return secret, err
}
