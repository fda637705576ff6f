package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/record"
	"digicheck/store"
)

// A settle --keep-server that could not read the server's version gave
// the same settle to run again as "digicheck push --resolve ID--keep-server",
// which pasted fails as one word. Each settle's command has its flags
// apart from the record's id.
func TestTheSettleToRunAgainHasItsFlagApartFromTheRecord(t *testing.T) {
	id := record.ID{1, 2, 3}
	st, err := store.Open(filepath.Join(t.TempDir(), "s.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	short := shortOf(st, id) // the store's shortest prefix; whole, as here, for a record it does not hold
	for _, keep := range []string{"--keep-server", " --keep-mine", " --keep-mine --undo-void"} {
		msg := settleNotRead(st, context.DeadlineExceeded, id, id, keep).Error()
		want := "digicheck push --resolve " + short + " " + strings.TrimSpace(keep) + "\n"
		if !strings.Contains(msg, want) {
			t.Errorf("settle %q not read: want %q in:\n%s", keep, want, msg)
		}
	}
}
