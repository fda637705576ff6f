package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestWhileTheOtherVersionIsLostHistoryShowAndDryRunSayWhatPushSays: the
// server lost B's version, and A's push and amend said so, with the two
// settles that go without it. history and show of A's amendment still
// said the server refused it as it "holds another machine's version",
// offering the plain settles, which were refused; and push --dry-run said
// the server's version was one it no longer had. Each now says the server
// no longer holds it, and names the settles with --other-version-lost.
func TestWhileTheOtherVersionIsLostHistoryShowAndDryRunSayWhatPushSays(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	a, ast, _, first, onB, onA := otherSideLostForGood(t, srv, false)
	short := shortOf(ast, onA.ID)
	for _, run := range []struct {
		name string
		args []string
		do   func() (string, string, error)
	}{
		{"history", nil, func() (string, string, error) { return execute(a, (*app).historyCmd, "", first.Patient.Value) }},
		{"show", nil, func() (string, string, error) { return execute(a, (*app).showCmd, "", short) }},
		{"push --dry-run", []string{"--keep-server --other-version-lost"}, func() (string, string, error) {
			return execute(a, (*app).pushCmd, "", "--dry-run")
		}},
	} {
		out, stderr, err := run.do()
		said := flat(out + stderr + errText(err))
		if testing.Verbose() {
			t.Logf("%s:\n%s%s%v", run.name, out, stderr, err)
		}
		for _, never := range []string{"holds another machine's version", "its server version is"} {
			if strings.Contains(said, never) {
				t.Errorf("%s says %q of a version the server lost:\n%s", run.name, never, said)
			}
		}
		for _, want := range []string{"no longer holds", onB.ID.String()[:13], "Nurse Bea", "--resolve " + short + " --keep-mine --other-version-lost", "--resolve " + short + " --keep-server --other-version-lost", "lost, stolen or wiped"} {
			if !strings.Contains(said, want) {
				t.Errorf("%s does not say %q:\n%s", run.name, want, said)
			}
		}
		for _, plain := range []string{"--resolve " + short + " --keep-mine\n", "--resolve " + short + " --keep-server\n"} {
			if strings.Contains(out+stderr+errText(err)+"\n", plain) {
				t.Errorf("%s offers the plain settle %q, which is refused while the server lacks B's version:\n%s", run.name, strings.TrimSpace(plain), said)
			}
		}
	}
}
