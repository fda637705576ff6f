package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
)

// TestAVoidTheServerAppliedWhoseAnswerWasLostIsNotSaidAsNoConnection: the
// server applies the void's transaction and the connection drops before
// its answer. The void was said "Not sent yet (will retry): ... could not
// connect to the FHIR server", of a server that had it. It says the void
// may have reached the server and that the next push checks, and the
// next push finds it there, sending nothing twice.
func TestAVoidTheServerAppliedWhoseAnswerWasLostIsNotSaidAsNoConnection(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	path, st, base := agreedToEverything(t)
	a := &app{settings: site.Settings{DB: path, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	if out, errs, err := execute(a, (*app).pushCmd, ""); err != nil || !strings.Contains(out, "Sent ") {
		t.Fatalf("push: %v\n%s%s", err, out, errs)
	}
	srv.Faults(t, fhirserver.Fault{Method: "POST", Path: "/", After: "reset"})
	out, errs, err := execute(a, (*app).voidCmd, "", base.ID.String(), "--reason", "wrong patient", "--clinician", "Dr Fix")
	if err != nil {
		t.Fatalf("void: %v\n%s", err, errs)
	}
	voided, err := st.Current(base.ID)
	if err != nil || voided.Status != record.EnteredInError {
		t.Fatalf("no void saved: %v", err)
	}
	if !serverHolds(t, srv.Base, base.ID, voided) {
		t.Fatalf("the server did not apply the void: not the case this test is of\n%s", out)
	}
	said := strings.Join(strings.Fields(out), " ")
	if strings.Contains(said, "could not connect") {
		t.Errorf("the void the server applied is said as no connection:\n%s", said)
	}
	for _, want := range []string{"may have reached the FHIR server", "the next save or push checks", "record " + voided.ID.String()} {
		if !strings.Contains(said, want) {
			t.Errorf("the void whose answer was lost is not said with %q:\n%s", want, said)
		}
	}
	out, errs, err = execute(a, (*app).pushCmd, "")
	if err != nil || !strings.Contains(out, "Sent 0 of 1 record version") || !strings.Contains(out, "1 was already there") {
		t.Errorf("the push after: %v\n%s%s", err, out, errs)
	}
}
