//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// A FIFO given as the store (--db, DIGICHECK_DB) or as one of summary's
// inputs hung every command in open(2), which waits for a writer that
// never comes, and Ctrl+C and SIGTERM did nothing: /dev/null and a folder
// were refused at once, but only after an open that blocked here. Each
// command now refuses it at once, as not a regular file, before opening it.
func TestAFifoAsTheStoreOrASummaryInputIsRefusedAtOnceNeverAHang(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFO here:", err)
	}
	sound, _ := storeWith(t, 1)
	// A command left blocked in open(2) is let go at the end: a writer
	// opened without waiting wakes every reader waiting on the FIFO.
	t.Cleanup(func() {
		for range 50 {
			if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				f.Close()
			}
			time.Sleep(2 * time.Millisecond)
		}
	})
	cmds := []struct {
		name string
		path string
		mk   func(*app) *cobra.Command
		args []string
	}{
		{"check", fifo, (*app).checkCmd, nil},
		{"summary", fifo, (*app).summaryCmd, []string{"--exact"}},
		{"summary of a FIFO named", sound, (*app).summaryCmd, []string{"--exact", sound, fifo}},
		{"export", fifo, (*app).exportCmd, []string{"--format", "csv", "--identifiable", "-o", "-"}},
		{"history", fifo, (*app).historyCmd, []string{"9434765919"}},
		{"show", fifo, (*app).showCmd, []string{"01a244f1-491c"}},
		{"due", fifo, (*app).dueCmd, nil},
		{"backup", fifo, (*app).backupCmd, []string{t.TempDir()}},
		{"void", fifo, (*app).voidCmd, []string{"01a244f1-491c", "--reason", "wrong patient", "--clinician", "Dr Test"}},
	}
	for _, c := range cmds {
		type result struct {
			stderr string
			err    error
		}
		done := make(chan result, 1)
		go func() {
			_, stderr, err := runStoreCmd(t, c.path, c.mk, c.args...)
			done <- result{stderr, err}
		}()
		select {
		case r := <-done:
			if r.err == nil || !strings.Contains(r.err.Error()+r.stderr, "not a regular file") {
				t.Errorf("%s of a FIFO = %v; want it refused as not a regular file\n%s", c.name, r.err, r.stderr)
			}
		case <-time.After(3 * time.Second):
			t.Errorf("%s of a FIFO had not returned after 3 s: it hangs", c.name)
		}
	}
}
