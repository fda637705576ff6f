package store

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// The padded copy of a store file cut short (OpenCutShort) is a copy of
// patient data, made "named as the temporaries of exports and backups
// are, swept if its maker dies": but the sweep knew only exports' and
// backups', so a reader killed while it held one (digicheck export … |
// head -1) left it beside the store for good. A copy whose maker is gone
// goes at the next sweep, as theirs do.
func TestAPaddedCopyWhoseMakerDiedIsSwept(t *testing.T) {
	c := exec.Command(os.Args[0], "-test.run=^$")
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	f, err := CreateTemp(dir, "torn")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	own := filepath.Base(f.Name())
	if !IsTemporary(own) {
		t.Fatalf("%s, a padded copy's name, is not known as a temporary", own)
	}
	dead := filepath.Join(dir, ".digicheck-torn-"+strconv.Itoa(c.Process.Pid)+"-"+hostTag+"-1.tmp")
	if err := os.WriteFile(dead, []byte("patient data"), 0o600); err != nil {
		t.Fatal(err)
	}
	SweepTemporaries(dir)
	if _, err := os.Stat(dead); err == nil {
		t.Errorf("the padded copy of a process that died was not swept")
	}
	if _, err := os.Stat(f.Name()); err != nil {
		t.Errorf("this process's own padded copy was swept: %v", err)
	}
}
