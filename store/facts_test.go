package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store/facts"
)

// eachFact calls fn with each record's facts, checked, as EachFactChunk
// hands them over.
func eachFact(s *Store, fn func(id []byte, v facts.View, names *facts.Names) error) error {
	return s.EachFactChunk(func(c FactChunk) error {
		for i := range c.Len() {
			id, v, err := c.At(i)
			if err != nil {
				return err
			}
			if err := fn(id, v, c.Names()); err != nil {
				return err
			}
		}
		return nil
	})
}

// storedFacts is one record's facts as EachFactChunk gave them, copied
// out, with the table of names they were read with.
type storedFacts struct {
	v     facts.View
	names *facts.Names
}

// allFacts reads every fact EachFactChunk gives, by record id.
func allFacts(t *testing.T, s *Store) map[string]storedFacts {
	t.Helper()
	out := map[string]storedFacts{}
	err := eachFact(s, func(id []byte, v facts.View, names *facts.Names) error {
		key := uuid.UUID(id).String()
		if _, dup := out[key]; dup {
			return fmt.Errorf("facts of %s given twice", key)
		}
		out[key] = storedFacts{facts.View(bytes.Clone(v)), names}
		return nil
	})
	if err != nil {
		t.Fatalf("EachFact: %v", err)
	}
	return out
}

// factsOf reports whether got are r's facts, made with ins: the bytes
// FromRecord and Encode make of r with got's table of names.
func factsOf(t *testing.T, got storedFacts, r record.Record, ins *questionnaire.Instrument) bool {
	t.Helper()
	f, err := facts.FromRecord(&r, ins)
	if err != nil {
		t.Fatal(err)
	}
	if got.names == nil {
		return false
	}
	want, err := facts.Encode(nil, &f, func(n string) (uint32, error) {
		if i, ok := got.names.Lookup(n); ok {
			return i, nil
		}
		return 0, fmt.Errorf("name %q not in the table", n)
	})
	return err == nil && bytes.Equal(got.v, want)
}

func TestSaveKeepsEachRecordsFacts(t *testing.T) {
	s := openTemp(t)
	a := save(t, s, assessed(t, nhsPatient))
	b := assessed(t, localPatient)
	b.Team = "District nurses"
	b = save(t, s, b)
	got := allFacts(t, s)
	if len(got) != 2 {
		t.Fatalf("%d facts, want 2", len(got))
	}
	for _, r := range []record.Record{a, b} {
		if !factsOf(t, got[r.ID.String()], r, questionnaire.V1) {
			t.Errorf("facts of %s: %x", r.ID, got[r.ID.String()].v)
		}
	}
	if err := s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketNoFacts) != nil {
			t.Error("records listed as saved without facts")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// A record whose facts cannot be made, here of an instrument version the
// store was not given, is saved all the same: the facts are an index of
// the records, never a condition of keeping one. Its facts are worked out
// from the record when they are read, and check finds nothing wrong.
func TestARecordWhoseFactsCannotBeMadeIsSaved(t *testing.T) {
	s := openTemp(t)
	known := save(t, s, assessed(t, nhsPatient))
	r := assessed(t, localPatient)
	r.InstrumentVersion = "9"
	if err := s.Save(&r); err != nil {
		t.Fatalf("Save of a record of an instrument version with no facts: %v", err)
	}
	if got, err := s.Get(r.ID); err != nil || got.InstrumentVersion != "9" {
		t.Errorf("Get = %v, %v", got.InstrumentVersion, err)
	}
	var ids []string
	var why error
	err := s.EachFactChunk(func(c FactChunk) error {
		for i := range c.Len() {
			id, _, err := c.At(i)
			if err != nil {
				why = err
			}
			ids = append(ids, uuid.UUID(id).String())
		}
		return nil
	})
	if err != nil || len(ids) != 2 || ids[0] != known.ID.String() || ids[1] != r.ID.String() || !errors.Is(why, ErrInvalidRecord) {
		t.Errorf("EachFactChunk gave %v, %v, %v: want both records, the second with an error of ErrInvalidRecord", ids, why, err)
	}
	rep, err := s.Check()
	if err != nil || !rep.OK() {
		t.Errorf("Check: %v\n%s", err, rep)
	}

	// Given the instrument, the same store works its facts out.
	v9 := *questionnaire.V1
	v9.Version = "9"
	s9, err := Open(s.Path(), Options{Instruments: map[string]*questionnaire.Instrument{"9": &v9}})
	if err != nil {
		t.Fatal(err)
	}
	got := allFacts(t, s9)
	if f := got[r.ID.String()]; !factsOf(t, f, r, &v9) || f.names.Name(f.v.InstrumentVersion()) != "9" {
		t.Errorf("facts worked out for the record: %x", f.v)
	}
}

// The facts buckets are made with the first record saved, so a store that
// holds records but no facts was written by no digicheck: summaries, the
// links they read first, and saves refuse it as damaged, and check says
// why, all without writing.
func TestAStoreWithRecordsButNoFactsIsRefused(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketFacts, bucketFactNames, bucketFactMeta, bucketFactLinks} {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		return nil
	})
	before, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	const why = "holds records but not their QI copy"
	err = s.EachFactChunk(func(FactChunk) error { return errors.New("a chunk was handed over") })
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), why) {
		t.Errorf("EachFactChunk = %v; want ErrDamaged saying it %s", err, why)
	}
	if _, err := s.FactLinks(); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), why) {
		t.Errorf("FactLinks = %v; want ErrDamaged saying it %s", err, why)
	}
	if after, _ := os.ReadFile(s.Path()); !bytes.Equal(after, before) {
		t.Error("reading a store without facts wrote to it")
	}
	r := assessed(t, localPatient)
	if err := s.Save(&r); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), why) {
		t.Errorf("Save = %v; want ErrDamaged saying it %s", err, why)
	}
	if b, _ := os.ReadFile(DamageNote(s.Path())); !strings.Contains(string(b), why) {
		t.Errorf("the damage note says %q; want the damage found, that it %s", b, why)
	}
	r.Synthetic = true
	if err := s.SaveSynthetic([]record.Record{r}); !errors.Is(err, ErrDamaged) {
		t.Errorf("SaveSynthetic = %v; want ErrDamaged", err)
	}
	if _, err := s.Get(r.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("a refused record was saved: %v", err)
	}
	rep, err := s.Check()
	if err != nil || rep.OK() || !strings.Contains(rep.String(), why) {
		t.Errorf("Check: %v\n%s\nwant a problem saying it %s", err, rep, why)
	}
}

func TestARecordWithReferralsNotDiscussedSaves(t *testing.T) {
	s := openTemp(t)
	r := assessed(t, nhsPatient)
	refs := r.Recommendation.Referrals
	refs[0].Consent = questionnaire.NotDiscussed
	refs[len(refs)-1].Consent = questionnaire.NotDiscussed
	r = save(t, s, r)
	got, err := s.Get(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c := got.Recommendation.Referrals[0].Consent; c != questionnaire.NotDiscussed {
		t.Errorf("saved consent %q, want %q", c, questionnaire.NotDiscussed)
	}
	if f := allFacts(t, s)[r.ID.String()]; !factsOf(t, f, r, questionnaire.V1) {
		t.Errorf("facts: %x", f.v)
	}
	if rep, err := s.Check(); err != nil || !rep.OK() {
		t.Errorf("Check: %v, %+v", err, rep)
	}
}

func TestAFollowUpsFactsHoldTheChangeTheStoreWorkedOut(t *testing.T) {
	s := openTemp(t)
	first := save(t, s, assessed(t, nhsPatient))
	r := assessed(t, nhsPatient)
	r.FollowsUp = first.ID
	r.Outcomes = []record.ReferralOutcome{{ProgrammeID: first.Recommendation.Referrals[0].ProgrammeID, Outcome: record.OutcomeHelped}}
	r = save(t, s, r)
	if r.Change == nil {
		t.Fatal("the store filled in no change")
	}
	f := allFacts(t, s)[r.ID.String()]
	if !factsOf(t, f, r, questionnaire.V1) {
		t.Errorf("follow-up facts: %x", f.v)
	}
	change := f.v.Change()
	if !change.Present || change.Domains != [4]record.Trend{} || f.v.NumOutcomes() != 1 {
		t.Errorf("follow-up facts: change %+v, %d outcomes", change, f.v.NumOutcomes())
	}
	if _, code := f.v.RawEntry(f.v.NumReferrals()); code != 2 {
		t.Errorf("outcome stored as %d, want 2 (helped)", code)
	}
}

func TestASaveThatFailsLeavesNoFacts(t *testing.T) {
	s := openTemp(t)
	r := save(t, s, assessed(t, nhsPatient))
	again := r
	if err := s.Save(&again); !errors.Is(err, ErrExists) {
		t.Fatalf("saving again: %v", err)
	}
	bad := assessed(t, localPatient)
	bad.Answers[questionnaire.LinkAfford] = []string{"whenever"}
	if err := s.Save(&bad); !errors.Is(err, ErrInvalidRecord) {
		t.Fatalf("a record facts cannot hold: err %v, want ErrInvalidRecord", err)
	}
	if _, err := s.Get(bad.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the refused record was saved: %v", err)
	}
	if got := allFacts(t, s); len(got) != 1 {
		t.Errorf("%d facts after failed saves, want 1", len(got))
	}
}

func TestEachFactNeverHoldsTheFileWhileItsCallerWorks(t *testing.T) {
	defer func(n int) { factChunk = n }(factChunk)
	factChunk = 3
	s := openTemp(t)
	for range 7 {
		save(t, s, assessed(t, nhsPatient))
	}
	calls := 0
	err := eachFact(s, func(id []byte, v facts.View, names *facts.Names) error {
		calls++
		if calls == 2 {
			// A clinician saves mid-summary: with the file held, this
			// would fail with ErrLocked after the 200 ms timeout.
			r := assessed(t, localPatient)
			if err := s.Save(&r); err != nil {
				return fmt.Errorf("a save during EachFact: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The record saved meanwhile has the newest id, so the chunks after
	// the save reach it.
	if calls != 8 {
		t.Errorf("%d facts read in chunks of 3, want 8 (7 and the one saved meanwhile)", calls)
	}
}

func TestEachFactStopsAtTheCallersError(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	save(t, s, assessed(t, nhsPatient))
	stop := errors.New("enough")
	calls := 0
	err := eachFact(s, func([]byte, facts.View, *facts.Names) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Errorf("err %v after %d calls, want the caller's error after 1", err, calls)
	}
}

func TestSyntheticAndRealRecordsNeverMix(t *testing.T) {
	synth := func() record.Record {
		r := assessed(t, "9990000018")
		r.Synthetic = true
		return r
	}
	real := openTemp(t)
	save(t, real, assessed(t, nhsPatient))
	r := synth()
	if err := real.Save(&r); !errors.Is(err, ErrMixedData) {
		t.Errorf("synthetic into a real store: %v", err)
	}
	if err := real.SaveSynthetic([]record.Record{synth()}); !errors.Is(err, ErrMixedData) {
		t.Errorf("SaveSynthetic into a real store: %v", err)
	}

	test := openTemp(t)
	if err := test.SaveSynthetic([]record.Record{synth(), synth()}); err != nil {
		t.Fatal(err)
	}
	r = assessed(t, nhsPatient)
	if err := test.Save(&r); !errors.Is(err, ErrMixedData) {
		t.Errorf("a real record into a synthetic store: %v", err)
	}
	if err := test.SaveSynthetic([]record.Record{synth(), assessed(t, nhsPatient)}); !errors.Is(err, ErrMixedData) {
		t.Errorf("a real record in a synthetic batch: %v", err)
	}
	if got := allFacts(t, test); len(got) != 2 {
		t.Errorf("%d records in the synthetic store, want the first batch's 2", len(got))
	}

}

func TestSaveSyntheticSavesAsSaveDoes(t *testing.T) {
	s := openTemp(t)
	a := assessed(t, "9990000018")
	a.Synthetic = true
	a.ID = record.ID(uuid.Must(uuid.NewV7()))
	b := a
	b.ID = record.ID(uuid.Must(uuid.NewV7()))
	b.Status, b.Amends = record.Amended, a.ID
	batch := []record.Record{a, b}
	if err := s.SaveSynthetic(batch); err != nil {
		t.Fatal(err)
	}
	cur, err := s.Current(a.ID)
	if err != nil || cur.ID != b.ID {
		t.Errorf("Current(first) = %s, %v; want the amendment: the version index is written", cur.ID, err)
	}
	h, err := s.History(a.Patient)
	if err != nil || len(h) != 2 {
		t.Errorf("History: %d records, %v; want 2", len(h), err)
	}
	got := allFacts(t, s)
	for _, r := range batch {
		if !factsOf(t, got[r.ID.String()], r, questionnaire.V1) {
			t.Errorf("facts of %s differ", r.ID)
		}
	}
	// A batch with a bad link saves nothing.
	c := a
	c.ID = record.ID(uuid.Must(uuid.NewV7()))
	d := c
	d.ID = record.ID(uuid.Must(uuid.NewV7()))
	d.Status, d.Amends = record.Amended, a.ID // a is superseded already
	if err := s.SaveSynthetic([]record.Record{c, d}); !errors.Is(err, ErrSuperseded) {
		t.Errorf("amending a superseded record: %v", err)
	}
	if _, err := s.Get(c.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("part of a refused batch was saved: %v", err)
	}
}

func TestCheckFactsFindsFactsThatDisagree(t *testing.T) {
	s := openTemp(t)
	a := save(t, s, assessed(t, nhsPatient))
	b := save(t, s, assessed(t, localPatient))
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		if err := uncarry(tx); err != nil {
			return err
		}
		fb := tx.Bucket(bucketFacts)
		ida, idb := uuid.MustParse(a.ID.String()), uuid.MustParse(b.ID.String())
		// a's facts swapped for b's; b's record gone.
		if err := fb.Put(ida[:], fb.Get(idb[:])); err != nil {
			return err
		}
		return tx.Bucket(bucketRecords).Delete(recordKey(b.ID))
	})
	var problems []string
	if err := s.view(func(tx *bolt.Tx) error {
		s.checkFactsWith(tx, func(f string, a ...any) { problems = append(problems, fmt.Sprintf(f, a...)) }, true)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"record " + a.ID.String() + ": its QI copy (what summary and the CSV export count) does not match the record, so summaries may count it wrongly",
		"record " + b.ID.String() + " is in the QI copy (what summary and the CSV export count) but missing from the records, so summaries count a record the store does not hold",
	}
	if !reflect.DeepEqual(problems, want) {
		t.Errorf("problems:\n%q\nwant\n%q", problems, want)
	}
}

func TestEachChunkedReadsEveryRecordAndLetsSavesThrough(t *testing.T) {
	defer func(n int) { recordChunk = n }(recordChunk)
	recordChunk = 2
	s := openTemp(t)
	var ids []string
	for range 5 {
		ids = append(ids, save(t, s, assessed(t, nhsPatient)).ID.String())
	}
	var got []string
	err := s.Each(func(r record.Record) error {
		if len(got) == 0 {
			extra := assessed(t, localPatient)
			if err := s.Save(&extra); err != nil {
				return err
			}
			ids = append(ids, extra.ID.String())
		}
		got = append(got, r.ID.String())
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, ids) {
		t.Errorf("got %v\nwant %v", got, ids)
	}
}

func BenchmarkEachFact(b *testing.B) {
	s := openTemp(b)
	r := assessed(b, "9990000018")
	r.Synthetic = true
	batch := make([]record.Record, 1000)
	for i := range batch {
		batch[i] = r
		batch[i].ID = record.ID(uuid.Must(uuid.NewV7()))
		batch[i].Time = time.Time{}
	}
	for range 10 {
		for i := range batch {
			batch[i].ID = record.ID(uuid.Must(uuid.NewV7()))
		}
		if err := s.SaveSynthetic(batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		n := 0
		if err := eachFact(s, func([]byte, facts.View, *facts.Names) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
		if n != 10000 {
			b.Fatalf("%d facts", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/10000, "ns/fact")
}

func TestFactLinksIndexEverySupersession(t *testing.T) {
	s := openTemp(t)
	first := save(t, s, assessed(t, nhsPatient))
	amended := assessed(t, nhsPatient)
	amended.Amends = first.ID
	if err := s.Amend(&amended); err != nil {
		t.Fatal(err)
	}
	other := save(t, s, assessed(t, localPatient))
	void, err := s.Void(other.ID, Voiding{Reason: "wrong patient", Clinician: "A"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[uuid.UUID]uuid.UUID{
		uuid.MustParse(amended.ID.String()): uuid.MustParse(first.ID.String()),
		uuid.MustParse(void.ID.String()):    uuid.MustParse(other.ID.String()),
	}
	links, err := s.FactLinks()
	if err != nil || !reflect.DeepEqual(links, want) {
		t.Errorf("FactLinks = %v, %v; want %v", links, err, want)
	}
}

func TestDamagedFactsAreReportedNotCounted(t *testing.T) {
	s := openTemp(t)
	r := save(t, s, assessed(t, nhsPatient))
	id := uuid.MustParse(r.ID.String())
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		if err := uncarry(tx); err != nil {
			return err
		}
		fb := tx.Bucket(bucketFacts)
		v := append([]byte(nil), fb.Get(id[:])...)
		v[1] = 9 // no such status
		return fb.Put(id[:], v)
	})
	err := eachFact(s, func([]byte, facts.View, *facts.Names) error { return nil })
	if !errors.Is(err, ErrDamaged) || !errors.Is(err, facts.ErrEncoding) {
		t.Errorf("EachFact over damaged facts: %v, want ErrDamaged", err)
	}
}
