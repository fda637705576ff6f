package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestAFollowUpOnAVersionInConflictIsSaidUnsendableBeforeTheDecision: the
// laptop followed up its amendment, which met the ward's as a conflict.
// push and its dry run said the follow-up would be "sent once that
// conflict is settled", but settling either way sets the amendment aside
// (--keep-mine saves it again as a new record), and a follow-up resting
// on a version set aside is never sent; push --conflicts said nothing of
// it, nor --keep-server, the decision itself. Each says it can never be
// sent, and gives the commands that mark it entered in error and follow
// the patient up again, with this run's --db and --config.
func TestAFollowUpOnAVersionInConflictIsSaidUnsendableBeforeTheDecision(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	a, _, lst, first, onLaptop := offlineLaptop(t)
	a.given = " --db " + a.settings.DB + " --config /laptops/a/cfg.toml"
	fu := testkit.Assessed(t, testkit.Included(nil))
	fu.Patient, fu.FollowsUp, fu.Clinician = first.Patient, onLaptop.ID, "Nurse Bea"
	if err := lst.Save(&fu); err != nil {
		t.Fatal(err)
	}
	short := fu.ID.String()[:13]
	for _, run := range [][]string{{"--dry-run"}, nil, {"--conflicts"}, {"--resolve", onLaptop.ID.String(), "--keep-server"}} {
		out, stderr, err := execute(a, (*app).pushCmd, "", run...)
		all := flatCommands(out + "\n" + stderr + "\n" + errText(err))
		if strings.Contains(all, "sent once that conflict is settled") {
			t.Errorf("push %s promises the follow-up is sent once the conflict is settled:\n%s", strings.Join(run, " "), all)
		}
		for _, want := range []string{
			"follow-up " + short,
			"never be sent",
			"digicheck void" + a.given + " " + short + " --reason",
			"digicheck followup" + a.given + " " + first.Patient.Value,
		} {
			if !strings.Contains(strings.ToLower(all), strings.ToLower(want)) {
				t.Errorf("push %s does not say %q:\n%s", strings.Join(run, " "), want, all)
			}
		}
	}
}
