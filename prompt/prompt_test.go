package prompt

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
)

// script is one whole assessment typed as lines, and the answers it gives.
var script = strings.Join([]string{
	"1",            // NHS number
	"943 476 5919", // valid
	"",             // clinician: keep default
	"Ward 5",       // team
	"1 4",          // devices: smartphone, basic mobile
	"1",            // internet: home
	"2",            // afford: sometimes
	"1 2 3",        // tasks: text, email, app
	"2",            // help: sometimes
	"2",            // want: with help
	"2",            // worry: a little
	"1",            // bad experience: no
	"2 6",          // needs: large print, interpreter
	"Polish",       // language
	"4",            // reading help: often
	"3",            // choice: text message
	"1",            // ask optional questions
	"6",            // age 65-74
	"1",            // disability: yes
	"1",            // benefits: yes
	"",             // main language: skipped
	"",             // ethnicity: skipped
	"ls6",          // postcode district
	"1",            // answers right
}, "\n") + "\n"

var scriptAnswers = questionnaire.Answers{
	questionnaire.LinkDevices:          {questionnaire.DevSmartphone, questionnaire.DevBasicMob},
	questionnaire.LinkInternet:         {questionnaire.NetHome},
	questionnaire.LinkAfford:           {"sometimes"},
	questionnaire.LinkTasks:            {questionnaire.TaskText, questionnaire.TaskEmail, questionnaire.TaskApp},
	questionnaire.LinkHelp:             {questionnaire.HelpSome},
	questionnaire.LinkWant:             {"with-help"},
	questionnaire.LinkWorry:            {"a-little"},
	questionnaire.LinkBadExperience:    {questionnaire.No},
	questionnaire.LinkCommNeeds:        {questionnaire.NeedLargePrint, questionnaire.NeedInterpreter},
	questionnaire.LinkLanguage:         {"Polish"},
	questionnaire.LinkReadingHelp:      {questionnaire.ReadOften},
	questionnaire.LinkChoice:           {string(questionnaire.RouteSMS)},
	questionnaire.LinkAgeBand:          {"65-74"},
	questionnaire.LinkDisability:       {questionnaire.Yes},
	questionnaire.LinkBenefits:         {questionnaire.Yes},
	questionnaire.LinkPostcodeDistrict: {"LS6"},
}

// consentLines agrees to the first referral and declines the rest, saves,
// and finishes.
func consentLines(n int) string {
	return answerReferrals(n, "1", "2") + "1\n2\n" // save; no new assessment
}

// answerReferrals answers n referrals: the first with first, the rest with
// rest. After the first few it asks to go through the others too.
func answerReferrals(n int, first, rest string) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i == assess.FirstReferrals {
			b.WriteString("1\n") // go through the others too
		}
		if i == 0 {
			b.WriteString(first + "\n")
		} else {
			b.WriteString(rest + "\n")
		}
	}
	return b.String()
}

type saver struct{ saved []record.Record }

func (s *saver) save(r *record.Record) error {
	r.ID = record.MustParseID("0190a1b2-0000-7000-8000-0000000000aa")
	s.saved = append(s.saved, *r)
	return nil
}

func options(s *saver) Options {
	return Options{
		Instrument: questionnaire.V1, Directory: questionnaire.National,
		Clinician: "jsmith", Save: s.save,
		Now: func() time.Time { return time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC) },
	}
}

// expectedResult is what the instrument works out for the script's answers.
func expectedResult(tb testing.TB) questionnaire.Result {
	tb.Helper()
	res, err := questionnaire.V1.Assess(scriptAnswers, questionnaire.National)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

func TestPipedAssessmentSavesTheRecord(t *testing.T) {
	want := expectedResult(t)
	n := len(want.Recommendation.Referrals)
	if n < 2 {
		t.Fatalf("fixture should give at least 2 referrals, got %d", n)
	}
	var s saver
	var out strings.Builder
	res, err := Run(options(&s), strings.NewReader(script+consentLines(n)), &out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if len(s.saved) != 1 || len(res.Saved) != 1 {
		t.Fatalf("saved %d records, want 1", len(s.saved))
	}
	r := s.saved[0]
	if !reflect.DeepEqual(r.Answers, scriptAnswers) {
		t.Errorf("answers:\n got %v\nwant %v", r.Answers, scriptAnswers)
	}
	if r.Patient != (record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}) || r.Clinician != "jsmith" || r.Team != "Ward 5" {
		t.Errorf("patient/clinician/team: %+v %q %q", r.Patient, r.Clinician, r.Team)
	}
	if r.Bands != want.Bands || r.Recommendation.Primary != want.Recommendation.Primary || r.Recommendation.Fallback != want.Recommendation.Fallback {
		t.Errorf("result differs from Assess: %+v", r.Result)
	}
	for i, f := range r.Recommendation.Referrals {
		wantConsent := questionnaire.Declined
		if i == 0 {
			wantConsent = questionnaire.Agreed
		}
		if f.Consent != wantConsent {
			t.Errorf("referral %d consent %q, want %q", i, f.Consent, wantConsent)
		}
	}
	if !strings.Contains(out.String(), "Saved.") || !strings.Contains(out.String(), "Digital inclusion check") {
		t.Errorf("output lacks Saved and the note:\n%s", out.String())
	}
}

func TestOutputHasNoEscapesOrBoxDrawing(t *testing.T) {
	var s saver
	var out strings.Builder
	n := len(expectedResult(t).Recommendation.Referrals)
	if _, err := Run(options(&s), strings.NewReader(script+consentLines(n)), &out); err != nil {
		t.Fatal(err)
	}
	for _, c := range out.String() {
		if c == 0x1b || (c >= 0x2500 && c <= 0x257f) || c == '\r' {
			t.Fatalf("output has %q: not plain lines", c)
		}
	}
}

func TestEndOfInputMidAssessmentSavesNothing(t *testing.T) {
	lines := strings.Split(script, "\n")
	for _, cut := range []int{0, 2, 10, len(lines) - 2} {
		var s saver
		var out strings.Builder
		_, err := Run(options(&s), strings.NewReader(strings.Join(lines[:cut], "\n")), &out)
		if !errors.Is(err, ErrEndOfInput) {
			t.Errorf("cut after %d lines: err = %v, want ErrEndOfInput", cut, err)
		}
		if len(s.saved) != 0 {
			t.Errorf("cut after %d lines: %d records saved", cut, len(s.saved))
		}
	}
}

func TestQuitSavesNothing(t *testing.T) {
	var s saver
	_, err := Run(options(&s), strings.NewReader("1\n9434765919\nq\n"), &strings.Builder{})
	if !errors.Is(err, ErrQuit) || len(s.saved) != 0 {
		t.Fatalf("quit: err %v, saved %d", err, len(s.saved))
	}
}

func TestBadNHSNumberIsRefusedWithTheReason(t *testing.T) {
	var s saver
	var out strings.Builder
	in := "1\n9434765918\n943476591\n" // wrong check digit, then 9 digits, then input ends
	_, _ = Run(options(&s), strings.NewReader(in), &out)
	o := out.String()
	if !strings.Contains(o, "check digit is wrong") || !strings.Contains(o, "10 digits") {
		t.Errorf("reasons not shown:\n%s", o)
	}
	if len(s.saved) != 0 {
		t.Error("saved after bad NHS numbers")
	}
}

func TestInvalidAnswersAreAskedAgain(t *testing.T) {
	t.Parallel()
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	// devices: "None of these" with a smartphone, then a number out of range,
	// then the real answer.
	fixed := append([]string{}, lines[:4]...)
	// Each refused line is followed by an empty one, which takes lines
	// again.
	fixed = append(fixed, "1 6", "", "9", "", "x", "", lines[4])
	fixed = append(fixed, lines[5:]...)
	var s saver
	var out strings.Builder
	n := len(expectedResult(t).Recommendation.Referrals)
	if _, err := typed(options(&s), strings.Join(fixed, "\n")+"\n"+consentLines(n), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(s.saved) != 1 || !reflect.DeepEqual(s.saved[0].Answers, scriptAnswers) {
		t.Fatalf("record not as scripted after retries: %+v", s.saved)
	}
	if !strings.Contains(out.String(), "cannot be chosen with other answers") {
		t.Errorf("exclusive answer not explained:\n%s", out.String())
	}
}

func TestBackGoesToThePreviousQuestionAndKeepsAnswers(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	// After the devices answer, go back and answer devices again differently,
	// then continue: the second answer wins.
	fixed := append([]string{}, lines[:5]...)
	fixed = append(fixed, "b", "1") // back from internet to devices; smartphone only
	fixed = append(fixed, lines[5:]...)
	want := scriptAnswers.Clone()
	want[questionnaire.LinkDevices] = []string{questionnaire.DevSmartphone}
	res, err := questionnaire.V1.Assess(want, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	var s saver
	var out strings.Builder
	if _, err := Run(options(&s), strings.NewReader(strings.Join(fixed, "\n")+"\n"+consentLines(len(res.Recommendation.Referrals))), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(s.saved) != 1 || !reflect.DeepEqual(s.saved[0].Answers, want) {
		t.Fatalf("answers after going back: %+v", s.saved)
	}
}

func TestSaveErrorKeepsAnswersAndRetries(t *testing.T) {
	fails := 1
	var saved []record.Record
	o := options(nil)
	o.Save = func(r *record.Record) error {
		if fails > 0 {
			fails--
			return errors.New("disk full")
		}
		saved = append(saved, *r)
		return nil
	}
	n := len(expectedResult(t).Recommendation.Referrals)
	in := script + answerReferrals(n, "1", "1") + "1\n1\n2\n" // consents, save (fails), save again, finish
	var out strings.Builder
	if _, err := Run(o, strings.NewReader(in), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(saved) != 1 || !strings.Contains(out.String(), "Not saved: disk full") {
		t.Fatalf("save retry: saved %d\n%s", len(saved), out.String())
	}
}

func TestDraftAfterEveryAnswer(t *testing.T) {
	var drafts []assess.Draft
	var s saver
	o := options(&s)
	o.Keep = func(d *assess.Draft) error { drafts = append(drafts, *d); return nil }
	n := len(expectedResult(t).Recommendation.Referrals)
	if _, err := Run(o, strings.NewReader(script+consentLines(n)), &strings.Builder{}); err != nil {
		t.Fatal(err)
	}
	asked := 0
	for _, it := range questionnaire.V1.Items() {
		if it.Enabled(scriptAnswers) {
			asked++
		}
	}
	// One as each step after the first answer opens, that the draft
	// says where it stopped (it holds what the one before did, at
	// another step), and no more: one for each section after the first,
	// the review and the result.
	moved := 0
	for i := 1; i < len(drafts); i++ {
		was, now := drafts[i-1], drafts[i]
		if reflect.DeepEqual(now.Answers, was.Answers) && reflect.DeepEqual(now.Consent, was.Consent) &&
			now.Stopped != nil && was.Stopped != nil && *now.Stopped != *was.Stopped {
			moved++
		}
	}
	if want := len(questionnaire.V1.Sections) + 1; moved != want {
		t.Errorf("%d drafts kept as a step opened, want %d", moved, want)
	}
	// One per question, and one per referral answered.
	if want := asked + len(expectedResult(t).Recommendation.Referrals) + moved; len(drafts) != want {
		t.Fatalf("%d drafts, want one per question asked and referral answered, and %d as steps opened (%d)", len(drafts), moved, want)
	}
	if len(drafts[0].Answers) != 1 {
		t.Errorf("drafts do not grow with the answers: first %v", drafts[0].Answers)
	}
	if last := drafts[len(drafts)-1]; !reflect.DeepEqual(last.Answers, scriptAnswers) {
		t.Errorf("the last draft holds %v, want every answer %v", last.Answers, scriptAnswers)
	}
}

func TestHandoutCanBeReadAfterSaving(t *testing.T) {
	var s saver
	var out strings.Builder
	n := len(expectedResult(t).Recommendation.Referrals)
	in := script + consentLines(n)
	in = strings.TrimSuffix(in, "2\n") + "3\n2\n" // read the handout, then finish
	if _, err := Run(options(&s), strings.NewReader(in), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	want := record.HandoutWith(s.saved[0], record.HandoutOptions{LargePrint: true}) // the patient needs large print
	if !strings.Contains(out.String(), strings.TrimRight(want, "\n")) {
		t.Fatalf("handout not read out:\n%s", out.String())
	}
}

// TestHandoutNamesTheTeamsPhone: the handout read out after saving gives
// the site's team and its phone, as the screen's does, for a patient who
// is offline.
func TestHandoutNamesTheTeamsPhone(t *testing.T) {
	var s saver
	var out strings.Builder
	n := len(expectedResult(t).Recommendation.Referrals)
	in := script + consentLines(n)
	in = strings.TrimSuffix(in, "2\n") + "3\n2\n"
	o := options(&s)
	o.TeamPhone = "0113 496 0000"
	if _, err := Run(o, strings.NewReader(in), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	want := record.HandoutWith(s.saved[0], record.HandoutOptions{LargePrint: true, Team: o.Team, TeamPhone: o.TeamPhone, Directory: o.Directory})
	if !strings.Contains(want, "496") || !strings.Contains(out.String(), strings.TrimRight(want, "\n")) {
		t.Fatalf("handout read out without the team's phone:\n%s", out.String())
	}
}

// firstTwoSections is the script's answers to the access and skills
// sections, as a draft would keep them.
func firstTwoSections() questionnaire.Answers {
	a := questionnaire.Answers{}
	for _, k := range []string{questionnaire.LinkDevices, questionnaire.LinkInternet, questionnaire.LinkAfford, questionnaire.LinkTasks, questionnaire.LinkHelp} {
		a[k] = scriptAnswers[k]
	}
	return a
}

func TestDraftResumesAtItsSectionWithItsAnswers(t *testing.T) {
	var kept []assess.Draft
	var s saver
	o := options(&s)
	o.Keep = func(d *assess.Draft) error { kept = append(kept, *d); return nil }
	o.Drafts = []Resume{{
		Label: "Patient 943 476 5919, kept 10:00 by jsmith, at Motivation and trust",
		Draft: draft(record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}, "jsmith", "Ward 5", firstTwoSections(), "motivation"),
	}}
	o.DraftsFromInput = true // the answers are piped in, and choose from the drafts
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	in := "2\n3\n" + strings.Join(lines[9:], "\n") + "\n" + consentLines(len(expectedResult(t).Recommendation.Referrals))
	var out strings.Builder
	if _, err := Run(o, strings.NewReader(in), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(kept) == 0 || kept[0].ID != draftID {
		t.Error("the resumed assessment was not kept under its draft's id")
	}
	if len(s.saved) != 1 || !reflect.DeepEqual(s.saved[0].Answers, scriptAnswers) || s.saved[0].Team != "Ward 5" {
		t.Fatalf("resumed record: %+v", s.saved)
	}
	if strings.Contains(out.String(), "Section 1 of 5: Access") || !strings.Contains(out.String(), "Section 3 of 5") {
		t.Error("a resumed draft asked an answered section again")
	}
}

func TestDiscardingADraftAsksFirst(t *testing.T) {
	discarded := 0
	var s saver
	o := options(&s)
	o.Drafts = []Resume{{Label: "Patient A", Discard: func() error { discarded++; return nil }}}
	o.DraftsFromInput = true // the answers are piped in, and choose from the drafts
	// Discard, say no; discard, say yes; the list is then empty and a new
	// assessment starts (input ends at its first question).
	_, err := Run(o, strings.NewReader("2\n2\n2\n2\n2\n1\n"), &strings.Builder{})
	if !errors.Is(err, ErrEndOfInput) {
		t.Fatalf("err = %v", err)
	}
	if discarded != 1 {
		t.Fatalf("discarded %d times, want once (after yes only)", discarded)
	}
}

var draftID = record.MustParseID("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b")

// draft is a draft kept by an earlier run.
func draft(p record.PatientID, clinician, team string, a questionnaire.Answers, section string) assess.Draft {
	return assess.Draft{ID: draftID, Patient: p, Clinician: clinician, Team: team,
		InstrumentVersion: questionnaire.V1.Version, Answers: a, Section: section}
}

// TestTheDraftAndTheRecordShareTheAssessmentsId: the id is made when the
// assessment starts, every draft is kept under it and the record is saved
// with it, so the store's save removes the draft.
func TestTheDraftAndTheRecordShareTheAssessmentsId(t *testing.T) {
	ids := map[record.ID]bool{}
	var savedID record.ID
	o := options(nil)
	o.Keep = func(d *assess.Draft) error { ids[d.ID] = true; return nil }
	o.Save = func(r *record.Record) error { savedID = r.ID; return nil }
	if _, err := Run(o, strings.NewReader(script+consentLines(len(expectedResult(t).Recommendation.Referrals))), &strings.Builder{}); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 || !ids[savedID] {
		t.Fatalf("drafts kept under %v, record saved as %q", ids, savedID)
	}
}
