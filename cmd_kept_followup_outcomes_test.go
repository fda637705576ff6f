package main

import (
	"os"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// A follow-up's save refused keeps its note in a file, with "Earlier
// referrals: National Device Bank …: not taken up (too far)". Once an
// answer changed (the reason given again as "no bus fare"), the file was
// written again from the draft: each question and each referral answered,
// but nothing of what became of the earlier referrals, whose outcome and
// reason were only in the data "for IT", while the file told the
// clinician to run digicheck followup again "and give these answers". The
// readable part says them in words, reason and all, as does the file of
// a follow-up unfinished.
func TestAFollowUpsKeptFileSaysWhatBecameOfTheEarlierReferralsOnceAnAnswerChanged(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := testkit.Assessed(t, testkit.Offline(nil))
	if base.ID, err = record.NewID(); err != nil {
		t.Fatal(err)
	}
	r := base
	if r.ID, err = record.NewID(); err != nil {
		t.Fatal(err)
	}
	r.FollowsUp = base.ID
	const name = "National Device Bank (Good Things Foundation)"
	r.Outcomes = []record.ReferralOutcome{{ProgrammeID: "national-device-bank", Name: name, Outcome: record.OutcomeNotTakenUp, Reason: "too far"}}
	var kept []string
	_ = keepRefused(st, &r, &store.Error{Kind: store.ErrLocked, Msg: "the store is in use"}, &kept, "")
	if len(kept) != 1 {
		t.Fatalf("the refused save kept %v; want one file", kept)
	}
	readable := func(p string) string {
		t.Helper()
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		words, _, _ := strings.Cut(string(b), "for IT")
		return strings.Join(strings.Fields(words), " ")
	}
	if text := readable(kept[0]); !strings.Contains(text, "not taken up (too far)") {
		t.Fatalf("the refused follow-up's file does not say what became of the earlier referral:\n%s", text)
	}
	d := store.Draft{Draft: assess.DraftOf(&r)}
	d.Outcomes = []record.ReferralOutcome{{ProgrammeID: "national-device-bank", Name: name, Outcome: record.OutcomeNotTakenUp, Reason: "no bus fare"}}
	p := keepUnkept(st, &d, questionnaire.National, &kept, "")
	if p != kept[0] {
		t.Fatalf("the changed answers went to %s, not the refused save's file %s", p, kept[0])
	}
	text := readable(p)
	if !strings.Contains(text, "answers were changed after that") {
		t.Fatalf("the file was not written again with the answers changed:\n%s", text)
	}
	for _, want := range []string{"What became of the earlier referrals", name + ": not taken up (no bus fare)"} {
		if !strings.Contains(text, want) {
			t.Errorf("once an answer changed, the follow-up's file does not say %q in words:\n%s", want, text)
		}
	}
	if strings.Contains(text, "too far") {
		t.Errorf("the file still gives the reason changed since:\n%s", text)
	}
}
