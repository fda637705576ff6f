package main

import (
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
