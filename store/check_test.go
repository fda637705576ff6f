package store

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// holdWriter holds the store's file open for writing, as another program
// might; the returned func lets go.
func holdWriter(t *testing.T, s *Store) func() {
	t.Helper()
	db, err := bolt.Open(s.Path(), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return func() { db.Close() }
}

// world is a store with every kind of record: an amended assessment, a
// voided one, a plain one with a follow-up, and a draft.
type world struct {
	s                   *Store
	a, a2, b, vb, c, fu record.Record
	draft               Draft
}

func newWorld(t *testing.T) world {
	t.Helper()
	w := world{s: openTemp(t)}
	w.a = save(t, w.s, assessed(t, nhsPatient))
	w.a2 = amend(t, w.s, w.a)
	w.b = save(t, w.s, assessed(t, localPatient))
	w.vb = void(t, w.s, w.b.ID)
	w.c = save(t, w.s, assessed(t, nhsPatient))
	fu := reassessed(t, w.c, confidentAnswers())
	fu.FollowsUp = w.c.ID
	fu.Outcomes = []record.ReferralOutcome{{ProgrammeID: w.c.Recommendation.Referrals[0].ProgrammeID, Outcome: record.OutcomeAttended}}
	w.fu = save(t, w.s, fu)
	w.draft = draftOf(t, localPatient)
	if err := w.s.SaveDraft(&w.draft); err != nil {
		t.Fatal(err)
	}
	return w
}

// putRecord writes r as Save would, without any of Save's checks, with its
// patient index entry.
func putRecord(tx *bolt.Tx, r record.Record) error {
	v, err := encodeRecord(&r)
	if err != nil {
		return err
	}
	if err := tx.Bucket(bucketRecords).Put(recordKey(r.ID), v); err != nil {
		return err
	}
	pats := tx.Bucket(bucketPatients)
	if err := pats.Put(patientKey(r.Patient, r.ID), []byte{}); err != nil {
		return err
	}
	// Counted as a save counts it (counted.go).
	if n, st := recordCount(pats); st == counted {
		return pats.SetSequence(countValue(n + 1))
	}
	return nil
}

func putSup(tx *bolt.Tx, old, next record.ID) error {
	b, err := tx.CreateBucketIfNotExists(bucketSuperseded)
	if err != nil {
		return err
	}
	return b.Put(recordKey(old), recordKey(next))
}

func freshID() record.ID { return record.ID(uuid.Must(uuid.NewV7())) }

func TestCheckPassesASoundStoreAndCounts(t *testing.T) {
	w := newWorld(t)
	before := fingerprint(t, w.s.Path())
	rep, err := w.s.Check()
	if err != nil || !rep.OK() {
		t.Fatalf("Check of a sound store: %v\n%s", err, rep)
	}
	if rep.Records != 6 || rep.Assessments != 4 || rep.Counted != 3 || rep.Voided != 1 || rep.FollowUps != 1 || rep.Drafts != 1 {
		t.Errorf("counts wrong:\n%s", rep)
	}
	if !strings.Contains(rep.String(), "OK:") || !strings.Contains(rep.String(), w.s.Path()) {
		t.Errorf("report does not say OK and name the store:\n%s", rep)
	}
	if after := fingerprint(t, w.s.Path()); after != before {
		t.Errorf("Check wrote to the store")
	}
}

func TestCheckFindsEveryBrokenInvariant(t *testing.T) {
	missing := record.MustParseID("0190a1b2-0000-7000-8000-000000000001")
	for name, tt := range map[string]struct {
		damage func(w world) func(tx *bolt.Tx) error
		want   string
	}{
		"record that does not decode": {func(w world) func(*bolt.Tx) error {
			return func(tx *bolt.Tx) error {
				return tx.Bucket(bucketRecords).Put([]byte(freshID().String()), []byte(`{"id":`))
			}
		}, "cannot be read"},
		"record under another id": {func(w world) func(*bolt.Tx) error {
			return func(tx *bolt.Tx) error {
				return tx.Bucket(bucketRecords).Put([]byte(freshID().String()), tx.Bucket(bucketRecords).Get([]byte(w.c.ID.String())))
			}
		}, "carries id"},
		"id that is not a UUIDv7": {func(w world) func(*bolt.Tx) error {
			r := w.c
			r.ID = record.MustParseID("0190a1b2-0000-4000-8000-000000000002") // a UUID, but version 4
			return func(tx *bolt.Tx) error { return putRecord(tx, r) }
		}, "not a UUIDv7"},
		"index entry for a missing record": {func(w world) func(*bolt.Tx) error {
			return func(tx *bolt.Tx) error {
				return tx.Bucket(bucketPatients).Put(patientKey(w.c.Patient, missing), []byte{})
			}
		}, "patient index: names record " + missing.String()},
		"record missing from the index": {func(w world) func(*bolt.Tx) error {
			return func(tx *bolt.Tx) error { return tx.Bucket(bucketPatients).Delete(patientKey(w.c.Patient, w.c.ID)) }
		}, "record " + "%c" + " is missing from the patient index"},
		"index entry under another patient": {func(w world) func(*bolt.Tx) error {
			return func(tx *bolt.Tx) error {
				p := tx.Bucket(bucketPatients)
				if err := p.Delete(patientKey(w.c.Patient, w.c.ID)); err != nil {
					return err
				}
				return p.Put(patientKey(w.b.Patient, w.c.ID), []byte{})
			}
		}, "under another patient"},
		"malformed index entry": {func(w world) func(*bolt.Tx) error {
			return func(tx *bolt.Tx) error { return tx.Bucket(bucketPatients).Put([]byte("nhs"), []byte{}) }
		}, "malformed entry"},
		"version index entry to a missing record": {func(w world) func(*bolt.Tx) error {
			return func(tx *bolt.Tx) error { return putSup(tx, w.c.ID, missing) }
		}, "which is missing"},
		"version index entry disagreeing with Amends": {func(w world) func(*bolt.Tx) error {
			return func(tx *bolt.Tx) error { return putSup(tx, w.c.ID, w.fu.ID) }
		}, "supersedes \"\" instead"},
		"version index entry lost": {func(w world) func(*bolt.Tx) error {
			return func(tx *bolt.Tx) error { return tx.Bucket(bucketSuperseded).Delete([]byte(w.a.ID.String())) }
		}, "the index is behind"},
		"two versions replacing one": {func(w world) func(*bolt.Tx) error {
			r := w.a2
			r.ID = freshID()
			return func(tx *bolt.Tx) error { return putRecord(tx, r) }
		}, "two versions replace one"},
		"versions that loop": {func(w world) func(*bolt.Tx) error {
			x, y := w.c, w.c
			x.ID, y.ID = freshID(), freshID()
			x.Status, x.Amends, y.Status, y.Amends = record.Amended, y.ID, record.Amended, x.ID
			return func(tx *bolt.Tx) error {
				for _, err := range []error{putRecord(tx, x), putRecord(tx, y), putSup(tx, x.ID, y.ID), putSup(tx, y.ID, x.ID)} {
					if err != nil {
						return err
					}
				}
				return nil
			}
		}, "loop"},
		"version of another patient": {func(w world) func(*bolt.Tx) error {
			r := w.c
			r.ID, r.Status, r.Amends = freshID(), record.Amended, w.a2.ID
			r.Patient = w.b.Patient
			return func(tx *bolt.Tx) error {
				if err := putRecord(tx, r); err != nil {
					return err
				}
				return putSup(tx, w.a2.ID, r.ID)
			}
		}, "a record of another patient"},
		"version after a void": {func(w world) func(*bolt.Tx) error {
			r := w.b
			r.ID, r.Status, r.Amends = freshID(), record.Amended, w.vb.ID
			return func(tx *bolt.Tx) error {
				if err := putRecord(tx, r); err != nil {
					return err
				}
				return putSup(tx, w.vb.ID, r.ID)
			}
		}, "which was entered in error"},
		"follow-up of a missing record": {func(w world) func(*bolt.Tx) error {
			r := w.c
			r.ID, r.FollowsUp = freshID(), missing
			return func(tx *bolt.Tx) error { return putRecord(tx, r) }
		}, "follows up " + missing.String()},
		"follow-up of another patient": {func(w world) func(*bolt.Tx) error {
			r := w.c
			r.ID, r.FollowsUp = freshID(), w.b.ID
			return func(tx *bolt.Tx) error { return putRecord(tx, r) }
		}, "a record of another patient"},
		"completed record that supersedes": {func(w world) func(*bolt.Tx) error {
			r := w.c
			r.ID, r.Amends = freshID(), missing
			return func(tx *bolt.Tx) error { return putRecord(tx, r) }
		}, "status completed but it supersedes"},
		"void without a reason": {func(w world) func(*bolt.Tx) error {
			r := w.c
			r.ID, r.Status = freshID(), record.EnteredInError
			return func(tx *bolt.Tx) error { return putRecord(tx, r) }
		}, "supersedes no record"},
		"unknown referral outcome": {func(w world) func(*bolt.Tx) error {
			r := w.fu
			r.ID = freshID()
			r.Outcomes = []record.ReferralOutcome{{ProgrammeID: "x", Outcome: "maybe"}}
			return func(tx *bolt.Tx) error { return putRecord(tx, r) }
		}, "invalid referral outcome"},
		"two outcomes of one programme": {func(w world) func(*bolt.Tx) error {
			r := w.fu
			r.ID = freshID()
			r.Outcomes = append(r.Outcomes, r.Outcomes[0])
			return func(tx *bolt.Tx) error { return putRecord(tx, r) }
		}, "two outcomes for"},
		"follow-up of itself": {func(w world) func(*bolt.Tx) error {
			r := w.c
			r.ID = freshID()
			r.FollowsUp = r.ID
			return func(tx *bolt.Tx) error { return putRecord(tx, r) }
		}, "it follows up itself"},
		"unknown route": {func(w world) func(*bolt.Tx) error {
			r := w.c
			r.ID = freshID()
			r.Recommendation.Primary = "pigeon"
			return func(tx *bolt.Tx) error { return putRecord(tx, r) }
		}, `unknown route "pigeon"`},
		// A draft that does not decode is set aside, not a problem of
		// the store: TestADamagedDraftIsSetAsideAndSavesAndBackupsGoOn.
		"draft of a saved record": {func(w world) func(*bolt.Tx) error {
			return func(tx *bolt.Tx) error {
				d, err := decodeDraft([]byte(w.draft.ID.String()), tx.Bucket(bucketDrafts).Get([]byte(w.draft.ID.String())))
				if err != nil {
					return err
				}
				d.ID = w.c.ID
				v, err := encodeDraft(&d)
				if err != nil {
					return err
				}
				return tx.Bucket(bucketDrafts).Put([]byte(w.c.ID.String()), v)
			}
		}, "already saved"},
		"facts that no longer match the record": {func(w world) func(*bolt.Tx) error {
			return func(tx *bolt.Tx) error {
				u := uuid.MustParse(w.c.ID.String())
				if err := uncarry(tx); err != nil {
					return err
				}
				return tx.Bucket(bucketFacts).Delete(u[:])
			}
		}, "record %c has no QI copy"},
		"meta without a creation time": {func(w world) func(*bolt.Tx) error {
			return func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keyCreated) }
		}, "meta: no creation time"},
	} {
		t.Run(name, func(t *testing.T) {
			w := newWorld(t)
			testkit.Tamper(t, w.s.Path(), tt.damage(w))
			rep, err := w.s.Check()
			if err != nil {
				t.Fatalf("Check = %v; a broken invariant belongs in the report", err)
			}
			want := strings.ReplaceAll(tt.want, "%c", w.c.ID.String())
			found := false
			for _, p := range rep.Problems {
				found = found || strings.Contains(p, want)
			}
			if rep.OK() || !found {
				t.Errorf("report does not find %q:\n%s", want, rep)
			}
			if !strings.Contains(rep.String(), "PROBLEMS:") {
				t.Errorf("report does not say there are problems:\n%s", rep)
			}
		})
	}
}

// bbolt's own check runs too: keys out of order in a page are found even
// though every record still decodes.
func TestCheckRunsBboltsConsistencyCheck(t *testing.T) {
	w := newWorld(t)
	for range 20 {
		save(t, w.s, assessed(t, nhsPatient))
	}
	path, page := w.s.Path(), os.Getpagesize()
	root := rootOf(t, path, "patients")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p := b[int(root)*page : int(root+1)*page]
	if flags := uint16(p[8]) | uint16(p[9])<<8; flags&0x02 == 0 {
		t.Fatalf("patients root page %d is not a leaf page (flags %#x)", root, flags)
	}
	// The first key on the leaf is a local number: make it sort last.
	i := bytes.Index(p, []byte("local\x00"))
	if i < 0 {
		t.Fatal("no local patient key on the patients page")
	}
	overwrite(t, path, int64(int(root)*page+i), []byte("z"))

	rep, err := w.s.Check()
	if err != nil {
		t.Fatalf("Check = %v", err)
	}
	found := false
	for _, p := range rep.Problems {
		// The page walk finds it before bbolt's check would.
		found = found || strings.HasPrefix(p, "the file's structure is damaged (bbolt") && strings.Contains(p, "needs to be") ||
			strings.Contains(p, "keys out of order")
	}
	if !found {
		t.Errorf("the key-order check did not report:\n%s", rep)
	}
}

// A page pointer past the end of the file would fault inside bbolt's own
// checker, on a goroutine where nothing can catch it. Check walks every
// page with ordinary reads first, and reports it without letting bbolt
// near it.
func TestCheckOfAPagePastTheEndIsAnErrorNotACrash(t *testing.T) {
	path, page := damagedStore(t)
	s := pointPastTheEnd(t, path, page, 3)
	rep, err := s.Check()
	t.Log(rep, err)
	if !errors.Is(err, ErrDamaged) && !strings.Contains(strings.Join(rep.Problems, "\n"), "outside the store") {
		t.Errorf("Check = %v, %v; want the page outside the store reported", rep, err)
	}
}

func TestCheckOfAHeldStoreFailsWithErrLocked(t *testing.T) {
	s := openTemp(t)
	hold := holdWriter(t, s)
	defer hold()
	if _, err := s.Check(); !errors.Is(err, ErrLocked) {
		t.Errorf("Check = %v, want ErrLocked", err)
	}
}

func TestReportListsAtMostMaxProblems(t *testing.T) {
	s := openTemp(t)
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		// Each record unreadable, and one problem more: records but no
		// facts. Uncounted, as an earlier build's store (counted.go):
		// the records are none that a save counted.
		if err := tx.Bucket(bucketPatients).SetSequence(0); err != nil {
			return err
		}
		for range maxProblems + 9 {
			if err := tx.Bucket(bucketRecords).Put([]byte(freshID().String()), []byte("x")); err != nil {
				return err
			}
		}
		return nil
	})
	rep, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != maxProblems || rep.More != 10 {
		t.Errorf("%d listed, %d more", len(rep.Problems), rep.More)
	}
	if !strings.Contains(rep.String(), "and 10 more") {
		t.Errorf("report does not say how many more:\n%s", rep.String()[len(rep.String())-200:])
	}
}

// Typed text that input now refuses, but that an earlier digicheck saved,
// is shown escaped (record.WriteDetailWith), not damage: check passes such a
// record, while Save refuses the same record anew.
func TestCheckPassesTextAnEarlierDigicheckSaved(t *testing.T) {
	w := newWorld(t)
	r := w.c
	r.ID = freshID()
	r.Clinician = "R \x1b[31mPatel"
	testkit.Tamper(t, w.s.Path(), func(tx *bolt.Tx) error {
		if err := putRecord(tx, r); err != nil {
			return err
		}
		// Saved before facts were kept, as an earlier digicheck would.
		nf, err := tx.CreateBucketIfNotExists(bucketNoFacts)
		if err != nil {
			return err
		}
		return nf.Put(r.ID[:], []byte{})
	})
	if rep, err := w.s.Check(); err != nil || !rep.OK() {
		t.Errorf("Check of a record with text input now refuses: %v\n%s", err, rep)
	}
	again := r
	again.ID = record.ID{}
	again.Answers = again.Answers.Clone()
	again.Answers["equity.carer"] = []string{"yes"}
	err := w.s.Save(&again)
	if !errors.Is(err, ErrInvalidRecord) || !errors.Is(err, record.ErrInvalid) {
		t.Fatalf("Save = %v; want ErrInvalidRecord", err)
	}
	for _, want := range []string{"cannot save the record: clinician: character 3", `; no question "equity.carer"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Save's message %q does not say %q", err, want)
		}
	}
}
