package prompt

import (
	"slices"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
)

// The plain prompts of an amendment whose answers still give a referral
// the patient agreed to in the version amended, for another reason, left
// among the referrals not shown, listed it among those "these answers no
// longer offer" and then offered it among "4 more referrals fit the
// patient", with "No: they are not offered this time"; the read-back then
// said it both as not offered and as kept. It stands, with its answer: the
// prompts say so once, where it is offered, and the read-back lists it
// among the referrals as saved.
func TestThePlainPromptsSayAReferralTheAmendedAnswersStillGiveOnceWithTheAnswerThatStands(t *testing.T) {
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Clinician: "jsmith", Team: "Ward 5"})
	if err := s.SetPatient(record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}, "jsmith", "Ward 5"); err != nil {
		t.Fatal(err)
	}
	for k := range s.Instrument().Sections {
		if err := s.SetSection(k, scriptAnswers); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Assess(); err != nil {
		t.Fatal(err)
	}
	for i := range assess.FirstReferrals {
		_ = s.SetConsent(i, questionnaire.Declined)
	}
	old, err := s.Record()
	if err != nil {
		t.Fatal(err)
	}
	old.ID = record.MustParseID("0190a1b2-0000-7000-8000-0000000000a1")
	if len(old.Recommendation.Unshown) == 0 {
		t.Fatalf("the scenario needs more than %d referrals", assess.FirstReferrals)
	}
	// The first referral after the first few was offered and agreed, for
	// another reason: its answer is not carried over.
	still := old.Recommendation.Unshown[0]
	still.Consent, still.Reason = questionnaire.Agreed, "an earlier reason: "+still.Reason
	old.Recommendation.Referrals = append(slices.Clone(old.Recommendation.Referrals), still)
	old.Recommendation.Unshown = slices.Clone(old.Recommendation.Unshown[1:])

	var sv saver
	o := options(&sv)
	o.Amend, o.AmendReason = &old, "access answers misheard"
	o.Clinician, o.Team = old.Clinician, old.Team
	in := strings.Join([]string{
		"", "=", // clinician kept; the team of the assessment amended
		"1",        // review: right
		"", "", "", // the first referrals: the answers given before kept
		"2", // not through the others
		"1", // save
		"2", // no new assessment
	}, "\n") + "\n"
	var out strings.Builder
	if _, err := Run(o, strings.NewReader(in), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	said := out.String()
	if strings.Contains(said, "no longer offer") {
		t.Errorf("the prompts say these answers no longer offer a referral; only %s was kept, and they still give it:\n%s", still.Name, said)
	}
	for _, want := range []string{
		still.Name + ", for ",
		"(agreed before)",
		"No: keep the answer given before; the others are not offered this time",
		"\n  " + still.Name + ": agreed.",
	} {
		if !strings.Contains(said, want) {
			t.Errorf("the prompts do not say %q:\n%s", want, said)
		}
	}
	if len(sv.saved) != 1 {
		t.Fatalf("%d records saved, want 1:\n%s", len(sv.saved), said)
	}
	rec := sv.saved[0].Recommendation
	if i := slices.IndexFunc(rec.Referrals, func(f questionnaire.Referral) bool { return f.ProgrammeID == still.ProgrammeID }); i < 0 || rec.Referrals[i].Consent != questionnaire.Agreed {
		t.Errorf("%s is not saved as agreed among the referrals: %+v", still.Name, rec.Referrals)
	}
}
