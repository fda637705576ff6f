package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// exitFixture is a store of a few assessments, a pseudonym key and a site
// config naming it, in an environment of their own, for run.
type exitFixture struct{ db, dir, id string }

func newExitFixture(t *testing.T) exitFixture {
	t.Helper()
	db, rs := storeWith(t, 3)
	dir := t.TempDir()
	key := filepath.Join(dir, "key")
	cfg := filepath.Join(dir, "site.toml")
	if err := os.WriteFile(cfg, []byte("pseudonym_key_file = "+quoteTOML(key)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"DIGICHECK_CONFIG", "DIGICHECK_TEAM", "DIGICHECK_PROGRAMMES", "DIGICHECK_ACCESSIBLE"} {
		t.Setenv(k, "")
	}
	t.Setenv("DIGICHECK_DB", db)
	t.Setenv("DIGICHECK_CONFIG", cfg)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	// fang reads its width once a process, as it first styles help or an
	// error: at the width the tests of help draw at, 80 columns (COLUMNS
	// unset), as if one of them had come first.
	t.Setenv("__FANG_TEST_WIDTH", "80")
	var errb bytes.Buffer
	if got := run([]string{"keygen", key}, strings.NewReader(""), &bytes.Buffer{}, &errb); got != 0 {
		t.Fatalf("keygen = %d: %s", got, errb.String())
	}
	return exitFixture{db: db, dir: dir, id: rs[0].ID.String()}
}

func quoteTOML(s string) string { return `'` + s + `'` }

// runTo runs digicheck with args, its standard output going to out, and
// returns its exit status and what it printed on standard error.
func runTo(out *os.File, args ...string) (int, string) {
	var errb bytes.Buffer
	got := run(args, strings.NewReader(""), out, &errb)
	return got, errb.String()
}

// The exit status was 2 for a refused --tz, and 1 for every other
// command line refused (an unknown flag, a bad date, a bad --format, a
// --by off the grid, a missing argument), the same as a command that ran
// and failed: a script could not tell a mistyped command from a failed
// one. Every command line refused now exits 2, before anything is read
// or written.
func TestEveryCommandLineRefusedExitsTwoAndEveryFailureOne(t *testing.T) {
	fx := newExitFixture(t)
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"summary", "--bogus"}, 2},
		{[]string{"export", "--format", "csv", "--bogus"}, 2},
		{[]string{"due", "--bogus"}, 2},
		{[]string{"show", fx.id, "--bogus"}, 2},
		{[]string{"bogus"}, 2},
		{[]string{"summary", "--from", "2026-13-01"}, 2},
		{[]string{"summary", "--exact", "--to", "26-01-01"}, 2},
		{[]string{"export", "--format", "csv", "--from", "2026-02-30"}, 2},
		{[]string{"export", "--format", "csv", "--from", "2026-03-01", "--to", "2026-02-01"}, 2},
		{[]string{"summary", "--format", "xls"}, 2},
		{[]string{"export", "--format", "xls"}, 2},
		{[]string{"export"}, 2},
		{[]string{"due", "--format", "xls"}, 2},
		{[]string{"due", "--within", "abc"}, 2},
		{[]string{"due", "--within", "-1"}, 2},
		{[]string{"questionnaire", "--format", "xls"}, 2},
		{[]string{"questionnaire", "--version", "99"}, 2},
		{[]string{"summary", "--by", "fortnight"}, 2},
		{[]string{"summary", "--by", "week"}, 2},
		{[]string{"summary", "--from", "2026-01-07"}, 2},
		{[]string{"summary", "--tz", "UTC"}, 2},
		{[]string{"summary", "--chart", "assessed", "--format", "csv"}, 2},
		{[]string{"summary", "--spc", "xmr"}, 2},
		{[]string{"summary", "--exact", "--baseline", "1", "--chart", "assessed"}, 2},
		{[]string{"summary", "--exact", "--change", "nodate", "--chart", "assessed"}, 2},
		{[]string{"show"}, 2},
		{[]string{"show", fx.id, "--handout", "--save", "-o", filepath.Join(fx.dir, "h.txt")}, 2},
		{[]string{"history"}, 2},
		{[]string{"backup"}, 2},
		{[]string{"keygen", "a", "b"}, 2},
		{[]string{"--db", "", "summary"}, 2},
		{[]string{"--team", strings.Repeat("T", 200), "summary"}, 2},
		// Ran, and failed: 1.
		{[]string{"summary", filepath.Join(fx.dir, "not-there.csv")}, 1},
		{[]string{"show", "01234567-0123"}, 1},
		{[]string{"backup", fx.db}, 1},
		// Done: 0.
		{[]string{"summary", "--exact"}, 0},
		{[]string{"show", fx.id}, 0},
	} {
		got, stderr := runTo(devnull, tc.args...)
		if got != tc.want {
			t.Errorf("digicheck %s exits %d, want %d; stderr:\n%s", strings.Join(tc.args, " "), got, tc.want, stderr)
		}
		if tc.want != 0 && !strings.Contains(stderr, "digicheck: ") {
			t.Errorf("digicheck %s says nothing of why it stopped; stderr:\n%s", strings.Join(tc.args, " "), stderr)
		}
	}
}

// outputs are the commands and formats that write to standard output.
func (fx exitFixture) outputs() [][]string {
	return [][]string{
		{"summary"},
		{"summary", "--format", "csv"},
		{"summary", "--format", "json"},
		{"summary", "--format", "markdown"},
		{"summary", "--format", "html"},
		{"summary", "--exact", "--chart", "assessed"},
		{"export", "--format", "csv"},
		{"export", "--format", "ndjson"},
		{"export", "--format", "fhir"},
		{"export", "--format", "csv", "--identifiable"},
		{"due", "--within", "400"},
		{"due", "--within", "400", "--format", "csv"},
		{"show", fx.id},
		{"show", fx.id, "--handout"},
		{"history", "943 476 5919"},
		{"questionnaire"},
		{"questionnaire", "--format", "fhir"},
		{"programmes"},
		{"check"},
		{"--version"},
	}
}

// A write to standard output that fails (a full disk) fails the command,
// whatever it writes and in whatever format. (Help, which fang draws at a
// width it reads once a process, is tried in the built program.)
func TestEveryOutputThatCannotBeWrittenFailsWithStatusOne(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/dev/full is Linux's")
	}
	fx := newExitFixture(t)
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer full.Close()
	for _, args := range fx.outputs() {
		got, stderr := runTo(full, args...)
		if got != 1 || !strings.Contains(stderr, "no space left on device") {
			t.Errorf("digicheck %s to a full disk exits %d, want 1 with the write's error; stderr:\n%s", strings.Join(args, " "), got, stderr)
		}
	}
}

// A reader that stops reading (digicheck export | head -1) asked for no
// more: every command and format ends quietly with exit status 0, as it
// did when all it wrote fitted the pipe before the reader left. It ended
// 1 (export), or was killed by SIGPIPE (141), by how much it wrote.
func TestEveryOutputWhoseReaderLeftEndsQuietlyWithStatusZero(t *testing.T) {
	fx := newExitFixture(t)
	for _, args := range fx.outputs() {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		r.Close()
		got, stderr := runTo(w, args...)
		w.Close()
		if got != 0 || strings.Contains(stderr, "digicheck: ") || strings.Contains(stderr, "broken pipe") {
			t.Errorf("digicheck %s to a reader gone exits %d, want 0 and no error; stderr:\n%s", strings.Join(args, " "), got, stderr)
		}
	}
}

// show ID --save -o FILE gave cobra's "if any flags in the group [output
// save] are set none of the others can be; [output save] were all set",
// and README's "--save … (or -o FILE)" reads as if they go together. It
// is refused, exit status 2, saying what each does and to give one.
func TestShowWithSaveAndOutputBothIsRefusedInPlainWords(t *testing.T) {
	fx := newExitFixture(t)
	file := filepath.Join(fx.dir, "h.txt")
	var errb bytes.Buffer
	got := run([]string{"show", fx.id, "--save", "-o", file}, strings.NewReader(""), &bytes.Buffer{}, &errb)
	msg := errb.String()
	if got != 2 || strings.Contains(msg, "group") || !strings.Contains(msg, "--save") || !strings.Contains(msg, "-o FILE") || !strings.Contains(msg, "not both") {
		t.Errorf("show --save -o = %d, want 2 saying to give --save or -o FILE, not both; stderr:\n%s", got, msg)
	}
	if _, err := os.Stat(file); err == nil {
		t.Errorf("show --save -o wrote %s", file)
	}
}
