package prompt

import (
	"strings"
	"testing"

	"digicheck/assess"

	"github.com/charmbracelet/x/ansi"
)

// said is what the plain prompts write for s at a terminal of w columns.
func said(s string, w int, given string) string {
	var out strings.Builder
	p := &prompter{out: &out, fd: -1, outFd: -1}
	p.o.Width, p.o.Given = w, given
	p.say(s)
	return strings.TrimSuffix(out.String(), "\n")
}

// At 80 columns the plain prompts wrote "…not linked by a follow-" as a
// line of 81 columns, the hyphen past the edge, and the terminal put that
// hyphen alone on a line of its own: "follow" / "-" / "up". Wherever a
// hyphenated word falls against the edge, every line now fits: the word
// moves on whole, or is broken after its hyphen within the width.
func TestAHyphenatedWordAtTheEdgeKeepsItsLineWithinTheWidth(t *testing.T) {
	t.Parallel()
	const sentence = "This patient has 3 assessments that count, not linked by a follow-up; a long-term condition is not a well-known reason."
	for _, w := range []int{80, 40, 24} {
		for pad := 0; pad < w; pad++ {
			s := strings.Repeat("a", pad) + " " + sentence
			if pad == 0 {
				s = sentence
			}
			got := said(s, w, "")
			for _, l := range strings.Split(got, "\n") {
				if ansi.StringWidth(l) > w {
					t.Fatalf("at %d columns (%d letters before the sentence) a line of %d columns:\n%s", w, pad, ansi.StringWidth(l), got)
				}
				if strings.TrimSpace(l) == "-" {
					t.Fatalf("at %d columns (%d letters before the sentence) a hyphen alone on a line:\n%s", w, pad, got)
				}
			}
			joined := strings.Join(strings.Fields(strings.ReplaceAll(got, "-\n", "-")), " ")
			if joined != s {
				t.Fatalf("at %d columns (%d letters before the sentence) the words changed:\n%s\nwant\n%s", w, pad, joined, s)
			}
		}
	}
}

// The tester's own line: at 80 columns, "Not saved yet. This patient has 3
// assessments that count, not linked by a follow-up (see" put the hyphen
// of "follow-up" in the 81st column.
func TestNotSavedYetSeveralAssessmentsFitsEightyColumns(t *testing.T) {
	t.Parallel()
	s := "Not saved yet. This patient has 3 assessments that count, not linked by a follow-up (see digicheck history 9434765919); the latest was made 7 Dec 2026 at 08:21 (record 01a24f96)."
	got := said(s, 80, "")
	for _, l := range strings.Split(got, "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Errorf("a line of %d columns at 80:\n%s", ansi.StringWidth(l), got)
		}
	}
	if !strings.Contains(strings.ReplaceAll(got, "-\n", "-"), "follow-up") && !strings.Contains(got, "follow-\nup") {
		t.Errorf("\"follow-up\" is not whole, nor broken after its hyphen:\n%s", got)
	}
}

// A command too wide for the line goes on lines of its own, and the
// sentence round it was broken there: "not linked by a follow-up (see" /
// the command / "the latest was made …", its "(see" never closed (the ")"
// and ";" after the command dropped). The wrapped sentence now opens no
// bracket it does not close, and says every word of it but the brackets'.
func TestACommandOnLinesOfItsOwnLeavesNoBracketOpen(t *testing.T) {
	t.Parallel()
	const given = " --db '/tmp/ward-stores/North-East Locality Team/store.db'" +
		" --config '/tmp/site settings/ward-7b config.toml'"
	history := assess.Command(given, "history", "9434765919")
	followup := assess.Command(given, "followup", "9434765919")
	for _, s := range []string{
		"Not saved yet. This patient has 3 assessments that count, not linked by a follow-up (see " + history + "); the latest was made 7 Dec 2026 at 08:21 (record 01a24f96).",
		"Patient 943 476 5919 has 3 assessments that count, none a follow-up of another: this uses the latest made, record 01a24f96, made on 7 Dec 2026 by Dr A (see them all with " + history + ").",
		"This patient was assessed 7 Dec 2026 at 08:21 (record 01a24f96): to record how its referrals went, follow it up instead (" + followup + ").",
	} {
		for _, w := range []int{80, 60} {
			got := said(s, w, given)
			if !strings.Contains(got, "\n  digicheck ") {
				t.Fatalf("at %d columns the command is not on lines of its own (nothing to check):\n%s", w, got)
			}
			if o, c := strings.Count(got, "("), strings.Count(got, ")"); o != c {
				t.Errorf("at %d columns %d brackets opened and %d closed:\n%s", w, o, c, got)
			}
			for _, l := range strings.Split(got, "\n") {
				if ansi.StringWidth(l) > w {
					t.Errorf("at %d columns a line of %d columns:\n%s", w, ansi.StringWidth(l), got)
				}
			}
			words := func(s string) []string {
				return strings.FieldsFunc(strings.NewReplacer(" \\\n", " ", "-\n", "-").Replace(s), func(r rune) bool { return strings.ContainsRune(" \n();:,.", r) })
			}
			if a, b := strings.Join(words(got), " "), strings.Join(words(s), " "); !strings.EqualFold(a, b) {
				t.Errorf("at %d columns the words are not the sentence's:\n%s\nwant\n%s", w, a, b)
			}
		}
	}
}
