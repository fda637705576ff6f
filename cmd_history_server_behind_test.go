package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestHistoryOfAPatientTheServerHoldsAnOlderVersionOfSaysSo: this machine
// amended the patient's assessment and the FHIR server accepted it, then
// was restored from a backup made before: it holds the first version
// only. history said the server "has nothing newer for patient ... than
// this machine has", with no word that it lacks the amendment, while the
// save a moment later said the server lacks it. It says the server holds
// an older version than this machine, lost there, and what to run.
func TestHistoryOfAPatientTheServerHoldsAnOlderVersionOfSaysSo(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	path, rs := storeWith(t, 1)
	first := rs[0]
	if out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{Backup: true})
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	amended := first
	amended.ID, amended.Amends, amended.AmendReason = record.ID{}, first.ID, "skills corrected"
	if err := st.Amend(&amended); err != nil {
		t.Fatal(err)
	}
	if out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push of the amendment: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{RestoreBackup: true})

	_, stderr, err := runStoreCmd(t, path, (*app).historyCmd, first.Patient.Value, "--server", srv.Base)
	if err != nil {
		t.Fatalf("history --server: %v\n%s", err, stderr)
	}
	flat := strings.Join(strings.Fields(stderr), " ")
	for _, want := range []string{"holds an older version", amended.ID.String()[:13], "digicheck push --server " + srv.Base + " --check-server"} {
		if !strings.Contains(flat, want) {
			t.Errorf("history does not say %q (the server behind this machine, what it lacks, what to run):\n%s", want, stderr)
		}
	}
}

// TestHistoryOfAPatientWhoseFollowUpTheServerLostSaysSo: this machine's
// follow-up of the patient was accepted by the FHIR server, which was
// then restored from a backup made before it: the server holds the
// assessment followed up and not the follow-up. history said the server
// "has nothing newer for patient ... than this machine has", and a
// follow-up begun then learnt only at its save that the server lacks the
// one it follows up. It names the follow-up the server lacks, lost there,
// as it names a lost amendment, and what to run.
func TestHistoryOfAPatientWhoseFollowUpTheServerLostSaysSo(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	path, rs := storeWith(t, 1)
	first := rs[0]
	if out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{Backup: true})
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	follow := testkit.Assessed(t, testkit.Included(nil))
	follow.Patient, follow.FollowsUp = first.Patient, first.ID
	if err := st.Save(&follow); err != nil {
		t.Fatal(err)
	}
	if out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push of the follow-up: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{RestoreBackup: true})

	_, stderr, err := runStoreCmd(t, path, (*app).historyCmd, first.Patient.Value, "--server", srv.Base)
	if err != nil {
		t.Fatalf("history --server: %v\n%s", err, stderr)
	}
	flat := strings.Join(strings.Fields(stderr), " ")
	for _, wrong := range []string{"nothing newer", "older version"} {
		if strings.Contains(flat, wrong) {
			t.Errorf("history says %q of a server that holds no version of the follow-up:\n%s", wrong, stderr)
		}
	}
	for _, want := range []string{"lacks 1 record version of patient", follow.ID.String()[:13], "lost there", "digicheck push --server " + srv.Base + " --check-server"} {
		if !strings.Contains(flat, want) {
			t.Errorf("history does not say %q (the follow-up the server lacks, what to run):\n%s", want, stderr)
		}
	}
}
