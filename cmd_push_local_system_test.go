package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/site"
)

// TestAMachineWithoutLocalNumberSystemKeepsLocalNumberRecordsUnsentAndSaysWhyUntilItIsSet:
// a machine whose site config sets no local_number_system pushed an
// assessment of local number RX-777 silently, with no identifier system,
// and a machine with the setting then said the server held none of the
// patient's assessments (so a second baseline was made). The saved screen
// now says it is not sent, why, and which setting in which file puts it
// right; push says how many were kept back for it and exits non-zero; once
// the setting is made the next push sends them, and another machine finds
// the patient by local number.
func TestAMachineWithoutLocalNumberSystemKeepsLocalNumberRecordsUnsentAndSaysWhyUntilItIsSet(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	const trust = "https://fhir.test-trust.nhs.uk/Id/local-number"
	srv := fhirserver.Start(t)
	st, r := localStore(t, "RX-777", "Dr Nosys")
	config := filepath.Join(t.TempDir(), "config.toml")
	a := &app{settings: site.Settings{DB: st.Path(), ConfigFile: config, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}

	res := pushResult(a.pushAfterSave(st)(r))
	if res.Sent || !res.Conflict {
		t.Fatalf("the saved screen is told %+v; want not sent, with no promise to retry", res)
	}
	for _, want := range []string{"local number", "local_number_system", config, "digicheck push sends it"} {
		if !strings.Contains(res.Why, want) {
			t.Errorf("the saved screen's words lack %q: %s", want, res.Why)
		}
	}
	if n := srv.Stats(t).QuestionnaireResponses; n != 0 {
		t.Fatalf("the server holds %d responses: the record was sent without the trust's system", n)
	}

	out, stderr, err := execute(a, (*app).pushCmd, "")
	all := strings.Join(strings.Fields(out+stderr+errText(err)), " ")
	if err == nil {
		t.Fatalf("push of a record kept back for want of local_number_system exits 0:\n%s", all)
	}
	for _, want := range []string{"Sent 0 of 1 record version", "1 record version of a patient identified only by a local number is kept here and not sent", "(" + config + ")", "the next push sends it"} {
		if !strings.Contains(all, want) {
			t.Errorf("push's words lack %q:\n%s", want, all)
		}
	}

	// The setting made: sent, and found by another machine.
	a.settings.Config.LocalNumberSystem = trust
	if out, stderr, err := execute(a, (*app).pushCmd, ""); err != nil {
		t.Fatalf("push with local_number_system set: %v\n%s%s", err, out, stderr)
	}
	other := &app{settings: site.Settings{DB: filepath.Join(t.TempDir(), "digicheck.db"), Config: site.Config{LocalNumberSystem: trust, FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	out, stderr, err = execute(other, (*app).historyCmd, "", "rx-777")
	if err != nil || !strings.Contains(out, "Dr Nosys") {
		t.Fatalf("another machine does not find the patient by local number (%v):\n%s\n%s", err, out, stderr)
	}

}

// TestNoAssessmentsOfALocalNumberOnTheServerSaysWhereItWasSearched: a
// record pushed with no identifier system (by a machine whose site config
// set no local_number_system, before push kept such records back) is not
// found by local number, and history and followup on a machine with the
// setting said the server held none of the patient's assessments, as if
// the search were exhaustive: a clinician took the patient for never
// assessed. They now say the server was searched in the trust's system
// only, and that a record pushed without it is not found, for IT.
func TestNoAssessmentsOfALocalNumberOnTheServerSaysWhereItWasSearched(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	const trust = "https://fhir.test-trust.nhs.uk/Id/local-number"
	srv := fhirserver.Start(t)
	older, _ := localStore(t, "RX-777", "Dr Nosys")
	fhirserver.SendStoreIn(t, srv.Base, older, "")

	a := &app{settings: site.Settings{DB: filepath.Join(t.TempDir(), "digicheck.db"), Config: site.Config{LocalNumberSystem: trust, FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	for _, cmd := range []func(*app) *cobra.Command{(*app).historyCmd, (*app).followupCmd} {
		out, stderr, err := execute(a, cmd, "", "rx-777")
		all := strings.Join(strings.Fields(out+stderr+errText(err)), " ")
		if err == nil {
			t.Fatalf("found a record with no system:\n%s", all)
		}
		for _, want := range []string{"searched in the trust's system of local numbers only, " + trust + ":", "a record sent by a machine whose site config set no local_number_system carries no system and is not found"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s's words lack %q:\n%s", cmd(a).Name(), want, all)
			}
		}
	}
}
