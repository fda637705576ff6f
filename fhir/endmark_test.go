package fhir

import (
	"strings"
	"testing"
)

// TestOnlyTheEndMarkIsReadAsOne: the end mark is known by its id and its
// count, read back as written under any base; an OperationOutcome written
// for an unreadable version, or any other resource, is not an end mark.
func TestOnlyTheEndMarkIsReadAsOne(t *testing.T) {
	for _, s := range []Site{{}, {Base: "https://fhir.example-trust.nhs.uk/digicheck"}} {
		for _, n := range []int{0, 1, 1609} {
			b, err := EndOfExport(s, n, n/8, "cad21daa662cd2b063c897f985b324c9", "")
			if err != nil {
				t.Fatal(err)
			}
			if got, ok := EndMarkCount(b); !ok || got != n {
				t.Errorf("base %q: the mark of %d resources read as %d, %v: %s", s.Base, n, got, ok, b)
			}
			if strings.Contains(string(b), "\n") {
				t.Errorf("the mark is more than one line: %q", b)
			}
		}
	}
	if b, _ := EndOfExport(Site{}, 1, 1, "00", ""); !strings.Contains(string(b), `"text":"end of export: 1 resource above, 1 of them a QuestionnaireResponse (an assessment)"`) {
		t.Errorf("one resource: %s", b)
	}
	unreadable, err := Unreadable(Site{}, "01957a3c-0000-7000-8000-000000000001", "01957a3c-0000-7000-8000-000000000001", "cannot be read", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{string(unreadable), `{"resourceType":"QuestionnaireResponse","id":"end-of-export-00"}`, `{"resourceType":"OperationOutcome","id":"end-of-export-00"}`, `not json`, ``} {
		if _, ok := EndMarkCount([]byte(line)); ok {
			t.Errorf("read as an end mark: %s", line)
		}
	}
}
