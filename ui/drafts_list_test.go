package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// manyDrafts are n drafts of patients H10000k, each started a day apart
// (H100001 first) and last kept in the same order (H100001 longest ago):
// the store lists them by when they were started.
func manyDrafts(t *testing.T, n int) []Resumable {
	t.Helper()
	var out []Resumable
	for k := 1; k <= n; k++ {
		id, err := record.NewID()
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond) // ids in start order
		out = append(out, Resumable{Draft: store.Draft{Draft: assess.Draft{
			ID:                id,
			Patient:           record.PatientID{Kind: record.LocalID, Value: fmt.Sprintf("H10000%d", k)},
			Clinician:         "Nurse Bea Draft",
			InstrumentVersion: questionnaire.V1.Version,
			Answers:           accessAnswers.Clone(),
			Section:           "skills",
			Started:           fixedNow.Add(-time.Duration(n-k+1) * 24 * time.Hour),
		}, Saved: fixedNow.Add(-time.Duration(n-k+1) * time.Minute)}})
	}
	return out
}

// TestTheDraftsListSaysItsOrderAndWhatIsBelow: seven drafts do not fit at
// 80x24. The list is in the order of the time it shows (when each was
// last kept, the latest first) and its heading says so; a line says how
// many more are below, and above once scrolled; and a resume refused
// with a long reason keeps the draft chosen in view, with the reason.
func TestTheDraftsListSaysItsOrderAndWhatIsBelow(t *testing.T) {
	t.Parallel()
	o := testOptions(nil)
	o.Drafts = manyDrafts(t, 7)
	o.ClaimDraft = func(id record.ID) error {
		return fmt.Errorf("%w: the draft of this patient is open in another window (login bea on ward-pc-12) until at least 10:42; finish it there, or wait until that window has been closed for a few minutes", store.ErrDraftHeld)
	}
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments · last kept first", "> Local H100007", "kept today ")
	s := d.screen()
	if strings.Index(s, "Local H100007") > strings.Index(s, "Local H100006") {
		t.Errorf("not the latest kept first:\n%s", s)
	}
	d.waitFor("▼ 3 more below")
	if strings.Contains(s, "Local H100003") {
		t.Errorf("more drafts than fit, yet the fifth is shown:\n%s", s)
	}

	d.press("down", "down", "down", "down") // H100003, below the first screen
	d.waitFor("> Local H100003", "▲ 2 more above", "▼ 2 more below")

	d.press("enter")
	d.waitFor("Not resumed", "a few minutes")
	s = d.screen()
	entry := s[strings.Index(s, "> Local H100003")+1:]
	for _, want := range []string{"> Local H100003", "Reached Skills (2 of 5)"} {
		if !strings.Contains(s, want) || !strings.Contains(entry, want[2:]) {
			t.Errorf("after the refusal the draft chosen is out of view (%q missing):\n%s", want, s)
		}
	}
	// Every line of the chosen entry is above the reason.
	if i, j := strings.Index(s, "> Local H100003"), strings.Index(s, "Not resumed"); i < 0 || j < i {
		t.Errorf("the chosen draft is not above the reason:\n%s", s)
	}
}
