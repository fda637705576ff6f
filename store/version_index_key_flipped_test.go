package store

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// A flipped bit in the key of the version index (supersededBy: a record's
// id -> the record that replaces it) lost the index's word that a version
// was replaced: history, summary and export stayed right (they read the
// records' own links), but a void of the replaced version was accepted,
// giving the assessment two current versions, and an amendment or a
// follow-up could build on it, and a handout be given from it. Whether a
// version stands is now read from the records' own links too, each under
// its record's checksum: where they say it was replaced and the index
// does not, the store is damaged, and nothing is saved on it.
func TestAFlippedKeyInTheVersionIndexNeverMakesAReplacedVersionCurrent(t *testing.T) {
	t.Parallel()
	for _, replaced := range []string{"amended", "voided"} {
		for _, op := range []string{"void", "amend", "follow up", "current"} {
			t.Run(replaced+", "+op, func(t *testing.T) {
				t.Parallel()
				s := openTemp(t)
				first := save(t, s, assessed(t, nhsPatient))
				var by record.Record
				if replaced == "amended" {
					by = amend(t, s, first)
				} else {
					by = void(t, s, first.ID)
				}
				testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
					sup := tx.Bucket(bucketSuperseded)
					k := recordKey(first.ID)
					v := bytes.Clone(sup.Get(k))
					if v == nil {
						return fmt.Errorf("the version index does not say %s is replaced", first.ID)
					}
					flipped := bytes.Clone(k)
					flipped[len(flipped)-1] ^= 1
					if err := sup.Delete(k); err != nil {
						return err
					}
					return sup.Put(flipped, v)
				})
				s, err := Open(s.Path(), Options{})
				if err != nil {
					t.Fatal(err)
				}
				before := fingerprint(t, s.Path())
				switch op {
				case "void":
					_, err = s.Void(first.ID, Voiding{Reason: "again", Clinician: "x"})
				case "amend":
					r := reassessed(t, first, confidentAnswers())
					r.Amends = first.ID
					err = s.Amend(&r)
				case "follow up":
					r := reassessed(t, first, confidentAnswers())
					r.FollowsUp = first.ID
					r.Outcomes = []record.ReferralOutcome{{ProgrammeID: first.Recommendation.Referrals[0].ProgrammeID, Outcome: record.OutcomeAttended}}
					err = s.Save(&r)
				case "current":
					var cur record.Record
					if cur, err = s.Current(first.ID); err == nil && cur.ID == first.ID {
						t.Errorf("Current(%s) is itself, which %s replaces", first.ID, by.ID)
					}
				}
				if !errors.Is(err, ErrDamaged) {
					t.Errorf("%s of %s, %s by %s, with the version index's key flipped: %v; want it refused as damage", op, first.ID, replaced, by.ID, err)
				}
				if after := fingerprint(t, s.Path()); op != "current" && after != before {
					t.Errorf("%s of a replaced version was refused but the store changed", op)
				}
			})
		}
	}
}
