//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"digicheck/store"
)

// damagedInUnwritableFolder is a store of 30 assessments with a page of
// records lost, in a folder the user digicheck runs as cannot write (so
// no note can be left beside it), and a function that runs digicheck on
// it with args, returning what it wrote to standard output and error.
// Run as root, digicheck runs as nobody, who owns the store.
func damagedInUnwritableFolder(t *testing.T) (path string, run func(args ...string) (string, string, error)) {
	t.Helper()
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
	made, _ := storeWith(t, 30)
	zeroRecordsLeaf(t, made, 1)
	b, err := os.ReadFile(made)
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(dir, "digicheck.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		// Root writes any folder: digicheck runs as a user who cannot
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
		bin = filepath.Join(own, "digicheck")
		if err := os.WriteFile(bin, b, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{path, tmp, home} {
			if err := os.Chown(p, nobody, nobody); err != nil {
				t.Skipf("cannot give %s to another user here: %v", p, err)
			}
		}
		cred = &syscall.Credential{Uid: nobody, Gid: nobody}
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
	if f, err := os.CreateTemp(dir, "probe"); err == nil && os.Geteuid() != 0 {
		f.Close()
		t.Skip("the folder can still be written here")
	}
	return path, func(args ...string) (string, string, error) {
		cmd := exec.Command(bin, append([]string{"--db", path}, args...)...)
		if cred != nil {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		}
		cmd.Env = []string{
			"HOME=" + home,
			"XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
			"XDG_DATA_HOME=" + filepath.Join(home, "data"),
			"TMPDIR=" + tmp,
			"PATH=" + os.Getenv("PATH"),
		}
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		return out.String(), errb.String(), err
	}
}

// A summary of a store with a page of records lost, in a folder where no
// note could be left beside it, wrote to standard output (a file to be
// published) counts of what it could read with no caveat: the records it
// left out were named on standard error alone. Its output now carries
// DAMAGED STORE and says that records were left out, in every format.
func TestASummaryOfAStoreWhoseNoteCannotBeLeftCarriesItsCaveat(t *testing.T) {
	t.Parallel()
	path, run := damagedInUnwritableFolder(t)
	for _, args := range [][]string{{"summary", "--exact", "--from", "2000-01-01"}, {"summary"}, {"summary", "--format", "csv"}, {"summary", "--format", "json", "--exact", "--from", "2000-01-01"}} {
		out, errOut, err := run(args...)
		if err == nil {
			t.Errorf("%v of a store with records that cannot be read ended 0", args)
		}
		if !strings.Contains(errOut, "left out: record") {
			t.Fatalf("%v left no record out; the test needs some:\n%s", args, errOut)
		}
		flat := strings.ToUpper(strings.Join(strings.Fields(out), " "))
		for _, want := range []string{"DAMAGED STORE", "RECORDS LEFT OUT"} {
			if !strings.Contains(flat, want) {
				t.Errorf("%v: the output carries no %s caveat:\n%.800s", args, want, out)
			}
		}
	}
	if _, err := os.Stat(store.DamageNote(path)); err == nil {
		t.Error("a note was left in a folder that cannot be written: the test needs none")
	}
}

// check of a damaged store in a folder it cannot write gave its report
// and said nothing of the note it could not leave beside the store, the
// note that makes every other command refuse to write to the store and
// mark what it reads as damaged. It now says so, what that means, and
// what to do.
func TestCheckSaysWhenItCannotLeaveItsNote(t *testing.T) {
	t.Parallel()
	path, run := damagedInUnwritableFolder(t)
	out, errOut, err := run("check")
	if err == nil {
		t.Fatalf("check of a damaged store ended 0:\n%s", out)
	}
	if _, serr := os.Stat(store.DamageNote(path)); serr == nil {
		t.Fatal("a note was left in a folder that cannot be written: the test needs none")
	}
	flat := strings.Join(strings.Fields(out+errOut), " ")
	for _, want := range []string{
		"could not leave its note " + store.DamageNote(path),
		"other digicheck commands and windows will not know the store is damaged",
		"digicheck --db " + path + " check",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("check does not say %q:\n%s%s", want, out, errOut)
		}
	}
}
