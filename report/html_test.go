package report

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
)

// TestWilsonScoreInterval checks the interval against a value worked by
// hand and against the published examples of Newcombe (1998), "Two-sided
// confidence intervals for the single proportion: comparison of seven
// methods", Statistics in Medicine 17:857-872, Table I, method 3.
func TestWilsonScoreInterval(t *testing.T) {
	// By hand, 20 of 50 at z = 1.96 (z² = 3.8415):
	//   p = 0.4; 1 + z²/n = 1.076829
	//   centre = (0.4 + 3.8415/100) / 1.076829 = 0.438415 / 1.076829 = 0.407135
	//   half = 1.96 / 1.076829 × √(0.24/50 + 3.8415/10000)
	//        = 1.820126 × √0.00518415 = 1.820126 × 0.072001 = 0.131051
	//   interval 0.2761 to 0.5382
	for _, c := range []struct {
		k, n   int
		lo, hi float64
	}{
		{20, 50, 0.2761, 0.5382},
		{81, 263, 0.2553, 0.3662}, // Newcombe's examples
		{15, 148, 0.0624, 0.1605},
		{0, 20, 0, 0.1611},
		{1, 29, 0.0061, 0.1718},
		{10, 10, 0.7225, 1}, // all: the mirror of 0 of 10 (0 to 0.2775)
	} {
		lo, hi := Wilson(c.k, c.n, z95)
		if math.Abs(lo-c.lo) > 0.00005 || math.Abs(hi-c.hi) > 0.00005 {
			t.Errorf("%d of %d: %.4f to %.4f, want %.4f to %.4f", c.k, c.n, lo, hi, c.lo, c.hi)
		}
	}
	if lo, hi := Wilson(0, 0, z95); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("0 of 0: %v to %v, want no interval", lo, hi)
	}
}

// boardHTML is the board report of the board fixture, two months, as a
// site would make it.
func boardHTML(t *testing.T, o Options) (*Summary, string) {
	t.Helper()
	s := summarise(t, datasetOf(t, boardFixture(t)), o)
	s.Sources[0].Name = "/home/nurse.jones/Documents/ward7-private.db"
	var b bytes.Buffer
	err := s.WriteHTML(&b, HTMLOptions{SiteName: "Leeds Community Healthcare NHS Trust", Produced: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC),
		ToolVersion: "v1.4.0", DirectoryVersion: "f5c18c43c998", Names: names,
		Charts: ChartOptions{Changes: []Change{{Date: time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC), Label: "Text reminders"}}}})
	if err != nil {
		t.Fatal(err)
	}
	return s, b.String()
}

// TestTheBoardReportFetchesNothing: the page is whole by itself, to be
// emailed or opened from a shared drive: no script, no stylesheet, image,
// font or frame to fetch, no link anywhere, no CSS import or url().
func TestTheBoardReportFetchesNothing(t *testing.T) {
	_, page := boardHTML(t, Options{By: Month})
	for _, bad := range []string{"http:", "https:", "src=", "href=", "@import", "url(", "<script", "<link", "<img", "<iframe", "<object", "<embed", "//"} {
		if strings.Contains(strings.ToLower(page), bad) {
			i := strings.Index(strings.ToLower(page), bad)
			t.Errorf("the report holds %q: ...%s...", bad, page[max(0, i-60):min(len(page), i+60)])
		}
	}
}

// TestTheBoardReportNamesNoLocalFile: what was read is said by kind,
// never by a path on the machine that made it, nor, with disclosure
// control, by its number of records (docs/disclosure.md, rule 10).
func TestTheBoardReportNamesNoLocalFile(t *testing.T) {
	_, page := boardHTML(t, Options{By: Month})
	for _, bad := range []string{"nurse.jones", "ward7-private", "/home", "Documents"} {
		if strings.Contains(page, bad) {
			t.Errorf("the report names a local file: %q", bad)
		}
	}
	if !regexp.MustCompile(`<dt>Data read</dt><dd>1 [a-z ]+</dd>`).MatchString(page) {
		t.Error("the report does not say what was read")
	}
}

// TestTheBoardReportSaysWhoWhenAndWithWhat: site name, period, time zone,
// date produced, versions, and the disclosure method.
func TestTheBoardReportSaysWhoWhenAndWithWhat(t *testing.T) {
	s, page := boardHTML(t, Options{By: Month, Location: time.UTC})
	for _, want := range []string{
		"<p class=\"site\">Leeds Community Healthcare NHS Trust</p>",
		"<dd>1 January 2026 to 28 February 2026, by month</dd>",
		"<dd>UTC (days and periods)</dd>",
		"<dd>2 March 2026 at 09:30 (UTC)</dd>",
		"digicheck v1.4.0; questionnaire version 1; referral directory f5c18c43c998",
		"Disclosure control (cell key rounding)",
		"What it does not protect against",
		"@page { size: A4",
		"@media print",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if s.Exact || strings.Contains(page, "EXACT COUNTS") {
		t.Error("a report under disclosure control says it is exact")
	}
	_, exact := boardHTML(t, Options{By: Month, Exact: true})
	if !strings.Contains(exact, `<p class="banner" role="note">`+ExactBanner) || !strings.Contains(exact, "Exact counts: not for publication.") {
		t.Error("an exact report does not carry the banner")
	}
}

var headlineRow = regexp.MustCompile(`<tr><th scope="row">([^<]+)</th><td>([^<]*)</td><td>([^<]*)</td></tr>`)

// TestTheHeadlineFiguresSetTheLatestPeriodBesideThePrevious: each share is
// the shown count over the shown base, as a whole percentage (counts
// rounded to 5 carry no decimal place), and "choice honoured" is the share
// of the choices patients stated, as the terms define it.
func TestTheHeadlineFiguresSetTheLatestPeriodBesideThePrevious(t *testing.T) {
	s, page := boardHTML(t, Options{By: Month})
	if !strings.Contains(page, `<th scope="col">2026-02</th><th scope="col">2026-01 (previous)</th>`) {
		t.Fatal("the headline does not set February beside January")
	}
	rows := map[string][2]string{}
	for _, m := range headlineRow.FindAllStringSubmatch(page, -1) {
		rows[m[1]] = [2]string{m[2], m[3]}
	}
	sets := s.sets()
	cell := func(period, measure, category string) *Cell {
		return &s.Cells[sets[[3]string{period, All, All}][[2]string{measure, category}]]
	}
	for k, period := range []string{"2026-02", "2026-01"} {
		if got, want := rows["Assessed"][k], thousands(cell(period, MeasureAssessed, "").Shown); got != want {
			t.Errorf("%s assessed %q, want %q", period, got, want)
		}
		sig, base := cell(period, MeasureBand(questionnaire.Access), "significant"), cell(period, MeasureAssessed, "")
		want := fmt.Sprintf("%.0f%% (%d of %d)", 100*float64(sig.Shown)/float64(base.Shown), sig.Shown, base.Shown)
		if got := rows["Significant barrier: access"][k]; got != want || strings.Contains(got, ".") {
			t.Errorf("%s significant access %q, want %q", period, got, want)
		}
		h, n := cell(period, MeasureChoice, "honoured"), cell(period, MeasureChoice, "not-honoured")
		want = "*"
		if !h.Suppressed && !n.Suppressed {
			want = fmt.Sprintf("%.0f%% (%d of %d)", 100*float64(h.Shown)/float64(h.Shown+n.Shown), h.Shown, h.Shown+n.Shown)
		}
		if got := rows["Choice honoured"][k]; got != want {
			t.Errorf("%s choice honoured %q, want %q (of the choices stated)", period, got, want)
		}
	}
	if strings.Count(strings.ToLower(page), "choice honoured") != 2 {
		t.Errorf("\"choice honoured\" is used %d times; once in the figures and once where the terms define it", strings.Count(strings.ToLower(page), "choice honoured"))
	}
}

// TestTheHeadlineLeavesOutAPeriodCutShort: a period not over is not set
// beside a whole one.
func TestTheHeadlineLeavesOutAPeriodCutShort(t *testing.T) {
	_, page := boardHTML(t, Options{By: Month, Exact: true, To: time.Date(2026, 2, 10, 0, 0, 0, 0, time.Local)})
	if !strings.Contains(page, `<th scope="col">2026-01</th></tr>`) || !strings.Contains(page, "2026-02 is left out here") {
		t.Error("a February cut short on the 10th was set beside January")
	}
}

// TestEveryEquityShareHasItsInterval: each group's share, from the shown
// counts, with its interval (under disclosure control, widened for the
// rounding; exact, Wilson's); hidden where either count is.
func TestEveryEquityShareHasItsInterval(t *testing.T) {
	row := regexp.MustCompile(`<tr><th scope="row">75 or over</th><td>([^<]+)</td><td>([^<]+)</td><td>([^<]+)</td>`)
	for _, exact := range []bool{false, true} {
		_, page := boardHTML(t, Options{By: Month, Exact: exact})
		m := row.FindStringSubmatch(page)
		if m == nil {
			t.Fatal("no row for 75 or over")
		}
		var pct float64
		var k, n int
		if _, err := fmt.Sscanf(m[2], "%g%% (%d of %d)", &pct, &k, &n); err != nil {
			t.Fatalf("share %q: %v", m[2], err)
		}
		lo, hi := ControlledInterval(k, n, 5, z95)
		want := fmt.Sprintf("%.0f%% to %.0f%%", 100*lo, 100*hi)
		if exact {
			lo, hi = Wilson(k, n, z95)
			want = fmt.Sprintf("%.1f%% to %.1f%%", 100*lo, 100*hi)
		}
		if m[3] != want {
			t.Errorf("exact %v: interval %q, want %q", exact, m[3], want)
		}
	}
	_, page := boardHTML(t, Options{By: Month})
	if !strings.Contains(page, `<tr><th scope="row">16 to 24</th><td>*</td><td>*</td><td>*</td>`) {
		t.Error("a hidden group shows a share or interval")
	}
}

var outline = regexp.MustCompile(`<(h1|h2|h3|caption|dt|figcaption)[^>]*>([^<]*)<|<(svg) class="chart"|<th scope="col">([^<]*)<`)

// TestTheBoardReportsOutline: its headings, captions, labels and charts,
// in order (golden).
func TestTheBoardReportsOutline(t *testing.T) {
	_, page := boardHTML(t, Options{By: Month, Location: time.UTC})
	var b strings.Builder
	for _, m := range outline.FindAllStringSubmatch(page, -1) {
		switch {
		case m[1] != "":
			fmt.Fprintf(&b, "%s: %s\n", m[1], m[2])
		case m[3] != "":
			b.WriteString("svg chart\n")
		default:
			fmt.Fprintf(&b, "  column: %s\n", m[4])
		}
	}
	golden(t, "board-outline.golden", []byte(b.String()))
}

// TestTheChartsAreTheTerminalsCharts: the SVG is drawn from the same
// points: each shown value is a point's title, each hidden one a *.
func TestTheChartsAreTheTerminalsCharts(t *testing.T) {
	hidden := 0
	for _, by := range []By{Month, Week} {
		s, page := boardHTML(t, Options{By: by})
		ch, err := s.Chart(MeasureBand(questionnaire.Access)+"/significant", ChartOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ch.Points {
			want := "<title>" + p.Label + ": " + strconv.FormatFloat(p.Value, 'f', 0, 64) + "%</title>"
			if p.Missing {
				// A hidden value is drawn as no value: a dotted line the
				// plot's height, never a mark on the axis that reads as 0.
				want = "<title>" + p.Label + ": hidden (a count from 0 to 9; a share also when its base is shown as less than 20)</title>"
				m := regexp.MustCompile(regexp.QuoteMeta(want) + `<line x1="[\d.]+" x2="[\d.]+" y1="([\d.]+)" y2="([\d.]+)"`).FindStringSubmatch(page)
				if m == nil {
					t.Errorf("the hidden point %s is not drawn as a line the plot's height", p.Label)
				} else if y1, _ := strconv.ParseFloat(m[1], 64); y1 > 60 {
					t.Errorf("the hidden point %s is drawn from %v, not the top of the plot", p.Label, y1)
				}
				hidden++
			}
			if !strings.Contains(page, want) {
				t.Errorf("the chart has no %s", want)
			}
		}
	}
	if hidden == 0 {
		t.Error("the fixture has no hidden point, so how one is drawn is not tested")
	}
}

// TestAReportWithNoSiteNameSaysSo: the organisation is never left blank.
func TestAReportWithNoSiteNameSaysSo(t *testing.T) {
	s := summarise(t, datasetOf(t, boardFixture(t)), Options{By: Month})
	var b bytes.Buffer
	if err := s.WriteHTML(&b, HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "<p class=\"site\">Organisation not named (site_name in the site config)</p>") {
		t.Error("a report with no site name does not say so")
	}
}

// TestTheBoardReportDoesNotClaimACorrectionIsProtected: a span published
// again after a correction is among what the control does not protect
// against, as docs/disclosure.md says (comparing a week's CSV before and
// after one void changed 32 cells, the voided patient's profile), and the
// page says so under "does not", never under what it protects against.
func TestTheBoardReportDoesNotClaimACorrectionIsProtected(t *testing.T) {
	_, page := boardHTML(t, Options{By: Month, Location: time.UTC})
	text := oneLine(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(html.UnescapeString(page), " "))
	protects := regexp.MustCompile(`What it protects against:[^.]*\.`).FindString(text)
	if protects == "" {
		t.Fatal("the report does not say what the control protects against")
	}
	for _, claim := range []string{"correction", "published again", "void", "amend"} {
		if strings.Contains(protects, claim) {
			t.Errorf("the report says it protects a correction published again: %q", protects)
		}
	}
	for _, want := range []string{
		"What it does not protect against: the same span published again after a correction (a void, an amendment or a late record)",
		"publish a span once, or withdraw the earlier release and say so",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// TestTheBoardReportSaysAStandingChangeWasNotRecalculatedFrom: a standing
// change asking to recalculate with too few whole periods after it is
// drawn, not recalculated from, and the chart's findings say why, as the
// terminal chart's note does.
func TestTheBoardReportSaysAStandingChangeWasNotRecalculatedFrom(t *testing.T) {
	s := summarise(t, datasetOf(t, boardFixture(t)), Options{By: Month})
	var b bytes.Buffer
	err := s.WriteHTML(&b, HTMLOptions{SiteName: "Leeds Community Healthcare NHS Trust", Produced: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC), Names: names,
		Charts: ChartOptions{Changes: []Change{{Date: time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC), Label: "Text reminders", Recalculate: true}}}})
	if err != nil {
		t.Fatal(err)
	}
	page := strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
	if !strings.Contains(page, "Change 1 (2 Feb 2026): Text reminders. Not recalculated from: that would leave") {
		t.Errorf("the board report does not say the change was not recalculated from")
	}
}
