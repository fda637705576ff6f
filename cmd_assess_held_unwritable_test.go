//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestAStoreHeldInAFolderThatCannotBeWrittenStillStartsAnAssessment: a
// store another program holds, in a folder this user cannot write (a
// shared folder read-only to them), the store file their own. digicheck
// would not start: "open …/digicheck.db: permission denied", though the
// store is not damaged and a held store does not stop a new assessment.
// It now starts, warned the store is in use and that the answers go to a
// file in the temporary folder if it is still in use at the save; the
// save refused, the answers are in that file, and the end says why there.
func TestAStoreHeldInAFolderThatCannotBeWrittenStillStartsAnAssessment(t *testing.T) {
	t.Parallel()
	bin := binary(t)
	root := t.TempDir()
	for _, d := range []string{filepath.Dir(root), root} { // made 0700
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	dir, tmp, home := filepath.Join(root, "shared"), filepath.Join(root, "tmp"), filepath.Join(root, "home")
	for _, d := range []string{dir, tmp, home} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "digicheck.db")
	release := holdStore(t, path)
	cmd := exec.Command(bin, "--db", path)
	if os.Geteuid() == 0 {
		// Root writes any folder: run digicheck as a user who cannot
		// write this one, owning the store, its own home and TMPDIR.
		const nobody = 65534
		own := filepath.Join(root, "bin")
		if err := os.Mkdir(own, 0o755); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(bin)
		if err != nil {
			t.Fatal(err)
		}
		cmd.Path = filepath.Join(own, "digicheck")
		if err := os.WriteFile(cmd.Path, b, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{path, tmp, home} {
			if err := os.Chown(p, nobody, nobody); err != nil {
				t.Skipf("cannot give %s to another user here: %v", p, err)
			}
		}
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
	if f, err := os.CreateTemp(dir, "probe"); err == nil && os.Geteuid() != 0 {
		f.Close()
		t.Skip("the folder can still be written here")
	}
	cmd.Env = []string{
		"HOME=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_DATA_HOME=" + filepath.Join(home, "data"),
		"TMPDIR=" + tmp,
		"USER=nurse",
		"PATH=" + os.Getenv("PATH"),
	}
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	run := &heldPlain{t: t, dir: dir, path: path, cmd: cmd, in: in, out: out, release: release}
	run.waitFor("Patient identifier")
	start := strings.Join(strings.Fields(out.String()), " ")
	if !strings.Contains(start, heldStart) || !strings.Contains(start, "temporary folder") {
		t.Errorf("the start does not say the store is in use, and that the answers would go to the temporary folder:\n%s", out.String())
	}
	run.typeLines(append(append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...), declinedShown(t)...))
	run.typeLines([]string{"1"}) // save, refused: the store still held
	run.waitForAfter("Not saved:", "Save this assessment? 1. Save 2. Go back Type a number")
	run.typeLines([]string{"q"})
	said, err := run.end()
	if err == nil {
		t.Errorf("the run ended 0 with the assessment not saved:\n%s", said)
	}
	kept, _ := filepath.Glob(filepath.Join(tmp, "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the answers in the temporary folder, want 1:\n%s", len(kept), said)
	}
	flat := strings.Join(strings.Fields(said), " ")
	if !strings.Contains(flat, kept[0]) || !strings.Contains(flat, "This is the temporary folder, not the store's folder "+dir) {
		t.Errorf("the end does not name the file %s, and say it is in the temporary folder, not the store's:\n%s", kept[0], said)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, ".digicheck-*")); len(left) > 0 {
		t.Errorf("a temporary file was left behind: %v", left)
	}
}
