package prompt

import (
	"fmt"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/record"
	"digicheck/store"
)

// A patient given whose draft another window kept after this run read its
// list of drafts (the list was empty then) was never told of it: nothing
// before the first question, and the save made a second assessment beside
// the colleague's draft. The patient given is looked up in the store as it
// is then (Options.DraftsOf), and the draft said before the first question
// as one on the list would be.
func TestAPatientGivenIsToldOfADraftKeptInAnotherWindowSinceTheRunBegan(t *testing.T) {
	pt := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	since := Resume{Label: "Patient 943 476 5919, kept 10:05 by Nurse D, at Skills", Draft: draft(pt, "Nurse D", "Ward D", firstTwoSections(), "skills")}
	n := len(expectedResult(t).Recommendation.Referrals)
	for _, c := range []struct {
		name  string
		asked bool // DraftsFromInput: the clinician is asked what to do
	}{
		{name: "told", asked: false},
		{name: "asked", asked: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var s saver
			o := options(&s)
			o.DraftsFromInput = c.asked
			o.Keep = func(*assess.Draft) error { return nil }
			reads := 0
			o.DraftsOf = func(p record.PatientID) ([]Resume, error) {
				reads++
				if p != pt {
					return nil, nil
				}
				return []Resume{since}, nil
			}
			in := script + consentLines(n)
			if c.asked {
				// "Start a new assessment anyway" after the team.
				lines := strings.SplitAfterN(script, "\n", 5)
				in = strings.Join(lines[:4], "") + "1\n" + lines[4] + consentLines(n)
			}
			var out strings.Builder
			if _, err := Run(o, strings.NewReader(in), &out); err != nil {
				t.Fatalf("run: %v\n%s", err, out.String())
			}
			got := out.String()
			told := strings.Index(got, "Patient 943 476 5919 has an unfinished assessment kept as a draft: kept 10:05 by Nurse D, at Skills.")
			first := strings.Index(got, "Section 1 of 5")
			if told < 0 || first < 0 || told > first {
				t.Fatalf("the patient's draft kept in another window since the run began is not told before the first question (store read %d times):\n%s", reads, got)
			}
			if c.asked && strings.Contains(got[told:first], "Resume the draft") {
				t.Errorf("resuming a draft this run did not list is offered (it cannot be taken for this window here):\n%s", got[told:first])
			}
			if len(s.saved) != 1 {
				t.Fatalf("saved %d records, want 1:\n%s", len(s.saved), got)
			}
		})
	}
}

// A run started on a held store lists the drafts at the first "A new
// assessment" after a save once the store can be read; held again then,
// the list was skipped without a word. It now says the list cannot be
// read now.
func TestAListOfDraftsStillHeldAfterASaveSaysItCannotBeListedNow(t *testing.T) {
	n := len(expectedResult(t).Recommendation.Referrals)
	var s saver
	o := options(&s)
	o.DraftsFromInput = true
	o.LookDrafts = func() ([]Resume, []Elsewhere, error) {
		return nil, nil, fmt.Errorf("reading the drafts: %w", store.ErrLocked)
	}
	var out strings.Builder
	in := script + answerReferrals(n, "1", "2") + "1\n" + "1\n"
	if _, err := Run(o, strings.NewReader(in), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if len(s.saved) != 1 {
		t.Fatalf("saved %d records, want 1:\n%s", len(s.saved), out.String())
	}
	after := out.String()[strings.LastIndex(out.String(), "What next?"):]
	said := strings.Index(after, "the unfinished assessments kept as drafts cannot be listed now")
	id := strings.Index(after, "Patient identifier")
	if said < 0 || id < 0 || said > id {
		t.Fatalf("the list of drafts, the store held again at a new assessment, is skipped without a word:\n%s", after)
	}
}
