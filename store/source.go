package store

import (
	"crypto/rand"

	bolt "go.etcd.io/bbolt"
)

// keySource is the meta entry holding the store's own random secret.
var keySource = []byte("source")

// SourceSecret is the store's own random secret, 32 bytes, made and kept
// the first time it is asked for; every copy and backup of the store holds
// the same. A pseudonymised export fingerprints its records with it (see
// report), so two exports of one store are known for what they are
// whatever pseudonym key each was made with. It is never shown or
// exported: with it, a record id (printed in the EHR note) could be
// matched to its fingerprint.
func (s *Store) SourceSecret() ([]byte, error) {
	var secret []byte
	err := s.view(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keySource); len(v) == 32 {
			secret = append([]byte(nil), v...)
		}
		return nil
	})
	if err != nil || secret != nil {
		return secret, err
	}
	err = s.update(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		if v := m.Get(keySource); len(v) == 32 { // made meanwhile by another program
			secret = append([]byte(nil), v...)
			return nil
		}
		secret = make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return err
		}
		return m.Put(keySource, secret)
	})
	return secret, err
}
