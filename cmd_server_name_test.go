package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestEveryCommandNamesTheServerAsConfigured: with fhir_server set as
// http://localhost:PORT/fhir, history named it so, while push, amend and
// void on the same machine named it http://127.0.0.1:PORT/fhir: one
// server spelt two ways. Each names it as configured.
func TestEveryCommandNamesTheServerAsConfigured(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	a, srv, _, first, onLaptop := offlineLaptop(t)
	local := strings.Replace(srv.Base, "127.0.0.1", "localhost", 1)
	if local == srv.Base {
		t.Fatalf("the test server is not at 127.0.0.1: %s", srv.Base)
	}
	a.settings.Config.FHIRServer.FHIRServerURL = local
	check := func(what, text string, named bool) {
		t.Helper()
		if strings.Contains(text, srv.Base) {
			t.Errorf("%s names the server %s, configured as %s:\n%s", what, srv.Base, local, text)
		}
		if named && !strings.Contains(text, local) {
			t.Errorf("%s does not name the server %s:\n%s", what, local, text)
		}
	}
	out, stderr, err := execute(a, (*app).pushCmd, "")
	check("push", out+stderr+errText(err), true)
	out, stderr, err = execute(a, (*app).pushCmd, "", "--conflicts")
	check("push --conflicts", out+stderr+errText(err), true)
	out, stderr, err = execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-server")
	check("push --resolve --keep-server", out+stderr+errText(err), false)
	out, stderr, err = execute(a, (*app).pushCmd, "")
	check("push with nothing to send", out+stderr+errText(err), true)
	out, stderr, err = execute(a, (*app).amendCmd, "", first.ID.String(), "--reason", "wrong answer")
	check("amend", out+stderr+errText(err), true)
}

// TestAPushThatCannotReachTheServerNamesItAsConfigured: a push to a
// fhir_server of http://localhost:PORT that could not reach it said
// "not sent to http://localhost:PORT/fhir: cannot reach the FHIR server
// 127.0.0.1:PORT": one server, two names, in one sentence.
func TestAPushThatCannotReachTheServerNamesItAsConfigured(t *testing.T) {
	t.Parallel()
	path, _, _ := agreedToEverything(t)
	closed := strings.Replace(closedServer(t), "127.0.0.1", "localhost", 1)
	host := strings.TrimPrefix(strings.TrimSuffix(closed, "/fhir"), "http://")
	out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", closed, "--max-wait", "1s")
	if err == nil {
		t.Fatalf("push to a closed port: no error\n%s%s", out, stderr)
	}
	all := out + stderr + err.Error()
	// By its URL, as configured: the host and port alone were a third
	// spelling.
	if strings.Contains(all, "FHIR server 127.0.0.1") || strings.Contains(all, "FHIR server "+host) || !strings.Contains(all, "not sent to "+closed) {
		t.Errorf("push names the server %s other than as given:\n%s", strings.Replace(host, "localhost", "127.0.0.1", 1), all)
	}
}
