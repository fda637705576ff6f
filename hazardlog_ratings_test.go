package main

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// riskMatrix is the DCB0129/DCB0160 risk matrix the hazard log uses:
// riskMatrix[likelihood][severity], each 1 to 5 (NHS England's UK Core
// hazard log, "Risk Matrix").
var riskMatrix = [6][6]int{
	1: {0, 1, 1, 2, 2, 3},
	2: {0, 1, 2, 2, 3, 4},
	3: {0, 2, 2, 3, 3, 4},
	4: {0, 2, 3, 3, 4, 5},
	5: {0, 3, 4, 4, 5, 5},
}

var acceptability = map[int]string{
	1: "acceptable",
	2: "acceptable (ALARP)",
	3: "undesirable",
	4: "unacceptable without further control",
	5: "unacceptable",
}

// TestEveryHazardIsRatedOwnedAndDated: every hazard of the log has a row in
// its summary with severity and likelihood from 1 to 5, before and after
// the controls, each risk read correctly from the matrix, the residual's
// acceptability, an owner, a review-by date and a status; and every row is
// a hazard the log describes. A residual risk of 4 or 5 is never closed.
func TestEveryHazardIsRatedOwnedAndDated(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("docs/clinical-safety.md")
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^## (H\d+)\. `).FindAllSubmatch(doc, -1) {
		sections[string(m[1])] = true
	}
	if len(sections) < 40 {
		t.Fatalf("only %d hazard sections found", len(sections))
	}
	rows := map[string]bool{}
	for _, line := range strings.Split(string(doc), "\n") {
		if !strings.HasPrefix(line, "| H") {
			continue
		}
		f := strings.Split(strings.Trim(line, "|"), "|")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		id := f[0]
		if len(f) != 12 {
			t.Errorf("%s: %d columns, want 12 (id, hazard, initial S, L, risk, residual S, L, risk, acceptability, owner, review by, status)", id, len(f))
			continue
		}
		if rows[id] {
			t.Errorf("%s has two rows", id)
		}
		rows[id] = true
		num := func(col int, what string) int {
			n, err := strconv.Atoi(f[col])
			if err != nil || n < 1 || n > 5 {
				t.Errorf("%s: %s %q is not 1 to 5", id, what, f[col])
				return 1
			}
			return n
		}
		iS, iL, iR := num(2, "initial severity"), num(3, "initial likelihood"), num(4, "initial risk")
		rS, rL, rR := num(5, "residual severity"), num(6, "residual likelihood"), num(7, "residual risk")
		if riskMatrix[iL][iS] != iR {
			t.Errorf("%s: initial risk %d, but the matrix gives %d for S%d L%d", id, iR, riskMatrix[iL][iS], iS, iL)
		}
		if riskMatrix[rL][rS] != rR {
			t.Errorf("%s: residual risk %d, but the matrix gives %d for S%d L%d", id, rR, riskMatrix[rL][rS], rS, rL)
		}
		if rR > iR {
			t.Errorf("%s: the controls raise the risk from %d to %d", id, iR, rR)
		}
		if f[8] != acceptability[rR] {
			t.Errorf("%s: acceptability %q, want %q for a residual risk of %d", id, f[8], acceptability[rR], rR)
		}
		if f[9] == "" {
			t.Errorf("%s has no owner", id)
		}
		if _, err := time.Parse("2006-01-02", f[10]); err != nil {
			t.Errorf("%s: review by %q is not a date", id, f[10])
		}
		switch f[11] {
		case "open":
		case "closed":
			if rR >= 4 {
				t.Errorf("%s is closed with a residual risk of %d", id, rR)
			}
		default:
			t.Errorf("%s: status %q is not open or closed", id, f[11])
		}
		if !sections[id] {
			t.Errorf("%s has a summary row but no section", id)
		}
	}
	for id := range sections {
		if !rows[id] {
			t.Errorf("%s has a section but no row in the summary", id)
		}
	}
}
