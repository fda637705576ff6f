package main

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// TestResumingADraftOnTheFullScreenSaysItsVersionWasKeptOver: Nurse Bea's
// correction was kept over on another machine (a conflict settled there
// with --keep-mine), and she goes on with a draft amending it from the full
// screen's list. The read as the draft opens took the kept version in and
// wrote that Bea's version is no longer current into a buffer the screen
// threw away; every later read found nothing new, and said nothing. The
// words the screen says as the draft opens hold it now.
func TestResumingADraftOnTheFullScreenSaysItsVersionWasKeptOver(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	A, B, first := sentAndRead(t, srv)
	onB := changedOn(t, B.st, first, questionnaire.LinkEthnicity, "R", "ethnic group corrected", "Nurse Bea")
	b := B.app
	B.pushes(t)
	onA := changedOn(t, A.st, first, questionnaire.LinkDisability, questionnaire.PreferNotSay, "disability answer corrected", "Nurse Al")
	A.meetsConflict(t)
	A.pushes(t, "--resolve", onA.ID.String()[:13], "--keep-mine")

	// B's draft amending its correction, opened from the full screen.
	var d offered
	d.Patient = onB.Patient
	d.Amends = onB.ID
	d.base = &onB
	cmd := &cobra.Command{}
	cmd.SetContext(t.Context())
	_, words, short := b.resumeWords(cmd, B.st, d)
	if testing.Verbose() {
		t.Logf("as the draft opens: %v\n%s", short, words)
	}
	said := flat(words)
	if short != nil {
		said = flat(short.Error())
	}
	for _, want := range []string{"no longer current", onB.ID.String()[:13], "Nurse Al"} {
		if !strings.Contains(said, want) {
			t.Errorf("as the draft opens the full screen does not say %q:\n%s", want, said)
		}
	}
}
