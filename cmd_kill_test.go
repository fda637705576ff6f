//go:build !windows

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"digicheck/store"
)

// killWorld is a store big enough that an export or a backup takes a
// moment (10,000 synthetic records, about 50 MB), and a key.
func killWorld(t *testing.T) (bin, db, key string) {
	t.Helper()
	bin = binary(t)
	dir := t.TempDir()
	db, key = filepath.Join(dir, "store", "digicheck.db"), filepath.Join(dir, "site.key")
	os.MkdirAll(filepath.Dir(db), 0o700)
	for _, args := range [][]string{{"--db", db, "synthetic", "--count", "10000", "--seed", "7"}, {"keygen", key}} {
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	return bin, db, key
}

// temporaries lists digicheck's temporaries in the folders.
func temporaries(dirs ...string) []string {
	var out []string
	for _, d := range dirs {
		ents, _ := os.ReadDir(d)
		for _, e := range ents {
			if store.IsTemporary(e.Name()) {
				out = append(out, filepath.Join(d, e.Name()))
			}
		}
	}
	return out
}

// startAndSignal runs digicheck with args, and once it has a temporary
// with data in one of dirs, sends it sig. It returns stderr and the exit
// error.
func startAndSignal(t *testing.T, bin string, sig syscall.Signal, dirs []string, args ...string) (string, error) {
	t.Helper()
	c := exec.Command(bin, args...)
	var errb strings.Builder
	c.Stderr = &errb
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case err := <-done:
			t.Fatalf("%v finished before a temporary was seen (%v): make the store bigger\n%s", args, err, errb.String())
		case <-deadline:
			c.Process.Kill()
			t.Fatalf("%v: no temporary seen in 20 s", args)
		case <-time.After(time.Millisecond):
		}
		for _, tmp := range temporaries(dirs...) {
			if fi, err := os.Stat(tmp); err == nil && fi.Size() > 0 {
				c.Process.Signal(sig)
				err := <-done
				return errb.String(), err
			}
		}
	}
}

// TestAKilledExportOrBackupLeavesNoCopyAfterTheNextRun: SIGKILL in the
// middle of export -o and of backup leaves no destination file, and the
// hidden copies of patient data it could not remove go at the next export
// or backup; the store is untouched.
func TestAKilledExportOrBackupLeavesNoCopyAfterTheNextRun(t *testing.T) {
	t.Parallel()
	bin, db, key := killWorld(t)
	storeDir := filepath.Dir(db)
	out := t.TempDir()

	dest := filepath.Join(out, "q1.ndjson")
	startAndSignal(t, bin, syscall.SIGKILL, []string{out}, "--db", db, "export", "--format", "ndjson", "--key-file", key, "-o", dest)
	if _, err := os.Stat(dest); err == nil {
		t.Error("a killed export left a partial file at its destination")
	}
	if len(temporaries(out)) == 0 {
		t.Fatal("the killed export left no temporary: the test proves nothing")
	}
	if b, err := exec.Command(bin, "--db", db, "export", "--format", "csv", "--key-file", key, "-o", filepath.Join(out, "q2.csv")).CombinedOutput(); err != nil {
		t.Fatalf("the next export: %v\n%s", err, b)
	}
	if l := temporaries(out, storeDir); len(l) != 0 {
		t.Errorf("after the next export, temporaries are left: %v", l)
	}

	backups := t.TempDir()
	bdest := filepath.Join(backups, "b1.db")
	startAndSignal(t, bin, syscall.SIGKILL, []string{storeDir, backups}, "--db", db, "backup", bdest)
	if _, err := os.Stat(bdest); err == nil {
		t.Error("a killed backup left a file at its destination")
	}
	if b, err := exec.Command(bin, "--db", db, "backup", filepath.Join(backups, "b2.db")).CombinedOutput(); err != nil || !strings.Contains(string(b), "Records: 10000;") {
		t.Fatalf("the next backup: %v\n%s", err, b)
	}
	if l := temporaries(out, storeDir, backups); len(l) != 0 {
		t.Errorf("after the next backup, temporaries are left: %v", l)
	}
	if b, err := exec.Command(bin, "--db", db, "check").CombinedOutput(); err != nil {
		t.Errorf("the store fails its check after the kills: %v\n%s", err, b)
	}
}

// TestCtrlCCancelsExportAndBackup: SIGINT (Ctrl+C) or SIGTERM in the middle
// of export -o or backup stops it with a message naming the destination
// (never a temporary), a failing exit status, no destination file and no
// temporary left.
func TestCtrlCCancelsExportAndBackup(t *testing.T) {
	t.Parallel()
	bin, db, key := killWorld(t)
	storeDir := filepath.Dir(db)
	out := t.TempDir()
	for _, tc := range []struct {
		name string
		sig  syscall.Signal
		dest string
		args []string
		want string
	}{
		{"export, SIGINT", syscall.SIGINT, filepath.Join(out, "q1.ndjson"), []string{"export", "--format", "ndjson", "--key-file", key, "-o"}, "export cancelled: nothing was written to "},
		{"export, SIGTERM", syscall.SIGTERM, filepath.Join(out, "q1.fhir.ndjson"), []string{"export", "--format", "fhir", "--key-file", key, "-o"}, "export cancelled: nothing was written to "},
		{"backup, SIGINT", syscall.SIGINT, filepath.Join(out, "b1.db"), []string{"backup"}, "cancelled: nothing was written there"},
	} {
		args := append(append([]string{"--db", db}, tc.args...), tc.dest)
		stderr, err := startAndSignal(t, bin, tc.sig, []string{out, storeDir}, args...)
		if err == nil {
			t.Errorf("%s: exit status 0 after the signal\n%s", tc.name, stderr)
		}
		if !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, tc.dest) || strings.Contains(stderr, ".tmp") {
			t.Errorf("%s: stderr %q", tc.name, stderr)
		}
		if _, err := os.Stat(tc.dest); err == nil {
			t.Errorf("%s: the destination was written", tc.name)
		}
		if l := temporaries(out, storeDir); len(l) != 0 {
			t.Errorf("%s: temporaries left: %v", tc.name, l)
		}
	}
}
