package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"digicheck/questionnaire"
)

// A key refused as no key of the screen (a letter or a digit on a list,
// on the review, the result, the saved screen, the list of drafts, or at
// a question answered by one key) was a word typed where a text box was
// expected, or keys meant for a question not on screen. No wait after it
// can tell the rest of that word from keys typed on purpose: a slow
// two-finger typist leaves more than a second between letters, and a hold
// of 1.2 s let "e x t r a" tick a skill, "Tigrinya" agree to referrals and
// "Spanish" print the handout, a key every 1.3 s. So after such a key,
// every key is ignored, however slowly it comes, until the clinician
// presses esc, which says they have read the refusal: esc then goes back
// nowhere. Only the arrows still act on a list, the result and the
// scrolled screens: they move the highlight or the text, and choose
// nothing; after a consent key refused on the result, they only scroll a
// referral off screen into view (refuseConsent). ctrl+c asks its question
// as ever.

// ignoreKeys begins ignoring keys after a key refused as no key of the
// screen; why is the refusal. It stays in view, with what to do now, for
// every key ignored after it, so the reason is never lost.
func (m *Model) ignoreKeys(why string) {
	m.ignoreKeysThen(why, m.ignoredTail())
}

// ignoreKeysThen is ignoreKeys saying tail, that keys are ignored until
// esc and what to do then, after why and what was taken back.
func (m *Model) ignoreKeysThen(why, tail string) {
	m.ignoring, m.consentLocked = true, false
	m.escRefusedAt = time.Time{}
	m.alone = nil
	m.ignoredN, m.ignoredAt = 0, time.Time{}
	say, number := m.takeBack()
	if number != "" {
		// "1 0" typed slowly: the 1 chose, and the 0 was refused on the
		// question after. Said on the question the 1 chose on, back on
		// screen, as two digits typed together are (twoDigits).
		if fm := m.activeForm(); fm != nil && fm.focused() != nil {
			f := fm.focused()
			why = fmt.Sprintf("Not an answer: %s, typed as one number: its %s chose an answer, which was taken back. %s", questionnaire.Quote(number), questionnaire.Printable(number[:1]), f.advice())
			f.err, f.notKey = errors.New(why), true
		}
	}
	m.ignoredSay = strings.TrimSpace(strings.TrimSpace(why)+" "+say) + " " + tail
	m.problem = m.ignoredSay
	m.highlightHeld = nil
	if f := m.focusedField(); f != nil && f.kind == oneOf && f.shownHeld {
		// The keys refused came before the answer could be read: the
		// arrows typed with them are as blind ("3 ↓ ↓" moved the
		// highlight off "Yes, with some help", and the enter after esc,
		// pressed to keep the answer, chose "I am not sure"). Read, and
		// a key of no answer refused ("x", a digit past the last): the
		// arrows pressed to look moved the highlight as well, and the
		// enter after esc chose the answer under it ("Often", "attended,
		// and it helped", which nobody gave).
		m.highlightHeld = f
	}
}

// refuseConsent refuses a consent key for a referral not yet read out
// (not wholly on screen, or not in view for the word hold) and ignores
// every key after it, the arrows too, until esc. The answers of the
// result are typed as pairs, "d ↓", "a ↓": held only a moment, or until
// no key had come for the word hold, the ↓ typed after a refused d was
// dropped and the highlight stayed, so the next pair, typed at an
// ordinary pace, answered the same referral, and every answer after it
// landed one referral early (a declined referral saved as agreed, an
// agreed one as not discussed). No wait can tell the next pair from an
// answer meant for the referral highlighted: only esc, which says the
// refusal was read, ends it, and it goes back nowhere. Pressing the key
// again gives the same refusal, counting the keys ignored.
func (m *Model) refuseConsent() {
	m.ignoring, m.consentLocked = true, true
	m.escRefusedAt = time.Time{}
	m.alone = nil
	m.ignoredN = 0
	m.ignoredSay = m.unseenReferralSay()
	m.problem, m.notice = m.ignoredSay, ""
}

// refuseOutcome refuses a key for a follow-up's "Did you go to …?" typed
// before the question could be asked (outcomeUnread), and ignores every
// key after it until esc, as refuseConsent does on the result. A digit
// there answers and moves on by itself, so clinicians type the answers of
// several questions ahead: held only a moment, the key typed ahead for
// the question after, at an ordinary pace, answered this one, and every
// answer after it landed one question early. No wait can tell it from an
// answer meant for this question: only esc, which says the refusal was
// read, ends it, and it goes back nowhere. The arrows still move the
// highlight, choosing nothing, as after any refused key on a list.
func (m *Model) refuseOutcome(msg tea.KeyPressMsg) {
	m.ignoring, m.consentLocked = true, false
	m.escRefusedAt = time.Time{}
	m.alone = nil
	m.ignoredN = 0
	m.ignoredSay = outcomeRefused(keyName(msg))
	m.problem, m.notice = m.ignoredSay, ""
}

// ignoredTail says, after a refusal, that keys are ignored until esc.
func (m *Model) ignoredTail() string {
	return "Keys are being ignored until you press Esc (it does not go back); then " + m.answerAgain() + "."
}

// answerAgain is what to do once esc ends the ignoring.
func (m *Model) answerAgain() string {
	switch {
	case m.confirmQuit || m.confirmDiscard || m.kept != nil || m.earlier != "":
		return "answer the question"
	case m.screen == savedScreen || m.screen == draftsScreen:
		return "press the key you meant"
	case m.screen == resultScreen:
		return "answer the referral highlighted"
	case m.screen == reviewScreen:
		return "press the key you meant"
	}
	return "answer again"
}

// heldAfterIgnoring is said when keys typed with the esc that ended the
// ignoring are held, as after any esc.
const heldAfterIgnoring = "Keys typed with esc were ignored: answer now, one key at a time."

// ignoredKey is a key that came while keys are ignored.
func (m *Model) ignoredKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Back) && m.tooSmall():
		// The refusal is not on screen to be read: esc does nothing,
		// as every key does while the window is too small, and says
		// so (noteSmallKey). It ended the ignoring unseen.
		m.noteSmallKey(msg)
		m.problem = m.ignoredSay
		if m.ignoredN > 0 {
			m.problem += m.ignoredCount()
		}
		return nil
	case m.escStraightAfterRefused(msg):
		return nil
	case m.escUnread(msg):
		return nil
	case key.Matches(msg, m.keys.Back):
		m.stopIgnoring()
		return nil
	case key.Matches(msg, m.keys.Quit) && !m.confirmQuit:
		// ctrl+c is no letter of a word: it asks its question (or
		// quits, with nothing unsaved), and keys are taken for it.
		// Kept going, the ignoring goes on: only esc ends it, and
		// "keep going" (n, or esc at the question) took keys again
		// with the refusal unread.
		m.suspendIgnoring()
		cmd := m.onKey(msg)
		if !m.confirmQuit {
			// No question was asked (a save under way).
			m.resumeIgnoring()
		}
		return cmd
	case m.movesOnly(msg):
		cmd := m.route(msg)
		if m.problem == "" {
			m.problem = m.ignoredSay
		}
		return cmd
	}
	m.ignoredN++
	m.ignoredAt = time.Now()
	m.problem = m.ignoredSay + m.ignoredCount()
	return nil
}

// escUnread refuses, and reports, an esc that came while keys are ignored
// after a key refused on a question holding an answer before it could be
// read (refuseUnread, offerUnread), before the refusal could be read in
// turn: within the word hold of the refusal (or of the question shown
// again, or of an esc refused so), or in the burst of keys being ignored.
// Taken, an esc 0.1 s after the refused key ended the ignoring at once,
// and the keys typed after it acted on a question on screen 0.3 s:
// "enter esc enter" kept "Yes" unread, "enter esc ↓ enter" saved "Yes,
// with some help" for the patient's "Yes", "↓ esc 4" saved "No". It was
// typed with those keys, not after reading: it is counted among the keys
// ignored, the screen says it was not taken, and the wait begins again.
// Taken once the refusal was read, the question has been on screen the
// word hold since it was put back, and keys keep or change its answer.
func (m *Model) escUnread(msg tea.KeyPressMsg) bool {
	f := m.enterRefused
	if f == nil || f != m.focusedField() || !key.Matches(msg, m.keys.Back) {
		return false
	}
	burst := !m.ignoredAt.IsZero() && time.Since(m.ignoredAt) < m.refusalHold
	if m.keepRead(f) && !burst {
		return false
	}
	f.keepFrom, f.keepLen = time.Now(), m.wordHoldLen()
	m.ignoredN++
	m.ignoredAt = time.Now()
	if !strings.HasPrefix(m.ignoredSay, escUnreadSaid) {
		m.ignoredSay = escUnreadSaid + " " + m.ignoredSay
	}
	m.problem = m.ignoredSay + m.ignoredCount()
	return true
}

// escUnreadSaid is said over the refusal when an esc came before the
// refusal could be read (escUnread).
const escUnreadSaid = "Esc not taken: it came too soon after the refused key, before this could be read; read it, then press Esc."

// ignoredState is the ignoring put aside while ctrl+c's question is on
// screen, to go on if the clinician keeps going.
type ignoredState struct {
	say    string
	locked bool
	n      int
}

// suspendIgnoring puts the ignoring aside for ctrl+c's question.
func (m *Model) suspendIgnoring() {
	m.suspended = &ignoredState{say: m.ignoredSay, locked: m.consentLocked, n: m.ignoredN}
	m.ignoring, m.consentLocked = false, false
	m.notice = ""
}

// resumeIgnoring takes up the ignoring put aside for ctrl+c's question,
// if any: the refusal is said again, and keys are ignored until esc.
func (m *Model) resumeIgnoring() {
	st := m.suspended
	if st == nil {
		return
	}
	m.suspended = nil
	m.ignoring, m.consentLocked = true, st.locked
	m.alone = nil
	m.ignoredSay, m.ignoredN = st.say, st.n
	m.problem = m.ignoredSay
	if m.ignoredN > 0 {
		m.problem += m.ignoredCount()
	}
}

// escSoonAfterIgnoring refuses, and reports, an esc that came within the
// word hold of the esc that ended the ignoring, no other key between:
// pressed twice out of habit, the second esc went back (from the result
// to the review, a question on a form), where the first one said it goes
// back nowhere, before "Keys are taken again" could be read. It is
// refused as any key refused is: every key after it is ignored until esc
// (refuseEsc). Refused with keys taken again at once, the esc pressed to
// go back to the devices list stayed on the list after it, and a 1 typed
// 1.5 s later to untick a device ticked an answer there instead.
func (m *Model) escSoonAfterIgnoring(msg tea.KeyPressMsg) bool {
	at := m.ignoreEndedAt
	m.ignoreEndedAt = time.Time{}
	if at.IsZero() || !key.Matches(msg, m.keys.Back) || m.tooSmall() || time.Since(at) >= m.wordHoldLen() {
		return false
	}
	m.refuseEsc()
	return true
}

// escRefused is said when an esc is refused for coming straight after the
// esc that took keys again (refuseEsc).
const escRefused = "Esc not taken: it came straight after the Esc that took keys again. Keys are ignored until Esc, pressed once this has been read."

// refuseEsc refuses an esc that came straight after the esc that took
// keys again, and ignores every key after it until esc. An esc straight
// after this one (within the word hold, escRefusedAt) is refused too, so
// that escs pressed quickly one after another, however many, never leave
// keys taken with the refusal unread. On the result the arrows are
// ignored too, as after a consent key refused: ↓ there moves on to the
// referral the next consent key answers.
func (m *Model) refuseEsc() {
	m.ignoring = true
	m.consentLocked = m.screen == resultScreen && !m.confirmSave
	m.alone = nil
	m.ignoredN = 0
	m.ignoredSay = escRefused
	m.problem, m.notice = m.ignoredSay, ""
	m.escRefusedAt = time.Now()
}

// escStraightAfterRefused reports whether msg is an esc that came within
// the word hold of an esc refused by refuseEsc, while its keys are ignored:
// it is refused in turn, and the wait begins again.
func (m *Model) escStraightAfterRefused(msg tea.KeyPressMsg) bool {
	at := m.escRefusedAt
	if at.IsZero() || !key.Matches(msg, m.keys.Back) || time.Since(at) >= m.wordHoldLen() {
		return false
	}
	m.escRefusedAt = time.Now()
	m.ignoredN++
	m.problem = m.ignoredSay + m.ignoredCount()
	return true
}

// ignoredCount says how many keys were ignored so far, so that every key
// typed changes the screen and shows it arrived.
func (m *Model) ignoredCount() string {
	if m.ignoredN == 1 {
		return " (1 key ignored.)"
	}
	return fmt.Sprintf(" (%d keys ignored.)", m.ignoredN)
}

// stopIgnoring ends the ignoring: the refusal was read. Keys typed with
// the esc, in the same burst, are held. This esc goes back nowhere, so
// what is on screen is what was read before it: unlike after an esc that
// goes back, a key typed once the esc was handled is meant for it, and
// answers. It is held only for a moment (a quarter of the hold of keys
// typed ahead): a digit typed 0.4 s after the esc, which is read some 50 ms
// late (a lone esc is told from a sequence by a pause), was dropped.
func (m *Model) stopIgnoring() {
	wasLocked := m.consentLocked
	m.ignoring, m.consentLocked = false, false
	m.highlightHeld = nil
	m.escRefusedAt = time.Time{}
	if fm := m.activeForm(); fm != nil {
		if f := fm.focused(); f != nil && f.notKey {
			f.err, f.notKey = nil, false
		}
	}
	m.hold(heldAfterIgnoring)
	m.heldLen = m.refusalHold / 4
	m.ignoreEndedAt = time.Now()
	m.notice = "Keys are taken again."
	if wasLocked && m.screen == resultScreen && m.referral < len(m.referrals()) {
		// The highlight stayed on the referral the refused key was for:
		// the next consent key answers it, not the one after, so the
		// screen names it (an esc and then the next pair as planned
		// answered one referral early).
		m.notice = "Keys are taken again. Answer the highlighted referral first: " + m.referrals()[m.referral].Name + "."
	}
	m.enterRead()
	if m.screen == outcomeScreen && m.outcomeForm != nil {
		if f := m.focusedField(); f != nil && slices.Contains(m.outcomeForm.codes, f) {
			// Keys typed ahead were meant for the questions after it:
			// the next key answers the one on screen, named.
			m.notice = "Keys are taken again. Answer the question on screen first: " + f.title
		}
	}
	if m.screen == resultScreen {
		m.renderResult()
	}
}

// movesOnly reports whether msg, while keys are ignored, is an arrow that
// only moves a list's highlight or scrolls the screen, choosing nothing.
// After a refused consent key only an arrow that scrolls a referral off
// screen back into view does: with the referral in view ↓ moves on to the
// next referral, which the next consent key would answer (refuseConsent).
// Nor do they on a single choice that came up holding an answer, refused
// before it could be read (highlightHeld): there the highlight is what
// the enter after esc chooses, and it stays on the answer given.
func (m *Model) movesOnly(msg tea.KeyPressMsg) bool {
	if m.consentLocked && (m.screen != resultScreen || m.referralShown()) {
		return false
	}
	if f := m.highlightHeld; f != nil && f == m.focusedField() {
		return false
	}
	if m.tooSmall() || m.confirmQuit || m.confirmDiscard || m.kept != nil || m.earlier != "" || m.claiming || m.discarding || m.saving {
		return false
	}
	if !key.Matches(msg, fieldUp) && !key.Matches(msg, fieldDown) {
		return false
	}
	switch m.screen {
	case draftsScreen, reviewScreen, resultScreen, savedScreen:
		return true
	}
	fm := m.activeForm()
	return fm != nil && fm.focused() != nil && fm.focused().kind != freeText
}

// capsHint asks whether Caps Lock is on when text, a refused key, is the
// capital of a key of the screen (isKey says whether a key is one).
func capsHint(text string, isKey func(lower string) bool) string {
	r, n := utf8.DecodeRuneInString(text)
	if n == 0 || n != len(text) || !unicode.IsUpper(r) {
		return ""
	}
	if isKey(string(unicode.ToLower(r))) {
		return " (Is Caps Lock on?)"
	}
	return ""
}

// lowerKey is msg with its letter made lowercase, to ask whether that is a
// key of the screen.
func lowerKey(lower string) tea.KeyPressMsg {
	r, _ := utf8.DecodeRuneInString(lower)
	return tea.KeyPressMsg{Code: r, Text: lower}
}

// ignoringHelp is the help line while keys are ignored: what esc does now,
// and the arrows where they still move.
func (m *Model) ignoringHelp(w int) string {
	ks := []key.Binding{key.NewBinding(key.WithHelp("esc", "take keys again"))}
	if m.movesOnly(tea.KeyPressMsg{Code: tea.KeyDown}) {
		ks = append(ks, key.NewBinding(key.WithHelp("↑/↓", "move (chooses nothing)")))
	}
	if !m.confirmQuit {
		// At ctrl+c's question, ctrl+c is ignored with every key.
		ks = append(ks, m.keys.Quit)
	}
	return m.styles.helpLine(w, ks...)
}
