//go:build !windows

package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestSummaryServerRetryLinesAreFilledAtATerminal: at a terminal of 80,
// summary --server's "server read: try 1 of 5 failed (…)" lines ran on
// unwrapped, and the terminal broke the URL ("…127.0.0.1:18" /
// "142/fhir/…") and the status ("HTTP 5" / "00)"). They are filled at
// whole words, the URL whole.
func TestSummaryServerRetryLinesAreFilledAtATerminal(t *testing.T) {
	testkit.EndToEnd(t)
	// A server of its own: a fault set on the shared one can be met first
	// by a request another test left running (a background push).
	srv := fhirserver.Start(t)
	dir := t.TempDir()
	savedPatient(t, dir)
	st, err := store.Open(filepath.Join(dir, "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, st)
	srv.Faults(t, fhirserver.Fault{Status: 500, Times: 1})
	tm := startTerm(t, dir, 80, 24, nil, "summary", "--server", srv.Base)
	// The summary's tables follow the lines read, and scroll them off a
	// screen of 24: they are read once it has ended, scrolled back to.
	// Waited for on the screen, they were scrolled off it before a busy
	// machine let the test look.
	tm.exited()
	screen := tm.vt.Text()
	if !strings.Contains(screen, "server read: try 1 of") || !strings.Contains(screen, "Read every assessment") {
		t.Fatalf("summary --server did not say it read the server after a retry:\n%s", screen)
	}
	if !strings.Contains(screen, srv.Base+"/QuestionnaireResponse") {
		t.Errorf("the retry line breaks the URL %s/QuestionnaireResponse:\n%s", srv.Base, screen)
	}
	for _, line := range strings.Split(screen, "\n") {
		if strings.HasSuffix(line, "HTTP 5") || strings.HasSuffix(strings.TrimRight(line, " "), "(") {
			t.Errorf("a line broken mid-word: %q\n%s", line, screen)
		}
	}
}
