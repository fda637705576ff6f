package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestACachedSummaryOfAServerTakesInAVoidOverAVersionItHeld (issue 13): a
// QI lead's machine summarised the server while it held a laptop's
// amendment of an assessment, and kept that version in its cache. The
// ward then put its void (wrong patient) on the server over the
// assessment's first version, so the server's line is the first version
// and the void, and the amendment is no version of it there. The
// incremental read refused the void ("record ... has been superseded"),
// counted the amendment on every run, and said it was read again next
// time. The cached summary counts what a first read of the server counts,
// and what the ward's store that sent the void counts, with nothing left
// out.
func TestACachedSummaryOfAServerTakesInAVoidOverAVersionItHeld(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	ward, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	// The laptop holds nothing of its own: what it sends is its
	// amendment, so the ward's store holds every assessment on the
	// server.
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history on the laptop: %v\n%s", err, stderr)
	}
	amended := first
	amended.ID, amended.Amends, amended.AmendReason, amended.Clinician = record.ID{}, first.ID, "laptop: age fix", "Nurse Bea"
	if err := lst.Amend(&amended); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, lst)

	qi := filepath.Join(t.TempDir(), "qi.db")
	before, stderr, err := runStoreCmd(t, qi, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", "csv", "--server", srv.Base)
	if err != nil {
		t.Fatalf("first summary --server: %v\n%s", err, stderr)
	}

	// The ward's void goes on the server over the first version, as a
	// settle's printed commands put it there.
	if _, err := wst.Void(first.ID, store.Voiding{Reason: "wrong patient", Clinician: "Sister Okafor"}); err != nil {
		t.Fatal(err)
	}
	fhirserver.SendStore(t, srv.Base, wst)

	fresh, stderr, err := runStoreCmd(t, filepath.Join(t.TempDir(), "fresh.db"), (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", "csv", "--server", srv.Base)
	if err != nil {
		t.Fatalf("summary --server, a first read: %v\n%s", err, stderr)
	}
	if fresh == before {
		t.Fatalf("the void changed nothing a first read counts, not the case this test is of:\n%s", fresh)
	}
	wardSum, stderr, err := runStoreCmd(t, ward, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", "csv")
	if err != nil {
		t.Fatalf("summary of the ward's store: %v\n%s", err, stderr)
	}
	if wardSum != fresh {
		t.Errorf("a first read of the server counts otherwise than the ward's store that sent it:\n%s\nward:\n%s", fresh, wardSum)
	}
	for run := 1; run <= 2; run++ {
		got, stderr, err := runStoreCmd(t, qi, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", "csv", "--server", srv.Base)
		if err != nil {
			t.Fatalf("summary --server from the cache, run %d: %v\n%s", run, err, stderr)
		}
		if got != fresh {
			t.Errorf("run %d: the cached summary counts otherwise than a first read of the server:\n%s\nfirst read:\n%s\nstderr:\n%s", run, got, fresh, stderr)
		}
		if strings.Contains(stderr, "left out") {
			t.Errorf("run %d: the cached summary left a version out:\n%s", run, stderr)
		}
	}
}
