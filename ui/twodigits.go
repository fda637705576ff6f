package ui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"digicheck/questionnaire"
)

// A long list (the interpreter's language, the ethnic group) has ten or
// more options: 1-9 choose the first nine, 0 the tenth, and the arrows
// reach the rest. The plain prompts number the same options 10, 11 and
// on, so a clinician types two digits for one: "1 0" chose option 1 at
// once (Polish, "White: British"), and the 0 went to the next question
// (the postcode box), or "1 1" answered it too (translated letters: Yes).
// A digit typed straight after a digit that chose on a long list, in the
// same burst (within refusalHold, the window of keys typed ahead), chooses
// nothing: the first choice is undone, the list is back on screen with
// both refused, and the keys after them are held as after any refused key.
// A digit that comes later answers the question then on screen, as on
// every other list: within the word hold (1.2 s) "2" then "3" a second
// apart were refused as the number 23, so a clinician who chose Romanian
// and then answered the next question (translated letters: No) had both
// undone. A digit that would begin a text box is the exception (below).
// A 1, which may begin a number the list has (10, 11), chooses nothing
// by itself (field.opensNumber): "1 1" typed half a second apart chose
// Polish and answered translated letters Yes; now it is option 11, at
// any pace, as the plain prompts read it.

// digitChoice is a single answer chosen by a digit on a long list, with
// the choice it replaced.
type digitChoice struct {
	fm             *form
	at             time.Time
	index          int    // the question in fm
	cursor, chosen int    // as they were before the digit
	first          string // the digit
}

// isDigit reports whether msg is a digit typed.
func isDigit(msg tea.KeyPressMsg) bool {
	return typedText(msg) && len(msg.Text) == 1 && msg.Text[0] >= '0' && msg.Text[0] <= '9'
}

// twoDigits refuses msg, and undoes the choice before it, when it is a
// digit typed straight after a digit that chose on a long list.
//
// Where the list's answer brought up a text box (the ethnic group's
// postcode), a digit that would begin its answer is the second digit
// however slowly it came within a run of a slow typist's keys: "1 2"
// typed a second and more apart recorded "White: British" and put the 2
// in the postcode box, whose answer begins with a letter. On a list after
// it, a digit after the word hold is that list's answer, read and given.
func (m *Model) twoDigits(msg tea.KeyPressMsg) bool {
	c := m.digitChose
	m.digitChose = nil
	if c == nil || !isDigit(msg) || m.activeForm() != c.fm || c.index >= len(c.fm.fields) {
		return false
	}
	hold := m.refusalHold
	if f := c.fm.focused(); f != nil && f.kind == freeText && (f.given || f.input.Value() == "") {
		hold = m.runGapLen()
	}
	if time.Since(c.at) >= hold {
		return false
	}
	fm := c.fm
	fm.done = false
	fm.moveTo(c.index)
	f := fm.focused()
	f.cursor, f.chosen = c.cursor, c.chosen
	f.notKey = true
	f.err = fmt.Errorf("Not an answer: %s: the options go up to %d.", questionnaire.Quote(c.first+msg.Text), len(f.options))
	m.chosenAt = time.Time{}
	// The first digit's choice is undone here, and said so; the answers
	// before it were typed ahead in a burst, question by question.
	m.acts = nil
	m.hold(heldAfterRefusal)
	m.ignoreKeys(f.err.Error())
	return true
}
