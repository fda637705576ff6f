package ui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestTmuxCaptures runs testdata/tmux/capture.sh, which drives the real
// binary in tmux at 60x20, 80x24 and 120x40 under NO_COLOR and on a light
// background, and compares its captures with the ones in testdata/tmux.
// After a deliberate change to a screen, run the script with no argument
// to write them again, and read the diff before committing it.
func TestTmuxCaptures(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t)
	if runtime.GOOS == "windows" {
		t.Skip("runs the binary in tmux")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	dir := t.TempDir()
	out, err := exec.Command("sh", filepath.Join("testdata", "tmux", "capture.sh"), dir).CombinedOutput()
	if err != nil {
		t.Fatalf("capture.sh: %v\n%s", err, out)
	}
	want, _ := filepath.Glob(filepath.Join("testdata", "tmux", "*.txt"))
	if len(want) != 6 {
		t.Fatalf("%d golden captures, want 6 (3 sizes, 2 themes)", len(want))
	}
	for _, w := range want {
		name := filepath.Base(w)
		golden, err := os.ReadFile(w)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(golden) {
			t.Errorf("%s differs from the golden capture:\n%s", name, lineDiff(string(golden), string(got)))
		}
		// Made too small and grown back, the result is as it was.
		shots := captures(string(got))
		if shots["result"] == "" || shots["result"] != shots["result-again"] {
			t.Errorf("%s: the result after resizing differs:\n%s", name, lineDiff(shots["result"], shots["result-again"]))
		}
	}
}

// captures splits a capture file into its named screens.
func captures(s string) map[string]string {
	out := map[string]string{}
	for _, part := range strings.Split(s, "=== ")[1:] {
		name, body, _ := strings.Cut(part, " ===\n")
		out[name] = body
	}
	return out
}

// lineDiff lists the lines that differ, for a readable failure.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %s\n  got  %s\n", i+1, wl, gl)
		}
	}
	return b.String()
}
