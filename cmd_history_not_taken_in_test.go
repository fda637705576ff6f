package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/fhir"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/site"
	"digicheck/store"
)

// TestHistoryOfARecordNotTakenInSaysSoAndNeverNoAssessments: a record read
// from the server and refused here (its bands are not those its answers
// give) was said to differ "from this machine's", on a machine holding
// none, and history then said "no assessments ... on the FHIR server",
// which holds one: a clinician could take the patient for never assessed
// and start a new baseline. It now says the record is not kept here and
// why, and that the server's record versions were read and not taken in.
func TestHistoryOfARecordNotTakenInSaysSoAndNeverNoAssessments(t *testing.T) {
	t.Parallel()
	r := testkit.Assessed(t, testkit.Offline(nil))
	made, err := store.Open(filepath.Join(t.TempDir(), "made.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := made.Save(&r); err != nil {
		t.Fatal(err)
	}
	if r.Result.Bands.Trust == questionnaire.NoBarrier {
		r.Result.Bands.Trust = questionnaire.SignificantBarrier
	} else {
		r.Result.Bands.Trust = questionnaire.NoBarrier
	}
	ins, _ := questionnaire.Lookup(r.InstrumentVersion)
	subj, err := fhir.SubjectFor(ins, r.Patient, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := fhir.Resources(fhir.Version{Record: r, Root: r.ID}, ins, subj, fhir.ResponseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var qr json.RawMessage
	for _, x := range res {
		if x.Type == "QuestionnaireResponse" {
			var m map[string]any
			if err := json.Unmarshal(x.JSON, &m); err != nil {
				t.Fatal(err)
			}
			m["meta"] = map[string]any{"versionId": "1", "lastUpdated": "2026-12-04T10:00:00Z"}
			qr, _ = json.Marshal(m)
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintf(w, `{"resourceType":"Bundle","type":"searchset","entry":[{"resource":%s}]}`, qr)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "digicheck.db")
	a := &app{settings: site.Settings{DB: db, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.URL + "/fhir"}}}}
	_, stderr, err := execute(a, (*app).historyCmd, "", testkit.NHSNumber)
	said := strings.Join(strings.Fields(stderr+" "+errText(err)), " ")
	if strings.Contains(said, "differs from this machine's") {
		t.Errorf("a record not kept on a machine holding none is said to differ from this machine's:\n%s", said)
	}
	if err == nil || strings.Contains(said, "no assessments for patient") {
		t.Errorf("history says the server holds no assessments, or nothing at all (%v):\n%s", err, said)
	}
	if !strings.Contains(said, "bands are not those") || !strings.Contains(said, "not taken in") {
		t.Errorf("history does not say the server's record was read and not taken in, and why:\n%s", said)
	}
}
