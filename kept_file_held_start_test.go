package main

import (
	"errors"
	"os"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/site"
	"digicheck/store"
)

// A window started on a store another program held runs on a blank
// stand-in, and a save refused there keeps the answers in a file that says
// what the store keeps of the assessment. The file looked for the
// assessment's draft in the stand-in, which holds none, and said "nothing
// of this assessment is in the store" though the store itself kept its
// draft. It looks in the store itself: its draft named while the store
// can be read, "could not be read" while it is still held.
func TestAFileKeptInAWindowStartedOnAHeldStoreLooksForTheDraftInTheStoreItself(t *testing.T) {
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
	release := holdStore(t, path)
	_, openErr := store.Open(path, store.Options{})
	if !errors.Is(openErr, store.ErrLocked) {
		t.Fatalf("the store opened while held: %v", openErr)
	}
	a := &app{settings: site.Settings{DB: path}}
	in, done, err := a.standInStore(openErr)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = done(nil) }()
	if _, ok := heldStore(in); !ok {
		t.Fatal("the stand-in is not one for a held store")
	}
	words := func() string {
		t.Helper()
		var kept []string
		err := keepRefused(in, &r, store.Held(path, openErr), &kept, "")
		var k interface{ KeptIn() string }
		if !errors.As(err, &k) {
			t.Fatalf("the refused save was not kept in a file: %v", err)
		}
		b, err := os.ReadFile(k.KeptIn())
		if err != nil {
			t.Fatal(err)
		}
		readable, _, _ := strings.Cut(string(b), "The same answers as data, for IT:")
		return strings.Join(strings.Fields(readable), " ")
	}

	// Still held: whether the store keeps a draft cannot be read.
	if w := words(); strings.Contains(w, "nothing of this assessment is in the store") || !strings.Contains(w, "the store could not be read to see whether it keeps a draft of this assessment") {
		t.Errorf("kept while the store is still held, the file does not say its drafts could not be read:\n%s", w)
	}

	// Let go: the store itself is read, and its draft named.
	release()
	ls, err := st.ListDrafts(0)
	if err != nil || len(ls) != 1 {
		t.Fatalf("drafts in the store: %v, %v", ls, err)
	}
	if w, want := words(), draftLeftWords(ls[0].Saved); strings.Contains(w, "nothing of this assessment is in the store") || !strings.Contains(w, want) {
		t.Errorf("kept once the store was let go, the file does not say %q:\n%s", want, w)
	}
}
