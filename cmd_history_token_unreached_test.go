package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestHistoryNamesATokenEndpointItCouldNotReachNotTheFHIRServer: with
// fhir_oauth_token_url on a port nothing listens on, history said it
// "could not reach the FHIR server", of a patient this machine holds and
// of one it does not, though the server was up and nothing was sent to
// it: IT looked at the wrong system. push says it of the token endpoint
// (fhir_oauth_token_url); history says it alike.
func TestHistoryNamesATokenEndpointItCouldNotReachNotTheFHIRServer(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	s := fhirserver.Start(t)
	id := "dc-north"
	s.Control(t, fhirserver.Control{ClientID: &id, ClientSecret: "s3cret", TokenTTL: 3600})
	const tokenURL = "http://127.0.0.1:1/_oauth/token"
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	db := filepath.Join(dir, "digicheck.db")
	os.WriteFile(filepath.Join(dir, "secret"), []byte("s3cret"), 0o600)
	os.WriteFile(cfg, []byte(fmt.Sprintf("fhir_server = %q\nfhir_oauth_token_url = %q\nfhir_oauth_client_id = %q\nfhir_oauth_secret_file = \"secret\"\n", s.Base, tokenURL, id)), 0o600)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	held := testkit.Assessed(t, testkit.Included(nil))
	if err := st.Save(&held); err != nil {
		t.Fatal(err)
	}
	const other = "4010232137" // assessed nowhere
	if held.Patient.Value == other {
		t.Fatal("the test needs a second patient")
	}
	env := map[string]string{"DIGICHECK_CONFIG": cfg, "DIGICHECK_DB": db}
	for _, c := range []struct {
		name, patient string
	}{{"a patient held here", held.Patient.Value}, {"a patient not held here", other}} {
		out, errOut, err := runCLI(t, env, "", "history", c.patient)
		words := strings.Join(strings.Fields(out+errOut+fmt.Sprint(err)), " ")
		if strings.Contains(words, "could not reach the FHIR server") || !strings.Contains(words, "fhir_oauth_token_url") || !strings.Contains(words, tokenURL) {
			t.Errorf("%s: history does not name the token endpoint it could not reach:\n%s%s%v", c.name, out, errOut, err)
		}
	}
}
