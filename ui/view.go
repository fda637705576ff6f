package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// contentWidth is the width screens draw in: the window less a one-column
// margin each side, and never wider than reads well.
func (m *Model) contentWidth() int { return min(m.width, maxWidth) - 2 }

// bodyHeight is what the frame leaves for the screen's own content.
func (m *Model) bodyHeight() int {
	return m.height - headerLines - footerLines - max(len(m.reminderLines())-1, 0)
}

// fitUnderHeading gives the result and the saved screen the lines the
// heading leaves them once the lines under it change (a file named, or
// no longer), as layout does on opening a screen: the heading's lines
// change without one, and the view's last lines went under the status.
func (m *Model) fitUnderHeading() {
	if m.width == 0 || m.tooSmall() {
		return
	}
	h := m.bodyHeight()
	switch {
	case m.screen == resultScreen && !m.confirmSave:
		// Less the lines a notice at the foot takes.
		m.fitResult()
	case m.resultView.Height() != h:
		m.resultView.SetHeight(h)
	}
	if m.savedView.Height() != h {
		m.savedView.SetHeight(h)
	}
}

// keptNotSaved is the line under the heading once a refused save has kept
// the answers and note in a file (keptFile), the file's path on the lines
// after it: on every screen gone back to, and on to the result again, so
// the file is never out of sight until the save is made.
const keptNotSaved = "Not saved yet: until it is, the answers and note stay in:"

// keptFolded is keptNotSaved in short, on the result, while the referral
// the consent keys answer would not fit under the whole of it (keptFolds).
const keptFolded = "Not saved yet: the answers are kept in a file, named here again on a shorter referral."

// keptFolds reports whether the lines under the heading that name the file
// a refused save kept the answers in, n of them, fold to keptFolded: on
// the result, while the referral the consent keys answer is taller than
// the lines they leave it. Gone to the review and back, the notice at the
// foot was gone and these lines stood in its place: at 60x20 they left a
// referral of seven lines no room to be wholly on screen, so a, d and n
// were refused for it, and it could not be passed, as the notice at the
// foot did before it folded (notSavedFolds).
func (m *Model) keptFolds(w, n int) bool {
	if m.screen != resultScreen || m.confirmSave || m.tooSmall() || m.referral >= len(m.refSpans) || m.referral >= len(m.referrals()) {
		return false
	}
	rows := m.height - headerLines - footerLines - max(n-1, 0) - (statusHeight(m.status(w)) - 2)
	s := m.refSpans[m.referral]
	return s.end-s.start > rows
}

// keptHolds is what the file a refused save kept the answers in holds:
// its answers and note, or, once an answer was changed after it, the
// answers as last kept as a draft (each draft writes it again), whose
// note is made at the save.
func (m *Model) keptHolds() string {
	if m.keptStale {
		return "the answers as last kept (changed since the save was refused, so no note yet)"
	}
	return "the answers and note"
}

// reminderLines are the lines under the heading: the reminder (wrapped to
// the width), or, once a refused save kept the answers and note in
// a file, keptNotSaved and the file's path, whole, where the status does
// not name it already (the refusal, a retry). None where the notice box
// is shown.
func (m *Model) reminderLines() []string {
	if m.width == 0 {
		return nil
	}
	w := m.contentWidth()
	switch {
	case m.keptFile != "" && m.saveErr == nil && !m.retrying:
		said := keptNotSaved
		if m.keptStale {
			said = "Not saved yet: until it is, " + m.keptHolds() + " stay in:"
		}
		lines := strings.Split(ansi.Wrap(said, w, "")+"\n"+pathLines(m.keptFile, w), "\n")
		if m.keptFolds(w, len(lines)) {
			return strings.Split(ansi.Wrap(keptFolded, w, ""), "\n")
		}
		return lines
	case m.keptFile != "":
		// The refusal, or the retry, names the file: the reminder
		// that one would be written is out of date.
		return nil
	case m.opts.Reminder != "" && !m.noticeShown() && !(m.opts.ReminderTillSaved && m.readFree):
		// (A store held as the run began, read since: this window's now,
		// "in use" and "if it is still in use when you save" were out
		// of date.)
		// Whole, on two lines where one is too narrow: cut, "if it is
		// still in us…" said nothing of what happens.
		return strings.Split(ansi.Wrap(m.opts.Reminder, w, ""), "\n")
	}
	return nil
}

// layout sizes everything to the window and re-renders the text of the
// scrolling screens. It runs on resize and whenever a screen is opened, so
// View only draws.
func (m *Model) layout() {
	if m.width == 0 || m.tooSmall() {
		// Sizes are applied when the window is big enough again; the
		// forms keep their values meanwhile.
		return
	}
	// An answer changed since a refused save kept them in a file (a
	// section, the patient's details) is found as the screen it comes
	// back to is laid out.
	m.keptStale = m.keptFile != "" && !m.keptUnchanged()
	w, h := m.contentWidth(), m.bodyHeight()
	m.reviewView.SetWidth(w)
	m.reviewView.SetHeight(h)
	m.resultView.SetWidth(w)
	m.resultView.SetHeight(h)
	m.savedView.SetWidth(w)
	m.savedView.SetHeight(h)
	switch m.screen {
	case reviewScreen:
		m.reviewView.SetContent(m.reviewText(w))
	case resultScreen:
		m.renderResult()
		m.confirmView.SetWidth(w)
		m.confirmView.SetHeight(h)
		if m.confirmSave {
			m.renderConfirm()
			m.noteConfirmSeen()
		}
	case savedScreen:
		m.savedView.SetContent(m.savedText(w))
	}
}

// View draws the screen on show.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "digicheck"
	return v
}

func (m *Model) render() string {
	if m.width == 0 {
		return ""
	}
	if m.tooSmall() {
		return m.renderTooSmall()
	}
	var title, intro, body, help string
	w := m.contentWidth()
	switch m.screen {
	case draftsScreen:
		// In the order of the time each shows: when it was last kept.
		title = "Unfinished assessments · last kept first"
		intro = "These assessments were not finished. Resume one where it was left, or start a new one."
		body = m.withNotice(w, m.draftsBody(w))
		help = m.styles.helpLine(w, m.keys.Resume, key.NewBinding(key.WithHelp("↑/↓", "choose")), m.keys.Discard, m.keys.New, m.keys.Quit)
		if m.opts.DiscardDraft == nil {
			// Nothing to discard through: not offered.
			help = m.styles.helpLine(w, m.keys.Resume, key.NewBinding(key.WithHelp("↑/↓", "choose")), m.keys.New, m.keys.Quit)
		}
		if m.confirmDiscard {
			yes := key.NewBinding(key.WithHelp("y", "discard it"))
			if m.discardSure {
				yes = key.NewBinding(key.WithHelp("y", "yes, discard its answers"))
			}
			help = m.styles.helpLine(w, yes, key.NewBinding(key.WithHelp("n", "keep it")))
		}
	case patientScreen:
		title = "New assessment"
		intro = "Is the patient identified by an NHS number or a local hospital number?"
		switch i := m.patient.focusIndex(); {
		case m.s.Amends() != nil:
			title = "Amend assessment"
			intro = "Amending the assessment of " + recordLabel(m.s.Amends()) + ". Who is making this amendment?"
		case m.s.FollowsUp() != nil:
			title = "Follow-up"
			intro = "Following up the assessment of " + recordLabel(m.s.FollowsUp()) + ". Who is doing this follow-up?"
		case i == kindField:
			intro = "Is the patient identified by an NHS number or a local hospital number?"
		case i == numberField && m.patient.kindCode() == record.NHSNumber:
			intro = "NHS number: 10 digits (spaces are fine)."
		case i == numberField:
			intro = "Local hospital number: letters, digits and -, at most 20."
		case i >= firstClinicianField:
			intro = "Who is doing this assessment?"
			if id, err := record.NewPatientID(m.patient.kindCode(), m.patient.id.input.Value()); err == nil {
				intro = "Patient: " + patientLabel(id) + ". Who is doing this assessment?"
			}
		}
		if m.editPatient {
			title = "Change patient details"
		}
		body = m.withNotice(w, m.patient.form.render(m.styles, w, m.formHeightUnder(w)))
		back := m.patient.focusIndex() > m.patient.firstField() || m.editPatient || (len(m.drafts) > 0 && !m.hasUnsaved())
		help = m.formHelp(w, m.patient.form, back)
		before := "Before the first question: "
		if m.editPatient {
			before = "Before going back to the review: "
		}
		if m.kept != nil {
			intro = before + "this patient has an unfinished assessment."
			body = m.keptText(w)
			// Esc changes the patient, as the notice of a patient
			// assessed before names it: "esc back" said otherwise.
			ks := []key.Binding{m.keptNewKey(), keptChange}
			if m.keptResumable() {
				ks = append([]key.Binding{keptResume}, ks...)
			}
			help = m.styles.helpLine(w, m.patientNoticeHelp(w, ks)...)
		}
		if m.earlier != "" {
			intro = before + "this patient was assessed before."
			if m.earlierUnread {
				intro = before + "this patient's earlier assessments cannot be looked up."
				if m.earlier == assess.HeldUnreadWithDrafts {
					// Drafts unread too: a colleague's unfinished
					// assessment of the patient may be kept.
					intro = before + "this patient's earlier assessments and drafts cannot be looked up."
				}
			}
			body = m.earlierText(w)
			ks := []key.Binding{keptNewAnyway, keptChange}
			if m.followUpOffered() {
				ks = append([]key.Binding{earlierFollowUp}, ks...)
			}
			help = m.styles.helpLine(w, m.patientNoticeHelp(w, ks)...)
		}
		if m.kept != nil || m.earlier != "" {
			body = m.patientNoticeView(w)
		}
		if m.looking == lookBefore || m.looking == lookDrafts {
			// The store is being read for the patient's assessments
			// (assessed.go), or drafts (drafts.go, heldDrafts):
			// seconds, when another program holds it.
			// The form, done, showed nothing under "Who is doing this
			// assessment?", and its help offered keys that were not
			// taken then.
			intro = before + "looking up this patient's earlier assessments."
			body = m.styles.Value.Render(ansi.Wrap(lookingUpText, w, ""))
			help = ""
		}
		if m.looking == lookDraftsList {
			// n after a save reads the list of unfinished assessments
			// (drafts.go): the empty form's keys are not taken yet.
			intro = "Looking up the unfinished assessments kept in the store."
			body = m.styles.Value.Render(ansi.Wrap(lookingUpText, w, ""))
			help = ""
		}
	case outcomeScreen:
		title = "Earlier referrals"
		intro = "Ask what became of each referral the patient agreed to at the assessment of " + recordLabel(m.s.Earlier()) + "."
		body = m.outcomeForm.form.render(m.styles, w, m.formHeightUnder(w))
		help = m.formHelp(w, m.outcomeForm.form, true)
	case sectionScreen:
		sf := m.sections[m.current]
		title = fmt.Sprintf("%s · %d of %d", sf.section.Title, m.current+1, len(m.sections))
		intro = sf.section.Intro
		body = sf.form.render(m.styles, w, m.formHeightUnder(w))
		help = m.formHelp(w, sf.form, true)
	case reviewScreen:
		title = "Review"
		intro = "Check every answer with " + m.answerer() + ". Press a section's number to change it."
		body = m.reviewView.View()
		if m.s.AsksOutcomes() {
			help = m.styles.helpLine(w, m.keys.Confirm, m.keys.EditSection, m.keys.EditOutcomes, m.keys.EditPatient, m.keys.Up, m.keys.Back, m.keys.Quit)
		} else {
			help = m.styles.helpLine(w, m.keys.Confirm, m.keys.EditSection, m.keys.EditPatient, m.keys.Up, m.keys.Back, m.keys.Quit)
		}
	case resultScreen:
		title = "Result"
		intro = "Go through the result with " + m.answerer() + ", and ask about each referral."
		if !m.confirmSave {
			// Fitted by Update already (fitResult); fitted again for
			// this frame only, should the status have changed since.
			defer func(kept viewport.Model) { m.resultView = kept }(m.resultView)
			m.fitResultView()
		}
		body = m.resultView.View()
		help = m.resultHelp(w)
		if m.confirmSave {
			title = "Result · Save?"
			intro = "Before saving, read back to " + m.answerer() + " the answer recorded for each referral."
			body = m.confirmView.View()
			help = m.styles.helpLine(w, key.NewBinding(key.WithHelp("enter", "save")),
				key.NewBinding(key.WithHelp("esc", "change an answer")), m.keys.Up, m.keys.Quit)
		}
	case savedScreen:
		title = "Saved"
		intro = "Saved. Paste this note into the patient record."
		if k := m.keptGone; k.path != "" && !k.changed && !k.resumed && k.other == "" {
			// The note the file kept is this record's, and the lines
			// below say one pasted from it stands: pasted again, the
			// patient record held it twice.
			intro = "Saved. Paste this note into the patient record only if the one from the file was not pasted."
		}
		if m.keptGone.same {
			// The file said to paste its note: this one beside it put
			// the assessment in the patient record twice.
			intro = "Saved. Paste this note into the patient record, replacing any pasted from the file below."
		}
		copyKey, handoutKey := m.keys.Copy, m.keys.Handout
		_, held := m.noteHeld[m.saved.ID]
		if held {
			intro = "Saved here, not sent. Paste no note yet: see below."
		}
		if m.showHandout {
			intro = "Saved. Give or send this handout to the patient."
			if lang := record.HandoutTranslation(m.saved); lang != "" {
				intro = "Saved. This handout is in English: have it translated into " + lang + " first."
			}
			copyKey.SetHelp("c", "copy handout")
			handoutKey.SetHelp("h", "note")
		}
		body = m.savedView.View()
		ks := []key.Binding{copyKey, handoutKey}
		if held && !m.showHandout {
			ks = ks[1:] // no note to copy
		}
		if m.opts.SaveHandout != nil {
			ks = append(ks, m.keys.SaveFile)
			if m.opts.PrintHandout != nil {
				ks = append(ks, m.keys.Print)
			}
		}
		help = m.styles.helpLine(w, append(ks, m.keys.New, m.keys.Exit, m.keys.Up)...)
	}
	if m.confirmQuit {
		help = m.quitHelp(w)
	}
	if m.ignoring {
		help = m.ignoringHelp(w)
	}
	switch {
	case m.s.Amends() != nil && m.screen != draftsScreen && m.screen != patientScreen:
		title = "Amendment · " + title
	case m.s.FollowsUp() != nil && m.screen != draftsScreen && m.screen != patientScreen:
		title = "Follow-up · " + title
	}
	return m.frame(title, intro, body, m.status(w), help)
}

// recordLabel names a saved record by its date and the start of its id,
// as history lists it.
func recordLabel(r *record.Record) string {
	return r.Time.Local().Format("2 Jan 2006") + " (record " + record.ShortID(r.ID) + ")"
}

// draftsBody is the list of drafts, scrolled to keep the one chosen in
// view, whole, in the lines the notice and the status leave it (a refusal
// in the store's words takes lines from the bottom of the body). When the
// list does not fit, a line under it says how many drafts are below, and
// one over it how many are above.
func (m *Model) draftsBody(w int) string {
	text, spans := m.draftsText(w)
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	h := m.bodyHeight() - m.noticeHeight() - (statusHeight(m.status(w)) - 2)
	if len(lines) <= h || len(spans) == 0 {
		return text
	}
	c := min(max(m.draftCursor, 0), len(spans)-1)
	// The markers take a line each; the entry chosen is kept whole
	// between them.
	view := max(h-1, 1)
	top := 0
	if spans[c].end > view {
		// Scrolled to the first entry from which the chosen one fits
		// whole, so no entry is shown without its first line; near
		// the end, to the first from which the rest of the list fits
		// under the marker above.
		view = max(h-2, 1)
		top = spans[c].start
		for k := 0; k <= c; k++ {
			if spans[len(spans)-1].end-spans[k].start <= h-1 {
				top, view = spans[k].start, h-1
				break
			}
			if spans[c].end-spans[k].start <= view {
				top = spans[k].start
				break
			}
		}
	}
	// Whole entries only: one cut at the bottom counts as below.
	end := min(top+view, len(lines))
	for k := len(spans) - 1; k >= 0; k-- {
		if spans[k].start >= top && spans[k].end <= end {
			end = spans[k].end
			break
		}
	}
	above, below := 0, 0
	for _, sp := range spans {
		switch {
		case sp.start < top:
			above++
		case sp.end > end:
			below++
		}
	}
	var out []string
	if top > 0 {
		out = append(out, m.styles.Muted.Render(ansi.Truncate(fmt.Sprintf("▲ %d more above: ↑ to see them", above), w, "…")))
	}
	out = append(out, lines[top:end]...)
	if below > 0 {
		out = append(out, m.styles.Muted.Render(ansi.Truncate(fmt.Sprintf("▼ %d more below: ↓ to see them", below), w, "…")))
	}
	return strings.Join(out, "\n")
}

// statusHeight is the lines the status takes in the frame: two, or up to
// maxStatusLines for a longer one. Five cut the end of a refusal at 60x20
// (a line break pasted into a text box): how many keys were ignored. The
// line that says a scrolled view is cut, over a notice, is one more: the
// view gives it, and the notice is not cut for it (status).
func statusHeight(status string) int {
	if status != "" && !strings.Contains(status, "\n") {
		status = "\n" + status
	}
	most := maxStatusLines
	if first, _, _ := strings.Cut(status, "\n"); isScrollMarker(first) {
		most++
	}
	return min(max(strings.Count(status, "\n")+1, 2), most)
}

// maxStatusLines is the most lines the status takes from the body: at
// 60x20 the question under it keeps minUnderNotice lines. Six cut the
// notice of a draft resumed before the not-saved file it names.
const maxStatusLines = 8

// fitStatus is status in n lines, cut at the bottom: a status cut ends in
// "…", so that nothing is taken to be all of it.
func fitStatus(status string, n, w int) []string {
	lines := strings.Split(status, "\n")
	if len(lines) <= n {
		return fitLines(status, n)
	}
	lines = lines[:n]
	lines[n-1] = ansi.Truncate(lines[n-1], max(w-1, 1), "") + "…"
	return lines
}

// patientShown is the patient the header names: the one given, or, on the
// patient's details past the number, the one the number given there names,
// as the intro does ("Patient: Local H100005"). The number changed from the
// review, the header went on naming the patient it had been changed from
// while the clinician and team were asked for the new one. Gone back to the
// number box or the identifier, the header goes on naming the number given
// there (numberGiven) until another is: it named the patient recorded
// again, the box holding the new number, and the new one at the next enter.
func (m *Model) patientShown() record.PatientID {
	p := m.patient
	if m.screen != patientScreen || p == nil || p.fixed || m.kept != nil || m.earlier != "" {
		return m.s.Patient()
	}
	if p.focusIndex() < firstClinicianField {
		if p.numberGiven.Value != "" {
			return p.numberGiven
		}
		return m.s.Patient()
	}
	if id, err := record.NewPatientID(p.kindCode(), p.id.input.Value()); err == nil {
		return id
	}
	return m.s.Patient()
}

// closeUp takes blank lines out of text, from the top down, until it is
// at most rows lines, so that a notice a little too long for a small
// window is read whole: at 60x20 the draft notice of a patient changed at
// the review lost its last line, "Esc changes the patient.", below the
// screen with nothing to say so. A text still too long is as it was.
func closeUp(text string, rows int) string {
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines) && len(lines) > rows; {
		if strings.TrimSpace(ansi.Strip(lines[i])) == "" {
			lines = slices.Delete(lines, i, i+1)
			continue
		}
		i++
	}
	return strings.Join(lines, "\n")
}

// lookingUpText is what the patient screen says while the store is read
// for the patient's earlier assessments.
const lookingUpText = "The store is being read. This takes a moment, or a few seconds if another program (another digicheck, a backup or an antivirus) is using it. What is found is said here before going on."

// fitTitle fits a screen's title, its parts joined by " · ", in width
// cells. The longest part (a section's name) gives way first, shortened
// with "…", so the kind of assessment and the count of sections stay
// whole: cut at its end, an amendment's header at 60 columns read
// "Amendment · Motivation and trust · 3 of…". A note in brackets goes
// first. Only when every part is down to a few letters is the title cut
// at its end.
func fitTitle(title string, width int) string {
	if ansi.StringWidth(title) <= width {
		return title
	}
	const sep, least = " · ", 6
	parts := strings.Split(title, sep)
	over := ansi.StringWidth(title) - width
	// A note in brackets ("About you (optional)") goes before any word.
	for i, p := range parts {
		if j := strings.LastIndex(p, " ("); over > 0 && j > 0 && strings.HasSuffix(p, ")") {
			parts[i] = p[:j]
			over -= ansi.StringWidth(p) - ansi.StringWidth(parts[i])
		}
	}
	for over > 0 {
		k := -1
		for i, p := range parts {
			if n := ansi.StringWidth(p); n > least && (k < 0 || n > ansi.StringWidth(parts[k])) {
				k = i
			}
		}
		if k < 0 {
			break
		}
		n := ansi.StringWidth(parts[k])
		cut := max(n-over, least)
		parts[k] = strings.TrimRight(ansi.Truncate(parts[k], cut-1, ""), " ") + "…"
		over -= n - ansi.StringWidth(parts[k])
	}
	return ansi.Truncate(strings.Join(parts, sep), width, "…")
}

// frame lays a screen out in the fixed frame and fits it to the window:
// every line cut to the width (measured in cells, escape codes ignored) and
// exactly as many lines as the window has.
func (m *Model) frame(title, intro, body, status, help string) string {
	w := m.contentWidth()
	st := m.styles
	right := ""
	if p := m.patientShown(); p.Value != "" {
		right = patientLabel(p)
	}
	header := st.cached(fmt.Sprintf("header\x00%d\x00%s\x00%s", w, title, right), func() string {
		// The patient stays in view on every screen, so answers are never
		// given against the wrong person: on a narrow window the
		// program's name gives way first.
		r := st.Patient.Render(right)
		for _, left := range []string{
			st.App.Render("digicheck") + st.Muted.Render(" · ") + st.Screen.Render(title),
			st.Screen.Render(title),
		} {
			if right == "" {
				return left
			}
			if gap := w - ansi.StringWidth(left) - ansi.StringWidth(r); gap >= 2 {
				return left + strings.Repeat(" ", gap) + r
			}
		}
		return st.Screen.Render(fitTitle(title, max(w-ansi.StringWidth(r)-2, 0))) + "  " + r
	})
	introLines := st.cached(fmt.Sprintf("intro\x00%d\x00%s", w, intro), func() string {
		return st.Intro.Render(ansi.Wrap(intro, w, ""))
	})

	lines := make([]string, 0, m.height)
	lines = append(lines, header)
	lines = append(lines, fitLines(introLines, 2)...)
	if reminder := m.reminderLines(); len(reminder) > 0 {
		for _, l := range reminder {
			lines = append(lines, st.Notice.Render(l))
		}
	} else {
		lines = append(lines, "")
	}
	// A one-line status sits on the lower line, leaving a gap under the
	// body. A longer one (a failed save, in the store's words, on a narrow
	// window) takes up to four more lines from the body rather than be
	// cut: it says what to do.
	statusLines := statusHeight(status)
	if status != "" && !strings.Contains(status, "\n") {
		status = "\n" + status
	}
	lines = append(lines, fitLines(body, m.bodyHeight()-(statusLines-2))...)
	lines = append(lines, fitStatus(status, statusLines, w)...)
	lines = append(lines, fitLines(help, 2)...)
	return fitScreen(lines, m.width, m.height)
}

// fitLines makes s exactly n lines, cutting or padding at the bottom.
func fitLines(s string, n int) []string {
	lines := strings.Split(s, "\n")
	if s == "" {
		lines = nil
	}
	if len(lines) > n {
		lines = lines[:n]
	}
	for len(lines) < n {
		lines = append(lines, "")
	}
	return lines
}

// fitScreen indents lines by the margin and cuts them to the window, so a
// long line can never wrap and push the screen out of place.
func fitScreen(lines []string, width, height int) string {
	// A wrapped element is as many lines as it holds: truncated whole, a
	// question wrapped in two was cut after the first letter of its
	// second line.
	var split []string
	for _, l := range lines {
		split = append(split, strings.Split(l, "\n")...)
	}
	lines = split
	if len(lines) > height {
		lines = lines[:height]
	}
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		l = strings.TrimRight(l, " ")
		if l != "" {
			b.WriteString(ansi.Truncate(" "+l, width, ""))
		}
	}
	return b.String()
}

// renderTooSmall says the window is too small, and what to do, in whole
// sentences wrapped at the window's width: the longest that fits, with
// ctrl+c's question whole under it when asked, and what the keys pressed
// meanwhile did when there is room (it is said again once the window is
// back). Three lines cut at the window's edge read "make the window at
// least 60x2" at 30 columns, a size not the one needed, and no size at all
// at 25.
func (m *Model) renderTooSmall() string {
	st := m.styles
	w := max(m.width-1, 1) // after the margin fitScreen adds
	var keys, quit []string
	if say := m.smallKeysNow(); say != "" {
		keys = strings.Split(st.Notice.Render(ansi.Wrap(say, max(m.width-2, 1), "")), "\n")
	}
	if m.confirmQuit {
		// Every key that answers it, on as many lines as they take: the
		// help's two lines at 30 columns dropped "n keep going".
		quit = strings.Split(st.Prompt.Render(ansi.Wrap(m.quitQuestionNow(m.width-2), m.width-2, "")), "\n")
		for _, l := range st.helpLines(m.width-2, m.quitKeys()) {
			quit = append(quit, ansi.Truncate(l, m.width-2, "…"))
		}
	}
	need, now := fmt.Sprintf("%dx%d", minWidth, minHeight), fmt.Sprintf("%dx%d", m.width, m.height)
	const kept = "Your answers are kept."
	var says [][]string // longest first, each whole in the window
	for _, c := range [][]string{
		{"Make the window at least " + need + " (it is " + now + " now).", kept},
		{"Make the window at least " + need + ".", kept},
		{"Make the window at least " + need + "."},
		{"At least " + need + "."},
		{need + "."},
	} {
		var lines []string
		fits := true
		for i, sentence := range c {
			style := st.Error // what to do
			if i > 0 {
				style = st.Muted
			}
			for _, l := range strings.Split(ansi.Wordwrap(sentence, w, ""), "\n") {
				fits = fits && ansi.StringWidth(l) <= w
				lines = append(lines, style.Render(l))
			}
		}
		if fits && len(lines) <= m.height {
			says = append(says, lines)
		}
	}
	// Ctrl+c's question is never left out for the size's words; the keys'
	// notice is, first, since the screen says it again once it is back,
	// then the blank line over the question.
	gap := []string{""}
	if len(quit) == 0 {
		gap = nil
	}
	var lines []string
	switch {
	case len(says) == 0:
		lines = slices.Concat(keys, gap, quit)
	case len(says[0])+len(keys)+len(gap)+len(quit) <= m.height:
		lines = slices.Concat(says[0], keys, gap, quit)
	default:
		lines = slices.Concat(says[len(says)-1], quit)
		for _, s := range says {
			if len(s)+len(gap)+len(quit) <= m.height {
				lines = slices.Concat(s, gap, quit)
				break
			}
			if len(s)+len(quit) <= m.height {
				lines = slices.Concat(s, quit)
				break
			}
		}
	}
	return strings.Join(fitLines(fitScreen(lines, m.width, m.height), m.height), "\n")
}

func patientLabel(id record.PatientID) string {
	if id.Kind == record.NHSNumber {
		return "NHS " + id.String()
	}
	return "Local " + questionnaire.PrintableTyped(id.String())
}

// quitQuestion asks before an assessment is discarded, saying truly where
// its answers are: a save the store refused as damaged keeps them in a file
// (its error says which, through KeptIn), and then they are not lost.
// heldNote is what a question answered by one key says first when keys
// typed before it was shown were ignored, as the plain prompts say it
// ("Keys typed … were ignored. Discard these answers?").
func (m *Model) heldNote() string {
	if m.notice == "" {
		return ""
	}
	return m.notice + " "
}

func (m *Model) quitQuestion(w int) string {
	if m.keptFile != "" && m.foundAssessed() {
		// The store was read since it refused the save: it refuses
		// nothing now, and the answers are not saved because another
		// assessment of the patient was not confirmed. Another program
		// may hold the store again by the finish, which the screen
		// cannot see: the file is what holds them whatever it does,
		// and the end says whether a draft does too.
		has := "this patient already has an assessment"
		if m.secondCount > 1 {
			// As the read-back said it: which one to follow up is for
			// the history to say.
			has = fmt.Sprintf("this patient has %d assessments that count, not linked by a follow-up (%s lists them)", m.secondCount, assess.Command(m.opts.Given, "history", m.s.Patient().Value))
		}
		return "Finish this " + m.kindWord() + "? Not saved: " + has + ", and these answers were not saved as another. Finished, they stay in the file; whether they are kept as a draft in the store too (another program may hold it again) is said when digicheck ends, with what to do with them, and with a note pasted from the file:\n" + pathLines(m.keptFile, w)
	}
	if m.keptFile != "" {
		// The path on a line of its own, so that it is not broken at
		// a hyphen and can be read or copied whole. No discard: the
		// file named stays (quit.go).
		if m.keptStale {
			return "Finish this " + m.kindWord() + "? It is not in the store, which refused it: " + m.keptHolds() + " stay in:\n" + pathLines(m.keptFile, w)
		}
		return "Finish this " + m.kindWord() + "? It is not in the store, which refused it: its answers and note stay in:\n" + pathLines(m.keptFile, w)
	}
	if m.s.Amends() != nil {
		// "Discard this assessment?" read as the saved assessment
		// to be discarded.
		if m.canKeep() && !m.storeRefuses() {
			return "Discard this amendment? It is kept as a draft, not saved; the assessment it amends is as it was."
		}
		return "Discard this amendment? Its changes have not been saved; the assessment it amends is as it was."
	}
	if m.s.Kind() == assess.FollowUp {
		// Asked under a screen that names the assessment it follows
		// up, by its date and record: "Discard this assessment?" read
		// as that one to be discarded.
		if m.canKeep() && !m.storeRefuses() {
			return "Discard this follow-up? It is kept as a draft, not saved; the assessment it follows up is as it was."
		}
		return "Discard this follow-up? Its answers have not been saved; the assessment it follows up is as it was."
	}
	if m.canKeep() && !m.storeRefuses() {
		// A draft of it is kept (k keeps it): "have not been saved"
		// read as answers lost unless saved now.
		return "Discard this assessment? It is kept as a draft, not saved as a record."
	}
	return "Discard this assessment? Its answers have not been saved."
}

// kindWord is what the clinician is doing: an amendment of a saved
// assessment, a follow-up of one, or an assessment.
func (m *Model) kindWord() string {
	if m.s.Amends() != nil {
		return "amendment"
	}
	if m.s.Kind() == assess.FollowUp {
		return "follow-up"
	}
	return "assessment"
}

// keptIn is the file a failed save's answers are kept in, or "".
func keptIn(err error) string {
	var k interface{ KeptIn() string }
	if errors.As(err, &k) {
		return k.KeptIn()
	}
	return ""
}

// pathLines is path on lines of at most w columns, broken only after a
// folder's separator, so a file's name (a record id and its hyphens) is
// whole on its line: wrapped as words, it broke at a hyphen of the id.
// A name wider than w goes on on the next line.
func pathLines(path string, w int) string {
	var lines []string
	for w > 0 && ansi.StringWidth(path) > w {
		cut := strings.LastIndexAny(path[:min(len(path), w)], `/\`)
		if cut <= 0 {
			// A name wider than the window (the -draft- file's is 66
			// columns) goes on, not cut at its edge: broken after a
			// hyphen, between the parts of its id, so that no part is
			// split ("...-dfbabb3b7cb3.t" / "xt" read as two names);
			// at the width only where no hyphen comes early enough.
			if h := strings.LastIndex(path[:min(len(path), w)], "-"); h > 0 {
				lines = append(lines, path[:h+1])
				path = path[h+1:]
				continue
			}
			lines = append(lines, ansi.Truncate(path, w, ""))
			path = ansi.TruncateLeft(path, w, "")
			continue
		}
		lines = append(lines, path[:cut+1])
		path = path[cut+1:]
	}
	return strings.Join(append(lines, path), "\n")
}

// commandsText is s, words that may give commands, in lines of at most w
// columns, each command kept whole as assess.WrapCommands keeps it (one
// in a sentence never broken inside a quoted path, nor at a hyphen of
// one), its rows copied from the screen making the command. A command
// with a piece wider than the window (a --db path longer than the line)
// cannot be: cut at the window's edge, it was cut with no mark, and broken
// over rows, copied as a terminal copies rows (a newline between them) the
// path held a newline. It is not given in pieces: the screen says how wide
// the window must be to show it whole.
func commandsText(s string, w int) string {
	lines := strings.Split(assess.WrapCommands(s, w, func(s string) string { return ansi.Wrap(s, w, "") }), "\n")
	var out []string
	for i := 0; i < len(lines); {
		j := i + 1
		if isCommandRow(lines[i]) {
			// The rows of a command broken over several: each but the
			// last ends " \\".
			for j < len(lines) && strings.HasSuffix(lines[j-1], " \\") {
				j++
			}
		}
		widest := 0
		for _, l := range lines[i:j] {
			widest = max(widest, ansi.StringWidth(l))
		}
		switch {
		case w <= 0 || widest <= w:
			out = append(out, lines[i:j]...)
		case isCommandRow(lines[i]):
			indent := strings.Repeat(" ", len(lines[i])-len(strings.TrimLeft(lines[i], " ")))
			out = append(out, wrapIndent(commandTooWide(widest), w, len(indent)))
		default:
			out = append(out, strings.TrimSuffix(pathLines(lines[i], w), "\n"))
		}
		i = j
	}
	return strings.Join(out, "\n")
}

// isCommandRow says whether s is the first row of a command given on rows
// of its own: indented, then "digicheck" and a command's name. Matched by
// hand, not by a pattern compiled as the program starts.
func isCommandRow(s string) bool {
	t := strings.TrimLeft(s, " ")
	rest, ok := strings.CutPrefix(t, "digicheck ")
	return ok && len(t) < len(s) && rest != "" && rest[0] >= 'a' && rest[0] <= 'z'
}

// commandTooWide says, in place of a command widest columns wide on its
// widest row, how to see it whole: in a window that much wider than the
// margins. One wider than any window this screen draws is said to be.
func commandTooWide(widest int) string {
	if need := widest + 2; need <= maxWidth {
		return fmt.Sprintf("Too wide to show here: widen the window to %d columns to see this command.", need)
	}
	return "Too wide to show here: its --db or --config path is longer than a line of this screen."
}

// wrapNotice is s in lines of at most w columns: a line of it that is a
// file's path alone (no space, a folder's separator) is broken as
// pathLines breaks it, the rest wrapped at words.
func wrapNotice(s string, w int) string {
	paras := strings.Split(s, "\n")
	for i, p := range paras {
		if !strings.ContainsAny(p, " \t") && strings.ContainsAny(p, `/\`) {
			paras[i] = pathLines(p, w)
			continue
		}
		paras[i] = ansi.Wrap(p, w, "")
	}
	return strings.Join(paras, "\n")
}

// keptStill names, on lines under the status's first, the file a refused
// save kept the answers and note in while a retry waits or runs; "" when
// none was kept.
func (m *Model) keptStill(w int) string {
	k := m.keptFile
	if m.saveErr != nil && keptIn(m.saveErr) != "" {
		k = keptIn(m.saveErr)
	}
	if k == "" {
		return ""
	}
	return "\n" + ansi.Wrap("Until it is saved, "+m.keptHolds()+" stay in:", w, "") + "\n" + pathLines(k, w)
}

// whyNotSaved says in a few words why the store did not save.
func whyNotSaved(err error) string {
	switch {
	case errors.Is(err, store.ErrDamaged):
		return "the store is damaged"
	case errors.Is(err, store.ErrReadOnly):
		return "the store cannot be written"
	case errors.Is(err, store.ErrNoSpace):
		return "the disk holding the store is full"
	case errors.Is(err, store.ErrTooLarge):
		return "the store would be larger than the size limit this process may write (EFBIG)"
	case errors.Is(err, store.ErrLocked):
		return "another program held the store too long"
	case errors.Is(err, store.ErrMixedData):
		// Said "the store did not save it", with no reason.
		return "this store holds synthetic test data only, so a real assessment cannot be saved in it; start digicheck on your usual store (check --db and DIGICHECK_DB)"
	case errors.Is(err, fs.ErrNotExist):
		// The store file deleted, or moved by a sync tool, since it
		// was opened: said "the store did not save it", with no reason.
		return "the store is no longer there, at the path it was opened from (moved or deleted?)"
	}
	return "the store did not save it"
}

// status is the two lines above the help: the discard question, a save in
// progress or failed, why an answer is refused, or news.
func (m *Model) status(w int) string {
	said := m.statusSaid(w)
	v := m.activeViewport()
	if v == nil || m.tooSmall() {
		return said
	}
	// A notice at the foot (keys typed ahead ignored, a save refused, a
	// draft resumed) must not take the place of the line that says the
	// screen is cut: a result cut mid-list read as complete.
	more := scrollMarker(v, w)
	if more == "" || strings.Contains(said, more) {
		return said
	}
	if said == "" {
		return m.styles.Muted.Render(more)
	}
	if strings.Count(said, "\n")+2 > maxStatusLines+1 {
		// No room for both: the notice, cut, would lose what to do.
		return said
	}
	// Under a notice of maxStatusLines the line takes one more from the
	// view (statusHeight): a review opened under a resumed draft's
	// notice read as whole, its foot cut with no word.
	return m.styles.Muted.Render(more) + "\n" + said
}

// isScrollMarker reports whether line, the first of a status, is the one
// that says a cut screen has more above or below (scrollMarker).
func isScrollMarker(line string) bool {
	l := ansi.Strip(line)
	return strings.HasPrefix(l, "▲ more above") || strings.HasPrefix(l, "▼ more below")
}

// statusSaid is the status but for the line that says more of a cut
// screen is above or below, where it does not give that line itself.
func (m *Model) statusSaid(w int) string {
	st := m.styles
	wrap := func(s string) string { return commandsText(s, w) }
	switch {
	case m.confirmQuit && m.problem != "":
		// A key refused at the question: said first, the question after.
		return m.refusalAbove(wrap(m.problem), wrap(m.quitQuestionNow(w)))
	case m.confirmQuit:
		return st.Prompt.Render(wrap(m.heldNote() + m.quitQuestionNow(w)))
	case m.confirmDiscard && m.draftCursor < len(m.drafts):
		d := m.drafts[m.draftCursor].Draft
		ask := wrap(m.heldNote() + "Discard the unfinished assessment of " + orNone(patientLabel(d.Patient)) + "? Its answers will be lost.")
		if m.discardSure {
			ask = wrap(m.heldNote() + "Discard it for good? All the answers of " + orNone(patientLabel(d.Patient)) + " will be lost. Press y again to discard them, or n to keep them.")
		}
		if m.problem != "" {
			// A word typed at the question, refused: said above it.
			return m.refusalAbove(wrap(m.problem), ask)
		}
		return st.Prompt.Render(ask)
	case m.discarding:
		return st.Notice.Render("Discarding…")
	case m.retrying && (m.saving || m.looking != lookNone):
		// r (or enter) after a refused save, taken: said at once, the
		// refusal replaced, while the store is read and written.
		// The file stays named: the answers are in it until the
		// save is done, and the path went from the screen meanwhile.
		if m.stopAsked {
			return st.Notice.Render(wrap("Trying again… ctrl+c is taken once the save has been tried: what became of it is said then.") + m.keptStill(w))
		}
		return st.Notice.Render("Trying again…" + m.keptStill(w))
	case m.screen == resultScreen && (m.looking == lookMeanwhile || m.looking == lookDraftsAtSave):
		// Enter on the result reads the store before the save: seconds
		// with the store held, and the screen stood unchanged, so the
		// next enter came too soon.
		return st.Notice.Render(wrap("Reading the store before saving… a few seconds if another program is using it."))
	case m.saving && m.stopAsked:
		return st.Notice.Render(wrap(savingNotice))
	case m.saving:
		return st.Notice.Render("Saving…")
	case m.saveErr != nil && m.alone != nil && m.notice != "":
		// r waits to be seen typed on its own: said at once, over the
		// refusal, so that r is not taken for doing nothing. (So does a
		// consent key: the notice folds, as it does over a refusal,
		// where the referral it answers would not fit under all of it.)
		said := st.Notice.Render(wrapNotice(m.notice, w) + m.keptStill(w))
		if keptIn(m.saveErr) != "" && m.notSavedFolds(w, said) {
			return m.notSavedFolded(w)
		}
		return said
	case m.confirmSave && m.screen == resultScreen:
		ask := confirmAsk
		if more := scrollMarker(&m.confirmView, w); more != "" {
			ask = more + "\n" + ask
		}
		if m.problem != "" {
			return m.refusalAbove(wrap(m.problem), wrap(ask))
		}
		return st.Prompt.Render(wrap(ask))
	case m.saveErr != nil && keptIn(m.saveErr) != "":
		said := m.notSavedSaid(w)
		if m.notSavedFolds(w, said) {
			return m.notSavedFolded(w)
		}
		return said
	case m.saveErr != nil && errors.Is(m.saveErr, store.ErrSuperseded):
		// The version it rests on moved on: trying again cannot help.
		return st.Error.Render(wrap("Not saved: " + m.saveErr.Error()))
	case m.saveErr != nil:
		kept := " Everything is still here and in the draft: press r to try again."
		if m.draftErr != nil || m.opts.Draft == nil {
			kept = " Everything is still here: press r to try again."
		}
		return st.Error.Render(wrap("Not saved: " + strings.TrimSuffix(m.saveErr.Error(), ".") + "." + kept))
	case m.problem != "" && m.screen == reviewScreen && scrollMarker(&m.reviewView, w) != "":
		// A refusal on the review (an enter too soon, a key of no
		// use there) must not hide that more of it is to be read.
		return st.Muted.Render(scrollMarker(&m.reviewView, w)) + "\n" + st.Error.Render(wrap(m.problem))
	case m.problem != "" && m.answersOffScreen(w) != "":
		// A refusal (a consent key refused, keys ignored until esc)
		// must not hide which referral the consent keys answer.
		return st.Error.Render(wrap(m.problem)) + "\n" + m.answersOffScreen(w)
	case m.problem != "":
		return st.Error.Render(wrap(m.problem))
	}
	if fm := m.activeForm(); fm != nil {
		f := fm.focused()
		switch {
		case f == nil:
		case f.err != nil:
			return st.Error.Render(wrap(f.refusal()))
		case f.opened != "":
			return st.Notice.Render(wrap(f.openedAdvice()))
		case f.kind == oneOf && !f.answered() && m.notice == "" && !f.adviseOnEnter:
			// News (a draft resumed) first; then what to do.
			return st.Notice.Render(wrap(choiceAdvice(len(f.options))))
		}
	}
	if m.notice != "" {
		if answers := m.answersOffScreen(w); answers != "" {
			// News (a key pressed while the window was too small) must
			// not hide which referral the consent keys answer.
			return st.Notice.Render(wrapNotice(m.notice, w)) + "\n" + answers
		}
		return st.Notice.Render(wrapNotice(m.notice, w))
	}
	if m.second != "" && !m.takenOver && (m.screen == sectionScreen || m.screen == reviewScreen || m.screen == resultScreen || m.screen == outcomeScreen) {
		return st.Prompt.Render(wrap(m.second + m.savingMakes("Saving it")))
	}
	if m.takenOver && (m.screen == sectionScreen || m.screen == reviewScreen || m.screen == resultScreen || m.screen == outcomeScreen) {
		return st.Prompt.Render(wrap("Another window took over this assessment's draft: these answers are kept apart, and saving them makes another assessment of this patient."))
	}
	if answers := m.answersOffScreen(w); answers != "" {
		// The text scrolled away from it says where it is, on the line
		// above: a view scrolled up with only "▼ will answer" under it
		// looked as if nothing were above it.
		if more := scrollMarker(&m.resultView, w); more != "" {
			return st.Muted.Render(more) + "\n" + answers
		}
		return answers
	}
	return ""
}

// answersOffScreen names the referral the consent keys answer when it is
// off screen, so no one agrees to something unseen, in at most w columns;
// "" when it is in view, or on any other screen.
func (m *Model) answersOffScreen(w int) string {
	if m.screen != resultScreen || m.confirmSave || m.referralRead() || m.referral >= len(m.referrals()) {
		return ""
	}
	where, arrow := "▼", "↓"
	if m.refSpans[m.referral].start < m.resultView.YOffset() {
		where, arrow = "▲", "↑"
	}
	return m.styles.Notice.Render(ansi.Truncate(where+" a/d/n will answer: "+m.referrals()[m.referral].Name+" ("+arrow+" to read it)", w, "…"))
}

// refusalAbove is a refusal said above the question it refused an answer
// to. In one colour with no gap the two read as one message (on a light
// background the refusal's red and the question's were the same): the
// question is in the question's style, with a blank line above it where
// the status lines have room.
func (m *Model) refusalAbove(refusal, question string) string {
	gap := "\n"
	if strings.Count(refusal, "\n")+strings.Count(question, "\n")+3 <= 5 {
		gap = "\n\n"
	}
	return m.styles.Error.Render(refusal) + gap + m.styles.Question.Render(question)
}

// scrollMarker says which way a viewport has more to read, and where in it
// the view is, in at most w columns, so a result that runs past the window
// never looks complete nor one scrolled down look as if it began there (the
// bands scrolled off the top while referrals are answered). It is "" when
// all of it is shown.
func scrollMarker(v *viewport.Model, w int) string {
	if v.AtTop() && v.AtBottom() {
		return ""
	}
	total := v.TotalLineCount()
	where := fmt.Sprintf("lines %d-%d of %d", v.YOffset()+1, min(v.YOffset()+v.Height(), total), total)
	var long, short string
	switch {
	case !v.AtTop() && !v.AtBottom():
		long, short = "▲ more above: ↑ or pgup · ▼ more below: ↓ or pgdn", "▲ more above · ▼ more below"
	case !v.AtTop():
		long, short = "▲ more above: ↑ or pgup", "▲ more above"
	default:
		long, short = "▼ more below: ↓ or pgdn", "▼ more below"
	}
	// The keys are in the help below too: on a narrow window they give
	// way before the position does.
	for _, s := range []string{long + " · " + where, short + " · " + where} {
		if ansi.StringWidth(s) <= w {
			return s
		}
	}
	return ansi.Truncate(short+" · "+where, w, "…")
}

// fitReview gives the review the lines its status leaves it: a refusal
// said under the line that says more is below takes lines from the body,
// and the lines that line counts must be those on screen. Once the
// review's last line has been on screen for the word hold, every line of
// it has been (noteReviewEndRead).
func (m *Model) fitReview() {
	if m.screen != reviewScreen || m.width == 0 || m.tooSmall() {
		return
	}
	w := m.contentWidth()
	// A refusal said with the review's end on screen keeps the end there:
	// the lines it takes come off the top. A review that fitted whole
	// with lines of it never yet on screen is not at its end but at its
	// top: one opened under a notice of several lines (a resumed draft's
	// file) showed its foot, and its top lines, the patient and who made
	// it, never came on screen while the notice stood.
	v := &m.reviewView
	_, _, _, undrawn := m.reviewUndrawn()
	atEnd := v.AtBottom() && (v.YOffset() > 0 || !undrawn)
	for range 2 { // the marker's count depends on the height
		m.reviewView.SetHeight(m.bodyHeight() - (statusHeight(m.status(w)) - 2))
	}
	if atEnd {
		m.reviewView.GotoBottom()
	}
	m.noteReviewEndRead()
}

// fitConfirm does for the question asked before the save what fitReview
// does for the review: a refusal said under the line that says more is
// below takes lines from the read-back, so that line counts only those on
// screen; one said with the end in view keeps the end there (a file's
// path that the last line names), the lines it takes coming off the top.
func (m *Model) fitConfirm() {
	if m.screen != resultScreen || !m.confirmSave || m.width == 0 || m.tooSmall() {
		return
	}
	w := m.contentWidth()
	atEnd := m.confirmView.AtBottom()
	for range 2 { // the marker's count depends on the height
		m.confirmView.SetHeight(m.bodyHeight() - (statusHeight(m.status(w)) - 2))
	}
	if atEnd {
		m.confirmView.GotoBottom()
	}
	m.noteConfirmSeen()
}

func (m *Model) activeViewport() *viewport.Model {
	switch m.screen {
	case reviewScreen:
		return &m.reviewView
	case resultScreen:
		if m.confirmSave {
			return &m.confirmView
		}
		return &m.resultView
	case savedScreen:
		return &m.savedView
	}
	return nil
}

func (m *Model) activeForm() *form {
	switch m.screen {
	case patientScreen:
		return m.patient.form
	case outcomeScreen:
		return m.outcomeForm.form
	case sectionScreen:
		return m.sections[m.current].form
	}
	return nil
}

// formHeight is what a question may use: the body less the two lines the
// status takes when an answer is refused.
func (m *Model) formHeight() int { return m.bodyHeight() - m.noticeHeight() }

// formHeightUnder is formHeight less the lines a status longer than two
// lines takes from the body (frame): the question is fitted into what is
// left, the answers above it giving way first, so a refusal of four lines
// never cuts the bottom of the list it asks to choose from ("Another
// language" went under a refusal of two digits).
func (m *Model) formHeightUnder(w int) int {
	return m.formHeight() - (statusHeight(m.status(w)) - 2)
}

// minUnderNotice is the least of the body a notice leaves to the
// question under it: the question, its hint and a few answers.
const minUnderNotice = 6

// noticeShown reports whether the screen on show opens with the notice
// box: the first screens, before any question of the assessment itself,
// where the clinician confirms whose assessment they go on from.
func (m *Model) noticeShown() bool {
	if m.startNotice == "" || m.editPatient {
		return false
	}
	return m.screen == draftsScreen || m.screen == patientScreen
}

// noticeHeight is the lines the notice box and the gap under it take from
// the body of the screen on show; 0 when it is not shown.
func (m *Model) noticeHeight() int {
	if !m.noticeShown() || m.width == 0 {
		return 0
	}
	return strings.Count(m.noticeBox(m.contentWidth(), m.noticeRoom()), "\n") + 2
}

// noticeRoom is the most lines the notice box may take: what the question
// under it leaves, or, for a question longer than minUnderNotice, that
// much. At 60x20 the box showed two lines of the new-store warning, with
// empty rows under the two answers of the first question.
func (m *Model) noticeRoom() int {
	room := max(m.bodyHeight()-minUnderNotice-1, 3)
	if m.screen != patientScreen || m.patient == nil || m.kept != nil || m.earlier != "" || m.looking != lookNone || m.width == 0 {
		return room
	}
	w := m.contentWidth()
	asked := strings.Count(m.patient.form.render(m.styles, w, m.bodyHeight()), "\n") + 1
	return max(room, m.bodyHeight()-(statusHeight(m.status(w))-2)-asked-1)
}

// withNotice puts the notice box above body on the screens that show it.
func (m *Model) withNotice(w int, body string) string {
	if !m.noticeShown() {
		return body
	}
	return m.noticeBox(w, m.noticeRoom()) + "\n\n" + body
}

// formHelp describes the keys of the focused field.
func (m *Model) formHelp(w int, fm *form, canGoBack bool) string {
	var ks []key.Binding
	next := m.keys.FormNext
	if f := fm.focused(); f != nil {
		n := len(f.options)
		switch f.kind {
		case manyOf:
			toggle := numberHelp(n, "tick")
			toggle.SetHelp(toggle.Help().Key+" or x", "tick")
			ks = append(ks, toggle, m.keys.FormMove)
		case oneOf:
			ks = append(ks, numberHelp(n, "choose"), m.keys.FormMove)
			next.SetHelp("enter", "confirm")
		}
	}
	ks = append(ks, next)
	if canGoBack {
		ks = append(ks, m.keys.Back)
	}
	ks = append(ks, m.keys.Quit)
	return m.styles.helpLine(w, ks...)
}

// numberHelp describes the keys of a question with n options: its
// numbers, then 0 for the tenth; the options after it have no key and are
// reached by the arrows ("1-9, 0; ↑/↓ for the rest").
func numberHelp(n int, what string) key.Binding {
	keys := fmt.Sprintf("1-%d", min(n, 9))
	if n > 9 {
		keys += ", 0"
	}
	switch {
	case what == "choose" && n > 10:
		// Past the tenth, a single choice is typed digit by digit
		// (field.opensNumber), up to 19.
		keys = fmt.Sprintf("1-%d", min(n, 19))
		if n > 19 {
			what += " (↑/↓ for the rest)"
		}
	case n > 10:
		what += " (↑/↓ for the rest)"
	}
	return key.NewBinding(key.WithHelp(keys, what))
}

// retryable reports whether r tries the save again: after a save refused
// (its notice says r), and back on the result from the review while the
// answers are still only in the file the refusal kept them in ("Not saved
// yet"), where r was not a key of the screen though it had been one. One
// way to retry, wherever the answers wait in the file.
func (m *Model) retryable() bool {
	return m.saveErr != nil || m.keptFile != ""
}

// refusedForGood reports whether the last save was refused by a damaged
// store, or by a store of synthetic test data, its answers kept in a
// file: trying again cannot work until check finds the store sound, or
// ever in a store of synthetic data.
func (m *Model) refusedForGood() bool {
	return m.saveErr != nil && keptIn(m.saveErr) != "" && (errors.Is(m.saveErr, store.ErrDamaged) || errors.Is(m.saveErr, store.ErrMixedData))
}

func (m *Model) resultHelp(w int) string {
	k := m.keys
	switch {
	case m.saving:
		return ""
	case m.refusedForGood():
		return m.styles.helpLine(w, m.consentHelp(w, quitFinish, k.Back, k.Quit)...)
	case m.saveErr != nil:
		return m.styles.helpLine(w, m.consentHelp(w, k.Retry, k.Back, k.Quit)...)
	case len(m.referrals()) > firstReferrals:
		more := k.More
		if m.s.AllShown() {
			more.SetHelp("m", "fewer referrals")
		}
		ks := append([]key.Binding{k.Agree, k.Decline, k.NotDiscussed, m.referralArrows(w), more}, m.reasonsKey(k.Save, k.Back, k.Quit)...)
		if !m.styles.helpFits(w, ks...) {
			// In a window narrower than 75 columns every key takes
			// three lines: m and e are said in short, so that every
			// key, the way back and out among them, is on the two.
			more.SetHelp("m", strings.TrimSuffix(more.Help().Desc, " referrals"))
			ks = append([]key.Binding{k.Agree, k.Decline, k.NotDiscussed, m.referralArrows(w), more}, m.shortReasonsKey(k.Save, k.Back, k.Quit)...)
		}
		return m.styles.helpLine(w, ks...)
	case len(m.referrals()) > 0:
		return m.styles.helpLine(w, append([]key.Binding{k.Agree, k.Decline, k.NotDiscussed, m.referralArrows(w)}, m.reasonsKey(k.Save, k.Back, k.Quit)...)...)
	}
	return m.styles.helpLine(w, m.reasonsKey(k.Save, k.Up, k.Back, k.Quit)...)
}

// consentHelp is rest, the keys of the result under a refused save's
// notice, after the keys that answer the referrals, if any: a, d and n
// still answer them there (the file follows each answer), and the help
// said only how to retry and leave. Said in full where that takes no more
// lines than rest alone, else as one key.
func (m *Model) consentHelp(w int, rest ...key.Binding) []key.Binding {
	if len(m.referrals()) == 0 {
		return rest
	}
	k := m.keys
	full := append([]key.Binding{k.Agree, k.Decline, k.NotDiscussed}, rest...)
	if len(m.styles.helpLines(w, full)) <= len(m.styles.helpLines(w, rest)) {
		return full
	}
	return append([]key.Binding{key.NewBinding(key.WithHelp("a/d/n", "answer"))}, rest...)
}

// referralArrows is the help for the arrows on the result. Where the help
// has room (80 columns), it says that the highlight moves only by ↓ (an
// answer leaves it on the referral answered); narrower, the keys that save
// and go back come first.
func (m *Model) referralArrows(w int) key.Binding {
	if w >= 78 {
		return key.NewBinding(key.WithHelp("↑/↓", "referral; only ↓ moves on"))
	}
	return key.NewBinding(key.WithHelp("↑/↓", "referral"))
}

// reasonsKey puts the key for the reasons in full first, when the result
// is cut to fit (or was opened in full).
func (m *Model) reasonsKey(rest ...key.Binding) []key.Binding {
	switch {
	case m.fullReasons:
		r := m.keys.Reasons
		r.SetHelp("e", "short reasons")
		return append([]key.Binding{r}, rest...)
	case m.resultCompact:
		return append([]key.Binding{m.keys.Reasons}, rest...)
	}
	return rest
}

// shortReasonsKey is reasonsKey with the key for the reasons said in
// short, for a narrow footer.
func (m *Model) shortReasonsKey(rest ...key.Binding) []key.Binding {
	ks := m.reasonsKey(rest...)
	if len(ks) > len(rest) {
		desc := "reasons"
		if m.fullReasons {
			desc = "shorter"
		}
		ks[0].SetHelp("e", desc)
	}
	return ks
}

// wrapIndent wraps s to width w with every line indented by n spaces.
func wrapIndent(s string, w, n int) string {
	pad := strings.Repeat(" ", n)
	// Each line opens with the styles in force where it begins: scrolled
	// to a line wrapped from a muted reason, the result showed it in the
	// values' colour, as if it were a value.
	lines := strings.Split(lipgloss.Wrap(s, max(w-n, 10), ""), "\n")
	for i := range lines {
		lines[i] = pad + lines[i]
	}
	return strings.Join(lines, "\n")
}

// hanging wraps s to width w after a first-line prefix, with following
// lines indented to n, for list items.
func hanging(prefix, s string, w, n int) string {
	lines := strings.Split(wrapIndent(s, w, n), "\n")
	lines[0] = "  " + prefix + strings.TrimLeft(lines[0], " ")
	return strings.Join(lines, "\n")
}

// Review and result columns: a section's number and short title, then a
// label, then the value, so every answer takes one line.
const (
	sectionCol = 15
	labelCol   = 16
	// maxLabelCol is as wide as the label column grows for a label
	// longer than labelCol ("Translated letters"): wrapped inside the
	// column, its second word read as part of an answer.
	maxLabelCol = 20
)

// reviewRow is one line of the review before it is laid out.
type reviewRow struct{ section, label, value string }

// reviewLabelCol is the label column that fits the longest label of rows,
// from labelCol up to maxLabelCol; a longer one (a question's text) wraps.
func reviewLabelCol(rows []reviewRow) int {
	lc := labelCol
	for _, r := range rows {
		if n := ansi.StringWidth(r.label) + 1; n > lc && n <= maxLabelCol {
			lc = n
		}
	}
	return lc
}

// row is one answer of the review: a section (or blank), a label and a
// value. A value too long for the line wraps under itself, and so does a
// label too long for its column ("Translated letters" was cut to
// "Translated let…"), so every answer can be checked with the patient as
// it was given, knowing what it answers.
func (m *Model) row(w, labelCol int, section, label, value string) string {
	st := m.styles
	pad := func(s string, n int) string { return s + strings.Repeat(" ", max(n-ansi.StringWidth(s), 1)) }
	labels := strings.Split(ansi.Wrap(label, labelCol-1, ""), "\n")
	values := strings.Split(wrapIndent(value, w, sectionCol+labelCol), "\n")
	lines := make([]string, max(len(labels), len(values)))
	for i := range lines {
		sec, lab, val := "", "", ""
		if i == 0 {
			sec = section
		}
		if i < len(labels) {
			lab = ansi.Truncate(labels[i], labelCol-1, "…") // a word longer than the column
		}
		if i < len(values) {
			val = strings.TrimLeft(values[i], " ")
		}
		lines[i] = st.Heading.Render(pad(sec, sectionCol)) + st.Muted.Render(pad(lab, labelCol)) + val
	}
	return strings.Join(lines, "\n")
}

func (m *Model) reviewText(w int) string {
	st := m.styles
	var rows []reviewRow
	row := func(section, label, value string) reviewRow { return reviewRow{section, label, value} }
	add := func(r reviewRow) { rows = append(rows, r) }

	kind := "NHS number"
	if m.s.Patient().Kind == record.LocalID {
		kind = "Local number"
	}
	who := questionnaire.PrintableTyped(m.s.Clinician())
	if m.s.Team() != "" {
		who += " · " + questionnaire.PrintableTyped(m.s.Team())
	}
	add(row("p  Patient", kind, st.Value.Render(m.s.Patient().String())))
	add(row("", "By", st.Value.Render(who)))

	outcomes := m.s.Outcomes()
	if refs := m.s.OutcomeReferrals(); len(refs) > 0 || len(outcomes) > 0 {
		heading := "o  Earlier"
		if len(refs) == 0 {
			// An amended follow-up keeps what was said then.
			heading = "   Earlier"
			for _, o := range outcomes {
				refs = append(refs, questionnaire.Referral{ProgrammeID: o.ProgrammeID, Name: o.Name})
			}
		}
		for i, f := range refs {
			said := st.Muted.Render("not known")
			for _, o := range outcomes {
				if o.ProgrammeID == f.ProgrammeID {
					said = st.Value.Render(outcomeText(o))
				}
			}
			h := ""
			if i == 0 {
				h = heading
			}
			// The programme's name is too long for the label column.
			add(row(h, "", st.Value.Render(f.Name+": ")+said))
		}
	}

	answers := m.s.Answers()
	unconfirmed := m.s.Unconfirmed()
	held := func(link string) bool { _, ok := unconfirmed[link]; return ok }
	ins := m.s.Instrument()
	for i := range ins.Sections {
		sec := &ins.Sections[i]
		title := sec.Short
		if title == "" {
			title = sec.Title
		}
		heading := fmt.Sprintf("%d  %s", i+1, title)
		n := 0
		for j := range sec.Items {
			it := &sec.Items[j]
			vals := answers[it.LinkID]
			var value string
			switch {
			case len(vals) > 0:
				value = st.Value.Render(it.AnswerText(vals))
			case !sec.Optional && it.Enabled(answers):
				value = st.Error.Render("not answered")
			case held(it.LinkID):
				value = st.Muted.Render("no answer")
			default:
				continue
			}
			h := ""
			if n == 0 {
				h = heading
			}
			add(row(h, itemLabel(it), value))
			n++
			if u, ok := unconfirmed[it.LinkID]; ok {
				// Given before a stop and never confirmed: not the
				// answer, and said, so it is not lost unseen.
				said := "nothing"
				if len(u) > 0 {
					said = it.AnswerText(u)
				}
				add(row("", "", st.Error.Render("Not confirmed before the stop: "+said)))
			}
		}
		if n == 0 && sec.Optional {
			add(row(heading, "", st.Muted.Render("skipped (optional)")))
		}
	}
	// The label column fits the longest label shown, so that no label
	// wraps into the line below, where its words read as an answer.
	lc := reviewLabelCol(rows)
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = m.row(w, lc, r.section, r.label, r.value)
	}
	if s := m.notYours("press p and type your name"); s != "" {
		// Under "By", as wide as the screen allows: the review is read
		// before the save, the notice of the resume only once.
		lines = slices.Insert(lines, 2, wrapIndent(st.Notice.Render(s), w, sectionCol))
	}
	return strings.Join(lines, "\n")
}

// itemLabel is an item's short name, or the start of its question.
func itemLabel(it *questionnaire.Item) string {
	if it.Label != "" {
		return it.Label
	}
	return it.Text
}

// fitResult gives the result the lines its status leaves it, as
// fitReview does the review. A notice at the foot (a save refused, its
// file named) takes lines from the result. Drawn in the full height and
// cut, the lines under the notice were hidden while the line above it
// said "lines 3-18 of 18"; drawn shorter while the keys moved a view of
// the full height, End and PgDn stopped where the result would have ended
// without the notice, and its last lines, said to be below, could not be
// scrolled into view. The view the keys move is the one drawn: a view at
// the end stays at the end, and one that showed the highlighted referral
// shows it still, the lines coming off the top. A referral the view
// brings wholly into view as it grows (the notice gone) has come up now:
// its word hold begins.
func (m *Model) fitResult() {
	if m.screen != resultScreen || m.confirmSave || m.width == 0 || m.tooSmall() {
		return
	}
	shown := m.referralRead()
	m.fitResultView()
	m.noteReferralCame(m.referral, shown)
}

// fitResultView sizes the result's view to the lines the status leaves it
// (fitResult), and nothing else.
func (m *Model) fitResultView() {
	w := m.contentWidth()
	v := &m.resultView
	atEnd, shown := v.AtBottom(), m.referralShown()
	for range 2 { // the status's height depends on the line it gives
		v.SetHeight(max(m.bodyHeight()-(statusHeight(m.status(w))-2), 1))
		v.SetYOffset(v.YOffset()) // grown, it may run past the end
		if atEnd {
			v.GotoBottom()
		}
		if shown && !m.referralShown() {
			s := m.refSpans[m.referral]
			v.SetYOffset(min(s.start, s.end-v.Height()))
		}
	}
}

// renderResult draws the result text and notes where each referral is, so
// the one being answered can be scrolled into view.
func (m *Model) renderResult() {
	if m.width == 0 || m.tooSmall() {
		return
	}
	// Every reason in full when that fits the screen (or was asked for
	// with e); otherwise one line each, so the referrals stay in view.
	text, spans := m.resultText(m.contentWidth(), true)
	m.resultCompact = false
	if !m.fullReasons && strings.Count(text, "\n")+1 > m.bodyHeight() {
		text, spans = m.resultText(m.contentWidth(), false)
		m.resultCompact = true
	}
	m.refSpans = spans
	m.resultView.SetContent(text)
}

// showReferral scrolls the referral being answered into view, its name at
// the top when it was out of view, so the clinician reads what they ask
// about before the key that answers it.
func (m *Model) showReferral() {
	if !m.referralRead() {
		m.resultView.SetYOffset(m.refSpans[m.referral].start)
	}
}

// referralShown reports whether the referral being answered is wholly on
// screen (or there is none).
func (m *Model) referralShown() bool {
	if m.referral >= len(m.refSpans) {
		return true
	}
	s, v := m.refSpans[m.referral], &m.resultView
	return s.start >= v.YOffset() && s.end <= v.YOffset()+v.Height()
}

// referralSeen is how much of a referral has been on screen: the lines
// from lo to hi (hi not included) of the result, while it was the one the
// consent keys answer and where span says it is. Lines jumped over (End,
// a page of the result past it) break it: only the lines on screen since
// are counted.
type referralSeen struct {
	valid  bool
	ref    int
	span   span
	lo, hi int
}

// noteReferralSeen counts the lines of the result on screen now as seen
// of the referral the consent keys answer, where they join those seen
// before; any other screen, another referral or the referral drawn
// elsewhere (the result drawn again at another width) starts again.
func (m *Model) noteReferralSeen() {
	if m.screen != resultScreen || m.confirmSave || m.width == 0 || m.tooSmall() || m.referral >= len(m.refSpans) {
		m.seen = referralSeen{}
		return
	}
	s, v := m.refSpans[m.referral], &m.resultView
	lo, hi := v.YOffset(), v.YOffset()+v.Height()
	if !m.seen.valid || m.seen.ref != m.referral || m.seen.span != s || hi < m.seen.lo || lo > m.seen.hi {
		m.seen = referralSeen{valid: true, ref: m.referral, span: s, lo: lo, hi: hi}
		return
	}
	m.seen.lo, m.seen.hi = min(m.seen.lo, lo), max(m.seen.hi, hi)
}

// referralTall reports whether the referral the consent keys answer is
// taller than the lines the result has, so never wholly on screen.
func (m *Model) referralTall() bool {
	if m.referral >= len(m.refSpans) {
		return false
	}
	s := m.refSpans[m.referral]
	return s.end-s.start > m.resultView.Height()
}

// referralRead reports whether the referral the consent keys answer has
// been read, so a, d and n may answer it: it is wholly on screen, or,
// taller than the result's lines (at 60x20, a site's programme with a long
// "how"), every line of it has been on screen, from its first to its
// last, and part of it is on screen still. Counted only when wholly on
// screen, such a referral could never be answered, and the assessment
// never saved.
func (m *Model) referralRead() bool {
	if m.referralShown() {
		return true
	}
	if !m.referralTall() {
		return false
	}
	m.noteReferralSeen()
	s, v := m.refSpans[m.referral], &m.resultView
	return m.seen.valid && m.seen.lo <= s.start && m.seen.hi >= s.end &&
		s.start < v.YOffset()+v.Height() && s.end > v.YOffset()
}

// referralEdgeShown reports whether the referral the consent keys answer
// is wholly on screen, or, taller than the result's lines, its first line
// (top) or its last is: the arrows step from it to the referral before or
// after it then, and scroll through it till then.
func (m *Model) referralEdgeShown(top bool) bool {
	if m.referralShown() {
		return true
	}
	if !m.referralTall() {
		return false
	}
	s, v := m.refSpans[m.referral], &m.resultView
	if top {
		return s.start >= v.YOffset() && s.start < v.YOffset()+v.Height()
	}
	return s.end > v.YOffset() && s.end <= v.YOffset()+v.Height()
}

func (m *Model) resultText(w int, full bool) (string, []span) {
	st := m.styles
	res := m.s.Result()
	answers := m.s.Answers()
	rec := res.Recommendation
	var lines []string
	add := func(s string) { lines = append(lines, strings.Split(s, "\n")...) }
	const col = 13 // labels line up, values start here

	label := func(s string) string {
		return st.Label.Render(s) + strings.Repeat(" ", max(col-ansi.StringWidth(s), 1))
	}
	// oneLine is a value with its reason after it, cut to the line: the
	// reasons are kept whole in the record and in show.
	oneLine := func(value, reason string) string {
		l := value
		if reason != "" {
			l += st.Muted.Render(" · " + reason)
		}
		if full {
			return strings.TrimLeft(wrapIndent(l, w, col), " ")
		}
		return ansi.Truncate(l, max(w-col, 10), "…")
	}
	// whole is a value with its reason after it, wrapped under its label.
	whole := func(value, reason string) string {
		l := value
		if reason != "" {
			l += st.Muted.Render(" · " + reason)
		}
		return strings.TrimLeft(wrapIndent(l, w, col), " ")
	}

	for i, d := range questionnaire.Domains {
		b := res.Bands.Get(d)
		head := ""
		if i == 0 {
			head = "Barriers"
		}
		// The band in one word, then the answers that made it.
		reason := strings.Join(m.s.Instrument().BandAnswers(answers, d), "; ")
		name := fmt.Sprintf("%-11s", d.Title())
		band := st.Value.Render(name) + st.Band(b).Render(fmt.Sprintf("%-12s", bandWord(b)))
		if full {
			add(label(head) + band + strings.TrimLeft(wrapIndent(st.Muted.Render(reason), w, col+23), " "))
		} else {
			add(label(head) + ansi.Truncate(band+st.Muted.Render(reason), max(w-col, 10), "…"))
		}
	}
	if c, ok := m.s.Change(); ok {
		if m.startNotice != "" {
			// The change is measured from the earlier assessment this
			// machine holds, which the notice may say is not the latest.
			// Whole: the result scrolls.
			add(m.noticeBox(w, 0))
		}
		// A follow-up's point: what changed, in the note's words.
		add(st.Heading.Render("Change since " + c.SinceTime.Local().Format("2 Jan 2006")))
		for _, l := range c.Lines() {
			add(hanging("", st.Value.Render(l), w, 4))
		}
		if stopped := m.s.Stopped(); len(stopped) > 0 {
			// A need given up ("No, nothing extra" after an
			// interpreter) is said, not left to be noticed missing
			// from the adjustments below.
			add(hanging("", st.Notice.Render("These adjustments of the assessment of "+c.SinceTime.Local().Format("2 Jan 2006")+" stop with this follow-up:"), w, 2))
			for _, a := range stopped {
				add(hanging("- ", st.Value.Render(record.StoppedText(a)), w, 4))
			}
			add(hanging("", st.Notice.Render("If the patient still needs any of them, esc goes back to change the answers."), w, 2))
		}
	}
	if stopped := m.s.AmendStopped(); len(stopped) > 0 {
		// The patient holds the handout of the version amended, which
		// promised them: what stops is said, as a follow-up says it.
		add(hanging("", st.Notice.Render("These adjustments of the version amended stop with this amendment:"), w, 2))
		for _, a := range stopped {
			add(hanging("- ", st.Value.Render(record.StoppedText(a)), w, 4))
		}
		add(hanging("", st.Notice.Render("If the patient still needs any of them, esc goes back to change the answers."), w, 2))
	}
	if kept := m.s.KeptReferrals(); len(kept) > 0 {
		add(hanging("", st.Notice.Render("Referrals of the version amended that these answers no longer offer (the amendment keeps them, with the answer given):"), w, 2))
		for _, r := range kept {
			add(hanging("- ", st.Value.Render(questionnaire.Printable(r.Name))+": "+record.ConsentText(r.Consent), w, 4))
		}
	}
	primary := rec.PrimaryTitle(answers)
	// Whose the choice is: a carer who answered gave it for the patient.
	choiceLabel, choiceTag := "Their choice", " (their choice)"
	if answers.One(questionnaire.LinkRespondent) == questionnaire.RespondentCarer {
		choiceLabel, choiceTag = "Carer chose", " (the carer's choice for them)"
	}
	if rec.ChoiceHonoured && rec.Choice == rec.Primary {
		primary += choiceTag
	}
	// The routes are how staff reach the patient: cut to the line, a
	// letter's format or a relay was lost ("letters in the format they
	// need (pos…"). They are wrapped whole under their label, as the
	// adjustments are, even where the other reasons are cut.
	add(label("Contact by") + whole(st.Value.Render(primary), rec.PrimaryReason))
	fb, fbReason := rec.FallbackTextFor(answers)
	add(label("Fallback") + whole(st.Value.Render(fb), fbReason))
	switch {
	case rec.ChoiceHonoured && rec.Choice == rec.Primary:
	case rec.Choice == "":
		add(label(choiceLabel) + st.Value.Render("no preference"))
	case rec.ChoiceHonoured:
		add(label(choiceLabel) + st.Value.Render(rec.Choice.Title()+" (honoured)"))
	default:
		// Not possible, or possible but put after another route by a
		// rule: the note after it says which, whole, as the routes are:
		// why their choice cannot be honoured is owed to the patient or
		// carer, and cut it read "not possible: no smartphone,…".
		status, why := record.ChoiceWords(rec)
		add(label(choiceLabel) + whole(st.Value.Render(rec.Choice.Title()+" ("+status+")"), why))
	}
	if v := rec.Video; v != nil {
		// Only where the service offers video consultations.
		verdict := "suits"
		if !v.Possible {
			verdict = "does not suit"
		}
		add(label("Video") + oneLine(st.Value.Render(verdict), v.Reason))
	}
	if len(rec.Adjustments) == 0 {
		add(label("Adjustments") + st.Muted.Render("none needed"))
	}
	for i, a := range rec.Adjustments {
		head := ""
		if i == 0 {
			head = "Adjustments"
		}
		// An adjustment is an instruction to staff ("Check they have
		// understood what is written: ask them to say it back"): cut
		// to the line, the action was lost. It is wrapped whole even
		// where the reasons are cut; the result scrolls.
		add(label(head) + strings.TrimLeft(wrapIndent(st.Value.Render(a.Text), w, col), " "))
	}
	if n := len(rec.AskAbout); n > 0 {
		// Skipped questions that stand between the patient and help for
		// a barrier they have: the clinician can go back and ask.
		qs := "1 skipped question"
		if n > 1 {
			qs = fmt.Sprintf("%d skipped questions", n)
		}
		add(label("Not asked") + oneLine(st.Value.Render(qs+" could open more help"), "esc to ask; "+strings.Join(rec.AskProgrammes(), "; ")))
	}

	var spans []span
	refs := rec.Referrals
	shown := m.s.Shown()
	// The heading's words are wrapped under themselves: at 60 columns
	// the viewport cut them mid-word ("m shows fe"), the key that hides
	// the list again unsaid.
	heading := func(s string) {
		const col = len("Referrals  ")
		add(st.Heading.Render("Referrals") + "  " + strings.TrimLeft(wrapIndent(st.Muted.Render(s), w, col), " "))
	}
	switch {
	case len(refs) == 0:
		heading("none needed")
	case shown < len(refs):
		heading(fmt.Sprintf("%d of %d shown · m shows the rest", shown, len(refs)))
	case len(refs) > firstReferrals:
		heading(fmt.Sprintf("all %d · the first %d need an answer · m shows fewer", len(refs), firstReferrals))
	default:
		heading("ask " + m.answerer() + " about each one")
	}
	for i, r := range refs[:shown] {
		start := len(lines)
		cursor := "  "
		if i == m.referral {
			cursor = st.Cursor.Render("> ")
		}
		label := consentLabel(st, r.Consent)
		if p := m.pendingConsent(); p != "" && i == m.referral {
			// The answer typed, shown at once while it waits to be
			// seen typed on its own (take).
			label = st.Notice.Render(fmt.Sprintf("[%-13s]", p+"?"))
		}
		head := cursor + label + " " + st.Value.Render(r.Name) + st.Muted.Render(" · for "+barrierWords(r.Barriers))
		if i == m.referral {
			// The referral being answered is named in full: the patient
			// agrees to what is read out, not to the start of a name.
			add(strings.TrimLeft(wrapIndent(head, w, refIndent), " "))
		} else {
			add(ansi.Truncate(head, w, "…"))
		}
		if i == m.referral {
			// The referral being answered opens: the words to read out,
			// and how to refer.
			if r.PatientLine != "" {
				add(wrapIndent(st.Value.Render("say: "+r.PatientLine), w, refIndent))
			}
			add(wrapIndent(st.Muted.Render("how: "+r.Contact), w, refIndent))
		}
		spans = append(spans, span{start, len(lines)})
	}
	return strings.Join(lines, "\n"), spans
}

// confirmAsk is what the question asked before a save with referrals
// says to do.
const confirmAsk = "Enter saves, Esc goes back to change an answer."

// renderConfirm sets the question asked before the save of a result with
// referrals: the patient, who the assessment is recorded as done by, and
// each referral the record keeps as offered with the answer it is saved
// with, in words, so that an answer the patient never gave is heard
// before it is kept.
func (m *Model) renderConfirm() {
	if m.width == 0 || m.tooSmall() {
		return
	}
	m.confirmView.SetContent(m.confirmText(m.contentWidth()))
}

func (m *Model) confirmText(w int) string {
	st := m.styles
	var lines []string
	add := func(s string) { lines = append(lines, strings.Split(s, "\n")...) }
	add(st.Label.Render("Patient") + "  " + st.Value.Render(patientLabel(m.s.Patient())))
	// Who the assessment is recorded as done by, as the plain prompts'
	// read-back says it: a login or the last clinician's name kept with
	// one enter is heard before it is saved.
	by := questionnaire.PrintableTyped(m.s.Clinician())
	if m.s.Team() != "" {
		by += ", team " + questionnaire.PrintableTyped(m.s.Team())
	}
	const whoCol = len("Patient") + 2 // "By" lines up with "Patient"
	byLines := strings.Split(wrapIndent(st.Value.Render(by), w, whoCol), "\n")
	byLines[0] = st.Label.Render(fmt.Sprintf("%-*s", whoCol, "By")) + strings.TrimLeft(byLines[0], " ")
	add(strings.Join(byLines, "\n"))
	if s := m.notYours("go back to the review (esc) and press p"); s != "" {
		add(wrapIndent(st.Notice.Render(s), w, whoCol))
	}
	add("")
	add(st.Heading.Render("Referrals") + st.Muted.Render(" · as they will be saved"))
	// The record the save stores, read back from itself (as the plain
	// prompts do): every referral it keeps with an answer is said, shown
	// in the list now or not (one answered before m hid it, or before a
	// stop, whose result opens with the list collapsed), so no consent is
	// kept that was not read back. Only those with no answer that were
	// never shown are summed up as not offered.
	rec, err := m.recordToSave()
	if err != nil {
		// Enter then refuses to save, saying why (save).
		add(hanging("", st.Error.Render("Not ready to save: "+err.Error()+"."), w, 4))
	}
	for _, r := range rec.Recommendation.Referrals {
		word, style := "not discussed", st.NotDiscussed
		switch r.Consent {
		case questionnaire.Agreed:
			word, style = "agreed", st.Agreed
		case questionnaire.Declined:
			word, style = "declined", st.Declined
		}
		add(hanging("", st.Value.Render(questionnaire.Printable(r.Name))+": "+style.Render(word), w, 4))
	}
	notShown, helped := record.NotOfferedAgain(rec, rec.Recommendation.Unshown)
	for _, r := range helped {
		// What became of it was recorded at the start of this
		// follow-up: it is not a referral left unshown.
		add(hanging("", st.Value.Render(questionnaire.Printable(r.Name))+": "+st.Muted.Render("not offered again, as it helped"), w, 4))
	}
	if n := len(notShown); n > 0 {
		// Said as the note says them ("Also suitable, not gone through
		// or offered"): "not shown" was said of referrals m had shown a
		// moment before, left unanswered.
		more := "1 more referral was not gone through or offered."
		if n > 1 {
			more = fmt.Sprintf("%d more referrals were not gone through or offered.", n)
		}
		add(hanging("", st.Muted.Render(more), w, 4))
	}
	if kept := rec.Recommendation.Kept; len(kept) > 0 {
		// An amendment keeps what the patient said before to a referral
		// these answers no longer give (assess.Session.KeptReferrals).
		add(hanging("", st.Notice.Render("Kept from the version amended, which these answers no longer offer:"), w, 2))
		for _, r := range kept {
			add(hanging("", st.Value.Render(questionnaire.Printable(r.Name))+": "+record.ConsentText(r.Consent), w, 4))
		}
	}
	var also []string
	switch {
	case m.takenOver:
		also = append(also, "Another window took over this assessment's draft and may have saved it: saving makes another assessment of this patient.")
	case m.second != "":
		also = append(also, m.second+m.savingMakes("Saving"))
	}
	if m.s.Unchanged() {
		also = append(also, "Nothing has changed from the version amended: saving makes it a new version anyway.")
	}
	for _, a := range also {
		add("")
		add(st.Prompt.Render(commandsText(a, w)))
	}
	return strings.Join(lines, "\n")
}

// firstReferrals is how many referrals the result shows before the
// clinician asks for the rest: a short list is one a patient can take in.
const firstReferrals = assess.FirstReferrals

// refIndent is how far a referral's details are indented.
const refIndent = 4

// bandWord is a band in one word, for the result's narrow column.
func bandWord(b questionnaire.Band) string {
	switch b {
	case questionnaire.SignificantBarrier:
		return "significant"
	case questionnaire.SomeBarrier:
		return "some"
	}
	return "none"
}

// barrierWords names the domains a referral helps with.
func barrierWords(ds []questionnaire.Domain) string {
	names := make([]string, len(ds))
	for i, d := range ds {
		names[i] = strings.ToLower(d.Title())
	}
	return strings.Join(names, ", ")
}

// consentLabel is the patient's answer as a fixed-width tag that reads the
// same without colour.
func consentLabel(st *Styles, consent string) string {
	switch consent {
	case questionnaire.Agreed:
		return st.Agreed.Render("[agreed       ]")
	case questionnaire.Declined:
		return st.Declined.Render("[declined     ]")
	case questionnaire.NotDiscussed:
		return st.NotDiscussed.Render("[not discussed]")
	}
	return st.Unasked.Render("[ask          ]")
}

func (m *Model) savedText(w int) string {
	st := m.styles
	head := st.Success.Render("Saved") + st.Muted.Render(" · record "+m.saved.ID.String())
	if m.pushLine != "" {
		line := st.Muted
		switch {
		case m.pushSent:
			line = st.Success
		case !m.pushing:
			line = st.Notice
		}
		head += "\n" + line.Render(wrapSpacesOnly(m.pushLine, w))
	}
	if m.keptGone.path != "" {
		head += "\n" + st.Notice.Render(m.keptGone.text(w))
	}
	return head + "\n\n" + wrapSpacesOnly(m.savedDocument(), w)
}

// wrapSpacesOnly wraps plain text s to width w at its spaces only, each
// line's spacing kept: ansi.Wrap breaks at hyphens too, and the saved
// screen's note broke a record id ("…784a-" / "b590-…") and a command
// ("digicheck push --" / "conflicts"), to be read and typed from the
// screen. A word wider than w is cut.
func wrapSpacesOnly(s string, w int) string {
	w = max(w, 10)
	var out []string
	for _, line := range strings.Split(s, "\n") {
		for ansi.StringWidth(line) > w {
			cut := -1
			for i := len(line) - 1; i > 0; i-- {
				if line[i] == ' ' && ansi.StringWidth(strings.TrimRight(line[:i], " ")) <= w && strings.TrimRight(line[:i], " ") != "" {
					cut = i
					break
				}
			}
			if cut < 0 {
				head := ansi.Truncate(line, w, "")
				out = append(out, head)
				line = line[len(head):]
				continue
			}
			out = append(out, strings.TrimRight(line[:cut], " "))
			line = strings.TrimLeft(line[cut:], " ")
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// savedDocument is what the saved screen shows and copies: the note for the
// patient record, or the patient's handout.
func (m *Model) savedDocument() string {
	if m.showHandout {
		return m.handout()
	}
	if res, held := m.noteHeld[m.saved.ID]; held {
		return HeldNote(m.saved, res)
	}
	return assess.Note(m.saved)
}

// HeldNote is what stands in for a saved version's note when its push,
// res, found the trust's FHIR server holding its assessment entered in
// error (voided on another machine), or a newer version of it made on
// another machine: no note to paste. A note of the version would tell the
// patient record what the shared record contradicts (an amendment
// standing, of an assessment the server says was made in error, often of
// the wrong patient; or replacing the note the other machine's amendment
// put there), and a caveat pasted with it would stay in the patient record
// after the conflict was settled either way. The note is given once
// settled, by digicheck show, if this version stands.
func HeldNote(r record.Record, res PushResult) string {
	what := "version"
	if !r.Amends.IsZero() {
		what = "amendment"
	}
	return fmt.Sprintf("NOTE HELD BACK: nothing to paste into the patient record yet. "+
		"The shared record holds %s, so a note of this %s would contradict it. "+
		"Settle it with digicheck push --conflicts; if this %s is kept, digicheck show %s gives its note.\n",
		sharedHolds(res.EnteredInError), what, what, r.ID)
}

// sharedHolds is what the shared record holds that a held note would
// contradict: the assessment voided, or amended, on another machine.
func sharedHolds(voided bool) string {
	if voided {
		return "this assessment entered in error"
	}
	return "a newer version of this assessment, made on another machine"
}

// handout is the saved record's handout for the patient, in large print
// when they need it, naming the team and its phone from the site config.
func (m *Model) handout() string {
	return record.HandoutWith(m.saved, record.HandoutOptions{
		LargePrint:  m.saved.Answers.Has(questionnaire.LinkCommNeeds, questionnaire.NeedLargePrint),
		Team:        m.opts.Team,
		TeamPhone:   m.opts.TeamPhone,
		TeamAddress: m.opts.TeamAddress,
		TeamText:    m.opts.TeamText,
		Directory:   m.opts.Directory,
		Replaces:    m.savedReplaces,
	})
}

// answerer is who is asked about the result and its referrals: the carer
// where a carer gave the answers for the patient, else the patient.
func (m *Model) answerer() string {
	if m.s.Answers().One(questionnaire.LinkRespondent) == questionnaire.RespondentCarer {
		return "the carer"
	}
	return "the patient"
}

// notSavedSaid is the notice of a save refused, the answers and note kept
// in a file (keptIn): why, the file, and what to do.
func (m *Model) notSavedSaid(w int) string {
	st := m.styles
	wrap := func(s string) string { return commandsText(s, w) }
	if m.refusedForGood() {
		// A damaged store takes nothing until check finds it sound, and
		// a store of synthetic test data never takes a real assessment:
		// "press r to try again" was refused alike, every time.
		until := " until the store is found sound"
		if errors.Is(m.saveErr, store.ErrMixedData) {
			until = " in this store"
		}
		if m.keptFile != "" && !m.keptUnchanged() {
			// An answer changed since (a referral's, under this
			// notice): the file was written again with no note, and
			// one pasted before is out of date.
			said := wrap("Not saved: " + whyNotSaved(m.saveErr) + ". Changed since, the answers are kept, with no note (one pasted before is out of date), in:\n" + pathLines(keptIn(m.saveErr), w) +
				"\nSaving again cannot work" + until + ": the answers stay in that file. Press f to finish.")
			if strings.Count(said, "\n") >= 5 {
				said = wrap("Not saved: " + whyNotSaved(m.saveErr) + ". Changed since, answers kept with no note (one pasted before is out of date) in:\n" + pathLines(keptIn(m.saveErr), w) +
					"\nPress f to finish.")
			}
			return st.Error.Render(said)
		}
		said := wrap("Not saved: " + whyNotSaved(m.saveErr) + ". The answers and note are kept in:\n" + pathLines(keptIn(m.saveErr), w) +
			"\nPaste the note into the patient record. Saving again cannot work" + until + ": the answers stay in that file. Press f to finish.")
		// The status's five lines cut it before the key that finishes
		// (at 60 columns, or a long reason): said in short, the file
		// whole.
		if strings.Count(said, "\n") >= 5 {
			said = wrap("Not saved: " + whyNotSaved(m.saveErr) + ". Answers and note kept in:\n" + pathLines(keptIn(m.saveErr), w) +
				"\nSaving again cannot work" + until + ": press f to finish.")
		}
		if strings.Count(said, "\n") >= 5 {
			said = wrap("Not saved: " + whyNotSaved(m.saveErr) + ". Answers and note kept in:\n" + pathLines(keptIn(m.saveErr), w) +
				"\nPaste the note into the patient record. Press f to finish.")
		}
		return st.Error.Render(said)
	}
	// What to act on first and the file on a line of its own, so
	// that at 80x24 all of it is read; the store's whole message is
	// printed when digicheck ends.
	said := "Not saved: " + whyNotSaved(m.saveErr) + ". The answers and note are kept in:\n"
	if m.heldAgain {
		// Tried again, and held still: said so, not the same
		// words again as if r had not been taken.
		said = "Still not saved: the store is still in use by another program. The answers and note are still kept in:\n"
	}
	paste := "\nPaste the note into the patient record. Press r to try again."
	if errors.Is(m.saveErr, store.ErrLocked) && (m.earlierUnread || m.second != "") {
		// The patient's earlier assessments not looked up, or found:
		// the file says a note pasted from it stands only once these
		// answers are saved, and to remove it otherwise.
		paste = "\nDo not paste the note until these answers are saved. Press r to try again."
	}
	if m.keptFile != "" && !m.keptUnchanged() {
		// An answer changed since (a referral's, under this
		// notice): the file was written again with no note.
		said = "Not saved: " + whyNotSaved(m.saveErr) + ". Changed since, the answers are kept, with no note (one pasted before is out of date), in:\n"
		if m.heldAgain {
			said = "Still not saved: the store is still in use by another program. Changed since, the answers are kept, with no note (one pasted before is out of date), in:\n"
		}
		paste = "\nPress r to try again."
	}
	return st.Error.Render(wrap(said + pathLines(keptIn(m.saveErr), w) + paste))
}

// notSavedFolds reports whether the notice of a refused save, said, is
// folded on the result (notSavedFolded): while a refusal is to be read
// there (keys ignored until esc), or while the referral the consent keys answer is taller than the
// lines the whole notice leaves the result. At 60x20 the notice left six,
// a referral of seven could never be wholly on screen, so a, d and n were
// refused for it for as long as the notice stood, and the refusal's words
// were not shown.
func (m *Model) notSavedFolds(w int, said string) bool {
	if m.screen != resultScreen || m.confirmSave || m.tooSmall() {
		return false
	}
	// A refusal, keys ignored until esc: not news of a draft (the store
	// damaged), which the whole notice stands over as before.
	return (m.ignoring && m.problem != "") || !m.referralFitsOver(said)
}

// referralFitsOver reports whether the referral the consent keys answer,
// if any, fits in the lines the status, status, leaves the result.
func (m *Model) referralFitsOver(status string) bool {
	if m.referral >= len(m.refSpans) || m.referral >= len(m.referrals()) {
		return true
	}
	// The line that says the result is cut stands above the status.
	rows := m.bodyHeight() - (statusHeight("\n"+status) - 2)
	s := m.refSpans[m.referral]
	return s.end-s.start <= rows
}

// notSavedFolded is the notice of a refused save in short, under the
// refusal (or news) to be read and the line that says where the referral
// the keys answer is, while it is off screen: the file's path kept where
// the referral fits over it, else its name alone, else one line. Each
// says what to do with the note (notSavedNote), as the whole notice does:
// at 60x20, where the notice is folded, it said only where the answers
// were kept, never not to paste the note yet, or that a note pasted
// before was out of date. The whole notice comes back once the referral
// highlighted fits under it.
func (m *Model) notSavedFolded(w int) string {
	head, forms := m.notSavedShort(w)
	for _, f := range forms[:len(forms)-1] {
		if said := strings.Join(append(head, f), "\n"); m.referralFitsOver(said) {
			return said
		}
	}
	return strings.Join(append(head, forms[len(forms)-1]), "\n")
}

// notSavedShort is what notSavedFolded chooses from: the lines above the
// notice, and the notice in short, longest first, each of which says what
// to do with the note.
func (m *Model) notSavedShort(w int) (head, forms []string) {
	st := m.styles
	key, not := "r tries again", "Not saved"
	switch {
	case m.refusedForGood():
		key = "f finishes"
	case m.heldAgain:
		not = "Still not saved"
	}
	switch {
	case m.problem != "":
		head = append(head, st.Error.Render(commandsText(m.problem, w)))
	case m.notice != "":
		head = append(head, st.Notice.Render(wrapNotice(m.notice, w)))
	}
	if a := m.answersOffScreen(w); a != "" {
		head = append(head, a)
	}
	// Under a refusal in the same colour the two read as one message.
	style := st.Error
	if m.problem != "" {
		style = st.Notice
	}
	note, kept, line := m.notSavedNote()
	path := keptIn(m.saveErr)
	said := not + " (" + key + "). " + note
	forms = []string{
		style.Render(ansi.Wrap(said+" in:", w, "") + "\n" + pathLines(path, w)),
		// The folder is the store's, named when digicheck ends.
		style.Render(ansi.Wrap(said+" in the file", w, "") + "\n" + pathLines(filepath.Base(path), w)),
		style.Render(ansi.Wrap(not+": "+kept+" · "+key, w, "")),
		style.Render(ansi.Wrap(not+": "+line+" · "+key, w, "")),
	}
	return head, forms
}

// notSavedNote is what the notice of a refused save says of the note in
// short, as its whole form says it (notSavedSaid): as a sentence before
// where the answers are kept, with the answers kept in a file, and alone.
// The note is to be pasted, or not until the answers are saved (the
// patient's earlier assessments not looked up, or found), or, an answer
// changed since, there is none in the file and one pasted before is out
// of date.
func (m *Model) notSavedNote() (sentence, kept, line string) {
	switch {
	case m.keptFile != "" && !m.keptUnchanged():
		// Said of a store refused for good too: the file is written
		// again with no note there as well.
		return "Changed since: no note (one pasted before is out of date); the answers are kept",
			"answers kept in a file, with no note (one pasted before is out of date)", "any note pasted is out of date"
	case m.refusedForGood():
	case errors.Is(m.saveErr, store.ErrLocked) && (m.earlierUnread || m.second != ""):
		return "Do not paste the note until these answers are saved; they are kept",
			"answers kept in a file; do not paste the note until they are saved", "do not paste the note yet"
	}
	return "Paste the note kept with the answers", "paste the note kept with the answers in a file", "paste the note kept in a file"
}
