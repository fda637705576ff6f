package report

import (
	"strings"
	"testing"
	"time"
)

// TestARefusalQuotesACharacterThatDrawsNothingEscaped: summary --team
// naming a team no record has was refused quoting the name with %q, which
// leaves a Hangul filler (U+3164), the Braille blank (U+2800) or a
// variation selector raw, where a zero width space reads "\u200b": the
// quoted name read as "Ward 7", a team the inputs do have. Every character
// that draws nothing is quoted escaped.
func TestARefusalQuotesACharacterThatDrawsNothingEscaped(t *testing.T) {
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	st := storeOf(t, nil)
	if _, err := Synthesise(st, SyntheticOptions{Count: 20, Seed: 71, Team: "Ward 7", From: from, To: from.AddDate(0, 0, 20)}); err != nil {
		t.Fatal(err)
	}
	for _, team := range []string{"Ward\u3164 7", "Ward 7\u2800", "Ward 7\ufe0f", "Ward\u200b 7"} {
		_, err := SummariseStore(st, Options{Location: time.UTC, Teams: []string{team}})
		if err == nil {
			t.Fatalf("--team %+q was taken", team)
		}
		if strings.ContainsAny(err.Error(), "\u3164\u2800\ufe0f\u200b") || !strings.Contains(err.Error(), `\u`) {
			t.Errorf("--team %+q: refused as %q, the character raw, not escaped", team, err)
		}
	}
}
