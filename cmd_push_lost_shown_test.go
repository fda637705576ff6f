package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// TestSettlingWithoutAVersionShownBeforeSaysItWasShown: A's push
// --conflicts showed B's version in full; then the server was emptied and
// B lost. The settle without it said "This machine never held it whole, so
// what it changed cannot be listed", which A's own screen had shown
// before. It now says that push --conflicts showed it, as which server
// version, and that this machine keeps no copy of it, so what it changed
// is found in that output or by asking its maker.
func TestSettlingWithoutAVersionShownBeforeSaysItWasShown(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	A, B, first := sentAndRead(t, srv)
	amendOn(t, B.st, first, "amended on B", "Nurse Bea")
	B.pushes(t)
	shown := serverVersionOf(t, srv.Base, first.ID)
	onA := changedOn(t, A.st, first, questionnaire.LinkEthnicity, "R", "ethnic group corrected", "Nurse Al")
	a := A.app
	A.meetsConflict(t)
	if out, stderr, err := execute(a, (*app).pushCmd, "", "--conflicts"); err != nil || !strings.Contains(out, shown) {
		t.Fatalf("A's push --conflicts did not show B's version %s (%v):\n%s%s", shown, err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{Reset: true})
	if out, stderr, err := execute(a, (*app).pushCmd, "", "--check-server"); err == nil {
		t.Fatalf("A's push --check-server ends 0 with its conflict unsettled:\n%s%s", out, stderr)
	}
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", shortOf(A.st, onA.ID), "--keep-mine", "--other-version-lost")
	if err != nil {
		t.Fatalf("--keep-mine --other-version-lost: %v\n%s%s", err, out, stderr)
	}
	if testing.Verbose() {
		t.Logf("--keep-mine --other-version-lost:\n%s%s", out, stderr)
	}
	said := flat(out + stderr)
	if strings.Contains(said, "never held") {
		t.Errorf("the settle says this machine never held a version push --conflicts showed in full:\n%s", out)
	}
	for _, want := range []string{"Not kept", "Nurse Bea", "digicheck push --conflicts showed it", shown} {
		if !strings.Contains(said, want) {
			t.Errorf("the settle does not say %q:\n%s", want, out)
		}
	}
}
