package ui

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"digicheck/questionnaire"
)

// A clinician types a number, then enter about 0.6 s later, out of habit.
// When the number changes the screen (a section's number on the review, a
// number that answers and brings up the next question), the enter comes
// to a question already holding an answer (an answer given before, kept
// by an amendment or a follow-up): taken there, it kept that answer
// unread, and every number after it landed one question late, saved so.
// An enter that follows a key that changed the question within the word
// hold is refused there, and said, and the keys after it are ignored until
// esc: no wait tells a number meant for this question from one typed
// ahead for the next.

// pacer delivers keys at a typist's pace, with the model's timers (a key
// on the review waiting to be seen typed on its own) running as at a
// terminal, between keys and not before the next key.
type pacer struct {
	d    *driver
	msgs chan tea.Msg
}

func newPacer(d *driver) *pacer { return &pacer{d: d, msgs: make(chan tea.Msg, 64)} }

func (p *pacer) do(cmd tea.Cmd) {
	if cmd == nil || isBlink(cmd) {
		return
	}
	go func() { p.msgs <- cmd() }()
}

func (p *pacer) deliver(msg tea.Msg) {
	if msg == nil {
		return
	}
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			p.do(c)
		}
		return
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		for i := 0; i < v.Len(); i++ {
			p.do(v.Index(i).Interface().(tea.Cmd))
		}
		return
	}
	switch reflect.TypeOf(msg).String() {
	case "tea.setClipboardMsg", "tea.windowSizeMsg", "tea.backgroundColorMsg":
		return
	}
	_, cmd := p.d.m.Update(msg)
	p.do(cmd)
}

// wait lets time pass, delivering what the model's commands send.
func (p *pacer) wait(d time.Duration) {
	end := time.After(d)
	for {
		select {
		case msg := <-p.msgs:
			p.deliver(msg)
		case <-end:
			return
		}
	}
}

// keys types each key, then waits gap.
func (p *pacer) keys(gap time.Duration, keys ...string) {
	for _, k := range keys {
		_, cmd := p.d.m.Update(keyPress(k))
		p.do(cmd)
		p.wait(gap)
	}
}

// numberThenEnter is the clinician's pace: enter 0.6 s after the number,
// the next number 0.6 s after the enter.
const numberThenEnter = 600 * time.Millisecond

// TestASectionChangedFromTheReviewAtNumberThenEnterPaceKeepsEveryAnswer:
// from the review, "3 enter 3 enter 3 enter 1 enter" at number-then-enter
// pace opens Motivation, answers its three questions No, Very worried,
// No, and comes back to the review: no enter keeps an old answer, and no
// number lands one question late. Each enter that comes to a question
// holding an answer is refused, said, and the keys after it ignored until
// esc, pressed once the refusal is read, before the next number.
func TestASectionChangedFromTheReviewAtNumberThenEnterPaceKeepsEveryAnswer(t *testing.T) {
	t.Parallel()
	d, _ := atReview(t)
	p := newPacer(d)
	p.keys(numberThenEnter, "3", "enter")
	if d.m.screen != sectionScreen || d.m.activeForm().cur != 0 {
		t.Fatalf("the enter 0.6 s after the section's number was taken by its first question:\n%s", d.screen())
	}
	if s := flat(d.screen()); !strings.Contains(s, enterTooSoon) {
		t.Fatalf("the enter refused on the question opened was not said:\n%s", d.screen())
	}
	p.keys(numberThenEnter, "3")
	if f := d.m.activeForm().focused(); d.m.activeForm().cur != 0 || f.values()[0] != questionnaire.Yes {
		t.Fatalf("a number after the refused enter, before esc, answered:\n%s", d.screen())
	}
	p.wait(wordHold) // the refusal is read: an esc sooner is not taken
	p.keys(numberThenEnter, "esc", "3", "enter")
	if f := d.m.activeForm().focused(); d.m.activeForm().cur != 1 || !strings.Contains(flat(d.screen()), enterTooSoon) || f.values()[0] != "very" {
		t.Fatalf("the enter after the number that answered was not refused on the question it brought up:\n%s", d.screen())
	}
	p.wait(wordHold)
	p.keys(numberThenEnter, "esc", "3", "enter")
	p.wait(wordHold)
	p.keys(numberThenEnter, "esc", "1", "enter")
	p.wait(wordHold)
	if d.m.screen != reviewScreen {
		t.Fatalf("the section's answers did not come back to the review (screen %d):\n%s", d.m.screen, d.screen())
	}
	got := d.m.s.Answers()
	want := map[string]string{questionnaire.LinkWant: questionnaire.No, questionnaire.LinkWorry: "very", questionnaire.LinkBadExperience: questionnaire.No}
	for link, w := range want {
		if v := got[link]; !slices.Equal(v, []string{w}) {
			t.Errorf("%s: recorded %q, the patient said %q:\n%s", link, v, w, d.screen())
		}
	}
}

// TestAnEnterSoonAfterEscOnAnAnsweredQuestionKeepsNothing: esc goes back
// to a question holding its answer; an enter 0.6 s later is refused
// there, and said, and an enter after it is ignored however late it
// comes; once esc has taken keys again, enter keeps the answer.
func TestAnEnterSoonAfterEscOnAnAnsweredQuestionKeepsNothing(t *testing.T) {
	t.Parallel()
	d, _ := atReview(t)
	p := newPacer(d)
	p.keys(wordHold+300*time.Millisecond, "3") // Motivation, taken on its own
	p.wait(wordHold + 100*time.Millisecond)    // and on screen
	p.keys(wordHold+300*time.Millisecond, "2") // read, wants online: with some help, then read
	d.waitFor("How worried are you")
	p.keys(numberThenEnter, "esc", "enter")
	if f := d.m.activeForm().focused(); d.m.activeForm().cur != 0 || f.values()[0] != "with-help" {
		t.Fatalf("the enter 0.6 s after esc was taken by the question gone back to:\n%s", d.screen())
	}
	if !strings.Contains(flat(d.screen()), enterTooSoon) {
		t.Fatalf("the enter refused after esc was not said:\n%s", d.screen())
	}
	p.wait(wordHold)
	p.keys(0, "enter")
	if d.m.activeForm().cur != 0 {
		t.Fatalf("an enter after the refused one, before esc, kept the answer:\n%s", d.screen())
	}
	// Esc, apart from the enter ignored: one in its burst is not taken.
	p.wait(refusalHold + 100*time.Millisecond)
	p.keys(refusalHold, "esc")
	p.keys(0, "enter")
	d.waitFor("How worried are you")
}

// TestEntersOneAfterAnotherKeepAnswersOnlyAsEachQuestionIsRead: a section
// opened from the review and read, enters 0.6 s apart: the first keeps the
// answer read, and the second comes to a question the first brought up
// holding its answer, before it could be read. Taken, it kept that answer
// unread, and a number typed next changed the answer after it: it is
// refused, said, and the enter after it ignored until esc. Enters 1.3 s
// apart then keep the answers one after another, each read.
func TestEntersOneAfterAnotherKeepAnswersOnlyAsEachQuestionIsRead(t *testing.T) {
	t.Parallel()
	d, _ := atReview(t)
	p := newPacer(d)
	p.keys(wordHold+300*time.Millisecond, "3") // taken on its own
	d.waitFor("Motivation and trust · 3 of 5")
	p.wait(wordHold) // and read
	p.keys(numberThenEnter, "enter", "enter", "enter")
	if s := flat(d.screen()); d.m.screen != sectionScreen || d.m.activeForm().cur != 1 || !strings.Contains(s, enterTooSoon) || !strings.Contains(s, "(1 key ignored.)") {
		t.Fatalf("the enter straight after the one that kept the first answer was not refused on the question it brought up, with the enter after it ignored:\n%s", d.screen())
	}
	p.keys(numberThenEnter, "esc")
	p.keys(1300*time.Millisecond, "enter", "enter")
	if d.m.screen != reviewScreen {
		t.Fatalf("enters once each question was read did not keep the section's answers (screen %d):\n%s", d.m.screen, d.screen())
	}
	if s := flat(d.screen()); !strings.Contains(s, "Wants online Yes") || !strings.Contains(s, "Worry Very worried") || !strings.Contains(s, "Bad experience No") {
		t.Errorf("the section's answers are not the patient's:\n%s", d.screen())
	}
}
