package ui

import (
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestAnswersAreCopiedOnlyFromACompletedSection: a question on screen may
// hold a choice not yet confirmed, so nothing may reach the answers (or a
// draft) until the section's form is completed.
func TestAnswersAreCopiedOnlyFromACompletedSection(t *testing.T) {
	t.Parallel()
	o := testOptions((&memStore{}).Save)
	drafts := 0
	o.Draft = func(*store.Draft) error { drafts++; return nil }
	d := newDriver(t, o, 80, 24)
	enterPatient(d)
	d.press("x", "enter")
	d.waitFor("How do you get online?")
	d.press("x", "enter")
	d.waitFor("Do you run out of data")
	if len(d.m.s.Answers()) != 0 || drafts != 0 {
		t.Fatalf("answers %v and %d drafts before the section was completed", d.m.s.Answers(), drafts)
	}
	d.press("1") // No, never: chosen and confirmed at once
	d.waitFor("Skills · 2 of 5")
	want := questionnaire.Answers{
		questionnaire.LinkDevices:  {questionnaire.DevSmartphone},
		questionnaire.LinkInternet: {questionnaire.NetHome},
		questionnaire.LinkAfford:   {"never"},
	}
	if !reflect.DeepEqual(d.m.s.Answers(), want) || drafts != 1 {
		t.Fatalf("after the section: answers %v, %d drafts; want %v, 1", d.m.s.Answers(), drafts, want)
	}
}

// TestNoneOfTheseCannotBeCombined: the instrument's exclusive option is
// refused in the form, with its reason.
func TestNoneOfTheseCannotBeCombined(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	d.press("x")
	d.press(repeat("down", 5)...)
	d.press("x")
	d.waitFor("[x] My own smartphone", "[x] None of these")
	d.press("enter")
	d.waitFor("Which of these can you use", `"None of these" cannot be chosen with other answers`)
	if strings.Contains(d.screen(), "How do you get online?") {
		t.Fatal("went on with None of these and a smartphone")
	}
}

// TestAMultiChoiceNeedsAnAnswer: enter with nothing ticked stays put.
func TestAMultiChoiceNeedsAnAnswer(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	d.waitFor("Choose all that apply", "[ ] My own smartphone")
	d.press("enter")
	d.waitFor("Which of these can you use", "An answer is needed")
	if len(d.m.s.Answers()) != 0 {
		t.Fatalf("answers %v after enter with nothing ticked", d.m.s.Answers())
	}
}

// TestLanguageIsAskedOnlyWithAnInterpreter: the EnableWhen item is shown
// when its condition holds, and leaves no answer when it stops holding.
func TestLanguageIsAskedOnlyWithAnInterpreter(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toNeeds(d)
	d.press(repeat("down", 5)...)
	d.press("x", "enter")
	d.waitFor("Which language does the interpreter need to speak?")
	d.typeText("Polish")
	d.press("esc")
	d.waitFor("Do you need information in a certain way?")
	d.waitFor("[x] A spoken-language interpreter")
	d.press("x", "up", "up", "up", "up", "x", "enter") // interpreter off, large print on
	d.waitFor("How often do you need someone to help you read")
	d.press("1")
	d.waitFor("How would you like us to contact you?")
	d.press("1")
	d.waitFor("About you (optional)")
	if got := d.m.s.Answers()[questionnaire.LinkLanguage]; got != nil {
		t.Fatalf("language kept without an interpreter: %v", got)
	}
	if got := d.m.s.Answers()[questionnaire.LinkCommNeeds]; !reflect.DeepEqual(got, []string{questionnaire.NeedLargePrint}) {
		t.Fatalf("needs: %v", got)
	}
}

// toNeeds answers the first three sections, each single choice with its
// first option's number, and stops on the fourth.
func toNeeds(u ui) {
	toSkills(u, "1")
	u.press("x", "enter")
	u.waitFor("Does someone help you")
	u.press("1")
	u.waitFor("Would you like to do things")
	u.press("1")
	u.waitFor("How worried are you")
	u.press("1")
	u.waitFor("Has something bad happened")
	u.press("1")
	u.waitFor("Communication and contact · 4 of 5")
}

// toEquity answers the first four sections and stops at the optional one.
func toEquity(u ui) {
	toNeeds(u)
	u.press("x", "enter")
	u.waitFor("How often do you need someone")
	u.press("1")
	u.waitFor("How would you like us to contact you?")
	u.press("1")
	u.waitFor("About you (optional) · 5 of 5", gateQuestion)
}

// TestOptionalSectionIsSkippedWithOneKey: the equity questions are offered,
// with neither answer chosen (skipping is a choice too), skipped with one
// key, and leave nothing behind.
func TestOptionalSectionIsSkippedWithOneKey(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toEquity(d)
	d.waitFor("( ) Yes, ask them", "( ) No, skip them")
	d.press("enter")
	d.waitFor(gateQuestion, choiceHelp)
	d.press(skipOptional)
	d.waitFor("Review")
	d.press("end")
	d.waitFor("5  About you", "skipped (optional)")
	for _, it := range questionnaire.V1.Sections[4].Items {
		if v, ok := d.m.s.Answers()[it.LinkID]; ok {
			t.Errorf("skipped section left %s = %v", it.LinkID, v)
		}
	}
}

// TestOptionalQuestionCanBeLeftOut: inside the recorded equity section, the
// last option of each choice, "Skip this question", records nothing, not a
// real answer.
func TestOptionalQuestionCanBeLeftOut(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toEquity(d)
	d.press(askOptional)
	d.waitFor("Which age group are you in?", "1 ( ) 16 to 24", "9 ( ) Skip this question")
	d.press("1") // 16 to 24
	for _, q := range []string{"disability", "means-tested", "main language"} {
		d.waitFor(q, "4 ( ) Skip this question")
		d.press("4")
	}
	d.waitFor("ethnic group")
	d.press("end")
	d.waitFor("> 18 ( ) Skip this question")
	d.press("enter")
	d.waitFor("first part of your postcode")
	d.press("enter")
	d.waitFor("Review")
	got := map[string][]string{}
	for _, it := range questionnaire.V1.Sections[4].Items {
		if v, ok := d.m.s.Answers()[it.LinkID]; ok {
			got[it.LinkID] = v
		}
	}
	if want := map[string][]string{questionnaire.LinkAgeBand: {"16-24"}}; !reflect.DeepEqual(got, want) {
		t.Fatalf("equity answers %v, want %v", got, want)
	}
}

// TestEscGoesBackWithoutLosingAnswers: back question by question, from a
// section's first question to the last of the section before and on to the
// patient screen, then forward with every answer kept; and from the review
// to change one section.
func TestEscGoesBackWithoutLosingAnswers(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toSkills(d, "2")
	d.press("x") // ticked, not yet confirmed

	d.press("esc")
	d.waitFor("Access · 1 of 5", "Do you run out of data", "(•) Sometimes", "✓ Devices: My own smartphone")
	d.press("esc")
	d.waitFor("How do you get online?", "[x] Internet or wifi at home")
	d.press("esc")
	d.waitFor("Which of these can you use", "[x] My own smartphone")
	d.press("esc")
	d.waitFor("New assessment", "Team (optional)", "> Ward 5")
	d.press("esc", "esc", "esc")
	d.waitFor("New assessment", "Identifier", "(•) NHS number")
	d.press("esc") // the first question: nowhere further back
	d.waitFor("New assessment", "Identifier", "(•) NHS number")

	// Forward again: each question keeps what it held.
	d.press("enter")
	d.waitFor("NHS number: 10 digits", "> "+validNHS)
	d.press("enter")
	d.waitFor("Clinician", "> Dr Ada Test")
	d.press("enter")
	d.waitFor("Team (optional)", "> Ward 5")
	d.press("enter")
	d.waitFor("Access · 1 of 5", "[x] My own smartphone")
	d.press("enter")
	d.waitFor("How do you get online?", "[x] Internet or wifi at home")
	d.press("enter")
	d.waitFor("(•) Sometimes")
	d.press("enter")
	d.waitFor("Skills · 2 of 5", "[x] Read and reply to a text message")

	// From the review, change one answer of one section.
	answerRest(d)
	before := d.m.s.Answers().Clone()
	d.press("3")
	d.waitFor("Motivation and trust · 3 of 5", "(•) Yes")
	d.press("down", "enter") // yes, with some help
	d.waitFor("How worried are you", "(•) Not worried")
	d.press("enter")
	d.waitFor("Has something bad happened", "(•) No")
	d.press("enter")
	d.waitFor("Review")
	before[questionnaire.LinkWant] = []string{"with-help"}
	if !reflect.DeepEqual(d.m.s.Answers(), before) {
		t.Fatalf("after changing one answer:\n got %v\nwant %v", d.m.s.Answers(), before)
	}

	// Esc out of a section opened from the review changes nothing.
	d.press("1")
	d.waitFor("Access · 1 of 5")
	d.press("x", "esc")
	d.waitFor("Review")
	if !reflect.DeepEqual(d.m.s.Answers(), before) {
		t.Fatalf("esc from an edit changed the answers: %v", d.m.s.Answers())
	}
}

// answerRest finishes the assessment from the Skills section's first
// question, skipping the optional one.
func answerRest(u ui) {
	u.press("enter")
	u.waitFor("Does someone help you")
	u.press("1")
	u.waitFor("Would you like to do things")
	u.press("1")
	u.waitFor("How worried are you")
	u.press("1")
	u.waitFor("Has something bad happened")
	u.press("1")
	u.waitFor("Do you need information in a certain way?")
	u.press("x", "enter")
	u.waitFor("How often do you need someone")
	u.press("1")
	u.waitFor("How would you like us to contact you?")
	u.press("1")
	u.waitFor(gateQuestion)
	u.press(skipOptional)
	u.waitFor("Review")
}

// TestTooSmallWindowSaysSoAndRecovers: below 60x20 the screen says what to
// do, keys do nothing, and growing the window brings the question back with
// its answers.
func TestTooSmallWindowSaysSoAndRecovers(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	d.press("x")
	for _, size := range [][2]int{{59, 24}, {80, 19}, {40, 10}} {
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		d.waitFor("Make the window at least 60x20")
		d.press("down", "x", "enter")
	}
	d.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	d.waitFor("Access · 1 of 5", "> 1 [x] My own smartphone", "[ ] My own tablet or computer")
	checkFits(t, d.m.View().Content, 60, 20)
}

// TestSaveFailureIsShownAndCanBeRetried: a failed save says why, keeps
// everything on screen, never says Saved, and a retry saves the same record.
func TestSaveFailureIsShownAndCanBeRetried(t *testing.T) {
	t.Parallel()
	st := &memStore{fail: errDiskFull}
	d := newDriver(t, testOptions(st.Save), 80, 24)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved: disk full", "r retry save", "[declined     ] "+d.m.referrals()[1].Name)
	if strings.Contains(d.screen(), "Saved ·") || len(d.m.Outcome().Saved) != 0 {
		t.Fatalf("claims a save that failed:\n%s", d.screen())
	}
	d.press("r")
	d.waitFor("Saved ·", "Digital inclusion check")
	if st.Calls() != 2 || st.ids[0] != st.ids[1] {
		t.Fatalf("save calls %d with ids %v; want 2 with one id", st.Calls(), st.ids)
	}
	if n := len(d.m.Outcome().Saved); n != 1 {
		t.Fatalf("outcome lists %d records", n)
	}
}

// toReviewQuickly gets to the review with few keys.
func toReviewQuickly(u ui) {
	toSkills(u, "1")
	u.press("x")
	answerRest(u)
}

// TestEveryReferralMustBeAnsweredBeforeSaving: a referral on screen without
// the patient's answer would look like one made without asking.
func TestEveryReferralMustBeAnsweredBeforeSaving(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	d := newDriver(t, testOptions(st.Save), 80, 24)
	enterPatient(d)
	answerSections(d)
	d.press("end", "enter")
	d.waitFor("Result", "Barriers")
	n := len(d.m.referrals())
	if n < 2 {
		t.Fatalf("scenario gives %d referrals", n)
	}
	readReferral(d)
	d.press("a")
	d.press("enter")
	d.waitFor("(2 to go)")
	if st.Calls() != 0 {
		t.Fatal("saved with referrals unanswered")
	}
	// Going back to the review and returning keeps the answer given.
	d.press("esc")
	d.waitFor("Review")
	d.press("end", "enter")
	d.waitFor("Result")
	if got := d.m.referrals()[0].Consent; got != questionnaire.Agreed {
		t.Fatalf("consent after review and back: %q", got)
	}
}

// TestCopyPutsTheNoteOnTheClipboard: with no system clipboard, c on the
// saved screen sends the record's note by OSC 52 and says so.
func TestCopyPutsTheNoteOnTheClipboard(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toReviewQuickly(d)
	d.press("enter")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Saved ·")
	d.press("c")
	d.waitFor("Note sent to the terminal's clipboard (OSC 52)")
	if len(d.captured) != 1 {
		t.Fatalf("%d clipboard messages", len(d.captured))
	}
	got := reflect.ValueOf(d.captured[0]).String()
	if want := record.NoteWith(d.m.Outcome().Saved[0], record.NoteOptions{}); got != want {
		t.Fatalf("clipboard:\n%s\nwant:\n%s", got, want)
	}
}

// TestHandoutKeyShowsAndCopiesThePatientHandout: h on the saved screen
// shows the patient's handout in place of the note, c then copies the
// handout, and h again goes back to the note.
func TestHandoutKeyShowsAndCopiesThePatientHandout(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toReviewQuickly(d)
	d.press("enter")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Saved ·", "h patient handout")
	d.press("h")
	d.waitFor("Your contact and support plan", "How we will contact you", "c copy handout")
	d.press("c")
	d.waitFor("Handout sent to the terminal's clipboard (OSC 52)")
	rec := d.m.Outcome().Saved[0]
	large := rec.Answers.Has(questionnaire.LinkCommNeeds, questionnaire.NeedLargePrint)
	if got := reflect.ValueOf(d.captured[len(d.captured)-1]).String(); got != record.HandoutWith(rec, record.HandoutOptions{LargePrint: large}) {
		t.Fatalf("clipboard:\n%s\nwant the handout:\n%s", got, record.HandoutWith(rec, record.HandoutOptions{LargePrint: large}))
	}
	d.press("h")
	d.waitFor("Digital inclusion check", "c copy note")
}

// TestNewAssessmentStartsFromNothing: after a save, n gives fresh forms,
// with the team kept and the clinician offered (Tab), never filled.
func TestNewAssessmentStartsFromNothing(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toReviewQuickly(d)
	d.press("enter")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Saved ·")
	_, cmd := d.m.Update(keyPress("ctrl+c"))
	if !quits(cmd) {
		t.Fatal("ctrl+c after saving did not quit at once")
	}
	d.press("n")
	d.waitFor("New assessment", "Identifier")
	if len(d.m.s.Answers()) != 0 || d.m.s.Patient().Value != "" || d.m.patient.id.text() != "" {
		t.Fatalf("not fresh: answers %v, patient %+v", d.m.s.Answers(), d.m.s.Patient())
	}
	d.press("1")
	d.waitFor("NHS number: 10 digits")
	d.typeText(validNHS)
	d.press("enter")
	d.waitFor("Clinician", "Tab for Dr Ada Test")
	d.press("tab")
	d.waitFor("> Dr Ada Test")
	d.press("enter")
	d.waitFor("Team (optional)", "> Ward 5")
	d.press("enter")
	d.waitFor("[ ] My own smartphone")
	if strings.Contains(d.screen(), "[x]") || strings.Contains(d.screen(), "✓") {
		t.Fatalf("a fresh section shows ticks:\n%s", d.screen())
	}
}

// TestPrintableKeysGoIntoTextInputs: while a text input has focus, letters
// that are keys elsewhere (quit, new, patient, section numbers) are text.
func TestPrintableKeysGoIntoTextInputs(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toNeeds(d)
	d.press(repeat("down", 5)...)
	d.press("x", "enter")
	d.waitFor("Which language")
	for _, k := range []string{"q", "n", "y", "p", "1", "c", "s", "a", "d"} {
		_, cmd := d.m.Update(keyPress(k))
		if quits(cmd) {
			t.Fatalf("%q quit from a text input", k)
		}
	}
	d.waitFor("> qnyp1csad", "Which language")
}

// TestEveryQuestionFits walks every question at 80x24 and at 60x20 and
// checks that the question, its first and its last option can be seen, and
// that the screen is exactly the window's size.
func TestEveryQuestionFits(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		w, h := size[0], size[1]
		d := newDriver(t, testOptions((&memStore{}).Save), w, h)
		enterPatient(d)
		seen := 0
		for d.m.screen == sectionScreen {
			sf := d.m.sections[d.m.current]
			b := sf.focused()
			if b == nil { // the optional section's first question
				d.press(askOptional)
				continue
			}
			it := b.item
			seen++
			checkFits(t, d.m.View().Content, w, h)
			title := ansi.Truncate(strings.Fields(it.Text)[0]+" "+strings.Fields(it.Text)[1], w, "")
			if it.Type == questionnaire.Text {
				d.waitFor(title)
				if it.LinkID == questionnaire.LinkPostcodeDistrict {
					d.typeText("LS6")
				} else {
					d.typeText("Polish")
				}
				d.press("enter")
				continue
			}
			first, last := it.Options[0].Text, it.Options[len(it.Options)-1].Text
			if !it.Required && it.Type == questionnaire.Choice {
				last = "Skip this question"
			}
			d.waitFor(title, first)
			d.press("end")
			d.waitFor(title, last)
			checkFits(t, d.m.View().Content, w, h)
			d.press("home")
			d.waitFor(title, first)
			switch {
			case it.LinkID == questionnaire.LinkCommNeeds:
				d.press(repeat("down", 5)...) // the interpreter, to bring in its language
				d.press("x")
			case it.Type == questionnaire.MultiChoice:
				d.press("x")
			}
			d.press("enter")
		}
		if want := len(questionnaire.V1.Items()); seen != want {
			t.Errorf("%dx%d: walked %d questions, want %d", w, h, seen, want)
		}
		d.waitFor("Review")
	}
}

// flat is a screen with its lines joined and runs of spaces made one, so
// text wrapped across lines can be found whole.
func flat(screen string) string { return strings.Join(strings.Fields(screen), " ") }

// checkFits fails unless the frame is exactly h lines of at most w cells.
func checkFits(t *testing.T, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) != h {
		t.Errorf("frame has %d lines, want %d:\n%s", len(lines), h, plain(frame))
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line %d is %d cells wide, want at most %d: %q", i, n, w, ansi.Strip(l))
		}
	}
}

// TestEveryScreenFitsTheSmallestWindow: patient, review, result and saved
// screens are exactly 60x20, and the referral being asked about is named
// in full, wrapped, not cut.
func TestEveryScreenFitsTheSmallestWindow(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 60, 20)
	checkFits(t, d.m.View().Content, 60, 20)
	enterPatient(d)
	answerSections(d)
	checkFits(t, d.m.View().Content, 60, 20)
	d.press("end", "enter")
	d.waitFor("Result")
	d.press("m") // every referral, to meet the longest name
	for _, r := range d.m.referrals() {
		checkFits(t, d.m.View().Content, 60, 20)
		if scr := flat(d.screen()); !strings.Contains(scr, "> [ask ] "+r.Name+" · for") {
			t.Errorf("the referral asked about is not named in full:\n%s", d.screen())
		}
		d.press("a", "down")
	}
	d.press("enter")
	d.waitFor(confirmAsk) // the answers read back: scrolled to their end, enter saves
	checkFits(t, d.m.View().Content, 60, 20)
	d.press("end", "enter")
	d.waitFor("Saved ·")
	checkFits(t, d.m.View().Content, 60, 20)
}

// TestConsentKeysNameTheReferralTheyAnswer: the result opens at the top, and
// until the referral the consent keys answer is on screen, the status line
// names it; the arrows read down to it before stepping between referrals.
//
// At 60x20 the first referral opens below the bottom of the screen.
func TestConsentKeysNameTheReferralTheyAnswer(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 60, 20)
	enterPatient(d)
	answerSections(d)
	d.press("end", "enter")
	first := d.m.referrals()[0].Name
	d.waitFor("Barriers", "▼ a/d/n will answer: "+first[:30])
	sawAdjustments := false
	for i := 0; i < 40 && strings.Contains(d.screen(), "a/d/n will answer"); i++ {
		d.press("down")
		sawAdjustments = sawAdjustments || strings.Contains(d.screen(), "Adjustments")
		if d.m.referral != 0 {
			t.Fatalf("down stepped to referral %d before the first was read", d.m.referral)
		}
	}
	if !strings.Contains(flat(d.screen()), "> [ask ] "+first) {
		t.Fatalf("the first referral is not in view:\n%s", d.screen())
	}
	if !sawAdjustments {
		t.Error("the adjustments were jumped over on the way to the referrals")
	}
	d.press("down")
	if !strings.Contains(flat(d.screen()), "> [ask ] "+d.m.referrals()[1].Name) {
		t.Fatalf("down did not open the second referral:\n%s", d.screen())
	}
	if d.m.referral != 1 {
		t.Fatalf("down with the first referral in view went to %d", d.m.referral)
	}
}

// TestSaveRunsInACommand: Update never writes; the save happens when the
// program runs the command Update returned, and only its result says Saved.
func TestSaveRunsInACommand(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	d := newDriver(t, testOptions(st.Save), 80, 24)
	toReviewQuickly(d)
	d.press("enter")
	answerReferrals(d, firstReferrals)
	d.press("enter")
	d.waitFor(confirmAsk) // the answers read back
	_, cmd := d.m.Update(keyPress("enter"))
	if st.Calls() != 0 {
		t.Fatal("Save was called inside Update")
	}
	d.waitFor("Saving…")
	if strings.Contains(d.screen(), "Saved ·") {
		t.Fatal("says Saved before the save ran")
	}
	d.run(cmd)
	if st.Calls() != 1 {
		t.Fatalf("Save called %d times by the command", st.Calls())
	}
	d.waitFor("Saved ·")
}

// TestEscLeavesARefusedNumber: a refused number must not trap the
// clinician on its page.
func TestEscLeavesARefusedNumber(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	d.press("1")
	d.waitFor("NHS number: 10 digits")
	d.typeText(nineDigitNHS)
	d.press("enter")
	d.waitFor("an NHS number has 10 digits")
	d.press("esc")
	d.waitFor("Identifier", "(•) NHS number")
	d.press("2") // a local number instead
	d.waitFor("Number", "Local hospital number: letters", "> "+nineDigitNHS)
	d.press("enter")
	d.waitFor("Clinician", "Patient: Local "+nineDigitNHS)
}

// focused (for tests) returns the binding of the focused question, or nil on the gate.
func (sf *sectionForm) focused() *binding {
	f := sf.form.focused()
	for _, b := range sf.bindings {
		if b.field == f {
			return b
		}
	}
	return nil
}

// TestTypingReplacesAGivenNameAndEnterKeepsIt: the clinician and team
// questions open with the login name and the last team. Typing over them
// must replace them (a fast typist who does not clear the box first saved
// "rootDr X" once), enter must keep them, and an arrow or backspace edits
// them in place. A paste replaces them too.
func TestTypingReplacesAGivenNameAndEnterKeepsIt(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name          string
		clinician     func(d *driver)
		team          func(d *driver)
		wantClinician string
		wantTeam      string
	}{
		{"typed over", func(d *driver) { d.typeText("Dr X") }, func(d *driver) { d.typeText("W") }, "Dr X", "W"},
		{"kept with enter", func(d *driver) {}, func(d *driver) {}, "Dr Ada Test", "Ward 5"},
		{"edited after an arrow", func(d *driver) { d.press("left"); d.typeText("s") }, func(d *driver) { d.press("backspace"); d.typeText("6") }, "Dr Ada Tesst", "Ward 6"},
		{"pasted over", func(d *driver) { d.send(tea.PasteMsg{Content: "Nurse Y\n"}) }, func(d *driver) {}, "Nurse Y", "Ward 5"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := &memStore{}
			d := newDriver(t, testOptions(st.Save), 80, 24)
			d.press("1")
			d.typeText(validNHS)
			d.press("enter")
			d.waitFor("Clinician", "enter keeps this; typing replaces it")
			tt.clinician(d)
			d.press("enter")
			d.waitFor("Team (optional)", "✓ Clinician: "+tt.wantClinician)
			tt.team(d)
			d.press("enter")
			d.waitFor("Access · 1 of 5")
			answerSections(d)
			d.press("end", "enter")
			d.waitFor("Result", "Barriers")
			answerReferrals(d, firstReferrals)
			saveReadBack(d)
			d.waitFor("Saved ·")
			saved := d.m.Outcome().Saved
			if len(saved) != 1 {
				t.Fatalf("saved %d records", len(saved))
			}
			if rec := saved[0]; rec.Clinician != tt.wantClinician || rec.Team != tt.wantTeam {
				t.Errorf("saved clinician %q, team %q; want %q, %q", rec.Clinician, rec.Team, tt.wantClinician, tt.wantTeam)
			}
		})
	}
}
