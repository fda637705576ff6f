package ui

import (
	"sync/atomic"

	"charm.land/lipgloss/v2"

	"digicheck/questionnaire"
)

// theme is the background the styles are drawn for.
type theme int

const (
	// themeUnknown draws in the terminal's own foreground and background
	// (with bold, underline and reverse for emphasis): until the terminal
	// says what its background is, or when it has 16 colours or fewer,
	// that is the only pairing known to be readable.
	themeUnknown theme = iota
	themeDark
	themeLight
)

func themeFor(dark bool) theme {
	if dark {
		return themeDark
	}
	return themeLight
}

// Styles is every style the UI draws with. It is built once for a light, a
// dark or an unknown background and passed down, so no screen invents
// colours of its own. Colours are chosen for meaning and always paired with
// words or symbols: under NO_COLOR, or on a terminal without colour, Bubble
// Tea drops the colours and nothing is lost.
//
// Every colour is at least 4.5:1 (WCAG AA) against each of the common
// terminal backgrounds of its theme (palette, below); TestPaletteContrast
// checks the pairs and the pty contrast test checks every drawn character.
type Styles struct {
	theme theme
	Dark  bool

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
	// NoticeBox frames what must be read before going on (Options.Notice):
	// its text in the foreground colour, its border in amber.
	NoticeBox lipgloss.Style
	Success   lipgloss.Style
	Prompt    lipgloss.Style // the discard question
	Cursor    lipgloss.Style // the referral being answered

	// Questions.
	Question      lipgloss.Style // the question, read out as written
	Hint          lipgloss.Style // for the clinician only
	Option        lipgloss.Style // an answer not in focus
	OptionFocused lipgloss.Style // the answer the arrows are on
	OptionChosen  lipgloss.Style // a ticked answer
	Pointer       lipgloss.Style // the "> " before the answer in focus
	Done          lipgloss.Style // an answer already given on this screen

	bands [3]lipgloss.Style // by questionnaire.Band

	Agreed, Declined, Unasked, NotDiscussed lipgloss.Style

	// rendered keeps strings drawn with these styles that do not change
	// from keystroke to keystroke (header, intro, help): drawing them
	// again is most of a frame's cost outside the form. It lives and dies
	// with the styles, and is only used from the UI goroutine.
	rendered map[string]string
}

// palette is one theme's colours.
type palette struct {
	accent, muted, green, amber, red, fg string
}

// palettes: each colour measured against the backgrounds in
// paletteBackgrounds (styles_test.go) at 4.5:1 or more.
var palettes = map[theme]palette{
	themeDark: {
		accent: "#A9A6FF", muted: "#BDBDBD", green: "#4FE3A1",
		amber: "#FFBE55", red: "#FF8FA8", fg: "#EEEEEE",
	},
	themeLight: {
		accent: "#3B37B0", muted: "#555555", green: "#006241",
		amber: "#7A3D00", red: "#A8002F", fg: "#1C1C1C",
	},
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

// stylesBuilt counts the styles built. They are built once when the UI
// starts and again only when the theme changes, and every screen, question
// and option draws with them: a form library that built its theme again for
// every option drawn once cost a sixth of the program's start
// (TestStylesBuiltOncePerTheme holds this).
var stylesBuilt atomic.Int64

func newStyles(t theme) *Styles {
	stylesBuilt.Add(1)
	base := lipgloss.NewStyle()
	p, coloured := palettes[t]
	colour := func(c string) lipgloss.Style {
		if !coloured {
			return base
		}
		return base.Foreground(lipgloss.Color(c))
	}
	var (
		accent = colour(p.accent)
		muted  = colour(p.muted)
		green  = colour(p.green)
		amber  = colour(p.amber)
		red    = colour(p.red)
		fg     = colour(p.fg)
	)
	s := &Styles{
		theme:    t,
		Dark:     t != themeLight,
		App:      accent.Bold(true),
		Screen:   base.Bold(true),
		Patient:  fg,
		Intro:    muted,
		Heading:  accent.Bold(true),
		Label:    base.Bold(true),
		Value:    fg,
		Muted:    muted,
		HelpKey:  fg.Bold(true),
		HelpDesc: muted,
		HelpSep:  muted,
		Error:    red.Bold(true),
		Notice:   accent,
		Success:  green.Bold(true),
		Prompt:   red.Bold(true),
		Cursor:   accent.Bold(true),

		Question:      fg.Bold(true),
		Hint:          muted.Italic(true),
		Option:        fg,
		OptionFocused: accent.Bold(true),
		OptionChosen:  fg.Bold(true),
		Pointer:       accent.Bold(true),
		Done:          muted,

		Agreed:       green,
		Declined:     amber,
		NotDiscussed: muted,
		Unasked:      red.Bold(true),
	}
	s.NoticeBox = fg.Border(lipgloss.RoundedBorder()).Padding(0, 1)
	if coloured {
		s.NoticeBox = s.NoticeBox.BorderForeground(lipgloss.Color(p.amber))
	}
	if t == themeUnknown {
		// Without colour the answer in focus is shown in reverse video,
		// which is the terminal's own pair of colours swapped.
		s.OptionFocused = base.Bold(true).Reverse(true)
	}
	s.bands[questionnaire.NoBarrier] = green
	s.bands[questionnaire.SomeBarrier] = amber.Bold(true)
	s.bands[questionnaire.SignificantBarrier] = red.Bold(true)
	return s
}

// Band styles a band's name by how much of a barrier it is.
func (s *Styles) Band(b questionnaire.Band) lipgloss.Style {
	if int(b) >= 0 && int(b) < len(s.bands) {
		return s.bands[b]
	}
	return s.Value
}
