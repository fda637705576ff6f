package site

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func TestFHIRServerSettingsAreReadAndTheirFilesTakenFromTheConfigsFolder(t *testing.T) {
	doc := `fhir_server = "https://fhir.example.nhs.uk/fhir"
fhir_oauth_token_url = "https://auth.example.nhs.uk/token"
fhir_oauth_client_id = "digicheck-north"
fhir_oauth_secret_file = "secret"
fhir_ca_file = "/etc/trust/ca.pem"
`
	dir := t.TempDir()
	c, err := ParseConfig("c.toml", []byte(doc), dir)
	if err != nil {
		t.Fatal(err)
	}
	f := c.FHIRServer
	if f.FHIRServerURL != "https://fhir.example.nhs.uk/fhir" || f.FHIRClientID != "digicheck-north" ||
		f.FHIRSecretFile != filepath.Join(dir, "secret") || f.FHIRCAFile != "/etc/trust/ca.pem" {
		t.Fatalf("%+v", f)
	}
}

func TestBadFHIRServerSettingsStopWithTheirLine(t *testing.T) {
	for _, tc := range []struct {
		doc, want string
		line      int
	}{
		{`fhir_server = "fhir.example.nhs.uk"`, "give an https URL", 2},
		{`fhir_server = "ftp://fhir.example.nhs.uk/fhir"`, "give an https URL", 2},
		{`fhir_server = "https:///fhir"`, "names no host", 2},
		{`fhir_server = "https://:443/fhir"`, "names no host", 2},
		{`fhir_server = "http://fhir.example.nhs.uk/fhir"`, "must go over https", 2},
		{`fhir_server = "https://me:pw@fhir.example.nhs.uk/fhir"`, "holds credentials", 2},
		{`fhir_token_env = "abc.def-123"`, "name of an environment variable", 2},
		{"fhir_token_file = \"t\"\nfhir_token_env = \"T\"", "one place for the bearer token", 3},
		{"fhir_token_file = \"t\"\nfhir_oauth_token_url = \"https://a.example/token\"\nfhir_oauth_client_id = \"c\"\nfhir_oauth_secret_file = \"s\"", "both set", 3},
		{`fhir_oauth_client_id = "c"`, "need all three", 2},
		{"fhir_oauth_token_url = \"http://auth.example/token\"\nfhir_oauth_client_id = \"c\"\nfhir_oauth_secret_file = \"s\"", "must go over https", 2},
	} {
		_, err := ParseConfig("c.toml", []byte("site_name = \"x\"\n"+tc.doc+"\n"), ".")
		at := fmt.Sprintf("c.toml:%d:", tc.line)
		if err == nil || !strings.Contains(err.Error(), at) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v; want an error at %s containing %q", tc.doc, err, at, tc.want)
		}
	}
}

func TestPlainHTTPIsAllowedOnlyForAServerOnThisMachine(t *testing.T) {
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:8080/fhir", true},
		{"http://localhost/fhir", true},
		{"http://LOCALHOST:18431/fhir/", true}, // host names have no case
		{"http://[::1]:8080/fhir", true},
		{"https://fhir.example.nhs.uk/fhir", true},
		{"http://10.0.0.5/fhir", false},
		{"http://localhost.example.com/fhir", false},
	} {
		if err := CheckServerURL(tc.url); (err == nil) != tc.ok {
			t.Errorf("CheckServerURL(%q) = %v, want ok %v", tc.url, err, tc.ok)
		}
	}
}

// TestAServerURLWithAQueryOrFragmentIsRefusedWithoutSayingItBack: a server
// URL holding a query (?access_token=SECRET) was taken, named without it in
// every message, and sent with the token on every request, malformed
// (two ?); it is now refused as fhir_base is, saying a token belongs in
// fhir_token_file, and never saying the query back.
func TestAServerURLWithAQueryOrFragmentIsRefusedWithoutSayingItBack(t *testing.T) {
	for _, raw := range []string{
		"http://localhost:18917/fhir?access_token=SECRET123",
		"https://fhir.example.nhs.uk/fhir?SECRET123",
		"https://fhir.example.nhs.uk/fhir#SECRET123",
		"https://fhir.example.nhs.uk/fhir?",
		"htps://fhir.example.nhs.uk/fhir?access_token=SECRET123",
	} {
		err := CheckServerURL(raw)
		if err == nil || strings.Contains(err.Error(), "SECRET123") || (!strings.HasPrefix(raw, "htps") && !strings.Contains(err.Error(), "fhir_token_file")) {
			t.Errorf("CheckServerURL(%q) = %v, want a refusal naming fhir_token_file, the query not said back", raw, err)
		}
	}
	_, err := ParseConfig("c.toml", []byte("site_name = \"x\"\nfhir_server = \"https://fhir.example.nhs.uk/fhir?access_token=SECRET123\"\n"), ".")
	if err == nil || !strings.Contains(err.Error(), "c.toml:2:") || strings.Contains(err.Error(), "SECRET123") {
		t.Errorf("a fhir_server with a query: %v, want it refused at its line, the query not said back", err)
	}
}
