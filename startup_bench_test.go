//go:build !windows

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/creack/pty"

	"digicheck/internal/testkit"
)

// BenchmarkStartToFirstFrame times the real binary from process start to
// its first screen drawn on an 80x24 pseudo-terminal, with a store already
// on disk: the budget in DESIGN.md is under 30 ms. Each iteration starts a
// process and kills it once "Identifier" (the first question) is drawn.
// Compare with the floors in the same run, which the budget includes:
// BenchmarkStartTrivialProcess (any process), BenchmarkStartGoHelloWorld
// (any Go program) and BenchmarkStartBubbleTeaHelloWorld (any Bubble Tea
// program). With DIGICHECK_BENCH_COMPARE set to another build's binary,
// that build is timed too, in the same run, as "compare" beside "this".
// The environment is the benchmark's own: run it inside tmux to time a
// start under tmux.
func BenchmarkStartToFirstFrame(b *testing.B) {
	testkit.EndToEnd(b)
	bins := []struct{ name, path string }{{"this", buildAnchor(b, ".", filepath.Join(b.TempDir(), "digicheck"), ".")}}
	if other := os.Getenv("DIGICHECK_BENCH_COMPARE"); other != "" {
		bins = append(bins, struct{ name, path string }{"compare", other})
	}
	for _, bin := range bins {
		b.Run(bin.name, func(b *testing.B) { startToFirstFrame(b, bin.path) })
	}
}

func startToFirstFrame(b *testing.B, bin string) {
	dir := b.TempDir()
	env := append(os.Environ(), "DIGICHECK_DB="+filepath.Join(dir, "s.db"), "HOME="+dir,
		"XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir, "TERM=xterm-256color", "NO_COLOR=")
	startUntil(b, exec.Command(bin), env, []byte("Identifier")) // creates the store
	timeStarts(b, bin, env)
}

// BenchmarkStartTrivialProcess is the floor: a process that prints at once.
func BenchmarkStartTrivialProcess(b *testing.B) {
	for b.Loop() {
		startUntil(b, exec.Command("sh", "-c", "echo Identifier; sleep 5"), os.Environ(), []byte("Identifier"))
	}
}

// helloWorld is the smallest Go program that draws what the benchmarks wait
// for: its start is the Go runtime's own, which no Go program can beat.
const helloWorld = `package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println("Identifier")
	time.Sleep(5 * time.Second)
}
`

// BenchmarkStartGoHelloWorld is the Go floor: a Go program, built by the
// same toolchain in the same run, that prints "Identifier" at once on the
// same 80x24 pseudo-terminal. StartToFirstFrame over this is what a start
// costs beyond starting any Go program.
func BenchmarkStartGoHelloWorld(b *testing.B) {
	testkit.EndToEnd(b)
	dir := b.TempDir()
	src := filepath.Join(dir, "hello.go")
	if err := os.WriteFile(src, []byte(helloWorld), 0o600); err != nil {
		b.Fatal(err)
	}
	// Built on its own, outside this module, so it links nothing else.
	bin := buildAnchor(b, dir, filepath.Join(dir, "hello"), src)
	timeStarts(b, bin, append(os.Environ(), "TERM=xterm-256color"))
}

// BenchmarkStartBubbleTeaHelloWorld is the Bubble Tea floor: the smallest
// Bubble Tea program (testdata/teahello), set up as the UI is, drawing
// "Identifier" as its first frame. Bubble Tea draws a frame on its
// renderer's tick, so its first frame comes a frame period (8.3 ms at 120
// frames a second) after it starts, however soon the view is ready.
func BenchmarkStartBubbleTeaHelloWorld(b *testing.B) {
	testkit.EndToEnd(b)
	dir := b.TempDir()
	bin := buildAnchor(b, ".", filepath.Join(dir, "teahello"), "./testdata/teahello")
	timeStarts(b, bin, append(os.Environ(), "TERM=xterm-256color", "NO_COLOR="))
}

// releaseFlags are .goreleaser.yaml's: a start is timed on the binary
// clinicians run. Built as go build builds by default, with cgo and debug
// information, the same code linked dynamically took about 4 ms longer to
// its first frame here (the C loader's start, and a quarter more pages).
var releaseFlags = []string{"-trimpath", "-ldflags=-s -w"}

// buildAnchor builds pkg in dir to out, as a release is built
// (releaseFlags, without cgo).
func buildAnchor(b *testing.B, dir, out, pkg string) string {
	b.Helper()
	build := exec.Command("go", append(append([]string{"build"}, releaseFlags...), "-o", out, pkg)...)
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	build.Dir = dir
	if output, err := build.CombinedOutput(); err != nil {
		b.Fatalf("building %s: %v\n%s", pkg, err, output)
	}
	return out
}

// timeStarts times starts of bin until "Identifier" is drawn, after one
// start to warm the page cache.
func timeStarts(b *testing.B, bin string, env []string) {
	b.Helper()
	startUntil(b, exec.Command(bin), env, []byte("Identifier"))
	b.ResetTimer()
	for b.Loop() {
		startUntil(b, exec.Command(bin), env, []byte("Identifier"))
	}
}

func startUntil(b *testing.B, cmd *exec.Cmd, env []string, want []byte) {
	b.Helper()
	cmd.Env = env
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		ptmx.Close()
	}()
	deadline := time.Now().Add(5 * time.Second)
	var got []byte
	buf := make([]byte, 64<<10)
	for !bytes.Contains(got, want) {
		if time.Now().After(deadline) {
			b.Fatalf("no %q within 5 s; got %q", want, got)
		}
		n, err := ptmx.Read(buf)
		if err != nil {
			b.Fatalf("reading the terminal: %v", err)
		}
		got = append(got, buf[:n]...)
	}
}
