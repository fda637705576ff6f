// Package ui is digicheck's terminal UI: one assessment, or several in a
// row, from the patient's identifier through the instrument's sections, a
// review of every answer and the result with the patient's referral choices,
// to a durable save and a note for the patient record.
//
// One root Bubble Tea model owns all state and routing. Screens are plain
// structs and render functions, not nested models; questions are huh forms
// built fresh for each assessment from the instrument's data. Nothing in
// Update does I/O: saving and drafts run in commands and come back as
// messages, so the screen says "Saved" only after the store said so.
package ui

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/google/uuid"

	"digicheck/questionnaire"
	"digicheck/record"
)

// Options is what the UI needs from the program that starts it.
type Options struct {
	Instrument *questionnaire.Instrument
	Directory  questionnaire.Directory
	// Clinician and Team are shown pre-filled on the patient screen.
	Clinician, Team string
	// Save stores a record durably. It is always called inside a tea.Cmd,
	// never in Update, and the record is shown as saved only when it
	// returns nil.
	Save func(*record.Record) error
	// Draft, if set, is called (in a tea.Cmd) with a copy of the answers
	// after each completed section, so an unfinished assessment survives a
	// closed window.
	Draft func(questionnaire.Answers, record.PatientID)
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Outcome is what a run of the UI produced.
type Outcome struct {
	// Saved is every record saved this run, in order.
	Saved []record.Record
}

type screen int

const (
	patientScreen screen = iota
	sectionScreen
	reviewScreen
	resultScreen
	savedScreen
)

// Layout. Every screen has the same frame: a header line, two intro lines
// and a blank line above the body; two status lines and two help lines
// below it. Fixed sizes keep the help line where the eye expects it.
const (
	minWidth    = 60
	minHeight   = 20
	maxWidth    = 100 // wider lines are hard to read
	headerLines = 4
	footerLines = 4
)

// Model is the root model. Create it with New.
type Model struct {
	opts     Options
	ins      *questionnaire.Instrument
	now      func() time.Time
	styles   *Styles
	keys     keyMap
	formKeys *huh.KeyMap

	width, height int
	screen        screen

	patient     *patientForm
	patientID   record.PatientID
	clinician   string
	team        string
	editPatient bool // the patient screen was opened from the review

	// answers holds completed sections only: a section's values are copied
	// in when its form reaches huh.StateCompleted, never before.
	answers  questionnaire.Answers
	sections []*sectionForm
	current  int

	reviewView viewport.Model

	result     questionnaire.Result
	assessed   bool
	referral   int    // the referral the consent keys answer
	refSpans   []span // where each referral is in the result text
	resultView viewport.Model

	pending *record.Record // built once per result, so a retry saves the same record
	saving  bool
	saveErr error

	saved     record.Record
	savedView viewport.Model

	problem     string // a refusal for the status line, until the next key
	notice      string // neutral news for the status line, until the next key
	confirmQuit bool

	outcome Outcome
}

// span is a range of lines [start, end) in rendered text.
type span struct{ start, end int }

// savedMsg reports the end of a save.
type savedMsg struct {
	rec record.Record
	err error
}

// New builds the root model with a fresh assessment.
func New(o Options) *Model {
	if o.Instrument == nil {
		o.Instrument = questionnaire.V1
	}
	m := &Model{
		opts:      o,
		ins:       o.Instrument,
		now:       o.Now,
		styles:    newStyles(true),
		keys:      newKeyMap(),
		formKeys:  newFormKeyMap(),
		clinician: o.Clinician,
		team:      o.Team,
	}
	if m.now == nil {
		m.now = time.Now
	}
	if n := len(m.ins.Sections); n < 9 {
		m.keys.EditSection = key.NewBinding(
			key.WithKeys(m.keys.EditSection.Keys()[:n]...),
			key.WithHelp(fmt.Sprintf("1-%d", n), "change section"))
	}
	m.reviewView = viewport.New()
	m.resultView = viewport.New()
	m.savedView = viewport.New()
	m.fresh()
	return m
}

// fresh starts a new assessment: new forms, no answers. The clinician and
// team stay as last entered, since the same person is at the keyboard.
func (m *Model) fresh() {
	m.answers = questionnaire.Answers{}
	m.sections = make([]*sectionForm, len(m.ins.Sections))
	m.current = 0
	m.patient = newPatientForm(m.styleFn, m.formKeys, record.NHSNumber, "", m.clinician, m.team)
	m.patientID = record.PatientID{}
	m.editPatient = false
	m.result = questionnaire.Result{}
	m.assessed = false
	m.referral = 0
	m.pending = nil
	m.saveErr = nil
	m.screen = patientScreen
	m.layout()
}

func (m *Model) styleFn() *Styles { return m.styles }

// Outcome returns every record saved so far, in order.
func (m *Model) Outcome() Outcome {
	return Outcome{Saved: slices.Clone(m.outcome.Saved)}
}

// Init starts the patient form and asks the terminal for its background, so
// colours suit a light or a dark theme.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.patient.form.Init(), tea.RequestBackgroundColor)
}

// Run runs the UI on in and out until the clinician quits, and returns what
// was saved, even when the program ends with an error.
func Run(o Options, in io.Reader, out io.Writer) (Outcome, error) {
	m := New(o)
	final, err := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(out)).Run()
	if fm, ok := final.(*Model); ok {
		m = fm
	}
	return m.Outcome(), err
}

// Update routes a message to the screen it belongs to.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case tea.BackgroundColorMsg:
		if msg.IsDark() != m.styles.Dark {
			m.styles = newStyles(msg.IsDark())
			m.layout()
		}
		return m, nil
	case savedMsg:
		return m, m.onSaved(msg)
	case tea.KeyPressMsg:
		return m, m.onKey(msg)
	}
	// Everything else (huh's field and group messages, cursor blinks)
	// belongs to the form on screen, if there is one.
	return m, m.updateForm(msg)
}

func (m *Model) onKey(msg tea.KeyPressMsg) tea.Cmd {
	m.problem, m.notice = "", ""
	if m.confirmQuit {
		switch {
		case key.Matches(msg, m.keys.Yes):
			return tea.Quit
		case key.Matches(msg, m.keys.No):
			m.confirmQuit = false
		}
		return nil
	}
	if key.Matches(msg, m.keys.Quit) {
		switch {
		case m.saving:
			// Quitting now could leave the clinician unsure whether the
			// record was kept; the save takes a moment.
			m.notice = "Saving: wait a moment, then quit."
			return nil
		case !m.hasUnsaved():
			return tea.Quit
		}
		m.confirmQuit = true
		return nil
	}
	if m.tooSmall() {
		// Nothing on screen to act on: keys would change answers blind.
		return nil
	}
	switch m.screen {
	case patientScreen:
		return m.patientKey(msg)
	case sectionScreen:
		return m.sectionKey(msg)
	case reviewScreen:
		return m.reviewKey(msg)
	case resultScreen:
		return m.resultKey(msg)
	case savedScreen:
		return m.savedKey(msg)
	}
	return nil
}

// hasUnsaved reports whether quitting would lose anything typed.
func (m *Model) hasUnsaved() bool {
	switch m.screen {
	case savedScreen:
		return false
	case patientScreen:
		return m.patient.touched() || len(m.answers) > 0 || m.patientID.Value != ""
	}
	return true
}

func (m *Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// updateForm passes a message to the form on screen and moves on when that
// form is completed.
func (m *Model) updateForm(msg tea.Msg) tea.Cmd {
	switch m.screen {
	case patientScreen:
		_, cmd := m.patient.form.Update(msg)
		if m.patient.form.State == huh.StateCompleted {
			return tea.Batch(cmd, m.patientDone())
		}
		return cmd
	case sectionScreen:
		sf := m.sections[m.current]
		_, cmd := sf.form.Update(msg)
		if sf.form.State == huh.StateCompleted {
			return tea.Batch(cmd, m.sectionDone(sf))
		}
		return cmd
	}
	return nil
}

func (m *Model) patientKey(msg tea.KeyPressMsg) tea.Cmd {
	if !key.Matches(msg, m.keys.Back) {
		return m.updateForm(msg)
	}
	i := m.patient.focusIndex()
	if i == 0 {
		if m.editPatient {
			m.goReview()
		}
		return nil
	}
	// The key clears the field's error first, which would otherwise hold
	// the form where it is.
	_, cmd := m.patient.form.Update(msg)
	if m.patient.firstOnPage() {
		// PrevGroup, not PrevField: leaving a field checks it, and a
		// half-typed number or an empty name must not stop the way back.
		return tea.Batch(cmd, m.patient.form.PrevGroup())
	}
	return tea.Batch(cmd, m.patient.form.PrevField())
}

func (m *Model) patientDone() tea.Cmd {
	id, clinician, team, err := m.patient.result()
	if err != nil {
		// The kind was changed after the number was accepted; ask again
		// with everything as typed.
		m.openPatient(m.editPatient)
		m.problem = err.Error()
		return m.patient.form.Init()
	}
	m.patientID, m.clinician, m.team = id, clinician, team
	if m.editPatient {
		m.goReview()
		return nil
	}
	return m.openSection(0, false)
}

// openPatient shows the patient screen, with a fresh form holding the values
// given before when the old one was already completed.
func (m *Model) openPatient(fromReview bool) tea.Cmd {
	var cmd tea.Cmd
	if m.patient.form.State != huh.StateNormal {
		p := m.patient
		m.patient = newPatientForm(m.styleFn, m.formKeys, p.kind, p.id, p.clinician, p.team)
		cmd = m.patient.form.Init()
	}
	m.editPatient = fromReview
	m.screen = patientScreen
	m.layout()
	return cmd
}

// openSection shows section k. A form left part-answered (by going back a
// section) is picked up where it was; otherwise a fresh form is built with
// the committed answers filled in.
func (m *Model) openSection(k int, fromReview bool) tea.Cmd {
	var cmd tea.Cmd
	sf := m.sections[k]
	if fromReview || sf == nil || sf.editing || sf.form.State != huh.StateNormal {
		sf = newSectionForm(m.ins, k, m.answers, m.styleFn, m.formKeys)
		sf.editing = fromReview
		m.sections[k] = sf
		cmd = sf.form.Init()
	} else {
		// Restart the text cursor's blink, which stopped while the form
		// was off screen.
		cmd = sf.form.GetFocusedField().Focus()
	}
	m.current = k
	m.screen = sectionScreen
	m.layout()
	return cmd
}

func (m *Model) sectionKey(msg tea.KeyPressMsg) tea.Cmd {
	sf := m.sections[m.current]
	if !key.Matches(msg, m.keys.Back) {
		if b := sf.focused(); b != nil && b.many != nil && len(*b.many) == 0 && key.Matches(msg, m.keys.FormNext) {
			// Until now the status line only said what to do; now it
			// says why the question is not done.
			m.problem = "An answer is needed: tick at least one with x."
		}
		return m.updateForm(msg)
	}
	// The key first clears the focused field's error, which would
	// otherwise hold the form on this question.
	_, cmd := sf.form.Update(msg)
	if !sf.atFirstQuestion() {
		return tea.Batch(cmd, sf.form.PrevGroup())
	}
	switch {
	case sf.editing:
		m.goReview()
		return cmd
	case m.current == 0:
		return tea.Batch(cmd, m.openPatient(false))
	}
	return tea.Batch(cmd, m.openSection(m.current-1, false))
}

func (m *Model) sectionDone(sf *sectionForm) tea.Cmd {
	sf.commit(m.answers)
	draft := m.draftCmd()
	if sf.editing || m.current == len(m.sections)-1 {
		m.goReview()
		return draft
	}
	return tea.Batch(draft, m.openSection(m.current+1, false))
}

func (m *Model) draftCmd() tea.Cmd {
	if m.opts.Draft == nil {
		return nil
	}
	draft, answers, id := m.opts.Draft, m.answers.Clone(), m.patientID
	return func() tea.Msg {
		draft(answers, id)
		return nil
	}
}

func (m *Model) goReview() {
	m.screen = reviewScreen
	m.pending, m.saveErr = nil, nil
	m.layout()
	m.reviewView.GotoTop()
}

func (m *Model) reviewKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Confirm):
		m.assess()
	case key.Matches(msg, m.keys.EditSection):
		k := int(msg.String()[0] - '1')
		if k >= 0 && k < len(m.sections) {
			return m.openSection(k, true)
		}
	case key.Matches(msg, m.keys.EditPatient):
		return m.openPatient(true)
	case key.Matches(msg, m.keys.Back):
		return m.openSection(len(m.sections)-1, false)
	default:
		scroll(&m.reviewView, m.keys, msg)
	}
	return nil
}

// assess works out the result. Consent already given for a programme is
// kept when the clinician goes back to change an answer and the same
// referral comes out again.
func (m *Model) assess() {
	res, err := m.ins.Assess(m.answers, m.opts.Directory)
	if err != nil {
		m.problem = "Cannot work out the result: " + answerError(err).Error()
		return
	}
	if m.assessed {
		for i, r := range res.Recommendation.Referrals {
			for _, old := range m.result.Recommendation.Referrals {
				if old.ProgrammeID == r.ProgrammeID {
					res.Recommendation.Referrals[i].Consent = old.Consent
				}
			}
		}
	}
	m.result, m.assessed = res, true
	m.referral = m.nextUnanswered(0)
	m.screen = resultScreen
	m.pending, m.saveErr = nil, nil
	m.layout()
	m.resultView.GotoTop()
}

func (m *Model) referrals() []questionnaire.Referral { return m.result.Recommendation.Referrals }

// nextUnanswered finds the first referral from i on without an answer, or
// keeps i when all are answered.
func (m *Model) nextUnanswered(i int) int {
	refs := m.referrals()
	for j := range refs {
		k := (i + j) % len(refs)
		if refs[k].Consent == "" {
			return k
		}
	}
	return min(i, max(len(refs)-1, 0))
}

func (m *Model) resultKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.saving {
		return nil
	}
	refs := m.referrals()
	switch {
	case key.Matches(msg, m.keys.Back):
		m.goReview()
	case len(refs) > 0 && key.Matches(msg, m.keys.Up):
		// The arrows read the text line by line until the referral
		// being answered is in view, then step between referrals: the
		// adjustments above the referrals are never jumped over.
		if m.referralShown() && m.referral > 0 {
			m.referral--
			m.renderResult()
			m.showReferral()
		} else {
			m.resultView.ScrollUp(1)
		}
	case len(refs) > 0 && key.Matches(msg, m.keys.Down):
		if m.referralShown() && m.referral < len(refs)-1 {
			m.referral++
			m.renderResult()
			m.showReferral()
		} else {
			m.resultView.ScrollDown(1)
		}
	case len(refs) > 0 && (key.Matches(msg, m.keys.Agree) || key.Matches(msg, m.keys.Decline)):
		consent := questionnaire.Agreed
		if key.Matches(msg, m.keys.Decline) {
			consent = questionnaire.Declined
		}
		refs[m.referral].Consent = consent
		m.pending = nil
		m.referral = m.nextUnanswered(m.referral)
		m.renderResult()
		m.showReferral()
	case key.Matches(msg, m.keys.Save) || (m.saveErr != nil && key.Matches(msg, m.keys.Retry)):
		return m.save()
	default:
		scroll(&m.resultView, m.keys, msg)
	}
	return nil
}

// save starts a save. Every referral must be answered first: an unrecorded
// answer would look like a referral made without asking.
func (m *Model) save() tea.Cmd {
	refs := m.referrals()
	left := 0
	for _, r := range refs {
		if r.Consent == "" {
			left++
		}
	}
	if left > 0 {
		m.problem = fmt.Sprintf("Ask the patient about every referral first (%d to go): a agrees, d declines.", left)
		m.referral = m.nextUnanswered(m.referral)
		m.renderResult()
		m.showReferral()
		return nil
	}
	if m.opts.Save == nil {
		m.saveErr = errors.New("no store is set up, so nothing can be saved")
		return nil
	}
	if m.pending == nil {
		rec, err := m.newRecord()
		if err != nil {
			m.saveErr = err
			return nil
		}
		m.pending = &rec
	}
	m.saving, m.saveErr = true, nil
	return saveCmd(m.opts.Save, cloneRecord(*m.pending))
}

func (m *Model) newRecord() (record.Record, error) {
	// The id is made here, once, so a retry after a failed save cannot
	// store the same assessment twice under two ids.
	id, err := uuid.NewV7()
	if err != nil {
		return record.Record{}, fmt.Errorf("making a record id: %w", err)
	}
	return record.Record{
		ID:        id.String(),
		Patient:   m.patientID,
		Clinician: m.clinician,
		Team:      m.team,
		Time:      m.now(),
		Status:    record.Completed,
		Answers:   m.answers.Clone(),
		Result:    cloneResult(m.result),
	}, nil
}

// saveCmd runs the save off the UI goroutine, on a record nobody else holds.
func saveCmd(save func(*record.Record) error, rec record.Record) tea.Cmd {
	return func() tea.Msg {
		err := save(&rec)
		return savedMsg{rec: rec, err: err}
	}
}

func (m *Model) onSaved(msg savedMsg) tea.Cmd {
	m.saving = false
	if msg.err != nil {
		m.saveErr = msg.err
		return nil
	}
	m.saved = msg.rec
	m.outcome.Saved = append(m.outcome.Saved, msg.rec)
	m.pending, m.saveErr = nil, nil
	m.screen = savedScreen
	m.layout()
	m.savedView.GotoTop()
	return nil
}

func (m *Model) savedKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Copy):
		m.notice = "Note copied to the clipboard (OSC 52). If it does not paste, select it on screen."
		return tea.SetClipboard(record.Note(m.saved))
	case key.Matches(msg, m.keys.New):
		m.fresh()
		return m.patient.form.Init()
	case key.Matches(msg, m.keys.Exit):
		return tea.Quit
	default:
		scroll(&m.savedView, m.keys, msg)
	}
	return nil
}

// scroll moves a viewport by the scrolling keys.
func scroll(v *viewport.Model, k keyMap, msg tea.KeyPressMsg) {
	switch {
	case key.Matches(msg, k.Up):
		v.ScrollUp(1)
	case key.Matches(msg, k.Down):
		v.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		v.PageUp()
	case key.Matches(msg, k.PageDown):
		v.PageDown()
	case key.Matches(msg, k.Top):
		v.GotoTop()
	case key.Matches(msg, k.Bottom):
		v.GotoBottom()
	}
}

func cloneResult(r questionnaire.Result) questionnaire.Result {
	rec := &r.Recommendation
	rec.Checks = slices.Clone(rec.Checks)
	rec.Adjustments = slices.Clone(rec.Adjustments)
	rec.Referrals = slices.Clone(rec.Referrals)
	for i := range rec.Referrals {
		rec.Referrals[i].Barriers = slices.Clone(rec.Referrals[i].Barriers)
	}
	return r
}

func cloneRecord(r record.Record) record.Record {
	r.Answers = r.Answers.Clone()
	r.Result = cloneResult(r.Result)
	return r
}
