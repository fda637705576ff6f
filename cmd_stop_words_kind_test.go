package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// TestThePlainPromptsStopWordsNameTheFollowUpOrAmendment: stopped in the
// plain prompts, a follow-up said "No answers of this assessment were
// kept" or "The answers given so far are kept as a draft for patient ...",
// and an amendment with an answer changed said the same: nothing said
// which assessment was kept, nor that the saved assessment followed up or
// amended is as it was. Each now names the follow-up or the amendment and
// the record it follows up or amends.
func TestThePlainPromptsStopWordsNameTheFollowUpOrAmendment(t *testing.T) {
	t.Parallel()
	base := testkit.Assessed(t, testkit.Offline(nil))
	id, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	base.ID = id
	rec := base.ID.String()
	for _, c := range []struct {
		name              string
		patient           record.PatientID
		amends, followsUp *record.Record
		want              []string
	}{
		{"a follow-up stopped before any answer", record.PatientID{}, nil, &base,
			[]string{"No answers of this follow-up were kept", "record " + rec + ", which it follows up, is as it was"}},
		{"a follow-up stopped after answers", base.Patient, nil, &base,
			[]string{"kept as a draft of a follow-up of record " + rec + " for patient " + base.Patient.String(), "Run digicheck to resume it", "record " + rec + " is as it was"}},
		{"an amendment stopped after a change", base.Patient, &base, nil,
			[]string{"kept as a draft of an amendment of record " + rec + " for patient " + base.Patient.String(), "Run digicheck to resume it", "record " + rec + " is as it was until the amendment is saved"}},
	} {
		said := stoppedWords(c.patient, 0, c.amends, c.followsUp, "")
		if c.name == "a follow-up stopped after answers" {
			// The same run after its follow-up was saved: "What next?",
			// a new assessment, stopped after an answer.
			other := record.PatientID{Kind: base.Patient.Kind, Value: "9434765919"}
			next := stoppedWords(other, 1, c.amends, c.followsUp, "")
			if strings.Contains(next, "follow-up") || strings.Contains(next, rec) {
				t.Errorf("a new assessment begun after the follow-up was saved, stopped, is said to be a follow-up of record %s: %q", rec, next)
			}
			if !strings.Contains(next, "kept as a draft for patient "+other.String()) {
				t.Errorf("a new assessment begun after the follow-up was saved, stopped, does not say its draft is kept: %q", next)
			}
			if next := stoppedWords(other, 1, &base, nil, ""); strings.Contains(next, "amendment") {
				t.Errorf("a new assessment begun after an amendment was saved, stopped, is said to be an amendment: %q", next)
			}
		}
		if strings.Contains(said, "this assessment") {
			t.Errorf("%s: the stop speaks of an assessment: %q", c.name, said)
		}
		for _, w := range c.want {
			if !strings.Contains(said, w) {
				t.Errorf("%s: the stop does not say %q: %q", c.name, w, said)
			}
		}
	}
}
