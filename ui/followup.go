package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
)

// Follow-ups. A follow-up asks the questions again for a patient assessed
// before, first asking what became of each referral the patient agreed to
// then, and shows the change in each domain and route since.

// noOutcome is the last option of an outcome question: not known, or not
// asked. It records nothing.
const noOutcome = ""

// outcomeForm asks what became of each agreed referral: one question for
// the outcome and, when it was not taken up, one for why.
type outcomeForm struct {
	form    *form
	refs    []questionnaire.Referral
	codes   []*field
	reasons []*field
	// editing is set when the form was opened from the review.
	editing bool
}

// newOutcomeForm asks about s's earlier referrals, each on the outcome
// given before, if any. Once they were answered (answered), a referral
// with no outcome was answered "Not known, or not asked", and comes up
// with that chosen: shown with nothing chosen, it read as a question never
// asked, was not held as an answer given is, and enter could not keep it.
func newOutcomeForm(s *assess.Session, answered bool) *outcomeForm {
	of := &outcomeForm{refs: s.OutcomeReferrals()}
	when := s.Earlier().Time.Local().Format("2 Jan 2006")
	var fields []*field
	for _, f := range of.refs {
		code, reason, given := s.Outcome(f.ProgrammeID)
		if !given && answered {
			code, given = noOutcome, true
		}
		if why, ok := s.UnconfirmedReason(f.ProgrammeID); ok && code == record.OutcomeNotTakenUp {
			// Typed and not confirmed before a stop: shown again in
			// the box, to be confirmed or changed (toUnconfirmed).
			reason = why
		}
		sel := newChoice("Did you go to "+f.Name+"?", "Agreed on "+when+". "+f.Contact, []fieldOption{
			{"Yes, I went", record.OutcomeAttended},
			{"Yes, and it helped", record.OutcomeHelped},
			{"No, I did not take it up", record.OutcomeNotTakenUp},
			{"Not known, or not asked", noOutcome},
		}, code, given, nil)
		sel.summary = f.Name
		why := newText("Why not? (optional)",
			"In the patient's words: no time, could not get there, not needed now...", reason, assess.MaxOutcomeReason,
			func(v []string) error {
				if len(v) == 0 {
					return nil
				}
				return s.CheckTypedOutcomeReason(v[0])
			})
		why.summary = "Why not"
		// Not taken up with no reason given: the reason was given as
		// none, an answer held as one typed is (field.givenAnswer).
		why.givenEmpty = given && code == record.OutcomeNotTakenUp
		why.revealed = true
		of.codes, of.reasons = append(of.codes, sel), append(of.reasons, why)
		fields = append(fields, sel, why)
	}
	of.form = newFormOf(fields...)
	for i := range of.refs {
		sel := of.codes[i]
		of.form.shown[2*i+1] = func() bool {
			v := sel.values()
			return len(v) == 1 && v[0] == record.OutcomeNotTakenUp
		}
	}
	return of
}

// result is the outcomes given, in the order of the earlier referrals; a
// referral whose outcome is not known has none.
func (of *outcomeForm) result() []record.ReferralOutcome {
	return of.upTo(len(of.form.fields))
}

// upTo is the outcomes of the questions before field n.
func (of *outcomeForm) upTo(n int) []record.ReferralOutcome {
	var out []record.ReferralOutcome
	for i, f := range of.refs {
		v := of.codes[i].values()
		if 2*i >= n || len(v) == 0 {
			continue
		}
		o := record.ReferralOutcome{ProgrammeID: f.ProgrammeID, Name: f.Name, Outcome: v[0]}
		if o.Outcome == record.OutcomeNotTakenUp && 2*i+1 < n {
			o.Reason = of.reasons[i].text()
		}
		out = append(out, o)
	}
	return out
}

// confirmed is prior with the outcomes confirmed so far in the form laid
// over it: those of the questions before the one in focus.
func (of *outcomeForm) confirmed(prior []record.ReferralOutcome) []record.ReferralOutcome {
	if of == nil || of.form.done {
		return prior
	}
	n := of.form.cur
	out := of.upTo(n)
	asked := map[string]bool{}
	for i, f := range of.refs {
		if 2*i < n {
			asked[f.ProgrammeID] = true
		}
	}
	for _, o := range prior {
		if !asked[o.ProgrammeID] {
			out = append(out, o)
		}
	}
	return out
}

// layReasons lays over a, a draft kept with the form on screen, the reason
// why not in the box in focus, typed and not confirmed with enter, as not
// confirmed (assess.Draft.UnconfirmedReasons): the outcome before it was
// confirmed, and kept, while the reason, the patient's own words of why
// the referral was not taken up, was lost when the window closed. One the
// same as the reason confirmed before is that answer, kept as it. A reason
// confirmed in the form since drops the one held before.
func (of *outcomeForm) layReasons(a *assess.Draft, s *assess.Session) {
	if of == nil || of.form.done {
		return
	}
	for i, ref := range of.refs {
		at := 2*i + 1
		if at > of.form.cur {
			continue
		}
		delete(a.UnconfirmedReasons, ref.ProgrammeID)
		why := of.reasons[i]
		if at < of.form.cur || !of.form.isShown(at) || strings.TrimSpace(why.text()) == "" {
			continue
		}
		if _, was, _ := s.Outcome(ref.ProgrammeID); why.text() == was {
			for j := range a.Outcomes {
				if a.Outcomes[j].ProgrammeID == ref.ProgrammeID && a.Outcomes[j].Outcome == record.OutcomeNotTakenUp {
					a.Outcomes[j].Reason = was
				}
			}
			continue
		}
		if a.UnconfirmedReasons == nil {
			a.UnconfirmedReasons = map[string]string{}
		}
		a.UnconfirmedReasons[ref.ProgrammeID] = why.text()
	}
	if len(a.UnconfirmedReasons) == 0 {
		a.UnconfirmedReasons = nil
	}
}

// unconfirmedReasons names the earlier referrals whose reason why not is
// typed in the form and not confirmed (see layReasons), for the quit
// question.
func (of *outcomeForm) unconfirmedReasons(s *assess.Session) []string {
	a := assess.Draft{Outcomes: of.confirmed(s.Outcomes())}
	of.layReasons(&a, s)
	var names []string
	for _, ref := range of.refs {
		if _, ok := a.UnconfirmedReasons[ref.ProgrammeID]; ok {
			names = append(names, "Why not ("+ref.Name+")")
		}
	}
	return names
}

// toUnconfirmed moves to the first reason why not that a resumed draft
// held as not confirmed (assess.Session.UnconfirmedReason), still shown in
// its box: a draft kept with a reason typed and enter not pressed opens
// there, for it to be confirmed. It reports whether there was one.
func (of *outcomeForm) toUnconfirmed(s *assess.Session) bool {
	for i, ref := range of.refs {
		why, ok := s.UnconfirmedReason(ref.ProgrammeID)
		if ok && of.form.isShown(2*i+1) && of.reasons[i].text() == why {
			of.form.moveTo(2*i + 1)
			return true
		}
	}
	return false
}

// openOutcomes shows the outcome questions, with the outcomes given
// before chosen.
func (m *Model) openOutcomes(fromReview bool) tea.Cmd {
	of := m.outcomeForm
	if fromReview || of == nil || of.editing || of.form.done {
		// Answered already: from the review, or gone back to once
		// done, or resumed (or amended) past them.
		answered := fromReview || of != nil && of.form.done || of == nil && m.s.ResumeAt().Step > assess.StepOutcomes
		of = newOutcomeForm(m.s, answered)
		of.editing = fromReview
		m.outcomeForm = of
	} else {
		// Shown again (gone back to the team box and on): the question
		// is new on screen, and held as the first time (outcomeUnread).
		// Counted from its first showing, "enter 1" at the team replaced
		// an outcome given, unseen.
		of.form.showAgain()
	}
	m.screen = outcomeScreen
	m.layout()
	return nil
}

func (m *Model) outcomeKey(msg tea.KeyPressMsg) tea.Cmd {
	of := m.outcomeForm
	if !key.Matches(msg, m.keys.Back) {
		m.formKey(of.form, msg)
		if of.form.done {
			return m.outcomesDone(of)
		}
		return nil
	}
	switch {
	case of.form.back():
		return nil
	case of.editing:
		m.goReview()
		return nil
	}
	prev, _ := m.s.Prev(assess.At{Step: assess.StepOutcomes})
	return m.open(prev, true)
}

func (m *Model) outcomesDone(of *outcomeForm) tea.Cmd {
	if err := m.s.SetOutcomes(of.result()); err != nil {
		m.problem = err.Error()
		of.form.done = false
		return nil
	}
	draft := m.draftCmd()
	if of.editing {
		m.goReview()
		return draft
	}
	return tea.Batch(draft, m.open(m.s.Next(assess.At{Step: assess.StepOutcomes}), false))
}

// outcomeText is an outcome as the review shows it.
func outcomeText(o record.ReferralOutcome) string {
	s := record.OutcomeText(o.Outcome)
	if o.Reason != "" {
		s += ": " + questionnaire.PrintableTyped(o.Reason)
	}
	return s
}

// The notice box: what was found before a follow-up or an amendment
// started that the clinician must read before going on (Options.Notice),
// such as an earlier assessment read from the FHIR server, a server that
// could not be reached, or an assessment in conflict with it. It stands
// above the first question; a notice too long for the room there is
// paged with pgup and pgdn, which type nothing and answer nothing, so the
// question under it stays in view. At 80x24 the box cut a conflict
// warning after its seventh line with "…", and the commands that settle
// it were never shown.

// noticeUp and noticeDown page a notice too long for its box.
var (
	noticeUp   = key.NewBinding(key.WithKeys("pgup"))
	noticeDown = key.NewBinding(key.WithKeys("pgdown"))
)

// noticeBox is the notice in its box, w wide, at most h lines (any number
// when h is 0), wrapped at whole words. A notice too long for h lines
// shows those from noticeTop, and a last line that says where it is and
// how to read the rest.
func (m *Model) noticeBox(w, h int) string {
	st := m.styles
	return st.cached(fmt.Sprintf("notice\x00%d\x00%d\x00%d\x00%s", w, h, m.noticeTop, m.startNotice), func() string {
		inner := max(w-4, 10) // the border and a space each side
		lines := noticeLines(m.startNotice, inner)
		if rows := max(h-3, 1); h > 0 && len(lines) > rows+1 {
			top := min(max(m.noticeTop, 0), len(lines)-rows)
			where := fmt.Sprintf("lines %d-%d of %d", top+1, top+rows, len(lines))
			var more string
			switch {
			case top == 0:
				more = "▼ more below: pgdn · " + where
			case top+rows == len(lines):
				more = "▲ more above: pgup · " + where
			default:
				more = "▲ more above: pgup · ▼ more below: pgdn · " + where
			}
			lines = append(lines[top:top+rows:top+rows], st.Muted.Render(ansi.Truncate(more, inner, "…")))
		}
		return st.NoticeBox.Width(w).Render(strings.Join(lines, "\n"))
	})
}

// scrollNotice pages the notice on screen by msg, if msg is pgup or pgdn
// and the notice is too long for its box, and reports whether it did.
func (m *Model) scrollNotice(msg tea.KeyPressMsg) bool {
	if !m.noticeShown() || (!key.Matches(msg, noticeUp) && !key.Matches(msg, noticeDown)) {
		return false
	}
	total := len(noticeLines(m.startNotice, max(m.contentWidth()-4, 10)))
	rows := max(m.noticeRoom()-3, 1)
	if total <= rows+1 {
		return false
	}
	top := min(max(m.noticeTop, 0), total-rows)
	if key.Matches(msg, noticeDown) {
		top += rows
	} else {
		top -= rows
	}
	m.noticeTop = min(max(top, 0), total-rows)
	return true
}

// noticeLines is text in lines of at most width columns, each of its
// lines wrapped at its spaces only: ansi.Wrap breaks at hyphens too, which
// cut a command's --keep-server or a record id in two. A word wider than
// width is cut.
func noticeLines(text string, width int) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		var cur strings.Builder
		n := 0
		for _, word := range strings.Fields(para) {
			ww := ansi.StringWidth(word)
			if n > 0 && n+1+ww > width {
				out = append(out, cur.String())
				cur.Reset()
				n = 0
			}
			if n > 0 {
				cur.WriteByte(' ')
				n++
			}
			for ww > width {
				out = append(out, ansi.Truncate(word, width, ""))
				word = ansi.TruncateLeft(word, width, "")
				ww = ansi.StringWidth(word)
			}
			cur.WriteString(word)
			n += ww
		}
		out = append(out, cur.String())
	}
	return out
}
