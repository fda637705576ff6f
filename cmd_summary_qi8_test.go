package main

import (
	"strings"
	"testing"

	"digicheck/report"
	"digicheck/site"
)

// allSummaryFormats are the formats a summary is published in.
var allSummaryFormats = []string{"table", "markdown", "csv", "json", "html"}

// flatWords is text with its runs of white space as one space, so that
// words wrapped to a terminal's width are found.
func flatWords(s string) string { return strings.Join(strings.Fields(s), " ") }

// A summary given no dates of a store whose assessments end before the
// last whole month once said in its published notes "None of the
// assessments read is in 2026-11 ...: the last of them is in the month
// 2026-10", a note given only when the inputs hold none of the month, so
// the page told a month of none from a month of a few, which * (zero
// included) does not. It was then said on standard error alone, which a
// terminal shows beside the release, and which still told the two apart:
// with disclosure control it is said nowhere (a month of a few is not
// said either); --exact, whose counts show a month of none, says it on
// standard error.
func TestTheNoteThatTheInputsHoldNoneOfTheLastWholeMonthIsNotPublished(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t) // January to June 2025
	for _, format := range allSummaryFormats {
		_, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--format", format, "--exact")
		if err != nil {
			t.Fatalf("--exact --format %s: %v\n%s", format, err, errOut)
		}
		if e := flatWords(errOut); !strings.Contains(e, "None of the assessments read is in") || !strings.Contains(e, "the last of them is in the month 2025-") {
			t.Errorf("--exact --format %s: standard error does not say that the inputs hold none of the month, and which month they end in:\n%s", format, e)
		}
		out, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--format", format)
		if err != nil {
			t.Fatalf("--format %s: %v\n%s", format, err, errOut)
		}
		if e := flatWords(errOut); strings.Contains(e, "None of the assessments read") || strings.Contains(e, "the last of them is in") {
			t.Errorf("--format %s: standard error says that the inputs hold none of the month:\n%s", format, e)
		}
		o := flatWords(out)
		for _, said := range []string{"None of the assessments read", "the last of them is in", "Periods are shown only", "2025"} {
			// The board report charts every whole period read, given
			// no dates: its months of 2025 are its charts'.
			if strings.Contains(o, said) && (said != "2025" || format != "html") {
				t.Errorf("--format %s: the output says %q, which it says only of a month with none:\n%.3000s", format, said, o)
			}
		}
	}
}

// A summary of synthetic test data says so, in every format and on
// standard error, whether or not it counted anything: it said it only
// where something was counted, so a summary of a synthetic store for a
// month it holds none of was a page like a real one's.
func TestASummaryOfSyntheticDataSaysSoWhenItCountsNothing(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t) // January to June 2025
	for _, args := range [][]string{nil, {"--from", "2025-09-01", "--to", "2025-09-30"}, {"--exact"}} {
		for _, format := range allSummaryFormats {
			out, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, append([]string{"--format", format}, args...)...)
			if err != nil {
				t.Fatalf("%v --format %s: %v\n%s", args, format, err, errOut)
			}
			banner := report.SyntheticBanner
			if format == "csv" {
				banner = "synthetic test data"
			}
			if !strings.Contains(flatWords(out), banner) {
				t.Errorf("%v --format %s: the output does not say %q:\n%.2000s", args, format, banner, out)
			}
			if !strings.Contains(flatWords(errOut), report.SyntheticBanner) {
				t.Errorf("%v --format %s: standard error does not say %q:\n%s", args, format, report.SyntheticBanner, errOut)
			}
		}
	}
}

// A span of one whole period given with --from and --to gives the advice
// the summary given no dates gives of its one period, in the same words:
// publish it once, not again after a correction, and spans that do not
// overlap. Asked for with dates (last month's release run again, or a
// quarter beside the months published each month) it said nothing.
func TestASpanOfOneWholePeriodGivenWithDatesSaysToPublishItOnce(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t) // January to June 2025
	once := "publish it once, and not again after a correction (a void, an amendment, a late record), which the two releases would show"
	apart := "publish spans that do not overlap"
	for _, args := range [][]string{
		{"--from", "2025-03-01", "--to", "2025-03-31"},
		{"--by", "quarter", "--from", "2025-04-01", "--to", "2025-06-30"},
	} {
		for _, format := range allSummaryFormats {
			out, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, append([]string{"--format", format}, args...)...)
			if err != nil {
				t.Fatalf("%v --format %s: %v\n%s", args, format, err, errOut)
			}
			o := flatWords(out)
			for _, said := range []string{once, apart} {
				if !strings.Contains(o, said) {
					t.Errorf("%v --format %s: the output does not say %q:\n%.3000s", args, format, said, o)
				}
			}
			if args[1] == "quarter" && !strings.Contains(o, "each month once, or each quarter once: not both") {
				t.Errorf("%v --format %s: a quarter's release does not say it overlaps the months in it:\n%.3000s", args, format, o)
			}
		}
	}
	// Given no dates the words are the same.
	out, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--format", "csv")
	if err != nil {
		t.Fatalf("no dates: %v\n%s", err, errOut)
	}
	if o := flatWords(out); !strings.Contains(o, once) || !strings.Contains(o, apart) {
		t.Errorf("given no dates, the output does not say %q and %q:\n%.3000s", once, apart, o)
	}
}
