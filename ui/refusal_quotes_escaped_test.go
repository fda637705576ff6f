package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// invisibleKeys are keys that draw nothing: the Hangul filler and the
// Braille blank, each a letter to Go's %q, and so quoted raw.
var invisibleKeys = []struct {
	r   rune
	esc string
}{
	{'\u3164', `"\u3164"`},
	{'\u2800', `"\u2800"`},
}

// typeRune sends r as a key typed on its own.
func typeRune(d *driver, r rune) {
	d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
}

// TestARefusalQuotesAKeyThatDrawsNothingAsAnEscape: a key that draws
// nothing (a Hangul filler, a Braille blank, as a keyboard layout or an
// input method sends them) typed on a list, the result, the list of
// drafts, ctrl+c's question or a window too small was refused as
// 'Not an answer: "ㅤ" is not a key of this list.', the character raw
// between the quotes, so the clinician read two quotes with nothing
// between, and could not tell what was typed. Every refusal of the full
// screen now quotes typed text as the project's refusals do
// (questionnaire.Quote): "\u3164".
func TestARefusalQuotesAKeyThatDrawsNothingAsAnEscape(t *testing.T) {
	t.Parallel()
	screens := []struct {
		name string
		at   func(t *testing.T) *driver
	}{
		{"a list", func(t *testing.T) *driver {
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			enterPatient(d)
			return d
		}},
		{"the result", func(t *testing.T) *driver {
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			toScriptedResult(d)
			return d
		}},
		{"the list of drafts", func(t *testing.T) *driver {
			d, _ := draftsTyping(t)
			return d
		}},
		{"ctrl+c's question", func(t *testing.T) *driver {
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			enterPatient(d)
			d.press("ctrl+c")
			d.waitFor("Discard this assessment?")
			time.Sleep(d.m.refusalHold)
			return d
		}},
		{"a window too small", func(t *testing.T) *driver {
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			enterPatient(d)
			d.send(tea.WindowSizeMsg{Width: 50, Height: 24})
			return d
		}},
	}
	for _, sc := range screens {
		for _, k := range invisibleKeys {
			t.Run(sc.name+" "+k.esc, func(t *testing.T) {
				t.Parallel()
				d := sc.at(t)
				typeRune(d, k.r)
				d.aloneEnds()
				s := d.screen()
				if strings.ContainsRune(s, k.r) {
					t.Errorf("the refusal draws the key raw:\n%s", s)
				}
				if !strings.Contains(s, k.esc) {
					t.Errorf("the refusal does not quote the key as %s:\n%s", k.esc, s)
				}
			})
		}
	}
}
