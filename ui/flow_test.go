package ui

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// observed wraps the model for teatest and keeps the last screen drawn, so a
// test can wait for what a clinician would see instead of parsing the
// renderer's stream of cursor moves.
type observed struct {
	m      *Model
	mu     sync.Mutex
	screen string
}

func (o *observed) Init() tea.Cmd { return o.m.Init() }

func (o *observed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := o.m.Update(msg)
	return o, cmd
}

func (o *observed) View() tea.View {
	v := o.m.View()
	o.mu.Lock()
	o.screen = plain(v.Content)
	o.mu.Unlock()
	return v
}

// program runs the UI as a real Bubble Tea program with teatest.
type program struct {
	t   *testing.T
	tm  *teatest.TestModel
	obs *observed
}

func startProgram(t *testing.T, o Options, w, h int) *program {
	t.Helper()
	obs := &observed{m: New(o)}
	tm := teatest.NewTestModel(t, obs,
		teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	return &program{t: t, tm: tm, obs: obs}
}

func (p *program) press(keys ...string) {
	for _, k := range keys {
		p.tm.Send(keyPress(k))
	}
}

func (p *program) typeText(s string) { p.tm.Type(s) }

// read waits as a clinician reads a screen before typing on it: keys typed
// in the moment after the review, the result or a discard question is
// drawn are held, typed before it could be read.
func (p *program) read() { time.Sleep(refusalHold) }

// readReview waits as a clinician reads the review: an enter is taken
// there only once it has been on view for the word hold.
func (p *program) readReview() { time.Sleep(wordHold + 100*time.Millisecond) }

func (p *program) screen() string {
	p.obs.mu.Lock()
	defer p.obs.mu.Unlock()
	return p.obs.screen
}

func (p *program) waitFor(texts ...string) {
	p.t.Helper()
	p.waitUntil(fmt.Sprintf("%q", texts), func(s string) bool {
		for _, t := range texts {
			if !strings.Contains(s, t) {
				return false
			}
		}
		return true
	})
}

func (p *program) waitUntil(what string, ok func(screen string) bool) {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok(p.screen()) {
		if time.Now().After(deadline) {
			p.t.Fatalf("waited for %s; the screen shows:\n%s", what, p.screen())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// final waits for the program to end and returns the model it ended with.
func (p *program) final() *Model {
	p.t.Helper()
	return p.tm.FinalModel(p.t, teatest.WithFinalTimeout(5*time.Second)).(*observed).m
}

// TestAssessmentIsSavedAndReadsBack drives the whole UI at 80x24 from launch
// to a saved record, then reads the record back from a real store and checks
// it holds what the instrument works out for the answers typed.
func TestAssessmentIsSavedAndReadsBack(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	var drafts []questionnaire.Answers
	var mu sync.Mutex
	o := testOptions(st.Save)
	o.Draft = func(d *store.Draft) error {
		mu.Lock()
		defer mu.Unlock()
		if d.Patient.Value != validNHS {
			t.Errorf("draft for %+v", d.Patient)
		}
		drafts = append(drafts, d.Answers)
		return st.SaveDraft(d)
	}
	p := startProgram(t, o, 80, 24)

	enterPatient(p)
	answerSections(p)
	p.readReview()
	p.press("end")
	p.readReview() // its end, now on screen, is read
	p.press("enter")
	p.waitFor("Result", "Barriers", "Contact by", "Fallback", "Their choice")
	p.read()
	want, _ := questionnaire.V1.Assess(scenarioAnswers, questionnaire.National)
	if len(want.Recommendation.Referrals) <= firstReferrals {
		t.Fatalf("the scenario gives %d referrals: too few to leave some unshown", len(want.Recommendation.Referrals))
	}
	consents := answerReferrals(p, firstReferrals)
	p.waitFor("[declined     ]")
	saveReadBack(p)
	p.waitFor("Saved ·", "Digital inclusion check")
	p.press("c")
	p.waitFor("Note sent to the terminal's clipboard")
	p.press("q")

	m := p.final()
	saved := m.Outcome().Saved
	if len(saved) != 1 {
		t.Fatalf("outcome has %d records, want 1", len(saved))
	}
	got, err := st.Get(saved[0].ID)
	if err != nil {
		t.Fatalf("reading the record back: %v", err)
	}
	checkRecord(t, got, consents)

	mu.Lock()
	defer mu.Unlock()
	if len(drafts) != len(questionnaire.V1.Sections) {
		t.Errorf("%d drafts, want one per section (%d)", len(drafts), len(questionnaire.V1.Sections))
	} else if last := drafts[len(drafts)-1]; len(last) != len(scenarioAnswers) {
		t.Errorf("last draft has %d answers, want %d", len(last), len(scenarioAnswers))
	}
}

// TestWrongCheckDigitIsRefused: a mistyped NHS number must not reach a
// record, and the clinician must see why it was refused.
func TestWrongCheckDigitIsRefused(t *testing.T) {
	t.Parallel()
	refused(t, wrongCheckNHS, record.ErrNHSCheckDigit.Error())
}

func TestNineDigitNHSNumberIsRefused(t *testing.T) {
	t.Parallel()
	refused(t, nineDigitNHS, "9 digits given: an NHS number has 10 digits")
}

func refused(t *testing.T, number, reason string) {
	st := &memStore{}
	p := startProgram(t, testOptions(st.Save), 80, 24)
	p.waitFor("Identifier")
	p.press("1")
	p.waitFor("NHS number: 10 digits")
	p.typeText(number)
	p.press("enter")
	p.waitFor(reason, "NHS number: 10 digits")
	// Still on the patient screen: enter again changes nothing.
	p.press("enter")
	p.waitFor(reason)
	if s := p.screen(); strings.Contains(s, "Access ·") {
		t.Fatalf("went on to the questions with %s:\n%s", number, s)
	}
	p.press("ctrl+c")
	p.waitFor("Discard this assessment?")
	p.read()
	discardAtQuit(p)
	p.final()
	if st.Calls() != 0 {
		t.Errorf("Save called %d times", st.Calls())
	}
}

// TestAbortedAssessmentIsNeverSaved: ctrl+c with answers asks first, and
// discarding calls Save zero times.
func TestAbortedAssessmentIsNeverSaved(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	p := startProgram(t, testOptions(st.Save), 80, 24)
	enterPatient(p)
	readList(p)
	p.press("x", "enter")
	p.waitFor("How do you get online?")

	p.press("ctrl+c")
	p.waitFor("Discard this assessment? Its answers have not been saved.", "y discard and quit", "n keep going")
	// n keeps everything as it was.
	p.read()
	p.press("n")
	p.waitUntil("the discard question to go", func(s string) bool {
		return !strings.Contains(s, "Discard") && strings.Contains(s, "How do you get online?")
	})
	p.press("ctrl+c")
	p.waitFor("Discard this assessment?")
	p.read()
	discardAtQuit(p)
	m := p.final()
	if st.Calls() != 0 {
		t.Errorf("Save called %d times after abort", st.Calls())
	}
	if n := len(m.Outcome().Saved); n != 0 {
		t.Errorf("outcome lists %d records after abort", n)
	}
}

// TestCtrlCQuitsAtOnceWithNothingToLose: no question asked before quitting
// an untouched patient screen.
func TestCtrlCQuitsAtOnceWithNothingToLose(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	p := startProgram(t, testOptions(st.Save), 80, 24)
	p.waitFor("Identifier")
	p.press("ctrl+c")
	p.final()
	if st.Calls() != 0 {
		t.Errorf("Save called %d times", st.Calls())
	}
}
