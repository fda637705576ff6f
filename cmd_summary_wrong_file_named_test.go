package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/report"
	"digicheck/site"
)

// Files given to summary that a QI lead has to hand beside an export: a
// summary's own Markdown, HTML or table output, an export compressed to
// send it, the site's pseudonym key file, and a store's damage note. Each
// was taken for a damaged store and told to "ask IT to restore the store
// from a backup", sending them to IT over a store that was sound. Each is
// now said for what it is, with what to give summary instead, and refused
// with the usual status (1), with no word of restoring a store.
func TestAFileBesideAnExportGivenToSummaryIsSaidForWhatItIs(t *testing.T) {
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
	run := func(args ...string) []byte {
		out, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, args...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errOut)
		}
		return []byte(out)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	if _, err := zw.Write(run("--format", "csv", db)); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	key := filepath.Join(dir, "pseudonym.key")
	if err := report.NewKeyFile(key); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, path string
		says       []string
	}{
		{"a summary's Markdown", write("sum.md", run("--format", "markdown", db)), []string{"summary's own output", "not an export"}},
		{"a summary's HTML", write("sum.html", run("--format", "html", db)), []string{"summary's own output", "not an export"}},
		{"a summary's table", write("sum.txt", run("--format", "table", db)), []string{"summary's own output", "not an export"}},
		{"a compressed file", write("export.csv.gz", gz.Bytes()), []string{"compressed", "gunzip"}},
		{"the site key file", key, []string{"pseudonym key file", "not an export"}},
		{"a damage note", write("digicheck.db.damaged", []byte("the digicheck store /x/digicheck.db is damaged: 2 records cannot be read; run digicheck check\n")), []string{"damage note", "not an export"}},
	} {
		_, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, c.path)
		if err == nil {
			t.Errorf("%s: summarised:\n%s", c.name, errOut)
			continue
		}
		said := strings.Join(strings.Fields(err.Error()+" "+errOut), " ")
		if s := exitStatus(err); s != 1 {
			t.Errorf("%s: exit status %d, want 1", c.name, s)
		}
		if strings.Contains(said, "restore the store") || strings.Contains(said, "ask IT") {
			t.Errorf("%s given to summary is told to restore the store:\n%s", c.name, said)
		}
		for _, w := range c.says {
			if !strings.Contains(said, w) {
				t.Errorf("%s: does not say %q:\n%s", c.name, w, said)
			}
		}
		if !strings.Contains(said, "export") {
			t.Errorf("%s: does not say what to give summary instead:\n%s", c.name, said)
		}
	}
}

// The CSV list of reviews due (digicheck due --format csv), given to
// summary, was called a CSV export with its id column removed, and told
// to put the column back. It is said to be a list of reviews due, not an
// export, with what to give instead, in any case and with tabs between
// its fields, as a spreadsheet may save it again.
func TestAListOfReviewsDueGivenToSummaryIsSaidForWhatItIs(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	out, errOut, err := runStoreCmd(t, db, (*app).dueCmd, "--format", "csv", "--within", "3660")
	if err != nil {
		t.Fatalf("due --format csv: %v\n%s", err, errOut)
	}
	if !strings.HasPrefix(out, "review_by,") {
		t.Fatalf("due --format csv wrote:\n%.300s", out)
	}
	dir := t.TempDir()
	head, rest, _ := strings.Cut(out, "\n")
	for name, b := range map[string]string{
		"due.csv":    out,
		"due-uc.csv": strings.ToUpper(head) + "\n" + rest,
		"due.tsv":    strings.ReplaceAll(head, ",", "\t") + "\n" + rest,
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(b), 0o600); err != nil {
			t.Fatal(err)
		}
		_, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, p)
		if err == nil {
			t.Errorf("%s: summarised:\n%s", name, errOut)
			continue
		}
		said := strings.Join(strings.Fields(err.Error()+" "+errOut), " ")
		if exitStatus(err) != 1 {
			t.Errorf("%s: exit status %d, want 1", name, exitStatus(err))
		}
		if !strings.Contains(said, "list of reviews due") || !strings.Contains(said, "not an export") {
			t.Errorf("%s: not said to be a list of reviews due, not an export:\n%s", name, said)
		}
		if strings.Contains(said, "removed") || strings.Contains(said, "put back") || strings.Contains(said, "restore the store") {
			t.Errorf("%s: told to mend it as an export, or restore the store:\n%s", name, said)
		}
	}
}
