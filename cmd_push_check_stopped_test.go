package main

import (
	"strings"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestAPushCheckServerStoppedWhileAskingSaysSoAndWhatToRun: Ctrl+C while
// push --check-server asks the server (each answer slow) ended with Go's
// "context canceled" and no next step. It says the push stopped while
// asking, that nothing was sent, and to run push --check-server again,
// with this run's flags.
func TestAPushCheckServerStoppedWhileAskingSaysSoAndWhatToRun(t *testing.T) {
	t.Setenv("COLUMNS", "80")
	srv, path, given := pushedTwo(t)
	srv.Faults(t, fhirserver.Fault{DelayMs: 5000, Times: 1000, Method: "GET"})

	// Ctrl+C while it asks.
	out, errOut, err := executeStopped(given, (*app).pushCmd, 500*time.Millisecond, "--server", srv.Base, "--check-server")
	if err == nil {
		t.Fatalf("push --check-server stopped while asking exits 0:\n%s%s", out, errOut)
	}
	flat := strings.Join(strings.Fields(out+errOut+err.Error()), " ")
	if strings.Contains(flat, "context canceled") {
		t.Errorf("the stopped push says Go's %q:\n%s", "context canceled", flat)
	}
	for _, want := range []string{
		"stopped",
		"nothing was sent",
		"run digicheck push --db " + path + " --server " + srv.Base + " --check-server again",
	} {
		if !strings.Contains(strings.ToLower(flat), strings.ToLower(want)) {
			t.Errorf("the stopped push does not say %q (that it stopped, that nothing was sent, what to run):\n%s", want, flat)
		}
	}
	bare(t, flat, given.given, srv.Base)
}

// TestAPushCheckServerTheServerWillNotAnswerSaysWhenToRunItAgain: the
// server answers push --check-server's asking with 429 (Retry-After: 600)
// or 503. The push ended with the server's answer alone: no word that
// nothing was sent, nor of when to run it again. It says both, with this
// run's flags, and the wait the server asked for.
func TestAPushCheckServerTheServerWillNotAnswerSaysWhenToRunItAgain(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv, path, given := pushedTwo(t)
	tenMinutes := 600
	for _, tc := range []struct {
		fault fhirserver.Fault
		when  string
	}{
		{fhirserver.Fault{Status: 429, RetryAfter: &tenMinutes, Times: 1000, Method: "GET"}, "in 10 minutes or later, as the server asked"},
		{fhirserver.Fault{Status: 503, Times: 1000, Method: "GET"}, "when the server answers"},
	} {
		srv.Control(t, fhirserver.Control{ClearFaults: true})
		srv.Faults(t, tc.fault)
		out, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base, "--check-server", "--max-wait", "1s")
		if err == nil {
			t.Fatalf("push --check-server answered %d exits 0:\n%s%s", tc.fault.Status, out, stderr)
		}
		flat := strings.Join(strings.Fields(out+stderr+err.Error()), " ")
		for _, want := range []string{
			"nothing was sent",
			"run digicheck push --db " + path + " --server " + srv.Base + " --check-server again " + tc.when,
		} {
			if !strings.Contains(strings.ToLower(flat), strings.ToLower(want)) {
				t.Errorf("push --check-server answered %d does not say %q:\n%s", tc.fault.Status, want, flat)
			}
		}
		bare(t, flat, given.given, srv.Base)
	}
}
