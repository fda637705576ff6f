package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/store"
)

// TestASummaryOfADamagedStoreNamesItsPathOnStandardErrorOnly: the DAMAGED
// STORE banner of a published summary put the store's full path into the
// board report, and a file named for a patient carries their NHS number.
// With disclosure control the output says which store without its path;
// whoever is at the keyboard is still told the path, on standard error.
// With --exact the output names it, as before.
func TestASummaryOfADamagedStoreNamesItsPathOnStandardErrorOnly(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 2)
	named := filepath.Join(filepath.Dir(path), "patient 9434765919.db")
	if err := os.Rename(path, named); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(store.DamageNote(named), []byte("the store has 1 problem(s)\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"json", "markdown", "html"} {
		out, stderr, err := runStoreCmd(t, named, (*app).summaryCmd, "--format", format, named)
		if err != nil {
			t.Fatalf("summary --format %s: %v\n%s", format, err, stderr)
		}
		if strings.Contains(out, "9434765919") || !strings.Contains(out, "DAMAGED STORE") {
			t.Errorf("summary --format %s does not say a store is damaged without its path:\n%s", format, out)
		}
		if !strings.Contains(strings.Join(strings.Fields(stderr), " "), "patient 9434765919.db found damaged") {
			t.Errorf("summary --format %s does not tell standard error which store is damaged:\n%s", format, stderr)
		}
		out, _, err = runStoreCmd(t, named, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", format, named)
		if err != nil || !strings.Contains(out, "patient 9434765919.db found damaged") {
			t.Errorf("summary --exact --format %s = %v; want the damaged store named:\n%s", format, err, out)
		}
	}
}
