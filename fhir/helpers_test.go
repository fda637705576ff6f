package fhir_test

import (
	"encoding/json"
	"testing"

	"digicheck/fhir"
	"digicheck/fhir/internal/samples"
	"digicheck/questionnaire"
	"digicheck/record"
)

// The tests read the output back as plain JSON, not through the package's
// own types, so they check what a receiver sees, and a field renamed in a
// struct tag shows up as a failure.
type obj = map[string]any

func decode(t *testing.T, b []byte) obj {
	t.Helper()
	var m obj
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("output is not a JSON object: %v\n%s", err, b)
	}
	return m
}

func str(m obj, key string) string {
	s, _ := m[key].(string)
	return s
}

func list(m obj, key string) []obj {
	raw, _ := m[key].([]any)
	out := make([]obj, 0, len(raw))
	for _, r := range raw {
		o, _ := r.(obj)
		out = append(out, o)
	}
	return out
}

func child(m obj, key string) obj {
	o, _ := m[key].(obj)
	return o
}

// The R4 value sets the tests check codes against, from the R4
// specification (required bindings).
var (
	publicationStatus = set("draft", "active", "retired", "unknown")
	answersStatus     = set("in-progress", "completed", "amended", "entered-in-error", "stopped")
	// item-type without the abstract "question".
	itemTypes = set("group", "display", "boolean", "decimal", "integer", "date", "dateTime",
		"time", "string", "text", "url", "choice", "open-choice", "attachment", "reference", "quantity")
	enableOperators = set("exists", "=", "!=", ">", "<", ">=", "<=")
	enableBehaviors = set("all", "any")
)

func set(s ...string) map[string]bool {
	m := map[string]bool{}
	for _, v := range s {
		m[v] = true
	}
	return m
}

func questionnaireJSON(t *testing.T, ins *questionnaire.Instrument) obj {
	t.Helper()
	b, err := fhir.Questionnaire(ins)
	if err != nil {
		t.Fatalf("Questionnaire: %v", err)
	}
	return decode(t, b)
}

// qIndex is every Questionnaire item by linkId, with the linkId of the
// item it is nested in.
type qEntry struct {
	item   obj
	parent string
}

func indexItems(items []obj, parent string, into map[string]qEntry, dup func(string)) {
	for _, it := range items {
		id := str(it, "linkId")
		if _, ok := into[id]; ok {
			dup(id)
		}
		into[id] = qEntry{it, parent}
		indexItems(list(it, "item"), id, into, dup)
	}
}

func allSamples(t *testing.T) []samples.Sample {
	t.Helper()
	all, err := samples.All()
	if err != nil {
		t.Fatalf("samples: %v", err)
	}
	return all
}

// responseJSON is the QuestionnaireResponse that Resources writes first
// for r, as an export or a push with no site options writes it.
func responseJSON(r record.Record, ins *questionnaire.Instrument, subj fhir.Subject) ([]byte, error) {
	res, err := fhir.Resources(fhir.Version{Record: r}, ins, subj, fhir.ResponseOptions{})
	if err != nil {
		return nil, err
	}
	return res[0].JSON, nil
}

// response writes a sample's response with the subject an export would use.
func response(t *testing.T, s samples.Sample) obj {
	t.Helper()
	subj, err := fhir.SubjectFor(questionnaire.V1, s.Record.Patient, s.Identifiable, samples.Key)
	if err != nil {
		t.Fatalf("%s: SubjectFor: %v", s.Name, err)
	}
	b, err := responseJSON(s.Record, questionnaire.V1, subj)
	if err != nil {
		t.Fatalf("%s: response: %v", s.Name, err)
	}
	return decode(t, b)
}

func samplesIncluded(change questionnaire.Answers) questionnaire.Answers {
	return samples.Included(change)
}
