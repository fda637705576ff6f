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
func TestMain(m *testing.M) {
	testkit.RaiseParallel(8)
	code := m.Run()
	removeMade()
	os.Exit(code)
}
