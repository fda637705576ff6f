package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestAPlainPushWhoseCountTheServerIsTooBusyToAnswerSaysNothingIsLost: a
// plain push asks the server how many assessments it holds first; busy
// (503) at every try, it said the server's answer, "not sent", and
// "whether it lost any ... is not known", and no more: not what a busy
// server is said as elsewhere, that nothing is lost, what to run once it
// answers, and to tell IT if it goes on. It says so, the server's own words once,
// for IT, whether or not there was anything to send.
func TestAPlainPushWhoseCountTheServerIsTooBusyToAnswerSaysNothingIsLost(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	for _, pending := range []bool{false, true} {
		t.Run(map[bool]string{false: "nothing to send", true: "a new assessment to send"}[pending], func(t *testing.T) {
			srv, path, given := pushedTwo(t)
			if pending {
				st, err := store.Open(path, store.Options{})
				if err != nil {
					t.Fatal(err)
				}
				r := testkit.Assessed(t, testkit.Offline(nil))
				if err := st.Save(&r); err != nil {
					t.Fatal(err)
				}
			}
			srv.Faults(t, fhirserver.Fault{Status: 503, Times: 50, Method: "GET", Path: "/QuestionnaireResponse"})
			out, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base)
			if err == nil {
				t.Fatalf("a push whose count the server was too busy to answer ends 0:\n%s%s", out, stderr)
			}
			said := unfolded(err.Error())
			wants := []string{
				"the FHIR server was busy",
				"If this goes on, tell IT",
				"(Detail for IT:",
				"digicheck push --db " + path + " --server " + srv.Base + " --check-server when the server answers",
			}
			if pending {
				wants = append(wants, "1 of 1 record version not sent", "Nothing is lost: it is kept here, and the next push sends it")
			} else {
				wants = append(wants, "Nothing here is lost")
			}
			for _, want := range wants {
				if !strings.Contains(said, want) {
					t.Errorf("the push does not say %q:\n%s", want, said)
				}
			}
			if n := strings.Count(said, "Service Unavailable"); n != 1 {
				t.Errorf("the server's answer is said %d times, not once, for IT:\n%s", n, said)
			}
		})
	}
}
