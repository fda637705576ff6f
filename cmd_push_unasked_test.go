package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestAPlainPushWhoseServerCannotBeAskedSaysSoAndFails: the server fails
// every read (503) after a restore. A plain push with nothing to send said
// "Nothing to send ... accepted in earlier pushes; nothing was checked
// with the server now" and exited 0, though it could not ask the server
// whether it still held this machine's versions: read after a restore, it
// said this laptop's work was on the server. It says the server could not
// be asked, why, and what to run once it answers (with this run's flags),
// and exits non-zero.
func TestAPlainPushWhoseServerCannotBeAskedSaysSoAndFails(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv, _, given := pushedTwo(t)
	srv.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{Status: 503, Times: 1000, Method: "GET"}}})
	out, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base, "--max-wait", "1s")
	said := out + stderr
	if err != nil {
		said += err.Error()
	}
	flat := strings.Join(strings.Fields(said), " ")
	if err == nil {
		t.Errorf("a push that could not ask the server what it holds exits 0:\n%s", flat)
	}
	for _, want := range []string{"could not ask", "503", "--check-server"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the push does not say %q (that the server could not be asked, why, what to run):\n%s", want, flat)
		}
	}
	if strings.Contains(flat, "nothing was checked with the server now") {
		t.Errorf("the push says it checked nothing, as if by choice:\n%s", flat)
	}
	bare(t, flat, given.given, srv.Base)
}
