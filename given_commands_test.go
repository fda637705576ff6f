package main

import "testing"

// The commands the words of a damaged store suggest carry this run's
// --db and --config, once each, and nothing else is changed.
func TestWithGivenGivesEachSuggestedCommandTheRunsStore(t *testing.T) {
	t.Parallel()
	const given = " --db '/wards/Ward 9.db'"
	for _, c := range []struct{ in, want string }{
		{"run digicheck check, keep a copy", "run digicheck check --db '/wards/Ward 9.db', keep a copy"},
		{"until digicheck check finds it sound", "until digicheck check --db '/wards/Ward 9.db' finds it sound"},
		{"start a new assessment with digicheck new (its answers", "start a new assessment with digicheck new --db '/wards/Ward 9.db' (its answers"},
		{"run digicheck check --db /x.db now", "run digicheck check --db /x.db now"},
		{"run digicheck check --config site.toml", "run digicheck check --config site.toml"},
		{"digicheck newer, digicheck checks", "digicheck newer, digicheck checks"},
		{"run digicheck check.", "run digicheck check --db '/wards/Ward 9.db'."},
		{"digicheck check --salvage FILE", "digicheck check --db '/wards/Ward 9.db' --salvage FILE"},
	} {
		if got := withGiven(c.in, given); got != c.want {
			t.Errorf("withGiven(%q) = %q; want %q", c.in, got, c.want)
		}
		if got := withGiven(c.in, ""); got != c.in {
			t.Errorf("with nothing given, %q became %q", c.in, got)
		}
	}
}
