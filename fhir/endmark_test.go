package fhir_test

import (
	"strings"
	"testing"
	"time"

	"digicheck/fhir"
	"digicheck/internal/testkit"
)

// TestOnlyTheEndMarkIsReadAsOne: the end mark is known by its id and its
// count, read back as written under any base; an OperationOutcome written
// for an unreadable version, or any other resource, is not an end mark.
func TestOnlyTheEndMarkIsReadAsOne(t *testing.T) {
	for _, s := range []fhir.Site{{}, {Base: "https://fhir.example-trust.nhs.uk/digicheck"}} {
		for _, n := range []int{0, 1, 1609} {
			b, err := fhir.EndOfExport(s, n, n/8, "cad21daa662cd2b063c897f985b324c9", "", fhir.ExportSpan{})
			if err != nil {
				t.Fatal(err)
			}
			if got, ok := testkit.EndMarkCount(b); !ok || got != n {
				t.Errorf("base %q: the mark of %d resources read as %d, %v: %s", s.Base, n, got, ok, b)
			}
			if strings.Contains(string(b), "\n") {
				t.Errorf("the mark is more than one line: %q", b)
			}
		}
	}
	if b, _ := fhir.EndOfExport(fhir.Site{}, 1, 1, "00", "", fhir.ExportSpan{}); !strings.Contains(string(b), `"text":"end of export: 1 resource above, 1 of them a QuestionnaireResponse (an assessment)"`) {
		t.Errorf("one resource: %s", b)
	}
	unreadable, err := fhir.Unreadable(fhir.Site{}, "01957a3c-0000-7000-8000-000000000001", "01957a3c-0000-7000-8000-000000000001", "cannot be read", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{string(unreadable), `{"resourceType":"QuestionnaireResponse","id":"end-of-export-00"}`, `{"resourceType":"OperationOutcome","id":"end-of-export-00"}`, `not json`, ``} {
		if _, ok := testkit.EndMarkCount([]byte(line)); ok {
			t.Errorf("read as an end mark: %s", line)
		}
	}
}

// TestTheEndMarkCarriesTheExportsSpan: the mark says what the export
// covers (from the start of its first day, up to the end of its --to's
// day or its making, and when it was made), as a Period and a dateTime
// read back as written, in any zone, and in its words; its count is
// read as before, and a mark with no span (an earlier build's) has none.
func TestTheEndMarkCarriesTheExportsSpan(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	spans := []fhir.ExportSpan{
		{From: time.Date(2026, 1, 1, 0, 0, 0, 0, london), To: time.Date(2026, 6, 16, 0, 0, 0, 0, london), Made: time.Date(2026, 10, 2, 14, 5, 6, 0, london)},
		{To: time.Date(2026, 6, 14, 17, 30, 0, 0, time.UTC), Made: time.Date(2026, 6, 14, 17, 30, 0, 0, time.UTC)},
	}
	for _, sp := range spans {
		b, err := fhir.EndOfExport(fhir.Site{}, 7, 3, "00", "", sp)
		if err != nil {
			t.Fatal(err)
		}
		if n, ok := testkit.EndMarkCount(b); !ok || n != 7 {
			t.Errorf("the count of a mark with its span read as %d, %v: %s", n, ok, b)
		}
		got, ok := testkit.EndMarkSpan(b)
		if !ok || !got.From.Equal(sp.From) || !got.To.Equal(sp.To) || !got.Made.Equal(sp.Made) {
			t.Errorf("the span %v read back as %v, %v: %s", sp, got, ok, b)
		}
		if !strings.Contains(string(b), fhir.SpanWords(sp)) {
			t.Errorf("the mark does not say its span in words (%q): %s", fhir.SpanWords(sp), b)
		}
		if w, ok := fhir.ReadSpanWords("end of export: 7 resources above, 3 of them QuestionnaireResponses (assessments); " + fhir.SpanWords(sp)); !ok || !w.From.Equal(sp.From) || !w.To.Equal(sp.To) || !w.Made.Equal(sp.Made) {
			t.Errorf("the words %q read back as %v, %v", fhir.SpanWords(sp), w, ok)
		}
	}
	if !spans[0].Cut() || spans[1].Cut() {
		t.Error("a span ended by --to before the export was made is cut; one ended by its making is not")
	}
	old, _ := fhir.EndOfExport(fhir.Site{}, 7, 3, "00", "", fhir.ExportSpan{})
	if _, ok := testkit.EndMarkSpan(old); ok {
		t.Errorf("a mark with no span read as having one: %s", old)
	}
	if _, ok := fhir.ReadSpanWords("end of export: 7 records above"); ok {
		t.Error("words with no span read as a span")
	}
}
