package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestATokenEndpointRefusingTheSecretIsNamedWithItsErrorCode: an OAuth2
// token endpoint that refused the client secret (401 invalid_client) was
// said as "the FHIR server refused this machine's credentials", though no
// request reached the FHIR server: IT were pointed at the wrong system.
// The token endpoint is named, with its status and error code.
func TestATokenEndpointRefusingTheSecretIsNamedWithItsErrorCode(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
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

// TestAWrongTokenEndpointURLIsNamedNotTheClientCredentials: a token
// endpoint URL with a typo in its path answers 404, and was said to have
// "refused this machine's client credentials", sending IT to replace a
// secret that was right; one on a port nothing listens on was said as
// "could not reach the FHIR server" (push) and "could not connect to the
// FHIR server" (a save's send), though the FHIR server was up. Each now
// names fhir_oauth_token_url, and what it answered or that it could not
// be reached.
func TestAWrongTokenEndpointURLIsNamedNotTheClientCredentials(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	s := fhirserver.Start(t)
	id := "dc-north"
	s.Control(t, fhirserver.Control{ClientID: &id, ClientSecret: "s3cret", TokenTTL: 3600})
	for _, c := range []struct{ name, url, want string }{
		{"a typo in its path", strings.TrimSuffix(s.TokenURL, "token") + "tokn", "answered 404 Not Found"},
		{"nothing listening", "http://127.0.0.1:1/_oauth/token", "could not reach the OAuth2 token endpoint"},
	} {
		dir := t.TempDir()
		cfg := filepath.Join(dir, "config.toml")
		os.WriteFile(filepath.Join(dir, "secret"), []byte("s3cret"), 0o600)
		os.WriteFile(cfg, []byte(fmt.Sprintf("fhir_server = %q\nfhir_oauth_token_url = %q\nfhir_oauth_client_id = %q\nfhir_oauth_secret_file = \"secret\"\n", s.Base, c.url, id)), 0o600)
		env := map[string]string{"DIGICHECK_CONFIG": cfg, "DIGICHECK_DB": filepath.Join(dir, "digicheck.db")}
		if _, errOut, err := runCLI(t, env, "", "synthetic", "--count", "1", "--seed", "2930"); err != nil {
			t.Fatalf("synthetic: %v\n%s", err, errOut)
		}
		_, errOut, err := runCLI(t, env, "", "push", "--test-server", "--max-wait", "1s")
		if err == nil {
			t.Fatalf("%s: pushed\n%s", c.name, errOut)
		}
		words := said(err)
		if !strings.Contains(words, "fhir_oauth_token_url") || !strings.Contains(words, c.want) || !strings.Contains(words, c.url) {
			t.Errorf("%s: push does not name fhir_oauth_token_url %s and that it %q:\n%v", c.name, c.url, c.want, err)
		}
		for _, wrong := range []string{"client credentials", "fhir_oauth_secret_file", "could not reach the FHIR server", "could not connect to the FHIR server"} {
			if strings.Contains(words, wrong) {
				t.Errorf("%s: push says %q:\n%v", c.name, wrong, err)
			}
		}
		narrowLines(t, c.name, err.Error())
	}
	// A save's own send, said on its screen.
	why := pushWhy(&fhirclient.Error{Kind: fhirclient.ErrUnavailable, Msg: "cannot get an OAuth2 access token from http://127.0.0.1:1/_oauth/token: connection refused", TokenURL: "http://127.0.0.1:1/_oauth/token"})
	if !strings.Contains(why, "could not reach the OAuth2 token endpoint URL http://127.0.0.1:1/_oauth/token (fhir_oauth_token_url") || strings.Contains(why, "could not connect to the FHIR server") {
		t.Errorf("a save's send to an unreachable token endpoint is said as: %q", why)
	}
}
