package main

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// initAllocBudget is how many allocations digicheck's own packages (main
// and digicheck/...) may make between them as the program initialises,
// before main runs: tables built from literals and the like. Every
// command pays for it, the first frame included, and on a machine where a
// page fault is dear most of its cost is the code and memory it touches.
// Work only some commands need (patterns compiled, templates parsed,
// hashes worked out, tables only a command or a record's coding reads)
// is done when first used: it was about 4,800 when some 25 patterns and a
// template were compiled and parsed at start, about 600 with one pattern
// (the summary's output), the table of coded needs and the synthetic
// districts still made there, and is about 410 without them.
const initAllocBudget = 450

// TestPackageInitialisationLeavesWorkToFirstUse runs the real binary with
// the runtime's trace of package initialisation and adds up the
// allocations of digicheck's own packages: compiling a regular expression
// is some hundred allocations, so one compiled at start (not where it is
// used) is over the budget on its own.
func TestPackageInitialisationLeavesWorkToFirstUse(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(binary(t), "--version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("digicheck --version: %v\n%s", err, out)
	}
	line := regexp.MustCompile(`(?m)^init (\S+) @.* ([0-9]+) allocs$`)
	total, seen := 0, 0
	var heavy []string
	for _, m := range line.FindAllStringSubmatch(string(out), -1) {
		pkg := m[1]
		if pkg != "main" && !strings.HasPrefix(pkg, "digicheck/") {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		seen++
		total += n
		if n > 50 {
			heavy = append(heavy, pkg+" "+m[2])
		}
	}
	if seen == 0 {
		t.Fatalf("no initialisation of digicheck's packages traced: the trace's form has changed\n%s", out)
	}
	if total > initAllocBudget {
		t.Errorf("digicheck's packages make %d allocations as they initialise, over the budget of %d; the most: %s",
			total, initAllocBudget, strings.Join(heavy, ", "))
	}
}
