package main

import (
	"os"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestTheFileOfARefusedAmendmentSaysToAmendAgain: the file kept when a
// store refused an amendment's save told the clinician to "start a new
// assessment of this patient and give these answers": followed, it made
// a second assessment, and the record the amendment corrects stayed
// current. It says to finish the amendment (resumed, or amend run again
// on the record it amends), and that that record is as it was.
func TestTheFileOfARefusedAmendmentSaysToAmendAgain(t *testing.T) {
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
	r.Amends = base.ID
	var kept []string
	_ = keepRefused(st, &r, &store.Error{Kind: store.ErrDamaged, Msg: "the store is damaged"}, &kept, "")
	if len(kept) != 1 {
		t.Fatalf("the refused save kept %v; want one file", kept)
	}
	b, err := os.ReadFile(kept[0])
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(b)), " ")
	if strings.Contains(text, "start a new assessment of this patient and give these answers") {
		t.Errorf("the amendment's file says to start a new assessment:\n%s", b)
	}
	for _, want := range []string{"digicheck amend " + base.ID.String(), "resume this amendment", "record " + base.ID.String() + " is as it was"} {
		if !strings.Contains(text, want) {
			t.Errorf("the amendment's file does not say %q:\n%s", want, b)
		}
	}
}
