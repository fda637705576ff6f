package ui

import (
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"digicheck/assess"
)

// A text answer is never cut short without a word: each field shows its
// count against its limit as it is typed, says so when it takes no more,
// refuses a paste that does not fit, and keeps whole (to refuse) a value
// given longer than the limit.

// TestTextTypedPastItsLimitIsKeptInViewAndRefusedAtEnter types past the
// limit of every text field of the patient screen and of the follow-up's
// reason: all of it is kept in view and counted, and enter refuses it,
// as the interpreter's language does. (A 68-character name was cut to 60,
// "no more can be typed", and enter saved the shortened name.)
func TestTextTypedPastItsLimitIsKeptInViewAndRefusedAtEnter(t *testing.T) {
	t.Parallel()
	for _, c := range textFields() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d, f := c.open(t)
			d.typeText("x") // replaces a value given, if any
			d.typeText(strings.Repeat("é", c.most-2))
			d.waitFor(c.title)
			if s := flat(d.screen()); !strings.Contains(s, itoa(c.most-1)+" of "+itoa(c.most)+" characters") {
				t.Fatalf("the count is not shown as it is typed:\n%s", d.screen())
			}
			d.typeText("yz" + strings.Repeat("w", 7))
			typed := "x" + strings.Repeat("é", c.most-2) + "yz" + strings.Repeat("w", 7)
			if got := f.input.Value(); got != typed {
				t.Fatalf("%d characters held of the %d typed", len([]rune(got)), c.most+8)
			}
			d.waitFor(itoa(c.most+8) + " of " + itoa(c.most) + " characters: too long, shorten it")
			d.press("enter")
			if d.m.activeForm().focused() != f || f.input.Value() != typed {
				t.Fatalf("enter took an answer %d characters long; the most is %d", c.most+8, c.most)
			}
			d.waitFor("at most " + itoa(c.most))
		})
	}
}

// TestAPasteIsKeptInViewUnlessTheFieldCannotHoldIt: a paste that makes an
// answer too long is kept in view and counted, as typing is, never cut to
// what fits; one longer than the field holds is refused whole, saying so.
func TestAPasteIsKeptInViewUnlessTheFieldCannotHoldIt(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	d.press("1")
	d.typeText(validNHS)
	d.press("enter")
	d.waitFor("Clinician")
	d.typeText("Dr ")
	d.send(tea.PasteMsg{Content: strings.Repeat("n", 2*assess.MaxClinician)})
	if got := d.m.patient.clinician.input.Value(); got != "Dr " {
		t.Fatalf("a paste longer than the field holds left %q, want it refused and \"Dr \" kept", got)
	}
	d.waitFor("not pasted: it has 120 characters, more than this field holds", "at most 60)")
	d.send(tea.PasteMsg{Content: strings.Repeat("n", assess.MaxClinician)})
	if got := d.m.patient.clinician.input.Value(); got != "Dr "+strings.Repeat("n", assess.MaxClinician) {
		t.Fatalf("a paste the field holds left %q", got)
	}
	d.waitFor("63 of 60 characters: too long, shorten it")
}

// TestANameGivenLongerThanTheLimitIsKeptWholeAndRefused: a clinician's name
// from the site config (or a record made before the limit) longer than the
// field takes is shown whole and refused on enter, never cut to 60 and
// saved as a name nobody typed.
func TestANameGivenLongerThanTheLimitIsKeptWholeAndRefused(t *testing.T) {
	t.Parallel()
	o := testOptions((&memStore{}).Save)
	o.Clinician = strings.Repeat("n", assess.MaxClinician+5)
	d := newDriver(t, o, 80, 24)
	d.press("1")
	d.typeText(validNHS)
	d.press("enter")
	d.waitFor("Clinician", "65 of 60 characters: too long, shorten it")
	if got := d.m.patient.clinician.input.Value(); got != o.Clinician {
		t.Fatalf("the name given was cut to %d characters", len(got))
	}
	d.press("enter")
	d.waitFor("at most 60 characters, and this has 65: shorten it")
	if d.m.patient.form.cur != firstClinicianField {
		t.Fatal("a name too long was accepted")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// textFields opens each text field of the patient screen and the
// follow-up's reason, typed into first.
func textFields() []struct {
	name  string
	open  func(t *testing.T) (*driver, *field)
	title string
	most  int
} {
	return []struct {
		name  string
		open  func(t *testing.T) (*driver, *field)
		title string
		most  int
	}{
		{"clinician", func(t *testing.T) (*driver, *field) {
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			d.press("1")
			d.typeText(validNHS)
			d.press("enter")
			d.waitFor("Clinician")
			return d, d.m.patient.clinician
		}, "Clinician", assess.MaxClinician},
		{"team", func(t *testing.T) (*driver, *field) {
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			d.press("1")
			d.typeText(validNHS)
			d.press("enter", "enter")
			d.waitFor("Team (optional)")
			return d, d.m.patient.team
		}, "Team", assess.MaxTeam},
		{"follow-up reason", func(t *testing.T) (*driver, *field) {
			prev := earlier(t)
			o := testOptions((&memStore{}).Save)
			o.FollowUp = &prev
			d := newDriver(t, o, 80, 24)
			d.waitFor("Clinician")
			d.press("enter", "enter", "3")
			d.waitFor("Why not?")
			return d, d.m.outcomeForm.reasons[0]
		}, "Why not?", assess.MaxOutcomeReason},
	}
}

// TestControlCharactersArePastedIntoNoTextField: a paste holding an escape
// sequence or another control character is refused whole in every text
// field, with a note, and nothing of it is kept.
func TestControlCharactersArePastedIntoNoTextField(t *testing.T) {
	t.Parallel()
	for _, c := range textFields() {
		for _, paste := range []string{"Ward\x1b[2J 5", "Dr\x07 X", "a\tb", "x\ny"} {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				d, f := c.open(t)
				d.typeText("ok")
				d.send(tea.PasteMsg{Content: paste})
				if got := f.input.Value(); got != "ok" {
					t.Fatalf("paste %q left %q, want it refused and \"ok\" kept", paste, got)
				}
				d.waitFor("not pasted")
			})
		}
	}
}

// TestAnAnswerOverItsLengthIsCountedAndRefused: the interpreter's language
// (at most 40 characters) shows its count; a little more may be typed, so
// that too long an answer is refused with the reason rather than cut short
// to something else.
func TestAnAnswerOverItsLengthIsCountedAndRefused(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toNeeds(d)
	d.press(repeat("down", 5)...)
	d.press("x", "enter")
	d.waitFor("Which language does the interpreter need to speak?", "0 of 40 characters")
	d.typeText(strings.Repeat("w", 41)) // no l: forty of them read as forty ones
	d.waitFor("41 of 40 characters: too long, shorten it")
	d.press("enter")
	d.waitFor("Which language does the interpreter need to speak?", "at most 40 characters")
	d.press("backspace", "enter")
	d.waitFor("How often do you need someone to help you read") // 40 is taken
}

// TestACorrectionTypedAsARefusalShowsIsApplied: the backspaces and arrows
// typed straight after a text answer was refused edit it, since they can
// only edit what is on screen; keys that would add to it or answer are
// still held. (Backspaces typed 0.3 s after an over-long name was refused
// were thrown away, "Keys typed after this were ignored".)
func TestACorrectionTypedAsARefusalShowsIsApplied(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	d.press("1")
	d.typeText(validNHS)
	d.press("enter")
	d.waitFor("Clinician")
	f := d.m.patient.clinician
	d.typeText(strings.Repeat("n", assess.MaxClinician+1))
	d.m.refusalHold = time.Hour // everything below comes in the same burst
	d.press("enter")
	d.waitFor("at most 60 characters, and this has 61")
	d.press("backspace", "left")
	d.send(tea.KeyPressMsg{Code: tea.KeyDelete})
	if got := len([]rune(f.input.Value())); got != assess.MaxClinician-1 {
		t.Fatalf("the field holds %d characters after backspace and delete, want %d", got, assess.MaxClinician-1)
	}
	d.typeText("m")
	d.press("enter")
	if got := f.input.Value(); got != strings.Repeat("n", assess.MaxClinician-1) || d.m.patient.form.focused() != f {
		t.Fatalf("a key typed ahead of the refusal was applied: %q, question %q", got, d.m.patient.form.focused().title)
	}
	d.m.refusalHold = 0
	d.press("enter")
	d.waitFor("Team (optional)")
}
