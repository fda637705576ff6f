package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestASummaryToAFullDiskLeavesNothing: a summary redirected to a full
// disk was left there cut mid-row, with nothing to show it incomplete.
// With -o FILE on a full disk (a tmpfs of 1 MiB, nearly filled) the
// command fails and nothing is at the destination, nor any temporary.
func TestASummaryToAFullDiskLeavesNothing(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	// Leave less room than the summary takes.
	filler := make([]byte, 1024*1024-8*1024)
	os.WriteFile(filepath.Join(dir, "filler"), filler, 0o600)
	db := syntheticDB(t)
	dest := filepath.Join(dir, "summary.csv")
	_, _, err := runStoreCmd(t, db, (*app).summaryCmd, "--from", "2000-01-01", "--format", "csv", "--exact", "--by", "week", "-o", dest)
	if err == nil || !strings.Contains(err.Error(), "no space left") || !strings.Contains(err.Error(), dest) {
		t.Errorf("summary -o to a full disk: %v, want it to fail naming %s and the full disk", err, dest)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if e.Name() != "filler" {
			t.Errorf("%s is left on the full disk", e.Name())
		}
	}
}
