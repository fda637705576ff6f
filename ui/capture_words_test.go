package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"digicheck/questionnaire"
)

// A word typed on a list (a language typed where a text box was expected,
// a name typed at the list of drafts) never becomes an answer: its first
// letter is refused on screen, and the rest of the word and the enter after
// it are dropped (DESIGN: "Capture that can be trusted").

// toLanguageList opens a draft whose needs include an interpreter and
// stops on the interpreter's language list (letters a and after are keys
// of its options past the tenth).
func toLanguageList(t *testing.T) *driver {
	o := testOptions(nil)
	o.Instrument = questionnaire.V2
	o.Drafts = offered(languageDraft(t))
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.press("enter")
	d.waitFor("Communication and contact")
	d.press("enter") // keeps the needs answered: an interpreter
	d.waitFor("Which language does the interpreter need to speak?")
	return d
}

// TestAWordTypedOnTheLanguageListChoosesNothing: "Turkish" and "Tigrinya"
// then enter, typed in one burst on the interpreter's language list, leave
// the question unanswered: j, k, g and G no longer move the highlight, and
// the a of "Tigrinya" (the key of "Another language") is dropped with the
// rest of the word.
func TestAWordTypedOnTheLanguageListChoosesNothing(t *testing.T) {
	t.Parallel()
	for _, word := range []string{"Turkish", "Tigrinya", "jjj", "G", "gk"} {
		t.Run(word, func(t *testing.T) {
			t.Parallel()
			d := toLanguageList(t)
			d.m.refusalHold = time.Hour // the word and its enter come in one burst
			d.typeText(word)
			d.press("enter")
			d.waitFor("Which language does the interpreter need to speak?",
				"Not an answer: \""+word[:1]+"\" is not a key of this list")
			if !strings.Contains(flat(d.screen()), "Keys are being ignored") {
				t.Fatalf("the screen does not say the keys after the refused one were ignored:\n%s", d.screen())
			}
			f := d.m.activeForm().focused()
			if f == nil || f.values() != nil || f.cursor != -1 {
				t.Fatalf("a word typed on the list answered it or moved the highlight:\n%s", d.screen())
			}
			if strings.Contains(d.screen(), "(•)") || strings.Contains(d.screen(), "> ") {
				t.Fatalf("an option is drawn chosen or highlighted after a word:\n%s", d.screen())
			}
		})
	}
}

// TestAWordTypedSlowlyOnAListIsDroppedWhileItComes: the hold after a
// refused letter lasts while the letters of the word keep coming, so a
// word typed at a clinician's pace does not choose "Another language" by
// its last letter once the first moment has passed.
func TestAWordTypedSlowlyOnAListIsDroppedWhileItComes(t *testing.T) {
	t.Parallel()
	d := toLanguageList(t)
	d.m.refusalHold = 150 * time.Millisecond
	for _, r := range "Tigrinya" {
		d.typeText(string(r))
		time.Sleep(100 * time.Millisecond)
	}
	d.press("enter")
	if f := d.m.activeForm().focused(); f == nil || f.values() != nil {
		t.Fatalf("a word typed at a steady pace answered the list:\n%s", d.screen())
	}
	d.waitFor("Which language does the interpreter need to speak?", `Not an answer: "T"`)
}

// TestALetterOnASingleChoiceIsRefusedNotAMove: on a list of numbered
// options, a letter is refused with a message and never moves the
// highlight; the arrows still move it, and enter chooses what they point at.
func TestALetterOnASingleChoiceIsRefusedNotAMove(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	d.press("x", "enter")
	d.waitFor("How do you get online?")
	d.press("x", "enter")
	d.waitFor("Do you run out of data")
	for _, k := range []string{"j", "G", "g", "k", "T"} {
		d.typeText(k)
		d.waitFor("Do you run out of data", `Not an answer: "`+k+`" is not a key of this list`)
		if strings.Contains(d.screen(), "> ") {
			t.Fatalf("%q moved the highlight:\n%s", k, d.screen())
		}
		d.press("esc") // the refusal read: keys are taken again
	}
	d.press("down", "down")
	d.waitFor("> 2 ( ) Sometimes")
	d.press("enter")
	d.waitFor("Skills · 2 of 5")
	if got := d.m.s.Answers().One(questionnaire.LinkAfford); got != "sometimes" {
		t.Fatalf("afford %q, want sometimes", got)
	}
}

// TestAWordTypedOnAMultiChoiceTicksNothing: the same on a list where
// every answer that applies is ticked.
func TestAWordTypedOnAMultiChoiceTicksNothing(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	d.m.refusalHold = time.Hour
	d.typeText("Tigrinya")
	d.press("enter")
	d.waitFor("Which of these can you use", `Not an answer: "T"`)
	if strings.Contains(d.screen(), "[x]") {
		t.Fatalf("a word ticked a device:\n%s", d.screen())
	}
}

// TestTheHighlightIsNotAnAnswer: the highlight is drawn apart from an
// answer, and a question left with the highlight on an option nobody chose
// comes back with nothing chosen: enter there chooses nothing.
func TestTheHighlightIsNotAnAnswer(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toSkills(d, "1")
	d.press("x", "enter")
	d.waitFor("Does someone help you")
	d.press("down", "down")
	d.waitFor("Does someone help you", "> 2 ( )")
	if strings.Contains(d.screen(), "(•)") {
		t.Fatalf("the highlight is drawn as an answer:\n%s", d.screen())
	}
	d.press("esc")
	d.waitFor("Skills · 2 of 5", "Which of these can you do on your own?", "[x] Read and reply")
	d.press("enter")
	d.waitFor("Skills · 2 of 5", "Does someone help you")
	if strings.Contains(d.screen(), "(•)") || strings.Contains(d.screen(), "> ") {
		t.Fatalf("the question came back with the highlight left on an option:\n%s", d.screen())
	}
	d.press("enter")
	d.waitFor("Does someone help you", choiceHelp)
	if got := d.m.s.Answers().One(questionnaire.LinkHelp); got != "" {
		t.Fatalf("help %q recorded from a highlight nobody chose", got)
	}
}

// TestTypingReplacesATextAnswerGoneBackTo: a text question gone back to
// holds its answer; enter keeps it, typing replaces it, and it says so,
// as every text question does (never "TigrinyaAmharic").
func TestTypingReplacesATextAnswerGoneBackTo(t *testing.T) {
	t.Parallel()
	lang := newText("What is the other language?", "", "", 40, nil)
	next := newChoice("Letters in your language?", "", []fieldOption{{"Yes", "yes"}, {"No", "no"}}, "", false, nil)
	fm := newFormOf(lang, next)
	for _, r := range "Tigrinya" {
		fm.update(keyPress(string(r)))
	}
	fm.update(keyPress("enter"))
	if fm.focused() != next {
		t.Fatal("enter did not move on")
	}
	if !fm.back() {
		t.Fatal("could not go back")
	}
	if got := plain(lang.render(newStyles(themeFor(true)), 80, 10)); !strings.Contains(got, "typing replaces it") {
		t.Fatalf("the text answer gone back to does not say typing replaces it:\n%s", got)
	}
	for _, r := range "Amharic" {
		fm.update(keyPress(string(r)))
	}
	fm.update(keyPress("enter"))
	if got := lang.values(); len(got) != 1 || got[0] != "Amharic" {
		t.Fatalf("typed over Tigrinya, the answer is %v, want Amharic", got)
	}
	fm.back()
	fm.update(keyPress("enter"))
	if got := lang.values(); len(got) != 1 || got[0] != "Amharic" {
		t.Fatalf("enter on the answer gone back to gave %v, want it kept", got)
	}
}

// TestABurstForANewAssessmentOpensNoDraft: the list of unfinished
// assessments is on screen and the clinician types a new patient as a
// burst, "1 9434766087 enter Nurse Bob enter". The digits are no choice on
// the list: the 1 is refused on screen, and the rest of the burst with it,
// so the enters resume no draft of another patient.
func TestABurstForANewAssessmentOpensNoDraft(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(draftAt(t, st))
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.m.refusedAt = time.Time{} // the list has been read
	d.m.refusalHold = time.Hour // every key below comes in one burst
	d.typeText("19434766087")
	d.press("enter")
	d.typeText("Nurse Bob")
	d.press("enter")
	d.waitFor("Unfinished assessments", `Not a choice here: "1"`)
	if d.m.screen != draftsScreen || d.m.claiming {
		t.Fatalf("a burst typed for a new assessment opened a draft:\n%s", d.screen())
	}

	// Once the refusal has been read (esc), the list works as before.
	d.m.refusalHold = 0
	d.press("esc", "n")
	d.waitFor("New assessment", "Identifier")
}

// TestLettersDoNotMoveTheDraftsList: j and k are not moves on the list of
// drafts (a name typed there would move it): they are refused; the arrows
// move.
func TestLettersDoNotMoveTheDraftsList(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(draftAt(t, st), draftAt(t, st))
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.m.refusedAt = time.Time{}
	d.typeText("j")
	d.waitFor("Unfinished assessments", `Not a choice here: "j"`)
	if d.m.draftCursor != 0 {
		t.Fatal("j moved the list")
	}
	d.press("down")
	if d.m.draftCursor != 1 {
		t.Fatal("down did not move the list")
	}
}

// TestAfterARefusedLetterXStillTicks: on a list where answers are ticked,
// a refused letter leaves the highlight where it was, so x still ticks the
// option highlighted once the refusal is read (esc).
func TestAfterARefusedLetterXStillTicks(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	d.press("down")
	d.typeText("q")
	d.waitFor("Which of these can you use", `Not an answer: "q"`)
	d.press("esc", "x")
	d.waitFor("> 2 [x] My own tablet or computer")
}

// TestTextPastedOnAListIsRefused: a paste on a list answers nothing and
// says so, and the enter typed after it chooses nothing.
func TestTextPastedOnAListIsRefused(t *testing.T) {
	t.Parallel()
	d := toLanguageList(t)
	d.m.refusalHold = time.Hour
	d.send(tea.PasteMsg{Content: "Tigrinya"})
	d.press("enter")
	d.waitFor("Which language does the interpreter need to speak?", "Not an answer: text pasted on a list is not taken")
	if f := d.m.activeForm().focused(); f == nil || f.values() != nil {
		t.Fatalf("a paste answered the list:\n%s", d.screen())
	}
}
