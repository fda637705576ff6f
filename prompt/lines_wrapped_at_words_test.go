package prompt

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"digicheck/record"
)

// TestPlainPromptsWrapTheirLinesAtWordsToTheWidth: the plain prompts wrote
// each message as one long line and a terminal of 80 columns split its
// words ("Type b to go back to the last ques / tion"). At 80 and at 40
// columns every line is now broken between words: the words are those of
// the unwrapped output, in order, none cut, and no line is wider than the
// width unless it is one word. The note for the patient record is wrapped
// too, and written whole only when piped, for pasting.
func TestPlainPromptsWrapTheirLinesAtWordsToTheWidth(t *testing.T) {
	t.Parallel()
	n := len(expectedResult(t).Recommendation.Referrals)
	in := "b\n" + script + consentLines(n) // b at the first question: a message
	var note string
	run := func(width int) string {
		var s saver
		var out strings.Builder
		o := options(&s)
		o.Width = width
		if _, err := Run(o, strings.NewReader(in), &out); err != nil {
			t.Fatalf("run at width %d: %v\n%s", width, err, out.String())
		}
		if len(s.saved) != 1 {
			t.Fatalf("saved %d records at width %d, want 1", len(s.saved), width)
		}
		note = strings.TrimRight(record.NoteWith(s.saved[0], record.NoteOptions{}), "\n")
		return out.String()
	}
	whole := run(0)
	if !strings.Contains(whole, "This is the first question.") {
		t.Fatalf("no message for b at the first question:\n%s", whole)
	}
	long := 0
	for _, l := range strings.Split(whole, "\n") {
		long = max(long, ansi.StringWidth(l))
	}
	if long <= 80 {
		t.Fatalf("no line of the unwrapped output is wider than 80 columns (widest %d): nothing to wrap", long)
	}
	if !strings.Contains(whole, note) {
		t.Errorf("piped, the note for the patient record is not written whole")
	}
	// A line may be broken after a hyphen ("long-" / "term", under the
	// line's indent): the word is whole.
	afterHyphen := regexp.MustCompile(`-\n *`)
	words := func(s string) string { return strings.Join(strings.Fields(afterHyphen.ReplaceAllString(s, "-")), " ") }
	// A prompt is followed on its line by the answer typed (echoed here,
	// as it came from a pipe): the prompt is what must fit.
	fits := func(l string, width int) bool {
		if ansi.StringWidth(l) <= width || len(strings.Fields(l)) < 2 || strings.Contains(note, l) {
			return true
		}
		i := strings.LastIndex(l, ": ")
		return i >= 0 && ansi.StringWidth(l[:i+1]) <= width
	}
	for _, width := range []int{80, 40} {
		got := run(width)
		if words(whole) != words(got) {
			t.Errorf("at %d columns the words are not those of the unwrapped output: a word was split or changed", width)
		}
		for _, l := range strings.Split(got, "\n") {
			if !fits(l, width) {
				t.Errorf("at %d columns a line of %d columns:\n%s", width, ansi.StringWidth(l), l)
			}
		}
		// The note is wrapped too, at a terminal; piped, it is whole
		// (TestTheNoteIsWrappedAtWordsAtATerminalAndWrittenWholeWhenPiped).
		if width == 80 && strings.Contains(got, note) {
			t.Errorf("at %d columns the note for the patient record is not wrapped", width)
		}
	}
}
