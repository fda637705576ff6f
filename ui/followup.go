package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"digicheck/questionnaire"
	"digicheck/record"
)

// Follow-ups. A follow-up asks the questions again for a patient assessed
// before, first asking what became of each referral the patient agreed to
// then, and shows the change in each domain and route since.

// agreedReferrals are the referrals of r the patient agreed to: the ones a
// follow-up asks about.
func agreedReferrals(r *record.Record) []questionnaire.Referral {
	if r == nil {
		return nil
	}
	var out []questionnaire.Referral
	for _, f := range r.Recommendation.Referrals {
		if f.Consent == questionnaire.Agreed {
			out = append(out, f)
		}
	}
	return out
}

// asksOutcomes reports whether this assessment asks about earlier
// referrals.
func (m *Model) asksOutcomes() bool { return len(agreedReferrals(m.followsUp)) > 0 }

// noOutcome is the first option of an outcome question: not known, or not
// asked. It records nothing, so pressing enter through the questions never
// records an outcome nobody gave.
const noOutcome = ""

// outcomeForm asks what became of each agreed referral: one question for
// the outcome and, when it was not taken up, one for why.
type outcomeForm struct {
	form    *huh.Form
	refs    []questionnaire.Referral
	codes   []*string
	reasons []*string
	fields  []huh.Field // in group order: outcome, reason, outcome, reason...
	groups  []*huh.Group
	// editing is set when the form was opened from the review.
	editing bool
}

func newOutcomeForm(prev *record.Record, prior []record.ReferralOutcome, st func() *Styles, km *huh.KeyMap) *outcomeForm {
	of := &outcomeForm{refs: agreedReferrals(prev)}
	when := prev.Time.Local().Format("2 Jan 2006")
	for i, f := range of.refs {
		code, reason := new(string), new(string)
		for _, o := range prior {
			if o.ProgrammeID == f.ProgrammeID {
				*code, *reason = o.Outcome, o.Reason
			}
		}
		of.codes, of.reasons = append(of.codes, code), append(of.reasons, reason)
		sel := huh.NewSelect[string]().
			Title("Did you go to "+f.Name+"?").
			Description("Agreed on "+when+". "+f.Contact).
			Options(
				huh.NewOption("Not known, or not asked", noOutcome),
				huh.NewOption("Yes, I went", record.OutcomeAttended),
				huh.NewOption("Yes, and it helped", record.OutcomeHelped),
				huh.NewOption("No, I did not take it up", record.OutcomeNotTakenUp),
			).
			Value(code)
		why := huh.NewInput().
			Title("Why not? (optional)").
			Description("In the patient's words: no time, could not get there, not needed now...").
			CharLimit(120).
			Value(reason)
		of.fields = append(of.fields, sel, why)
		of.groups = append(of.groups,
			huh.NewGroup(sel),
			huh.NewGroup(why).WithHideFunc(func() bool { return *of.codes[i] != record.OutcomeNotTakenUp }))
	}
	of.form = newForm(st, km, of.groups...)
	return of
}

// result is the outcomes given, in the order of the earlier referrals; a
// referral whose outcome is not known has none.
func (of *outcomeForm) result() []record.ReferralOutcome {
	return of.upTo(len(of.fields))
}

// upTo is the outcomes of the questions before field n.
func (of *outcomeForm) upTo(n int) []record.ReferralOutcome {
	var out []record.ReferralOutcome
	for i, f := range of.refs {
		if 2*i >= n || *of.codes[i] == noOutcome {
			continue
		}
		o := record.ReferralOutcome{ProgrammeID: f.ProgrammeID, Name: f.Name, Outcome: *of.codes[i]}
		if o.Outcome == record.OutcomeNotTakenUp && 2*i+1 < n {
			o.Reason = strings.TrimSpace(*of.reasons[i])
		}
		out = append(out, o)
	}
	return out
}

// confirmed is prior with the outcomes confirmed so far in the form laid
// over it: those of the questions before the one in focus.
func (of *outcomeForm) confirmed(prior []record.ReferralOutcome) []record.ReferralOutcome {
	if of == nil || of.form.State != huh.StateNormal {
		return prior
	}
	n := slices.Index(of.fields, of.form.GetFocusedField())
	if n < 0 {
		return prior
	}
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

// atFirst reports whether the first question has focus.
func (of *outcomeForm) atFirst() bool { return of.form.GetFocusedField() == of.fields[0] }

// size gives each question its own height, as the section forms do.
func (of *outcomeForm) size(width, height int) {
	of.form.WithWidth(width)
	for i, f := range of.fields {
		f.WithHeight(0)
		h := lipgloss.Height(f.View())
		if h > height {
			h = height
			f.WithHeight(h)
		}
		of.groups[i].WithHeight(h)
	}
}

// openOutcomes shows the outcome questions, with the outcomes given
// before chosen.
func (m *Model) openOutcomes(fromReview bool) tea.Cmd {
	var cmd tea.Cmd
	of := m.outcomeForm
	if fromReview || of == nil || of.editing || of.form.State != huh.StateNormal {
		of = newOutcomeForm(m.followsUp, m.outcomes, m.styleFn, m.formKeys)
		of.editing = fromReview
		m.outcomeForm = of
		cmd = of.form.Init()
	} else {
		cmd = of.form.GetFocusedField().Focus()
	}
	m.screen = outcomeScreen
	m.layout()
	return cmd
}

func (m *Model) outcomeKey(msg tea.KeyPressMsg) tea.Cmd {
	of := m.outcomeForm
	if !key.Matches(msg, m.keys.Back) {
		return m.updateForm(msg)
	}
	_, cmd := of.form.Update(msg)
	switch {
	case !of.atFirst():
		return tea.Batch(cmd, of.form.PrevGroup())
	case of.editing:
		m.goReview()
		return cmd
	}
	return tea.Batch(cmd, m.openPatient(false))
}

func (m *Model) outcomesDone(of *outcomeForm) tea.Cmd {
	m.outcomes = of.result()
	draft := m.draftCmd()
	if of.editing {
		m.goReview()
		return draft
	}
	return tea.Batch(draft, m.openSection(0, false))
}

// change is the change since the assessment followed up, as the store will
// record it, for the result screen.
func (m *Model) change() (record.Change, bool) {
	if m.followsUp == nil {
		return record.Change{}, false
	}
	return record.Compare(*m.followsUp, record.Record{Result: m.result}), true
}

// outcomeText is an outcome as the review shows it.
func outcomeText(o record.ReferralOutcome) string {
	s := record.OutcomeText(o.Outcome)
	if o.Reason != "" {
		s += ": " + o.Reason
	}
	return s
}
