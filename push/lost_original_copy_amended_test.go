package push

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestAnAmendmentOfACopyWhoseWholeAssessmentTheServerLostWaitsForItsMaker:
// A's assessment was accepted by the server and read by B; the server was
// restored from a backup made before it, so it holds nothing of that
// assessment; B amends its copy. B's push sent the amendment, "Sent 1 of
// 1", and the server then held an amendment of an assessment it does not
// hold, which A's push later called a conflict. B's push holds it back,
// says the server lacks A's version, whose it is, and to run push
// --check-server on that machine; once A has, B's push sends it.
func TestAnAmendmentOfACopyWhoseWholeAssessmentTheServerLostWaitsForItsMaker(t *testing.T) {
	s := fhirserver.Start(t)
	c := client(t, s.Base, 10*time.Second)
	a, b := newStore(t), newStore(t)
	s.Control(t, fhirserver.Control{Backup: true})
	v1 := saved(t, a, testkit.NHSNumber)
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("A's push: sent %d, %v", rep.Sent, err)
	}
	cp := v1 // as read from the server
	if err := b.SaveCopy(&cp, c.Base()); err != nil {
		t.Fatal(err)
	}
	s.Control(t, fhirserver.Control{RestoreBackup: true})
	v2 := amendAnswers(t, b, v1, testkit.Full(nil))

	for _, mode := range []string{"plain", "check-server", "dry-run"} {
		o := quick
		o.CheckServer = mode == "check-server"
		var dry bytes.Buffer
		if mode == "dry-run" {
			o.DryRun = &dry
		}
		rep, err := run(t, b, c, o)
		if sent(t, b, c.Base(), v2.ID) || rep.Sent != 0 {
			t.Fatalf("B's push (%s) sent its amendment of A's assessment the server lost: sent %d, %v", mode, rep.Sent, err)
		}
		if len(rep.Conflicts) != 0 {
			t.Fatalf("B's push (%s) calls its amendment a conflict: %s", mode, ConflictMessage(rep.Conflicts[0]))
		}
		if err == nil || !errors.Is(err, ErrWaitsOnOther) {
			t.Fatalf("B's push (%s) ends %v, not as waiting on another machine's version", mode, err)
		}
		for _, want := range []string{v1.ID.String(), v1.Clinician, "digicheck push --check-server", "lacks"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("B's push (%s) does not say %q (the version the server lacks, whose, what to run there):\n%v", mode, want, err)
			}
		}
	}

	o := quick
	o.CheckServer = true
	if rep, err := run(t, a, c, o); err != nil || rep.Sent != 1 {
		t.Fatalf("A's push --check-server: sent %d, %v", rep.Sent, err)
	}
	rep, err := run(t, b, c, quick)
	if err != nil || rep.Sent != 1 || len(rep.Conflicts) != 0 {
		t.Fatalf("B's push once A's assessment is back: sent %d, conflicts %v, %v", rep.Sent, rep.Conflicts, err)
	}
}
