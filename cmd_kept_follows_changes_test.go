package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// Full screen: a save refused while another program held the store kept
// the answers and note in a file, and the screen said "until it is, the
// answers and note stay in" it. An answer changed after that (worry, from
// "A little worried" to "Very worried") left the file holding the old
// answers while the screen went on saying the answers stay there; had the
// window then closed on a store still held, the file was the only copy,
// out of date. Each draft kept after the refusal now writes the file
// again: the answers as last given, or, changed back, the refused save's
// answers and note, word for word.
func TestTheFileARefusedSaveKeptFollowsAnswersChangedAfterIt(t *testing.T) {
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
	var f keptFollower
	refusal := keepRefused(st, &r, &store.Error{Kind: store.ErrLocked, Msg: "the store is in use by another digicheck window or program"}, &kept, "")
	f.saved(r.ID, refusal)
	if len(kept) != 1 {
		t.Fatalf("the refused save kept %v; want one file", kept)
	}
	file := kept[0]
	refused, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}

	// Kept as a draft unchanged: the file stands as the save wrote it.
	d := store.Draft{Draft: assess.DraftOf(&r)}
	f.draft(st, r.ID, &d, questionnaire.National)
	if b, _ := os.ReadFile(file); string(b) != string(refused) {
		t.Errorf("the refused save's file was rewritten though no answer changed:\n%s", b)
	}

	// The first referral declined after the refusal, and kept as a
	// draft (in the store or not): the file holds it, and says it has
	// no note.
	ref := r.Recommendation.Referrals[0]
	changed := store.Draft{Draft: assess.DraftOf(&r)}
	changed.Consent = map[string]string{}
	for k, v := range d.Consent {
		changed.Consent[k] = v
	}
	want := questionnaire.Declined
	if ref.Consent == want {
		want = questionnaire.Agreed
	}
	changed.Consent[ref.ProgrammeID] = want
	f.draft(st, r.ID, &changed, questionnaire.National)
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("the file the screen names is gone: %v", err)
	}
	if !strings.Contains(string(b), `"`+want+`"`) || !strings.Contains(string(b), "answers were changed after that") {
		t.Errorf("after a change, the file the screen names does not hold the answers as last given:\n%s", b)
	}
	// What is left after a crash, and what the nurse reads later, says
	// what the screen said: a note pasted from it before is out of date.
	if head, _, _ := strings.Cut(string(b), "\n"); !strings.Contains(head, "A note pasted from this file before the change is out of date") {
		t.Errorf("after a change, the file does not say that a note pasted from it before is out of date:\n%s", head)
	}
	if files, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "digicheck-not-saved-*")); len(files) != 1 {
		t.Errorf("files beside the store: %v; want the one file of this assessment", files)
	}

	// Changed back: the refused save's answers and note again.
	f.draft(st, r.ID, &d, questionnaire.National)
	if b, _ := os.ReadFile(file); string(b) != string(refused) {
		t.Errorf("changed back, the file does not hold the refused save's answers and note:\n%s", b)
	}

	// Saved: nothing more is written to a file the save removed.
	f.saved(r.ID, nil)
	_ = keepRefused(st, &r, nil, &kept, "")
	f.draft(st, r.ID, &changed, questionnaire.National)
	if _, err := os.Stat(file); err == nil {
		t.Errorf("a draft after the save wrote the removed file again")
	}
}
