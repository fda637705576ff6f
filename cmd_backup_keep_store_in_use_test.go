package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A store restored by pointing digicheck at a copy in the backup folder
// (as digicheck's own advice for a damaged meta page can lead to: "use the
// backup in its place") has a backup's name in that folder. The next
// backup into the folder with a number to keep removed it as the oldest
// copy: every window and scheduled task then started a new, empty store at
// that path, and a patient assessed before was met with no notice of it.
// The store in use, by its name or through a link, is never removed.
func TestBackupKeepNeverRemovesTheStoreInUse(t *testing.T) {
	t.Parallel()
	for _, via := range []string{"its own path", "a link"} {
		t.Run(via, func(t *testing.T) {
			made, recs := storeWith(t, 3)
			dir := t.TempDir()
			live := filepath.Join(dir, "digicheck-20261101T000000Z.db")
			if err := os.Rename(made, live); err != nil {
				t.Fatal(err)
			}
			db := live
			if via == "a link" {
				db = filepath.Join(t.TempDir(), "digicheck.db")
				if err := os.Symlink(live, db); err != nil {
					t.Skipf("no symbolic links here: %v", err)
				}
			}
			out, errOut, err := runStoreCmd(t, db, (*app).backupCmd, dir, "--keep", "1")
			if err != nil {
				t.Fatalf("backup: %v\n%s%s", err, out, errOut)
			}
			if _, err := os.Stat(live); err != nil {
				t.Fatalf("the store in use is gone after the backup (%v):\n%s", err, out)
			}
			if strings.Contains(out, "Removed old backup") {
				t.Errorf("the backup says it removed an old copy, and the only other file is the store in use:\n%s", out)
			}
			if !strings.Contains(out, "it is the store in use") {
				t.Errorf("the backup does not say why the store named as a copy was left:\n%s", out)
			}
			// The store still answers with its records.
			for _, r := range recs {
				if o, e, err := runStoreCmd(t, db, (*app).showCmd, r.ID.String()); err != nil {
					t.Errorf("show %s after the backup: %v\n%s%s", r.ID, err, o, e)
				}
			}
		})
	}
}
