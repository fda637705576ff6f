package store

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store/facts"
	"digicheck/store/packed"
)

// Checked reads. A record's JSON is what show, the note and the handout
// print, and what an amendment, void or follow-up is built from; an edited
// or damaged record must not reach a patient or be built on. So every
// record read for one of them is checked against its own integrity data
// first: the SHA-256 of its stored bytes, kept when it was saved, which
// covers every field, the clinician's name and every contact and reason
// among them (sums.go; a record saved before sums has none, and is checked
// on the rest); its facts, written from it in the transaction that saved it
// (bands, routes, choice, referrals and consent, every answer); and its
// result worked out again from its answers with the instrument it names
// (record.Verify). A record that fails is ErrDamaged, which also makes the
// store refuse writes (damage.go). The bulk read of records for exports
// (Each) checks each record's sum, as cheap as reading it, but not its
// facts; the bulk read of facts for summaries (EachFactChunk) checks
// that each fact decodes. `check` compares every record with its sum and
// its facts.

// verified decodes the record stored under key and checks it.
func (s *Store) verified(tx *bolt.Tx, key, val []byte) (record.Record, error) {
	r, err := s.decode(key, val)
	if err != nil {
		return r, err
	}
	why, _ := sumProblem(tx, key, val)
	if why == "" {
		why = s.recordIntegrity(tx, &r, val)
	}
	if why != "" {
		return record.Record{}, &Error{ErrDamaged, fmt.Sprintf("record %s does not match its own integrity data (%s): it may have been edited or damaged, so it is not shown or used; run digicheck check, keep a copy of the store as it is, and restore it from a backup", r.ID, why), nil}
	}
	return r, nil
}

// knownInstruments are the instruments whose results can be worked out
// again: every one digicheck has.
var knownInstruments = questionnaire.ByVersion()

// instrument is the instrument of a version whose records' facts this
// store makes: one of its Options.Instruments or one digicheck has; nil
// for another.
func (s *Store) instrument(version string) *questionnaire.Instrument {
	if ins, ok := s.instruments[version]; ok {
		return ins
	}
	return knownInstruments[version]
}

// recordIntegrity says what is wrong with r, stored as val, against its
// facts and, for an instrument in ins, its answers; or "".
func (s *Store) recordIntegrity(tx *bolt.Tx, r *record.Record, val []byte) string {
	if err := record.Verify(r, s.instruments[r.InstrumentVersion], nil); err != nil {
		return err.Error()
	}
	id := r.ID
	fb, nb := tx.Bucket(bucketFacts), tx.Bucket(bucketFactNames)
	stored, err := carriedFacts(tx, id[:], val)
	if err != nil {
		return "facts: " + err.Error()
	}
	if stored == nil {
		if nf := tx.Bucket(bucketNoFacts); fb == nil || nf != nil && nf.Get(id[:]) != nil {
			return "" // saved without facts: its answers were checked
		}
		return "it has no facts"
	}
	if nb == nil {
		return "the table of names of the facts is missing"
	}
	names := facts.NewNames()
	if err := loadNames(nb, names); err != nil {
		return "facts: " + err.Error()
	}
	return s.factsMismatch(r, stored, names)
}

// carriedFacts is factsFor for the record stored as val: the facts a
// record after the last block carries are taken from val, not read again
// through the records' tree, whose damaged page a record read from its
// own page (ownPages) stepped round.
func carriedFacts(tx *bolt.Tx, id, val []byte) ([]byte, error) {
	if fb := tx.Bucket(bucketFacts); fb == nil || fb.Get(id) != nil {
		return factsFor(tx, id) // as factsFor finds them first
	}
	if bb := tx.Bucket(bucketFactBlocks); bb != nil && len(id) == 16 && val != nil {
		if last := lastBlock(bb); last == nil || bytes.Compare(id, last) > 0 {
			if f, _, ok := packed.Facts(val); ok {
				return f, nil
			}
		}
	}
	return factsFor(tx, id)
}

// HistoryReadable is History for a store where some of the patient's
// records may be damaged: it gives every version that passes its checks,
// and names each that does not (by id, with why) instead of refusing the
// whole patient, so a clinician still sees what can be trusted. The damage
// is noted as any read's is (damage.go). err is for a patient whose
// records could not be listed at all.
func (s *Store) HistoryReadable(p record.PatientID) (out []record.Record, bad []Unreadable, err error) {
	prefix := patientPrefix(p)
	var first error
	err = s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		own := &ownPages{s: s, tx: tx, at: at}
		defer own.close()
		// Damage in the patient's entries of the index (patindex.go)
		// is said as a version not shown, and the versions filed under
		// the patient are read against their records all the same: one
		// entry filed under another number refused the whole patient,
		// whose other assessments read soundly.
		indexErr := s.indexAroundOwn(tx, prefix, own)
		if indexErr != nil && !errors.Is(indexErr, ErrDamaged) {
			return indexErr
		}
		if indexErr != nil {
			bad = append(bad, Unreadable{Why: indexErr.Error()})
			first = indexErr
		}
		recs := tx.Bucket(bucketRecords)
		c := tx.Bucket(bucketPatients).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			if len(k) > maxKeyBytes {
				return damaged(s.path, "the patient index holds a key of "+fmt.Sprint(len(k))+" bytes", nil)
			}
			id := k[len(prefix):]
			r, found, err := s.historyRecord(tx, recs, id, own)
			if !found {
				bad = append(bad, Unreadable{ID: keyText(id), Why: "the patient index names it, but it is missing"})
				first = cmp.Or(first, damaged(s.path, fmt.Sprintf("the patient index names record %s, which is missing", keyText(id)), nil))
				continue
			}
			if errors.Is(err, ErrDamaged) {
				bad = append(bad, Unreadable{ID: keyText(id), Why: err.Error()})
				first = cmp.Or(first, err)
				continue
			}
			if err != nil {
				return err
			}
			if indexErr != nil && !bytes.Equal(patientPrefix(r.Patient), prefix) {
				// Another patient's record filed under this one.
				bad = append(bad, Unreadable{ID: keyText(id), Why: "the patient index files it under this patient, but it is another patient's"})
				continue
			}
			out = append(out, r)
		}
		return nil
	})
	if first != nil {
		s.noteDamage(first)
	}
	slices.SortStableFunc(out, func(a, b record.Record) int { return record.Chronological(&a, &b) })
	return out, bad, err
}

// historyRecord reads and checks the record under id. A damaged page on
// the way to it (on which bbolt panics, or which leads elsewhere) is
// stepped round: the record is read from its own page (ownPages). One no
// page holds readably is that record's damage alone (ErrDamaged), so that
// the rest of a patient's history is still shown.
func (s *Store) historyRecord(tx *bolt.Tx, recs *bolt.Bucket, id []byte, own *ownPages) (r record.Record, found bool, err error) {
	v, readable := getSafe(recs, id)
	if !readable || v == nil && own.damaged(id) {
		if v = own.get(id); v == nil && !readable {
			return r, true, damaged(s.path, fmt.Sprintf("the page holding record %s cannot be read, and no other page of the file holds it", keyText(id)), nil)
		}
	}
	if v == nil {
		return r, false, nil
	}
	r, err = s.verified(tx, id, v)
	return r, true, err
}

// LaterUnreadable names, for each of rs whose later version (an amendment
// or a void, by the supersededBy index written in the same transaction)
// is not among rs, that version's id: a damaged or missing record that
// replaces it. Such a record is not current, though nothing readable says
// what replaced it; a history must not present it as current.
func (s *Store) LaterUnreadable(rs []record.Record) (map[record.ID]string, error) {
	shown := make(map[record.ID]bool, len(rs))
	for _, r := range rs {
		shown[r.ID] = true
	}
	out := map[record.ID]string{}
	err := s.view(func(tx *bolt.Tx) error {
		sup := tx.Bucket(bucketSuperseded)
		if sup == nil {
			return nil
		}
		for _, r := range rs {
			v := sup.Get(recordKey(r.ID))
			if v == nil {
				continue
			}
			if id, err := record.ParseID(string(v)); err != nil || !shown[id] {
				out[r.ID] = keyText(v)
			}
		}
		return nil
	})
	return out, err
}
