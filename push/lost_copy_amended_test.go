package push

import (
	"errors"
	"strings"
	"testing"
	"time"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// aLostCopy is A's assessment and A's amendment of it, both accepted by
// the server and read by B, the server then restored from a backup made
// before the amendment: B holds A's amendment as read, the server lacks
// it.
func aLostCopy(t *testing.T) (s *fhirserver.Server, c *fhirclient.Client, a, b *store.Store, v1, v2 record.Record) {
	t.Helper()
	s = fhirserver.Start(t)
	c = client(t, s.Base, 10*time.Second)
	a, b = newStore(t), newStore(t)
	v1 = saved(t, a, testkit.NHSNumber)
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("A's push: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{Backup: true})
	v2 = amendAnswers(t, a, v1, testkit.Included(nil))
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("A's amendment: sent %d, %v", rep.Sent, err)
	}
	c1, c2 := v1, v2 // each as read from the server
	if err := b.SaveCopy(&c1, c.Base()); err != nil {
		t.Fatal(err)
	}
	if err := b.SaveCopy(&c2, c.Base()); err != nil {
		t.Fatal(err)
	}
	s.Control(t, fhirserver.Control{RestoreBackup: true})
	return s, c, a, b, v1, v2
}

// TestAnAmendmentOfACopyTheServerLostWaitsForItsMakerNotAConflict: A's
// amendment was accepted by the server and read by B; the server was
// restored from a backup made before it; B amends its copy of A's
// amendment. B was told the assessment was "changed on another machine",
// its note held back, and it stayed a conflict even once A's push
// --check-server had put A's amendment back. Nothing was changed
// elsewhere: the server lacks A's version. B's push says so, naming it and
// the machine that must run --check-server, marks no conflict, and once A
// has run it, B's push sends the amendment with nothing to settle.
func TestAnAmendmentOfACopyTheServerLostWaitsForItsMakerNotAConflict(t *testing.T) {
	_, c, a, b, _, v2 := aLostCopy(t)
	v3 := amendAnswers(t, b, v2, testkit.Full(nil))

	rep, err := run(t, b, c, quick)
	if len(rep.Conflicts) != 0 {
		t.Fatalf("B's push calls its amendment a conflict: %s", ConflictMessage(rep.Conflicts[0]))
	}
	if known, kerr := b.Conflicts(c.Base()); kerr != nil || len(known) != 0 {
		t.Fatalf("B's store keeps conflicts %v (%v)", known, kerr)
	}
	if err == nil || !errors.Is(err, ErrWaitsOnOther) || rep.Sent != 0 {
		t.Fatalf("B's push with A's amendment lost: sent %d, %v; want nothing sent, ErrWaitsOnOther", rep.Sent, err)
	}
	for _, want := range []string{v2.ID.String(), v2.Clinician, "digicheck push --check-server", "lacks"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("B's push does not say %q (the version the server lacks, whose, what to run there):\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "changed on another machine") {
		t.Errorf("B's push says the assessment was changed on another machine:\n%v", err)
	}

	o := quick
	o.CheckServer = true
	if rep, err := run(t, a, c, o); err != nil || rep.Sent != 1 {
		t.Fatalf("A's push --check-server: sent %d, %v", rep.Sent, err)
	}
	rep, err = run(t, b, c, quick)
	if err != nil || rep.Sent != 1 || len(rep.Conflicts) != 0 {
		t.Fatalf("B's push once A's amendment is back: sent %d, conflicts %v, %v", rep.Sent, rep.Conflicts, err)
	}
	if got := pending(t, b, c.Base()); got != 0 {
		t.Fatalf("B still has %d versions pending after its amendment %s was sent", got, v3.ID)
	}
}
