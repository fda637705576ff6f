package ui

import (
	"strings"
	"testing"
)

// TestAChoiceRefusedBesideTheRestrictionIsNotDrawnChosen: "must not
// contact: Text messages" cleared the patient's choice of a text message,
// and the choice is asked again. A text message typed there (by its number,
// or by the arrows and enter) is refused and must not be drawn chosen (•):
// only the answer may look chosen, and there is none until another is
// given. The refused choice is no answer either.
func TestAChoiceRefusedBesideTheRestrictionIsNotDrawnChosen(t *testing.T) {
	t.Parallel()
	d, _, _ := atTheRestriction(t)
	d.press("1", "3", "enter") // untick No, tick Text messages
	d.waitFor("How would you like us to contact you?", "must not be sent texts", "( ) Text message")
	notChosen := func(how string) {
		t.Helper()
		s := d.screen()
		if strings.Contains(s, "(•)") {
			t.Fatalf("%s, a refused choice is drawn chosen:\n%s", how, s)
		}
		if !strings.Contains(s, "( ) Text message") {
			t.Fatalf("%s, the text message is not drawn as an option not chosen:\n%s", how, s)
		}
		if v := d.m.activeForm().focused().values(); len(v) != 0 {
			t.Fatalf("%s, the refused choice is held as the answer: %v", how, v)
		}
	}
	notChosen("asked again")
	d.press("3") // Text message, by its number
	d.waitFor("a text message cannot be their choice")
	notChosen("refused by its number")
	d.press("down", "down", "down", "enter") // Text message, by the arrows
	d.waitFor("a text message cannot be their choice", "> 3 ( ) Text message")
	notChosen("refused by the arrows")
	d.press("5") // Letter
	d.waitFor("Who gave these answers?")
	d.press("esc") // back to the choice: the letter is the answer
	d.waitFor("How would you like us to contact you?", "(•) Letter", "( ) Text message")
	if n := strings.Count(d.screen(), "(•)"); n != 1 {
		t.Fatalf("%d options drawn chosen, want the letter alone:\n%s", n, d.screen())
	}
	d.press("3") // Text message again, over the letter: refused, the letter stands
	d.waitFor("a text message cannot be their choice", "(•) Letter", "( ) Text message")
	if v := d.m.activeForm().focused().values(); len(v) != 1 || v[0] != "letter" {
		t.Fatalf("after a refused text message the answer is %v, want the letter", v)
	}
}
