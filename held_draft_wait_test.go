//go:build !windows

package main

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/record"
	"digicheck/store"
)

// A run begun on a store another program held, the store opened since:
// while the full screen is up, another window's save or a push writing
// its state holds the store for a moment as a draft is kept. The draft
// was refused after 100 ms and its answers were not in the store, where
// the store's usual wait kept them. It waits, and is kept; once the
// screen has closed, a store held again is refused at once.
func TestADraftWhileTheScreenIsUpWaitsForAStoreHeldAMoment(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := &heldSaves{path: path}
	if _, err := h.open(); err != nil {
		t.Fatal(err)
	}
	dr := &drafted{}
	kept := func() *store.Store { return h.savedIn() }
	draft := func() *store.Draft {
		d := &store.Draft{Draft: assess.Draft{Patient: record.PatientID{Kind: record.LocalID, Value: "RXH-12345"}, Started: time.Now()}}
		if d.ID, err = record.NewID(); err != nil {
			t.Fatal(err)
		}
		return d
	}

	release := holdStoreNow(t, path)
	go func() {
		time.Sleep(300 * time.Millisecond)
		release()
	}()
	d := draft()
	if err := h.keepDraft(dr, kept, d); err != nil {
		t.Fatalf("a draft met by a store held 300 ms was refused: %v", err)
	}
	entries, err := st.ListDrafts(24 * time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range entries {
		found = found || e.ID == d.ID
	}
	if !found {
		t.Errorf("the draft is not in the store: %v", entries)
	}

	h.finish()
	holdStoreNow(t, path)
	began := time.Now()
	err = h.keepDraft(dr, kept, draft())
	if !errors.Is(err, store.ErrLocked) {
		t.Errorf("the finish's draft on a store held again: %v, want it refused as in use", err)
	}
	if took := time.Since(began); took > time.Second {
		t.Errorf("the finish's draft on a store held again took %v to be refused, the terminal blank", took)
	}
}
