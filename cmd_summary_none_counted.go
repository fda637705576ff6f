package main

import (
	"fmt"
	"slices"
	"strings"

	"digicheck/questionnaire"
	"digicheck/report"
)

// noneCountedNote is the note on standard error for a summary that
// counted no assessment, whose CSV or JSON a script reads without a word:
// that the inputs hold none in the period and teams asked for, or, when
// disclosure control left out every team read as too few to show (rule
// 10), that, naming them as the output does. "The inputs hold none" was
// said of a team's 9 assessments in May, which a QI lead took for an
// empty export or the wrong file. Whether a team left out had any is not
// said: its own summary shows "*", zero included.
func noneCountedNote(s *report.Summary) string {
	left := slices.Clone(s.TeamsLeftOut)
	for _, ts := range s.TeamsLeftOutIn {
		for _, t := range ts {
			if !slices.Contains(left, t) {
				left = append(left, t)
			}
		}
	}
	// Inputs that hold no assessment in the span hold none of any team's,
	// whichever teams the inputs know (named as left out, rule 10); but
	// with disclosure control, a span the inputs cover (its periods laid
	// out) is said of alike whether they hold none of it or a few: said
	// otherwise, standard error told a period of none from one of a few.
	held := !s.DataFrom.IsZero() && !s.DataTo.Before(s.From) && !s.DataFrom.After(s.To) || !s.Exact && len(s.Periods) > 0
	if !held {
		left = nil
	}
	if len(left) == 0 && s.LastWhole {
		// No period was asked for: "the period asked for" sent a QI
		// lead looking for the dates they had not given.
		return fmt.Sprintf("note: no assessments were counted: the inputs hold none in the last whole %s, %s to %s, which a summary given no --from or --to counts; give --from and --to for another span",
			s.By.Name(), s.From.Format("2 Jan 2006"), s.To.Format("2 Jan 2006"))
	}
	if len(left) == 0 {
		return "note: no assessments were counted: the inputs hold none in the period and teams asked for"
	}
	slices.Sort(left)
	for i := range left {
		left[i] = questionnaire.Printable(left[i])
	}
	span := "the period asked for"
	if s.LastWhole {
		span = fmt.Sprintf("the last whole %s, %s to %s, which a summary given no --from or --to counts", s.By.Name(), s.From.Format("2 Jan 2006"), s.To.Format("2 Jan 2006"))
	}
	note := "note: no assessments were counted: disclosure control left out every team read, as too few to show in " + span + " (rule 10 in docs/disclosure.md; the output says so): " + strings.Join(left, "; ")
	if s.LastWhole {
		note += "; give --from and --to for another span"
	}
	return note
}
