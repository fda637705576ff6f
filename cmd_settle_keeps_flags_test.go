package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTheSettleCommandsPrintedKeepTheStoreAndConfigGiven: push run with
// --db and --config printed its settle commands without them
// ("digicheck push --resolve ID --keep-mine"); pasted, they acted on the
// default store and said "no record with id". They now carry the --db and
// --config the command was run with.
func TestTheSettleCommandsPrintedKeepTheStoreAndConfigGiven(t *testing.T) {
	a, _, _, _ := laptopInConflict(t)
	cfg := filepath.Join(t.TempDir(), "site config.toml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf("fhir_server = %q\n", a.siteServer())), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := runCLI(t, nil, "", "--db", a.settings.DB, "--config", cfg, "push")
	said := stderr + errText(err)
	want := fmt.Sprintf("digicheck push --db %s --config '%s' --conflicts", a.settings.DB, cfg)
	if err == nil || !strings.Contains(strings.Join(strings.Fields(said), " "), want) {
		t.Errorf("push's settle commands do not keep --db and --config (want %q):\n%s", want, said)
	}
}
