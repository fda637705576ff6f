package record

import (
	"regexp"
	"testing"
)

// TestNHSNumberGroupsAreTheWordsThePatternsName: Wrap joins an NHS
// number's three groups by matching each word by hand. What it matches is
// what these patterns, which it once compiled, name; every word of up to
// five characters made of digits, brackets, a full stop, a letter, an
// accented letter and a byte that is no UTF-8 is tried, and some longer.
func TestNHSNumberGroupsAreTheWordsThePatternsName(t *testing.T) {
	groups := []struct {
		name    string
		pattern *regexp.Regexp
		match   func(string) bool
	}{
		{"nhsHead", regexp.MustCompile(`^[^0-9]*[0-9]{3}$`), nhsHead},
		{"nhsMid", regexp.MustCompile(`^[0-9]{3}$`), nhsMid},
		{"nhsTail", regexp.MustCompile(`^[0-9]{4}([^0-9].*)?$`), nhsTail},
	}
	alphabet := []string{"9", "4", "0", "(", ")", ".", "x", "é", "\xff"}
	words := []string{"", "943", "(943", "476", "5919", "5919).", "59190", "9434", "x94", "NHS:943", "5919é", "5919\xff", "0113\u00a0496"}
	var grow func(w string, n int)
	grow = func(w string, n int) {
		words = append(words, w)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			grow(w+c, n-1)
		}
	}
	grow("", 5)
	for _, g := range groups {
		wrong := 0
		for _, w := range words {
			if want := g.pattern.MatchString(w); g.match(w) != want {
				if wrong++; wrong <= 5 {
					t.Errorf("%s(%q) = %v; the pattern %s says %v", g.name, w, !want, g.pattern, want)
				}
			}
		}
	}
}
