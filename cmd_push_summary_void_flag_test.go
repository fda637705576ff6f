package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestThePushSummaryOfAVoidInConflictNamesVoidServerVersion (issue 13):
// the laptop voided an assessment offline that the ward had amended on
// the server meanwhile. The push's summary said --resolve RECORD
// --keep-mine settles it, which is refused without --void-server-version:
// the summary names the flag the settle needs.
func TestThePushSummaryOfAVoidInConflictNamesVoidServerVersion(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	A := fhirserver.Start(t)
	laptop, lst, first := agreedToEverything(t)
	pushWith(t, A.Base, lst)
	_, wst := wardReading(t, A.Base, first)
	amendOn(t, wst, first, "amended on the ward", "Sister Okafor")
	pushWith(t, A.Base, wst)
	voidOn(t, lst, first.ID, "Dr Lap")
	out, errs, err := execute(laptopApp(laptop, A.Base), (*app).pushCmd, "")
	if err == nil {
		t.Fatalf("the laptop's push met no conflict:\n%s%s", out, errs)
	}
	if all := said(err) + " " + strings.Join(strings.Fields(out+errs), " "); !strings.Contains(all, "--void-server-version") {
		t.Errorf("the push's summary of a void in conflict with an amendment does not name --void-server-version:\n%s%s%v", out, errs, err)
	}
}
