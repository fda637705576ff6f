package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
)

// TestADryRunOfASyntheticStoreIsRefusedAsThePushIs: without --test-server
// the push of a store of synthetic test data is refused (exit 1), while
// its dry run said "3 record versions in 3 Bundles would be sent" and
// exited 0: a script, or IT, checking the dry run's status before a push
// read it as go. The dry run fails as the push does, and says that none
// would be sent, as the push would be refused; the Bundles it prints are
// what a test server would be sent with --test-server, which is said.
// With --test-server it is a dry run as any other.
func TestADryRunOfASyntheticStoreIsRefusedAsThePushIs(t *testing.T) {
	s := fhirserver.Shared(t)
	env := map[string]string{"DIGICHECK_DB": pushStore(t, 3)}
	_, _, pushed := runCLI(t, env, "", "push", "--server", s.Base)
	out, errOut, err := runCLI(t, env, "", "push", "--server", s.Base, "--dry-run")
	said := strings.Join(strings.Fields(errOut), " ")
	if err == nil || pushed == nil || exitStatus(err) != exitStatus(pushed) {
		t.Errorf("the dry run of a synthetic store without --test-server ends %v (status %d); the push %v (status %d)\n%s", err, exitStatus(err), pushed, exitStatus(pushed), said)
	}
	if !strings.Contains(out, "QuestionnaireResponse") {
		t.Errorf("the dry run no longer prints the Bundles a test server would be sent:\n%.300s", out)
	}
	for _, want := range []string{"Dry run: 0 record versions would be sent", "the push would be refused", "with --test-server", "3 record versions in 3 Bundles"} {
		if !strings.Contains(said, want) {
			t.Errorf("the dry run of a synthetic store does not say %q:\n%s", want, said)
		}
	}
	if strings.Contains(said, "3 record versions in 3 Bundles would be sent to") {
		t.Errorf("the dry run says the versions would be sent, and the push refuses them:\n%s", said)
	}
	if err != nil && !strings.Contains(err.Error(), "--test-server") {
		t.Errorf("the dry run's error does not say how a test server is pushed to: %v", err)
	}

	_, errOut, err = runCLI(t, env, "", "push", "--server", s.Base, "--dry-run", "--test-server")
	if said := strings.Join(strings.Fields(errOut), " "); err != nil || !strings.Contains(said, "Dry run: 3 record versions in 3 Bundles would be sent") {
		t.Errorf("push --dry-run --test-server of a synthetic store: %v\n%s", err, said)
	}
}
