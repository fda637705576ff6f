package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/site"
	"digicheck/store"
)

// holdDraftEnv makes the test binary, run as a child, a digicheck window
// holding a draft of testkit.NHSNumber in the store it names: it keeps
// the draft, says "held", and ends when its input is closed, without
// letting go (a window being closed, whose process has not ended yet).
const holdDraftEnv = "DIGICHECK_TEST_HOLD_DRAFT"

// TestHelperHoldsADraft is the window of holdingWindow.
func TestHelperHoldsADraft(t *testing.T) {
	path := os.Getenv(holdDraftEnv)
	if path == "" {
		t.Skip("run by the tests of a draft held by another window")
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Included(nil))
	d := store.Draft{}
	d.Patient, d.Clinician, d.Team = r.Patient, "Nurse Pat", "Ward 7"
	d.InstrumentVersion, d.Section, d.Answers = r.InstrumentVersion, "skills", r.Answers
	if err := st.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	fmt.Println("held")
	_, _ = io.Copy(io.Discard, os.Stdin)
}

// holdingWindow starts another window, a process of its own, holding a
// draft of testkit.NHSNumber in the store at path; close ends it (and
// waits for its process to be gone).
func holdingWindow(t *testing.T, path string) (close func()) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldsADraft$")
	cmd.Env = append(os.Environ(), holdDraftEnv+"="+path)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, _ := bufio.NewReader(out).ReadString('\n'); line != "held\n" {
		in.Close()
		_ = cmd.Wait()
		t.Fatalf("the other window did not keep its draft (%q)", line)
	}
	done := false
	close = func() {
		if done {
			return
		}
		done = true
		in.Close()
		go func() { _, _ = io.Copy(io.Discard, out) }()
		_ = cmd.Wait()
	}
	t.Cleanup(close)
	return close
}

// stepReader gives each part in turn, running before[i] (if set) as part
// i is first read: what happens between two lines the clinician types.
type stepReader struct {
	parts  []string
	before []func()
	i      int
	r      io.Reader
}

func (s *stepReader) Read(b []byte) (int, error) {
	for {
		if s.r != nil {
			n, err := s.r.Read(b)
			if err != io.EOF || n > 0 {
				return n, nil
			}
			s.r = nil
			s.i++
		}
		if s.i >= len(s.parts) {
			return 0, io.EOF
		}
		if s.i < len(s.before) && s.before[s.i] != nil {
			s.before[s.i]()
		}
		s.r = strings.NewReader(s.parts[s.i])
	}
}

// TestPlainPromptsListADraftStillHeldByAWindowBeingClosed: a window
// closed mid-assessment, and digicheck --accessible opened again at once,
// found the draft still held by the closing window's process, which had
// not yet ended. The list of drafts left it out, with nothing said, and
// the clinician, reopening digicheck to carry on, started a second
// assessment of the patient. Now the draft is listed, saying it is open
// in another window; a new assessment of its patient says so before its
// first question; resuming it is refused while that window holds it, and
// once that window's process has ended the draft resumes.
func TestPlainPromptsListADraftStillHeldByAWindowBeingClosed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digicheck.db")
	closeOther := holdingWindow(t, path)
	// 1 start a new assessment, NHS number, the same patient, the
	// clinician, the team offered; "1" resume the draft (refused: the
	// other window is still there); the other window ends; "1" again.
	in := &stepReader{
		parts:  []string{"1\n1\n" + testkit.NHSNumber + "\nNurse Pat\n\n1\n", "1\n"},
		before: []func(){nil, closeOther},
	}
	c := newFromInput(&app{settings: site.Settings{DB: path, Team: "Ward 7", Accessible: true}})
	var out bytes.Buffer
	c.SetIn(in)
	c.SetOut(&out)
	c.SetErr(&out)
	c.SetArgs([]string{"--drafts-from-input"})
	c.SilenceUsage, c.SilenceErrors = true, true
	_ = c.Execute() // the input ends in the resumed draft: it is kept
	said := out.String()

	list := strings.Index(said, "1 unfinished assessment is kept as a draft")
	listed := strings.Index(said, "2. Patient "+testkit.NHSNumber)
	asked := strings.Index(said, "Patient identifier:")
	if list < 0 || listed < list || asked < listed {
		t.Fatalf("the draft held by the window being closed is not on the list of drafts:\n%s", said)
	}
	if line := said[listed : listed+strings.IndexByte(said[listed:], '\n')]; !strings.Contains(line, "open in another window") {
		t.Errorf("the list does not say the draft is open in another window: %q", line)
	}
	notice := strings.Index(said, "Patient "+testkit.NHSNumber+" has an unfinished assessment kept as a draft")
	first := strings.Index(said, "Which of these can you use")
	if notice < 0 {
		t.Fatalf("the new assessment of the draft's patient does not say the patient has a draft:\n%s", said)
	}
	if first >= 0 && first < notice {
		t.Errorf("the draft was said only after the first question:\n%s", said)
	}
	rest := said[notice:]
	for _, want := range []string{"open in another window", "1. Resume the draft", "Not resumed: ", "Resuming the assessment of patient " + testkit.NHSNumber} {
		if !strings.Contains(rest, want) {
			t.Errorf("after the patient was entered, no %q:\n%s", want, rest)
		}
	}
	if refused, resumed := strings.Index(rest, "Not resumed: "), strings.Index(rest, "Resuming the assessment"); refused >= 0 && resumed >= 0 && resumed < refused {
		t.Errorf("the draft was resumed while the other window held it:\n%s", rest)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ds, err := st.ListDrafts(0); err != nil || len(ds) != 1 {
		t.Errorf("drafts kept: %d (%v), want the one draft, resumed and kept again", len(ds), err)
	}
}
