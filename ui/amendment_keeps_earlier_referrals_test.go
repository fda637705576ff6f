package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"digicheck/prompt"
	"digicheck/questionnaire"
	"digicheck/record"
)

// An amendment that corrects the benefits answer no longer gives the
// referrals that ask for a low income; those the patient agreed to or
// declined in the version amended happened, and the amendment keeps them.
// Both front ends say so on the result and read them back before the save
// (they were dropped from the record without a word).

// noBenefits is the earlier assessment (every referral answered, agreed
// and declined by turns) and its referrals agreed or declined that an
// amendment saying "no means-tested benefits" no longer gives.
func noBenefits(t *testing.T) (old record.Record, gone []questionnaire.Referral) {
	t.Helper()
	old = earlier(t)
	a := old.Answers.Clone()
	a[questionnaire.LinkBenefits] = []string{questionnaire.No}
	res, err := questionnaire.V1.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range old.Recommendation.Referrals {
		if !res.Recommendation.HasReferral(f.ProgrammeID) && (f.Consent == questionnaire.Agreed || f.Consent == questionnaire.Declined) {
			gone = append(gone, f)
		}
	}
	if !slices.ContainsFunc(gone, func(f questionnaire.Referral) bool { return f.Consent == questionnaire.Agreed }) || old.Answers.One(questionnaire.LinkBenefits) != questionnaire.Yes {
		t.Fatalf("the scenario needs benefits yes and an agreed referral that no benefits no longer gives: %+v", gone)
	}
	return old, gone
}

func TestTheFullScreenSaysWhichReferralsAnAmendmentKeepsFromTheVersionItCorrects(t *testing.T) {
	t.Parallel()
	old, gone := noBenefits(t)
	o := testOptions((&memStore{}).Save)
	o.Amend, o.AmendReason = &old, "benefits wrong"
	m := New(o)
	if err := m.s.SetPatient(old.Patient, old.Clinician, old.Team); err != nil {
		t.Fatal(err)
	}
	a := old.Answers.Clone()
	a[questionnaire.LinkBenefits] = []string{questionnaire.No}
	for k := range m.s.Instrument().Sections {
		if err := m.s.SetSection(k, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.s.Assess(); err != nil {
		t.Fatal(err)
	}
	for i, f := range m.s.Referrals()[:m.s.Shown()] {
		if f.Consent == "" {
			_ = m.s.SetConsent(i, questionnaire.NotDiscussed)
		}
	}
	result, _ := m.resultText(80, true)
	confirm := m.confirmText(80)
	for what, text := range map[string]string{"result": result, "read-back": confirm} {
		plain := strings.Join(strings.Fields(ansi.Strip(text)), " ")
		if !strings.Contains(plain, "no longer offer") {
			t.Errorf("the %s does not say referrals of the version amended are kept:\n%s", what, plain)
		}
		for _, f := range gone {
			if want := f.Name + ": " + record.ConsentText(f.Consent); !strings.Contains(plain, want) {
				t.Errorf("the %s does not name %q:\n%s", what, want, plain)
			}
		}
	}
}

func TestThePlainPromptsSayWhichReferralsAnAmendmentKeepsFromTheVersionItCorrects(t *testing.T) {
	t.Parallel()
	old, gone := noBenefits(t)
	s := &memStore{}
	o := testOptions(s.Save)
	var out strings.Builder
	// The clinician kept, the record's team taken (=); from the review,
	// the equity section (7) changed with benefits No and every other
	// answer kept; the review right; the first referrals not discussed,
	// the others kept as answered before; saved.
	in := "\n=\n" + "7\n" + "\n\n\n2\n\n\n\n" + "1\n" + "3\n3\n3\n" + "2\n" + "1\n"
	_, _ = prompt.Run(prompt.Options{
		Instrument: o.Instrument, Directory: o.Directory,
		Clinician: old.Clinician, Team: old.Team, Save: s.Save, Now: o.Now,
		Amend: &old, AmendReason: "benefits wrong",
	}, strings.NewReader(in), &out)
	said := out.String()
	if s.Calls() != 1 {
		t.Fatalf("%d saves:\n…%s", s.Calls(), said[max(len(said)-3000, 0):])
	}
	tail := said[strings.LastIndex(said, "Result"):]
	result, readBack, ok := strings.Cut(tail, "Referrals, as they will be saved:")
	if !ok {
		t.Fatalf("no read-back:\n%s", tail)
	}
	for what, text := range map[string]string{"result": result, "read-back": readBack} {
		if !strings.Contains(text, "no longer offer") {
			t.Errorf("the %s does not say referrals of the version amended are kept:\n%s", what, text)
		}
		for _, f := range gone {
			if want := f.Name + ": " + record.ConsentText(f.Consent); !strings.Contains(text, want) {
				t.Errorf("the %s does not name %q:\n%s", what, want, text)
			}
		}
	}
}
