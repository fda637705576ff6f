package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestASummaryOfAServerThatLostAVoidDoesNotSayItsCountsAreOnlyShort: the
// server, restored from an older backup, lost a void (an assessment
// marked entered in error, wrong patient). The SERVER SHORT caveat said
// "these counts lack them", so a QI lead took the counts as a floor; but
// the assessment entered in error was counted again, one too many. Every
// output now says the lost versions include a void and that an assessment
// entered in error is counted, so the counts may be too high as well as
// too low: with --exact how many, with disclosure control without a
// number.
func TestASummaryOfAServerThatLostAVoidDoesNotSayItsCountsAreOnlyShort(t *testing.T) {
	testkit.EndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv := fhirserver.Start(t)
	path, rs := storeWith(t, 3)
	if _, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push: %v\n%s", err, stderr)
	}
	srv.Control(t, fhirserver.Control{Backup: true})
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Void(rs[0].ID, store.Voiding{Reason: "wrong patient", Clinician: "Nurse Ann"}); err != nil {
		t.Fatal(err)
	}
	if out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push of the void: %v\n%s%s", err, out, stderr)
	}
	qi := filepath.Join(t.TempDir(), "qi.db")
	if out, stderr, err := runStoreCmd(t, qi, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", "csv", "--server", srv.Base); err != nil {
		t.Fatalf("summary before the loss: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{RestoreBackup: true})

	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, format := range []string{"csv", "table", "json", "markdown", "html"} {
		for _, exact := range []bool{true, false} {
			args := []string{"--format", format, "--server", srv.Base}
			if exact {
				args = append(args, "--exact", "--from", "2000-01-01")
			}
			out, stderr, _ := runStoreCmd(t, qi, (*app).summaryCmd, args...)
			got := flat(out)
			i := strings.Index(got, "SERVER SHORT")
			if i < 0 {
				t.Fatalf("%s (exact %v): the output carries no SERVER SHORT caveat:\n%.1500s\nstderr:\n%s", format, exact, out, stderr)
			}
			c := got[i:min(len(got), i+900)]
			if !strings.Contains(c, "entered in error") || !strings.Contains(c, "too high") {
				t.Errorf("%s (exact %v): the caveat does not say an assessment entered in error is counted, the counts perhaps too high:\n%s", format, exact, c)
			}
			if exact && !strings.Contains(c, "1 is a void") {
				t.Errorf("%s: the exact caveat does not say how many of the lost versions are voids:\n%s", format, c)
			}
			if !exact && strings.Contains(c, "1 is a void") {
				t.Errorf("%s: the published caveat gives a number:\n%s", format, c)
			}
		}
	}
	to := filepath.Join(t.TempDir(), "export.csv")
	_, stderr, err := runStoreCmd(t, qi, (*app).exportCmd, "--server", srv.Base, "--format", "csv", "--identifiable", "-o", to)
	if err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	raw, err := os.ReadFile(to)
	if err != nil {
		t.Fatal(err)
	}
	b := string(raw)
	if !strings.Contains(b, "entered in error is exported as current") {
		t.Errorf("the export's mark does not say an assessment entered in error is in it:\n%.1500s", b)
	}
}
