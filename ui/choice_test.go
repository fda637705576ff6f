package ui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"digicheck/questionnaire"
)

// TestAnUntouchedSingleChoiceCannotBeSubmitted: a single choice starts with
// nothing chosen, and enter alone records nothing and stays on the
// question, saying how to answer it. The optional section's first question
// is a choice like any other.
func TestAnUntouchedSingleChoiceCannotBeSubmitted(t *testing.T) {
	t.Parallel()
	o := testOptions((&memStore{}).Save)
	d := newDriver(t, o, 80, 24)
	enterPatient(d)
	d.press("x", "enter")
	d.waitFor("How do you get online?")
	d.press("x", "enter")
	d.waitFor("Do you run out of data", "1 ( ) No, never", "2 ( ) Sometimes", "3 ( ) Often")
	if strings.Contains(d.screen(), "(•)") {
		t.Fatalf("an answer starts chosen:\n%s", d.screen())
	}
	d.press("enter", "enter")
	d.waitFor("Access · 1 of 5", "Do you run out of data", choiceHelp)
	if strings.Contains(d.screen(), "(•)") || len(d.m.s.Answers()) != 0 {
		t.Fatalf("enter alone chose an answer (answers %v):\n%s", d.m.s.Answers(), d.screen())
	}
	if f := d.m.sections[0].form.focused(); f == nil || f.values() != nil {
		t.Fatalf("the question holds a value nobody gave")
	}

	d.press("2")
	d.waitFor("Skills · 2 of 5")
	toEquityFromSkills(d)
	d.waitFor("( ) Yes, ask them", "( ) No, skip them")
	d.press("enter")
	d.waitFor(gateQuestion, choiceHelp)
	if d.m.screen != sectionScreen || d.m.s.Reached() != 4 {
		t.Fatalf("enter alone left the optional section's first question")
	}
}

// toEquityFromSkills answers Skills to Communication with number keys and
// stops at the optional section's first question.
func toEquityFromSkills(u ui) {
	u.press("x", "enter")
	u.waitFor("Does someone help you")
	u.press("1")
	u.waitFor("Would you like to do things")
	u.press("1")
	u.waitFor("How worried are you")
	u.press("1")
	u.waitFor("Has something bad happened")
	u.press("1")
	u.waitFor("Do you need information")
	u.press("x", "enter")
	u.waitFor("How often do you need someone")
	u.press("1")
	u.waitFor("How would you like us to contact you?")
	u.press("1")
	u.waitFor(gateQuestion)
}

// TestNumberKeysChooseAnswers: on a single choice a number chooses that
// option and moves on at once; on a multiple choice it ticks or unticks
// that option and stays, for enter to confirm; a number with no option
// is refused, and keys are ignored until esc.
func TestNumberKeysChooseAnswers(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)

	d.press("1", "3", "5", "3")
	d.waitFor("Which of these can you use", "[x] My own smartphone", "[ ] A shared or borrowed device", "[x] A landline phone only")
	d.press("9") // there is no ninth device
	d.waitFor("Which of these can you use", "[x] My own smartphone", `Not an answer: "9"`)
	d.press("esc", "enter")
	d.waitFor("How do you get online?", "✓ Devices: My own smartphone; A landline phone only")
	d.press("2", "enter")
	d.waitFor("Do you run out of data")

	d.press("4") // only three options
	d.waitFor("Do you run out of data", `Not an answer: "4" is not a key of this list`)
	d.press("esc", "3")
	d.waitFor("Skills · 2 of 5")

	want := questionnaire.Answers{
		questionnaire.LinkDevices:  {questionnaire.DevSmartphone, questionnaire.DevLandline},
		questionnaire.LinkInternet: {questionnaire.NetMobile},
		questionnaire.LinkAfford:   {"often"},
	}
	if !reflect.DeepEqual(d.m.s.Answers(), want) {
		t.Fatalf("answers %v, want %v", d.m.s.Answers(), want)
	}
}

// TestEscAtASectionStartGoesToThePreviousSectionsLastQuestion: back from
// a section's first question lands on the question asked just before it,
// the last of the section before, with its answer chosen.
func TestEscAtASectionStartGoesToThePreviousSectionsLastQuestion(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	d.press("x", "enter", "x", "enter", "3")
	d.waitFor("Skills · 2 of 5", "Which of these can you do on your own?")
	d.press("esc")
	d.waitFor("Access · 1 of 5", "Do you run out of data", "(•) Often",
		"✓ Devices: My own smartphone", "✓ Internet: Internet or wifi at home")

	d.press("enter")
	d.waitFor("Skills · 2 of 5")
	toEquityFromSkills(d)
	d.press("esc")
	d.waitFor("Communication and contact · 4 of 5", "How would you like us to contact you?", "(•) NHS App")

	// Back from the first section: the patient screen's last question.
	d.press("esc", "esc")
	d.waitFor("Do you need information")
	for range 10 {
		if d.m.screen == patientScreen {
			break
		}
		d.press("esc")
	}
	d.waitFor("New assessment", "Team (optional)", "✓ Clinician: Dr Ada Test")
}

// TestOnlyThreeReferralsAreShownFirst: the result shows the first three
// referrals, most useful first, and the rest behind m. Only those on
// screen need an answer; referrals never shown are kept apart from those
// offered, with no answer, and one shown by m but left unanswered was not
// discussed.
func TestOnlyThreeReferralsAreShownFirst(t *testing.T) {
	t.Parallel()
	want, err := questionnaire.V1.Assess(scenarioAnswers, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	refs := want.Recommendation.Referrals
	if len(refs) <= firstReferrals+1 {
		t.Fatalf("the scenario gives %d referrals: too few to hide some", len(refs))
	}

	t.Run("the rest unshown", func(t *testing.T) {
		t.Parallel()
		st := &memStore{}
		d := newDriver(t, testOptions(st.Save), 80, 24)
		enterPatient(d)
		answerSections(d)
		d.press("end", "enter")
		d.waitFor("Referrals", fmt.Sprintf("3 of %d shown · m shows the rest", len(refs)), refs[0].Name, "m more referrals")
		// The adjustments are shown whole, so at 80x24 the result
		// scrolls to the second and third.
		text, _ := d.m.resultText(d.m.contentWidth(), false)
		shown := ansi.Strip(text)
		for _, r := range refs[:3] {
			if !strings.Contains(shown, r.Name) {
				t.Fatalf("referral %q is not on the result:\n%s", r.Name, shown)
			}
		}
		if strings.Contains(shown, refs[3].Name) {
			t.Fatalf("a fourth referral is shown before m:\n%s", shown)
		}
		consents := answerReferrals(d, firstReferrals)
		saveReadBack(d)
		d.waitFor("Saved ·")
		got := d.m.Outcome().Saved[0]
		checkRecord(t, got, consents)
		for _, r := range got.Recommendation.Unshown {
			if r.Consent != "" {
				t.Errorf("unshown referral %s has consent %q", r.ProgrammeID, r.Consent)
			}
		}
	})

	t.Run("m shows the rest", func(t *testing.T) {
		t.Parallel()
		st := &memStore{}
		d := newDriver(t, testOptions(st.Save), 80, 24)
		enterPatient(d)
		answerSections(d)
		d.press("end", "enter")
		d.waitFor("Result")
		consents := answerReferrals(d, firstReferrals)
		d.press("m") // the consent keys move on to the first one shown now
		d.waitFor(fmt.Sprintf("all %d", len(refs)), "m fewer referrals")
		if !strings.Contains(flat(d.screen()), "> [ask ] "+refs[3].Name) || d.m.referral != firstReferrals {
			t.Fatalf("m did not open the fourth referral (keys answer %d):\n%s", d.m.referral, d.screen())
		}
		d.press("a") // the fourth agreed; the others shown, never answered
		consents = append(consents, questionnaire.Agreed)
		saveReadBack(d)
		d.waitFor("Saved ·")
		got := d.m.Outcome().Saved[0]
		if len(got.Recommendation.Unshown) != 0 {
			t.Errorf("%d referrals kept as unshown after m showed them all", len(got.Recommendation.Unshown))
		}
		for len(consents) < len(refs) {
			consents = append(consents, questionnaire.NotDiscussed)
		}
		checkRecord(t, got, consents)
	})
}

// TestNotDiscussedIsRecorded: n records a referral as not discussed with
// the patient: neither agreed nor declined, and enough to save.
func TestNotDiscussedIsRecorded(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	d := newDriver(t, testOptions(st.Save), 80, 24)
	enterPatient(d)
	answerSections(d)
	d.press("end", "enter")
	d.waitFor("Result", "n not discussed")
	readReferral(d)
	d.press("n")
	d.waitFor("[not discussed] " + d.m.referrals()[0].Name)
	d.press("down", "a", "down", "n")
	saveReadBack(d)
	d.waitFor("Saved ·")
	got := d.m.Outcome().Saved[0]
	checkRecord(t, got, []string{questionnaire.NotDiscussed, questionnaire.Agreed, questionnaire.NotDiscussed})
}

// blind types a scenario's keys without looking at the screen between
// them: every wait is skipped, so the keys reach the program in one burst.
type blind struct{ ui }

func (blind) waitFor(...string) {}

// seen is u, looking at the screen even where it types blind: for where a
// clinician typing in a burst stops to read.
func seen(u ui) ui {
	if b, ok := u.(blind); ok {
		return b.ui
	}
	return u
}

// TestABurstOfKeysLandsOnTheQuestionsInTurn: keys that arrive faster than
// the screen is drawn (a fast typist, a remote desktop that batches keys)
// each answer the question on screen when they are read, never one already
// left, so the record holds the answers meant. (A question an answer brings
// up holds the keys typed with that answer; answerSections waits there.)
func TestABurstOfKeysLandsOnTheQuestionsInTurn(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	p := startProgram(t, testOptions(st.Save), 80, 24)
	p.waitFor("Identifier")
	enterPatient(blind{p})
	answerSections(blind{p})
	p.waitFor("Review", "p  Patient")
	p.readReview()
	p.press("end")
	p.readReview() // its end, now on screen, is read
	p.press("enter")
	p.waitFor("Result")
	p.read()
	consents := answerReferrals(p, firstReferrals)
	saveReadBack(p)
	p.waitFor("Saved ·")
	p.press("q")
	saved := p.final().Outcome().Saved
	if len(saved) != 1 {
		t.Fatalf("saved %d records", len(saved))
	}
	checkRecord(t, saved[0], consents)
}

// TestKeysTypedStraightAfterARefusalAreIgnored: keys typed ahead of a
// refused answer were meant for a question that never came, so they are
// dropped until the refusal can have been read; esc still goes back.
func TestKeysTypedStraightAfterARefusalAreIgnored(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	d.press("x", "enter", "x", "enter")
	d.waitFor("Do you run out of data")
	d.m.refusalHold = time.Hour // no key comes after it in this test by itself
	d.press("enter", "3")
	if !strings.Contains(flat(d.screen()), "Keys typed after this were ignored") {
		t.Fatalf("the refusal does not say the keys after it were ignored:\n%s", d.screen())
	}
	if strings.Contains(d.screen(), "(•)") {
		t.Fatalf("a key typed straight after the refusal chose an answer:\n%s", d.screen())
	}
	d.m.refusalHold = 0 // the refusal has been read
	d.press("2")
	d.waitFor("Skills · 2 of 5")
	if got := d.m.s.Answers().One(questionnaire.LinkAfford); got != "sometimes" {
		t.Fatalf("afford %q, want sometimes", got)
	}

	// Esc is never held: it changes no answer.
	d.press("enter")
	d.waitFor("An answer is needed")
	d.m.refusalHold = time.Hour
	d.press("esc")
	d.waitFor("Access · 1 of 5", "(•) Sometimes")
}
