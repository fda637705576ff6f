package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// footer is the last two lines of the screen: the help.
func footer(d *driver) string {
	lines := strings.Split(d.screen(), "\n")
	return strings.Join(lines[max(len(lines)-2, 0):], "\n")
}

// TestTheResultFooterKeepsTheWayBackAndOutAtEveryWindowTheAppDraws: at
// 60x20, the smallest window drawn, the result's footer (consent keys,
// the referral arrows, m, e, enter save, esc back, ctrl+c quit) took
// three lines and was cut to two, dropping "esc back · ctrl+c quit": a
// clinician at a small window lost the way back to the review and out of
// the assessment. At every width from the smallest to the widest drawn,
// with the reasons cut to fit and in full, the footer now shows every
// key, the way back and out among them.
func TestTheResultFooterKeepsTheWayBackAndOutAtEveryWindowTheAppDraws(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toResultWithManyNeeds(d)
	if len(d.m.referrals()) <= firstReferrals {
		t.Fatalf("the result has %d referrals: m is not offered, it does not test the fault", len(d.m.referrals()))
	}
	for _, full := range []bool{false, true} {
		for w := minWidth; w <= maxWidth+2; w++ {
			d.send(tea.WindowSizeMsg{Width: w, Height: minHeight})
			if full != d.m.fullReasons {
				d.press("e")
				d.aloneEnds()
			}
			if d.m.fullReasons != full {
				t.Fatalf("e did not show the reasons %v\n%s", map[bool]string{true: "in full", false: "cut to fit"}[full], d.screen())
			}
			if !d.m.resultCompact && !d.m.fullReasons {
				continue // no e offered: nothing to cut at this size
			}
			f := flat(footer(d))
			for _, want := range []string{"a agrees", "d declines", "n not discussed", "↑/↓", "m ", "e ", "enter save", "esc back", "ctrl+c quit"} {
				if !strings.Contains(f, want) {
					t.Errorf("at %dx%d (reasons in full: %v) the result's footer drops %q:\n%s", w, minHeight, full, want, footer(d))
				}
			}
			if strings.Contains(f, "…") {
				t.Errorf("at %dx%d the result's footer is cut:\n%s", w, minHeight, footer(d))
			}
		}
	}
}

// TestAHelpLineTooLongForTwoLinesKeepsTheWayBackAndOut: the help has two
// lines; keys that do not fit were cut from the end, where esc and ctrl+c
// stand. Whatever does not fit, the way back (esc) and out (ctrl+c, q)
// stays.
func TestAHelpLineTooLongForTwoLinesKeepsTheWayBackAndOut(t *testing.T) {
	t.Parallel()
	st := newStyles(themeDark)
	k := newKeyMap()
	var bs []key.Binding
	for _, d := range []string{"first thing", "second thing", "third thing", "fourth thing", "fifth thing", "sixth thing", "seventh thing"} {
		bs = append(bs, key.NewBinding(key.WithKeys("f"), key.WithHelp("f", d)))
	}
	for w := minWidth - 2; w <= maxWidth; w++ {
		for _, tail := range [][]key.Binding{{k.Back, k.Quit}, {k.Exit}} {
			got := ansi.Strip(st.helpLine(w, append(bs, tail...)...))
			if n := strings.Count(got, "\n") + 1; n > 2 {
				t.Fatalf("at %d columns the help takes %d lines:\n%s", w, n, got)
			}
			for _, b := range tail {
				h := b.Help()
				if !strings.Contains(got, h.Key+" "+h.Desc) {
					t.Errorf("at %d columns the help drops %q:\n%s", w, h.Key+" "+h.Desc, got)
				}
			}
			if !strings.Contains(got, "first thing") {
				t.Errorf("at %d columns the help drops the first key rather than the last:\n%s", w, got)
			}
		}
	}
}
