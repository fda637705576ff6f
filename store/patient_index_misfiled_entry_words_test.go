package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// Hazard H27: one bit in a digit of a patient's number in their
// patient index key files their record under another number, and can put
// the key out of its place among the keys beside it. The history of that
// patient said their entry was misfiled, and that "other patients'
// histories, read against their own records, are not in doubt unless
// said", where the same key out of its place made the index's search pass
// over the next patient's entry: their history was the one in doubt. The
// words go into the store's note and are shown again with every other
// patient's history. Every bit of the first and last digits of each key
// that lies on the file once is flipped, one at a time: where the patient's history
// says that other patients' histories are not in doubt, the index's search
// finds every other patient's entries.
func TestAMisfiledIndexEntryNeverSaysOtherHistoriesAreNotInDoubtWhereItHidesOne(t *testing.T) {
	testkit.Bulk(t)
	path := filepath.Join(t.TempDir(), "digicheck.db")
	s, err := Open(path, Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	patients := nhsNumbers(150)
	ids := map[string]record.PatientID{}
	for _, n := range patients {
		save(t, s, assessed(t, n))
		p, err := record.ParsePatientID(n)
		if err != nil {
			t.Fatal(err)
		}
		ids[n] = p
	}
	pristine := readFile(t, path)
	flips, hid, claimed := 0, 0, 0
	for victim := 40; victim < 110; victim++ {
		key := []byte("nhs\x00" + patients[victim] + "\x00")
		if bytes.Count(pristine, key) != 1 {
			continue // the first key of a leaf, on its parent too
		}
		at := int64(bytes.Index(pristine, key)) + 4
		for i := range 16 {
			digit, bit := int64(9*(i/8)), uint(i%8)
			flips++
			write(t, path, pristine)
			flipBit(t, path, at+digit, bit)
			os.Remove(DamageNote(path))
			s, err := Open(path, Options{Timeout: time.Second})
			if errors.Is(err, ErrDamaged) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.History(ids[patients[victim]])
			hidden := othersMissedBySearch(t, s, patients, victim, ids)
			if len(hidden) > 0 {
				hid++
			}
			if err == nil || !strings.Contains(err.Error(), "not in doubt") {
				continue
			}
			claimed++
			if len(hidden) > 0 {
				t.Errorf("digit %d bit %d of patient %s's key: history says %q, but looking up %s passes over their entry", digit, bit, patients[victim], err, strings.Join(hidden, ", "))
			}
		}
	}
	t.Logf("%d flips: %d hid another patient's entry from the search; %d said other histories are not in doubt", flips, hid, claimed)
	if hid == 0 || claimed == 0 {
		t.Fatalf("no flip both hid another patient's entry (%d) and was said as not in doubt for others (%d): the test shows nothing", hid, claimed)
	}
}

// othersMissedBySearch are the patients, other than patients[victim],
// whose entries bbolt's search of the patient index of s passes over.
func othersMissedBySearch(t *testing.T, s *Store, patients []string, victim int, ids map[string]record.PatientID) (missed []string) {
	t.Helper()
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketPatients).Cursor()
		for i, n := range patients {
			if i == victim {
				continue
			}
			prefix := patientPrefix(ids[n])
			if k, _ := c.Seek(prefix); k == nil || !bytes.HasPrefix(k, prefix) {
				missed = append(missed, n)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return missed
}
