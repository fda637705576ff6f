package main

import (
	"errors"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestKeepingTheServersVersionWithoutTheLostOneLeavesTheConflictWhereTheSaveFails:
// --keep-server --other-version-lost forgot the conflict before it saved
// the server's version again; a save refused (the store held past its
// timeout, a full disk) left this machine's line, the versions the nurse
// chose not to keep, an ordinary unsent chain, and the next push sent it
// over the server's version: keep-server turned into keep-mine without a
// word. Now a failed save leaves the conflict standing, and a push after
// it sends nothing.
func TestKeepingTheServersVersionWithoutTheLostOneLeavesTheConflictWhereTheSaveFails(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	// Not parallel: it swaps the settle's save for one that fails.
	srv := fhirserver.Start(t)
	a, ast, _, first, _, onA := otherSideLostForGood(t, srv, false)
	refused := errors.New("the store refused the save")
	saveKeptServer = func(*store.Store, *record.Record) error { return refused }
	t.Cleanup(func() { saveKeptServer = (*store.Store).Amend })
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", onA.ID.String()[:13], "--keep-server", "--other-version-lost")
	if err == nil || !strings.Contains(err.Error(), refused.Error()) {
		t.Fatalf("the settle with its save refused: %v\n%s%s", err, out, stderr)
	}
	if known, err := ast.Conflicts(srv.Base); err != nil || len(known) != 1 {
		t.Errorf("A's store holds %d conflicts after a settle whose save failed, not the 1 standing (%v)", len(known), err)
	}
	saveKeptServer = (*store.Store).Amend
	out, stderr, err = execute(a, (*app).pushCmd, "")
	if testing.Verbose() {
		t.Logf("A's push after the failed settle:\n%s%s%v", out, stderr, err)
	}
	if got := serverCurrent(t, srv.Base, first.ID); got != first.ID {
		t.Errorf("A's push after the failed settle sent %s over the server's version, the line the nurse chose not to keep", got)
	}
}
