//go:build !windows

package main

import (
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Damaged stores, plain words: with meta page 0 zeroed, export, history
// and summary warned that the store may be missing its newest save in
// bbolt's words ("meta page 0 … its kind is 0x0"), first, and the
// terminal cut the warning mid-word ("th" / "e export"). It says what may
// be missing and what to do first, the page for IT last, and wraps at
// whole words at the terminal's width.
func TestTheMissingSaveWarningIsPlainAndWrapsAtWholeWords(t *testing.T) {
	path, rs := storeWith(t, 3)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(make([]byte, 4096), 0); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, args := range [][]string{
		{"export", "--format", "csv", "--identifiable"},
		{"history", rs[0].Patient.String()},
		{"summary"},
	} {
		screen := onTTY(t, 80, append([]string{"--db", path}, args...)...)
		for _, l := range strings.Split(screen, "\n") {
			if strings.HasPrefix(l, "Error: ") {
				continue // the error itself, which the program prints wrapped (printError)
			}
			if w := ansi.StringWidth(l); w > 80 && len(strings.Fields(l)) > 1 {
				t.Errorf("%s: a line of %d columns, which the terminal cuts mid-word: %q", args[0], w, l)
			}
		}
		joined := strings.Join(strings.Fields(screen), " ")
		it := strings.Index(joined, "for IT:")
		if it < 0 {
			t.Fatalf("%s: the warning gives IT no detail:\n%s", args[0], screen)
		}
		for _, jargon := range []string{"meta page", "0x0"} {
			if i := strings.Index(joined, jargon); i >= 0 && i < it {
				t.Errorf("%s: %q comes before \"for IT:\":\n%s", args[0], jargon, screen)
			}
		}
		if !strings.Contains(joined, "may be missing") || !strings.Contains(joined, "backup") {
			t.Errorf("%s: the warning does not say what may be missing and what to do:\n%s", args[0], screen)
		}
	}
}
