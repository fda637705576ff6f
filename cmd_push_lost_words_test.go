package main

import (
	"strings"
	"testing"

	"digicheck/push"
)

// TestAPushThatDidNotSendAllItLostSaysItTriedNotThatTheyAreSent: a push
// that found the server had lost versions said "They are sent again now."
// and then "Sent 0 of 4": the Bundle they went in was not sent (a read
// the push makes first failed). Said after the push, the words say what
// it did: sent them again when it sent everything, else tried, with what
// it did not send, and what each needs first, said below.
func TestAPushThatDidNotSendAllItLostSaysItTriedNotThatTheyAreSent(t *testing.T) {
	t.Parallel()
	rep := push.Report{Lost: 4, LostAssessments: 2}
	failed := strings.Join(strings.Fields(lostWords(rep, "the server", false, false, true)), " ")
	// Nor that the next push sends what it did not: a version that met
	// a conflict, or was refused, waits on a settle or on IT first.
	if strings.Contains(failed, "They are sent again now") || strings.Contains(failed, "next push sends") ||
		!strings.Contains(failed, "This push tried to send them again: what it did not send, and what each needs first, is said below (none is sent twice).") {
		t.Errorf("a push that did not send everything says of the versions the server lost:\n%s", failed)
	}
	sent := strings.Join(strings.Fields(lostWords(rep, "the server", false, false, false)), " ")
	if !strings.Contains(sent, "no longer holds 4 record versions of 2 assessments") || !strings.Contains(sent, "They were sent again now.") {
		t.Errorf("a push that sent everything says of the versions the server lost:\n%s", sent)
	}
}

// TestOneVersionTheServerLostIsSaidInTheSingular: the server had lost
// one record version, and the push said "They were sent again now" of it.
func TestOneVersionTheServerLostIsSaidInTheSingular(t *testing.T) {
	t.Parallel()
	rep := push.Report{Lost: 1, LostAssessments: 1}
	for _, tc := range []struct {
		dryRun, check, notAll bool
		want                  string
	}{
		{false, false, false, "no longer holds 1 record version of 1 assessment it accepted from this store (restored from an older backup, or emptied, since). It was sent again now."},
		{false, false, true, "This push tried to send it again:"},
		{true, false, false, "Run digicheck push to send it again."},
		{true, true, false, "Run digicheck push --check-server to send it again."},
	} {
		said := strings.Join(strings.Fields(lostWords(rep, "the server", tc.dryRun, tc.check, tc.notAll)), " ")
		if !strings.Contains(said, tc.want) {
			t.Errorf("dry run %v, check %v, not all %v: the server's one lost version is not said as %q:\n%s", tc.dryRun, tc.check, tc.notAll, tc.want, said)
		}
	}
}
