package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestAPushMeetingAVoidSaysHowToSettleItOverAVoid (issue 13): a push whose
// conflict is with the server's void (wrong patient, made on another
// machine) ended "--resolve RECORD --keep-mine sends this machine's
// version over the server's", though over a void bare --keep-mine is
// refused. It says that keeping the void is --keep-server, and that
// keeping this machine's version over it undoes the void, with
// --undo-void.
func TestAPushMeetingAVoidSaysHowToSettleItOverAVoid(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	_, err := pushMeetingTheWardsVoid(t)
	why := said(err)
	if strings.Contains(why, "--keep-mine sends this machine's version over the server's") {
		t.Errorf("the push offers bare --keep-mine over the server's void:\n%s", err)
	}
	for _, want := range []string{"--keep-server keeps the server's void", "--undo-void"} {
		if !strings.Contains(why, want) {
			t.Errorf("the push does not say %q:\n%s", want, err)
		}
	}
}

// TestAPushsSentLineAccountsForEveryVersion (issue 13): "Sent 0 of 5
// record versions to B; 4 were already there." left one version
// unaccounted for on its line (a conflict, said below it). The line
// counts the versions not sent too.
func TestAPushsSentLineAccountsForEveryVersion(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	out, _ := pushMeetingTheWardsVoid(t)
	flat := strings.Join(strings.Fields(out), " ")
	if !strings.Contains(flat, "Sent 0 of 1 record version to ") || !strings.Contains(flat, "1 not sent, as said below") {
		t.Errorf("the push's sent line does not account for the version not sent:\n%s", out)
	}
}

// pushMeetingTheWardsVoid is the laptop's push of its amendment of an
// assessment the ward voided on the server (wrong patient): what it
// printed, and its error, the conflict.
func pushMeetingTheWardsVoid(t *testing.T) (string, error) {
	t.Helper()
	srv := fhirserver.Start(t)
	laptop, lst, first := agreedToEverything(t)
	pushWith(t, srv.Base, lst)
	_, wst := wardReading(t, srv.Base, first)
	voidOn(t, wst, first.ID, "Sister Okafor")
	pushWith(t, srv.Base, wst)
	amendOn(t, lst, first, "amended on the laptop", "Dr Lap")
	out, _, err := execute(laptopApp(laptop, srv.Base), (*app).pushCmd, "")
	if err == nil {
		t.Fatal("the push met no conflict with the ward's void")
	}
	return out, err
}
