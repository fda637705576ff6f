package main

import (
	"fmt"
	"runtime/debug"
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

// siteZone is the name of the site's time zone: the config's timezone,
// else Europe/London.
func (a *app) siteZone() string {
	if tz := a.settings.Config.TimeZone; tz != "" {
		return tz
	}
	return report.DefaultTimeZone
}

// publishedZone refuses, with disclosure control, a summary counted in
// another time zone than the site's. An assessment saved near midnight
// falls on another day, in another week or month, in another zone: the
// same span summarised in the site's zone and in UTC (or any other) gave
// months that differed by that one assessment, and subtracting the two
// published tables picked out its patient. So every summary a site
// publishes is counted in one zone, its own; --exact, not for
// publication, counts in any. docs/disclosure.md, rule 7.
func (a *app) publishedZone(loc *time.Location, exact bool) error {
	if exact || loc.String() == a.siteZone() {
		return nil
	}
	return usageError{fmt.Errorf("--tz %s: with disclosure control every summary is counted in the site's time zone, %s (%s), "+
		"as publishing summaries counted in two zones can single out a patient: an assessment made near midnight falls in another day, week or month in another zone, "+
		"and the two summaries differ by its patient alone. Leave out --tz (or give --tz %s), or use --exact for local operational use, not for publication",
		loc, a.siteZone(), a.siteZoneSource(), a.siteZone())}
}

// siteZoneSource says where the site's time zone comes from.
func (a *app) siteZoneSource() string {
	if a.settings.Config.TimeZone != "" {
		return "the site config's timezone"
	}
	return "the default: the site config sets no timezone"
}

// toolVersion is digicheck's version as the board report names it: the
// release's, else the module's (go install), else the commit it was built
// from, else "built from source".
func toolVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "built from source"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "built from source, commit " + s.Value[:12]
		}
	}
	return "built from source"
}
