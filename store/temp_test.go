package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// tempFor names a temporary as a process pid on host would.
func tempFor(dir, kind string, pid int, host string) string {
	return filepath.Join(dir, fmt.Sprintf(".digicheck-%s-%d-%s-123456.tmp", kind, pid, host))
}

// deadPID is the PID of a process that has run and exited.
func deadPID(t *testing.T) int {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	c := exec.Command(exe, "-test.run=^$")
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	return c.Process.Pid
}

// TestSweepRemovesOnlyTheTemporariesOfDeadProcesses: a temporary whose
// process is gone is removed; one whose process still runs, one of this
// process and a fresh one from another machine sharing the folder are
// kept; anything old past StaleAfter goes; other files are never touched.
func TestSweepRemovesOnlyTheTemporariesOfDeadProcesses(t *testing.T) {
	dir := t.TempDir()
	exe, _ := os.Executable()
	live := exec.Command(exe, "-test.run=^TestHelperSleeps$")
	live.Env = append(os.Environ(), "DIGICHECK_TEST_SLEEP=1")
	if err := live.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { live.Process.Kill(); live.Wait() }()

	old := time.Now().Add(-StaleAfter - time.Hour)
	mk := func(name string, mtime time.Time) string {
		if err := os.WriteFile(name, []byte("identifiable data"), 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(name, mtime, mtime)
		return name
	}
	now := time.Now()
	dead := mk(tempFor(dir, "export", deadPID(t), hostTag), now)
	deadBackup := mk(tempFor(dir, "backup", deadPID(t), hostTag), now)
	liveOne := mk(tempFor(dir, "backup", live.Process.Pid, hostTag), now)
	mine := mk(tempFor(dir, "export", os.Getpid(), hostTag), now)
	otherHost := mk(tempFor(dir, "export", 1, "0badc0de"), now)
	otherHostOld := mk(tempFor(dir, "export", 1, "0badc0de"[:7]+"f"), old)
	liveButOld := mk(tempFor(dir, "export", live.Process.Pid, hostTag)+"x", old) // not our name: kept
	legacyOld := mk(filepath.Join(dir, ".digicheck-backup-99887766.tmp"), old)
	legacyNew := mk(filepath.Join(dir, ".digicheck-backup-55443322.tmp"), now)
	userFile := mk(filepath.Join(dir, ".digicheck-export-notes.tmp"), old)
	export := mk(filepath.Join(dir, "q1.csv"), old)

	removed := SweepTemporaries(dir)
	slices.Sort(removed)
	want := []string{dead, deadBackup, otherHostOld, legacyOld}
	slices.Sort(want)
	if !slices.Equal(removed, want) {
		t.Errorf("removed %v\nwant %v", removed, want)
	}
	for _, keep := range []string{liveOne, mine, otherHost, liveButOld, legacyNew, userFile, export} {
		if _, err := os.Stat(keep); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(keep), err)
		}
	}
	// The live process ends: its temporary goes at the next sweep.
	live.Process.Kill()
	live.Wait()
	if got := SweepTemporaries(dir); !slices.Contains(got, liveOne) {
		t.Errorf("the temporary of a process that has ended was kept: %v", got)
	}
}

// TestHelperSleeps is the live process of the sweep test.
func TestHelperSleeps(t *testing.T) {
	if os.Getenv("DIGICHECK_TEST_SLEEP") == "" {
		t.Skip("run by TestSweepRemovesOnlyTheTemporariesOfDeadProcesses")
	}
	time.Sleep(time.Minute)
}

// TestACancelledBackupLeavesNothing: a backup cancelled (Ctrl+C) stops,
// says so naming the destination, and leaves no temporary copy beside
// the store or at the destination, and no destination file.
func TestACancelledBackupLeavesNothing(t *testing.T) {
	w := newWorld(t)
	dir := t.TempDir()
	dest := filepath.Join(dir, "ward7.db")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := w.s.Backup(dest, BackupOptions{Context: ctx})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), dest) || strings.Contains(err.Error(), ".tmp") || strings.Contains(err.Error(), "context") {
		t.Errorf("cancelled backup: %v", err)
	}
	if l := leftovers(t, dir, filepath.Dir(w.s.Path())); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("a cancelled backup wrote its destination")
	}
}

// TestABackupSweepsWhatAKilledOneLeft: the copies a killed backup left
// beside the store and at the destination go at the next backup.
func TestABackupSweepsWhatAKilledOneLeft(t *testing.T) {
	w := newWorld(t)
	dir := t.TempDir()
	pid := deadPID(t)
	left := []string{tempFor(filepath.Dir(w.s.Path()), "backup", pid, hostTag), tempFor(dir, "backup", pid, hostTag)}
	for _, l := range left {
		if err := os.WriteFile(l, []byte("a copy of the store"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := w.s.Backup(filepath.Join(dir, "b.db"), BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	if l := leftovers(t, dir, filepath.Dir(w.s.Path())); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// TestErrorsNeverNameATemporary: an error from writing a temporary names
// the file the user asked for, and still says what went wrong.
func TestErrorsNeverNameATemporary(t *testing.T) {
	dir := t.TempDir()
	f, err := CreateTemp(dir, "export")
	if err != nil {
		t.Fatal(err)
	}
	tmp := f.Name()
	if !IsTemporary(filepath.Base(tmp)) || !strings.Contains(tmp, strconv.Itoa(os.Getpid())) {
		t.Errorf("temporary %s is not named as a digicheck temporary with its PID", tmp)
	}
	f.Close()
	_, werr := f.Write([]byte("x"))
	dest := filepath.Join(dir, "q1.csv")
	err = HideTemporaries(fmt.Errorf("cannot write: %w", werr), dest, tmp)
	if strings.Contains(err.Error(), filepath.Base(tmp)) || !strings.Contains(err.Error(), dest) || !errors.Is(err, os.ErrClosed) {
		t.Errorf("error %q (wrapping %v)", err, werr)
	}
	// A temporary that cannot be made (no such folder) is not named either.
	_, cerr := CreateTemp(filepath.Join(dir, "gone"), "backup")
	err = HideTemporaries(cerr, dest)
	if cerr == nil || strings.Contains(err.Error(), ".digicheck-") || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error %q (wrapping %v)", err, cerr)
	}
	if runtime.GOOS != "windows" {
		if _, err := os.Stat(tmp); err != nil {
			t.Fatal(err)
		}
	}
}
