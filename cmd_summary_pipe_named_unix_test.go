//go:build !windows

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"digicheck/site"
)

// A pipe given to summary by name (a named FIFO, or a shell's <(...),
// /dev/fd/63) is refused, for opening one waits for a writer and a
// summary reads an export twice; the refusal said to give the files
// themselves, and never that an export piped in is read as "-".
func TestAPipeGivenToSummaryByNameIsRefusedSayingToPipeItInAsDash(t *testing.T) {
	t.Parallel()
	fifo := filepath.Join(t.TempDir(), "export.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFO here:", err)
	}
	_, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, fifo)
	if err == nil {
		t.Fatal("a FIFO given by name was summarised")
	}
	if msg := strings.Join(strings.Fields(err.Error()), " "); !strings.Contains(msg, "pipe it in as -") || !strings.Contains(msg, "digicheck summary -") {
		t.Errorf("the refusal of a pipe given by name does not say to pipe it in as -: %s", msg)
	}
}
