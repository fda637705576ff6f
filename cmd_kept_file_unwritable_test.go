package main

import (
	"errors"
	"os"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// Full screen, under the "Not saved" notice of a save refused while
// another program held the store: an answer changed there is kept by
// writing the refused save's file again, the store still refusing the
// draft. When that file could not be written (a full disk, its folder
// made read-only, the file taken away and something else put at its
// name), the answer was in neither the store nor the file, and the
// screen said nothing: the draft's refusal was the store's hold, which
// the screen takes as the file written. It is now said as the file not
// written, naming it, and is not taken for the store's hold.
func TestAnAnswerTheRefusedSavesFileCannotTakeIsSaidNotWrittenToIt(t *testing.T) {
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
	held := &store.Error{Kind: store.ErrLocked, Msg: "the store is in use by another digicheck window or program"}
	var kept []string
	var f keptFollower
	f.saved(r.ID, keepRefused(st, &r, held, &kept, ""))
	if len(kept) != 1 {
		t.Fatalf("the refused save kept %v; want one file", kept)
	}
	file := kept[0]
	storeHeld := func(*store.Draft) error { return held }

	// Written again: the store's hold is what the draft says.
	ref := r.Recommendation.Referrals[0]
	changed := store.Draft{Draft: assess.DraftOf(&r)}
	changed.Consent = map[string]string{}
	for k, v := range assess.DraftOf(&r).Consent {
		changed.Consent[k] = v
	}
	changed.Consent[ref.ProgrammeID] = questionnaire.Declined
	if ref.Consent == questionnaire.Declined {
		changed.Consent[ref.ProgrammeID] = questionnaire.Agreed
	}
	if err := f.keep(st, &changed, questionnaire.National, storeHeld); !errors.Is(err, store.ErrLocked) {
		t.Fatalf("the file written again, the draft's refusal is %v; want the store's hold", err)
	}

	// The file can no longer be written: a folder stands at its name.
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(file+string(os.PathSeparator)+"in-the-way", 0o755); err != nil {
		t.Fatal(err)
	}
	changed.Consent[ref.ProgrammeID] = questionnaire.NotDiscussed
	err = f.keep(st, &changed, questionnaire.National, storeHeld)
	if err == nil {
		t.Fatal("an answer neither the store nor the file took is said kept")
	}
	if errors.Is(err, store.ErrLocked) {
		t.Errorf("an answer the file did not take is said as the store's hold alone (taken as written to the file): %v", err)
	}
	if !strings.Contains(err.Error(), "could not be written") || !strings.Contains(err.Error(), file) {
		t.Errorf("the refusal does not say the answers could not be written to %s: %v", file, err)
	}
	if strings.Contains(err.Error(), ".digicheck-not-saved-") {
		t.Errorf("the refusal names the temporary file, not the one the screen names: %v", err)
	}

	// Kept in the store, the answer is not lost, whatever the file.
	if err := f.keep(st, &changed, questionnaire.National, func(*store.Draft) error { return nil }); err != nil {
		t.Errorf("a draft the store kept is refused for the file: %v", err)
	}
}
