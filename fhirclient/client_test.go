package fhirclient

import (
	"context"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"digicheck/fhir"
	"digicheck/internal/fhirserver"
)

func qr(id, status string) json.RawMessage {
	return json.RawMessage(fmt.Sprintf(`{"resourceType":"QuestionnaireResponse","id":%q,"questionnaire":"https://example.org/Questionnaire/q|1","status":%q,"subject":{"identifier":{"system":%q,"value":"9434765919"}},"authored":"2026-03-04T10:00:00Z"}`, id, status, fhir.NHSNumberSystem))
}

func put(id, status, ifMatch string) Put {
	return Put{Type: "QuestionnaireResponse", ID: id, Resource: qr(id, status), IfMatch: ifMatch, Record: "record " + id}
}

func fast(cfg Config) Config {
	cfg.Backoff = time.Millisecond
	cfg.MaxBackoff = 10 * time.Millisecond
	if cfg.Timeout == 0 {
		cfg.Timeout = 5 * time.Second
	}
	return cfg
}

func newClient(t *testing.T, cfg Config) *Client {
	t.Helper()
	c, err := New(fast(cfg))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Against the local FHIR server: the interactions a push and a read use.

func TestTransactionOfPutsCreatesUnderTheClientsIdsAndGivesVersions(t *testing.T) {
	s := fhirserver.Shared(t)
	c := newClient(t, Config{Base: s.Base})
	ctx := context.Background()
	acc, err := c.Transaction(ctx, []Put{put("a1", "completed", ""), put("a2", "completed", "")})
	if err != nil {
		t.Fatal(err)
	}
	if len(acc) != 2 || acc[0].VersionID == "" || acc[1].VersionID == "" {
		t.Fatalf("accepted %+v", acc)
	}
	r, err := c.Read(ctx, "QuestionnaireResponse", "a1")
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "a1" || r.VersionID != acc[0].VersionID || r.LastUpdated.IsZero() {
		t.Fatalf("read %+v, want id a1 version %s", r, acc[0].VersionID)
	}
	if same, _ := SameContent(qr("a1", "completed"), r.JSON); !same {
		t.Fatalf("the server holds %s", r.JSON)
	}
}

func TestAnAmendmentOnTheVersionLastSeenIsAccepted(t *testing.T) {
	s := fhirserver.Shared(t)
	c := newClient(t, Config{Base: s.Base})
	ctx := context.Background()
	first, err := c.Transaction(ctx, []Put{put("a1", "completed", "")})
	if err != nil {
		t.Fatal(err)
	}
	second, err := c.Transaction(ctx, []Put{put("a1", "amended", first[0].VersionID)})
	if err != nil {
		t.Fatal(err)
	}
	h, err := c.History(ctx, "QuestionnaireResponse", "a1")
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 2 || h[0].VersionID != second[0].VersionID || h[1].VersionID != first[0].VersionID {
		t.Fatalf("history %d versions, want the amendment then the first", len(h))
	}
	v, err := c.VRead(ctx, "QuestionnaireResponse", "a1", first[0].VersionID)
	if err != nil {
		t.Fatal(err)
	}
	if same, _ := SameContent(qr("a1", "completed"), v.JSON); !same {
		t.Fatalf("vread of the first version: %s", v.JSON)
	}
}

func TestAnAmendmentOnAnOlderVersionIsAConflictNamingTheRecordAndNothingIsWritten(t *testing.T) {
	for _, status := range []int{412, 409} { // R4 says 412; HAPI FHIR answers 409
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			s := fhirserver.Shared(t)
			s.Control(t, fhirserver.Control{ConflictStatus: status})
			c := newClient(t, Config{Base: s.Base})
			ctx := context.Background()
			first, err := c.Transaction(ctx, []Put{put("a1", "completed", "")})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Transaction(ctx, []Put{put("a1", "amended", first[0].VersionID)}); err != nil {
				t.Fatal(err)
			}
			// Another machine amends on the first version: refused, and
			// the other entry of its transaction is not written either.
			_, err = c.Transaction(ctx, []Put{put("b1", "completed", ""), put("a1", "entered-in-error", first[0].VersionID)})
			if !errors.Is(err, ErrConflict) {
				t.Fatalf("err = %v, want a conflict", err)
			}
			if _, err := c.Read(ctx, "QuestionnaireResponse", "b1"); !NotFound(err) {
				t.Fatalf("b1 was written by a transaction that failed: %v", err)
			}
			_, err = c.Transaction(ctx, []Put{put("a1", "entered-in-error", first[0].VersionID)})
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, ErrConflict) || e.Status != status || !strings.Contains(err.Error(), "record a1") {
				t.Fatalf("a transaction of record a1 alone: err = %v, want a %d conflict naming record a1", err, status)
			}
		})
	}
}

func TestARefusedResourceShowsTheServersOutcomeAndTheRecord(t *testing.T) {
	s := fhirserver.Shared(t)
	c := newClient(t, Config{Base: s.Base})
	bad := Put{Type: "QuestionnaireResponse", ID: "x1", Record: "record x1",
		Resource: json.RawMessage(`{"resourceType":"QuestionnaireResponse","id":"x1","status":"completed","authored":"not a date"}`)}
	_, err := c.Transaction(context.Background(), []Put{bad})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrRejected) || e.Status != 400 {
		t.Fatalf("err = %v, want a 400 refusal", err)
	}
	if !strings.Contains(err.Error(), "record x1") || !strings.Contains(err.Error(), "authored") {
		t.Fatalf("message %q names neither the record nor what the server said", err)
	}
}

func TestSearchFollowsPagesAndFindsAPatientsResponsesByIdentifier(t *testing.T) {
	s := fhirserver.Shared(t)
	c := newClient(t, Config{Base: s.Base})
	ctx := context.Background()
	var puts []Put
	for i := range 25 {
		puts = append(puts, put(fmt.Sprintf("p%02d", i), "completed", ""))
	}
	other := Put{Type: "QuestionnaireResponse", ID: "other", Record: "other",
		Resource: json.RawMessage(`{"resourceType":"QuestionnaireResponse","id":"other","status":"completed","subject":{"identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"4010232137"}}}`)}
	if _, err := c.Transaction(ctx, append(puts, other)); err != nil {
		t.Fatal(err)
	}
	before := s.Stats(t).Requests["GET QuestionnaireResponse"]
	seen := map[string]bool{}
	since, err := c.ResponsesSince(ctx, time.Time{}, 10, func(r Resource) error {
		if seen[r.ID] {
			t.Errorf("%s read twice", r.ID)
		}
		seen[r.ID] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 26 || since.IsZero() {
		t.Fatalf("read %d of 26, latest %v", len(seen), since)
	}
	if pages := s.Stats(t).Requests["GET QuestionnaireResponse"] - before; pages != 3 {
		t.Fatalf("%d pages of 10 for 26 resources, want 3", pages)
	}
	var mine []Resource
	err = c.Search(ctx, "QuestionnaireResponse", url.Values{"subject:identifier": {fhir.NHSNumberSystem + "|9434765919"}}, func(r Resource) error {
		mine = append(mine, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(mine) != 25 {
		t.Fatalf("%d responses for the patient, want 25", len(mine))
	}
	// Incremental: only what changed since the last read comes back (and
	// what changed in that same instant, which the caller keeps once).
	time.Sleep(5 * time.Millisecond)
	if _, err := c.Transaction(ctx, []Put{put("late", "completed", "")}); err != nil {
		t.Fatal(err)
	}
	var again []string
	_, err = c.ResponsesSince(ctx, since, 10, func(r Resource) error {
		if r.ID != "late" && !r.LastUpdated.Equal(since) {
			t.Errorf("incremental read gave %s, changed at %v, before %v", r.ID, r.LastUpdated, since)
		}
		again = append(again, r.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(again) == 0 || again[len(again)-1] != "late" {
		t.Fatalf("incremental read gave %v, want the new one last", again)
	}
	cur, err := c.Current(ctx, "QuestionnaireResponse", []string{"p00", "p24", "missing"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cur) != 2 || cur["p00"].VersionID == "" {
		t.Fatalf("current %v", cur)
	}
}

func TestAServerErrorOnAReadIsRetriedAndA429WaitsForRetryAfter(t *testing.T) {
	s := fhirserver.Shared(t)
	c := newClient(t, Config{Base: s.Base})
	ctx := context.Background()
	if _, err := c.Transaction(ctx, []Put{put("a1", "completed", "")}); err != nil {
		t.Fatal(err)
	}
	one := 1
	s.Faults(t, fhirserver.Fault{Status: 500, Times: 2}, fhirserver.Fault{Status: 429, RetryAfter: &one})
	start := time.Now()
	if _, err := c.Read(ctx, "QuestionnaireResponse", "a1"); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < time.Second {
		t.Fatalf("answered after %v: the 429's Retry-After of 1s was not honoured", d)
	}
	if s.Stats(t).FaultsLeft != 0 {
		t.Fatal("not every fault was met")
	}
}

func TestAWriteWhoseAnswerWasLostIsNotSentAgainAndSaysSo(t *testing.T) {
	s := fhirserver.Shared(t)
	c := newClient(t, Config{Base: s.Base})
	ctx := context.Background()
	s.Faults(t, fhirserver.Fault{Path: "/", Method: "POST", After: "reset"})
	_, err := c.Transaction(ctx, []Put{put("a1", "completed", "")})
	var e *Error
	if !errors.As(err, &e) || !e.Unknown || !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err = %v, want an unknown outcome", err)
	}
	if st := s.Stats(t); st.Requests["POST /"] != 1 || st.QuestionnaireResponseVersions != 1 {
		t.Fatalf("sent %d times, %d versions: a write whose outcome is unknown must not be resent blindly", st.Requests["POST /"], st.QuestionnaireResponseVersions)
	}
	cur, err := c.Current(ctx, "QuestionnaireResponse", []string{"a1"})
	if err != nil {
		t.Fatal(err)
	}
	if same, _ := SameContent(qr("a1", "completed"), cur["a1"].JSON); !same {
		t.Fatal("the write was applied, and reading it back must show it")
	}
}

func TestAWriteThatTheServerRefusedWith429IsSentAgain(t *testing.T) {
	s := fhirserver.Shared(t)
	c := newClient(t, Config{Base: s.Base})
	zero := 0
	s.Faults(t, fhirserver.Fault{Status: 429, RetryAfter: &zero, Times: 2})
	if _, err := c.Transaction(context.Background(), []Put{put("a1", "completed", "")}); err != nil {
		t.Fatal(err)
	}
	if st := s.Stats(t); st.QuestionnaireResponseVersions != 1 || st.Requests["POST /"] != 3 {
		t.Fatalf("%+v", st)
	}
}

func TestASlowServerTimesOutWithAClearMessage(t *testing.T) {
	s := fhirserver.Shared(t)
	c := newClient(t, Config{Base: s.Base, Timeout: 200 * time.Millisecond, Attempts: 2})
	s.Faults(t, fhirserver.Fault{DelayMs: 1000, Times: 2})
	_, err := c.Read(context.Background(), "QuestionnaireResponse", "a1")
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "did not answer within 200ms") || !strings.Contains(err.Error(), "after 2 attempts") {
		t.Fatalf("err = %v", err)
	}
}

func TestAServerThatIsDownIsSaidPlainly(t *testing.T) {
	s := fhirserver.Start(t)
	base := s.Base
	s.Stop()
	c := newClient(t, Config{Base: base, Attempts: 2})
	_, err := c.Transaction(context.Background(), []Put{put("a1", "completed", "")})
	var e *Error
	if !errors.As(err, &e) || e.Unknown || !strings.Contains(err.Error(), "cannot reach the FHIR server") {
		t.Fatalf("err = %v, want cannot reach (and nothing sent)", err)
	}
}

func TestABearerTokenFromAFileOrTheEnvironmentIsSentAndNeverShown(t *testing.T) {
	s := fhirserver.Shared(t)
	const secret = "s3cr3t-token-value"
	s.RequireToken(t, secret)
	ctx := context.Background()

	c := newClient(t, Config{Base: s.Base})
	_, err := c.Transaction(ctx, []Put{put("a1", "completed", "")})
	if !errors.Is(err, ErrUnauthorized) || !strings.Contains(err.Error(), "401") {
		t.Fatalf("without a token: %v", err)
	}

	file := filepath.Join(t.TempDir(), "token")
	os.WriteFile(file, []byte(secret+"\n"), 0o600)
	c = newClient(t, Config{Base: s.Base, Auth: Auth{TokenFile: file}})
	if _, err := c.Transaction(ctx, []Put{put("a1", "completed", "")}); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"TRUST_FHIR_TOKEN": secret}
	c = newClient(t, Config{Base: s.Base, Auth: Auth{TokenEnv: "TRUST_FHIR_TOKEN"}, Getenv: func(k string) string { return env[k] }})
	if _, err := c.Read(ctx, "QuestionnaireResponse", "a1"); err != nil {
		t.Fatal(err)
	}

	os.WriteFile(file, []byte("wrong-"+secret), 0o600)
	c = newClient(t, Config{Base: s.Base, Auth: Auth{TokenFile: file}})
	_, err = c.Read(ctx, "QuestionnaireResponse", "a1")
	if !errors.Is(err, ErrUnauthorized) || strings.Contains(fmt.Sprintf("%v %+v", err, err), secret) {
		t.Fatalf("a wrong token: %v (must be refused, and never shown)", err)
	}
}

func TestOAuth2ClientCredentialsAreFetchedOnceAndKeptUntilExpiry(t *testing.T) {
	s := fhirserver.Shared(t)
	id := "digicheck-ward-7"
	s.Control(t, fhirserver.Control{ClientID: &id, ClientSecret: "the-secret", TokenTTL: 3600})
	secretFile := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secretFile, []byte("the-secret"), 0o600)
	c := newClient(t, Config{Base: s.Base, Auth: Auth{TokenURL: s.TokenURL, ClientID: id, SecretFile: secretFile}})
	ctx := context.Background()
	for i := range 3 {
		if _, err := c.Transaction(ctx, []Put{put(fmt.Sprint("a", i), "completed", "")}); err != nil {
			t.Fatal(err)
		}
	}
	if n := s.Stats(t).Requests["oauth-token"]; n != 1 {
		t.Fatalf("%d token grants for 3 requests, want 1 (kept until expiry)", n)
	}
	// Past its expiry (less the margin) a new token is fetched.
	cc := c.auth.(*clientCredentials)
	cc.mu.Lock()
	cc.expires = time.Now().Add(15 * time.Second)
	cc.mu.Unlock()
	if _, err := c.Read(ctx, "QuestionnaireResponse", "a0"); err != nil {
		t.Fatal(err)
	}
	if n := s.Stats(t).Requests["oauth-token"]; n != 2 {
		t.Fatalf("%d grants, want a second one after expiry", n)
	}

	os.WriteFile(secretFile, []byte("wrong-secret"), 0o600)
	bad := newClient(t, Config{Base: s.Base, Auth: Auth{TokenURL: s.TokenURL, ClientID: id, SecretFile: secretFile}})
	_, err := bad.Read(ctx, "QuestionnaireResponse", "a0")
	if !errors.Is(err, ErrUnauthorized) || !strings.Contains(err.Error(), "invalid_client") || strings.Contains(err.Error(), "wrong-secret") {
		t.Fatalf("a wrong secret: %v", err)
	}
}

// Against test doubles: what the local server cannot be made to do.

func TestATokenIsNeverSentToAnotherServerANextLinkNames(t *testing.T) {
	var leaked atomic.Bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			leaked.Store(true)
		}
		fmt.Fprint(w, `{"resourceType":"Bundle","type":"searchset"}`)
	}))
	defer other.Close()
	fhir := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"resourceType":"Bundle","type":"searchset","link":[{"relation":"next","url":%q}]}`, other.URL+"/fhir/QuestionnaireResponse?page=2")
	}))
	defer fhir.Close()
	c := newClient(t, Config{Base: fhir.URL + "/fhir", Auth: Auth{TokenEnv: "T"}, Getenv: func(string) string { return "tok" }})
	err := c.Search(context.Background(), "QuestionnaireResponse", url.Values{}, func(Resource) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "another server") || leaked.Load() {
		t.Fatalf("err = %v, leaked = %v", err, leaked.Load())
	}
}

func TestCredentialsInTheServerURLAreRefused(t *testing.T) {
	_, err := New(Config{Base: "https://user:hunter2@fhir.example.nhs.uk/fhir"})
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("err = %v", err)
	}
}

func TestSameContentIgnoresWhatTheServerAddsOnly(t *testing.T) {
	sent := qr("a1", "completed")
	var m map[string]any
	json.Unmarshal(sent, &m)
	m["meta"] = map[string]any{"versionId": "7", "lastUpdated": "2026-01-01T00:00:00Z", "source": "#abc"}
	m["text"] = map[string]any{"status": "generated", "div": "<div/>"}
	stored, _ := json.Marshal(m)
	if same, err := SameContent(sent, stored); err != nil || !same {
		t.Fatalf("a stored copy with server meta and narrative: same = %v, %v", same, err)
	}
	if same, _ := SameContent(sent, qr("a1", "amended")); same {
		t.Fatal("another status is other content")
	}
	withLabel := json.RawMessage(strings.Replace(string(sent), `"status"`, `"meta":{"security":[{"code":"HTEST"}]},"status"`, 1))
	if same, _ := SameContent(withLabel, sent); same {
		t.Fatal("a security label is content")
	}
}

func TestVersionOfReadsETagLocationOrMeta(t *testing.T) {
	for _, c := range []struct {
		etag, location, resource, want string
	}{
		{`W/"3"`, "", "", "3"},
		{`"3"`, "", "", "3"},
		{"", "QuestionnaireResponse/a/_history/4", "", "4"},
		{"", "http://x/fhir/QuestionnaireResponse/a/_history/5?x", "", "5"},
		{"", "QuestionnaireResponse/a", `{"resourceType":"QuestionnaireResponse","id":"a","meta":{"versionId":"6"}}`, "6"},
		{"", "", "", ""},
	} {
		if got := versionOf(c.etag, c.location, json.RawMessage(c.resource)); got != c.want {
			t.Errorf("versionOf(%q, %q, %q) = %q, want %q", c.etag, c.location, c.resource, got, c.want)
		}
	}
}

func TestAnOAuth2TokenTheServerNoLongerTakesIsFetchedAgainOnce(t *testing.T) {
	s := fhirserver.Shared(t)
	id := "digicheck-ward-8"
	s.Control(t, fhirserver.Control{ClientID: &id, ClientSecret: "s8", TokenTTL: 3600})
	secret := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secret, []byte("s8"), 0o600)
	c := newClient(t, Config{Base: s.Base, Auth: Auth{TokenURL: s.TokenURL, ClientID: id, SecretFile: secret}})
	ctx := context.Background()
	if _, err := c.Transaction(ctx, []Put{put("a1", "completed", "")}); err != nil {
		t.Fatal(err)
	}
	// The server forgets every token it gave (a restart, a revocation).
	s.Control(t, fhirserver.Control{ClientID: &id, ClientSecret: "s8", TokenTTL: 3600})
	if _, err := c.Read(ctx, "QuestionnaireResponse", "a1"); err != nil {
		t.Fatalf("after the server dropped the token: %v", err)
	}
	if n := s.Stats(t).Requests["oauth-token"]; n != 2 {
		t.Fatalf("%d grants, want a second one after the 401", n)
	}
}

func TestTheTrustsCABundleIsTrusted(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"resourceType":"QuestionnaireResponse","id":"a1","meta":{"versionId":"1"}}`)
	}))
	defer srv.Close()
	ctx := context.Background()
	// Without the bundle, the server's certificate is not trusted.
	plain := newClient(t, Config{Base: srv.URL + "/fhir", Attempts: 1})
	if _, err := plain.Read(ctx, "QuestionnaireResponse", "a1"); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("without the CA bundle: %v", err)
	}
	ca := filepath.Join(t.TempDir(), "trust-ca.pem")
	cert := srv.Certificate()
	os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}), 0o644)
	c := newClient(t, Config{Base: srv.URL + "/fhir", CAFile: ca})
	if r, err := c.Read(ctx, "QuestionnaireResponse", "a1"); err != nil || r.VersionID != "1" {
		t.Fatalf("with the CA bundle: %+v %v", r, err)
	}
	os.WriteFile(ca, []byte("not a certificate"), 0o644)
	if _, err := New(Config{Base: srv.URL, CAFile: ca}); err == nil || !strings.Contains(err.Error(), "no PEM certificate") {
		t.Fatalf("a bundle with no certificate: %v", err)
	}
}

// A bearer token or secret in the wrong place is refused before any request,
// and a token pasted into a setting by mistake is never shown back.
func TestATokenSettingMistakeIsRefusedWithoutShowingTheToken(t *testing.T) {
	const secret = "s3cretINLINEvalue"
	dir := t.TempDir()
	write := func(name, text string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name string
		auth Auth
		want string
	}{
		{"token pasted as the variable's name", Auth{TokenEnv: secret}, "unset or empty"},
		{"token pasted as the file's name", Auth{TokenFile: secret}, "cannot be read"},
		{"token file on two lines", Auth{TokenFile: write("two", secret+"\nmore\n", 0o600)}, "more than one line"},
		{"token file with a control character", Auth{TokenFile: write("ctl", "ab\x1bc", 0o600)}, "control character"},
		{"secret file on two lines", Auth{TokenURL: "https://login.example/token", ClientID: "x", SecretFile: write("sec", "a\nb", 0o600)}, "more than one line"},
	}
	if runtime.GOOS != "windows" {
		cases = append(cases, struct {
			name string
			auth Auth
			want string
		}{"token file others can read", Auth{TokenFile: write("open", secret, 0o644)}, "mode 0644"})
		// The command to type names the file (never its contents).
		cases = append(cases, struct {
			name string
			auth Auth
			want string
		}{"token file others can read, the command", Auth{TokenFile: write("open2", secret, 0o644)}, "chmod 600 " + filepath.Join(dir, "open2")})
	}
	{
		// The variable is named when it reads as a variable's name.
		cases = append(cases, struct {
			name string
			auth Auth
			want string
		}{"variable unset", Auth{TokenEnv: "DIGICHECK_FHIR_TOKEN"}, "environment variable DIGICHECK_FHIR_TOKEN (named by fhir_token_env) is unset or empty"})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(Config{Base: "https://fhir.example/fhir", Auth: tc.auth, Getenv: func(string) string { return "" }})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v; want it to say %q", err, tc.want)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("the message shows the token: %v", err)
			}
		})
	}
}

// TestOneServerHasOneIdentityHoweverItsURLIsSpelt: the spellings of one
// server's base URL a trust's machines are set up with (a trailing slash,
// the host in capitals, the default port written out, a doubled or dotted
// path) are one server, so the push state kept under it is found again.
// Another path, port or scheme is another server.
func TestOneServerHasOneIdentityHoweverItsURLIsSpelt(t *testing.T) {
	const want = "https://fhir.trust.nhs.uk/fhir"
	for _, raw := range []string{
		"https://fhir.trust.nhs.uk/fhir",
		"https://fhir.trust.nhs.uk/fhir/",
		"https://fhir.trust.nhs.uk/fhir//",
		"HTTPS://FHIR.Trust.NHS.uk/fhir",
		"https://fhir.trust.nhs.uk:443/fhir",
		"https://fhir.trust.nhs.uk//fhir",
		"https://fhir.trust.nhs.uk/./fhir",
		"https://fhir.trust.nhs.uk/r4/../fhir",
		"https://fhir.trust.nhs.uk/%66hir",
		" https://fhir.trust.nhs.uk/fhir#top",
	} {
		got, err := Identity(raw)
		if err != nil || got != want {
			t.Errorf("Identity(%q) = %q, %v; want %q", raw, got, err, want)
		}
		c, err := New(Config{Base: strings.TrimSpace(raw)})
		if err != nil || c.Base() != want {
			t.Errorf("New(%q).Base() = %v, %v; want %q", raw, c, err, want)
		}
	}
	for raw, want := range map[string]string{
		// localhost is 127.0.0.1: the same local server by either name
		// gave false conflicts (found with the test server).
		"http://localhost:80/fhir/":           "http://127.0.0.1/fhir",
		"http://LOCALHOST:18431/fhir/":        "http://127.0.0.1:18431/fhir",
		"http://127.0.0.1:18431/fhir":         "http://127.0.0.1:18431/fhir",
		"http://127.0.0.1:8080/fhir/":         "http://127.0.0.1:8080/fhir",
		"https://[::1]:443/fhir":              "https://[::1]/fhir",
		"https://fhir.trust.nhs.uk/":          "https://fhir.trust.nhs.uk",
		"https://fhir.trust.nhs.uk:8443/fhir": "https://fhir.trust.nhs.uk:8443/fhir",
		"https://fhir.trust.nhs.uk/FHIR":      "https://fhir.trust.nhs.uk/FHIR", // a path is the server's to read
		"http://fhir.trust.nhs.uk:443/fhir":   "http://fhir.trust.nhs.uk:443/fhir",
	} {
		if got, err := Identity(raw); err != nil || got != want {
			t.Errorf("Identity(%q) = %q, %v; want %q", raw, got, err, want)
		}
	}
}

// TestAWrongOAuth2SecretNamesTheTokenURLAsTheServerIsNamed: the server is
// said as 127.0.0.1 whichever name the site config gives this machine
// (Identity), so the token URL on the same machine is said so too: one
// output naming localhost beside 127.0.0.1 reads as two servers.
func TestAWrongOAuth2SecretNamesTheTokenURLAsTheServerIsNamed(t *testing.T) {
	s := fhirserver.Shared(t)
	id := "digicheck-ward-9"
	s.Control(t, fhirserver.Control{ClientID: &id, ClientSecret: "s9", TokenTTL: 3600})
	t.Cleanup(func() { s.Control(t, fhirserver.Control{ClientID: new(string)}) })
	secret := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secret, []byte("not-s9"), 0o600)
	local := func(u string) string { return strings.Replace(u, "127.0.0.1", "localhost", 1) }
	c := newClient(t, Config{Base: local(s.Base), Auth: Auth{TokenURL: local(s.TokenURL), ClientID: id, SecretFile: secret}})
	_, err := c.Read(context.Background(), "QuestionnaireResponse", "a1")
	if !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("a wrong secret: %v", err)
	}
	if strings.Contains(err.Error(), "localhost") || !strings.Contains(err.Error(), s.TokenURL) {
		t.Errorf("a wrong secret: %v; want the token URL named %s, as the server is named %s", err, s.TokenURL, c.Base())
	}
}
