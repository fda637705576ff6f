package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/site"
)

// TestASummaryStopsAtABrokenProgrammesFileSayingWhere: with the site's
// programmes file broken (a TOML error) the summary ran on, exit 0 and
// no word, and named every programme by its id ("public-library") in
// the board's table. As everywhere in digicheck, a programmes file with a
// problem stops the summary, saying the file and the line.
func TestASummaryStopsAtABrokenProgrammesFileSayingWhere(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	broken := filepath.Join(t.TempDir(), "programmes.toml")
	if err := os.WriteFile(broken, []byte("[[programme]]\nid = \"local-help\"\nname = \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"table", "markdown", "html"} {
		out, errOut, err := runReportCmd(t, site.Settings{Programmes: broken}, (*app).summaryCmd, "--format", format, db)
		if err == nil {
			t.Fatalf("%s: the summary ran with a broken programmes file:\n%s%s", format, out, errOut)
		}
		if !strings.Contains(err.Error(), "programmes.toml") {
			t.Errorf("%s: the error does not name the file: %v", format, err)
		}
		if strings.Contains(out, "public-library") {
			t.Errorf("%s: programmes are named by their ids:\n%s", format, out)
		}
	}
}
