package report

import (
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

// TestABoardReportOfOnePeriodAskedForSaysHowToGetItsChartsAndAPreviousPeriod:
// a board report of a span of one month asked for has no chart and no
// previous period, and said only that ("Charts need two periods or
// more"), so a QI lead who had asked for one month was not told that
// --from and --to over more bring them back. A report of inputs that hold
// one month, given no dates, cannot draw more by any dates, and does not
// say so.
func TestABoardReportOfOnePeriodAskedForSaysHowToGetItsChartsAndAPreviousPeriod(t *testing.T) {
	loc := london(t)
	next := 0
	var rs []record.Record
	for _, d := range []string{"2026-10-05", "2026-11-05"} {
		rs = append(rs, bulk(t, &next, 20, fixture{day: d, team: "Ward 7"})...)
	}
	in := datasetOf(t, rs)
	const hint = "give --from and --to over two months or more"
	asked := summarise(t, in, Options{By: Month, From: day(t, "2026-11-01"), To: day(t, "2026-11-30"), Location: loc, Exact: true})
	page, err := asked.htmlPage(HTMLOptions{Produced: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Charts) != 0 || !strings.Contains(page.ChartNote, "Charts need two periods or more") || !strings.Contains(page.ChartNote, hint) {
		t.Errorf("one month asked for: %d charts, and the note %q does not say %q", len(page.Charts), page.ChartNote, hint)
	}
	if page.Headline.Previous != "" || !strings.Contains(page.Headline.Note, "no previous period") || !strings.Contains(page.Headline.Note, hint) {
		t.Errorf("one month asked for: the headline's note %q does not say %q", page.Headline.Note, hint)
	}
	one := datasetOf(t, rs[20:])
	read := summarise(t, one, Options{By: Month, Location: loc, Exact: true})
	page, err = read.htmlPage(HTMLOptions{Produced: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if len(read.Periods) != 1 || strings.Contains(page.ChartNote, "--from") || strings.Contains(page.Headline.Note, "--from") {
		t.Errorf("one month read, given no dates: %d periods, and the notes %q and %q send for dates that draw no more", len(read.Periods), page.ChartNote, page.Headline.Note)
	}
}
