//go:build !windows

package main

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// ptyTerm is the binary running in a pseudo-terminal, read through vt.
type ptyTerm struct {
	t    *testing.T
	cmd  *exec.Cmd
	ptmx *os.File
	vt   *vtTerm
	done chan error
	read chan struct{} // closed when all the program wrote is on the screen
}

// startTerm runs digicheck with args in a w x h pseudo-terminal, with its
// own store, config and home directory in dir.
func startTerm(t *testing.T, dir string, w, h int, env []string, args ...string) *ptyTerm {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append([]string{
		"HOME=" + dir,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"DIGICHECK_DB=" + filepath.Join(dir, "digicheck.db"),
		"TERM=xterm-256color",
		"USER=nurse",
		"PATH=" + os.Getenv("PATH"),
	}, env...)
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)})
	if errors.Is(err, pty.ErrUnsupported) {
		t.Skip("no pseudo-terminals here")
	}
	if err != nil {
		t.Fatal(err)
	}
	return watchTerm(t, cmd, ptmx, w, h)
}

// startTermTyped is startTerm with keys typed at the terminal before
// digicheck starts, echoed by it as a terminal does.
func startTermTyped(t *testing.T, dir string, w, h int, typed string, args ...string) *ptyTerm {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = []string{
		"HOME=" + dir,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"DIGICHECK_DB=" + filepath.Join(dir, "digicheck.db"),
		"TERM=xterm-256color",
		"USER=nurse",
		"PATH=" + os.Getenv("PATH"),
	}
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	defer tty.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)}); err != nil {
		t.Fatal(err)
	}
	if _, err := ptmx.WriteString(typed); err != nil {
		t.Fatal(err)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return watchTerm(t, cmd, ptmx, w, h)
}

// watchTerm reads a started digicheck's terminal into a screen.
func watchTerm(t *testing.T, cmd *exec.Cmd, ptmx *os.File, w, h int) *ptyTerm {
	tm := &ptyTerm{t: t, cmd: cmd, ptmx: ptmx, vt: newVT(w, h), done: make(chan error, 1), read: make(chan struct{})}
	go func() {
		_, _ = io.Copy(tm.vt, ptmx)
		close(tm.read)
	}()
	go func() { tm.done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = ptmx.Close()
	})
	return tm
}

// waitFor fails unless the screen comes to show every text.
func (tm *ptyTerm) waitFor(texts ...string) {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := tm.vt.Screen()
		ok := true
		for _, x := range texts {
			ok = ok && strings.Contains(s, x)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("waited for %q; the screen shows:\n%s", texts, s)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// keys types keys as a terminal sends them, a moment apart so the program
// sees each on its own (a lone ESC is told from a sequence by a pause).
func (tm *ptyTerm) keys(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		b := map[string]string{"enter": "\r", "esc": "\x1b", "down": "\x1b[B", "up": "\x1b[A", "ctrl+c": "\x03"}[k]
		if b == "" {
			b = k
		}
		if _, err := tm.ptmx.Write([]byte(b)); err != nil {
			tm.t.Fatal(err)
		}
		time.Sleep(60 * time.Millisecond)
	}
}

// readReferral reads down the result until the referral the consent keys
// answer is wholly on screen, as a clinician reads it before asking the
// patient: a consent key answers only a referral on screen (the footer
// names it, with ▼ or ▲, while it is not). A key at a time, each once the
// one before it is drawn.
func (tm *ptyTerm) readReferral() {
	tm.t.Helper()
	for range 60 {
		settled(tm)
		s := tm.vt.Screen()
		switch {
		case strings.Contains(s, "▼ a/d/n will answer:"):
			tm.keys("down")
		case strings.Contains(s, "▲ a/d/n will answer:"):
			tm.keys("up")
		default:
			// The referral is read out: a consent counts only once its
			// referral has been on screen for the word hold (1.2 s).
			time.Sleep(1500 * time.Millisecond)
			return
		}
	}
	tm.t.Fatalf("the referral the consent keys answer never came on screen:\n%s", tm.vt.Screen())
}

// readBackAsk is what the result says before it saves referrals' answers,
// read back.
const readBackAsk = "Enter saves, Esc goes back to change an answer."

// saveReadBack saves a result with referrals: enter, then, once the answers
// read back have been on screen for the word hold, enter again.
func (tm *ptyTerm) saveReadBack() {
	tm.t.Helper()
	tm.keys("enter")
	tm.waitFor(readBackAsk)
	time.Sleep(1500 * time.Millisecond) // read back with the patient
	tm.keys("enter")
}

// savedShown waits for the saved screen, quits, and returns what
// digicheck show prints of the record saved, from the store in dir.
func (tm *ptyTerm) savedShown(dir string) string {
	tm.t.Helper()
	tm.waitFor("Saved · record")
	id := regexp.MustCompile(`Saved · record ([0-9a-f-]{36})`).FindStringSubmatch(tm.vt.Screen())
	if id == nil {
		tm.t.Fatalf("no record id on the saved screen:\n%s", tm.vt.Screen())
	}
	tm.keys("q")
	tm.exited()
	show := exec.Command(binary(tm.t), "show", id[1])
	show.Env = []string{
		"HOME=" + dir,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"DIGICHECK_DB=" + filepath.Join(dir, "digicheck.db"),
		"USER=nurse",
	}
	out, err := show.CombinedOutput()
	if err != nil {
		tm.t.Fatalf("show: %v\n%s", err, out)
	}
	return string(out)
}

// quitKeeping presses ctrl+c and, if digicheck asks what to do with the
// answers (question on screen), keeps them as a draft once the question
// has been read; then waits for it to end. The question is waited for:
// read at once, under load, it was not yet drawn, k was never typed and
// digicheck never ended.
func (tm *ptyTerm) quitKeeping(question string) {
	tm.t.Helper()
	tm.keys("ctrl+c")
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(tm.vt.Screen(), question) {
		select {
		case err := <-tm.done:
			tm.done <- err // ended without asking: exited reads it
			tm.exited()
			return
		default:
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("ctrl+c neither asked %q nor ended digicheck; the screen shows:\n%s", question, tm.vt.Screen())
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(600 * time.Millisecond) // the question has been read
	tm.keys("k")
	tm.exited()
}

// exited waits for the program to end, and for what it wrote last to be
// on the screen: the program can end before its last lines are read from
// the terminal, and a screen read at once missed them under load.
func (tm *ptyTerm) exited() {
	tm.t.Helper()
	select {
	case <-tm.done:
	case <-time.After(10 * time.Second):
		tm.t.Fatalf("digicheck did not end; the screen shows:\n%s", tm.vt.Screen())
	}
	select {
	case <-tm.read:
	case <-time.After(5 * time.Second):
		// The terminal stays open while anything holds it: read on
		// what came, as before.
	}
}

// TestClosedWindowKeepsADraftOfferedAtTheNextStart closes the terminal
// mid-assessment, as closing the window does (SIGHUP, then the terminal
// gone), and checks the answers given are in the store as a draft, with
// the question in focus left out, and that the next start offers it and
// resumes where it was left.
func TestClosedWindowKeepsADraftOfferedAtTheNextStart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tm := startTerm(t, dir, 80, 24, nil)
	tm.waitFor("New assessment", "Identifier")
	tm.keys("1")
	tm.waitFor("10 digits")
	tm.keys("9434765919", "enter")
	tm.waitFor("Who is doing this assessment?")
	tm.keys("Dr A Test", "enter") // the clinician types their name: none is filled in
	tm.waitFor("Team (optional)")
	tm.keys("enter")
	tm.waitFor("Access · 1 of 5", "Which of these can you use")
	// x ticks the answer highlighted once the list has been read (1.2 s).
	time.Sleep(1300 * time.Millisecond)
	tm.keys("x", "enter")
	tm.waitFor("How do you get online?")
	time.Sleep(1300 * time.Millisecond)
	tm.keys("x", "down", "x", "enter")
	tm.waitFor("Do you run out of data")
	tm.keys("3")
	tm.waitFor("Skills · 2 of 5")
	time.Sleep(1300 * time.Millisecond)
	tm.keys("x", "enter")
	tm.waitFor("Does someone help you")
	tm.keys("down") // moved to an answer, not confirmed

	if err := tm.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	_ = tm.ptmx.Close()
	tm.exited()

	st, err := store.Open(filepath.Join(dir, "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := st.ListDrafts(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 {
		t.Fatalf("%d drafts after the window closed, want 1", len(ds))
	}
	want := questionnaire.Answers{
		questionnaire.LinkDevices:  {questionnaire.DevSmartphone},
		questionnaire.LinkInternet: {questionnaire.NetHome, questionnaire.NetMobile},
		questionnaire.LinkAfford:   {"often"},
		questionnaire.LinkTasks:    {questionnaire.TaskText},
	}
	d := ds[0]
	if !reflect.DeepEqual(d.Answers, want) {
		t.Errorf("draft answers:\n got %v\nwant %v", d.Answers, want)
	}
	if d.Section != "skills" || d.Patient.Value != "9434765919" || d.Clinician == "" {
		t.Errorf("draft section %q, patient %v, clinician %q", d.Section, d.Patient, d.Clinician)
	}
	n := 0
	if err := st.Each(func(record.Record) error { n++; return nil }, nil); err != nil || n != 0 {
		t.Errorf("%d records (%v): a draft must never be a record", n, err)
	}

	// The next start offers it, and resumes at the section reached.
	tm = startTerm(t, dir, 80, 24, nil)
	tm.waitFor("Unfinished assessments", "> NHS 943 476 5919", "by "+d.Clinician, "Stopped in Skills (2 of 5) · 4 answers")
	time.Sleep(600 * time.Millisecond) // the list has been read (keys before are ignored)
	tm.keys("enter")
	tm.waitFor("Skills · 2 of 5", "[x] Read and reply to a text message")
	tm.keys("esc")
	// Back into the section before, at the question asked last there.
	tm.waitFor("Access · 1 of 5", "✓ Devices: My own smartphone", "Do you run out of data")
	tm.keys("ctrl+c")
	tm.waitFor("Discard this assessment?", "k keep as a draft and quit")
	time.Sleep(600 * time.Millisecond) // the question has been read (keys before are ignored)
	tm.keys("k")
	tm.exited()
	if ds, err := st.ListDrafts(0); err != nil || len(ds) != 1 || !reflect.DeepEqual(ds[0].Answers, want) {
		t.Fatalf("after keeping it again: %d drafts, %v", len(ds), err)
	}
}

// sgr matches select-graphic-rendition sequences.
var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// colourSGR returns the first SGR sequence in s that sets a colour (not
// one that only sets bold, or resets), or "".
func colourSGR(s string) string {
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		ps := strings.Split(m[1], ";")
		for i := 0; i < len(ps); i++ {
			n, err := strconv.Atoi(strings.SplitN(ps[i], ":", 2)[0])
			if err != nil {
				continue
			}
			switch {
			case n >= 30 && n <= 38, n >= 40 && n <= 48, n >= 90 && n <= 97, n >= 100 && n <= 107:
				return m[0]
			}
		}
	}
	return ""
}

// TestNoColorDrawsNoColour: with NO_COLOR the program draws no colour at
// all, and the screens still say everything in words and symbols (the
// same screens with colour are the control: colour is found there).
func TestNoColorDrawsNoColour(t *testing.T) {
	t.Parallel()
	for _, noColor := range []bool{true, false} {
		// A dark background is said, so colour is drawn unless
		// NO_COLOR forbids it.
		env := []string{"COLORTERM=truecolor", "COLORFGBG=15;0"}
		if noColor {
			env = append(env, "NO_COLOR=1")
		}
		tm := startTerm(t, t.TempDir(), 60, 20, env)
		tm.waitFor("New assessment", "Identifier", "1 ( ) NHS number")
		tm.keys("1")
		tm.waitFor("10 digits")
		tm.keys("9434765918", "enter")
		tm.waitFor("the check digit is wrong")
		switch c := colourSGR(tm.vt.Raw()); {
		case noColor && c != "":
			t.Errorf("colour drawn under NO_COLOR: %q", c)
		case !noColor && c == "":
			t.Errorf("no colour found without NO_COLOR: the check finds nothing")
		}
		tm.keys("ctrl+c")
		tm.waitFor("Discard this assessment?")
		time.Sleep(600 * time.Millisecond) // the question has been read (keys before are ignored)
		tm.discardAtQuit()
		tm.exited()
	}
}

// TestPlainPromptsShowAnAnswerTypedAheadOnce: answers typed before their
// prompts were shown (one burst, as a fast typist or a paste gives them)
// are shown once each, after the prompt that reads them, never also where
// the terminal stood when they were typed: a screen reader reads out what
// is shown, and heard everything typed ahead twice.
func TestPlainPromptsShowAnAnswerTypedAheadOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tm := startTerm(t, dir, 80, 60, nil, "--accessible")
	tm.waitFor("Type a number from 1 to 2:")
	tm.keys("1\r943 476 5919\rDr A Test\rWard 7\r") // the clinician typed: none is filled in
	tm.waitFor("Which of these can you use")
	s := tm.vt.Screen()
	for _, answer := range []string{"943 476 5919", "Ward 7"} {
		if n := strings.Count(s, answer); n != 1 {
			t.Errorf("%q is shown %d times, want once:\n%s", answer, n, s)
		}
	}
	for _, want := range []string{"Type a number from 1 to 2: 1\n", "NHS number (10 digits): 943 476 5919\n", "Team: Ward 7\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("the screen lacks %q, the answer after its prompt:\n%s", want, s)
		}
	}
	tm.keys("\x04") // the input ends
	tm.exited()
	// The terminal is left as it was found: the shell after it echoes.
}

// TestABurstOnTheDraftsListAnswersNothingItOpens: keys typed in one burst
// on the list of unfinished assessments, through the real terminal, open
// what their first key asks for (n a new assessment, enter the draft) and
// answer none of its questions, which were not on screen when they were
// typed; the screen says they were ignored. So too when the burst discards
// the last draft, and a new assessment opens in its place.
func TestABurstOnTheDraftsListAnswersNothingItOpens(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := store.Draft{}
	d.Patient = record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	d.Clinician, d.InstrumentVersion, d.Section = "Nurse Bea", questionnaire.Current.Version, "skills"
	d.Answers = questionnaire.Answers{
		questionnaire.LinkDevices:  {questionnaire.DevSmartphone},
		questionnaire.LinkInternet: {questionnaire.NetHome},
		questionnaire.LinkAfford:   {"often"},
	}
	if err := st.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if err := st.ReleaseDrafts(); err != nil { // as a window closed
		t.Fatal(err)
	}
	for _, burst := range []struct{ name, keys, opens string }{
		{"n", "n\r9434765919\r\r\rx\r", "Identifier"},
		{"enter", "\rx\r1\r", "Which of these can you do on your own?"},
		// d asks; the y typed with it was typed before the question was
		// shown, and discards nothing.
		{"discard", "dy\r9434765919\r\r\rx\r", "Discard the unfinished"},
	} {
		t.Run(burst.name, func(t *testing.T) {
			tm := startTerm(t, dir, 80, 24, nil)
			tm.waitFor("Unfinished assessments", "> NHS 943 476 5919")
			time.Sleep(600 * time.Millisecond) // the list has been read
			tm.keys(burst.keys)                // one write: one burst
			tm.waitFor(burst.opens)
			time.Sleep(500 * time.Millisecond) // anything still coming has come
			s := tm.vt.Screen()
			if flat := strings.Join(strings.Fields(s), " "); !strings.Contains(flat, "were ignored: read") {
				t.Errorf("the screen does not say the keys typed on the list were ignored:\n%s", s)
			}
			if !strings.Contains(s, burst.opens) || strings.Contains(s, "✓") || strings.Contains(s, "[x]") && burst.name == "enter" {
				t.Fatalf("keys typed on the list answered what it opened:\n%s", s)
			}
			tm.quitKeeping("Discard this assessment?")
			if ds := draftsIn(t, dir); burst.name == "discard" && len(ds) != 1 {
				t.Fatalf("a y typed with d discarded the draft: %v left", ds)
			}
		})
	}
}

// TestABurstAsTheDraftsListAppearsOpensNoDraft: a burst meant for the
// patient screen (1, enter, an NHS number, enter), written in one go as
// the list of unfinished assessments is first drawn, opens no draft (the
// one on top may be another patient's): the list stays, and says the keys
// were ignored.
func TestABurstAsTheDraftsListAppearsOpensNoDraft(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	keptDraft(t, dir, "9434765919")
	tm := startTerm(t, dir, 80, 24, nil)
	tm.waitFor("Unfinished assessments", "> NHS 943 476 5919")
	tm.keys("1\r9434761026\r")         // one write: one burst
	time.Sleep(500 * time.Millisecond) // anything still coming has come
	s := tm.vt.Screen()
	if !strings.Contains(s, "Unfinished assessments") || strings.Contains(s, "press enter to keep each") {
		t.Fatalf("a burst typed as the list appeared opened a draft:\n%s", s)
	}
	if flat := strings.Join(strings.Fields(s), " "); !strings.Contains(flat, "were ignored: read the list, then choose") {
		t.Errorf("the list does not say the keys were ignored:\n%s", s)
	}
	tm.keys("ctrl+c")
	tm.exited()
	if got := draftsIn(t, dir); len(got) != 1 {
		t.Errorf("drafts kept after the burst: %v, want the one draft", got)
	}
}

// keptDraft keeps a draft for patient nhs in the store in dir, let go as a
// closed window lets go of it.
func keptDraft(t *testing.T, dir, nhs string) {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := store.Draft{}
	d.Patient = record.PatientID{Kind: record.NHSNumber, Value: nhs}
	d.Clinician, d.InstrumentVersion, d.Section = "Nurse Bea", questionnaire.Current.Version, "skills"
	d.Answers = questionnaire.Answers{
		questionnaire.LinkDevices:  {questionnaire.DevSmartphone},
		questionnaire.LinkInternet: {questionnaire.NetHome},
		questionnaire.LinkAfford:   {"often"},
	}
	if err := st.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if err := st.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
}

// draftsIn is the patients whose drafts the store in dir keeps.
func draftsIn(t *testing.T, dir string) []string {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := st.ListDrafts(0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range ds {
		out = append(out, d.Patient.Value)
	}
	return out
}

// TestPlainPromptsABurstTypedForANewAssessmentDiscardsNoDraft: with a
// draft kept, a new assessment typed in one burst at the plain prompts
// (as a clinician who expected no draft types it) starts a new
// assessment with its first key, listed first, and the keys after it,
// typed for questions that were not on screen, are dropped and said so:
// none of them reaches the draft's "Discard it" and "Yes, discard them".
// Discarding takes the draft's number and keys typed after each question
// is shown.
func TestPlainPromptsABurstTypedForANewAssessmentDiscardsNoDraft(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	keptDraft(t, dir, "9434761034")
	tm := startTerm(t, dir, 80, 24, nil, "--accessible")
	tm.waitFor("Choose one", "1. Start a new assessment")
	time.Sleep(200 * time.Millisecond)   // the list is shown
	tm.keys("1\r9434761026\r\r\r2\r1\r") // one write: one burst
	tm.waitFor("Patient identifier", "were ignored")
	time.Sleep(500 * time.Millisecond) // anything still coming has come
	if s := tm.vt.Screen(); strings.Contains(s, "Discarded.") || strings.Contains(s, "Discard these answers?") {
		t.Fatalf("keys typed ahead chose to discard the draft:\n%s", s)
	}
	tm.keys("\x04")
	tm.exited()
	// Chosen with keys typed after each question, it is discarded.
	tm = startTerm(t, dir, 80, 24, nil, "--accessible")
	tm.waitFor("Choose one", "2. Patient 943 476 1034")
	time.Sleep(200 * time.Millisecond) // read the list
	tm.keys("2\r")
	tm.waitFor("3. Resume it")
	time.Sleep(200 * time.Millisecond) // read the question
	tm.keys("2\r")
	tm.waitFor("Discard these answers?")
	time.Sleep(readPause) // read the question
	tm.keys("1\r")
	tm.waitFor("Discarded.")
	tm.keys("\x04")
	tm.exited()
	if ds := draftsIn(t, dir); len(ds) != 0 {
		t.Errorf("drafts %v kept after the clinician discarded the one", ds)
	}
}

// TestPlainPromptsDropKeysTypedAfterARefusedAnswer: a burst whose first
// answer is refused answers nothing after it: those keys were meant for
// the next question, and would answer this one again.
func TestPlainPromptsDropKeysTypedAfterARefusedAnswer(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tm := startTerm(t, dir, 80, 24, nil, "--accessible")
	tm.waitFor("Type a number from 1 to 2:")
	tm.keys("1\r12345\r9434765919\r")
	tm.waitFor("Not accepted", "were ignored")
	time.Sleep(500 * time.Millisecond)
	if s := tm.vt.Screen(); strings.Contains(s, "Clinician") {
		t.Fatalf("a key typed after the refused answer answered the question again:\n%s", s)
	}
	tm.keys("\x04")
	tm.exited()
}

// TestPlainPromptsIgnoreKeysTypedBeforeTheyStart: keys typed at the
// terminal before digicheck starts (shown by the terminal then, where
// they were typed) answer no question, and the clinician is told.
func TestPlainPromptsIgnoreKeysTypedBeforeTheyStart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tm := startTermTyped(t, dir, 80, 24, "1\r9434765919\r", "--accessible")
	tm.waitFor("Keys typed before the first question were ignored")
	time.Sleep(300 * time.Millisecond)
	s := tm.vt.Screen()
	if strings.Contains(s, "NHS number (10 digits)") {
		t.Fatalf("keys typed before the start answered the first question:\n%s", s)
	}
	tm.keys("\x04")
	tm.exited()
}
