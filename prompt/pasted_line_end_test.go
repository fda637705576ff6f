package prompt

import (
	"strings"
	"testing"
	"time"
)

// TestALinePastedWithWindowsLineEndsAnswersNoQuestionAfterIt: an unmarked
// paste "Tigrinya\r\n1\r" at the other language: the line was taken, and
// the pasted 1 answered "Do you need letters written in your own
// language?" (Yes), never asked. A line the prompts' own editor read
// ending CR LF (marked "\r\n") is refused, and the lines pasted after it
// are not used, until an empty line says the refusal was read, as the full
// screen refuses a line feed in text.
func TestALinePastedWithWindowsLineEndsAnswersNoQuestionAfterIt(t *testing.T) {
	var out strings.Builder
	p := atTerminal(Options{}, []burst{
		{after: 100 * time.Millisecond, text: "Tigrinya\r\n1\n"},
		{after: 300 * time.Millisecond, text: "\n"},
		{after: 300 * time.Millisecond, text: "Tigrinya\n"},
		{after: 300 * time.Millisecond, text: "2\n"},
	}, &out, 0)
	p.echoes = true // the prompts' own line editor reads the terminal
	s, err := p.text("What is the other language?", "")
	if err != nil || s != "Tigrinya" {
		t.Fatalf("read %q, %v:\n%s", s, err, out.String())
	}
	i, err := p.choose("Do you need letters written in your own language?", []string{"Yes", "No"})
	if err != nil || i != 1 {
		t.Fatalf("translated letters: %d, %v; want No, typed for it, not the pasted 1:\n%s", i, err, out.String())
	}
	said := strings.Join(strings.Fields(out.String()), " ")
	for _, want := range []string{"Not accepted: this line ended with a Windows line end (CR LF)", "until you press Enter on an empty line", "Keys typed after the answer not taken were ignored"} {
		if !strings.Contains(said, want) {
			t.Errorf("the prompts do not say %q:\n%s", want, out.String())
		}
	}
}

// TestALineEndingCRLFFromAFileIsAnAnswer: answers kept in a file saved on
// Windows end their lines CR LF: read from a file, or at a terminal the
// prompts do not read themselves, every line is an answer as before.
func TestALineEndingCRLFFromAFileIsAnAnswer(t *testing.T) {
	var out strings.Builder
	p := atTerminal(Options{}, []burst{{after: 100 * time.Millisecond, text: "Tigrinya\r\n1\r\n"}}, &out, 0)
	s, err := p.text("What is the other language?", "")
	if err != nil || s != "Tigrinya" {
		t.Fatalf("read %q, %v:\n%s", s, err, out.String())
	}
	if i, err := p.choose("Do you need letters written in your own language?", []string{"Yes", "No"}); err != nil || i != 0 {
		t.Fatalf("translated letters: %d, %v:\n%s", i, err, out.String())
	}
}
