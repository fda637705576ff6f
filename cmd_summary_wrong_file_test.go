package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/site"
)

// Files that are not what summary reads, handed to it as inputs: a
// folder, an Excel workbook, and a summary's own CSV or JSON output (a
// likely mix-up). The folder, the workbook and the summary's CSV were
// told "give --db (or DIGICHECK_DB) the store you meant", though the user
// gave summary a FILE, not --db; the summary's JSON got "not a digicheck
// record: unexpected end of JSON input". Each is now told what the file
// is and what summary reads (a store, or an export as it was exported),
// with no --db advice.
func TestAWrongFileGivenToSummaryIsSaidForWhatItIs(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	summaryOf := func(format string) []byte {
		out, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--format", format, "--from", "2025-01-01", "--to", "2025-06-30", db)
		if err != nil {
			t.Fatalf("summary --format %s: %v\n%s", format, err, errOut)
		}
		return []byte(out)
	}
	folder := filepath.Join(dir, "exports")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, path string
		says       []string
	}{
		{"a folder", folder, []string{"folder", "export"}},
		{"an Excel workbook", write("sheet.xlsx", append([]byte("PK\x03\x04\x14\x00\x06\x00"), make([]byte, 200)...)), []string{"workbook", "as it was exported"}},
		{"a summary's CSV", write("sum.csv", summaryOf("csv")), []string{"summary's own output", "as it was exported"}},
		{"a summary's JSON", write("sum.json", summaryOf("json")), []string{"summary's own output", "as it was exported"}},
	} {
		_, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, c.path)
		if err == nil {
			t.Errorf("%s: summarised:\n%s", c.name, errOut)
			continue
		}
		said := strings.Join(strings.Fields(err.Error()+" "+errOut), " ")
		if strings.Contains(said, "--db") || strings.Contains(said, "DIGICHECK_DB") {
			t.Errorf("%s given to summary is answered with --db advice:\n%s", c.name, said)
		}
		for _, w := range c.says {
			if !strings.Contains(said, w) {
				t.Errorf("%s: does not say %q:\n%s", c.name, w, said)
			}
		}
	}
}
