package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/store"
)

// TestALaterAmendmentByAColleagueIsNotSaidKeptOver: Nurse Al corrects the
// ethnic group and sends it; Nurse Bea reads his amendment, finds his answer
// wrong and amends it, and sends that. No conflict, and no
// settle, anywhere. Al's next read of the server must not say his version
// was "not kept" or hand him an amend command that undoes Bea's correction:
// only a settle that kept another version over his says so.
func TestALaterAmendmentByAColleagueIsNotSaidKeptOver(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	aPath, ast, first := agreedToEverything(t)
	onA := changedOn(t, ast, first, questionnaire.LinkEthnicity, "R", "ethnic group corrected", "Nurse Al")
	pushWith(t, srv.Base, ast)
	bPath := filepath.Join(t.TempDir(), "b.db")
	if _, stderr, err := runStoreCmd(t, bPath, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history on B: %v\n%s", err, stderr)
	}
	bst, err := store.Open(bPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	copyOnB, err := bst.Get(onA.ID)
	if err != nil {
		t.Fatalf("B holds no copy of Al's amendment: %v", err)
	}
	onB := changedOn(t, bst, copyOnB, questionnaire.LinkEthnicity, "A", "patient said White: British was right", "Nurse Bea")
	if out, stderr, err := execute(laptopApp(bPath, srv.Base), (*app).pushCmd, ""); err != nil {
		t.Fatalf("B's push: %v\n%s%s", err, out, stderr)
	}

	out, stderr, err := runStoreCmd(t, aPath, (*app).historyCmd, first.Patient.Value, "--server", srv.Base)
	if err != nil {
		t.Fatalf("history on A: %v\n%s", err, stderr)
	}
	if testing.Verbose() {
		t.Logf("A's history:\n%s%s", out, stderr)
	}
	said := flat(out + stderr)
	for _, not := range []string{"Not kept", "no longer current", "digicheck amend " + onB.ID.String()[:13]} {
		if strings.Contains(said, not) {
			t.Errorf("A's history says %q of an ordinary later amendment:\n%s%s", not, out, stderr)
		}
	}
}
