package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/store"
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
	aPath, ast, first := agreedToEverything(t)
	pushWith(t, srv.Base, ast)
	bPath := filepath.Join(t.TempDir(), "b.db")
	if _, stderr, err := runStoreCmd(t, bPath, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history on B: %v\n%s", err, stderr)
	}
	bst, err := store.Open(bPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	onB := changedOn(t, bst, first, questionnaire.LinkEthnicity, "R", "ethnic group corrected", "Nurse Bea")
	b := laptopApp(bPath, srv.Base)
	if out, stderr, err := execute(b, (*app).pushCmd, ""); err != nil {
		t.Fatalf("B's push: %v\n%s%s", err, out, stderr)
	}
	onA := changedOn(t, ast, first, questionnaire.LinkDisability, questionnaire.PreferNotSay, "disability answer corrected", "Nurse Al")
	a := laptopApp(aPath, srv.Base)
	if out, stderr, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatalf("A's push met no conflict:\n%s%s", out, stderr)
	}
	if out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", onA.ID.String()[:13], "--keep-mine"); err != nil {
		t.Fatalf("A's --keep-mine: %v\n%s%s", err, out, stderr)
	}

	// B's draft amending its correction, opened from the full screen.
	var d offered
	d.Patient = onB.Patient
	d.Amends = onB.ID
	d.base = &onB
	cmd := &cobra.Command{}
	cmd.SetContext(t.Context())
	_, words, short := b.resumeWords(cmd, bst, d)
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
