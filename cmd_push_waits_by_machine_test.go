package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// TestAfterARestoreWhatWaitsOnAnotherLaptopFitsA24LineScreen: laptop B made
// records, by Nurse B Laptop and Dr Two Clinician; laptop A, where Dr Two
// Clinician works too, made one and amended B's, each sent; the server was
// then restored from a backup older than all of it. A's push
// --check-server at 80 columns said the commands for B after each record,
// on both outputs (85 lines with ten of B's amended), counted 1 version
// of 1 assessment lost while 3 were, and said "2 wait on the machines
// that made the versions they rest on: it goes once that machine sends".
// It says every version lost, what waits once, the commands once each,
// and fits a screen however many wait. Then B's check and A's again send
// them all, as before.
func TestAfterARestoreWhatWaitsOnAnotherLaptopFitsA24LineScreen(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	lines := map[int]int{}
	for _, n := range []int{2, 10} {
		srv := fhirserver.Start(t)
		said, pathA, pathB := waitsOnLaptopB(t, srv, n)
		lines[n] = strings.Count(said, "\n")
		flat := unfolded(said)
		there := "digicheck push --check-server"
		here := "digicheck push --db A/store.db --config A/config.toml --check-server here again"
		if c := strings.Count(flat, "digicheck push"); c != 2 || !strings.Contains(flat, "run "+there+";") || !strings.Contains(flat, here) {
			t.Errorf("with %d waiting, A's push says a push command %d times, not once to run on B and once here:\n%s", n, c, said)
		}
		for _, want := range []string{
			fmt.Sprintf("no longer holds %d record versions of %d assessments it accepted from this store", n+1, n+1),
			fmt.Sprintf("Sent 1 of %d record versions", n+1),
			fmt.Sprintf("%d wait on versions made on another machine", n),
			"Dr Two Clinician made records on this machine too",
		} {
			if !strings.Contains(flat, want) {
				t.Errorf("with %d waiting, A's push does not say %q:\n%s", n, want, said)
			}
		}
		if strings.Contains(flat, "it goes once that machine") {
			t.Errorf("with %d waiting, A's push says them as one:\n%s", n, said)
		}
		// B's check sends its records again, then A's its amendments.
		if out, stderr, err := runStoreCmd(t, pathB, (*app).pushCmd, "--server", srv.Base, "--check-server"); err != nil {
			t.Fatalf("B's push --check-server: %v\n%s%s", err, out, stderr)
		}
		out, stderr, err := runStoreCmd(t, pathA, (*app).pushCmd, "--server", srv.Base, "--check-server")
		if err != nil || !strings.Contains(out, fmt.Sprintf("Sent %d of %d", n, n)) {
			t.Errorf("A's push --check-server after B's: %v\n%s%s", err, out, stderr)
		}
	}
	// The shell's prompt takes the 24th line.
	if lines[10] > 23 || lines[10] > lines[2]+1 {
		t.Errorf("A's push takes %d lines at 80 columns with 2 waiting, %d with 10: not a screen of 24 lines with the prompt, whatever waits", lines[2], lines[10])
	}
}

// waitsOnLaptopB is what A's push --check-server prints, on both outputs,
// its error last, after the restore, with n of B's records amended on A,
// run with --db A/store.db --config A/config.toml naming the server; and
// the two stores.
func waitsOnLaptopB(t *testing.T, srv *fhirserver.Server, n int) (said, pathA, pathB string) {
	t.Helper()
	srv.Control(t, fhirserver.Control{Backup: true})
	pathA, pathB = filepath.Join(t.TempDir(), "a.db"), filepath.Join(t.TempDir(), "b.db")
	b, err := store.Open(pathB, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var theirs []record.Record
	for i := range n {
		r := testkit.Assessed(t, testkit.Offline(nil))
		r.Clinician, r.Team = "Dr Two Clinician", "District Nurses"
		if i == 0 {
			r.Clinician = "Nurse B Laptop"
		}
		if err := b.Save(&r); err != nil {
			t.Fatal(err)
		}
		theirs = append(theirs, r)
	}
	pushWith(t, srv.Base, b)
	source, err := fhirclient.Identity(srv.Base)
	if err != nil {
		t.Fatal(err)
	}
	a, err := store.Open(pathA, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	own := testkit.Assessed(t, testkit.Included(nil))
	own.Clinician, own.Team = "Dr Two Clinician", "District Nurses"
	if err := a.Save(&own); err != nil {
		t.Fatal(err)
	}
	for _, r := range theirs {
		cp := r
		if err := a.SaveCopy(&cp, source); err != nil {
			t.Fatal(err)
		}
		mine := r
		mine.ID, mine.Amends, mine.AmendReason, mine.Clinician = record.ID{}, r.ID, "corrected", "Dr Two Clinician"
		if err := a.Amend(&mine); err != nil {
			t.Fatal(err)
		}
	}
	pushWith(t, srv.Base, a)
	srv.Control(t, fhirserver.Control{RestoreBackup: true})
	given := &app{settings: site.Settings{DB: pathA, Team: "District Nurses", Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}, given: " --db A/store.db --config A/config.toml"}
	out, stderr, err := execute(given, (*app).pushCmd, "", "--check-server")
	if err == nil {
		t.Fatalf("A's push --check-server exits 0 with %d amendments waiting on B's lost records:\n%s%s", n, out, stderr)
	}
	return out + stderr + "digicheck: " + err.Error() + "\n", pathA, pathB
}
