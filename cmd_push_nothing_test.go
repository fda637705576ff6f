package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestPushWithNothingToSendFillsItsLine: "Nothing to send: every record
// version in this store was accepted by" / URL / "in earlier pushes; …"
// gave the URL a line of its own where it fitted beside the words.
func TestPushWithNothingToSendFillsItsLine(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "")
	srv := fhirserver.Shared(t)
	path, _, _ := agreedToEverything(t)
	if _, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push: %v\n%s", err, stderr)
	}
	out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base)
	if err != nil || !strings.Contains(out, "Nothing to send") {
		t.Fatalf("push again: %v\n%s%s", err, out, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for i, line := range lines {
		if len(line) > 80 {
			t.Errorf("a line of %d columns: %q", len(line), line)
		}
		if i+1 < len(lines) && len(line)+1+len(strings.Fields(lines[i+1])[0]) <= 78 {
			t.Errorf("line %d is broken before %q, which fits:\n%s", i+1, strings.Fields(lines[i+1])[0], out)
		}
	}
}
