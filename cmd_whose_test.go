package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestAnotherMachinesVersionIsNotCalledThisMachines: the laptop took in
// the ward's amendment on settling with server A (keep-server), and
// server B holds the laptop's own amendment, set aside here. Push to B,
// push --conflicts and the settle called the ward's amendment "this
// machine's amendment ... kept locally" and "Settled: this machine's
// amendment ... goes on the server's version", though Sister Okafor made
// it on the ward. Whose a version is comes from where it was made.
func TestAnotherMachinesVersionIsNotCalledThisMachines(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	a, _, srvB, _, _, ward := twoServersSetAside(t)
	wrong := "this machine's amendment " + ward.ID.String()[:13]
	check := func(what, text string) {
		t.Helper()
		all := strings.Join(strings.Fields(text), " ")
		if strings.Contains(all, wrong) {
			t.Errorf("%s calls the ward's amendment this machine's:\n%s", what, text)
		}
		if strings.Contains(all, ward.ID.String()[:13]) && !strings.Contains(all, "Sister Okafor") {
			t.Errorf("%s names the ward's amendment without who made it:\n%s", what, text)
		}
	}
	out, errs, err := execute(a, (*app).pushCmd, "", "--server", srvB)
	if err == nil {
		t.Fatal("the push to B met no conflict")
	}
	check("push to B", out+errs+err.Error())
	out, errs, err = execute(a, (*app).pushCmd, "", "--server", srvB, "--conflicts")
	if err != nil {
		t.Fatal(err)
	}
	check("push --conflicts", out+errs)
	out, errs, err = execute(a, (*app).pushCmd, "", "--server", srvB, "--resolve", ward.ID.String(), "--keep-mine")
	if err != nil {
		t.Fatalf("keep-mine on B: %v\n%s%s", err, out, errs)
	}
	if !strings.Contains(out, "Settled") {
		t.Fatalf("keep-mine on B does not say Settled:\n%s", out)
	}
	check("keep-mine on B", out+errs)
}

// TestTheReasonAVersionKeptCarriesIsPlain: keep-mine saves this
// machine's version again on the server's, with a reason saying so. It
// was stored as "wrong patient (kept this machine's version (record ...)
// over the FHIR server's version ... (record ... by Sister Okafor))":
// brackets three deep once a refusal put it in its own, and "this
// machine" read on every other machine as theirs. The reason kept keeps
// the clinician's own words, names the version kept over and who made
// it, and adds no brackets and no "this machine".
func TestTheReasonAVersionKeptCarriesIsPlain(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	for _, void := range []bool{false, true} {
		name := map[bool]string{false: "amendment", true: "void"}[void]
		t.Run(name, func(t *testing.T) {
			a, _, lst, first, onLaptop := offlineLaptop(t)
			resolve, own := onLaptop.ID, onLaptop.AmendReason
			args := []string{"--keep-mine"}
			if void {
				v, err := lst.Void(onLaptop.ID, store.Voiding{Reason: "wrong patient", Clinician: "Dr Lap"})
				if err != nil {
					t.Fatal(err)
				}
				resolve, own = v.ID, v.VoidReason
				args = append(args, "--void-server-version")
			}
			if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
				t.Fatal("no conflict")
			}
			if out, errs, err := execute(a, (*app).pushCmd, "", append([]string{"--resolve", resolve.String()}, args...)...); err != nil {
				t.Fatalf("keep-mine: %v\n%s%s", err, out, errs)
			}
			cur, err := lst.Current(first.ID)
			if err != nil {
				t.Fatal(err)
			}
			reason := cur.AmendReason
			if cur.Status == record.EnteredInError {
				reason = cur.VoidReason
			}
			if !strings.Contains(reason, own) || !strings.Contains(reason, "Sister Okafor") || !strings.Contains(reason, resolve.String()) {
				t.Errorf("the reason kept does not give the clinician's own (%q), the version it was saved from and whose version it was kept over: %q", own, reason)
			}
			if strings.Contains(reason, "this machine") {
				t.Errorf("the reason kept, read on every machine, says \"this machine\": %q", reason)
			}
			if strings.Count(reason, "(") > strings.Count(own, "(") {
				t.Errorf("the reason kept adds brackets to the clinician's: %q", reason)
			}
		})
	}
}

// TestVersionsSetAsideAreCalledSoWhenSettling: history and show call the
// versions a settle leaves off the line "set aside"; the settle's hints
// and its words said "kept, superseded". One word for one thing.
func TestVersionsSetAsideAreCalledSoWhenSettling(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	a, _, _, first, onLaptop := offlineLaptop(t)
	execute(a, (*app).pushCmd, "")
	listed, _, err := execute(a, (*app).pushCmd, "", "--conflicts")
	if err != nil {
		t.Fatal(err)
	}
	out, errs, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-server")
	if err != nil {
		t.Fatalf("keep-server: %v\n%s%s", err, out, errs)
	}
	// The command it gives runs as printed: the NHS number as one word
	// ("digicheck history 943 476 5919" was refused: 3 arguments).
	if !strings.Contains(out, "digicheck history "+first.Patient.Value) {
		t.Errorf("keep-server does not give the history command with the patient's number as one word:\n%s", out)
	}
	for what, text := range map[string]string{"push --conflicts": listed, "keep-server": out + errs} {
		flat := strings.Join(strings.Fields(text), " ")
		if strings.Contains(flat, "superseded") || !strings.Contains(flat, "set aside") {
			t.Errorf("%s does not call this machine's versions set aside, or calls them superseded:\n%s", what, text)
		}
	}
}
