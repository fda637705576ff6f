package store

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/questionnaire"
	"digicheck/record"
)

func TestSavedRecordSurvivesReopenWithEveryField(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digicheck.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	earlier := save(t, s, assessed(t, nhsPatient))
	want := assessed(t, nhsPatient)
	want.FollowsUp = earlier.ID
	want.Outcomes = []record.ReferralOutcome{{ProgrammeID: earlier.Recommendation.Referrals[0].ProgrammeID, Outcome: record.OutcomeNotTakenUp, Reason: "no bus"}}
	want = save(t, s, want)

	again, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	got, err := again.Get(want.ID)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Get after reopen differs\n got %+v\nwant %+v", got, want)
	}
	hist, err := again.History(want.Patient)
	if err != nil {
		t.Fatalf("History: %v", err)
	}
	if len(hist) != 2 || !reflect.DeepEqual(hist[1], want) {
		t.Errorf("History after reopen = %+v, want %+v after the earlier one", hist, want)
	}
	// The parts a clinician acts on, checked by name so a silent drop of
	// the embedded Result in encoding cannot pass unnoticed.
	if got.Recommendation.Primary == "" || len(got.Recommendation.Referrals) == 0 ||
		got.Recommendation.Referrals[1].Consent != questionnaire.Declined ||
		got.Answers.One(questionnaire.LinkLanguage) != "Polish" || got.InstrumentVersion != "1" {
		t.Errorf("recommendation or answers lost: %+v", got)
	}
}

func TestSaveFillsIDTimeAndStatus(t *testing.T) {
	s := openTemp(t)
	before := time.Now()
	r := save(t, s, assessed(t, nhsPatient))
	u, err := uuid.Parse(r.ID.String())
	if err != nil || u.Version() != 7 || u.String() != r.ID.String() {
		t.Errorf("ID %q is not a canonical UUIDv7", r.ID)
	}
	if r.Time.Location() != time.UTC || r.Time.Before(before.Add(-time.Second)) || r.Time.After(time.Now().Add(time.Second)) {
		t.Errorf("Time = %v, want UTC now", r.Time)
	}
	if r.Status != record.Completed {
		t.Errorf("Status = %q, want %q", r.Status, record.Completed)
	}

	// What the caller set is kept.
	given := assessed(t, nhsPatient)
	given.Time = time.Date(2025, 3, 4, 10, 30, 0, 0, time.UTC)
	given.Status = record.Amended
	given.Amends = r.ID
	given = save(t, s, given)
	got, err := s.Get(given.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Time.Equal(given.Time) || got.Status != record.Amended || got.Amends != r.ID {
		t.Errorf("given fields not kept: %+v", got)
	}
}

func TestRecordsComeBackInTimeOrder(t *testing.T) {
	s := openTemp(t)
	var ids, mine []string
	for i := range 30 {
		p := nhsPatient
		if i%3 == 0 {
			p = localPatient
		}
		r := save(t, s, assessed(t, p))
		ids = append(ids, r.ID.String())
		if p == nhsPatient {
			mine = append(mine, r.ID.String())
		}
	}
	var each []string
	var last time.Time
	err := s.Each(func(r record.Record) error {
		each = append(each, r.ID.String())
		if r.Time.Before(last) {
			t.Errorf("record %s at %v comes after one at %v", r.ID, r.Time, last)
		}
		last = r.Time
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(each, ids) {
		t.Errorf("Each order\n got %v\nwant %v (save order)", each, ids)
	}
	pid, _ := record.ParsePatientID(nhsPatient)
	hist, err := s.History(pid)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range hist {
		got = append(got, r.ID.String())
		if r.Patient != pid {
			t.Errorf("History of %v returned a record of %v", pid, r.Patient)
		}
	}
	if !slices.Equal(got, mine) {
		t.Errorf("History order\n got %v\nwant %v (oldest first)", got, mine)
	}
}

func TestHistoryOfUnknownPatientIsEmpty(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	// A local number that is a prefix of a stored one must not match it.
	for _, p := range []record.PatientID{{Kind: record.LocalID, Value: "RXH-1"}, {Kind: record.NHSNumber, Value: "9434765919"[:9]}} {
		hist, err := s.History(p)
		if err != nil || len(hist) != 0 {
			t.Errorf("History(%v) = %v, %v; want none", p, hist, err)
		}
	}
}

func TestSaveNeverOverwrites(t *testing.T) {
	s := openTemp(t)
	first := save(t, s, assessed(t, nhsPatient))
	again := first
	again.Clinician = "someone else"
	err := s.Save(&again)
	if !errors.Is(err, ErrExists) {
		t.Fatalf("second Save of %s: %v, want ErrExists", first.ID, err)
	}
	got, err := s.Get(first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Clinician != first.Clinician {
		t.Errorf("stored record was overwritten: clinician %q", got.Clinician)
	}
	pid, _ := record.ParsePatientID(nhsPatient)
	if hist, _ := s.History(pid); len(hist) != 1 {
		t.Errorf("History has %d records, want 1", len(hist))
	}
}

func TestSaveRefusesRecordsItCannotIndex(t *testing.T) {
	s := openTemp(t)
	for name, r := range map[string]record.Record{
		"no patient":   {Clinician: "x"},
		"zero byte":    {Patient: record.PatientID{Kind: record.LocalID, Value: "A\x00B"}},
		"not a UUIDv7": {Patient: record.PatientID{Kind: record.LocalID, Value: "A1"}, ID: record.ID(uuid.New())},
	} {
		if err := s.Save(&r); !errors.Is(err, ErrInvalidRecord) {
			t.Errorf("%s: Save = %v, want ErrInvalidRecord", name, err)
		}
	}
	if err := s.Save(nil); !errors.Is(err, ErrInvalidRecord) {
		t.Errorf("Save(nil) = %v, want ErrInvalidRecord", err)
	}
	n := 0
	if err := s.Each(func(record.Record) error { n++; return nil }, nil); err != nil || n != 0 {
		t.Errorf("refused records were stored: %d, %v", n, err)
	}
}

func TestGetByIDPrefix(t *testing.T) {
	s := openTemp(t)
	// Two ids made in the same millisecond share their first 12 hex
	// digits; a third differs in its first 8.
	base, _ := uuid.NewV7()
	twin := base
	twin[15] ^= 0xff
	other := base
	other[0] ^= 0x01
	var saved []record.Record
	for _, u := range []uuid.UUID{base, twin, other} {
		r := assessed(t, nhsPatient)
		r.ID = record.ID(u)
		saved = append(saved, save(t, s, r))
	}
	if saved[0].ID.String() != base.String() {
		t.Errorf("given id kept as %q, want canonical %q", saved[0].ID, base.String())
	}

	// As someone might paste it: in capitals, with spaces around.
	for _, q := range []string{saved[0].ID.String(), strings.ToUpper(saved[0].ID.String()), " " + saved[0].ID.String() + " "} {
		if got, err := s.Find(q); err != nil || got.ID != saved[0].ID {
			t.Errorf("Get(%q) = %s, %v; want %s", q, got.ID, err, saved[0].ID)
		}
	}
	if got, err := s.Find(other.String()[:8]); err != nil || got.ID.String() != other.String() {
		t.Errorf("Get(unique 8-character prefix) = %s, %v; want %s", got.ID, err, other)
	}
	if _, err := s.Find(base.String()[:13]); !errors.Is(err, ErrAmbiguous) {
		t.Errorf("Get(shared prefix) = %v, want ErrAmbiguous", err)
	}
	if _, err := s.Find(other.String()[:7]); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "at least 8") {
		t.Errorf("Get(7 characters) = %v, want ErrNotFound asking for 8", err)
	}
	if _, err := s.Find("ffffffff-ffff"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(unknown) = %v, want ErrNotFound", err)
	}
}

func TestEachStopsAtTheCallersError(t *testing.T) {
	s := openTemp(t)
	for range 3 {
		save(t, s, assessed(t, nhsPatient))
	}
	stop := errors.New("enough")
	n := 0
	err := s.Each(func(record.Record) error { n++; return stop }, nil)
	if err != stop || n != 1 {
		t.Errorf("Each = %v after %d calls; want the caller's error after 1", err, n)
	}
}

func TestEachPassesOnTheCallersPanicAndReleasesTheFile(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	func() {
		defer func() {
			if p := recover(); p != "caller bug" {
				t.Errorf("recovered %v, want the caller's own panic", p)
			}
		}()
		_ = s.Each(func(record.Record) error { panic("caller bug") }, nil)
	}()
	r := assessed(t, nhsPatient)
	if err := s.Save(&r); err != nil {
		t.Errorf("Save after a panicking Each: %v", err)
	}
}

func TestNewStoreIsPrivateAndMarked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "digicheck")
	path := filepath.Join(dir, "digicheck.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	if runtime.GOOS != "windows" {
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("store mode = %v, %v; want 0600", fi.Mode().Perm(), err)
		}
		if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("directory mode = %v, %v; want 0700", fi.Mode().Perm(), err)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".digicheck-*")); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_ = db.View(func(tx *bolt.Tx) error {
		m := tx.Bucket([]byte("meta"))
		if m == nil || string(m.Get([]byte("app"))) != "digicheck" || string(m.Get([]byte("schema"))) != strconv.Itoa(schemaVersion) {
			t.Errorf("meta bucket missing or wrong")
		}
		return nil
	})
}

func TestOpenTwiceUsesTheSameStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digicheck.db")
	a, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := save(t, a, assessed(t, nhsPatient))
	if _, err := b.Get(r.ID); err != nil {
		t.Errorf("a second Store on the same file does not see the record: %v", err)
	}
	r2 := save(t, b, assessed(t, nhsPatient))
	if _, err := a.Get(r2.ID); err != nil {
		t.Errorf("the first Store does not see the second one's record: %v", err)
	}
}

func TestStoreRemovedAfterOpenIsNotRecreated(t *testing.T) {
	s := openTemp(t)
	if err := os.Remove(s.Path()); err != nil {
		t.Fatal(err)
	}
	r := assessed(t, nhsPatient)
	if err := s.Save(&r); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Save to a removed store = %v, want a not-exist error", err)
	}
	if _, err := os.Stat(s.Path()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the store was silently recreated")
	}
}

// Two windows saving at once, each with its own Store on the same file, and
// goroutines within one: every save is kept, each with its index entry.
func TestConcurrentSavesAreAllKept(t *testing.T) {
	a := openTemp(t)
	b, err := Open(a.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	a.timeout = 2 * time.Second
	const workers, each = 4, 5
	errs := make(chan error, workers*each)
	ids := make(chan string, workers*each)
	var wg sync.WaitGroup
	for w := range workers {
		s := a
		if w%2 == 1 {
			s = b
		}
		wg.Go(func() {
			for range each {
				r := assessed(t, nhsPatient)
				if err := s.Save(&r); err != nil {
					errs <- err
					continue
				}
				ids <- r.ID.String()
			}
		})
	}
	wg.Wait()
	close(errs)
	close(ids)
	for err := range errs {
		t.Errorf("Save: %v", err)
	}
	var want []string
	for id := range ids {
		want = append(want, id)
	}
	slices.Sort(want)
	pid, _ := record.ParsePatientID(nhsPatient)
	hist, err := a.History(pid)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range hist {
		got = append(got, r.ID.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("History has %d records, want the %d saved", len(got), len(want))
	}
}
