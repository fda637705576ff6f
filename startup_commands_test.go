package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// plainStartAllocBudget is how many allocations a start that names no
// command may make from the command line to the assessment's first step
// (settings resolved, fang's and cobra's set-up, the error printed): about
// 330. Making digicheck's sixteen commands, their flags and help texts, is
// about 390 more, which such a start never uses: it is about 710 when
// they are made at every start.
const plainStartAllocBudget = 500

// TestAStartThatNamesNoCommandDoesNotMakeTheCommands: an assessment is
// started with no command word, only digicheck's own flags, and every
// such start made all sixteen commands (some 0.7 ms in a new process,
// most of it the first touch of their code and help texts). Here
// the start stops at its first step, a programmes file that is not there,
// so that what is counted is the command line's handling alone.
func TestAStartThatNamesNoCommandDoesNotMakeTheCommands(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("DIGICHECK_CONFIG", "")
	t.Setenv("DIGICHECK_TEAM", "")
	t.Setenv("DIGICHECK_ACCESSIBLE", "")
	t.Setenv("DIGICHECK_PROGRAMMES", filepath.Join(dir, "missing.toml"))
	args := []string{"--db", filepath.Join(dir, "s.db"), "--accessible"}
	var stderr bytes.Buffer
	var status int
	allocs := testing.AllocsPerRun(10, func() {
		stderr.Reset()
		status = run(args, strings.NewReader(""), io.Discard, &stderr)
	})
	if status != 1 || !strings.Contains(stderr.String(), "missing.toml") {
		t.Fatalf("the start was not stopped by the missing programmes file: status %d, said %q", status, stderr.String())
	}
	if allocs > plainStartAllocBudget {
		t.Errorf("a start that names no command made %.0f allocations before its first step, over the budget of %d: are the commands made at every start?",
			allocs, plainStartAllocBudget)
	}
}
