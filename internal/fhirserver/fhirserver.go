// Package fhirserver starts the local FHIR R4 server in tools/fhir-server
// (@medplum/fhir-router over its in-memory repository) for tests, and
// drives its fault-injection control. Only tests import it.
//
// The server needs Node and the packages of tools/fhir-server (npm ci
// there). Without them Start skips the test, saying how to install them;
// with DIGICHECK_REQUIRE_FHIR_SERVER=1 in the environment (CI sets it) it
// fails the test instead, so CI can never pass by skipping.
package fhirserver

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is a running local FHIR server.
type Server struct {
	// Base is the FHIR base URL, such as http://127.0.0.1:41234/fhir.
	Base string
	// Root is the server's origin, where the control endpoints are.
	Root string
	// TokenURL is its OAuth2 client-credentials endpoint.
	TokenURL string
	cmd      *exec.Cmd
	stdin    io.WriteCloser

	mu sync.Mutex
	// lateFaults: a fault that answers late or drops the connection was
	// given, so a request may still be waiting in the server.
	lateFaults bool
}

// Dir is tools/fhir-server in this module.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "tools", "fhir-server")
}

// Start gives the test a server of its own, empty, with no faults and no
// authentication, and takes it back when the test ends. args are passed
// to server.js (such as --no-validate).
//
// A start costs a processor two seconds or more (Node loading the R4
// definitions), and the packages' tests ask for a hundred or so: a server
// a test leaves running is emptied (POST /_control reset: repository,
// counts, faults, authentication) and given to the next test that asks
// with the same args. One a test stopped, or gave a fault that answers
// late or drops the connection (a request of the test may still be
// waiting in it, to be applied after the reset), is not given again.
func Start(tb testing.TB, args ...string) *Server {
	tb.Helper()
	key := strings.Join(args, "\x00")
	s := takeIdle(key)
	if s == nil {
		s = start(tb, args...)
	}
	tb.Cleanup(func() { giveBack(key, s) })
	return s
}

// idle holds the servers tests have given back, by their args.
var idle struct {
	sync.Mutex
	servers map[string][]*Server
}

// maxIdle is how many servers of one kind wait for the next test: as many
// as run at once in a package's tests, most of the time.
const maxIdle = 4

func takeIdle(key string) *Server {
	for {
		idle.Lock()
		list := idle.servers[key]
		if len(list) == 0 {
			idle.Unlock()
			return nil
		}
		s := list[len(list)-1]
		idle.servers[key] = list[:len(list)-1]
		idle.Unlock()
		if s.reset() == nil {
			return s
		}
		s.Stop()
	}
}

func giveBack(key string, s *Server) {
	s.mu.Lock()
	late := s.lateFaults
	s.mu.Unlock()
	if late || s.cmd.ProcessState != nil || s.reset() != nil {
		s.Stop()
		return
	}
	idle.Lock()
	defer idle.Unlock()
	if idle.servers == nil {
		idle.servers = map[string][]*Server{}
	}
	if len(idle.servers[key]) >= maxIdle {
		go s.Stop()
		return
	}
	idle.servers[key] = append(idle.servers[key], s)
}

// reset empties the server, as POST /_control {"reset":true} does, and
// says whether it answered.
func (s *Server) reset() error {
	c := http.Client{Transport: helper.Transport, Timeout: 10 * time.Second}
	resp, err := c.Post(s.Root+"/_control", "application/json", strings.NewReader(`{"reset":true}`))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("reset: %s", resp.Status)
	}
	return nil
}

var shared struct {
	sync.Mutex
	s *Server
}

// Shared is one server for every test of the package that asks for it,
// started by the first and emptied (faults, authentication and resources
// reset) for each: a start takes a second or two, most of it loading the
// R4 definitions. It stops when the test binary exits. Tests that use it
// must not run in parallel, nor stop it.
func Shared(tb testing.TB) *Server {
	tb.Helper()
	shared.Lock()
	defer shared.Unlock()
	if shared.s == nil {
		shared.s = start(tb)
	}
	shared.s.Control(tb, Control{Reset: true})
	return shared.s
}

// starting lets two servers start at a time (a start is mostly Node
// loading the R4 definitions, a second or two of a processor): tests that
// run side by side, each starting two, queue here, each start then within
// its own minute, where all at once on two processors they overran it.
var starting = make(chan struct{}, 2)

func start(tb testing.TB, args ...string) *Server {
	tb.Helper()
	starting <- struct{}{}
	defer func() { <-starting }()
	dir := Dir()
	node, err := exec.LookPath("node")
	missing := ""
	switch {
	case err != nil:
		missing = "node is not installed"
	case !exists(filepath.Join(dir, "node_modules", "@medplum", "fhir-router")):
		missing = "its packages are not installed (cd tools/fhir-server && npm ci)"
	}
	if missing != "" {
		if os.Getenv("DIGICHECK_REQUIRE_FHIR_SERVER") == "1" {
			tb.Fatalf("the local FHIR server is required (DIGICHECK_REQUIRE_FHIR_SERVER=1) but %s", missing)
		}
		tb.Skipf("needs the local FHIR server in tools/fhir-server, but %s", missing)
	}
	cmd := exec.Command(node, append([]string{"server.js", "--exit-with-stdin"}, args...)...)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	s := &Server{cmd: cmd, stdin: stdin}
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		if sc.Scan() {
			line <- sc.Text()
		}
		close(line)
		io.Copy(io.Discard, out)
	}()
	select {
	case l, ok := <-line:
		base, found := strings.CutPrefix(l, "listening on ")
		if !ok || !found {
			s.Stop()
			tb.Fatalf("the local FHIR server did not start (first line %q)", l)
		}
		s.Base = base
		s.Root = strings.TrimSuffix(base, "/fhir")
		s.TokenURL = s.Root + "/_oauth/token"
	case <-time.After(120 * time.Second):
		s.Stop()
		tb.Fatal("the local FHIR server did not start within 120s")
	}
	return s
}

// Stop ends the server.
func (s *Server) Stop() {
	if s.cmd.Process == nil || s.cmd.ProcessState != nil {
		return
	}
	if s == shared.s {
		panic("fhirserver: a test stopped the shared server")
	}
	s.stdin.Close()
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// Fault is one fault the server injects into the FHIR requests it gets.
type Fault struct {
	Status     int    `json:"status,omitempty"`     // answer with this status and an OperationOutcome
	Times      int    `json:"times,omitempty"`      // for this many requests (1 when 0)
	DelayMs    int    `json:"delayMs,omitempty"`    // answer this late
	RetryAfter *int   `json:"retryAfter,omitempty"` // seconds, sent as Retry-After
	Method     string `json:"method,omitempty"`     // only requests with this method
	Path       string `json:"path,omitempty"`       // only requests whose path under the base starts so ("/" for transactions)
	After      string `json:"after,omitempty"`      // "reset": do the work, then drop the connection
	Text       string `json:"text,omitempty"`       // the OperationOutcome's text
}

// helper is the HTTP client of the helpers here (faults, counts, emptying
// a server, records put on it): a new connection for each request. Node
// closes a connection idle for 6 s (keepAliveTimeout and its second of
// grace), and a request sent on a kept connection just as it did met
// "connection reset by peer" or EOF: a POST is not sent again by
// net/http, and the test failed for nothing the program did. The
// program's own client meets that too, and retries or reads back what a
// write did (fhirclient and push test it).
var helper = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

// Control is what POST /_control takes.
type Control struct {
	Faults         []Fault `json:"faults,omitempty"`
	ClearFaults    bool    `json:"clearFaults,omitempty"`
	Token          *string `json:"token,omitempty"`
	ClientID       *string `json:"clientId,omitempty"`
	ClientSecret   string  `json:"clientSecret,omitempty"`
	TokenTTL       int     `json:"tokenTTL,omitempty"`
	ConflictStatus int     `json:"conflictStatus,omitempty"`
	Reset          bool    `json:"reset,omitempty"`
	// Backup keeps a copy of what the server holds; RestoreBackup puts
	// it back, every version with the lastUpdated it had: a server
	// restored from an older backup.
	Backup        bool `json:"backup,omitempty"`
	RestoreBackup bool `json:"restoreBackup,omitempty"`
}

// Control changes the server's faults, authentication or contents.
func (s *Server) Control(tb testing.TB, c Control) {
	tb.Helper()
	for _, f := range c.Faults {
		if f.DelayMs > 0 || f.After != "" {
			s.mu.Lock()
			s.lateFaults = true
			s.mu.Unlock()
		}
	}
	b, _ := json.Marshal(c)
	resp, err := helper.Post(s.Root+"/_control", "application/json", bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		tb.Fatalf("control: %s %s", resp.Status, body)
	}
}

// Faults adds faults.
func (s *Server) Faults(tb testing.TB, f ...Fault) {
	tb.Helper()
	s.Control(tb, Control{Faults: f})
}

// RequireToken makes the server take only this bearer token ("" for none).
func (s *Server) RequireToken(tb testing.TB, token string) {
	tb.Helper()
	var t *string
	if token != "" {
		t = &token
	}
	b, _ := json.Marshal(map[string]any{"token": t})
	resp, err := helper.Post(s.Root+"/_control", "application/json", bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
}

// Stats is what GET /_stats says.
type Stats struct {
	Requests                      map[string]int `json:"requests"`
	QuestionnaireResponses        int            `json:"questionnaireResponses"`
	QuestionnaireResponseVersions int            `json:"questionnaireResponseVersions"`
	Questionnaires                int            `json:"questionnaires"`
	QuestionnaireVersions         int            `json:"questionnaireVersions"`
	FaultsLeft                    int            `json:"faultsLeft"`
}

// Stats reads the server's counts.
func (s *Server) Stats(tb testing.TB) Stats {
	tb.Helper()
	resp, err := helper.Get(s.Root + "/_stats")
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var st Stats
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		tb.Fatal(fmt.Errorf("stats: %w", err))
	}
	return st
}
