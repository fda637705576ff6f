package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestPushWithNothingToSendSaysOnlyWhatItAskedTheServer: a plain push with
// nothing to send said "the server holds no fewer assessments than it
// accepted from here", which other machines' assessments on a shared
// server made true while this store's newest was gone. It says what it
// asked: that the server holds the newest it accepted from here.
func TestPushWithNothingToSendSaysOnlyWhatItAskedTheServer(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	s := fhirserver.Shared(t)
	db := filepath.Join(t.TempDir(), "digicheck.db")
	env := map[string]string{"DIGICHECK_DB": db}
	if _, errOut, err := runCLI(t, env, "", "synthetic", "--count", "12", "--seed", "2929"); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, errOut)
	}
	if _, errOut, err := runCLI(t, env, "", "push", "--server", s.Base, "--test-server"); err != nil {
		t.Fatalf("push: %v\n%s", err, errOut)
	}
	out, errOut, err := runCLI(t, env, "", "push", "--server", s.Base, "--test-server")
	said := unfolded(out)
	if err != nil || strings.Contains(said, "no fewer") || !strings.Contains(said, "the server still holds the 10 assessments with the newest versions it accepted from here, as sent (asked of those alone: digicheck push --server "+s.Base+" --test-server --check-server asks it of each).") {
		t.Fatalf("push again: %v\n%s%s", err, out, errOut)
	}
}
