package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// Issue 15 (damaged-store retest): on a full disk, the answers of an
// assessment the damaged store refused are kept in the temporary folder,
// and no empty file is left beside the store, where the clinician is told
// to look.
func TestARefusedAssessmentOnAFullDiskLeavesNoEmptyFileBesideTheStore(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=256k,mode=0700"); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	st, err := store.Open(filepath.Join(dir, "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	for chunk := make([]byte, 4<<10); ; {
		if _, err := f.Write(chunk); err != nil {
			break
		}
	}
	for {
		if _, err := f.Write(make([]byte, 64)); err != nil {
			break
		}
	}
	f.Close()

	r := testkit.Assessed(t, testkit.Offline(nil))
	if r.ID, err = record.NewID(); err != nil {
		t.Fatal(err)
	}
	var kept []string
	refused := &store.Error{Kind: store.ErrDamaged, Msg: "the store failed its checks"}
	err = keepRefused(st, &r, refused, &kept)
	name := "digicheck-not-saved-" + r.ID.String() + ".txt"
	if _, serr := os.Stat(filepath.Join(dir, name)); serr == nil {
		t.Errorf("a file %s was left beside the store on a full disk", name)
	}
	want := filepath.Join(tmp, name)
	var ke keptError
	if !errors.As(err, &ke) || ke.path != want || !strings.Contains(err.Error(), want) || !errors.Is(err, store.ErrDamaged) {
		t.Fatalf("keepRefused on a full disk = %v; want the answers kept in %s, saying so", err, want)
	}
	if b, _ := os.ReadFile(want); !strings.Contains(string(b), r.ID.String()) {
		t.Errorf("the file kept does not hold the assessment:\n%s", b)
	}
}
