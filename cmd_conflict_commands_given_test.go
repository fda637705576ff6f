package main

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// bareCommands is every digicheck push command in text (its lines joined,
// so a command wrapped between its flags is read whole) that does not
// carry given, this run's --db and --config, right after "digicheck push".
func bareCommands(text, given string) []string {
	flat := flatCommands(text)
	var bare []string
	for _, at := range regexp.MustCompile(`digicheck push(?: --[a-z-]+(?: [^-\s]\S*)?)*`).FindAllStringIndex(flat, -1) {
		if !strings.HasPrefix(flat[at[0]:], "digicheck push"+given) {
			bare = append(bare, flat[at[0]:at[1]])
		}
	}
	return bare
}

// flatCommands is text on one line, a command broken over lines (its
// lines ended " \\") whole again.
func flatCommands(text string) string {
	return strings.Join(slices.DeleteFunc(strings.Fields(text), func(w string) bool { return w == `\` }), " ")
}

// Run with another store and site config than the default (--db,
// --config), history, show and a refused amend, void or follow-up printed
// the commands that settle a conflict as bare "digicheck push --conflicts"
// and "digicheck push --resolve ID --keep-server": pasted as printed, they
// ran on the default config and store and failed with "no FHIR server", or
// settled nothing of this store's. Every one of them, on standard output,
// standard error and in the error, carries this run's --db and --config,
// as push's own commands do; and so do the saved screen's words on the
// conflict.
func TestTheCommandsThatSettleAConflictCarryThisRunsDBAndConfig(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	onWard := first
	onWard.ID, onWard.Amends, onWard.AmendReason, onWard.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	onLaptop := first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "amended on the laptop"
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}

	const given = " --db /laptops/a/a.db --config /laptops/a/cfg.toml"
	a := &app{settings: site.Settings{DB: laptop, Team: "Ward 7", Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}, given: given}
	res := pushResult(a.pushAfterSave(lst)(onLaptop))
	if !res.Conflict || !strings.Contains(res.Why, "digicheck push") {
		t.Fatalf("the saved screen is told %+v; want a conflict, with the command that shows it", res)
	}
	if bare := bareCommands(res.Why, given); len(bare) > 0 {
		t.Errorf("the saved screen's words on the conflict give %q without this run's flags:\n%s", bare, res.Why)
	}
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("push of a version in conflict exits 0")
	}

	said := func(out, stderr string, err error) string {
		s := out + "\n" + stderr
		if err != nil {
			s += "\n" + err.Error()
		}
		return s
	}
	for _, run := range []struct {
		name string
		mk   func(*app) *cobra.Command
		args []string
		// refused: the command is to fail, saying how to settle.
		refused bool
	}{
		{"history", (*app).historyCmd, []string{first.Patient.Value}, false},
		{"show", (*app).showCmd, []string{onLaptop.ID.String()}, false},
		{"amend", (*app).amendCmd, []string{onLaptop.ID.String(), "--reason", "amended again", "--clinician", "Nurse Ann"}, true},
		{"void", (*app).voidCmd, []string{onLaptop.ID.String(), "--reason", "wrong patient", "--clinician", "Nurse Ann"}, true},
		{"followup", (*app).followupCmd, []string{first.Patient.Value}, true},
	} {
		out, stderr, err := execute(a, run.mk, "", run.args...)
		if run.refused != (err != nil) {
			t.Errorf("%s: %v; want refused %v\n%s\n%s", run.name, err, run.refused, out, stderr)
		}
		all := said(out, stderr, err)
		for _, want := range []string{"digicheck push" + given + " --conflicts", "digicheck push" + given + " --resolve " + onLaptop.ID.String()[:13]} {
			if !strings.Contains(flatCommands(all), want) {
				t.Errorf("%s does not say %q:\n%s", run.name, want, all)
			}
		}
		if bare := bareCommands(all, given); len(bare) > 0 {
			t.Errorf("%s prints %q without this run's --db and --config:\n%s", run.name, bare, all)
		}
	}
	// A summary of the site's server says this store's conflicts make
	// the two disagree, with the command that shows them.
	_, stderr, err := execute(a, (*app).summaryCmd, "", "--server", srv.Base)
	if err != nil {
		t.Fatalf("summary --server: %v\n%s", err, stderr)
	}
	if !strings.Contains(flatCommands(stderr), "digicheck push"+given+" --conflicts") || len(bareCommands(stderr, given)) > 0 {
		t.Errorf("summary --server does not give push --conflicts with this run's --db and --config:\n%s", stderr)
	}
}
