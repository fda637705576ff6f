package main

import (
	"path/filepath"
	"testing"

	"github.com/spf13/cobra"
)

// TestAnOutputFileInAMissingFolderSaysTheFolderIsMissing: export -o into
// a folder that does not exist said "cannot write the export to
// nodir/x.csv: open nodir/x.csv: no such file or directory", the system's
// words, not saying it is the folder that is missing. export, summary and
// due -o now say so, and what to do.
func TestAnOutputFileInAMissingFolderSaysTheFolderIsMissing(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 1)
	dir := filepath.Join(t.TempDir(), "nodir")
	for _, c := range []struct {
		what string
		mk   func(*app) *cobra.Command
		args []string
	}{
		{"export", (*app).exportCmd, []string{"--format", "csv", "--identifiable"}},
		{"summary", (*app).summaryCmd, []string{"--exact", "--from", "2000-01-01"}},
		{"list of reviews due", (*app).dueCmd, nil},
	} {
		out := filepath.Join(dir, "x.csv")
		_, _, err := runStoreCmd(t, path, c.mk, append(c.args, "-o", out)...)
		want := "cannot write the " + c.what + " to " + out + ": the folder " + dir + " does not exist; make it first, or give -o a file in a folder that exists"
		if err == nil || err.Error() != want {
			t.Errorf("%s -o into a missing folder:\n%v\nwant:\n%s", c.what, err, want)
		}
	}
}
