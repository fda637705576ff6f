package prompt

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"digicheck/record"
)

// TestTheNoteIsWrappedAtWordsAtATerminalAndWrittenWholeWhenPiped: the
// plain prompts wrote the note for the patient record unwrapped, so at a
// terminal of 80 columns its long lines were cut by the terminal mid-word
// ("by pho" / "ne or in person", "Abili" / "tyNet"), and a screen reader
// reading by line said the halves. At a terminal the note's lines are now
// broken between words, an entry of a list ("- ...") going on under its
// text; piped (or to a file), where it is for pasting into the record, it
// is written whole, as saved.
func TestTheNoteIsWrappedAtWordsAtATerminalAndWrittenWholeWhenPiped(t *testing.T) {
	t.Parallel()
	n := len(expectedResult(t).Recommendation.Referrals)
	in := script + consentLines(n)
	run := func(width int) (string, string) {
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
		return out.String(), strings.TrimRight(record.NoteWith(s.saved[0], record.NoteOptions{}), "\n")
	}
	noteOf := func(out string) string {
		_, after, ok := strings.Cut(out, "Note for the patient record:\n")
		if !ok {
			t.Fatalf("no note in the output:\n%s", out)
		}
		note, _, _ := strings.Cut(after, "\nRecord id:")
		return note
	}
	piped, note := run(0)
	if !strings.Contains(piped, note) {
		t.Fatalf("piped, the note is not written whole, as saved:\n%s", piped)
	}
	long := 0
	for _, l := range strings.Split(note, "\n") {
		long = max(long, ansi.StringWidth(l))
	}
	if long <= 80 {
		t.Fatalf("no line of the note is wider than 80 columns (widest %d): nothing to wrap", long)
	}
	for _, width := range []int{80, 40} {
		out, _ := run(width)
		got := noteOf(out)
		if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(noteOf(piped)), " ") {
			t.Errorf("at %d columns the note's words are not those saved:\n%s", width, got)
		}
		for _, l := range strings.Split(got, "\n") {
			if ansi.StringWidth(l) > width && len(strings.Fields(l)) > 1 {
				t.Errorf("at %d columns a line of the note is %d wide, cut by the terminal mid-word:\n%s", width, ansi.StringWidth(l), l)
			}
		}
		// An entry of a list goes on under its text, not at column 0
		// where it would read as an entry of its own.
		lines := strings.Split(got, "\n")
		for i := 1; i < len(lines); i++ {
			if strings.HasPrefix(lines[i-1], "- ") && lines[i] != "" && !strings.HasPrefix(lines[i], "- ") &&
				!strings.HasPrefix(lines[i], "  ") && strings.Contains(noteOf(piped), lines[i-1]+" "+strings.TrimSpace(lines[i])) {
				t.Errorf("at %d columns an entry goes on at column 0:\n%s\n%s", width, lines[i-1], lines[i])
			}
		}
	}
}
