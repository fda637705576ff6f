package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestAVersionSetAsideIsSaidNotSentToThatServerAndHeldByTheOther (issue
// 13): the laptop's amendment went to server B, then met the ward's
// amendment on server A, where the clinician kept A's. history and show
// said of it "kept here, never sent", of a version B holds as current.
// Each says what this machine knows: not sent to this server (A), and
// that B took it.
func TestAVersionSetAsideIsSaidNotSentToThatServerAndHeldByTheOther(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	a, srvA, srvB, first, mine, _ := twoServersSetAside(t)
	hist, errs, err := execute(a, (*app).historyCmd, "", first.Patient.Value)
	if err != nil {
		t.Fatalf("history: %v\n%s%s", err, hist, errs)
	}
	shown, errs, err := execute(a, (*app).showCmd, "", mine.ID.String())
	if err != nil {
		t.Fatalf("show: %v\n%s%s", err, shown, errs)
	}
	for what, text := range map[string]string{"history": hist, "show": shown} {
		flat := strings.Join(strings.Fields(text), " ")
		if strings.Contains(flat, "never sent") {
			t.Errorf("%s says the laptop's amendment %s was never sent, and B holds it:\n%s", what, mine.ID.String()[:13], text)
		}
		for _, want := range []string{"not sent to this server (" + srvA + ")", "the FHIR server " + srvB + " took it"} {
			if !strings.Contains(flat, want) {
				t.Errorf("%s does not say %q:\n%s", what, want, text)
			}
		}
		for i, l := range strings.Split(text, "\n") {
			if len(l) > 80 && what == "history" {
				t.Errorf("%s: line %d is %d columns: %q", what, i+1, len(l), l)
			}
		}
	}
}

// TestTheVoidOfAFollowUpAnotherServerHoldsSaysSo (issue 13): the laptop
// followed up its offline amendment and sent both to server B; on server
// A the amendment met the ward's, and the clinician kept A's. Voiding the
// follow-up, as push advised, said it "was never sent to the FHIR server
// ... the server has nothing to mark ... nothing more is needed", and B
// held it. The void says it was not sent to this server (A), that B took
// the follow-up, and that a push to B sends the void there.
func TestTheVoidOfAFollowUpAnotherServerHoldsSaysSo(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	a, srv, lst, first, onLaptop := offlineLaptop(t)
	B := fhirserver.Start(t)
	fu := testkit.Assessed(t, testkit.Included(nil))
	fu.Patient, fu.FollowsUp, fu.Clinician = first.Patient, onLaptop.ID, "Nurse Bea"
	if err := lst.Save(&fu); err != nil {
		t.Fatal(err)
	}
	if out, errs, err := execute(a, (*app).pushCmd, "", "--server", B.Base); err != nil {
		t.Fatalf("push to B: %v\n%s%s", err, out, errs)
	}
	if !serverHasAny(t, B.Base, fu.ID) {
		t.Fatal("B was not sent the follow-up: not the case this test is of")
	}
	execute(a, (*app).pushCmd, "")
	if out, errs, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-server"); err != nil {
		t.Fatalf("push --resolve --keep-server: %v\n%s%s", err, out, errs)
	}
	out, errs, err := execute(a, (*app).voidCmd, "", fu.ID.String(), "--reason", "followed up a version set aside", "--clinician", "Dr Void Test")
	if err != nil {
		t.Fatalf("void: %v\n%s%s", err, out, errs)
	}
	flat := strings.Join(strings.Fields(out+errs), " ")
	if strings.Contains(flat, "never sent") || strings.Contains(flat, "nothing more is needed") {
		t.Errorf("the void says the follow-up was never sent, or that nothing more is needed, and B holds it:\n%s%s", out, errs)
	}
	for _, want := range []string{"not sent to this server (" + srv.Base + ")", B.Base, "digicheck push --server " + B.Base} {
		if !strings.Contains(flat, want) {
			t.Errorf("the void does not say %q:\n%s%s", want, out, errs)
		}
	}
}
