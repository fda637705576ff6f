// Package fhirclient talks to a trust's FHIR R4 server: it writes
// resources in transaction Bundles of PUTs under ids the caller chooses,
// reads them back, and searches for them page by page. It knows HTTP, FHIR's
// REST interactions, authentication and retries, and nothing of records or
// stores: the caller says what to send and keeps what the server accepted.
//
// Its guarantees:
//
//   - A read or search is retried on 429, 5xx and network errors, with
//     backoff that honours Retry-After, each attempt within Config.Timeout.
//   - A write (Transaction, Put) is retried only when the server cannot have
//     applied it: the connection was refused, or the answer was 429, or 401
//     with an OAuth2 token that had expired. Any other failure leaves its
//     outcome unknown, and the error says so (Unknown): the caller reads
//     the resources back (Current) before it sends them again, so a version
//     is never written twice.
//   - Failures are *Error values that name the record concerned, carry the
//     server's OperationOutcome text, and wrap one of the named errors
//     (ErrConflict, ErrUnauthorized, ErrRejected, ErrUnavailable).
//   - A bearer token, a client secret or an access token never appears in
//     an error, a log line or a URL; tokens travel only in the
//     Authorization header, and only to the configured server's origin.
package fhirclient

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"syscall"
	"time"

	"digicheck/questionnaire"
)

// Config says where the server is and how to reach it.
type Config struct {
	// Base is the server's base URL, such as https://fhir.trust.nhs.uk/fhir.
	Base string
	Auth Auth
	// CAFile is a PEM bundle of the trust's certificate authorities,
	// trusted as well as the system's.
	CAFile string
	// Timeout bounds each request (each attempt of a retried one). Zero
	// means 30 seconds.
	Timeout time.Duration
	// Attempts is how many times a retryable request is tried in all. Zero
	// means 5.
	Attempts int
	// Backoff is the wait before the second attempt; it doubles each time,
	// with jitter, up to MaxBackoff. Zero means 500ms and 30s.
	Backoff, MaxBackoff time.Duration
	// Getenv reads the environment (os.Getenv when nil): the bearer token
	// may come from a variable named in Auth.TokenEnv.
	Getenv func(string) string
	// HTTP, if not nil, is used instead of a client built from CAFile (for
	// tests).
	HTTP *http.Client
	// Waiting, if not nil, is told before each wait between tries of a
	// request, so a person kept waiting is told why and for how long.
	Waiting func(Wait)
	// MaxWait, if not 0, bounds how long one request is tried: a wait
	// (a Retry-After or backoff) that would end past it is not waited,
	// and the error says so.
	MaxWait time.Duration
	// Withheld is set for a server that is not the site's configured one:
	// Auth is not used, no credentials are sent, and a 401 or 403 is an
	// *Error with Withheld set, so it is said as such (not as credentials
	// refused).
	Withheld bool
}

// Wait is a try that failed and the wait before the next.
type Wait struct {
	Attempt, Of int
	Wait        time.Duration
	Err         *Error
}

// Client is a connection to one FHIR server. Its methods may be called from
// several goroutines at once.
type Client struct {
	base     *url.URL
	name     *url.URL // base as configured: localhost left as localhost
	http     *http.Client
	auth     authorizer
	timeout  time.Duration
	attempts int
	backoff  time.Duration
	max      time.Duration
	sleep    func(context.Context, time.Duration) error
	waiting  func(Wait)
	maxWait  time.Duration
	withheld bool // Config.Withheld
	// asking is told of each try sent, and of its answer (Watch).
	asking func() func()
}

// Watch has f told of each try of a request: f is called as the try is
// sent, and the func it returns (if not nil) once its answer, or its
// failure, is in. A caller can so tell a person waiting on a slow server
// what it waits for. Call it before the client is used.
func (c *Client) Watch(f func() func()) { c.asking = f }

// New checks the configuration and reads the token or secret files; it
// does not contact the server.
func New(cfg Config) (*Client, error) {
	if cfg.Base == "" {
		return nil, errors.New("no FHIR server given: set fhir_server in the site config, or use --server")
	}
	base, err := url.Parse(cfg.Base)
	var name *url.URL
	if err == nil {
		base, name = identity(base), named(base)
	}
	if err != nil || (base.Scheme != "https" && base.Scheme != "http") || base.Host == "" {
		return nil, fmt.Errorf("FHIR server %q: give an http or https URL, such as https://fhir.example.nhs.uk/fhir", cfg.Base)
	}
	if base.User != nil {
		// A password in the URL would end up in every error that names it.
		return nil, fmt.Errorf("FHIR server %s: put credentials in a token or secret file, not in the URL", redact(base))
	}
	if cfg.Getenv == nil {
		cfg.Getenv = os.Getenv
	}
	c := &Client{
		base:     base,
		name:     name,
		http:     cfg.HTTP,
		timeout:  or(cfg.Timeout, 30*time.Second),
		attempts: cfg.Attempts,
		backoff:  or(cfg.Backoff, 500*time.Millisecond),
		max:      or(cfg.MaxBackoff, 30*time.Second),
		sleep:    sleepCtx,
		waiting:  cfg.Waiting,
		maxWait:  cfg.MaxWait,
	}
	if c.attempts <= 0 {
		c.attempts = 5
	}
	if c.http == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		if cfg.CAFile != "" {
			pool, err := caPool(cfg.CAFile)
			if err != nil {
				return nil, err
			}
			tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
		}
		c.http = &http.Client{
			Transport: tr,
			// Redirects are not followed: a token must not go to
			// another origin, and a FHIR write is never redirected.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	if cfg.Withheld {
		c.auth, c.withheld = none{}, true
		return c, nil
	}
	if c.auth, err = newAuthorizer(cfg.Auth, cfg.Getenv, c); err != nil {
		return nil, err
	}
	return c, nil
}

// Base is the server's base URL in one spelling (see Identity): the name
// the store keeps what the server accepted under, so the same server
// reached by another spelling of its URL is the same server.
func (c *Client) Base() string { return c.base.String() }

// Name is the server's base URL as it was configured or typed, for
// messages: its identity (see Identity), but with localhost left as
// localhost, so that one server is not spelt two ways in what a person
// reads ("http://localhost:8080/fhir" in the config, "127.0.0.1:8080" in
// the message).
func (c *Client) Name() string { return redact(c.name) }

// named is u's identity with its host as given.
func named(u *url.URL) *url.URL {
	v := identity(u)
	if strings.EqualFold(u.Hostname(), "localhost") {
		v.Host = "localhost" + strings.TrimPrefix(v.Host, "127.0.0.1")
	}
	return v
}

// Identity is the one spelling of a server base URL: scheme and host in
// lower case, no default port (443 for https, 80 for http), the path with
// no empty, "." or ".." segments and no trailing slash, and no fragment.
// localhost is written 127.0.0.1.
// HTTPS://FHIR.Trust.nhs.uk:443/fhir/ and https://fhir.trust.nhs.uk//fhir
// name one server: a push state kept under one spelling must not see the
// other as a server that has nothing, and then take the versions it does
// have for another machine's.
func Identity(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", err
	}
	return identity(u).String(), nil
}

func identity(u *url.URL) *url.URL {
	v := *u
	v.Scheme = strings.ToLower(v.Scheme)
	host, port := strings.ToLower(v.Hostname()), v.Port()
	if (v.Scheme == "https" && port == "443") || (v.Scheme == "http" && port == "80") {
		port = ""
	}
	if host == "localhost" {
		// One server on this machine by either name: the push state
		// kept under one must be found under the other, or what the
		// server has would be taken for another machine's.
		host = "127.0.0.1"
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	v.Host = host
	p := path.Clean("/" + v.Path)
	if p == "/" {
		p = ""
	}
	v.Path, v.RawPath = p, ""
	v.Fragment, v.RawFragment = "", ""
	return &v
}

func or(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

func caPool(file string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("the trust's CA bundle: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("the trust's CA bundle %s holds no PEM certificate", file)
	}
	return pool, nil
}

func redact(u *url.URL) string {
	v := *u
	v.User = nil
	v.RawQuery = ""
	return v.String()
}

// Resource is a resource as the server holds it.
type Resource struct {
	Type        string
	ID          string
	VersionID   string    // meta.versionId
	LastUpdated time.Time // meta.lastUpdated
	JSON        json.RawMessage
}

func parseResource(raw json.RawMessage) (Resource, error) {
	var head struct {
		ResourceType string `json:"resourceType"`
		ID           string `json:"id"`
		Meta         struct {
			VersionID   string `json:"versionId"`
			LastUpdated string `json:"lastUpdated"`
		} `json:"meta"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return Resource{}, fmt.Errorf("the server sent a resource that is not JSON: %w", err)
	}
	// What the server names a resource by is printed ("left out:
	// QuestionnaireResponse/ID", push --conflicts' server version):
	// a control character in it is escaped, never sent to a terminal (an
	// id holding an OSC 52 sequence set the clipboard to a fake note).
	r := Resource{Type: questionnaire.Printable(head.ResourceType), ID: questionnaire.Printable(head.ID), VersionID: questionnaire.Printable(head.Meta.VersionID), JSON: raw}
	if head.Meta.LastUpdated != "" {
		t, err := time.Parse(time.RFC3339Nano, head.Meta.LastUpdated)
		if err != nil {
			return Resource{}, fmt.Errorf("%s/%s: meta.lastUpdated %q is not an instant", r.Type, r.ID, head.Meta.LastUpdated)
		}
		r.LastUpdated = t
	}
	return r, nil
}

// request is one HTTP exchange, built afresh for each attempt.
type request struct {
	method string
	url    string // absolute
	body   []byte
	write  bool   // a write: retried only when surely not applied
	record string // what it concerns, for messages
}

// answer is a successful response.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request with retries, authentication and a timeout per
// attempt. A 2xx answer is returned; anything else is an *Error.
func (c *Client) do(ctx context.Context, rq request) (answer, error) {
	wait := c.backoff
	refreshed := false
	start := time.Now()
	for attempt := 1; ; attempt++ {
		a, err := c.once(ctx, rq)
		if err == nil {
			return a, nil
		}
		var e *Error
		if !errors.As(err, &e) {
			return answer{}, err
		}
		if e.Status == http.StatusUnauthorized && !refreshed && c.auth.refreshable() {
			// An OAuth2 token the server no longer takes (expired early,
			// revoked): fetch a new one once. Nothing was applied.
			c.auth.invalidate()
			refreshed = true
			attempt--
			continue
		}
		retry := e.retryable && (!rq.write || !e.Unknown)
		if !retry || attempt >= c.attempts || ctx.Err() != nil {
			if e.retryable && attempt > 1 {
				e.Msg += fmt.Sprintf(" (after %d attempts)", attempt)
			}
			return answer{}, e
		}
		// The server's Retry-After is honoured as given, even past
		// MaxBackoff: asking sooner would only be refused again.
		d := min(jitter(wait), c.max)
		if e.RetryAfter > 0 {
			d = e.RetryAfter
		}
		if c.maxWait > 0 && time.Since(start)+d > c.maxWait {
			// Said, or a Retry-After of ten minutes is waited in
			// silence and the person at the keyboard gives up.
			if e.RetryAfter > 0 {
				e.Msg += fmt.Sprintf("; the server asked us to wait %s before trying again, past the %s this waits at most", e.RetryAfter.Round(time.Second), c.maxWait)
			} else {
				e.Msg += fmt.Sprintf(" (after %d attempts; the next would be past the %s this waits at most)", attempt, c.maxWait)
			}
			return answer{}, e
		}
		if c.waiting != nil {
			c.waiting(Wait{Attempt: attempt, Of: c.attempts, Wait: d, Err: e})
		}
		if err := c.sleep(ctx, d); err != nil {
			return answer{}, e
		}
		wait *= 2
		if wait > c.max {
			wait = c.max
		}
	}
}

func jitter(d time.Duration) time.Duration {
	return d + time.Duration(rand.Int64N(int64(d)/4+1))
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Client) once(parent context.Context, rq request) (answer, error) {
	ctx, cancel := context.WithTimeout(parent, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, rq.method, rq.url, bytes.NewReader(rq.body))
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("Accept", "application/fhir+json")
	if rq.method == http.MethodGet {
		// HAPI FHIR answers a search it has run in the last minute
		// from its cache unless told not to: a push reading back what
		// it may have written must see the server as it is now.
		req.Header.Set("Cache-Control", "no-cache")
	}
	if rq.body != nil {
		req.Header.Set("Content-Type", "application/fhir+json")
	}
	if err := c.auth.authorize(ctx, req); err != nil {
		return answer{}, err
	}
	what := c.describe(rq)
	if c.asking != nil {
		if done := c.asking(); done != nil {
			defer done()
		}
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return answer{}, c.networkError(parent, rq, what, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		return answer{}, c.networkError(parent, rq, what, err)
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return answer{resp.StatusCode, resp.Header, body}, nil
	}
	e := statusError(rq, what, resp, body)
	e.Withheld = c.withheld && errors.Is(e, ErrUnauthorized)
	return answer{}, e
}

// describe is the request's method and URL, the server named as
// configured (Name).
func (c *Client) describe(rq request) string {
	u, _ := url.Parse(rq.url)
	if u != nil {
		s := redact(u)
		if base := c.base.String(); strings.HasPrefix(s, base) {
			s = c.Name() + s[len(base):]
		}
		return rq.method + " " + s
	}
	return rq.method
}

// networkError says what became of a request that got no answer. A refused
// connection or a failed name lookup sent nothing; a timeout or a dropped
// connection may have been applied.
func (c *Client) networkError(ctx context.Context, rq request, what string, err error) error {
	e := &Error{Kind: ErrUnavailable, Record: rq.record, Request: what, retryable: true, Cause: err}
	var dns *net.DNSError
	var op *net.OpError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED), errors.As(err, &dns), errors.As(err, &op) && op.Op == "dial":
		e.Msg = fmt.Sprintf("cannot reach the FHIR server %s (%v)", c.Name(), cleanNetErr(err))
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil:
		// This attempt's timeout: the caller's context still runs.
		e.Msg = fmt.Sprintf("the FHIR server %s did not answer within %v", c.Name(), c.timeout)
		e.Unknown = rq.write
	case ctx.Err() != nil:
		e.Msg = fmt.Sprintf("stopped waiting for the FHIR server %s: %v", c.Name(), ctx.Err())
		e.Unknown = rq.write
		e.retryable = false
	default:
		e.Msg = fmt.Sprintf("the connection to the FHIR server %s failed (%v)", c.Name(), cleanNetErr(err))
		e.Unknown = rq.write
	}
	return e
}

// cleanNetErr drops the URL net/http puts in front of a transport error:
// it is said once already, and a query in it is none of the message's
// business.
func cleanNetErr(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func statusError(rq request, what string, resp *http.Response, body []byte) *Error {
	s := resp.StatusCode
	e := &Error{Status: s, Record: rq.record, Request: what, Outcome: outcomeText(body)}
	switch {
	case s == http.StatusConflict || s == http.StatusPreconditionFailed:
		e.Kind = ErrConflict
	case s == http.StatusUnauthorized || s == http.StatusForbidden:
		e.Kind = ErrUnauthorized
	case s == http.StatusTooManyRequests:
		e.Kind = ErrUnavailable
		e.retryable = true
	case s >= 500:
		e.Kind = ErrUnavailable
		e.retryable = true
		// A 5xx from a proxy in front of the server, or a server that
		// failed after its commit, may have applied a write.
		e.Unknown = rq.write
	default:
		e.Kind = ErrRejected
	}
	if ra := resp.Header.Get("Retry-After"); ra != "" {
		if n, err := strconv.Atoi(strings.TrimSpace(ra)); err == nil && n >= 0 {
			e.RetryAfter = time.Duration(n) * time.Second
		} else if t, err := http.ParseTime(ra); err == nil {
			e.RetryAfter = max(time.Until(t), 0)
		}
	}
	e.Msg = fmt.Sprintf("the FHIR server answered %s %s", what, resp.Status)
	return e
}

// outcomeText is what an OperationOutcome says, one issue after another;
// for any other body, its start.
func outcomeText(body []byte) string {
	var oo struct {
		ResourceType string `json:"resourceType"`
		Issue        []struct {
			Severity    string   `json:"severity"`
			Code        string   `json:"code"`
			Diagnostics string   `json:"diagnostics"`
			Expression  []string `json:"expression"`
			Details     struct {
				Text string `json:"text"`
			} `json:"details"`
		} `json:"issue"`
	}
	if json.Unmarshal(body, &oo) == nil && oo.ResourceType == "OperationOutcome" {
		var parts []string
		for _, is := range oo.Issue {
			t := is.Details.Text
			if is.Diagnostics != "" && is.Diagnostics != t {
				t = strings.TrimSpace(t + " " + is.Diagnostics)
			}
			if t == "" {
				t = is.Code
			}
			if len(is.Expression) > 0 {
				t += " (at " + strings.Join(is.Expression, ", ") + ")"
			}
			parts = append(parts, t)
		}
		// A line break escaped too: the server's text never starts a
		// line of its own in what digicheck prints.
		return questionnaire.Printable(strings.Join(parts, "; "))
	}
	s := strings.TrimSpace(string(body))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return questionnaire.Printable(s)
}
