package ui

import (
	"bytes"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"

	"digicheck/internal/ttyin"
)

// A bracketed paste reaches the program as one PasteMsg, but the terminal
// library drops every escape sequence inside it while reading it, keeping
// the text around it: "Nurse \e[31mRed\e[0m Jones" pasted arrived as
// "Nurse Red Jones", and was saved without a word, where the same text
// typed is refused. pasteGuard reads the terminal in front of the library
// and, inside a paste only, writes each escape as escMark, which the
// library keeps as text; onPaste then refuses the paste whole, naming the
// sequence. Keys and sequences outside a paste pass through unchanged.

// escMark stands for an escape inside a paste. U+FDD0 is a Unicode
// noncharacter, never interchanged as text, so no pasted text holds it.
const escMark = "\uFDD0"

var (
	pasteStart = []byte("\x1b[200~")
	pasteEnd   = []byte("\x1b[201~")
)

// pasteGuard wraps the terminal's input file; it keeps the file's
// descriptor, so raw mode and cancelled reads work as on the file itself.
type pasteGuard struct {
	*os.File
	inPaste bool
	started int    // bytes of pasteStart matched so far, outside a paste
	held    []byte // an escape at the end of a read inside a paste: it may begin pasteEnd
	out     []byte // marked bytes not yet returned
	buf     []byte
}

func newPasteGuard(f *os.File) *pasteGuard { return &pasteGuard{File: f, buf: make([]byte, 4096)} }

// guardInput is the terminal's input as the full screen reads it. Keys
// typed before digicheck started (a command line and the answers typed
// after it, while the program was loading) were typed before any question
// was on screen: they are dropped before the screen reads a key, as the
// plain prompts drop them, and the first screen says so.
func (m *Model) guardInput(f *os.File) *pasteGuard {
	if term.IsTerminal(f.Fd()) && ttyin.Drop(f.Fd()) {
		m.notice = heldBeforeStart
		if m.screen == draftsScreen {
			m.notice = heldBeforeStartDrafts
		}
	}
	return newPasteGuard(f)
}

func (g *pasteGuard) Read(p []byte) (int, error) {
	for len(g.out) == 0 {
		n, err := g.File.Read(g.buf)
		data := append(g.held, g.buf[:n]...)
		g.held = nil
		g.out = g.mark(g.out, data)
		if err != nil {
			g.out = append(g.out, g.held...)
			g.held = nil
			if len(g.out) == 0 {
				return 0, err
			}
			break
		}
	}
	n := copy(p, g.out)
	g.out = g.out[n:]
	return n, nil
}

// mark appends data to out with each escape inside a paste, other than
// the paste's end, written as escMark. An escape that ends data inside a
// paste is held until the next read tells whether it ends the paste (the
// terminal sends the end straight after the text).
func (g *pasteGuard) mark(out, data []byte) []byte {
	for i := 0; i < len(data); i++ {
		c := data[i]
		if !g.inPaste {
			switch {
			case c == pasteStart[g.started]:
				g.started++
			case c == 0x1b:
				g.started = 1
			default:
				g.started = 0
			}
			if g.started == len(pasteStart) {
				g.inPaste, g.started = true, 0
			}
			out = append(out, c)
			continue
		}
		if c != 0x1b {
			out = append(out, c)
			continue
		}
		rest := data[i:]
		switch {
		case bytes.HasPrefix(rest, pasteEnd):
			out = append(out, pasteEnd...)
			i += len(pasteEnd) - 1
			g.inPaste = false
		case bytes.HasPrefix(pasteEnd, rest):
			g.held = append([]byte(nil), rest...)
			return out
		default:
			out = append(out, escMark...)
		}
	}
	return out
}

// pastedSequence is the first escape sequence a paste held, as far as it
// can be told from the text (up to its final letter), or "".
func pastedSequence(s string) string {
	i := strings.Index(s, escMark)
	if i < 0 {
		return ""
	}
	seq := "\x1b" + s[i+len(escMark):]
	end := 1
	for end < len(seq) && end < 24 {
		c := seq[end]
		end++
		if end > 2 && (c >= 0x40 && c <= 0x7e) {
			break
		}
	}
	return seq[:end]
}
