package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestAConflictWithAnotherServersVoidIsMarkedEverywhere (issue 13): the
// ward voided an assessment on server B (wrong patient); the laptop, whose
// site server is A, amended it offline and pushed to B, which refused the
// amendment as in conflict with that void. history and show called the
// amendment plain "current, amended", online and offline alike, though
// the store knows of the conflict (summary names it); and a push to A
// sent the amendment there without a word of B's void, so A counted a
// wrong-patient assessment. history and show mark the conflict from the
// store, naming B and how to settle it there, with or without a server;
// a push to A warns of B's void.
func TestAConflictWithAnotherServersVoidIsMarkedEverywhere(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	A, B, laptop, lst, first := laptopOnTwoServers(t)
	_, wst := wardReading(t, B.Base, first)
	voidOn(t, wst, first.ID, "Sister Okafor")
	pushWith(t, B.Base, wst)
	mine := amendOn(t, lst, first, "amended on the laptop", "Dr Lap")
	short := mine.ID.String()[:13]
	online, offline := laptopApp(laptop, A.Base), laptopApp(laptop, "")
	if _, _, err := execute(online, (*app).pushCmd, "", "--server", B.Base); err == nil {
		t.Fatal("the laptop's push to B met no conflict with the ward's void")
	}
	marked := func(what, text string) {
		t.Helper()
		p := strings.Join(strings.Fields(pasted(text)), " ")
		for _, want := range []string{"IN CONFLICT", B.Base, "ENTERED IN ERROR", "digicheck push --server " + B.Base + " --conflicts"} {
			if !strings.Contains(p, want) {
				t.Errorf("%s does not say %q of the amendment in conflict with B's void:\n%s", what, want, text)
			}
		}
	}
	for _, c := range []struct {
		name string
		a    *app
	}{{"online (site server A)", online}, {"offline (no server)", offline}} {
		out, errs, err := execute(c.a, (*app).historyCmd, "", first.Patient.Value)
		if err != nil {
			t.Fatalf("history %s: %v\n%s", c.name, err, errs)
		}
		marked("history "+c.name, out)
		out, errs, err = execute(c.a, (*app).showCmd, "", short)
		if err != nil {
			t.Fatalf("show %s: %v\n%s", c.name, err, errs)
		}
		marked("show "+c.name, out)
	}
	// Run with --db, the command it gives to see B's conflicts carries
	// it: without, it listed the default store's.
	given := laptopApp(laptop, A.Base)
	given.given = " --db " + laptop
	out, errs, err := execute(given, (*app).pushCmd, "")
	all := out + errs
	if err != nil {
		all += err.Error()
	}
	flat := strings.Join(strings.Fields(pasted(all)), " ")
	for _, want := range []string{B.Base, "ENTERED IN ERROR", short, "digicheck push --db " + laptop + " --server " + B.Base + " --conflicts"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the push to A does not warn, saying %q, that B holds the assessment voided over the amendment:\n%s", want, all)
		}
	}
}
