package ui

import (
	"strings"
	"testing"
	"time"
)

// TestAKeyDroppedStraightAfterKeepGoingIsStillSaidAfterTheNextKey: at the
// Team box, "Ward 7" typed, ctrl+c, then n (keep going), then enter 0.3 s
// later: the enter came before the question was back on screen, and is not
// taken. The next key, typed 0.4 s later, goes into the box ("Ward 71"), as
// the clinician typed it; the screen still says the enter was not taken,
// so the box is not left thought confirmed. (The word that the enter was
// dropped went with the next key, and "Ward 71" stood without one.)
func TestAKeyDroppedStraightAfterKeepGoingIsStillSaidAfterTheNextKey(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	d.waitFor("New assessment", "Identifier", "1 ( ) NHS number")
	d.press("1")
	d.typeText(validNHS)
	d.press("enter")
	readName(d)
	d.press("enter")
	d.waitFor("Team (optional)")
	d.typeText("Ward 7")
	d.m.refusalHold = refusalHold // keys are held as at a terminal
	time.Sleep(wordHold)
	d.send(keyPress("ctrl+c"))
	d.waitFor("Discard this assessment?")
	time.Sleep(wordHold) // the question is read
	d.m.Update(keyPress("n"))
	time.Sleep(300 * time.Millisecond)
	d.m.Update(keyPress("enter"))
	time.Sleep(400 * time.Millisecond)
	d.m.Update(keyPress("1"))
	d.waitFor("Team (optional)", "> Ward 71")
	if s := flat(d.screen()); !strings.Contains(s, `Not taken: Enter, typed straight after "keep going"`) {
		t.Fatalf("the enter dropped after keep going is no longer said once the next key came:\n%s", d.screen())
	}
	d.press("enter") // the box confirmed: what was said is done with
	d.waitFor("Access · 1 of 5")
	if s := flat(d.screen()); strings.Contains(s, "Not taken: Enter") {
		t.Fatalf("the enter dropped is still said on the next question:\n%s", d.screen())
	}
}
