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

// TestAServerWhoseOnlyResponseIsLeftOutIsNeverSaidToHoldNone: history and
// followup against a server whose only response for the patient carries
// no record that can be read said "left out: QuestionnaireResponse/ID"
// and, just below, "no assessments for patient ... on the FHIR server":
// a clinician could take the patient for never assessed. They now say the
// server holds a response of the patient's that could not be read, and to
// tell IT before starting a new assessment, as for a record not taken in.
func TestAServerWhoseOnlyResponseIsLeftOutIsNeverSaidToHoldNone(t *testing.T) {
	t.Parallel()
	nhs := strings.ReplaceAll(testkit.NHSNumber, " ", "")
	// digicheck's record extension, holding no record; and another
	// form's response of the patient, which is none of digicheck's and
	// no cause for alarm.
	qr := fmt.Sprintf(`{"resourceType":"QuestionnaireResponse","id":"unreadable","meta":{"versionId":"1","lastUpdated":"2026-12-04T10:00:00Z"},"status":"completed","extension":[{"url":"https://digicheck.invalid/fhir/StructureDefinition/digicheck-record","valueString":"{broken"}],"subject":{"identifier":{"system":%q,"value":%q}}}`, fhir.NHSNumberSystem, nhs)
	other := fmt.Sprintf(`{"resourceType":"QuestionnaireResponse","id":"another-form","meta":{"versionId":"1","lastUpdated":"2026-12-04T10:00:00Z"},"status":"completed","subject":{"identifier":{"system":%q,"value":%q}}}`, fhir.NHSNumberSystem, nhs)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintf(w, `{"resourceType":"Bundle","type":"searchset","entry":[{"resource":%s},{"resource":%s}]}`, qr, other)
	}))
	defer srv.Close()
	for _, cmd := range []string{"history", "followup"} {
		a := &app{settings: site.Settings{DB: filepath.Join(t.TempDir(), "digicheck.db"), Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.URL + "/fhir"}}}}
		mk := (*app).historyCmd
		if cmd == "followup" {
			mk = (*app).followupCmd
		}
		_, stderr, err := execute(a, mk, "", testkit.NHSNumber)
		said := strings.Join(strings.Fields(stderr+" "+errText(err)), " ")
		if !strings.Contains(said, "left out: QuestionnaireResponse/unreadable") {
			t.Fatalf("%s does not leave the response out:\n%s", cmd, said)
		}
		if err == nil || strings.Contains(said, "no assessments for patient") || strings.Contains(said, "has no earlier assessment") {
			t.Errorf("%s says the server holds no assessments, or nothing at all (%v):\n%s", cmd, err, said)
		}
		if !strings.Contains(said, "1 response of the patient's that could not be read") || !strings.Contains(said, "tell IT") {
			t.Errorf("%s does not say the server holds a response it could not read, and to tell IT:\n%s", cmd, said)
		}
	}
}
