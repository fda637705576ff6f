package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestADryRunSettlesNoConflict: push --resolve RECORD --keep-mine
// --dry-run (or --keep-server --dry-run) settled the conflict in the
// store for real and skipped only the send: IT, looking before deciding
// whose version of a patient's assessment to keep, had the decision
// saved, and the next push sent this machine's version over another
// clinician's correction. --dry-run with --resolve is refused as a
// command line given wrongly (exit 2): the store file is byte for byte
// as it was, the conflict is still there to settle, and the refusal
// says how to see both versions, with this run's --db and --config. Nor
// does any other dry run of the store in conflict write to it.
func TestADryRunSettlesNoConflict(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	a, _, _, onLaptop := laptopInConflict(t)
	a.given = " --db " + a.settings.DB + " --config /laptops/a/cfg.toml"
	stored := func() []byte {
		t.Helper()
		b, err := os.ReadFile(a.settings.DB)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	before := stored()
	short := onLaptop.ID.String()[:13]
	for _, keep := range []string{"--keep-mine", "--keep-server"} {
		out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", short, keep, "--dry-run")
		if err == nil {
			t.Errorf("push --resolve %s %s --dry-run exits 0:\n%.300s\n%s", short, keep, out, stderr)
			continue
		}
		if exitStatus(err) != 2 {
			t.Errorf("push --resolve %s %s --dry-run exits %d; want 2, a command line refused: %v", short, keep, exitStatus(err), err)
		}
		if strings.Contains(out+stderr, "Settled") {
			t.Errorf("%s --dry-run says it settled:\n%.300s\n%s", keep, out, stderr)
		}
		words := said(err)
		for _, want := range []string{"--dry-run", "--resolve", "Nothing was changed", "digicheck push" + a.given + " --conflicts"} {
			if !strings.Contains(words, want) {
				t.Errorf("%s --dry-run's refusal does not say %q:\n%s", keep, want, words)
			}
		}
		if !bytes.Equal(before, stored()) {
			t.Errorf("push --resolve %s %s --dry-run changed the store", short, keep)
			before = stored()
		}
	}
	for _, run := range [][]string{{"--dry-run"}, {"--dry-run", "--check-server"}} {
		if _, _, err := execute(a, (*app).pushCmd, "", run...); exitStatus(err) == 2 {
			t.Errorf("push %s refused as a command line given wrongly: %v", strings.Join(run, " "), err)
		}
		if !bytes.Equal(before, stored()) {
			t.Errorf("push %s changed the store", strings.Join(run, " "))
		}
	}
	if out, stderr, _ := execute(a, (*app).pushCmd, "", "--conflicts"); !strings.Contains(out+stderr, short) {
		t.Errorf("after the dry runs push --conflicts does not list %s as in conflict:\n%s%s", short, out, stderr)
	}
}
