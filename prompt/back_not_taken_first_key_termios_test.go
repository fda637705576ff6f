//go:build linux || darwin

package prompt

import (
	"bufio"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/questionnaire"
)

// TestALineBegunJustAfterABackThatCannotGoBackIsNotUsedWhenItsEnterComesLater:
// at the prompts' own line editor, b on the first question of a draft
// resumed at an unanswered question, an empty line straight after it
// (lines are taken again), then a 3 typed 0.8 s after the b and left on
// the line, sent by an Enter 2.5 s after the b: the line was begun before
// the refusal could be read, and is judged by its first key, as every
// line is at the plain prompts. It is not used; a 3 begun once the hold
// is over answers the question.
func TestALineBegunJustAfterABackThatCannotGoBackIsNotUsedWhenItsEnterComesLater(t *testing.T) {
	t.Parallel()
	b := 1500 * time.Millisecond
	for _, c := range []struct {
		name string
		keys []key
		used bool
	}{
		{"3 at 0.8 s after b, Enter at 2.5 s", []key{{b, "b\r"}, {b + 300*time.Millisecond, "\r"}, {b + 800*time.Millisecond, "3"}, {b + 2500*time.Millisecond, "\r"}}, false},
		{"3 and Enter at 2.5 s after b", []key{{b, "b\r"}, {b + 300*time.Millisecond, "\r"}, {b + 2500*time.Millisecond, "3\r"}}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := resumedWith(t, questionnaire.Answers{
				questionnaire.LinkDevices:  {questionnaire.DevSmartphone},
				questionnaire.LinkInternet: {questionnaire.NetHome},
				questionnaire.LinkAfford:   {"sometimes"},
			}, "skills")
			var out strings.Builder
			p := heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National}, nil, &out)
			p.o.Keep = func(*assess.Draft) error { return nil }
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { r.Close() })
			e := &lineEditor{fd: int(r.Fd()), out: &out}
			p.in, p.editor, p.echoes, p.fd = bufio.NewReader(e), e, true, int(r.Fd())
			start := time.Now()
			go func() {
				defer w.Close()
				for _, k := range c.keys {
					time.Sleep(time.Until(start.Add(k.at)))
					if _, err := w.WriteString(k.text); err != nil {
						return
					}
				}
			}()
			if _, err := p.assessment(s); !errors.Is(err, ErrEndOfInput) {
				t.Fatalf("assessment: %v, want the end of the keys\n%s", err, out.String())
			}
			said := flatOut(&out)
			if !strings.Contains(said, "This is the first question since resuming.") {
				t.Fatalf("b on the first question since resuming was not refused:\n%s", out.String())
			}
			got := s.Answers()[questionnaire.LinkTasks]
			if !c.used {
				if len(got) != 0 {
					t.Fatalf("the 3 begun 0.8 s after b answered the tasks %q:\n%s", got, out.String())
				}
				if !strings.Contains(said, heldAfterBack) {
					t.Fatalf("the line not used is not said:\n%s", out.String())
				}
				return
			}
			if len(got) != 1 || got[0] != tasksOption(t, 3) {
				t.Fatalf("the 3 typed once the refusal was read answered the tasks %q:\n%s", got, out.String())
			}
		})
	}
}
