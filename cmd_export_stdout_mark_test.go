package main

import (
	"strings"
	"testing"

	"digicheck/report"
)

// Damaged stores, fault 8: an export to standard output that found the
// damage itself (a record that does not match its checksum, no check run
// before) carried no mark, where an export to a file is written again
// with it: a stream cannot be taken back. The stream carries the mark from
// its first line (the CSV damaged_store column, the NDJSON field, the FHIR
// damaged-store tag), and the export fails at the end.
func TestAnExportToStandardOutputThatFindsDamageIsMarked(t *testing.T) {
	t.Parallel()
	for _, format := range []string{"csv", "ndjson", "fhir"} {
		t.Run(format, func(t *testing.T) {
			path, rs := storeWith(t, 3)
			forgeBytes(t, path, rs[1].ID.String(), `"R Patel"`, `"R Pate1"`)
			out, stderr, err := runStoreCmd(t, path, (*app).exportCmd, "--format", format, "--identifiable")
			if err == nil {
				t.Fatalf("%s export of a store with a record damaged succeeded; want it to fail at the end\n%s", format, stderr)
			}
			mark := report.DamagedColumn
			if format == "fhir" {
				mark = `"damaged-store"`
			}
			first := strings.SplitN(out, "\n", 2)[0]
			if !strings.Contains(first, mark) {
				t.Errorf("%s export to standard output that found the store damaged carries no %s mark on its first line:\n%s", format, mark, out)
			}
			if !strings.Contains(out, rs[2].ID.String()) || !strings.Contains(out, rs[0].ID.String()) {
				t.Errorf("%s export lacks the readable records:\n%s", format, out)
			}
		})
	}
}
