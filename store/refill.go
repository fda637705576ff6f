package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// PushedAssessments is every assessment with versions the server accepted
// from this store, each with those versions (by record id): what the
// server should hold of this machine's. A push asks the server whether it
// still does (a server restored from an older backup holds none of what it
// accepted after the backup was made).
func (s *Store) PushedAssessments(server string) (map[record.ID][]record.ID, error) {
	out := map[record.ID][]record.ID{}
	err := s.view(func(tx *bolt.Tx) error {
		b := pushRead(tx, server, bucketPushVersions)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var pv pushedValue
			if err := json.Unmarshal(v, &pv); err != nil {
				return damaged(s.path, fmt.Sprintf("the push state of record %s is unreadable", k), err)
			}
			id, err := record.ParseID(string(k))
			if err != nil {
				return damaged(s.path, fmt.Sprintf("the push state names record %q", k), err)
			}
			out[pv.Assessment] = append(out[pv.Assessment], id)
			return nil
		})
	})
	return out, err
}

// ForgetPushed forgets, in one durable transaction, that the server
// accepted the versions of these assessments, and the Questionnaires it
// accepted: the server no longer holds them (restored from an older
// backup, or emptied), so PushPending returns them to be sent again, as if
// never sent. A version the server does hold after all is found there by
// the push and marked again, not sent twice. It returns how many versions
// were forgotten.
func (s *Store) ForgetPushed(server string, assessments []record.ID) (int, error) {
	if len(assessments) == 0 {
		return 0, nil
	}
	lost := make(map[record.ID]bool, len(assessments))
	for _, a := range assessments {
		lost[a] = true
	}
	n := 0
	err := s.update(func(tx *bolt.Tx) error {
		n = 0
		b := pushRead(tx, server, bucketPushVersions)
		if b == nil {
			return nil
		}
		var drop [][]byte
		err := b.ForEach(func(k, v []byte) error {
			var pv pushedValue
			if err := json.Unmarshal(v, &pv); err != nil {
				return damaged(s.path, fmt.Sprintf("the push state of record %s is unreadable", k), err)
			}
			if lost[pv.Assessment] {
				drop = append(drop, append([]byte(nil), k...))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range drop {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		n = len(drop)
		return forgetQuestionnaires(tx, server, n)
	})
	return n, err
}

// ForgetPushedVersions is ForgetPushed of these versions alone: the server
// no longer holds them, while it holds the versions before them (or they
// go on versions only another machine sends, which this store does not).
// The Questionnaires are forgotten with them. It returns how many
// versions were forgotten.
func (s *Store) ForgetPushedVersions(server string, ids []record.ID) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	n := 0
	err := s.update(func(tx *bolt.Tx) error {
		n = 0
		b := pushRead(tx, server, bucketPushVersions)
		if b == nil {
			return nil
		}
		for _, id := range ids {
			k := recordKey(id)
			if b.Get(k) == nil {
				continue
			}
			if err := b.Delete(k); err != nil {
				return err
			}
			n++
		}
		return forgetQuestionnaires(tx, server, n)
	})
	return n, err
}

// forgetQuestionnaires forgets, in tx, that the server accepted the
// Questionnaires, when forgot versions were forgotten: they went with
// them (ForgetPushed, ForgetPushedVersions), and a push reads each back
// before it relies on it, and sends it again if it is not there.
func forgetQuestionnaires(tx *bolt.Tx, server string, forgot int) error {
	q := pushRead(tx, server, bucketPushQuestionnr)
	if q == nil || forgot == 0 {
		return nil
	}
	var names [][]byte
	if err := q.ForEach(func(k, _ []byte) error { names = append(names, append([]byte(nil), k...)); return nil }); err != nil {
		return err
	}
	for _, k := range names {
		if err := q.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// ForgetConflict forgets that the server refused c's record as a conflict,
// unsettled: it was none (the server had gone back to an earlier version of
// the line it rests on), and it is neither listed nor offered for settling.
func (s *Store) ForgetConflict(server string, c Conflict) error {
	return s.update(func(tx *bolt.Tx) error { return dropConflict(tx, server, c) })
}
