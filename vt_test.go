package main

import (
	"image/color"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// vt is just enough of a terminal to read what a full-screen program drew:
// text, cursor movement, erasing, scrolling and the alternate screen, and
// the colours each character was drawn in (other modes are ignored). It
// lets a test read the screen of the real binary in a pseudo-terminal as a
// person would, whatever cursor moves the renderer chose to draw it with.
type vt struct {
	mu         sync.Mutex
	w, h       int
	cells      [][]cell
	pen        pen // the colours the next character is drawn in
	x, y       int
	top, bot   int // scrolling region, inclusive
	savedX     int
	savedY     int
	last       string // the last grapheme printed, for REP
	state      byte
	p          *ansi.Parser
	pending    []byte
	wrapNext   bool
	raw        strings.Builder
	keepRawLen int
}

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

func newVT(w, h int) *vt {
	t := &vt{w: w, h: h, p: ansi.NewParser(), keepRawLen: 1 << 20}
	t.clear()
	return t
}

func (t *vt) clear() {
	t.cells = make([][]cell, t.h)
	for i := range t.cells {
		t.cells[i] = t.blankRow()
	}
	t.top, t.bot = 0, t.h-1
}

func (t *vt) blankRow() []cell {
	r := make([]cell, t.w)
	for i := range r {
		r[i] = cell{g: " "}
	}
	return r
}

// Write feeds the terminal what the program wrote.
func (t *vt) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.raw.Len() < t.keepRawLen {
		t.raw.Write(b)
	}
	buf := append(t.pending, b...)
	// A character split across two writes waits for its other bytes.
	held := 0
	for i := len(buf) - 1; i >= 0 && i >= len(buf)-3; i-- {
		if utf8.RuneStart(buf[i]) {
			if !utf8.FullRune(buf[i:]) {
				held = len(buf) - i
			}
			break
		}
	}
	hold := buf[len(buf)-held:]
	buf = buf[:len(buf)-held]
	for len(buf) > 0 {
		seq, width, n, state := ansi.DecodeSequence(buf, t.state, t.p)
		if n == 0 || (state != ansi.NormalState && n == len(buf)) {
			// An incomplete sequence: wait for the rest.
			break
		}
		t.state = state
		t.handle(seq, width)
		buf = buf[n:]
	}
	t.pending = append(append([]byte(nil), buf...), hold...)
	return len(b), nil
}

// Raw is everything written so far (up to a limit).
func (t *vt) Raw() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.raw.String()
}

// Screen is the screen's text, trailing spaces trimmed.
func (t *vt) Screen() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	lines := make([]string, t.h)
	for i, r := range t.cells {
		var b strings.Builder
		for _, c := range r {
			b.WriteString(c.g)
		}
		lines[i] = strings.TrimRight(b.String(), " ")
	}
	return strings.Join(lines, "\n")
}

// Cells is a copy of the screen, cell by cell.
func (t *vt) Cells() [][]cell {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([][]cell, len(t.cells))
	for i, r := range t.cells {
		out[i] = append([]cell(nil), r...)
	}
	return out
}

func (t *vt) handle(seq []byte, width int) {
	switch {
	case width > 0:
		t.print(string(seq), width)
	case len(seq) == 1 && seq[0] < 0x20:
		t.control(seq[0])
	case ansi.HasCsiPrefix(seq):
		t.csi()
	case len(seq) == 2 && seq[0] == 0x1b:
		switch seq[1] {
		case '7':
			t.savedX, t.savedY = t.x, t.y
		case '8':
			t.x, t.y = t.savedX, t.savedY
		case 'D':
			t.index()
		case 'M':
			t.reverseIndex()
		case 'E':
			t.x = 0
			t.index()
		case 'c':
			t.clear()
			t.x, t.y = 0, 0
		}
	}
}

func (t *vt) print(g string, width int) {
	if t.wrapNext || t.x+width > t.w {
		t.x = 0
		t.index()
		t.wrapNext = false
	}
	t.cells[t.y][t.x] = cell{g: g, pen: t.pen}
	for i := 1; i < width && t.x+i < t.w; i++ {
		t.cells[t.y][t.x+i] = cell{pen: t.pen}
	}
	t.last = g
	t.x += width
	if t.x >= t.w {
		t.x = t.w - 1
		t.wrapNext = true
	}
}

func (t *vt) control(c byte) {
	t.wrapNext = false
	switch c {
	case '\r':
		t.x = 0
	case '\n', '\v', '\f':
		t.index()
	case '\b':
		t.x = max(t.x-1, 0)
	case '\t':
		t.x = min((t.x/8+1)*8, t.w-1)
	}
}

// index moves down a line, scrolling the region at its bottom.
func (t *vt) index() {
	if t.y == t.bot {
		t.scrollUp(1)
		return
	}
	t.y = min(t.y+1, t.h-1)
}

func (t *vt) reverseIndex() {
	if t.y == t.top {
		t.scrollDown(1)
		return
	}
	t.y = max(t.y-1, 0)
}

func (t *vt) scrollUp(n int) {
	for range n {
		copy(t.cells[t.top:t.bot+1], t.cells[t.top+1:t.bot+1])
		t.cells[t.bot] = t.blankRow()
	}
}

func (t *vt) scrollDown(n int) {
	for range n {
		copy(t.cells[t.top+1:t.bot+1], t.cells[t.top:t.bot])
		t.cells[t.top] = t.blankRow()
	}
}

func (t *vt) csi() {
	cmd := ansi.Cmd(t.p.Command())
	param := func(i, def int) int {
		v, _ := t.p.Param(i, def)
		if v == 0 && def > 0 {
			return def
		}
		return v
	}
	t.wrapNext = false
	if cmd.Prefix() != 0 {
		// Private modes: the alternate screen starts clear.
		if cmd.Prefix() == '?' && (cmd.Final() == 'h' || cmd.Final() == 'l') {
			for _, p := range t.p.Params() {
				if v := p.Param(0); v == 1049 || v == 47 || v == 1047 {
					t.clear()
				}
			}
		}
		return
	}
	if cmd.Intermediate() != 0 {
		return
	}
	switch cmd.Final() {
	case 'A':
		t.y = max(t.y-param(0, 1), 0)
	case 'B', 'e':
		t.y = min(t.y+param(0, 1), t.h-1)
	case 'C', 'a':
		t.x = min(t.x+param(0, 1), t.w-1)
	case 'D':
		t.x = max(t.x-param(0, 1), 0)
	case 'E':
		t.x, t.y = 0, min(t.y+param(0, 1), t.h-1)
	case 'F':
		t.x, t.y = 0, max(t.y-param(0, 1), 0)
	case 'G', '`':
		t.x = min(param(0, 1)-1, t.w-1)
	case 'd':
		t.y = min(param(0, 1)-1, t.h-1)
	case 'H', 'f':
		t.y, t.x = min(param(0, 1)-1, t.h-1), min(param(1, 1)-1, t.w-1)
	case 'J':
		switch param(0, 0) {
		case 0:
			t.eraseLine(t.y, t.x, t.w)
			for y := t.y + 1; y < t.h; y++ {
				t.cells[y] = t.blankRow()
			}
		case 1:
			t.eraseLine(t.y, 0, t.x+1)
			for y := 0; y < t.y; y++ {
				t.cells[y] = t.blankRow()
			}
		default:
			for y := range t.cells {
				t.cells[y] = t.blankRow()
			}
		}
	case 'K':
		switch param(0, 0) {
		case 0:
			t.eraseLine(t.y, t.x, t.w)
		case 1:
			t.eraseLine(t.y, 0, t.x+1)
		default:
			t.eraseLine(t.y, 0, t.w)
		}
	case 'X':
		t.eraseLine(t.y, t.x, min(t.x+param(0, 1), t.w))
	case '@':
		n := min(param(0, 1), t.w-t.x)
		row := t.cells[t.y]
		copy(row[t.x+n:], row[t.x:t.w-n])
		t.eraseLine(t.y, t.x, t.x+n)
	case 'P':
		n := min(param(0, 1), t.w-t.x)
		row := t.cells[t.y]
		copy(row[t.x:], row[t.x+n:])
		t.eraseLine(t.y, t.w-n, t.w)
	case 'L', 'M':
		if t.y < t.top || t.y > t.bot {
			return
		}
		top := t.top
		t.top = t.y
		if cmd.Final() == 'L' {
			t.scrollDown(param(0, 1))
		} else {
			t.scrollUp(param(0, 1))
		}
		t.top = top
	case 'S':
		t.scrollUp(param(0, 1))
	case 'T':
		t.scrollDown(param(0, 1))
	case 'b':
		for range param(0, 1) {
			if t.last != "" {
				t.print(t.last, 1)
			}
		}
	case 'm':
		t.sgr()
	case 'r':
		t.top, t.bot = param(0, 1)-1, min(param(1, t.h), t.h)-1
		t.x, t.y = 0, 0
	case 's':
		t.savedX, t.savedY = t.x, t.y
	case 'u':
		t.x, t.y = t.savedX, t.savedY
	}
}

func (t *vt) eraseLine(y, from, to int) {
	for x := max(from, 0); x < to && x < t.w; x++ {
		t.cells[y][x] = cell{g: " "}
	}
}

// sgr sets the pen from a select-graphic-rendition sequence: colours by
// number (16, 256 or 24-bit), the defaults, and reverse video.
func (t *vt) sgr() {
	ps := t.p.Params()
	if len(ps) == 0 {
		t.pen = pen{}
		return
	}
	for i := 0; i < len(ps); i++ {
		switch v := ps[i].Param(0); {
		case v == 0:
			t.pen = pen{}
		case v == 7:
			t.pen.reverse = true
		case v == 27:
			t.pen.reverse = false
		case v >= 30 && v <= 37:
			t.pen.fg = ansi.BasicColor(v - 30)
		case v >= 90 && v <= 97:
			t.pen.fg = ansi.BasicColor(v - 90 + 8)
		case v == 39:
			t.pen.fg = nil
		case v >= 40 && v <= 47:
			t.pen.bg = ansi.BasicColor(v - 40)
		case v >= 100 && v <= 107:
			t.pen.bg = ansi.BasicColor(v - 100 + 8)
		case v == 49:
			t.pen.bg = nil
		case v == 38 || v == 48 || v == 58:
			var c color.Color
			n := ansi.ReadStyleColor(ps[i:], &c)
			if n == 0 {
				return
			}
			switch v {
			case 38:
				t.pen.fg = c
			case 48:
				t.pen.bg = c
			}
			i += n - 1
		}
	}
}
