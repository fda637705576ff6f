package store

import (
	"bytes"
	"fmt"

	"digicheck/record"
)

// Whether a version stands. The version index (supersededBy) says which
// record replaces which, but it carries no checksum: one bit flipped in
// a key lost its word that a version was replaced, and a void of that
// version was accepted, giving the assessment two current versions (an
// amendment or a follow-up could build on it the same way, and a handout
// be given from it). Each record's own link to the version it replaces
// (Amends) is under the record's checksum, so before a version is taken
// as current, the patient's records are read for one that replaces it:
// where the records say it was replaced and the index does not, the
// store is damaged (check says so too), and nothing is built on it.

// replacer is the id of a record of old's patient that replaces old by
// its own link (Amends) and was not set off its line when a conflict was
// settled (such a version never replaces one: copies.go), or "".
func (c chainTx) replacer(old record.Record) (string, error) {
	prefix := patientPrefix(old.Patient)
	if err := c.s.indexAroundOwn(c.tx, c.at, prefix, c.own); err != nil {
		return "", err // patindex.go
	}
	self := old.ID.String()
	cur := c.tx.Bucket(bucketPatients).Cursor()
	for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
		id := string(k[len(prefix):])
		if id == self || c.setAside(id) {
			continue
		}
		r, err := c.must(id)
		if err != nil {
			return "", err
		}
		if r.Amends == old.ID {
			return id, nil
		}
	}
	return "", nil
}

// standing refuses, as damage, old taken as its assessment's current
// version (the version index names nothing that replaces it) when a
// record of its patient replaces it.
func (c chainTx) standing(old record.Record) error {
	by, err := c.replacer(old)
	if err != nil || by == "" {
		return err
	}
	return replacedUnindexed(c.s.path, old.ID.String(), by)
}

// replacedUnindexed is the damage of a version the version index takes as
// current though record by replaces it.
func replacedUnindexed(path, id, by string) error {
	return damaged(path, fmt.Sprintf("record %s was replaced by record %s, but the index of which version is current has lost it, so the replaced version could be taken as current: nothing is built on it (for IT: supersededBy)", id, by), nil)
}
