//go:build !windows

package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/site"
)

// TestAPushStoppedAtATerminalSaysSoOnALineOfItsOwn: Ctrl+C while push
// --check-server waited to try a busy server again ("trying again in
// 4s"), at 80 columns: the terminal echoed "^C" at the start of the line,
// and the message was written after it, wrapped as if it began at column
// 0, so the terminal broke a word ("^Cdigicheck: push stopped while it
// asked http://127.0.0.1:38927/fhir which of th" / "e"). The message now
// starts on a line of its own, after the "^C".
func TestAPushStoppedAtATerminalSaysSoOnALineOfItsOwn(t *testing.T) {
	testkit.EndToEnd(t)
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Start(t)
	sent, _ := storeWith(t, 2)
	given := &app{settings: site.Settings{DB: sent, Team: "Ward 7"}}
	if out, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base); err != nil || !strings.Contains(out, "Sent 2 of 2") {
		t.Fatalf("push: %v\n%s%s", err, out, stderr)
	}
	unsent, _ := storeWith(t, 2)
	for _, tc := range []struct {
		db    string
		args  []string
		first string // the first words said after the ^C
	}{
		// Stopped while it asked the server what it holds: the error.
		{sent, []string{"--check-server"}, "digicheck: push stopped while it asked"},
		// Stopped while it sent: what it sent, on standard output.
		{unsent, nil, "Sent 0 of 2 record versions"},
	} {
		four := 4
		srv.Control(t, fhirserver.Control{ClearFaults: true, Faults: []fhirserver.Fault{{Status: 503, RetryAfter: &four, Times: 100}}})
		tm := startTerm(t, filepath.Dir(tc.db), 80, 24, nil, append([]string{"push", "--db", tc.db, "--server", srv.Base}, tc.args...)...)
		tm.waitFor("trying again in")
		tm.keys("ctrl+c")
		tm.exited()
		screen := tm.vt.Text()
		lines := strings.Split(screen, "\n")
		at := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, tc.first) })
		if at < 0 {
			t.Errorf("push %v stopped does not say %q; the terminal shows:\n%s", tc.args, tc.first, screen)
			continue
		}
		if !strings.HasPrefix(lines[at], tc.first) {
			t.Errorf("push %v stopped: %q does not start a line of its own: %q; the terminal shows:\n%s", tc.args, tc.first, lines[at], screen)
		}
		if at == 0 || strings.TrimSpace(lines[at-1]) != "^C" {
			t.Errorf("push %v stopped: the line before %q is not the terminal's ^C alone; the terminal shows:\n%s", tc.args, tc.first, screen)
		}
		// Whole words: what is said is filled to 80 columns from its
		// start, so no line of it is a word's end alone; and no line is
		// left empty between.
		for _, l := range lines[at : at+3] {
			if w := strings.TrimSpace(l); w == "" || !strings.Contains(w, " ") && len(w) < 4 {
				t.Errorf("push %v stopped breaks a word, or leaves a line empty: a line holds %q; the terminal shows:\n%s", tc.args, w, screen)
			}
		}
	}
}
