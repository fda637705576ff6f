package prompt

import (
	"fmt"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/record"
	"digicheck/store"
)

// A draft resumed on a store whose entries for its patient are damaged:
// the damage, and why, is said as the draft is taken (Claim, as the
// command says it), and the plain prompts said the same reason again
// after the first answer, in parentheses: twice in a row. Once said, the
// drafts refused after it say nothing; where the answers go is said
// again before the save.
func TestAResumedDraftOnADamagedStoreSaysTheDamageOnce(t *testing.T) {
	t.Parallel()
	patient := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	damaged := &store.Error{Kind: store.ErrDamaged, Msg: "the digicheck store x.db is damaged: the patient index is damaged"}
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	n := len(expectedResult(t).Recommendation.Referrals)
	var s saver
	var out strings.Builder
	o := options(&s)
	keeps := 0
	o.Keep = func(*assess.Draft) error { keeps++; return damaged }
	o.CheckPatient = func(record.PatientID) error { return damaged }
	o.DraftsFromInput = true
	o.Drafts = []Resume{{
		Label: "Patient 943 476 5919, kept 10:00 by jsmith, at Motivation and trust",
		Draft: draft(patient, "jsmith", "Ward 5", firstTwoSections(), "motivation"),
		Claim: func() error {
			// As the command says it as the draft is taken.
			fmt.Fprintln(&out, "Warning: the store's entries for patient 943 476 5919 are damaged. Why: "+damaged.Msg+".")
			return nil
		},
	}}
	in := "2\n3\n" + strings.Join(lines[9:], "\n") + "\n" + consentLines(n)
	if _, err := Run(o, strings.NewReader(in), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	text := out.String()
	if keeps < 3 {
		t.Fatalf("only %d drafts tried; the case needs several", keeps)
	}
	if !strings.Contains(text, "Resuming the assessment of patient 943 476 5919") {
		t.Fatalf("the draft was not resumed:\n%s", text)
	}
	if n := strings.Count(text, damaged.Msg); n != 1 {
		t.Errorf("the damage is said %d times, want once, as the draft was taken:\n%s", n, text)
	}
	if n := strings.Count(text, "Not kept as a draft"); n != 0 {
		t.Errorf("the refused drafts were said %d times, after the damage was said as the draft was taken:\n%s", n, text)
	}
	save := strings.LastIndex(text, "Save this assessment?")
	lastReferral := strings.LastIndex(text, "Does the patient agree to this referral?")
	if save < 0 || lastReferral < 0 || !strings.Contains(text[lastReferral:save], "cannot be saved in the store") {
		t.Errorf("where the answers go is not said again just before the save question:\n%s", text)
	}
}

// The same on a store the warning before the first question said will not
// save: the first draft refused after the resume said the reason again.
func TestAResumedDraftOnAStoreThatWillNotSaveSaysNoMoreOfIt(t *testing.T) {
	t.Parallel()
	patient := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	damaged := &store.Error{Kind: store.ErrDamaged, Msg: "the store failed its checks; nothing was written to it"}
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	n := len(expectedResult(t).Recommendation.Referrals)
	var s saver
	var out strings.Builder
	o := options(&s)
	o.Warning = "Warning: this assessment cannot be saved in the store, which is damaged: its answers will be kept in a file beside the store, with its note for the patient record.\nWhy: " + damaged.Msg
	keeps := 0
	o.Keep = func(*assess.Draft) error { keeps++; return damaged }
	o.DraftsFromInput = true
	o.Drafts = []Resume{{
		Label: "Patient 943 476 5919, kept 10:00 by jsmith, at Motivation and trust",
		Draft: draft(patient, "jsmith", "Ward 5", firstTwoSections(), "motivation"),
	}}
	in := "2\n3\n" + strings.Join(lines[9:], "\n") + "\n" + consentLines(n)
	if _, err := Run(o, strings.NewReader(in), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	text := out.String()
	if keeps < 3 || !strings.Contains(text, "Resuming the assessment of patient 943 476 5919") {
		t.Fatalf("the draft was not resumed, or only %d drafts tried:\n%s", keeps, text)
	}
	if n := strings.Count(text, damaged.Msg); n != 1 {
		t.Errorf("why the store will not save is said %d times, want once, in the warning:\n%s", n, text)
	}
	save := strings.LastIndex(text, "Save this assessment?")
	lastReferral := strings.LastIndex(text, "Does the patient agree to this referral?")
	if save < 0 || lastReferral < 0 || !strings.Contains(text[lastReferral:save], "cannot be saved in the store") {
		t.Errorf("where the answers go is not said again just before the save question:\n%s", text)
	}
}
