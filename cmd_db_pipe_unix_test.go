//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A store given to --db as a pipe (--db <(cat team.db), or a FIFO) was
// refused with "ask IT to restore the store from a backup", words for a
// damaged store: nothing was wrong with it. It is refused as a pipe, with
// what to do: give --db the store's own path, or a copy saved as a file.
func TestAStoreGivenAsAPipeIsToldToGiveItsPath(t *testing.T) {
	t.Parallel()
	fifo := filepath.Join(t.TempDir(), "team.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFO here:", err)
	}
	_, stderr, err := runStoreCmd(t, fifo, (*app).summaryCmd, "--exact")
	if err == nil {
		t.Fatal("a pipe as the store was summarised")
	}
	said := flatWords(err.Error() + " " + stderr)
	for _, want := range []string{"not a regular file", "pipe", "give --db (or DIGICHECK_DB) the store's own path"} {
		if !strings.Contains(said, want) {
			t.Errorf("a pipe as the store: %q does not say %q", said, want)
		}
	}
	if strings.Contains(said, "restore the store from a backup") {
		t.Errorf("a pipe as the store is told to have the store restored from a backup: %s", said)
	}
}
