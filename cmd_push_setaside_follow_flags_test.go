package main

import (
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
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
	for _, at := range regexp.MustCompile(`digicheck (void|followup) `).FindAllStringIndex(all, -1) {
		if rest := all[at[1]-1:]; !strings.HasPrefix(rest, a.given+" ") {
			t.Errorf("a command printed without this run's flags: %q", all[at[0]:min(len(all), at[1]+40)])
		}
	}
}
