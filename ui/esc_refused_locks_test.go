package ui

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestAnEscRefusedStraightAfterTheEscThatTookKeysAgainIgnoresTheKeysAfterIt:
// after a refusal on "How do you get online?", Esc took keys again; a
// second Esc 1 s later, meant to go back to the devices, was refused ("Esc
// not taken") but keys were taken again at once, and a 1 typed 1.5 s after
// it, meant to untick the smartphone on the devices list, ticked "Internet
// or wifi at home" on the list on screen (a tester at 80x24). A refused Esc
// now ignores every key after it until Esc, as any refusal does; an Esc
// straight after it (within the word hold, no key read between) is refused
// too, so a run of Escs pressed quickly never leaves keys taken. An Esc once
// the refusal has been read takes keys again, and the one after it goes
// back as ever.
func TestAnEscRefusedStraightAfterTheEscThatTookKeysAgainIgnoresTheKeysAfterIt(t *testing.T) {
	t.Parallel()
	d, f := toInternet(t)
	// A hold long enough that "straight after" cannot be missed on a
	// loaded machine: the word hold is 600 ms.
	d.m.refusalHold = 200 * time.Millisecond
	hold := d.m.wordHoldLen()
	time.Sleep(hold)
	d.press("q") // no key of the list: refused, keys ignored until esc
	if !d.m.ignoring {
		t.Fatalf("q on the list was not refused:\n%s", d.screen())
	}
	d.press("esc")
	if d.m.ignoring {
		t.Fatalf("esc did not take keys again:\n%s", d.screen())
	}
	time.Sleep(hold / 3) // the tester's 1 s of 1.2 s, with room to spare
	d.press("esc")
	if d.m.activeForm().focused() != f {
		t.Fatalf("the esc straight after the one that took keys again went back:\n%s", d.screen())
	}
	s := flat(d.screen())
	if !strings.Contains(s, "Esc not taken") || !strings.Contains(s, "Keys are ignored until Esc") {
		t.Fatalf("the refused esc does not say keys are ignored until esc:\n%s", d.screen())
	}
	time.Sleep(hold * 5 / 4) // the tester's 1.5 s
	d.press("1", "enter")
	if slices.Contains(f.ticked, true) || d.m.activeForm().focused() != f {
		t.Fatalf("a 1 and enter typed after the refused esc ticked %v, or moved on:\n%s", f.ticked, d.screen())
	}
	if s := flat(d.screen()); !strings.Contains(s, "Keys are ignored until Esc") || !strings.Contains(s, "(2 keys ignored.)") {
		t.Fatalf("the keys after the refused esc are not said to be ignored:\n%s", d.screen())
	}
	// Escs pressed quickly, one after another: each is refused, and keys
	// stay ignored.
	for range 2 {
		d.press("esc")
		time.Sleep(hold / 3)
	}
	if !d.m.ignoring || d.m.activeForm().focused() != f {
		t.Fatalf("escs pressed one straight after another took keys again, or went back:\n%s", d.screen())
	}
	d.press("1")
	if slices.Contains(f.ticked, true) {
		t.Fatalf("a 1 after a run of quick escs ticked %v:\n%s", f.ticked, d.screen())
	}
	// Read, then esc: keys are taken again; read, then esc goes back.
	time.Sleep(hold + 50*time.Millisecond)
	d.press("esc")
	if d.m.ignoring || d.m.activeForm().focused() != f {
		t.Fatalf("an esc once the refusal was read did not take keys again, staying on the list:\n%s", d.screen())
	}
	d.waitFor("Keys are taken again.")
	time.Sleep(hold + 50*time.Millisecond)
	d.press("esc")
	d.waitFor("Which of these can you use")
}
