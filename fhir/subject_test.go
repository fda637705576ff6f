package fhir_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"digicheck/fhir"
	"digicheck/fhir/internal/samples"
	"digicheck/questionnaire"
	"digicheck/record"
)

func TestPseudonym(t *testing.T) {
	ins := questionnaire.V1
	key := []byte("digicheck fhir tests: not a site key")
	nhs := record.PatientID{Kind: record.NHSNumber, Value: "9990000018"}

	a, err := fhir.PseudonymSubject(ins, key, nhs)
	if err != nil {
		t.Fatal(err)
	}
	if a.System != fhir.PseudonymSystem(ins) || !strings.HasPrefix(a.System, ins.URL+"/") {
		t.Errorf("system %q is not the pseudonym system under the instrument URL", a.System)
	}
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(a.Value) {
		t.Errorf("pseudonym %q is not 64 hex digits", a.Value)
	}
	if strings.Contains(a.Value, nhs.Value) {
		t.Errorf("pseudonym %q contains the NHS number", a.Value)
	}
	// Same key, same patient: the same pseudonym, so follow-ups link
	// across machines and instrument versions.
	b, _ := fhir.PseudonymSubject(ins, append([]byte(nil), key...), nhs)
	v2 := *ins
	v2.Version = "2"
	c, _ := fhir.PseudonymSubject(&v2, key, nhs)
	if a != b || a != c {
		t.Errorf("pseudonym not stable: %v %v %v", a, b, c)
	}
	// Another key or another patient: another pseudonym.
	other := []byte("another key of the same length..")
	for name, p := range map[string]struct {
		key []byte
		id  record.PatientID
	}{
		"other key":                 {other, nhs},
		"other patient":             {key, record.PatientID{Kind: record.NHSNumber, Value: "9990000026"}},
		"local number, same digits": {key, record.PatientID{Kind: record.LocalID, Value: "9990000018"}},
	} {
		d, err := fhir.PseudonymSubject(ins, p.key, p.id)
		if err != nil || d.Value == a.Value {
			t.Errorf("%s: %v %v gives the same pseudonym", name, d, err)
		}
	}
	if _, err := fhir.PseudonymSubject(ins, key[:fhir.MinKeyLen-1], nhs); !errors.Is(err, fhir.ErrShortKey) {
		t.Errorf("short key: err = %v, want ErrShortKey", err)
	}
	if _, err := fhir.PseudonymSubject(ins, key, record.PatientID{}); !errors.Is(err, fhir.ErrNoSubject) {
		t.Errorf("no patient: err = %v, want ErrNoSubject", err)
	}
}

func TestSubjectFor(t *testing.T) {
	ins := questionnaire.V1
	nhs := record.PatientID{Kind: record.NHSNumber, Value: "9990000018"}
	local := record.PatientID{Kind: record.LocalID, Value: "RX1-004512"}

	s, err := fhir.SubjectFor(ins, nhs, false, samples.Key)
	if err != nil || s.System != fhir.PseudonymSystem(ins) {
		t.Errorf("de-identified NHS number: %v %v, want a pseudonym", s, err)
	}
	s, err = fhir.SubjectFor(ins, local, false, samples.Key)
	if err != nil || s.System != fhir.PseudonymSystem(ins) {
		t.Errorf("de-identified local number: %v %v, want a pseudonym", s, err)
	}
	if _, err := fhir.SubjectFor(ins, nhs, false, nil); !errors.Is(err, fhir.ErrShortKey) {
		t.Errorf("de-identified without a key: err = %v, want ErrShortKey (never fall back to the NHS number)", err)
	}
	s, err = fhir.SubjectFor(ins, nhs, true, nil)
	if err != nil || s != (fhir.Subject{System: fhir.NHSNumberSystem, Value: "9990000018"}) {
		t.Errorf("identifiable NHS number: %v %v", s, err)
	}
	s, err = fhir.SubjectFor(ins, local, true, nil)
	if err != nil || s != (fhir.Subject{Value: "RX1-004512", Local: true}) {
		t.Errorf("identifiable local number: %v %v", s, err)
	}
	if _, err := fhir.SubjectFor(ins, record.PatientID{Kind: "passport", Value: "x"}, true, nil); !errors.Is(err, fhir.ErrNoSubject) {
		t.Errorf("unknown kind: err = %v", err)
	}
	if _, err := fhir.NHSNumberSubject("9990000019"); !errors.Is(err, record.ErrNHSCheckDigit) {
		t.Errorf("bad check digit: err = %v", err)
	}
}

// TestDeidentifiedResponsesHoldNoIdentifier: the default export must not
// carry the NHS number or local number anywhere, and an identifiable one
// carries it as an identifier of the right system.
func TestDeidentifiedResponsesHoldNoIdentifier(t *testing.T) {
	ins := questionnaire.V1
	for _, s := range allSamples(t) {
		p := s.Record.Patient
		subj, err := fhir.SubjectFor(ins, p, false, samples.Key)
		if err != nil {
			t.Fatal(err)
		}
		b, err := responseJSON(s.Record, ins, subj)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), p.Value) {
			t.Errorf("%s: de-identified response contains %s", s.Name, p.Value)
		}
		if id := child(child(decode(t, b), "subject"), "identifier"); str(id, "system") != fhir.PseudonymSystem(ins) {
			t.Errorf("%s: subject %v is not a pseudonym", s.Name, id)
		}

		subj, err = fhir.SubjectFor(ins, p, true, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, err = responseJSON(s.Record, ins, subj)
		if err != nil {
			t.Fatal(err)
		}
		ref := child(decode(t, b), "subject")
		id := child(ref, "identifier")
		if str(ref, "type") != "Patient" || str(id, "value") != p.Value {
			t.Errorf("%s: identifiable subject %v, want %s", s.Name, ref, p.Value)
		}
		switch p.Kind {
		case record.NHSNumber:
			if str(id, "system") != "https://fhir.nhs.uk/Id/nhs-number" || id["type"] != nil {
				t.Errorf("%s: NHS number written as %v", s.Name, id)
			}
		case record.LocalID:
			cs := list(child(id, "type"), "coding")
			if id["system"] != nil || len(cs) != 1 || str(cs[0], "code") != "MR" || str(cs[0], "system") != "http://terminology.hl7.org/CodeSystem/v2-0203" {
				t.Errorf("%s: local number written as %v", s.Name, id)
			}
		}
	}
}

// TestWeakKeysMakeNoPseudonym: an all-zero or patterned key would let
// anyone reverse the pseudonyms by trying every NHS number, so no subject
// is made with one.
func TestWeakKeysMakeNoPseudonym(t *testing.T) {
	nhs := record.PatientID{Kind: record.NHSNumber, Value: "9990000018"}
	for _, key := range [][]byte{make([]byte, 32), []byte("0123456789abcdef0123456789abcdef"), []byte("abababababababababababab")} {
		if _, err := fhir.PseudonymSubject(questionnaire.V1, key, nhs); !errors.Is(err, fhir.ErrWeakKey) {
			t.Errorf("key %q: err = %v, want ErrWeakKey", key, err)
		}
	}
	if err := fhir.CheckKey([]byte("digicheck fhir tests: not a site key")); err != nil {
		t.Errorf("a good key refused: %v", err)
	}
}
