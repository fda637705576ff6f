package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// conflictOnLaptop makes the conflict of the settle tests on srv: the ward
// pushes an assessment, the laptop reads it, the ward amends it and
// pushes, the laptop amends it too and its push is refused as a conflict,
// which push --conflicts then shows. It returns the laptop's store, its
// app and its amendment in conflict.
func conflictOnLaptop(t *testing.T, srv *fhirserver.Server) (*store.Store, *app, record.Record) {
	t.Helper()
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
	onLaptop := amendOn(t, lst, first, "amended on the laptop", "Nurse Bea")
	a := laptopApp(laptop, srv.Base)
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's push met no conflict")
	}
	if _, stderr, err := execute(a, (*app).pushCmd, "", "--conflicts"); err != nil {
		t.Fatalf("--conflicts: %v\n%s", err, stderr)
	}
	return lst, a, onLaptop
}

// TestASettleWaitsForTheServerAsLongAsTimeoutSays: push --resolve gave
// up on the server after 8 seconds whatever --timeout said, with Go's
// "context deadline exceeded". A settle waits for each answer as long as
// --timeout says, as the push does.
func TestASettleWaitsForTheServerAsLongAsTimeoutSays(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	lst, a, onLaptop := conflictOnLaptop(t, srv)
	// The server's version is read 10 s late: past 8 s, within --timeout.
	srv.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{DelayMs: 10000, Times: 1, Method: "GET"}}})
	start := time.Now()
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String()[:13], "--keep-mine", "--timeout", "20s")
	if err != nil {
		t.Fatalf("--keep-mine --timeout 20s, the server answering in 10s: %v (after %s)\n%s%s", err, time.Since(start).Round(time.Second), out, stderr)
	}
	if !strings.Contains(out, "Settled") || !strings.Contains(out, "Sent 1 of 1") {
		t.Errorf("the settle does not say it settled and sent:\n%s", out)
	}
	if _, ok := conflictOf(lst, srv.Base, onLaptop.ID); ok {
		t.Error("the conflict still stands after the settle")
	}
}

// TestASettleTheServerDoesNotAnswerSaysSoPlainly: given up on, the settle
// said "... could not be read, so this machine's cannot be kept over it
// now (nothing was changed): stopped waiting for the FHIR server ...:
// context deadline exceeded". It says the server did not answer within
// --timeout, that nothing was changed or sent, and the command to run
// again; and a settle saved here whose send then gets no answer says it
// is settled here, not sent, and that the next push sends it.
func TestASettleTheServerDoesNotAnswerSaysSoPlainly(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	lst, a, onLaptop := conflictOnLaptop(t, srv)
	short := onLaptop.ID.String()[:13]

	srv.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{DelayMs: 5000, Times: 1000, Method: "GET"}}})
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", short, "--keep-mine", "--timeout", "2s")
	if err == nil {
		t.Fatalf("--keep-mine of a server that does not answer: no error\n%s%s", out, stderr)
	}
	msg := flat(err.Error())
	said, _, _ := strings.Cut(msg, "(Detail for IT:")
	if testing.Verbose() {
		t.Logf("refused:\n%v", err)
	}
	for _, bad := range []string{"deadline exceeded", "context ", "stopped waiting"} {
		if strings.Contains(said, bad) {
			t.Errorf("the settle says %q, Go's words, before the detail for IT:\n%s", bad, msg)
		}
	}
	for _, want := range []string{"did not answer within 2s", "Nothing was changed", "nothing was sent", "digicheck push --resolve " + short + " --keep-mine", "--timeout"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the settle does not say %q:\n%s", want, msg)
		}
	}
	if _, ok := conflictOf(lst, srv.Base, onLaptop.ID); !ok {
		t.Error("the conflict no longer stands after a settle that could not read the server")
	}

	// The server reads, but takes no Bundle in time: settled here, not
	// sent.
	srv.Control(t, fhirserver.Control{ClearFaults: true, Faults: []fhirserver.Fault{{DelayMs: 5000, Times: 1000, Method: "POST"}}})
	out, stderr, err = execute(a, (*app).pushCmd, "", "--resolve", short, "--keep-mine", "--timeout", "2s", "--max-wait", "0")
	if err == nil {
		t.Fatalf("--keep-mine whose send got no answer: no error\n%s%s", out, stderr)
	}
	all := flat(out + " " + err.Error())
	before, _, _ := strings.Cut(all, "(Detail for IT:")
	if testing.Verbose() {
		t.Logf("settled, not sent:\n%s\n%v", out, err)
	}
	for _, bad := range []string{"deadline exceeded", "stopped waiting"} {
		if strings.Contains(before, bad) {
			t.Errorf("the settle says %q, Go's words, before the detail for IT:\n%s", bad, all)
		}
	}
	for _, want := range []string{"Settled", "did not answer within 2s", "settle is saved here, but not yet sent", "nothing more to settle", "digicheck push"} {
		if !strings.Contains(all, want) {
			t.Errorf("the settle whose send got no answer does not say %q:\n%s", want, all)
		}
	}
	if _, ok := conflictOf(lst, srv.Base, onLaptop.ID); ok {
		t.Error("the conflict still stands after the settle was saved here")
	}
}

// TestTheWaitingLineSaysAWaitInFewCharacters: the waiting line said "up
// to 10 seconds", and at 80 columns a server's URL left it cut at "10 sec".
func TestTheWaitingLineSaysAWaitInFewCharacters(t *testing.T) {
	for d, want := range map[time.Duration]string{10 * time.Second: "10 s", 1500 * time.Millisecond: "1.5 s", 2 * time.Minute: "2 min", 90 * time.Second: "1 min 30 s"} {
		if got := waitShort(d); got != want {
			t.Errorf("waitShort(%s) = %q, want %q", d, got, want)
		}
	}
}
