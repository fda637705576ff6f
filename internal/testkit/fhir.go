package testkit

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"digicheck/fhirclient"
	"digicheck/questionnaire"
	"digicheck/record"
)

// AgeOnServer edits on the FHIR server c speaks to the response of
// assessment id as anyone with the server's API can (read it, change it,
// PUT it back, accepted there as any update): the age band of the
// digicheck record the response carries becomes inRecord, and, unless
// inItems is "", the age band its own answer items give becomes inItems
// (the code changed and its display dropped, wherever in the items it
// is). It returns the response as it was before the edit. A response with
// no age band item, when inItems is given, or one the server refuses,
// fails the test.
func AgeOnServer(tb testing.TB, c *fhirclient.Client, id record.ID, inRecord, inItems string) json.RawMessage {
	tb.Helper()
	ctx := context.Background()
	res, err := c.Read(ctx, "QuestionnaireResponse", id.String())
	if err != nil {
		tb.Fatal(err)
	}
	var qr map[string]any
	if err := json.Unmarshal(res.JSON, &qr); err != nil {
		tb.Fatal(err)
	}
	for _, e := range qr["extension"].([]any) {
		e := e.(map[string]any)
		if !strings.HasSuffix(e["url"].(string), "/StructureDefinition/digicheck-record") {
			continue
		}
		var r record.Record
		if err := json.Unmarshal([]byte(e["valueString"].(string)), &r); err != nil {
			tb.Fatal(err)
		}
		r.Answers[questionnaire.LinkAgeBand] = []string{inRecord}
		b, err := json.Marshal(r)
		if err != nil {
			tb.Fatal(err)
		}
		e["valueString"] = string(b)
	}
	if inItems != "" {
		found := false
		var walk func(items []any)
		walk = func(items []any) {
			for _, it := range items {
				it := it.(map[string]any)
				if it["linkId"] == questionnaire.LinkAgeBand {
					coding := it["answer"].([]any)[0].(map[string]any)["valueCoding"].(map[string]any)
					coding["code"] = inItems
					delete(coding, "display")
					found = true
				}
				if sub, ok := it["item"].([]any); ok {
					walk(sub)
				}
			}
		}
		walk(qr["item"].([]any))
		if !found {
			tb.Fatalf("the response has no %s item: %s", questionnaire.LinkAgeBand, res.JSON)
		}
	}
	delete(qr, "meta")
	b, err := json.Marshal(qr)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := c.Transaction(ctx, []fhirclient.Put{{Type: "QuestionnaireResponse", ID: id.String(), Resource: b}}); err != nil {
		tb.Fatalf("the server refused the edited response: %v", err)
	}
	return res.JSON
}
