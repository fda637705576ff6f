package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"digicheck/store"
)

// folderOfSize is a new folder on a file system of size bytes of its own.
func folderOfSize(t *testing.T, size int64) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d,mode=0700", size)); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// TestABackupFolderWithRoomForOnlyTheCopiesKeptSaysItNeedsOneMore: a
// folder with room for exactly backup_keep copies fails every backup from
// the one after it filled, as the new copy is written and checked before
// the oldest is removed (a sound copy is never removed before a new one
// passes). That order is kept, and the refusal says why and what to do:
// the folder needs room for one copy more than it keeps, how big a copy
// is, and to free space or keep fewer. It said only that the disk was
// full, which a nightly task then said every night.
func TestABackupFolderWithRoomForOnlyTheCopiesKeptSaysItNeedsOneMore(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 300)
	probe := t.TempDir()
	if _, _, err := runStoreCmd(t, path, (*app).backupCmd, probe); err != nil {
		t.Fatal(err)
	}
	copies, _ := filepath.Glob(filepath.Join(probe, "digicheck-*.db"))
	fi, err := os.Stat(copies[0])
	if err != nil {
		t.Fatal(err)
	}
	dir := folderOfSize(t, 3*fi.Size()+fi.Size()/2)
	var refused error
	for i := 0; i < 5 && refused == nil; i++ {
		_, _, refused = runStoreCmd(t, path, (*app).backupCmd, dir, "--keep", "3")
	}
	if !errors.Is(refused, store.ErrNoSpace) {
		t.Fatalf("5 backups into a folder with room for 3 copies: %v, want the fourth refused as the disk is full", refused)
	}
	if kept, _ := filepath.Glob(filepath.Join(dir, "digicheck-*.db")); len(kept) != 3 {
		t.Errorf("%d copies left after the refusal, want the 3 sound ones: %v", len(kept), kept)
	}
	msg := refused.Error()
	for _, want := range []string{"3 backup copies of this store", "room for 4 copies", "one more than it keeps", "written and checked before the oldest is removed", store.SizeText(fi.Size()), "free", "backup_keep"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the refusal does not say %q:\n%s", want, msg)
		}
	}
}
