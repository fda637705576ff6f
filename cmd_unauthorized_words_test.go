package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestRefusedCredentialsTellTheClinicianToTellIT: a 401 told the
// clinician the site's FHIR settings needed fixing and to see
// docs/fhir-server.md: neither is the clinician's to do. Both forms say to
// tell IT, and the lines of a command's error stay within 80 columns.
func TestRefusedCredentialsTellTheClinicianToTellIT(t *testing.T) {
	t.Parallel()
	fe := &fhirclient.Error{Kind: fhirclient.ErrUnauthorized, Status: 401}
	for name, said := range map[string]string{"unauthorizedWhy": unauthorizedWhy(fe), "unauthorizedLines": unauthorizedLines(fe)} {
		all := strings.Join(strings.Fields(said), " ")
		for _, want := range []string{"refused this machine's credentials (401)", "tell IT"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s does not say %q: %q", name, want, said)
			}
		}
	}
	for _, l := range strings.Split(unauthorizedLines(fe), "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("unauthorizedLines: a line of %d columns: %q", w, l)
		}
	}
}

// TestTheServersAnswerToAWrongTokenIsTheServersOwnWords: after a 401,
// push and summary --server said "The server's answer: the FHIR server
// answered GET http://… 401 Unauthorized: a valid bearer token is
// required": digicheck's own words, and the address asked, quoted as the
// server's. The server's answer is its status and what it said, and
// summary's lines are filled at the width, piped too.
func TestTheServersAnswerToAWrongTokenIsTheServersOwnWords(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	s := fhirserver.Start(t)
	s.RequireToken(t, "right-token-7")
	db, _, _ := agreedToEverything(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("fhir_server = %q\nfhir_token_file = \"token\"\n", s.Base)), 0o600)
	os.WriteFile(filepath.Join(dir, "token"), []byte("wrong-token-8\n"), 0o600)
	for _, args := range [][]string{{"push"}, {"summary", "--site-server"}} {
		_, stderr, err := runCLI(t, map[string]string{"DIGICHECK_DB": db, "DIGICHECK_CONFIG": cfg}, "", args...)
		if err == nil {
			t.Fatalf("%s with a wrong token: no error", args[0])
		}
		all := strings.Join(strings.Fields(err.Error()), " ")
		_, answer, ok := strings.Cut(all, "The server's answer: ")
		if !ok || !strings.Contains(answer, "401") || strings.Contains(answer, "answered") || strings.Contains(answer, "http") {
			t.Errorf("%s: the server's answer is not the server's own: %q\n%s", args[0], answer, err)
		}
		for _, l := range strings.Split(err.Error(), "\n") {
			if w := ansi.StringWidth(l); w > 80 {
				t.Errorf("%s: a line of %d columns: %q\n%s", args[0], w, l, stderr)
			}
		}
	}
}
