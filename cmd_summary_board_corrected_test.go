package main

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"digicheck/site"
)

// The board report given no dates charts every whole month read, each
// release: a month corrected since the last release (an assessment
// voided, amended or recorded late) is charted with its correction, so
// the two reports publish that month twice, differing by the
// correction. summary --help said each point was "the same in every
// release", and the page said nothing of it beside its charts. Both now
// say that a period corrected since an earlier release shows its
// correction.
func TestTheBoardReportSaysBesideItsChartsThatACorrectedMonthShowsItsCorrection(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	out, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--format", "html", "--from", "2025-01-01", "--to", "2025-06-30")
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	_, charts, ok := strings.Cut(out, `<section class="charts"`)
	if !ok {
		t.Fatalf("the report has no charts section:\n%.2000s", out)
	}
	charts, _, _ = strings.Cut(charts, "</section>")
	text := strings.Join(strings.Fields(html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(charts, " "))), " ")
	if !strings.Contains(text, "corrected since an earlier release shows its correction") {
		t.Errorf("the charts do not say that a period corrected since an earlier release shows its correction:\n%s", text)
	}
	help, _, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--help")
	if err != nil {
		t.Fatal(err)
	}
	if flat := strings.Join(strings.Fields(help), " "); strings.Contains(flat, "the same in every release.") || !strings.Contains(flat, "corrected since an earlier release shows its correction") {
		t.Errorf("summary --help says the charts' points are the same in every release, or not that a corrected period shows its correction:\n%s", flat)
	}
}
