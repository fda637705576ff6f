package main

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"digicheck/record"
	"digicheck/report"
	"digicheck/site"
	"digicheck/store"
)

// With several inputs, each was named by the months of its first and
// last assessments ("a CSV export (assessments 2025-12 to 2026-10)"), in
// the "Read:" line, in the note that inputs cover different spans and in
// the warning that one input is short of the month, in every format and
// on standard error: a team's month of none (its input's last month the
// one before) was told from a month of a few (its last month the month
// itself), though the team's counts of it are * alike. With disclosure
// control an input is named by its kind and its place among the inputs
// read, never by its assessments' months: a team with 0 in the month and
// a team with 2 give the same releases, byte for byte, trust-wide and
// the team's own.
func TestSeveralInputsAreNotNamedByTheMonthsOfTheirAssessments(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data")
	}
	month, monthEnd := report.LastWholePeriod(time.Now(), report.Month, loc)
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	dir := t.TempDir()
	a := teamExport(t, dir, "Ward A", 11, time.Time{})
	b := teamExport(t, dir, "Ward B", 12, time.Time{})
	// Ward C: the same 120 over the five months before the month, and n
	// in the month; exported for dates to its 15th.
	wardC := map[int]string{}
	for _, n := range []int{0, 2} {
		d := filepath.Join(dir, fmt.Sprint(n))
		db := filepath.Join(d, "c.db")
		st, err := store.Open(db, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := report.Synthesise(st, report.SyntheticOptions{Count: 120, Seed: 13, Team: "Ward C",
			From: month.AddDate(0, -5, 1), To: month.AddDate(0, 0, -2)}); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			few, err := store.Open(filepath.Join(d, "few.db"), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := report.Synthesise(few, report.SyntheticOptions{Count: 40, Seed: 44, Team: "Ward C",
				From: month.AddDate(0, 0, 1), To: month.AddDate(0, 0, 10)}); err != nil {
				t.Fatal(err)
			}
			var rs []record.Record
			if err := few.Each(func(x record.Record) error {
				if len(rs) < n && x.FollowsUp.IsZero() && x.Amends.IsZero() && x.Status == record.Completed && !x.Time.Before(month) {
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
		csv := filepath.Join(d, "c.csv")
		if _, errOut, err := runReportCmd(t, site.Settings{DB: db}, (*app).exportCmd, "--format", "csv",
			"--key-file", siteKey(t), "-o", csv, "--to", day(month.AddDate(0, 0, 14))); err != nil {
			t.Fatalf("export: %v\n%s", err, errOut)
		}
		wardC[n] = csv
	}
	for _, r := range []struct {
		name string
		args []string
	}{
		{"trust-wide, given no dates", nil},
		{"trust-wide, the month asked for", []string{"--from", day(month), "--to", day(monthEnd)}},
		{"trust-wide, three months to the month", []string{"--from", day(month.AddDate(0, -2, 0)), "--to", day(monthEnd)}},
		{"the team's own, given no dates", []string{"--team", "Ward C"}},
		{"the team's own, three months to the month", []string{"--team", "Ward C", "--from", day(month.AddDate(0, -2, 0)), "--to", day(monthEnd)}},
	} {
		for _, format := range allSummaryFormats {
			got := map[int]string{}
			for _, n := range []int{0, 2} {
				out, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, append([]string{a, b, wardC[n], "--format", format}, r.args...)...)
				if err != nil {
					t.Fatalf("%s, --format %s, %d: %v\n%s", r.name, format, n, err, errOut)
				}
				got[n] = madeAt.ReplaceAllString(out, "MADE") + "\nstandard error:\n" + errOut
			}
			if got[2] != got[0] {
				t.Errorf("%s, --format %s: a team's month of 2 is told from its month of none:\n%s", r.name, format, lineDiff(got[0], got[2]))
			}
		}
	}
}
