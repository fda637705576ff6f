package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSummaryWritesToAFileAsExportDoes: README told a scheduled task to
// send what it keeps to a file with -o FILE, but summary had no -o
// ("unknown shorthand flag: 'o'"), so a redirect was the only way, and a
// summary cut short by a full disk was left in place looking whole.
// summary -o FILE writes the file as export -o does: never over an
// existing file, and put in place only when whole.
func TestSummaryWritesToAFileAsExportDoes(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	dir := t.TempDir()
	dest := filepath.Join(dir, "summary.csv")
	want, _, err := runStoreCmd(t, db, (*app).summaryCmd, "--format", "csv", "--from", "2025-01-01", "--to", "2025-06-30")
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := runStoreCmd(t, db, (*app).summaryCmd, "--format", "csv", "--from", "2025-01-01", "--to", "2025-06-30", "-o", dest)
	if err != nil {
		t.Fatalf("summary -o: %v", err)
	}
	if out != "" {
		t.Errorf("summary -o wrote to standard output too:\n%s", out)
	}
	if got := fileBytes(t, dest); got != want {
		t.Errorf("the file differs from the summary on standard output")
	}
	if fi, err := os.Stat(dest); err == nil && fi.Mode().Perm() != 0o600 {
		t.Errorf("the summary file is %v, want 0600 as an export's", fi.Mode().Perm())
	}
	_, _, err = runStoreCmd(t, db, (*app).summaryCmd, "--format", "csv", "--from", "2025-01-01", "--to", "2025-06-30", "-o", dest)
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("summary -o over an existing file: %v, want it refused", err)
	}
	if fileBytes(t, dest) != want {
		t.Errorf("summary -o changed an existing file")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("%d files beside the summary, want 1 (no temporary left)", len(ents))
	}
}

// TestDueWritesToAFileAsExportDoes: due had no -o either, though README
// gave it to scheduled tasks; it writes as summary -o and export -o do.
func TestDueWritesToAFileAsExportDoes(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 1)
	dir := t.TempDir()
	dest := filepath.Join(dir, "due.csv")
	want, _, err := runStoreCmd(t, path, (*app).dueCmd, "--within", "3660", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := runStoreCmd(t, path, (*app).dueCmd, "--within", "3660", "--format", "csv", "-o", dest)
	if err != nil || out != "" {
		t.Fatalf("due -o: %v, standard output %q", err, out)
	}
	if got := fileBytes(t, dest); got != want || !strings.Contains(got, "9434765919") {
		t.Errorf("the file differs from the list on standard output:\n%s\n%s", got, want)
	}
	if _, _, err = runStoreCmd(t, path, (*app).dueCmd, "-o", dest); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("due -o over an existing file: %v, want it refused", err)
	}
	if fileBytes(t, dest) != want {
		t.Errorf("due -o changed an existing file")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("%d files beside the list, want 1 (no temporary left)", len(ents))
	}
}
