package report

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"digicheck/questionnaire"
)

// Coverage. Inputs read together may cover different spans: one team's
// export runs January to June, another's January to April. A month the
// second sent no data for would count that team as none, and a chart
// would show a fall that is only a file that stops. So each input's span
// is kept (Source.First and Last), and a period an input does not cover
// is partial, naming the input: its counts are not set beside whole
// periods' (see partial).
//
// An input does not cover a period when its first assessment comes after
// the period starts (after the data as a whole start: that is said
// already), or its last before the period starts. The period its last
// assessment falls in is not marked for that, as a month that has ended
// holds every assessment made in it (the last period is partial by the
// time the data were read, Options.ReadAt). An input whose every team is
// in another input that covers the period (an older copy beside the
// newer, a backup's export beside the store) leaves no team without data
// there, and marks nothing.

// cover is the span of one input's assessments (first versions, plausibly
// dated, any team) and the teams (name numbers of the table counted by)
// that made them.
type cover struct {
	first, last int64
	teams       []bool // by name number
}

func newCover() cover { return cover{first: 1 << 62, last: -1 << 62} }

// holds reports whether the input holds any assessment.
func (c *cover) holds() bool { return c.first <= c.last }

// add notes an assessment first made at t by team.
func (c *cover) add(t int64, team uint32) {
	c.first, c.last = min(c.first, t), max(c.last, t)
	c.hold(team)
}

// hold notes that team made an assessment of the input.
func (c *cover) hold(team uint32) {
	if int(team) >= len(c.teams) {
		c.teams = append(c.teams, make([]bool, int(team)+1-len(c.teams)+64)...)
	}
	c.teams[team] = true
}

// has reports whether team made an assessment of the input.
func (c *cover) has(team int) bool { return team < len(c.teams) && c.teams[team] }

// merge adds o's span and teams to c's.
func (c *cover) merge(o cover) {
	c.first, c.last = min(c.first, o.first), max(c.last, o.last)
	for t, ok := range o.teams {
		if ok {
			c.hold(uint32(t))
		}
	}
}

// describeSpans gives each source its span, when more than one holds
// assessments (one input's span is the summary's): days with --exact,
// periods with disclosure control (the days of the first and last
// assessments are one patient's days).
func (s *Summary) describeSpans() {
	held := 0
	for i := range s.covers {
		if s.covers[i].holds() {
			held++
		}
	}
	if held < 2 {
		return
	}
	for i := range s.Sources {
		if i >= len(s.covers) || !s.covers[i].holds() {
			continue
		}
		at := func(t int64) string {
			if s.Exact {
				return time.Unix(t, 0).In(s.loc).Format(time.DateOnly)
			}
			return PeriodLabel(PeriodStart(time.Unix(t, 0), s.By, s.loc), s.By)
		}
		s.Sources[i].First, s.Sources[i].Last = at(s.covers[i].first), at(s.covers[i].last)
	}
}

// uncovered says, for period k, each input that does not cover it while
// another does, and why ("not covered by district.csv, whose data end
// before it"); none for a summary of one input.
func (s *Summary) uncovered(k int) []string {
	var held []int
	for i := range s.covers {
		if s.covers[i].holds() {
			held = append(held, i)
		}
	}
	if len(held) < 2 || k >= len(s.Periods) {
		return nil
	}
	p := s.Periods[k]
	from := p.Start
	if s.DataFrom.After(from) {
		from = s.DataFrom // the data start inside it: said already
	}
	gap := func(c *cover) string {
		first, last := dayStart(time.Unix(c.first, 0), s.loc), dayStart(time.Unix(c.last, 0), s.loc)
		switch {
		case !first.Before(p.End):
			return "data start after it"
		case first.After(from):
			return "data start inside it"
		case last.Before(p.Start):
			return "data end before it"
		}
		return ""
	}
	var why []string
	for _, i := range held {
		g := gap(&s.covers[i])
		if g == "" {
			continue
		}
		excused := true
		for team, ok := range s.covers[i].teams {
			if !ok {
				continue
			}
			found := false
			for _, j := range held {
				if j != i && s.covers[j].has(team) && gap(&s.covers[j]) == "" {
					found = true
					break
				}
			}
			if !found {
				excused = false
				break
			}
		}
		if !excused {
			why = append(why, "not covered by "+s.inputName(i)+", whose "+g)
		}
	}
	return why
}

// inputName names input i where a period's partiality is said: with
// disclosure control by its kind alone (docs/disclosure.md, rule 10: a
// file's name may hold a patient's NHS number, and its size is the count
// of a team left out as too few); exact, by its file's name (never its
// folder), or, in the board report, which carries no file's name, by its
// kind and size.
func (s *Summary) inputName(i int) string {
	src := s.Sources[i]
	if !s.Exact {
		return aKind(src.Kind)
	}
	if !s.unnamed {
		return questionnaire.Printable(filepath.Base(src.Name))
	}
	return fmt.Sprintf("the %s of %s", kindWords(src.Kind), recordsWord(src.Records))
}

// kindWords names a kind of input in words.
func kindWords(kind string) string {
	if what := map[string]string{InputStore: "digicheck store", InputNDJSON: "NDJSON export", InputCSV: "CSV export"}[kind]; what != "" {
		return what
	}
	return kind
}

// aKind is a kind of input with its article: "a digicheck store", "an
// NDJSON export".
func aKind(kind string) string {
	what := kindWords(kind)
	if strings.ContainsRune("AEIOUaeiou", rune(what[0])) || kind == InputNDJSON {
		return "an " + what
	}
	return "a " + what
}

// coverageNote says each input's span when inputs cover different spans
// and some period is partial for it; "" otherwise.
func (s *Summary) coverageNote() string {
	short := false
	for k := range s.Periods {
		if len(s.uncovered(k)) > 0 {
			short = true
			break
		}
	}
	if !short {
		return ""
	}
	var spans []string
	for i, src := range s.Sources {
		if src.First != "" {
			spans = append(spans, fmt.Sprintf("%s %s to %s", s.inputName(i), src.First, src.Last))
		}
	}
	return "Inputs cover different spans (" + strings.Join(spans, ", ") + "): a period not covered by every input is partial, and its counts lack the data of those that do not cover it"
}
