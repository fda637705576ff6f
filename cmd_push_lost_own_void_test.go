package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestAVoidInConflictWithALostVersionIsOfferedOnlyTheSettleThatWorks: A
// voided an assessment offline while B amended it; B's push went first,
// A's met the conflict, and the server was emptied, B lost. push, push
// --conflicts and history offered --keep-server --other-version-lost as
// well, which is always refused for a void (no amendment is made on
// one). Each now offers only keeping the void, which settles.
func TestAVoidInConflictWithALostVersionIsOfferedOnlyTheSettleThatWorks(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	A, B, first := sentAndRead(t, srv)
	amendOn(t, B.st, first, "amended on B", "Nurse Bea")
	B.pushes(t)
	void := voidOn(t, A.st, first.ID, "Nurse Al")
	a := A.app
	A.meetsConflict(t)
	srv.Control(t, fhirserver.Control{Reset: true})
	if out, stderr, err := execute(a, (*app).pushCmd, "", "--check-server"); err == nil {
		t.Fatalf("A's push --check-server ends 0 with its conflict unsettled:\n%s%s", out, stderr)
	}
	short := shortOf(A.st, void.ID)
	for _, run := range []struct {
		name string
		do   func() (string, string, error)
	}{
		{"push", func() (string, string, error) { return execute(a, (*app).pushCmd, "") }},
		{"push --conflicts", func() (string, string, error) { return execute(a, (*app).pushCmd, "", "--conflicts") }},
		{"history", func() (string, string, error) { return execute(a, (*app).historyCmd, "", first.Patient.Value) }},
	} {
		out, stderr, err := run.do()
		said := flat(out + stderr + errText(err))
		if testing.Verbose() {
			t.Logf("%s:\n%s%s%v", run.name, out, stderr, err)
		}
		if !strings.Contains(said, "--resolve "+short+" --keep-mine --other-version-lost") {
			t.Errorf("%s does not offer keeping the void without the lost version:\n%s", run.name, said)
		}
		if strings.Contains(said, "--keep-server --other-version-lost") {
			t.Errorf("%s offers --keep-server --other-version-lost for a void, which is always refused:\n%s", run.name, said)
		}
	}
	A.pushes(t, "--resolve", short, "--keep-mine", "--other-version-lost")
}
