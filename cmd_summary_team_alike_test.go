package main

import (
	"strings"
	"testing"

	"digicheck/site"
)

// `summary --team "Ward A"` over old data holding the same team spelt
// with a look-alike letter of another script ("Ward \u0410", kept before
// entry refused such names) counted the Latin spelling alone and said
// nothing, on standard error or in the output: the published summary of
// the team lacked the other spelling's assessments, unmarked. Whoever
// runs it is now told, and the output's notes say so too.
func TestASummaryOfATeamSaysATeamPrintingLikeItIsNotCounted(t *testing.T) {
	t.Parallel()
	var team, alike string
	file := editedExport(t, t.TempDir(), "csv", func(rows [][]string, col map[string]int) {
		withoutCSVRowChecks(rows, col) // as an export of an earlier build
		team = rows[1][col["team"]]
		alike = strings.Replace(team, "a", "\u0430", 1) // Cyrillic а
		if alike == team {
			t.Fatalf("team %q has no a to spell otherwise", team)
		}
		n := 0
		for _, r := range rows[1 : len(rows)-1] {
			if r[col["team"]] == team {
				if n%2 == 1 {
					r[col["team"]] = alike
				}
				n++
			}
		}
	})
	out, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--team", team, "--from", "2025-01-01", "--to", "2025-06-30", file)
	if err != nil {
		t.Fatalf("summary: %v\n%s", err, errOut)
	}
	for what, text := range map[string]string{"standard error": errOut, "output": out} {
		flat := strings.Join(strings.Fields(text), " ")
		if !strings.Contains(flat, alike+" (with U+0430 Cyrillic)") || !strings.Contains(flat, "print like a team asked for") && !strings.Contains(flat, "prints like a team asked for") {
			t.Errorf("%s does not say that %q, printing like %q, is not counted:\n%s", what, alike, team, text)
		}
	}
}
