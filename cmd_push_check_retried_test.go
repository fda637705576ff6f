package main

import (
	"strings"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestTheCheckOfWhatTheServerHoldsIsTriedAgainAsABundleIs: one 503, or
// one 429 with a Retry-After of a second, on the search that asks the
// server what it holds ended push --check-server (its dry run, and the
// plain push's check) at once, exit 1, while a Bundle meeting the same is
// tried up to five times. The check is tried again as a Bundle is, each
// wait said; only five failures end it, with the words it had.
func TestTheCheckOfWhatTheServerHoldsIsTriedAgainAsABundleIs(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv, path, given := pushedTwo(t)
	one := 1
	for _, run := range []string{"--check-server", "--check-server --dry-run", "", "--dry-run"} {
		for _, f := range []fhirserver.Fault{
			{Status: 503, Times: 1, Method: "GET"},
			{Status: 429, RetryAfter: &one, Times: 1, Method: "GET"},
		} {
			srv.Control(t, fhirserver.Control{ClearFaults: true})
			srv.Faults(t, f)
			out, stderr, err := execute(given, (*app).pushCmd, "", append([]string{"--server", srv.Base}, strings.Fields(run)...)...)
			flat := strings.Join(strings.Fields(out+stderr), " ")
			if err != nil {
				t.Errorf("push %s meeting one %d fails: %v\n%s", run, f.Status, err, flat)
				continue
			}
			if !strings.Contains(flat, "try 1 of 5 failed") {
				t.Errorf("push %s meeting one %d does not say the wait before trying again:\n%s", run, f.Status, flat)
			}
			if strings.Contains(flat, "could not ask") {
				t.Errorf("push %s meeting one %d says it could not ask:\n%s", run, f.Status, flat)
			}
			if left := srv.Stats(t).FaultsLeft; left != 0 {
				t.Errorf("push %s: %d faults left", run, left)
			}
		}
	}

	// Five failures end it, saying what they said after one.
	srv.Control(t, fhirserver.Control{ClearFaults: true})
	srv.Faults(t, fhirserver.Fault{Status: 503, Times: 6, Method: "GET"})
	out, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base, "--check-server")
	if err == nil {
		t.Fatalf("push --check-server meeting five 503s exits 0:\n%s%s", out, stderr)
	}
	flat := strings.Join(strings.Fields(stderr+err.Error()), " ")
	for _, want := range []string{
		"could not ask " + srv.Base + " which of the assessments it accepted from this store it holds",
		"tried 5 times",
		"Nothing was sent: run digicheck push --db " + path + " --server " + srv.Base + " --check-server again when the server answers",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("push --check-server meeting five 503s does not say %q:\n%s", want, flat)
		}
	}
	if left := srv.Stats(t).FaultsLeft; left != 1 {
		t.Errorf("push --check-server meeting five 503s asked %d times, not 5", 6-left)
	}
}

// TestACheckWaitingToTryAgainStopsAtOnceOnCtrlC: Ctrl+C while the check
// of what the server holds waits to try again stops it then, with the
// words of a push stopped while it asked, not after the tries left.
func TestACheckWaitingToTryAgainStopsAtOnceOnCtrlC(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv, path, given := pushedTwo(t)
	srv.Faults(t, fhirserver.Fault{Status: 503, Times: 1000, Method: "GET"})
	start := time.Now()
	out, stderr, err := executeStopped(given, (*app).pushCmd, 1500*time.Millisecond, "--server", srv.Base, "--check-server")
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("push --check-server stopped while waiting to try again took %s to stop", took.Round(100*time.Millisecond))
	}
	if err == nil {
		t.Fatalf("push --check-server stopped exits 0:\n%s%s", out, stderr)
	}
	flat := strings.Join(strings.Fields(out+stderr+err.Error()), " ")
	for _, want := range []string{
		"try 1 of 5 failed",
		"push stopped while it asked " + srv.Base + " which of the assessments it accepted from this store it holds: nothing was sent",
		"Run digicheck push --db " + path + " --server " + srv.Base + " --check-server again",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("push --check-server stopped while waiting does not say %q:\n%s", want, flat)
		}
	}
}
