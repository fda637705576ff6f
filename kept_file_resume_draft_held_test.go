package main

import (
	"errors"
	"os"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// The store free as the run began kept a draft of the assessment as its
// sections were answered; another program held it at the save, which was
// refused and kept the answers in a file. The end said to resume the
// draft; the file said to start a new assessment and discard the draft
// the list shows: two instructions, and the draft, which held every
// answer, thrown away. The file now says what the end says: resume the
// draft, checking it against these answers; a new assessment from the
// file only if the list shows none (the draft lost).
func TestTheFileOfASaveRefusedOnAStoreHeldAtTheSaveSaysToResumeTheDraft(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 0)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	d := store.Draft{Draft: assess.DraftOf(&r)}
	if err := st.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if err := st.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	r.ID = d.ID
	holdStore(t, path)
	var kept []string
	err = keepRefused(st, &r, store.Held(path, &store.Error{Kind: store.ErrLocked, Msg: "in use"}), &kept, " --db '"+path+"'")
	var k interface{ KeptIn() string }
	if !errors.As(err, &k) {
		t.Fatalf("the refused save was not kept in a file: %v", err)
	}
	b, err := os.ReadFile(k.KeptIn())
	if err != nil {
		t.Fatal(err)
	}
	readable, _, _ := strings.Cut(string(b), "The same answers as data, for IT:")
	words := strings.Join(strings.Fields(readable), " ")
	for _, want := range []string{
		"If the list of unfinished assessments shows one of this patient, resume it",
		"only if it shows none",
	} {
		if !strings.Contains(words, want) {
			t.Errorf("the file does not say %q:\n%s", want, words)
		}
	}
	if strings.Contains(words, "discard that draft") {
		t.Errorf("the file says to discard the draft the end says to resume:\n%s", words)
	}
}
