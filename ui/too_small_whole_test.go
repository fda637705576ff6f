package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"

	tea "charm.land/bubbletea/v2"
)

// sizeToken is a window size as the too-small screen writes it ("60x20"),
// or what is left of one cut short ("60x2", "60x").
var sizeToken = regexp.MustCompile(`^(\d+x\d*|\d*x\d+)$`)

// TestTheTooSmallMessageIsWholeAtAnySize: the screen of a window too small
// to draw was three lines cut at the window's edge. At 30x8 it read "make
// the window at least 60x2", a size that is not the one needed; at 25
// columns "make the window at least", no size at all; and it began in
// lower case wherever it showed. Down to 10x3 it is now whole sentences,
// wrapped, never cut: the size needed always in full, and the window's
// own size and that the answers are kept wherever they fit.
func TestTheTooSmallMessageIsWholeAtAnySize(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	// The sizes a tester found cut first, then every size down to 10x3.
	sizes := [][2]int{{30, 8}, {59, 19}, {45, 10}, {25, 8}, {10, 3}}
	for w := 10; w <= 80; w++ {
		for h := 3; h <= 24; h++ {
			if w < minWidth || h < minHeight {
				sizes = append(sizes, [2]int{w, h})
			}
		}
	}
	failed := 0
	for _, s := range sizes {
		d.send(tea.WindowSizeMsg{Width: s[0], Height: s[1]})
		frame := d.m.View().Content
		checkFits(t, frame, s[0], s[1])
		if wrong := checkTooSmall(s[0], s[1], plain(frame)); wrong != "" {
			t.Error(wrong)
			if failed++; failed == 5 {
				t.FailNow()
			}
		}
	}
	// Ctrl+c's question, asked while the window is too small, is whole
	// under the size needed, its keys too.
	d.send(tea.WindowSizeMsg{Width: 30, Height: 8})
	d.press("ctrl+c")
	scr := plain(d.m.View().Content)
	if f := flat(scr); !strings.Contains(f, "Make the window at least 60x20") || !strings.Contains(f, "Discard this assessment? Its answers have not been saved.") || !strings.Contains(f, "y discard and quit") || !strings.Contains(f, "n keep going") {
		t.Errorf("at 30x8 ctrl+c's question, or the size needed, is not whole:\n%s", scr)
	}
	d.press("n")
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.waitFor("Access · 1 of 5", "Which of these can you use")

	// Kept as a draft, the question has three keys: at 30x8 its help
	// line dropped "n keep going", the way back to the assessment.
	d = newDriver(t, withStore(testOptions(nil), tempStore(t)), 80, 24)
	enterPatient(d)
	d.send(tea.WindowSizeMsg{Width: 30, Height: 8})
	d.press("ctrl+c")
	scr = plain(d.m.View().Content)
	checkFits(t, d.m.View().Content, 30, 8)
	for _, want := range []string{"60x20", "Discard this assessment? It is kept as a draft, not saved as a record.", "y discard and quit", "k keep as a draft and quit", "n keep going"} {
		if !strings.Contains(flat(scr), want) {
			t.Errorf("at 30x8 ctrl+c's question, kept as a draft, does not say %q:\n%s", want, scr)
		}
	}
}

// checkTooSmall says what is wrong with the too-small screen scr at wxh,
// or "".
func checkTooSmall(w, h int, scr string) string {
	need := fmt.Sprintf("%dx%d", minWidth, minHeight)
	own := fmt.Sprintf("%dx%d", w, h)
	var words []string
	for _, l := range strings.Split(scr, "\n") {
		words = append(words, strings.Fields(l)...)
	}
	text := strings.Join(words, " ")
	for _, tok := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if sizeToken.MatchString(tok) && tok != need && tok != own {
			return fmt.Sprintf("at %s the screen names the size %q, neither the size needed (%s) nor the window's:\n%s", own, tok, need, scr)
		}
	}
	if !strings.Contains(scr, need) {
		return fmt.Sprintf("at %s the screen does not say the size needed, %s, whole on a line:\n%s", own, need, scr)
	}
	if r := []rune(text); !unicode.IsUpper(r[0]) || !strings.HasSuffix(text, ".") {
		return fmt.Sprintf("at %s the message is not whole sentences (it starts %q, ends %q):\n%s", own, string(r[0]), text[len(text)-1:], scr)
	}
	for _, s := range strings.Split(text, ". ")[1:] {
		if r := []rune(s); !unicode.IsUpper(r[0]) {
			return fmt.Sprintf("at %s a sentence starts in lower case, as if cut (%q):\n%s", own, s, scr)
		}
	}
	if strings.Count(text, "(") != strings.Count(text, ")") {
		return fmt.Sprintf("at %s a bracket is left open, as if cut:\n%s", own, scr)
	}
	if w >= 25 && h >= 5 {
		for _, want := range []string{"it is " + own + " now", "Your answers are kept."} {
			if !strings.Contains(text, want) {
				return fmt.Sprintf("at %s the screen, room enough, does not say %q:\n%s", own, want, scr)
			}
		}
	}
	return ""
}
