package main

import (
	"strings"
	"testing"

	"digicheck/site"
)

// TestSummaryAndExportTakeTheTimeZoneFromTheFlagThenTheConfig: --tz, else
// the site's timezone, else Europe/London, never the machine's; and a zone
// that is not one is refused before anything is read. (With disclosure
// control --tz may name only the site's zone: see
// TestAPublishedSummaryIsCountedInTheSitesTimeZoneOnly.)
func TestSummaryAndExportTakeTheTimeZoneFromTheFlagThenTheConfig(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	for _, c := range []struct {
		config, flag, want string
		exact              bool
	}{
		{"", "", "Europe/London", false},
		{"UTC", "", "UTC", false},
		{"UTC", "UTC", "UTC", false},
		{"UTC", "America/New_York", "America/New_York", true},
	} {
		s := site.Settings{DB: db}
		s.Config.TimeZone = c.config
		args := []string{"--by", "quarter", "--from", "2025-01-01", "--to", "2025-06-30"}
		if c.exact {
			args = append(args, "--exact")
		}
		if c.flag != "" {
			args = append(args, "--tz", c.flag)
		}
		out, errOut, err := runReportCmd(t, s, (*app).summaryCmd, args...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", c, err, errOut)
		}
		if !strings.Contains(out, "in the time zone "+c.want+".") || !strings.Contains(out, "2025-Q1") {
			t.Errorf("%v: the summary does not say %s, or has no quarter 2025-Q1:\n%s", c, c.want, out)
		}
	}
	for _, cmd := range []string{"summary", "export"} {
		mk := (*app).summaryCmd
		if cmd == "export" {
			mk = (*app).exportCmd
		}
		_, _, err := runReportCmd(t, site.Settings{DB: db}, mk, "--tz", "Europe/Londn", "--format", "csv")
		if err == nil || !strings.Contains(err.Error(), `--tz "Europe/Londn"`) {
			t.Errorf("%s --tz Europe/Londn: %v", cmd, err)
		}
	}
	_, _, err := runReportCmd(t, site.Settings{DB: db}, (*app).summaryCmd, "--by", "year")
	if err == nil || !strings.Contains(err.Error(), "quarter or fy") {
		t.Errorf("--by year: %v", err)
	}
}
