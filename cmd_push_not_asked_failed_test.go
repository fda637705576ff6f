package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestAPushThatCouldNotAskTheServerAndFailedSaysBoth: the server fails
// every read (503), after a restore say. A plain push with a new
// assessment to send could not ask it whether it still holds this
// machine's versions, and could not send the new one either. It said
// only that the new one was not sent: that whether the server lost any
// of this machine's versions is not known, and what to run once it
// answers, was dropped. Both are said, and it fails.
func TestAPushThatCouldNotAskTheServerAndFailedSaysBoth(t *testing.T) {
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
	srv.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{Status: 503, Times: 1000, Method: "GET"}}})
	out, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base, "--max-wait", "1s")
	said := out + stderr
	if err != nil {
		said += err.Error()
	}
	flat := unfolded(said)
	if err == nil {
		t.Fatalf("a push that could neither ask the server nor send exits 0:\n%s", flat)
	}
	for _, want := range []string{
		"1 of 1 record version not sent",
		"could not ask " + srv.Base + " whether it still holds the assessments it accepted from this store",
		"is not known",
		"run digicheck push --db " + path + " --server " + srv.Base + " --check-server when the server answers",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the push does not say %q (what was not sent, and that the server could not be asked what it holds):\n%s", want, flat)
		}
	}
	bare(t, flat, given.given, srv.Base)
}
