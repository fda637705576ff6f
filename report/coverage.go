package report

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"digicheck/questionnaire"
)

// Coverage. Inputs read together may have been written at different
// times: one team's export was written in July, another's at the end of
// April. May and June would count the second team as none, and a chart
// would show a fall that is only a file written before they ended. So a
// period that an input was written before the end of, while another
// input was written after it, is partial, naming the input: its counts
// are not set beside whole periods' (see partial). An export file
// covers what the span in its end mark says (ExportSpan): up to the end
// of the day its --to gave, or to when it was made; an export made before
// exports carried their span is taken as written when its modification
// time says (said in the output: Summary.Unspanned); a store is read as
// the summary is made.
//
// An input whose data only start later, or end sooner, does not make a
// period partial: a team that joined in May had no assessments in
// January, and a team whose one patient was seen in March had none in
// the other months. The month is whole; the trust's roll-out is what
// the chart shows. (Marking them partial left a trust of teams coming on
// board over the year with no run chart at all.) Each input's span is
// still said when some period is partial for it. An input whose every
// team is in another input that covers the period (an older copy beside
// the newer, a backup's export beside the store) leaves no team without
// data there, and marks nothing.

// cover is the span of one input's assessments (first versions, plausibly
// dated, any team), the teams (name numbers of the table counted by)
// that made them, and when the input was written (zero: read now).
type cover struct {
	first, last int64
	teams       []bool // by name number
	written     time.Time
	// cut: written is the end of the span its --to asked for, before
	// the export was made; from is the start of its span (zero: none
	// said, or not an export).
	cut  bool
	from time.Time
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

// lastWritten is when the last of the inputs that hold assessments was
// written: the end of an export's span (else its file's modification
// time), a store's reading (as the summary is made), at most when the
// summary is made; cut is whether that is the end of the span an
// export's --to asked for.
func (s *Summary) lastWritten(made time.Time) (last time.Time, cut bool) {
	for i := range s.covers {
		c := &s.covers[i]
		if !c.holds() {
			continue
		}
		if c.written.IsZero() {
			return made, false
		}
		if c.written.After(last) {
			last, cut = c.written, c.cut
		}
	}
	if last.IsZero() || last.After(made) {
		return made, false
	}
	return last, cut
}

// readTime is when the inputs were read, for a summary made at made
// (Summary.readAt): Options.ReadAt if given and earlier, else when the
// last input was written (lastWritten), at most made; cut as lastWritten
// says.
func (s *Summary) readTime(o Options, made time.Time) (at time.Time, cut bool) {
	switch {
	case !o.ReadAt.IsZero() && o.ReadAt.Before(made):
		return o.ReadAt, false
	case o.ReadAt.IsZero():
		return s.lastWritten(made)
	}
	return made, false
}

// exportsFrom is the first instant the inputs that hold assessments
// cover, when each is an export whose end mark says its span; zero
// otherwise.
func (s *Summary) exportsFrom() time.Time {
	var first time.Time
	for i := range s.covers {
		c := &s.covers[i]
		if !c.holds() {
			continue
		}
		if c.from.IsZero() {
			return time.Time{}
		}
		if first.IsZero() || c.from.Before(first) {
			first = c.from
		}
	}
	return first
}

// describeSpans gives each source the days of its first and last
// assessments, when more than one holds assessments (one input's span is
// the summary's), in an exact summary only. With disclosure control an
// input is never named by its assessments' months (docs/disclosure.md,
// rule 10): the month of a team's last assessment tells a month of none
// from a month of a few, and that of its first when its first patient
// came in; it is named by its kind and place among the inputs read
// (inputName).
func (s *Summary) describeSpans() {
	if !s.Exact {
		return
	}
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
		at := func(t int64) string { return time.Unix(t, 0).In(s.loc).Format(time.DateOnly) }
		s.Sources[i].First, s.Sources[i].Last = at(s.covers[i].first), at(s.covers[i].last)
	}
}

// uncovered says, for period k, each input that was written before it
// ended while another input was written after, and why ("not covered by
// district.csv, written before it ended"); none for a summary of one
// input.
func (s *Summary) uncovered(k int) []string {
	var why []string
	for _, i := range s.shortInputs(k) {
		if s.covers[i].cut {
			why = append(why, "not covered by "+s.inputName(i)+", exported for dates that end before it does")
		} else {
			why = append(why, "not covered by "+s.inputName(i)+", written before it ended")
		}
	}
	return why
}

// shortInputs are, for period k, the inputs holding assessments that were
// written (or exported for dates that end) before it ended while another
// input was written after, whose teams no such other input holds: their
// teams' assessments after then are in no input read. None for a
// summary of one input, or when every input is short of it (UncoveredNote
// says that).
func (s *Summary) shortInputs(k int) []int {
	var held []int
	for i := range s.covers {
		if s.covers[i].holds() {
			held = append(held, i)
		}
	}
	if len(held) < 2 || k >= len(s.Periods) {
		return nil
	}
	end := s.Periods[k].End
	short := func(c *cover) bool { return !c.written.IsZero() && c.written.Before(end) }
	if !slices.ContainsFunc(held, func(i int) bool { return !short(&s.covers[i]) }) {
		return nil // written before it ended, every one: not over yet (see partialWhy)
	}
	var out []int
	for _, i := range held {
		if !short(&s.covers[i]) {
			continue
		}
		excused := true
		for team, ok := range s.covers[i].teams {
			if !ok {
				continue
			}
			found := false
			for _, j := range held {
				if j != i && s.covers[j].has(team) && !short(&s.covers[j]) {
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
			out = append(out, i)
		}
	}
	return out
}

// startsAfter says, for period k, each input whose span (as its export's
// --from asked) starts after the period does, and why ("not covered by
// b.csv, exported for dates that start after it does"), whatever other
// inputs cover the period: that input's team's assessments before its
// --from are in no input read, and the period's counts lack them. An
// input whose every team is in another input that covers the start of
// the period (the team's earlier export, its store) leaves no team
// without data there, and marks nothing.
func (s *Summary) startsAfter(k int) []string {
	if k >= len(s.Periods) {
		return nil
	}
	start := PeriodStart(s.Periods[k].Start, s.By, s.loc)
	late := func(c *cover) bool { return !c.from.IsZero() && c.from.After(start) }
	var why []string
	for i := range s.covers {
		c := &s.covers[i]
		if !c.holds() || !late(c) {
			continue
		}
		excused := true
		for team, ok := range c.teams {
			if !ok {
				continue
			}
			found := false
			for j := range s.covers {
				o := &s.covers[j]
				if j != i && o.holds() && o.has(team) && !late(o) {
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
			why = append(why, "not covered by "+s.inputName(i)+", exported for dates that start after it does")
		}
	}
	return why
}

// inputName names input i where a period's partiality is said: with
// disclosure control by its kind and, of several, its place among the
// inputs read ("a CSV export (input 3 of 3)"), never its name, size or
// assessments' months (docs/disclosure.md, rule 10: a file's name may
// hold a patient's NHS number, its size is the count of a team left out
// as too few, and the month of its last assessment tells a team's month
// of none from a month of a few); exact, by its file's name (never its
// folder), or, in the board report, which carries no file's name, by its
// kind and size.
func (s *Summary) inputName(i int) string {
	src := s.Sources[i]
	if !s.Exact {
		return s.kindAndPlace(i)
	}
	if !s.unnamed {
		return questionnaire.Printable(filepath.Base(src.Name))
	}
	return fmt.Sprintf("the %s of %s", kindWords(src.Kind), recordsWord(src.Records))
}

// kindAndPlace is input i's kind, and, of several inputs, its place
// among them in the order read: "a CSV export (input 3 of 3)".
func (s *Summary) kindAndPlace(i int) string {
	what := aKind(s.Sources[i].Kind)
	if len(s.Sources) > 1 {
		what += fmt.Sprintf(" (input %d of %d)", i+1, len(s.Sources))
	}
	return what
}

// kindWords names a kind of input in words.
func kindWords(kind string) string {
	if what := kindNames[kind]; what != "" {
		return what
	}
	return kind
}

// kindNames are the kinds of input in words, one of each.
var kindNames = map[string]string{
	InputStore:   "digicheck store",
	InputNDJSON:  "NDJSON export",
	InputCSV:     "CSV export",
	InputSalvage: "file of records salvaged from a damaged store",
	InputServer:  "FHIR server",
}

// kindsWords is n inputs of a kind in words, without the number:
// "NDJSON exports", "files of records salvaged from a damaged store".
func kindsWords(kind string, n int) string {
	what := kindWords(kind)
	if n == 1 {
		return what
	}
	if first, rest, ok := strings.Cut(what, " of "); ok && kind == InputSalvage {
		return first + "s of " + rest
	}
	return what + "s"
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
	short, held := false, 0
	for i := range s.covers {
		if s.covers[i].holds() {
			held++
		}
	}
	for k := range s.Periods {
		if len(s.uncovered(k)) > 0 || held > 1 && len(s.startsAfter(k)) > 0 {
			short = true
			break
		}
	}
	if !short {
		return ""
	}
	// Each input's span in days, exact only: with disclosure control
	// its months would tell a team's month of none from one of a few
	// (describeSpans).
	var spans []string
	for i, src := range s.Sources {
		if src.First != "" {
			spans = append(spans, s.inputName(i)+" "+spanWords(src.First, src.Last))
		}
	}
	said := "Inputs cover different spans"
	if len(spans) > 0 {
		said += " (" + strings.Join(spans, ", ") + ")"
	}
	return said + ": a period that had not ended when an input was written, or had begun before the dates an input was exported for, is partial, and its counts lack that input's data of it"
}
