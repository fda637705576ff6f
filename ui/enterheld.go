package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// A question that comes up holding an answer the patient gave (every
// question of an amendment, a section opened again from the review, a
// resumed draft, a follow-up, a question gone back to) holds it for
// the clinician to read before any key may keep or change it. Enter
// alone was held: in one burst "enter 1 enter" typed to keep the devices
// and go on, the 1 unticked "Internet or wifi at home" on the question
// the enter brought up, and the enter after it confirmed that, saved so;
// a 1 changed "Sometimes" to "No, never"; "Amharic" typed ahead replaced
// "Tigrinya" in the box; an n replaced a reason why not, "no time". So
// every key that would change or keep the answer (enter, a digit, x, a
// character typed in a text box, a key that deletes there, an arrow then
// enter) is refused within the word hold of the question's coming, and
// every key after it ignored until esc (refuseUnread).

// answerUnread refuses, and reports, a key that would keep or change the
// answer of a question that came into focus holding one, before it could
// be read: an enter (enterUnread), or a key that changes the answer
// (field.changes), or an arrow on a single choice, whose highlight the
// next enter chooses (field.moves). The keys that move the cursor in a
// text, or the highlight of a list of many answers, change nothing and are
// taken.
func (m *Model) answerUnread(msg tea.KeyPressMsg) bool {
	if key.Matches(msg, fieldEnter) {
		return m.enterUnread(msg)
	}
	f := m.focusedField()
	if f == nil || !m.holdsAnswers(f) || !f.shownHeld || !(f.changes(msg) || f.moves(msg)) || m.keepRead(f) {
		return false
	}
	m.refuseUnread(f, refusedKeyName(msg))
	return true
}

// holdsAnswers reports whether f, in focus, is held when it came up
// holding an answer: every question of a section or of a follow-up's
// outcomes, and a box of the patient's details holding a value given
// before (detailGiven).
func (m *Model) holdsAnswers(f *field) bool {
	return m.screen == sectionScreen || m.screen == outcomeScreen || m.detailGiven(f) || m.clinicianGiven(f)
}

// clinicianGiven reports whether f is the clinician box of an amendment or
// a follow-up, the box its details open on, that came up holding the name
// given (--clinician). Its enter was held (enterUnread), but a backspace
// or letters typed as the amendment opened changed the name unread: "Dr
// Ada" became "Dr AXyz". A key that would change it is held as on any box
// holding what was given (answerUnread). A new assessment's clinician box,
// asked after the number, takes a name typed at once, as before.
func (m *Model) clinicianGiven(f *field) bool {
	p := m.patient
	return f != nil && m.screen == patientScreen && p != nil && p.fixed && f == p.clinician && f.shownHeld && m.kept == nil && m.earlier == ""
}

// detailGiven reports whether f is a box of the patient's details on
// show that came up holding a value given before: reopened from the
// review with p, or gone back to (esc from the box after it, or from the
// first question). Not held, "enter backspace 9 enter" typed in one burst
// to keep the identifier reopened from the review changed the number the
// box came up holding, H100004, to H100009, saved so; "enter Ward9 enter"
// replaced the team, and "Dee" typed 0.4 s after esc the clinician. A box
// that comes up empty, or holding what was put there as the assessment
// began (the configured team, the name offered: see enterUnread), is not
// held so: a new assessment's details are typed straight on.
func (m *Model) detailGiven(f *field) bool {
	p := m.patient
	// The notices over the patient screen (a kept draft, the patient's
	// earlier assessments) take their own keys.
	if f == nil || m.screen != patientScreen || p == nil || !f.shownHeld || m.kept != nil || m.earlier != "" {
		return false
	}
	return p.reopened || f.tookSet
}

// moves reports whether msg, given to a single choice, would move its
// highlight, which the next enter chooses: typed with the enter that kept
// the question before, a down moved "Sometimes" to "Often" unread, and the
// enter pressed once the question was read, meant to keep the answer,
// chose "Often". On a list of many answers the highlight chooses nothing.
func (f *field) moves(msg tea.KeyPressMsg) bool {
	return f.kind == oneOf && key.Matches(msg, fieldUp, fieldDown, fieldTop, fieldBottom)
}

// pasteUnread refuses, and reports, text pasted into a text box that came
// into focus holding an answer before it could be read: it would replace
// the answer, as a character typed would (answerUnread).
func (m *Model) pasteUnread() bool {
	f := m.focusedField()
	if f == nil || !m.holdsAnswers(f) || f.kind != freeText || !f.shownHeld || m.keepRead(f) {
		return false
	}
	m.refuseUnread(f, "Pasted text")
	return true
}

// keepRead reports whether f, a question that came into focus holding an
// answer, has been on screen long enough to be read: the word hold from
// its coming into focus (keepFrom), or less if the hold was made shorter
// meanwhile, or at once once esc said a refusal over it was read.
func (m *Model) keepRead(f *field) bool {
	wait := m.wordHoldLen()
	if f.keepLen >= 0 {
		wait = min(wait, f.keepLen)
	}
	return time.Since(f.keepFrom) >= wait
}

// refusedKeyName names a key refused on a question not yet read, as the
// refusal begins: "1", Enter, Backspace.
func refusedKeyName(msg tea.KeyPressMsg) string {
	if typedText(msg) || key.Matches(msg, fieldEnter) {
		return keyName(msg)
	}
	s := msg.String()
	if s == "" {
		return "The key"
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// refuseEnter refuses an enter that came on f, a question holding an
// answer, before it could be read (enterUnread), as refuseUnread does.
func (m *Model) refuseEnter(f *field) { m.refuseUnread(f, "Enter") }

// refuseUnread refuses a key, named, that came on f, a question holding
// an answer, before it could be read (answerUnread), and ignores every key
// after it until esc, as after any key refused. Held only as long as the
// key was, the keys typed after it in the same burst went on: a number
// meant for the next question ticked, unticked or changed the answer the
// patient gave on this one (a section opened again, every section of an
// amendment, a resumed draft), and the enter after it confirmed that. No
// wait tells a number typed for this question from one typed ahead for
// the next: only esc, which says the refusal was read, ends it, and it
// goes back nowhere. The question is put back as it came: an arrow typed
// with it moved the highlight unread, back to the answer given, which the
// enter after esc keeps; a text whose cursor was moved is whole again, to
// be replaced by what is typed. On a single choice the arrows after it are
// ignored too (highlightHeld): obeyed, the second arrow of "3 ↓ ↓" moved
// the highlight on, and the enter after esc chose it; on a list of many
// answers they still move the highlight, which chooses nothing.
func (m *Model) refuseUnread(f *field, name string) {
	f.putBack()
	f.keepFrom, f.keepLen = time.Now(), m.wordHoldLen()
	// The key is refused for its time, not as no key of the screen:
	// the answers given before it, on questions read, stand.
	m.typed = ""
	then := enterRefusedThen
	if f.kind == freeText {
		then = textRefusedThen
	}
	m.ignoreKeysThen(unreadRefused(name), then)
	m.notice = ""
	m.enterRefused = f
}

// unreadRefused is said when a key, named, comes on a question that holds
// an answer before the question can have been read (refuseUnread).
func unreadRefused(name string) string {
	return name + " not taken: it came before this question could be read."
}

// enterRefusedThen is said after a key refused on a list holding an
// answer (refuseUnread): keys are ignored until esc, and what to do then.
const enterRefusedThen = "Keys are ignored until Esc; then press enter to keep the answer, or choose another."

// textRefusedThen is enterRefusedThen for a text box.
const textRefusedThen = "Keys are ignored until Esc; then press enter to keep the answer, or type another."

// enterRead is called as esc ends the keys ignored after a key refused
// on f (refuseUnread), f still in focus: the refusal, over the question,
// was read, and the screen names the question the next key answers (the
// keys typed ahead were meant for the questions after it). The esc is
// taken only once the question has been on screen the word hold since it
// was put back (escUnread), so the next key keeps or changes its answer;
// the esc does not cut that hold short: cut short, an esc typed 0.1 s
// after the refused key let the enter after it keep the answer unread.
func (m *Model) enterRead() {
	f := m.enterRefused
	m.enterRefused = nil
	if f == nil || f != m.focusedField() {
		return
	}
	m.notice = "Keys are taken again. Answer the question on screen first: " + f.title
}
