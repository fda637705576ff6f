package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"digicheck/questionnaire"
)

// UncoveredNote says, of a summary whose span no input covers from its
// start (an export made --from a day inside it: see notCoveredFromStart),
// that it does not; and of one whose span no input covers to its end,
// that it does not: the inputs were exported for dates that end, or were
// written (an export made, a store copied), before the span's last period
// ended, so the counts of the periods after that are of part of a period,
// or of no data, and are not to be published as whole periods'. It names
// the periods by their labels ("2026-11"), never a day (the day an export
// ends may be the day of its last assessment, one patient's), and says
// what to do: export again for dates to the period's end once it has
// ended, or give the --from and --to of the periods the inputs cover (or,
// where they cover none of the span, of the last whole period they do).
// "" otherwise: of inputs read after the span ended that hold none of it,
// NoneReadNote, which is not published.
//
// A team's export made to the end of October, summarised in December
// with no dates, counted November: a page of * and status 0, which read
// as a month of fewer than 10; one made on 15 November counted half of
// November as November, said only as "(partial)" in its period table;
// and the same with the dates given, which said nothing at all. That the
// inputs hold none of a period is no more than the summary's layout
// tells already (periods run from the first assessment read to the last,
// rule 6 of docs/disclosure.md, so the period has no row), and that they
// were exported for dates that end inside it says nothing of any patient.
func (s *Summary) UncoveredNote() string {
	if s.From.IsZero() || s.To.IsZero() {
		return ""
	}
	var said []string
	for _, n := range []string{s.notCoveredFromStart(), s.uncoveredEnd(), s.someShortOfEnd()} {
		if n != "" {
			said = append(said, n)
		}
	}
	return strings.Join(said, " ")
}

// someShortOfEnd is UncoveredNote of the span's periods that some inputs
// cover to their end and others do not (an export made for dates that end
// inside or before a period, or written before it ended, beside inputs
// written after), where the short inputs' teams are in no other input
// that covers them (shortInputs): their counts lack those teams'
// assessments after the short inputs end. Three teams' exports, one made
// for dates to 15 November, summarised for November, said so only as
// "(partial)" in the table of periods and "Inputs cover different spans",
// naming no period, where one input alone was said not to cover the
// month to its end. It names the inputs as a summary names them (by kind
// alone with disclosure control) and the periods by their labels, never
// a day, and says what to do: export that team again, or count the
// periods every input covers. "" when no period of the span is short of
// an input, or every input is (uncoveredEnd says that).
func (s *Summary) someShortOfEnd() string {
	name := s.By.Name()
	var first time.Time
	var short []int
	for k, p := range s.Periods {
		ps := PeriodStart(p.Start, s.By, s.loc)
		if ps.Before(PeriodStart(s.From, s.By, s.loc)) || ps.After(s.To) {
			continue
		}
		ins := s.shortInputs(k)
		if len(ins) == 0 {
			continue
		}
		if first.IsZero() {
			first = ps
		}
		for _, i := range ins {
			if !slices.Contains(short, i) {
				short = append(short, i)
			}
		}
	}
	if first.IsZero() {
		return ""
	}
	last := PeriodStart(dayStart(s.To, s.loc), s.By, s.loc)
	periods, its, it := PeriodLabel(first, s.By), "its", "it"
	if last.After(first) {
		periods += " to " + PeriodLabel(last, s.By)
		its, it = "their", PeriodLabel(first, s.By)
	}
	span := ""
	if s.LastWhole {
		span = fmt.Sprintf(", the last whole %s (%s to %s), which a summary given no --from or --to counts",
			name, s.From.Format("2 Jan 2006"), s.To.Format("2 Jan 2006"))
	}
	var why []string
	earliest := time.Time{}
	for _, i := range short {
		c := &s.covers[i]
		part := c.written.After(first)
		var end string
		switch {
		case c.cut && part:
			end = "was exported for dates that end inside " + it
		case c.cut:
			end = "was exported for dates that end before " + it + " begins"
		case part:
			end = "was written (an export made, or a store copied) before " + it + " ended"
		default:
			end = "was written (an export made, or a store copied) before " + it + " began"
		}
		what := s.inputName(i)
		if src := s.Sources[i]; src.First != "" {
			// Exact: the days of its assessments, as "Inputs cover
			// different spans" gives them (with disclosure control
			// inputName gives its place among the inputs instead).
			what += " (assessments " + spanWords(src.First, src.Last) + ")"
		}
		why = append(why, what+" "+end)
		if earliest.IsZero() || c.written.Before(earliest) {
			earliest = c.written
		}
	}
	whose, team := "that input's team's", "that team"
	if len(short) > 1 {
		whose, team = "those inputs' teams'", "those teams"
	}
	said := fmt.Sprintf("No input covers %s to %s end for every team%s: %s, so %s counts lack %s assessments after then, and are of part of the %s for %s, not of the whole %s they are shown as",
		periods, its, span, strings.Join(why, "; "), its, whose, name, team, name)
	// covered: the end of the last whole period every input covers.
	covered := PeriodStart(earliest, s.By, s.loc)
	coveredTo := covered.AddDate(0, 0, -1)
	var counts string
	if covered.After(s.From) {
		counts = fmt.Sprintf("give --from %s --to %s for the %ss every input covers", s.From.Format(time.DateOnly), coveredTo.Format(time.DateOnly), name)
	} else {
		counts = fmt.Sprintf("give --from %s --to %s for the last whole %s every input covers",
			PeriodStart(coveredTo, s.By, s.loc).Format(time.DateOnly), coveredTo.Format(time.DateOnly), name)
	}
	return fmt.Sprintf("%s. To count %s whole, export %s again for dates to %s, or %s.",
		said, periods, team, s.periodEndWords(last), counts)
}

// notCoveredFromStart is UncoveredNote of the span's periods that an
// input's export starts inside or after (its --from), its team's
// assessments before that in no input read (see startsAfter): "export
// --from 2026-11-10", summarised for November, counted two thirds of the
// month as the month, said only by "(partial)" in the table of periods.
// It names the periods by their labels, never the day the export starts
// (which may be the day of its first assessment, one patient's). ""
// where every input covers the span from its start.
func (s *Summary) notCoveredFromStart() string {
	name := s.By.Name()
	var first, last time.Time
	for k, p := range s.Periods {
		ps := PeriodStart(p.Start, s.By, s.loc)
		if ps.Before(PeriodStart(s.From, s.By, s.loc)) || ps.After(s.To) || len(s.startsAfter(k)) == 0 {
			continue
		}
		if first.IsZero() {
			first = ps
		}
		last = ps
	}
	if first.IsZero() {
		return ""
	}
	periods := PeriodLabel(first, s.By)
	said := fmt.Sprintf("No input covers %s from its start: an input was exported for dates that start after it begins, so its counts lack that input's team's assessments before then, and are of part of the %s only, not of the whole %s they are shown as", periods, name, name)
	if last.After(first) {
		periods += " to " + PeriodLabel(last, s.By)
		said = fmt.Sprintf("No input covers %s from their start: an input was exported for dates that start after %s begins, so their counts lack that input's team's assessments before then, and are of part of the %ss only, not of the whole %ss they are shown as", periods, PeriodLabel(last, s.By), name, name)
	}
	next := nextPeriod(last, s.By, s.loc)
	counts := ""
	if !next.After(s.To) {
		counts = fmt.Sprintf(", or give --from %s --to %s for the %ss the inputs cover from their start", next.Format(time.DateOnly), s.To.Format(time.DateOnly), name)
	}
	return fmt.Sprintf("%s. To count %s whole, export again for dates from %s%s.", said, periods, first.Format(time.DateOnly), counts)
}

// uncoveredEnd is UncoveredNote of the span's end.
func (s *Summary) uncoveredEnd() string {
	name := s.By.Name()
	span := ""
	if s.LastWhole {
		span = fmt.Sprintf(", the last whole %s (%s to %s), which a summary given no --from or --to counts",
			name, s.From.Format("2 Jan 2006"), s.To.Format("2 Jan 2006"))
	}
	end := dayStart(s.To, s.loc).AddDate(0, 0, 1)
	// The inputs' own time: a store read now is no input written before.
	// With --exact and no --to the span ends with the last assessment
	// read, in a period that may be under way (marked "not over yet"),
	// whatever the inputs were written for: none of it is uncovered.
	open := s.Exact && !s.toGiven && !s.LastWhole
	if !open && s.readAt.Before(end) && s.readAt.Before(s.made) {
		return s.notCoveredNote(span)
	}
	return ""
}

// NoneReadNote says, of a summary given no dates (Summary.LastWhole) whose
// inputs, read after the period ended (a store, read as the summary is
// made), hold no assessment in it or after it and are not said uncovered
// (UncoveredNote), that none of their assessments is in it, with the
// --from and --to of the last whole period that holds them; "" otherwise.
// It is for whoever runs the summary (standard error), never in what is
// published: given only where the inputs hold none of the period, it told
// a published page of a period of none from one of a few, which * (zero
// included) does not. With disclosure control it is not given at all:
// said on standard error alone, of a period of none and not of one of a
// few, a terminal showing the release beside it still told the two
// apart, and a period the inputs cover is laid out, all *, whether they
// hold any of it or not (Summary.coveredDays); --exact, whose counts
// show a period of none, gives it.
func (s *Summary) NoneReadNote() string {
	if !s.Exact || !s.LastWhole || s.DataTo.IsZero() || !s.DataTo.Before(s.From) || s.UncoveredNote() != "" {
		return ""
	}
	name := s.By.Name()
	span := fmt.Sprintf(", the last whole %s (%s to %s), which a summary given no --from or --to counts",
		name, s.From.Format("2 Jan 2006"), s.To.Format("2 Jan 2006"))
	held := PeriodStart(s.DataTo, s.By, s.loc)
	return fmt.Sprintf("None of the assessments read is in %s%s: the last of them is in the %s %s. If an input was copied or exported before the %s counted ended, its counts are of no data, not of a %s with none or too few to show. For the last whole %s they cover, give --from %s --to %s. The output does not say this: it says the same of a %s with none as of one with too few to show.",
		PeriodLabel(s.From, s.By), span, name, PeriodLabel(held, s.By), name, name, name,
		held.Format(time.DateOnly), nextPeriod(held, s.By, s.loc).AddDate(0, 0, -1).Format(time.DateOnly), name)
}

// notCoveredNote is UncoveredNote of inputs whose time (Summary.readAt:
// the end of the dates an export was made for, else when the last input
// was written) is before the span's end; span says which span it is, for
// a summary given no dates.
func (s *Summary) notCoveredNote(span string) string {
	name := s.By.Name()
	// covered: the end of the last whole period the inputs cover.
	covered := PeriodStart(s.readAt, s.By, s.loc)
	first := PeriodStart(s.From, s.By, s.loc)
	if covered.After(first) {
		first = covered
	}
	last := PeriodStart(dayStart(s.To, s.loc), s.By, s.loc)
	part := s.readAt.After(first) // the inputs end inside the first period not covered
	periods := PeriodLabel(first, s.By)
	if last.After(first) {
		periods += " to " + PeriodLabel(last, s.By)
	}
	var said, counts string
	switch {
	case part && last.After(first):
		said = fmt.Sprintf("No input covers %s to their end%s: the inputs %s, so the counts of %s are of part of the %s only, and those after it of no data, not of %ss with none or too few to show",
			periods, span, s.inputsEnd(true, PeriodLabel(first, s.By)), PeriodLabel(first, s.By), name, name)
	case part:
		said = fmt.Sprintf("No input covers %s to its end%s: the inputs %s, so its counts are of part of the %s only, not of the whole %s they are shown as",
			periods, span, s.inputsEnd(true, "it"), name, name)
	case last.After(first):
		said = fmt.Sprintf("No input covers %s%s: the inputs %s, so their counts are of no data, not of %ss with none or too few to show",
			periods, span, s.inputsEnd(false, PeriodLabel(first, s.By)), name)
	default:
		said = fmt.Sprintf("No input covers %s%s: the inputs %s, so its counts are of no data, not of a %s with none or too few to show",
			periods, span, s.inputsEnd(false, "it"), name)
	}
	again := "export again"
	if !s.readCut {
		again = "export again (or copy the store again)"
	}
	coveredTo := covered.AddDate(0, 0, -1)
	if covered.After(s.From) {
		counts = fmt.Sprintf("give --from %s --to %s for the %ss the inputs cover", s.From.Format(time.DateOnly), coveredTo.Format(time.DateOnly), name)
	} else {
		counts = fmt.Sprintf("give --from %s --to %s for the last whole %s they cover",
			PeriodStart(coveredTo, s.By, s.loc).Format(time.DateOnly), coveredTo.Format(time.DateOnly), name)
	}
	return fmt.Sprintf("%s. To count %s whole, %s for dates to %s, or %s.",
		said, periods, again, s.periodEndWords(last), counts)
}

// periodEndWords is the end of the period that starts at start, as an
// export's --to is given: "the end of 2026-11" of a month, quarter or
// financial year; of a week, labelled by its Monday, its last day,
// "2026-12-06 (the end of the week of 2026-11-30)": "the end of
// 2026-11-30" read as that Monday, and an export to it left the week
// short still.
func (s *Summary) periodEndWords(start time.Time) string {
	if s.By == Week {
		return fmt.Sprintf("%s (the end of the week of %s)", nextPeriod(start, s.By, s.loc).AddDate(0, 0, -1).Format(time.DateOnly), PeriodLabel(start, s.By))
	}
	return "the end of " + PeriodLabel(start, s.By)
}

// inputsEnd says how the inputs end, for UncoveredNote: inside period
// (part), or before it.
func (s *Summary) inputsEnd(part bool, period string) string {
	switch {
	case s.readCut && part:
		return "were exported for dates that end inside " + period
	case s.readCut:
		return "were exported for dates that end before " + period + " begins"
	case part:
		return "were written (an export made, or a store copied) before " + period + " ended"
	}
	return "were written (an export made, or a store copied) before " + period + " began"
}

// DistrictsNote says, under disclosure control, of a summary with rows by
// postcode district, what their layout tells: rule 6 lays out the
// districts named by the span's assessments (docs/disclosure.md), so a
// district without a row had none, which * (zero included) never says of
// a count, and one with a row had at least one. docs/disclosure.md said
// that "nobody in this category" cannot be read off a published table;
// of districts in a month it could. "" with exact counts (zeros are
// shown), or with no district's row.
func (s *Summary) DistrictsNote() string {
	if s.Exact || !slices.ContainsFunc(s.Cells, func(c Cell) bool {
		return c.Breakdown == questionnaire.LinkPostcodeDistrict && c.Group != NotAnswered
	}) {
		return ""
	}
	return fmt.Sprintf("Rows by postcode district are laid out for the districts named by the span's assessments (of every team counted, and with --team of the other teams too): a district without a row had none counted, though * says %s, zero included, and one with a row had at least one, whatever its counts show. Where that must not be told, leave the rows by postcode district out of what is published (docs/disclosure.md, rule 6).",
		s.hiddenRange())
}
