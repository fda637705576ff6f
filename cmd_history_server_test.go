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

// onServer is a server holding two assessments of testkit.NHSNumber, made
// on another machine, and those records.
func onServer(t *testing.T) (*fhirserver.Server, []record.Record) {
	t.Helper()
	srv := fhirserver.Start(t)
	elsewhere, rs := storeWith(t, 2)
	sendStore(t, srv.Base, elsewhere)
	return srv, rs
}

// TestHistoryOnAMachineWithNoStoreKeepsWhatItReads: history of a patient
// on a machine that has never had a store reads the patient's assessments
// from the server and keeps them, in a store made where the store would
// be, saying so in one line; a followup there, with the server gone,
// then finds them. It read them, showed them and kept nothing, and the
// follow-up offline found nothing.
func TestHistoryOnAMachineWithNoStoreKeepsWhatItReads(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv, rs := onServer(t)
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	where, err := store.DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	out, stderr, err := execute(a, (*app).historyCmd, "", testkit.NHSNumber)
	if err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	for _, r := range rs {
		if !strings.Contains(out, r.ID.String()[:8]) {
			t.Errorf("history lacks %s:\n%s", r.ID, out)
		}
	}
	// Said once, in one sentence (filled at the width), the store's
	// path whole.
	said := strings.Join(strings.Fields(stderr), " ")
	if strings.Count(said, "kept") != 1 || !strings.Contains(said, "Read 2 record versions") || !strings.Contains(said, "new store at "+where) {
		t.Errorf("history does not say once that it kept the 2 versions in a new store at %s:\n%s", where, stderr)
	}
	if !strings.Contains(out, "Read from the FHIR server "+srv.Base+" (copies kept here)") {
		t.Errorf("history does not mark the copies kept:\n%s", out)
	}
	st, err := store.Open(where, store.Options{})
	if err != nil {
		t.Fatalf("no store where the store would be: %v", err)
	}
	got, err := st.History(rs[0].Patient)
	if err != nil || len(got) != 2 {
		t.Fatalf("the store made holds %d of the patient's versions (%v); want 2", len(got), err)
	}
	srv.Stop()
	if _, stderr, err := execute(a, (*app).historyCmd, "", testkit.NHSNumber); err != nil {
		t.Errorf("history with the server gone: %v\n%s", err, stderr)
	}
}

// TestHistoryWhereNoStoreCanBeMadeSaysNothingWasKept: where the store
// cannot be made (its folder is not there), history still shows what it
// read, and says plainly that nothing was kept, and why.
func TestHistoryWhereNoStoreCanBeMadeSaysNothingWasKept(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv, rs := onServer(t)
	db := filepath.Join(t.TempDir(), "no such folder", "digicheck.db")
	a := &app{settings: site.Settings{DB: db, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	out, stderr, err := execute(a, (*app).historyCmd, "", testkit.NHSNumber)
	if err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	for _, r := range rs {
		if !strings.Contains(out, r.ID.String()[:8]) {
			t.Errorf("history lacks %s:\n%s", r.ID, out)
		}
	}
	if !strings.Contains(stderr, "nothing was kept") || !strings.Contains(stderr, "no folder") {
		t.Errorf("history does not say that nothing was kept, and why:\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Dir(db)); err == nil {
		t.Errorf("a folder was made for the store")
	}
}

// TestHistoryNamesTheServerAsConfigured: a server configured as
// localhost is named so on every line of a history, the lines that say
// where copies came from among them, never also as 127.0.0.1, whether the
// copies are read now or were kept before.
func TestHistoryNamesTheServerAsConfigured(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv, _ := onServer(t)
	configured := strings.Replace(srv.Base, "127.0.0.1", "localhost", 1)
	if configured == srv.Base {
		t.Fatalf("the server's base %s is not on 127.0.0.1", srv.Base)
	}
	db := filepath.Join(t.TempDir(), "digicheck.db")
	if _, err := store.Open(db, store.Options{}); err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{DB: db, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: configured}}}}
	for i := range 2 {
		out, stderr, err := execute(a, (*app).historyCmd, "", testkit.NHSNumber)
		if err != nil {
			t.Fatalf("history: %v\n%s", err, stderr)
		}
		all := stderr + out
		if strings.Contains(all, "127.0.0.1") || !strings.Contains(out, "Read from the FHIR server "+configured) {
			t.Errorf("history %d names the server other than as configured (%s):\n%s", i+1, configured, all)
		}
	}
}

// TestTheServerIsNamedAsConfigured: history names a server as the user
// configured it, tidied as its identity is (scheme and host in lower case,
// no default port, no doubled or trailing slash) but localhost kept as
// localhost, which the identity writes 127.0.0.1.
func TestTheServerIsNamedAsConfigured(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]string{
		"http://localhost:8080/fhir":          "http://localhost:8080/fhir",
		"HTTP://LocalHost:8080//fhir/":        "http://localhost:8080/fhir",
		"https://localhost:443/fhir":          "https://localhost/fhir",
		"http://127.0.0.1:8080/fhir":          "http://127.0.0.1:8080/fhir",
		"HTTPS://FHIR.Trust.nhs.uk:443/fhir/": "https://fhir.trust.nhs.uk/fhir",
	} {
		if got := configuredName(raw); got != want {
			t.Errorf("configuredName(%q) = %q, want %q", raw, got, want)
		}
	}
	if got := sourceName("http://localhost:8080/fhir", "http://127.0.0.1:8080/fhir"); got != "http://localhost:8080/fhir" {
		t.Errorf("a copy from the configured server is named %q", got)
	}
	if got := sourceName("http://localhost:8080/fhir", "https://other.nhs.uk/fhir"); got != "https://other.nhs.uk/fhir" {
		t.Errorf("a copy from another server is named %q", got)
	}
}
