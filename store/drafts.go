package store

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/questionnaire"
	"digicheck/record"
)

// Drafts. An assessment in progress is kept as a draft so that nothing is
// lost when the window closes, the lid shuts or the battery dies. Drafts
// live in their own bucket, so Get, History, Each and EachCurrent, and so
// every summary and export, never see them: a draft is never counted as an
// assessment.
//
// A draft's id is the id its record will be saved under. Save removes the
// draft with the record's id in the same transaction as it writes the
// record, and SaveDraft refuses an id already saved, so an assessment is
// either a draft or a record, never both, whatever is interrupted when.

var bucketDrafts = []byte("drafts") // draft id -> encoded Draft

// Draft is an assessment in progress.
type Draft struct {
	// ID is a UUIDv7, filled in by SaveDraft when empty. Save the finished
	// record with this id (record.Record.ID) so the draft goes with it.
	ID        string           `json:"id"`
	Patient   record.PatientID `json:"patient"` // zero until entered
	Clinician string           `json:"clinician"`
	Team      string           `json:"team,omitempty"`
	// InstrumentVersion is the instrument the answers are for.
	InstrumentVersion string                `json:"instrument_version"`
	Answers           questionnaire.Answers `json:"answers"`
	// Section is the id of the instrument section to resume at.
	Section string `json:"section,omitempty"`
	// Amends and FollowsUp are the links the finished record will carry.
	Amends    string                   `json:"amends,omitempty"`
	FollowsUp string                   `json:"follows_up,omitempty"`
	Outcomes  []record.ReferralOutcome `json:"outcomes,omitempty"`
	// Consent is each referral's answer so far, by programme id (agreed
	// or declined), once the result has been reached.
	Consent map[string]string `json:"consent,omitempty"`
	Started time.Time         `json:"started"` // set by the first SaveDraft
	Saved   time.Time         `json:"saved"`   // set by every SaveDraft
}

// SaveDraft writes d, replacing the draft with the same id. It fills in
// d.ID (a new UUIDv7 when empty), d.Started (the first time) and d.Saved,
// and these stay set on d. Like Save, it returns nil only once the draft is
// committed and fsynced. A draft whose id has been saved as a record fails
// with ErrExists: the assessment is finished, and a late save of its draft
// (on closing the window, say) must not bring it back.
func (s *Store) SaveDraft(d *Draft) error {
	if d == nil {
		return &Error{ErrInvalidRecord, "cannot save the draft: no draft", nil}
	}
	if d.ID == "" {
		id, err := newID()
		if err != nil {
			return err
		}
		d.ID = id
	} else {
		u, err := uuid.Parse(d.ID)
		if err != nil || u.Version() != 7 || u.Variant() != uuid.RFC4122 {
			return &Error{ErrInvalidRecord, fmt.Sprintf("cannot save the draft: id %q is not a UUIDv7", d.ID), nil}
		}
		d.ID = u.String()
	}
	now := time.Now().UTC()
	if d.Started.IsZero() {
		d.Started = now
	}
	d.Saved = now
	val, err := encodeDraft(d)
	if err != nil {
		return &Error{ErrInvalidRecord, "cannot encode the draft: " + err.Error(), err}
	}
	key := recordKey(d.ID)
	return s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketRecords).Get(key) != nil {
			return &Error{ErrExists, fmt.Sprintf("the assessment of draft %s is already saved as a record; the draft is not kept", d.ID), nil}
		}
		b, err := tx.CreateBucketIfNotExists(bucketDrafts)
		if err != nil {
			return err
		}
		return b.Put(key, val)
	})
}

// Drafts returns every draft in the store, oldest first (by when it was
// started), whoever started it.
func (s *Store) Drafts() ([]Draft, error) {
	var out []Draft
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDrafts)
		if b == nil {
			return nil
		}
		recs := tx.Bucket(bucketRecords)
		return b.ForEach(func(k, v []byte) error {
			d, err := decodeDraft(k, v)
			if err != nil {
				return damaged(s.path, fmt.Sprintf("draft %s unreadable", k), err)
			}
			if recs.Get(k) != nil {
				return nil // finished: Save and SaveDraft keep this from happening
			}
			out = append(out, d)
			return nil
		})
	})
	return out, err
}

// DiscardDraft removes the draft with this id. A draft that is not there
// (discarded in another window, or saved as a record) is not an error.
func (s *Store) DiscardDraft(id string) error {
	if id == "" {
		return nil
	}
	return s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDrafts)
		if b == nil {
			return nil
		}
		return b.Delete(recordKey(id))
	})
}

func encodeDraft(d *Draft) ([]byte, error) { return json.Marshal(d) }

func decodeDraft(key, val []byte) (Draft, error) {
	var d Draft
	if err := json.Unmarshal(val, &d); err != nil {
		return Draft{}, err
	}
	if d.ID != string(key) {
		return Draft{}, fmt.Errorf("draft stored under %s carries id %q", key, d.ID)
	}
	return d, nil
}
