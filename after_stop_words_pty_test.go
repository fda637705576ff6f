//go:build !windows

package main

import (
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
)

// TestWhatIsPrintedAfterAnAmendmentOrFollowUpIsStoppedNamesIt: an
// amendment stopped with ctrl+c and discarded ended with "Discarded: the
// assessment of patient … was not saved", read as the saved assessment
// thrown away. Once digicheck ends, an amendment stopped is said as the
// amendment of the patient's assessment, and a follow-up as the
// follow-up, each with the saved assessment as it was; kept as a draft or
// discarded alike.
func TestWhatIsPrintedAfterAnAmendmentOrFollowUpIsStoppedNamesIt(t *testing.T) {
	testkit.EndToEnd(t)
	for _, c := range []struct {
		name, kind string
		args       func(id string) []string
		discard    bool
		want       string
	}{
		{"amendment discarded", "amendment", func(id string) []string { return []string{"amend", id, "--reason", "a typing slip"} }, true,
			"Discarded: the amendment of patient 943 476 5919's assessment was not saved"},
		{"amendment kept", "amendment", func(id string) []string { return []string{"amend", id, "--reason", "a typing slip"} }, false,
			"Not finished: the amendment of patient 943 476 5919's assessment is kept as a draft"},
		{"follow-up discarded", "follow-up", func(string) []string { return []string{"followup", "9434765919"} }, true,
			"Discarded: the follow-up of patient 943 476 5919's assessment was not saved"},
		{"follow-up kept", "follow-up", func(string) []string { return []string{"followup", "9434765919"} }, false,
			"Not finished: the follow-up of patient 943 476 5919's assessment is kept as a draft"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			prev := savedPatient(t, dir)
			tm := startTerm(t, dir, 80, 24, nil, c.args(prev.ID.String())...)
			// Who makes it given: only then is there anything to keep.
			tm.waitFor("Clinician")
			time.Sleep(1500 * time.Millisecond) // past any hold of typed-ahead keys
			tm.keys("Dr A Test", "enter")
			tm.waitFor("Team (optional)")
			time.Sleep(1500 * time.Millisecond)
			tm.keys("enter")
			time.Sleep(1500 * time.Millisecond)
			if c.discard {
				tm.keys("ctrl+c")
				tm.waitFor("Discard this")
				time.Sleep(600 * time.Millisecond) // the question has been read
				tm.discardAtQuit()
				tm.exited()
			} else {
				tm.quitKeeping("Discard this")
			}
			f := flatScreen(tm)
			if !strings.Contains(f, c.want) {
				t.Errorf("after the %s was stopped, digicheck did not say %q:\n%s", c.kind, c.want, tm.vt.Screen())
			}
			if !strings.Contains(f, "the assessment is as it was") {
				t.Errorf("after the %s was stopped, digicheck did not say the saved assessment is as it was:\n%s", c.kind, tm.vt.Screen())
			}
			if strings.Contains(f, "the assessment of patient") {
				t.Errorf("after the %s was stopped, digicheck spoke of it as the assessment itself:\n%s", c.kind, tm.vt.Screen())
			}
		})
	}
}
