package ui

import (
	"reflect"
	"strings"
	"syscall"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// savedScenario saves the scenario's assessment a month before fixedNow,
// with the given consents in referral order (declined when too few, agreed
// when none are given).
func savedScenario(t *testing.T, st *store.Store, consents ...string) record.Record {
	t.Helper()
	r := firstVisit(t, func(i int) string {
		switch {
		case i < len(consents):
			return consents[i]
		case len(consents) > 0:
			return questionnaire.Declined
		}
		return questionnaire.Agreed
	})
	if err := st.Save(&r); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestAmendmentIsPrefilledAndSupersedes: the record opens with the patient
// fixed and every answer chosen, says it is an amendment, keeps the
// patient's answer to each referral that comes out again for the same
// reason (an amendment corrects answers; it asks again only about a
// referral offered for another reason now), and saves a new
// version that supersedes the old.
func TestAmendmentIsPrefilledAndSupersedes(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	old := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.Amend = &old
	d := newDriver(t, o, 80, 24)
	d.waitFor("Amend assessment", "NHS 943 476 5919", "Amending the assessment of 2 Feb 2026 (record "+old.ID.String()[:8], "Clinician", "> Dr Ada Test")
	if strings.Contains(d.screen(), "Identifier") {
		t.Fatal("the patient of an amendment can be changed")
	}
	d.press("enter")
	d.waitFor("Team", "press Tab for "+old.Team)
	d.press("tab", "enter") // the record's team
	d.waitFor("Amendment · Review", "Read and reply to a text message; Open")

	// Every form opens with the recorded answers chosen.
	d.press("1")
	d.waitFor("Amendment · Access · 1 of 5", "[x] My own smartphone")
	d.press("enter")
	d.waitFor("[x] Internet or wifi at home")
	d.press("enter")
	d.waitFor("(•) Sometimes")
	d.press("enter")
	d.waitFor("Amendment · Review")
	d.press("4")
	d.waitFor("[x] A spoken-language interpreter")
	d.press("esc")
	correctMotivation(d)
	if got := d.m.s.Answers().One(questionnaire.LinkWant); got != "with-help" {
		t.Fatalf("corrected answer %q", got)
	}

	d.press("end", "enter")
	d.waitFor("Amendment · Result")
	was := map[string]questionnaire.Referral{}
	for _, r := range old.Recommendation.Referrals {
		was[r.ProgrammeID] = r
	}
	unanswered := 0
	for i, r := range d.m.referrals() {
		// An answer stands where the referral comes out again for the
		// same reason; one whose reason changed is asked again.
		want := ""
		if w, ok := was[r.ProgrammeID]; ok && w.Reason == r.Reason {
			want = w.Consent
		}
		if r.Consent != want {
			t.Errorf("consent for %s is %q, want %q (the old record said %q, for the same reason %v)", r.ProgrammeID, r.Consent, want, was[r.ProgrammeID].Consent, was[r.ProgrammeID].Reason == r.Reason)
		}
		if r.Consent == "" && i < firstReferrals {
			unanswered++
		}
	}
	answerReferrals(d, unanswered)
	saveReadBack(d)
	d.waitFor("Saved ·")

	cur, err := st.Current(old.ID)
	if err != nil {
		t.Fatal(err)
	}
	if cur.ID == old.ID || cur.Status != record.Amended || cur.Amends != old.ID {
		t.Fatalf("current version %s status %s amends %q; want a new amended version of %s", cur.ID, cur.Status, cur.Amends, old.ID)
	}
	if cur.Patient != old.Patient || cur.Clinician != "Dr Ada Test" {
		t.Errorf("patient %v, clinician %q", cur.Patient, cur.Clinician)
	}
	want := scenarioAnswers.Clone()
	want[questionnaire.LinkWant] = []string{"with-help"}
	if !reflect.DeepEqual(cur.Answers, want) {
		t.Errorf("amended answers:\n got %v\nwant %v", cur.Answers, want)
	}
	vs, err := st.Versions(old.ID)
	if err != nil || len(vs) != 2 {
		t.Fatalf("versions %d, %v", len(vs), err)
	}
	if again, _ := st.Get(old.ID); !reflect.DeepEqual(again.Answers, scenarioAnswers) {
		t.Error("the old version was changed")
	}
}

// TestAmendmentDraftResumesAsAnAmendment: stopped mid-amendment, the
// draft says what it amends and resumes as an amendment.
func TestAmendmentDraftResumesAsAnAmendment(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	old := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.Amend = &old
	d := newDriver(t, o, 80, 24)
	d.press("enter", "tab", "enter") // the clinician given; the record's team, by Tab
	d.waitFor("Amendment · Review")
	d.press("3")
	d.press("down", "enter")
	d.waitFor("How worried are you")
	d.send(stopMsg{syscall.SIGHUP})
	out, _ := d.m.finish(nil)
	if out.Draft == nil || out.Draft.Amends != old.ID || out.Draft.Answers.One(questionnaire.LinkWant) != "with-help" {
		t.Fatalf("draft %+v", out.Draft)
	}

	o = withStore(testOptions(nil), st)
	o.Drafts = []Resumable{{Draft: drafts(t, st)[0], Base: &old}}
	d = newDriver(t, o, 80, 24)
	d.waitFor("NHS 943 476 5919 · amendment")
	d.press("enter")
	d.waitFor("Amendment · Review")
	if got := d.m.s.Answers().One(questionnaire.LinkWant); got != "with-help" {
		t.Fatalf("resumed amendment's answer %q, want the change made before the stop", got)
	}
	d.press("end", "enter")
	d.waitFor("Amendment · Result")
}

// TestFollowUpAsksOutcomesAndShowsTheChange: a follow-up asks what became
// of each referral agreed last time (and only those), asks the questions
// afresh, shows the change since on the result, and saves a record linked
// to the earlier one with the outcomes, whose note says the change.
func TestFollowUpAsksOutcomesAndShowsTheChange(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st, questionnaire.Agreed, questionnaire.Declined, questionnaire.Agreed, questionnaire.Declined)
	latest, err := st.Latest(prev.Patient)
	if err != nil {
		t.Fatal(err)
	}
	refs := prev.Recommendation.Referrals
	o := withStore(testOptions(nil), st)
	o.FollowUp = &latest
	d := newDriver(t, o, 80, 24)
	d.waitFor("Follow-up", "Following up the assessment of 2 Feb 2026", "Clinician")
	d.press("enter", "enter")
	d.waitFor("Follow-up · Earlier referrals", "Did you go to "+refs[0].Name, "4 ( ) Not known, or not asked",
		"1-4 choose · ↑/↓ move · enter confirm · esc back · ctrl+c quit")
	if strings.Contains(d.screen(), "(•)") {
		t.Fatalf("an outcome starts chosen:\n%s", d.screen())
	}
	d.press("3") // not taken up
	d.waitFor("Why not? (optional)", "enter next · esc back · ctrl+c quit")
	// Letters that are keys elsewhere are text here.
	d.typeText("no bus; quit? yes")
	d.press("enter")
	d.waitFor("Did you go to " + refs[2].Name)
	if strings.Contains(d.screen(), "Did you go to "+refs[1].Name) {
		t.Fatalf("asked about a referral declined last time:\n%s", d.screen())
	}
	d.press("down", "down", "enter") // helped

	// The questions are asked afresh: nothing chosen from last time.
	d.waitFor("Follow-up · Access · 1 of 5", "[ ] My own smartphone")
	if strings.Contains(d.screen(), "[x]") || strings.Contains(d.screen(), "✓") {
		t.Fatalf("a follow-up's questions came pre-filled:\n%s", d.screen())
	}
	// Esc from the first question goes back to the last outcome asked,
	// and on to the first, each kept.
	d.press("esc")
	d.waitFor("Earlier referrals", "Did you go to "+refs[2].Name, "(•) Yes, and it helped")
	d.press("esc")
	d.waitFor("Why not?", "> no bus; quit? yes")
	d.press("esc")
	d.waitFor("Did you go to "+refs[0].Name, "(•) No, I did not take it up")
	d.press("enter")
	d.waitFor("Why not?", "> no bus; quit? yes")
	d.press("enter")
	d.waitFor("Did you go to "+refs[2].Name, "(•) Yes, and it helped")
	d.press("enter")
	d.waitFor("Access · 1 of 5")
	d.press("x", "enter")
	d.waitFor("How do you get online?")
	d.press("x", "enter")
	d.waitFor("Do you run out of data")
	d.press("1")
	d.waitFor("Skills · 2 of 5")
	d.press(repeat("down", 6)...)
	d.press("x")
	answerRest(d)
	d.waitFor("o  Earlier", "taken up: no bus; quit? yes", "and it helped")

	d.press("end", "enter")
	d.waitFor("Follow-up · Result", "Change since 2 Feb 2026")
	want := record.Compare(prev, record.Record{Result: d.m.s.Result()})
	for _, l := range want.Lines()[:4] {
		d.waitFor(l)
	}
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Saved ·", "Change since the check of")
	d.press("end")
	d.waitFor("Earlier referrals:", "not taken up (no bus; quit? yes)")

	got, err := st.Get(d.m.Outcome().Saved[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	wantOutcomes := []record.ReferralOutcome{
		{ProgrammeID: refs[0].ProgrammeID, Name: refs[0].Name, Outcome: record.OutcomeNotTakenUp, Reason: "no bus; quit? yes"},
		{ProgrammeID: refs[2].ProgrammeID, Name: refs[2].Name, Outcome: record.OutcomeHelped},
	}
	if got.FollowsUp != prev.ID || !reflect.DeepEqual(got.Outcomes, wantOutcomes) {
		t.Fatalf("follows up %q with outcomes %+v; want %s with %+v", got.FollowsUp, got.Outcomes, prev.ID, wantOutcomes)
	}
	if got.Change == nil || !reflect.DeepEqual(got.Change.Lines(), want.Lines()) {
		t.Fatalf("stored change %+v; the result screen showed %v", got.Change, want.Lines())
	}
	if !strings.Contains(record.NoteWith(got, record.NoteOptions{}), "- Access: ") {
		t.Errorf("note lacks the change:\n%s", record.NoteWith(got, record.NoteOptions{}))
	}
}

// TestFollowUpWithNothingAgreedGoesStraightToTheQuestions.
func TestFollowUpWithNothingAgreedGoesStraightToTheQuestions(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st, repeat(questionnaire.Declined, 10)...)
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	d := newDriver(t, o, 80, 24)
	d.press("enter", "enter")
	d.waitFor("Follow-up · Access · 1 of 5")
}

// TestFollowUpOutcomesReachTheDraft: outcomes confirmed before a stop are
// kept, and the one in focus is not.
func TestFollowUpOutcomesReachTheDraft(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	d := newDriver(t, o, 80, 24)
	d.press("enter", "enter")
	d.waitFor("Earlier referrals")
	d.press("down", "enter") // the first: attended
	d.waitFor("Did you go to " + prev.Recommendation.Referrals[1].Name)
	d.press("down", "down") // moved, not confirmed
	d.send(stopMsg{syscall.SIGTERM})
	out, _ := d.m.finish(nil)
	want := []record.ReferralOutcome{{ProgrammeID: prev.Recommendation.Referrals[0].ProgrammeID, Name: prev.Recommendation.Referrals[0].Name, Outcome: record.OutcomeAttended}}
	if out.Draft == nil || out.Draft.FollowsUp != prev.ID || !reflect.DeepEqual(out.Draft.Outcomes, want) {
		t.Fatalf("draft %+v; want outcomes %+v", out.Draft, want)
	}
	if out.Draft.Section != "access" {
		t.Errorf("draft section %q, want access", out.Draft.Section)
	}
}

// TestSaveFaultKeepsEverythingAndTheDraft: a full disk (or a read-only
// store) at save says so in the store's words, keeps the answers and
// consents on screen and in the draft, and a retry saves.
func TestSaveFaultKeepsEverythingAndTheDraft(t *testing.T) {
	t.Parallel()
	for _, kind := range []error{store.ErrNoSpace, store.ErrReadOnly} {
		st := tempStore(t)
		fail := &store.Error{Kind: kind, Msg: "the disk holding the store /x/digicheck.db is full, so nothing was saved; free some space (or ask IT), then save again"}
		if kind == store.ErrReadOnly {
			fail.Msg = "the store /x/digicheck.db cannot be written (the file or the disk it is on is read-only, or it belongs to someone else), so nothing was saved; fix that, or ask IT, then save again"
		}
		failing := true
		o := withStore(testOptions(nil), st)
		o.Save = func(r *record.Record) error {
			if failing {
				return fail
			}
			return st.Save(r)
		}
		d := newDriver(t, o, 80, 24)
		toReviewQuickly(d)
		d.press("end", "enter")
		d.waitFor("Result")
		consents := answerReferrals(d, firstReferrals)
		saveReadBack(d)
		d.waitFor("Not saved: the", "r retry save")
		if s := strings.Join(strings.Fields(d.screen()), " "); !strings.Contains(s, "so nothing was saved;") || !strings.Contains(s, "Everything is still here and in the draft: press r to try again.") {
			t.Fatalf("the failure is not said in full:\n%s", d.screen())
		}
		if d.m.screen != resultScreen || len(d.m.Outcome().Saved) != 0 {
			t.Fatalf("left the result after a failed save:\n%s", d.screen())
		}
		ds := drafts(t, st)
		if len(ds) != 1 || len(ds[0].Consent) != len(consents) || !reflect.DeepEqual(ds[0].Answers, d.m.s.Answers()) {
			t.Fatalf("draft after the failed save: %+v", ds)
		}
		failing = false
		d.press("r")
		d.waitFor("Saved ·")
		if n := len(drafts(t, st)); n != 0 {
			t.Fatalf("%d drafts after the retry saved", n)
		}
	}
}

// TestFollowUpDraftResumesAtTheOutcomes: stopped while asking about the
// earlier referrals, the follow-up resumes there, with the outcomes given.
func TestFollowUpDraftResumesAtTheOutcomes(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	d := newDriver(t, o, 80, 24)
	d.press("enter", "enter")
	d.waitFor("Earlier referrals")
	d.press("down", "down", "enter") // the first helped
	d.waitFor("Did you go to " + prev.Recommendation.Referrals[1].Name)
	d.send(stopMsg{syscall.SIGHUP})
	d.m.finish(nil)

	o = withStore(testOptions(nil), st)
	o.Drafts = []Resumable{{Draft: drafts(t, st)[0], Base: &prev}}
	d = newDriver(t, o, 80, 24)
	d.waitFor("NHS 943 476 5919 · follow-up", "Stopped at the earlier referrals")
	if s := flat(d.screen()); !strings.Contains(s, "1 earlier referral followed up") {
		t.Errorf("the draft is not listed with the outcome given:\n%s", d.screen())
	}
	d.press("enter")
	d.waitFor("Follow-up · Earlier referrals", "Did you go to "+prev.Recommendation.Referrals[0].Name, "(•) Yes, and it helped")
}
