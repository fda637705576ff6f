package store

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store/facts"
)

// keptFixture is a store as the last release (74adcf2) wrote it: an
// assessment with its referrals agreed and declined by turns, and an
// amendment correcting only the benefits answer, which keeps the National
// Databank (agreed), the National Device Bank (declined) and social
// tariffs (agreed) that the corrected answers no longer offer. That build
// wrote the amendment's QI copy without the referrals it kept. Made with
// that build's assess.Session and Store.Save and Store.Amend, as
// TestAnAmendmentKeepsTheReferralsAgreedOrDeclinedThatItsAnswersNoLongerOffer
// makes such a record.
const keptFixture = "kept-74adcf2.db"

// openKeptFixture opens a copy of keptFixture, and returns it with its
// amendment.
func openKeptFixture(t *testing.T) (*Store, record.Record) {
	t.Helper()
	path := filepath.Join(t.TempDir(), keptFixture)
	write(t, path, readFile(t, filepath.Join("testdata", keptFixture)))
	s, err := Open(path, Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	pid, err := record.ParsePatientID(testkit.NHSNumber)
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.History(pid)
	if err != nil {
		t.Fatalf("history of the last release's store: %v", err)
	}
	for _, r := range h {
		if len(r.Recommendation.Kept) > 0 {
			return s, r
		}
	}
	t.Fatalf("the fixture holds no amendment with kept referrals: %d records", len(h))
	return nil, record.Record{}
}

// A store the last release wrote, whose amendment kept referrals its QI
// copy left out, is no damaged store: check finds nothing wrong, the
// amendment reads, and saves, a further amendment and a void go on.
func TestAStoreOfTheLastReleaseWhoseAmendmentKeptReferralsChecksSoundAndTakesSaves(t *testing.T) {
	s, am := openKeptFixture(t)
	if rep, err := s.Check(); err != nil || !rep.OK() {
		t.Fatalf("check of the last release's store: %v\n%s", err, rep)
	}
	if _, err := s.Get(am.ID); err != nil {
		t.Fatalf("the amendment reads as: %v", err)
	}
	r := assessed(t, localPatient)
	if err := s.Save(&r); err != nil {
		t.Fatalf("a new assessment in the last release's store: %v", err)
	}
	again := amend(t, s, am)
	if _, err := s.Void(again.ID, Voiding{Reason: "wrong patient", Clinician: "Dr B. Mensah", Team: am.Team}); err != nil {
		t.Fatalf("a void in the last release's store: %v", err)
	}
	if rep, err := s.Check(); err != nil || !rep.OK() {
		t.Errorf("check after the saves: %v\n%s", err, rep)
	}
}

// A summary and a CSV export (both read the QI copy) count the referrals
// that an amendment saved by the last release kept, with their answers,
// as they do one saved now: the record is what it holds. So they do after
// the first save of this build, which lists such amendments, and in a
// store made by this build.
func TestAStoreOfTheLastReleaseCountsTheReferralsItsAmendmentsKept(t *testing.T) {
	s, am := openKeptFixture(t)
	var want []string
	for _, f := range append(slices.Clone(am.Recommendation.Referrals), am.Recommendation.Kept...) {
		want = append(want, f.ProgrammeID+"="+f.Consent)
	}
	counted := func(when string) {
		t.Helper()
		if got := countedReferrals(t, s, am.ID); got != strings.Join(want, " ") {
			t.Errorf("%s the amendment is counted with the referrals\n%s\nwant those it offers and keeps\n%s", when, got, strings.Join(want, " "))
		}
	}
	counted("before any save,")
	r := assessed(t, localPatient)
	if err := s.Save(&r); err != nil {
		t.Fatal(err)
	}
	counted("after the first save,")
	if err := s.view(func(tx *bolt.Tx) error {
		mb := tx.Bucket(bucketFactMeta)
		if mb.Get(keyKeptInFacts) == nil || mb.Get(append(bytes.Clone(prefixKeptLeftOut), am.ID[:]...)) == nil {
			t.Errorf("the first save did not list the amendment whose facts left out its kept referrals")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	// A store made now: the amendment's facts hold what it keeps.
	n := openTemp(t)
	old := save(t, n, assessed(t, nhsPatient))
	again := reassessed(t, old, testkit.Full(questionnaire.Answers{questionnaire.LinkWant: {questionnaire.No}}))
	again.Amends = old.ID
	again.Recommendation.Kept = []questionnaire.Referral{am.Recommendation.Kept[0]}
	if err := n.Amend(&again); err != nil {
		t.Fatal(err)
	}
	if got := countedReferrals(t, n, again.ID); !strings.Contains(got, am.Recommendation.Kept[0].ProgrammeID+"=") {
		t.Errorf("in a store made now the amendment is counted with %s, without the referral it keeps", got)
	}
}

// countedReferrals is the referrals, with their answers, that a summary
// counts for the record id.
func countedReferrals(t *testing.T, s *Store, id record.ID) string {
	t.Helper()
	var got []string
	found := false
	err := s.EachFactChunk(func(c FactChunk) error {
		for i := range c.Len() {
			k, v, err := c.At(i)
			if err != nil {
				return err
			}
			if record.ID(k) != id {
				continue
			}
			found = true
			for j := range v.NumReferrals() {
				p, code := v.RawEntry(j)
				got = append(got, c.Names().Name(p)+"="+[]string{"", questionnaire.Agreed, questionnaire.Declined, questionnaire.NotDiscussed}[code])
			}
		}
		return nil
	})
	if err != nil || !found {
		t.Fatalf("summary's read: %v (record found: %v)", err, found)
	}
	return strings.Join(got, " ")
}

// Reading the last release's facts of an amendment as that build made
// them weakens no check: every bit flipped in them, or in the facts this
// build makes of the same record, still does not match the record.
func TestEveryBitFlippedInAnAmendmentsFactsOfEitherBuildIsFound(t *testing.T) {
	s, am := openKeptFixture(t)
	err := s.view(func(tx *bolt.Tx) error {
		names := factsTable(tx, func(format string, args ...any) { t.Errorf(format, args...) })
		rv := tx.Bucket(bucketRecords).Get(recordKey(am.ID))
		stored, err := carriedFacts(tx, am.ID[:], rv)
		if err != nil || stored == nil {
			t.Fatalf("the amendment's facts: %v", err)
		}
		f, err := facts.FromRecord(&am, s.instrument(am.InstrumentVersion))
		if err != nil {
			t.Fatal(err)
		}
		now, err := facts.Encode(nil, &f, func(n string) (uint32, error) {
			i, ok := names.Lookup(n)
			if !ok {
				return 0, fmt.Errorf("no name %q", n)
			}
			return i, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(now, stored) {
			t.Fatal("the fixture's facts are this build's: they should be the last release's, without the kept referrals")
		}
		for what, v := range map[string][]byte{"the last release's": stored, "this build's": now} {
			if why := s.factsMismatch(&am, v, names); why != "" {
				t.Errorf("%s facts do not match the record: %s", what, why)
			}
			for i := range 8 * len(v) {
				flipped := bytes.Clone(v)
				flipped[i/8] ^= 1 << (i % 8)
				if s.factsMismatch(&am, flipped, names) == "" {
					t.Errorf("%s facts with bit %d of byte %d flipped match the record", what, i%8, i/8)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
