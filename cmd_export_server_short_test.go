package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestAnExportOfAServerThatLostRecordsCarriesTheMark: export --server of a
// server restored from an older backup said on standard error that it was
// short, and wrote a file that did not: loaded into a warehouse, or
// summarised, it was taken for the server's whole. Every format's file now
// carries the mark, in every row, line or resource, as a summary of the
// server carries its caveat, until the server holds them again.
func TestAnExportOfAServerThatLostRecordsCarriesTheMark(t *testing.T) {
	testkit.EndToEnd(t)
	srv := fhirserver.Start(t)
	path, _ := storeWith(t, 3)
	if _, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push: %v\n%s", err, stderr)
	}
	_, wst, _ := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	qi := filepath.Join(t.TempDir(), "qi.db")
	export := func(format string) (string, string) {
		t.Helper()
		to := filepath.Join(t.TempDir(), "export."+format)
		_, stderr, err := runStoreCmd(t, qi, (*app).exportCmd, "--server", srv.Base, "--format", format, "--identifiable", "-o", to)
		if err != nil {
			t.Fatalf("export --server --format %s: %v\n%s", format, err, stderr)
		}
		b, err := os.ReadFile(to)
		if err != nil {
			t.Fatal(err)
		}
		return string(b), stderr
	}
	if got, _ := export("csv"); strings.Contains(got, "SERVER SHORT") {
		t.Fatalf("the export of a server that lost nothing is marked short:\n%s", got)
	}

	// Restored from an older backup: the first store's assessments are
	// gone.
	srv.Control(t, fhirserver.Control{Reset: true})
	fhirserver.SendStore(t, srv.Base, wst)

	for _, format := range []string{"csv", "ndjson", "fhir"} {
		got, stderr := export(format)
		lines := strings.Split(strings.TrimSpace(got), "\n")
		if format == "csv" {
			lines = lines[1:] // the header
		}
		for i, l := range lines {
			if !strings.Contains(l, "SERVER SHORT") || !strings.Contains(l, "3 record versions") {
				t.Errorf("%s: line %d of %d of the export does not carry the mark of the 3 record versions the server lost:\n%.300s...\nstderr:\n%s", format, i+1, len(lines), l, stderr)
				break
			}
		}
	}
	if _, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push after the loss: %v\n%s", err, stderr)
	}
	if got, stderr := export("csv"); strings.Contains(got, "SERVER SHORT") {
		t.Errorf("the mark stays once the server holds every version again:\n%s\n%s", got, stderr)
	}
}
