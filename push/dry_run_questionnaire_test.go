package push

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
)

// TestADryRunAfterTheServerWasEmptiedPrintsTheQuestionnaireThePushSendsFirst:
// a server restarted empty lost the Questionnaire with the assessments. The
// push reads it back, finds it gone and sends it first, in a Bundle of its
// own; the dry run printed and counted only the assessment's Bundle ("1
// Bundle" against the push's 2), and never asked for the Questionnaire,
// which a strict server could refuse. It prints the Questionnaire's Bundle
// first, created as the push creates it, and counts it, as the push does;
// and still changes nothing here.
func TestADryRunAfterTheServerWasEmptiedPrintsTheQuestionnaireThePushSendsFirst(t *testing.T) {
	s := fhirserver.Start(t)
	st := newStore(t)
	saved(t, st, "9434765919")
	c := client(t, s.Base, 10*time.Second)
	if rep, err := run(t, st, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("first push: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{Reset: true})

	o := quick
	o.NoticeShort = true
	var dry bytes.Buffer
	o.DryRun = &dry
	rep, err := run(t, st, c, o)
	if err != nil || rep.Lost != 1 || rep.Sent != 1 {
		t.Fatalf("dry run after the server was emptied: lost %d, would send %d, %v; want 1 and 1", rep.Lost, rep.Sent, err)
	}
	lines := strings.Split(strings.TrimSpace(dry.String()), "\n")
	if len(lines) != rep.Bundles {
		t.Errorf("the dry run printed %d Bundles and counted %d", len(lines), rep.Bundles)
	}
	if len(lines) < 2 || !strings.Contains(lines[0], `"url":"Questionnaire/`) || !strings.Contains(lines[0], `"ifNoneMatch":"*"`) {
		t.Errorf("the dry run's first Bundle is not the Questionnaire, created as the push creates it:\n%.400s", lines[0])
	}
	if n := pending(t, st, c.Base()); n != 0 {
		t.Errorf("after a dry run %d versions are pending; want none, the push state unchanged", n)
	}

	o.DryRun = nil
	pushed, err := run(t, st, c, o)
	if err != nil || pushed.Sent != 1 || pushed.Bundles != rep.Bundles {
		t.Errorf("the push itself: sent %d in %d Bundles, %v; the dry run said %d in %d", pushed.Sent, pushed.Bundles, err, rep.Sent, rep.Bundles)
	}

	// Sent again, the server holds it: neither prints nor sends it.
	o.DryRun = &dry
	dry.Reset()
	saved(t, st, "9434765870")
	if rep, err := run(t, st, c, o); err != nil || rep.Bundles != 1 || strings.Contains(dry.String(), `"url":"Questionnaire/`) {
		t.Errorf("a dry run with the Questionnaire on the server: %d Bundles, %v\n%.300s", rep.Bundles, err, dry.String())
	}
}
