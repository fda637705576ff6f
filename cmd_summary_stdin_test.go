package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/site"
)

// An export piped in (digicheck export --format csv | digicheck summary
// -) was refused as "not a digicheck store", though a summary reads
// export files beside stores. - reads standard input: the export is kept
// in a temporary file, readable by its owner only and gone when the
// summary ends, as a summary reads an export twice, and counted as the
// same export given as a FILE is.
func TestSummaryCountsAnExportPipedInOnStandardInput(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	for _, format := range []string{"csv", "ndjson"} {
		file := filepath.Join(t.TempDir(), "all."+format)
		if _, _, err := runReportCmd(t, site.Settings{DB: db}, (*app).exportCmd, "--format", format, "--identifiable", "-o", file); err != nil {
			t.Fatal(err)
		}
		want, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", "csv", file)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		s := site.Settings{}
		s.Config.Disclosure = site.DefaultDisclosure
		got, stderr, err := execute(&app{settings: s}, (*app).summaryCmd, string(b), "--from", "2000-01-01", "--exact", "--format", "csv", "-")
		if err != nil {
			t.Fatalf("summary - of a %s export piped in: %v\n%s", format, err, stderr)
		}
		if got != want {
			t.Errorf("a %s export piped in is counted otherwise than the same file:\n%s\nwant\n%s", format, got, want)
		}
	}
}

// What is piped in and is no export is said for what it is, with what to
// do, never "not a digicheck store".
func TestSummaryOfStandardInputHoldingNoExportSaysWhatToDo(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, input, want string }{
		{"nothing", "", "standard input is empty"},
		{"text", "hello, world\n", "standard input holds no digicheck export"},
	} {
		_, stderr, err := runStoreCmdIn(t, filepath.Join(t.TempDir(), "none.db"), c.input, (*app).summaryCmd, "--exact", "-")
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "digicheck export") || strings.Contains(err.Error(), "not a digicheck store") {
			t.Errorf("summary - of %s piped in = %v; want %q, and how to pipe an export in\n%s", c.name, err, c.want, stderr)
		}
	}
}
