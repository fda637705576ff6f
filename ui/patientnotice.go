package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The notice of the patient screen, of a patient assessed before or of a
// draft of them (m.earlier, m.kept), scrolls with the keys that scroll the
// result when the window is too small for it: at 60x20 the notice of a
// patient assessed before said "more below" under the followup command, and
// the amend command and the sentence that says what f and n do could not be
// read at all. A command broken over rows is never cut between them, at
// the top nor at the bottom: copied, its first rows ran without the rest.

// patientNoticeBody is the notice on the patient screen, blank lines taken out
// where that makes it fit, and the rows the frame leaves it.
func (m *Model) patientNoticeBody(w int) (lines []string, rows int) {
	var text string
	switch {
	case m.earlier != "":
		text = m.earlierText(w)
	case m.kept != nil:
		text = m.keptText(w)
	default:
		return nil, 0
	}
	rows = m.bodyHeight() - (statusHeight(m.status(w)) - 2)
	return strings.Split(closeUp(text, rows), "\n"), rows
}

// inCommand reports whether line goes on, on the next, as a command broken
// over rows does.
func inCommand(line string) bool {
	return strings.HasSuffix(strings.TrimRight(ansi.Strip(line), " "), " \\")
}

// patientNoticeStarts are the lines a scrolled notice may begin at: none inside a
// command.
func patientNoticeStarts(lines []string) []int {
	starts := []int{0}
	for i := 1; i < len(lines); i++ {
		if !inCommand(lines[i-1]) {
			starts = append(starts, i)
		}
	}
	return starts
}

// patientNoticeWindow is the part of lines on screen from top in rows rows, one
// of them kept for the line that says where it is: from and to are its
// first line and the line after its last, top brought to a line the notice
// may begin at and down to the last such, where its end is on screen.
func patientNoticeWindow(lines []string, top, rows int) (from, to int) {
	if rows < 2 || len(lines) <= rows {
		return 0, len(lines)
	}
	view := rows - 1
	starts := patientNoticeStarts(lines)
	last := starts[len(starts)-1]
	for _, s := range starts {
		if len(lines)-s <= view {
			last = s
			break
		}
	}
	from = 0
	for _, s := range starts {
		if s <= min(top, last) {
			from = s
		}
	}
	to = min(from+view, len(lines))
	if to < len(lines) {
		end := to
		for end > from+1 && inCommand(lines[end-1]) {
			end-- // inside a command: cut before it
		}
		if end > from+1 || !inCommand(lines[from]) {
			to = end
		}
	}
	return from, to
}

// patientNoticeCut reports whether the notice on the patient screen is taller
// than the rows left for it, and so scrolls.
func (m *Model) patientNoticeCut(w int) bool {
	lines, rows := m.patientNoticeBody(w)
	return rows >= 2 && len(lines) > rows
}

// patientNoticeView is the notice on the patient screen as it is scrolled
// (m.patientNoticeTop), with a last line that says where it is and how to see
// the rest when it does not fit.
func (m *Model) patientNoticeView(w int) string {
	lines, rows := m.patientNoticeBody(w)
	if rows < 2 || len(lines) <= rows {
		return strings.Join(lines, "\n")
	}
	from, to := patientNoticeWindow(lines, m.patientNoticeTop, rows)
	mark := patientNoticeMarker(from, to, len(lines), w)
	return strings.Join(append(lines[from:to:to], m.styles.Muted.Render(mark)), "\n")
}

// patientNoticeMarker says which way the notice has more to read, and where in it
// the screen is, in at most w columns, as scrollMarker does for the result.
func patientNoticeMarker(from, to, total, w int) string {
	where := fmt.Sprintf("lines %d-%d of %d", from+1, to, total)
	var long, short string
	switch {
	case from > 0 && to < total:
		long, short = "▲ more above: ↑ or pgup · ▼ more below: ↓ or pgdn", "▲ more above · ▼ more below"
	case from > 0:
		long, short = "▲ more above: ↑ or pgup", "▲ more above"
	default:
		long, short = "▼ more below: ↓ or pgdn", "▼ more below"
	}
	for _, s := range []string{long + " · " + where, short + " · " + where} {
		if ansi.StringWidth(s) <= w {
			return s
		}
	}
	return ansi.Truncate(short+" · "+where, w, "…")
}

// scrollPatientNotice scrolls the notice on the patient screen for a key
// that scrolls, and reports whether it was one: such a key answers
// nothing, and on a notice that fits it does nothing (it brought up "Press
// f to follow the patient up…", which took the notice's last free lines).
func (m *Model) scrollPatientNotice(msg tea.KeyPressMsg) bool {
	k := m.keys
	if !key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom) {
		return false
	}
	w := m.contentWidth()
	lines, rows := m.patientNoticeBody(w)
	if rows < 2 || len(lines) <= rows {
		return true
	}
	from, to := patientNoticeWindow(lines, m.patientNoticeTop, rows)
	starts := patientNoticeStarts(lines)
	last, _ := patientNoticeWindow(lines, len(lines), rows)
	top := from
	switch {
	case key.Matches(msg, k.Top):
		top = 0
	case key.Matches(msg, k.Bottom):
		top = last
	case key.Matches(msg, k.Down):
		for _, s := range starts {
			if s > from {
				top = s
				break
			}
		}
	case key.Matches(msg, k.PageDown):
		// From the line after the last on screen: a command cut below
		// is not cut there, so it begins one.
		for _, s := range starts {
			if s > from && (s <= to || top == from) {
				top = s
			}
		}
	case key.Matches(msg, k.Up), key.Matches(msg, k.PageUp):
		for _, s := range starts {
			if s < from {
				top = s
			}
		}
		if key.Matches(msg, k.PageUp) {
			// A page up: the first line it may begin at in the
			// lines above.
			for i := len(starts) - 1; i >= 0; i-- {
				if starts[i] < from && starts[i] >= from-(rows-1) {
					top = starts[i]
				}
			}
		}
	}
	m.patientNoticeTop, _ = patientNoticeWindow(lines, min(top, last), rows)
	return true
}

// patientNoticeHelp is the keys of the notice on the patient screen, ks, then the
// keys that scroll it when it does not fit, and the way out.
func (m *Model) patientNoticeHelp(w int, ks []key.Binding) []key.Binding {
	if m.patientNoticeCut(w) {
		ks = append(ks, m.keys.Up)
	}
	return append(ks, m.keys.Quit)
}
