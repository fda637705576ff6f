package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store/facts"
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
		why = s.recordIntegrity(tx, &r)
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

// recordIntegrity says what is wrong with r against its facts and, for an
// instrument in ins, its answers; or "".
func (s *Store) recordIntegrity(tx *bolt.Tx, r *record.Record) string {
	if err := record.Verify(r, s.instruments[r.InstrumentVersion], nil); err != nil {
		return err.Error()
	}
	id := r.ID
	fb, nb := tx.Bucket(bucketFacts), tx.Bucket(bucketFactNames)
	stored, err := factsFor(tx, id[:])
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
