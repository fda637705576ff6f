package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

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
// answer. So it is where the enter completed a section (the postcode, the
// last box before the review, or the last box of any section): the review
// came up listing "Postcode M1" as an answer, only a refusal over it saying
// to check it, where a line pasted in any other box is no answer. Where
// the enter ended the patient's details (the team box), whose completion
// also looks up the patient, the line feed is refused where it lands,
// naming the answer the enter gave, so it is checked.

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
		f.takenBack = false
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
	m.reopenSection(te)
	if fm := m.activeForm(); fm == te.fm && !fm.done && te.index < len(fm.fields) && fm.fields[te.index] == te.f {
		fm.moveTo(te.index)
		f := te.f
		f.took, f.tookSet = nil, false
		f.takenBack = true
		f.notKey = true
		f.err = errors.New(lineEndTakenBack)
		m.hold(heldAfterRefusal)
		m.heldText = f
		m.ignoreKeys(f.err.Error())
		return true
	}
	name := te.f.summary
	if name == "" {
		name = te.f.title
	}
	say := m.lineEndLanded(name, te.f.text())
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

// lineEndLanded is said where a line feed lands straight after the enter
// that answered the text box named name with text and ended the screen
// (lineEnd): the answer named, to be checked. It is said whole, with what
// follows it (keys ignored until esc, counted), in the status's five
// lines: at 80x24 the refusal on the review ended at "then press the
// key", cut. Where the text is too long for that, it is left out: the
// box is named.
func (m *Model) lineEndLanded(name, text string) string {
	full := fmt.Sprintf("Not an answer: a line break (Ctrl+J) came straight after the enter that answered %q with %q, as at the end of a pasted line: check that answer with the patient.",
		name, questionnaire.Printable(text))
	with := full + " " + m.ignoredTail() + " (99 keys ignored.)"
	if w := m.contentWidth(); w <= 0 || strings.Count(ansi.Wrap(with, w, ""), "\n") < 5 {
		return full
	}
	return fmt.Sprintf("Not an answer: a line break (Ctrl+J) came straight after the enter that answered %q, as at the end of a pasted line: check that answer with the patient.", name)
}

// lineEndTakenBack is said on a text box whose enter a line feed straight
// after it took back (lineEnd): whole in the status's five lines at 60
// columns, with the keys ignored counted.
const lineEndTakenBack = "Not taken: a line break (Ctrl+J) came straight after the enter, as at the end of a pasted line. The text is kept, not yet an answer: check it with the patient."

// reopenSection shows again the section whose form the enter te noted
// completed, on the text box it answered, so that the enter can be taken
// back there as within a section: the next section (or the review) it
// brought up is left. The section's answers stay given to the session
// until it is completed again; the box's text is no answer meanwhile
// (field.takenBack).
func (m *Model) reopenSection(te *textEntered) {
	if !te.fm.done || te.index >= len(te.fm.fields) || te.fm.fields[te.index] != te.f {
		return
	}
	for k, sf := range m.sections {
		if sf == nil || sf.form != te.fm {
			continue
		}
		sf.form.done = false
		m.current = k
		m.screen = sectionScreen
		m.layout()
		return
	}
}
