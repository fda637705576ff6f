package main

import (
	"errors"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// A save refused while another program held the store kept the answers
// in a file that says to enter them again as a new assessment; the draft
// kept before held every one of them. Resumed and saved at the next
// start, nothing mentioned the file, which went on telling the clinician
// to enter the answers again: a second assessment of the patient. The
// save now says its answers are saved and to delete it.
func TestADraftResumedAndSavedSaysTheFileOfItsAnswersIsNotToBeEnteredAgain(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 0)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	if r.ID, err = record.NewID(); err != nil {
		t.Fatal(err)
	}
	r.Recommendation.Referrals[0].Consent = questionnaire.Agreed
	var kept []string
	file := ""
	var k interface{ KeptIn() string }
	if err := keepRefused(st, &r, store.Held(path, &store.Error{Kind: store.ErrLocked, Msg: "in use"}), &kept, ""); errors.As(err, &k) {
		file = k.KeptIn()
	}
	if file == "" {
		t.Fatal("the refused save was not kept in a file")
	}
	d := store.Draft{Draft: assess.DraftOf(&r)}
	if err := st.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if err := st.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	out, errs, _ := runStoreCmdIn(t, path, "2\n3\n1\n\n3\n3\n2\n1\n", newFromInput, "--drafts-from-input")
	i := strings.LastIndex(out, "Saved.")
	if i < 0 {
		t.Fatalf("not saved:\n%s%s", out, errs)
	}
	said := strings.Join(strings.Fields(out[i:]), " ")
	for _, w := range []string{"its answers are saved now, in this assessment", "do not enter them again", file} {
		if !strings.Contains(said, w) {
			t.Errorf("after the save, %q is not said:\n%s%s", w, out[i:], errs)
		}
	}
}
