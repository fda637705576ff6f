package prompt

import (
	"fmt"
	"strings"
	"testing"

	"digicheck/record"
	"digicheck/store"
)

// A run started while another program held the store could not list the
// unfinished assessments at its start, and never listed them after: once
// the store was let go and an assessment saved in it, "A new assessment"
// went straight to the patient's identifier, though the store kept drafts
// a run started on a free store lists before its first question. Once the
// store can be read, the next new assessment offers the list first.
func TestAPromptRunStartedOnAHeldStoreOffersTheDraftsAtTheNextNewAssessment(t *testing.T) {
	n := len(expectedResult(t).Recommendation.Referrals)
	other := record.PatientID{Kind: record.NHSNumber, Value: "4010232137"}
	dr := heldDraftOf(t, other)
	held, looks := true, 0
	var s saver
	o := options(&s)
	o.DraftsFromInput = true
	o.LookDrafts = func() ([]Resume, []Elsewhere, error) {
		looks++
		if held {
			return nil, nil, fmt.Errorf("reading the drafts: %w", store.ErrLocked)
		}
		return []Resume{dr}, nil, nil
	}
	o.Save = func(r *record.Record) error {
		held = false // let go by the time of the save
		return s.save(r)
	}
	var out strings.Builder
	// The first assessment, saved; then "A new assessment", and the input
	// ends at what it asks first.
	in := script + answerReferrals(n, "1", "2") + "1\n" + "1\n"
	if _, err := Run(o, strings.NewReader(in), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if len(s.saved) != 1 {
		t.Fatalf("saved %d records, want 1:\n%s", len(s.saved), out.String())
	}
	after := out.String()[strings.LastIndex(out.String(), "What next?"):]
	list := strings.Index(after, "1 unfinished assessment is kept as a draft, last kept first. Choose one, or start a new assessment:")
	if list < 0 || !strings.Contains(after[list:], dr.Label) {
		t.Fatalf("after a save in a run started on a held store, now free, a new assessment does not offer the kept draft:\n%s", after)
	}
	if id := strings.Index(after, "Patient identifier"); id >= 0 && id < list {
		t.Fatalf("the patient's identifier was asked before the list of drafts:\n%s", after)
	}
}
