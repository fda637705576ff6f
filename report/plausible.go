package report

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"

	"digicheck/questionnaire"
)

// Plausible dates. No digicheck assessment is dated before 2000, and none
// more than a year after today: a date outside that is a typing slip (a
// year typed 0026) or a record's clock gone wrong. Typed dates outside it
// are refused; records dated outside it are not counted, and a summary
// says which they were (Summary.Skipped). Without the bound, a period
// from 0001 to 9999 laid out 520,000 weeks (36 s and 2.35 GB), and a year
// typed 0026 printed 24,000 empty months.
var earliestYear = 2000

// plausibleSpan is the span of plausible record times in Unix seconds,
// [lo, hi), as of now: from the first day of 2000 to a year after now,
// each with a day's slack for time zones.
func plausibleSpan(now time.Time) (lo, hi int64) {
	lo = time.Date(earliestYear, 1, 1, 0, 0, 0, 0, time.UTC).Add(-24 * time.Hour).Unix()
	hi = now.AddDate(1, 0, 1).Unix()
	return lo, hi
}

// ParseDay reads a YYYY-MM-DD date typed for flag (--from, --to) in loc;
// "" is none. A date before 2000, or more than a year after now, is
// refused with a message that says which and why.
func ParseDay(flag, s string, now time.Time, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %s: give a date as YYYY-MM-DD", flag, questionnaire.Quote(s))
	}
	return t, checkDay(flag, t, now)
}

// checkDay refuses a day no assessment can be dated.
func checkDay(flag string, t, now time.Time) error {
	if y := t.Year(); y < earliestYear {
		hint := "check the year"
		if y >= 10 && y < 100 {
			hint = fmt.Sprintf("did you mean %d?", earliestYear+y)
		}
		return fmt.Errorf("%s %s: the year %04d is before %d, and no digicheck assessment is dated before then: %s",
			flag, t.Format(time.DateOnly), y, earliestYear, hint)
	}
	if limit := now.AddDate(1, 0, 0); t.After(limit) {
		return fmt.Errorf("%s %s is more than a year after today (%s), and no assessment can be dated then: check the year",
			flag, t.Format(time.DateOnly), now.Format(time.DateOnly))
	}
	return nil
}

// Skipped is a record a summary did not count because of its date.
type Skipped struct {
	ID    uuid.UUID
	Time  int64  // Unix seconds: when its assessment was first made
	Where string // FILE:LINE of an export, or the store and the record's id
}

// maxSkippedNamed is how many skipped records a summary keeps by name; it
// counts them all.
const maxSkippedNamed = 100

// skips gathers the records skipped as a summary counts.
type skips struct {
	n     int
	named []Skipped
}

func (k *skips) add(s Skipped) {
	k.n++
	if len(k.named) < maxSkippedNamed {
		k.named = append(k.named, s)
	}
}

func (k *skips) merge(o *skips) {
	k.n += o.n
	for _, s := range o.named {
		if len(k.named) < maxSkippedNamed {
			k.named = append(k.named, s)
		}
	}
	sort.Slice(k.named, func(i, j int) bool { return strings.Compare(k.named[i].ID.String(), k.named[j].ID.String()) < 0 })
}

// SkippedNote says in a sentence how many records were not counted for
// their dates, and which dates; "" when none were. It travels with the
// numbers (the heading, the JSON notes, each CSV row's caveat) and goes to
// standard error: a summary that leaves records out says so.
func (s *Summary) SkippedNote() string {
	if s.SkippedCount == 0 {
		return ""
	}
	var dates []string
	for _, k := range s.Skipped {
		d := time.Unix(k.Time, 0).In(s.location()).Format(time.DateOnly)
		if !slices.Contains(dates, d) {
			dates = append(dates, d)
		}
	}
	sort.Strings(dates)
	list := strings.Join(dates, ", ")
	if len(dates) > 5 {
		list = strings.Join(dates[:5], ", ") + fmt.Sprintf(" and %d other dates", len(dates)-5)
	}
	if len(s.Skipped) < s.SkippedCount {
		list += ", among others"
	}
	noun := "records"
	if s.SkippedCount == 1 {
		noun = "record"
	}
	return fmt.Sprintf("%d %s skipped: dated %s, outside any plausible period (before %d or more than a year after today); not counted anywhere in this summary.",
		s.SkippedCount, noun, list, earliestYear)
}

// SkippedWhere names the skipped records, as many as were kept by name,
// each where it was read: FILE:LINE or the store and record id.
func (s *Summary) SkippedWhere() []string {
	var out []string
	for _, k := range s.Skipped {
		out = append(out, fmt.Sprintf("%s (dated %s)", questionnaire.Printable(k.Where), time.Unix(k.Time, 0).In(s.location()).Format(time.DateOnly)))
	}
	return out
}

func (s *Summary) location() *time.Location {
	if s.loc == nil {
		return time.Local
	}
	return s.loc
}
