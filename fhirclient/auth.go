package fhirclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"digicheck/internal/shellword"
)

// Auth says how the client proves who it is. At most one of a static
// bearer token (TokenFile or TokenEnv) and OAuth2 client credentials
// (TokenURL, ClientID, SecretFile) is given; with none, requests go
// without an Authorization header.
type Auth struct {
	// TokenFile holds a bearer token (surrounding space is ignored).
	TokenFile string
	// TokenEnv names an environment variable that holds a bearer token.
	TokenEnv string
	// TokenURL, ClientID and SecretFile are an OAuth2 client-credentials
	// grant (RFC 6749 section 4.4): the client authenticates with HTTP
	// Basic, and the access token is kept until shortly before it
	// expires.
	TokenURL   string
	ClientID   string
	SecretFile string
	// Scope, if not "", is asked for in the grant (SMART backend services
	// use scopes such as system/QuestionnaireResponse.write).
	Scope string
}

type authorizer interface {
	authorize(ctx context.Context, req *http.Request) error
	refreshable() bool
	invalidate()
}

func newAuthorizer(a Auth, getenv func(string) string, c *Client) (authorizer, error) {
	static := a.TokenFile != "" || a.TokenEnv != ""
	oauth := a.TokenURL != "" || a.ClientID != "" || a.SecretFile != ""
	switch {
	case static && oauth:
		return nil, errors.New("FHIR server authentication: give a bearer token (file or environment variable) or OAuth2 client credentials, not both")
	case a.TokenFile != "" && a.TokenEnv != "":
		return nil, errors.New("FHIR server authentication: give the bearer token in a file or an environment variable, not both")
	case a.TokenFile != "":
		tok, err := readSecret(a.TokenFile, "bearer token file")
		if err != nil {
			return nil, err
		}
		return &bearer{token: tok, origin: c.base}, nil
	case a.TokenEnv != "":
		tok := strings.TrimSpace(getenv(a.TokenEnv))
		if tok == "" {
			// The setting is not named back: a token pasted there by
			// mistake would be shown on the screen and in a log.
			// A token pasted there by mistake is never shown back: the
			// name is said only when it reads as one (capitals, digits
			// and _, as environment variables are named).
			if envName().MatchString(a.TokenEnv) {
				return nil, fmt.Errorf("FHIR server authentication: the environment variable %s (named by fhir_token_env) is unset or empty: "+
					"set it to the bearer token before starting digicheck", a.TokenEnv)
			}
			return nil, errors.New("FHIR server authentication: the environment variable that fhir_token_env names is unset or empty " +
				"(the setting holds the variable's name, such as DIGICHECK_FHIR_TOKEN, never the token itself)")
		}
		if err := tokenText(tok, "the environment variable that fhir_token_env names"); err != nil {
			return nil, err
		}
		return &bearer{token: tok, origin: c.base}, nil
	case oauth:
		if a.TokenURL == "" || a.ClientID == "" || a.SecretFile == "" {
			return nil, errors.New("FHIR server authentication: OAuth2 client credentials need a token URL, a client id and a secret file")
		}
		u, err := url.Parse(a.TokenURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
			return nil, fmt.Errorf("OAuth2 token URL %q: give an http or https URL without credentials in it", a.TokenURL)
		}
		secret, err := readSecret(a.SecretFile, "OAuth2 client secret file")
		if err != nil {
			return nil, err
		}
		return &clientCredentials{tokenURL: u.String(), said: identity(u).String(), id: a.ClientID, secret: secret, scope: a.Scope, c: c, origin: c.base}, nil
	}
	return none{}, nil
}

// readSecret reads a token or secret from file: a regular file that only
// its owner can read (as the pseudonym key must be), of one line of
// printable text. A message names the file only when the setting looks
// like a path, so a token pasted into the setting is never shown.
func readSecret(file, what string) (string, error) {
	name := "the file given"
	if strings.ContainsAny(file, `/\`) {
		name = file
	}
	f, err := os.Open(file)
	if err != nil {
		return "", fmt.Errorf("FHIR server authentication: the %s (%s) cannot be read: %w", what, name, errors.Unwrap(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("FHIR server authentication: the %s (%s): %w", what, name, errors.Unwrap(err))
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("FHIR server authentication: the %s (%s) is not a regular file", what, name)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		// The setting opened a regular file, so it is a file's name
		// and no token: it is named in the command to type.
		return "", fmt.Errorf("FHIR server authentication: the %s (%s) has mode %04o, so other users can read it; "+
			"make it yours only with:  chmod 600 %s", what, file, perm, shellword.Word(file))
	}
	b, err := io.ReadAll(io.LimitReader(f, 64<<10))
	if err != nil {
		return "", fmt.Errorf("FHIR server authentication: the %s (%s): %w", what, name, err)
	}
	s := strings.TrimSpace(string(b))
	if s == "" {
		return "", fmt.Errorf("FHIR server authentication: the %s (%s) is empty", what, name)
	}
	if err := tokenText(s, "the "+what+" ("+name+")"); err != nil {
		return "", err
	}
	return s, nil
}

// tokenText refuses a token an HTTP header cannot carry: more than one
// line, or a control character. Without it the request failed later as a
// connection fault ("invalid header field value").
func tokenText(tok, where string) error {
	for _, r := range tok {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("FHIR server authentication: %s holds more than one line or a control character; it must hold the token alone, on one line", where)
		}
	}
	return nil
}

type none struct{}

func (none) authorize(context.Context, *http.Request) error { return nil }
func (none) refreshable() bool                              { return false }
func (none) invalidate()                                    {}

// sameOrigin keeps a token to the server it was given for: a next link in
// a search page, or anything else, that names another host goes without it.
func sameOrigin(req *http.Request, origin *url.URL) bool {
	return req.URL.Scheme == origin.Scheme && req.URL.Host == origin.Host
}

type bearer struct {
	token  string
	origin *url.URL
}

func (b *bearer) authorize(_ context.Context, req *http.Request) error {
	if sameOrigin(req, b.origin) {
		req.Header.Set("Authorization", "Bearer "+b.token)
	}
	return nil
}
func (*bearer) refreshable() bool { return false }
func (*bearer) invalidate()       {}

type clientCredentials struct {
	tokenURL, id, secret, scope string
	// said is the token URL as messages name it: spelt as the server
	// is (Identity), so localhost is not named beside 127.0.0.1.
	said   string
	c      *Client
	origin *url.URL

	mu      sync.Mutex
	token   string
	expires time.Time
}

func (cc *clientCredentials) refreshable() bool { return true }

func (cc *clientCredentials) invalidate() {
	cc.mu.Lock()
	cc.token = ""
	cc.mu.Unlock()
}

func (cc *clientCredentials) authorize(ctx context.Context, req *http.Request) error {
	if !sameOrigin(req, cc.origin) {
		return nil
	}
	cc.mu.Lock()
	defer cc.mu.Unlock()
	// A margin, so a token does not expire between here and the server.
	if cc.token == "" || !time.Now().Before(cc.expires.Add(-30*time.Second)) {
		if err := cc.fetch(ctx); err != nil {
			return err
		}
	}
	req.Header.Set("Authorization", "Bearer "+cc.token)
	return nil
}

func (cc *clientCredentials) fetch(ctx context.Context) error {
	form := url.Values{"grant_type": {"client_credentials"}}
	if cc.scope != "" {
		form.Set("scope", cc.scope)
	}
	fail := func(kind error, format string, args ...any) error {
		return &Error{Kind: kind, Msg: "cannot get an OAuth2 access token from " + cc.said + ": " + fmt.Sprintf(format, args...)}
	}
	ctx, cancel := context.WithTimeout(ctx, cc.c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cc.tokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return fail(ErrUnauthorized, "%v", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	// RFC 6749 section 2.3.1: the id and secret form-encoded, then Basic.
	req.SetBasicAuth(url.QueryEscape(cc.id), url.QueryEscape(cc.secret))
	resp, err := cc.c.http.Do(req)
	if err != nil {
		e := fail(ErrUnavailable, "%v", cleanNetErr(err)).(*Error)
		// Named, with no status: the token endpoint, not the FHIR
		// server, could not be reached.
		e.TokenURL = cc.said
		e.retryable = true
		return e
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	var tok struct {
		AccessToken string          `json:"access_token"`
		TokenType   string          `json:"token_type"`
		ExpiresIn   json.RawMessage `json:"expires_in"`
		Error       string          `json:"error"`
		Description string          `json:"error_description"`
	}
	_ = json.Unmarshal(body, &tok)
	if resp.StatusCode != http.StatusOK {
		why := strings.TrimSpace(tok.Error + " " + tok.Description)
		if why == "" {
			why = "no reason given"
		}
		kind := ErrUnauthorized
		e := fail(kind, "%s (%s)", resp.Status, why).(*Error)
		e.Status = resp.StatusCode
		e.TokenURL, e.TokenError = cc.said, tok.Error
		if tok.Error != "" && tok.Description != "" {
			e.TokenError += ": " + tok.Description
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
			e.Kind = ErrUnavailable
			e.retryable = true
		}
		return e
	}
	if tok.AccessToken == "" || (tok.TokenType != "" && !strings.EqualFold(tok.TokenType, "bearer")) {
		return fail(ErrUnauthorized, "the answer holds no bearer access token")
	}
	cc.token = tok.AccessToken
	// expires_in is a number of seconds; some servers send it as a
	// string. Without it, the token is used until the server refuses it.
	secs := strings.Trim(string(tok.ExpiresIn), `"`)
	var n int64
	if _, err := fmt.Sscan(secs, &n); err == nil && n > 0 {
		cc.expires = time.Now().Add(time.Duration(n) * time.Second)
	} else {
		cc.expires = time.Now().Add(24 * time.Hour)
	}
	return nil
}

// envName is how an environment variable is named: capitals, digits and _.
var envName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Z_][A-Z0-9_]{0,63}$`) })
