package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"digicheck/record"
)

// nhsNumberOf is the valid NHS number whose first nine digits are n.
func nhsNumberOf(n int) (string, bool) {
	d := fmt.Sprintf("%09d", n)
	sum := 0
	for i := range 9 {
		sum += int(d[i]-'0') * (10 - i)
	}
	c := 11 - sum%11
	if c == 11 {
		c = 0
	}
	if c == 10 {
		return "", false
	}
	return d + fmt.Sprint(c), true
}

// scanStore is a store of 30 patients, each with one to three records,
// saved interleaved as a clinic would; earlier stores it as builds before
// the index entries' checks did. It returns the store's file and each
// patient's records.
func scanStore(t *testing.T, earlier bool) (string, map[string][]record.Record) {
	t.Helper()
	s := openTemp(t)
	var nums []string
	for n := 999000001; len(nums) < 30; n++ {
		if v, ok := nhsNumberOf(n); ok {
			nums = append(nums, v)
		}
	}
	recs := map[string][]record.Record{}
	for round := range 3 {
		for i, v := range nums {
			if round <= i%3 {
				recs[v] = append(recs[v], save(t, s, assessed(t, v)))
			}
		}
	}
	if earlier {
		asEarlierBuild(t, s.Path())
	}
	return s.Path(), recs
}

// Damaged stores (H27), fault 1 of a re-test: one bit flipped in the last
// digit of the NHS number of a patient's index entry put it out of order
// on its page, and the search for the patient's number passed over the
// patient's entries (the flipped one and the sound ones beside it), so
// neither it nor its neighbours were read: history said "no assessments"
// of a patient with readable assessments, and a follow-up said to start a
// new one. Every such flip now stops history and the patient's check with
// the damage named, never a short or empty history.
func TestEveryFlippedDigitOfAPatientIndexEntryIsSaidOfThatPatient(t *testing.T) {
	for _, earlier := range []bool{false, true} {
		t.Run(fmt.Sprint("earlier build ", earlier), func(t *testing.T) {
			path, recs := scanStore(t, earlier)
			pristine, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			tries, silent := 0, 0
			for num, rs := range recs {
				for _, r := range rs {
					key := patientKey(r.Patient, r.ID)
					for digit := 8; digit <= 9; digit++ {
						for bit := range 3 {
							b := bytes.Clone(pristine)
							n := 0
							for at := 0; ; {
								i := bytes.Index(b[at:], key)
								if i < 0 {
									break
								}
								b[at+i+len(r.Patient.Kind)+1+digit] ^= 1 << bit
								at += i + 1
								n++
							}
							if n == 0 {
								t.Fatalf("record %s's index entry is not in the file", r.ID)
							}
							p := filepath.Join(t.TempDir(), "s.db")
							if err := os.WriteFile(p, b, 0o600); err != nil {
								t.Fatal(err)
							}
							s, err := Open(p, Options{})
							if err != nil {
								t.Fatal(err)
							}
							tries++
							h, err := s.History(r.Patient)
							if err == nil && len(h) < len(rs) {
								silent++
								t.Errorf("patient %s (%d records), entry of %s, digit %d bit %d flipped: history gave %d records and no damage", num, len(rs), r.ID, digit+1, bit, len(h))
							} else if err != nil && !errors.Is(err, ErrDamaged) {
								t.Errorf("patient %s: history: %v; want the damage named", num, err)
							}
							if !earlier {
								if err := s.CheckPatient(r.Patient); !errors.Is(err, ErrDamaged) {
									silent++
									t.Errorf("patient %s, entry of %s, digit %d bit %d flipped: the patient's check before a save gave %v; want the damage named", num, r.ID, digit+1, bit, err)
								}
							}
						}
					}
				}
			}
			t.Logf("%d of %d flips unsaid", silent, tries)
		})
	}
}
