package report

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := LoadZone("test", name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestPeriodBoundaries: each period length at its edges, in Europe/London
// across the change to summer time (29 March 2026) and in UTC.
func TestPeriodBoundaries(t *testing.T) {
	london, utc := zone(t, "Europe/London"), zone(t, "UTC")
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		at    string
		by    By
		loc   *time.Location
		label string
		start string // the period's first day
		next  string // the next period's first day
	}{
		// 23:30 UTC on 31 March is 00:30 on 1 April in British Summer
		// Time: April, Q2 and the new financial year in London; still
		// March, Q1 and the old year in UTC.
		{"2026-03-31T23:30:00Z", Month, london, "2026-04", "2026-04-01", "2026-05-01"},
		{"2026-03-31T23:30:00Z", Month, utc, "2026-03", "2026-03-01", "2026-04-01"},
		{"2026-03-31T23:30:00Z", Quarter, london, "2026-Q2", "2026-04-01", "2026-07-01"},
		{"2026-03-31T23:30:00Z", Quarter, utc, "2026-Q1", "2026-01-01", "2026-04-01"},
		{"2026-03-31T23:30:00Z", FY, london, "FY2026/27", "2026-04-01", "2027-04-01"},
		{"2026-03-31T23:30:00Z", FY, utc, "FY2025/26", "2025-04-01", "2026-04-01"},
		// In winter London is UTC: 23:30 on 31 December is the old year.
		{"2025-12-31T23:30:00Z", Quarter, london, "2025-Q4", "2025-10-01", "2026-01-01"},
		{"2026-01-01T00:00:00Z", Quarter, london, "2026-Q1", "2026-01-01", "2026-04-01"},
		{"2025-12-31T23:30:00Z", FY, london, "FY2025/26", "2025-04-01", "2026-04-01"},
		// The last second of a financial year and the first of the next.
		{"2027-03-31T23:59:59+01:00", FY, london, "FY2026/27", "2026-04-01", "2027-04-01"},
		{"2027-04-01T00:00:00+01:00", FY, london, "FY2027/28", "2027-04-01", "2028-04-01"},
		// Quarters start in January, April, July and October.
		{"2026-06-30T23:59:59+01:00", Quarter, london, "2026-Q2", "2026-04-01", "2026-07-01"},
		{"2026-07-01T00:00:00+01:00", Quarter, london, "2026-Q3", "2026-07-01", "2026-10-01"},
		{"2026-10-01T00:00:00+01:00", Quarter, london, "2026-Q4", "2026-10-01", "2027-01-01"},
		// A financial year spanning a century's turn is labelled with two
		// digits for its second year.
		{"2099-05-01T12:00:00Z", FY, utc, "FY2099/00", "2099-04-01", "2100-04-01"},
		// Weeks are Monday to Sunday: Sunday 29 March 2026 23:30 UTC is
		// Monday 30 March in London.
		{"2026-03-29T23:30:00Z", Week, london, "2026-03-30", "2026-03-30", "2026-04-06"},
		{"2026-03-29T23:30:00Z", Week, utc, "2026-03-23", "2026-03-23", "2026-03-30"},
	} {
		start := PeriodStart(at(c.at), c.by, c.loc)
		next := nextPeriod(start, c.by, c.loc)
		if got := PeriodLabel(start, c.by); got != c.label || start.Format(time.DateOnly) != c.start || next.Format(time.DateOnly) != c.next {
			t.Errorf("%s by %s in %s: %s from %s to %s, want %s from %s to %s", c.at, c.by, c.loc,
				got, start.Format(time.DateOnly), next.Format(time.DateOnly), c.label, c.start, c.next)
		}
		if start.Location() != c.loc || start.Hour() != 0 {
			t.Errorf("%s by %s: the period starts at %v, not midnight in %s", c.at, c.by, start, c.loc)
		}
	}
}

// TestAnAssessmentLateOn31MarchCountsInAprilInLondon: the time zone of a
// summary decides its period, and every output says which it was.
func TestAnAssessmentLateOn31MarchCountsInAprilInLondon(t *testing.T) {
	r := fixture{n: 1, day: "2026-03-31", team: "Ward 7"}.record(t)
	r.Time = time.Date(2026, 3, 31, 23, 30, 0, 0, time.UTC)
	early := fixture{n: 2, day: "2026-03-02", team: "Ward 7"}.record(t)
	for _, c := range []struct {
		zone string
		by   By
		want []string // the periods, and the one assessment's is the last
	}{
		{"Europe/London", Month, []string{"2026-03", "2026-04"}},
		{"UTC", Month, []string{"2026-03"}},
		{"Europe/London", Quarter, []string{"2026-Q1", "2026-Q2"}},
		{"UTC", Quarter, []string{"2026-Q1"}},
		{"Europe/London", FY, []string{"FY2025/26", "FY2026/27"}},
		{"UTC", FY, []string{"FY2025/26"}},
	} {
		s := summarise(t, datasetOf(t, []record.Record{early, r}), Options{By: c.by, Exact: true, Location: zone(t, c.zone)})
		var got []string
		for _, p := range s.Periods {
			got = append(got, p.Label)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s by %s: periods %v, want %v", c.zone, c.by, got, c.want)
		}
		last := c.want[len(c.want)-1]
		if n := assessedIn(s, last); n != 3-len(c.want) {
			t.Errorf("%s by %s: %d assessed in %s, want %d", c.zone, c.by, n, last, 3-len(c.want))
		}
		if s.TimeZone() != c.zone {
			t.Errorf("the summary says its zone is %q, want %q", s.TimeZone(), c.zone)
		}
		var table, md, csvOut, js bytes.Buffer
		if err := s.WriteTableWidth(&table, nil, 80); err != nil {
			t.Fatal(err)
		}
		if err := s.WriteMarkdown(&md, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.WriteCSV(&csvOut); err != nil {
			t.Fatal(err)
		}
		if err := s.WriteJSON(&js); err != nil {
			t.Fatal(err)
		}
		for name, out := range map[string]string{"table": table.String(), "markdown": md.String()} {
			if !strings.Contains(out, "in the time zone "+c.zone+".") {
				t.Errorf("%s output does not state the time zone %s", name, c.zone)
			}
		}
		rows := readCSV(t, csvOut.Bytes())
		if z := slices.Index(rows[0], "time_zone"); z < 0 || rows[1][z] != c.zone {
			t.Errorf("CSV: %v then %v; want a time_zone column of %s", rows[0], rows[1], c.zone)
		}
		var j struct {
			TimeZone string `json:"time_zone"`
		}
		if err := json.Unmarshal(js.Bytes(), &j); err != nil || j.TimeZone != c.zone {
			t.Errorf("JSON time_zone %q (%v), want %s", j.TimeZone, err, c.zone)
		}
	}
}

// assessedIn is the exact number assessed in the period labelled p.
func assessedIn(s *Summary, p string) int {
	for _, c := range s.Cells {
		if c.Period == p && c.Breakdown == All && c.Measure == MeasureAssessed {
			return c.Count
		}
	}
	return -1
}

func TestATimeZoneMustBeNamed(t *testing.T) {
	for _, name := range []string{"", "Local", "Europe/Londn", "BST", "+01:00"} {
		if _, err := LoadZone("--tz", name); err == nil {
			t.Errorf("%q was taken as a time zone", name)
		}
	}
	for _, name := range []string{"Europe/London", "UTC", "America/New_York"} {
		if _, err := LoadZone("--tz", name); err != nil {
			t.Errorf("%q: %v", name, err)
		}
	}
}

// TestTheCSVExportNamesTheZoneOfItsDates: the date column is the record's
// day in the export's zone, and the time_zone column says which.
func TestTheCSVExportNamesTheZoneOfItsDates(t *testing.T) {
	r := fixture{n: 1, day: "2026-03-31", team: "Ward 7"}.record(t)
	r.Time = time.Date(2026, 3, 31, 23, 30, 0, 0, time.UTC)
	st := storeOf(t, []record.Record{r})
	for zoneName, want := range map[string]string{"Europe/London": "2026-04-01", "UTC": "2026-03-31"} {
		var b bytes.Buffer
		if _, err := ExportCSV(&b, st, ExportOptions{Key: testKey, Location: zone(t, zoneName)}); err != nil {
			t.Fatal(err)
		}
		rows := readCSV(t, b.Bytes())
		date, tz := slices.Index(rows[0], "date"), slices.Index(rows[0], "time_zone")
		if rows[1][date] != want || rows[1][tz] != zoneName {
			t.Errorf("exported in %s: date %q, time_zone %q; want %s, %s", zoneName, rows[1][date], rows[1][tz], want, zoneName)
		}
	}
}
