package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// An enter that keeps an answer brings up the next question, in an
// amendment (or a section opened again) holding the patient's answer too.
// An enter typed straight after it, out of habit, was taken there unread,
// however soon it came: only the first question of a section refused it.
// The number typed after it then ticked, unticked or changed the answer of
// the question after, which the last enter confirmed: "enter enter 2 3
// enter" in an amendment replaced "must not be phoned" with "must not be
// texted", saved so, ending a coded need, and "enter enter 1 enter" made a
// bad experience online "No". Every question that comes up holding an
// answer refuses an enter within the word hold of its coming, however it
// was reached, and the keys after it are ignored until esc.

// aisPatientV2 is a patient who needs easy read, always needs help to
// read, must be contacted through their carer and never by phone call,
// is very worried online and has been put off by a bad experience
// (instrument version 2): the needs section asks needs, reading help, how
// we must contact them and how we must not, one after another.
func aisPatientV2(t *testing.T) *driver {
	t.Helper()
	r := testkit.AssessedV2(t, testkit.Included(questionnaire.Answers{
		questionnaire.LinkCommNeeds: {questionnaire.NeedEasyRead}, questionnaire.LinkReadingHelp: {questionnaire.ReadAlways},
		questionnaire.LinkContactNeeds: {questionnaire.ContactCarer}, questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone},
		questionnaire.LinkWorry: {"very"}, questionnaire.LinkBadExperience: {"put-off"},
	}))
	o := testOptions((&memStore{}).Save)
	o.Clinician, o.Team = r.Clinician, r.Team
	o.Amend, o.AmendReason = &r, "reading help"
	d := newDriver(t, o, 80, 24)
	d.waitFor("Amend assessment", "Clinician")
	d.press("enter", "enter")
	d.waitFor("Amendment · Review")
	d.m.refusalHold = refusalHold // keys are held as at a terminal
	time.Sleep(wordHold)          // the review has been read
	return d
}

// keptRead keeps, with enter, the answer of the question in focus, titled
// question, once it has been on screen for longer than the word hold: the
// clinician read it. The next question comes up.
func keptRead(t *testing.T, d *driver, question string) {
	t.Helper()
	f := d.m.focusedField()
	if f == nil || !strings.Contains(flat(f.title), question) {
		t.Fatalf("%q is not in focus:\n%s", question, d.screen())
	}
	time.Sleep(wordHold + 100*time.Millisecond)
	d.press("enter")
	if d.m.focusedField() == f {
		t.Fatalf("an enter on %q, read, did not keep its answer:\n%s", question, d.screen())
	}
}

func TestAnEnterStraightAfterAnEnterThatKeptAnAnswerIsRefusedOnTheSecondQuestionOfAnAmendedSection(t *testing.T) {
	t.Parallel()
	d := aisPatientV2(t)
	sectionFromReview(t, d, "4", "Do you need information in a certain way?")
	// Needs read: "enter enter 2 3 enter" keeps them, and the rest came
	// to reading help, "Always": taken, the second enter kept it unread.
	keptRead(t, d, "Do you need information in a certain way?")
	d.waitFor("How often do you need someone to help you read")
	refusedEnterHoldsTheKeysAfterIt(t, d, "enter", "2", "3", "enter")
}

func TestAnEnterStraightAfterAnEnterThatKeptAnAnswerIsRefusedOnTheThirdQuestionOfAnAmendedSection(t *testing.T) {
	t.Parallel()
	d := aisPatientV2(t)
	sectionFromReview(t, d, "4", "Do you need information in a certain way?")
	keptRead(t, d, "Do you need information in a certain way?")
	// Reading help read: "enter enter 2 3 enter" keeps it, and the rest
	// came to "must we contact you in a certain way", "Through my carer":
	// taken, the second enter kept it unread, and "2 3" unticked "Phone
	// calls" and ticked "Text messages" on "must not", saved so.
	keptRead(t, d, "How often do you need someone to help you read")
	if f := d.m.focusedField(); f == nil || f.kind != manyOf {
		t.Fatalf("the third question of the needs is not a list of many answers:\n%s", d.screen())
	}
	refusedEnterHoldsTheKeysAfterIt(t, d, "enter", "2", "3", "enter")
	if f := d.m.focusedField(); f == nil || !slices.Equal(f.values(), []string{questionnaire.AvoidPhone}) {
		t.Errorf("must not contact is not as the patient said, phone calls:\n%s", d.screen())
	}
}

func TestAnEnterStraightAfterAnEnterThatKeptAnAnswerIsRefusedOnASingleAnswerOfAnAmendedSection(t *testing.T) {
	t.Parallel()
	d := aisPatientV2(t)
	sectionFromReview(t, d, "3", "Would you like to do things")
	// "Wants online" read: "enter enter 1 enter" keeps it, and the rest
	// came to "Very worried": taken, the second enter kept it unread, and
	// the 1 made a bad experience online "No".
	keptRead(t, d, "Would you like to do things")
	d.waitFor("How worried are you")
	refusedEnterHoldsTheKeysAfterIt(t, d, "enter", "1", "enter")
	if f := d.m.focusedField(); f == nil || !slices.Equal(f.values(), []string{"put-off"}) {
		t.Errorf("the bad experience is not as the patient said, put off:\n%s", d.screen())
	}
}

// TestAnEnterOnAQuestionAnEnterBroughtUpAnsweredIsTakenOnceItHasBeenRead:
// 1.3 s after an enter that kept an answer brought up the next question,
// answered, an enter keeps that answer too, refusing nothing.
func TestAnEnterOnAQuestionAnEnterBroughtUpAnsweredIsTakenOnceItHasBeenRead(t *testing.T) {
	t.Parallel()
	d := aisPatientV2(t)
	sectionFromReview(t, d, "4", "Do you need information in a certain way?")
	keptRead(t, d, "Do you need information in a certain way?")
	f := d.m.focusedField()
	if f == nil || !strings.Contains(flat(f.title), "How often do you need someone to help you read") {
		t.Fatalf("reading help is not in focus:\n%s", d.screen())
	}
	time.Sleep(1300 * time.Millisecond)
	d.press("enter")
	if d.m.focusedField() == f || strings.Contains(flat(d.screen()), "Enter not taken") {
		t.Fatalf("an enter 1.3 s after reading help came up was not taken:\n%s", d.screen())
	}
	if got := f.values(); len(got) != 1 || got[0] != questionnaire.ReadAlways {
		t.Errorf("reading help kept as %v, the patient said always", got)
	}
}
