package store

import (
	"context"
	"errors"
	"testing"

	"digicheck/record"
)

// strandedStore is a store of n synthetic patients, each with an
// assessment and a follow-up of it, every follow-up accepted by server and
// no assessment: the follow-ups a push, after sending or giving up, looks
// over for one resting on a version the server will never hold.
func strandedStore(t *testing.T, n int, server string) *Store {
	t.Helper()
	s := openTemp(t)
	nums := batchPatients(t, n)
	base := syntheticBaselines(t, s, nums)
	var fus []record.Record
	for i, b := range base {
		r := assessed(t, nums[i])
		r.Synthetic, r.FollowsUp = true, b.ID
		fus = append(fus, r)
	}
	if err := s.SaveSynthetic(fus); err != nil {
		t.Fatal(err)
	}
	var ps []Pushed
	for _, r := range fus {
		ps = append(ps, Pushed{Record: r.ID, Assessment: r.ID, Version: "1"})
	}
	if err := s.MarkPushed(server, ps); err != nil {
		t.Fatal(err)
	}
	return s
}

// After a push gave up on a server it could not reach, it looked over
// the store's follow-ups for one resting on a version that server will
// never hold, and read the whole patient index again for each follow-up
// (the check that a current version stands, each in a transaction of its
// own): the work grew with the store's size times its follow-ups, and a
// store of 36,000 records spent over 12 minutes there, silent. The
// follow-ups are looked over in one transaction, which reads the whole
// index once however many there are: twice the follow-ups, the same one
// read of the index (and twice the records).
func TestStrandedFollowUpsReadThePatientIndexOnceNotForEachFollowUp(t *testing.T) {
	const server = "https://fhir.example.nhs.uk/fhir"
	walks := map[int]int64{}
	decoded := map[int]int64{}
	for _, n := range []int{20, 40} {
		s := strandedStore(t, n, server)
		w, d := indexScans.Load(), decodes.Load()
		got, err := s.StrandedFollowUps(context.Background(), server)
		if err != nil {
			t.Fatal(err)
		}
		walks[n], decoded[n] = indexScans.Load()-w, decodes.Load()-d
		if len(got) != 0 {
			t.Errorf("%d follow-ups on sent assessments: %d said stranded, want none", n, len(got))
		}
	}
	for n, w := range walks {
		if w > 1 {
			t.Errorf("looking over %d follow-ups read the whole patient index %d times; want once at most", n, w)
		}
	}
	if decoded[40] > 2*decoded[20]+4 {
		t.Errorf("looking over 40 follow-ups decoded %d records, 20 decoded %d: want about twice", decoded[40], decoded[20])
	}
}

// A follow-up is stranded only where the server holds it (a digicheck
// that did not hold it back sent it): where the server accepted nothing
// from this store (never pushed to, or unreachable from the first), no
// follow-up can be, and no record is read to find out.
func TestStrandedFollowUpsReadsNothingWhereTheServerHoldsNothingFromThisStore(t *testing.T) {
	s := strandedStore(t, 10, "https://fhir.example.nhs.uk/fhir")
	d, w := decodes.Load(), indexScans.Load()
	got, err := s.StrandedFollowUps(context.Background(), "http://127.0.0.1:18814/fhir")
	if err != nil || len(got) != 0 {
		t.Fatalf("a server that accepted nothing: %v, %v; want none", got, err)
	}
	if n := decodes.Load() - d; n != 0 {
		t.Errorf("a server that accepted nothing from this store: %d records read to look for stranded follow-ups; want none", n)
	}
	if n := indexScans.Load() - w; n != 0 {
		t.Errorf("a server that accepted nothing from this store: the patient index read whole %d times; want none", n)
	}
}

// Ctrl+C or SIGTERM during the look over the follow-ups after a push
// ended the push only once every follow-up was looked at (9.8 s on a
// store of 5,000). Stopped, it stops: the context's error, and no more
// records read.
func TestStrandedFollowUpsStopsWhenItsContextIsDone(t *testing.T) {
	const server = "https://fhir.example.nhs.uk/fhir"
	s := strandedStore(t, 10, server)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d := decodes.Load()
	_, err := s.StrandedFollowUps(ctx, server)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("stopped before it began: %v; want the context's error", err)
	}
	if n := decodes.Load() - d; n != 0 {
		t.Errorf("stopped before it began, it read %d records; want none", n)
	}
}

// A push that gave up (the server unreachable) says what of the store is
// kept here and not sent (NotToSend): it read every record again to say
// it, seconds on a store of 10,000, after the push had read them all to
// find what to send and nothing was written since. What the push's own
// read found stands while the store is as it was; once anything is
// written to it, it is read again.
func TestNotToSendAfterThePushReadsNoRecordAgainUntilTheStoreChanges(t *testing.T) {
	const server = "https://fhir.example.nhs.uk/fhir"
	s := strandedStore(t, 10, server)
	other := "http://127.0.0.1:18814/fhir"
	chains, err := s.PushPending(other)
	if err != nil || len(chains) != 20 {
		t.Fatalf("pending for a server never pushed to: %d chains, %v; want 20", len(chains), err)
	}
	// The push's own lease, taken, renewed and let go, changes nothing
	// of what is kept.
	lease, err := s.StartPush(other)
	if err != nil {
		t.Fatal(err)
	}
	if err := lease.Renew(); err != nil {
		t.Fatal(err)
	}
	if err := lease.Release(); err != nil {
		t.Fatal(err)
	}
	d := decodes.Load()
	aside, withheld, elsewhere, err := s.NotToSend(other)
	if err != nil || aside != 0 || len(withheld) != 0 || elsewhere != 0 {
		t.Fatalf("NotToSend: %d, %v, %d, %v; want nothing kept", aside, withheld, elsewhere, err)
	}
	if n := decodes.Load() - d; n != 0 {
		t.Errorf("NotToSend straight after the push's read: %d records read again; want none", n)
	}
	// Written since: read again, and what it says is the store's now.
	r := assessed(t, batchPatients(t, 11)[10])
	r.Synthetic = true
	if err := s.SaveSynthetic([]record.Record{r}); err != nil {
		t.Fatal(err)
	}
	d = decodes.Load()
	if _, _, _, err := s.NotToSend(other); err != nil {
		t.Fatal(err)
	}
	if n := decodes.Load() - d; n < 21 {
		t.Errorf("NotToSend after a save: %d records read; want the store's 21 read again", n)
	}
	// Asked of another server than the push's: read for that server.
	d = decodes.Load()
	if _, _, _, err := s.NotToSend(server); err != nil {
		t.Fatal(err)
	}
	if n := decodes.Load() - d; n == 0 {
		t.Errorf("NotToSend for another server: no record read; want that server's pending read")
	}
}
