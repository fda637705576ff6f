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

// The ward corrected an assessment's team (and an answer), the laptop
// amended the same version; kept over the ward's with --keep-mine, the
// settle's "Not kept" listed the answer and not the team, which went back
// to the wrong one without a word, though --conflicts had shown it and
// summary counts by team. The team the line not kept changed is listed
// with the rest.
func TestKeepMineListsATeamTheOtherLineCorrected(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	onWard := first
	onWard.ID, onWard.Amends, onWard.AmendReason, onWard.Clinician = record.ID{}, first.ID, "wrong team", "Sister Okafor"
	onWard.Team = "District nursing (south)"
	if onWard.Team == first.Team {
		t.Fatal("the ward's amendment changes no team")
	}
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	onLaptop := amendOn(t, lst, first, "amended on the laptop", "Nurse Bea")
	a := laptopApp(laptop, srv.Base)
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's push met no conflict")
	}
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String()[:13], "--keep-mine")
	if err != nil {
		t.Fatalf("--keep-mine: %v\n%s%s", err, out, stderr)
	}
	all := strings.Join(strings.Fields(strings.ReplaceAll(out, "\\\n", " ")), " ")
	for _, want := range []string{"Not kept:", "Team", "not current: District nursing (south)"} {
		if !strings.Contains(all, want) {
			t.Errorf("--keep-mine over the ward's team correction does not say %q:\n%s", want, out)
		}
	}
}
