package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
)

// TestAPushStoppedWhileSendingSaysWhatItsCheckHeldBack: a plain push
// could not check six assessments (their histories fail), held back this
// machine's amendment of one, and was stopped by Ctrl+C while it waited
// to send again the assessment the server lost. It no longer named the
// assessments it could not check, and said "run digicheck push again to
// send them" of both versions, though the amendment goes only once the
// server answers the check. It names them, says which version the next
// push sends and which waits for the check, and what to run then, with
// this run's flags.
func TestAPushStoppedWhileSendingSaysWhatItsCheckHeldBack(t *testing.T) {
	t.Setenv("COLUMNS", "80")
	srv, given, _, _, _, _ := unchecked(t)
	srv.Faults(t, fhirserver.Fault{Status: 503, Times: 1000, Method: "POST", Path: "/"})

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errOut := &cancelOn{cancel: cancel}
	c := given.pushCmd()
	var out bytes.Buffer
	c.SetContext(ctx)
	c.SetIn(strings.NewReader(""))
	c.SetOut(&out)
	c.SetErr(errOut)
	c.SetArgs([]string{"--server", srv.Base, "--max-wait", "30s"})
	c.SilenceUsage, c.SilenceErrors = true, true
	err := c.Execute()
	if !errOut.done {
		t.Fatalf("the push never said it would try again: %v\n%s", err, errOut.buf.String())
	}
	if err == nil {
		t.Fatalf("a push stopped by Ctrl+C exits 0:\n%s%s", out.String(), errOut.buf.String())
	}
	flat := unfolded(out.String() + errOut.buf.String() + err.Error())
	for _, want := range []string{
		"warning: could not check",
		"push stopped: 2 of 2 record versions not sent yet",
		"again to send 1 of them",
		"the other 1, of an assessment the server could not be checked for now, is held back",
		"run digicheck push --db " + given.settings.DB + " --server " + srv.Base + " --check-server when it does",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the stopped push does not say %q (what it could not check, what the next push sends, what waits for the check):\n%s", want, flat)
		}
	}
	bare(t, flat, given.given, srv.Base)
}
