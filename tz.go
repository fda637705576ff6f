package main

import (
	"time"
	// The time zone database, built in: Windows has none that Go can
	// read, and --tz and the site's timezone must mean the same there.
	_ "time/tzdata"

	"digicheck/report"
)

// zone is the time zone of a summary's or an export's days and periods:
// --tz, else the site config's timezone, else Europe/London. Never the
// machine's own, so that two machines count the same records into the same
// periods.
func (a *app) zone(flag string) (*time.Location, error) {
	if flag != "" {
		return report.LoadZone("--tz", flag)
	}
	if tz := a.settings.Config.TimeZone; tz != "" {
		return report.LoadZone("timezone", tz)
	}
	return report.LoadZone("default time zone", report.DefaultTimeZone)
}
