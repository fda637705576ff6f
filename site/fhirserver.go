package site

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"sync"
)

// FHIRServer is where `digicheck push` sends records, and how it proves
// who it is. Secrets are never in the config itself: a token or a client
// secret is in a file readable by its owner only, or a token in an
// environment variable the config names. Relative paths are taken from the
// folder the config file is in.
type FHIRServer struct {
	// FHIRServerURL is the server's base URL, such as
	// https://fhir.example.nhs.uk/fhir (--server overrides it). Plain http
	// is refused except for a server on this machine.
	FHIRServerURL string `toml:"fhir_server"`
	// FHIRTokenFile holds a bearer token.
	FHIRTokenFile string `toml:"fhir_token_file"`
	// FHIRTokenEnv names an environment variable holding a bearer token.
	FHIRTokenEnv string `toml:"fhir_token_env"`
	// FHIRTokenURL, FHIRClientID and FHIRSecretFile are OAuth2 client
	// credentials: the token endpoint, this site's client id, and the file
	// holding its secret.
	FHIRTokenURL   string `toml:"fhir_oauth_token_url"`
	FHIRClientID   string `toml:"fhir_oauth_client_id"`
	FHIRSecretFile string `toml:"fhir_oauth_secret_file"`
	// FHIRScope is the OAuth2 scope asked for, if the server wants one.
	FHIRScope string `toml:"fhir_oauth_scope"`
	// FHIRCAFile is a PEM bundle of the trust's certificate authorities,
	// trusted besides the system's.
	FHIRCAFile string `toml:"fhir_ca_file"`
}

var envName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`) })

// CheckServerURL refuses a FHIR server URL that is not http(s) with a
// host, that carries credentials or a query or fragment, or that sends patient data over plain
// http to another machine.
func CheckServerURL(raw string) error {
	// A query or fragment is refused, and never said back: it held a
	// token (?access_token=...) that went on every request, in a
	// malformed URL, while messages named the server without it.
	if i := strings.IndexAny(raw, "?#"); i >= 0 {
		head := raw[:i]
		if u, err := url.Parse(head); err == nil {
			head = u.Redacted() // no password either
		}
		return fmt.Errorf("%s holds a query or fragment (from %q on, not shown), which a FHIR server's URL never has: a token belongs in fhir_token_file (or fhir_token_env, or the OAuth2 settings), never in the URL", quoted(head)+"…", raw[i:i+1])
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("%s: give an https URL, such as https://fhir.example.nhs.uk/fhir", quoted(raw))
	}
	if u.Hostname() == "" {
		// An https URL all the same: "give an https URL" sent the
		// reader looking for what was wrong with its scheme.
		return fmt.Errorf("%s names no host: give the server's whole URL, such as https://fhir.example.nhs.uk/fhir", quoted(raw))
	}
	if u.User != nil {
		return fmt.Errorf("the server URL holds credentials: put a token in fhir_token_file or use OAuth2, never in the URL")
	}
	if u.Scheme == "http" && !loopback(u.Hostname()) {
		return fmt.Errorf("%s: patient data must go over https; plain http is for a server on this machine only", u.Redacted())
	}
	return nil
}

func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") { // host names have no case
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (f FHIRServer) check(name string, pos map[string]int) Problems {
	var ps Problems
	add := func(key, msg string) { ps = append(ps, Problem{name, pos[key], msg}) }
	if f.FHIRServerURL != "" {
		if err := CheckServerURL(f.FHIRServerURL); err != nil {
			add("fhir_server", "fhir_server "+err.Error())
		}
	}
	if f.FHIRTokenEnv != "" && !envName().MatchString(f.FHIRTokenEnv) {
		add("fhir_token_env", fmt.Sprintf("fhir_token_env %s: give the name of an environment variable (letters, digits, _), not the token", quoted(f.FHIRTokenEnv)))
	}
	if f.FHIRTokenFile != "" && f.FHIRTokenEnv != "" {
		add("fhir_token_env", "fhir_token_file and fhir_token_env: give one place for the bearer token, not two")
	}
	oauth := f.FHIRTokenURL != "" || f.FHIRClientID != "" || f.FHIRSecretFile != ""
	if oauth && (f.FHIRTokenFile != "" || f.FHIRTokenEnv != "") {
		add("fhir_oauth_token_url", "a bearer token and OAuth2 client credentials are both set: give one way to authenticate")
	}
	if oauth && (f.FHIRTokenURL == "" || f.FHIRClientID == "" || f.FHIRSecretFile == "") {
		key := "fhir_oauth_token_url"
		for _, k := range []string{"fhir_oauth_token_url", "fhir_oauth_client_id", "fhir_oauth_secret_file"} {
			if _, ok := pos[k]; ok {
				key = k
				break
			}
		}
		add(key, "OAuth2 client credentials need all three of fhir_oauth_token_url, fhir_oauth_client_id and fhir_oauth_secret_file")
	}
	if f.FHIRTokenURL != "" {
		if err := CheckServerURL(f.FHIRTokenURL); err != nil {
			add("fhir_oauth_token_url", "fhir_oauth_token_url "+err.Error())
		}
	}
	return ps
}
