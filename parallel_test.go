package main

import (
	"os"
	"testing"

	"digicheck/internal/testkit"
)

// Most of the slow tests here wait: keys typed at a typist's pace into the
// program in a terminal, holds, a FHIR server starting. Each has its own
// folder, home, store and server, so more of them run at once than there
// are processors. Tests that change the process's environment, share the
// one FHIR server of the package, time the code or load the processors
// on purpose do not run beside others.
//
// What the commands print is filled to COLUMNS when it is set, else to 80:
// every test reads 80 unless it sets COLUMNS itself (t.Setenv, so not in
// parallel), whatever the shell that ran go test exported, and a test of
// output at 80 columns need not set it, and so can run beside others.
func TestMain(m *testing.M) {
	testkit.RaiseParallel(8)
	if err := os.Setenv("COLUMNS", "80"); err != nil {
		panic(err)
	}
	code := m.Run()
	removeMade()
	os.Exit(code)
}
