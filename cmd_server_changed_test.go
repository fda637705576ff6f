package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// changeAgeOnServer edits on the FHIR server at base the response of
// assessment id as a user with the server's API can (read it, change it,
// PUT it back): the age band of the record it carries becomes inRecord,
// and, if inItems is not "", the age band of its own answer items too.
func changeAgeOnServer(t *testing.T, base string, id record.ID, inRecord, inItems string) {
	t.Helper()
	ctx := context.Background()
	c, err := fhirclient.New(fhirclient.Config{Base: base, Timeout: 20 * time.Second, Attempts: 2})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Read(ctx, "QuestionnaireResponse", id.String())
	if err != nil {
		t.Fatal(err)
	}
	var qr map[string]any
	if err := json.Unmarshal(res.JSON, &qr); err != nil {
		t.Fatal(err)
	}
	for _, e := range qr["extension"].([]any) {
		e := e.(map[string]any)
		if !strings.HasSuffix(e["url"].(string), "/StructureDefinition/digicheck-record") {
			continue
		}
		var r record.Record
		if err := json.Unmarshal([]byte(e["valueString"].(string)), &r); err != nil {
			t.Fatal(err)
		}
		r.Answers[questionnaire.LinkAgeBand] = []string{inRecord}
		b, _ := json.Marshal(r)
		e["valueString"] = string(b)
	}
	if inItems != "" {
		for _, g := range qr["item"].([]any) {
			for _, it := range g.(map[string]any)["item"].([]any) {
				if it := it.(map[string]any); it["linkId"] == questionnaire.LinkAgeBand {
					coding := it["answer"].([]any)[0].(map[string]any)["valueCoding"].(map[string]any)
					coding["code"], coding["display"] = inItems, inItems
				}
			}
		}
	}
	delete(qr, "meta")
	b, _ := json.Marshal(qr)
	if _, err := c.Transaction(ctx, []fhirclient.Put{{Type: "QuestionnaireResponse", ID: id.String(), Resource: b}}); err != nil {
		t.Fatalf("the server refused the edited response: %v", err)
	}
}

// TestAServerSummaryNamesAResponseChangedOnTheServerAndFails: two QI leads
// summarising one server published different counts, unmarked. A
// response changed on the server under the same record id was dropped
// without a word by a machine that had read it before; one whose carried
// record was changed and its own answers not was counted by a machine
// with no cache as the record said. Each is now named as left out, the
// summary carries the DAMAGED caveat, and it fails, on either machine.
func TestAServerSummaryNamesAResponseChangedOnTheServerAndFails(t *testing.T) {
	t.Parallel()
	srv := fhirserver.Start(t)
	made, err := store.Open(filepath.Join(t.TempDir(), "made.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []record.ID
	for _, nhs := range []string{"9990000018", "9990000026", "9990000034"} {
		r := testkit.Assessed(t, testkit.Offline(questionnaire.Answers{questionnaire.LinkAgeBand: {"16-24"}}))
		if r.Patient, err = record.ParsePatientID(nhs); err != nil {
			t.Fatal(err)
		}
		if err := made.Save(&r); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	pushWith(t, srv.Base, made)
	summary := func(db string) (string, string, error) {
		a := &app{settings: site.Settings{DB: db}}
		return execute(a, (*app).summaryCmd, "", "--server", srv.Base, "--exact", "--format", "csv")
	}
	cached := filepath.Join(t.TempDir(), "real.db")
	if _, stderr, err := summary(cached); err != nil {
		t.Fatalf("the first summary of the server: %v\n%s", err, stderr)
	}
	changeAgeOnServer(t, srv.Base, ids[0], "75+", "")    // the record alone
	changeAgeOnServer(t, srv.Base, ids[1], "75+", "75+") // record and answers alike

	for _, m := range []struct {
		name  string
		db    string
		named []record.ID
	}{
		{"a machine that read the server before", cached, ids[:2]},
		// The second was never read here: nothing says it changed.
		{"a machine with no cache", filepath.Join(t.TempDir(), "fresh", "x.db"), ids[:1]},
	} {
		stdout, stderr, err := summary(m.db)
		if err == nil {
			t.Errorf("%s: the summary exits 0:\n%s", m.name, stderr)
		}
		flat := strings.Join(strings.Fields(stdout), " ")
		for _, w := range []string{"could not be kept here", map[int]string{1: "1 record version", 2: "2 record versions"}[len(m.named)]} {
			if !strings.Contains(flat, w) {
				t.Errorf("%s: the summary does not say %q; its caveats:\n%s", m.name, w, caveats(stdout))
			}
		}
		said := strings.Join(strings.Fields(stderr), " ")
		for _, id := range m.named {
			if !strings.Contains(said, "left out: QuestionnaireResponse/"+id.String()) {
				t.Errorf("%s: QuestionnaireResponse/%s is not named as left out:\n%s", m.name, id, stderr)
			}
		}
		if !strings.Contains(said, "equity.age is [\"75+\"] in the record and [\"16-24\"] in the response's answers") {
			t.Errorf("%s: the response whose record contradicts its answers is not said as such:\n%s", m.name, stderr)
		}
	}
}

// caveats is the lines of a summary that say what it could not count.
func caveats(out string) string {
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		if low := strings.ToLower(l); strings.Contains(low, "damaged") || strings.Contains(low, "kept") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}
