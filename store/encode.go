package store

import (
	"encoding/json"
	"fmt"

	"digicheck/record"
)

// Records are JSON for now. Every conversion between a record and its
// stored bytes goes through encodeRecord and decodeRecord, so a later
// change of encoding, or a compact facts entry written beside each record
// for summaries, has one place to start from.

func encodeRecord(r *record.Record) ([]byte, error) {
	return json.Marshal(r)
}

func decodeRecord(key, val []byte) (record.Record, error) {
	var r record.Record
	if err := json.Unmarshal(val, &r); err != nil {
		return record.Record{}, err
	}
	if r.ID != string(key) {
		return record.Record{}, fmt.Errorf("record stored under %s carries id %q", key, r.ID)
	}
	return r, nil
}

// Keys. A record's key is its canonical UUIDv7 text: it sorts by time as
// bytes, and a clinician's id prefix is a key prefix. A patient index key is
// the patient's kind and value, each ended by a zero byte (neither may hold
// one), then the record id, so one patient's records lie together in time
// order.

func recordKey(id string) []byte { return []byte(id) }

func patientPrefix(p record.PatientID) []byte {
	k := make([]byte, 0, len(p.Kind)+len(p.Value)+2+36)
	k = append(k, p.Kind...)
	k = append(k, 0)
	k = append(k, p.Value...)
	return append(k, 0)
}

func patientKey(p record.PatientID, id string) []byte {
	return append(patientPrefix(p), id...)
}
