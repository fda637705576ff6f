package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestACheckServerDryRunTheServerDoesNotAnswerGivesNoCount: push
// --check-server --dry-run whose asking the server refused (429, with a
// Retry-After of 10 minutes) or did not answer (a 503 throughout) said
// first "Dry run: 0 record versions in 0 Bundles would be sent", on a
// machine with a version waiting to go, then only the server's answer. It gives no count, as it did not get as far as one,
// and says what to run, and when (after the wait the server asked for),
// with this run's flags.
func TestACheckServerDryRunTheServerDoesNotAnswerGivesNoCount(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv, path, given := pushedTwo(t)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	waiting := testkit.Assessed(t, testkit.Offline(nil))
	if err := st.Save(&waiting); err != nil {
		t.Fatal(err)
	}
	tenMinutes := 600
	for _, tc := range []struct {
		fault fhirserver.Fault
		when  string
	}{
		{fhirserver.Fault{Status: 429, RetryAfter: &tenMinutes, Times: 1000, Method: "GET"}, "in 10 minutes or later, as the server asked"},
		{fhirserver.Fault{Status: 503, Times: 1000, Method: "GET"}, "when the server answers"},
	} {
		srv.Control(t, fhirserver.Control{ClearFaults: true})
		srv.Faults(t, tc.fault)
		out, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base, "--check-server", "--dry-run", "--max-wait", "1s")
		if err == nil {
			t.Fatalf("the dry run answered %d exits 0:\n%s%s", tc.fault.Status, out, stderr)
		}
		flat := strings.Join(strings.Fields(stderr+err.Error()), " ")
		if strings.Contains(flat, "would be sent") {
			t.Errorf("the dry run answered %d gives a count:\n%s", tc.fault.Status, flat)
		}
		for _, want := range []string{
			"nothing was sent",
			"run digicheck push --db " + path + " --server " + srv.Base + " --check-server --dry-run again " + tc.when,
		} {
			if !strings.Contains(strings.ToLower(flat), strings.ToLower(want)) {
				t.Errorf("the dry run answered %d does not say %q:\n%s", tc.fault.Status, want, flat)
			}
		}
		bare(t, flat, given.given, srv.Base)
	}
}
