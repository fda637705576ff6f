//go:build !windows

package main

import (
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"digicheck/site"
)

// Damaged stores, item 3 of the last re-test: history of a patient one of
// whose versions fails its checksum printed its DAMAGED block twice at a
// terminal, once on the output and once on standard error, which show on
// the same screen, in lines the terminal cut mid-word. At a terminal it is
// said once, at whole words; piped, it is on both, so the output copied
// or printed alone still carries it.
func TestHistoryAtATerminalSaysADamagedVersionOnce(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 3)
	rb := readRecordBytes(t, path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	v := rb.vals[1]
	b[v[0]+v[1]/2] ^= 1 // inside the record, past its head
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, _ := runStoreCmd(t, path, (*app).historyCmd, rs[0].Patient.Value)
	if !strings.Contains(out, "DAMAGED:") || !strings.Contains(stderr, "DAMAGED:") {
		t.Fatalf("piped, history does not say the damaged version on its output and on standard error:\n%s\n%s", out, stderr)
	}
	os.Remove(path + ".damaged")
	got, _ := onTerminal(t, 80, &app{settings: site.Settings{DB: path, Team: "Ward 7"}}, (*app).historyCmd, rs[0].Patient.Value)
	if n := strings.Count(got, "DAMAGED:"); n != 1 {
		t.Errorf("at a terminal the DAMAGED block is said %d times, want once:\n%s", n, got)
	}
	for i, l := range strings.Split(got, "\n") {
		if w := ansi.StringWidth(l); w > 80 && len(strings.Fields(l)) > 1 {
			t.Errorf("line %d is %d columns, broken by the terminal: %q", i+1, w, l)
		}
	}
	if !strings.Contains(strings.Join(strings.Fields(got), " "), rs[1].ID.String()) {
		t.Errorf("at a terminal the damaged version is not named:\n%s", got)
	}
}
