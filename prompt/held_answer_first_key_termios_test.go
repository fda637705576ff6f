//go:build linux || darwin

package prompt

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
)

// At the plain prompts a line was judged by when its Enter came: on an
// amendment, "Do you need letters written in your own language?" asked
// holding Yes, a 2 typed 0.3 s after it was printed and left on the line
// was sent by the Enter pressed 1.2 s later, after reading the question,
// to keep the answer: Yes became No, and the translated letters of a
// Tigrinya speaker were dropped. A line is now judged by its first key:
// begun within 1.2 s of the question, it is not used, even when its Enter
// comes later, and said so. (The same, here, on "Data or credit"
// asked holding "Sometimes", with a 3, Often.)

// key is a key typed at the terminal, at its time after the question was
// shown.
type key struct {
	at   time.Duration
	text string
}

// amendingHeldAtEditor is amendingHeld with its keys typed at the
// prompts' own line editor (as at a terminal: echo off, Enter a CR), each
// at its time from now.
func amendingHeldAtEditor(t *testing.T, ks []key, out *strings.Builder) *flow {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	f := amendingHeld(t, nil, out)
	e := &lineEditor{fd: int(r.Fd()), out: out}
	f.p.in, f.p.editor, f.p.echoes, f.p.fd = bufio.NewReader(e), e, true, int(r.Fd())
	start := time.Now()
	go func() {
		defer w.Close()
		for _, k := range ks {
			time.Sleep(time.Until(start.Add(k.at)))
			if _, err := w.WriteString(k.text); err != nil {
				return
			}
		}
	}()
	return f
}

const begunLine = "Not taken: that line was begun less than 1.2 seconds after this question was shown, before it could be read; nothing typed with it was used."

func TestALineBegunSoonAfterAQuestionHoldingAnAnswerIsNotUsedWhenItsEnterComesLater(t *testing.T) {
	t.Parallel()
	// Enter, once the question asked again after a refusal has been
	// read, keeps the answer.
	again := key{at: 3200 * time.Millisecond, text: "\r"}
	for _, c := range []struct {
		name  string
		keys  []key
		used  bool // the line answers the question
		begun bool // refused as begun too soon, its Enter after the hold
	}{
		{"3 at 0.3 s, Enter at 1.5 s", []key{{300 * time.Millisecond, "3"}, {1500 * time.Millisecond, "\r"}, again}, false, true},
		{"3 at 1.3 s, Enter at 1.5 s", []key{{1300 * time.Millisecond, "3"}, {1500 * time.Millisecond, "\r"}, again}, true, false},
		{"Enter alone at 1.5 s", []key{{1500 * time.Millisecond, "\r"}, again}, false, false},
		{"3 at 0.3 s, erased, 3 and Enter at 1.5 s", []key{{300 * time.Millisecond, "3"}, {1500 * time.Millisecond, "\x7f3\r"}, again}, false, true},
		{"Backspace at 0.3 s, 3 and Enter at 1.5 s", []key{{300 * time.Millisecond, "\x7f"}, {1500 * time.Millisecond, "3\r"}, again}, false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var out strings.Builder
			f := amendingHeldAtEditor(t, c.keys, &out)
			it := heldItem(t, questionnaire.LinkAfford)
			given := f.s.Answers()[it.LinkID]
			if len(given) == 0 {
				t.Fatalf("the patient amended gave no answer to %q", it.Text)
			}
			vals, err := f.item(it)
			if err != nil {
				t.Fatalf("item: %v\n%s", err, out.String())
			}
			said := flatOut(&out)
			if c.used {
				if slices.Equal(vals, given) || strings.Contains(said, "Not taken") {
					t.Fatalf("3 typed after the question was read left %q answered %v, as given:\n%s", it.Text, vals, out.String())
				}
				return
			}
			if !slices.Equal(vals, given) {
				t.Fatalf("%q answered %v; the patient gave %v:\n%s", it.Text, vals, given, out.String())
			}
			if c.begun {
				if !strings.Contains(said, begunLine) || !strings.Contains(said, answeredHow) {
					t.Fatalf("the line not used is not said, nor to type the answer again:\n%s", out.String())
				}
			} else if strings.Contains(said, "Not taken") {
				t.Fatalf("an Enter alone after the question was read was not taken:\n%s", out.String())
			}
		})
	}
}
