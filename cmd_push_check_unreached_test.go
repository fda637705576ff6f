package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/site"
	"digicheck/store"
)

// storeAcceptedBefore is a store of n records, the first two of them
// accepted by the server at base before, as on a ward's store: a plain
// push asks such a server what it holds before it sends.
func storeAcceptedBefore(t *testing.T, n int, base string) *app {
	t.Helper()
	path, rs := storeWith(t, n) // n-2 of them pending
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ps []store.Pushed
	for _, r := range rs[:2] {
		ps = append(ps, store.Pushed{Record: r.ID, Assessment: r.ID, Version: "1"})
	}
	if err := st.MarkPushed(base, ps); err != nil {
		t.Fatal(err)
	}
	return &app{settings: site.Settings{DB: path, Team: "Ward 7"}, given: " --db " + path}
}

// A plain push from a store with versions the server accepted before, to
// a server it cannot reach (a community nurse's laptop offline), tried the
// count of what the server holds five times over 15 s, then went on to
// send and tried the Bundle five times over another 15 s: 30 s to say it
// could not reach the server. Its check's five tries end it: nothing
// sent, said as a push that cannot reach the server says it.
func TestAPlainPushThatCannotReachTheServerTriesItFiveTimesNotTen(t *testing.T) {
	t.Parallel()
	closed := closedServer(t)
	a := storeAcceptedBefore(t, 3, closed)
	out, stderr, err := execute(a, (*app).pushCmd, "", "--server", closed)
	if err == nil {
		t.Fatalf("a push to a closed port ends 0:\n%s%s", out, stderr)
	}
	if n := strings.Count(stderr, "trying again"); n > 4 {
		t.Errorf("the push tried the server %d times; want 5 at most:\n%s", n+1, stderr)
	}
	flat := strings.Join(strings.Fields(out+stderr+err.Error()), " ")
	for _, want := range []string{
		"1 of 1 record version not sent",
		"could not reach the FHIR server",
		"Nothing is lost: it is kept here, and the next push sends it",
		"If this goes on, tell IT",
		"tried 5 times over",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the push does not say %q:\n%s", want, flat)
		}
	}
}

// So with a server that answers 503 to every request: the check's five
// tries end the push, and the Bundles are not tried five times more.
func TestAPlainPushToAServerBusyEveryTimeTriesItFiveTimesNotTen(t *testing.T) {
	t.Parallel()
	var asked atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		w.Header().Set("Content-Type", "application/fhir+json")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte(`{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"transient","diagnostics":"busy"}]}`))
	}))
	t.Cleanup(srv.Close)
	base := srv.URL + "/fhir"
	a := storeAcceptedBefore(t, 3, base)
	out, stderr, err := execute(a, (*app).pushCmd, "", "--server", base)
	if err == nil {
		t.Fatalf("a push to a server answering 503 every time ends 0:\n%s%s", out, stderr)
	}
	if n := asked.Load(); n > 5 {
		t.Errorf("the push asked the busy server %d times; want 5 at most", n)
	}
	flat := strings.Join(strings.Fields(out+stderr+err.Error()), " ")
	for _, want := range []string{
		"1 of 1 record version not sent",
		"503",
		"tried 5 times over",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the push does not say %q:\n%s", want, flat)
		}
	}
	t.Logf("%s", flat)
}

// A count the server refuses as a request it does not serve (400) is not
// a server that cannot be reached: the push goes on to send, as before,
// and says it could not ask what the server holds.
func TestAPlainPushWhoseCountIsRefusedStillSends(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv, path, given := pushedTwo(t)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	if err := st.Save(&r); err != nil {
		t.Fatal(err)
	}
	srv.Faults(t, fhirserver.Fault{Status: 400, Times: 1, Method: "GET", Path: "/QuestionnaireResponse"})
	out, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base)
	flat := strings.Join(strings.Fields(out+stderr), " ")
	if err != nil {
		flat += " " + strings.Join(strings.Fields(err.Error()), " ")
	}
	if !strings.Contains(flat, "Sent 1 of 1 record version") {
		t.Errorf("a push whose count was refused (400) did not send the new version:\n%s", flat)
	}
	if strings.Contains(flat, "trying again") {
		t.Errorf("a refused count is tried again:\n%s", flat)
	}
	if err == nil || !strings.Contains(flat, "could not ask") {
		t.Errorf("the push does not say it could not ask what the server holds: %v\n%s", err, flat)
	}
	if left := srv.Stats(t).FaultsLeft; left != 0 {
		t.Errorf("%d faults left: the count was not asked", left)
	}
}
