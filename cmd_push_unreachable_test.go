package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestAPushThatCannotReachTheServerSaysItOncePlainly: a push whose
// server refused connections ended "7 of 10 record versions not sent to
// URL: cannot reach the FHIR server 127.0.0.1:PORT (dial tcp …: connect:
// connection refused) (record …: tried 5 times over 16.3s)": nested in
// brackets, the record named twice, and no word of what to do. It says
// once, plainly, that the server could not be reached, that nothing is
// lost and the next push sends the rest, and to tell IT if it goes on;
// the network's own words last, for IT.
func TestAPushThatCannotReachTheServerSaysItOncePlainly(t *testing.T) {
	t.Parallel()
	path, _, _ := agreedToEverything(t)
	closed := closedServer(t)
	out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", closed, "--max-wait", "1s")
	if err == nil {
		t.Fatalf("push to a closed port: no error\n%s%s", out, stderr)
	}
	msg := err.Error()
	all := strings.Join(strings.Fields(msg), " ")
	if n := strings.Count(strings.ToLower(all), "reach the fhir server"); n != 1 {
		t.Errorf("push says it could not reach the server %d times, want once:\n%s", n, msg)
	}
	for _, want := range []string{"not sent to " + closed, "could not reach the FHIR server", "Nothing is lost", "the next push sends", "If this goes on, tell IT", "(Detail for IT: dial tcp", "connection refused"} {
		if !strings.Contains(all, want) {
			t.Errorf("push does not say %q:\n%s", want, msg)
		}
	}
	if i, j := strings.Index(all, "tell IT"), strings.Index(all, "dial tcp"); j >= 0 && j < i {
		t.Errorf("the technical detail comes before what to do:\n%s", msg)
	}
	if regexp.MustCompile(`\) \(`).MatchString(all) || strings.Contains(all, "((") {
		t.Errorf("push nests its words in brackets:\n%s", msg)
	}
	// Filled at 80 columns: no line of the first line's run is broken
	// while the next word fits (it broke 9 columns short, "(dial tcp" /
	// "127.0.0.1:…").
	lines := strings.Split(msg, "\n")
	for i := 1; i+1 < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "  ") || strings.HasPrefix(lines[i], "   ") || !strings.HasPrefix(lines[i+1], "  ") || strings.HasPrefix(lines[i+1], "   ") {
			continue
		}
		next := strings.Fields(lines[i+1])[0]
		if next == "(Detail" {
			continue // a line of its own
		}
		if len(lines[i])+1+len(next) <= 80-4 {
			t.Errorf("line %d is broken before %q, which fits:\n%s", i, next, msg)
		}
	}
	ids := regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}`).FindAllString(all, -1)
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("push names record %s twice:\n%s", id, msg)
		}
		seen[id] = true
	}
}

// TestAPushWithAWrongTokenGivesTheServersAnswerAsItsOwn: "The server's
// answer: 1 of 1 record versions not sent to URL: the FHIR server
// answered GET … 401" held push's own words as the server's.
func TestAPushWithAWrongTokenGivesTheServersAnswerAsItsOwn(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	s := fhirserver.Shared(t)
	s.RequireToken(t, "right-token-7")
	db, _, _ := agreedToEverything(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("fhir_server = %q\nfhir_token_file = \"token\"\n", s.Base)), 0o600)
	os.WriteFile(filepath.Join(dir, "token"), []byte("wrong-token-8\n"), 0o600)
	_, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db, "DIGICHECK_CONFIG": cfg}, "", "push")
	if err == nil {
		t.Fatal("push with a wrong token: no error")
	}
	all := strings.Join(strings.Fields(err.Error()), " ")
	_, answer, ok := strings.Cut(all, "The server's answer: ")
	if !ok || !strings.Contains(answer, "401") || strings.Contains(answer, "not sent") {
		t.Errorf("the server's answer is not the server's own: %q\n%s", answer, err)
	}
	if !errors.Is(err, fhirclient.ErrUnauthorized) {
		t.Errorf("errors.Is(ErrUnauthorized) no longer holds: %v", err)
	}
}
