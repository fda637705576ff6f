package report

import (
	"strings"
	"testing"
	"time"
)

// TestAPseudonymisedNDJSONInAnotherTimeZoneIsRefused: a pseudonymised
// NDJSON export's times are the start of each day in the zone it was
// exported in, and it names no zone. Exported with --tz America/New_York
// and summarised in Europe/London it was counted by New York days under
// London's name; it is refused, naming what to do, while the same export
// summarised in its own zone, one exported in London, and an identifiable
// export (exact times, right in any zone) are read.
func TestAPseudonymisedNDJSONInAnotherTimeZoneIsRefused(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	const pseud, clear = "0192f1c4-7d2e-8b3a-9c4d-5e6f7a8b9c0d", "0192f1c4-7d2e-7b3a-9c4d-5e6f7a8b9c0d"
	line := func(id, ts string) []byte { return []byte(`{"id":"` + id + `","time":"` + ts + `","team":"x"}`) }
	for _, c := range []struct {
		name   string
		lines  [][]byte
		loc    *time.Location
		refuse bool
	}{
		{"New York days in London", [][]byte{line(pseud, "2026-01-05T00:00:00-05:00"), line(pseud, "2026-06-01T00:00:00-04:00")}, london, true},
		{"New York days in New York", [][]byte{line(pseud, "2026-01-05T00:00:00-05:00"), line(pseud, "2026-06-01T00:00:00-04:00")}, newYork, false},
		{"London days in London, winter and summer", [][]byte{line(pseud, "2026-01-05T00:00:00Z"), line(pseud, "2026-06-01T00:00:00+01:00")}, london, false},
		{"a London summer day read as UTC", [][]byte{line(pseud, "2026-06-01T00:00:00+01:00")}, time.UTC, true},
		{"exact times, identifiable, from New York", [][]byte{line(clear, "2026-06-01T00:00:00-04:00")}, london, false},
	} {
		in := &Inputs{}
		for _, l := range c.lines {
			in.noteOffset("x.ndjson", l)
		}
		err := in.CheckZones(c.loc)
		if (err != nil) != c.refuse {
			t.Errorf("%s: refused %v (%v), want %v", c.name, err != nil, err, c.refuse)
		}
		if err != nil && !strings.Contains(err.Error(), "--tz") {
			t.Errorf("%s: the refusal does not say which --tz to give: %v", c.name, err)
		}
	}
}
