package main

import (
	"os"
	"path/filepath"
	"testing"

	"digicheck/record"
	"digicheck/store"
)

// TestAnIDIsShownByItsMillisecondWhenTheStoreCannotBeRead: shortOf gives
// the shortest prefix of a record id that no other record in the store
// shares; a store that cannot be read (its file gone, held, damaged) has
// no such answer, and the id is shown as ids are at the least, its first
// 13 characters, not looked up again without end.
func TestAnIDIsShownByItsMillisecondWhenTheStoreCannotBeRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	id, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ShortIDs([]record.ID{id}); err == nil {
		t.Fatal("the store's file removed, ShortIDs read it all the same: the set-up failed")
	}
	if got, want := shortOf(st, id), id.String()[:record.ShownIDLen]; got != want {
		t.Errorf("shortOf with the store unreadable = %q, want %q", got, want)
	}
}
