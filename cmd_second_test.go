package main

import (
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/record"
	"digicheck/store"
)

// TestADraftSaysWhenSavingItMakesASecondAssessment: the rule that decides
// whether resuming a draft and saving it would make a second assessment
// of its patient, at its boundaries.
func TestADraftSaysWhenSavingItMakesASecondAssessment(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	saved := rs[0]
	other, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	draft := func(started time.Time) store.Draft {
		d := store.Draft{Draft: assess.Draft{Patient: saved.Patient, Started: started}}
		d.ID = other
		return d
	}
	forked := draft(saved.Time.Add(time.Hour))
	forked.ForkedFrom = saved.ID
	amendment := draft(saved.Time.Add(-time.Hour))
	amendment.Amends = saved.ID
	followUp := draft(saved.Time.Add(-time.Hour))
	followUp.FollowsUp = saved.ID
	unknown := draft(saved.Time.Add(-time.Hour))
	unknown.Patient = record.PatientID{Kind: record.LocalID, Value: "RXH-99999"}
	for _, c := range []struct {
		name string
		d    store.Draft
		want string // in what is said; "" for nothing
	}{
		{"started before the patient was assessed", draft(saved.Time.Add(-time.Nanosecond)), "after this draft was started"},
		{"started as the patient was assessed", draft(saved.Time), ""},
		{"started after the patient was assessed", draft(saved.Time.Add(time.Nanosecond)), ""},
		{"kept apart from a window that took it over", forked, "kept apart"},
		{"an amendment (the store refuses an amendment of an amended version)", amendment, ""},
		{"a follow-up of that assessment", followUp, ""},
		{"another patient", unknown, ""},
	} {
		got := secondAssessment(st, c.d)
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s: said %q, want %q", c.name, got, c.want)
		}
	}
}
