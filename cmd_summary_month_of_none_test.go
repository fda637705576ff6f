package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"digicheck/record"
	"digicheck/report"
	"digicheck/site"
	"digicheck/store"
)

// A team's own monthly release, run with no dates as the docs advise,
// told a month of none from a month of 1 to 9 though both were all *: of
// none, the versions note gave "1 (*), 2 (*)", there was no note that the
// span's counts are hidden, no By-month row, no CSV rows and JSON
// "periods": [] for the month; of a few, "versions 1, 2 (how many of each
// is hidden ...)", the note, and a row "2026-11 *". A period the inputs
// cover is laid out whether or not they hold any assessment of it, so
// 0, 1 and 9 give the same release, byte for byte, in every format and
// on standard error, from the team's store and from its export; 10 is
// shown. The same at the span's start: a span asked for from a month
// before the team's first assessment.
func TestATeamsOwnReleaseOfAMonthOfNoneIsTheReleaseOfAMonthOfAFew(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data")
	}
	month, monthEnd := report.LastWholePeriod(time.Now(), report.Month, loc)
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	// span: the arguments of each release; the few fall in the month
	// asked for, at the end of the span or at its start.
	releases := []struct {
		name string
		args []string
		few  time.Time // the month the few are in
	}{
		{"given no dates", nil, month},
		{"the month asked for", []string{"--from", day(month), "--to", day(monthEnd)}, month},
		{"three months to the month", []string{"--from", day(month.AddDate(0, -2, 0)), "--to", day(monthEnd)}, month},
		{"from a month before the rest", []string{"--from", day(month.AddDate(0, -3, 0)), "--to", day(month.AddDate(0, 0, -1))}, month.AddDate(0, -3, 0)},
	}
	type made struct{ db, csv string }
	inputs := map[string]map[int]made{}
	for _, r := range releases {
		key := day(r.few)
		if inputs[key] != nil {
			continue
		}
		inputs[key] = map[int]made{}
		for _, n := range []int{0, 1, 9, 10} {
			dir := t.TempDir()
			db := filepath.Join(dir, "team.db")
			// The rest: 60 over the two months before the month, or,
			// with the few at the start, over the three after theirs.
			restFrom, restTo := month.AddDate(0, -2, 1), month.AddDate(0, 0, -2)
			if !r.few.Equal(month) {
				restFrom, restTo = r.few.AddDate(0, 1, 1), month.AddDate(0, 0, -2)
			}
			st, err := store.Open(db, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := report.Synthesise(st, report.SyntheticOptions{Count: 60, Seed: 91, Team: "Own Team", From: restFrom, To: restTo}); err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				// synthetic makes a new store only, and made into one
				// that has records follows up their patients: the few
				// are made alone and copied into the team's one store,
				// as a team's month is in it.
				few, err := store.Open(filepath.Join(dir, "few.db"), store.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := report.Synthesise(few, report.SyntheticOptions{Count: 40, Seed: 44, Team: "Own Team",
					From: r.few.AddDate(0, 0, 2), To: r.few.AddDate(0, 0, 20)}); err != nil {
					t.Fatal(err)
				}
				// n first assessments of patients of their own (the
				// generator's follow-ups are of patients of its own
				// earlier records, who may be the team's).
				var rs []record.Record
				if err := few.Each(func(x record.Record) error {
					if len(rs) < n && x.FollowsUp.IsZero() && x.Amends.IsZero() && x.Status == record.Completed && !x.Time.Before(r.few) {
						x.Patient = record.PatientID{Kind: record.LocalID, Value: fmt.Sprintf("FEW-%d", len(rs))}
						rs = append(rs, x)
					}
					return nil
				}, nil); err != nil {
					t.Fatal(err)
				}
				if len(rs) != n {
					t.Fatalf("%d first assessments made, want %d", len(rs), n)
				}
				if err := st.SaveSynthetic(rs); err != nil {
					t.Fatal(err)
				}
			}
			csv := filepath.Join(dir, "team.csv")
			if _, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).exportCmd, "--format", "csv",
				"--key-file", siteKey(t), "-o", csv); err != nil {
				t.Fatalf("export: %v\n%s", err, errOut)
			}
			inputs[key][n] = made{db, csv}
		}
	}
	for _, r := range releases {
		for _, from := range []string{"store", "export"} {
			for _, format := range allSummaryFormats {
				got := map[int]string{}
				for _, n := range []int{0, 1, 9, 10} {
					in := inputs[day(r.few)][n]
					s, args := site.Settings{DB: in.db}, r.args
					if from == "export" {
						s, args = site.Settings{}, append([]string{in.csv}, r.args...)
					}
					out, errOut, err := runReportCmd(t, s, (*app).summaryCmd, append([]string{"--format", format}, args...)...)
					if err != nil {
						t.Fatalf("%s, %s, --format %s, %d: %v\n%s", r.name, from, format, n, err, errOut)
					}
					// The board report says when it was made.
					out = madeAt.ReplaceAllString(out, "MADE")
					got[n] = out + "\nstandard error:\n" + errOut
				}
				for _, n := range []int{1, 9} {
					if got[n] != got[0] {
						t.Errorf("%s, %s, --format %s: a month of %d is told from a month of none:\n%s", r.name, from, format, n, lineDiff(got[0], got[n]))
					}
				}
				if got[10] == got[0] {
					t.Errorf("%s, %s, --format %s: a month of 10 gives the release of a month of none", r.name, from, format)
				}
			}
		}
	}
}

// lineDiff is the lines of a that b lacks and of b that a lacks, at most
// 20 of each.
func lineDiff(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ina, inb := in(a), in(b)
	var out []string
	for _, l := range strings.Split(a, "\n") {
		if !inb[l] && len(out) < 20 {
			out = append(out, "- "+l)
		}
	}
	n := len(out)
	for _, l := range strings.Split(b, "\n") {
		if !ina[l] && len(out) < n+20 {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}

// madeAt is a time of day a summary may give (as when it was made).
var madeAt = regexp.MustCompile(`\b\d{2}:\d{2}(:\d{2})?\b`)
