package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestARefusedTeamIsQuotedWithWhatDrawsNothingEscaped: synthetic --team of
// a Hangul filler was refused as team "ㅤ": character 1 is an invisible
// character (U+3164), the filler raw between the quotes, where a tab is
// quoted "\x09" and a zero width space "\u200b". The quoted team shows
// every character that draws nothing escaped.
func TestARefusedTeamIsQuotedWithWhatDrawsNothingEscaped(t *testing.T) {
	for _, c := range []struct{ team, quoted string }{
		{"\u3164", `"\u3164"`},
		{"\u2800", `"\u2800"`},
		{"Ward\u3164 7", `"Ward\u3164 7"`},
		{"\u200b", `"\u200b"`},
	} {
		db := filepath.Join(t.TempDir(), "s.db")
		_, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db}, pipedAssessment, "--team", c.team, "synthetic", "--count", "1")
		if err == nil || !strings.Contains(err.Error(), "team "+c.quoted) || strings.ContainsAny(err.Error(), "\u3164\u2800\u200b") {
			t.Errorf("--team %+q: %v; want it quoted %s, nothing raw", c.team, err, c.quoted)
		}
	}
}
