package assess

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

const validNHS = "9434765919"

var (
	fixedNow = time.Date(2026, 3, 2, 10, 30, 0, 0, time.UTC)
	patient  = record.PatientID{Kind: record.NHSNumber, Value: validNHS}
)

// answers has an interpreter (so the language question is asked) and the
// optional section answered.
var answers = testkit.Interpreter(nil)

// options runs instrument version 1, whose answers testkit's patients are:
// the session's steps are the same for every version.
func options() Options {
	return Options{
		Instrument: questionnaire.V1,
		Directory:  questionnaire.National,
		Clinician:  "Dr Ada Test",
		Team:       "Ward 5",
		Now:        func() time.Time { return fixedNow },
	}
}

func start(t *testing.T, o Options) *Session {
	t.Helper()
	return Start(o)
}

// answerAll completes the patient step and every section with a.
func answerAll(t *testing.T, s *Session, a questionnaire.Answers) {
	t.Helper()
	if err := s.SetPatient(s.Patient(), s.Clinician(), s.Team()); s.PatientFixed() && err != nil {
		t.Fatal(err)
	}
	if !s.PatientFixed() {
		if err := s.SetPatient(patient, s.Clinician(), s.Team()); err != nil {
			t.Fatal(err)
		}
	}
	for k := range s.Instrument().Sections {
		if err := s.SetSection(k, a); err != nil {
			t.Fatal(err)
		}
	}
}

// consentAll answers every referral, showing them all: agreed, then
// declined, by turns.
func consentAll(t *testing.T, s *Session) []string {
	t.Helper()
	s.ShowAll(true)
	var got []string
	for i := range s.Referrals() {
		c := []string{questionnaire.Agreed, questionnaire.Declined}[i%2]
		if err := s.SetConsent(i, c); err != nil {
			t.Fatal(err)
		}
		got = append(got, c)
	}
	return got
}

func TestANewAssessmentIsSavedAsTheRecordOfItsAnswers(t *testing.T) {
	s := start(t, options())
	answerAll(t, s, answers)
	if err := s.Assess(); err != nil {
		t.Fatal(err)
	}
	consents := consentAll(t, s)
	r, err := s.Record()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := questionnaire.V1.Assess(answers, questionnaire.National)
	if !reflect.DeepEqual(r.Answers, answers) || r.Bands != want.Bands || r.Recommendation.Primary != want.Recommendation.Primary {
		t.Errorf("record %+v does not hold the answers and their result", r)
	}
	if r.ID != s.ID() || r.Patient != patient || r.Clinician != "Dr Ada Test" || r.Team != "Ward 5" ||
		r.Status != record.Completed || !r.Time.Equal(fixedNow) || !r.Amends.IsZero() || !r.FollowsUp.IsZero() {
		t.Errorf("record header %+v", r)
	}
	for i, f := range r.Recommendation.Referrals {
		if f.Consent != consents[i] {
			t.Errorf("referral %s: consent %q, want %q", f.ProgrammeID, f.Consent, consents[i])
		}
	}
	if len(r.Recommendation.Unshown) != 0 {
		t.Errorf("every referral was shown, yet %d are unshown", len(r.Recommendation.Unshown))
	}
}

func TestTheIdIsMadeOnceAndSharedByTheDraftAndTheRecord(t *testing.T) {
	s := start(t, options())
	if _, ok := s.Draft(); ok {
		t.Error("a draft was offered before the patient was given")
	}
	answerAll(t, s, answers)
	d, ok := s.Draft()
	if !ok || d.ID.IsZero() || d.ID != s.ID() {
		t.Fatalf("draft %q, session %q", d.ID, s.ID())
	}
	_ = s.Assess()
	consentAll(t, s)
	r1, _ := s.Record()
	r2, _ := s.Record()
	if r1.ID != d.ID || !reflect.DeepEqual(r1, r2) {
		t.Errorf("the record (%s) is not the draft's (%s), or changed between tries", r1.ID, d.ID)
	}
	s.Saved(r1)
	if _, ok := s.Draft(); ok {
		t.Error("a draft is still offered once the record is saved")
	}
	if other := start(t, options()); other.ID() == s.ID() {
		t.Error("two assessments share an id")
	}
}

func TestAQuestionNoLongerShownKeepsNoAnswer(t *testing.T) {
	s := start(t, options())
	a := answers.Clone()
	a[questionnaire.LinkCommNeeds] = []string{questionnaire.NeedLargePrint} // no interpreter now
	answerAll(t, s, a)
	if _, ok := s.Answers()[questionnaire.LinkLanguage]; ok {
		t.Error("the interpreter's language was kept after the interpreter was unticked")
	}
}

func TestEveryAnswerIsCheckedAsItIsGiven(t *testing.T) {
	s := start(t, options())
	if err := s.SetPatient(record.PatientID{Kind: record.NHSNumber, Value: "9434765918"}, "Dr A", ""); err == nil {
		t.Error("an NHS number with a wrong check digit was taken")
	}
	if err := s.SetPatient(patient, "  ", ""); err == nil {
		t.Error("a blank clinician was taken")
	}
	if err := s.SetPatient(patient, "Dr A", "Ward\x1b[2J"); err == nil {
		t.Error("a team with a control character was taken")
	}
	a := answers.Clone()
	delete(a, questionnaire.LinkWant) // required
	if err := s.SetSection(2, a); err == nil {
		t.Error("a section with a required question unanswered was completed")
	}
	a = answers.Clone()
	a[questionnaire.LinkPostcodeDistrict] = []string{"LS6 2AB"}
	if err := s.SetSection(4, a); err == nil {
		t.Error("a full postcode was taken for the district")
	}
	it, _ := questionnaire.V1.Item(questionnaire.LinkLanguage)
	if err := s.Check(it, []string{"Pol\x07ish"}); err == nil || errors.As(err, new(*questionnaire.AnswerError)) {
		t.Errorf("a control character: %v (the reason alone is said, not the linkId)", err)
	}
}

func TestSkippingTheOptionalSectionDropsItsAnswers(t *testing.T) {
	s := start(t, options())
	answerAll(t, s, answers)
	opt := len(questionnaire.V1.Sections) - 1
	if err := s.SetSection(opt, nil); err != nil {
		t.Fatal(err)
	}
	if s.Answered(opt) {
		t.Error("answers of a skipped optional section were kept")
	}
}

func TestOnlyTheReferralsShownAreOfferedAndTheFirstMustBeAnswered(t *testing.T) {
	s := start(t, options())
	answerAll(t, s, answers)
	_ = s.Assess()
	refs := s.Referrals()
	if len(refs) <= FirstReferrals {
		t.Fatalf("the scenario needs more than %d referrals, has %d", FirstReferrals, len(refs))
	}
	if _, err := s.Record(); err == nil {
		t.Error("a record was made with the first referrals unanswered")
	}
	if err := s.SetConsent(FirstReferrals, questionnaire.Agreed); !errors.Is(err, ErrNotShown) {
		t.Errorf("answering a referral not shown: %v", err)
	}
	for i := range FirstReferrals {
		_ = s.SetConsent(i, questionnaire.Agreed)
	}
	r, err := s.Record()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Recommendation.Referrals) != FirstReferrals || len(r.Recommendation.Unshown) != len(refs)-FirstReferrals {
		t.Errorf("%d offered and %d unshown, want %d and %d", len(r.Recommendation.Referrals), len(r.Recommendation.Unshown), FirstReferrals, len(refs)-FirstReferrals)
	}
	// Shown but left unanswered: not discussed, and offered.
	s.ShowAll(true)
	r, _ = s.Record()
	if len(r.Recommendation.Unshown) != 0 || r.Recommendation.Referrals[len(refs)-1].Consent != questionnaire.NotDiscussed {
		t.Errorf("referrals shown and left unanswered: %+v, unshown %d", r.Recommendation.Referrals, len(r.Recommendation.Unshown))
	}
}

func TestGoingBackKeepsTheReferralAnswersGiven(t *testing.T) {
	s := start(t, options())
	answerAll(t, s, answers)
	_ = s.Assess()
	consents := consentAll(t, s)
	a := answers.Clone()
	a[questionnaire.LinkWorry] = []string{"not"} // a change that keeps the first referral
	if err := s.SetSection(2, a); err != nil {
		t.Fatal(err)
	}
	_ = s.Assess()
	for _, f := range s.Referrals() {
		for i, g := range func() []questionnaire.Referral {
			r, _ := questionnaire.V1.Assess(answers, questionnaire.National)
			return r.Recommendation.Referrals
		}() {
			if g.ProgrammeID == f.ProgrammeID && f.Consent != consents[i] {
				t.Errorf("referral %s: %q after going back, was %q", f.ProgrammeID, f.Consent, consents[i])
			}
		}
	}
}

// saved is a record as it was saved: the session's record for answers.
func saved(t *testing.T, a questionnaire.Answers) record.Record {
	t.Helper()
	s := start(t, options())
	answerAll(t, s, a)
	_ = s.Assess()
	consentAll(t, s)
	r, err := s.Record()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestAnAmendmentStartsFromTheRecordItCorrects(t *testing.T) {
	old := saved(t, answers)
	old.FollowsUp = record.MustParseID("01890000-0000-7000-8000-000000000001")
	old.Outcomes = []record.ReferralOutcome{{ProgrammeID: "x", Outcome: record.OutcomeHelped}}
	o := options()
	o.Team, o.Clinician = "", "Dr Bea Fix"
	o.Amend, o.AmendReason = &old, "worry was misheard"
	s := start(t, o)
	// The clinician amending types their team: the record's own is
	// offered, neither it nor the site's filled in.
	ot := o
	ot.Team = "Site team, not the record's"
	if st := start(t, ot); st.Team() != "" || st.TeamOffered() != old.Team || old.Team == "" {
		t.Errorf("an amendment of a %q record has team %q, offers %q", old.Team, st.Team(), st.TeamOffered())
	}
	if s.Kind() != Amendment || !s.PatientFixed() || s.Patient() != old.Patient || s.Team() != "" {
		t.Errorf("amendment: kind %v, patient %v, team %q", s.Kind(), s.Patient(), s.Team())
	}
	if !reflect.DeepEqual(s.Answers(), old.Answers) {
		t.Error("the amendment does not start with every answer as recorded")
	}
	if got := s.Next(s.First()); got.Step != StepReview {
		t.Errorf("after the patient an amendment goes to %v, not the review", got)
	}
	if err := s.SetPatient(record.PatientID{Kind: record.LocalID, Value: "X1"}, "Dr Bea Fix", ""); err == nil {
		t.Error("an amendment took another patient")
	}
	if err := s.SetPatient(old.Patient, "Dr Bea Fix", old.Team); err != nil {
		t.Fatal(err)
	}
	a := old.Answers.Clone()
	a[questionnaire.LinkWorry] = []string{"not"}
	if err := s.SetSection(2, a); err != nil {
		t.Fatal(err)
	}
	if err := s.Assess(); err != nil {
		t.Fatal(err)
	}
	// The patient's answers to the same referrals stand: not asked again.
	given := map[string]string{}
	for _, f := range old.Recommendation.Referrals {
		given[f.ProgrammeID] = f.Consent
	}
	for _, f := range s.Referrals() {
		if c, ok := given[f.ProgrammeID]; ok && f.Consent != c {
			t.Errorf("referral %s: %q, recorded %q", f.ProgrammeID, f.Consent, c)
		}
	}
	s.ShowAll(true)
	r, err := s.Record()
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != record.Amended || r.Amends != old.ID || r.FollowsUp != old.FollowsUp || r.AmendReason != "worry was misheard" ||
		r.ID == old.ID || r.Clinician != "Dr Bea Fix" || !reflect.DeepEqual(r.Outcomes, old.Outcomes) {
		t.Errorf("amendment record %+v", r)
	}
	if r.Answers.One(questionnaire.LinkWorry) != "not" {
		t.Error("the corrected answer was not saved")
	}
}

func TestAFollowUpAsksWhatBecameOfEachReferralAgreed(t *testing.T) {
	prev := saved(t, answers)
	o := options()
	o.FollowUp = &prev
	s := start(t, o)
	var agreed []string
	for _, f := range prev.Recommendation.Referrals {
		if f.Consent == questionnaire.Agreed {
			agreed = append(agreed, f.ProgrammeID)
		}
	}
	var asked []string
	for _, f := range s.OutcomeReferrals() {
		asked = append(asked, f.ProgrammeID)
	}
	if len(agreed) < 2 || !reflect.DeepEqual(asked, agreed) {
		t.Fatalf("asks about %v, the patient agreed to %v", asked, agreed)
	}
	if err := s.SetPatient(prev.Patient, "Dr A", "Ward 5"); err != nil {
		t.Fatal(err)
	}
	if got := s.Next(s.First()); got.Step != StepOutcomes {
		t.Errorf("after the patient a follow-up goes to %v", got)
	}
	if back, _ := s.Prev(At{Step: StepSection}); back.Step != StepOutcomes {
		t.Errorf("back from the first section goes to %v", back)
	}
	bad := []record.ReferralOutcome{{ProgrammeID: "not-agreed", Outcome: record.OutcomeHelped}}
	if err := s.SetOutcomes(bad); err == nil {
		t.Error("an outcome of a referral never agreed was taken")
	}
	if err := s.SetOutcomes([]record.ReferralOutcome{
		{ProgrammeID: agreed[0], Outcome: record.OutcomeHelped, Reason: "kept only when not taken up"},
		{ProgrammeID: agreed[1], Outcome: record.OutcomeNotTakenUp, Reason: " no bus "},
	}); err != nil {
		t.Fatal(err)
	}
	for k := range s.Instrument().Sections {
		if err := s.SetSection(k, answers); err != nil {
			t.Fatal(err)
		}
	}
	_ = s.Assess()
	if _, ok := s.Change(); !ok {
		t.Error("a follow-up has no change to show")
	}
	consentAll(t, s)
	r, err := s.Record()
	if err != nil {
		t.Fatal(err)
	}
	want := []record.ReferralOutcome{
		{ProgrammeID: agreed[0], Name: prev.Recommendation.Referrals[0].Name, Outcome: record.OutcomeHelped},
		{ProgrammeID: agreed[1], Name: r.Outcomes[1].Name, Outcome: record.OutcomeNotTakenUp, Reason: "no bus"},
	}
	if r.FollowsUp != prev.ID || !r.Amends.IsZero() || r.Status != record.Completed || !reflect.DeepEqual(r.Outcomes, want) {
		t.Errorf("follow-up record: follows %q, outcomes %+v", r.FollowsUp, r.Outcomes)
	}
}

func TestADraftResumesWhereItWasLeft(t *testing.T) {
	prev := saved(t, answers)
	o := options()
	o.FollowUp = &prev
	s := start(t, o)
	_ = s.SetPatient(prev.Patient, "Dr A", "")
	agreed := s.OutcomeReferrals()[0].ProgrammeID
	_ = s.SetOutcomes([]record.ReferralOutcome{{ProgrammeID: agreed, Outcome: record.OutcomeAttended}})
	_ = s.SetSection(0, answers)
	_ = s.SetConfirmed(1, questionnaire.Answers{questionnaire.LinkTasks: answers[questionnaire.LinkTasks]})
	d, ok := s.Draft()
	if !ok || d.Section != questionnaire.V1.Sections[1].ID || d.FollowsUp != prev.ID {
		t.Fatalf("draft %+v", d)
	}

	o.Clinician = "someone else"
	r, err := Resume(o, d)
	if err != nil {
		t.Fatal(err)
	}
	if r.ID() != s.ID() || r.Clinician() != "Dr A" || !reflect.DeepEqual(r.Answers(), s.Answers()) || !reflect.DeepEqual(r.Outcomes(), s.Outcomes()) {
		t.Errorf("resumed %s by %q with %v", r.ID(), r.Clinician(), r.Answers())
	}
	if at := r.ResumeAt(); at != (At{Step: StepSection, Section: 1}) {
		t.Errorf("resumes at %+v", at)
	}
	o.FollowUp = nil
	if _, err := Resume(o, d); err == nil {
		t.Error("a follow-up's draft resumed without the record it follows up")
	}
	d.InstrumentVersion = "0"
	if _, err := Resume(options(), d); err == nil {
		t.Error("a draft of another instrument version resumed")
	}
}

func TestStepsRunFromThePatientToTheResult(t *testing.T) {
	s := start(t, options())
	var seen []At
	for at := s.First(); at.Step != StepResult; at = s.Next(at) {
		seen = append(seen, at)
	}
	if n := len(questionnaire.V1.Sections) + 2; len(seen) != n {
		t.Errorf("%d steps before the result, want %d: %v", len(seen), n, seen)
	}
	if _, ok := s.Prev(s.First()); ok {
		t.Error("a step before the patient")
	}
	if back, _ := s.Prev(At{Step: StepReview}); back != (At{Step: StepSection, Section: len(questionnaire.V1.Sections) - 1}) {
		t.Errorf("back from the review: %+v", back)
	}
}

// TestAResumedAmendmentKeepsTheTeamItWasLeftWith: the record's own team is
// only what an amendment is offered; a team the clinician gave before the
// draft was kept stands when it is resumed.
func TestAResumedAmendmentKeepsTheTeamItWasLeftWith(t *testing.T) {
	old := saved(t, answers)
	o := options()
	o.Amend, o.AmendReason = &old, "worry was misheard"
	s := start(t, o)
	if err := s.SetPatient(old.Patient, "Dr Bea Fix", "Ward 9"); err != nil {
		t.Fatal(err)
	}
	d, ok := s.Draft()
	if !ok {
		t.Fatal("no draft")
	}
	r, err := Resume(o, d)
	if err != nil {
		t.Fatal(err)
	}
	if r.Team() != "Ward 9" {
		t.Errorf("resumed amendment has team %q, want the Ward 9 it was left with (record's: %q)", r.Team(), old.Team)
	}
}

// TestContradictoryAnswersAreRefusedAsTheyAreGiven: the session refuses
// an answer that cannot stand with another (hazard H43) at the question,
// against the section as it stands in a form (CheckLive), against the
// answers committed (Check, as the plain prompts commit each), and when the
// section is completed.
func TestContradictoryAnswersAreRefusedAsTheyAreGiven(t *testing.T) {
	o := options()
	o.Instrument = questionnaire.V2
	s := start(t, o)
	ins := s.Instrument()
	k := -1
	for i, sec := range ins.Sections {
		for _, it := range sec.Items {
			if it.LinkID == questionnaire.LinkContactAvoid {
				k = i
			}
		}
	}
	avoid, _ := ins.Item(questionnaire.LinkContactAvoid)
	notByPhone := []string{questionnaire.AvoidPhone}
	byPhone := questionnaire.Answers{questionnaire.LinkContactNeeds: {questionnaire.ContactPhone}}
	if err := s.CheckLive(k, avoid, notByPhone, questionnaire.Answers{questionnaire.LinkContactNeeds: {questionnaire.ContactNone}}); err != nil {
		t.Errorf("'not by phone' with no requirement refused: %v", err)
	}
	err := s.CheckLive(k, avoid, notByPhone, byPhone)
	if err == nil || err.Error() != "You chose both 'by phone' and 'not by phone': choose one" {
		t.Errorf("'not by phone' beside 'by phone' in the form: %v", err)
	}
	if err := s.SetConfirmed(k, byPhone); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(avoid, notByPhone); err == nil {
		t.Error("'not by phone' taken after 'by phone' was confirmed")
	}
	section := questionnaire.Answers{
		questionnaire.LinkCommNeeds: {questionnaire.NeedNone}, questionnaire.LinkReadingHelp: {questionnaire.ReadNever},
		questionnaire.LinkContactNeeds: {questionnaire.ContactPhone}, questionnaire.LinkContactAvoid: {questionnaire.AvoidNone},
		questionnaire.LinkChoice: {questionnaire.ChoiceNone}, questionnaire.LinkRespondent: {questionnaire.RespondentPatient},
	}
	if err := s.SetSection(k, section); err != nil {
		t.Fatalf("a consistent section refused: %v", err)
	}
	section[questionnaire.LinkContactAvoid] = notByPhone
	if err := s.SetSection(k, section); err == nil || !strings.Contains(err.Error(), "'not by phone'") {
		t.Errorf("a section with 'by phone' and 'not by phone': %v", err)
	}
}

// TestFreeTextLimitsAreRefusedNotCut: a name, a team or a reason one
// character over its limit is refused with the count, never kept cut
// short; one at the limit is taken.
func TestFreeTextLimitsAreRefusedNotCut(t *testing.T) {
	for _, c := range []struct {
		name  string
		check func(string) error
		most  int
	}{
		{"clinician", CheckClinician, MaxClinician},
		{"team", CheckTeam, MaxTeam},
		{"outcome reason", CheckOutcomeReason, MaxOutcomeReason},
	} {
		if c.most != map[string]int{"clinician": 60, "team": 60, "outcome reason": 120}[c.name] {
			t.Errorf("%s: limit %d", c.name, c.most)
		}
		if err := c.check(strings.Repeat("é", c.most)); err != nil {
			t.Errorf("%s of %d characters refused: %v", c.name, c.most, err)
		}
		err := c.check(strings.Repeat("é", c.most+1))
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("at most %d characters, and this has %d", c.most, c.most+1)) {
			t.Errorf("%s of %d characters: %v, want a refusal with the limit and the count", c.name, c.most+1, err)
		}
	}
}

// TestAnAmendmentThatChangesNothingIsToldApart: an amendment that saves
// the answers, patient, clinician, team and referral answers of the
// version it amends is unchanged, so the front ends ask before saving a
// version that corrects nothing; a change of one answer or of the
// clinician is a change. (Such an amendment was saved without a word.)
func TestAnAmendmentThatChangesNothingIsToldApart(t *testing.T) {
	old := saved(t, answers)
	// As the store gives it back.
	b, err := json.Marshal(old)
	if err != nil {
		t.Fatal(err)
	}
	old = record.Record{}
	if err := json.Unmarshal(b, &old); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		clinician string
		change    func(questionnaire.Answers)
		unchanged bool
	}{
		{"nothing changed", old.Clinician, func(questionnaire.Answers) {}, true},
		{"another clinician", "Dr Bea Fix", func(questionnaire.Answers) {}, false},
		{"an answer changed", old.Clinician, func(a questionnaire.Answers) { a[questionnaire.LinkWorry] = []string{"not"} }, false},
	} {
		o := options()
		o.Amend, o.AmendReason = &old, "checked again"
		s := start(t, o)
		if err := s.SetPatient(old.Patient, c.clinician, old.Team); err != nil {
			t.Fatal(err)
		}
		a := old.Answers.Clone()
		c.change(a)
		if err := s.SetSection(2, a); err != nil {
			t.Fatal(err)
		}
		if err := s.Assess(); err != nil {
			t.Fatal(err)
		}
		s.ShowAll(true)
		consentAll(t, s)
		if got := s.Unchanged(); got != c.unchanged {
			t.Errorf("%s: Unchanged() = %v, want %v", c.name, got, c.unchanged)
		}
	}
	if s := start(t, options()); s.Unchanged() {
		t.Error("a new assessment reads as an unchanged amendment")
	}
}

// TestANameOrTeamWithNoLetterIsRefused: a clinician's name or a team with
// no letter in it (a "1" typed ahead for a choice, piped one line early)
// is refused, saying why; one letter in any script is enough, and no team
// at all is fine.
func TestANameOrTeamWithNoLetterIsRefused(t *testing.T) {
	for _, c := range []struct {
		what, value string
		check       func(string) error
		ok          bool
	}{
		{"clinician", "1", CheckClinician, false},
		{"clinician", " 12 ", CheckClinician, false},
		{"clinician", "-.", CheckClinician, false},
		{"clinician", "B", CheckClinician, true},
		{"clinician", "Nurse 2", CheckClinician, true},
		{"clinician", "Ζωή", CheckClinician, true},
		{"team", "1", CheckTeam, false},
		{"team", "22 ", CheckTeam, false},
		{"team", "", CheckTeam, true},
		{"team", "Ward 7", CheckTeam, true},
	} {
		err := c.check(c.value)
		if c.ok != (err == nil) {
			t.Errorf("%s %q: %v, want refused %v", c.what, c.value, err, !c.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "has letters") {
			t.Errorf("%s %q: %v, want the reason (a name has letters)", c.what, c.value, err)
		}
	}
	s := Start(Options{})
	if err := s.SetPatient(record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}, "1", "1"); err == nil {
		t.Error("SetPatient took clinician \"1\"")
	}
}

// TestAnAmendmentOfAFollowUpAsksAboutTheEarlierReferralsOnlyWithTheRecordFollowedUp:
// given the record the amended follow-up follows up, an amendment asks
// again about the referrals agreed there, with what was said chosen, and
// shows the change since it; given no record, or another, it asks none and
// keeps what was said.
func TestAnAmendmentOfAFollowUpAsksAboutTheEarlierReferralsOnlyWithTheRecordFollowedUp(t *testing.T) {
	prev := saved(t, answers)
	var agreedIDs []string
	for _, f := range prev.Recommendation.Referrals {
		if f.Consent == questionnaire.Agreed {
			agreedIDs = append(agreedIDs, f.ProgrammeID)
		}
	}
	fu := saved(t, answers)
	fu.FollowsUp = prev.ID
	fu.Outcomes = []record.ReferralOutcome{{ProgrammeID: agreedIDs[0], Outcome: record.OutcomeAttended}}
	other := saved(t, answers)
	for _, c := range []struct {
		name    string
		earlier *record.Record
		asks    bool
	}{
		{"with the record followed up", &prev, true},
		{"with no record", nil, false},
		{"with another record", &other, false},
	} {
		o := options()
		o.Amend, o.AmendReason, o.Earlier = &fu, "outcome misheard", c.earlier
		s := start(t, o)
		if got := s.AsksOutcomes(); got != c.asks {
			t.Errorf("%s: asks about the earlier referrals %v, want %v", c.name, got, c.asks)
			continue
		}
		if code, _, _ := s.Outcome(agreedIDs[0]); code != record.OutcomeAttended {
			t.Errorf("%s: the outcome said before is %q, not chosen", c.name, code)
		}
		if !c.asks {
			continue
		}
		if err := s.SetPatient(fu.Patient, "Dr Bea Fix", fu.Team); err != nil {
			t.Fatal(err)
		}
		if err := s.SetOutcomes([]record.ReferralOutcome{{ProgrammeID: agreedIDs[0], Outcome: record.OutcomeHelped}}); err != nil {
			t.Fatal(err)
		}
		if err := s.Assess(); err != nil {
			t.Fatal(err)
		}
		if ch, ok := s.Change(); !ok || ch.Since != prev.ID {
			t.Errorf("%s: change since %v (%v), want since %s", c.name, ch.Since, ok, prev.ID)
		}
		consentAll(t, s)
		r, err := s.Record()
		if err != nil {
			t.Fatal(err)
		}
		if r.FollowsUp != prev.ID || len(r.Outcomes) != 1 || r.Outcomes[0].Outcome != record.OutcomeHelped {
			t.Errorf("%s: amendment follows up %s with outcomes %+v", c.name, r.FollowsUp, r.Outcomes)
		}
	}
}
