package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
)

// TestATokenEndpointRefusingTheSecretIsNamedWithItsErrorCode: an OAuth2
// token endpoint that refused the client secret (401 invalid_client) was
// said as "the FHIR server refused this machine's credentials", though no
// request reached the FHIR server: IT were pointed at the wrong system.
// The token endpoint is named, with its status and error code.
func TestATokenEndpointRefusingTheSecretIsNamedWithItsErrorCode(t *testing.T) {
	s := fhirserver.Start(t)
	id := "dc-north"
	s.Control(t, fhirserver.Control{ClientID: &id, ClientSecret: "s3cret", TokenTTL: 3600})
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	os.WriteFile(filepath.Join(dir, "secret"), []byte("a-wrong-secret"), 0o600)
	os.WriteFile(cfg, []byte(fmt.Sprintf("fhir_server = %q\nfhir_oauth_token_url = %q\nfhir_oauth_client_id = %q\nfhir_oauth_secret_file = \"secret\"\n", s.Base, s.TokenURL, id)), 0o600)
	env := map[string]string{"DIGICHECK_CONFIG": cfg, "DIGICHECK_DB": filepath.Join(dir, "digicheck.db")}
	if _, errOut, err := runCLI(t, env, "", "synthetic", "--count", "1", "--seed", "2930"); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, errOut)
	}
	_, errOut, err := runCLI(t, env, "", "push", "--test-server")
	if err == nil {
		t.Fatalf("a wrong secret: pushed\n%s", errOut)
	}
	words := said(err)
	if strings.Contains(words, "the FHIR server refused") ||
		!strings.Contains(words, "the OAuth2 token endpoint "+s.TokenURL+" refused this machine's client credentials (401 invalid_client)") ||
		!strings.Contains(words, "tell IT") || !strings.Contains(words, "The token endpoint's answer: 401 Unauthorized: invalid_client") {
		t.Fatalf("a wrong secret is said as:\n%v", err)
	}
	narrowLines(t, "a wrong secret", err.Error())
}
