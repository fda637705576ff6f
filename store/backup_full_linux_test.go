package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fill writes to a file in dir until the disk is full.
func fill(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 4<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			return
		}
	}
}

// Issue 15: a backup is written to its destination even when the disk of
// the store itself is full; nothing of it is written beside the store.
func TestBackupWhenTheStoresDiskIsFullIsWrittenToTheDestination(t *testing.T) {
	home := smallDisk(t, "2m")
	dest := smallDisk(t, "8m")
	s, err := Open(filepath.Join(home, "digicheck.db"), Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		save(t, s, assessed(t, nhsPatient))
	}
	fill(t, home)
	path, rep, err := s.Backup(dest, BackupOptions{})
	if err != nil {
		t.Fatalf("backup to a folder with room, from a store on a full disk: %v", err)
	}
	if !rep.OK() || filepath.Dir(path) != dest {
		t.Errorf("backup = %s, %v", path, rep)
	}
}

// Issue 15: a backup to a full destination says the destination's disk is
// full, naming it, and not the store's.
func TestBackupToAFullDiskNamesTheDestination(t *testing.T) {
	home := t.TempDir()
	dest := smallDisk(t, "1m")
	s, err := Open(filepath.Join(home, "digicheck.db"), Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		save(t, s, assessed(t, nhsPatient))
	}
	fill(t, dest)
	_, _, err = s.Backup(dest, BackupOptions{})
	t.Log(err)
	if !errors.Is(err, ErrNoSpace) || !strings.Contains(err.Error(), "the disk holding "+dest) || strings.Contains(err.Error(), "disk holding the store") {
		t.Errorf("backup to a full disk = %v; want ErrNoSpace naming the destination's disk, not the store's", err)
	}
}
