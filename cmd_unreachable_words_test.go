package main

import (
	"net"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/site"
)

// TestAServerNotReachedIsSaidOncePlainly: history with a FHIR server
// that refuses connections said "could not reach the FHIR server …
// (cannot reach the FHIR server 127.0.0.1:PORT (dial tcp …) (after 2
// attempts))": nested, technical, and no next step. It is said once, in
// plain words, with what to do, the technical detail last.
func TestAServerNotReachedIsSaidOncePlainly(t *testing.T) {
	t.Parallel()
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

// TestAFollowUpOnAFreshMachineWithTheServerDownSaysItOncePlainly: a
// follow-up on a machine holding none of the patient's assessments, with
// the FHIR server down, ended "could not read patient …'s assessments from
// the FHIR server URL: cannot reach the FHIR server URL (dial tcp …)
// (after 2 attempts)": the server named twice, two bracketed tails, no
// "tell IT". It is said as push, amend, void and history say it: once,
// plainly, with what to do, and the network's own words last, for IT.
func TestAFollowUpOnAFreshMachineWithTheServerDownSaysItOncePlainly(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	server := "http://" + addr + "/fhir"
	path := filepath.Join(t.TempDir(), "digicheck.db")
	a := &app{settings: site.Settings{DB: path, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: server}}}}
	_, stderr, err := execute(a, (*app).followupCmd, "", "943 476 7016")
	if err == nil {
		t.Fatalf("followup went on with nothing to follow up:\n%s", stderr)
	}
	all := strings.Join(strings.Fields(stderr+err.Error()), " ")
	if n := strings.Count(all, server); n != 2 { // asked, then not reached
		t.Errorf("the server is named %d times, want twice (asking, and not reached):\n%s%v", n, stderr, err)
	}
	msg := strings.Join(strings.Fields(err.Error()), " ")
	for _, want := range []string{"could not reach the FHIR server " + server, "patient 943 476 7016", "this machine holds none of them", "digicheck new", "If this goes on, tell IT.", "(Detail for IT: "} {
		if !strings.Contains(msg, want) {
			t.Errorf("followup does not say %q:\n%s", want, err)
		}
	}
	if strings.Count(msg, server) != 1 {
		t.Errorf("the refusal names the server more than once:\n%s", err)
	}
	if i, j := strings.Index(msg, "tell IT"), strings.Index(msg, "connection refused"); j < i {
		t.Errorf("the technical detail is not last, after what to do:\n%s", err)
	}
	if strings.Contains(msg, "cannot reach") || strings.Contains(msg, ") (") {
		t.Errorf("the refusal is nested:\n%s", err)
	}
	for _, l := range strings.Split(err.Error(), "\n") {
		if strings.HasPrefix(l, "  (Detail for IT: ") {
			return
		}
	}
	t.Errorf("the detail for IT is not on its own line:\n%s", err)
}

// TestHistoryPipedWrapsWhatItSaysAtTheWidth: history piped (to less, to a
// file) said its warnings on lines of 250 to 311 characters, where push,
// summary and the refusals fill theirs to COLUMNS, else 80. So does
// history now, at whole words.
func TestHistoryPipedWrapsWhatItSaysAtTheWidth(t *testing.T) {
	for _, columns := range []string{"", "60"} {
		t.Setenv("COLUMNS", columns)
		width := 80
		if columns != "" {
			width = 60
		}
		path, _, first := agreedToEverything(t)
		server := closedServer(t)
		_, stderr, err := runStoreCmd(t, path, (*app).historyCmd, first.Patient.Value, "--server", server)
		if err != nil {
			t.Fatalf("history: %v\n%s", err, stderr)
		}
		if !strings.Contains(strings.Join(strings.Fields(stderr), " "), "What is shown is this machine's record of patient "+first.Patient.String()+" only") {
			t.Fatalf("history does not say the server was not reached:\n%s", stderr)
		}
		for _, l := range strings.Split(stderr, "\n") {
			if len([]rune(l)) > width {
				t.Errorf("COLUMNS=%q: a line of %d columns, over %d: %q", columns, len([]rune(l)), width, l)
			}
		}
	}
}
