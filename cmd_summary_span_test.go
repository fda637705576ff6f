package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"digicheck/site"
)

// partialMonths are the months a summary's CSV (--format csv) marks
// partial, from its rows of the number assessed.
func partialMonths(t *testing.T, out string) map[string]bool {
	t.Helper()
	got := map[string]bool{}
	for _, l := range strings.Split(out, "\n") {
		month, rest, ok := strings.Cut(l, ",all,all,assessed,")
		if !ok || month == "all" {
			continue
		}
		got[month] = strings.Contains(rest, ",yes,")
	}
	if len(got) == 0 {
		t.Fatalf("no month's row in the summary:\n%s", out)
	}
	return got
}

// summaryOfStdin summarises what is piped in on standard input.
func summaryOfStdin(t *testing.T, piped []byte, args ...string) (string, string, error) {
	t.Helper()
	s := site.Settings{}
	s.Config.Disclosure = site.DefaultDisclosure
	return execute(&app{settings: s}, (*app).summaryCmd, string(piped), append(args, "-")...)
}

// An export made with --to inside a month holds only part of that month,
// and its summary showed the month as whole: the months an export covers
// were judged from the file's modification time, which a copy, a download
// or a pipe changes. The export now writes its span in its end mark, and
// the summary marks the month the span ends inside partial, saying why,
// whether the export is the file itself, a copy whose time has changed
// (to before the month ended, or long after), or piped in on standard
// input, each summarised alike.
func TestAnExportToInsideAMonthIsSummarisedWithThatMonthPartialHoweverItIsRead(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t) // January to June 2025
	for _, format := range []string{"csv", "ndjson"} {
		dir := t.TempDir()
		file := filepath.Join(dir, "to-15-march."+format)
		if _, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).exportCmd, "--format", format, "--identifiable", "--tz", "UTC", "--to", "2025-03-15", "-o", file); err != nil {
			t.Fatalf("export: %v\n%s", err, errOut)
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		// Read by the readers of the end mark from before its span: the
		// CSV's end row starts unquoted with its words, the NDJSON end
		// line with its count.
		last := strings.TrimRight(string(b), "\r\n")
		last = last[strings.LastIndexByte(last, '\n')+1:]
		if want := map[string]string{"csv": "end of export: ", "ndjson": `{"digicheck_export":"end","records":`}[format]; !strings.HasPrefix(last, want) {
			t.Errorf("the %s export's end mark does not start %q as before: %s", format, want, last)
		}
		args := []string{"--exact", "--from", "2025-01-01", "--tz", "UTC", "--format", "csv"}
		want, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, append(args, file)...)
		if err != nil {
			t.Fatal(err)
		}
		months := partialMonths(t, want)
		if !months["2025-03"] || months["2025-02"] || months["2025-01"] {
			t.Errorf("%s export to 15 March: months partial %v, want March alone\n%.800s", format, months, want)
		}
		table, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--exact", "--from", "2025-01-01", "--tz", "UTC", file)
		if err != nil {
			t.Fatal(err)
		}
		if flat := strings.Join(strings.Fields(table), " "); !strings.Contains(flat, "2025-03 cut short by the dates the export was made for") {
			t.Errorf("%s export to 15 March: the table does not say why March is partial:\n%s", format, table)
		}
		for _, at := range []time.Time{time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC), time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC)} {
			copied := filepath.Join(t.TempDir(), "copy."+format)
			if err := os.WriteFile(copied, b, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(copied, at, at); err != nil {
				t.Fatal(err)
			}
			got, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, append(args, copied)...)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("a copy of the %s export dated %s is summarised otherwise than the export:\n%.800s\nwant\n%.800s", format, at.Format(time.DateOnly), got, want)
			}
		}
		got, stderr, err := summaryOfStdin(t, b, args...)
		if err != nil {
			t.Fatalf("summary - of the %s export: %v\n%s", format, err, stderr)
		}
		if months := partialMonths(t, got); !months["2025-03"] {
			t.Errorf("the %s export to 15 March piped in: months partial %v, want March", format, months)
		}
		if got != want {
			t.Errorf("the %s export piped in is summarised otherwise than the file:\n%.800s\nwant\n%.800s", format, got, want)
		}
	}
}

// An export made before exports carried their span (its end mark counts
// its records and says nothing more; testdata/span/before-span.*, made
// by the build of 59b9829, of May to 14 June 2026) is read as before:
// which months are partial is judged from the file's modification time,
// and the summary says so in its output, not only on standard error.
// Piped in, it has no time of its own: the summary says the partial
// months could not be judged.
func TestAnExportMadeBeforeTheSpanIsJudgedByItsFilesTimeAndSaysSo(t *testing.T) {
	t.Parallel()
	for _, format := range []string{"csv", "ndjson"} {
		b, err := os.ReadFile(filepath.Join("testdata", "span", "before-span."+format))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			written time.Time
			june    bool
		}{
			{time.Date(2026, 6, 14, 18, 0, 0, 0, time.UTC), true},
			{time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC), false},
		} {
			file := filepath.Join(t.TempDir(), "old."+format)
			if err := os.WriteFile(file, b, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(file, c.written, c.written); err != nil {
				t.Fatal(err)
			}
			out, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--exact", "--from", "2026-05-01", "--tz", "UTC", "--format", "csv", file)
			if err != nil {
				t.Fatal(err)
			}
			months := partialMonths(t, out)
			if months["2026-06"] != c.june {
				t.Errorf("%s written %s: months partial %v, want June partial %v", format, c.written.Format(time.DateOnly), months, c.june)
			}
			if !strings.Contains(out, "PARTIAL PERIODS JUDGED FROM THE FILE'S TIME") || !strings.Contains(out, "old."+format+" carries no span") {
				t.Errorf("%s written %s: the summary does not say its partial months were judged from the file's time:\n%.1500s", format, c.written.Format(time.DateOnly), out)
			}
			// With disclosure control, in the site's zone, UTC here as
			// the export's.
			table, _, err := runReportCmd(t, site.Settings{Config: site.Config{TimeZone: "UTC"}}, (*app).summaryCmd, "--from", "2026-05-01", file)
			if err != nil {
				t.Fatal(err)
			}
			if flat := strings.Join(strings.Fields(table), " "); !strings.Contains(flat, "PARTIAL PERIODS JUDGED FROM THE FILE'S TIME") || strings.Contains(flat, "old."+format) {
				t.Errorf("%s: with disclosure control, the table does not say so, or names the file:\n%s", format, table)
			}
		}
		out, stderr, err := summaryOfStdin(t, b, "--exact", "--from", "2026-05-01", "--tz", "UTC", "--format", "csv")
		if err != nil {
			t.Fatalf("summary - of the old %s export: %v\n%s", format, err, stderr)
		}
		if !strings.Contains(out, "PARTIAL PERIODS NOT JUDGED") || !strings.Contains(out, "standard input carries no span") {
			t.Errorf("the old %s export piped in: the summary does not say its partial months could not be judged:\n%.1500s", format, out)
		}
	}
}

// spanTimes are the instants an export's end mark says of its span.
var spanTimes = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)`)

// withoutSpanTimes is an export with the instants of its end mark's span
// (the last line's) taken out: two exports of the same records made at
// different times differ there alone, as each says when it was made.
func withoutSpanTimes(export string) string {
	body := strings.TrimRight(export, "\r\n")
	i := strings.LastIndexByte(body, '\n') + 1
	return body[:i] + spanTimes.ReplaceAllString(body[i:], "TIME") + export[len(body):]
}
