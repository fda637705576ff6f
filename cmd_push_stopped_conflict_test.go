package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestAPushStoppedWhileAConflictStandsSaysItWaitsToBeSettled: the laptop
// held its amendment of an assessment as a conflict with the ward's and
// had one new assessment to send; stopped by Ctrl+C while it waited to
// send, the push said "2 of 2 record versions not sent yet; run digicheck
// push again to send them", though no push sends the version in conflict
// until it is settled. It says which the next push sends, and that the
// other is in conflict and waits to be settled, with the command that
// shows it, with this run's flags.
func TestAPushStoppedWhileAConflictStandsSaysItWaitsToBeSettled(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv := fhirserver.Start(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	amendOn(t, wst, first, "answers corrected on the ward", "Sister Okafor")
	pushWith(t, srv.Base, wst)
	amendOn(t, lst, first, "amended on the laptop", "Nurse Bea")
	a := laptopApp(laptop, srv.Base)
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's push met no conflict")
	}
	next := testkit.Assessed(t, testkit.Offline(nil))
	if err := lst.Save(&next); err != nil {
		t.Fatal(err)
	}
	srv.Faults(t, fhirserver.Fault{Status: 503, Times: 1000, Method: "POST", Path: "/"})

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errOut := &cancelOn{cancel: cancel}
	c := a.pushCmd()
	var out bytes.Buffer
	c.SetContext(ctx)
	c.SetIn(strings.NewReader(""))
	c.SetOut(&out)
	c.SetErr(errOut)
	c.SetArgs([]string{"--max-wait", "30s"})
	c.SilenceUsage, c.SilenceErrors = true, true
	err = c.Execute()
	if !errOut.done {
		t.Fatalf("the push never said it would try again: %v\n%s", err, errOut.buf.String())
	}
	if err == nil {
		t.Fatalf("a push stopped by Ctrl+C exits 0:\n%s%s", out.String(), errOut.buf.String())
	}
	flat := unfolded(out.String() + errOut.buf.String() + err.Error())
	for _, want := range []string{
		"push stopped: 2 of 2 record versions not sent yet",
		"again to send 1 of them",
		"the other 1 is in conflict with the server's version, and no push sends it until it is settled: digicheck push --conflicts shows it and how to settle it",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the stopped push does not say %q (what the next push sends, what waits to be settled):\n%s", want, flat)
		}
	}
	if strings.Contains(flat, "again to send them") {
		t.Errorf("the stopped push says the next push sends the version in conflict:\n%s", flat)
	}
}
