//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// runBinary runs the built digicheck through sh with args and the
// redirection of its standard output redirect (">&-", ">/dev/null"), and
// returns its exit status and standard error.
func runBinary(t *testing.T, env []string, redirect string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command("sh", append([]string{"-c", `exec "$0" "$@" ` + redirect, binary(t)}, args...)...)
	cmd.Env = env
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), errb.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, errb.String()
}

// The policy as a shell meets it, where Go's runtime stands in the way: a
// reader that left (| head -1) killed digicheck with SIGPIPE (141) or not,
// by how much it had written; it now ends quietly (0). /dev/null given as
// the output discards it (0), opened write-only by a shell or read and
// write as Python's subprocess.DEVNULL and Node's "ignore" open it: a
// script that discards the output must not read a failure. (A standard
// output closed at the start, ">&-", is /dev/null read and write by the
// time digicheck runs, and cannot be told from the latter.)
func TestOutputSentToDevNullOrToAReaderGoneEndsQuietlyInTheBuiltProgram(t *testing.T) {
	fx := newExitFixture(t)
	env := append(os.Environ(), "DIGICHECK_DB="+fx.db)
	for _, args := range [][]string{
		{"questionnaire"},
		{"export", "--format", "csv"},
		{"due", "--within", "400"},
		{"show", fx.id},
	} {
		for _, redirect := range []string{">/dev/null", "1<>/dev/null"} {
			if got, stderr := runBinary(t, env, redirect, args...); got != 0 {
				t.Errorf("digicheck %s %s exits %d, want 0; stderr:\n%s", strings.Join(args, " "), redirect, got, stderr)
			}
		}
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		r.Close()
		cmd := exec.Command(binary(t), args...)
		cmd.Env = env
		cmd.Stdout = w
		var errb bytes.Buffer
		cmd.Stderr = &errb
		err = cmd.Run()
		w.Close()
		if err != nil || strings.Contains(errb.String(), "digicheck: ") {
			t.Errorf("digicheck %s to a reader gone: %v (want exit status 0, quietly); stderr:\n%s", strings.Join(args, " "), err, errb.String())
		}
	} // Help that could not be written ended 0, nothing written.
	if _, err := os.Stat("/dev/full"); err == nil {
		for _, args := range [][]string{{"--help"}, {"summary", "--help"}} {
			if got, stderr := runBinary(t, env, ">/dev/full", args...); got != 1 || !strings.Contains(stderr, "no space left on device") {
				t.Errorf("digicheck %s >/dev/full exits %d, want 1 with the write's error; stderr:\n%s", strings.Join(args, " "), got, stderr)
			}
		}
	}
}
