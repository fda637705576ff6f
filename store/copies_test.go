package store

import (
	"errors"
	"testing"
	"time"

	"digicheck/record"
)

// TestACopyKeepsTheLinksItWasMadeWith: a follow-up made on another
// machine, of an assessment that is not the latest here (two teams each
// followed up their own), is kept as a copy with the change it was saved
// with there, marked as from its source; a record made here with the same
// link is still refused, and a copy whose baseline is missing is refused.
func TestACopyKeepsTheLinksItWasMadeWith(t *testing.T) {
	s := openTemp(t)
	base := save(t, s, assessed(t, "9990000018"))
	later := save(t, s, assessed(t, "9990000018")) // the latest here

	fu := assessed(t, "9990000018")
	fu.ID, _ = record.NewID()
	fu.FollowsUp = base.ID
	made := record.Compare(base, fu)
	fu.Change = &made
	fu.Change.SinceTime = base.Time.Add(-time.Hour) // as the other machine kept it
	mine := fu
	mine.ID = record.ID{}
	if err := s.Save(&mine); !errors.Is(err, ErrNotLatest) {
		t.Fatalf("a follow-up made here of %s, not the latest %s: %v; want ErrNotLatest", base.ID, later.ID, err)
	}
	copied := fu
	if err := s.SaveCopy(&copied, "https://fhir.example.nhs.uk/fhir"); err != nil {
		t.Fatalf("SaveCopy: %v", err)
	}
	got, err := s.Get(fu.ID)
	if err != nil || got.Change == nil || !got.Change.SinceTime.Equal(fu.Change.SinceTime) {
		t.Errorf("the copy's change is %+v (%v), want the one it was made with", got.Change, err)
	}
	from, err := s.CopySources([]record.ID{fu.ID, base.ID})
	if err != nil || from[fu.ID] != "https://fhir.example.nhs.uk/fhir" || from[base.ID] != "" {
		t.Errorf("sources %v (%v)", from, err)
	}
	if err := s.SaveCopy(&copied, "https://fhir.example.nhs.uk/fhir"); !errors.Is(err, ErrExists) {
		t.Errorf("a copy saved twice: %v; want ErrExists", err)
	}

	orphan := assessed(t, "9990000018")
	orphan.ID, _ = record.NewID()
	orphan.FollowsUp, _ = record.NewID()
	if err := s.SaveCopy(&orphan, "https://fhir.example.nhs.uk/fhir"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a copy following up a record not here: %v; want ErrNotFound", err)
	}
	rep, err := s.Check()
	if err != nil || !rep.OK() {
		t.Errorf("the store with copies does not check: %v %v", rep, err)
	}
}

// TestAReadMarkNeverMovesBack: the mark of where the next read from a
// server starts moves forward only, and is kept per server.
func TestAReadMarkNeverMovesBack(t *testing.T) {
	s := openTemp(t)
	a, b := "https://a.example.nhs.uk/fhir", "https://b.example.nhs.uk/fhir"
	if m, err := s.ReadMark(a); err != nil || !m.IsZero() {
		t.Fatalf("a new store's mark: %v %v", m, err)
	}
	t1 := time.Date(2026, 3, 1, 9, 0, 0, 123000000, time.UTC)
	for _, tc := range []struct {
		set, want time.Time
	}{
		{t1, t1},
		{t1.Add(-time.Second), t1},
		{t1, t1},
		{t1.Add(time.Nanosecond), t1.Add(time.Nanosecond)},
	} {
		if err := s.SetReadMark(a, tc.set); err != nil {
			t.Fatal(err)
		}
		if m, err := s.ReadMark(a); err != nil || !m.Equal(tc.want) {
			t.Errorf("after setting %v: %v (%v), want %v", tc.set, m, err, tc.want)
		}
	}
	if m, _ := s.ReadMark(b); !m.IsZero() {
		t.Errorf("another server's mark is %v", m)
	}
}

// TestCopiesAreSavedAsABatchOrNotAtAll: a batch of copies is one
// transaction: with a copy the store refuses (its result is not what its
// answers give) none is saved; without it all are, those already here
// passed over.
func TestCopiesAreSavedAsABatchOrNotAtAll(t *testing.T) {
	s := openTemp(t)
	src := "https://fhir.example.nhs.uk/fhir"
	var rs []record.Record
	for range 3 {
		r := assessed(t, "9990000018")
		r.ID, _ = record.NewID()
		r.Time = time.Now().UTC()
		rs = append(rs, r)
	}
	bad := rs[1]
	bad.Bands.Access = (bad.Bands.Access + 1) % 3 // not what the answers give
	if _, err := s.SaveCopies([]record.Record{rs[0], bad, rs[2]}, src); !errors.Is(err, ErrInvalidRecord) {
		t.Fatalf("a batch with a forged copy: %v; want ErrInvalidRecord", err)
	}
	if _, err := s.Get(rs[0].ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a refused batch saved a copy: %v", err)
	}
	if err := s.SaveCopy(&rs[0], src); err != nil {
		t.Fatal(err)
	}
	ids, err := s.SaveCopies(rs, src)
	if err != nil || len(ids) != 2 || ids[0] != rs[1].ID || ids[1] != rs[2].ID {
		t.Fatalf("SaveCopies saved %v (%v), want the two not already here", ids, err)
	}
	from, _ := s.CopySources([]record.ID{rs[0].ID, rs[1].ID, rs[2].ID})
	if len(from) != 3 {
		t.Errorf("sources %v", from)
	}
}
