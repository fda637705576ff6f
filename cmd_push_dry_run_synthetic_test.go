package main

import (
	"maps"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestADryRunOfASyntheticStoreIsRefusedAsThePushIs: without --test-server
// the push of a store of synthetic test data is refused (exit 1), before
// it asks the server anything, while its dry run said "3 record versions
// in 3 Bundles would be sent" and exited 0: a script, or IT, checking the
// dry run's status before a push read it as go. Later the dry run failed
// too, but only after asking the trust's server of the synthetic records
// by their ids, which it is never asked of. The dry run is refused at
// once, as the push is, asking nothing and printing no Bundle: it says
// that none would be sent, as the push would be refused, and that
// --test-server, of a test server, shows what it would be sent. With
// --test-server it is a dry run as any other.
func TestADryRunOfASyntheticStoreIsRefusedAsThePushIs(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	s := fhirserver.Start(t)
	env := map[string]string{"DIGICHECK_DB": pushStore(t, 3)}
	_, _, pushed := runCLI(t, env, "", "push", "--server", s.Base)
	before := s.Stats(t).Requests
	out, errOut, err := runCLI(t, env, "", "push", "--server", s.Base, "--dry-run")
	if after := s.Stats(t).Requests; !maps.Equal(before, after) {
		t.Errorf("the dry run of a synthetic store asked the server: its requests went from %v to %v", before, after)
	}
	said := unfolded(errOut)
	if err == nil || pushed == nil || exitStatus(err) != exitStatus(pushed) {
		t.Errorf("the dry run of a synthetic store without --test-server ends %v (status %d); the push %v (status %d)\n%s", err, exitStatus(err), pushed, exitStatus(pushed), said)
	}
	if strings.Contains(out, `"resourceType"`) {
		t.Errorf("the dry run refused prints what it did not ask the server of:\n%.300s", out)
	}
	for _, want := range []string{
		"Dry run: 0 record versions would be sent to " + s.Base + ", as the push would be refused",
		"nothing was asked of the server",
		"If it is a test server, digicheck push --server " + s.Base + " --test-server --dry-run shows what it would be sent",
	} {
		if !strings.Contains(said, want) {
			t.Errorf("the dry run of a synthetic store does not say %q:\n%s", want, said)
		}
	}
	if err != nil && !strings.Contains(err.Error(), "--test-server") {
		t.Errorf("the dry run's error does not say how a test server is pushed to: %v", err)
	}

	out, errOut, err = runCLI(t, env, "", "push", "--server", s.Base, "--dry-run", "--test-server")
	if said := unfolded(errOut); err != nil || !strings.Contains(said, "Dry run: 3 record versions in 3 Bundles would be sent") || !strings.Contains(out, "QuestionnaireResponse") {
		t.Errorf("push --dry-run --test-server of a synthetic store: %v\n%s\n%.300s", err, said, out)
	}
}
