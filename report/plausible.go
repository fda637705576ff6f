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
// after today (a typed date, --to the end of a financial year, may be up
// to a year after it): a date outside that is a typing slip (a year typed
// 0026) or a record's clock gone wrong. Typed dates outside it are
// refused; records dated outside it are not counted, and a summary says
// which they were (Summary.Skipped). A record dated next month (a clock
// ahead, an edited export) was counted until records up to a year ahead
// were taken as plausible as typed dates are. Without the bound, a period
// from 0001 to 9999 laid out 520,000 weeks (36 s and 2.35 GB), and a year
// typed 0026 printed 24,000 empty months.
var earliestYear = 2000

// plausibleSpan is the span of plausible record times in Unix seconds,
// [lo, hi), as of now: from the first day of 2000 to now, each with a
// day's slack (for time zones, and for a clock a little ahead of this
// machine's).
func plausibleSpan(now time.Time) (lo, hi int64) {
	lo = time.Date(earliestYear, 1, 1, 0, 0, 0, 0, time.UTC).Add(-24 * time.Hour).Unix()
	hi = now.AddDate(0, 0, 1).Unix()
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
	team  uint32 // its team's name number (see skips.teams)
}

// maxSkippedNamed is how many skipped records a summary keeps by name; it
// counts them all.
const maxSkippedNamed = 100

// skips gathers the records skipped as a summary counts.
type skips struct {
	n     int
	named []Skipped
	teams map[uint32]int // how many of each team's
}

func (k *skips) add(s Skipped) {
	k.n++
	if k.teams == nil {
		k.teams = map[uint32]int{}
	}
	k.teams[s.team]++
	if len(k.named) < maxSkippedNamed {
		k.named = append(k.named, s)
	}
}

func (k *skips) merge(o *skips) {
	k.n += o.n
	for team, n := range o.teams {
		if k.teams == nil {
			k.teams = map[uint32]int{}
		}
		k.teams[team] += n
	}
	for _, s := range o.named {
		if len(k.named) < maxSkippedNamed {
			k.named = append(k.named, s)
		}
	}
	sort.Slice(k.named, func(i, j int) bool { return strings.Compare(k.named[i].ID.String(), k.named[j].ID.String()) < 0 })
}

// unmet takes out of k the records of the teams with no assessment
// counted in the span (met has no metTeam for them), and reports how many:
// with disclosure control a team whose every record is dated implausibly
// (a clock ahead on every one) is counted nowhere, and its records, named
// in the output, published its exact number and their dates beside a
// summary without it that said nothing. They are told on standard error
// only, as those of a team left out are (Summary.SkippedLeftOut).
func (k *skips) unmet(met []uint8) int {
	out := 0
	for team, n := range k.teams {
		if int(team) < len(met) && met[team]&metTeam != 0 {
			continue
		}
		out += n
		k.n -= n
		delete(k.teams, team)
		k.named = slices.DeleteFunc(k.named, func(s Skipped) bool { return s.team == team })
	}
	return out
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
	return fmt.Sprintf("%d %s skipped: dated %s, outside any plausible period (before %d or after today); not counted anywhere in this summary.",
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

// A record dated by a clock gone wrong inside the plausible span (a PC
// whose clock reset to 2009) is counted, and a summary with no --from
// starts at it: by month, 200 empty months, and with disclosure control
// every count over the span hidden, as a span with a month of too few is
// (docs/disclosure.md, rule 8). That is right for a span that did start
// then, but nothing named the record. A summary whose span is not asked
// for now names, where they were read, the fewer than ten assessments it
// starts with that are dated more than outOfLineGap before any other read,
// so that the record can be found and its date mended (or --from given).
// They are named on standard error only: the output is published, and
// the dates of a few patients' assessments, or that the months after them
// held none, are what its cells keep hidden.
const (
	outOfLineMax = 9
	outOfLineGap = 183 * 24 * 60 * 60 // about six months, in seconds
)

// outOfLine finds, among the earliest first versions read (in order, up
// to outOfLineMax+1), the most that are followed by a gap of more than
// outOfLineGap, and when the next one after them was made; none when no
// gap is that long, or the next is at or after hi, the end of the span.
func outOfLine(early []when, hi int64) ([]Skipped, int64) {
	k := 0
	for i := 1; i < len(early) && i <= outOfLineMax; i++ {
		if early[i].time-early[i-1].time > outOfLineGap && early[i].time < hi {
			k = i
		}
	}
	if k == 0 {
		return nil, 0
	}
	out := make([]Skipped, k)
	for i, f := range early[:k] {
		out[i] = Skipped{ID: f.id, Time: f.time, Where: f.where()}
	}
	return out, early[k].time
}

// OutOfLineNote says in a sentence that the span starts with assessments
// dated long before the rest, and what to do; "" when it does not. It is
// for standard error, with OutOfLineWhere: not for the published output.
func (s *Summary) OutOfLineNote() string {
	if len(s.OutOfLine) == 0 {
		return ""
	}
	loc := s.location()
	day := func(t int64) string { return time.Unix(t, 0).In(loc).Format(time.DateOnly) }
	next := time.Unix(s.outOfLineNext, 0).In(loc)
	what := fmt.Sprintf("the summary's span starts with %d assessments dated long before any other read", len(s.OutOfLine))
	if len(s.OutOfLine) == 1 {
		what = "the summary's span starts with an assessment dated long before any other read"
	}
	return fmt.Sprintf("%s (from %s; the next is dated %s), so its periods start there: a clock gone wrong (a PC's clock reset)? Mend the record's date if so, or give --from %s to count from the rest",
		what, day(s.OutOfLine[0].Time), day(s.outOfLineNext), PeriodStart(next, s.By, loc).Format(time.DateOnly))
}

// OutOfLineWhere names the assessments OutOfLineNote speaks of, each where
// it was read: FILE:LINE or the store and record id, with its date.
func (s *Summary) OutOfLineWhere() []string {
	var out []string
	for _, k := range s.OutOfLine {
		out = append(out, fmt.Sprintf("%s (dated %s)", questionnaire.Printable(k.Where), time.Unix(k.Time, 0).In(s.location()).Format(time.DateOnly)))
	}
	return out
}
