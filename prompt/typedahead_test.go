package prompt

import (
	"bufio"
	"io"
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

// TestPipedAnswersNeverResumeOrDiscardADraft: answers piped in, with
// drafts kept, start the assessment asked for: their first lines, meant
// for it, neither resume a patient's draft (and overwrite it with another
// patient's answers) nor discard one. The drafts are said to be kept.
func TestPipedAnswersNeverResumeOrDiscardADraft(t *testing.T) {
	var s saver
	o := options(&s)
	touched := 0
	for _, n := range []string{"9434761042", "9434761034"} {
		o.Drafts = append(o.Drafts, Resume{
			Label:   "Patient " + n,
			Draft:   draft(record.PatientID{Kind: record.NHSNumber, Value: n}, "jsmith", "Ward 5", firstTwoSections(), "motivation"),
			Claim:   func() error { touched++; return nil },
			Discard: func() error { touched++; return nil },
		})
	}
	var out strings.Builder
	_, err := Run(o, strings.NewReader("1\n9434761050\n2\n1\n"), &out)
	if err == nil {
		t.Fatal("the input ended mid-assessment without an error")
	}
	if touched != 0 {
		t.Errorf("piped answers claimed or discarded a draft %d time(s):\n%s", touched, out.String())
	}
	if !strings.Contains(out.String(), "NHS number (10 digits): 9434761050") {
		t.Errorf("the piped answers did not start the new assessment they were meant for:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "2 unfinished assessments are kept as drafts, left as they are") {
		t.Errorf("the drafts left alone are not said:\n%s", out.String())
	}

	// Asked for, piped answers choose from the list as typed ones do.
	o.DraftsFromInput = true
	out.Reset()
	_, _ = Run(o, strings.NewReader("2\n3\n"), &out)
	if touched != 1 {
		t.Errorf("with DraftsFromInput, the first draft was not resumed (%d claims):\n%s", touched, out.String())
	}
}

// lateReader gives its first line at once, as keys typed before a prompt
// is shown wait for it, and its second only after a person's reading
// time.
type lateReader struct{ lines []string }

func (r *lateReader) Read(b []byte) (int, error) {
	if len(r.lines) == 0 {
		return 0, io.EOF
	}
	if len(r.lines) == 1 {
		time.Sleep(3 * typedAhead)
	}
	n := copy(b, r.lines[0])
	r.lines = r.lines[1:]
	return n, nil
}

// TestADestructiveChoiceIsTakenOnlyFromAKeyTypedAfterItsQuestion: at a
// terminal, an answer waiting before the question to discard was shown is
// not taken, however it reads; the answer typed after it is.
func TestADestructiveChoiceIsTakenOnlyFromAKeyTypedAfterItsQuestion(t *testing.T) {
	var out strings.Builder
	p := &prompter{in: bufio.NewReader(&lateReader{lines: []string{"1\n", "2\n"}}), out: &out, tty: true, fd: -1, fresh: true}
	i, err := p.choose("Discard these answers? They cannot be got back.", []string{"Yes, discard them", "No, keep them"})
	if err != nil {
		t.Fatal(err)
	}
	if i != 1 {
		t.Errorf("chose %d, want 1 (No, typed after the question): the 1 typed before it was taken\n%s", i, out.String())
	}
	if !strings.Contains(out.String(), "Not taken: that answer was typed before this question was shown.") {
		t.Errorf("the answer typed ahead was not said to be refused:\n%s", out.String())
	}
}
