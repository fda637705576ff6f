package main

import (
	"context"
	"strings"
	"testing"

	"digicheck/record"
)

// A settle --keep-server that could not read the server's version gave
// the same settle to run again as "digicheck push --resolve ID--keep-server",
// which pasted fails as one word. Each settle's command has its flags
// apart from the record's id.
func TestTheSettleToRunAgainHasItsFlagApartFromTheRecord(t *testing.T) {
	id := record.ID{1, 2, 3}
	short := id.String()[:13]
	for _, keep := range []string{"--keep-server", " --keep-mine", " --keep-mine --undo-void"} {
		msg := settleNotRead(context.DeadlineExceeded, id, id, keep).Error()
		want := "digicheck push --resolve " + short + " " + strings.TrimSpace(keep) + "\n"
		if !strings.Contains(msg, want) {
			t.Errorf("settle %q not read: want %q in:\n%s", keep, want, msg)
		}
	}
}
