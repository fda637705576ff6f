package questionnaire

import (
	"slices"
	"strings"
)

// NotAsked is how an item with no answer reads: it was not asked (its
// condition did not hold, or its optional section was skipped) or it was
// passed over. It is never an answer of its own.
const NotAsked = "Not asked"

// Chosen is the options an answer picked, in the order the instrument offers
// them (not the order they were ticked, so the same answers always read and
// export the same way), then any codes the item does not offer, as they
// are: a record kept by another build must still show what it holds.
func (it *Item) Chosen(values []string) (chosen []Option, unknown []string) {
	for _, o := range it.Options {
		if slices.Contains(values, o.Code) {
			chosen = append(chosen, o)
		}
	}
	for _, v := range values {
		if _, ok := it.Option(v); !ok {
			unknown = append(unknown, v)
		}
	}
	return chosen, unknown
}

// AnswerText is an answer in the instrument's words, as every view of a
// record shows it: free text as typed; a choice as its option's text
// ("Prefer not to say" and "Not stated" read as the instrument words
// them); several choices parted by "; "; and no answer as NotAsked.
// Control characters are shown as escapes, never sent on, and so is a
// character that draws nothing in what a record keeps as typed
// (PrintableTyped): a language an earlier build kept with a Hangul filler
// printed blank in show and as its code in push's conflicts view.
func (it *Item) AnswerText(values []string) string {
	if len(values) == 0 {
		return NotAsked
	}
	if it.Type == Text {
		return PrintableTyped(strings.Join(values, ""))
	}
	chosen, unknown := it.Chosen(values)
	words := make([]string, 0, len(values))
	for _, o := range chosen {
		words = append(words, o.Text)
	}
	for _, v := range unknown {
		words = append(words, PrintableTyped(v))
	}
	return strings.Join(words, "; ")
}
