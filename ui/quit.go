package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"digicheck/questionnaire"
)

// The question ctrl+c asks ("Discard this assessment?") follows the rules
// of the screens: its keys are y, k and n, lowercase, each taken only when
// typed on its own (take's wait), since a word typed after ctrl+c (a
// language, a name, a shell command) holds them: "Yoruba" discarded the
// assessment and quit, "Kurdish" and "digicheck" kept a draft and quit.
// Any other letter or digit is refused, saying so, with the rest of its
// burst. Discarding loses every answer, so y only asks again: a second y,
// typed on its own after that question is shown, discards. Esc keeps
// going at once, as n does.

// quitKeys are the dialog's letter keys: lowercase only, as on every
// other screen (Caps Lock, or a capital beginning a word, takes nothing).
var (
	quitYes  = key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "discard and quit"))
	quitSure = key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes, discard its answers and quit"))
	quitKeep = key.NewBinding(key.WithKeys("k"), key.WithHelp("k", "keep as a draft and quit"))
	quitNo   = key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "keep going"))
	quitBack = key.NewBinding(key.WithKeys("esc"))
	// quitFinish ends the run once a refused save's answers are kept in
	// a file the screen named (keptFile), the file left as it is: the
	// plain prompts' "Finish, with the answers kept in the file".
	quitFinish = key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "finish, answers kept in the file"))
)

// The file a refused save's answers and note were kept in is never
// deleted once the screen has named it: the clinician was told the
// answers stay there, and may have pasted its note, with its record id,
// into the patient record. From then on ctrl+c asks only whether to
// finish with the answers kept in it (f) or to keep going (n); y and k
// are no keys of it. ctrl+c after that refusal asked "Discard this
// assessment?", and y, y deleted the only copy, the run ending as if
// stopped.

// finishKept ends the run with the answers kept in the file named on
// screen (keptFile): not stopped, and not discarded. The command says
// where they are and ends as the plain prompts' finish does.
func (m *Model) finishKept() tea.Cmd {
	m.exit, m.interrupted = exitKeep, false
	return tea.Quit
}

// heldAfterQuit is said when keys typed with n (or esc) at the quit
// question are held: they were typed before the question was back.
const heldAfterQuit = "Keys typed straight after \"keep going\" were ignored: read the question, then answer it."

// askQuit shows the quit question; keys typed with ctrl+c are held.
func (m *Model) askQuit() {
	m.confirmQuit, m.quitSure = true, false
	m.alone = nil
	m.aloneDropped()
	m.hold(heldBeforeQuestion)
}

// quitKey is a key typed while the quit question is on screen.
func (m *Model) quitKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.heldAfterRefusal(msg) {
		// Typed before the question was on screen (a y typed with
		// ctrl+c, or with the first y), or with a key refused here.
		m.notice = heldBeforeQuestion
		if m.holdGoesOn {
			m.notice, m.problem = "", m.heldFor
		}
		return nil
	}
	if typedText(msg) {
		if !m.isQuitKey(msg) {
			m.refuseQuitTyped(msg.Text, false)
			return nil
		}
		return m.waitAlone(msg)
	}
	return m.quitAnswer(msg)
}

// isQuitKey reports whether msg, text typed, is a key of the quit question.
func (m *Model) isQuitKey(msg tea.KeyPressMsg) bool {
	if m.keptFile != "" {
		return key.Matches(msg, quitFinish) || key.Matches(msg, quitNo)
	}
	return key.Matches(msg, quitYes) || key.Matches(msg, quitNo) || (m.canKeep() && key.Matches(msg, quitKeep))
}

// refuseQuitTyped refuses text typed at the quit question, as refuseTyped
// does on the other screens, naming the keys that answer it.
func (m *Model) refuseQuitTyped(text string, together bool) {
	why := fmt.Sprintf("Not taken: %s is not a key here.", questionnaire.Quote(text))
	if together {
		why = fmt.Sprintf("Not taken: %s came as keys typed together, as in a word.", questionnaire.Quote(text))
	}
	if !together {
		why += capsHint(text, func(l string) bool { return m.isQuitKey(lowerKey(l)) })
	}
	m.hold(why)
	m.ignoreKeys(why)
}

// quitKeyWords names the keys of the quit question.
func (m *Model) quitKeyWords() string {
	if m.keptFile != "" {
		return "f or n"
	}
	if m.canKeep() {
		return "y, k or n"
	}
	return "y or n"
}

// quitAnswer takes a key of the quit question, typed on its own.
func (m *Model) quitAnswer(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case m.keptFile != "" && key.Matches(msg, quitFinish):
		return m.finishKept()
	case m.keptFile != "" && (key.Matches(msg, quitYes) || key.Matches(msg, quitKeep)):
		// Not a key of this question: nothing is discarded once the
		// file has been named.
		m.problem = fmt.Sprintf("Not taken: %s answers nothing here. Press %s on its own.", msg.String(), m.quitKeyWords())
	case key.Matches(msg, quitYes) && !m.quitSure:
		// Asked again: the answers would be lost for good.
		m.quitSure = true
		m.hold(heldBeforeQuestion)
	case key.Matches(msg, quitYes):
		m.exit, m.interrupted = exitDiscard, true
		return tea.Quit
	case m.canKeep() && key.Matches(msg, quitKeep):
		m.exit, m.interrupted = exitKeep, true
		return tea.Quit
	case key.Matches(msg, quitNo), key.Matches(msg, quitBack):
		m.confirmQuit, m.quitSure = false, false
		m.hold(heldAfterQuit)
		if !m.typedAt.IsZero() {
			// n waited to be seen typed on its own, with the question
			// under the stop question in view: only keys typed straight
			// after n itself are held, not an enter typed once the
			// question could be read (it was dropped, and the digit
			// meant for the next question went into the box).
			m.refusedAt = m.typedAt
		}
		// Keys ignored until esc when ctrl+c was pressed are ignored
		// again: only esc, with the refusal in view, ends that.
		m.resumeIgnoring()
	case key.Matches(msg, m.keys.Quit):
		// ctrl+c again: the question stays, for a key to answer it.
		m.problem = "The question is still open: press " + m.quitKeyWords() + " on its own to answer it."
	default:
		m.problem = fmt.Sprintf("Not taken: %s answers nothing here. Press %s on its own.", msg.String(), m.quitKeyWords())
	}
	return nil
}

// quitQuestionNow is the quit question as it stands: after y, whether to
// discard for good.
func (m *Model) quitQuestionNow(w int) string {
	if m.quitSure && m.storeRefuses() && m.drafter.isResumed(m.s.ID()) {
		// The store cannot remove the draft this was resumed from:
		// "all its answers will be lost" had the clinician believe it
		// gone, while a colleague could resume it.
		return "Quit without these answers? The store cannot remove this " + m.kindWord() + ": its draft stays in the store as it was when resumed, and will be offered again. Press y again to quit, or keep them."
	}
	if m.quitSure {
		return "Discard it for good? All its answers will be lost. Press y again to discard them, or keep them."
	}
	q := m.quitQuestion(w)
	if m.screen == outcomeScreen && m.outcomeForm != nil {
		if names := m.outcomeForm.unconfirmedReasons(m.s); len(names) > 0 {
			q += " Not confirmed with enter: " + strings.Join(names, ", ") + ". Kept as a draft, it is shown again to be confirmed."
		}
	}
	if m.screen == sectionScreen && m.sections[m.current] != nil {
		if names := m.sections[m.current].unconfirmed(); len(names) > 0 {
			// Kept, they are no answers: said before k, so that no
			// one takes them for given.
			q += " Not confirmed with enter: " + strings.Join(names, ", ") + ". Kept as a draft, it is shown again to be confirmed."
		}
	}
	return q
}

// quitHelp is the keys of the quit question.
func (m *Model) quitHelp(w int) string {
	return m.styles.helpLine(w, m.quitKeys()...)
}

// quitKeys are the keys that answer ctrl+c's question, as its help names
// them.
func (m *Model) quitKeys() []key.Binding {
	if m.keptFile != "" {
		// The file holds them whatever the store does: another program
		// may hold it again by the finish (quitQuestion).
		return []key.Binding{quitFinish, quitNo}
	}
	yes := quitYes
	if m.quitSure {
		yes = quitSure
		if m.storeRefuses() && m.drafter.isResumed(m.s.ID()) {
			// Its draft stays in the store (quitQuestionNow).
			yes.SetHelp("y", "yes, quit without these answers")
		}
	}
	if m.canKeep() {
		keep := quitKeep
		if m.storeRefuses() {
			// The store will not keep the draft: k keeps the answers
			// in a file instead (digicheck says where).
			keep.SetHelp("k", "keep in a file and quit")
		}
		return []key.Binding{yes, keep, quitNo}
	}
	return []key.Binding{yes, quitNo}
}

// storeRefuses reports whether the store will not take this assessment's
// draft: the last draft write was refused, or the store, or this
// patient's entries in it, were found damaged (the reminder on screen
// says so), before any draft was written. k then keeps the answers in a
// file: offered as "keep as a draft", it wrote a file on a patient whose
// entries were damaged, the resumed draft left as it was. A store held by
// another program as the run began (ReminderTillSaved) keeps drafts once
// it was let go and its drafts read (heldDrafts): the store keeps it.
func (m *Model) storeRefuses() bool {
	if m.opts.ReminderTillSaved && m.heldDrafts.read {
		return m.draftErr != nil
	}
	return m.draftErr != nil || m.opts.Reminder != ""
}

// foundAssessed reports whether the save that kept keptFile, tried again
// once the store was free, found the patient assessed already and was not
// confirmed as another assessment: the store refused nothing then, and a
// finish keeps the answers as a draft in it too, if it is still free.
func (m *Model) foundAssessed() bool {
	return m.keptFound && m.second != "" && !m.secondConfirmed
}
