package report

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// The summary's readers take files from anywhere: a trust's warehouse, an
// export mended by hand, a file that is not an export at all. Whatever
// they are given they must not panic, must name the file in any error,
// and what they accept must be counted without error (or refused as a
// mix of synthetic and real records), with nothing counted twice.
//
//	go test -run x -fuzz FuzzAddNDJSON -fuzztime 30s ./report/
//	go test -run x -fuzz FuzzAddCSV -fuzztime 30s ./report/
//	go test -run x -fuzz FuzzParseDay -fuzztime 30s ./report/

func checkRead(t *testing.T, d *Inputs, err error, name string) {
	t.Helper()
	if err != nil {
		if !strings.HasPrefix(err.Error(), name) {
			t.Fatalf("error does not name the file: %v", err)
		}
		return
	}
	s, err := d.Summarise(Options{By: Week, Exact: true, Location: time.UTC})
	if err != nil {
		if strings.Contains(err.Error(), "synthetic") {
			return
		}
		t.Fatalf("read, but not counted: %v", err)
	}
	if s.Cells[0].Measure != MeasureAssessed || s.Cells[0].Count+s.SkippedCount > d.Len() {
		t.Fatalf("%d assessed and %d skipped of %d records", s.Cells[0].Count, s.SkippedCount, d.Len())
	}
	if len(s.Periods) > 60*53 {
		t.Fatalf("%d periods", len(s.Periods))
	}
}

func FuzzAddNDJSON(f *testing.F) {
	fs := wardFixtures()
	rs := records(f, fs)
	for i := range rs {
		line, err := jsonLine(rs[i])
		if err != nil {
			f.Fatal(err)
		}
		f.Add(line)
	}
	odd := records(f, []fixture{{n: 91, day: "0001-01-01"}, {n: 92, day: "9999-12-31", synthetic: true}})
	for _, r := range odd {
		line, _ := jsonLine(r)
		f.Add(append([]byte("\ufeff"), line...))
	}
	all, _ := jsonLine(rs[0])
	f.Add(append(append(all, '\n'), all...))
	f.Add([]byte("{}\n{\"id\":\"x\"}\n"))
	f.Add([]byte("{\"id\":\"01957a3c-0000-7000-8000-000000000001\",\"time\":\"2026-01-01T00:00:00Z\",\"recommendation\":{\"referrals\":[{},{},{}]}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := &Inputs{}
		err := d.AddNDJSON(bytes.NewReader(data), "f.ndjson")
		checkRead(t, d, err, "f.ndjson")
	})
}

func FuzzAddCSV(f *testing.F) {
	head := csvHeaderLine()
	row := csvRowOf(fixtureID(1).String(), "2026-01-05T11:00:00Z")
	f.Add([]byte(head + row))
	f.Add([]byte("\ufeff" + head + row + csvRowOf(fixtureID(2).String(), "0001-01-01T00:00:00Z")))
	f.Add([]byte(head + row + row))
	f.Add([]byte(head + strings.Replace(row, "phone,letter", "\"phone\",\"let\r\nter\"", 1)))
	f.Add([]byte(head + strings.Replace(row, "completed", "amended", 1)))
	f.Add([]byte(head + strings.Replace(row, ",,,,", ",a;b;c,a,b,", 1)))
	f.Add([]byte(head + csvRowOf(fixtureID(3).String(), "9999-12-31T23:59:59+14:00")))
	f.Add([]byte("id,patient\r\n1,2\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := &Inputs{}
		err := d.AddCSV(bytes.NewReader(data), "f.csv")
		checkRead(t, d, err, "f.csv")
	})
}

// A date typed for --from or --to is either refused or is the day typed,
// between 2000 and a year from today.
func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"", "2026-01-01", "0026-01-01", "9999-12-31", "2026-02-30", "2026-1-1", " 2026-01-01", "+2026-01-01", "2027-12-02", "２０２６-01-01"} {
		f.Add(s)
	}
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDay("--from", s, now, time.UTC)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "--from ") {
				t.Fatalf("error does not name the flag: %v", err)
			}
			return
		}
		if s == "" {
			if !d.IsZero() {
				t.Fatalf("empty gave %v", d)
			}
			return
		}
		if d.Format(time.DateOnly) != s || d.Year() < 2000 || d.After(now.AddDate(1, 0, 0)) {
			t.Fatalf("%q accepted as %v", s, d)
		}
	})
}
