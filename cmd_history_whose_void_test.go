package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestHistorySaysAVoidReadFromOneServerIsAnotherMachinesFromThatServer:
// the laptop pushed an assessment to servers S1 and S2; the ward read it
// from S1 and voided it there, a clinic read it from S2 and voided it
// there. The laptop reads S1 (taking the ward's void in), then S2 (taking
// the clinic's void in over it). history said of the ward's void "set
// aside when its conflict with the FHIR server was settled: kept here,
// not sent to this server (S2) ...; the FHIR server S1 took it before",
// as if this machine had made it, sent it to S1 and settled a conflict
// over it with S2; and reading S2 said it was "read from the server
// before", naming no server, S1. What history says of each version must
// be true: who made it (another machine), where it came from (S1), and
// which server's version is kept in its place (S2).
func TestHistorySaysAVoidReadFromOneServerIsAnotherMachinesFromThatServer(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	S1, S2 := fhirserver.Start(t), fhirserver.Start(t)
	laptop, lst, first := agreedToEverything(t)
	pushWith(t, S1.Base, lst)
	pushWith(t, S2.Base, lst)
	_, wst := wardReading(t, S1.Base, first)
	ward := voidOn(t, wst, first.ID, "Sister Okafor")
	pushWith(t, S1.Base, wst)
	_, cst := wardReading(t, S2.Base, first)
	voidOn(t, cst, first.ID, "Dr Chen")
	pushWith(t, S2.Base, cst)

	a := laptopApp(laptop, S1.Base)
	if _, stderr, err := execute(a, (*app).historyCmd, "", first.Patient.Value); err != nil {
		t.Fatalf("history of S1: %v\n%s", err, stderr)
	}
	_, stderr, err := execute(a, (*app).historyCmd, "", first.Patient.Value, "--server", S2.Base)
	if err != nil {
		t.Fatalf("history of S2: %v\n%s", err, stderr)
	}
	said := strings.Join(strings.Fields(stderr), " ")
	if !strings.Contains(said, "void "+ward.ID.String()[:13]+" read from the FHIR server "+S1.Base+" before") {
		t.Errorf("reading S2 does not say the void passed over was read from S1 (%s):\n%s", S1.Base, stderr)
	}
	out, stderr, err := execute(a, (*app).historyCmd, "", first.Patient.Value)
	if err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	said = strings.Join(strings.Fields(out), " ")
	at := strings.Index(said, ward.ID.String()[:13]+" set aside")
	if at < 0 {
		t.Fatalf("history does not show the ward's void %s set aside:\n%s", ward.ID, out)
	}
	line := said[at:]
	if end := strings.Index(line, "entered in error because"); end > 0 {
		line = line[:end]
	}
	for _, wrong := range []string{"took it", "conflict", "not sent to this server", S2.Base + ")"} {
		if strings.Contains(line, wrong) {
			t.Errorf("history says %q of the ward's void, which this machine never made, sent nor settled:\n%s", wrong, line)
		}
	}
	for _, want := range []string{"by Sister Okafor", "read from that server, made on another machine", "FHIR server " + S1.Base + " holds it", "FHIR server " + S2.Base + " holds another version in its place"} {
		if !strings.Contains(line, want) {
			t.Errorf("history does not say %q of the ward's void:\n%s", want, line)
		}
	}
}
