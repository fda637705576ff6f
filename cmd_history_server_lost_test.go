package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestHistoryOfAPatientTheServerHoldsNothingOfSaysSo: this machine holds
// the patient's assessment and the FHIR server holds none of it (emptied,
// or restored from a backup older than it). history said the server "has
// nothing newer for patient ... than this machine has", which reads as
// all being there, so a lost assessment went unnoticed. It says that the
// server holds none of the patient's assessments, and what to run.
func TestHistoryOfAPatientTheServerHoldsNothingOfSaysSo(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	path, rs := storeWith(t, 1)
	p := rs[0].Patient
	_, stderr, err := runStoreCmd(t, path, (*app).historyCmd, p.Value, "--server", srv.Base)
	if err != nil {
		t.Fatalf("history --server: %v\n%s", err, stderr)
	}
	flat := strings.Join(strings.Fields(stderr), " ")
	if strings.Contains(flat, "nothing newer") {
		t.Errorf("history says the server has nothing newer, where it holds nothing of the patient:\n%s", stderr)
	}
	for _, want := range []string{"holds none of patient " + p.String() + "'s assessments", "digicheck push --check-server"} {
		if !strings.Contains(flat, want) {
			t.Errorf("history does not say %q:\n%s", want, stderr)
		}
	}
}
