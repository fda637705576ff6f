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
