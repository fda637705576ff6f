package ui

import (
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"digicheck/questionnaire"
)

// Styles is every style the UI draws with. It is built once for a light or a
// dark background and passed down, so no screen invents colours of its own.
// Colours are chosen for meaning and always paired with words or symbols:
// under NO_COLOR, or on a terminal without colour, Bubble Tea drops the colours
// and nothing is lost.
type Styles struct {
	Dark bool

	App      lipgloss.Style // the program's name in the header
	Screen   lipgloss.Style // the screen's name in the header
	Patient  lipgloss.Style // the patient identifier in the header
	Intro    lipgloss.Style // one or two lines under the header
	Heading  lipgloss.Style // headings inside review and result
	Label    lipgloss.Style // labels in front of values
	Value    lipgloss.Style
	Muted    lipgloss.Style // reasons and questions: read, not scanned
	HelpKey  lipgloss.Style
	HelpDesc lipgloss.Style
	HelpSep  lipgloss.Style
	Error    lipgloss.Style
	Notice   lipgloss.Style // neutral status messages
	Success  lipgloss.Style
	Prompt   lipgloss.Style // the discard question
	Cursor   lipgloss.Style // the referral being answered

	bands [3]lipgloss.Style // by questionnaire.Band

	Agreed, Declined, Unasked lipgloss.Style

	// Form is the huh theme for every form, so forms and screens match.
	Form *huh.Styles

	// rendered keeps strings drawn with these styles that do not change
	// from keystroke to keystroke (header, intro, help): drawing them
	// again is most of a frame's cost outside the form. It lives and dies
	// with the styles, and is only used from the UI goroutine.
	rendered map[string]string
}

// cached returns render's result for key, drawing it only the first time.
func (s *Styles) cached(key string, render func() string) string {
	if v, ok := s.rendered[key]; ok {
		return v
	}
	if s.rendered == nil || len(s.rendered) > 256 {
		s.rendered = make(map[string]string)
	}
	v := render()
	s.rendered[key] = v
	return v
}

func newStyles(dark bool) *Styles {
	ld := lipgloss.LightDark(dark)
	var (
		accent = ld(lipgloss.Color("#4B47C9"), lipgloss.Color("#7571F9"))
		muted  = ld(lipgloss.Color("241"), lipgloss.Color("245"))
		green  = ld(lipgloss.Color("#00734F"), lipgloss.Color("#02BF87"))
		amber  = ld(lipgloss.Color("#8F4A00"), lipgloss.Color("#F5A623"))
		red    = ld(lipgloss.Color("#C2003B"), lipgloss.Color("#FF5F87"))
		fg     = ld(lipgloss.Color("235"), lipgloss.Color("252"))
	)
	base := lipgloss.NewStyle()
	s := &Styles{
		Dark:     dark,
		App:      base.Bold(true).Foreground(accent),
		Screen:   base.Bold(true),
		Patient:  base.Foreground(fg),
		Intro:    base.Foreground(muted),
		Heading:  base.Bold(true).Foreground(accent),
		Label:    base.Bold(true),
		Value:    base.Foreground(fg),
		Muted:    base.Foreground(muted),
		HelpKey:  base.Foreground(fg).Bold(true),
		HelpDesc: base.Foreground(muted),
		HelpSep:  base.Foreground(muted),
		Error:    base.Foreground(red).Bold(true),
		Notice:   base.Foreground(accent),
		Success:  base.Foreground(green).Bold(true),
		Prompt:   base.Foreground(red).Bold(true),
		Cursor:   base.Foreground(accent).Bold(true),
		Agreed:   base.Foreground(green),
		Declined: base.Foreground(amber),
		Unasked:  base.Foreground(red).Bold(true),
	}
	s.bands[questionnaire.NoBarrier] = base.Foreground(green)
	s.bands[questionnaire.SomeBarrier] = base.Foreground(amber).Bold(true)
	s.bands[questionnaire.SignificantBarrier] = base.Foreground(red).Bold(true)

	s.Form = huh.ThemeCharm(dark)
	// The form's own error lines are not shown (the status line shows
	// them), but the marker next to a title stays: it points at the
	// question the message is about.
	s.Form.Focused.Title = s.Form.Focused.Title.Foreground(accent)
	s.Form.Blurred.Title = s.Form.Blurred.Title.Foreground(muted).Bold(false)
	return s
}

// Band styles a band's name by how much of a barrier it is.
func (s *Styles) Band(b questionnaire.Band) lipgloss.Style {
	if int(b) >= 0 && int(b) < len(s.bands) {
		return s.bands[b]
	}
	return s.Value
}
