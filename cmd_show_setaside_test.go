package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestShowOfAVersionSetAsideListsItAndCallsItSetAside: show of this
// machine's version set aside on settling a conflict printed "Status:
// amended", where history says "set aside", and listed the assessment's
// versions without the one shown, so nothing in the list was marked
// "<- shown". It says "set aside" as history does, and lists that version
// among the others, marked shown and set aside, never current.
func TestShowOfAVersionSetAsideListsItAndCallsItSetAside(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	a, srv, _, first, onLaptop := offlineLaptop(t)
	execute(a, (*app).pushCmd, "")
	if out, errs, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-server"); err != nil {
		t.Fatalf("keep-server: %v\n%s%s", err, out, errs)
	}
	ward := serverCurrent(t, srv.Base, first.ID)
	out, errs, err := execute(a, (*app).showCmd, "", onLaptop.ID.String())
	if err != nil {
		t.Fatalf("show: %v\n%s", err, errs)
	}
	if strings.Contains(out, "Status: amended") || !strings.Contains(out, "Status: set aside") {
		t.Errorf("show does not give the version's status as set aside:\n%s", out)
	}
	var shown, wardLine, firstLine string
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.Contains(l, onLaptop.ID.String()) && strings.HasSuffix(l, "(this is the version printed above)"):
			shown = l
		case strings.Contains(l, ward.String()) && strings.HasPrefix(l, "  "):
			wardLine = l
		case strings.Contains(l, first.ID.String()) && strings.HasPrefix(l, "  "):
			firstLine = l
		}
	}
	if shown == "" {
		t.Fatalf("the versions listed leave out the version shown:\n%s", out)
	}
	if !strings.Contains(shown, "set aside") || strings.Contains(shown, "current") {
		t.Errorf("the version shown is not listed as set aside: %q", shown)
	}
	if !strings.Contains(wardLine, "current") || firstLine == "" {
		t.Errorf("the list does not hold the first version and the server's, current:\n%s", out)
	}
}
