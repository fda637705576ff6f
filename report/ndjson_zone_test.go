package report

import (
	"bytes"
	"strconv"
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
		for i, l := range c.lines {
			in.noteOffset("x.ndjson", i+1, l)
		}
		err := in.CheckZones(c.loc, false)
		if (err != nil) != c.refuse {
			t.Errorf("%s: refused %v (%v), want %v", c.name, err != nil, err, c.refuse)
		}
		if err != nil && !strings.Contains(err.Error(), "--tz") {
			t.Errorf("%s: the refusal does not say which --tz to give: %v", c.name, err)
		}
	}
}

// TestAnNDJSONExportInUTCFromWinterIntoSummerIsRefusedInLondon: an NDJSON
// export made with --tz UTC over January to June, summarised on a London
// site, was counted: only its first record's day was checked, and in
// January UTC's midnight is London's. Its summer records kept UTC days,
// so an assessment made in the first hour of 1 April (London) was counted
// in March, and the export's summary and the store's differed by the
// patients near midnight at a month's edge. Every record's day is
// checked: the file is refused, naming it and its first record whose day
// is not a London day, while the same store exported in London is read.
func TestAnNDJSONExportInUTCFromWinterIntoSummerIsRefusedInLondon(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	st := storeOf(t, nil)
	if _, err := Synthesise(st, SyntheticOptions{Count: 60, Seed: 61, From: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 6, 25, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		zone   *time.Location
		refuse bool
	}{{"UTC", time.UTC, true}, {"Europe/London", london, false}} {
		var b bytes.Buffer
		if _, err := ExportNDJSON(&b, st, ExportOptions{Key: testKey, Location: c.zone}); err != nil {
			t.Fatal(err)
		}
		// The first record whose day is not London's: the first of
		// British Summer Time (29 March 2026 on).
		first, line := "", 0
		for i, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
			if isMarkLine([]byte(l)) {
				continue
			}
			ts := ndjsonField([]byte(l), "time")
			tm, err := time.Parse(time.RFC3339, ts)
			if err != nil {
				t.Fatal(err)
			}
			if _, off := tm.Zone(); off == 0 && tm.After(time.Date(2026, 3, 29, 0, 0, 0, 0, time.UTC)) && first == "" {
				first, line = ts, i+1
			}
		}
		if c.refuse && first == "" {
			t.Fatalf("the premise: the UTC export holds no summer day")
		}
		name := "a_" + c.name + ".ndjson"
		in := &Inputs{}
		if err := in.AddNDJSON(bytes.NewReader(b.Bytes()), name); err != nil {
			t.Fatal(err)
		}
		err := in.CheckZones(london, false)
		if (err != nil) != c.refuse {
			t.Fatalf("%s export in London: refused %v (%v), want %v", c.name, err != nil, err, c.refuse)
		}
		if err == nil {
			continue
		}
		for _, want := range []string{name + ":" + strconv.Itoa(line) + ":", first, "--tz Europe/London", "--exact"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("the refusal does not say %q: %v", want, err)
			}
		}
		if strings.Contains(err.Error(), "Summarise it with the --tz it was exported with,") {
			t.Errorf("the refusal advises a --tz that disclosure control refuses: %v", err)
		}
	}
}
