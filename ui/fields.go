package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"digicheck/questionnaire"
)

// Questions on screen. A field is one question: a single choice, a multiple
// choice or a line of text. A form is the questions of one screen, asked one
// at a time. Both are plain structs updated synchronously by the root model:
// a key is applied, and any move to the next question made, before the next
// key is read. Keys that arrive in one burst (a fast typist, a remote desktop
// that batches keys, a loaded ward PC) therefore land on the question on
// screen when each is read, never on one already left.
//
// A single choice starts with nothing chosen: enter alone answers nothing,
// so no answer is ever recorded that nobody gave. An option is chosen by its
// number, or by moving to it with the arrows and pressing enter. The
// highlight (cursor) is not the answer (chosen): only a chosen answer is
// drawn filled, and a question that comes back into view has its highlight
// on its answer, or on nothing, never where the arrows last left it.
//
// On a list, a key that is typed text but no option's key (a letter of a
// word typed where a text box was expected) is refused, never a move:
// the keys typed with it are then dropped, so the enter after a word
// never chooses.

type fieldKind int

const (
	oneOf    fieldKind = iota // a single choice
	manyOf                    // tick every answer that applies
	freeText                  // a line of text
)

type fieldOption struct {
	label string
	code  string
}

// field is one question. Its values are read by the screen that owns it only
// once the form is done (or, for a draft, once the question was confirmed).
type field struct {
	kind    fieldKind
	title   string
	hint    string
	options []fieldOption
	// cursor is the highlighted option, -1 for none.
	cursor int
	// chosen is a single choice's answer, -1 until a key chooses one.
	chosen int
	// opened is a digit typed on a long list that may begin a number of
	// two digits (the 1 of 11: opensNumber): it points at its option and
	// chooses nothing until the next key says which number it is.
	opened string
	// notKey is set when the key last refused was typed text that is no
	// key of this list (see update): the keys typed with it are held
	// for as long as they keep coming.
	notKey bool
	ticked []bool
	input  textinput.Model
	// given is true while a text question still holds the value it was
	// opened with (the login name, the last team, an earlier answer) and no
	// key has edited it: enter keeps it, and the first character typed or
	// pasted replaces it rather than being added to it, so "Dr X" typed over
	// "root" is saved as "Dr X", never "rootDr X". An arrow key or
	// backspace starts editing the given value instead.
	given bool
	// most is the most characters a text answer may have (0: no limit).
	// The count is shown as it is typed. The input holds up to twice
	// most (input.CharLimit), all of it in view, so that too long an
	// answer is counted and refused at enter with its reason, never cut
	// short to something nobody typed; past that a key is refused.
	most int
	// countAtLimit shows the count only once the limit is reached, for
	// an answer whose own check says what it must be (a patient number).
	countAtLimit bool
	// check refuses an answer with a reason for the status line.
	check func(values []string) error
	err   error
	// summary names the question in the list of answers above the one in
	// focus; the title when empty.
	summary string
	// adviseOnEnter holds back choiceHelp until an enter with no answer
	// is refused: on a screen that asks whether to ask (the optional
	// questions' gate), advice shown before any key read as a refusal of
	// something the clinician had not done.
	adviseOnEnter bool
	// shownCursor and shownTicked are the choice as it was when the
	// question came into focus, and shownAt when (see revert).
	shownCursor int
	shownChosen int
	shownTicked []bool
	shownAt     time.Time
	// shownText is a text question's text as it came into focus, and
	// shownHeld whether the question came into focus holding an answer
	// (an amendment, a section opened again, a resumed draft, a
	// follow-up, a question gone back to): a key that would change or
	// keep it before it could be read is refused (Model.answerUnread).
	shownText string
	shownHeld bool
	// givenEmpty is set on a text box whose answer was given empty
	// before it was built (a postcode district left empty in a section
	// completed, a reason why not given as none, a team left empty):
	// an answer given empty is an answer, and the box coming up holding
	// it is held as one holding text is (givenAnswer).
	givenEmpty bool
	// keepFrom is when an enter may first keep the answer the question
	// came into focus with: its coming into focus, or an enter refused
	// for coming before it could be read (Model.enterUnread). keepLen is
	// the word hold as that wait began (-1 until the model notes it):
	// the wait lasts that long, or less if the hold is made shorter
	// meanwhile, as Model.heldLen does.
	keepFrom time.Time
	keepLen  time.Duration
	// revealed marks a question asked only because of an earlier answer
	// (the why-not of a referral not taken up, an item with EnableWhen).
	// Keys typed quickly after that answer were meant for the question
	// that was to come next, not this one: when an answer brings it on
	// screen, the keys typed in the next moment are held (see formKey).
	revealed bool
	// gaveWay says why the answer this question held was cleared: it
	// gave way to a later answer (a choice of texts to "must not be
	// texted"). Shown with the question until it is answered again.
	gaveWay string
	// took is the answer last confirmed with enter (tookSet once one
	// was): a question gone back past keeps it as confirmed while it is
	// unchanged, and one changed since is not confirmed (see
	// sectionForm.confirmed).
	took    []string
	tookSet bool
	// takenBack is set when the enter that answered this text box was
	// taken back, a line feed straight after it showing it was the end
	// of a pasted line (Model.lineEnd), until an enter answers it again:
	// its text is no answer, though a completed section's answers, given
	// to the session, still hold it (sectionForm.confirmed).
	takenBack bool
}

// confirmedNow reports whether the question holds the answer last
// confirmed with enter, unchanged since.
func (f *field) confirmedNow() bool { return f.tookSet && slices.Equal(f.values(), f.took) }

// choiceHelp is the status line's advice while a single choice has no answer.
const choiceHelp = "Choose an answer: press its number, or ↑/↓ then enter."

// choiceAdvice is choiceHelp for a question of n options: the tenth is
// chosen by 0, and those after it by the arrows alone.
func choiceAdvice(n int) string {
	if n > 19 {
		return "Choose an answer: type the number beside it (1 then enter for the first), or ↑/↓ then enter (the only way to those with no number)."
	}
	if n > 9 {
		return "Choose an answer: type the number beside it (1 then enter for the first), or ↑/↓ then enter."
	}
	return choiceHelp
}

func newChoice(title, hint string, opts []fieldOption, value string, chosen bool, check func([]string) error) *field {
	f := &field{kind: oneOf, title: title, hint: hint, options: opts, cursor: -1, chosen: -1, check: check}
	if chosen {
		for i, o := range opts {
			if o.code == value {
				f.cursor, f.chosen = i, i
			}
		}
	}
	return f
}

func newMulti(title, hint string, opts []fieldOption, values []string, check func([]string) error) *field {
	f := &field{kind: manyOf, title: title, hint: hint, options: opts, chosen: -1, ticked: make([]bool, len(opts)), check: check}
	for i, o := range opts {
		for _, v := range values {
			if o.code == v {
				f.ticked[i] = true
			}
		}
	}
	return f
}

// newText asks for a line of text of at most most characters (0: any
// number). Up to twice that may be typed and is kept in view, for the
// check to refuse at enter; a value given longer still (a record made
// before the limit) is kept whole, never cut short unseen.
func newText(title, hint, value string, most int, check func([]string) error) *field {
	in := textinput.New()
	in.Prompt = "> "
	if most > 0 {
		in.CharLimit = max(2*most, utf8.RuneCountInString(value))
	}
	in.SetValue(value)
	in.CursorEnd()
	f := &field{kind: freeText, title: title, hint: hint, input: in, most: most, check: check, given: value != "", cursor: -1, chosen: -1}
	return f
}

// room is how many more characters a text question takes, after what it
// holds now (a given value is replaced by the first typed); -1 when there
// is no limit.
func (f *field) room() int {
	if f.input.CharLimit <= 0 {
		return -1
	}
	if f.given {
		return f.input.CharLimit
	}
	return max(f.input.CharLimit-utf8.RuneCountInString(f.input.Value()), 0)
}

// countLine says how many characters a text question holds against its
// limit, as they are typed, and when the field takes no more.
func (f *field) countLine(st *Styles) string {
	if f.most <= 0 {
		return ""
	}
	n := utf8.RuneCountInString(f.input.Value())
	if f.countAtLimit && n < f.most {
		return ""
	}
	switch {
	case n > f.most:
		return st.Error.Render(fmt.Sprintf("  %d of %d characters: too long, shorten it", n, f.most))
	}
	return st.Hint.Render(fmt.Sprintf("  %d of %d characters", n, f.most))
}

// typeText applies a key or a paste to a text question, replacing a given
// value that has not been edited (see field.given).
func (f *field) typeText(msg tea.Msg) {
	if f.given {
		switch m := msg.(type) {
		case tea.PasteMsg:
			f.input.SetValue("")
		case tea.KeyPressMsg:
			if m.Text != "" && m.Mod&(tea.ModCtrl|tea.ModAlt) == 0 {
				f.input.SetValue("")
			}
		}
		f.given = false
	}
	f.input, _ = f.input.Update(msg)
}

// answered reports whether a single choice has a choice; other kinds are
// checked by check alone.
func (f *field) answered() bool { return f.kind != oneOf || f.chosen >= 0 }

// values is the field's answer as codes (or the text typed, trimmed).
func (f *field) values() []string {
	switch f.kind {
	case oneOf:
		if f.chosen < 0 || f.options[f.chosen].code == "" {
			return nil
		}
		return []string{f.options[f.chosen].code}
	case manyOf:
		var out []string
		for i, t := range f.ticked {
			if t {
				out = append(out, f.options[i].code)
			}
		}
		return out
	}
	if s := strings.TrimSpace(f.input.Value()); s != "" {
		return []string{s}
	}
	return nil
}

// text is the field's answer in the words shown on screen.
func (f *field) text() string {
	switch f.kind {
	case oneOf:
		if f.chosen < 0 {
			return ""
		}
		return f.options[f.chosen].label
	case manyOf:
		var out []string
		for i, t := range f.ticked {
			if t {
				out = append(out, f.options[i].label)
			}
		}
		return strings.Join(out, "; ")
	}
	return strings.TrimSpace(f.input.Value())
}

func (f *field) focus() {
	switch f.kind {
	case freeText:
		f.input.Focus()
		// A text question that comes into view holding an answer (gone
		// back to, or opened on an earlier answer) keeps it at enter, and
		// the first character typed replaces it, as every text question
		// does and says: never added to it ("TigrinyaAmharic").
		f.given = f.input.Value() != ""
		f.input.CursorEnd()
	case oneOf:
		// The highlight starts on the answer, or on nothing: where the
		// arrows left it when the question was last in view is no answer,
		// and enter must not make it one.
		f.cursor = f.chosen
	}
	f.shownCursor, f.shownChosen, f.shownTicked, f.shownAt = f.cursor, f.chosen, slices.Clone(f.ticked), time.Now()
	f.shownText, f.shownHeld = f.input.Value(), f.holds() || f.givenAnswer()
	f.keepFrom, f.keepLen = f.shownAt, -1
}

// holds reports whether the question holds an answer now: a choice, a
// tick, or text.
func (f *field) holds() bool {
	switch f.kind {
	case freeText:
		return f.input.Value() != ""
	case manyOf:
		return slices.Contains(f.ticked, true)
	}
	return f.chosen >= 0
}

// givenAnswer reports whether the text box, empty, holds an answer given
// empty: before it was built (givenEmpty), or confirmed with enter since
// (a box gone back to). Not held, "enter x y z enter" typed to keep "No,
// I did not take it up" saved "xyz" as the patient's reason why not,
// given as none, and "enter L S 1 enter" a postcode district left empty.
// A box never answered (the reason of an outcome just chosen, a new
// assessment's team) holds none.
func (f *field) givenAnswer() bool {
	return f.kind == freeText && f.input.Value() == "" && (f.givenEmpty || f.tookSet)
}

// asShown reports whether the question holds the answer it came into
// focus with, unchanged since (the highlight of a list, or the place of
// the cursor in a text, may have moved).
func (f *field) asShown() bool {
	switch f.kind {
	case freeText:
		return f.input.Value() == f.shownText
	case manyOf:
		return slices.Equal(f.ticked, f.shownTicked)
	}
	return f.chosen == f.shownChosen
}

// putBack puts the question back as it came into focus holding an
// answer, for a key refused on it before it could be read
// (Model.refuseUnread): the highlight on the answer, or the text whole,
// with the cursor at its end, replaced by the next character typed.
func (f *field) putBack() {
	switch f.kind {
	case freeText:
		if f.input.Value() == f.shownText {
			f.given = f.shownText != ""
			f.input.CursorEnd()
		}
	case oneOf:
		f.cursor = f.chosen
	}
}

// textChange is the keys, other than text typed, that change what a text
// box holds: those that delete, and the paste key.
var textChange = key.NewBinding(key.WithKeys("backspace", "delete", "ctrl+h", "ctrl+w", "ctrl+backspace",
	"alt+backspace", "ctrl+u", "ctrl+k", "ctrl+d", "alt+delete", "alt+d", "ctrl+v"))

// changes reports whether msg, given to the question, would change its
// answer: a digit on a list (choosing, ticking or unticking), x on a list
// of many answers, and on a text box a character typed or a key that
// deletes. An enter, which keeps or confirms, is looked at apart
// (Model.enterUnread); the arrows only move.
func (f *field) changes(msg tea.KeyPressMsg) bool {
	switch f.kind {
	case freeText:
		return typedText(msg) || key.Matches(msg, textChange)
	case manyOf:
		return f.digit(msg) >= 0 || key.Matches(msg, fieldToggle)
	}
	return f.digit(msg) >= 0
}

// keepsShown reports whether an enter now would keep the answer the
// question came into focus with (given before: an amendment, a section
// opened again, a question gone back to), unchanged since.
func (f *field) keepsShown() bool {
	switch f.kind {
	case freeText:
		return f.given && f.input.Value() != ""
	case manyOf:
		return slices.Equal(f.ticked, f.shownTicked) && slices.Contains(f.ticked, true)
	}
	return f.chosen >= 0 && f.chosen == f.shownChosen && (f.cursor < 0 || f.cursor == f.chosen)
}

// revert puts a choice back as it was when it came into focus, for esc
// typed so soon after that the question could not have been read (see
// Model.escBefore).
func (f *field) revert() {
	if f.kind == freeText {
		return
	}
	f.cursor, f.chosen = f.shownCursor, f.shownChosen
	copy(f.ticked, f.shownTicked)
}

// clear takes the answer away, so the question must be answered again,
// saying why (gaveWay).
func (f *field) clear(why string) {
	f.cursor, f.chosen = -1, -1
	for i := range f.ticked {
		f.ticked[i] = false
	}
	if f.kind == freeText {
		f.input.SetValue("")
	}
	f.gaveWay = why
}

func (f *field) blur() {
	f.opened = "" // a first digit waits only while its list is in view
	if f.kind == freeText {
		f.input.Blur()
	}
}

// optionKey is the key that chooses option i: 1-9, then 0 for the tenth;
// "" for those after it, which are reached by the arrows (and home/end)
// alone. No letter is the key of an option: a word typed on a list where a
// text box was expected ("english" on the ethnic group list, "arabic" on
// the interpreter's language) would otherwise choose by one of its letters.
func optionKey(i int) string {
	switch {
	case i < 9:
		return strconv.Itoa(i + 1)
	case i == 9:
		return "0"
	}
	return ""
}

// optionNumber is what is drawn beside option i of a single choice of n
// options: its key (optionKey), or on a list past ten options from the
// tenth on its number of two digits (10, 11), typed digit by digit
// (opensNumber), as the advice after a 1 names them; "" past 19. The
// tenth drawn as 0 beside an advice to type "the second digit of 10 or
// 11" left 10 unnamed on the screen (0 still chooses it at once).
func optionNumber(i, n int) string {
	if i == 9 && n > 10 {
		return "10"
	}
	if k := optionKey(i); k != "" || i >= 19 {
		return k
	}
	return strconv.Itoa(i + 1)
}

// opensNumber reports whether msg, a digit on a single-choice list, may
// begin a number of two digits of the list: on the interpreter's language
// list (11 options) a 1 may be the plain prompts' 10 or 11, which a slow
// typist's second digit, half a second later, would otherwise have
// answered the next question with. It chooses nothing at once.
func (f *field) opensNumber(msg tea.KeyPressMsg) bool {
	return f.kind == oneOf && f.opened == "" && isDigit(msg) && msg.Text != "0" && 10*int(msg.Text[0]-'0') <= len(f.options)
}

// closesNumber reports whether msg is the second digit of a number a
// digit before it opened (opensNumber).
func (f *field) closesNumber(msg tea.KeyPressMsg) bool {
	return f.kind == oneOf && f.opened != "" && isDigit(msg)
}

// numberKeys is how the keys of a list whose options run past 9 are
// said: "10 or 11", "10 to 18".
func numberKeys(first string, n int) string {
	lo, hi := first+"0", min(n, 10*int(first[0]-'0')+9)
	if strconv.Itoa(hi) == lo {
		return lo
	}
	if hi == 10*int(first[0]-'0')+1 {
		return lo + " or " + strconv.Itoa(hi)
	}
	return lo + " to " + strconv.Itoa(hi)
}

// openedAdvice says what a digit that opened a number waits for.
func (f *field) openedAdvice() string {
	i, _ := strconv.Atoi(f.opened)
	return fmt.Sprintf("%s: press enter to choose %s, or type the second digit of %s.", f.opened, f.options[i-1].label, numberKeys(f.opened, len(f.options)))
}

// digit is the option a key names (1-9, 0 for the tenth: optionKey), or -1.
func (f *field) digit(msg tea.KeyPressMsg) int {
	s := msg.String()
	if len(s) != 1 {
		return -1
	}
	for i := range f.options {
		if optionKey(i) == s {
			return i
		}
	}
	return -1
}

var (
	// Moves are keys no word is typed with: a letter that moved the
	// highlight (vim's j, k, g, G) turned a word typed on a list into a
	// choice at the enter after it.
	fieldUp     = key.NewBinding(key.WithKeys("up"))
	fieldDown   = key.NewBinding(key.WithKeys("down"))
	fieldTop    = key.NewBinding(key.WithKeys("home"))
	fieldBottom = key.NewBinding(key.WithKeys("end"))
	// x alone ticks: a Space ticked the answer highlighted, pressed out
	// of habit (to page on, to wake the screen), and is refused as on a
	// list of one answer.
	fieldToggle = key.NewBinding(key.WithKeys("x"))
	fieldEnter  = key.NewBinding(key.WithKeys("enter"))
)

// update applies one key and reports whether it answered the question (the
// form then moves on). A refused answer leaves err set.
func (f *field) update(msg tea.KeyPressMsg) bool {
	f.err, f.notKey = nil, false
	opened := f.opened
	f.opened = ""
	if f.kind == freeText {
		if key.Matches(msg, fieldEnter) {
			return f.submit()
		}
		if name := controlKey(msg); name != "" {
			// The text input would drop it without a word, keeping the
			// letters around it: a tab pasted between "LS6" and "2"
			// saved the postcode LS62. It is a paste the terminal did
			// not mark as one (or a key no answer holds): refused where
			// typed, and the keys after it are ignored until esc, so
			// the rest of the paste answers nothing (formKey).
			f.notKey = true
			f.err = fmt.Errorf("Not typed: %s came in with the text, as from a paste the terminal did not mark; an answer holds no control characters. The text before it is kept: type the rest without it.", name)
			return false
		}
		if msg.Text != "" && msg.Mod&(tea.ModCtrl|tea.ModAlt) == 0 && f.room() == 0 {
			// The text input would drop the key without a word: what
			// was typed stays in view, and this is refused, saying so.
			f.err = fmt.Errorf("Not typed: the answer may have at most %d characters and has %d already: shorten it", f.most, utf8.RuneCountInString(f.input.Value()))
			return false
		}
		f.typeText(msg)
		return false
	}
	last := len(f.options) - 1
	switch {
	case isLineFeed(msg):
		// A line break of text pasted where the terminal does not mark a
		// paste: dropped without a word, the pasted line after it went
		// on to answer this list. Refused as text typed on a list is.
		if f.kind == oneOf {
			f.cursor = f.chosen
		}
		f.notKey = true
		f.err = fmt.Errorf("Not an answer: a line break (Ctrl+J) is not a key of this list; text pasted where the terminal does not mark a paste comes as keys, and answers nothing here.")
		return false
	case opened != "" && isDigit(msg):
		// The second digit: the number is the option, as the plain
		// prompts number it, however slowly it came.
		n, _ := strconv.Atoi(opened + msg.Text)
		if n > len(f.options) {
			f.cursor = f.chosen
			f.notKey = true
			f.err = fmt.Errorf("Not an answer: %s: the options go up to %d.", questionnaire.Quote(opened+msg.Text), len(f.options))
			return false
		}
		was := f.chosen
		f.cursor, f.chosen = n-1, n-1
		if !f.submit() {
			f.cursor, f.chosen = was, was
			return false
		}
		return true
	case f.opensNumber(msg):
		// It may begin a number of two digits: it points, and waits.
		f.opened = msg.Text
		f.cursor = int(msg.Text[0]-'0') - 1
		return false
	case f.digit(msg) >= 0:
		i := f.digit(msg)
		f.cursor = i
		if f.kind == manyOf {
			f.ticked[i] = !f.ticked[i]
			return false
		}
		was := f.chosen
		f.chosen = i
		if !f.submit() {
			// Refused (a text message beside "must not be texted"):
			// the answer is what it was, and only it is drawn chosen.
			f.cursor, f.chosen = was, was
			return false
		}
		return true
	case typedText(msg) && !(f.kind == manyOf && key.Matches(msg, fieldToggle) && f.cursor >= 0):
		// (x ticks the highlighted option; with none highlighted it
		// would tick one nobody pointed at.)
		// Typed text that is no option's key: a word typed where a text
		// box was expected. It is refused, and the highlight goes back
		// to the answer (or to none), so the enter typed after the word
		// chooses nothing.
		if f.kind == oneOf {
			f.cursor = f.chosen
		}
		f.notKey = true
		f.err = fmt.Errorf("Not an answer: %s is not a key of this list.%s", questionnaire.Quote(msg.Text),
			capsHint(msg.Text, func(l string) bool { return f.kind == manyOf && l == "x" }))
		return false
	case key.Matches(msg, fieldUp):
		f.cursor = max(f.cursor-1, 0)
	case key.Matches(msg, fieldDown):
		f.cursor = min(f.cursor+1, last)
	case key.Matches(msg, fieldTop):
		f.cursor = 0
	case key.Matches(msg, fieldBottom):
		f.cursor = last
	case f.kind == manyOf && key.Matches(msg, fieldToggle):
		f.ticked[f.cursor] = !f.ticked[f.cursor]
	case key.Matches(msg, fieldEnter):
		was := f.chosen
		if f.kind == oneOf && f.cursor >= 0 {
			// The arrows moved to an option with the question in view,
			// and enter chooses it.
			f.chosen = f.cursor
		}
		if !f.submit() {
			// Refused: the highlight stays where the arrows left it,
			// and the answer is what it was.
			f.chosen = was
			return false
		}
		return true
	}
	return false
}

// isLineFeed reports whether msg is a line feed (Ctrl+J): the second
// half of a Windows line end (CR LF) in text pasted as keys, or the
// whole line end of a Unix one. Nobody types it.
func isLineFeed(msg tea.KeyPressMsg) bool {
	return msg.Code == 'j' && msg.Mod == tea.ModCtrl
}

// controlKey names msg when it is a control character typed into a text
// answer (a tab, a line feed, Ctrl with a letter or a sign), other than
// the keys that edit the text (editKey) and ctrl+c; "" otherwise.
func controlKey(msg tea.KeyPressMsg) string {
	switch {
	case msg.Code == tea.KeyTab:
		return "a tab"
	case isLineFeed(msg):
		return "a line break (Ctrl+J)"
	case msg.Mod&tea.ModCtrl == 0 || key.Matches(msg, editKey) || msg.String() == "ctrl+c":
		return ""
	case msg.Code == tea.KeySpace:
		return "a control character (Ctrl+Space)"
	case msg.Code > ' ' && msg.Code < 0x7f:
		return fmt.Sprintf("a control character (Ctrl+%s)", strings.ToUpper(string(msg.Code)))
	}
	return ""
}

// typedText reports whether msg is text typed (a letter, a digit, a
// space), not a key that moves or confirms.
func typedText(msg tea.KeyPressMsg) bool {
	return msg.Text != "" && msg.Mod&(tea.ModCtrl|tea.ModAlt) == 0 && !key.Matches(msg, fieldEnter)
}

// advice is how a list is answered, as the status line says it.
func (f *field) advice() string {
	if f.kind == manyOf {
		return "Tick every answer that applies: press the number beside it, or ↑/↓ then x."
	}
	return choiceAdvice(len(f.options))
}

// refusal is why the answer on screen was refused, as the status line
// says it.
func (f *field) refusal() string {
	if f.kind == manyOf && len(f.values()) == 0 && !f.notKey {
		return "An answer is needed: tick every answer that applies (its number, or x), then press enter."
	}
	return f.err.Error()
}

func (f *field) submit() bool {
	if !f.answered() {
		f.err = fmt.Errorf("%s", choiceAdvice(len(f.options)))
		return false
	}
	if f.check != nil {
		if err := f.check(f.values()); err != nil {
			f.err = err
			return false
		}
	}
	f.gaveWay = ""
	f.took, f.tookSet = f.values(), true
	return true
}

// givenHint is said under a text box holding an answer given before.
const givenHint = "enter keeps this; typing replaces it; ← or backspace edits it"

// render draws the question in at most height lines: the title, the hint,
// and the options (scrolled to keep the cursor in view when they do not all
// fit), each with its number and a marker that reads without colour.
func (f *field) render(st *Styles, width, height int) string {
	var lines []string
	lines = append(lines, strings.Split(st.Question.Render(ansi.Wrap(f.title, width, "")), "\n")...)
	if f.hint != "" {
		lines = append(lines, strings.Split(st.Hint.Render(ansi.Wrap(f.hint, width, "")), "\n")...)
	}
	if f.gaveWay != "" {
		lines = append(lines, strings.Split(st.Error.Render(ansi.Wrap(f.gaveWay, width, "")), "\n")...)
	}
	if f.kind == freeText {
		f.input.SetWidth(max(width-4, 10))
		lines = append(lines, "", f.input.View())
		if c := f.countLine(st); c != "" && f.input.Focused() {
			lines = append(lines, c)
		}
		if f.given && f.input.Focused() {
			// Wrapped, as a refusal is: at 60 columns its end, how to
			// edit the answer, was cut off at the edge.
			for _, l := range strings.Split(ansi.Wrap(givenHint, max(width-2, 10), ""), "\n") {
				lines = append(lines, st.Hint.Render("  "+l))
			}
		}
		return strings.Join(fitTop(lines, height), "\n")
	}
	lines = append(lines, "")
	room := height - len(lines)
	rows := f.optionRows(st, width)
	if room < min(3, len(rows)) {
		// A tiny window: the options matter more than the hint. Two
		// options in two rows need no more (the notice box above
		// takes what the question leaves).
		lines = lines[:min(len(lines), 1)]
		room = height - len(lines)
	}
	if len(rows) <= room {
		return strings.Join(append(lines, rows...), "\n")
	}
	// Scroll: a line says what is hidden above and below.
	show := max(room-2, 1)
	c := max(f.cursor, 0)
	top := min(max(c-show/2, 0), len(rows)-show)
	if top > 0 {
		lines = append(lines, st.Hint.Render("  ↑ "+f.hiddenText(0, top)))
	} else {
		lines = append(lines, "")
	}
	lines = append(lines, rows[top:top+show]...)
	if rest := len(rows) - top - show; rest > 0 {
		lines = append(lines, st.Hint.Render("  ↓ "+f.hiddenText(top+show, len(rows))))
	}
	return strings.Join(lines, "\n")
}

// hiddenText says how many options from..to-1 are scrolled out of view,
// and how many of them are ticked (chosen, for a single choice): "3 more,
// 1 ticked". "↓ 3 more" alone hid the only tick of a list of contact
// needs, and the need read as not given.
func (f *field) hiddenText(from, to int) string {
	n := 0
	for i := from; i < to; i++ {
		if f.kind == manyOf && f.ticked[i] || f.kind == oneOf && i == f.chosen {
			n++
		}
	}
	s := fmt.Sprintf("%d more", to-from)
	switch {
	case n > 0 && f.kind == manyOf:
		s += fmt.Sprintf(", %d ticked", n)
	case n > 0:
		s += ", the answer chosen"
	}
	return s
}

// optionRows draws one line per option, cut to the width.
func (f *field) optionRows(st *Styles, width int) []string {
	rows := make([]string, len(f.options))
	for i, o := range f.options {
		num := "  "
		k := optionKey(i)
		if f.kind == oneOf {
			k = optionNumber(i, len(f.options))
		}
		if k != "" {
			num = k + " "
		}
		if f.kind == oneOf && len(f.options) > 10 {
			// Room for 11 beside the keys of one digit, right-aligned.
			num = fmt.Sprintf("%3s", num)
		}
		var mark string
		switch {
		case f.kind == manyOf && f.ticked[i]:
			mark = "[x]"
		case f.kind == manyOf:
			mark = "[ ]"
		case i == f.chosen:
			mark = "(•)"
		default:
			mark = "( )"
		}
		row := num + mark + " " + o.label
		pointer := "  "
		style := st.Option
		switch {
		case i == f.cursor:
			pointer = "> "
			style = st.OptionFocused
		case f.kind == manyOf && f.ticked[i], f.kind == oneOf && i == f.chosen:
			style = st.OptionChosen
		}
		rows[i] = ansi.Truncate(st.Pointer.Render(pointer)+style.Render(row), width, "…")
	}
	return rows
}

// fitTop keeps the first n lines.
func fitTop(lines []string, n int) []string {
	if len(lines) > n {
		return lines[:max(n, 0)]
	}
	return lines
}

// form is the questions of one screen, asked one at a time. A question may
// be hidden by an earlier answer (shown reports it from live values).
type form struct {
	fields []*field
	shown  []func() bool // nil: always shown
	cur    int
	done   bool
	// before is which questions were shown as the one in focus came into
	// focus, taken at its first key (nil until then): a question shown
	// now that was not then was brought up by the answer (see noteShown).
	before []bool
}

// noteShown takes which questions are shown, once for the question in
// focus, before the first key given to it: until a key, the answers are
// as they were when it came into focus.
func (fm *form) noteShown() {
	if fm.before != nil {
		return
	}
	fm.before = make([]bool, len(fm.fields))
	for i := range fm.fields {
		fm.before[i] = fm.isShown(i)
	}
}

// newlyShown reports whether question i was not shown when the question
// in focus before it came into focus (see noteShown).
func (fm *form) newlyShown(i int, before []bool) bool {
	return before != nil && i < len(before) && !before[i]
}

func newFormOf(fields ...*field) *form {
	fm := &form{fields: fields, shown: make([]func() bool, len(fields))}
	fm.cur = fm.next(-1)
	if fm.cur < len(fields) {
		fields[fm.cur].focus()
	}
	return fm
}

func (fm *form) isShown(i int) bool { return fm.shown[i] == nil || fm.shown[i]() }

// next is the first shown question after i, or len(fields).
func (fm *form) next(i int) int {
	for j := i + 1; j < len(fm.fields); j++ {
		if fm.isShown(j) {
			return j
		}
	}
	return len(fm.fields)
}

// prev is the last shown question before i, or -1.
func (fm *form) prev(i int) int {
	for j := i - 1; j >= 0; j-- {
		if fm.isShown(j) {
			return j
		}
	}
	return -1
}

// focused is the question on screen, or nil once the form is done.
func (fm *form) focused() *field {
	if fm.done || fm.cur >= len(fm.fields) {
		return nil
	}
	return fm.fields[fm.cur]
}

func (fm *form) moveTo(i int) {
	if f := fm.focused(); f != nil {
		f.blur()
	}
	fm.cur, fm.before = i, nil
	if f := fm.focused(); f != nil {
		f.focus()
	}
}

// update gives a key to the question on screen and moves on when it is
// answered; done is set after the last shown question.
func (fm *form) update(msg tea.KeyPressMsg) {
	f := fm.focused()
	if f == nil {
		return
	}
	if !f.update(msg) {
		return
	}
	n := fm.next(fm.cur)
	if n >= len(fm.fields) {
		f.blur()
		fm.done = true
		return
	}
	fm.moveTo(n)
}

// back moves to the previous shown question, reporting false when the one
// on screen is the first.
func (fm *form) back() bool {
	if f := fm.focused(); f != nil {
		f.err = nil
	}
	p := fm.prev(fm.cur)
	if p < 0 {
		return false
	}
	fm.moveTo(p)
	return true
}

// showAgain focuses the question in focus anew, for a form shown again
// (gone back out of and on to again): the holds that count from its
// coming into view (outcomeUnread, tickUnread, enterUnread) begin again.
func (fm *form) showAgain() {
	if !fm.done {
		fm.moveTo(fm.cur)
	}
}

// toLast focuses the last shown question: going back into a screen lands
// on the question asked last, not the first.
func (fm *form) toLast() {
	fm.done = false
	fm.moveTo(max(fm.prev(len(fm.fields)), 0))
}

// err is why the answer on screen was refused, if it was.
func (fm *form) err() error {
	if f := fm.focused(); f != nil {
		return f.err
	}
	return nil
}

// render draws the answers already given on this screen, one line each,
// above the question in focus; the earliest give way when space is short.
func (fm *form) render(st *Styles, width, height int) string {
	f := fm.focused()
	if f == nil {
		return ""
	}
	block := strings.Split(f.render(st, width, height), "\n")
	var above []string
	for i := 0; i < fm.cur; i++ {
		if !fm.isShown(i) {
			continue
		}
		g := fm.fields[i]
		name := g.summary
		if name == "" {
			name = g.title
		}
		ans := questionnaire.PrintableTyped(g.text())
		if ans == "" {
			ans = "skipped"
		}
		label := ansi.Truncate(name, max(width/2-2, 12), "…")
		above = append(above, ansi.Truncate(st.Done.Render("✓ "+label+": ")+st.Value.Render(ans), width, "…"))
	}
	if room := height - len(block) - 1; len(above) > room {
		above = above[max(len(above)-max(room, 0), 0):]
	}
	if len(above) > 0 {
		above = append(above, "")
	}
	return strings.Join(append(above, block...), "\n")
}
