package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

const patternsChild = "DIGICHECK_TEST_PATTERNS_CHILD"

// TestMakingTheCommandsCompilesNoPattern: every start of digicheck that
// names a command, asks for help or is refused makes its commands (their
// help texts among them) before anything else. Compiling a regular expression
// there (one a help text's wrapping used, say) touches the regexp
// package's code and memory on every start, which on a machine where a
// page fault is dear is most of what it costs. The commands are made in
// a process of their own, so that no other test has compiled a pattern
// first, with every allocation profiled; any made under regexp.compile
// on the way from newApp fails the test.
func TestMakingTheCommandsCompilesNoPattern(t *testing.T) {
	if os.Getenv(patternsChild) == "" {
		t.Parallel()
		cmd := exec.Command(os.Args[0], "-test.run=^TestMakingTheCommandsCompilesNoPattern$", "-test.count=1", "-test.v")
		// Every allocation profiled from the start: MemProfileRate set
		// later takes effect only at the next sample of the old rate.
		cmd.Env = append(os.Environ(), patternsChild+"=1", "GODEBUG=memprofilerate=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !bytes.Contains(out, []byte("--- PASS: TestMakingTheCommandsCompilesNoPattern")) {
			t.Fatalf("the test in a process of its own: %v\n%s", err, out)
		}
		return
	}
	if runtime.MemProfileRate != 1 {
		t.Fatalf("MemProfileRate is %d, not 1: the profile would miss allocations", runtime.MemProfileRate)
	}
	newApp(strings.NewReader(""), io.Discard, io.Discard)
	runtime.GC() // a profile is published a cycle or two after
	runtime.GC()
	var records []runtime.MemProfileRecord
	for {
		n, ok := runtime.MemProfile(records, true)
		if ok {
			records = records[:n]
			break
		}
		records = make([]runtime.MemProfileRecord, n+64)
	}
	seen, madeAny := map[string]bool{}, false
	for _, r := range records {
		var compiled bool
		var from, path []string
		frames := runtime.CallersFrames(r.Stack())
		for {
			f, more := frames.Next()
			if f.Function == "regexp.compile" {
				compiled = true
			}
			// This package's functions are named digicheck.*, as a
			// test binary names them.
			if strings.HasPrefix(f.Function, "digicheck.") || strings.HasPrefix(f.Function, "digicheck/") {
				path = append(path, f.Function)
			}
			if f.Function == "digicheck.newApp" {
				from = path
			}
			if !more {
				break
			}
		}
		if from != nil {
			madeAny = true
		}
		if compiled && from != nil {
			if where := strings.Join(from, " < "); !seen[where] {
				seen[where] = true
				t.Errorf("making the commands compiles a pattern: %s", where)
			}
		}
	}
	if !madeAny {
		t.Fatal("no allocation made under newApp was profiled: the test no longer sees what it checks")
	}
}
