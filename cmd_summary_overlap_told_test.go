package main

import (
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/site"
)

// What the notes of a summary of more than one period say overlapping
// spans tell, held to the counts: of January to March beside January to
// April, a total (or team row) shown differently holds some assessment
// of April (its exact count differs), unless it is shown equal to its
// base in either release (a part is lowered to its base, rule 5, and
// moves with it); and such a total is found whose April cell is *, where
// * says 0 to 9, zero included: the pair says it is not zero. Shown the
// same, a count says nothing.
func TestTwoOverlappingSpansTellOnlyThatTheMonthBetweenHoldsSomeOfACountShownDifferently(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "four months.db")
	if _, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).syntheticCmd, "--count", "900", "--seed", "11",
		"--from", "2026-01-01", "--to", "2026-04-30"); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, errOut)
	}
	type row struct{ count, base string }
	release := func(to string, exact bool) map[string]row {
		t.Helper()
		args := []string{"--format", "csv", "--from", "2026-01-01", "--to", to}
		if exact {
			args = append(args, "--exact")
		}
		out, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, args...)
		if err != nil {
			t.Fatalf("summary %v: %v\n%s", args, err, errOut)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]row{}
		for _, r := range rows[1:] {
			if r[1] == "all" || r[1] == "team" {
				m[strings.Join(r[:5], "|")] = row{r[5], r[6]}
			}
		}
		return m
	}
	march, april := release("2026-03-31", false), release("2026-04-30", false)
	marchExact, aprilExact := release("2026-03-31", true), release("2026-04-30", true)
	told, shownDifferently := 0, 0
	for k, a := range april {
		m, ok := march[k]
		if !strings.HasPrefix(k, "all|") || !ok || m.count == a.count {
			continue
		}
		shownDifferently++
		if marchExact[k].count == aprilExact[k].count && m.count != m.base && a.count != a.base {
			t.Errorf("%s is shown %s to March and %s to April, neither at its base, with no April assessment in it (exact %s)", k, m.count, a.count, aprilExact[k].count)
		}
		if own := "2026-04" + strings.TrimPrefix(k, "all"); april[own].count == "*" && aprilExact[own].count != "0" {
			told++
		}
	}
	if shownDifferently == 0 || told == 0 {
		t.Fatalf("no total shown differently (%d), or none whose April cell is * (%d): the data do not show what the notes say", shownDifferently, told)
	}
	t.Logf("%d totals shown differently, %d of them with April's own cell *", shownDifferently, told)
}
