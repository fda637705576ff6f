package ui

// refuseEnter refuses an enter that came on f, a question holding an
// answer, before it could be read (enterUnread), and ignores every key
// after it until esc, as after any key refused. Held only as long as the
// enter was, the keys typed after it in the same burst went on: a number
// meant for the next question ticked, unticked or changed the answer the
// patient gave on this one (a section opened again, every section of an
// amendment, a resumed draft), and the enter after it confirmed that. No
// wait tells a number typed for this question from one typed ahead for
// the next: only esc, which says the refusal was read, ends it, and it
// goes back nowhere. The arrows still move the highlight, choosing
// nothing.
func (m *Model) refuseEnter(f *field) {
	if f.kind == oneOf {
		// An arrow typed with it moved the highlight unread: back to
		// the answer given, which the enter after esc keeps.
		f.cursor = f.chosen
	}
	m.ignoreKeysThen(enterTooSoon, enterRefusedThen)
	m.notice = ""
	m.enterRefused = f
}

// enterRefusedThen is said after an enter refused on a question holding an
// answer (refuseEnter): keys are ignored until esc, and what to do then.
const enterRefusedThen = "Keys are ignored until Esc; then press enter to keep the answer, or choose another."

// enterRead is called as esc ends the keys ignored after an enter refused
// on f (refuseEnter), f still in focus: the refusal, over the question,
// was read, so the next enter keeps its answer, and the screen names the
// question the next key answers (the keys typed ahead were meant for the
// questions after it).
func (m *Model) enterRead() {
	f := m.enterRefused
	m.enterRefused = nil
	if f == nil || f != m.focusedField() {
		return
	}
	f.keepLen = 0
	m.notice = "Keys are taken again. Answer the question on screen first: " + f.title
}
