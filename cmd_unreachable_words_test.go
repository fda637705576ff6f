package main

import (
	"net"
	"strings"
	"testing"
)

// TestAServerNotReachedIsSaidOncePlainly: history with a FHIR server
// that refuses connections said "could not reach the FHIR server …
// (cannot reach the FHIR server 127.0.0.1:PORT (dial tcp …) (after 2
// attempts))": nested, technical, and no next step. It is said once, in
// plain words, with what to do, the technical detail last.
func TestAServerNotReachedIsSaidOncePlainly(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	path, _, first := agreedToEverything(t)
	out, stderr, err := runStoreCmd(t, path, (*app).historyCmd, first.Patient.Value, "--server", "http://"+addr+"/fhir")
	if err != nil {
		t.Fatalf("history: %v\n%s%s", err, out, stderr)
	}
	all := strings.Join(strings.Fields(stderr), " ")
	if n := strings.Count(strings.ToLower(all), "reach the fhir server"); n != 1 {
		t.Errorf("history says it could not reach the server %d times, want once:\n%s", n, stderr)
	}
	for _, want := range []string{"could not reach the FHIR server http://" + addr + "/fhir", "this machine's record", "tell IT"} {
		if !strings.Contains(all, want) {
			t.Errorf("history does not say %q:\n%s", want, stderr)
		}
	}
	if i, j := strings.Index(all, "tell IT"), strings.Index(all, "connection refused"); j >= 0 && j < i {
		t.Errorf("the technical detail comes before what to do:\n%s", stderr)
	}
}
