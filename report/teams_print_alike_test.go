package report

import (
	"html"
	"strings"
	"testing"
	"time"
)

// A team typed with a look-alike letter of another script ("Ward А", its А
// Cyrillic) is another team printing exactly as "Ward A". Entry now
// refuses such a name, but stores and exports made before may hold one: a
// summary showed two rows reading "Ward A", or a note that "Ward A" was
// not counted beside a counted "Ward A" row, and nothing told them apart.
// Every published format now says which teams print alike, and by which
// letters they differ; teams that do not print alike are not named so.
func TestASummaryOfTeamsThatPrintAlikeSaysSoInEveryFormat(t *testing.T) {
	cyrillic := "Ward \u0410"
	summaryOf := func(other string, others int, exact bool) *Summary {
		var fs []fixture
		for n := 1; n <= 40; n++ {
			fs = append(fs, fixture{n: n, day: "2026-01-05", team: "Ward A", patient: "P" + string(rune('A'+n%26)) + string(rune('A'+n/26))})
		}
		for n := 41; n < 41+others; n++ {
			fs = append(fs, fixture{n: n, day: "2026-01-06", team: other, patient: "Q" + string(rune('A'+n%26)) + string(rune('A'+n/26))})
		}
		return summarise(t, datasetOf(t, records(t, fs)), Options{By: Month, Exact: exact, Location: time.UTC})
	}
	for _, c := range []struct {
		name   string
		other  string
		others int
		exact  bool
		alike  bool
	}{
		{"two rows, exact", cyrillic, 30, true, true},
		{"two rows, disclosure control", cyrillic, 30, false, true},
		{"the look-alike left out as too few", cyrillic, 4, false, true},
		{"two teams that differ", "Ward B", 30, false, false},
	} {
		s := summaryOf(c.other, c.others, c.exact)
		for format, out := range publishedIn(t, s) {
			out = html.UnescapeString(out) // the board report writes + as &#43;
			says := strings.Contains(out, "print alike")
			if says != c.alike {
				t.Errorf("%s, %s: says teams print alike %v, want %v:\n%.3000s", c.name, format, says, c.alike, out)
				continue
			}
			if c.alike && !strings.Contains(out, "U+0410 Cyrillic") {
				t.Errorf("%s, %s: does not name the letter that tells them apart (U+0410 Cyrillic)", c.name, format)
			}
		}
	}
}

// The note said of every pair that "a letter of another script typed in
// a team's name (kept by an earlier version of digicheck, which did not
// refuse it)" made the other team: of "ТЕАМ А", all Cyrillic, which this
// version takes, beside "TEAM A", neither was true. It now says why as
// the names found are: a name mixing scripts kept by an earlier version,
// or one wholly in another script, which digicheck takes; a name holding
// a compatibility form of a Latin character (the Kelvin sign K, full-width
// letters), all one script, kept by an earlier version, is said as that.
func TestTheNoteOfTeamsThatPrintAlikeSaysTrulyWhy(t *testing.T) {
	summaryOf := func(latin, other string) *Summary {
		var fs []fixture
		for n := 1; n <= 40; n++ {
			fs = append(fs, fixture{n: n, day: "2026-01-05", team: latin, patient: "P" + string(rune('A'+n%26)) + string(rune('A'+n/26))})
		}
		for n := 41; n < 71; n++ {
			fs = append(fs, fixture{n: n, day: "2026-01-06", team: other, patient: "Q" + string(rune('A'+n%26)) + string(rune('A'+n/26))})
		}
		return summarise(t, datasetOf(t, records(t, fs)), Options{By: Month, Exact: true, Location: time.UTC})
	}
	for _, c := range []struct {
		name, latin, other             string
		earlier, whole, compat, spaces bool
	}{
		{"one Cyrillic letter among Latin ones", "Ward A", "Ward \u0410", true, false, false, false},
		{"a name wholly in Cyrillic", "TEAM A", "\u0422\u0415\u0410\u041c \u0410", false, true, false, false},
		// The Kelvin sign is of the Latin script: the name is in one
		// script, and no Cyrillic or Greek one.
		{"the Kelvin sign among Latin letters", "Ward K", "Ward \u212a", true, false, true, false},
		{"a full-width name", "WARD 7", "\uff37\uff21\uff32\uff24 \uff17", true, false, true, false},
		{"a no-break space", "Ward 9", "Ward\u00a09", false, false, false, true},
		{"two spaces together", "Ward 9", "Ward  9", false, false, false, true},
		{"a space at the end", "Ward 9", "Ward 9 ", false, false, false, true},
	} {
		note := summaryOf(c.latin, c.other).LookAlikeNote()
		if !strings.Contains(note, "print alike") {
			t.Fatalf("%s: no note of teams that print alike: %q", c.name, note)
		}
		if got := strings.Contains(note, "earlier version"); got != c.earlier {
			t.Errorf("%s: blames an earlier version %v, want %v: %q", c.name, got, c.earlier, note)
		}
		if got := strings.Contains(note, "wholly in another script"); got != c.whole {
			t.Errorf("%s: says a name wholly in another script %v, want %v: %q", c.name, got, c.whole, note)
		}
		if got := strings.Contains(note, "another form of a character"); got != c.compat {
			t.Errorf("%s: says a character typed in another form %v, want %v: %q", c.name, got, c.compat, note)
		}
		if got := strings.Contains(note, "Spaces that differ"); got != c.spaces {
			t.Errorf("%s: says spaces differ %v, want %v: %q", c.name, got, c.spaces, note)
		}
	}
}
