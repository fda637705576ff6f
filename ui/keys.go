package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// keyMap is every key the UI acts on itself. The help line is drawn from the
// same bindings that are matched, so what is shown is what works. Keys inside
// a question (typing, moving, choosing, ticking) are handled by the fields
// (fields.go); the form help entries below describe them.
type keyMap struct {
	Quit key.Binding
	Back key.Binding

	// Question screens: described here, handled by the fields.
	FormNext   key.Binding
	FormMove   key.Binding
	FormToggle key.Binding

	Confirm      key.Binding
	EditSection  key.Binding
	EditPatient  key.Binding
	EditOutcomes key.Binding

	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding

	Agree        key.Binding
	Decline      key.Binding
	NotDiscussed key.Binding
	More         key.Binding
	Reasons      key.Binding
	Save         key.Binding
	Retry        key.Binding

	Copy     key.Binding
	Handout  key.Binding
	SaveFile key.Binding
	Print    key.Binding
	New      key.Binding
	Exit     key.Binding

	// The list of unfinished assessments.
	Resume  key.Binding
	Discard key.Binding

	Yes  key.Binding
	Keep key.Binding
	No   key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Quit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),

		FormNext:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		FormMove:   key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move")),
		FormToggle: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "tick")),

		Confirm:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "confirm")),
		EditSection:  sectionKeys(9),
		EditPatient:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "patient")),
		EditOutcomes: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "earlier referrals")),

		// Scrolling is by keys no word is typed with: a letter that
		// scrolled (vim's j, k, g, G, b, f, or space) was a word's letter
		// taken as a key, as on the lists.
		Up:       key.NewBinding(key.WithKeys("up"), key.WithHelp("↑/↓", "scroll")),
		Down:     key.NewBinding(key.WithKeys("down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup/pgdn", "page")),
		PageDown: key.NewBinding(key.WithKeys("pgdown")),
		Top:      key.NewBinding(key.WithKeys("home")),
		Bottom:   key.NewBinding(key.WithKeys("end")),

		// A consent is one key for the referral highlighted, taken only
		// when typed on its own (Model.take): y, shown nowhere, agreed in
		// every word holding one ("Tigrinya").
		Agree:        key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "agrees")),
		Decline:      key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "declines")),
		NotDiscussed: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "not discussed")),
		More:         key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "more referrals")),
		Reasons:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "reasons in full")),
		Save:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Retry:        key.NewBinding(key.WithKeys("r", "enter"), key.WithHelp("r", "retry save")),

		Copy:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy note")),
		Handout:  key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "patient handout")),
		SaveFile: key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "save handout")),
		Print:    key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "print handout")),
		New:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new assessment")),
		Exit:     key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),

		Resume:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "resume")),
		Discard: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "discard")),

		// Lowercase only, as every letter key: a capital is a name's
		// first letter or Caps Lock, refused saying so.
		Yes:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "discard and quit")),
		Keep: key.NewBinding(key.WithKeys("k"), key.WithHelp("k", "keep as a draft and quit")),
		No:   key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "keep going")),
	}
}

// helpLine renders bindings as "key what · key what" on at most two lines,
// breaking only between bindings, and cuts what still does not fit so help
// never pushes the screen out of place; the way back and out (esc, ctrl+c)
// stay, the keys before them giving way.
func (s *Styles) helpLine(width int, bs ...key.Binding) string {
	var k strings.Builder
	fmt.Fprintf(&k, "help\x00%d", width)
	for _, b := range bs {
		h := b.Help()
		k.WriteString("\x00" + h.Key + "\x00" + h.Desc)
	}
	return s.cached(k.String(), func() string { return s.renderHelp(width, bs) })
}

func (s *Styles) renderHelp(width int, bs []key.Binding) string {
	lines := s.helpLines(width, bs)
	// Cut to two lines, the keys at the end were lost: esc and ctrl+c,
	// the way back and out, stand there (at 60x20 the result's footer
	// dropped "esc back · ctrl+c quit"). They are kept, and the keys
	// before them give way, the last first.
	for len(lines) > 2 {
		drop := -1
		for j := len(bs) - 1; j >= 0; j-- {
			if bs[j].Help().Key != "" && !wayOut(bs[j]) {
				drop = j
				break
			}
		}
		if drop < 0 {
			break
		}
		bs = slices.Delete(slices.Clone(bs), drop, drop+1)
		lines = s.helpLines(width, bs)
	}
	if len(lines) > 2 {
		lines = lines[:2]
	}
	for i := range lines {
		lines[i] = ansi.Truncate(lines[i], width, "…")
	}
	return strings.Join(lines, "\n")
}

// wayOut reports whether b is the way back (esc) or out (ctrl+c, or q on
// the saved screen), which the help always shows.
func wayOut(b key.Binding) bool {
	h := b.Help()
	return h.Key == "esc" || h.Key == "ctrl+c" || h.Desc == "quit"
}

// helpFits reports whether bs fit the help's two lines at width, none
// given way.
func (s *Styles) helpFits(width int, bs ...key.Binding) bool {
	return len(s.helpLines(width, bs)) <= 2
}

// helpLines is bs laid out as help, in as many lines as it takes at
// width, each broken between bindings.
func (s *Styles) helpLines(width int, bs []key.Binding) []string {
	sep := s.HelpSep.Render(" · ")
	sepW := ansi.StringWidth(sep)
	var lines []string
	var cur strings.Builder
	curW := 0
	for _, k := range bs {
		h := k.Help()
		if h.Key == "" {
			continue
		}
		item := s.HelpKey.Render(h.Key) + " " + s.HelpDesc.Render(h.Desc)
		w := ansi.StringWidth(item)
		if curW > 0 && curW+sepW+w > width {
			lines = append(lines, cur.String())
			cur.Reset()
			curW = 0
		}
		if curW > 0 {
			cur.WriteString(sep)
			curW += sepW
		}
		cur.WriteString(item)
		curW += w
	}
	if curW > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// sectionKeys opens the review's sections by number, 1 to n (at most 9):
// n is the number of sections of the assessment's own instrument.
func sectionKeys(n int) key.Binding {
	n = min(max(n, 1), 9)
	keys := make([]string, n)
	for i := range keys {
		keys[i] = strconv.Itoa(i + 1)
	}
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(fmt.Sprintf("1-%d", n), "change section"))
}
