package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"digicheck/internal/testkit"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds digicheck once for the tests that run it for real.
func binary(t testing.TB) string {
	t.Helper()
	testkit.EndToEnd(t) // builds and runs the binary
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "digicheck-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "digicheck")
		if runtime.GOOS == "windows" {
			binPath += ".exe"
		}
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = errors.New(string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("building digicheck: %v", buildErr)
	}
	return binPath
}
