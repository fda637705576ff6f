package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestOneOfAThingIsSaidInTheSingular: reading one record version from
// the FHIR server said "Read 1 record versions", and summary --server
// "1 responses".
func TestOneOfAThingIsSaidInTheSingular(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Shared(t)
	ward, rs := storeWith(t, 1)
	wst, err := store.Open(ward, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	first := rs[0]
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	if _, err := store.Open(laptop, store.Options{}); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base)
	if err != nil {
		t.Fatalf("history: %v\n%s%s", err, out, stderr)
	}
	_, serr, err := runCLI(t, map[string]string{"DIGICHECK_DB": laptop}, "", "summary", "--server", srv.Base)
	if err != nil {
		t.Fatalf("summary --server: %v\n%s", err, serr)
	}
	all := strings.Join(strings.Fields(stderr+serr), " ")
	for _, bad := range []string{"1 record versions", "1 responses", "1 new record versions"} {
		if strings.Contains(all, bad) {
			t.Errorf("says %q:\n%s%s", bad, stderr, serr)
		}
	}
	if !strings.Contains(all, "Read 1 record version of patient") || !strings.Contains(all, "1 response,") {
		t.Errorf("does not count the one version and the one response in the singular:\n%s%s", stderr, serr)
	}
}

// TestHistorysListingFitsEightyColumnsInAPipe: history's stdout fits 80
// columns, as the README says, but its "Read from the FHIR server URL
// (copies kept here): …" line ran to 87 in a pipe.
func TestHistorysListingFitsEightyColumnsInAPipe(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "")
	srv := fhirserver.Shared(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	if _, err := store.Open(laptop, store.Options{}); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base+"/")
	if err != nil {
		t.Fatalf("history: %v\n%s%s", err, out, stderr)
	}
	if !strings.Contains(out, "Read from the FHIR server") {
		t.Fatalf("history does not say what it read from the server:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if len(line) > 80 {
			t.Errorf("a line of %d columns: %q", len(line), line)
		}
	}
}
