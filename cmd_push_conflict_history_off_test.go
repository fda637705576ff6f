package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestAPushDoesNotSayTheServerLostTheOtherSideWhenItsHistoryAnswers404:
// A's amendment stands in conflict with B's, current on the server, which
// lost nothing but answers 404 to the assessment's _history (a server
// that turns _history off). A's push said the server no longer held B's
// version and sent the nurse to B to push --check-server, while push
// --conflicts straight after showed the ordinary conflict. The conflict
// stands as it was noted, with B's version.
func TestAPushDoesNotSayTheServerLostTheOtherSideWhenItsHistoryAnswers404(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	aPath, ast, _, _, first, onB, onA := conflictBetweenTwoLaptops(t, srv, false)
	srv.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{Status: 404, Times: 1000, Method: "GET", Path: "/QuestionnaireResponse/" + first.ID.String() + "/_history"}}})
	a := laptopApp(aPath, srv.Base)
	for _, args := range [][]string{{}, {"--conflicts"}} {
		out, stderr, err := execute(a, (*app).pushCmd, "", args...)
		if err != nil {
			out += stderr + err.Error()
		} else {
			out += stderr
		}
		all := flat(out)
		if testing.Verbose() {
			t.Logf("A's push %v:\n%s", args, out)
		}
		for _, wrong := range []string{"no longer holds", "on that machine run digicheck push --check-server", "Nothing can be settled"} {
			if strings.Contains(all, wrong) {
				t.Errorf("A's push %v says %q of a server that lost nothing and answers 404 to _history:\n%s", args, wrong, out)
			}
		}
		for _, want := range []string{"Nurse Bea", onB.ID.String()[:13]} {
			if !strings.Contains(all, want) {
				t.Errorf("A's push %v does not say %q of the conflict with B's version:\n%s", args, want, out)
			}
		}
		if got := serverCurrent(t, srv.Base, first.ID); got != onB.ID {
			t.Fatalf("after A's push %v the server's current version is %s, not B's %s (A's is %s)", args, got, onB.ID, onA.ID)
		}
	}
	if known, err := ast.Conflicts(srv.Base); err != nil || len(known) != 1 {
		t.Fatalf("A's store holds %d conflicts (%v), not the one standing", len(known), err)
	}
}
