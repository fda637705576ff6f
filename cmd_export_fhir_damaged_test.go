package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// A FHIR export of a damaged store named the records it could not read on
// standard error only: its stream held no word of them, nor of the
// damage, where an NDJSON export's has an unreadable line for each and a
// damaged_store mark on every line. A pipeline reading the FHIR stream
// now tells from it alone: an OperationOutcome in the place of each
// record left out, naming it, and on every resource a meta tag saying the
// store was damaged.
func TestAFHIRExportOfADamagedStoreSaysSoInTheStream(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 40)
	zeroRecordsLeaf(t, path, 2)
	out, stderr, err := runStoreCmd(t, path, (*app).exportCmd, "--format", "fhir", "--identifiable")
	if err == nil || !strings.Contains(err.Error(), "could not be read, written as unreadable") {
		t.Fatalf("FHIR export of a store with a lost page = %v; want it to fail, naming what it left out\n%s", err, stderr)
	}
	var named []string
	for _, l := range strings.Split(stderr, "\n") {
		if rest, ok := strings.CutPrefix(l, "unreadable: record "); ok {
			named = append(named, strings.SplitN(rest, ":", 2)[0])
		}
	}
	if len(named) == 0 || len(named) == len(rs) {
		t.Fatalf("standard error names %d of %d records left out; want those of the lost page", len(named), len(rs))
	}
	var outcomes []string
	responses := 0
	for n, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var v struct {
			ResourceType string `json:"resourceType"`
			ID           string `json:"id"`
			Meta         struct {
				Tag []struct{ System, Code, Display string } `json:"tag"`
			} `json:"meta"`
			Issue []struct {
				Severity    string `json:"severity"`
				Diagnostics string `json:"diagnostics"`
			} `json:"issue"`
		}
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("line %d is not JSON (%v): %.80s", n+1, err, l)
		}
		if !slices.ContainsFunc(v.Meta.Tag, func(c struct{ System, Code, Display string }) bool {
			return c.Code == "damaged-store" && strings.Contains(c.Display, "cannot be read")
		}) {
			t.Errorf("line %d (%s %s) carries no damaged-store tag saying why: %+v", n+1, v.ResourceType, v.ID, v.Meta.Tag)
		}
		if _, end := testkit.EndMarkCount([]byte(l)); end {
			continue // the end mark, tagged as every line is
		}
		switch v.ResourceType {
		case "OperationOutcome":
			id, _ := strings.CutPrefix(v.ID, "unreadable-")
			outcomes = append(outcomes, id)
			if len(v.Issue) != 1 || v.Issue[0].Severity != "error" || !strings.Contains(v.Issue[0].Diagnostics, "QuestionnaireResponse/") {
				t.Errorf("the outcome of %s does not say which response it leaves in doubt: %+v", id, v.Issue)
			}
		case "QuestionnaireResponse":
			responses++
		}
	}
	slices.Sort(named)
	if !slices.Equal(outcomes, named) {
		t.Errorf("the stream has an OperationOutcome for %v; want one for each record left out, %v", outcomes, named)
	}
	if responses != len(rs)-len(named) {
		t.Errorf("the stream has %d responses; want the %d readable records'", responses, len(rs)-len(named))
	}
}
