package store

import (
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// treeCounts are what a store's trees hold, counted through bbolt, and the
// count the store keeps of its records (counted.go).
type treeCounts struct {
	records, entries int
	count            uint64
	state            countState
}

func countsIn(t *testing.T, s *Store) treeCounts {
	t.Helper()
	var c treeCounts
	if err := s.view(func(tx *bolt.Tx) error {
		c.records = tx.Bucket(bucketRecords).Stats().KeyN
		c.entries = tx.Bucket(bucketPatients).Stats().KeyN
		c.count, c.state = recordCount(tx.Bucket(bucketPatients))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return c
}

// Every write that adds a record to the store counts it, in the same
// transaction (counted.go): a write path that forgot to would leave the
// count behind the trees, and every later history, summary and export
// would call the sound store damaged. Each write path, from a store with
// records of every kind, leaves the count equal to the records and to the
// patient index's entries, and says how many it added; the writes that add
// no record (drafts, their discard and its scrub, marks of a push) leave
// it as it was.
func TestEveryWritePathKeepsTheRecordCount(t *testing.T) {
	const server = "https://fhir.example.nhs.uk/fhir"
	for _, tc := range []struct {
		name  string
		adds  int
		write func(t *testing.T, s *Store)
	}{
		{"save", 1, func(t *testing.T, s *Store) { save(t, s, assessed(t, localPatient)) }},
		{"amend", 1, func(t *testing.T, s *Store) {
			first := save(t, s, assessed(t, localPatient))
			a := first
			a.Amends, a.AmendReason = first.ID, "wrong answer corrected"
			if err := s.Amend(&a); err != nil {
				t.Fatal(err)
			}
		}},
		{"void", 1, func(t *testing.T, s *Store) {
			first := save(t, s, assessed(t, localPatient))
			if _, err := s.Void(first.ID, Voiding{Reason: "wrong patient", Clinician: "R Patel"}); err != nil {
				t.Fatal(err)
			}
		}},
		{"follow-up", 1, func(t *testing.T, s *Store) {
			latest, err := s.Latest(mustPatient(t, nhsPatient))
			if err != nil {
				t.Fatal(err)
			}
			fu := assessed(t, nhsPatient)
			fu.FollowsUp = latest.ID
			save(t, s, fu)
		}},
		{"a copy from a server", 1, func(t *testing.T, s *Store) {
			r := assessed(t, localPatient)
			r.ID, _ = record.NewID()
			if err := s.SaveCopy(&r, server); err != nil {
				t.Fatal(err)
			}
		}},
		{"copies from a server", 3, func(t *testing.T, s *Store) {
			var rs []record.Record
			for range 3 {
				r := assessed(t, localPatient)
				r.ID, _ = record.NewID()
				rs = append(rs, r)
			}
			if _, err := s.SaveCopies(rs, server); err != nil {
				t.Fatal(err)
			}
		}},
		{"the server's version kept", 1, func(t *testing.T, s *Store) {
			first := save(t, s, assessed(t, localPatient))
			if err := s.MarkPushed(server, []Pushed{{Record: first.ID, Assessment: first.ID, Version: "1"}}); err != nil {
				t.Fatal(err)
			}
			mine := amendOn(t, s, first, "corrected here")
			theirs := first
			theirs.ID, _ = record.NewID()
			theirs.Amends, theirs.Status, theirs.AmendReason, theirs.Clinician = first.ID, record.Amended, "corrected on the ward", "Sister Okafor"
			theirs.Time = time.Now().UTC().Truncate(time.Second)
			if err := s.MarkConflict(server, Conflict{Record: mine.ID, Assessment: first.ID, ServerVersion: "2", ServerRecord: theirs.ID}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.KeepServer(server, mine.ID, theirs, "2"); err != nil {
				t.Fatal(err)
			}
		}},
		{"drafts kept and discarded", 0, func(t *testing.T, s *Store) {
			d := draftOf(t, localPatient)
			if err := s.SaveDraft(&d); err != nil {
				t.Fatal(err)
			}
			if err := s.DiscardDraft(d.ID); err != nil {
				t.Fatal(err)
			}
			if err := s.scrub(); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openTemp(t)
			save(t, s, assessed(t, nhsPatient))
			save(t, s, assessed(t, nhsPatient))
			before := countsIn(t, s)
			if before.state != counted || before.count != 2 {
				t.Fatalf("a new store with 2 records counts %d (%v)", before.count, before.state)
			}
			tc.write(t, s)
			after := countsIn(t, s)
			if after.state != counted || after.count != uint64(after.records) || after.count != uint64(after.entries) {
				t.Errorf("after the write the store counts %d records (%v), and holds %d, with %d entries of the patient index", after.count, after.state, after.records, after.entries)
			}
			if added := int(after.count) - int(before.count); added < tc.adds {
				t.Errorf("the write counted %d records, want at least %d", added, tc.adds)
			}
			if _, err := s.History(mustPatient(t, nhsPatient)); err != nil {
				t.Errorf("history after the write: %v", err)
			}
			if rep, err := s.Check(); err != nil || !rep.OK() {
				t.Errorf("check after the write: %v\n%s", err, rep)
			}
		})
	}
	t.Run("synthetic", func(t *testing.T) {
		s := openTemp(t)
		var rs []record.Record
		for range 7 {
			r := assessed(t, nhsPatient)
			r.Synthetic = true
			rs = append(rs, r)
		}
		if err := s.SaveSynthetic(rs); err != nil {
			t.Fatal(err)
		}
		if c := countsIn(t, s); c.state != counted || c.count != 7 || c.records != 7 || c.entries != 7 {
			t.Errorf("a batch of 7 synthetic records: %+v", c)
		}
	})
}

// A store of an earlier build has no count; its first save counts every
// record it holds, so that from then on each read can compare. The count
// is taken from the patient index, one entry a record.
func TestTheFirstSaveIntoAnUncountedStoreCountsItsRecords(t *testing.T) {
	s := openTemp(t)
	for range 5 {
		save(t, s, assessed(t, nhsPatient))
	}
	onIndex(t, s.Path(), func(pats *bolt.Bucket) error { return pats.SetSequence(0) })
	s = reopen(t, s)
	if c := countsIn(t, s); c.state != uncounted {
		t.Fatalf("the store still counts: %+v", c)
	}
	if _, err := s.History(mustPatient(t, nhsPatient)); err != nil {
		t.Fatalf("history of an uncounted store: %v", err)
	}
	save(t, s, assessed(t, nhsPatient))
	if c := countsIn(t, s); c.state != counted || c.count != 6 || c.records != 6 {
		t.Errorf("after the first save: %+v, want 6 counted", c)
	}
	if v, _ := strconv.Atoi(schemaOf(t, s.Path())); v < schemaCounted {
		t.Errorf("schema %d after counting began, want %d or above: an earlier build would write records without counting them", v, schemaCounted)
	}
}

// A count whose own check fails (one bit flipped in it, whichever) is
// damage: no flip reads as an uncounted store, history says it, and a
// save is refused.
func TestAFlippedBitInTheCountIsDamageNeverNoCount(t *testing.T) {
	s := openTemp(t)
	r := save(t, s, assessed(t, nhsPatient))
	path := s.Path()
	hdr := bucketHeaderAt(t, path, bucketPatients)
	b := readFile(t, path)
	for bit := range 64 {
		t.Run(fmt.Sprintf("bit%d", bit), func(t *testing.T) {
			p := t.TempDir() + "/digicheck.db"
			write(t, p, b)
			flipBit(t, p, hdr+8+int64(bit/8), uint(bit%8))
			s, err := Open(p, Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if c := countsIn(t, s); c.state != countDamaged {
				t.Errorf("the count reads as %v", c.state)
			}
			if _, err := s.History(r.Patient); !errors.Is(err, ErrDamaged) {
				t.Errorf("history: %v, want the damage said", err)
			}
			again := assessed(t, nhsPatient)
			if err := s.Save(&again); !errors.Is(err, ErrDamaged) {
				t.Errorf("a save: %v, want it refused", err)
			}
		})
	}
}
