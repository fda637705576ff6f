package prompt

import (
	"strings"
	"testing"
	"time"
)

// TestAnEmptyLineSoonAfterARefusalTakesLinesAgain: the refusal of a line
// typed at a terminal asks for an empty line. One typed a second later,
// within the hold, was refused as typed too soon, saying "Answer this
// question again", and the answer typed next was refused as lines still
// ignored: the clinician who did what each message said was refused
// twice, and told two things. The empty line is taken whenever it comes.
func TestAnEmptyLineSoonAfterARefusalTakesLinesAgain(t *testing.T) {
	const hold = 600 * time.Millisecond
	var out strings.Builder
	p := atTerminal(Options{}, []burst{
		{after: 100 * time.Millisecond, text: "z\n"},
		{after: hold / 2, text: "\n"},
		{after: hold + hold/3, text: "2\n"},
	}, &out, hold)
	i, err := p.choose("Which language?", languages)
	if err != nil || i != 1 {
		t.Fatalf("chose %d (%v), want 1, typed after the empty line:\n%s", i, err, out.String())
	}
	said := strings.Join(strings.Fields(out.String()), " ")
	if !strings.Contains(said, "Lines are taken again") {
		t.Errorf("the empty line did not take lines again:\n%s", out.String())
	}
	if strings.Contains(said, "Not used") {
		t.Errorf("a line was refused after the empty line the refusal asked for:\n%s", out.String())
	}
}

// TestALineTooSoonWhileLinesAreIgnoredSaysToPressEnterOnAnEmptyLine: a
// line typed within the hold while lines are ignored was told "Answer
// this question again", and the answer was then refused as lines being
// ignored. It is told what works: an empty line first.
func TestALineTooSoonWhileLinesAreIgnoredSaysToPressEnterOnAnEmptyLine(t *testing.T) {
	const hold = 600 * time.Millisecond
	var out strings.Builder
	p := atTerminal(Options{}, []burst{
		{after: 100 * time.Millisecond, text: "z\n"},
		{after: hold / 2, text: "1\n"},
		{after: 2 * hold, text: "\n"},
		{after: 2 * hold, text: "2\n"},
	}, &out, hold)
	if i, err := p.choose("Which language?", languages); err != nil || i != 1 {
		t.Fatalf("chose %d (%v), want 1:\n%s", i, err, out.String())
	}
	said := strings.Join(strings.Fields(out.String()), " ")
	if strings.Contains(said, "Answer this question again") {
		t.Errorf("told to answer again while lines were still ignored:\n%s", out.String())
	}
	if !strings.Contains(said, "nothing typed with it was used either. Press Enter on an empty line, then answer again.") {
		t.Errorf("the line typed too soon is not told to press Enter on an empty line:\n%s", out.String())
	}
}
