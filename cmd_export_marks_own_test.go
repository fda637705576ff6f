package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/report"
)

// An export that found the damage itself (a record that does not match
// its checksum, no check run before) wrote the damage note, yet its own
// file carried no mark (the CSV damaged_store column, the NDJSON field,
// the FHIR damaged-store tag); a second export did. The file it writes
// carries the mark, as a second export's does.
func TestAnExportThatFindsDamageMarksItsOwnFile(t *testing.T) {
	t.Parallel()
	for _, format := range []string{"csv", "ndjson", "fhir"} {
		t.Run(format, func(t *testing.T) {
			path, rs := storeWith(t, 3)
			forgeBytes(t, path, rs[1].ID.String(), `"R Patel"`, `"R Pate1"`)
			out := filepath.Join(t.TempDir(), "e."+format)
			_, stderr, err := runStoreCmd(t, path, (*app).exportCmd, "--format", format, "--identifiable", "-o", out)
			if err == nil {
				t.Fatalf("%s export of a store with a record damaged succeeded; want it to fail at the end\n%s", format, stderr)
			}
			b, rerr := os.ReadFile(out)
			if rerr != nil {
				t.Fatalf("no export file: %v\n%s", rerr, stderr)
			}
			mark := report.DamagedColumn
			if format == "fhir" {
				mark = `"damaged-store"`
			}
			if !strings.Contains(string(b), mark) {
				t.Errorf("%s export that found the store damaged carries no %s mark:\n%s", format, mark, b)
			}
			if format == "csv" && !strings.Contains(strings.SplitN(string(b), "\n", 2)[0], report.DamagedColumn) {
				t.Errorf("csv export's header has no %s column", report.DamagedColumn)
			}
			if !strings.Contains(string(b), rs[2].ID.String()) || !strings.Contains(string(b), rs[0].ID.String()) {
				t.Errorf("%s export lacks the readable records:\n%s", format, b)
			}
		})
	}
}
