package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"digicheck/site"
)

// TestAnExportInAnotherZoneIsRefusedWithAdviceThatCanBeFollowed: an
// export made with --tz UTC, summarised on a London site, was refused
// with "summarise it with --tz UTC, or export it again with --tz
// Europe/London. With disclosure control a summary is counted in the
// site's time zone only ...": the first advice, followed, is refused in
// turn (--tz UTC without --exact, status 2). The refusal now gives only
// what works: export again in the site's zone, or, not for publication,
// --exact with the file's zone.
func TestAnExportInAnotherZoneIsRefusedWithAdviceThatCanBeFollowed(t *testing.T) {
	t.Parallel()
	row := func(id, ts string) string {
		f := strings.Split(strings.TrimSuffix(csvExportRow(id, ts), "\r\n"), ",")
		f[slices.Index(earlierCSVColumns(), "time_zone")] = "UTC"
		return strings.Join(f, ",") + "\r\n"
	}
	path := filepath.Join(t.TempDir(), "utc.csv")
	doc := strings.Join(earlierCSVColumns(), ",") + "\r\n" +
		row("01957a3c-0000-7000-8000-000000000001", "2026-06-01T10:00:00Z") +
		row("01957a3c-0000-7000-8000-000000000002", "2026-06-02T10:00:00Z")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, path)
	if err == nil {
		t.Fatal("an export in UTC summarised on a London site was counted")
	}
	want := path + ": its dates are days in UTC (its time_zone column), not Europe/London, the site's time zone, " +
		"which every summary with disclosure control is counted in: export it again with --tz Europe/London " +
		"(or, not for publication, summarise it with --exact --tz UTC)"
	if err.Error() != want {
		t.Errorf("the refusal:\n%s\nwant:\n%s", err, want)
	}
	// Each advice, followed, works.
	if _, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--tz", "UTC", path); err != nil {
		t.Errorf("--exact --tz UTC, as the refusal says: %v", err)
	}
	// With --exact in the site's zone, the file's zone is the advice.
	_, _, err = runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--from", "2000-01-01", "--exact", path)
	want = path + ": its dates are days in UTC (its time_zone column), not Europe/London, the zone this summary counts in: " +
		"summarise it with --exact --tz UTC, or export it again with --tz Europe/London"
	if err == nil || err.Error() != want {
		t.Errorf("--exact: the refusal:\n%v\nwant:\n%s", err, want)
	}
}
