package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestAReaderOfTwoServersNeverSendsAVoidAsItsOwn (issue 13): after the
// settles of bothSettled, server A holds the ward's void on the first
// version, and B the ward's void kept over the laptop's amendment. A
// machine that only read the patient, from B and then from A, was told
// B's void was "this machine's void", in conflict with A, and offered
// push --keep-mine; following it sent A a second void, credited to the
// ward's nurse, its reason carrying the settle's text. The laptop, settled
// cleanly before, was then told the assessment could not be amended or
// voided until settled, while its push --conflicts said "No conflicts".
// A copy read from a server is never this machine's: the reader takes A's
// void in with no conflict, is offered no --keep-mine, and --keep-mine
// asked for sends nothing; the servers' histories are read after every
// command and never gain a version.
func TestAReaderOfTwoServersNeverSendsAVoidAsItsOwn(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t) // two FHIR servers and a dozen commands: over 5 s under -race
	s := bothSettled(t)
	lines := func() map[string][]string {
		return map[string][]string{"A": ids(serverLine(t, s.A, s.first.ID)), "B": ids(serverLine(t, s.B, s.first.ID))}
	}
	before := lines()
	if n := len(before["A"]); n == 0 || before["A"][n-1] != s.void.ID.String() {
		t.Fatalf("A's line is %v, not ending in the ward's void %s: the set-up failed", before["A"], s.void.ID)
	}
	readerPath := filepath.Join(t.TempDir(), "reader.db")
	reader := laptopApp(readerPath, s.A)
	var said []string
	t.Cleanup(func() {
		if t.Failed() || testing.Verbose() {
			t.Logf("what was run, and what it said:\n%s", strings.Join(said, "\n"))
		}
	})
	run := func(who string, a *app, mk func(*app) *cobra.Command, args ...string) (string, error) {
		t.Helper()
		o, e, err := execute(a, mk, "", args...)
		all := strings.Join(strings.Fields(o+e), " ")
		said = append(said, "== "+who+" "+strings.Join(args, " "), o+e)
		if err != nil {
			said = append(said, "error: "+err.Error())
			all += " " + strings.Join(strings.Fields(err.Error()), " ")
		}
		if now := lines(); !slices.Equal(now["A"], before["A"]) || !slices.Equal(now["B"], before["B"]) {
			t.Fatalf("after the %s's %s the servers hold A %v and B %v, not A %v and B %v: a version was sent", who, strings.Join(args, " "), now["A"], now["B"], before["A"], before["B"])
		}
		return all, err
	}
	for _, srv := range []string{s.B, s.A} {
		all, err := run("reader", reader, (*app).historyCmd, s.first.Patient.Value, "--server", srv)
		if err != nil {
			t.Fatalf("history on the reader from %s: %v", srv, err)
		}
		for _, wrong := range []string{"this machine's void", "--keep-mine", "IN CONFLICT", "NOT CURRENT", "could not take in"} {
			if strings.Contains(all, wrong) {
				t.Errorf("the reader's history from %s says %q, of versions it only read", srv, wrong)
			}
		}
	}
	all, err := run("reader", reader, (*app).pushCmd, "--conflicts")
	if err != nil || strings.Contains(all, "--keep-mine") {
		t.Errorf("the reader's push --conflicts offers --keep-mine (%v)", err)
	}
	rst, err := store.Open(readerPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cur, err := rst.Current(s.first.ID)
	if err != nil || cur.Status != record.EnteredInError {
		t.Fatalf("the reader's current version is %s (%s), %v: not entered in error", cur.ID, cur.Status, err)
	}
	for _, id := range []record.ID{cur.ID, s.void.ID, s.amended.ID} {
		if all, err := run("reader", reader, (*app).pushCmd, "--resolve", id.String()[:13], "--keep-mine"); err == nil && strings.Contains(all, "Settled") {
			t.Errorf("the reader's --keep-mine of %s, a version it only read, was taken", id.String()[:13])
		}
	}
	for _, m := range []struct {
		who string
		a   *app
	}{{"laptop", s.lap}, {"ward", s.ward}} {
		hist, _ := run(m.who, m.a, (*app).historyCmd, s.first.Patient.Value)
		conflicts, _ := run(m.who, m.a, (*app).pushCmd, "--conflicts")
		if strings.Contains(hist, "until that is settled") && strings.Contains(conflicts, "No conflicts") {
			t.Errorf("the %s is told the assessment cannot be changed until settled, while push --conflicts says No conflicts", m.who)
		}
	}
}
