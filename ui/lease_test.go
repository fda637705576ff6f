package ui

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// twoWindows opens one store twice, as two digicheck windows on one
// machine do: each handle holds drafts for its own window.
func twoWindows(t *testing.T) (*store.Store, *store.Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	a, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a, b
}

// leased wires o to st with the draft lease, as the program does.
func leased(o Options, st *store.Store) Options {
	o = withStore(o, st)
	o.ClaimDraft = func(id record.ID) error { _, err := st.ClaimDraft(id); return err }
	o.RenewDraft = st.RenewDraft
	return o
}

// TestADraftOpenInAnotherWindowIsNotResumedHere: a draft another live
// window holds cannot be resumed: the list says why and keeps it, and
// nothing of it is opened here.
func TestADraftOpenInAnotherWindowIsNotResumedHere(t *testing.T) {
	t.Parallel()
	stA, stB := twoWindows(t)
	dr := draftAt(t, stA) // window A is working on it
	o := leased(testOptions(nil), stB)
	o.Drafts = offered(dr)
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.press("enter")
	d.waitFor("Not resumed", "open in", "Unfinished assessments")
	if d.m.screen != draftsScreen || len(d.m.s.Answers()) != 0 {
		t.Fatalf("a draft held by another window was opened here (screen %v)", d.m.screen)
	}
}

// TestTwoWindowsOnOneAssessmentBothKeepTheirAnswers: window A is half way
// through an assessment when its hold lapses (the laptop slept) and window
// B resumes the draft and saves it. A carries on: its next draft is kept
// apart, under an id of its own, every screen says so, and saving asks
// again before making a second assessment of the patient. Neither
// window's answers are lost.
func TestTwoWindowsOnOneAssessmentBothKeepTheirAnswers(t *testing.T) {
	old := store.LeaseTTL
	store.LeaseTTL = 50 * time.Millisecond
	t.Cleanup(func() { store.LeaseTTL = old })

	stA, stB := twoWindows(t)
	a := newDriver(t, leased(testOptions(nil), stA), 80, 24)
	toSkills(a, "1") // the access section is kept as A's draft
	idA := a.m.s.ID()

	time.Sleep(100 * time.Millisecond) // A's hold lapses
	ds, err := stB.ListDrafts(0)
	if err != nil || len(ds) != 1 || ds[0].HeldElsewhere {
		t.Fatalf("window B is not offered the lapsed draft: %+v, %v", ds, err)
	}
	store.LeaseTTL = time.Hour // B's hold lasts
	b := newDriver(t, leased(testOptions(nil), stB), 80, 24)
	b.m.drafts = offered(ds[0].Draft)
	b.m.screen = draftsScreen
	b.press("enter")
	b.waitFor("Skills · 2 of 5")
	b.press("x")
	answerRest(b)
	b.press("enter")
	answerReferrals(b, firstReferrals)
	saveReadBack(b)
	b.waitFor("Saved ·")
	if b.m.saved.ID != idA {
		t.Fatalf("window B saved %s, want the draft's id %s", b.m.saved.ID, idA)
	}

	// A carries on with the questions it has on screen.
	a.press("x")
	answerRest(a)
	if a.m.s.ID() == idA {
		t.Fatalf("window A still keeps its answers under the id window B saved")
	}
	a.waitFor("Review", "Another window took over this assessment's draft")
	a.press("enter")
	answerReferrals(a, firstReferrals)
	// Saving would make a second assessment of the patient: asked first,
	// with the answers read back, in one question.
	a.press("enter")
	a.waitFor("Another window took over this assessment's draft and may have saved it", confirmAsk)
	if !strings.Contains(flat(a.screen()), "saving makes another assessment of this patient") {
		t.Fatalf("the question before the save does not say it makes another assessment:\n%s", a.screen())
	}
	if a.m.screen == savedScreen {
		t.Fatal("saved a second assessment without asking")
	}
	a.press("enter")
	a.waitFor("Saved ·")

	recA, err := stA.Get(a.m.saved.ID)
	if err != nil {
		t.Fatalf("window A's assessment was not saved: %v", err)
	}
	recB, err := stA.Get(idA)
	if err != nil {
		t.Fatalf("window B's assessment was lost: %v", err)
	}
	if recA.ID == recB.ID {
		t.Fatal("one record for two windows' answers")
	}
	for _, r := range []record.Record{recA, recB} {
		if !reflect.DeepEqual(r.Answers[questionnaire.LinkDevices], []string{questionnaire.DevSmartphone}) {
			t.Errorf("record %s lost the access answers: %v", r.ID, r.Answers)
		}
	}
}

// TestKeysTypedWhileADraftOpensNeitherCrashNorAnswerIt: a clinician who
// types a burst on the drafts list (meant for a new assessment) presses
// enter, which starts taking the draft for this window, and then d, and
// letters and numbers. The draft opens when the store answers: the d must
// not leave a discard question about a draft no longer listed (the screen
// indexed the empty list and the program crashed), and the keys typed
// meanwhile must not answer the resumed questions.
func TestKeysTypedWhileADraftOpensNeitherCrashNorAnswerIt(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	dr := draftAt(t, st)
	o := withStore(testOptions(nil), st)
	o.ClaimDraft = func(id record.ID) error { _, err := st.ClaimDraft(id); return err }
	o.Drafts = offered(dr)
	m := New(o)
	m.refusalHold = time.Minute // the test's keys all come "at once"
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.refusedAt = time.Time{} // the list has been read
	_, claim := m.Update(keyPress("enter"))
	if claim == nil {
		t.Fatal("enter on a draft did not start taking it")
	}
	for _, k := range []string{"1", "2", "d"} { // typed while the store answers
		if _, cmd := m.Update(keyPress(k)); cmd != nil {
			cmd() // whatever the keys start happens, as in the program
		}
	}
	msg := claim()
	m.Update(msg)
	before := m.s.Answers()
	for _, k := range []string{"1", "2", "enter"} { // typed ahead, straight after
		m.Update(keyPress(k))
	}
	_ = m.View() // the status line once indexed the empty drafts list here
	if m.screen == draftsScreen || m.confirmDiscard {
		t.Fatalf("after the draft opened: screen %v, discard question %v", m.screen, m.confirmDiscard)
	}
	if got := m.s.Answers(); !reflect.DeepEqual(got, before) {
		t.Errorf("keys typed while the draft opened answered it:\n got %v\nwant %v", got, before)
	}
	if ds, _ := st.ListDrafts(0); len(ds) != 1 {
		t.Errorf("the draft was discarded by keys typed while it opened: %d drafts", len(ds))
	}
}
