package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
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

// A store on read-only media (a recovered disk, a USB stick or a share
// mounted read-only) is backed up to a folder that can be written: the
// snapshot goes to the destination's folder, as it does when the store's
// disk is full, and no error blames the destination. It was refused with
// "the folder DEST ... cannot be written" while the only write that failed
// was a temporary file beside the store.
func TestBackupOfAStoreOnReadOnlyMediaIsWrittenToTheDestination(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a folder read-only needs root")
	}
	// The store's folder on the disk the tests' temporary folders are on,
	// which has room: it is read-only, not full.
	home := t.TempDir()
	dest := t.TempDir()
	path := filepath.Join(home, "digicheck.db")
	s, err := Open(path, Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var saved []string
	for range 5 {
		saved = append(saved, save(t, s, assessed(t, nhsPatient)).ID.String())
	}
	if err := syscall.Mount(home, home, "", syscall.MS_BIND, ""); err != nil {
		t.Skipf("cannot bind-mount a folder here: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(home, syscall.MNT_DETACH) })
	if err := syscall.Mount("", home, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot make the store's folder read-only here: %v", err)
	}
	if f, err := os.Create(filepath.Join(home, "probe")); err == nil {
		f.Close()
		t.Fatal("the store's disk can still be written")
	}
	got, rep, err := s.Backup(dest, BackupOptions{})
	if err != nil {
		t.Fatalf("backup of a store on read-only media to a writable folder: %v", err)
	}
	if !rep.OK() || filepath.Dir(got) != dest || rep.Records != len(saved) {
		t.Errorf("backup = %s with report\n%s", got, rep)
	}
	copied, err := Open(got, Options{})
	if err != nil {
		t.Fatalf("the backup does not open as a store: %v", err)
	}
	for _, id := range saved {
		if _, err := copied.Get(mustID(t, id)); err != nil {
			t.Errorf("record %s not in the backup: %v", id, err)
		}
	}
}
