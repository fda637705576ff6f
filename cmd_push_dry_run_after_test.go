package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestADryRunSaysWhatItsIfMatchAfterARecordStandsFor: an assessment and
// its amendment, neither sent. The dry run printed the amendment's Bundle
// with If-Match W/"after RECORD": a placeholder for the version the server
// gives the assessment once its Bundle is sent, which no server holds,
// printed as if it were the request and said nowhere, so a dry run
// replayed to a test server met a 412. It says what it stands for.
func TestADryRunSaysWhatItsIfMatchAfterARecordStandsFor(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "200")
	srv := fhirserver.Shared(t)
	path, rs := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mine := rs[0]
	mine.ID, mine.Amends, mine.AmendReason = record.ID{}, rs[0].ID, "a fix"
	if err := st.Amend(&mine); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base, "--dry-run")
	if err != nil {
		t.Fatalf("dry run: %v\n%s", err, stderr)
	}
	placeholder := `W/\"after ` + rs[0].ID.String() + `\"`
	if !strings.Contains(out, placeholder) {
		t.Fatalf("the dry run does not print the amendment If-Match %s:\n%.300s", placeholder, out)
	}
	said := strings.Join(strings.Fields(stderr), " ")
	for _, want := range []string{`1 record version printed with If-Match W/"after RECORD"`, "the version the server gives that record", "a push sends"} {
		if !strings.Contains(said, want) {
			t.Errorf("the dry run does not say %q:\n%s", want, said)
		}
	}
}
