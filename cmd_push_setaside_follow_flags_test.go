package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// followUpSetAside is offlineLaptop's laptop after a follow-up, fu, was
// made on its amendment in conflict, and the conflict settled by keeping
// the server's version: fu rests on a version set aside, never sent.
func followUpSetAside(t *testing.T) (a *app, srv *fhirserver.Server, first, fu record.Record) {
	t.Helper()
	a, srv, lst, first, onLaptop := offlineLaptop(t)
	fu = testkit.Assessed(t, testkit.Included(nil))
	fu.Patient, fu.FollowsUp, fu.Clinician = first.Patient, onLaptop.ID, "Nurse Bea"
	if err := lst.Save(&fu); err != nil {
		t.Fatal(err)
	}
	execute(a, (*app).pushCmd, "")
	if out, errs, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-server"); err != nil {
		t.Fatalf("push --resolve --keep-server: %v\n%s%s", err, out, errs)
	}
	return a, srv, first, fu
}

// TestTheCommandsToRedoAFollowUpOfAVersionSetAsideCarryThisRunsDBAndConfig:
// a follow-up rests on a version set aside when its conflict was settled,
// and push says to void it and follow the patient up again. Run with
// another store and site config than the default, it printed those two
// commands bare: pasted, they went to the default store ("there is no
// store"), or on a machine whose default is another site's store made the
// follow-up there. Each carries this run's --db and --config, as push's
// own commands do.
func TestTheCommandsToRedoAFollowUpOfAVersionSetAsideCarryThisRunsDBAndConfig(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	a, _, first, fu := followUpSetAside(t)
	a.given = " --db " + a.settings.DB + " --config /laptops/a/cfg.toml"
	out, stderr, err := execute(a, (*app).pushCmd, "")
	all := out + "\n" + stderr
	if err != nil {
		all += "\n" + err.Error()
	}
	all = flatCommands(all)
	short := fu.ID.String()[:13]
	for _, want := range []string{
		"digicheck void" + a.given + " " + short + " --reason",
		"digicheck followup" + a.given + " " + first.Patient.Value,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("push does not say %q:\n%s", want, all)
		}
	}
	storeFlagsOn(t, all, a.given)
}

// storeFlagsOn fails t for each digicheck void, followup or push command
// in all (flatCommands) without this run's --db and --config, given.
func storeFlagsOn(t *testing.T, all, given string) {
	t.Helper()
	for _, at := range regexp.MustCompile(`digicheck (void|followup|push) `).FindAllStringIndex(all, -1) {
		if rest := all[at[1]-1:]; !strings.HasPrefix(rest, given+" ") {
			t.Errorf("a command printed without this run's flags: %q", all[at[0]:min(len(all), at[1]+40)])
		}
	}
}

// TestTheWarningOfAFollowUpSentOnAnAmendmentTheServerLostCarriesThisRunsFlags:
// the server was restored from a backup older than the laptop's
// amendment, and the ward amended the assessment there again. The
// laptop's next push could not count what the server holds (its searches
// refused), went on unchecked as a plain push does, and sent a follow-up made on the
// amendment. push --check-server then sent the amendment again, which met
// the ward's as a conflict, and warned that the follow-up, now on the
// server, rests on a version in conflict; once the conflict was settled
// by keeping the server's, that it rests on a version set aside. Each
// warning told to "see digicheck push --conflicts", to void the follow-up
// and to follow the patient up again, bare: pasted, they went to the
// default store. They carry this run's --db and --config.
func TestTheWarningOfAFollowUpSentOnAnAmendmentTheServerLostCarriesThisRunsFlags(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv := fhirserver.Start(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	srv.Control(t, fhirserver.Control{Backup: true})
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	onLaptop := first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "amended on the laptop"
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	a.given = " --db " + laptop + " --config /laptops/a/cfg.toml"
	if out, stderr, err := execute(a, (*app).pushCmd, ""); err != nil {
		t.Fatalf("push of the amendment: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{RestoreBackup: true})
	onWard := first
	onWard.ID, onWard.Amends, onWard.AmendReason, onWard.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	fu := testkit.Assessed(t, testkit.Included(nil))
	fu.Patient, fu.FollowsUp, fu.Clinician = first.Patient, onLaptop.ID, "Nurse Bea"
	if err := lst.Save(&fu); err != nil {
		t.Fatal(err)
	}
	// Its count, then the history that says whether the server still
	// holds the amendment the follow-up follows up: both refused (a 400,
	// as from a server that does not do these searches), the push goes on
	// unchecked and sends the follow-up. (A server busy at the count on
	// every try ends the push there, nothing sent.)
	srv.Faults(t, fhirserver.Fault{Status: 400, Times: 2, Method: "GET"})
	if out, stderr, err := execute(a, (*app).pushCmd, "", "--max-wait", "1s"); !strings.Contains(out+stderr, "Sent 1 of 1") {
		t.Fatalf("the unchecked push did not send the follow-up: %v\n%s%s", err, out, stderr)
	}
	short := fu.ID.String()[:13]
	for _, run := range [][]string{{"--check-server"}, {"--resolve", onLaptop.ID.String(), "--keep-server"}, nil} {
		out, stderr, err := execute(a, (*app).pushCmd, "", run...)
		if len(run) > 0 && run[0] == "--resolve" {
			if err != nil {
				t.Fatalf("push --resolve --keep-server: %v\n%s%s", err, out, stderr)
			}
			continue
		}
		all := flatCommands(out + "\n" + stderr + "\n" + errText(err))
		for _, want := range []string{
			"warning: follow-up " + short + " of patient",
			"digicheck void" + a.given + " " + short + " --reason",
			"digicheck followup" + a.given + " " + first.Patient.Value,
		} {
			if !strings.Contains(all, want) {
				t.Errorf("push %s does not say %q:\n%s", strings.Join(run, " "), want, all)
			}
		}
		storeFlagsOn(t, all, a.given)
	}
}
