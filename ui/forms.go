package ui

import (
	"errors"
	"slices"
	"strings"

	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"digicheck/questionnaire"
	"digicheck/record"
)

// Values of the first question of an optional section.
const (
	gateSkip   = "skip"
	gateRecord = "record"
)

// newFormKeyMap is huh's key map with the keys the root model owns taken
// away: ctrl+c is answered by the discard question, never by a form aborting
// itself, and filtering is off so that esc always means "back a step".
func newFormKeyMap() *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false)
	km.Select.Filter.SetEnabled(false)
	km.Select.SetFilter.SetEnabled(false)
	km.Select.ClearFilter.SetEnabled(false)
	km.MultiSelect.Filter.SetEnabled(false)
	km.MultiSelect.SetFilter.SetEnabled(false)
	km.MultiSelect.ClearFilter.SetEnabled(false)
	return km
}

// newForm applies what every form shares: the theme, the key map, and no
// help or error lines of its own (the root model draws the help and status
// lines of every screen in the same place, so the layout never jumps).
func newForm(st func() *Styles, km *huh.KeyMap, groups ...*huh.Group) *huh.Form {
	return huh.NewForm(groups...).
		WithTheme(huh.ThemeFunc(func(bool) *huh.Styles { return st().Form })).
		WithKeyMap(km).
		WithShowHelp(false).
		WithShowErrors(false)
}

// Indexes of the patient form's fields.
const (
	numberField         = 1
	firstClinicianField = 2
)

// patientForm asks who is assessed and by whom. Its values are bound to the
// struct, and read only once the form is completed.
type patientForm struct {
	form      *huh.Form
	kind      string
	id        string
	clinician string
	team      string
	// fixed is set when the patient is that of a saved record (an
	// amendment or a follow-up): only who is assessing is asked.
	fixed  bool
	fields []huh.Field
	pages  [][]huh.Field
	groups []*huh.Group
}

func newPatientForm(st func() *Styles, km *huh.KeyMap, kind, id, clinician, team string, fixed bool) *patientForm {
	p := &patientForm{kind: kind, id: id, clinician: clinician, team: team, fixed: fixed}
	if p.kind == "" {
		p.kind = record.NHSNumber
	}
	kindField := huh.NewSelect[string]().
		Title("Identifier").
		Options(
			huh.NewOption("NHS number", record.NHSNumber),
			huh.NewOption("Local hospital number", record.LocalID),
		).
		Value(&p.kind)
	idField := huh.NewInput().
		Title("Number").
		CharLimit(24).
		Value(&p.id).
		// The kind is read when the number is checked, so changing the
		// kind after typing the number checks it again on the way past.
		Validate(func(s string) error {
			_, err := record.NewPatientID(p.kind, s)
			return err
		})
	clinField := huh.NewInput().
		Title("Clinician").
		CharLimit(60).
		Value(&p.clinician).
		Validate(func(s string) error {
			if strings.TrimSpace(s) == "" {
				return errors.New("enter the clinician's name")
			}
			return nil
		})
	teamField := huh.NewInput().
		Title("Team (optional)").
		CharLimit(60).
		Value(&p.team)
	p.fields = []huh.Field{kindField, idField, clinField, teamField}
	// Pages: the kind, the number, the clinician. A keystroke redraws
	// every field on its page, and the number is the one typed against
	// the clock, so it is alone on its page.
	p.pages = [][]huh.Field{{kindField}, {idField}, {clinField, teamField}}
	if fixed {
		p.pages = p.pages[2:]
	}
	for _, fs := range p.pages {
		p.groups = append(p.groups, huh.NewGroup(fs...))
	}
	p.form = newForm(st, km, p.groups...)
	return p
}

// firstOnPage reports whether the focused field is the first on its page.
func (p *patientForm) firstOnPage() bool {
	f := p.form.GetFocusedField()
	for _, fs := range p.pages {
		if fs[0] == f {
			return true
		}
	}
	return false
}

// size fits the form to the form area. Each page is given the height of
// its own fields, not the whole area: huh pads a page to its height on
// every keystroke, and the frame pads the rest far more cheaply.
func (p *patientForm) size(width, height int) {
	p.form.WithWidth(width)
	for i, g := range p.groups {
		h := len(p.pages[i]) - 1 // the blank line between fields
		for _, f := range p.pages[i] {
			h += lipgloss.Height(f.View())
		}
		g.WithHeight(min(h, height))
	}
}

// result reads the completed form. The identifier is checked again because
// the kind may have been changed after the number was accepted.
func (p *patientForm) result() (record.PatientID, string, string, error) {
	id, err := record.NewPatientID(p.kind, p.id)
	return id, strings.TrimSpace(p.clinician), strings.TrimSpace(p.team), err
}

// touched reports whether anything was typed that would be lost.
func (p *patientForm) touched() bool { return !p.fixed && strings.TrimSpace(p.id) != "" }

// focusIndex is the focused field's index in fields (whatever pages are
// shown), so numberField and firstClinicianField always name the same.
func (p *patientForm) focusIndex() int {
	return slices.Index(p.fields, p.form.GetFocusedField())
}

// firstField is the index of the first field the form asks.
func (p *patientForm) firstField() int { return slices.Index(p.fields, p.pages[0][0]) }

// binding ties one instrument item to its huh field and the value the field
// writes to. A value is only an answer once its section's form is completed.
type binding struct {
	item  *questionnaire.Item
	field huh.Field
	one   *string   // Choice and Text
	many  *[]string // MultiChoice
}

// values is the binding's current value as the instrument reads answers:
// nothing for a skipped question.
func (b *binding) values() []string {
	switch b.item.Type {
	case questionnaire.MultiChoice:
		if len(*b.many) == 0 {
			return nil
		}
		return slices.Clone(*b.many)
	case questionnaire.Text:
		return textValues(b.item, *b.one)
	default:
		if *b.one == "" {
			return nil
		}
		return []string{*b.one}
	}
}

// textValues turns typed text into an answer. The postcode district is kept
// normalised (upper case, no spaces) so summaries group it correctly.
func textValues(it *questionnaire.Item, s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if it.LinkID == questionnaire.LinkPostcodeDistrict {
		if d, err := questionnaire.NormalisePostcodeDistrict(s); err == nil {
			s = d
		}
	}
	return []string{s}
}

// sectionForm is one section of the instrument as a huh form built for one
// assessment. Each question is its own group, so every question, however
// many options it has, gets the whole form area and scrolls inside it.
type sectionForm struct {
	index   int
	section *questionnaire.Section
	form    *huh.Form
	// gate is the "record the optional questions?" answer of an optional
	// section; nil for a required one.
	gate      *string
	gateField huh.Field
	bindings  []*binding
	groups    []*huh.Group // one per question, the gate first
	prior     questionnaire.Answers
	// editing is set when the section was opened from the review screen:
	// completing it (or going back from it) returns there.
	editing bool
}

func newSectionForm(ins *questionnaire.Instrument, index int, prior questionnaire.Answers, st func() *Styles, km *huh.KeyMap) *sectionForm {
	sec := &ins.Sections[index]
	sf := &sectionForm{index: index, section: sec, prior: prior}
	var groups []*huh.Group

	if sec.Optional {
		g := gateSkip
		for _, it := range sec.Items {
			if len(prior[it.LinkID]) > 0 {
				g = gateRecord
				break
			}
		}
		sf.gate = &g
		// Skipping is the first option, so a clinician in a hurry skips
		// the whole section with one key.
		sel := huh.NewSelect[string]().
			Title("Record the optional questions in this section?").
			Options(
				huh.NewOption("Skip them", gateSkip),
				huh.NewOption("Record them", gateRecord),
			).
			Value(sf.gate)
		sf.gateField = sel
		groups = append(groups, huh.NewGroup(sel))
	}

	for i := range sec.Items {
		it := &sec.Items[i]
		b := &binding{item: it}
		switch it.Type {
		case questionnaire.MultiChoice:
			v := slices.Clone(prior[it.LinkID])
			b.many = &v
			opts := make([]huh.Option[string], 0, len(it.Options))
			for _, o := range it.Options {
				opts = append(opts, huh.NewOption(o.Text, o.Code))
			}
			b.field = huh.NewMultiSelect[string]().
				Title(it.Text).
				Description(it.Hint).
				Options(opts...).
				Value(b.many).
				Validate(func(v []string) error { return answerError(ins.ValidateItem(it, v)) })
		case questionnaire.Text:
			v := prior.One(it.LinkID)
			b.one = &v
			in := huh.NewInput().
				Title(it.Text).
				Description(it.Hint).
				Value(b.one).
				Validate(func(s string) error { return answerError(ins.ValidateItem(it, textValues(it, s))) })
			// A little more than MaxLen may be typed, so that too long an
			// answer (a full postcode where the district is asked) is
			// refused with the reason rather than silently cut short to
			// something else.
			if it.MaxLen > 0 {
				in.CharLimit(it.MaxLen + 8)
			}
			b.field = in
		default:
			v := prior.One(it.LinkID)
			b.one = &v
			opts := make([]huh.Option[string], 0, len(it.Options)+1)
			if !it.Required {
				// A Select always holds one of its options. An optional
				// question therefore offers "not asked" first: pressing
				// enter through the section records nothing rather
				// than the first real answer.
				opts = append(opts, huh.NewOption("Skip this question", ""))
			}
			for _, o := range it.Options {
				opts = append(opts, huh.NewOption(o.Text, o.Code))
			}
			b.field = huh.NewSelect[string]().
				Title(it.Text).
				Description(it.Hint).
				Options(opts...).
				Value(b.one).
				Validate(func(v string) error {
					var vals []string
					if v != "" {
						vals = []string{v}
					}
					return answerError(ins.ValidateItem(it, vals))
				})
		}
		sf.bindings = append(sf.bindings, b)
		groups = append(groups, huh.NewGroup(b.field).WithHideFunc(func() bool { return !sf.asked(b) }))
	}
	sf.groups = groups
	sf.form = newForm(st, km, groups...)
	return sf
}

// answerError keeps the instrument's reason and drops the linkId, which
// means nothing to the person at the keyboard.
func answerError(err error) error {
	var ae *questionnaire.AnswerError
	if errors.As(err, &ae) {
		return errors.New(ae.Reason)
	}
	return err
}

// asked reports whether a question is shown now, from the live values of
// this form (an EnableWhen on an earlier question of the same section) and
// the committed answers of other sections.
func (sf *sectionForm) asked(b *binding) bool {
	if sf.gate != nil && *sf.gate != gateRecord {
		return false
	}
	return b.item.Enabled(sf.live())
}

// live is the committed answers with this form's current values laid over
// them. It is used to decide what is shown, never to save.
func (sf *sectionForm) live() questionnaire.Answers {
	a := make(questionnaire.Answers, len(sf.prior)+len(sf.bindings))
	for k, v := range sf.prior {
		a[k] = v
	}
	for _, b := range sf.bindings {
		if v := b.values(); len(v) > 0 {
			a[b.item.LinkID] = v
		} else {
			delete(a, b.item.LinkID)
		}
	}
	return a
}

// commit writes the completed section's answers into a, replacing whatever
// the section held before. Questions that are no longer asked (the
// interpreter's language after "interpreter" was unticked, or a skipped
// optional section) leave no answer behind.
func (sf *sectionForm) commit(a questionnaire.Answers) {
	// asked is what decided which questions were on screen, so exactly
	// the questions the clinician saw are kept.
	var keep []*binding
	for _, b := range sf.bindings {
		if sf.asked(b) {
			keep = append(keep, b)
		}
	}
	for _, it := range sf.section.Items {
		delete(a, it.LinkID)
	}
	for _, b := range keep {
		if v := b.values(); len(v) > 0 {
			a[b.item.LinkID] = v
		}
	}
}

// groupFields lists the form's fields in group order, with whether each
// group is shown now.
func (sf *sectionForm) groupFields() ([]huh.Field, []bool) {
	var fs []huh.Field
	var shown []bool
	if sf.gateField != nil {
		fs = append(fs, sf.gateField)
		shown = append(shown, true)
	}
	for _, b := range sf.bindings {
		fs = append(fs, b.field)
		shown = append(shown, sf.asked(b))
	}
	return fs, shown
}

// atFirstQuestion reports whether no shown question comes before the
// focused one, so "back" leaves the section.
func (sf *sectionForm) atFirstQuestion() bool {
	fs, shown := sf.groupFields()
	i := slices.Index(fs, sf.form.GetFocusedField())
	for j := 0; j < i; j++ {
		if shown[j] {
			return false
		}
	}
	return true
}

// focused returns the binding of the focused question, or nil on the gate.
func (sf *sectionForm) focused() *binding {
	f := sf.form.GetFocusedField()
	for _, b := range sf.bindings {
		if b.field == f {
			return b
		}
	}
	return nil
}

// size fits every question into the form area. Each question is alone on
// its page: one that fits keeps its natural height, and one that does not
// (the 17 ethnic categories on a small window) gets exactly the form area
// and scrolls its options inside it, keeping the question in view. Each
// page is only as tall as its question, since huh pads a page to its height
// on every keystroke.
func (sf *sectionForm) size(width, height int, st *Styles) {
	sf.form.WithWidth(width)
	fs, _ := sf.groupFields()
	for i, f := range fs {
		var h int
		if _, multi := f.(*huh.MultiSelect[string]); multi {
			// huh v2.0.3 sizes a MultiSelect without a height to its
			// options less its title, hiding the last options; give it
			// its real height.
			b := sf.bindings[i-len(fs)+len(sf.bindings)]
			h = min(naturalHeight(b.item, width-st.Form.Focused.Base.GetHorizontalFrameSize()), height)
			f.WithHeight(h)
		} else {
			// Height 0 is huh's "as tall as the content", which undoes
			// an earlier limit when the window has grown.
			f.WithHeight(0)
			if h = lipgloss.Height(f.View()); h > height {
				h = height
				f.WithHeight(h)
			}
		}
		sf.groups[i].WithHeight(h)
	}
}

// naturalHeight is the lines a choice question needs with every option
// shown, wrapped as huh wraps titles and descriptions.
func naturalHeight(it *questionnaire.Item, width int) int {
	n := len(it.Options) + lipgloss.Height(lipgloss.Wrap(it.Text, width, ",.-; "))
	if it.Hint != "" {
		n += lipgloss.Height(lipgloss.Wrap(it.Hint, width, ",.-; "))
	}
	return n
}
