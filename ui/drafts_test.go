package ui

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"

	tea "charm.land/bubbletea/v2"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// tempStore is a real store in a test directory.
func tempStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// withStore wires o to st as the program does.
func withStore(o Options, st *store.Store) Options {
	o.Save, o.Draft, o.DiscardDraft = st.Save, st.SaveDraft, st.DiscardDraft
	return o
}

func drafts(t *testing.T, st *store.Store) []store.Draft {
	t.Helper()
	ls, err := st.ListDrafts(0)
	if err != nil {
		t.Fatal(err)
	}
	ds := make([]store.Draft, len(ls))
	for i := range ls {
		ds[i] = ls[i].Draft
		ds[i].HeldElsewhere = false // the list's mark, not stored
	}
	return ds
}

// accessAnswers is what toSkillsHelp gives for the Access section.
var accessAnswers = questionnaire.Answers{
	questionnaire.LinkDevices:  {questionnaire.DevSmartphone},
	questionnaire.LinkInternet: {questionnaire.NetHome},
	questionnaire.LinkAfford:   {"sometimes"},
}

// toSkillsHelp answers the Access section, ticks a task and confirms it,
// and stops on the help question, with nothing chosen.
func toSkillsHelp(u ui) {
	toSkills(u, "2") // Sometimes
	u.press("x", "enter")
	u.waitFor("Does someone help you")
}

// TestStopKeepsADraftWithTheConfirmedAnswersOnly: a signal mid-section
// keeps the completed sections and the questions of the section on screen
// that were confirmed, and never the question in focus, whose choice was
// moved to but not confirmed.
func TestStopKeepsADraftWithTheConfirmedAnswersOnly(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	d := newDriver(t, withStore(testOptions(nil), st), 80, 24)
	toSkillsHelp(d)
	d.press("down") // moved, not confirmed
	_, cmd := d.m.Update(stopMsg{syscall.SIGHUP})
	if !quits(cmd) {
		t.Fatal("a stop signal did not quit")
	}
	out, err := d.m.finish(nil)
	if err != nil || out.Draft == nil || out.DraftErr != nil {
		t.Fatalf("finish: %v, draft %v, draft error %v", err, out.Draft, out.DraftErr)
	}
	ds := drafts(t, st)
	if len(ds) != 1 {
		t.Fatalf("%d drafts in the store, want 1", len(ds))
	}
	want := accessAnswers.Clone()
	want[questionnaire.LinkTasks] = []string{questionnaire.TaskText}
	got := ds[0]
	if !reflect.DeepEqual(got.Answers, want) {
		t.Errorf("draft answers:\n got %v\nwant %v", got.Answers, want)
	}
	if got.Section != "skills" || got.Patient.Value != validNHS || got.Clinician != "Dr Ada Test" || got.Team != "Ward 5" {
		t.Errorf("draft %+v", got)
	}
	if got.ID != d.m.s.ID() || got.InstrumentVersion != questionnaire.V1.Version {
		t.Errorf("draft id %s (assessment %s), version %s", got.ID, d.m.s.ID(), got.InstrumentVersion)
	}
}

// TestNothingToKeepKeepsNoDraft: stopped before the patient was entered,
// there is no draft; the saved screen leaves none either.
func TestNothingToKeepKeepsNoDraft(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	d := newDriver(t, withStore(testOptions(nil), st), 80, 24)
	d.press("enter")
	d.typeText("94347")
	d.send(stopMsg{syscall.SIGTERM})
	if out, _ := d.m.finish(nil); out.Draft != nil || len(drafts(t, st)) != 0 {
		t.Fatalf("a draft was kept with no patient: %+v", out.Draft)
	}

	d = newDriver(t, withStore(testOptions(nil), st), 80, 24)
	toReviewQuickly(d)
	if len(drafts(t, st)) != 1 {
		t.Fatalf("%d drafts after every section, want 1", len(drafts(t, st)))
	}
	d.press("enter")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Saved ·")
	if n := len(drafts(t, st)); n != 0 {
		t.Fatalf("%d drafts left after the save", n)
	}
	d.send(stopMsg{syscall.SIGHUP})
	if out, _ := d.m.finish(nil); out.Draft != nil || len(drafts(t, st)) != 0 {
		t.Fatalf("a saved assessment came back as a draft")
	}
}

// draftAt is a draft of the scenario patient with the Access and Skills
// sections answered, to resume at Motivation and trust.
func draftAt(t *testing.T, st *store.Store) store.Draft {
	t.Helper()
	d := store.Draft{Draft: assess.Draft{
		Patient:           record.PatientID{Kind: record.NHSNumber, Value: validNHS},
		Clinician:         "Nurse Bea Draft",
		Team:              "District 3",
		InstrumentVersion: questionnaire.V1.Version,
		Answers:           accessAnswers.Clone(),
		Section:           "motivation",
	}}
	d.Answers[questionnaire.LinkTasks] = []string{questionnaire.TaskText, questionnaire.TaskEmail}
	d.Answers[questionnaire.LinkHelp] = []string{questionnaire.HelpSome}
	if err := st.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	return d
}

func offered(ds ...store.Draft) []Resumable {
	var out []Resumable
	for _, d := range ds {
		out = append(out, Resumable{Draft: d})
	}
	return out
}

// TestDraftIsOfferedAndResumedWhereItWasLeft: the list names the patient,
// who and when, and the section reached; resuming opens that section with
// every earlier answer chosen, and the saved record is the draft's, which
// the save removes.
func TestDraftIsOfferedAndResumedWhereItWasLeft(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	dr := draftAt(t, st)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(dr)
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments", "> NHS 943 476 5919", "by Nurse Bea Draft",
		"Reached Motivation and trust (3 of 5) · 5 answers", "enter resume", "d discard", "n new assessment")
	d.press("enter")
	d.waitFor("Motivation and trust · 3 of 5", "NHS 943 476 5919", "Would you like to do things")
	// Back a section: the answers given before the window closed.
	d.press("esc") // to the last question of the section before
	d.waitFor("Skills · 2 of 5", "Does someone help you", "(•) Sometimes someone helps me",
		"✓ Can do alone: Read and reply to a text message; Open and read an email")
	d.press("esc")
	d.waitFor("[x] Read and reply to a text message", "[x] Open and read an email")
	d.press("enter")
	d.waitFor("Does someone help you", "(•) Sometimes someone helps me")
	d.press("enter")
	d.waitFor("Motivation and trust · 3 of 5", choiceHelp)
	d.press("1")
	d.waitFor("How worried are you")
	d.press("1")
	d.waitFor("Has something bad happened")
	d.press("1")
	d.waitFor("Do you need information in a certain way?")
	d.press("x", "enter")
	d.waitFor("How often do you need someone")
	d.press("1")
	d.waitFor("How would you like us to contact you?")
	d.press("1")
	d.waitFor(gateQuestion)
	d.press(skipOptional)
	d.waitFor("Review", "Nurse Bea Draft · District 3")
	d.press("end", "enter") // read to its end: it says whose draft this was
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Saved ·")
	saved := d.m.Outcome().Saved
	if len(saved) != 1 || saved[0].ID != dr.ID {
		t.Fatalf("saved %v; want the draft's id %s", saved, dr.ID)
	}
	got, err := st.Get(dr.ID)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range dr.Answers {
		if !reflect.DeepEqual(got.Answers[k], v) {
			t.Errorf("answer %s: got %v, want %v from the draft", k, got.Answers[k], v)
		}
	}
	if got.Clinician != "Nurse Bea Draft" || got.Team != "District 3" {
		t.Errorf("clinician %q, team %q", got.Clinician, got.Team)
	}
	if n := len(drafts(t, st)); n != 0 {
		t.Errorf("%d drafts left after the resumed assessment was saved", n)
	}
}

// TestResumedResultKeepsTheConsentsGiven: a draft kept at the result
// brings back the patient's referral answers.
func TestResumedResultKeepsTheConsentsGiven(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	res, err := questionnaire.V1.Assess(scenarioAnswers, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	first := res.Recommendation.Referrals[0].ProgrammeID
	dr := store.Draft{Draft: assess.Draft{
		Patient:           record.PatientID{Kind: record.NHSNumber, Value: validNHS},
		Clinician:         "Dr Ada Test",
		InstrumentVersion: questionnaire.V1.Version,
		Answers:           scenarioAnswers.Clone(),
		Consent:           map[string]string{first: questionnaire.Declined},
	}}
	if err := st.SaveDraft(&dr); err != nil {
		t.Fatal(err)
	}
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(dr)
	d := newDriver(t, o, 80, 24)
	d.waitFor("Reached the result")
	d.press("enter")
	d.waitFor("Review", "Resumed: every section was answered")
	d.press("end", "enter")
	d.waitFor("Result")
	if got := d.m.referrals()[0].Consent; got != questionnaire.Declined {
		t.Fatalf("first referral's consent %q after resuming, want declined", got)
	}
	if got := d.m.referrals()[1].Consent; got != "" {
		t.Fatalf("second referral's consent %q, want none", got)
	}
}

// TestDiscardingADraftAsksFirst: d asks, n keeps it, y removes it from the
// store and the list, and with none left a new assessment starts.
func TestDiscardingADraftAsksFirst(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	dr := draftAt(t, st)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(dr)
	d := newDriver(t, o, 80, 24)
	d.press("d")
	d.waitFor("Discard the unfinished assessment of NHS 943 476 5919?", "Its answers will be", "y discard it", "n keep it")
	d.press("n")
	d.waitFor("enter resume")
	if len(drafts(t, st)) != 1 {
		t.Fatal("n discarded the draft")
	}
	// Keys that mean something elsewhere do nothing while asking.
	d.press("d", "enter")
	d.waitFor("Discard the unfinished assessment")
	d.press("y")
	d.waitFor("Discard it for good?", "y yes, discard its answers")
	if len(drafts(t, st)) != 1 {
		t.Fatal("one y discarded the draft: it must ask again")
	}
	d.press("y")
	d.waitFor("New assessment", "Identifier", "Draft discarded.")
	if n := len(drafts(t, st)); n != 0 {
		t.Fatalf("%d drafts after discarding", n)
	}
}

// TestNewAssessmentBesideDrafts: n starts a new assessment and leaves the
// drafts; esc from its untouched first question goes back to the list.
func TestNewAssessmentBesideDrafts(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	dr := draftAt(t, st)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(dr)
	d := newDriver(t, o, 80, 24)
	d.press("n")
	d.waitFor("New assessment", "Identifier", "esc back")
	d.press("esc")
	d.waitFor("Unfinished assessments", "NHS 943 476 5919")
	_, cmd := d.m.Update(keyPress("ctrl+c"))
	if !quits(cmd) {
		t.Fatal("ctrl+c on the list of drafts did not quit at once")
	}
	if len(drafts(t, st)) != 1 {
		t.Fatal("quitting the list lost the draft")
	}
}

// TestCtrlCAsksToDiscardOrKeep: with answers given, ctrl+c offers to
// discard (which removes the draft kept so far) or keep a draft.
func TestCtrlCAsksToDiscardOrKeep(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		key    string
		drafts int
	}{{"y", 0}, {"k", 1}} {
		st := tempStore(t)
		d := newDriver(t, withStore(testOptions(nil), st), 80, 24)
		toSkillsHelp(d)
		if len(drafts(t, st)) != 1 {
			t.Fatal("no draft after the first section")
		}
		d.press("ctrl+c")
		d.waitFor("Discard this assessment?", "y discard and quit", "k keep as a draft and quit", "n keep going")
		if tc.key == "y" {
			// Discarding asks again.
			d.press("y")
			d.waitFor("Discard it for good?")
		}
		_, cmd := d.m.Update(keyPress(tc.key))
		if !quits(cmd) {
			t.Fatalf("%s did not quit", tc.key)
		}
		d.m.finish(nil)
		ds := drafts(t, st)
		if len(ds) != tc.drafts {
			t.Fatalf("after %s: %d drafts, want %d", tc.key, len(ds), tc.drafts)
		}
		if tc.key == "k" && len(ds[0].Answers[questionnaire.LinkTasks]) != 1 {
			t.Errorf("kept draft lacks the confirmed task answer: %v", ds[0].Answers)
		}
	}
}

// TestDraftWritesLandInOrder: draft writes run concurrently in commands;
// an earlier write arriving late must not replace a later one.
func TestDraftWritesLandInOrder(t *testing.T) {
	t.Parallel()
	var kept []string
	w := &drafter{save: func(d *store.Draft) error { kept = append(kept, d.Section); return nil }}
	w.write(2, store.Draft{Draft: assess.Draft{Section: "motivation"}})
	w.write(1, store.Draft{Draft: assess.Draft{Section: "skills"}})
	w.close(nil)
	w.write(3, store.Draft{Draft: assess.Draft{Section: "needs"}})
	if !reflect.DeepEqual(kept, []string{"motivation"}) {
		t.Fatalf("written %v, want only the later draft before close", kept)
	}
}

// TestDraftOfAnEditedSectionKeepsCommittedAnswers: opened from the review,
// a section's unconfirmed changes do not reach the draft's answers; they
// are kept apart as not confirmed, and the draft resumes at the section,
// for them to be confirmed or changed.
func TestDraftOfAnEditedSectionKeepsCommittedAnswers(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	d := newDriver(t, withStore(testOptions(nil), st), 80, 24)
	toReviewQuickly(d)
	before := d.m.s.Answers().Clone()
	d.press("1")
	d.waitFor("Access · 1 of 5")
	d.press("down", "x") // a tablet, ticked but not confirmed
	d.send(stopMsg{syscall.SIGHUP})
	out, _ := d.m.finish(nil)
	if out.Draft == nil || !reflect.DeepEqual(out.Draft.Answers, before) {
		t.Fatalf("draft %+v; want the committed answers %v", out.Draft, before)
	}
	ticked := append(slices.Clone(before[questionnaire.LinkDevices]), questionnaire.DevComputer)
	if got := out.Draft.Unconfirmed[questionnaire.LinkDevices]; !reflect.DeepEqual(got, ticked) || out.Draft.Section != "access" {
		t.Fatalf("the tick not confirmed is kept as %v, resuming at %q; want %v at access", got, out.Draft.Section, ticked)
	}
}

// TestDraftFailureIsShown: a draft that cannot be written says so.
func TestDraftFailureIsShown(t *testing.T) {
	t.Parallel()
	o := testOptions((&memStore{}).Save)
	o.Draft = func(*store.Draft) error { return errDiskFull }
	d := newDriver(t, o, 80, 24)
	toSkills(d, "1")
	d.waitFor("could not be kept as a draft: disk full")
	if !strings.Contains(d.screen(), "Which of these can you do") {
		t.Fatal("a failed draft stopped the assessment")
	}
	_ = tea.Quit
}
