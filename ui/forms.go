package ui

import (
	"errors"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
)

// Values of the first question of an optional section.
const (
	gateSkip   = "skip"
	gateRecord = "record"
)

// patientForm asks who is assessed and by whom. Its values are read only
// once the form is done.
type patientForm struct {
	form                      *form
	kind, id, clinician, team *field
	// offer is a name the clinician box offers and never fills (the last
	// clinician on this machine, or the site config's): Tab on the empty
	// box puts it there. A ward workstation is shared, so one Enter must
	// never record the assessment under someone else's name.
	offer string
	// teamOffer is the team the team box offers and never fills (the
	// amended record's): Tab on the empty box puts it there, and enter
	// on the empty box is refused, since an amendment saved with no team
	// leaves its team's summary. A ward clinician amending a community
	// record kept the community team with one enter.
	teamOffer string
	// teamFilled is the team the team box came up holding for a
	// follow-up, that of the assessment followed up (fillTeam): kept by
	// enter, as a team typed is, once it has been on screen for the word
	// hold (Model.enterUnread), and said under the box while it is there.
	teamFilled string
	// fixed is set when the patient is that of a saved record (an
	// amendment or a follow-up): only who is assessing is asked.
	fixed bool
	// reopened is set on a form opened again on the details given (from
	// the review, or gone back to from the first question): a box holding
	// one is held as an answer is (Model.detailGiven).
	reopened bool
	// numberGiven is the patient the number box last gave, by enter, in
	// this showing of the form: the header names it while the form is
	// open, back on the number box or the identifier too (patientShown).
	// Naming the patient recorded there, the header flipped from the new
	// number to the old and back as esc and enter went between the boxes.
	numberGiven record.PatientID
}

// Indexes of the patient form's fields.
const (
	kindField           = 0
	numberField         = 1
	firstClinicianField = 2
)

func newPatientForm(kind, id, clinician, team string, fixed bool) *patientForm {
	p := &patientForm{fixed: fixed}
	// No kind is chosen to start with, as no option of any list is: an
	// enter typed ahead of the screen would otherwise take NHS number
	// as the kind without anyone choosing it. The kind is chosen only
	// when the form is opened again on the patient already given.
	p.kind = newChoice("Identifier", "", []fieldOption{
		{"NHS number", record.NHSNumber},
		{"Local hospital number", record.LocalID},
	}, kind, kind != "", nil)
	p.id = newText("Number", "", id, record.MaxLocalID, func(v []string) error {
		_, err := assess.CheckPatient(p.kindCode(), strings.Join(v, ""))
		return err
	})
	p.id.countAtLimit = true
	p.clinician = newText("Clinician", "", clinician, assess.MaxClinician, func(v []string) error {
		name := strings.Join(v, "")
		if strings.TrimSpace(name) == "" && p.offer != "" {
			return errors.New(assess.CheckClinician(name).Error() + " (Tab puts " + questionnaire.PrintableTyped(p.offer) + " in the box)")
		}
		if err := assess.CheckClinician(name); err != nil {
			return err
		}
		// Never the patient's own number, typed one box too late.
		return assess.CheckNotPatient(name, record.PatientID{Kind: p.kindCode(), Value: p.id.input.Value()})
	})
	p.team = newText("Team (optional)", "", team, assess.MaxTeam, func(v []string) error {
		team := strings.Join(v, "")
		if strings.TrimSpace(team) == "" && p.teamOffer != "" {
			return errors.New("type your team (Tab puts " + questionnaire.PrintableTyped(p.teamOffer) + ", the team of the assessment amended, in the box)")
		}
		if err := assess.CheckTeam(team); err != nil {
			return err
		}
		// Never the patient's own number, as the clinician box.
		return assess.CheckTeamOf(team, record.PatientID{Kind: p.kindCode(), Value: p.id.input.Value()})
	})
	p.form = newFormOf(p.kind, p.id, p.clinician, p.team)
	if fixed {
		p.form.shown[kindField] = func() bool { return false }
		p.form.shown[numberField] = func() bool { return false }
		p.form.moveTo(firstClinicianField)
	}
	return p
}

// offerKey puts the name offered in the empty clinician box.
var offerKey = key.NewBinding(key.WithKeys("tab"))

// offerClinician has the clinician box offer name (none when ""): it is
// said under the empty box and put there by Tab, never by Enter.
func (p *patientForm) offerClinician(name string) {
	p.offer = strings.TrimSpace(name)
	p.offerHint()
}

// offerTeam has the team box offer team (none when ""): it is said under
// the empty box and put there by Tab, never by Enter, and the team is
// then asked for, not optional.
func (p *patientForm) offerTeam(team string) {
	p.teamOffer = strings.TrimSpace(team)
	if p.teamOffer != "" {
		p.team.title = "Team"
	}
	p.offerHint()
}

// fillTeam has the empty team box of a follow-up hold team, that of the
// assessment followed up: the clinician's team is most often the same.
// It is shown, said to be that record's, kept by enter once read, and
// replaced by typing.
func (p *patientForm) fillTeam(team string) {
	team = strings.TrimSpace(team)
	if team == "" || p.team.input.Value() != "" || p.teamOffer != "" {
		return
	}
	p.team.input.SetValue(team)
	p.team.input.CursorEnd()
	p.team.given = true
	p.teamFilled = team
	p.offerHint()
}

// filledTeam reports whether the team box holds the team it was filled
// with (fillTeam), unchanged.
func (p *patientForm) filledTeam() bool {
	return p.teamFilled != "" && p.team.input.Value() == p.teamFilled
}

// offerHint says the name or team offered while its box is empty, and the
// team a follow-up's box holds from the assessment followed up.
func (p *patientForm) offerHint() {
	p.clinician.hint = ""
	if p.offer != "" && p.clinician.input.Value() == "" {
		p.clinician.hint = "Type your name, or press Tab for " + questionnaire.PrintableTyped(p.offer)
	}
	p.team.hint = ""
	if p.teamOffer != "" && p.team.input.Value() == "" {
		p.team.hint = "Type your team, or press Tab for " + questionnaire.PrintableTyped(p.teamOffer) + " (the team of the assessment amended)"
	}
	if p.filledTeam() {
		p.team.hint = "The team of the assessment followed up: press enter to keep it, or type your own team."
	}
}

// takeOffer puts the name or team offered in its box when msg is Tab
// there and the box is empty, as if typed: Enter then takes it.
func (p *patientForm) takeOffer(msg tea.KeyPressMsg) bool {
	if !key.Matches(msg, offerKey) {
		return false
	}
	f, offer := p.form.focused(), ""
	switch f {
	case p.clinician:
		offer = p.offer
	case p.team:
		offer = p.teamOffer
	}
	if offer == "" {
		return false
	}
	if f.input.Value() == "" {
		f.input.SetValue(offer)
		f.input.CursorEnd()
		f.given, f.err = false, nil
		p.offerHint()
	}
	return true
}

// kindCode is the kind chosen, or NHS number (the number's check and the
// screen's advice) while none is: the number is asked only once one is.
func (p *patientForm) kindCode() string {
	if v := p.kind.values(); len(v) == 1 {
		return v[0]
	}
	return record.NHSNumber
}

// result reads the completed form. The identifier is checked again because
// the kind may have been changed after the number was accepted.
func (p *patientForm) result() (record.PatientID, string, string, error) {
	id, err := assess.CheckPatient(p.kindCode(), p.id.input.Value())
	return id, p.clinician.text(), p.team.text(), err
}

// noteNumberGiven notes the patient the number names once the form has
// gone past the number box (numberGiven).
func (p *patientForm) noteNumberGiven() {
	if p.fixed || p.focusIndex() < firstClinicianField {
		return
	}
	if id, err := record.NewPatientID(p.kindCode(), p.id.input.Value()); err == nil {
		p.numberGiven = id
	}
}

// touched reports whether anything was typed that would be lost.
func (p *patientForm) touched() bool { return !p.fixed && p.id.text() != "" }

// focusIndex is the focused field's index: kindField, numberField,
// firstClinicianField or the team after it.
func (p *patientForm) focusIndex() int { return p.form.cur }

// firstField is the index of the first field the form asks.
func (p *patientForm) firstField() int { return p.form.next(-1) }

// binding ties one instrument item to its field. A value is only an answer
// once its section's form is done (or, for a draft, the question confirmed).
type binding struct {
	item  *questionnaire.Item
	field *field
}

// values is the binding's current value as the instrument reads answers:
// nothing for a skipped question.
func (b *binding) values() []string {
	if b.item.Type == questionnaire.Text {
		return assess.TextAnswer(b.item, b.field.text())
	}
	return b.field.values()
}

// skipOption is offered last on an optional question, so the numbers of
// the real answers are those of the plain prompts.
var skipOption = fieldOption{assess.SkipText, ""}

// sectionForm is one section of the instrument, built for one assessment.
// Its questions are asked one at a time, the answers already given in the
// section listed above the one in focus.
type sectionForm struct {
	index   int
	section *questionnaire.Section
	s       *assess.Session
	form    *form
	// gate is the "record the optional questions?" question of an
	// optional section; nil for a required one.
	gate     *field
	bindings []*binding
	// editing is set when the section was opened from the review screen:
	// completing it (or going back from it) returns there.
	editing bool
}

// newSectionForm builds section k of s's instrument, each question on the
// answer given before, if any (a resumed draft, a section opened again, an
// amendment); completed says the section was completed before.
func newSectionForm(s *assess.Session, k int, completed bool) *sectionForm {
	sec := &s.Instrument().Sections[k]
	sf := &sectionForm{index: k, section: sec, s: s}
	prior := s.Answers()
	for i := range sec.Items {
		// An answer a resumed draft holds as not confirmed is shown
		// on its question, to be confirmed or changed (toUnconfirmed):
		// still no answer until it is.
		if v, ok := sf.s.Unconfirmed()[sec.Items[i].LinkID]; ok {
			prior[sec.Items[i].LinkID] = v
		}
	}
	var fields []*field

	if sec.Optional {
		recorded := s.Answered(k)
		// Chosen only when the section was answered before: the first
		// time, skipping is a choice too.
		g := gateSkip
		if recorded {
			g = gateRecord
		}
		// The words and numbers of the plain prompts, so a clinician
		// who uses both presses the same keys.
		sf.gate = newChoice(assess.GateQuestion, "", []fieldOption{
			{assess.GateAsk, gateRecord},
			{assess.GateSkip, gateSkip},
		}, g, completed || recorded, nil)
		sf.gate.summary = "Optional questions"
		sf.gate.adviseOnEnter = true
		fields = append(fields, sf.gate)
	}

	for i := range sec.Items {
		it := &sec.Items[i]
		// Checked against the section as it stands, so an answer that
		// cannot stand with another of the section is refused at once.
		check := func(v []string) error { return s.CheckLive(k, it, v, sf.values()) }
		b := &binding{item: it}
		opts := make([]fieldOption, 0, len(it.Options)+1)
		for _, o := range it.Options {
			opts = append(opts, fieldOption{o.Text, o.Code})
		}
		switch it.Type {
		case questionnaire.MultiChoice:
			b.field = newMulti(it.Text, it.Hint, opts, prior[it.LinkID], check)
		case questionnaire.Text:
			// Too long an answer (a full postcode where the district is
			// asked, a language named at length) is kept in view,
			// counted and refused with the reason (see newText).
			b.field = newText(it.Text, it.Hint, prior.One(it.LinkID), it.MaxLen,
				func(v []string) error { return s.Check(it, assess.TextAnswer(it, strings.Join(v, ""))) })
			// Asked in a section completed and left empty, it was given
			// empty: held as an answer typed is (field.givenAnswer).
			b.field.givenEmpty = completed && (!sec.Optional || s.Answered(k)) && assess.Asked(it, prior)
		default:
			if !it.Required {
				opts = append(opts, skipOption)
			}
			// A question answered before starts on that answer; a
			// skipped optional one only once its section was completed.
			v := prior.One(it.LinkID)
			b.field = newChoice(it.Text, it.Hint, opts, v, v != "" || (completed && !it.Required), check)
		}
		b.field.summary = it.Label
		b.field.revealed = it.EnableWhen != nil
		sf.bindings = append(sf.bindings, b)
		fields = append(fields, b.field)
	}
	sf.form = newFormOf(fields...)
	off := len(fields) - len(sf.bindings)
	for i, b := range sf.bindings {
		sf.form.shown[off+i] = func() bool { return sf.asked(b) }
	}
	// The gate may hide every question after it; the first question is
	// always shown, so focus stays where newFormOf put it.
	return sf
}

// asked reports whether a question is shown now, from the live values of
// this form (an EnableWhen on an earlier question of the same section) and
// the committed answers of other sections.
func (sf *sectionForm) asked(b *binding) bool {
	if !sf.open() {
		return false
	}
	return assess.Asked(b.item, sf.s.Live(sf.index, sf.values()))
}

// open reports whether the section's questions are asked: always, unless
// the gate of an optional section says skip.
func (sf *sectionForm) open() bool {
	if sf.gate == nil {
		return true
	}
	v := sf.gate.values()
	return len(v) == 1 && v[0] == gateRecord
}

// values is the form's current values, by linkId: what decides what is
// shown, never what is saved.
func (sf *sectionForm) values() questionnaire.Answers {
	a := make(questionnaire.Answers, len(sf.bindings))
	for _, b := range sf.bindings {
		if v := b.values(); len(v) > 0 {
			a[b.item.LinkID] = v
		}
	}
	return a
}

// given is the completed section's answers for the session: none for a
// skipped optional section. The session keeps exactly the questions shown.
func (sf *sectionForm) given() questionnaire.Answers {
	if !sf.open() {
		return nil
	}
	return sf.values()
}

// giveWay, once the answer to from was taken, clears each answer of the
// section that gives way to it (a choice of texts, to "must not be
// texted"), says why on that question, and goes straight to the first of
// them: the restriction is kept, and the choice is asked again at once.
// Answering it goes on from there, the next question being where the
// restriction's answer led. It reports whether any gave way.
func (sf *sectionForm) giveWay(from *field) bool {
	var taken *binding
	for _, b := range sf.bindings {
		if b.field == from {
			taken = b
		}
	}
	if taken == nil {
		return false
	}
	gone := sf.s.GivesWayLive(sf.index, taken.item, taken.values(), sf.values())
	at := -1
	for _, y := range gone {
		for i, b := range sf.bindings {
			if b.item.LinkID != y.LinkID || len(b.values()) == 0 {
				continue
			}
			b.field.clear(y.Reason + ".")
			if j := len(sf.form.fields) - len(sf.bindings) + i; at < 0 || j < at {
				at = j
			}
		}
	}
	if at < 0 {
		return false
	}
	sf.form.done = false
	sf.form.moveTo(at)
	return true
}

// toGap moves to the first question shown with no answer where a later
// question shown has one: a question whose answer gave way to a later one
// (a choice of texts, cleared by "must not be texted") and was not given
// again before the draft was kept. A resumed draft opens there, not at the
// top of the section, so that it is answered again. It reports whether
// there was one.
func (sf *sectionForm) toGap() bool {
	gap := -1
	for i, b := range sf.bindings {
		if !sf.asked(b) {
			continue
		}
		switch {
		case len(b.values()) == 0 && gap < 0:
			gap = i
		case len(b.values()) > 0 && gap >= 0:
			sf.form.moveTo(len(sf.form.fields) - len(sf.bindings) + gap)
			return true
		}
	}
	return false
}

// toUnconfirmed moves to the first question shown whose answer a resumed
// draft held as not confirmed (assess.Session.Unconfirmed), and still
// shows it: a draft kept with a tick given and enter not pressed opens
// there, for it to be confirmed. It reports whether there was one.
func (sf *sectionForm) toUnconfirmed() bool {
	un := sf.s.Unconfirmed()
	for i, b := range sf.bindings {
		if v, ok := un[b.item.LinkID]; ok && sf.asked(b) && slices.Equal(b.values(), v) {
			sf.form.moveTo(len(sf.form.fields) - len(sf.bindings) + i)
			return true
		}
	}
	return false
}

// clinicianOffered is the name the clinician box offers: the last
// clinician of this run, else the site config's. Never the login name.
func (m *Model) clinicianOffered() string {
	if m.lastClinician != "" {
		return m.lastClinician
	}
	return m.opts.OfferClinician
}

// offerOf is the name or team f, a box of the patient screen on show,
// offers while it is empty (Tab puts it there), or "".
func (m *Model) offerOf(f *field) string {
	if f == nil || m.screen != patientScreen || m.kept != nil || m.earlier != "" || m.patient == nil || f.input.Value() != "" {
		return ""
	}
	switch f {
	case m.patient.clinician:
		return m.patient.offer
	case m.patient.team:
		return m.patient.teamOffer
	}
	return ""
}

// offerUnread refuses, and reports, a Tab on an empty box offering a name
// or a team (offerOf) before the box could be read: the word hold from its
// coming into focus, or from the window showing it again. Typed with the
// enter that answered the box before ("enter, tab to the next field,
// enter", a form-filling habit), it put the amended record's team in the
// amendment's team box unread, and the enter after it took it: the
// amendment was recorded as made by that team, whoever made it. Refused as
// a key on a question holding an answer is (refuseUnread), the box stays
// empty and every key after it is ignored until esc, which says the
// refusal was read; Tab then puts the offer there.
func (m *Model) offerUnread(msg tea.KeyPressMsg) bool {
	if !key.Matches(msg, offerKey) {
		return false
	}
	f := m.focusedField()
	offer := m.offerOf(f)
	if offer == "" || m.keepRead(f) {
		return false
	}
	what := "your name"
	if f == m.patient.team {
		what = "your team"
	}
	f.keepFrom, f.keepLen = time.Now(), m.wordHoldLen()
	m.typed = ""
	m.ignoreKeysThen(unreadOffer(offer), "Keys are ignored until Esc; then type "+what+", or press Tab for "+questionnaire.PrintableTyped(offer)+".")
	m.notice = ""
	m.enterRefused = f
	return true
}

// unreadOffer is said when a Tab came on a box offering offer before the
// box could be read (offerUnread).
func unreadOffer(offer string) string {
	return "Tab not taken: it came before this box could be read, so " + questionnaire.PrintableTyped(offer) + " was not put in it."
}
