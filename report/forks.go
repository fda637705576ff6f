package report

import (
	"fmt"
	"strings"
)

// ForkNote says, in the output, that assessments in the span were amended
// differently in different inputs and how each was counted; "" for none.
// With disclosure control it does not say how many (docs/disclosure.md:
// the number tells what a team's inputs share); --exact gives the number,
// and standard error names each (ForkWarnings).
func (s *Summary) ForkNote() string {
	n, untold := 0, 0
	for _, f := range s.Forks {
		if !f.inSpan {
			continue
		}
		n++
		if f.Untold {
			untold++
		}
	}
	// Which was made last is claimed only where the inputs tell it: an
	// export that keeps only the day (or minute) of two versions made
	// that day cannot, and its pseudonymous ids give no order.
	last := "as the version made last"
	if untold > 0 {
		last = "as the version made last where the inputs tell it (see the warnings)"
	}
	switch {
	case n == 0:
		return ""
	case !s.Exact:
		return "Some assessments had been amended differently in different inputs; each was counted once, " + last + ", or not at all when any input marks it entered in error."
	case n == 1:
		return "1 assessment had been amended differently in different inputs; it was counted once, " + last + ", or not at all when any input marks it entered in error."
	}
	return fmt.Sprintf("%s assessments had been amended differently in different inputs; each was counted once, %s, or not at all when any input marks it entered in error.", thousands(n), last)
}

// ForkWarnings name each assessment amended differently in different
// inputs: its versions, where each was read, and which was counted, for
// whoever runs the summary to reconcile the copies.
func (s *Summary) ForkWarnings() []string {
	var out []string
	for _, f := range s.Forks {
		var vs []string
		for _, v := range f.Versions {
			what := ""
			if v.Void {
				what = ", entered in error"
			}
			vs = append(vs, fmt.Sprintf("%s (%s%s)", v.ID, v.Where, what))
		}
		w := fmt.Sprintf("assessment %s has %d current versions, amended differently in different inputs: %s; ",
			f.Assessment, len(f.Versions), strings.Join(vs, "; "))
		switch {
		case f.Void:
			w += fmt.Sprintf("%s is entered in error, so the assessment is not counted", f.Counted)
		case f.Untold && storeIDs(f):
			// Stores (and identifiable exports) keep their times to the
			// second: two copies amended within one second tie. Their
			// ids are a store's (UUIDv7), ordered by when each version
			// was started, which breaks the tie; summarising the
			// stores, the advice given for exports, was what was done.
			w += fmt.Sprintf("counted once, as %s, the one started last: both were saved within the same second, which is as exactly as these inputs give their times, so which was saved last cannot be told from them; check both (digicheck show ID, with the store that holds each) and amend the one that should stand", f.Counted)
		case f.Untold:
			w += fmt.Sprintf("counted once, as %s; which was made last cannot be told, as these inputs give them the same time (a pseudonymised export keeps only the day by default): summarise the stores or identifiable exports, or exports with export_time_precision = \"exact\", to count the one made last", f.Counted)
		default:
			w += fmt.Sprintf("counted once, as %s, the one made last", f.Counted)
		}
		out = append(out, w)
	}
	return out
}

// storeIDs reports whether every version of f carries a store's own id
// (UUIDv7), as stores and identifiable exports give them, never a
// pseudonymised export's (UUIDv8).
func storeIDs(f Fork) bool {
	for _, v := range f.Versions {
		if v.ID.Version() != 7 {
			return false
		}
	}
	return len(f.Versions) > 0
}
