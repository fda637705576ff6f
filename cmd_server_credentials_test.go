package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"digicheck/fhirclient"
	"digicheck/site"
)

// TestTheSitesCredentialsGoOnlyToTheConfiguredServer: the site's bearer
// token went to whatever server --server named (another port, another
// host: a test server, another trust's, a URL from a phishing mail). It
// now goes only to the site's fhir_server, however its URL is spelt;
// another server gets no credentials, and its 401 says that the site's
// credentials are sent only to the configured server.
func TestTheSitesCredentialsGoOnlyToTheConfiguredServer(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	seen := map[string]string{}
	serve := func(name string, status int) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			seen[name] = r.Header.Get("Authorization")
			mu.Unlock()
			w.WriteHeader(status)
			fmt.Fprint(w, `{"resourceType":"Bundle","type":"searchset"}`)
		}))
	}
	site1, other := serve("site", http.StatusOK), serve("other", http.StatusUnauthorized)
	defer site1.Close()
	defer other.Close()
	tok := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tok, []byte("s3cr3t-token-XYZ\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: site1.URL + "/fhir", FHIRTokenFile: tok}}}}
	search := func(base string) error {
		c, err := a.lookClient(base)
		if err != nil {
			t.Fatal(err)
		}
		return c.Search(context.Background(), "QuestionnaireResponse", url.Values{}, func(fhirclient.Resource) error { return nil })
	}
	// The configured server, spelt otherwise: the token goes.
	if err := search(strings.ToUpper(site1.URL[:4]) + site1.URL[4:] + "//fhir/"); err != nil {
		t.Fatal(err)
	}
	err := search(other.URL + "/fhir")
	mu.Lock()
	defer mu.Unlock()
	if seen["site"] != "Bearer s3cr3t-token-XYZ" {
		t.Errorf("the configured server got %q, want the site's token", seen["site"])
	}
	if seen["other"] != "" {
		t.Errorf("another server got the site's credentials: %q", seen["other"])
	}
	var fe *fhirclient.Error
	if !errors.As(err, &fe) || !errors.Is(err, fhirclient.ErrUnauthorized) {
		t.Fatalf("another server's 401: %v", err)
	}
	for _, said := range []string{unauthorizedWhy(fe), strings.Join(strings.Fields(unauthorizedLines(fe)), " ")} {
		if !strings.Contains(said, "sent only to the configured FHIR server") || strings.Contains(said, "refused this machine's credentials") {
			t.Errorf("another server's 401 is said as %q, want that the site's credentials are sent only to the configured server", said)
		}
	}
}
