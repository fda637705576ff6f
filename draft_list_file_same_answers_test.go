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
// and note in a file; tried again once the store was free, it found the
// patient assessed already, and the clinician finished instead, the
// answers kept as a draft, every one of them, referral decisions too. The
// next start listed that draft saying "later answers, referral decisions
// included, are in a file, not in this draft": false, and a clinician
// told to give them again from it gave them twice. A file that holds the
// draft's own answers is not said to hold later ones.
func TestTheListDoesNotSayAFileHoldsLaterAnswersItsDraftHolds(t *testing.T) {
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
	if d.ID != r.ID {
		t.Fatalf("the draft was kept as %s, not as the record %s", d.ID, r.ID)
	}
	if err := st.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	out, errs, _ := runStoreCmdIn(t, path, "q\n", newFromInput, "--drafts-from-input")
	said := strings.Join(strings.Fields(out), " ")
	if strings.Contains(said, "later answers kept in a file") || strings.Contains(said, "holds only the answers kept before") {
		t.Errorf("the list says the draft's later answers are in a file that holds the draft's own:\n%s%s", out, errs)
	}
}
