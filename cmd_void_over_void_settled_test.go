package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// voidedOnBothServers (issue 13): the ward made an assessment and sent it
// to its server A and to B; the laptop read it from B and voided it there;
// the ward voided it on A. Then the ward's push --server B met B's void
// over its own: the same outcome, and it set its own void aside. It
// returns the servers, the ward's app and store, the first version and
// both voids.
type bothVoided struct {
	A, B            *fhirserver.Server
	ward            *app
	wst             *store.Store
	first           record.Record
	wardVoid, lVoid record.Record
}

func voidedOnBothServers(t *testing.T) bothVoided {
	t.Helper()
	A, B, wardPath, wst, first := laptopOnTwoServers(t)
	lapPath := filepath.Join(t.TempDir(), "laptop.db")
	if _, stderr, err := runStoreCmd(t, lapPath, (*app).historyCmd, first.Patient.Value, "--server", B.Base); err != nil {
		t.Fatalf("history on the laptop: %v\n%s", err, stderr)
	}
	lst, err := store.Open(lapPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lVoid := voidOn(t, lst, first.ID, "Nurse Laptop")
	pushWith(t, B.Base, lst)
	wardVoid := voidOn(t, wst, first.ID, "Nurse Ward")
	pushWith(t, A.Base, wst)
	ward := laptopApp(wardPath, A.Base)
	if out, errs, err := execute(ward, (*app).pushCmd, "", "--server", B.Base); err != nil {
		t.Fatalf("the ward's push to B: %v\n%s%s", err, out, errs)
	}
	return bothVoided{A, B, ward, wst, first, wardVoid, lVoid}
}

// TestAVoidOverAVoidIsTheSameOutcomeOnEveryServer (issue 13): after the
// ward's push to B set its void aside for B's, its next push to A (which
// holds the ward's own void) was refused as a conflict for ever: push
// --conflicts offered --keep-server, which was refused pointing to
// --keep-mine, which was refused pointing back to --keep-server. Both
// servers hold the assessment voided: the --keep-server offered settles
// it, sending nothing; then every push exits 0, none lists a conflict,
// and neither server gains a version.
func TestAVoidOverAVoidIsTheSameOutcomeOnEveryServer(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t) // two FHIR servers, three machines: over 5 s under -race
	s := voidedOnBothServers(t)
	lines := func() [2][]string {
		return [2][]string{ids(serverLine(t, s.A.Base, s.first.ID)), ids(serverLine(t, s.B.Base, s.first.ID))}
	}
	before := lines()
	if a, b := before[0], before[1]; a[len(a)-1] != s.wardVoid.ID.String() || b[len(b)-1] != s.lVoid.ID.String() {
		t.Fatalf("A holds %v and B %v: the set-up failed", a, b)
	}
	var said []string
	t.Cleanup(func() {
		if t.Failed() || testing.Verbose() {
			t.Logf("what was run, and what it said:\n%s", strings.Join(said, "\n"))
		}
	})
	run := func(args ...string) (string, error) {
		t.Helper()
		o, e, err := execute(s.ward, (*app).pushCmd, "", args...)
		all := o + e
		if err != nil {
			all += "\n" + err.Error()
		}
		said = append(said, "== push "+strings.Join(args, " "), all)
		if now := lines(); !slices.Equal(now[0], before[0]) || !slices.Equal(now[1], before[1]) {
			t.Fatalf("after push %s A holds %v and B %v, not %v and %v: a version was sent", strings.Join(args, " "), now[0], now[1], before[0], before[1])
		}
		return strings.Join(strings.Fields(all), " "), err
	}
	// The ward's push to A meets A's void, the ward's own, set aside here
	// when B's void was kept over it: both are voids. It is listed, and
	// the command offered settles it, sending nothing.
	run()
	all, _ := run("--conflicts")
	if strings.Contains(all, "--keep-mine") {
		t.Errorf("push --conflicts offers --keep-mine for a void over a void: %s", all)
	}
	if !strings.Contains(all, "No conflicts") {
		cmd := "--keep-server"
		if !strings.Contains(all, cmd) {
			t.Fatalf("push --conflicts offers no --keep-server: %s", all)
		}
		all, err := run("--resolve", s.lVoid.ID.String()[:13], "--keep-server")
		if err != nil {
			t.Errorf("the --keep-server offered, of a void over a void, was refused: %v\n%s", err, all)
		}
		if strings.Contains(all, "--keep-mine") {
			t.Errorf("--keep-server points to --keep-mine: %s", all)
		}
	}
	if all, err := run("--conflicts"); err != nil || !strings.Contains(all, "No conflicts") {
		t.Errorf("push --conflicts lists a conflict where both servers hold the assessment voided (%v): %s", err, all)
	}
	for i := 0; i < 2; i++ {
		if all, err := run(); err != nil {
			t.Errorf("push %d to A after: %v\n%s", i+2, err, all)
		}
	}
	if all, err := run("--server", s.B.Base); err != nil {
		t.Errorf("the ward's push to B after: %v\n%s", err, all)
	}
	if cur, err := s.wst.Current(s.first.ID); err != nil || cur.Status != record.EnteredInError {
		t.Errorf("the ward's current version is %s (%s), %v: not entered in error", cur.ID, cur.Status, err)
	}
}
