package ui

import (
	"image/color"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// TestStylesBuiltOncePerTheme: the styles are built when the UI starts and
// once more when the terminal says its background is dark or light, and
// never while drawing. The first screen and a question with many options are
// drawn again and again here, after every message a start brings, and the
// count must not move: building styles per field or per option (as a form
// library's default theme did) would make the first frame late.
func TestStylesBuiltOncePerTheme(t *testing.T) {
	start := stylesBuilt.Load()
	built := func() int64 { return stylesBuilt.Load() - start }

	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	d.screen()
	if n := built(); n != 1 {
		t.Fatalf("the first screen built the styles %d times; want once", n)
	}
	// What a start on a dark 256-colour terminal brings, in the order
	// Bubble Tea sends it, the first screen drawn after each.
	for _, msg := range []tea.Msg{
		tea.ColorProfileMsg{Profile: colorprofile.ANSI256},
		tea.WindowSizeMsg{Width: 80, Height: 24},
		tea.EnvMsg{"COLORFGBG=15;0"},
		tea.BackgroundColorMsg{Color: color.Black},
		tea.BackgroundColorMsg{Color: color.Black},
	} {
		d.send(msg)
		d.screen()
	}
	if n := built(); n != 2 {
		t.Fatalf("starting on a dark terminal built the styles %d times; want twice (unknown, then dark)", n)
	}

	// A question of many options, drawn with the arrows on each in turn.
	enterPatient(d)
	for range 12 {
		d.press("down")
		d.screen()
	}
	if n := built(); n != 2 {
		t.Errorf("drawing questions and options built the styles %d more times; want none", n-2)
	}

	// A change of background builds them once more.
	d.send(tea.BackgroundColorMsg{Color: color.White})
	d.screen()
	if n := built(); n != 3 {
		t.Errorf("a light background built the styles %d more times; want once", n-2)
	}
}
