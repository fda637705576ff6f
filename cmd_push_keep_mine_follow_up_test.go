package main

import (
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/store"
)

// unconditionalNever is each sentence of text saying a follow-up "can
// never be sent" with no "if": said so before the decision, it is false
// where the settle keeps the version the follow-up rests on.
func unconditionalNever(text string) []string {
	var out []string
	for _, s := range regexp.MustCompile(`[.:]\s`).Split(flatCommands(text), -1) {
		if strings.Contains(s, "never be sent") && !strings.Contains(strings.ToLower(s), "if ") {
			out = append(out, s)
		}
	}
	return out
}

// TestAFollowUpKeptByKeepMineIsNotSaidUnsendable: the laptop kept the
// ward's amendment on settling with server A, and followed it up; server
// B holds the laptop's own amendment, set aside here, so the ward's meets
// a conflict on B. --keep-mine on B sends the ward's amendment on B's
// version as it is (B's version is one this store holds already): it is
// not set aside, and the next push sends the follow-up after it. Yet
// push and push --conflicts said, with no condition, that the follow-up
// could never be sent, to void it and assess the patient again: a valid
// follow-up voided. Before the decision it is said to be unsendable only
// if the settle sets the version aside, the settle says nothing of the
// kind, and the push that follows sends it.
func TestAFollowUpKeptByKeepMineIsNotSaidUnsendable(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	a, _, srvB, first, _, ward := twoServersSetAside(t)
	st, err := store.Open(a.settings.DB, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fu := testkit.Assessed(t, testkit.Included(nil))
	fu.Patient, fu.FollowsUp, fu.Clinician = first.Patient, ward.ID, "Nurse Bea"
	if err := st.Save(&fu); err != nil {
		t.Fatal(err)
	}
	short := fu.ID.String()[:13]
	for _, run := range [][]string{{"--dry-run"}, nil, {"--conflicts"}} {
		out, stderr, err := execute(a, (*app).pushCmd, "", append([]string{"--server", srvB}, run...)...)
		all := out + "\n" + stderr + "\n" + errText(err)
		if !strings.Contains(flatCommands(all), "ollow-up "+short) {
			t.Fatalf("push %s says nothing of follow-up %s:\n%s", strings.Join(run, " "), short, all)
		}
		if never := unconditionalNever(all); len(never) > 0 {
			t.Errorf("push %s says, with no condition, that the follow-up can never be sent:\n%s\nin:\n%s", strings.Join(run, " "), strings.Join(never, "\n"), all)
		}
	}
	out, stderr, err := execute(a, (*app).pushCmd, "", "--server", srvB, "--resolve", ward.ID.String(), "--keep-mine")
	if err != nil {
		t.Fatalf("keep-mine on B: %v\n%s%s", err, out, stderr)
	}
	if all := flatCommands(out + stderr); strings.Contains(all, "never be sent") || strings.Contains(all, "digicheck void") {
		t.Errorf("keep-mine on B, which sends the version the follow-up rests on, says to void the follow-up:\n%s%s", out, stderr)
	}
	if out, stderr, err := execute(a, (*app).pushCmd, "", "--server", srvB); err != nil {
		t.Fatalf("push to B after keep-mine: %v\n%s%s", err, out, stderr)
	}
	if _, sent, err := st.PushedVersion(srvB, fu.ID); err != nil || !sent {
		t.Errorf("the follow-up was not sent to B after keep-mine (sent %v, %v)", sent, err)
	}
}

// TestAFollowUpOnAVersionKeepMineSetsAsideIsSaidUnsendableAtTheSettle:
// --keep-mine saves this machine's version again as a new record and
// sets the one in conflict aside, so a follow-up resting on it can never
// be sent. --keep-server said so at the settle, with the commands that
// mark it entered in error and follow the patient up again; --keep-mine
// said nothing, and only the next push did.
func TestAFollowUpOnAVersionKeepMineSetsAsideIsSaidUnsendableAtTheSettle(t *testing.T) {
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
	execute(a, (*app).pushCmd, "")
	// The push after the settle holds the follow-up back, saying why
	// (an error, apart): the settle's own words are on the output.
	out, stderr, _ := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-mine")
	if aside, err := lst.SetAside(a.settings.Config.FHIRServer.FHIRServerURL, onLaptop.ID); err != nil || !aside {
		t.Fatalf("keep-mine did not set the version in conflict aside (%v, %v)", aside, err)
	}
	all := flatCommands(out + "\n" + stderr)
	for _, want := range []string{
		"follow-up " + short,
		"never be sent",
		"digicheck void" + a.given + " " + short + " --reason",
		"digicheck followup" + a.given + " " + first.Patient.Value,
	} {
		if !strings.Contains(strings.ToLower(all), strings.ToLower(want)) {
			t.Errorf("keep-mine does not say %q:\n%s", want, all)
		}
	}
}
