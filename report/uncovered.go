package report

import (
	"fmt"
	"slices"
	"time"

	"digicheck/questionnaire"
)

// UncoveredNote says, of a summary given no dates (the last whole period
// that has ended, Summary.LastWhole) whose inputs hold no assessment in
// that period or after it, that its counts are of no data: that no input
// covers the period (every input holding assessments was written, or
// exported for dates that end, before the period ended), or, of inputs
// read after it ended (a store, read as the summary is made), that none
// of their assessments is in it. Either way it gives the --from and --to
// of the last whole period the inputs do cover. "" otherwise, and for a
// span asked for.
//
// A team's export made to the end of October, summarised in December
// with no dates, counted November: a page of * and status 0, which read
// as a month of fewer than 10. That the inputs hold none of the period is
// no more than the summary's layout tells already (periods run from the
// first assessment read to the last, rule 6 of docs/disclosure.md, so the
// period has no row), and the period is named by its label, never by the
// day of the last assessment (one patient's).
func (s *Summary) UncoveredNote() string {
	if !s.LastWhole || s.DataTo.IsZero() || !s.DataTo.Before(s.From) {
		return ""
	}
	name := s.By.Name()
	span := fmt.Sprintf("%s to %s, the last whole %s, which a summary given no --from or --to counts",
		s.From.Format("2 Jan 2006"), s.To.Format("2 Jan 2006"), name)
	end := dayStart(s.To, s.loc).AddDate(0, 0, 1)
	held := PeriodStart(s.DataTo, s.By, s.loc)
	// The last whole period the inputs cover: the one holding their last
	// assessment, unless they were written before it ended.
	covered := held
	if nextPeriod(covered, s.By, s.loc).After(s.readAt) {
		covered = PeriodStart(covered.AddDate(0, 0, -1), s.By, s.loc)
	}
	coveredTo := nextPeriod(covered, s.By, s.loc).AddDate(0, 0, -1)
	ask := fmt.Sprintf("For the last whole %s they cover, give --from %s --to %s.",
		name, covered.Format(time.DateOnly), coveredTo.Format(time.DateOnly))
	before, beforeEnd := "were written before it began", "were written before it ended"
	if s.readCut {
		before, beforeEnd = "were exported for dates that end before it begins", "were exported for dates that end before it does"
	}
	switch {
	case !s.readAt.After(s.From):
		return fmt.Sprintf("No input covers %s: the inputs %s, so its counts are of no data, not of a %s with none or too few to show. %s",
			span, before, name, ask)
	case s.readAt.Before(end):
		return fmt.Sprintf("No input covers %s to its end: the inputs %s and hold none of its assessments, so its counts are of no data, not of a %s with none or too few to show. %s",
			span, beforeEnd, name, ask)
	}
	return fmt.Sprintf("None of the assessments read is in %s: the last of them is in the %s %s. If an input was copied or exported before the %s counted ended, its counts are of no data, not of a %s with none or too few to show. %s",
		span, name, PeriodLabel(held, s.By), name, name, ask)
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
