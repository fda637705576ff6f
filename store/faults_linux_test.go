package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/record"
)

// smallDisk mounts a tmpfs of the given size (like "1m") on a temporary
// folder, so a test can fill the disk or make it read-only for real. It
// needs root, and skips without.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size+",mode=0700"); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// A full disk at save: the save fails with ErrNoSpace and a message that
// says nothing was saved; every earlier record is intact and the store
// passes Check; once there is room, the same record saves.
func TestDiskFullAtSaveLosesNothingAndCanBeRetried(t *testing.T) {
	dir := smallDisk(t, "1m")
	s, err := Open(filepath.Join(dir, "digicheck.db"), Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var saved []string
	for range 5 {
		saved = append(saved, save(t, s, assessed(t, nhsPatient)).ID.String())
	}
	filler, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 16<<10)
	for {
		if _, err := filler.Write(chunk); err != nil {
			break
		}
	}
	filler.Close()

	var failed record.Record
	for i := 0; ; i++ {
		r := assessed(t, nhsPatient)
		err := s.Save(&r)
		if err == nil {
			saved = append(saved, r.ID.String())
			if i > 500 {
				t.Fatal("the disk never filled up")
			}
			continue
		}
		t.Log(err)
		if !errors.Is(err, ErrNoSpace) || !errors.Is(err, syscall.ENOSPC) {
			t.Fatalf("Save on a full disk = %v, want ErrNoSpace", err)
		}
		if !strings.Contains(err.Error(), s.Path()) || !strings.Contains(err.Error(), "nothing was saved") {
			t.Errorf("message %q should name the store and say nothing was saved", err)
		}
		failed = r
		break
	}
	if _, err := s.Get(failed.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the failed record is there: %v", err)
	}
	rep, err := s.Check()
	if err != nil || !rep.OK() || rep.Records != len(saved) {
		t.Fatalf("Check on the full disk (%d saved): %v\n%s", len(saved), err, rep)
	}

	if err := os.Remove(filepath.Join(dir, "filler")); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(&failed); err != nil {
		t.Fatalf("retry after freeing space: %v", err)
	}
	rep, err = s.Check()
	if err != nil || !rep.OK() || rep.Records != len(saved)+1 {
		t.Errorf("Check after the retry: %v\n%s", err, rep)
	}
	for _, id := range append(saved, failed.ID.String()) {
		if _, err := s.Find(id); err != nil {
			t.Errorf("record %s: %v", id, err)
		}
	}
}

// A store on a disk that has become read-only: saves and drafts fail with
// ErrReadOnly and say nothing was saved; reading goes on; once writable,
// the same record saves.
func TestReadOnlyDiskAtSaveIsNamedAndCanBeRetried(t *testing.T) {
	dir := smallDisk(t, "4m")
	s, err := Open(filepath.Join(dir, "digicheck.db"), Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	first := save(t, s, assessed(t, nhsPatient))
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only: %v", err)
	}
	r := assessed(t, nhsPatient)
	err = s.Save(&r)
	t.Log(err)
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "nothing was saved") {
		t.Errorf("Save on a read-only disk = %v, want ErrReadOnly saying nothing was saved", err)
	}
	if err := s.Writable(); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Writable on a read-only disk = %v, want ErrReadOnly, so the clinician is warned before the first question", err)
	}
	d := Draft{Draft: assess.Draft{Patient: r.Patient}}
	if err := s.SaveDraft(&d); !errors.Is(err, ErrReadOnly) {
		t.Errorf("SaveDraft on a read-only disk = %v, want ErrReadOnly", err)
	}
	if got, err := s.Get(first.ID); err != nil || got.ID != first.ID {
		t.Errorf("Get on a read-only disk = %v", err)
	}
	if rep, err := s.Check(); err != nil || !rep.OK() {
		t.Errorf("Check on a read-only disk: %v\n%s", err, rep)
	}
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Writable(); err != nil {
		t.Errorf("Writable once writable again = %v", err)
	}
	if err := s.Save(&r); err != nil {
		t.Errorf("retry once writable: %v", err)
	}
}

// Without root, a read-only file is the read-only case that can be made.
func TestReadOnlyFileAtSaveIsNamed(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes to read-only files; TestReadOnlyDiskAtSaveIsNamedAndCanBeRetried covers this")
	}
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	if err := os.Chmod(s.Path(), 0o400); err != nil {
		t.Fatal(err)
	}
	r := assessed(t, nhsPatient)
	if err := s.Save(&r); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Save to a read-only file = %v, want ErrReadOnly", err)
	}
	if err := os.Chmod(s.Path(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(&r); err != nil {
		t.Errorf("retry: %v", err)
	}
}

// fillDisk writes to dir until its disk is full.
func fillDisk(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 4<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			break
		}
	}
	// The last bytes: a smaller write may still fit.
	for {
		if _, err := f.Write(chunk[:64]); err != nil {
			return
		}
	}
}

// Damage found on a full disk: the note beside the store is kept (empty,
// as it is what refuses writes), the finding goes to the temporary
// folder, and what the store says names both the finding and where it is.
func TestDamageFoundOnAFullDiskKeepsItsFindingAndSaysWhere(t *testing.T) {
	dir := smallDisk(t, "256k")
	t.Setenv("TMPDIR", t.TempDir())
	s, err := Open(filepath.Join(dir, "digicheck.db"), Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	fillDisk(t, dir)
	const finding = "record 0000: its stored bytes are not those it was saved with"
	s.noteDamage(&Error{ErrDamaged, finding, nil})
	if _, err := os.Stat(DamageNote(s.Path())); err != nil {
		t.Fatalf("no note beside the store: %v", err)
	}
	got := s.DamageFound()
	if !strings.Contains(got, finding) || !strings.Contains(got, noteElsewhere(s.Path())) || !strings.Contains(got, "no room") {
		t.Errorf("DamageFound on a full disk = %q; want the finding, and where it was kept", got)
	}
	if err := s.Refused(); err == nil || !strings.Contains(err.Error(), finding) {
		t.Errorf("Refused on a full disk = %v; want the finding", err)
	}
}
