package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestFollowupSummaryAndExportNameTheServerAsConfiguredOrTyped: with
// fhir_server = http://localhost:PORT/fhir, followup said "Following up
// … read from the FHIR server http://127.0.0.1:PORT/fhir" beside history's
// "http://localhost:PORT/fhir"; summary --site-server, and summary and
// export --server typed as localhost, said "Reading … on" and "Read …
// from" http://127.0.0.1:PORT/fhir. One server, spelt as configured or as
// typed.
func TestFollowupSummaryAndExportNameTheServerAsConfiguredOrTyped(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Shared(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	local := strings.Replace(srv.Base, "127.0.0.1", "localhost", 1)
	if local == srv.Base {
		t.Fatalf("the test server is not at 127.0.0.1: %s", srv.Base)
	}
	check := func(what, text string) {
		t.Helper()
		if strings.Contains(text, "127.0.0.1") {
			t.Errorf("%s names the server 127.0.0.1, configured or typed as %s:\n%s", what, local, text)
		}
		if !strings.Contains(text, local) {
			t.Errorf("%s does not name the server %s:\n%s", what, local, text)
		}
	}

	// A laptop that never saw the patient follows them up through the
	// server; its input ends at once.
	dir := t.TempDir()
	laptop := filepath.Join(dir, "laptop.db")
	if _, err := store.Open(laptop, store.Options{}); err != nil {
		t.Fatal(err)
	}
	a := &app{}
	a.settings.DB = laptop
	a.settings.Config.FHIRServer.FHIRServerURL = local
	out, stderr, err := execute(a, (*app).followupCmd, "", first.Patient.Value)
	if !strings.Contains(stderr, "Following up") {
		t.Fatalf("followup does not say what it follows up (%v):\n%s%s", err, out, stderr)
	}
	check("followup", out+stderr)

	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf("fhir_server = %q\n", local)), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DIGICHECK_DB": laptop, "DIGICHECK_CONFIG": cfg}
	_, stderr, err = runCLI(t, env, "", "summary", "--site-server")
	check("summary --site-server", stderr+errText(err))
	env = map[string]string{"DIGICHECK_DB": laptop}
	_, stderr, err = runCLI(t, env, "", "summary", "--server", local)
	check("summary --server", stderr+errText(err))
	_, stderr, err = runCLI(t, env, "", "export", "--format", "ndjson", "--identifiable", "--server", local, "-o", filepath.Join(dir, "out.ndjson"))
	check("export --server", stderr+errText(err))
}
