package assess

import (
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// SameAnswers is the one rule by which both the file of a save refused
// (written again from each draft) and the full screen (saying whether a
// note pasted from it stands) tell the refused save's answers from ones
// changed since. Two hand-kept copies of it could come to disagree, and the
// screen say "the note stands" of a file written again without it.
func TestSameAnswersTellsTheRefusedSavesAnswersFromAnyChangedSince(t *testing.T) {
	refused := Draft{
		Patient:     record.PatientID{Kind: record.NHSNumber, Value: "9434765919"},
		Clinician:   "Dr P",
		Team:        "Ward 7",
		AmendReason: "wrong worry",
		Answers:     questionnaire.Answers{questionnaire.LinkWorry: {"very"}},
		Consent:     map[string]string{"rnib": questionnaire.Agreed, "age-uk": questionnaire.NotDiscussed},
		Outcomes:    []record.ReferralOutcome{{ProgrammeID: "ndb", Outcome: "not-taken-up", Reason: "too far"}},
	}
	for _, c := range []struct {
		name   string
		change func(d *Draft)
		same   bool
	}{
		{"nothing changed", func(d *Draft) {}, true},
		{"a referral shown and left unanswered, in the refused save as not discussed and in no draft", func(d *Draft) {
			d.Consent = map[string]string{"rnib": questionnaire.Agreed}
		}, true},
		{"where it stopped and when it started", func(d *Draft) {
			d.Section, d.Stopped = "access", &Stop{Step: "result"}
		}, true},
		{"the answers taken away", func(d *Draft) { d.Answers = questionnaire.Answers{} }, false},
		{"another patient", func(d *Draft) { d.Patient.Value = "4857773457" }, false},
		{"another clinician", func(d *Draft) { d.Clinician = "Nurse Q" }, false},
		{"another team", func(d *Draft) { d.Team = "Ward 12" }, false},
		{"another reason to amend", func(d *Draft) { d.AmendReason = "wrong team" }, false},
		{"an answer changed", func(d *Draft) { d.Answers = questionnaire.Answers{questionnaire.LinkWorry: {"little"}} }, false},
		{"a referral answered since", func(d *Draft) {
			d.Consent = map[string]string{"rnib": questionnaire.Agreed, "age-uk": questionnaire.NotDiscussed, "nhs-app": questionnaire.NotDiscussed}
		}, false},
		{"a referral answered otherwise", func(d *Draft) {
			d.Consent = map[string]string{"rnib": questionnaire.Agreed, "age-uk": questionnaire.Declined}
		}, false},
		{"a referral's answer taken back", func(d *Draft) { d.Consent = map[string]string{} }, false},
		{"an earlier referral's reason changed", func(d *Draft) {
			d.Outcomes = []record.ReferralOutcome{{ProgrammeID: "ndb", Outcome: "not-taken-up", Reason: "no bus fare"}}
		}, false},
		{"the earlier referrals taken back", func(d *Draft) { d.Outcomes = nil }, false},
	} {
		d := refused
		c.change(&d)
		if got := SameAnswers(refused, d); got != c.same {
			t.Errorf("%s: SameAnswers = %v, want %v", c.name, got, c.same)
		}
	}
	var empty Draft
	if !SameAnswers(empty, Draft{Answers: questionnaire.Answers{}, Consent: map[string]string{}}) {
		t.Errorf("no answers held nil and no answers held empty are said to differ")
	}
}
