package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"digicheck/report"
)

// TestAnExportSaysAsManyRecordsAsItsEndMarkAndNeverCallsAnUnreadableRowLeftOut:
// an export of a store whose void cannot be read wrote that void as an
// unreadable row, counted by its end mark ("3 records above"), while
// standard error said "Exported 2 records" and called the record "left
// out". Standard error now gives the end mark's number, says how many of
// them are unreadable rows, and names the record as written so.
func TestAnExportSaysAsManyRecordsAsItsEndMarkAndNeverCallsAnUnreadableRowLeftOut(t *testing.T) {
	t.Parallel()
	path, _, void := storeWithUnreadableVoid(t)
	mark := regexp.MustCompile(`end of export: (\d+) records? above|"` + report.MarkField + `":"` + report.MarkEnd + `","records":(\d+)`)
	for _, format := range []string{"csv", "ndjson"} {
		out, stderr, err := runStoreCmd(t, path, (*app).exportCmd, "--format", format, "--identifiable")
		if err == nil {
			t.Errorf("%s export of a store with an unreadable void ended as a success", format)
		}
		m := mark.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("%s export has no end mark:\n%s", format, out)
		}
		n := m[1] + m[2]
		above, _ := strconv.Atoi(n)
		flat := strings.Join(strings.Fields(stderr), " ")
		if !strings.Contains(flat, "Exported "+n+" records") {
			t.Errorf("%s export: its end mark says %d records above; standard error says otherwise:\n%s", format, above, stderr)
		}
		if strings.Contains(flat, "left out: record "+void.ID.String()) || (err != nil && strings.Contains(err.Error(), "left out")) {
			t.Errorf("%s export calls record %s, written as an unreadable row, left out: %v\n%s", format, void.ID, err, stderr)
		}
		if !strings.Contains(flat, void.ID.String()) || !strings.Contains(flat, "unreadable") {
			t.Errorf("%s export does not name record %s as written unreadable:\n%s", format, void.ID, stderr)
		}
	}
}

// oneUnreadable is how standard error names a record that could not be
// read (prefix, followed by its id), and the error the command ends with
// when there is one such record: a summary leaves it out; an export of
// format writes an unreadable row, line or entry in its place ("" for a
// summary).
func oneUnreadable(format string) (prefix, fails string) {
	if format != "csv" && format != "ndjson" && format != "fhir" {
		return "left out: record ", "1 record could not be read and was left out: run digicheck check"
	}
	return "unreadable: record ", "1 record could not be read, written as unreadable: run digicheck check"
}

// manyUnreadable is the start of the error a command ends with when more
// than one record could not be read (see oneUnreadable).
func manyUnreadable(n int, format string) string {
	if format == "" {
		return strconv.Itoa(n) + " records could not be read and were left out"
	}
	return strconv.Itoa(n) + " records could not be read, written as unreadable"
}
