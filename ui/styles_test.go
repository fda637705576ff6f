package ui

import (
	"image/color"
	"math"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
)

// paletteBackgrounds are common terminal backgrounds for each theme: plain
// black and white, Windows Terminal, the Windows PowerShell console, VS
// Code, Ubuntu's and GNOME's terminals, One Dark, Solarized light, and the
// light greys of many default profiles.
var paletteBackgrounds = map[theme][]string{
	themeDark:  {"#000000", "#0C0C0C", "#1E1E1E", "#282C34", "#300A24", "#2E3436", "#012456", "#3A3A3A"},
	themeLight: {"#FFFFFF", "#FAFAFA", "#F0F0F0", "#EEEEEE", "#FDF6E3"},
}

// luminance is WCAG 2's relative luminance of a colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v>>8) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is WCAG 2's contrast ratio of two colours, 1 to 21.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// TestPaletteContrast: every colour of each theme is at least 4.5:1 (WCAG
// AA) against every common background of that theme, both as written and as
// a 256-colour terminal shows it (lipgloss picks the nearest of the 256).
func TestPaletteContrast(t *testing.T) {
	t.Parallel()
	for th, p := range palettes {
		for name, c := range map[string]string{"accent": p.accent, "muted": p.muted, "green": p.green, "amber": p.amber, "red": p.red, "fg": p.fg} {
			for _, bg := range paletteBackgrounds[th] {
				for _, prof := range []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256} {
					fg := prof.Convert(lipgloss.Color(c))
					if r := contrast(fg, lipgloss.Color(bg)); r < 4.5 {
						t.Errorf("theme %d %s %s (%v) on %s: contrast %.2f, want 4.5 or more", th, name, c, prof, bg, r)
					}
				}
			}
		}
	}
}

// TestContrastOfKnownPairs checks the measure itself against published
// values: black on white is 21:1, and #767676 on white is 4.54:1.
func TestContrastOfKnownPairs(t *testing.T) {
	t.Parallel()
	if r := contrast(lipgloss.Color("#000000"), lipgloss.Color("#FFFFFF")); math.Abs(r-21) > 0.01 {
		t.Errorf("black on white: %.2f, want 21", r)
	}
	if r := contrast(lipgloss.Color("#767676"), lipgloss.Color("#FFFFFF")); math.Abs(r-4.54) > 0.01 {
		t.Errorf("#767676 on white: %.2f, want 4.54", r)
	}
}

// TestNoticeBoxContrast: the box around what must be read before going on
// (a FHIR server that could not be reached) draws its text and its border
// at 4.5:1 or more against every common background of its theme, as drawn
// and as a 256-colour terminal shows it; with no known background it uses
// the terminal's own colours.
func TestNoticeBoxContrast(t *testing.T) {
	t.Parallel()
	for _, th := range []theme{themeDark, themeLight} {
		s := newStyles(th)
		parts := map[string]color.Color{"text": s.NoticeBox.GetForeground(), "border": s.NoticeBox.GetBorderTopForeground()}
		for name, c := range parts {
			if c == nil {
				t.Fatalf("theme %d: the notice box's %s has no colour of its own", th, name)
			}
			if _, none := c.(lipgloss.NoColor); none {
				t.Fatalf("theme %d: the notice box's %s has no colour of its own", th, name)
			}
			for _, bg := range paletteBackgrounds[th] {
				for _, prof := range []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256} {
					if r := contrast(prof.Convert(c), lipgloss.Color(bg)); r < 4.5 {
						t.Errorf("theme %d notice %s (%v) on %s: contrast %.2f, want 4.5 or more", th, name, prof, bg, r)
					}
				}
			}
		}
		if s.NoticeBox.GetBorderStyle() == (lipgloss.Border{}) {
			t.Errorf("theme %d: the notice has no border", th)
		}
	}
	if s := newStyles(themeUnknown); s.NoticeBox.GetForeground() != nil {
		if _, none := s.NoticeBox.GetForeground().(lipgloss.NoColor); !none {
			t.Errorf("unknown background: the notice's text is coloured %v", s.NoticeBox.GetForeground())
		}
	}
}
