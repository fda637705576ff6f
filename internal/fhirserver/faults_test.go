package fhirserver

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestTheControlEndpointClearsFaultsAsItsCommentSays: POST /_control
// {"faults":[...]} adds to the faults left, and {"faults":[]} cleared
// nothing, so a script that set faults to none left the last test's in
// place; {"clearFaults":true} did clear them, but the comment at the top of
// server.js, which README sends the reader to, did not name it; and given
// with faults in one request it cleared the faults just given too. An
// empty list now clears the faults left, as does clearFaults, which
// clears before the faults of the same request are added.
func TestTheControlEndpointClearsFaultsAsItsCommentSays(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	s := Start(t)
	post := func(body string) {
		t.Helper()
		resp, err := helper.Post(s.Root+"/_control", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("POST /_control %s: %s", body, resp.Status)
		}
	}
	left := func(what string, want int) {
		t.Helper()
		if got := s.Stats(t).FaultsLeft; got != want {
			t.Errorf("after %s the server holds %d faults; want %d", what, got, want)
		}
	}
	const one = `{"status":500,"method":"DELETE","times":5}`
	post(`{"faults":[` + one + `,` + one + `]}`)
	post(`{"faults":[` + one + `]}`)
	left(`two requests of faults`, 3)
	post(`{"faults":[]}`)
	left(`{"faults":[]}`, 0)
	post(`{"faults":[` + one + `]}`)
	post(`{"clearFaults":true,"faults":[` + one + `,` + one + `]}`)
	left(`{"clearFaults":true} with two faults`, 2)
	post(`{"clearFaults":true}`)
	left(`{"clearFaults":true}`, 0)

	// The comment names both ways.
	src := serverSource(t)
	for _, want := range []string{`{"faults":[]}`, `{"clearFaults":true}`} {
		if !strings.Contains(src, want) {
			t.Errorf("the comment at the top of server.js does not name %s", want)
		}
	}
}

// serverSource is the comment at the top of server.js: its lines up to
// the first that is no comment (after the #! line and 'use strict').
func serverSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Dir(), "server.js"))
	if err != nil {
		t.Fatal(err)
	}
	var head []string
	for _, line := range strings.Split(string(b), "\n")[2:] {
		if !strings.HasPrefix(line, "//") {
			break
		}
		head = append(head, line)
	}
	return strings.Join(head, "\n")
}
