package fhir

import (
	"fmt"
	"io"
	"strings"

	"digicheck/questionnaire"
	"digicheck/record"
)

// QuestionnaireText writes the instrument as plain text for a QI team to
// review: every question numbered in the order asked with its linkId, type,
// whether it must be answered and when it is asked, the clinician's hint,
// every answer with its code and score, and how each domain's score is
// banded. It is written from the same data the program asks from, so a
// review of this text is a review of what clinicians see.
func QuestionnaireText(w io.Writer, ins *questionnaire.Instrument) error {
	if ins == nil {
		return fmt.Errorf("%w: no instrument", ErrInstrument)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\nVersion %s  (%s|%s)\n\n", ins.Title, ins.Version, ins.URL, ins.Version)
	b.WriteString(record.Wrap(description, "", "", 76))
	b.WriteString("\nCodes are the answer codes kept in records and exports. A score is an\n" +
		"answer's contribution to its domain's score; a higher score is more of a\n" +
		"barrier. Hints are for the clinician and are not read out.\n")

	n := 0
	for si := range ins.Sections {
		s := &ins.Sections[si]
		fmt.Fprintf(&b, "\n%s  [%s]", strings.ToUpper(s.Title), s.ID)
		if s.Optional {
			b.WriteString("  optional section: may be skipped as a whole")
		}
		b.WriteString("\n")
		if s.Intro != "" {
			b.WriteString(record.Wrap(s.Intro, "", "", 76))
		}
		for ii := range s.Items {
			it := &s.Items[ii]
			n++
			num := fmt.Sprintf("%d. ", n)
			ind := strings.Repeat(" ", len(num))
			b.WriteString("\n")
			b.WriteString(record.Wrap(it.Text, num, ind, 76))
			fmt.Fprintf(&b, "%slinkId %s; %s; %s\n", ind, it.LinkID, typeText(it), requiredText(s, it))
			if c := it.EnableWhen; c != nil {
				when := fmt.Sprintf("Asked only when the answer to %s includes %s", c.LinkID, c.Code)
				if dep, ok := ins.Item(c.LinkID); ok {
					if o, ok := dep.Option(c.Code); ok {
						when += " (" + o.Text + ")"
					}
				}
				b.WriteString(record.Wrap(when+".", ind, ind+"  ", 76))
			}
			if it.Domain != "" {
				fmt.Fprintf(&b, "%sScored for %s: %s.\n", ind, it.Domain.Title(), scoringText(it))
			}
			if it.Hint != "" {
				b.WriteString(record.Wrap("Hint: "+it.Hint, ind, ind+"  ", 76))
			}
			if len(it.Options) > 0 {
				fmt.Fprintf(&b, "%sAnswers (code, text):\n", ind)
			}
			width := 0
			for _, o := range it.Options {
				width = max(width, len(o.Code))
			}
			for _, o := range it.Options {
				line := fmt.Sprintf("%s  %-*s  %s", ind, width, o.Code, o.Text)
				var notes []string
				if it.Domain != "" {
					notes = append(notes, fmt.Sprintf("score %d", o.Score))
				}
				if o.Exclusive && it.Type == questionnaire.MultiChoice {
					notes = append(notes, "only on its own")
				}
				if len(notes) > 0 {
					line += "  (" + strings.Join(notes, "; ") + ")"
				}
				b.WriteString(line + "\n")
			}
		}
	}

	b.WriteString("\nBANDS\n")
	b.WriteString(record.Wrap("Each domain's score is the sum of its questions' scores, and each "+
		"domain is banded on its own; there is no total. No barrier: nothing in the answers "+
		"stands in the way in this domain, and no support is offered for it. Some barrier: "+
		"support programmes that help with the domain are offered, when the patient is "+
		"eligible. Significant barrier: programmes are offered too, and a significant trust "+
		"barrier rules out the NHS App while a significant motivation barrier puts "+
		"non-digital routes first; the result's reasons say which answers led there.", "", "", 76))
	for _, d := range questionnaire.Domains {
		t, ok := ins.Bands[d]
		if !ok {
			return fmt.Errorf("%w: no band thresholds for %s", ErrInstrument, d)
		}
		top := maxScore(ins, d)
		fmt.Fprintf(&b, "\n%s (score 0 to %d, from %s)\n", d.Title(), top, strings.Join(domainItems(ins, d), ", "))
		fmt.Fprintf(&b, "  %-20s %s\n", questionnaire.NoBarrier.String(), scoreRange(0, t.Some-1, top))
		fmt.Fprintf(&b, "  %-20s %s\n", questionnaire.SomeBarrier.String(), scoreRange(t.Some, t.Significant-1, top))
		fmt.Fprintf(&b, "  %-20s %s\n", questionnaire.SignificantBarrier.String(), scoreRange(t.Significant, top, top))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func typeText(it *questionnaire.Item) string {
	switch it.Type {
	case questionnaire.Choice:
		return "choose one"
	case questionnaire.MultiChoice:
		return "choose all that apply"
	case questionnaire.Text:
		if it.MaxLen > 0 {
			return fmt.Sprintf("text, at most %d characters", it.MaxLen)
		}
		return "text"
	}
	return string(it.Type)
}

func requiredText(s *questionnaire.Section, it *questionnaire.Item) string {
	if it.Required && !s.Optional {
		return "must be answered"
	}
	return "may be skipped"
}

func scoringText(it *questionnaire.Item) string {
	switch {
	case it.Type == questionnaire.Choice:
		return "the score of the answer chosen"
	case it.Scoring == questionnaire.ScoreUnselected:
		return "the scores of the answers NOT chosen added up"
	default:
		return "the lowest score of the answers chosen"
	}
}

// maxScore is the highest score a domain can reach, so the bands can be
// read as ranges. Any single answer is a valid selection, so an item's
// highest score is found by trying each answer alone: for a "not chosen"
// item, choosing only the lowest-scoring answer leaves the most unchosen.
func maxScore(ins *questionnaire.Instrument, d questionnaire.Domain) int {
	total := 0
	for _, it := range ins.Items() {
		if it.Domain != d {
			continue
		}
		best := 0
		for _, o := range it.Options {
			best = max(best, questionnaire.ItemScore(it, []string{o.Code}))
		}
		total += best
	}
	return total
}

func domainItems(ins *questionnaire.Instrument, d questionnaire.Domain) []string {
	var out []string
	for _, it := range ins.Items() {
		if it.Domain == d {
			out = append(out, it.LinkID)
		}
	}
	return out
}

// scoreRange writes lo..hi within 0..top, or says no score falls in it.
func scoreRange(lo, hi, top int) string {
	lo, hi = max(lo, 0), min(hi, top)
	switch {
	case lo > hi:
		return "no score falls in this band"
	case lo == hi:
		return fmt.Sprintf("score %d", lo)
	case hi == top && lo > 0:
		return fmt.Sprintf("score %d or more (up to %d)", lo, top)
	}
	return fmt.Sprintf("score %d to %d", lo, hi)
}
