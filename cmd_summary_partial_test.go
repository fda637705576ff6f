package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/site"
)

// TestAnExportWrittenBeforeItsLastMonthEndedMarksItPartial: the last
// period is partial when it had not ended when the data were read, and
// an export file was read when it was written (its modification time):
// the same file of January's and February's assessments, the last on 20
// February, leaves February whole when written on 1 March and marks it
// partial when written on 21 February.
func TestAnExportWrittenBeforeItsLastMonthEndedMarksItPartial(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "export.csv")
	doc := strings.Join(earlierCSVColumns(), ",") + "\r\n" +
		csvExportRow("01957a3c-0000-7000-8000-000000000001", "2026-01-01T11:00:00Z") +
		csvExportRow("01957a3c-0000-7000-8000-000000000002", "2026-02-20T11:00:00Z")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		written string
		partial bool
	}{{"2026-03-01T00:00:00Z", false}, {"2026-02-21T12:00:00Z", true}} {
		at, _ := time.Parse(time.RFC3339, c.written)
		if err := os.Chtimes(path, at, at); err != nil {
			t.Fatal(err)
		}
		out, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--exact", "--from", "2026-01-01", "--tz", "UTC", "--format", "csv", path)
		if err != nil {
			t.Fatal(err)
		}
		var feb string
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "2026-02,all,all,assessed,") {
				feb = l
			}
		}
		if got := strings.Contains(feb, ",yes,"); got != c.partial {
			t.Errorf("written %s: February partial %v, want %v: %q", c.written, got, c.partial, feb)
		}
	}
}

// TestARecalculationOnADateWithNoChangeIsNamedOnce: --recalculate on a
// date the team named no change on is listed once as worked out afresh
// from there; it read "worked out afresh (worked out afresh from here)".
func TestARecalculationOnADateWithNoChangeIsNamedOnce(t *testing.T) {
	t.Parallel()
	path := weeksCSV(t, 24)
	out, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--exact", "--by", "week", "--chart", "assessed",
		"--recalculate", "2026-03-30", path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Change 1: 2026-03-30, worked out afresh from here\n") || strings.Contains(out, "afresh (worked out afresh") {
		t.Errorf("the recalculation is not named once:\n%s", out)
	}
}

// TestACSVInAnotherTimeZoneIsRefusedWithTheTZToGive: an export made with
// --tz America/New_York has its dates as New York days; summarised in
// Europe/London it was counted by them under "Europe/London", with no
// word. It is refused, naming the --tz that counts it by its own days,
// and with that --tz it is counted and labelled so.
func TestACSVInAnotherTimeZoneIsRefusedWithTheTZToGive(t *testing.T) {
	t.Parallel()
	row := func(id, ts, zone string) string {
		r := strings.TrimSuffix(csvExportRow(id, ts), "\r\n")
		f := strings.Split(r, ",")
		f[slices.Index(earlierCSVColumns(), "time_zone")] = zone
		return strings.Join(f, ",") + "\r\n"
	}
	path := filepath.Join(t.TempDir(), "eny.csv")
	doc := strings.Join(earlierCSVColumns(), ",") + "\r\n" +
		row("01957a3c-0000-7000-8000-000000000001", "2026-06-01T00:00:00-04:00", "America/New_York") +
		row("01957a3c-0000-7000-8000-000000000002", "2026-06-02T00:00:00-04:00", "America/New_York")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--tz", "Europe/London", path)
	if err == nil || !strings.Contains(err.Error(), "days in America/New_York") || !strings.Contains(err.Error(), "--tz America/New_York") {
		t.Errorf("a New York export summarised in Europe/London: %v; want it refused, naming --tz America/New_York", err)
	}
	out, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--tz", "America/New_York", "--format", "csv", path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, ",America/New_York") || strings.Contains(out, "Europe/London") {
		t.Errorf("with --tz America/New_York, not labelled with it:\n%s", out)
	}
}

// TestAnotherTeamsExportPartialsOnlyTheMonthsItWasWrittenBeforeTheEndOf:
// Ward 7's export of January and February, written on 1 March, read with
// Tiny Team's of one assessment on 10 February. Written on 1 March too,
// Tiny Team's made January partial ("whose data start after it"), though
// both months are whole; now neither is. Written on 15 February, it
// leaves February partial, naming the file, and January whole: February
// was not over when it was written, and Ward 7's was written after.
func TestAnotherTeamsExportPartialsOnlyTheMonthsItWasWrittenBeforeTheEndOf(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ward, tiny := filepath.Join(dir, "ward7.csv"), filepath.Join(dir, "tiny.csv")
	head := strings.Join(earlierCSVColumns(), ",") + "\r\n"
	if err := os.WriteFile(ward, []byte(head+
		csvExportRow("01957a3c-0000-7000-8000-000000000001", "2026-01-01T11:00:00Z")+
		csvExportRow("01957a3c-0000-7000-8000-000000000002", "2026-02-20T11:00:00Z")), 0o600); err != nil {
		t.Fatal(err)
	}
	row := strings.Replace(csvExportRow("01957a3c-0000-7000-8000-000000000003", "2026-02-10T11:00:00Z"), ",Ward 7,", ",Tiny Team,", 1)
	if err := os.WriteFile(tiny, []byte(head+row), 0o600); err != nil {
		t.Fatal(err)
	}
	march := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	if err := os.Chtimes(ward, march, march); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		written time.Time
		partial map[string]string // by month, the reason in the table
	}{
		{march, map[string]string{}},
		{time.Date(2026, 2, 15, 9, 0, 0, 0, time.UTC), map[string]string{"2026-02": "2026-02 not covered by tiny.csv, written before it ended"}},
	} {
		if err := os.Chtimes(tiny, c.written, c.written); err != nil {
			t.Fatal(err)
		}
		out, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--exact", "--from", "2026-01-01", "--tz", "UTC", "--format", "csv", ward, tiny)
		if err != nil {
			t.Fatal(err)
		}
		for _, month := range []string{"2026-01", "2026-02"} {
			var line string
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, month+",all,all,assessed,") {
					line = l
				}
			}
			_, want := c.partial[month]
			if got := strings.Contains(line, ",yes,"); got != want {
				t.Errorf("tiny.csv written %s: %s partial %v, want %v: %q", c.written.Format(time.DateOnly), month, got, want, line)
			}
		}
		table, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--exact", "--from", "2026-01-01", "--tz", "UTC", ward, tiny)
		if err != nil {
			t.Fatal(err)
		}
		for _, why := range c.partial {
			if !strings.Contains(strings.Join(strings.Fields(table), " "), why) {
				t.Errorf("tiny.csv written %s: the table does not say %q:\n%s", c.written.Format(time.DateOnly), why, table)
			}
		}
	}
}
