package main

import (
	"errors"
	"strings"
	"syscall"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/site"
)

// TestAPushWhoseOutputCannotBeWrittenFailsAndSaysWhatItDid: README says a
// write to standard output that fails is a failure (exit status 1, the
// reason on standard error). push > /dev/full ended 0 with nothing said:
// "Sent 2 of 2" lost, and a scheduled task read it as done; so did "Nothing
// to send", a settle's "Settled:", and push --conflicts, its list lost.
// Each now fails with the write's error. What push did is not undone (what
// was sent stays sent) and is said on standard error instead; a reader
// that stops reading (push | head -3) still ends it quietly, status 0.
func TestAPushWhoseOutputCannotBeWrittenFailsAndSaysWhatItDid(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv := fhirserver.Start(t)
	path, _ := storeWith(t, 2)
	ward := func() *app { return &app{settings: site.Settings{DB: path, Team: "Ward 7"}} }
	failed := func(what string, err error, want syscall.Errno, stderr string, says ...string) {
		t.Helper()
		if got := exitStatus(err); got != 1 || !errors.Is(err, want) {
			t.Errorf("%s to an output failing with %v exits %d (%v); want 1 with the write's error\nstderr:\n%s", what, want, got, err, stderr)
			return
		}
		all := strings.Join(strings.Fields(stderr+"\n"+err.Error()), " ")
		for _, s := range append(says, "standard output") {
			if !strings.Contains(all, s) {
				t.Errorf("%s to an output failing with %v does not say %q on standard error:\n%s", what, want, s, all)
			}
		}
	}

	// A dry run, as before: its Bundles cut short, nothing sent.
	stderr, err := executeTo(ward(), (*app).pushCmd, &fullAfter{err: syscall.ENOSPC}, "--server", srv.Base, "--dry-run")
	if got := exitStatus(err); got != 1 || !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("push --dry-run to a full disk exits %d (%v)\n%s", got, err, stderr)
	}
	// A full disk: what was sent stays sent, and is said.
	stderr, err = executeTo(ward(), (*app).pushCmd, &fullAfter{err: syscall.ENOSPC}, "--server", srv.Base)
	failed("push", err, syscall.ENOSPC, stderr, "Sent 2 of 2 record versions")
	if n := srv.Stats(t).QuestionnaireResponses; n != 2 {
		t.Errorf("the server holds %d assessments after the push whose output failed; want the 2 sent", n)
	}
	// A file size limit, the output cut short: said whole.
	stderr, err = executeTo(ward(), (*app).pushCmd, &fullAfter{n: 20, err: syscall.EFBIG}, "--server", srv.Base)
	failed("push with nothing to send", err, syscall.EFBIG, stderr, "Nothing to send: every record version in this store was accepted")
	// The reader left: quiet, and done.
	pipe := &fullAfter{n: 10, err: syscall.EPIPE}
	stderr, err = executeTo(ward(), (*app).pushCmd, pipe, "--server", srv.Base)
	if got := exitStatus(err); got != 0 || strings.Contains(stderr, "Nothing to send") {
		t.Errorf("push | head (the reader gone after %q) exits %d (%v), saying on standard error:\n%s", pipe.got.String(), got, err, stderr)
	}

	// The conflicts listed, and a settle.
	laptop, _, _, onLaptop := laptopInConflict(t)
	stderr, err = executeTo(laptop, (*app).pushCmd, &fullAfter{n: 100, err: syscall.ENOSPC}, "--conflicts")
	failed("push --conflicts", err, syscall.ENOSPC, stderr, "conflicts")
	stderr, err = executeTo(laptop, (*app).pushCmd, &fullAfter{err: syscall.ENOSPC}, "--resolve", onLaptop.ID.String(), "--keep-server")
	failed("push --resolve --keep-server", err, syscall.ENOSPC, stderr, "Settled: the server's version")
}
