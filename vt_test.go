package main

import (
	"image/color"
	"io"
	"strings"
	"sync"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/vt"
)

// vt reads what a full-screen program drew, as a person would see it, by
// feeding it to charmbracelet/x/vt's terminal emulator: the text, and the
// colours each character was drawn in, whatever cursor moves the renderer
// chose to draw it with. Like a terminal whose user never looks at its
// settings, it answers no queries (background colour, device attributes):
// the program must draw from what its environment says.
type vtTerm struct {
	mu  sync.Mutex // one snapshot never shows half of a write
	em  *vt.Emulator
	raw strings.Builder
}

// keepRaw bounds how much of what was written Raw keeps.
const keepRaw = 1 << 20

// pen is how a character is drawn: its colours (nil for the terminal's
// own) and whether they are swapped.
type pen struct {
	fg, bg  color.Color
	reverse bool
}

// cell is one place on the screen: a grapheme ("" behind a wide one) and
// the pen it was drawn with.
type cell struct {
	g   string
	pen pen
}

func newVT(w, h int) *vtTerm {
	t := &vtTerm{em: vt.NewEmulator(w, h)}
	// The emulator writes its replies to queries into a pipe, and a write
	// waits until they are read: read them and drop them.
	go func() { _, _ = io.Copy(io.Discard, t.em) }()
	return t
}

// Write feeds the terminal what the program wrote.
func (t *vtTerm) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.raw.Len() < keepRaw {
		t.raw.Write(b)
	}
	return t.em.Write(b)
}

// Raw is everything written so far (up to a limit).
func (t *vtTerm) Raw() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.raw.String()
}

// Screen is the screen's text, trailing spaces trimmed.
func (t *vtTerm) Screen() string {
	lines := make([]string, 0)
	for _, r := range t.Cells() {
		var b strings.Builder
		for _, c := range r {
			b.WriteString(c.g)
		}
		lines = append(lines, strings.TrimRight(b.String(), " "))
	}
	return strings.Join(lines, "\n")
}

// Text is all the terminal holds, as Screen has it: the lines scrolled off
// the top first (its scrollback, what a person scrolls back to read), then
// the screen. A program that prints more than a screen scrolls its first
// lines off it, on a busy machine before a test has looked at them.
func (t *vtTerm) Text() string {
	t.mu.Lock()
	var lines []string
	if sb := t.em.Scrollback(); sb != nil {
		for _, l := range sb.Lines() {
			var b strings.Builder
			for _, c := range l {
				b.WriteString(c.Content)
				if c.Content == "" && c.Width != 0 {
					b.WriteString(" ")
				}
			}
			lines = append(lines, strings.TrimRight(b.String(), " "))
		}
	}
	t.mu.Unlock()
	return strings.Join(append(lines, t.Screen()), "\n")
}

// Cells is a copy of the screen, cell by cell.
func (t *vtTerm) Cells() [][]cell {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([][]cell, t.em.Height())
	for y := range out {
		out[y] = make([]cell, t.em.Width())
		for x := range out[y] {
			c := t.em.CellAt(x, y)
			if c == nil {
				out[y][x] = cell{g: " "}
				continue
			}
			out[y][x] = cell{g: c.Content, pen: pen{fg: c.Style.Fg, bg: c.Style.Bg, reverse: c.Style.Attrs&uv.AttrReverse != 0}}
			if c.Content == "" && c.Width != 0 {
				out[y][x].g = " " // never drawn on
			}
		}
	}
	return out
}
