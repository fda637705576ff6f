package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestAConflictWhoseAssessmentTheServerNoLongerHoldsSaysWhatItWaitsOn:
// the laptop's amendment stood in conflict with the ward's; then the
// server was emptied. Every push went on saying a conflict "with server
// version X by Sister Okafor", a version the server no longer held, and
// --conflicts and --resolve said only that it "could not be read ... 404".
// Each now says what is true and the way out: the server no longer holds
// the assessment, the version made on another machine is to be sent again
// there with push --check-server, and then it is looked at here.
func TestAConflictWhoseAssessmentTheServerNoLongerHoldsSaysWhatItWaitsOn(t *testing.T) {
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
	onWard := amendOn(t, wst, first, "amended on the ward", "Sister Okafor")
	pushWith(t, srv.Base, wst)
	onLaptop := amendOn(t, lst, first, "amended on the laptop", "Nurse Bea")
	a := laptopApp(laptop, srv.Base)
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's push met no conflict")
	}
	srv.Control(t, fhirserver.Control{Reset: true})

	check := func(what, said string) {
		t.Helper()
		all := flat(said)
		if testing.Verbose() {
			t.Logf("%s:\n%s", what, said)
		}
		for _, want := range []string{"no longer holds", "Sister Okafor", onWard.ID.String()[:13], "on that machine run digicheck push --check-server"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s does not say %q:\n%s", what, want, said)
			}
		}
		// "404" as a word: a version id (hex) may hold those digits.
		if regexp.MustCompile(`(^|[^0-9a-zA-Z])404([^0-9a-zA-Z]|$)`).MatchString(all) {
			t.Errorf("%s says \"404\" of a server that holds nothing of the assessment:\n%s", what, said)
		}
		for _, wrong := range []string{"could not be read", "was changed on another machine; its server version is"} {
			if strings.Contains(all, wrong) {
				t.Errorf("%s says %q of a server that holds nothing of the assessment:\n%s", what, wrong, said)
			}
		}
	}
	out, stderr, err := execute(a, (*app).pushCmd, "")
	if err == nil {
		t.Fatalf("the push ends 0 with the laptop's amendment unsent:\n%s%s", out, stderr)
	}
	check("push", out+stderr+err.Error())
	out, stderr, err = execute(a, (*app).pushCmd, "", "--conflicts")
	if err != nil {
		out += stderr + err.Error()
	}
	check("push --conflicts", out)
	for _, keep := range []string{"--keep-mine", "--keep-server"} {
		out, stderr, err = execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String()[:13], keep)
		if err == nil {
			t.Errorf("%s settled a conflict with a version the server no longer holds:\n%s%s", keep, out, stderr)
			continue
		}
		check("--resolve "+keep, out+stderr+err.Error())
		if cur, cerr := lst.Current(onLaptop.ID); cerr != nil || cur.ID != onLaptop.ID {
			t.Errorf("%s changed the current version here to %s (%v)", keep, cur.ID, cerr)
		}
	}
}
