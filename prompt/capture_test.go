package prompt

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// withClinician is the script with a clinician typed in place of the
// default.
func withClinician(name string) string {
	lines := strings.Split(script, "\n")
	lines[2] = name
	return strings.Join(lines, "\n")
}

// TestResumedDraftIsSavedUnderTheClinicianTyped: the draft keeps the
// clinician and team typed, so an assessment resumed later (perhaps from
// another login) is saved as theirs, not as the login's.
func TestResumedDraftIsSavedUnderTheClinicianTyped(t *testing.T) {
	var last assess.Draft
	var s saver
	o := options(&s) // the login is "jsmith"
	o.Keep = func(d *assess.Draft) error { last = *d; return nil }
	lines := strings.Split(withClinician("Dr A Nurse"), "\n")
	_, err := Run(o, strings.NewReader(strings.Join(lines[:9], "\n")+"\n"), &strings.Builder{})
	if !errors.Is(err, ErrEndOfInput) {
		t.Fatalf("err = %v", err)
	}
	if last.Clinician != "Dr A Nurse" || last.Team != "Ward 5" {
		t.Fatalf("the draft keeps clinician %q, team %q; want the ones typed", last.Clinician, last.Team)
	}

	o = options(&s)
	o.Drafts = []Resume{{Label: "the draft", Draft: last}}
	o.DraftsFromInput = true // the answers are piped in, and choose from the drafts
	in := "2\n3\n" + strings.Join(lines[9:], "\n") + consentLines(len(expectedResult(t).Recommendation.Referrals))
	var out strings.Builder
	if _, err := Run(o, strings.NewReader(in), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(s.saved) != 1 || s.saved[0].Clinician != "Dr A Nurse" {
		t.Fatalf("resumed record saved by %q, want Dr A Nurse", s.saved[0].Clinician)
	}
	if !strings.Contains(out.String(), "By: Dr A Nurse") {
		t.Errorf("the note is not by the clinician typed:\n%s", out.String())
	}
}

// TestEachReferralMayBeNotDiscussed: a referral not put to the patient is
// recorded as not discussed, printed so, and left off the handout, which
// lists only the help the patient agreed to.
func TestEachReferralMayBeNotDiscussed(t *testing.T) {
	refs := expectedResult(t).Recommendation.Referrals
	var s saver
	var out strings.Builder
	in := script + answerReferrals(len(refs), "1", "3") + "1\n3\n2\n" // agree, not discussed...; save; handout; finish
	if _, err := Run(options(&s), strings.NewReader(in), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	got := s.saved[0].Recommendation.Referrals
	for i, f := range got {
		want := questionnaire.NotDiscussed
		if i == 0 {
			want = questionnaire.Agreed
		}
		if f.Consent != want {
			t.Errorf("referral %d: consent %q, want %q", i, f.Consent, want)
		}
	}
	if !strings.Contains(out.String(), "3. Not discussed with the patient") {
		t.Errorf("not discussed is not offered:\n%s", out.String())
	}
	if !strings.Contains(out.String(), ": not discussed\n") {
		t.Errorf("the note does not say not discussed:\n%s", out.String())
	}
	handout := record.HandoutWith(s.saved[0], record.HandoutOptions{LargePrint: true})
	for _, f := range got[1:] {
		if strings.Contains(handout, f.Name) {
			t.Errorf("the handout lists %q, which was not discussed:\n%s", f.Name, handout)
		}
	}
}

// TestFallbackIsWordedAsEverywhereElse: the result names the fallback as
// FallbackText does, so the prompts, the screen and the note agree.
func TestFallbackIsWordedAsEverywhereElse(t *testing.T) {
	res := expectedResult(t)
	title, reason := res.Recommendation.FallbackText()
	if out := resultText(res, assess.FirstReferrals, nil); !strings.Contains(out, "Fallback: "+title+". Why: "+reason+".") {
		t.Errorf("result:\n%s", out)
	}
	res.Recommendation.Fallback = res.Recommendation.Primary
	if out := resultText(res, assess.FirstReferrals, nil); !strings.Contains(out, "Fallback: "+questionnaire.NoFallbackTitle+".") {
		t.Errorf("with no second route, the result does not say None:\n%s", out)
	}
}

// TestTypedControlCharactersAreRefused: the clinician and team are kept
// and printed; an escape sequence typed (or pasted) into them is refused
// and asked again.
func TestTypedControlCharactersAreRefused(t *testing.T) {
	t.Parallel()
	lines := strings.Split(script, "\n")
	in := strings.Join(lines[:2], "\n") + "\nR \x1b[31mPatel\n\nR Patel\nWard\u202e5\n\nWard 5\n" + strings.Join(lines[4:], "\n") +
		consentLines(len(expectedResult(t).Recommendation.Referrals))
	var s saver
	var out strings.Builder
	if _, err := typed(options(&s), in, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if n := strings.Count(out.String(), "Not accepted: character"); n != 2 {
		t.Errorf("%d refusals, want 2 (clinician, team):\n%s", n, out.String())
	}
	if r := s.saved[0]; r.Clinician != "R Patel" || r.Team != "Ward 5" {
		t.Errorf("saved clinician %q team %q", r.Clinician, r.Team)
	}
	if strings.ContainsAny(out.String(), "\x1b\u202e") {
		t.Errorf("the refused text was echoed raw:\n%q", out.String())
	}
}

// TestPromptsNeutraliseTextFromDraftsAndSiteFiles: drafts on disk and
// programmes from a site file may hold control characters (older builds
// and hand edits let them in); the prompts never print one.
func TestPromptsNeutraliseTextFromDraftsAndSiteFiles(t *testing.T) {
	dir := questionnaire.Directory{Programmes: append([]questionnaire.Programme(nil), questionnaire.National.Programmes...)}
	for i := range dir.Programmes {
		dir.Programmes[i].Name += "\x1b]52;c;ZXZpbA==\x07"
		dir.Programmes[i].PatientLine += "\x1b[2J"
	}
	var s saver
	o := options(&s)
	o.Directory = dir
	o.Drafts = []Resume{{Label: "Patient \x1b[31mX", Draft: draft(record.PatientID{Kind: record.LocalID, Value: "A1"},
		"Evil\x9b2J", "Ward\u202e7", firstTwoSections(), "motivation")}}
	o.DraftsFromInput = true // the answers are piped in, and choose from the drafts
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	res, err := questionnaire.V1.Assess(scriptAnswers, dir)
	if err != nil {
		t.Fatal(err)
	}
	in := "2\n3\n" + strings.Join(lines[9:], "\n") + "\n" + consentLines(len(res.Recommendation.Referrals))
	in = strings.TrimSuffix(in, "2\n") + "3\n2\n" // read the handout too
	var out strings.Builder
	if _, err := Run(o, strings.NewReader(in), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if i := strings.IndexAny(out.String(), "\x1b\x07\u009b\u202e"); i >= 0 {
		t.Errorf("a control character was printed at byte %d:\n%q", i, out.String()[max(0, i-40):min(len(out.String()), i+40)])
	}
	if !strings.Contains(out.String(), `\x1b]52;c;ZXZpbA==\x07`) {
		t.Errorf("the escape in the programme name is not shown visibly")
	}
}

// TestAChoiceNotMetIsWordedAsTheNoteWordsIt: a choice not possible reads
// "NHS App (not possible). Why: …", as the note and the screen say it, not
// "not possible: chose NHS App, not possible: …".
func TestAChoiceNotMetIsWordedAsTheNoteWordsIt(t *testing.T) {
	a := testkit.ScriptedPatients[4].Answers.Clone() // smartphone, no way online
	a[questionnaire.LinkChoice] = []string{string(questionnaire.RouteApp)}
	res, err := questionnaire.V2.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	rec := res.Recommendation
	if rec.ChoiceHonoured || rec.ChoiceStatus() != "not possible" {
		t.Fatalf("the NHS App chosen with no way online is %q (honoured %v): the fixture tests nothing", rec.ChoiceStatus(), rec.ChoiceHonoured)
	}
	out := resultText(res, assess.FirstReferrals, nil)
	if want := "Patient's choice: NHS App (not possible). Why: " + rec.ChoiceNote + "."; !strings.Contains(out, want) {
		t.Errorf("the result does not say %q:\n%s", want, out)
	}
}

// TestAnAssessmentTheStoreWouldNotKeepIsHandedBackAtTheEnd: when the last
// try to keep the assessment in progress as a draft failed, a run that
// ends inside it (the input closed, or q) hands back every answer given as
// Unkept, for the caller to keep in a file, and claims no draft; once a
// later try succeeds, the draft kept is all there is.
func TestAnAssessmentTheStoreWouldNotKeepIsHandedBackAtTheEnd(t *testing.T) {
	refused := errors.New("the store cannot be written")
	head := strings.Join(strings.Split(script, "\n")[:7], "\n") + "\n" // patient and Access
	for _, tc := range []struct {
		name, input string
		failFrom    int // the try to keep from which Keep fails; 0 never
		wantUnkept  bool
	}{
		{"input ends, every keep refused", head, 1, true},
		{"q, every keep refused", head + "q\n", 1, true},
		{"input ends, the last keep refused", head, 3, true},
		{"input ends, every keep taken", head, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s saver
			o := options(&s)
			tries := 0
			o.Keep = func(d *assess.Draft) error {
				tries++
				if tc.failFrom > 0 && tries >= tc.failFrom {
					return refused
				}
				return nil
			}
			var out strings.Builder
			res, err := Run(o, strings.NewReader(tc.input), &out)
			if err == nil {
				t.Fatalf("a run ended inside an assessment without an error:\n%s", out.String())
			}
			if tries < tc.failFrom {
				t.Fatalf("only %d tries to keep, fewer than the case needs", tries)
			}
			if !tc.wantUnkept {
				if res.Unkept != nil || res.Draft == nil {
					t.Fatalf("every keep taken: Unkept %v, Draft %v", res.Unkept, res.Draft)
				}
				return
			}
			if res.Unkept == nil {
				t.Fatalf("the answers the store would not keep were not handed back:\n%s", out.String())
			}
			if res.Draft != nil {
				t.Errorf("a draft is claimed kept though the last keep failed")
			}
			if !errors.Is(res.KeepErr, refused) {
				t.Errorf("KeepErr = %v, want the store's refusal", res.KeepErr)
			}
			for _, l := range []string{questionnaire.LinkDevices, questionnaire.LinkInternet, questionnaire.LinkAfford} {
				if !reflect.DeepEqual(res.Unkept.Answers[l], scriptAnswers[l]) {
					t.Errorf("%s handed back as %v, want %v", l, res.Unkept.Answers[l], scriptAnswers[l])
				}
			}
			if res.Unkept.Patient.Value != "9434765919" {
				t.Errorf("patient handed back as %q", res.Unkept.Patient.Value)
			}
		})
	}
}
