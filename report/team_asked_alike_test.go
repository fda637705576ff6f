package report

import (
	"html"
	"strings"
	"testing"
	"time"
)

// A summary of one team (--team "Ward A") counted only the team of that
// exact name: the assessments of a team kept with a look-alike letter of
// another script ("Ward \u0410", its \u0410 Cyrillic, from a store or an
// export made before entry refused such names), which prints exactly as
// "Ward A", were left out with no word in any format, and the published
// "Ward A" summary lacked them unmarked. Every format now names the team
// that prints alike and says it is not counted; a team that merely
// differs (Ward B) is not named.
func TestASummaryOfOneTeamNamesTheTeamsThatPrintLikeIt(t *testing.T) {
	summaryOf := func(other string, exact bool) *Summary {
		var fs []fixture
		for n := 1; n <= 40; n++ {
			fs = append(fs, fixture{n: n, day: "2026-01-05", team: "Ward A", patient: "P" + string(rune('A'+n%26)) + string(rune('A'+n/26))})
		}
		for n := 41; n < 71; n++ {
			fs = append(fs, fixture{n: n, day: "2026-01-06", team: other, patient: "Q" + string(rune('A'+n%26)) + string(rune('A'+n/26))})
		}
		return summarise(t, datasetOf(t, records(t, fs)), Options{By: Month, Exact: exact, Teams: []string{"Ward A"}, Location: time.UTC})
	}
	for _, c := range []struct {
		name  string
		other string
		exact bool
		alike bool
		tells string // what the note says tells them apart
	}{
		{"exact", "Ward \u0410", true, true, "U+0410 Cyrillic"},
		{"disclosure control", "Ward \u0410", false, true, "U+0410 Cyrillic"},
		{"the Kelvin sign", "W\u0061rd \u212a", false, false, ""},
		{"a full-width A", "Ward \uff21", false, true, "U+FF21, a form of"},
		{"two spaces together", "Ward  A", false, true, "two together"},
		{"a no-break space", "Ward\u00a0A", true, true, "spaces of another kind"},
		{"a team that differs", "Ward B", false, false, ""},
	} {
		s := summaryOf(c.other, c.exact)
		for format, out := range publishedIn(t, s) {
			out = html.UnescapeString(out)
			says := strings.Contains(out, "not counted in this summary of the teams asked for")
			if says != c.alike {
				t.Errorf("%s, %s: says a team printing alike is not counted: %v, want %v:\n%.3000s", c.name, format, says, c.alike, out)
				continue
			}
			if c.alike && !strings.Contains(out, c.tells) {
				t.Errorf("%s, %s: does not say what tells them apart (%s)", c.name, format, c.tells)
			}
		}
	}
}
