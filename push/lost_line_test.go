package push

import (
	"errors"
	"strings"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// lostLine is two machines' line of one assessment on one server: A's
// first version, B's amendment of it, A's amendment of B's, each read by
// the other as made; then the server is restored from a backup made
// before B's amendment, so it holds A's first version only.
func lostLine(t *testing.T) (s *fhirserver.Server, a, b *store.Store, v1, onB, onA record.Record) {
	s = fhirserver.Start(t)
	c := client(t, s.Base, 10*time.Second)
	a, b = newStore(t), newStore(t)
	v1 = saved(t, a, testkit.NHSNumber)
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("A's push: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{Backup: true})
	c1 := v1
	if err := b.SaveCopy(&c1, c.Base()); err != nil {
		t.Fatal(err)
	}
	onB = amendAnswers(t, b, v1, testkit.Included(nil))
	if rep, err := run(t, b, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("B's amendment: sent %d, %v", rep.Sent, err)
	}
	c2 := onB
	if err := a.SaveCopy(&c2, c.Base()); err != nil {
		t.Fatal(err)
	}
	onA = amendAnswers(t, a, onB, testkit.Full(nil))
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("A's amendment of B's: sent %d, %v", rep.Sent, err)
	}
	c3 := onA
	if err := b.SaveCopy(&c3, c.Base()); err != nil {
		t.Fatal(err)
	}
	s.Control(t, fhirserver.Control{RestoreBackup: true})
	return s, a, b, v1, onB, onA
}

// TestAnAmendmentOnALostLineWaitsWhileThePushResendsThisMachinesOwn: the
// server was restored to A's first version; B amends its copy of A's
// amendment, which rests on B's own amendment, both lost there. B's push
// sends its own lost amendment again and says the new one waits on A's,
// naming it and the machine to run push --check-server on: no conflict
// marked, nothing said changed on another machine. Once A has run it,
// B's next push sends the amendment with nothing to settle. It was held
// as a conflict against the server's version read before B's own was
// sent again, and stayed one.
func TestAnAmendmentOnALostLineWaitsWhileThePushResendsThisMachinesOwn(t *testing.T) {
	for _, check := range []bool{false, true} {
		name := map[bool]string{false: "plain push", true: "push --check-server"}[check]
		t.Run(name, func(t *testing.T) {
			s, a, b, _, _, onA := lostLine(t)
			c := client(t, s.Base, 10*time.Second)
			mine := amendAnswers(t, b, onA, testkit.Included(nil))
			o := quick
			o.CheckServer, o.NoticeShort = check, true // as the command sets it
			rep, err := run(t, b, c, o)
			if len(rep.Conflicts) != 0 {
				t.Fatalf("B's push calls its amendment a conflict: %s", ConflictMessage(rep.Conflicts[0]))
			}
			if known, kerr := b.Conflicts(c.Base()); kerr != nil || len(known) != 0 {
				t.Fatalf("B's store keeps conflicts %v (%v)", known, kerr)
			}
			if err == nil || !errors.Is(err, ErrWaitsOnOther) || rep.Sent != 1 {
				t.Fatalf("B's push: sent %d, %v; want its own lost amendment sent again and %s waiting (ErrWaitsOnOther)", rep.Sent, err, mine.ID)
			}
			for _, want := range []string{onA.ID.String(), onA.Clinician, "digicheck push --check-server"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("B's push does not say %q (the version the server lacks, whose, what to run there):\n%v", want, err)
				}
			}
			if strings.Contains(err.Error(), "changed on another machine") {
				t.Errorf("B's push says the assessment was changed on another machine:\n%v", err)
			}
			co := quick
			co.CheckServer = true
			if rep, err := run(t, a, c, co); err != nil || rep.Sent != 1 {
				t.Fatalf("A's push --check-server: sent %d, %v", rep.Sent, err)
			}
			rep, err = run(t, b, c, o)
			if err != nil || rep.Sent != 1 || len(rep.Conflicts) != 0 {
				t.Fatalf("B's push once A's amendment is back: sent %d, conflicts %v, %v", rep.Sent, rep.Conflicts, err)
			}
			if got := pending(t, b, c.Base()); got != 0 {
				t.Fatalf("B still has %d versions pending after its amendment %s was sent", got, mine.ID)
			}
		})
	}
}

// TestAConflictMarkedOnALostLineClearsOnceTheLineIsBack: a store holds its
// amendment as a conflict with the server's version, an earlier version of
// the very line it rests on (as an older digicheck marked it, after the
// server went back). Nothing was changed on another machine: while the
// server lacks the other machine's version, the push says the amendment
// waits on it and no longer lists it as a conflict; once that machine has
// run push --check-server, the next push sends it with nothing to settle.
func TestAConflictMarkedOnALostLineClearsOnceTheLineIsBack(t *testing.T) {
	s, a, b, v1, onB, onA := lostLine(t)
	c := client(t, s.Base, 10*time.Second)
	co := quick
	co.CheckServer = true
	if rep, err := run(t, b, c, co); rep.Sent != 1 {
		t.Fatalf("B's push --check-server sending its own %s again: sent %d, %v", onB.ID, rep.Sent, err)
	}
	mine := amendAnswers(t, b, onA, testkit.Included(nil))
	stale := store.Conflict{Record: mine.ID, Assessment: v1.ID, What: "amendment", At: time.Now().UTC(), ServerVersion: "1", ServerRecord: v1.ID, ServerClinician: v1.Clinician, ServerTime: v1.Time}
	if err := b.MarkConflict(c.Base(), stale); err != nil {
		t.Fatal(err)
	}
	o := quick
	o.NoticeShort = true
	rep, err := run(t, b, c, o)
	if len(rep.Conflicts) != 0 || !errors.Is(err, ErrWaitsOnOther) || rep.Sent != 0 {
		t.Fatalf("B's push with A's amendment lost: sent %d, conflicts %d, %v; want the amendment waiting", rep.Sent, len(rep.Conflicts), err)
	}
	if known, kerr := b.Conflicts(c.Base()); kerr != nil || len(known) != 0 {
		t.Fatalf("B's store still keeps conflicts %v (%v) while its amendment waits on A's", known, kerr)
	}
	if rep, err := run(t, a, c, co); err != nil || rep.Sent != 1 {
		t.Fatalf("A's push --check-server: sent %d, %v", rep.Sent, err)
	}
	if err := b.MarkConflict(c.Base(), stale); err != nil { // marked again, and the line is back
		t.Fatal(err)
	}
	rep, err = run(t, b, c, o)
	if err != nil || rep.Sent != 1 || len(rep.Conflicts) != 0 {
		t.Fatalf("B's push once A's amendment is back: sent %d, conflicts %v, %v", rep.Sent, rep.Conflicts, err)
	}
	if known, kerr := b.Conflicts(c.Base()); kerr != nil || len(known) != 0 {
		t.Fatalf("B's store keeps conflicts %v (%v) after its amendment was sent", known, kerr)
	}
}

// TestAnAmendmentOfThisMachinesOwnOnALostLineIsNoConflict: B's amendment
// of A's amendment was sent; the server is restored to A's first version;
// B amends its own amendment. B's push sends its own first amendment
// again and says the rest wait on A's version: no conflict, no words of a
// change on another machine.
func TestAnAmendmentOfThisMachinesOwnOnALostLineIsNoConflict(t *testing.T) {
	s := fhirserver.Start(t)
	c := client(t, s.Base, 10*time.Second)
	a, b := newStore(t), newStore(t)
	v1 := saved(t, a, testkit.NHSNumber)
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("A's push: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{Backup: true})
	c1 := v1
	if err := b.SaveCopy(&c1, c.Base()); err != nil {
		t.Fatal(err)
	}
	onB := amendAnswers(t, b, v1, testkit.Included(nil))
	if _, err := run(t, b, c, quick); err != nil {
		t.Fatal(err)
	}
	c2 := onB
	if err := a.SaveCopy(&c2, c.Base()); err != nil {
		t.Fatal(err)
	}
	onA := amendAnswers(t, a, onB, testkit.Full(nil))
	if _, err := run(t, a, c, quick); err != nil {
		t.Fatal(err)
	}
	c3 := onA
	if err := b.SaveCopy(&c3, c.Base()); err != nil {
		t.Fatal(err)
	}
	again := amendAnswers(t, b, onA, testkit.Included(nil))
	if rep, err := run(t, b, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("B's amendment of A's: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{RestoreBackup: true})
	amendAnswers(t, b, again, testkit.Full(nil))
	o := quick
	o.NoticeShort = true
	rep, err := run(t, b, c, o)
	if len(rep.Conflicts) != 0 {
		t.Fatalf("B's push calls its amendment a conflict: %s", ConflictMessage(rep.Conflicts[0]))
	}
	if err == nil || !errors.Is(err, ErrWaitsOnOther) || strings.Contains(err.Error(), "changed on another machine") || !strings.Contains(err.Error(), onA.ID.String()) {
		t.Fatalf("B's push: sent %d, %v; want the amendments waiting on %s, no conflict words", rep.Sent, err, onA.ID)
	}
}
