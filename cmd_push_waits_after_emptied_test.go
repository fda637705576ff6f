package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestAnAmendmentSavedAfterTheServerWasEmptiedOnAnotherMachinesLineSaysWhatItWaitsOn:
// the laptop amended the ward's assessment and sent it; the server was
// emptied; the laptop amended it again. The save said "Not sent yet (will
// retry) ... sent with the next save or push", though it waits on the
// ward's record, which the server lacks; push then said of it only "the
// server no longer has assessment ...", with no way out. Both now say what
// it waits on, made by whom on another machine, and what to run there.
func TestAnAmendmentSavedAfterTheServerWasEmptiedOnAnotherMachinesLineSaysWhatItWaitsOn(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
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
	a := laptopApp(laptop, srv.Base)
	once := amendOn(t, lst, first, "amended on the laptop", "Nurse Bea")
	if out, stderr, err := execute(a, (*app).pushCmd, ""); err != nil {
		t.Fatalf("push: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{Reset: true})
	again := amendOn(t, lst, once, "amended again on the laptop", "Nurse Bea")

	var saved bytes.Buffer
	a.pushChange(&saved, lst, again)
	check := func(what, said string) {
		t.Helper()
		if testing.Verbose() {
			t.Logf("%s:\n%s", what, said)
		}
		all := flat(said)
		for _, want := range []string{first.ID.String()[:13], "run digicheck push --check-server"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s does not say %q:\n%s", what, want, said)
			}
		}
		for _, wrong := range []string{"will retry", "sent with the next save or push", "no longer has assessment"} {
			if strings.Contains(all, wrong) {
				t.Errorf("%s says %q of a version that waits on another machine:\n%s", what, wrong, said)
			}
		}
	}
	check("the save", saved.String())
	out, stderr, err := execute(a, (*app).pushCmd, "")
	if err == nil {
		t.Fatalf("the push ends 0 with the laptop's amendments unsent:\n%s%s", out, stderr)
	}
	check("push", out+stderr+err.Error())
}
