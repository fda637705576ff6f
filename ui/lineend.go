package ui

import (
	"errors"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"digicheck/questionnaire"
)

// Text pasted where the terminal does not mark a paste (a Windows
// console, a remote desktop's "type clipboard") reaches the program as
// keys, its Windows line ends as Enter then Ctrl+J. In a text box the CR
// answered the question, the LF was dropped, and the next pasted line
// answered the question after it: "Tigrinya\r\n1\r" in the other
// language's box saved "Translated letters: Yes", never asked. An enter
// in a text box followed at once (within refusalHold, in the same burst)
// by a line feed was such a line end: the enter is taken back, the box is
// back on screen holding its text, not yet an answer, with the refusal,
// and every key after it is ignored until esc, as after a key that is no
// answer. Where the enter ended the screen (the last box of the patient's
// details, the postcode before the review), the line feed is refused where
// it lands, naming the answer the enter gave, so it is checked.

// textEntered is an enter that answered a text question, in a form.
type textEntered struct {
	fm    *form
	index int
	f     *field
	at    time.Time
}

// noteTextEnter notes that msg, an enter, answered f, the text question
// fm held at index.
func (m *Model) noteTextEnter(fm *form, index int, f *field, msg tea.KeyPressMsg) {
	m.textEnter = nil
	if f != nil && f.kind == freeText && key.Matches(msg, fieldEnter) && f.err == nil && (fm.done || fm.focused() != f) {
		m.textEnter = &textEntered{fm: fm, index: index, f: f, at: time.Now()}
	}
}

// lineEnd refuses, and reports, a line feed that came straight after an
// enter that answered a text question.
func (m *Model) lineEnd(msg tea.KeyPressMsg) bool {
	te := m.textEnter
	if !isLineFeed(msg) {
		if !key.Matches(msg, fieldEnter) {
			m.textEnter = nil
		}
		return false
	}
	m.textEnter = nil
	if te == nil || time.Since(te.at) >= m.refusalHold {
		if m.focusedField() != nil || (m.screen != reviewScreen && m.screen != resultScreen) {
			// A question refuses it itself (field.update).
			return false
		}
		why := "Not taken: a line break (Ctrl+J) is not a key of this screen; text pasted where the terminal does not mark a paste comes as keys, and answers nothing here."
		m.aloneDropped()
		m.hold(why)
		m.ignoreKeys(why)
		return true
	}
	what := "not taken: a line break (Ctrl+J) came straight after the enter, as at the end of a line pasted where the terminal does not mark a paste"
	if fm := m.activeForm(); fm == te.fm && !fm.done && te.index < len(fm.fields) && fm.fields[te.index] == te.f {
		fm.moveTo(te.index)
		f := te.f
		f.took, f.tookSet = nil, false
		f.notKey = true
		f.err = errors.New(what + ": the text is kept here, not yet an answer; check it with the patient, then press enter.")
		m.hold(heldAfterRefusal)
		m.heldText = f
		m.ignoreKeys(f.err.Error())
		return true
	}
	name := te.f.summary
	if name == "" {
		name = te.f.title
	}
	say := fmt.Sprintf("Not an answer: a line break (Ctrl+J) came straight after the enter that answered %q with %q, as at the end of a line pasted where the terminal does not mark a paste: check that answer with the patient.",
		name, questionnaire.Printable(te.f.text()))
	if f := m.focusedField(); f != nil {
		if f.kind == oneOf {
			f.cursor = f.chosen
		}
		f.notKey = true
		f.err = errors.New(say)
	}
	m.hold(heldAfterRefusal)
	m.ignoreKeys(say)
	return true
}
