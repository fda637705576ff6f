package main

import (
	"context"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// firstCaveat is the caveat of the first row of a summary's CSV (its
// ninth column), "" when it has no rows.
func firstCaveat(t *testing.T, text string) string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatalf("the summary's CSV: %v\n%s", err, text)
	}
	if len(rows) < 2 {
		return ""
	}
	return rows[1][8]
}

// assessedCount is the count of every assessment in a summary's CSV.
func assessedCount(t *testing.T, text string) string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(assessedLine(text))).ReadAll()
	if err != nil || len(rows) != 1 {
		t.Fatalf("the summary's line of every assessment: %v\n%s", err, text)
	}
	return rows[0][5]
}

// responsesOn is how many QuestionnaireResponses (assessments) the server
// at base holds.
func responsesOn(t *testing.T, base string) int {
	t.Helper()
	c, err := fhirclient.New(fhirclient.Config{Base: base, Timeout: 20 * time.Second, Attempts: 2})
	if err != nil {
		t.Fatal(err)
	}
	n, ok, err := c.Total(context.Background(), "QuestionnaireResponse")
	if err != nil || !ok {
		t.Fatalf("the server's total: %v (given %v)", err, ok)
	}
	return n
}

// TestASummaryOfAServerThatLostRecordsSaysSoInItsOutputOnEveryRunUntilRefilled:
// a FHIR server restarted empty (restored from an older backup) was read
// afresh by summary --server, which said so once on standard error: the
// published table and CSV carried no mark, and the next run none at all
// (its cache taken anew), so a trust-wide summary undercounted silently.
// Every output now carries the caveat, on every run, saying what to do
// (push again from the machines that sent them), until the server holds
// again every record version this machine read from it; then it goes.
func TestASummaryOfAServerThatLostRecordsSaysSoInItsOutputOnEveryRunUntilRefilled(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv := fhirserver.Start(t)
	_, wst, _ := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	opath, _ := storeWith(t, 3)
	if _, stderr, err := runStoreCmd(t, opath, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push: %v\n%s", err, stderr)
	}

	qi := filepath.Join(t.TempDir(), "qi.db")
	summary := func(format string, extra ...string) (string, string) {
		t.Helper()
		out, stderr, err := runStoreCmd(t, qi, (*app).summaryCmd, append([]string{"--exact", "--from", "2000-01-01", "--format", format, "--server", srv.Base}, extra...)...)
		if err != nil {
			t.Fatalf("summary --server --format %s: %v\n%s", format, err, stderr)
		}
		return out, stderr
	}
	before, _ := summary("csv")
	if c := firstCaveat(t, before); strings.Contains(c, "fewer") {
		t.Fatalf("a server that lost nothing is said to be short: %s", c)
	}

	// Restored from an older backup: the other store's assessments are
	// gone.
	srv.Control(t, fhirserver.Control{Reset: true})
	fhirserver.SendStore(t, srv.Base, wst)

	for run := 1; run <= 2; run++ {
		got, stderr := summary("csv")
		c := firstCaveat(t, got)
		flat := strings.Join(strings.Fields(c), " ")
		if !strings.Contains(flat, "holds fewer record versions than this machine read from it before") || !strings.Contains(flat, "digicheck push") {
			t.Errorf("run %d: the CSV's caveat does not say the server lost records, nor what to do: %q\nstderr:\n%s", run, c, stderr)
		}
		if !strings.Contains(flat, "3 ") {
			t.Errorf("run %d: the exact caveat does not say how many versions are missing (3): %q", run, c)
		}
		table, _ := summary("table")
		if !strings.Contains(strings.Join(strings.Fields(table), " "), "holds fewer record versions than this machine read from it before") {
			t.Errorf("run %d: the table carries no caveat of the server's loss:\n%s", run, table)
		}
	}
	// With disclosure control too (no number, no address).
	pub, _, err := runStoreCmd(t, qi, (*app).summaryCmd, "--format", "csv", "--server", srv.Base)
	if err != nil {
		t.Fatal(err)
	}
	if c := firstCaveat(t, pub); !strings.Contains(c, "holds fewer record versions than this machine read from it before") || strings.Contains(c, srv.Base) {
		t.Errorf("the published CSV's caveat: %q", c)
	}

	// The machine that sent them pushes again: the server holds them,
	// and the caveat goes.
	if out, stderr, err := runStoreCmd(t, opath, (*app).pushCmd, "--server", srv.Base); err != nil || !strings.Contains(out, "Sent") {
		t.Fatalf("push after the loss: %v\n%s%s", err, out, stderr)
	}
	after, stderr := summary("csv")
	if c := firstCaveat(t, after); strings.Contains(c, "fewer") {
		t.Errorf("the caveat stays after the server holds every version again: %q\n%s", c, stderr)
	}
	if assessedCount(t, after) != assessedCount(t, before) {
		t.Errorf("after the refill the summary counts %q, before the loss %q", assessedLine(after), assessedLine(before))
	}
}

// TestPushSendsAgainWhatAServerThatLostRecordsNoLongerHolds: a server
// restarted empty was never refilled by push ("Nothing to send: every
// record version in this store was accepted by ... in earlier pushes"),
// and push had no way to check. A push now notices that the server holds
// fewer assessments than this store sent it and sends again those it
// lacks; --check-server asks of each, for a loss the count does not show.
func TestPushSendsAgainWhatAServerThatLostRecordsNoLongerHolds(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv := fhirserver.Start(t)
	path, _ := storeWith(t, 3)
	if _, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push: %v\n%s", err, stderr)
	}
	srv.Control(t, fhirserver.Control{Reset: true})

	dry, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base, "--dry-run")
	if err != nil {
		t.Fatalf("push --dry-run: %v\n%s", err, stderr)
	}
	if flat := strings.Join(strings.Fields(dry+stderr), " "); !strings.Contains(flat, "3 record versions") || !strings.Contains(flat, "no longer holds") {
		t.Errorf("push --dry-run does not say the server lacks the 3 versions sent before:\n%s%s", dry, stderr)
	}
	if n := responsesOn(t, srv.Base); n != 0 {
		t.Fatalf("a dry run sent %d assessments", n)
	}

	out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base)
	if err != nil {
		t.Fatalf("push after the loss: %v\n%s%s", err, out, stderr)
	}
	flat := strings.Join(strings.Fields(out), " ")
	if !strings.Contains(flat, "no longer holds") || !strings.Contains(flat, "Sent 3 of 3 record versions") {
		t.Errorf("push after the loss does not say it sends again what the server lost:\n%s%s", out, stderr)
	}
	if n := responsesOn(t, srv.Base); n != 3 {
		t.Errorf("the server holds %d assessments after the push, want 3", n)
	}

	// A loss the count does not show: the server lost this store's
	// assessments and holds as many of another's.
	srv.Control(t, fhirserver.Control{Reset: true})
	other, _ := storeWith(t, 4)
	if _, stderr, err := runStoreCmd(t, other, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push of the other store: %v\n%s", err, stderr)
	}
	out, stderr, err = runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base, "--check-server")
	if err != nil {
		t.Fatalf("push --check-server: %v\n%s%s", err, out, stderr)
	}
	if !strings.Contains(strings.Join(strings.Fields(out), " "), "Sent 3 of 3 record versions") {
		t.Errorf("push --check-server does not send again what the server lost:\n%s%s", out, stderr)
	}
	if n := responsesOn(t, srv.Base); n != 7 {
		t.Errorf("the server holds %d assessments after push --check-server, want 7", n)
	}
	out, stderr, err = runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base, "--check-server")
	if err != nil || !strings.Contains(out, "Nothing to send") || strings.Contains(out, "nothing was checked") {
		t.Errorf("push --check-server of a server holding everything: %v\n%s%s", err, out, stderr)
	}
}

// TestASummaryOfAServerNamesTheServerAsItsInput: a summary of the trust's
// FHIR server said it read "a digicheck store" (its cache), so a reader of
// the table could not tell a count of the shared server from one
// machine's; the exact summary named the cache's file.
func TestASummaryOfAServerNamesTheServerAsItsInput(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "200")
	srv := fhirserver.Start(t)
	path, _ := storeWith(t, 2)
	if _, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push: %v\n%s", err, stderr)
	}
	qi := filepath.Join(t.TempDir(), "qi.db")
	for _, exact := range []bool{false, true} {
		args := []string{"--server", srv.Base}
		if exact {
			args = append(args, "--exact", "--from", "2000-01-01")
		}
		out, stderr, err := runStoreCmd(t, qi, (*app).summaryCmd, args...)
		if err != nil {
			t.Fatalf("summary: %v\n%s", err, stderr)
		}
		var read string
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "Read: ") {
				read = l
			}
		}
		if strings.Contains(read, "store") || strings.Contains(read, "server-cache") || !strings.Contains(read, "FHIR server") {
			t.Errorf("exact %v: the summary does not name its input as the FHIR server: %q", exact, read)
		}
		if exact && !strings.Contains(read, srv.Base) {
			t.Errorf("the exact summary does not name the server's address: %q", read)
		}
	}
}

// TestASummaryAcceptsRecordsRemovedFromTheServerOnPurpose: records removed
// from the server on purpose are never sent again, so the SERVER SHORT
// caveat would stay for good; --accept-server-loss says they are gone on
// purpose, and it goes, for that run and the next.
func TestASummaryAcceptsRecordsRemovedFromTheServerOnPurpose(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	path, _ := storeWith(t, 2)
	if _, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push: %v\n%s", err, stderr)
	}
	qi := filepath.Join(t.TempDir(), "qi.db")
	summary := func(extra ...string) (string, string) {
		t.Helper()
		out, stderr, err := runStoreCmd(t, qi, (*app).summaryCmd, append([]string{"--exact", "--from", "2000-01-01", "--format", "csv", "--server", srv.Base}, extra...)...)
		if err != nil {
			t.Fatalf("summary --server: %v\n%s", err, stderr)
		}
		return out, stderr
	}
	summary()
	srv.Control(t, fhirserver.Control{Reset: true})
	if out, _ := summary(); !strings.Contains(firstCaveat(t, out), "SERVER SHORT") {
		t.Fatalf("the server emptied is not marked short: %q", firstCaveat(t, out))
	}
	out, stderr := summary("--accept-server-loss")
	if c := firstCaveat(t, out); strings.Contains(c, "SERVER SHORT") || !strings.Contains(stderr, "Accepted") {
		t.Errorf("--accept-server-loss: caveat %q\n%s", c, stderr)
	}
	if out, _ := summary(); strings.Contains(firstCaveat(t, out), "SERVER SHORT") {
		t.Errorf("the loss accepted is marked again: %q", firstCaveat(t, out))
	}
}
