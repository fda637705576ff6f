package store

import "testing"

// A save packs its record once: a plain one before its transaction, a
// follow-up in it, after its Change is filled in (versions.go), and not
// also before, since those bytes would be thrown away.
func TestASaveOrAFollowUpPacksItsRecordOnce(t *testing.T) {
	s := openTemp(t)
	n := packs.Load()
	base := save(t, s, assessed(t, nhsPatient))
	if got := packs.Load() - n; got != 1 {
		t.Errorf("a save packed its record %d times; want once", got)
	}
	fu := reassessed(t, base, confidentAnswers())
	fu.FollowsUp = base.ID
	n = packs.Load()
	fu = save(t, s, fu)
	if got := packs.Load() - n; got != 1 {
		t.Errorf("a follow-up's save packed its record %d times; want once", got)
	}
	stored, err := s.Get(fu.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Change == nil {
		t.Errorf("the follow-up was stored without its Change; want the bytes packed after Change was filled in")
	}
}
