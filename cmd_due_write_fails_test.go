package main

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"digicheck/site"
)

// fullAfter is an output that takes n bytes, then fails every write as a
// full disk (or a file size limit, or a closed stdout) does.
type fullAfter struct {
	n   int
	err error
	got bytes.Buffer
}

func (w *fullAfter) Write(p []byte) (int, error) {
	if w.got.Len()+len(p) > w.n {
		k := max(w.n-w.got.Len(), 0)
		w.got.Write(p[:k])
		return k, &fs.PathError{Op: "write", Path: "/dev/stdout", Err: w.err}
	}
	return w.got.Write(p)
}

// executeTo runs the command mk makes for a with its standard output
// going to out, and returns what it printed on standard error.
func executeTo(a *app, mk func(*app) *cobra.Command, out *fullAfter, args ...string) (string, error) {
	c := mk(a)
	var errb bytes.Buffer
	c.SetIn(strings.NewReader(""))
	c.SetOut(out)
	c.SetErr(&errb)
	c.SetArgs(args)
	c.SilenceUsage, c.SilenceErrors = true, true
	err := c.Execute()
	return errb.String(), err
}

// A due list written to a full disk, a file under a size limit (ulimit
// -f) or a closed stdout ended with exit status 0: nothing written, or the
// list cut short at its last, least overdue patients, and no word of it,
// so a scheduled "digicheck due > due-today.txt" left an empty file that
// reads as "nobody is due". The table now fails as every other output
// does (the CSV did): with the write's error, exit status 1.
func TestADueListThatCannotBeWrittenWholeFailsWithTheWritesError(t *testing.T) {
	t.Parallel()
	now := time.Now()
	var ps []duePatient
	for _, l := range []string{"A1", "A2", "A3", "A4", "A5", "A6"} {
		ps = append(ps, duePatient{l, "Ward 7", now.AddDate(-2, 0, 0), dueIn(-30)})
	}
	path, _, _ := dueStore(t, ps)
	whole := &fullAfter{n: 1 << 20}
	if _, err := executeTo(&app{settings: site.Settings{DB: path}}, (*app).dueCmd, whole); err != nil {
		t.Fatalf("due to an output that takes it all: %v", err)
	}
	for _, tc := range []struct {
		n   int
		err error
	}{
		{0, syscall.ENOSPC},                  // a full disk
		{whole.got.Len() / 2, syscall.EFBIG}, // a file size limit: cut short
		{0, syscall.EBADF},                   // stdout closed
	} {
		for _, args := range [][]string{nil, {"--format", "csv"}} {
			out := &fullAfter{n: tc.n, err: tc.err}
			stderr, err := executeTo(&app{settings: site.Settings{DB: path}}, (*app).dueCmd, out, args...)
			if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), "write /dev/stdout") {
				t.Errorf("due %v to an output failing after %d bytes (%v) = %v, want the write's error; stderr:\n%s", args, tc.n, tc.err, err, stderr)
			}
		}
	}
}

// programmes --check FILE > /dev/full ended with exit status 0, its
// "FILE: ok" lost. It fails with the write's error, as the listing does.
func TestProgrammesCheckThatCannotBeWrittenFailsWithTheWritesError(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"examples/programmes.toml", "no-such-programmes.toml"} {
		out := &fullAfter{err: syscall.ENOSPC}
		_, err := executeTo(&app{}, (*app).programmesCmd, out, "--check", file)
		if !errors.Is(err, syscall.ENOSPC) {
			t.Errorf("programmes --check %s to a full disk = %v, want the write's error", file, err)
		}
	}
}
