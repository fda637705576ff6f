package ui

import (
	"strings"
	"syscall"
	"testing"

	"digicheck/store"
)

// TestASaveStoppedByAFileSizeLimitIsNotSaidAsAFullDisk: a store that would
// grow past the size limit this process may write (EFBIG, ulimit -f) is
// said as that on the screen's "Not saved" line, not as a full disk.
func TestASaveStoppedByAFileSizeLimitIsNotSaidAsAFullDisk(t *testing.T) {
	err := &store.Error{Kind: store.ErrTooLarge, Msg: "the store x.db would be larger than the size limit this process may write", Cause: syscall.EFBIG}
	if got := whyNotSaved(err); strings.Contains(got, "full") || !strings.Contains(got, "larger than the size limit this process may write") {
		t.Errorf("whyNotSaved(EFBIG) = %q; want the size limit, not a full disk", got)
	}
	if got := whyNotSaved(&store.Error{Kind: store.ErrNoSpace, Msg: "full"}); !strings.Contains(got, "full") {
		t.Errorf("whyNotSaved(a full disk) = %q; want it said as a full disk", got)
	}
}
