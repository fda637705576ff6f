package main

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestAmendOfAnOldVersionNamesTheCurrentOne: only the current version can
// be amended, and the refusal says which one that is.
func TestAmendOfAnOldVersionNamesTheCurrentOne(t *testing.T) {
	path, rs := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	next := rs[0]
	next.ID, next.Time, next.Amends, next.Status = record.ID{}, next.Time.Add(1), rs[0].ID, record.Amended
	if err := st.Amend(&next); err != nil {
		t.Fatal(err)
	}
	// The id as history shows it: long enough to tell the two apart even
	// when both were made in the same millisecond.
	_, _, err = runStoreCmd(t, path, (*app).amendCmd, record.ShortID(rs[0].ID, next.ID), "--reason", "answers corrected")
	if err == nil {
		t.Fatal("amend of a superseded version was not refused")
	}
	for _, w := range []string{"not the current version", next.ID.String() + " is", "digicheck amend " + next.ID.String()} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("refusal lacks %q: %v", w, err)
		}
	}
}

// TestAmendOfAVoidedAssessmentIsRefused, whichever version is given.
func TestAmendOfAVoidedAssessmentIsRefused(t *testing.T) {
	path, rs := storeWith(t, 1)
	st, _ := store.Open(path, store.Options{})
	v, err := st.Void(rs[0].ID, store.Voiding{Reason: "wrong patient", Clinician: "x"})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{rs[0].ID.String(), v.ID.String()} {
		_, _, err := runStoreCmd(t, path, (*app).amendCmd, id, "--reason", "answers corrected")
		if err == nil || !strings.Contains(err.Error(), "entered in error") || !strings.Contains(err.Error(), "wrong patient") {
			t.Errorf("amend %s = %v; want a refusal naming the void and its reason", id, err)
		}
	}
}

// TestFollowupWithoutAnEarlierAssessmentSaysSo: a patient never assessed,
// or whose only assessment was entered in error, has nothing to follow up.
func TestFollowupWithoutAnEarlierAssessmentSaysSo(t *testing.T) {
	path, rs := storeWith(t, 1)
	_, _, err := runStoreCmd(t, path, (*app).followupCmd, "401 023 2137")
	if err == nil || !strings.Contains(err.Error(), "no earlier assessment to follow up") || !strings.Contains(err.Error(), "digicheck new") {
		t.Errorf("followup of a new patient = %v", err)
	}
	st, _ := store.Open(path, store.Options{})
	if _, err := st.Void(rs[0].ID, store.Voiding{Reason: "test", Clinician: "x"}); err != nil {
		t.Fatal(err)
	}
	_, _, err = runStoreCmd(t, path, (*app).followupCmd, rs[0].Patient.Value)
	if err == nil || !strings.Contains(err.Error(), "no earlier assessment") {
		t.Errorf("followup of a patient whose only assessment was voided = %v", err)
	}
}

// TestAmendAndFollowupNeedTheTerminalUI: from a pipe they say why they
// cannot run, rather than start a half-working prompt, and save nothing.
func TestAmendAndFollowupNeedTheTerminalUI(t *testing.T) {
	path, rs := storeWith(t, 1)
	if _, _, err := runStoreCmd(t, path, (*app).amendCmd, rs[0].ID.String(), "--reason", "answers corrected"); err == nil || !strings.Contains(err.Error(), "full-screen terminal interface") {
		t.Errorf("amend from a pipe = %v", err)
	}
	if _, _, err := runStoreCmd(t, path, (*app).followupCmd, rs[0].Patient.Value); err == nil || !strings.Contains(err.Error(), "full-screen terminal interface") {
		t.Errorf("followup from a pipe = %v", err)
	}
	st, _ := store.Open(path, store.Options{})
	if cur, _ := st.Current(rs[0].ID); cur.ID != rs[0].ID {
		t.Error("something was saved")
	}
}

// TestPromptDraftsResumeAtTheFirstUnansweredSection.
func TestPromptDraftsResumeAtTheFirstUnansweredSection(t *testing.T) {
	_, rs := storeWith(t, 1)
	a := rs[0].Answers.Clone()
	if got := nextSection(questionnaire.V1, a); got != "" {
		t.Errorf("all answered: %q", got)
	}
	delete(a, questionnaire.LinkWant)
	if got := nextSection(questionnaire.V1, a); got != "motivation" {
		t.Errorf("motivation unanswered: %q", got)
	}
}
