package main

import (
	"bytes"
	"strings"
	"testing"

	"digicheck/report"
)

// An export of a FHIR server found short whose damaged_store marks were
// emptied on its records was first warned of as "exported from a damaged
// store (damaged_store: its heading says so)" before it was refused as
// changed: it was not exported from a damaged store. A damaged_store
// column (or field) whose first record's mark is empty cannot say which
// it was: the warning now says that, naming both, and no longer calls it
// an export of a damaged store.
func TestAnExportWithItsDamagedMarksEmptiedIsNotCalledAnExportOfADamagedStore(t *testing.T) {
	for _, c := range []struct{ kind, file string }{
		{report.InputCSV, "id,team," + report.DamagedColumn + "\r\n1,Ward 7,\r\n"},
		{report.InputNDJSON, `{"id":"1","team":"Ward 7","` + report.DamagedColumn + `":""}` + "\n"},
	} {
		var w bytes.Buffer
		how, short := warnDamagedExport(&w, strings.NewReader(c.file), "sl."+c.kind, c.kind)
		said := strings.Join(strings.Fields(w.String()), " ")
		if strings.Contains(said, "was exported from a damaged store") {
			t.Errorf("%s: an export whose mark is empty is said to be of a damaged store:\n%s", c.kind, said)
		}
		for _, want := range []string{"damaged store", "FHIR server found short", "empty"} {
			if !strings.Contains(said, want) {
				t.Errorf("%s: does not say %q:\n%s", c.kind, want, said)
			}
		}
		if how == "" || short {
			t.Errorf("%s: caveat %q, server short %v; want a caveat that names neither as certain", c.kind, how, short)
		}
	}
}
