package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestACheckServerRefusedCredentialsSaysTheSettingsNeedFixing: push
// --check-server (and its dry run) whose asking the server refused the
// machine's token (401) said the server's answer raw, then "run digicheck
// push --check-server again when the server answers": a wait for a server
// that will refuse again. It says, as the plain push says it, that the
// credentials were refused and the site's settings need fixing: tell IT.
func TestACheckServerRefusedCredentialsSaysTheSettingsNeedFixing(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	s := fhirserver.Start(t)
	s.RequireToken(t, "right-token-3")
	db, _, _ := agreedToEverything(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("fhir_server = %q\nfhir_token_file = \"token\"\n", s.Base)), 0o600)
	os.WriteFile(filepath.Join(dir, "token"), []byte("right-token-3\n"), 0o600)
	env := map[string]string{"DIGICHECK_DB": db, "DIGICHECK_CONFIG": cfg}
	if out, stderr, err := runCLI(t, env, "", "push"); err != nil || !strings.Contains(out, "Sent") {
		t.Fatalf("push: %v\n%s%s", err, out, stderr)
	}
	os.WriteFile(filepath.Join(dir, "token"), []byte("wrong-token-4\n"), 0o600)
	for _, args := range [][]string{{"push", "--check-server"}, {"push", "--check-server", "--dry-run"}} {
		_, stderr, err := runCLI(t, env, "", args...)
		if err == nil {
			t.Errorf("%s with a wrong token exits 0", strings.Join(args, " "))
			continue
		}
		all := strings.Join(strings.Fields(stderr+err.Error()), " ")
		for _, want := range []string{"refused this machine's credentials (401)", "tell IT", "Nothing was sent"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s with a wrong token does not say %q:\n%s", strings.Join(args, " "), want, all)
			}
		}
		for _, bad := range []string{"when the server answers", "would be sent"} {
			if strings.Contains(all, bad) {
				t.Errorf("%s with a wrong token says %q:\n%s", strings.Join(args, " "), bad, all)
			}
		}
	}
}
