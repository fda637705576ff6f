package main

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestHistoryOfAServerThatDoesNotAnswerSaysItDidNotAnswer: a FHIR server
// that takes the connection and does not answer within history's wait was
// said as one history "could not reach", the words for a server nothing
// listens on, while docs/fhir-server.md and the detail for IT said "no
// answer within 8s": IT looked for a server down, or a network fault, at
// a server that was up and slow. It says the server did not answer.
func TestHistoryOfAServerThatDoesNotAnswerSaysItDidNotAnswer(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	path, rs := storeWith(t, 1)
	if out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{DelayMs: 30000, Times: 1000, Method: "GET"}}})
	_, stderr, err := runStoreCmd(t, path, (*app).historyCmd, rs[0].Patient.Value, "--server", srv.Base)
	if err != nil {
		t.Fatalf("history --server: %v\n%s", err, stderr)
	}
	flat := strings.Join(strings.Fields(stderr), " ")
	if strings.Contains(flat, "could not reach") || !strings.Contains(flat, "did not answer within "+serverLook.String()) {
		t.Errorf("history of a server that did not answer in time says:\n%s", stderr)
	}
}

// TestAServerNeverConnectedToIsSaidUnreachedHoweverLongItTook: a host that
// drops the connection (a firewall, a dead route) runs out history's wait
// in the dial as a silent server does, and was said as one that "did not
// answer", the words for a server up and slow, its dial error replaced by
// "no answer within": IT looked for a slow server at one that could not
// be reached. Only a request that had a connection is said as not
// answered.
func TestAServerNeverConnectedToIsSaidUnreachedHoweverLongItTook(t *testing.T) {
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	dial := &fhirclient.Error{Msg: "cannot reach the FHIR server", Cause: &net.OpError{Op: "dial", Net: "tcp", Err: context.DeadlineExceeded}}
	if got := unreachedWhat(ctx, dial, "https://fhir.example.nhs.uk"); !strings.HasPrefix(got, "could not reach the FHIR server") {
		t.Errorf("a dial that ran out the wait is said as %q", got)
	}
	silent := &fhirclient.Error{Msg: "no answer", Cause: context.DeadlineExceeded}
	if got := unreachedWhat(ctx, silent, "https://fhir.example.nhs.uk"); !strings.Contains(got, "did not answer within") {
		t.Errorf("a connection that got no answer in the wait is said as %q", got)
	}
	lookup := &fhirclient.Error{Msg: "cannot reach the FHIR server", Cause: &net.DNSError{Err: "no such host", Name: "fhir.example.nhs.uk"}}
	if got := unreachedWhat(ctx, lookup, "https://fhir.example.nhs.uk"); !strings.HasPrefix(got, "could not reach the FHIR server") {
		t.Errorf("a name not found is said as %q", got)
	}
}
