package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/site"
)

// TestALaptopGivenServerIsOfferedTheSettlesThatWorkWhileTheOtherVersionIsLost:
// a laptop whose site config names no FHIR server, given --server on each
// command, had its amendment in conflict with a version the server has
// lost since. Its push said so, but history and show still said the server
// "holds another machine's version" and offered the plain settles, both
// refused when pasted. They now say the server no longer holds it, and
// offer the settles without it, each carrying --server, which work.
func TestALaptopGivenServerIsOfferedTheSettlesThatWorkWhileTheOtherVersionIsLost(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	_, ast, _, first, onB, onA := otherSideLostForGood(t, srv, false)
	d := &app{settings: site.Settings{DB: ast.Path()}} // no fhir_server
	short := shortOf(ast, onA.ID)
	name := configuredName(srv.Base)
	for _, run := range []struct {
		name string
		args []string
	}{
		{"history --server", []string{first.Patient.Value, "--server", srv.Base}},
		{"show", []string{short}},
	} {
		mk := (*app).historyCmd
		if run.name == "show" {
			mk = (*app).showCmd
		}
		out, stderr, err := execute(d, mk, "", run.args...)
		said := flat(out + stderr + errText(err))
		if testing.Verbose() {
			t.Logf("%s:\n%s%s%v", run.name, out, stderr, err)
		}
		if strings.Contains(said, "holds another machine's version") {
			t.Errorf("%s says the server holds a version it lost:\n%s", run.name, said)
		}
		for _, want := range []string{"no longer holds", onB.ID.String()[:13], "Nurse Bea", "lost, stolen or wiped",
			"digicheck push --server " + name + " --resolve " + short + " --keep-mine --other-version-lost",
			"digicheck push --server " + name + " --resolve " + short + " --keep-server --other-version-lost"} {
			if !strings.Contains(said, want) {
				t.Errorf("%s does not say %q:\n%s", run.name, want, said)
			}
		}
		for _, plain := range []string{"--resolve " + short + " --keep-mine\n", "--resolve " + short + " --keep-server\n"} {
			if strings.Contains(out+stderr+errText(err)+"\n", plain) {
				t.Errorf("%s offers the plain settle %q, refused while the server lacks B's version:\n%s", run.name, strings.TrimSpace(plain), said)
			}
		}
	}
	// The settle offered, pasted, settles.
	out, stderr, err := execute(d, (*app).pushCmd, "", "--server", name, "--resolve", short, "--keep-mine", "--other-version-lost")
	if err != nil {
		t.Fatalf("the settle offered is refused: %v\n%s%s", err, out, stderr)
	}
	if got := serverCurrent(t, srv.Base, first.ID); got != onA.ID {
		t.Errorf("after the settle the server's current version carries %s, not A's amendment %s", got, onA.ID)
	}
}
