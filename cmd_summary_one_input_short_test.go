package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/report"
	"digicheck/site"
	"digicheck/store"
)

// teamExport makes a store of one team's assessments over the year to
// the end of the last whole month and exports it, pseudonymised, for
// dates to `to` (zero: all of them).
func teamExport(t *testing.T, dir, team string, seed uint64, to time.Time) string {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data")
	}
	from, last := report.LastWholePeriod(time.Now(), report.Month, loc)
	db := filepath.Join(dir, team+".db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := report.Synthesise(st, report.SyntheticOptions{Count: 600, Seed: seed, Team: team,
		From: from.AddDate(0, -11, 3), To: last.Add(20 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, team+".csv")
	args := []string{"--format", "csv", "--key-file", siteKey(t), "-o", file}
	if !to.IsZero() {
		args = append(args, "--to", to.Format(time.DateOnly))
	}
	if _, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).exportCmd, args...); err != nil {
		t.Fatalf("export: %v\n%s", err, errOut)
	}
	return file
}

// Several teams' exports, one of them made for dates that end inside the
// month counted: the month was not said to lack that team's data but by
// "(partial)" far down the period table and a note that the inputs cover
// different spans, naming no period; the JSON notes were silent. One
// input alone was said not to cover the month to its end. Now every
// format and standard error say that an input (by its kind, never its
// file's name or a day) does not cover the month to its end, that the
// month's counts lack that input's team's assessments after it ends, and
// what to do: export that team again, or count the months every input
// covers. A month every input covers is said of as before: nothing.
func TestSeveralInputsOneOfThemShortOfTheMonthSayWhichAndTheMonth(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data")
	}
	from, to := report.LastWholePeriod(time.Now(), report.Month, loc)
	month := report.PeriodLabel(from, report.Month)
	_, before := report.LastWholePeriod(from, report.Month, loc)
	dir := t.TempDir()
	a := teamExport(t, dir, "Ward A", 11, time.Time{})
	b := teamExport(t, dir, "Ward B", 12, time.Time{})
	short := teamExport(t, dir, "Ward C", 13, from.AddDate(0, 0, 14))
	yearFrom := from.AddDate(0, -5, 0).Format(time.DateOnly)
	for _, c := range []struct {
		name string
		args []string
		ask  string // the --from and --to of the months every input covers
	}{
		{"given no dates", nil, ""},
		{"the month asked for", []string{"--from", from.Format(time.DateOnly), "--to", to.Format(time.DateOnly)}, ""},
		{"months to the month", []string{"--from", yearFrom, "--to", to.Format(time.DateOnly)}, "--from " + yearFrom + " --to " + before.Format(time.DateOnly)},
	} {
		for _, format := range allSummaryFormats {
			out, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, append([]string{a, b, short, "--format", format}, c.args...)...)
			if err != nil {
				t.Fatalf("%s, --format %s: %v\n%s", c.name, format, err, errOut)
			}
			if e := flatWords(errOut); !strings.Contains(e, "warning: No input covers "+month+" to its end for every team") {
				t.Errorf("%s, --format %s: standard error gives no warning that an input does not cover %s:\n%s", c.name, format, month, e)
			}
			for where, text := range map[string]string{"standard error": errOut, "the output": out} {
				text = flatWords(text)
				for _, said := range []string{
					"No input covers " + month + " to its end for every team",
					"a CSV export (input 3 of 3) was exported",
					"was exported for dates that end inside it",
					"export that team again",
					c.ask,
				} {
					if !strings.Contains(text, said) {
						t.Errorf("%s, --format %s: %s does not say %q:\n%.3000s", c.name, format, where, said, text)
					}
				}
				if strings.Contains(text, "Ward C.csv") {
					t.Errorf("%s, --format %s: %s names the file", c.name, format, where)
				}
				if days := daysNotMonthBounds(t, text); len(days) > 0 {
					t.Errorf("%s, --format %s: %s names days that are not a month's bounds: %v", c.name, format, where, days)
				}
			}
		}
	}
	// The months every input covers, asked for, say nothing of cover.
	out, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, a, b, short, "--from", yearFrom, "--to", before.Format(time.DateOnly))
	if err != nil {
		t.Fatalf("the months covered: %v\n%s", err, errOut)
	}
	for _, text := range []string{out, errOut} {
		if strings.Contains(flatWords(text), "No input covers") {
			t.Errorf("the months every input covers, asked for, are said not to be covered:\n%.3000s", flatWords(text))
		}
	}
}
