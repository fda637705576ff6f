package ui

import (
	"fmt"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"
)

// A key of the screen acts when typed on its own, and a slow two-finger
// typist's letters each come on their own: "a n d r e w" at a key every
// 1.3 s answered three referrals by its a, n and d before the r was
// refused, "n a d i a" at 2.5 s did the same, and "1 0" on the language
// list chose Polish by its 1 before the 0 was refused on the next
// question. Only the first letter that is no key of the screen shows the
// keys were a word. So what the keys of a run did is noted as they act
// (a run: letters and digits, each within runGap of the next, with no
// arrow, enter or esc between), and a key refused as no key of the screen
// takes back the answers of its run, saying so: the clinician answers
// them again. An answer given on its own, then a pause, is no part of the
// refused key's run, and is kept. What cannot be taken back (a handout
// written, a draft discarded or resumed) is said with the refusal, so the
// refusal never hides it.

// runGap is the longest pause between two keys of one run, as a slow
// typist's letters of one word. A multiple of refusalHold, so that a test
// that shortens that shortens this too (runGapLen).
const runGap = 10 * refusalHold

func (m *Model) runGapLen() time.Duration { return m.refusalHold * (runGap / refusalHold) }

// act is an answer a letter or a digit gave, and how to take it back.
type act struct {
	at   time.Time
	kind actKind
	// q is the question a choice or a tick answered (nil for a consent),
	// and text the key that gave it.
	q    *field
	text string
	// undo takes the answer back, reporting false when it no longer can
	// (the screen it was given on is gone).
	undo func() bool
}

type actKind int

const (
	actReferral actKind = iota // a consent on the result
	actChoice                  // a single answer chosen by its number
	actTick                    // an answer of a list of many ticked or unticked
)

// noteAct notes an answer a key just gave.
func (m *Model) noteAct(kind actKind, q *field, undo func() bool) {
	if len(m.acts) >= maxActs {
		// A run this long is answers typed on purpose, question by
		// question: only its last keys could be a word's.
		m.acts = slices.Delete(m.acts, 0, len(m.acts)-maxActs+1)
	}
	m.acts = append(m.acts, act{at: time.Now(), kind: kind, q: q, undo: undo})
}

// maxActs is how many answers of a run are kept to take back: more than
// the letters of any word typed where no text box is.
const maxActs = 32

// isDigitText reports whether s is one digit.
func isDigitText(s string) bool { return len(s) == 1 && s[0] >= '0' && s[0] <= '9' }

// noteDid notes what a key did that cannot be taken back, as the status
// line says it, so that a refusal in the same run says it too.
func (m *Model) noteDid(s string) {
	m.notice = s
	m.did, m.didAt = s, time.Now()
	if m.ignoring {
		// Done after the key refused was typed (a handout is written
		// off the screen's own work): said before the refusal, which
		// stays in view for every key ignored.
		m.notice, m.did = "", ""
		m.ignoredSay = s + " " + m.ignoredSay
		m.problem = m.ignoredSay
	}
}

// noteDidWrong is noteDid for a key whose act went wrong (a handout
// saved, but not printed): problem is said, did in short with a refusal.
func (m *Model) noteDidWrong(problem, did string) {
	m.noteDid(did)
	if m.ignoring {
		return
	}
	m.problem, m.notice = problem, ""
}

// endRun is called for a key that is no letter or digit (an arrow, enter,
// esc, ctrl+c): the keys before it were typed on purpose, not as a word.
func (m *Model) endRun(msg tea.KeyPressMsg) {
	if typedText(msg) {
		return
	}
	m.acts, m.did = nil, ""
}

// takeBack takes back the answers of the run a key refused now ends, and
// says what was taken back and what stands, or "". When the refused key
// was a digit that made a number with the digit that chose the answer
// before ("1 0"), number is that number, and the question it chose on is
// back on screen.
func (m *Model) takeBack() (say, number string) {
	now, gap := time.Now(), m.runGapLen()
	next, i := now, len(m.acts)
	// On a question screen, the run goes back over the answers given at
	// the question on screen and, when a digit is refused, the one whose
	// digit brought it up ("1" of "1 0"), no further: a number answers
	// and moves on, answers typed ahead in a burst land question by
	// question, as meant, and a word of letters typed at a list was not
	// begun by the number that answered the question before.
	var q *field
	if fm := m.activeForm(); fm != nil {
		q = fm.focused()
	}
	for i > 0 && next.Sub(m.acts[i-1].at) <= gap {
		a := m.acts[i-1]
		if a.q != nil && a.q != q {
			if q == nil || !isDigitText(a.text) || !isDigitText(m.typed) {
				break
			}
			q = nil // the answer that brought the question up: the last
			number = a.text + m.typed
		}
		next = a.at
		i--
	}
	run := m.acts[i:]
	m.acts = nil
	n := map[actKind]int{}
	for _, a := range slices.Backward(run) {
		if a.undo() {
			n[a.kind]++
		}
	}
	if n[actReferral] > 0 {
		m.renderResult()
		m.showReferral()
		if m.keptFile != "" {
			// The file the refused save kept the answers in follows
			// the answers taken back, as it follows each one given,
			// by the time the screen shows them: left with the answer
			// taken back, it held one the patient did not give, and
			// the screen, back at the answers of the save refused,
			// said it held them and the note. (draftCmd gives the
			// draft to DraftNow now; Update runs its keeping.)
			m.keptStale = !m.keptUnchanged()
			m.redraft = m.draftCmd()
		}
	}
	if n[actChoice] == 0 {
		number = ""
	}
	if m.did != "" && now.Sub(m.didAt) <= gap {
		say = "Before it: " + m.did + " "
	}
	m.did = ""
	if k := n[actReferral]; k > 0 {
		say += plural(k, "The referral answer typed just before it was taken back: answer it again.",
			"The %d referral answers typed just before it were taken back: answer them again.")
	}
	if k := n[actChoice]; k > 0 && number == "" {
		say += plural(k, "The answer chosen by the number typed just before it was taken back: answer that question again.",
			"The %d answers chosen by the keys typed just before it were taken back: answer them again.")
	}
	if k := n[actTick]; k > 0 {
		say += plural(k, "The tick made by the key typed just before it was taken back: tick again what applies.",
			"The %d ticks made by the keys typed just before it were taken back: tick again what applies.")
	}
	return say, number
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one + " "
	}
	return fmt.Sprintf(many, n) + " "
}

// noteFormAct notes the answer a key gave on fm, when it chose or ticked
// one: at is the question it was given at, as it was before the key.
func (m *Model) noteFormAct(fm *form, at int, cursor, chosen int, ticked []bool) {
	f := fm.fields[at]
	kind := actChoice
	if f.kind == manyOf {
		kind = actTick
	}
	m.noteAct(kind, f, func() bool {
		if m.activeForm() != fm || fm.done || at >= len(fm.fields) {
			return false
		}
		// The refusal moves with the question taken back to, where it
		// is answered again and where esc ends it.
		var err error
		notKey := false
		if g := fm.focused(); g != nil {
			err, notKey = g.err, g.notKey
			g.err, g.notKey = nil, false
		}
		fm.moveTo(at)
		f.cursor, f.chosen = cursor, chosen
		copy(f.ticked, ticked)
		f.err, f.notKey = err, notKey
		return true
	})
	m.acts[len(m.acts)-1].text = m.typed
}

// noteConsent notes the answer a consent key gave referral i, which had
// the answer was before it ("" for none).
func (m *Model) noteConsent(i int, was string) {
	m.noteAct(actReferral, nil, func() bool {
		if m.screen != resultScreen || i >= m.s.Shown() {
			return false
		}
		if err := m.s.TakeBackConsent(i, was); err != nil {
			return false
		}
		m.referral = i
		return true
	})
}
