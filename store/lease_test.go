package store

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// window opens a second window (a Store of its own) on s's file.
// Its lock wait is loadedWait: each write of one window reads again the
// file the other changed (see loadedWait).
func window(t *testing.T, s *Store) *Store {
	t.Helper()
	return windowWaiting(t, s, loadedWait)
}

// windowWaiting is window with this lock wait.
func windowWaiting(t *testing.T, s *Store, wait time.Duration) *Store {
	t.Helper()
	w, err := Open(s.Path(), Options{Timeout: wait})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// assessedWith is a record assessed from these answers.
func assessedWith(t *testing.T, a questionnaire.Answers) record.Record {
	t.Helper()
	r := assessed(t, nhsPatient)
	res, err := questionnaire.V1.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	r.Answers, r.Result = a, res
	return r
}

func shortLease(t *testing.T, d time.Duration) {
	old := LeaseTTL
	LeaseTTL = d
	t.Cleanup(func() { LeaseTTL = old })
}

func halfAnswers(choice string) questionnaire.Answers {
	return testkit.Full(questionnaire.Answers{questionnaire.LinkChoice: {choice}})
}

// Item 1: window B is not offered, and cannot take, the draft window A is
// working on; it is listed as held, with whose login it is.
func TestADraftInUseIsNotOfferedToAnotherWindow(t *testing.T) {
	a := openTempWaiting(t, loadedWait)
	b := window(t, a)
	d := Draft{Draft: assess.Draft{Clinician: "Sister A", Answers: halfAnswers("phone")}}
	if err := a.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	ls, err := b.ListDrafts(0)
	if err != nil || len(ls) != 1 {
		t.Fatalf("ListDrafts = %v, %v", ls, err)
	}
	if !ls[0].HeldElsewhere || ls[0].Login != loginName() {
		t.Errorf("B's list: held elsewhere %v, login %q; want held, by %q", ls[0].HeldElsewhere, ls[0].Login, loginName())
	}
	if own, _ := a.ListDrafts(0); own[0].HeldElsewhere {
		t.Error("A's own draft is listed to A as held elsewhere")
	}
	if _, err := b.ClaimDraft(d.ID); !errors.Is(err, ErrDraftHeld) {
		t.Errorf("B's ClaimDraft of A's live draft = %v; want ErrDraftHeld", err)
	}
	if err := b.DiscardDraft(d.ID); !errors.Is(err, ErrDraftHeld) {
		t.Errorf("B's DiscardDraft of A's live draft = %v; want ErrDraftHeld", err)
	}
	// A renews, then lets go on closing: B may take it at once.
	if err := a.RenewDraft(d.ID); err != nil {
		t.Fatal(err)
	}
	if err := a.releaseDraft(d.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := b.ClaimDraft(d.ID); err != nil {
		t.Errorf("B's ClaimDraft of a released draft: %v", err)
	}
}

// The scenario, with a window that died (its lease lapsed) and
// came back: B resumes A's draft and saves it; A's draft writes and save
// must keep A's answers, and A's save must succeed on retry, not fail
// forever.
func TestAWindowThatLostItsDraftKeepsItsAnswers(t *testing.T) {
	shortLease(t, 50*time.Millisecond)
	a := openTempWaiting(t, loadedWait)
	b := window(t, a)
	da := Draft{Draft: assess.Draft{Clinician: "Sister A", Patient: record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}, Answers: halfAnswers("phone")}}
	if err := a.SaveDraft(&da); err != nil {
		t.Fatal(err)
	}
	time.Sleep(80 * time.Millisecond) // A's window asleep: its hold lapses
	db, err := b.ClaimDraft(da.ID)
	if err != nil {
		t.Fatalf("B's ClaimDraft of a lapsed draft: %v", err)
	}
	db.Answers = halfAnswers("letter")
	if err := b.SaveDraft(&db); err != nil {
		t.Fatal(err)
	}
	rb := assessedWith(t, db.Answers)
	rb.ID = db.ID
	if err := b.Save(&rb); err != nil {
		t.Fatalf("B's Save: %v", err)
	}

	// A wakes and writes its draft: kept as a new draft, not lost.
	if err := a.SaveDraft(&da); err != nil {
		t.Fatalf("A's SaveDraft after B saved: %v", err)
	}
	if da.ForkedFrom != rb.ID || da.ID == rb.ID {
		t.Errorf("A's draft: id %s forked from %q; want a new id forked from %s", da.ID, da.ForkedFrom, rb.ID)
	}
	// A's save of the original id: answers kept as a draft, then saved
	// on retry.
	ra := assessedWith(t, da.Answers)
	ra.ID = rb.ID
	err = a.Save(&ra)
	if !errors.Is(err, ErrDraftTaken) {
		t.Fatalf("A's Save of the assessment B saved = %v; want ErrDraftTaken", err)
	}
	if ra.ID == rb.ID {
		t.Fatal("A's record still carries the id B saved")
	}
	kept, _ := a.Drafts()
	found := false
	for _, d := range kept {
		found = found || d.ID == ra.ID && d.Answers.One(questionnaire.LinkChoice) == "phone"
	}
	if !found {
		t.Errorf("A's answers are not kept as a draft: %+v", kept)
	}
	if err := a.Save(&ra); err != nil {
		t.Fatalf("A's retry: %v", err)
	}
	// Both windows' answers are there.
	for id, choice := range map[string]string{rb.ID.String(): "letter", ra.ID.String(): "phone"} {
		r, err := a.Find(id)
		if err != nil || r.Answers.One(questionnaire.LinkChoice) != choice {
			t.Errorf("record %s: %v, choice %q; want %q", id, err, r.Answers.One(questionnaire.LinkChoice), choice)
		}
	}
}

// Two windows that never claim (the UI before it is wired to leases): B
// writing over A's live draft keeps B's answers as a draft of its own, and
// B saving under A's draft's id keeps them too; A's draft is untouched.
func TestTwoWindowsOnOneDraftNeverLoseAnswers(t *testing.T) {
	a := openTempWaiting(t, loadedWait)
	b := window(t, a)
	da := Draft{Draft: assess.Draft{Clinician: "Sister A", Answers: halfAnswers("phone")}}
	if err := a.SaveDraft(&da); err != nil {
		t.Fatal(err)
	}
	all, _ := b.Drafts()
	dbw := all[0]
	dbw.Answers = halfAnswers("letter")
	if err := b.SaveDraft(&dbw); err != nil {
		t.Fatal(err)
	}
	if dbw.ID == da.ID || dbw.ForkedFrom != da.ID {
		t.Errorf("B wrote over A's live draft (id %s, forked from %q)", dbw.ID, dbw.ForkedFrom)
	}
	rb := assessed(t, nhsPatient)
	rb.ID = da.ID
	if err := b.Save(&rb); !errors.Is(err, ErrDraftTaken) {
		t.Errorf("B's Save under A's live draft's id = %v; want ErrDraftTaken", err)
	}
	got, err := a.ClaimDraft(da.ID)
	if err != nil || got.Answers.One(questionnaire.LinkChoice) != "phone" {
		t.Errorf("A's draft after B: %v, %v", got.Answers, err)
	}
	ra := assessed(t, nhsPatient)
	ra.ID = da.ID
	if err := a.Save(&ra); err != nil {
		t.Errorf("A's save of its own draft: %v", err)
	}
}

// A window's own late draft write after it saved the record still fails
// with ErrExists: the assessment is finished and must not come back.
func TestALateDraftOfASavedAssessmentStaysGone(t *testing.T) {
	s := openTemp(t)
	d := Draft{Draft: assess.Draft{Clinician: "x"}}
	if err := s.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	r := assessed(t, nhsPatient)
	r.ID = d.ID
	save(t, s, r)
	if err := s.SaveDraft(&d); !errors.Is(err, ErrExists) {
		t.Errorf("late SaveDraft = %v; want ErrExists", err)
	}
	if ds, _ := s.Drafts(); len(ds) != 0 {
		t.Errorf("drafts after save: %v", ds)
	}
}

// storeBytes is the whole store file, as grep would read it.
func storeBytes(t *testing.T, s *Store) []byte {
	t.Helper()
	b, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Item 7: a discarded draft "cannot be got back": not by digicheck, and
// not by grep over the file either, whichever of its versions.
func TestADiscardedDraftCannotBeReadInTheFile(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient)) // something else in the store
	secret := "Zebedee-Quaffle-4471"
	d := Draft{Draft: assess.Draft{Clinician: secret, Team: "Ward 9", Answers: halfAnswers("phone")}}
	for range 4 { // several versions, as a draft is kept section by section
		if err := s.SaveDraft(&d); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Contains(storeBytes(t, s), []byte(secret)) {
		t.Fatal("the test's draft is not in the file to begin with")
	}
	if err := s.DiscardDraft(d.ID); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(storeBytes(t, s), []byte(secret)) {
		t.Error("a discarded draft can still be read in the store file")
	}
	if rep, err := s.Check(); err != nil || !rep.OK() {
		t.Errorf("Check after the wipe: %v, %v", rep, err)
	}
}

// A wipe cut short (the window killed between the discard and the wipe)
// is done by the next write of any window.
func TestAWipeCutShortIsDoneByTheNextWrite(t *testing.T) {
	s := openTempWaiting(t, loadedWait)
	secret := "Ptolemy-Vandersnoot-99"
	d := Draft{Draft: assess.Draft{Clinician: secret}}
	if err := s.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	// The discard's first transaction only.
	if err := s.update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketDrafts).Delete([]byte(d.ID.String())); err != nil {
			return err
		}
		return askScrub(tx)
	}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(storeBytes(t, s), []byte(secret)) {
		t.Skip("bbolt reused the page already")
	}
	other := window(t, s)
	save(t, other, assessed(t, localPatient))
	if bytes.Contains(storeBytes(t, s), []byte(secret)) {
		t.Error("the next write did not finish the wipe")
	}
}

// Drafts expire after the site's age, with a warning in the last day, and
// an expired draft is wiped as a discarded one is.
func TestDraftsExpireAfterTheSiteAgeWithAWarningFirst(t *testing.T) {
	s := openTemp(t)
	secret := "Hortensia-Blatherwick-12"
	old := Draft{Draft: assess.Draft{Clinician: secret}}
	fresh := Draft{Draft: assess.Draft{Clinician: "Nurse B"}}
	for _, d := range []*Draft{&old, &fresh} {
		if err := s.SaveDraft(d); err != nil {
			t.Fatal(err)
		}
	}
	age := 7 * 24 * time.Hour
	// Pretend old was last saved 6 days 20 hours ago, and let its hold go.
	backdate(t, s, old.ID.String(), time.Now().Add(-age+4*time.Hour))
	ls, err := s.ListDrafts(age)
	if err != nil {
		t.Fatal(err)
	}
	warn := map[string]string{}
	for _, e := range ls {
		warn[e.ID.String()] = e.ExpiryWarning(time.Now())
	}
	if !strings.HasPrefix(warn[old.ID.String()], "expires in 3 hours") && !strings.HasPrefix(warn[old.ID.String()], "expires in 4 hours") {
		t.Errorf("a draft 4 hours from expiry warns %q", warn[old.ID.String()])
	}
	if warn[fresh.ID.String()] != "" {
		t.Errorf("a fresh draft warns %q", warn[fresh.ID.String()])
	}
	if gone, err := s.ExpireDrafts(age); err != nil || len(gone) != 0 {
		t.Errorf("ExpireDrafts before the age = %v, %v", gone, err)
	}
	backdate(t, s, old.ID.String(), time.Now().Add(-age-time.Minute))
	gone, err := s.ExpireDrafts(age)
	if err != nil || len(gone) != 1 || gone[0].ID != old.ID {
		t.Fatalf("ExpireDrafts = %v, %v; want the old draft", gone, err)
	}
	ds, _ := s.Drafts()
	if len(ds) != 1 || ds[0].ID != fresh.ID {
		t.Errorf("drafts left: %v", ds)
	}
	if bytes.Contains(storeBytes(t, s), []byte(secret)) {
		t.Error("an expired draft can still be read in the store file")
	}
}

// backdate sets a draft's Saved time and releases its hold.
func backdate(t *testing.T, s *Store, id string, saved time.Time) {
	t.Helper()
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDrafts)
		d, err := decodeDraft([]byte(id), b.Get([]byte(id)))
		if err != nil {
			return err
		}
		d.Saved, d.Holder, d.HeldUntil = saved.UTC(), "", time.Time{}
		v, err := encodeDraft(&d)
		if err != nil {
			return err
		}
		return b.Put([]byte(id), v)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A window on this machine that died (closed, killed, the laptop's
// battery flat) lets go of its drafts at once, not a lease later.
func TestADraftOfAWindowThatDiedIsOfferedAtOnce(t *testing.T) {
	a := openTempWaiting(t, loadedWait)
	d := Draft{Draft: assess.Draft{Clinician: "Sister A"}}
	if err := a.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	// A's window was a process that has since ended.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := cmd.Process.Pid
	err := a.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDrafts)
		got, err := decodeDraft([]byte(d.ID.String()), b.Get([]byte(d.ID.String())))
		if err != nil {
			return err
		}
		got.HolderPID = dead
		v, err := encodeDraft(&got)
		if err != nil {
			return err
		}
		return b.Put([]byte(d.ID.String()), v)
	})
	if err != nil {
		t.Fatal(err)
	}
	b := window(t, a)
	ls, _ := b.ListDrafts(0)
	if len(ls) != 1 || ls[0].HeldElsewhere {
		t.Errorf("a dead window's draft is listed as held: %+v", ls)
	}
	if _, err := b.ClaimDraft(d.ID); err != nil {
		t.Errorf("ClaimDraft of a dead window's draft: %v", err)
	}
}
