package ui

import (
	"strings"
	"testing"
)

// damagedNotice is what an assessment on a damaged store is told before
// the first question, with check's finding as long as it comes.
const damagedNotice = "Warning: this assessment cannot be saved in the store, which is damaged: its answers will be kept in a file beside the store, with its note for the patient record.\n" +
	"Why: the store /home/nurse/.local/share/digicheck/digicheck.db has 2 problem(s): keep a copy of the file as it is, and restore the store from a backup; nothing was written to it, and nothing will be until digicheck check finds it sound"

// TestADamagedStoresWarningIsReadWholeAndRemembered: at 80x24 the first
// screen's box says, whole, that the answers will be kept in a file, before
// why; on the questions after it, one line under the title says so still.
func TestADamagedStoresWarningIsReadWholeAndRemembered(t *testing.T) {
	t.Parallel()
	o := testOptions(nil)
	o.Notice = damagedNotice
	o.Reminder = "Store damaged: these answers will be kept in a file, not in the store"
	d := newDriver(t, o, 80, 24)
	first := strings.SplitN(damagedNotice, "\n", 2)[0]
	if got := boxText(d.screen()); !strings.HasPrefix(got, strings.Join(strings.Fields(first), " ")) {
		t.Fatalf("the first screen's box does not begin with the whole warning:\n%s", d.screen())
	}
	if strings.Contains(d.screen(), o.Reminder) {
		t.Errorf("the reminder is shown beside the box it repeats:\n%s", d.screen())
	}
	d.press("1")
	d.typeText(validNHS)
	d.press("enter", "enter", "enter")
	d.waitFor("Access · 1 of 5")
	s := d.screen()
	if boxText(s) != "" || !strings.Contains(s, o.Reminder) {
		t.Errorf("a question after the first screens does not carry the one-line reminder:\n%s", s)
	}
}
