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
	why, unsummed := sumProblem(tx, key, val)
	if why == "" {
		why = s.recordIntegrity(tx, &r, val, !unsummed)
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
// facts and, for an instrument in ins, its answers; or "". summed says
// that val matched its sum, which covers every field of the record.
func (s *Store) recordIntegrity(tx *bolt.Tx, r *record.Record, val []byte, summed bool) string {
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
	// The table of names is the QI copy's, not the record's: a damaged
	// one (a name that fails its check, or a name of the record's that
	// it has lost, names being only ever added) leaves the facts of a
	// record that matched its sum, which covers every field, unread
	// against it, and the record is read on. The table's damage is
	// noted, and said. A record saved before sums has its facts as its
	// only check beyond its answers: it is refused as before.
	names := facts.NewNames()
	if err := loadNames(nb, names); err != nil {
		if summed {
			s.noteDamage(namesDamaged(s.path, err))
			return ""
		}
		return "facts: " + err.Error()
	}
	why, lost := s.factsAgainst(r, stored, names)
	if lost != "" && summed {
		s.noteDamage(namesDamaged(s.path, fmt.Errorf("it has lost the name %q, which record %s's facts were written with", lost, r.ID)))
		return ""
	}
	return why
}

// namesDamaged is the damage of the QI copy's table of names, found as
// err, for a read of a patient's records, which goes on.
func namesDamaged(path string, err error) error {
	return damaged(path, "the table of names of the QI copy of the records (the teams and programmes summary and the CSV export count under) is damaged, so summary refuses the store; the patients' records themselves are read against their own checks and are not in doubt unless said (for IT: factNames: "+err.Error()+")", err)
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
//
// Damage in the patient's entries of the patient index (patindex.go) is
// said in bad, marked Index, and is no version left out: one bit flipped
// in the id an entry names left the patient's newest assessment, sound in
// the store, out of the history, and the nurse saw an older one as the
// latest. So where the index is damaged, every record of the store is
// read for the patient's own (patientRecords), and each the index does
// not name is read against its record and shown as any other.
func (s *Store) HistoryReadable(p record.PatientID) (out []record.Record, bad []Unreadable, err error) {
	prefix := patientPrefix(p)
	var first error
	err = s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		own := &ownPages{s: s, tx: tx, at: at}
		defer own.close()
		indexErr := s.indexAroundOwn(tx, at, prefix, own)
		if indexErr != nil && !errors.Is(indexErr, ErrDamaged) {
			return indexErr
		}
		first = indexErr
		recs := tx.Bucket(bucketRecords)
		named := map[string]bool{} // the ids the patient's entries name
		var missing [][]byte       // of them, those the store does not hold
		misfiled := 0
		// add reads the record under id of the patient's, found
		// through the index or by reading every record, against its
		// record: shown, or named as a version not shown.
		add := func(id []byte, r record.Record, err error) error {
			if errors.Is(err, ErrDamaged) {
				bad = append(bad, Unreadable{ID: keyText(id), Why: err.Error()})
				first = cmp.Or(first, err)
				return nil
			}
			if err != nil {
				return err
			}
			out = append(out, r)
			return nil
		}
		c := tx.Bucket(bucketPatients).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			if len(k) > maxKeyBytes {
				return damaged(s.path, "the patient index holds a key of "+fmt.Sprint(len(k))+" bytes", nil)
			}
			id := bytes.Clone(k[len(prefix):])
			named[string(id)] = true
			r, found, err := s.historyRecord(tx, recs, id, own)
			if !found {
				missing = append(missing, id)
				first = cmp.Or(first, damaged(s.path, fmt.Sprintf("the patient index names record %s for %s, which is missing", keyText(id), indexPatient(prefix)), nil))
				continue
			}
			if err == nil && !bytes.Equal(patientPrefix(r.Patient), prefix) {
				// Another patient's record filed under this one.
				bad = append(bad, Unreadable{ID: keyText(id), Index: true, Why: fmt.Sprintf("the patient index files record %s under this patient, but it is another patient's, so it is not shown here", keyText(id))})
				first = cmp.Or(first, damaged(s.path, fmt.Sprintf("the patient index files another patient's record %s under %s", keyText(id), indexPatient(prefix)), nil))
				misfiled++
				continue
			}
			if err := add(id, r, err); err != nil {
				return err
			}
		}
		if first == nil {
			return nil
		}
		// The index is damaged: the patient's records it does not
		// name are found by reading every record.
		found, whole := s.patientRecords(tx, recs, p, own)
		var unnamed [][]byte
		shown := map[string]string{}
		for _, id := range found {
			if named[string(id)] {
				continue
			}
			unnamed = append(unnamed, id)
			r, _, err := s.historyRecord(tx, recs, id, own)
			if err == nil {
				shown[string(id)] = "; it is shown below"
			}
			if err := add(id, r, err); err != nil {
				return err
			}
		}
		// An entry whose id was changed by a bit or two names a record
		// the store does not hold, and its record is one of unnamed:
		// one damaged entry, no version lost.
		paired := map[string]bool{}
		for _, id := range missing {
			twin := slices.IndexFunc(unnamed, func(u []byte) bool { return !paired[string(u)] && nearID(id, u) })
			if twin < 0 {
				bad = append(bad, Unreadable{ID: keyText(id), Why: "the patient index names it for this patient, but it is missing: the store holds no such record"})
				continue
			}
			paired[string(unnamed[twin])] = true
			bad = append(bad, Unreadable{ID: keyText(id), Index: true, Why: fmt.Sprintf("an entry of the patient index names record %s for this patient, which the store does not hold: the entry is damaged, and its id is a character or two from that of record %s, this patient's, which the index does not name%s", keyText(id), keyText(unnamed[twin]), shown[string(unnamed[twin])])})
		}
		for _, id := range unnamed {
			if !paired[string(id)] {
				bad = append(bad, Unreadable{ID: keyText(id), Index: true, Why: fmt.Sprintf("record %s is this patient's, but the patient index does not file it under this patient%s", keyText(id), shown[string(id)])})
			}
		}
		if !whole {
			bad = append(bad, Unreadable{Index: true, Why: "not every record of the store could be read to find this patient's records the patient index does not name, so some may be missing here"})
		}
		if indexErr != nil && len(missing)+len(unnamed)+misfiled == 0 {
			// Damage found around the patient's entries that none of
			// the above explains: said as it was found.
			bad = append(bad, Unreadable{Index: true, Why: indexErr.Error()})
		}
		return nil
	})
	if first != nil {
		s.noteDamage(first)
	}
	slices.SortStableFunc(out, func(a, b record.Record) int { return record.Chronological(&a, &b) })
	return out, bad, err
}

// nearID reports whether the record ids a and b, as keys, are one
// damaged by a bit or two of the other: of one length, and apart in at
// most two bytes.
func nearID(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	apart := 0
	for i := range a {
		if a[i] != b[i] {
			apart++
		}
	}
	return apart <= 2
}

// patientRecords are the keys of the records of tx whose patient is p,
// found by reading every record (its facts' copy of the patient's number,
// else the head of its JSON), for a patient whose entries of the patient
// index are damaged. A path through the records' tree that cannot be
// read is stepped round: the records are read from their own pages
// (ownPages). whole is false when not every record could be read.
func (s *Store) patientRecords(tx *bolt.Tx, recs *bolt.Bucket, p record.PatientID, own *ownPages) (keys [][]byte, whole bool) {
	if recs == nil {
		return nil, false
	}
	mine := func(k, v []byte) {
		if fv, ok := factsPatientValue(v); ok && !bytes.Equal(fv, []byte(p.Value)) {
			return
		}
		rp, ok := headPatient(v)
		if !ok {
			r, err := decodeRecord(k, v)
			if err != nil {
				return // its own damage: said by whoever reads it
			}
			rp = r.Patient
		}
		if rp == p {
			keys = append(keys, bytes.Clone(k))
		}
	}
	walked := func() (ok bool) {
		defer func() {
			if recover() != nil {
				keys, ok = nil, false
			}
		}()
		c := recs.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			mine(k, v)
		}
		return true
	}()
	if walked {
		return keys, true
	}
	w := own.walk()
	if w == nil {
		return nil, false
	}
	c := &leafCursor{l: w}
	for k, v := c.First(); k != nil; k, v = c.Next() {
		mine(k, v)
	}
	own.noted()
	return keys, true
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
