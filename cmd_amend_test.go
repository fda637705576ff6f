package main

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestAmendOfAnOldVersionNamesTheCurrentOne: only the current version can
// be amended, and the refusal says which one that is.
func TestAmendOfAnOldVersionNamesTheCurrentOne(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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

// TestPlainPromptsFollowUpAndAmendARecord: with plain prompts (answers
// piped in, as a screen reader's user types them) a clinician follows up a
// saved assessment, saying what became of each referral agreed then, and
// corrects the follow-up; both are saved in the store, linked.
func TestPlainPromptsFollowUpAndAmendARecord(t *testing.T) {
	t.Parallel()
	path, st, first := agreedToEverything(t)
	refs := first.Recommendation.Referrals
	if len(refs) < 2 {
		t.Fatalf("the fixture needs two referrals, has %d", len(refs))
	}

	// Follow up: who (as offered), what became of each referral (the
	// first not taken up, the rest attended), the questions afresh, the
	// patient's answers to the first referrals, save.
	lines := followUpLines(t, first, "Dr F Up", "", "3", "no bus")
	out, _, err := runStoreCmdIn(t, path, strings.Join(lines, "\n")+"\n", (*app).followupCmd, first.Patient.Value)
	if err != nil {
		t.Fatalf("followup with plain prompts: %v\n%s", err, out)
	}
	fu, err := st.Latest(first.Patient)
	if err != nil {
		t.Fatal(err)
	}
	if fu.FollowsUp != first.ID || fu.Clinician != "Dr F Up" || fu.Team != "Ward 7" || fu.Change == nil || len(fu.Outcomes) != len(refs) {
		t.Fatalf("follow-up %s: follows %q by %q of %q, change %v, outcomes %+v", fu.ID, fu.FollowsUp, fu.Clinician, fu.Team, fu.Change, fu.Outcomes)
	}
	if o := fu.Outcomes[0]; o.ProgrammeID != refs[0].ProgrammeID || o.Outcome != record.OutcomeNotTakenUp || o.Reason != "no bus" {
		t.Errorf("first outcome %+v", o)
	}
	if o := fu.Outcomes[1]; o.Outcome != record.OutcomeAttended || o.Reason != "" {
		t.Errorf("second outcome %+v", o)
	}

	// Amend it: every answer as recorded; the review opens what became of
	// the earlier referrals (after the result and the clinician), where
	// the first outcome is corrected to "helped" and the others kept with
	// Enter; then Motivation and trust (the third section), where one
	// answer is corrected and the others kept with Enter; and the
	// patient's answers to the referrals stand.
	lines = []string{"", "=", "3", "2"} // the clinician given; the record's team, by =
	for range refs[1:] {
		lines = append(lines, "")
	}
	lines = append(lines, "6", "", "1", "", "1")
	// The first programme, now said to have helped, is not offered again.
	offered := len(fu.Recommendation.Referrals) + len(fu.Recommendation.Unshown)
	if slices.ContainsFunc(append(slices.Clone(fu.Recommendation.Referrals), fu.Recommendation.Unshown...), func(f questionnaire.Referral) bool { return f.ProgrammeID == refs[0].ProgrammeID }) {
		offered--
	}
	lines = append(lines, referralLines(offered, "")...)
	out, _, err = runStoreCmdIn(t, path, strings.Join(lines, "\n")+"\n", (*app).amendCmd, fu.ID.String(), "--reason", "worry misheard", "--clinician", "Dr Fix")
	if err != nil {
		t.Fatalf("amend with plain prompts: %v\n%s", err, out)
	}
	cur, err := st.Current(fu.ID)
	if err != nil {
		t.Fatal(err)
	}
	if cur.ID == fu.ID || cur.Status != record.Amended || cur.Amends != fu.ID || cur.FollowsUp != first.ID ||
		cur.AmendReason != "worry misheard" || cur.Clinician != "Dr Fix" || len(cur.Outcomes) != len(fu.Outcomes) {
		t.Fatalf("amendment %+v", cur)
	}
	wantOutcomes := slices.Clone(fu.Outcomes)
	wantOutcomes[0].Outcome, wantOutcomes[0].Reason = record.OutcomeHelped, ""
	if !reflect.DeepEqual(cur.Outcomes, wantOutcomes) {
		t.Errorf("amended outcomes:\n got %+v\nwant %+v", cur.Outcomes, wantOutcomes)
	}
	want := fu.Answers.Clone()
	want[questionnaire.LinkWorry] = []string{"not"}
	if !reflect.DeepEqual(cur.Answers, want) {
		t.Errorf("amended answers:\n got %v\nwant %v", cur.Answers, want)
	}
	for _, r := range cur.Recommendation.Referrals {
		if r.ProgrammeID == refs[0].ProgrammeID {
			t.Errorf("referral %s is offered again, though the amendment says it helped", r.ProgrammeID)
		}
		for _, f := range fu.Recommendation.Referrals {
			if r.ProgrammeID == f.ProgrammeID && r.Consent != f.Consent {
				t.Errorf("referral %s: %q, the follow-up said %q", r.ProgrammeID, r.Consent, f.Consent)
			}
		}
	}
	if ds, _ := st.ListDrafts(0); len(ds) != 0 {
		t.Errorf("%d drafts left after both were saved", len(ds))
	}
}

// cloneWithConsent is res with every referral given consent.
func cloneWithConsent(res questionnaire.Result, consent string) questionnaire.Result {
	res.Recommendation.Referrals = append([]questionnaire.Referral(nil), res.Recommendation.Referrals...)
	for i := range res.Recommendation.Referrals {
		res.Recommendation.Referrals[i].Consent = consent
	}
	return res
}

// promptLines answers every question the plain prompts ask of a new
// assessment (the current instrument) with a, by the numbers they read
// out, skipping the optional questions.
func promptLines(t *testing.T, a questionnaire.Answers) []string {
	t.Helper()
	var lines []string
	for _, sec := range questionnaire.Current.Sections {
		if sec.Optional {
			lines = append(lines, "2") // skip them
			continue
		}
		for i := range sec.Items {
			it := &sec.Items[i]
			if !it.Enabled(a) {
				continue
			}
			if it.Type == questionnaire.Text {
				lines = append(lines, strings.Join(a[it.LinkID], ""))
				continue
			}
			var nums []string
			for _, v := range a[it.LinkID] {
				for j, o := range it.Options {
					if o.Code == v {
						nums = append(nums, fmt.Sprint(j+1))
					}
				}
			}
			lines = append(lines, strings.Join(nums, " "))
		}
	}
	return lines
}

// referralLines answers the first referrals with answer, leaves the others
// unshown, saves and finishes.
func referralLines(n int, answer string) []string {
	var lines []string
	for range min(n, assess.FirstReferrals) {
		lines = append(lines, answer)
	}
	if n > assess.FirstReferrals {
		lines = append(lines, "2")
	}
	return append(lines, "1", "2")
}

// TestAnAmendmentLeftUnfinishedResumesInPlainPrompts: an amendment whose
// input ends part way is kept as a draft of the amendment, with its reason;
// the next plain-prompt run offers it, and finishing it saves the
// amendment, superseding the record.
func TestAnAmendmentLeftUnfinishedResumesInPlainPrompts(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	// Who; open Motivation and trust from the review; keep its first
	// answer; the input ends.
	_, _, err := runStoreCmdIn(t, path, "\n\n5\n\n", (*app).amendCmd, rs[0].ID.String(), "--reason", "worry misheard", "--clinician", "Dr Fix")
	if err == nil {
		t.Fatal("an amendment whose input ended was not reported unfinished")
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := st.ListDrafts(0)
	if err != nil || len(ds) != 1 || ds[0].Amends != rs[0].ID || ds[0].AmendReason != "worry misheard" {
		t.Fatalf("drafts %+v (%v); want one amending %s with its reason", ds, err, rs[0].ID)
	}

	// Resume it from a plain new run: the draft, resume; the answers are
	// right; the first referrals; save; finish.
	lines := []string{"2", "3", "1"}
	lines = append(lines, referralLines(len(rs[0].Recommendation.Referrals), "1")...)
	out, _, err := runStoreCmdIn(t, path, strings.Join(lines, "\n")+"\n", newFromInput, "--drafts-from-input")
	if err != nil {
		t.Fatalf("resumed amendment: %v\n%s", err, out)
	}
	if !strings.Contains(out, "(an amendment of record "+rs[0].ID.String()[:8]) {
		t.Errorf("the draft is not said to be an amendment of its record:\n%s", out)
	}
	cur, err := st.Current(rs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if cur.ID != ds[0].ID || cur.Amends != rs[0].ID || cur.Status != record.Amended || cur.AmendReason != "worry misheard" || cur.Clinician != "Dr Fix" {
		t.Fatalf("current version %+v; want the draft's amendment", cur)
	}
	if ds, _ := st.ListDrafts(0); len(ds) != 0 {
		t.Errorf("%d drafts left", len(ds))
	}
}

// TestPlainPromptsAmendmentKeepsTheReferralsAnsweredBefore: amending a
// record whose every referral was answered, the clinician keeps the first
// answers with Enter and declines to go through the rest: the choice says
// the earlier answers are kept, and they are.
func TestPlainPromptsAmendmentKeepsTheReferralsAnsweredBefore(t *testing.T) {
	t.Parallel()
	path, st, base := agreedToEverything(t)
	n := len(base.Recommendation.Referrals)
	if n <= assess.FirstReferrals {
		t.Fatalf("the fixture needs more than %d referrals, has %d", assess.FirstReferrals, n)
	}
	lines := []string{"", "", "1"} // clinician and team as offered; the review confirmed
	for range assess.FirstReferrals {
		lines = append(lines, "") // the answer given before
	}
	lines = append(lines, "2", "1", "2") // not the rest; save; no new assessment
	out, _, err := runStoreCmdIn(t, path, strings.Join(lines, "\n")+"\n", (*app).amendCmd, base.ID.String(), "--reason", "typo", "--clinician", "Dr Fix")
	if err != nil {
		t.Fatalf("amend: %v\n%s", err, out)
	}
	if !strings.Contains(out, "2. No: keep the answers given before") {
		t.Errorf("the choice not to go through the rest does not say their answers are kept:\n%s", out)
	}
	cur, err := st.Current(base.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := cur.Recommendation.Referrals; len(got) != n || len(cur.Recommendation.Unshown) != 0 {
		t.Fatalf("amendment offers %d referrals and %d unshown; the record amended had %d, all answered", len(got), len(cur.Recommendation.Unshown), n)
	}
	for _, r := range cur.Recommendation.Referrals {
		if r.Consent != questionnaire.Agreed {
			t.Errorf("referral %s: %q, answered %q before", r.ProgrammeID, r.Consent, questionnaire.Agreed)
		}
	}
}

// TestPlainPromptsGoingBackInAFollowUpReadsOutTheEarlierAnswers: b back to
// what became of a referral reads out the reason given, and Enter keeps it.
func TestPlainPromptsGoingBackInAFollowUpReadsOutTheEarlierAnswers(t *testing.T) {
	t.Parallel()
	path, st, first := agreedToEverything(t)
	// Who; the first referral not taken up, "no bus"; back from the second
	// referral's question to the reason, kept with Enter; the rest attended.
	lines := followUpLines(t, first, "Dr F Up", "", "3", "no bus", "b", "")
	out, _, err := runStoreCmdIn(t, path, strings.Join(lines, "\n")+"\n", (*app).followupCmd, first.Patient.Value)
	if err != nil {
		t.Fatalf("followup: %v\n%s", err, out)
	}
	if !strings.Contains(out, "(press Enter for no bus)") {
		t.Errorf("going back to the reason does not read it out:\n%s", out)
	}
	fu, err := st.Latest(first.Patient)
	if err != nil {
		t.Fatal(err)
	}
	if len(fu.Outcomes) == 0 || fu.Outcomes[0].Reason != "no bus" || fu.Outcomes[0].Outcome != record.OutcomeNotTakenUp {
		t.Errorf("outcomes %+v: want the first not taken up, \"no bus\"", fu.Outcomes)
	}
}

// agreedToEverything is a store holding one saved assessment whose patient
// agreed to every referral.
func agreedToEverything(t *testing.T) (string, *store.Store, record.Record) {
	t.Helper()
	path, rs := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	r.ID, r.Status = record.ID{}, record.Completed
	r.Result = cloneWithConsent(r.Result, questionnaire.Agreed)
	if err := st.Save(&r); err != nil {
		t.Fatal(err)
	}
	return path, st, r
}

// followUpLines is the plain prompts' input for a follow-up of base: the
// lines given first (who, and the first referral's outcome), then every
// other referral attended, the current questions answered as base's
// patient answered them (testkit.V2), the review confirmed, the first
// referrals agreed, saved.
func followUpLines(t *testing.T, base record.Record, first ...string) []string {
	t.Helper()
	lines := slices.Clone(first)
	for range base.Recommendation.Referrals[1:] {
		lines = append(lines, "1")
	}
	now := testkit.V2(base.Answers)
	res, err := questionnaire.Current.Assess(now, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	lines = append(lines, promptLines(t, now)...)
	lines = append(lines, "1")
	return append(lines, referralLines(len(res.Recommendation.Referrals), "1")...)
}
