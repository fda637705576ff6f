package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"digicheck/report"
	"digicheck/site"
)

// editedExport exports the synthetic store as format into dir and hands
// its rows (a CSV's records, or an NDJSON's lines) to edit, which changes
// what it will; it writes the result to a file and returns its path.
func editedExport(t *testing.T, dir, format string, edit func(rows [][]string, col map[string]int)) string {
	t.Helper()
	file := filepath.Join(dir, "A."+format)
	if _, errOut, err := runReportCmd(t, site.Settings{DB: syntheticDB(t)}, (*app).exportCmd, "--format", format, "--key-file", siteKey(t), "-o", file); err != nil {
		t.Fatalf("export: %v\n%s", err, errOut)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	col := map[string]int{}
	if format == "csv" {
		if rows, err = csv.NewReader(bytes.NewReader(b)).ReadAll(); err != nil {
			t.Fatal(err)
		}
		for i, h := range rows[0] {
			col[h] = i
		}
	} else {
		for _, l := range strings.SplitAfter(string(b), "\n") {
			if l != "" {
				rows = append(rows, []string{l})
			}
		}
	}
	edit(rows, col)
	var out bytes.Buffer
	if format == "csv" {
		w := csv.NewWriter(&out)
		w.UseCRLF = bytes.Contains(b, []byte("\r\n"))
		if err := w.WriteAll(rows); err != nil {
			t.Fatal(err)
		}
	} else {
		for _, r := range rows {
			out.WriteString(r[0])
		}
	}
	edited := filepath.Join(dir, "A_edited."+format)
	if err := os.WriteFile(edited, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return edited
}

// withoutCSVRowChecks takes the row_check column out of a CSV export's
// rows, as an export of a build before row checks lacks it.
func withoutCSVRowChecks(rows [][]string, col map[string]int) {
	if k, ok := col[report.RowCheckColumn]; ok {
		for j := range rows {
			rows[j] = slices.Delete(rows[j], k, k+1)
		}
	}
	// The end mark's words say so too, in a build with row checks.
	last := rows[len(rows)-1]
	last[0] = strings.Replace(last[0], "; "+report.RowsChecked, "", 1)
}

// A team's export with 30 rows' access band changed from "none" to
// "significant" in a spreadsheet, their answers left as they were, was
// summarised as it stood: exit 0, no word, and the access table moved by
// 25 patients. Each row's bands are worked out again from its answers, and
// the export is refused, naming the rows by file and line.
func TestASummaryOfAnExportWithBandsEditedAgainstTheirAnswersIsRefusedNamingTheRows(t *testing.T) {
	t.Parallel()
	for _, format := range []string{"csv", "ndjson"} {
		dir := t.TempDir()
		var lines []int
		file := editedExport(t, dir, format, func(rows [][]string, col map[string]int) {
			for i, r := range rows {
				if len(lines) == 30 {
					return
				}
				if format == "csv" {
					if i > 0 && r[col["status"]] == "completed" && r[col["band_access"]] == "none" {
						r[col["band_access"]] = "significant"
						lines = append(lines, i+1)
					}
				} else if strings.Contains(r[0], `"status":"completed"`) && strings.Contains(r[0], `"bands":{"access":"none"`) {
					r[0] = strings.Replace(r[0], `"bands":{"access":"none"`, `"bands":{"access":"significant"`, 1)
					lines = append(lines, i+1)
				}
			}
		})
		if len(lines) != 30 {
			t.Fatalf("%s: %d rows edited", format, len(lines))
		}
		out, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, file)
		if err == nil {
			t.Fatalf("%s: the export with 30 bands edited was summarised:\n%.600s", format, out)
		}
		for _, want := range []string{
			"30 rows of " + file + " have bands that are not those their answers give",
			fmt.Sprintf("%s:%d: access band significant, but its answers give none", file, lines[0]),
			"nothing of the file is counted",
		} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: the refusal does not say %q:\n%v\n%s", format, want, err, errOut)
			}
		}
		if strings.Contains(out, "Access") {
			t.Errorf("%s: counts printed beside the refusal:\n%.600s", format, out)
		}
	}
}

// One row of a CSV export dated 2009-01-01 (a PC whose clock reset) made a
// summary with no --from start in January 2009: 200 months of none, every
// count over the span hidden, and nothing named the row, where one dated
// 1999 was named with its file and line. The row is now named on standard
// error with its file, line and date, with what to do; the counts are as
// before, and a summary from a given date, which does not start at it,
// names nothing.
func TestASummaryNamesTheRecordItsSpanStartsWithWhenDatedLongBeforeTheRest(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	line := 0
	file := editedExport(t, dir, "csv", func(rows [][]string, col map[string]int) {
		for i, r := range rows {
			if i > 0 && i > len(rows)/2 && r[col["status"]] == "completed" && r[col["amends"]] == "" && r[col["follows_up"]] == "" {
				r[col["time"]], r[col["date"]] = "2009-01-01T00:00:00Z", "2009-01-01"
				line = i + 1
				break
			}
		}
		// As the store held it (or an earlier build exported it, with
		// no row checks to find the row changed).
		withoutCSVRowChecks(rows, col)
	})
	// Its start not asked for (--to alone; with neither, the summary
	// counts the last whole month).
	out, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--to", "2025-06-30", file)
	if err != nil {
		t.Fatalf("summary: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "1 Jan 2009") {
		t.Errorf("the summary does not start in January 2009 as its span asks:\n%.600s", out)
	}
	for _, want := range []string{
		"the summary's span starts with an assessment dated long before any other read (from 2009-01-01; the next is dated 2025-01-",
		fmt.Sprintf("%s:%d (dated 2009-01-01)", file, line),
		"give --from 2025-01-01 to count from the rest",
	} {
		if !strings.Contains(strings.Join(strings.Fields(errOut), " "), want) {
			t.Errorf("standard error does not say %q:\n%s", want, errOut)
		}
	}
	_, errOut, err = runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--from", "2025-01-01", file)
	if err != nil {
		t.Fatalf("summary --from: %v\n%s", err, errOut)
	}
	if strings.Contains(errOut, "2009") {
		t.Errorf("a summary from 2025 names the 2009 row:\n%s", errOut)
	}
}
