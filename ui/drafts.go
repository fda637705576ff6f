package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// Drafts. An assessment is kept as a draft after every completed section,
// and when the program is stopped before it is saved: by a signal (the
// window closed, the session ended, the machine shutting down), by the
// terminal going away, or by the clinician choosing to finish later. The
// next start offers every draft to resume or discard. A draft is kept under
// the assessment's id, which is the id its record is saved with, so the
// store removes the draft in the same transaction as it saves the record.

// stopSignals end a run with the assessment kept as a draft. SIGHUP is a
// closed terminal window or a dropped session, SIGTERM a shutdown (and, on
// Windows, a closed console window); SIGINT from outside (ctrl+c inside
// the UI is a key, answered by the discard question) is treated alike,
// since no one at the keyboard chose to lose the answers.
var stopSignals = []os.Signal{syscall.SIGHUP, syscall.SIGTERM, os.Interrupt}

// stopMsg asks the model to stop, keeping a draft.
type stopMsg struct{ sig os.Signal }

// draftMsg reports a draft write: its id, which is new when another window
// had the draft open and these answers were kept as a draft of their own.
type draftMsg struct {
	err    error
	id     record.ID
	forked bool
	first  bool // the assessment's first draft
}

// claimedMsg reports a draft claimed for this window, to resume it.
type claimedMsg struct {
	id  record.ID
	err error
}

// renewTick asks for this window's hold on its draft to be renewed;
// renewedMsg reports it.
type renewTick struct{}
type renewedMsg struct{ err error }

// renewEvery is how often the hold on a draft is renewed: well inside the
// store's lease, so a window with the draft open keeps it.
const renewEvery = time.Minute

// renewLater waits, then asks for the hold to be renewed.
func (m *Model) renewLater() tea.Msg {
	time.Sleep(renewEvery)
	return renewTick{}
}

// renew keeps this window's hold on its draft, if it has one, and asks to
// be called again.
func (m *Model) renew() tea.Cmd {
	if m.opts.RenewDraft == nil {
		return nil
	}
	if m.s.Started().IsZero() || m.screen == savedScreen || m.screen == draftsScreen {
		return m.renewLater
	}
	id, renew := m.s.ID(), m.opts.RenewDraft
	return tea.Batch(m.renewLater, func() tea.Msg { return renewedMsg{err: renew(id)} })
}

func (m *Model) onRenewed(msg renewedMsg) {
	if errors.Is(msg.err, store.ErrDraftHeld) || errors.Is(msg.err, store.ErrExists) {
		// The hold lapsed (the machine slept, the session froze) and
		// another window has the draft, or has saved it.
		m.takenOver = true
	}
}

// discardedMsg reports a draft discarded from the list.
type discardedMsg struct {
	id  record.ID
	err error
}

// Run runs the UI on in and out until the clinician quits or the program is
// stopped, and returns what was saved, even when the program ends with an
// error. An assessment not saved by then is kept as a draft (with what is
// entered in the question on screen, when that can be told apart from an
// unanswered default), unless the clinician discarded it.
func Run(o Options, in io.Reader, out io.Writer) (Outcome, error) {
	m := New(o)
	if f, ok := in.(*os.File); ok {
		in = m.guardInput(f)
	}
	// Bubble Tea's own handler would quit on SIGTERM without a word to
	// the model and let SIGHUP end the process; this one keeps a draft.
	opts := []tea.ProgramOption{tea.WithInput(in), tea.WithOutput(out), tea.WithoutSignalHandler(),
		// 120 frames a second halves the wait for the first frame (a frame is
		// drawn on the renderer's tick) and for each keystroke to show.
		tea.WithFPS(120)}
	if out == os.Stdout {
		// Lip Gloss worked out standard output's colour profile as the
		// program started, from the same output and environment Bubble
		// Tea would read. Working it out again before the first frame
		// would, under tmux, run `tmux info` a second time: a process
		// start, most of the time to a first frame there.
		opts = append(opts, tea.WithColorProfile(lipgloss.Writer.Profile))
	}
	p := tea.NewProgram(m, opts...)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, stopSignals...)
	// Stopped only once the draft is written: a second signal must not
	// end the process half way.
	defer signal.Stop(sigs)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			p.Send(stopMsg{s})
		case <-done:
		}
	}()
	final, err := p.Run()
	close(done)
	if o.Finishing != nil {
		o.Finishing()
	}
	if fm, ok := final.(*Model); ok {
		m = fm
	}
	return m.finish(err)
}

// stop ends the run keeping a draft; a save under way is let finish first,
// so the draft is kept only if the record was not.
func (m *Model) stop(sig os.Signal) tea.Cmd {
	m.stopSig = sig
	if m.exit == exitUnknown {
		m.exit = exitKeep
	}
	if m.saving {
		m.stopping = true
		return nil
	}
	return tea.Quit
}

// finish does what the end of a run leaves to do: keep the assessment in
// progress as a draft, or remove its draft when it was discarded. It runs
// after the program has ended, so nothing else reads the model, and draft
// writes still under way finish first (see drafter).
func (m *Model) finish(runErr error) (Outcome, error) {
	out := m.Outcome()
	out.Stopped, out.Interrupted = m.stopSig, m.interrupted
	switch m.exit {
	case exitDone:
		m.drafter.close(nil)
	case exitFollowUp:
		// Only the patient's details were given: the draft goes, as
		// a discarded one does, and the command starts the follow-up.
		out.FollowUp = m.followUp
		out.FollowUpBy = Given{Clinician: m.s.Clinician(), Team: m.s.Team()}
		if m.opts.DiscardDraft != nil && !m.s.ID().IsZero() {
			id, discard := m.s.ID(), m.opts.DiscardDraft
			out.DraftErr = m.drafter.close(func() error { return discard(id) })
		} else {
			m.drafter.close(nil)
		}
	case exitDiscard:
		out.Discarded = true
		out.DiscardedID = m.s.ID()
		out.DiscardedAmends, out.DiscardedFollowsUp = m.s.Amends() != nil, m.s.FollowsUp() != nil
		if a, ok := m.s.Draft(); ok {
			out.DiscardedPatient = a.Patient
		}
		if m.opts.DiscardDraft != nil && !m.s.ID().IsZero() {
			id, discard := m.s.ID(), m.opts.DiscardDraft
			out.DraftErr = m.drafter.close(func() error { return discard(id) })
		} else {
			m.drafter.close(nil)
		}
	default:
		d, ok := m.draftNow(true)
		if !ok || m.opts.Draft == nil {
			m.drafter.close(nil)
			break
		}
		w := m.drafter
		_ = m.draftAtOnce(d) // its error is Draft's too, said with it
		if err := w.close(func() error { return w.saveAs(&d) }); err != nil {
			out.DraftErr, out.Unkept = err, &d
		} else {
			out.Draft = &d
		}
	}
	if m.stopSig != nil {
		// Stopping was asked for and done; the terminal may be gone, so
		// what the input reader said about it is no news.
		runErr = nil
	}
	return out, runErr
}

// Outcome returns every record saved so far, in order.
func (m *Model) Outcome() Outcome {
	return Outcome{Saved: append([]record.Record(nil), m.outcome.Saved...), NoteHeld: maps.Clone(m.noteHeld)}
}

// drafter writes drafts in the order the model asked for them. Draft writes
// run in commands, which Bubble Tea runs concurrently: without an order, a
// slow early write could land after a later one and bring back answers
// since changed, or after the draft was discarded.
type drafter struct {
	save func(*store.Draft) error

	mu     sync.Mutex
	seq    uint64 // the latest write done
	closed bool
	// ids maps an assessment's id to the id its draft is kept under
	// since another window took the old one.
	ids map[record.ID]record.ID
	// resumed is the id of the draft this run resumed (zero: none), and
	// resumedBy the clinician it was recorded as done by.
	resumed   record.ID
	resumedBy string
}

// resumedFrom notes that the assessment in progress was resumed from the
// store's draft id.
func (w *drafter) resumedFrom(id record.ID) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.resumed = id
}

// resumedAs notes the clinician the draft resumed was recorded as done by.
func (w *drafter) resumedAs(clinician string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.resumedBy = clinician
}

// resumedName is the clinician the draft resumed as the assessment with id
// was recorded as done by, and whether it was resumed.
func (w *drafter) resumedName(id record.ID) (string, bool) {
	if !w.isResumed(id) {
		return "", false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.resumedBy, true
}

// notYours is the sentence that says whose name the assessment in progress
// is saved under while it is the one its draft was recorded as done by
// (change says how to change it), or "": at a shared ward workstation the
// next clinician resumed another's draft and, one enter a screen, saved it
// as that clinician's. The clinician changed, it is said no more.
func (m *Model) notYours(change string) string {
	by, ok := m.drafter.resumedName(m.s.ID())
	if !ok || by != m.s.Clinician() {
		return ""
	}
	return "Resumed from a draft: it is recorded as done by " + questionnaire.PrintableTyped(orNone(by)) + "; if that is not you, " + change + "."
}

// isResumed reports whether the assessment with id was resumed from a
// draft the store holds.
func (w *drafter) isResumed(id record.ID) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return !id.IsZero() && (w.resumed == id || w.ids[w.resumed] == id)
}

// write keeps d, numbered seq, unless a later write has been done or the
// run has ended, and returns the id it was kept under.
func (w *drafter) write(seq uint64, d store.Draft) (record.ID, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed || seq <= w.seq || w.save == nil {
		return d.ID, nil
	}
	w.seq = seq
	err := w.saveAs(&d)
	return d.ID, err
}

// saveAs saves d under the id its assessment now has: once a draft was
// kept apart because another window had it, every later write follows.
func (w *drafter) saveAs(d *store.Draft) error {
	if n, ok := w.ids[d.ID]; ok {
		d.ID = n
	}
	old := d.ID
	err := w.save(d)
	if errors.Is(err, store.ErrExists) {
		// The record was saved meanwhile; the draft rightly is not kept.
		return nil
	}
	if err == nil && d.ID != old {
		w.followLocked(old, d.ID)
	}
	return err
}

// follow notes that the assessment with id old is kept under id new.
func (w *drafter) follow(old, new record.ID) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.followLocked(old, new)
}

func (w *drafter) followLocked(old, new record.ID) {
	if w.ids == nil {
		w.ids = map[record.ID]record.ID{}
	}
	w.ids[old] = new
}

// close waits for a write under way, runs last (if not nil) and stops
// every later write.
func (w *drafter) close(last func() error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closed = true
	if last == nil {
		return nil
	}
	return last()
}

// draftCmd keeps the assessment as it is now: the completed sections only.
func (m *Model) draftCmd() tea.Cmd {
	if m.opts.Draft == nil {
		return nil
	}
	d, ok := m.draftNow(false)
	if !ok {
		return nil
	}
	first := m.s.Started().IsZero()
	m.s.Kept(d.Draft) // when it was started
	m.keptPart = keptPrint(d)
	m.draftSeq++
	seq, w := m.draftSeq, m.drafter
	if err := m.draftAtOnce(d); err != nil {
		m.problem = draftNotKept + err.Error()
	}
	return func() tea.Msg {
		id, err := w.write(seq, d)
		return draftMsg{err: err, id: id, forked: id != d.ID, first: first}
	}
}

// keepPartNow gives DraftNow, while keptFile names the file a refused save
// kept the answers in (the only copy while the store is held), the
// answers confirmed so far in the section or the follow-up's outcomes on
// screen, as soon as they differ from those it was given last: in Update,
// before the screen shows them. Given only at the section's end, an
// answer changed from the review ("Worry: A little worried" on screen)
// was missing from the file until then, and a window killed meanwhile
// left the answer the patient had corrected. A choice taken back is
// followed alike. keptStale then says what the file holds.
func (m *Model) keepPartNow() {
	if m.keptFile == "" || m.opts.DraftNow == nil || (m.screen != sectionScreen && m.screen != outcomeScreen) || m.confirmQuit {
		return
	}
	d, ok := m.draftNow(true)
	if !ok {
		return
	}
	if p := keptPrint(d); !bytes.Equal(p, m.keptPart) {
		m.keptPart = p
		if err := m.draftAtOnce(d); err != nil {
			m.problem = draftNotKept + err.Error()
		}
	}
	committed, _ := m.s.Draft()
	if assess.SameAnswers(committed, d.Draft) {
		m.keptStale = !m.keptUnchanged()
		return
	}
	m.keptStale = !assess.SameAnswers(assess.DraftOf(&m.keptRec), d.Draft)
}

// keptPrint is d as keepPartNow compares it: where it stopped and when it
// was started left out, which change with no answer.
func keptPrint(d store.Draft) []byte {
	d.Stopped, d.Started = nil, time.Time{}
	b, _ := json.Marshal(d)
	return b
}

// draftAtOnce gives d to Options.DraftNow, before the screen shows it:
// in Update, never behind the drafter, whose write may wait on a held
// store.
func (m *Model) draftAtOnce(d store.Draft) error {
	if m.opts.DraftNow == nil {
		return nil
	}
	return m.opts.DraftNow(&d)
}

// draftNotKept begins what the screen says of a draft not kept.
const draftNotKept = "The answers so far could not be kept as a draft: "

func (m *Model) onDraft(msg draftMsg) tea.Cmd {
	m.draftErr = msg.err
	if msg.err != nil {
		if (errors.Is(msg.err, store.ErrDamaged) || errors.Is(msg.err, store.ErrLocked)) && m.opts.Reminder != "" {
			// Known damaged already (at the start, or at an earlier
			// draft), a draft resumed on it included: the reminder on
			// screen says where the answers go, and the reason is
			// printed when digicheck ends. The store's whole reason
			// here ran off the foot at 80x24, stayed on the review,
			// and said the answers "could not be kept".
			m.problem = ""
			return nil
		}
		if errors.Is(msg.err, store.ErrDamaged) {
			// Found damaged at a draft (the patient's entry of the
			// patient index, read once the number is given): said
			// until the next key, then nothing, and the reason ran
			// off the foot of the screen at 80x24. Said in words
			// that fit, the reason when digicheck ends, and from now
			// on the reminder stays, as for damage found at start.
			m.opts.Reminder = storeCannotSave
			m.problem = storeFoundDamagedWords
			return nil
		}
		if errors.Is(msg.err, store.ErrLocked) && m.saveErr != nil && keptIn(m.saveErr) != "" {
			// Held still since the save it refused: the notice of that
			// refusal says where the answers are kept, the file that
			// is written again with each answer. Said over it, "could
			// not be kept as a draft" read as if the answer were lost.
			// (One the file did not take is no hold: said below.) Only
			// an earlier draft's failure, out of date now, goes: a
			// refusal or news on screen stays.
			if strings.HasPrefix(m.problem, draftNotKept) {
				m.problem = ""
			}
			return nil
		}
		m.problem = draftNotKept + msg.err.Error()
		return nil
	}
	if msg.forked && !msg.id.IsZero() && m.s.ID() != msg.id {
		m.s.MoveTo(msg.id)
		m.takenOver = true
	}
	if msg.first && !m.renewing && m.opts.RenewDraft != nil {
		// The draft now exists: keep this window's hold on it.
		m.renewing = true
		return m.renewLater
	}
	return nil
}

// canKeep reports whether the clinician can quit keeping a draft.
func (m *Model) canKeep() bool {
	_, ok := m.draftNow(false)
	return ok && m.opts.Draft != nil
}

// draftNow is the assessment in progress as a draft, or false when there is
// nothing to keep (no patient yet, or nothing unsaved). With partial, it
// also holds the answers of the section on screen that the clinician has
// moved past: each of those was confirmed with enter and checked, while the
// question in focus and those after it may hold a value the form chose by
// itself, which must never be taken for an answer.
func (m *Model) draftNow(partial bool) (store.Draft, bool) {
	if m.screen == savedScreen || m.screen == draftsScreen || m.kept != nil || m.earlier != "" {
		// Asked whether to resume the patient's draft, nothing of the
		// new assessment is given but the patient's details: kept, it
		// would be a second draft of the patient beside the first.
		return store.Draft{}, false
	}
	m.noteStop()
	a, ok := m.s.Draft()
	if !ok {
		return store.Draft{}, false
	}
	if partial {
		switch m.screen {
		case sectionScreen:
			m.sections[m.current].confirmed(&a)
		case outcomeScreen:
			a.Outcomes = m.outcomeForm.confirmed(a.Outcomes)
			m.outcomeForm.layReasons(&a, m.s)
		}
	}
	return store.Draft{Draft: a}, true
}

// noteStop tells the session where the assessment is on screen, for the
// draft to say on the list of drafts: an amendment stopped in a section
// was listed by the result its record had reached.
func (m *Model) noteStop() {
	switch m.screen {
	case patientScreen:
		m.s.SetStop(assess.At{Step: assess.StepPatient}, "")
	case outcomeScreen:
		why := ""
		if of := m.outcomeForm; of != nil && !of.form.done && of.form.cur%2 == 1 && of.form.cur/2 < len(of.refs) {
			why = of.refs[of.form.cur/2].Name
		}
		m.s.SetStop(assess.At{Step: assess.StepOutcomes}, why)
	case sectionScreen:
		m.s.SetStop(assess.At{Step: assess.StepSection, Section: m.current}, "")
	case reviewScreen:
		m.s.SetStop(assess.At{Step: assess.StepReview}, "")
	case resultScreen:
		m.s.SetStop(assess.At{Step: assess.StepResult}, "")
	}
}

// confirmed lays the answers confirmed in the section over the draft a:
// those of the questions before the one in focus, and those of questions
// after it confirmed with enter and unchanged since (gone back past). Each
// passed its check on the way. An answer that gave way to one of them (a
// choice of texts, cleared by "must not be texted") is dropped, never
// brought back from the answers committed before, and the draft resumes
// where it is asked.
//
// What else is on screen and differs from the draft (a restriction ticked
// and not confirmed, then a question gone back to) is kept apart, as not
// confirmed: never an answer, and shown again on its question, to be
// confirmed, when the draft is resumed (assess.Draft.Unconfirmed).
func (sf *sectionForm) confirmed(a *assess.Draft) {
	if sf.form.done {
		return
	}
	part := questionnaire.Answers{}
	off := len(sf.form.fields) - len(sf.bindings)
	for i, b := range sf.bindings {
		if !sf.asked(b) {
			continue
		}
		if off+i < sf.form.cur || b.field.confirmedNow() {
			part[b.item.LinkID] = b.values()
		}
	}
	sf.s.LayConfirmed(a, sf.index, part)
	on := questionnaire.Answers{}
	for _, b := range sf.bindings {
		if _, ok := part[b.item.LinkID]; ok || !sf.asked(b) {
			continue
		}
		v := b.values()
		if b.field.takenBack {
			// Its enter was taken back (Model.lineEnd) after it
			// completed the section: the session holds the text as
			// given, but it is not yet an answer.
			delete(a.Answers, b.item.LinkID)
			if len(v) > 0 {
				on[b.item.LinkID] = v
			}
			continue
		}
		if slices.Equal(v, a.Answers[b.item.LinkID]) || (b.field.kind == oneOf && len(v) == 0) {
			// As the draft holds it, or a single choice with none
			// chosen (one that gave way): nothing to keep.
			continue
		}
		on[b.item.LinkID] = v
	}
	sf.s.LayUnconfirmed(a, sf.index, on)
}

// unconfirmed names the questions of the section on screen whose answers
// are not confirmed (see confirmed), for the quit question.
func (sf *sectionForm) unconfirmed() []string {
	a := assess.Draft{Answers: sf.s.Answers()}
	sf.confirmed(&a)
	var names []string
	for _, b := range sf.bindings {
		if _, ok := a.Unconfirmed[b.item.LinkID]; ok {
			names = append(names, itemLabel(b.item))
		}
	}
	return names
}

// colorFgBgDark reads COLORFGBG ("15;0", or "15;default;0"): the last
// field is the background's colour number, dark for 0 to 6 and 8.
func colorFgBgDark(v string) (dark, ok bool) {
	if v == "" {
		return false, false
	}
	fs := strings.Split(v, ";")
	if len(fs) < 2 {
		return false, false
	}
	n, err := strconv.Atoi(fs[len(fs)-1])
	if err != nil || n < 0 || n > 15 {
		return false, false
	}
	return n <= 6 || n == 8, true
}

// The list of unfinished assessments.

func (m *Model) openDrafts() {
	m.confirmDiscard, m.discardSure = false, false
	m.draftCursor = min(m.draftCursor, len(m.drafts)-1)
	m.screen = draftsScreen
	m.layout()
	m.hold(heldBeforeDrafts)
}

func (m *Model) draftsKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case m.claiming:
		// Keys typed while the draft opens were typed at the list: none
		// reaches the draft, and the status says so.
		m.notice = "Opening the draft… Keys typed meanwhile are ignored."
		m.droppedBusy = true
		return nil
	case m.discarding:
		m.droppedBusy = true
		return nil
	case len(m.drafts) == 0:
		return nil
	}
	if m.confirmDiscard {
		switch {
		case key.Matches(msg, m.keys.Yes) && !m.discardSure:
			// Asked again, as ctrl+c's question does: a name typed
			// slowly from its d ("dylan") would lose another
			// clinician's answers by its y. Keys are held as after d.
			m.discardSure = true
			m.hold(heldBeforeQuestion)
			m.holdGoesOn, m.heldLen = true, m.wordHoldLen()
			return nil
		case key.Matches(msg, m.keys.Yes):
			m.confirmDiscard, m.discardSure = false, false
			m.discarding = true
			id, discard := m.drafts[m.draftCursor].Draft.ID, m.opts.DiscardDraft
			return func() tea.Msg { return discardedMsg{id: id, err: discard(id)} }
		case key.Matches(msg, m.keys.No):
			m.confirmDiscard, m.discardSure = false, false
		case m.discardSure:
			// Any other key at the second question keeps the draft.
			m.confirmDiscard, m.discardSure = false, false
			m.notice = "Not discarded: the draft is kept."
		}
		return nil
	}
	switch {
	case key.Matches(msg, fieldUp):
		m.draftCursor = max(m.draftCursor-1, 0)
	case key.Matches(msg, fieldDown):
		m.draftCursor = min(m.draftCursor+1, len(m.drafts)-1)
	case key.Matches(msg, m.keys.Resume):
		return m.claim(m.draftCursor)
	case key.Matches(msg, m.keys.Discard) && m.opts.DiscardDraft == nil:
		// Not offered (a store found damaged takes no writes): asked
		// "its answers will be lost", it was refused only after y.
		m.notice = "Drafts cannot be discarded here: the store cannot be written to, so every draft stays as it is."
	case key.Matches(msg, m.keys.Discard):
		m.confirmDiscard = true
	case key.Matches(msg, m.keys.New):
		m.screen = patientScreen
		// Its box is new on screen: the holds counted from its coming
		// into view (a box holding a value, a name offered) begin now, not as
		// the list came up.
		m.patient.form.showAgain()
		m.layout()
	case typedText(msg):
		// Digits and words are no choice on this list: typed here they
		// were meant for a new assessment (a burst typed as the list came
		// up). They are refused, and the rest of the burst with them, so
		// the enter typed after a number or a name resumes no draft of
		// another patient.
		m.refuseOnDrafts(msg.Text)
	}
	return nil
}

// refuseOnDrafts refuses text typed on the list of unfinished
// assessments (a number or a name meant for a new assessment): the keys
// after it, however slowly they come (the rest of the number, the enter
// after it, which would resume the draft highlighted, another patient's),
// are ignored until esc.
// cancelDiscardSure ends the second question "Discard it for good?" when
// a key typed at it is refused: the draft is kept, and the refusal says so.
func (m *Model) cancelDiscardSure() {
	if m.discardSure {
		m.confirmDiscard, m.discardSure = false, false
	}
}

func (m *Model) refuseOnDrafts(text string) {
	why := fmt.Sprintf("Not a choice here: %s.%s Press n for a new assessment, or ↑/↓ to the draft to resume, then enter.", questionnaire.Quote(text),
		capsHint(text, func(l string) bool { return l == "n" || l == "d" }))
	m.hold(why)
	m.ignoreKeys(why)
}

// claim resumes draft i of the list, taking it for this window first, so
// two windows never work on one assessment.
func (m *Model) claim(i int) tea.Cmd {
	if m.opts.ClaimDraft == nil {
		return m.resume(i)
	}
	id, claim := m.drafts[i].Draft.ID, m.opts.ClaimDraft
	m.notice = "Opening the draft…"
	if o := m.drafts[i].Opening; o != "" {
		m.notice = o
	}
	m.claiming = true
	return func() tea.Msg { return claimedMsg{id: id, err: claim(id)} }
}

// heldDrafts is what the reads of the drafts (Options.LookDrafts) found
// of whether they could be read. The drafts are read as each patient is
// given, so that one kept in another window since they were last read is
// said (read once, as the run began, it went unsaid, and the patient was
// assessed twice with the draft left behind); a window started on a store
// another program held never read them at all. Still held as the patient
// is given, the patient screen says they cannot be looked up
// (HeldUnreadWithDrafts), and the save reads them again, saying a draft of
// the patient on the read-back.
type heldDrafts struct {
	// read is set once a read succeeded: the store keeps this window's
	// drafts (storeRefuses).
	read bool
	// unread is set when the read as this assessment's patient was given
	// found the store held: the save reads the drafts again.
	unread bool
	// saveLooked is set while the save goes on from the read it asked
	// for; atSave is the patient's draft that read found
	// (assess.DraftFoundAtSave), said on the read-back and asked of.
	saveLooked bool
	atSave     string
	// readAt is when a read last succeeded. listNotice is the notice
	// shown over the list at n after a save when it could not be read
	// (draftsListUnread), cleared by the next read that succeeds.
	readAt     time.Time
	listNotice string
}

// draftsListUnread says, over the list of unfinished assessments at n
// after a save, that the store could not be read for it (held by another
// program, as a rule): shown as last read, as if current, the list left
// out a draft kept in another window since, and nothing said so.
func draftsListUnread(err error, readAt time.Time) string {
	why := "The store is in use by another program, so the unfinished assessments kept in it cannot be read now"
	if !errors.Is(err, store.ErrLocked) {
		why = "The unfinished assessments kept in the store could not be read now (" + err.Error() + ")"
	}
	since := "drafts kept since it was last read may be missing from this list"
	if !readAt.IsZero() {
		at := readAt.Local()
		when := at.Format("15:04")
		if y, mo, d := time.Now().Local().Date(); at.Year() != y || at.Month() != mo || at.Day() != d {
			when = at.Format("2 Jan 2006 at 15:04")
		}
		since = "this list is as it was read at " + when + ", and drafts kept since may be missing from it"
	}
	return why + ": " + since + "; they are looked for again as each patient is given."
}

// draftsMsg is what a read of the drafts (Options.LookDrafts) found.
type draftsMsg struct {
	look      lookFor
	drafts    []Resumable
	elsewhere []Elsewhere
	err       error
}

// looksDrafts says the drafts are read as the patient of the assessment
// on screen is given: an amendment's patient is fixed, and it is not
// asked about drafts (keptDraftOf).
func (m *Model) looksDrafts() bool {
	return m.opts.LookDrafts != nil && m.s.Kind() != assess.Amendment
}

// lookDraftsFor reads the drafts for look in a command; keys that come
// meanwhile are held in order, as while the patient's assessments are
// read (assessed.go).
func (m *Model) lookDraftsFor(look lookFor) tea.Cmd {
	read := m.opts.LookDrafts
	m.looking = look
	return func() tea.Msg {
		ds, es, err := read()
		return draftsMsg{look: look, drafts: ds, elsewhere: es, err: err}
	}
}

// onDrafts goes on with what the read of the drafts was for: the patient
// just given is told of a draft of theirs, or that none could be looked up;
// the save is told of one, for its read-back.
func (m *Model) onDrafts(msg draftsMsg) tea.Cmd {
	if m.looking != msg.look {
		return nil
	}
	m.looking = lookNone
	queued := m.queued
	m.queued = nil
	if msg.err == nil {
		m.heldDrafts.read = true
		m.heldDrafts.readAt = time.Now()
		if m.heldDrafts.listNotice != "" && m.startNotice == m.heldDrafts.listNotice {
			// The list is current again.
			m.startNotice, m.noticeTop = "", 0
		}
		m.heldDrafts.listNotice = ""
		// Not the assessment on screen: this window's own draft.
		m.drafts = slices.DeleteFunc(slices.Clone(msg.drafts), func(r Resumable) bool { return r.Draft.ID == m.s.ID() })
		// The latest kept first, as the list at the start is (New).
		slices.SortStableFunc(m.drafts, func(a, b Resumable) int { return b.Draft.Saved.Compare(a.Draft.Saved) })
		m.draftCursor = 0
		m.opts.Elsewhere = msg.elsewhere
	}
	var cmd tea.Cmd
	switch msg.look {
	case lookDrafts:
		m.heldDrafts.unread = false
		if errors.Is(msg.err, store.ErrLocked) && m.s.Kind() == assess.New && m.screen == patientScreen {
			// Still held: neither the patient's drafts nor their
			// earlier assessments can be read now. Said, and both
			// read again at the save.
			m.heldDrafts.unread = true
			m.s.NotLookedUp()
			m.earlier, m.earlierUnread, m.earlierAt, m.patientNoticeTop = assess.HeldUnreadWithDrafts, true, time.Now(), 0
			m.hold(heldBeforeQuestion)
			if len(queued) > 0 {
				m.notice = heldBeforeQuestion
			}
			return nil
		}
		cmd = m.afterDetails()
		if m.kept != nil || m.earlier != "" {
			return cmd // what was found is on screen: the keys were not typed at it
		}
	case lookDraftsAtSave:
		m.heldDrafts.atSave = ""
		if msg.err == nil {
			if d, ok := m.patientsDraft(); ok {
				m.heldDrafts.atSave = assess.DraftFoundAtSave(d.Clinician, d.Started)
			}
		}
		if d := m.heldDrafts.atSave; d != "" && m.opts.Assessed == nil && d != m.second {
			// No read of the assessments follows to say it.
			m.second, m.secondMeanwhile, m.secondConfirmed = d, true, false
		}
		cmd = m.save()
	case lookDraftsList:
		// n after a save: the list as read (or, the store held, as last
		// read, and said to be so), or, with none, the new assessment's
		// patient screen, on screen meanwhile, which the keys typed
		// since n were meant for.
		if msg.err != nil && m.startNotice == "" {
			m.heldDrafts.listNotice = draftsListUnread(msg.err, m.heldDrafts.readAt)
			m.startNotice, m.noticeTop = m.heldDrafts.listNotice, 0
		}
		if len(m.drafts) > 0 && m.screen == patientScreen && !m.hasUnsaved() {
			m.openDrafts()
			if len(queued) > 0 {
				// Typed before the list was shown: none may open
				// another patient's draft.
				m.notice = heldBeforeDrafts
			}
			return nil
		}
	}
	cmds := []tea.Cmd{cmd}
	for _, k := range queued {
		_, c := m.Update(k)
		cmds = append(cmds, c)
	}
	return tea.Batch(cmds...)
}

// afterDetails goes on from the patient's details once the drafts are
// read: to a draft of the patient's, said before any answer is taken and
// answered only by a key typed once it is on screen; else to the read of
// their earlier assessments (lookBeforeFirst).
func (m *Model) afterDetails() tea.Cmd {
	if k, ok := m.keptDraftOf(); ok {
		m.kept, m.patientNoticeTop = &k, 0
		m.hold(heldBeforeQuestion)
		return nil
	}
	return m.lookBeforeFirst()
}

// patientsDraft is the latest kept of the drafts of the patient of the
// assessment on screen, other than its own, on offer here or not.
func (m *Model) patientsDraft() (store.Draft, bool) {
	p := m.s.Patient()
	if p.Value == "" {
		return store.Draft{}, false
	}
	for _, r := range m.drafts {
		if r.Draft.Patient == p && r.Draft.ID != m.s.ID() {
			return r.Draft, true
		}
	}
	for _, e := range m.opts.Elsewhere {
		if e.Draft.Patient == p && e.Draft.ID != m.s.ID() {
			return e.Draft, true
		}
	}
	return store.Draft{}, false
}

// keptDraft is a draft of the patient whose new assessment is starting:
// on offer here (at index i of the list), or kept elsewhere (i is -1, and
// how says how to resume it).
type keptDraft struct {
	d   store.Draft
	i   int
	how string
	// more counts the patient's other drafts on the list.
	more int
}

// keptDraftOf finds a draft of the patient just entered, as a new
// assessment or a follow-up starts: one on the list first, then one not
// offered here. An amendment corrects a saved record and is not asked.
func (m *Model) keptDraftOf() (keptDraft, bool) {
	p := m.s.Patient()
	if m.s.Kind() == assess.Amendment || !m.s.Started().IsZero() && !m.editPatient || p.Value == "" {
		return keptDraft{}, false
	}
	// The list is the last kept first: the first found is the one the
	// clinician most likely left.
	for i, r := range m.drafts {
		if r.Draft.Patient == p && r.Draft.ID != m.s.ID() {
			k := keptDraft{d: r.Draft, i: i}
			for _, o := range m.drafts[i+1:] {
				if o.Draft.Patient == p {
					k.more++
				}
			}
			return k, true
		}
	}
	// Not on offer here: the last kept too, as on the list (they come in
	// the store's order, the first started first): the notice of a new
	// assessment and that of the follow-up started from it named two
	// different drafts of one patient.
	found := -1
	for i, e := range m.opts.Elsewhere {
		if e.Draft.Patient == p && e.Draft.ID != m.s.ID() && (found < 0 || e.Draft.Saved.After(m.opts.Elsewhere[found].Draft.Saved)) {
			found = i
		}
	}
	if found >= 0 {
		e := m.opts.Elsewhere[found]
		return keptDraft{d: e.Draft, i: -1, how: e.How}, true
	}
	return keptDraft{}, false
}

// keptKey answers "resume the draft, or a new assessment anyway?": r
// resumes it (when it is on offer here), n goes on with the new one, esc
// goes back to the patient's details.
func (m *Model) keptKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.kept
	switch {
	case key.Matches(msg, m.keys.Back):
		m.kept = nil
		m.changeNotTaken()
		return m.openPatient(m.editPatient)
	case key.Matches(msg, keptNew):
		m.kept = nil
		cmd := m.lookBeforeFirst()
		m.hold(heldBeforeShown)
		return cmd
	case m.keptResumable() && key.Matches(msg, keptResume):
		m.kept = nil
		// The new assessment is left, unkept, for the draft: shown on
		// the list while it opens, where a refusal is said.
		amend, followUp := m.s.Amends(), m.s.FollowsUp()
		m.fresh(amend, followUp)
		m.draftCursor = k.i
		m.screen = draftsScreen
		m.layout()
		cmd := m.claim(k.i)
		if m.screen != draftsScreen {
			m.hold(heldAfterDrafts)
		}
		return cmd
	}
	return nil
}

// keptResumable says the draft of the patient just entered can be resumed
// here (r): it is on the list, and the patient was not changed at the
// review, where this assessment's answers would be left for it.
func (m *Model) keptResumable() bool {
	k := m.kept
	return k != nil && k.i >= 0 && k.i < len(m.drafts) && !m.editPatient
}

// The keys of the question about a draft of the patient just entered.
var (
	keptResume = key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "resume the draft"))
	keptNew    = key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new assessment anyway"))
	// keptFollowUp is n where the assessment on screen is a follow-up.
	keptFollowUp = key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "follow-up anyway"))
)

// keptNewKey is n on the notice of a draft of the patient just entered,
// named for what it goes on with.
func (m *Model) keptNewKey() key.Binding {
	if m.s.Kind() == assess.FollowUp {
		return keptFollowUp
	}
	return keptNew
}

// keptFileLines say, under a listed draft, that the answers of its
// assessment as last given (referral decisions included) are in file, not
// in the draft, and name it; none when file is "". The plain prompts named
// it; the full screen listed and resumed the older draft without a word of
// it, and the result asked the referrals afresh. Short, they take the
// fewest lines, for the notice of a draft of the patient given, which does
// not scroll: at 60x20 the advice under them went below the screen.
func (m *Model) keptFileLines(file string, w int, short bool) []string {
	if file == "" {
		return nil
	}
	st := m.styles
	say := "Later answers, and any referral decisions, are in a file, not in this draft: give the rest again from it, then delete it:"
	if short {
		say = "Later answers are in a file (referrals too, if any):"
	}
	lines := strings.Split(wrapIndent(st.Prompt.Render(say), w, 4), "\n")
	return append(lines, strings.Split(wrapIndent(st.Value.Render(file), w, 4), "\n")...)
}

// holdsNote reports whether text, a digicheck-not-saved file, begins with
// a note for the patient record, as a refused save writes it (an
// unfinished assessment's, or one whose answers changed after, has none).
func holdsNote(text string) bool {
	return strings.HasPrefix(text, "Digital inclusion check (") || strings.HasPrefix(text, record.SyntheticNoteMark+"\n")
}

// keptFileNote is said as a draft whose later answers are in file is
// resumed: first in the notice, in few words, and the path on lines of its
// own (wrapNotice), so that at 60x20 the notice is not cut before it.
func keptFileNote(file string) string {
	return "Later answers (and any referral decisions) are in this file, not in the draft: give them again, then delete it:\n" + file
}

func (m *Model) onClaimed(msg claimedMsg) tea.Cmd {
	m.notice = ""
	dropped := m.droppedBusy
	m.droppedBusy = false
	m.claiming, m.confirmDiscard, m.discardSure = false, false, false
	i := slices.IndexFunc(m.drafts, func(r Resumable) bool { return r.Draft.ID == msg.id })
	if m.screen != draftsScreen || i < 0 {
		return nil
	}
	if msg.err != nil {
		m.problem = "Not resumed: " + msg.err.Error()
		if errors.Is(msg.err, store.ErrNotFound) || errors.Is(msg.err, store.ErrExists) {
			// Finished or discarded in another window: no longer on offer.
			m.drafts = slices.Delete(m.drafts, i, i+1)
			m.draftCursor = min(m.draftCursor, max(len(m.drafts)-1, 0))
			if len(m.drafts) == 0 {
				m.screen = patientScreen
				m.patient.form.showAgain()
				m.layout()
				m.hold(heldAfterDrafts)
			}
		}
		return nil
	}
	if m.opts.Reopened != nil {
		if r, ok := m.opts.Reopened(msg.id); ok {
			m.drafts[i] = r
		}
	}
	patient := m.drafts[i].Draft.Patient
	cmd := m.resume(i)
	if m.screen != draftsScreen {
		// Damage in the patient's entries, said on the first question
		// as a new assessment's is.
		cmd = tea.Batch(cmd, m.checkPatient(patient))
	}
	if m.opts.ClaimNotice != nil && m.screen != draftsScreen {
		if said := m.opts.ClaimNotice(msg.id); m.resumedKept != "" && said != "" {
			// After the not-saved file, which stays first.
			m.notice = keptFileNote(m.resumedKept) + "\n" + strings.TrimSpace(said+" "+strings.TrimPrefix(m.notice, keptFileNote(m.resumedKept)+"\n"))
		} else {
			m.notice = strings.TrimSpace(said + " " + m.notice)
		}
	}
	if m.screen != draftsScreen {
		// Keys typed while the draft opened were meant for the drafts
		// list: held for a moment, they do not answer its questions.
		m.hold(heldAfterRefusal)
		if dropped {
			m.notice = strings.TrimSpace(m.notice + " Keys typed while it opened were ignored: read the question, then answer it.")
		}
	}
	if !m.renewing && m.opts.RenewDraft != nil && m.screen != draftsScreen {
		m.renewing = true
		return tea.Batch(cmd, m.renewLater)
	}
	return cmd
}

func (m *Model) onDiscarded(msg discardedMsg) tea.Cmd {
	m.discarding = false
	dropped := m.droppedBusy
	m.droppedBusy = false
	if msg.err != nil {
		m.problem = "Not discarded: " + msg.err.Error()
		return nil
	}
	for i, r := range m.drafts {
		if r.Draft.ID == msg.id {
			m.drafts = append(m.drafts[:i], m.drafts[i+1:]...)
			break
		}
	}
	m.noteDid("Draft discarded.")
	if dropped {
		then := "read the list, then choose."
		if len(m.drafts) == 0 {
			then = "read the question, then answer it."
		}
		m.notice += " Keys typed while it was discarded were ignored: " + then
	}
	if len(m.drafts) == 0 {
		// The last draft gone, a new assessment opens by itself: keys
		// typed while it was discarded were typed at the list.
		m.screen = patientScreen
		m.patient.form.showAgain()
		m.layout()
		m.hold(heldAfterDrafts)
		return nil
	}
	m.draftCursor = min(m.draftCursor, len(m.drafts)-1)
	return nil
}

// resume continues draft i where it was left: at the section reached,
// with every answer given, the referral answers given again when the
// result is worked out.
func (m *Model) resume(i int) tea.Cmd {
	r := m.drafts[i]
	d := r.Draft
	if r.SameFile != "" && r.KeptFile == "" {
		defer func() {
			if m.s.ID() == d.ID {
				m.resumedSame = r.SameFile
			}
		}()
	}
	if r.KeptFile != "" {
		defer func() {
			if m.s.ID() == d.ID {
				// The file first: it is what to act on, and a notice
				// longer than the status's lines is cut at its end.
				m.notice = strings.TrimSpace(keptFileNote(r.KeptFile) + "\n" + m.notice)
				m.resumedKept = r.KeptFile
				if b, err := os.ReadFile(r.KeptFile); err == nil && holdsNote(string(b)) {
					// Its note, of a save refused in an earlier run,
					// may be in the patient record: should a save
					// refused now keep these answers in the same file,
					// the note pasted then is still to be said out of
					// date once they are saved otherwise.
					m.keptNotes = append(m.keptNotes, string(b))
				}
			}
		}()
	}
	o := m.sessionOptions()
	o.AmendReason = m.opts.AmendReason
	if !d.Amends.IsZero() {
		o.Amend, o.Earlier = r.Base, r.Earlier
	} else {
		o.FollowUp = r.Base
	}
	s, err := assess.Resume(o, d.Draft)
	if err != nil {
		m.problem = upperFirst(err.Error()) + " (d discards it)."
		return nil
	}
	m.drafts = append(m.drafts[:i:i], m.drafts[i+1:]...)
	m.begin(s)
	m.drafter.resumedFrom(d.ID)
	m.drafter.resumedAs(d.Clinician)
	m.second = r.Second
	if !s.Progressed() {
		return nil
	}
	at := s.ResumeAt()
	if at.Step != assess.StepPatient {
		// The patient's details were given before the stop: opened
		// again (p at the review, esc from the first question) they
		// are held as those of an assessment never stopped
		// (openPatient, detailGiven). Left as a form not yet done, they
		// came up holding the number and took typed-ahead keys at
		// once: "p enter backspace 7 enter" saved the assessment of
		// H300 under H307; and esc landed on the identifier.
		m.patient.form.done = true
	}
	if at.Step == assess.StepReview && len(d.UnconfirmedReasons) > 0 {
		// Stopped with a reason why not typed in the earlier referrals
		// opened from the review: they open again, on it.
		m.openOutcomes(true)
		if m.outcomeForm.toUnconfirmed(s) {
			m.noteDid("Resumed. It is recorded as done by " + questionnaire.PrintableTyped(orNone(d.Clinician)) + "; if that is not you, change it on the review (p).")
			m.notice += " " + unconfirmedNote
			return nil
		}
	}
	if at.Step == assess.StepReview {
		m.noteDid("Resumed: every section was answered. It is recorded as done by " + questionnaire.PrintableTyped(orNone(d.Clinician)) + "; if that is not you, change it here (p). Check the answers, then press enter.")
		return m.open(at, false)
	}
	cmd := m.open(at, false)
	unconfirmed := false
	if at.Step == assess.StepSection && m.sections[at.Section] != nil {
		sf := m.sections[at.Section]
		if unconfirmed = sf.toUnconfirmed(); !unconfirmed {
			sf.toGap()
		}
	}
	if at.Step == assess.StepOutcomes && m.outcomeForm != nil {
		unconfirmed = m.outcomeForm.toUnconfirmed(s)
	}
	m.noteDid("Resumed. It is recorded as done by " + questionnaire.PrintableTyped(orNone(d.Clinician)) + "; if that is not you, change it on the review (p).")
	if unconfirmed {
		// Given before the stop and not confirmed: shown as left,
		// and an answer only once enter confirms it.
		m.notice += " " + unconfirmedNote
	} else if fm := m.activeForm(); fm != nil && fm.focused() != nil && len(fm.focused().values()) > 0 {
		// Said only where it is so: over a question with nothing
		// chosen it read as if an answer had been lost.
		m.notice += " The answers given before are chosen: press enter to keep each."
	}
	return cmd
}

// unconfirmedNote is said as a draft opens on a question whose answer
// was given and not confirmed before the stop.
const unconfirmedNote = "This answer was not confirmed before the stop: check it with the patient, then press enter to confirm it, or change it."

// upperFirst starts s with a capital, for a sentence on the status line.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// draftsText is the list of unfinished assessments, and where each entry
// starts, so the one chosen can be kept in view.
func (m *Model) draftsText(w int) (string, []span) {
	st := m.styles
	var lines []string
	var spans []span
	for i, r := range m.drafts {
		d := r.Draft
		start := len(lines)
		cursor := "  "
		if i == m.draftCursor {
			cursor = st.Cursor.Render("> ")
		}
		who := "no patient yet"
		if d.Patient.Value != "" {
			who = patientLabel(d.Patient)
		}
		kind := ""
		switch {
		case !d.Amends.IsZero():
			kind = " · amendment"
		case !d.FollowsUp.IsZero():
			kind = " · follow-up"
		}
		lines = append(lines, cursor+st.Value.Render(who)+st.Muted.Render(kind))
		lines = append(lines, m.draftLines(d, r.Expiry, w)...)
		if r.Amends != "" {
			// Several amendment drafts of one patient read alike.
			lines = append(lines, strings.Split(wrapIndent(st.Value.Render("Amends "+r.Amends), w, 4), "\n")...)
		}
		lines = append(lines, m.keptFileLines(r.KeptFile, w, false)...)
		if d.HeldElsewhere {
			lines = append(lines, strings.Split(wrapIndent(st.Prompt.Render(openElsewhereText), w, 4), "\n")...)
		}
		if r.Second != "" {
			lines = append(lines, strings.Split(wrapIndent(st.Prompt.Render(r.Second), w, 4), "\n")...)
		}
		spans = append(spans, span{start, len(lines)})
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n"), spans
}

// draftLines say when draft d was started and by whom (clinician, team
// and login, as the plain prompts say it), when it was last kept, and how
// far it got, indented under its patient, each wrapped line a line of its
// own (so an entry's span counts the lines it really takes). On a shared
// ward workstation the next clinician is to see whose a draft is before
// resuming it: it is saved as the assessment of its clinician. The times
// are short ("Started today 09:15, kept 09:50") so that an entry keeps
// to one line of who and when at 80 columns.
func (m *Model) draftLines(d store.Draft, expiry string, w int) []string {
	st := m.styles
	by := orNone(questionnaire.PrintableTyped(d.Clinician))
	if d.Team != "" {
		by += ", team " + questionnaire.PrintableTyped(d.Team)
	}
	if d.Login != "" && d.Login != d.Clinician {
		// On a shared login the clinician's name tells drafts
		// apart; on a shared PC the login does.
		by += " (login " + questionnaire.PrintableTyped(d.Login) + ")"
	}
	now := m.now()
	var when string
	switch {
	case d.Saved.IsZero():
		when = "kept at an unknown time"
	case d.Started.IsZero():
		when = "kept " + draftTime(d.Saved, now)
	case sameDay(d.Started, d.Saved):
		when = "Started " + draftTime(d.Started, now) + ", kept " + d.Saved.Local().Format("15:04")
	default:
		when = "Started " + draftTime(d.Started, now) + ", kept " + draftTime(d.Saved, now)
	}
	if expiry != "" {
		when += " · " + expiry
	}
	lines := strings.Split(wrapIndent(st.Muted.Render(upperFirst(when)+", by "+by), w, 4), "\n")
	return append(lines, strings.Split(wrapIndent(st.Value.Render(m.reachedText(d)), w, 4), "\n")...)
}

// keptText is what the patient screen says of a draft of the patient
// just entered (m.kept).
func (m *Model) keptText(w int) string {
	st := m.styles
	k := m.kept
	d := k.d
	kind := "An unfinished assessment"
	switch {
	case !d.Amends.IsZero():
		kind = "An unfinished amendment"
	case !d.FollowsUp.IsZero():
		kind = "An unfinished follow-up"
	}
	lines := []string{st.Prompt.Render(ansi.Wrap(kind+" of "+patientLabel(d.Patient)+" is kept as a draft:", w, "")), ""}
	file := ""
	if k.i >= 0 && k.i < len(m.drafts) {
		file = m.drafts[k.i].KeptFile
	}
	if file == "" {
		// Named in the line above: left out where the file's lines
		// need the room, lest the advice go below the screen at 60x20.
		lines = append(lines, "  "+st.Value.Render(patientLabel(d.Patient)))
	}
	lines = append(lines, m.draftLines(d, "", w)...)
	amends, moved := "", false
	if k.i >= 0 && k.i < len(m.drafts) {
		r := m.drafts[k.i]
		amends, moved = r.Amends, r.AmendedSince
		lines = append(lines, m.keptFileLines(r.KeptFile, w, true)...)
	}
	lines = append(lines, "")
	// The assessment on screen goes on by n: a follow-up, when the
	// clinician chose one, not "a new assessment".
	anyway := "Or start a new assessment anyway (n)"
	if m.s.Kind() == assess.FollowUp {
		anyway = "Or go on with the follow-up anyway (n)"
	}
	twice := "rather than assess the patient twice and leave the draft to be discarded"
	if !d.Amends.IsZero() {
		// An amendment corrects a saved record: it is no second
		// assessment, and the one starting does not finish it.
		if amends == "" {
			amends = "record " + record.ShortID(d.Amends)
		}
		twice = "It corrects " + amends + "; it is no second assessment of the patient."
	}
	say := "Resume it (r) to finish it, " + twice + ". " + anyway + ": the draft stays on the list of unfinished assessments."
	switch {
	case moved:
		say = twice + " Discard it from the list, and amend the current version if the correction is still wanted. " + anyway + ": the draft stays on the list."
	case !d.Amends.IsZero():
		say = twice + " Resume it (r) to finish the correction, or discard it from the list if it is not wanted. " + anyway + ": the draft stays on the list."
	}
	if d.HeldElsewhere {
		// Perhaps a window closed a moment ago: r takes it once that
		// window has gone, and says so while it has not.
		say = "It is open in another window, or was a moment ago: finish it there, or, if that window has just been closed, resume it (r) once that window has gone, rather than assess the patient twice. " + anyway + ": the draft stays on the list of unfinished assessments."
		if !d.Amends.IsZero() {
			say = twice + " It is open in another window, or was a moment ago: finish it there, or, if that window has just been closed, resume it (r) once that window has gone. " + anyway + ": the draft stays on the list."
		}
	}
	if k.i < 0 {
		say = k.how + " " + anyway + ": the draft is kept as it is."
		if !d.Amends.IsZero() {
			say = twice + " " + say
		}
		say = strings.TrimSpace(say)
	}
	if m.editPatient {
		// Changed at the review: this assessment's answers are given,
		// and are not left for the draft here.
		say = "Finish that draft rather than assess the patient twice: save or stop this assessment, then resume it from the list of unfinished assessments. Or go on with this assessment for this patient anyway (n): the draft is kept as it is. Esc changes the patient."
	}
	if k.more > 0 {
		// The patient's other drafts on the list, at a new assessment
		// and at a change at the review alike: named alone at the
		// change, one with the referrals answered went unsaid.
		say += fmt.Sprintf(" %d more of this patient's drafts %s on the list.", k.more, map[bool]string{true: "is", false: "are"}[k.more == 1])
	}
	// The command that resumes a draft kept elsewhere is in the
	// sentence: wrapped as prose it broke at the hyphen of --db, and
	// pasted as two lines ran "digicheck --" and then "db …".
	lines = append(lines, st.Value.Render(assess.WrapCommands(say, w, func(s string) string { return ansi.Wrap(s, w, "") })))
	text := strings.Join(lines, "\n")
	if file != "" && m.height > 0 {
		// The notice does not scroll: a long path (a store deep in a
		// folder) put the advice below the screen at 60x20. The file is
		// then said without its path, which the list names, and the
		// draft resumed.
		rows, shown := m.bodyHeight()-(statusHeight(m.status(w))-2), 0
		for _, l := range strings.Split(text, "\n") {
			if strings.TrimSpace(ansi.Strip(l)) != "" {
				shown++
			}
		}
		if shown > rows {
			path := m.keptFileLines(file, w, true)
			short := strings.Split(wrapIndent(st.Prompt.Render("Later answers are in a file (referrals too, if any)."), w, 4), "\n")
			text = strings.Replace(text, strings.Join(path, "\n"), strings.Join(short, "\n"), 1)
		}
	}
	return text
}

// openElsewhereText is said of a draft another window held as the drafts
// were read (store.Draft.HeldElsewhere), on the list and when its patient
// is entered: that window may be one closed a moment ago whose process
// has not yet ended, and it lets go of the draft as it ends. Left off the
// list, such a draft was nowhere to be seen, and the patient was assessed
// a second time.
const openElsewhereText = "Open in another window, or it was a moment ago: finish it there, or, if that window has just been closed, resume it here once that window has gone."

// reachedText says where a draft stopped and what it holds.
func (m *Model) reachedText(d store.Draft) string {
	// The sections of the draft's own instrument version: counted with
	// another version's they could be named and numbered wrongly.
	ins, ok := questionnaire.Lookup(d.InstrumentVersion)
	if !ok {
		ins = m.opts.Instrument
	}
	return upperFirst(d.Where(ins)) + " · " + strings.Join(d.Holds(), " · ")
}

// draftTime says when a draft was kept or started, in the local time, in
// short: "today 09:15", "Thu 19 Nov 16:05", or "19 Nov 2025 16:05".
func draftTime(t, now time.Time) string {
	t, now = t.Local(), now.Local()
	switch {
	case sameDay(t, now):
		return "today " + t.Format("15:04")
	case t.Year() == now.Year():
		return t.Format("Mon 2 Jan 15:04")
	}
	return t.Format("2 Jan 2006 15:04")
}

// sameDay reports whether a and b fall on the same day, in the local time.
func sameDay(a, b time.Time) bool {
	a, b = a.Local(), b.Local()
	ya, ma, da := a.Date()
	yb, mb, db := b.Date()
	return ya == yb && ma == mb && da == db
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(no name)"
	}
	return s
}
