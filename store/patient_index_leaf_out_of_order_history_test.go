package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// Hazard H27: one bit flipped in a patient's number in a key of the
// patient index, on a leaf of an index of several pages, puts the leaf's
// keys out of order, and bbolt's binary search for the next patient's
// entries passed over them: their history said they had no assessments,
// and a follow-up offered a new baseline, with no word of damage. Every
// bit of the first and last digits of the number in each key of a leaf
// is flipped, one at a time: the history of the patient filed there and
// of those beside it gives their assessment, or says the store is damaged
// (HistoryReadable, what the history command shows, then shows it too);
// never none.
func TestAPatientIndexKeyOutOfOrderInALeafNeverHidesAPatientsAssessments(t *testing.T) {
	testkit.Bulk(t)
	path := filepath.Join(t.TempDir(), "digicheck.db")
	s, err := Open(path, Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	patients := nhsNumbers(150)
	for _, p := range patients {
		save(t, s, assessed(t, p))
	}
	pristine := readFile(t, path)
	flips := 0
	for victim := 40; victim < 110; victim++ {
		key := []byte("nhs\x00" + patients[victim] + "\x00")
		if bytes.Count(pristine, key) != 1 {
			continue // the first key of a leaf, on its parent too
		}
		at := int64(bytes.Index(pristine, key)) + 4
		for _, digit := range []int64{0, 9} {
			for bit := range uint(8) {
				flips++
				write(t, path, pristine)
				flipBit(t, path, at+digit, bit)
				for _, i := range []int{victim - 1, victim, victim + 1} {
					os.Remove(DamageNote(path))
					s, err := Open(path, Options{Timeout: time.Second})
					if errors.Is(err, ErrDamaged) {
						continue
					}
					if err != nil {
						t.Fatal(err)
					}
					p, err := record.ParsePatientID(patients[i])
					if err != nil {
						t.Fatal(err)
					}
					rs, err := s.History(p)
					if err == nil && len(rs) != 1 {
						t.Errorf("digit %d bit %d of patient %s's key: history of %s gave %d assessments of 1, and no error", digit, bit, patients[victim], patients[i], len(rs))
					}
					if err != nil && !errors.Is(err, ErrDamaged) {
						t.Errorf("digit %d bit %d of patient %s's key: history of %s: %v", digit, bit, patients[victim], patients[i], err)
					}
					os.Remove(DamageNote(path))
					if rs, _, err := s.HistoryReadable(p); err == nil && len(rs) != 1 {
						t.Errorf("digit %d bit %d of patient %s's key: the history shown for %s gave %d assessments of 1", digit, bit, patients[victim], patients[i], len(rs))
					}
				}
			}
		}
	}
	if flips < 500 {
		t.Fatalf("only %d flips: too few keys on the file once", flips)
	}
}
