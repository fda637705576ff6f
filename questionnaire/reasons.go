package questionnaire

import (
	"fmt"
	"slices"
	"strings"
)

// BandReason says which answers put a domain in its band: every answer of
// the domain that added to its score, in the instrument's words, with the
// score and the band's thresholds. A domain with no barrier has no
// answers to name.
func (ins *Instrument) BandReason(a Answers, d Domain) string {
	parts, score := ins.bandAnswers(a, d)
	t := ins.Bands[d]
	band := t.Band(score)
	if band == NoBarrier {
		return fmt.Sprintf("score %d (some barrier from %d)", score, t.Some)
	}
	return fmt.Sprintf("%s (score %d; %s from %d)", strings.Join(parts, "; "), score, band, thresholdOf(t, band))
}

// BandAnswers is the answers that added to a domain's score, in the
// instrument's words, for a line too short for the whole reason.
func (ins *Instrument) BandAnswers(a Answers, d Domain) []string {
	parts, _ := ins.bandAnswers(a, d)
	return parts
}

func (ins *Instrument) bandAnswers(a Answers, d Domain) ([]string, int) {
	var parts []string
	score := 0
	for _, it := range ins.Items() {
		if it.Domain != d || !it.Enabled(a) {
			continue
		}
		s := itemScoreIn(it, a)
		score += s
		if s > 0 {
			parts = append(parts, answerWords(it, a))
		}
	}
	return parts, score
}

func thresholdOf(t Thresholds, b Band) int {
	if b == SignificantBarrier {
		return t.Significant
	}
	return t.Some
}

// answerWords is an item's answer as the patient gave it: the options
// chosen, or for a list of tasks scored by what was not chosen, the tasks
// the patient cannot do.
// A task the patient lacks the device for is not among them (Option.Needs).
func answerWords(it *Item, a Answers) string {
	values := a[it.LinkID]
	var words []string
	if it.Type == MultiChoice && it.Scoring == ScoreUnselected {
		scored := 0
		var left []string
		for _, o := range it.Options {
			switch {
			case o.Score > 0 && o.unscored(a):
				left = append(left, lowerFirst(o.Text))
			case o.Score > 0:
				scored++
				if !slices.Contains(values, o.Code) {
					words = append(words, lowerFirst(o.Text))
				}
			}
		}
		if len(words) == scored {
			// The question lists every task: where one is not counted
			// (texting, with no mobile of their own), the count says so,
			// or "none of the 5" reads wrong beside a list of 6.
			if len(left) > 0 {
				return fmt.Sprintf("can do none of the %d counted on their own (not counted, as it needs a device they do not have: %s)",
					scored, strings.Join(left, ", "))
			}
			return fmt.Sprintf("can do none of the %d on their own", scored)
		}
		return "cannot: " + strings.Join(words, ", ")
	}
	// A choice, or a list scored by its best answer: the answer that set
	// the score (a basic mobile beside a shared device scores as shared).
	score := ItemScore(it, values)
	for _, v := range values {
		if o, ok := it.Option(v); ok && o.Score == score {
			words = append(words, o.Text)
		}
	}
	return strings.Join(words, ", ")
}
