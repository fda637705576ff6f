package report

import (
	"fmt"
	"strings"
	"time"
)

// valid reports whether by is a period length a summary knows.
func (by By) valid() bool {
	switch by {
	case Week, Month, Quarter, FY:
		return true
	}
	return false
}

// months is how many months a period of by spans; 0 for a week.
func (by By) months() int {
	switch by {
	case Month:
		return 1
	case Quarter:
		return 3
	case FY:
		return 12
	}
	return 0
}

// fyFirstMonth is the month a financial year starts in: April, as the NHS's
// (and HM Treasury's) does.
const fyFirstMonth = time.April

// PeriodStart is the start of the week (Monday), month, calendar quarter or
// financial year (1 April) holding t, at midnight in loc.
func PeriodStart(t time.Time, by By, loc *time.Location) time.Time {
	t = t.In(loc)
	y, m, d := t.Date()
	switch by {
	case Month:
		return time.Date(y, m, 1, 0, 0, 0, 0, loc)
	case Quarter:
		return time.Date(y, m-(m-1)%3, 1, 0, 0, 0, 0, loc)
	case FY:
		if m < fyFirstMonth {
			y--
		}
		return time.Date(y, fyFirstMonth, 1, 0, 0, 0, 0, loc)
	}
	back := (int(t.Weekday()) + 6) % 7 // days since Monday
	return time.Date(y, m, d-back, 0, 0, 0, 0, loc)
}

// LastWholePeriod is the first and last days (midnight in loc) of the
// last whole period of by that has ended by now, in loc: the month (week,
// quarter, financial year) before the one holding now. It is the span of
// a summary given no dates, so that summaries run each month count months
// that do not overlap, and never the days of one not yet ended.
func LastWholePeriod(now time.Time, by By, loc *time.Location) (from, to time.Time) {
	if by == "" {
		by = Month
	}
	current := PeriodStart(now, by, loc)
	y, m, d := current.Date()
	to = time.Date(y, m, d-1, 0, 0, 0, 0, loc)
	return PeriodStart(to, by, loc), to
}

func nextPeriod(start time.Time, by By, loc *time.Location) time.Time {
	y, m, d := start.Date()
	if n := by.months(); n > 0 {
		return time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, loc)
	}
	return time.Date(y, m, d+7, 0, 0, 0, 0, loc)
}

// PeriodLabel is how a period is named: "2026-03" for a month, the
// Monday's date "2026-03-02" for a week, "2026-Q1" for a calendar quarter,
// and "FY2026/27" for the financial year from 1 April 2026 to 31 March 2027.
func PeriodLabel(start time.Time, by By) string {
	switch by {
	case Month:
		return start.Format("2006-01")
	case Quarter:
		return fmt.Sprintf("%d-Q%d", start.Year(), (int(start.Month())-1)/3+1)
	case FY:
		return fmt.Sprintf("FY%d/%02d", start.Year(), (start.Year()+1)%100)
	}
	return start.Format(time.DateOnly)
}

// Name is the period length in words: week, month, quarter or financial
// year.
func (by By) Name() string {
	if by == FY {
		return "financial year"
	}
	return string(by)
}

// column is the heading of a table's column of period labels.
func (by By) column() string {
	switch by {
	case Week:
		return "Week of"
	case FY:
		return "Financial year"
	}
	return strings.ToUpper(string(by[:1])) + string(by[1:])
}

// Publication grids. Weeks and months do not share edges (1 March 2026 is
// a Sunday), so a monthly summary from 1 March and a weekly one from
// Monday 2 March, to the same Sunday 31 May, are each of whole periods and
// differ by exactly 1 March: every count that holds that day's one patient
// told a category of theirs. Months, quarters and financial years nest
// (each starts and ends on a month's edges), and weeks nest in weeks, so
// with disclosure control a site publishes on one grid: by month (and
// quarter and financial year), the default, or by week, when its config
// says [disclosure] grid = "week". docs/disclosure.md, rule 7.
const (
	GridMonth = "month"
	GridWeek  = "week"
)

// OnGrid refuses a disclosure-controlled summary by periods of by that are
// not on the site's publication grid (site.Disclosure.Grid, "" for
// GridMonth), naming the periods and the nearest span that would do. from
// and to are the days asked for, zero when not given; now is when the
// summary is made, in loc.
func OnGrid(by By, grid string, from, to time.Time, loc *time.Location, now time.Time) error {
	if grid == "" {
		grid = GridMonth
	}
	if (by == Week) == (grid == GridWeek) {
		return nil
	}
	use, publishes := Month, "months (and quarters and financial years, which are whole months)"
	if grid == GridWeek {
		use, publishes = Week, "weeks"
	}
	span := ""
	if !from.IsZero() {
		span += " --from " + PeriodStart(dayStart(from, loc), use, loc).Format(time.DateOnly)
	}
	if !to.IsZero() {
		current := PeriodStart(now, use, loc)
		end := nextPeriod(PeriodStart(dayStart(to, loc), use, loc), use, loc)
		if end.After(current) {
			end = current
		}
		span += " --to " + end.AddDate(0, 0, -1).Format(time.DateOnly)
	}
	why := "weeks and months do not share edges, so a weekly and a monthly summary of the same data could differ by one day's assessments and show that day's patients"
	return fmt.Errorf("--by %s: with disclosure control this site publishes by %s, as %s. Use --by %s%s (or --exact, not for publication; a site that publishes %s sets grid = %q under [disclosure] in its config)",
		by, publishes, why, use, span, map[bool]string{true: "by month", false: "by week only"}[grid == GridWeek], map[bool]string{true: GridMonth, false: GridWeek}[grid == GridWeek])
}
