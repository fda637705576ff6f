package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"digicheck/internal/fhirserver"
	"digicheck/site"
)

// executeStopped is execute, stopped after a while as by Ctrl+C.
func executeStopped(a *app, mk func(*app) *cobra.Command, after time.Duration, args ...string) (string, string, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(after, cancel)
	c := mk(a)
	var out, errb bytes.Buffer
	c.SetContext(ctx)
	c.SetIn(strings.NewReader(""))
	c.SetOut(&out)
	c.SetErr(&errb)
	c.SetArgs(args)
	c.SilenceUsage, c.SilenceErrors = true, true
	err := c.Execute()
	return out.String(), errb.String(), err
}

// pushedTwo is a store of two assessments pushed to a FHIR server of the
// test's own, and an app that runs commands on it with --db.
func pushedTwo(t *testing.T) (srv *fhirserver.Server, path string, given *app) {
	t.Helper()
	srv = fhirserver.Start(t)
	path, _ = storeWith(t, 2)
	given = &app{settings: site.Settings{DB: path, Team: "Ward 7"}, given: " --db " + path}
	if out, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base); err != nil || !strings.Contains(out, "Sent 2 of 2") {
		t.Fatalf("push: %v\n%s%s", err, out, stderr)
	}
	return srv, path, given
}

// TestADryRunStoppedSaysItStoppedBeforeItKnewAndWhatToRunAgain: Ctrl+C
// while push --dry-run asked the server (each answer slow) said "Dry run:
// 0 record versions in 0 Bundles would be sent", read after a restore as
// nothing to recover, then Go's "context canceled", with no next step. It
// says the dry run stopped before it knew what a push would send, that
// nothing was sent, and the dry run to run again, as it was given, with
// this run's flags; and gives no count.
func TestADryRunStoppedSaysItStoppedBeforeItKnewAndWhatToRunAgain(t *testing.T) {
	t.Setenv("COLUMNS", "80")
	srv, path, given := pushedTwo(t)
	srv.Faults(t, fhirserver.Fault{DelayMs: 5000, Times: 1000, Method: "GET"})
	for _, run := range []string{"--dry-run", "--check-server --dry-run"} {
		out, stderr, err := executeStopped(given, (*app).pushCmd, 500*time.Millisecond, append([]string{"--server", srv.Base}, strings.Fields(run)...)...)
		if err == nil {
			t.Errorf("push %s stopped exits 0:\n%s%s", run, out, stderr)
			continue
		}
		flat := strings.Join(strings.Fields(stderr+err.Error()), " ")
		for _, bad := range []string{"context canceled", "would be sent"} {
			if strings.Contains(flat, bad) {
				t.Errorf("push %s stopped says %q:\n%s", run, bad, flat)
			}
		}
		for _, want := range []string{
			"stopped before it knew what a push would send",
			"nothing was sent",
			"run digicheck push --db " + path + " --server " + srv.Base + " " + run + " again",
		} {
			if !strings.Contains(strings.ToLower(flat), strings.ToLower(want)) {
				t.Errorf("push %s stopped does not say %q:\n%s", run, want, flat)
			}
		}
		bare(t, flat, given.given, srv.Base)
	}
}
