//go:build !windows

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// At 60x20 the full screen's new-store box showed two of its six lines,
// what to do ("Stop, and ask IT") two pgdn away, and it named none of the
// files that show a store was kept there; the next start on the store,
// still empty, showed no box at all. The box now says what to do first,
// names the files, and is shown again while the store holds nothing.
func TestTheFullScreenSaysFirstToStopAndAskITAndSaysItAgainWhileTheStoreIsEmpty(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	backup := "digicheck-20261206T104821Z.db"
	if err := os.Mkdir(filepath.Join(dir, "backups"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "backups", backup), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, dir, 60, 20, nil)
	tm.waitFor("Identifier")
	box := boxText(tm.vt.Screen())
	if !strings.Contains(box, "Stop: this store is new and empty.") || !strings.Contains(box, "Ask IT to put the old one back") {
		t.Errorf("at 60x20 the box does not show first what to do:\n%s", tm.vt.Screen())
	}
	tm.keys("ctrl+c")
	tm.exited()

	tm = startTerm(t, dir, 80, 24, nil)
	tm.waitFor("Identifier")
	box = boxText(tm.vt.Screen())
	for _, want := range []string{"Stop: this store is still new and empty.", "Ask IT to put the old one back", "backups/" + backup} {
		if !strings.Contains(box, want) {
			t.Errorf("the next start on the still-empty store does not show %q in the box:\n%s", want, tm.vt.Screen())
		}
	}
	tm.keys("ctrl+c")
	tm.exited()
}

// boxText is the screen's words in one line, as read: the notice box's
// sides left out, so a phrase wrapped in it reads whole.
func boxText(screen string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(screen, "│", " ")), " ")
}
