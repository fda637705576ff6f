package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestEverySummaryTableFitsItsWidth: every line of the summary for people
// (notes, captions and every table: referrals with programme names beside
// nine columns of numbers, the equity breakdowns) is at most the width
// asked for, in display columns, at 80 (the default), and at 60 and 100;
// the headers wrap between words and a table too wide is split, so its
// numbers are all still there.
func TestEverySummaryTableFitsItsWidth(t *testing.T) {
	for name, o := range map[string]Options{
		"protected by month": {By: Month},
		"exact by week":      {By: Week, Exact: true},
	} {
		for _, fx := range [][]fixture{wardFixtures()} {
			s := summarise(t, datasetOf(t, records(t, fx)), o)
			for _, width := range []int{80, 60, 100} {
				var b bytes.Buffer
				var err error
				if width == 80 {
					err = s.WriteTableWidth(&b, names, 80)
				} else {
					err = s.WriteTableWidth(&b, names, width)
				}
				if err != nil {
					t.Fatal(err)
				}
				for i, l := range strings.Split(b.String(), "\n") {
					if w := ansi.StringWidth(l); w > width {
						t.Errorf("%s at %d: line %d is %d columns: %q", name, width, i+1, w, l)
					}
				}
				if !strings.Contains(b.String(), "discussed") || !strings.Contains(b.String(), "Referrals") {
					t.Errorf("%s at %d: the referrals table is not all there:\n%s", name, width, b.String())
				}
			}
		}
	}
	// The board fixture's summary, wide, and at 80, shows the same
	// numbers: narrowing wraps and splits, and drops nothing.
	s := summarise(t, datasetOf(t, boardFixture(t)), Options{By: Month})
	var wide, narrow bytes.Buffer
	if err := s.WriteTableWidth(&wide, names, 1000); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteTableWidth(&narrow, names, 80); err != nil {
		t.Fatal(err)
	}
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, f := range strings.Fields(s) {
			if strings.ContainsAny(f[:1], "0123456789*") {
				m[f]++
			}
		}
		return m
	}
	w, n := count(wide.String()), count(narrow.String())
	for k, v := range w {
		if n[k] < v {
			t.Errorf("%q is shown %d times at 1000 columns and %d at 80", k, v, n[k])
		}
	}
}

// TestANoteOrARuleIsNeverBrokenInsideADate: a summary's notes and the
// rules of a chart's table were wrapped by ansi.Wordwrap, which breaks
// after a hyphen, so a date or a span went over two lines ("left out of
// 2026-" / "03"), read as two numbers. They break at spaces only, as a
// chart's findings do.
func TestANoteOrARuleIsNeverBrokenInsideADate(t *testing.T) {
	const date = "2026-03-31"
	note := "Inputs cover different spans: store ward7.db from 2026-01-01 to " + date + ", export team-b.csv from 2026-02-01 to " + date + "."
	rule := "shift, partial period: the period ends " + date + ", after the last input"
	for width := 20; width <= 100; width++ {
		for _, c := range []struct{ name, text, out string }{
			{"note", note, wrapLines(note, width, noteStyle)},
			{"rule", rule, ruleRow(fmt.Sprintf("%-10s  %8s  ", "2026-03", "21"), rule, width)},
		} {
			for _, l := range strings.Split(ansi.Strip(c.out), "\n") {
				if strings.HasSuffix(l, "-") {
					t.Errorf("%s at %d columns breaks at a hyphen: %q", c.name, width, l)
				}
			}
			if got, want := strings.Count(c.out, date), strings.Count(c.text, date); got != want {
				t.Errorf("%s at %d columns has %s whole %d times, want %d:\n%s", c.name, width, date, got, want, c.out)
			}
		}
	}
}
