package ui

import (
	"strings"
	"sync"
	"testing"

	"digicheck/record"
)

// TestTheSavingNoticeGoesWhenTheSaveEnds: ctrl+c while the save is under
// way says it is taken once the save has been tried; it stayed on the saved
// screen after the save had ended, telling the clinician to wait for what
// was done.
func TestTheSavingNoticeGoesWhenTheSaveEnds(t *testing.T) {
	t.Parallel()
	gate := make(chan struct{})
	var mu sync.Mutex
	var saving *record.Record
	save := func(r *record.Record) error {
		mu.Lock()
		c := *r
		saving = &c
		mu.Unlock()
		<-gate // held past the driver's wait: the save is under way
		return nil
	}
	d := newDriver(t, testOptions(save), 80, 24)
	toSaving(d)
	if !d.m.saving {
		t.Fatalf("the save is not under way:\n%s", d.screen())
	}
	d.press("ctrl+c")
	if d.m.notice != savingNotice {
		t.Fatalf("ctrl+c during the save does not say to wait (%q):\n%s", d.m.notice, d.screen())
	}
	close(gate)
	mu.Lock()
	r := *saving
	mu.Unlock()
	d.send(savedMsg{rec: r})
	d.waitFor("Saved ·")
	if s := d.screen(); strings.Contains(flat(s), "once the save has been tried") {
		t.Fatalf("the save has ended, and the screen still says to wait for it:\n%s", s)
	}
}
