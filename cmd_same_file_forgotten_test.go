package main

import (
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// Full screen: a draft listed whose every answer a refused save's file
// holds is said so as it opens ("This draft holds every one of them"),
// and once saved the end says the file may be deleted. Resumed, changed
// and kept again in the same run, the draft no longer holds the file's
// answers, but the next listing left it marked the same: the draft was
// said to hold the file's answers, and the file, the only copy of them,
// to be deleted. Each listing now marks it as it finds it.
func TestADraftChangedSinceItsFileWasFoundTheSameIsNoLongerSaidToHoldIt(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	if r.ID, err = record.NewID(); err != nil {
		t.Fatal(err)
	}
	if len(r.Recommendation.Referrals) == 0 {
		t.Fatal("the assessment has no referral to change")
	}
	var kept []string
	_ = keepRefused(st, &r, &store.Error{Kind: store.ErrLocked, Msg: "the store is in use by another digicheck window or program"}, &kept, "")
	if len(kept) != 1 {
		t.Fatalf("the refused save kept %v; want one file", kept)
	}
	same := map[record.ID]string{}
	d := assess.DraftOf(&r)
	followSame(same, r.ID, kept[0], d)
	if same[r.ID] == "" {
		t.Fatalf("a draft holding every answer of %s is not marked the same", kept[0])
	}

	// Resumed, a referral's answer changed, kept again, listed again.
	changed := assess.DraftOf(&r)
	changed.Consent = map[string]string{}
	for k, v := range d.Consent {
		changed.Consent[k] = v
	}
	ref := r.Recommendation.Referrals[0]
	changed.Consent[ref.ProgrammeID] = questionnaire.Declined
	if ref.Consent == questionnaire.Declined {
		changed.Consent[ref.ProgrammeID] = questionnaire.Agreed
	}
	followSame(same, r.ID, kept[0], changed)
	if f, ok := same[r.ID]; ok {
		t.Errorf("a draft changed since is still said to hold every answer of %s", f)
	}
}
