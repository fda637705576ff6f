package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"digicheck/internal/fhirserver"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// Set-ups that several tests share: machines that read and write the same
// patients' assessments through one or two FHIR servers.

// laptopOnTwoServers starts FHIR servers A and B and makes the laptop's
// store: one assessment, agreed to every referral, which it has pushed to
// both.
func laptopOnTwoServers(t *testing.T) (A, B *fhirserver.Server, laptop string, lst *store.Store, first record.Record) {
	t.Helper()
	A, B = fhirserver.Start(t), fhirserver.Start(t)
	laptop, lst, first = agreedToEverything(t)
	pushWith(t, A.Base, lst)
	pushWith(t, B.Base, lst)
	return A, B, laptop, lst, first
}

// laptopApp is digicheck on the laptop's store at laptop, its site naming
// the FHIR server at base ("" for none).
func laptopApp(laptop, base string) *app {
	return &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: base}}}}
}

// amendOn saves on st, as clinician, an amendment of first for reason.
func amendOn(t *testing.T, st *store.Store, first record.Record, reason, clinician string) record.Record {
	t.Helper()
	r := first
	r.ID, r.Amends, r.AmendReason, r.Clinician = record.ID{}, first.ID, reason, clinician
	if err := st.Amend(&r); err != nil {
		t.Fatal(err)
	}
	nextMillisecond()
	return r
}

// nextMillisecond returns once the clock has passed the millisecond it
// was called in, so that a record made after it has an id whose first 13
// characters (the millisecond, as ids are shown at the least) are not
// those of one made before: the tests type ids so. Two versions made in
// one millisecond are shown by longer prefixes (shortOf), as a test of
// their own shows (copyNotTakenIn).
func nextMillisecond() {
	for ms := time.Now().UnixMilli(); time.Now().UnixMilli() == ms; {
		time.Sleep(100 * time.Microsecond)
	}
}

// voidOn marks on st, as clinician, the assessment whose version id is
// entered in error, for the wrong patient.
func voidOn(t *testing.T, st *store.Store, id record.ID, clinician string) record.Record {
	t.Helper()
	v, err := st.Void(id, store.Voiding{Reason: "wrong patient", Clinician: clinician})
	if err != nil {
		t.Fatal(err)
	}
	nextMillisecond()
	return v
}

// amendedElsewhere saves on the ward's store an amendment of first, by
// Nurse m1.
func amendedElsewhere(t *testing.T, wst *store.Store, first record.Record) record.Record {
	t.Helper()
	return amendOn(t, wst, first, "age was wrong", "Nurse m1")
}

// voidedElsewhere marks first entered in error on the ward's store, by
// Nurse m1.
func voidedElsewhere(t *testing.T, wst *store.Store, first record.Record) record.Record {
	t.Helper()
	return voidOn(t, wst, first.ID, "Nurse m1")
}

// amendedOnTheWard: the ward reads first's patient from the FHIR server
// at base into a store of its own, amends first there ("amended on the
// ward", by Sister Okafor) and pushes the amendment back to that server.
func amendedOnTheWard(t *testing.T, base string, first record.Record) record.Record {
	t.Helper()
	_, wst := wardReading(t, base, first)
	ward := amendOn(t, wst, first, "amended on the ward", "Sister Okafor")
	pushWith(t, base, wst)
	return ward
}

// withDraftsFromInput is the command mk makes with --drafts-from-input (a
// flag of the root command) given, as a script that resumes a draft runs
// it.
func withDraftsFromInput(mk func(*app) *cobra.Command) func(*app) *cobra.Command {
	return func(a *app) *cobra.Command {
		c := mk(a)
		c.Flags().Bool("drafts-from-input", false, "")
		return c
	}
}

// syntheticByBinary is pushStore made by the built program bin, with a
// home and config of its own, not through runCLI's environment: a test
// that makes its store so can run beside others.
func syntheticByBinary(t *testing.T, bin string, n int) string {
	t.Helper()
	home := t.TempDir()
	db := filepath.Join(t.TempDir(), "digicheck.db")
	cmd := exec.Command(bin, "--db", db, "synthetic", "--count", strconv.Itoa(n), "--seed", "5")
	cmd.Env = []string{"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_DATA_HOME=" + filepath.Join(home, "data"), "PATH=" + os.Getenv("PATH")}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, out)
	}
	return db
}

// wardReading is the ward's store, at wardPath, after it read first's
// patient from the FHIR server at base (history --server).
func wardReading(t *testing.T, base string, first record.Record) (wardPath string, wst *store.Store) {
	t.Helper()
	wardPath = filepath.Join(t.TempDir(), "ward.db")
	if _, stderr, err := runStoreCmd(t, wardPath, (*app).historyCmd, first.Patient.Value, "--server", base); err != nil {
		t.Fatalf("history on the ward: %v\n%s", err, stderr)
	}
	wst, err := store.Open(wardPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return wardPath, wst
}
