package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"digicheck/report"
	"digicheck/site"
)

// The board report given no --from or --to was cut to the last whole
// month when summaries given no dates were: a QI lead who ran it each month
// as before got one period, no charts ("Charts need two periods or more")
// and no previous period in the headline, told nothing of why. Given no
// dates, its charts and headline figures are of every whole period read,
// each period its own counts (the same in every release, as a chart given
// no dates draws them), while its rows by team, postcode district and
// equity answer, which differ by single patients between releases whose
// spans overlap, cover the last whole month only, and the report says so
// where those rows are. They are the rows of that month asked for with
// --from and --to, and the charts and headline those of the months read
// asked for.
func TestTheBoardReportGivenNoDatesChartsEveryMonthReadAndItsEquityRowsTheLastWholeMonth(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data")
	}
	from, to := report.LastWholePeriod(time.Now(), report.Month, loc)
	first := from
	for range 3 {
		first, _ = report.LastWholePeriod(first, report.Month, loc)
	}
	db := filepath.Join(t.TempDir(), "four months.db")
	if _, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).syntheticCmd, "--count", "800", "--seed", "11",
		"--from", first.Format(time.DateOnly), "--to", to.Format(time.DateOnly)); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, errOut)
	}
	html := func(args ...string) string {
		t.Helper()
		out, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, append([]string{"--format", "html"}, args...)...)
		if err != nil {
			t.Fatalf("summary --format html %v: %v\n%s", args, err, errOut)
		}
		return out
	}
	section := func(page, class string) string {
		_, rest, ok := strings.Cut(page, `<section class="`+class+`"`)
		if !ok {
			t.Fatalf("the report has no %s section:\n%.2000s", class, page)
		}
		body, _, _ := strings.Cut(rest, "</section>")
		return body
	}
	tables := regexp.MustCompile(`(?s)<table>.*?</table>`)
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }

	got := html()
	month, before := from.Format("2006-01"), from.AddDate(0, -1, 0).Format("2006-01")

	// The charts and the headline: every month read.
	charts := section(got, "charts")
	if n := strings.Count(charts, "<figure>"); n != 3 {
		t.Errorf("the report given no dates draws %d charts, want 3:\n%s", n, flat(charts))
	}
	if strings.Contains(charts, "Charts need two periods or more") {
		t.Errorf("the report given no dates has too few periods for its charts:\n%s", flat(charts))
	}
	head := section(got, "headline")
	if !strings.Contains(head, "<th scope=\"col\">"+month+"</th>") || !strings.Contains(head, before+" (previous)") {
		t.Errorf("the headline given no dates is not %s beside %s (previous):\n%s", month, before, flat(head))
	}
	span := html("--from", first.Format(time.DateOnly), "--to", to.Format(time.DateOnly))
	if a, b := tables.FindAllString(head, -1), tables.FindAllString(section(span, "headline"), -1); strings.Join(a, "") != strings.Join(b, "") {
		t.Errorf("the headline given no dates is not that of the months read asked for:\n%s\nwant\n%s", a, b)
	}
	if a, b := strings.Count(charts, "<circle"), strings.Count(section(span, "charts"), "<circle"); a != b || a == 0 {
		t.Errorf("the charts given no dates draw %d points, those of the months read asked for %d", a, b)
	}

	// The rows by team, district and equity answer: the last whole month.
	equity := section(got, "equity")
	one := html("--from", from.Format(time.DateOnly), "--to", to.Format(time.DateOnly))
	if a, b := tables.FindAllString(equity, -1), tables.FindAllString(section(one, "equity"), -1); len(a) == 0 || strings.Join(a, "") != strings.Join(b, "") {
		t.Errorf("the equity rows given no dates are not those of the last whole month, %s:\n%s\nwant\n%s", month, flat(strings.Join(a, "")), flat(strings.Join(b, "")))
	}
	whole := from.Format("2 January 2006") + " to " + to.Format("2 January 2006")
	for _, want := range []string{
		"These rows cover the last whole month, " + whole + ": given no --from or --to, rows by team, postcode district and equity answer cover one month, so that releases do not overlap",
		"give --from and --to",
	} {
		if !strings.Contains(flat(equity), want) {
			t.Errorf("the equity section does not say %q:\n%s", want, flat(equity))
		}
	}
	if meta := flat(got[:strings.Index(got, "</header>")]); !strings.Contains(meta, whole+" (the last whole month)") ||
		!strings.Contains(meta, first.Format("2 January 2006")+" to "+whole[strings.Index(whole, " to ")+4:]) {
		t.Errorf("the report's heading does not give both spans, %s to %s and %s:\n%s", first.Format(time.DateOnly), to.Format(time.DateOnly), whole, meta)
	}
	// Nothing by equity answer or district over the months read: the
	// note that such rows are not protected across overlapping spans is
	// of a report whose rows span several months.
	if strings.Contains(got, "rows by postcode district and the equity answers are not") {
		t.Errorf("the report given no dates warns of its own rows spanning several months:\n%s", flat(section(got, "notes")))
	}
}

// TestTheBoardReportGivenNoDatesOfNoneCountedSaysWhichMonthItsRowsAsked:
// given no dates, with no whole month read (the store's assessments all
// of the month under way), the board report said on standard error that
// the inputs held none "in the period and teams asked for", of a period
// not asked for; it names the last whole month its equity rows are of,
// and how another span is asked for. The store, read now, covers that
// month: that it holds none of it is not said, as it is not of a month
// of a few (the teams are too few to show in it, zero included).
func TestTheBoardReportGivenNoDatesOfNoneCountedSaysWhichMonthItsRowsAsked(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data")
	}
	now := time.Now().In(loc)
	db := filepath.Join(t.TempDir(), "this month.db")
	if _, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).syntheticCmd, "--count", "40", "--seed", "3",
		"--from", report.PeriodStart(now, report.Month, loc).Format(time.DateOnly), "--to", now.Format(time.DateOnly)); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, errOut)
	}
	_, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--format", "html")
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	from, to := report.LastWholePeriod(time.Now(), report.Month, loc)
	want := "too few to show in the last whole month, " + from.Format("2 Jan 2006") + " to " + to.Format("2 Jan 2006")
	if flat := strings.Join(strings.Fields(errOut), " "); !strings.Contains(flat, want) || !strings.Contains(flat, "give --from and --to") {
		t.Errorf("standard error does not say %q:\n%s", want, errOut)
	}
}
