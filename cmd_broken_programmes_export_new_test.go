package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/site"
)

// brokenProgrammes writes a programmes file with a TOML error on line 3,
// and one that parses but that programmes --check refuses (a local
// programme with a national programme's name), and returns both.
func brokenProgrammes(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.toml")
	if err := os.WriteFile(broken, []byte("[[programme]]\nid = \"local-help\"\nname = \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	refused := filepath.Join(dir, "refused.toml")
	if err := os.WriteFile(refused, []byte("[[programme]]\nid = \"council-help\"\nname = \"Your local public library\"\n"+
		"description = \"Drop-in help\"\nurl = \"https://example.org/help\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return []string{broken, refused}
}

// TestAnExportStopsAtAProgrammesFileWithAProblemSayingWhere: with the
// site's programmes file broken (a TOML error) or refused by programmes
// --check, export went on, exit 0 and no word, where a summary and an
// assessment stop at it. It stops, naming the file and its line, and
// writes no file.
func TestAnExportStopsAtAProgrammesFileWithAProblemSayingWhere(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	for _, bad := range brokenProgrammes(t) {
		out := filepath.Join(t.TempDir(), "export.csv")
		_, _, err := runReportCmd(t, site.Settings{DB: db, Programmes: bad}, (*app).exportCmd, "--format", "csv", "--identifiable", "-o", out)
		if err == nil {
			t.Errorf("%s: the export ran with a programmes file with a problem", filepath.Base(bad))
			continue
		}
		if !strings.Contains(err.Error(), filepath.Base(bad)+":") {
			t.Errorf("%s: the error does not name the file and line: %v", filepath.Base(bad), err)
		}
		if _, serr := os.Stat(out); serr == nil {
			t.Errorf("%s: the export was written", filepath.Base(bad))
		}
	}
}

// TestANewAssessmentMakesNoStoreBeforeRefusingItsProgrammesFile:
// digicheck --db new.db --programmes bad.toml made the new store, then
// refused the file, leaving an empty store behind where none was asked
// for once the file is mended. The file is checked first.
func TestANewAssessmentMakesNoStoreBeforeRefusingItsProgrammesFile(t *testing.T) {
	t.Parallel()
	for _, bad := range brokenProgrammes(t) {
		db := filepath.Join(t.TempDir(), "new.db")
		_, errOut, err := execute(&app{settings: site.Settings{DB: db, Programmes: bad}}, (*app).newCmd, "")
		if err == nil || !strings.Contains(err.Error(), filepath.Base(bad)+":") {
			t.Errorf("%s: %v; want the file refused at its line", filepath.Base(bad), err)
		}
		if _, serr := os.Stat(db); serr == nil || strings.Contains(errOut, "Started a new store") {
			t.Errorf("%s: a new store was made before the file was refused (%q)", filepath.Base(bad), errOut)
		}
	}
}
