package report

import (
	"fmt"
	"time"
)

// DefaultTimeZone is the time zone of a summary's or an export's days and
// periods when neither --tz nor the site's timezone names one: the zone of
// the NHS in England, Wales and Scotland, so that the same records give the
// same periods on every machine, whatever its own clock is set to.
const DefaultTimeZone = "Europe/London"

// LoadZone reads an IANA time zone name (Europe/London, UTC), saying what
// gave it (the flag or config key) if it is not one. The zone database is
// built into the program (time/tzdata), so this works the same on Windows.
func LoadZone(from, name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("%s %q: give an IANA time zone such as %s or UTC", from, name, DefaultTimeZone)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("%s %q: not a time zone this program knows; give an IANA name such as %s or UTC", from, name, DefaultTimeZone)
	}
	return loc, nil
}

// TimeZone is the name of the time zone the summary's days and periods are
// in, as every output states it.
func (s *Summary) TimeZone() string { return s.location().String() }

// zoneNote is the sentence that states the time zone.
func (s *Summary) zoneNote() string {
	return "Days and periods are in the time zone " + s.TimeZone() + "."
}
