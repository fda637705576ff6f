package main

import (
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestCommandsPushSuggestForAnotherServerNameIt: pushed with --server to a
// server other than the site's, a conflict was reported with "digicheck
// push --conflicts" and "digicheck push --resolve RECORD --keep-mine",
// which, run as printed, asked the site's server and found no conflict.
// Every command push suggests then carries --server with that server.
func TestCommandsPushSuggestForAnotherServerNameIt(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	a, srv, _, _, onLaptop := offlineLaptop(t)
	site := fhirserver.Start(t)
	a.settings.Config.FHIRServer.FHIRServerURL = site.Base
	check := func(what, text string) {
		t.Helper()
		all := strings.Join(strings.Fields(text), " ")
		n := 0
		for _, m := range regexp.MustCompile(`digicheck push\S*( \S+)?( \S+)?`).FindAllString(all, -1) {
			n++
			if !strings.HasPrefix(m, "digicheck push --server "+srv.Base) {
				t.Errorf("%s suggests %q, without --server %s:\n%s", what, m, srv.Base, text)
			}
		}
		if n == 0 {
			t.Errorf("%s suggests no digicheck push command:\n%s", what, text)
		}
	}
	out, stderr, err := execute(a, (*app).pushCmd, "", "--server", srv.Base)
	if err == nil {
		t.Fatalf("push --server: no conflict reported:\n%s%s", out, stderr)
	}
	check("push --server", out+stderr+err.Error())
	out, stderr, err = execute(a, (*app).pushCmd, "", "--conflicts", "--server", srv.Base)
	if err != nil {
		t.Fatalf("push --conflicts --server: %v\n%s%s", err, out, stderr)
	}
	if !strings.Contains(out, onLaptop.ID.String()) {
		t.Fatalf("push --conflicts --server does not list the conflict:\n%s", out)
	}
	check("push --conflicts --server", out+stderr)
	_, _, err = execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-mine", "--keep-server", "--server", srv.Base)
	if err == nil {
		t.Fatal("--keep-mine with --keep-server: no error")
	}
	check("push --resolve with both", err.Error())
}
