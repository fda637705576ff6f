package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// localStore is a store holding one assessment of local number value by
// clinician, and that record.
func localStore(t *testing.T, value, clinician string) (*store.Store, record.Record) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := record.NewPatientID(record.LocalID, value)
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	r.Patient, r.Clinician = p, clinician
	if err := st.Save(&r); err != nil {
		t.Fatal(err)
	}
	return st, r
}

// TestHistoryOfALocalNumberWithNoLocalNumberSystemNeverTakesInAnotherTrustsPatient:
// a machine whose site config sets no local_number_system took in, for
// history or followup of local number RX-555, another trust's patient of
// that number on a shared server (and a follow-up linked to that patient's
// assessment). The server is now not searched by local number there: on a
// machine holding none of the patient's records it is an error saying why
// and what to set; on one holding some, what it holds is shown, said to be
// this machine's only, and nothing is taken in.
func TestHistoryOfALocalNumberWithNoLocalNumberSystemNeverTakesInAnotherTrustsPatient(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	elsewhere, _ := localStore(t, "RX-555", "Dr Other Trust")
	fhirserver.SendStoreIn(t, srv.Base, elsewhere, "https://fhir.other-trust.nhs.uk/Id/mrn")

	db := filepath.Join(t.TempDir(), "digicheck.db")
	a := &app{settings: site.Settings{DB: db, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	out, stderr, err := execute(a, (*app).historyCmd, "", "rx-555")
	said := strings.Join(strings.Fields(stderr+" "+errText(err)), " ")
	if err == nil || strings.Contains(out+said, "Other Trust") {
		t.Fatalf("history of a local number with no local_number_system took in another trust's patient (%v):\n%s\n%s", err, out, stderr)
	}
	if !strings.Contains(said, "local_number_system") || !strings.Contains(said, "another organisation's patient") {
		t.Errorf("history does not say why the server was not asked and what to set:\n%s", said)
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("a store was made with nothing to keep")
	}

	// A machine holding the patient's own record: shown, the server not
	// searched, nothing taken in.
	mine, _ := localStore(t, "RX-555", "Dr Ward One")
	path := mine.Path()
	a = &app{settings: site.Settings{DB: path, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	out, stderr, err = execute(a, (*app).historyCmd, "", "rx-555")
	if err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "Dr Ward One") || strings.Contains(out, "Other Trust") {
		t.Errorf("history shows other than this machine's own assessment:\n%s", out)
	}
	said = strings.Join(strings.Fields(stderr), " ")
	if !strings.Contains(said, "local_number_system") || !strings.Contains(said, "this machine's record of patient") {
		t.Errorf("history does not say the server was not asked, why, and that what is shown is this machine's only:\n%s", said)
	}
}

// TestHistoryOfALocalNumberReadsTheTrustsSystemOnly: with
// local_number_system set, history of a local number takes in the trust's
// patient of that number only: not another trust's, nor one pushed by a
// machine with no system set (whose trust is not known).
func TestHistoryOfALocalNumberReadsTheTrustsSystemOnly(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	const trust = "https://fhir.test-trust.nhs.uk/Id/local-number"
	srv := fhirserver.Start(t)
	ward, _ := localStore(t, "RX-555", "Dr Ward One")
	fhirserver.SendStoreIn(t, srv.Base, ward, trust)
	other, _ := localStore(t, "RX-555", "Dr Other Trust")
	fhirserver.SendStoreIn(t, srv.Base, other, "https://fhir.other-trust.nhs.uk/Id/mrn")
	nosys, _ := localStore(t, "RX-555", "Dr No System")
	fhirserver.SendStoreIn(t, srv.Base, nosys, "")

	db := filepath.Join(t.TempDir(), "digicheck.db")
	a := &app{settings: site.Settings{DB: db, Config: site.Config{LocalNumberSystem: trust, FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	out, stderr, err := execute(a, (*app).historyCmd, "", "rx-555")
	if err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "Dr Ward One") || strings.Contains(out, "Dr Other Trust") || strings.Contains(out, "Dr No System") {
		t.Errorf("history of RX-555 in the trust's system shows other than the trust's patient:\n%s", out)
	}
}
