package ui

import (
	"strings"
	"sync"
	"testing"

	"digicheck/record"
)

// Ctrl+C pressed while "Saving…" waited on a store another program held
// was dropped without a word: the screen still said "Saving…", and when
// the save was refused, no question came; the clinician who wanted to stop
// could not tell whether the stop was taken. It is said at once that the
// stop is taken once the save has been tried; refused, the stop question
// is asked then, and saved, the screen says so and how to quit.
func TestCtrlCWhileSavingIsSaidAndTakenOnceTheSaveIsTried(t *testing.T) {
	t.Parallel()
	const file = "/wards/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	for _, refused := range []bool{true, false} {
		gate := make(chan struct{})
		var mu sync.Mutex
		var saving *record.Record
		save := func(r *record.Record) error {
			mu.Lock()
			c := *r
			saving = &c
			mu.Unlock()
			<-gate
			return nil
		}
		d := newDriver(t, testOptions(save), 80, 24)
		toSaving(d)
		if !d.m.saving {
			t.Fatalf("the save is not under way:\n%s", d.screen())
		}
		d.press("ctrl+c")
		if s := flat(d.screen()); !strings.Contains(s, "ctrl+c") || !strings.Contains(s, "once the save") {
			t.Errorf("ctrl+c while saving is not said to be taken once the save is tried:\n%s", d.screen())
		}
		checkFits(t, d.m.View().Content, 80, 24)
		close(gate)
		mu.Lock()
		r := *saving
		mu.Unlock()
		if refused {
			d.send(savedMsg{rec: r, err: heldKept{file}})
			if !d.m.confirmQuit {
				t.Errorf("the save refused, the stop pressed while it was tried is not asked:\n%s", d.screen())
			}
			if s := flat(d.screen()); !strings.Contains(s, "Finish this assessment?") {
				t.Errorf("the stop question is not on screen:\n%s", d.screen())
			}
			checkFits(t, d.m.View().Content, 80, 24)
			continue
		}
		d.send(savedMsg{rec: r})
		d.waitFor("Saved ·")
		if s := flat(d.screen()); !strings.Contains(s, "ctrl+c again") {
			t.Errorf("saved, the screen does not say how to quit after the ctrl+c pressed while saving:\n%s", d.screen())
		}
		checkFits(t, d.m.View().Content, 80, 24)
	}
}
