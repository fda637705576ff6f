package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"digicheck/internal/testkit"
)

// TestAMachineThatOnlyReadAPatientHasNothingOfItToPush (issue 13): a
// machine that read the patient from B, then from A, and made nothing,
// had its push fail for ever: "rests on versions set aside when its
// conflict with another server was settled here", while push --conflicts
// said "No conflicts" and every --resolve "nothing to settle". It has
// nothing of its own to send: its push to either server exits 0, and
// sends nothing.
func TestAMachineThatOnlyReadAPatientHasNothingOfItToPush(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t) // two FHIR servers, four machines: over 5 s under -race
	s := voidedOnBothServers(t)
	lines := func() [2][]string {
		return [2][]string{ids(serverLine(t, s.A.Base, s.first.ID)), ids(serverLine(t, s.B.Base, s.first.ID))}
	}
	before := lines()
	readerPath := filepath.Join(t.TempDir(), "reader.db")
	reader := laptopApp(readerPath, s.B.Base)
	var said []string
	t.Cleanup(func() {
		if t.Failed() || testing.Verbose() {
			t.Logf("what was run, and what it said:\n%s", strings.Join(said, "\n"))
		}
	})
	run := func(mk func(*app) *cobra.Command, args ...string) (string, error) {
		t.Helper()
		o, e, err := execute(reader, mk, "", args...)
		all := o + e
		if err != nil {
			all += "\n" + err.Error()
		}
		said = append(said, "== "+strings.Join(args, " "), all)
		if now := lines(); !slices.Equal(now[0], before[0]) || !slices.Equal(now[1], before[1]) {
			t.Fatalf("after %s A holds %v and B %v, not %v and %v: the reader sent a version", strings.Join(args, " "), now[0], now[1], before[0], before[1])
		}
		return strings.Join(strings.Fields(all), " "), err
	}
	for _, srv := range []string{s.B.Base, s.A.Base} {
		if all, err := run((*app).historyCmd, s.first.Patient.Value, "--server", srv); err != nil {
			t.Fatalf("history on the reader from %s: %v\n%s", srv, err, all)
		}
	}
	for _, args := range [][]string{nil, {"--server", s.A.Base}, nil} {
		all, err := run((*app).pushCmd, args...)
		if err != nil {
			t.Errorf("the reader's push %s, of a patient it only read: %v\n%s", strings.Join(args, " "), err, all)
		}
		if strings.Contains(all, "settled here") {
			t.Errorf("the reader, which settled nothing, is told a conflict was settled here: %s", all)
		}
	}
}
