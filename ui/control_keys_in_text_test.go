package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"digicheck/questionnaire"
)

// A paste the terminal does not mark (a Windows console, a remote
// desktop's "type clipboard") reaches the program as keys: a line break
// as Ctrl+J, a tab as Tab. The text field dropped them without a word,
// so a cell pair "LS6<tab>2" was saved as the postcode LS62, and Ctrl+Z,
// Ctrl+V, Ctrl+G, Ctrl+L, Ctrl+S and Ctrl+Q vanished from what was typed.
// Such a key is refused where typed, as an escape sequence typed with
// text is, the text before it kept in view, and every key after it is
// ignored until Esc, so the rest of the paste answers nothing.

func TestAControlKeyTypedIntoTextIsRefusedAndTheKeysAfterItAreIgnoredUntilEsc(t *testing.T) {
	t.Parallel()
	for name, k := range map[string]tea.KeyPressMsg{
		"tab":        {Code: tea.KeyTab},
		"shift+tab":  {Code: tea.KeyTab, Mod: tea.ModShift},
		"line feed":  {Code: 'j', Mod: tea.ModCtrl},
		"ctrl+z":     {Code: 'z', Mod: tea.ModCtrl},
		"ctrl+v":     {Code: 'v', Mod: tea.ModCtrl},
		"ctrl+g":     {Code: 'g', Mod: tea.ModCtrl},
		"ctrl+l":     {Code: 'l', Mod: tea.ModCtrl},
		"ctrl+s":     {Code: 's', Mod: tea.ModCtrl},
		"ctrl+q":     {Code: 'q', Mod: tea.ModCtrl},
		"ctrl+space": {Code: tea.KeySpace, Mod: tea.ModCtrl},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d, f := openTeam(t)
			d.typeText("LS6")
			d.send(k)
			// The rest of the paste, slowly or not: it answers nothing.
			d.typeText("2")
			d.press("enter")
			if got := f.input.Value(); got != "LS6" {
				t.Fatalf("the field holds %q, want the %s refused and \"LS6\" kept as typed", got, name)
			}
			if d.m.activeForm() == nil || d.m.activeForm().focused() != f {
				t.Fatalf("the enter after the %s answered the question:\n%s", name, d.screen())
			}
			s := flat(d.screen())
			if !strings.Contains(s, "Not typed: ") || !strings.Contains(s, "Keys are being ignored until you press Esc") {
				t.Fatalf("the %s is not refused with the keys after it:\n%s", name, d.screen())
			}
			d.press("esc")
			d.waitFor("Keys are taken again")
			d.typeText("2")
			if got := f.input.Value(); got != "LS62" {
				t.Fatalf("typing after esc gives %q", got)
			}
		})
	}
}

// The keys that edit text (backspace, ctrl+a, ctrl+u, ctrl+w, ...) still
// edit it: they are no control characters typed as text.
func TestTheKeysThatEditTextStillEditIt(t *testing.T) {
	t.Parallel()
	d, f := openTeam(t)
	d.typeText("Ward 55")
	d.press("backspace")
	d.send(tea.KeyPressMsg{Code: 'a', Mod: tea.ModCtrl})
	d.send(tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl})
	if got := f.input.Value(); got != "ard 5" || d.m.ignoring {
		t.Fatalf("editing keys gave %q (ignoring %v):\n%s", got, d.m.ignoring, d.screen())
	}
}

// toOtherLanguage opens "What is the other language?", after choosing
// "Another language" for the interpreter.
func toOtherLanguage(t *testing.T) *driver {
	d := toLanguageList(t)
	d.press("end", "enter")
	d.waitFor("What is the other language?")
	return d
}

// TestALinePastedWithWindowsLineEndsAnswersNoQuestionAfterIt: an unmarked
// paste "Tigrinya\r\n1\r" in the other language's box: the CR answered
// it, the LF was dropped, and the pasted "1" answered "Do you need
// letters written in your own language?" (Yes), which nobody asked. The
// LF straight after the enter shows the two were a pasted line end: the
// enter is taken back, the box is back on screen holding "Tigrinya" with
// the refusal, and the keys after it answer nothing until Esc.
func TestALinePastedWithWindowsLineEndsAnswersNoQuestionAfterIt(t *testing.T) {
	t.Parallel()
	d := toOtherLanguage(t)
	sf := d.m.sections[d.m.current]
	f := sf.form.focused()
	d.m.refusalHold = time.Hour // one burst
	d.typeText("Tigrinya")
	d.press("enter")
	d.send(tea.KeyPressMsg{Code: 'j', Mod: tea.ModCtrl})
	d.typeText("1")
	d.press("enter")
	if got := sf.values()[questionnaire.LinkTranslated]; got != nil {
		t.Fatalf("the pasted 1 answered translated letters: %v\n%s", got, d.screen())
	}
	if sf.form.focused() != f || f.input.Value() != "Tigrinya" {
		t.Fatalf("the other language is not back on screen holding the text:\n%s", d.screen())
	}
	s := flat(d.screen())
	if !strings.Contains(s, "a line break (Ctrl+J)") || !strings.Contains(s, "Keys are being ignored until you press Esc") {
		t.Fatalf("the line break is not refused:\n%s", d.screen())
	}
	d.m.refusalHold = 0
	d.press("esc")
	d.press("enter")
	d.waitFor("Do you need letters written in your own language?", "✓ Other language: Tigrinya")
	if got := sf.values()[questionnaire.LinkLanguageOther]; !slices.Equal(got, []string{"Tigrinya"}) {
		t.Fatalf("other language: %v", got)
	}
}

// TestALineFeedThatComesLaterOnAListIsRefusedThere: a Ctrl+J on a list,
// not straight after an enter in a text box, is no key of the list: it is
// refused as other keys that are no answer, never dropped without a word.
func TestALineFeedOnAListIsRefusedAsNoKeyOfIt(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	f := d.m.activeForm().focused()
	d.m.refusalHold = time.Hour
	d.send(tea.KeyPressMsg{Code: 'j', Mod: tea.ModCtrl})
	d.press("1", "enter")
	if slices.Contains(f.ticked, true) || d.m.activeForm().focused() != f {
		t.Fatalf("keys after the line feed answered:\n%s", d.screen())
	}
	d.waitFor("a line break (Ctrl+J)")
}

// TestALineFeedAfterTheLastBoxOfASectionTakesItsEnterBack: the postcode is
// the last question before the review. "M1\r\n" pasted there, where the
// terminal does not mark a paste: the CR answered it and showed the review,
// where the LF was refused, and the review listed "Postcode M1" as an
// answer, unlike a line pasted in any other box. The enter is taken back as
// it is there: the box is back on screen holding its text, not yet an
// answer (a draft kept now holds it as not confirmed), the refusal is read
// whole at 80x24 and 60x20, and the keys pasted after it answer nothing
// until Esc; then Enter gives the answer.
func TestALineFeedAfterTheLastBoxOfASectionTakesItsEnterBack(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, testOptions((&memStore{}).Save), size[0], size[1])
			toEquity(d)
			d.press(askOptional)
			d.waitFor("Which age group are you in?")
			d.press("7")
			d.waitFor("disability or a long-term")
			d.press("1")
			d.waitFor("means-tested benefits")
			d.press("1")
			d.waitFor("Is English your main language?")
			d.press("1")
			d.waitFor("What is your ethnic group?")
			d.press("1", "enter")
			d.waitFor("first part of your postcode")
			sf := d.m.sections[d.m.current]
			f := sf.form.focused()
			d.m.refusalHold = time.Hour // one burst: the pasted line, then keys after it
			d.typeText("M1")
			d.press("enter")
			d.send(tea.KeyPressMsg{Code: 'j', Mod: tea.ModCtrl})
			d.press("enter")
			d.m.refusalHold = 0
			if d.m.screen != sectionScreen || d.m.sections[d.m.current] != sf || sf.form.done || sf.form.focused() != f || f.input.Value() != "M1" {
				t.Fatalf("the postcode box is not back on screen holding \"M1\":\n%s", d.screen())
			}
			s := flat(d.screen())
			for _, want := range []string{
				"a line break (Ctrl+J) came straight after the enter",
				"The text is kept, not yet an answer: check it with the patient.",
				"Keys are being ignored until you press Esc (it does not go back); then answer again. (1 key ignored.)",
			} {
				if !strings.Contains(s, want) {
					t.Fatalf("the screen does not say %q, whole:\n%s", want, d.screen())
				}
			}
			if !d.m.ignoring {
				t.Fatalf("keys after the line feed are taken:\n%s", d.screen())
			}
			draft, ok := d.m.draftNow(true)
			if !ok {
				t.Fatal("no draft to keep")
			}
			if v := draft.Answers[questionnaire.LinkPostcodeDistrict]; v != nil {
				t.Errorf("a draft kept now holds the postcode %v as an answer", v)
			}
			if v := draft.Unconfirmed[questionnaire.LinkPostcodeDistrict]; !slices.Equal(v, []string{"M1"}) {
				t.Errorf("a draft kept now holds the postcode as not confirmed %v, want [M1]", v)
			}

			d.press("esc")
			d.press("enter")
			d.waitFor("Review")
			if v := d.m.s.Answers()[questionnaire.LinkPostcodeDistrict]; !slices.Equal(v, []string{"M1"}) {
				t.Fatalf("the postcode given after esc is %v, want [M1]", v)
			}
		})
	}
}

// TestALineFeedAfterThePatientsLastBoxIsRefusedWhereItLandsReadWhole: the
// team is the last box of the patient's details. A team pasted there with
// a Windows line end: the CR answered it and showed the first question,
// where the LF is refused, naming the box, with the keys after it ignored
// until Esc, all of it read at 80x24 and at 60x20, whatever the length of
// the team: the refusal on the review ended, cut, at "then press the key".
func TestALineFeedAfterThePatientsLastBoxIsRefusedWhereItLandsReadWhole(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		for _, team := range []string{"Ward 5", "Community Respiratory and Heart Failure Team North"} {
			t.Run(fmt.Sprintf("%dx%d %s", size[0], size[1], team), func(t *testing.T) {
				t.Parallel()
				d := newDriver(t, testOptions((&memStore{}).Save), size[0], size[1])
				d.press("1")
				d.typeText(validNHS)
				d.press("enter")
				readName(d)
				d.press("enter")
				d.waitFor("Team (optional)")
				d.press(repeat("backspace", 10)...)
				d.m.refusalHold = time.Hour // one burst: the pasted line, then keys after it
				d.typeText(team)
				d.press("enter")
				d.send(tea.KeyPressMsg{Code: 'j', Mod: tea.ModCtrl})
				d.press("1", "enter")
				d.m.refusalHold = 0
				f := d.m.focusedField()
				if d.m.screen != sectionScreen || f == nil || slices.Contains(f.ticked, true) {
					t.Fatalf("the keys pasted after the team answered the first question:\n%s", d.screen())
				}
				s := flat(d.screen())
				for _, want := range []string{
					`Not an answer: a line break (Ctrl+J) came straight after the enter that answered "Team (optional)"`,
					"check that answer with the patient.",
					"Keys are being ignored until you press Esc (it does not go back); then answer again. (2 keys ignored.)",
				} {
					if !strings.Contains(s, want) {
						t.Fatalf("the screen does not say %q, whole:\n%s", want, d.screen())
					}
				}
			})
		}
	}
}
