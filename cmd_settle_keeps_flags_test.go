package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestTheSettleCommandsPrintedKeepTheStoreAndConfigGiven: push run with
// --db and --config printed its settle commands without them
// ("digicheck push --resolve ID --keep-mine"); pasted, they acted on the
// default store and said "no record with id". They now carry the --db and
// --config the command was run with.
func TestTheSettleCommandsPrintedKeepTheStoreAndConfigGiven(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	a, _, _, _ := laptopInConflict(t)
	cfg := filepath.Join(t.TempDir(), "site config.toml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf("fhir_server = %q\n", a.siteServer())), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := runCLI(t, nil, "", "--db", a.settings.DB, "--config", cfg, "push")
	said := stderr + errText(err)
	want := fmt.Sprintf("digicheck push --db %s --config '%s' --conflicts", a.settings.DB, cfg)
	if err == nil || !strings.Contains(unfolded(said), want) {
		t.Errorf("push's settle commands do not keep --db and --config (want %q):\n%s", want, said)
	}
}

// TestKeepingTheServersVersionSaysToSeeBothWithTheStoreAndConfigGiven:
// after push --db PATH --config PATH --resolve ID --keep-server, the "see
// both with" command read "digicheck history PATIENT"; pasted, it showed
// the default store's history, or no store at all. It now carries the
// --db and --config the settle was run with.
func TestKeepingTheServersVersionSaysToSeeBothWithTheStoreAndConfigGiven(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	a, _, first, onLaptop := laptopInConflict(t)
	cfg := filepath.Join(t.TempDir(), "site config.toml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf("fhir_server = %q\n", a.siteServer())), 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runCLI(t, nil, "", "--db", a.settings.DB, "--config", cfg, "push", "--resolve", onLaptop.ID.String()[:13], "--keep-server")
	if err != nil {
		t.Fatalf("--keep-server: %v\n%s%s", err, out, stderr)
	}
	want := fmt.Sprintf("digicheck history --db %s --config '%s' %s", a.settings.DB, cfg, first.Patient.Value)
	if !strings.Contains(strings.Join(strings.Fields(strings.ReplaceAll(out, "\\\n", " ")), " "), want) {
		t.Errorf("the settle's history command does not keep --db and --config (want %q):\n%s", want, out)
	}
}

// TestTheSettleCommandsOfAPushToATestServerKeepTestServer: the settle
// commands printed by a push given --test-server (a synthetic store's, to
// a test server) left it out; pasted, the settle was made here and its
// send refused ("synthetic test records are not sent to a trust's
// server"). They now carry --test-server, as push and push --conflicts
// print them.
func TestTheSettleCommandsOfAPushToATestServerKeepTestServer(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	a, _, _, onLaptop := laptopInConflict(t)
	_, stderr, err := execute(a, (*app).pushCmd, "", "--test-server")
	said := strings.Join(strings.Fields(strings.ReplaceAll(stderr+errText(err), "\\\n", " ")), " ")
	if err == nil || !strings.Contains(said, "digicheck push --test-server --conflicts") {
		t.Errorf("push --test-server's commands leave out --test-server:\n%s", said)
	}
	out, _, err := execute(a, (*app).pushCmd, "", "--test-server", "--conflicts")
	said = strings.Join(strings.Fields(strings.ReplaceAll(out, "\\\n", " ")), " ")
	if err != nil || !strings.Contains(said, "digicheck push --test-server --resolve "+onLaptop.ID.String()[:13]+" --keep-mine") ||
		!strings.Contains(said, "digicheck push --test-server --resolve "+onLaptop.ID.String()[:13]+" --keep-server") {
		t.Errorf("push --test-server --conflicts's settle commands leave out --test-server (%v):\n%s", err, said)
	}
}
