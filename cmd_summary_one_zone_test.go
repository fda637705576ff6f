package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"digicheck/site"
)

// TestAPublishedSummaryIsCountedInTheSitesTimeZoneOnly: a QI lead
// summarised the same months with the site's zone and with --tz UTC. An
// assessment saved at 00:30 on 1 June in London is 23:30 on 31 May in
// UTC, so it moved from June to May, and subtracting the two published
// tables picked out that one patient. With disclosure control every
// summary is counted in the site's zone (its config's timezone, else
// Europe/London): --tz naming another is refused with status 2, in every
// format and from a server, saying why and what to do; the site's own
// zone, and any zone with --exact, are counted as before.
func TestAPublishedSummaryIsCountedInTheSitesTimeZoneOnly(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "spring.csv")
	var doc strings.Builder
	doc.WriteString(strings.Join(earlierCSVColumns(), ",") + "\r\n")
	for i := range 40 {
		doc.WriteString(csvExportRow(fmt.Sprintf("01957a3c-0000-7000-8000-%012d", i+1), fmt.Sprintf("2026-%02d-%02dT11:00:00Z", 5+i%2, 2+i%27)))
	}
	// 00:30 on 1 June in London; 23:30 on 31 May in UTC.
	doc.WriteString(csvExportRow("01957a3c-0000-7000-8000-000000000999", "2026-05-31T23:30:00Z"))
	if err := os.WriteFile(path, []byte(doc.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	span := []string{"--from", "2026-05-01", "--to", "2026-06-30", "--format", "csv", path}
	june := func(out string) string {
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "2026-06,all,all,assessed,") {
				return l
			}
		}
		return ""
	}
	// What the two zones would publish: the patient moves between months.
	london, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, append([]string{"--exact"}, span...)...)
	if err != nil {
		t.Fatal(err)
	}
	utc, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, append([]string{"--exact", "--tz", "UTC"}, span...)...)
	if err != nil {
		t.Fatalf("--exact --tz UTC: %v", err)
	}
	if june(london) == "" || june(london) == june(utc) {
		t.Fatalf("the assessment at 00:30 on 1 June in London did not move to May in UTC: %q beside %q", june(london), june(utc))
	}

	refused := func(what string, s site.Settings, siteZone string, args ...string) {
		t.Helper()
		_, _, err := runReportCmd(t, s, (*app).summaryCmd, args...)
		if err == nil {
			t.Errorf("%s: counted; want it refused, as publishing under two time zones can single out a patient", what)
			return
		}
		if got := exitStatus(err); got != 2 {
			t.Errorf("%s: exit status %d, want 2 (%v)", what, got, err)
		}
		for _, want := range []string{siteZone, "single out a patient", "--exact"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: the refusal does not say %q: %v", what, want, err)
			}
		}
	}
	counted := func(what string, s site.Settings, args ...string) {
		t.Helper()
		if _, errOut, err := runReportCmd(t, s, (*app).summaryCmd, args...); err != nil {
			t.Errorf("%s: %v\n%s", what, err, errOut)
		}
	}
	byDefault := site.Settings{}
	for _, format := range []string{"table", "csv", "json", "markdown", "html"} {
		refused("--tz UTC --format "+format, byDefault, "Europe/London",
			"--tz", "UTC", "--from", "2026-05-01", "--to", "2026-06-30", "--format", format, path)
	}
	refused("--tz Pacific/Kiritimati", byDefault, "Europe/London", "--tz", "Pacific/Kiritimati", path)
	// From a server: refused before the server is asked (none answers here).
	refused("--server with --tz UTC", site.Settings{DB: filepath.Join(t.TempDir(), "mine.db")}, "Europe/London",
		"--server", "http://127.0.0.1:1/fhir", "--tz", "UTC")
	refused("--site-server with --tz UTC", site.Settings{DB: filepath.Join(t.TempDir(), "mine.db"), Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: "http://127.0.0.1:1/fhir"}}},
		"Europe/London", "--site-server", "--tz", "UTC")
	counted("--tz Europe/London, the default site zone", byDefault, append([]string{"--tz", "Europe/London"}, span...)...)

	kiritimati := site.Settings{Config: site.Config{TimeZone: "Pacific/Kiritimati"}}
	refused("--tz Europe/London on a site in Pacific/Kiritimati", kiritimati, "Pacific/Kiritimati", append([]string{"--tz", "Europe/London"}, span...)...)
	counted("--tz Pacific/Kiritimati, the site's zone", kiritimati, append([]string{"--tz", "Pacific/Kiritimati"}, span...)...)
	counted("no --tz on a site in Pacific/Kiritimati", kiritimati, span...)
	counted("--exact --tz Europe/London on a site in Pacific/Kiritimati", kiritimati, append([]string{"--exact", "--tz", "Europe/London"}, span...)...)
}

// TestAnExportInAnotherZoneIsRefusedWithWhatDisclosureControlAllows: a
// pseudonymised CSV exported with --tz America/New_York, summarised on a
// London site, was refused with "summarise it with --tz
// America/New_York", which disclosure control then refused in turn. The
// refusal now says that a published summary takes the site's zone only:
// export again in it, or count the file in its own zone with --exact.
func TestAnExportInAnotherZoneIsRefusedWithWhatDisclosureControlAllows(t *testing.T) {
	t.Parallel()
	row := func(id, ts string) string {
		f := strings.Split(strings.TrimSuffix(csvExportRow(id, ts), "\r\n"), ",")
		f[slices.Index(earlierCSVColumns(), "time_zone")] = "America/New_York"
		return strings.Join(f, ",") + "\r\n"
	}
	path := filepath.Join(t.TempDir(), "eny.csv")
	doc := strings.Join(earlierCSVColumns(), ",") + "\r\n" +
		row("01957a3c-0000-7000-8000-000000000001", "2026-06-01T00:00:00-04:00") +
		row("01957a3c-0000-7000-8000-000000000002", "2026-06-02T00:00:00-04:00")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, path)
	if err == nil {
		t.Fatal("a New York export summarised on a London site was counted")
	}
	for _, want := range []string{"days in America/New_York", "--tz Europe/London", "site's time zone", "with --exact"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal does not say %q: %v", want, err)
		}
	}
	if _, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--tz", "America/New_York", path); err != nil {
		t.Errorf("--exact --tz America/New_York, as the refusal says: %v", err)
	}
}
