package store

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"digicheck/record"
)

// batchPatients are n made-up patients' numbers, from the range set aside
// for testing.
func batchPatients(t *testing.T, n int) []string {
	t.Helper()
	var nums []string
	for i := 999100001; len(nums) < n; i++ {
		if v, ok := nhsNumberOf(i); ok {
			nums = append(nums, v)
		}
	}
	return nums
}

// syntheticBaselines saves, in one batch, a synthetic assessment of each
// patient of nums, and returns them as saved.
func syntheticBaselines(t *testing.T, s *Store, nums []string) []record.Record {
	t.Helper()
	var rs []record.Record
	for _, v := range nums {
		r := assessed(t, v)
		r.Synthetic = true
		rs = append(rs, r)
	}
	if err := s.SaveSynthetic(rs); err != nil {
		t.Fatal(err)
	}
	return rs
}

// A batch (digicheck synthetic, a push's copies read from a server) saves
// thousands of records in one transaction, a tenth of them follow-ups and
// some amendments. The check of each follow-up and amendment reads the
// whole patient index from its pages (indexWalk: the entries a flipped
// bit put out of their place, and the entries reached against the store's
// count), and it read it again for each one: a batch's cost grew with the
// store's size times its own, and 40,000 synthetic records took 15.5 s
// where 20,000 took 5.7 s. The pages a transaction starts from do not
// change under it, so a batch reads the whole index once, however many
// follow-ups and amendments it holds; a batch of new assessments alone
// reads it not at all, as a save does.
func TestABatchReadsTheWholePatientIndexOnceNotForEachFollowUpOrAmendment(t *testing.T) {
	t.Run("synthetic", func(t *testing.T) {
		s := openTemp(t)
		nums := batchPatients(t, 12)
		n := indexScans.Load()
		base := syntheticBaselines(t, s, nums)
		if got := indexScans.Load() - n; got != 0 {
			t.Errorf("a batch of new assessments read the whole patient index %d times; want none", got)
		}
		var rs []record.Record
		for i, b := range base {
			r := assessed(t, nums[i])
			r.Synthetic = true
			if i < 8 {
				r.FollowsUp = b.ID
			} else {
				r.Amends, r.Status, r.AmendReason = b.ID, record.Amended, "age was wrong"
			}
			rs = append(rs, r)
		}
		n = indexScans.Load()
		if err := s.SaveSynthetic(rs); err != nil {
			t.Fatal(err)
		}
		if got := indexScans.Load() - n; got != 1 {
			t.Errorf("a batch of 8 follow-ups and 4 amendments read the whole patient index %d times; want once", got)
		}
		if rep, err := s.Check(); err != nil || !rep.OK() {
			t.Errorf("check after the batches: %v\n%s", err, rep)
		}
	})
	t.Run("copies from a server", func(t *testing.T) {
		const server = "https://fhir.example.nhs.uk/fhir"
		s := openTemp(t)
		nums := batchPatients(t, 12)
		var base []record.Record
		for _, v := range nums {
			r := assessed(t, v)
			r.ID, _ = record.NewID()
			base = append(base, r)
		}
		if _, err := s.SaveCopies(base, server); err != nil {
			t.Fatal(err)
		}
		var rs []record.Record
		for i, b := range base {
			r := assessed(t, nums[i])
			r.ID, _ = record.NewID()
			r.Amends, r.Status, r.AmendReason = b.ID, record.Amended, "age was wrong"
			rs = append(rs, r)
		}
		n := indexScans.Load()
		if _, err := s.SaveCopies(rs, server); err != nil {
			t.Fatal(err)
		}
		if got := indexScans.Load() - n; got != 1 {
			t.Errorf("a batch of 12 amendments read from a server read the whole patient index %d times; want once", got)
		}
	})
}

// The index read once in a batch is read again by the next: damage done
// to it between two batches is found by the second, as by a save. One
// bit flipped in the number of a patient's entry files their assessment
// out of its place; a batch whose first follow-up is another patient's,
// and whose second is theirs, is refused, saying the damage.
func TestABatchAfterAPatientsEntryWasFlippedIsRefusedThoughItReadTheIndexForAnotherFirst(t *testing.T) {
	s := openTempWaiting(t, loadedWait) // the rewritten file is read again before the batch
	// Enough patients for the index to have pages of its own: a small
	// one is kept in the page every operation checks first.
	nums := batchPatients(t, 40)
	base := syntheticBaselines(t, s, nums)
	victim := base[3]
	key := patientKey(victim.Patient, victim.ID)
	b, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for at := 0; ; {
		i := bytes.Index(b[at:], key)
		if i < 0 {
			break
		}
		b[at+i+len(victim.Patient.Kind)+1+5] ^= 1 // a middle digit of the number
		at += i + 1
		n++
	}
	if n == 0 {
		t.Fatal("the patient's index entry is not in the file")
	}
	// Written in place, under the same Store: the free list it sealed
	// (freelist.go) stands, so no walk of every page comes first.
	if err := os.WriteFile(s.Path(), b, 0o600); err != nil {
		t.Fatal(err)
	}
	var rs []record.Record
	for _, i := range []int{0, 3} {
		r := assessed(t, nums[i])
		r.Synthetic, r.FollowsUp = true, base[i].ID
		rs = append(rs, r)
	}
	if err := s.SaveSynthetic(rs); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), indexPatient(key)) {
		t.Errorf("a batch following up a patient whose index entry was flipped: %v; want the damage said", err)
	}
}
