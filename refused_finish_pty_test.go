//go:build !windows

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestAFinishedAssessmentADamagedStoreRefusedKeepsItsFileEveryWayOut: at a
// terminal, a completed, consented assessment's save refused by a damaged
// store kept its answers and note in digicheck-not-saved-ID.txt, and the
// screen said "Press ctrl+c to finish"; ctrl+c asked "Discard this
// assessment?", and y, y deleted that file, the only copy, the run ending
// 130 as if stopped. The screen now says to press f, which finishes with
// the file kept; ctrl+c asks only whether to finish so (y is refused);
// each way out leaves the file, says where it is, and ends 1, as the plain
// prompts' "Finish, with the answers kept in the file" does.
func TestAFinishedAssessmentADamagedStoreRefusedKeepsItsFileEveryWayOut(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t)
	for _, c := range []struct {
		name string
		out  func(tm *ptyTerm)
	}{
		{"f on the screen", func(tm *ptyTerm) {
			tm.keys("f")
		}},
		{"ctrl+c, y refused, then f", func(tm *ptyTerm) {
			tm.keys("ctrl+c")
			tm.waitFor("Finish this assessment?", "f finish")
			time.Sleep(1500 * time.Millisecond) // read
			tm.keys("y")
			tm.waitFor("Not taken")
			time.Sleep(1500 * time.Millisecond)
			tm.keys("esc") // the refusal read
			time.Sleep(700 * time.Millisecond)
			tm.keys("f")
		}},
		{"back to the review, ctrl+c, f", func(tm *ptyTerm) {
			tm.keys("esc")
			tm.waitFor("Review")
			time.Sleep(1500 * time.Millisecond)
			tm.keys("ctrl+c")
			tm.waitFor("Finish this assessment?", "f finish")
			time.Sleep(1500 * time.Millisecond)
			tm.keys("f")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tm, dir := atResult(t)
			db := filepath.Join(dir, "digicheck.db")
			if err := os.WriteFile(store.DamageNote(db), []byte("the store failed its checks\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"d", "down", "n", "down", "a"} { // only ↓ moves the highlight
				tm.keys(k)
				time.Sleep(1500 * time.Millisecond)
			}
			tm.saveReadBack()
			tm.waitFor("Not saved: the store is damaged.")
			files, _ := filepath.Glob(filepath.Join(dir, "digicheck-not-saved-*.txt"))
			if len(files) != 1 {
				t.Fatalf("files kept: %v; want the refused save's one", files)
			}
			if f := flatScreen(tm); !strings.Contains(strings.ToLower(f), "press f to finish") || strings.Contains(f, "ctrl+c to finish") {
				t.Fatalf("the refused save does not say to press f to finish:\n%s", tm.vt.Screen())
			}
			time.Sleep(1500 * time.Millisecond) // read
			c.out(tm)
			if got := tm.exitStatus(); got != 1 {
				t.Errorf("exit status %d, want 1 (not saved in the store, as the plain prompts' finish ends):\n%s", got, tm.vt.Screen())
			}
			if _, err := os.Stat(files[0]); err != nil {
				t.Fatalf("the file the screen named is gone: %v\n%s", err, tm.vt.Screen())
			}
			if f := flatScreen(tm); !strings.Contains(f, "the answers are kept in") || !strings.Contains(strings.ReplaceAll(tm.vt.Screen(), "\n", ""), filepath.Base(files[0])) || strings.Contains(f, "Discarded") {
				t.Errorf("the end does not say the answers are kept in %s:\n%s", files[0], tm.vt.Screen())
			}
		})
	}
}
