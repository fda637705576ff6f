package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// The patient's assessments that count, read from the store at two
// moments (Options.Assessed): as a new assessment's patient is given, so
// that a patient assessed before is not assessed again unknowingly where a
// follow-up or an amendment was meant (assess.Session.AssessedBefore); and
// as the save is asked for, so that an assessment of the patient saved
// meanwhile (another window on the same patient) is said on the read-back,
// before the save (assess.Session.SavedMeanwhile). The read runs in a
// command; keys that come while it runs are held in order and taken after
// it, as they would have been without it, unless what it found is shown,
// which they were not typed at.

// lookFor is what the store is read for.
type lookFor int

const (
	lookNone      lookFor = iota
	lookBefore            // the patient just given: assessed before?
	lookMeanwhile         // the save: assessed since this one began?
	// The drafts (Options.LookDrafts): as the patient is given; at the
	// save, when a held store hid them then; for the list at n after a
	// save.
	lookDrafts
	lookDraftsAtSave
	lookDraftsList
)

// assessedMsg is what the read found.
type assessedMsg struct {
	look lookFor
	as   []assess.Assessed
	err  error
}

// lookUp reads the patient's assessments for look in a command.
func (m *Model) lookUp(look lookFor) tea.Cmd {
	read, p := m.opts.Assessed, m.s.Patient()
	m.looking = look
	return func() tea.Msg {
		as, err := read(p)
		return assessedMsg{look: look, as: as, err: err}
	}
}

// lookBeforeFirst goes on from the patient's details of a new assessment
// or a follow-up: to the first step, once the store was read for the
// patient's earlier assessments. A follow-up is told nothing of them (it
// follows one up); what the store held then is what the save's read is
// compared with, by record ids, where the clocks, one set back, hid an
// assessment saved meanwhile.
func (m *Model) lookBeforeFirst() tea.Cmd {
	if m.opts.Assessed == nil || m.s.Kind() == assess.Amendment {
		return m.afterPatient()
	}
	return m.lookUp(lookBefore)
}

// onAssessed goes on with what the read was for, then takes the keys held
// while it ran.
func (m *Model) onAssessed(msg assessedMsg) tea.Cmd {
	if m.looking != msg.look {
		return nil
	}
	m.looking = lookNone
	if msg.err == nil {
		m.readFree = true
	}
	queued := m.queued
	m.queued = nil
	var cmd tea.Cmd
	switch msg.look {
	case lookBefore:
		// A store that cannot be read for the patient says so itself
		// (CheckPatient): the assessment goes on. One held by another
		// program is said here: nothing could be said of a patient
		// assessed before, and the save's read says it (NotLookedUp).
		w := ""
		switch {
		case msg.err == nil:
			w = m.s.AssessedBefore(msg.as)
			m.earlierUnread = false
		case errors.Is(msg.err, store.ErrLocked) && m.s.Kind() == assess.New:
			m.s.NotLookedUp()
			w, m.earlierUnread = heldUnread, true
		}
		if w != "" && m.screen == patientScreen {
			m.earlier, m.earlierAt, m.patientNoticeTop = w, time.Now(), 0
			m.hold(heldBeforeQuestion)
			if len(queued) > 0 {
				m.notice = heldBeforeQuestion
			}
			return nil
		}
		cmd = m.afterPatient()
	case lookMeanwhile:
		if m.retrying && errors.Is(msg.err, store.ErrLocked) && m.keptUnchanged() {
			// Tried again while the store is still held: the answers
			// are in the file named, as they are now, and nothing is
			// saved unread. Saved on a store let go between this read
			// and the save, an assessment of the patient saved
			// meanwhile in another window went unsaid.
			m.retrying, m.heldAgain, m.meanwhileLooked = false, true, false
			break
		}
		w, count := "", 0
		if msg.err == nil {
			w = m.s.SavedMeanwhile(msg.as)
			count = m.othersCounting(msg.as)
		}
		if d := m.heldDrafts.atSave; d != "" {
			// The patient's draft a held store hid as they were given.
			w = strings.TrimSpace(w + " " + d)
		}
		switch {
		case w != "" && (m.second == "" || m.secondMeanwhile) && (w != m.second || count != m.secondCount):
			m.second, m.secondMeanwhile, m.secondConfirmed = w, true, false
			m.secondCount = count
			if m.retrying {
				m.keptFound = m.keptFile != "" && msg.err == nil
				// Found by a retry after a refused save: asked as the
				// first save asks it, on the read-back (or above the
				// result), in place of "Not saved", before anything is
				// saved. Said under "Not saved", it was never seen, and
				// the next r took it as answered.
				m.retrying, m.saveErr, m.saveAsked = false, nil, false
				m.layout() // the file is named under the heading now
			}
		case w == "" && m.secondMeanwhile:
			m.second, m.secondMeanwhile, m.secondCount = "", false, 0
		}
		cmd = m.save()
	}
	cmds := []tea.Cmd{cmd}
	for _, k := range queued {
		_, c := m.Update(k)
		cmds = append(cmds, c)
	}
	return tea.Batch(cmds...)
}

// earlierKey answers "a new assessment anyway?" for a patient assessed
// before: n goes on with the new one, esc goes back to the patient's
// details; ctrl+c stops, as anywhere.
func (m *Model) earlierKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Back):
		m.earlier = ""
		m.changeNotTaken()
		return m.openPatient(m.editPatient)
	case key.Matches(msg, keptNew):
		m.earlier = ""
		cmd := m.afterPatient()
		m.hold(heldBeforeShown)
		return cmd
	case m.followUpOffered() && key.Matches(msg, earlierFollowUp):
		typed := m.typedAt
		if typed.IsZero() {
			typed = time.Now()
		}
		if typed.Sub(m.earlierAt) < m.wordHoldLen() {
			// Typed with the keys that gave the patient, or straight
			// after: the notice was not read, and a follow-up is not
			// what those keys asked for.
			m.problem = "Not taken: f came before this could be read. Read it, then press f to follow the patient up."
			return nil
		}
		// The new assessment holds only the patient's details: its
		// draft is removed, and the command starts the follow-up.
		m.exit, m.followUp = exitFollowUp, m.s.Patient()
		return tea.Quit
	}
	if m.followUpOffered() {
		m.problem = "Press f to follow the patient up, n to go on with a new assessment, esc to change the patient, or ctrl+c to stop."
		return nil
	}
	m.problem = "Press n to go on with a new assessment, esc to change the patient, or ctrl+c to stop."
	return nil
}

// earlierText is what the patient screen says of a patient assessed
// before (m.earlier).
func (m *Model) earlierText(w int) string {
	st := m.styles
	choose := "A new assessment is right for a new baseline. Go on with it (n), change the patient (esc), or stop (ctrl+c)."
	switch {
	case m.earlierUnread:
		choose = "Go on with this assessment (n), change the patient (esc), or stop (ctrl+c)."
	case m.editPatient:
		choose = "A new assessment is right for a new baseline: go on with this one for this patient (n). Or change the patient (esc), or stop (ctrl+c)."
	}
	if m.followUpOffered() {
		choose = "Follow it up now (f). A new assessment is right for a new baseline: go on with it (n). Or change the patient (esc), or stop (ctrl+c)."
	}
	return st.Prompt.Render(commandsText(m.earlier, w)) + "\n\n" + st.Value.Render(ansi.Wrap(choose, w, ""))
}

// heldUnread is what the patient screen says when the store, held by
// another program, could not be read for the patient's assessments.
const heldUnread = assess.HeldUnread

// followUpOffered says f on the notice of a patient assessed before ends
// the run for a follow-up of them: offered (Options.FollowUpOffered), not
// for a store that could not be read, nor for a patient changed at the
// review, whose answers given it would drop.
func (m *Model) followUpOffered() bool {
	return m.opts.FollowUpOffered && !m.earlierUnread && !m.editPatient
}

// The keys of the question about a patient assessed before, as its help
// line names them.
var (
	keptNewAnyway = key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new assessment"))
	keptChange    = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "change the patient"))
	// earlierFollowUp ends the run for a follow-up of the patient
	// (Options.FollowUpOffered).
	earlierFollowUp = key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "follow it up"))
)

// keptUnchanged reports whether the record to save is the one the file
// named on screen holds (keptFile): the same record, its answers not
// changed since the save that kept it was refused.
func (m *Model) keptUnchanged() bool {
	if m.keptFile == "" {
		return false
	}
	rec, err := m.s.Record()
	if err != nil {
		return false
	}
	_, same := keptAsFile(m.keptRec, rec, m.answered())
	return same
}

// recordToSave is the record a save saves: the session's, or, where a
// refused save kept it in a file (keptFile) and it is that record still
// (keptAsFile), the record as the file holds it, so that a note pasted
// from the file is this record's note, word for word.
func (m *Model) recordToSave() (record.Record, error) {
	rec, err := m.s.Record()
	if err != nil || m.keptFile == "" {
		return rec, err
	}
	if kept, same := keptAsFile(m.keptRec, rec, m.answered()); same {
		return kept, nil
	}
	return notOfferedAsKept(m.keptRec, rec, m.answered()), nil
}

// notOfferedAsKept is rec with each referral that kept, the record a
// refused save kept in a file, had among those not shown, and that rec has
// as not discussed for being shown since (m) and left unanswered (none of
// answered), put back among those not shown, as the file holds it: not
// gone through or offered. With no answer changed since the refusal,
// keptAsFile saves the file's record so; with one changed, the same m left
// unanswered saved every referral it showed "not discussed", offered to
// the patient, though they heard nothing of them and the file listed none.
func notOfferedAsKept(kept, rec record.Record, answered map[string]bool) record.Record {
	unshown := map[string]bool{}
	for _, r := range kept.Recommendation.Unshown {
		unshown[r.ProgrammeID] = true
	}
	var offered, back []questionnaire.Referral
	for _, r := range rec.Recommendation.Referrals {
		if r.Consent == questionnaire.NotDiscussed && unshown[r.ProgrammeID] && !answered[r.ProgrammeID] {
			r.Consent = ""
			back = append(back, r)
			continue
		}
		offered = append(offered, r)
	}
	if len(back) == 0 {
		return rec
	}
	// Before those it had not shown already: the programmes a follow-up
	// records helped, which come last (assess's settle).
	rec.Recommendation.Referrals = offered
	rec.Recommendation.Unshown = append(back, rec.Recommendation.Unshown...)
	return rec
}

// answered is the programme of each referral the patient answered (a,
// d or n), as against one left unanswered.
func (m *Model) answered() map[string]bool {
	ids := map[string]bool{}
	for _, r := range m.referrals() {
		if r.Consent != "" {
			ids[r.ProgrammeID] = true
		}
	}
	return ids
}

// keptAsFile reports whether rec, the record to save, is kept, the record
// a refused save kept in a file, and gives it as the file holds it. It is
// where the two differ only in the time they were worked out at (gone
// back after the refusal and on again, nothing changed), or, besides, in
// referrals after the first few that m showed since and that were left
// unanswered (none of answered, the referrals given an answer): rec has
// them as not discussed, the file as not gone through or offered. m answers nothing, and the file, whose answers it leaves
// as they were, keeps its note; saved as worked out again, the note the
// clinician had pasted, as told, was not the record's, and the screen
// said so at the first m while the file said it stood.
func keptAsFile(kept, rec record.Record, answered map[string]bool) (record.Record, bool) {
	if keptSame(kept, rec) {
		rec.Time = kept.Time
		return rec, true
	}
	if !shownSinceOnly(kept.Recommendation, rec.Recommendation, answered) {
		return rec, false
	}
	r := rec
	r.Recommendation.Referrals, r.Recommendation.Unshown = kept.Recommendation.Referrals, kept.Recommendation.Unshown
	if !keptSame(kept, r) {
		return rec, false
	}
	r.Time = kept.Time
	return r, true
}

// shownSinceOnly reports whether rec's referrals are kept's, in order,
// with only referrals kept had as not shown added among them, each not
// discussed for being shown and left unanswered (none of answered), and
// rec's not shown are kept's but those.
func shownSinceOnly(kept, rec questionnaire.Recommendation, answered map[string]bool) bool {
	unshown := map[string]questionnaire.Referral{}
	for _, r := range kept.Unshown {
		unshown[r.ProgrammeID] = r
	}
	i := 0
	added := map[string]bool{}
	for _, r := range rec.Referrals {
		if i < len(kept.Referrals) && reflect.DeepEqual(r, kept.Referrals[i]) {
			i++
			continue
		}
		was, ok := unshown[r.ProgrammeID]
		if !ok || r.Consent != questionnaire.NotDiscussed || answered[r.ProgrammeID] || added[r.ProgrammeID] {
			return false
		}
		was.Consent = r.Consent
		if !reflect.DeepEqual(r, was) {
			return false
		}
		added[r.ProgrammeID] = true
	}
	if i != len(kept.Referrals) || len(added) == 0 {
		return false
	}
	var left []questionnaire.Referral
	for _, r := range kept.Unshown {
		if !added[r.ProgrammeID] {
			left = append(left, r)
		}
	}
	return len(left) == len(rec.Unshown) && (len(left) == 0 || reflect.DeepEqual(left, rec.Unshown))
}

// keptSame reports whether rec is the record kept, as a refused save
// kept it in a file, but for the time it was worked out at (and what the
// save fills in from it): gone back and on again without a change, the
// session works the same record out again at a later time.
func keptSame(kept, rec record.Record) bool {
	if kept.ID != rec.ID {
		return false
	}
	rec.Time = kept.Time
	if rec.ReviewBy == "" {
		rec.ReviewBy = kept.ReviewBy
	}
	if rec.Change == nil {
		rec.Change = kept.Change
	}
	a, errA := json.Marshal(kept)
	b, errB := json.Marshal(rec)
	return errA == nil && errB == nil && bytes.Equal(a, b)
}

// keptGone is, once a save succeeds after one refused, the file the
// refused save kept the answers and note in (path), which the save
// removes: left says it is still there; changed, that the answers saved
// are not those in it (changed after it was kept). The saved screen says
// it: the clinician had been told to paste the note from that file, and
// found it gone, not knowing whether the note pasted from it stood.
type keptGone struct {
	path          string
	left, changed bool
	// resumed says the file was named as the draft saved was resumed:
	// kept in an earlier run, its answers given again since; laterOnly,
	// that it kept only the answers of an unfinished assessment
	// (digicheck-not-saved-draft-ID.txt), with no note.
	resumed, laterOnly bool
	// same says the file kept every answer of the draft resumed and
	// saved, and a note: it told the clinician to paste that note and
	// enter the answers again (sameKeptGone).
	same bool
	// other is the patient the file named, as the screen writes their
	// number, where the patient was changed after it was kept (now, the
	// patient saved): a note pasted from it went into other's record,
	// and "replace it with this one" put this patient's note there too.
	other, now string
}

// resumedKeptGone is what the saved screen says of file, which kept the
// answers of the draft resumed as last given (and, where its save was
// refused, a note), now that the assessment is saved as rec. The file is
// left where it is: it holds answers and referral decisions the store
// never had, given by the patient then, which the clinician was told to
// give again from it; removed on the save, any not given again were gone
// with no copy. The screen says it is still there, to check against what
// was saved and then delete, and what of a note pasted from it.
func resumedKeptGone(file string, rec record.Record) keptGone {
	laterOnly := filepath.Base(file) == "digicheck-not-saved-draft-"+rec.ID.String()+".txt"
	_, err := os.Stat(file)
	return keptGone{path: file, left: err == nil, changed: true, resumed: true, laterOnly: laterOnly}
}

// sameKeptGone is what the saved screen says of file, a draft's
// SameFile, once the draft is saved: it is left where it is, telling the
// clinician to enter its answers again, which would now make another
// assessment of the patient; and its note, which it said to paste, is of
// these answers as they were at its save, not this record's. Nothing is
// said of a file no longer there, as the plain prompts say nothing.
func sameKeptGone(file string) keptGone {
	if _, err := os.Stat(file); err != nil {
		return keptGone{}
	}
	return keptGone{path: file, left: true, changed: true, same: true}
}

// keptGoneOf is what to say of file, which kept the record kept, once the
// record saved is saved; nothing when no file was named.
func keptGoneOf(file string, kept, saved record.Record) keptGone {
	if file == "" {
		return keptGone{}
	}
	_, err := os.Stat(file)
	k := keptGone{
		path: file,
		left: err == nil,
		// The note the store saved is not the file's where the store
		// worked the change since the check followed up out against a
		// version amended after the session read it.
		changed: kept.ID != saved.ID || !kept.Time.Equal(saved.Time) || assess.Note(kept) != assess.Note(saved),
	}
	if kept.Patient != saved.Patient {
		k.other, k.now = kept.Patient.String(), saved.Patient.String()
	}
	return k
}

// notesOutOfDate reports whether any of notes, the notes a file a refused
// save kept the answers in has held (each from its first line), is not
// the note of saved, the record saved.
func notesOutOfDate(notes []string, saved record.Record) bool {
	now := assess.Note(saved)
	for _, n := range notes {
		if !strings.HasPrefix(n, now) {
			return true
		}
	}
	return false
}

// text is what the saved screen says of the file, in w columns, its path
// on lines of its own.
func (k keptGone) text(w int) string {
	first := "Saved in the store now: the file that kept these answers and note when the store did not save them is removed:"
	if k.left {
		first = "Saved in the store now, so the file that kept these answers and note when the store did not save them is not needed; it is still there, delete it:"
	}
	then := "A note already pasted from it stands: it is this record's note."
	if k.changed {
		then = "Answers were changed after it was kept: a note already pasted from it is out of date. Replace it with this one."
	}
	if k.resumed {
		first = "Saved in the store now: the file that kept this assessment's answers when the store did not keep them is gone:"
		if k.left {
			first = "Saved in the store now. The file that kept this assessment's answers when the store did not keep them is still there: check that every answer in it was given again, then delete it:"
		}
		then = "A note already pasted from it is of the answers as they were then, not this record's note: replace it with this one, not add this one beside it."
		if k.laterOnly {
			then = "It held no note: paste this record's note into the patient record."
		}
	}
	if k.same {
		first = "Saved in the store now. The file that kept these answers when the store could not be written is still there, and its answers are saved now, in this assessment: do not enter them again as it says to, but delete it:"
		then = "A note already pasted from it is of these answers as they were then: check it against this record's note, and replace it with this one if they differ."
	}
	if k.other != "" {
		first, then = otherPatientKept(k.other, k.now, k.left)
	}
	return ansi.Wrap(first, w, "") + "\n" + pathLines(k.path, w) + "\n" + ansi.Wrap(then, w, "")
}

// otherPatientKept is what the saved screen says, before and after the
// file's path, of a file that kept the answers and note of patient other
// when the store refused them, once they are saved for patient now: a
// note pasted from it went into other's record, and is not theirs. The
// file, left (the assess command keeps it then), says where it went until
// that note is removed.
func otherPatientKept(other, now string, left bool) (first, then string) {
	first = "Saved in the store now, for patient " + now + ". The file that kept the answers and note for patient " + other + " when the store did not save them is removed:"
	then = "The patient was changed after it was kept: a note pasted from it went into the record of patient " + other + " and is not that patient's: remove it from that record. Paste this note into the record of patient " + now + "."
	if left {
		first = "Saved in the store now, for patient " + now + ". The file that kept the answers and note for patient " + other + " when the store did not save them is still there:"
		then = "The patient was changed after it was kept: a note pasted from it went into the record of patient " + other + " and is not that patient's: remove it from that record, then delete the file. Paste this note into the record of patient " + now + "."
	}
	return first, then
}

// othersCounting is how many of as, the patient's assessments that
// count, stand beside this one unlinked by a follow-up, where more than
// one does; 0 otherwise. The words the save's read finds name only the
// latest of them: after a retry, "assessed by Pipe Nurse" was said where
// Nurse B's assessment counted too.
func (m *Model) othersCounting(as []assess.Assessed) int {
	var others []assess.Assessed
	for _, a := range as {
		if a.Current.ID == m.s.ID() || a.First.ID == m.s.ID() {
			continue
		}
		others = append(others, a)
	}
	if n := len(assess.Unlinked(others)); n > 1 {
		return n
	}
	return 0
}

// secondIsDraftOnly says the second assessment said (second) is only the
// patient's unfinished draft a held store hid as they were given: they
// have no saved assessment for this one to be another of.
func (m *Model) secondIsDraftOnly() bool {
	return m.second != "" && m.second == m.heldDrafts.atSave
}

// savingMakes is what saving makes, said after second, saving being
// "Saving" or "Saving it": another assessment of a patient assessed
// already, with how many count where more than one does; nothing more
// where only a draft of theirs was found (its words say saving leaves it
// kept).
func (m *Model) savingMakes(saving string) string {
	switch {
	case m.secondIsDraftOnly():
		return ""
	case m.secondCount > 1 && !strings.Contains(m.second, "assessments that count"):
		return fmt.Sprintf(" %d assessments of this patient count already (%s lists them): %s makes another.", m.secondCount, assess.Command(m.opts.Given, "history", m.s.Patient().Value), strings.ToLower(saving[:1])+saving[1:])
	}
	return " " + saving + " makes another assessment of this patient."
}
