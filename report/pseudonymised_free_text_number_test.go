package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// TestAPseudonymisedExportWritesNoPatientNumberKeptInFreeText: a record
// kept before the language and team boxes refused a patient's number
// ("Kurdish CN 999 000 0034" as the interpreter's language, "Ward 7 re 401
// 023 2137" as the team) was written as it was in the pseudonymised CSV,
// NDJSON and FHIR exports: identifiable data sent as de-identified. Each
// such run of digits is now written "[withheld]", in the answers,
// the team and the adjustments that name the language, so the language
// and the team still say what they did; the identifiable export keeps the
// record as it is.
func TestAPseudonymisedExportWritesNoPatientNumberKeptInFreeText(t *testing.T) {
	t.Parallel()
	lang := questionnaire.Answers{questionnaire.LinkLanguage: {"Kurdish CN 999 000 0034"}}
	v1 := testkit.Assessed(t, testkit.Interpreter(lang))
	v2 := testkit.AssessedV2(t, testkit.Interpreter(lang))
	for _, r := range []*record.Record{&v1, &v2} {
		r.Team = "Ward 7 re 401 023 2137"
		r.Patient = record.PatientID{Kind: record.LocalID, Value: "RX12345"}
	}
	if !strings.Contains(v2.Answers.One(questionnaire.LinkLanguage), "0034") {
		t.Fatalf("version 2's other language is %q", v2.Answers.One(questionnaire.LinkLanguage))
	}
	st := storeOf(t, []record.Record{v1, v2})
	number := regexp.MustCompile(`999[ -]?000[ -]?0034|401[ -]?023[ -]?2137`)
	for _, f := range []string{FormatCSV, FormatNDJSON, FormatFHIR} {
		for _, identifiable := range []bool{false, true} {
			var b bytes.Buffer
			o := ExportOptions{Key: testKey, Identifiable: identifiable}
			var err error
			switch f {
			case FormatCSV:
				_, err = ExportCSV(&b, st, o)
			case FormatNDJSON:
				_, err = ExportNDJSON(&b, st, o)
			case FormatFHIR:
				_, err = ExportFHIR(&b, st, o)
			}
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			out := b.String()
			if identifiable {
				if !number.MatchString(out) {
					t.Errorf("%s identifiable: the record is not written as it is kept", f)
				}
				continue
			}
			if m := number.FindAllString(out, -1); len(m) > 0 {
				t.Errorf("%s pseudonymised writes %d patient number(s): %q", f, len(m), m)
			}
			if !strings.Contains(out, "Kurdish CN "+record.NumberWithheld) {
				t.Errorf("%s pseudonymised does not write the language with the number withheld", f)
			}
			if f != FormatFHIR && !strings.Contains(out, "Ward 7 re "+record.NumberWithheld) {
				t.Errorf("%s pseudonymised does not write the team with the number withheld", f)
			}
			// The export still reads back, as a summary of it does.
			d := &Inputs{}
			switch f {
			case FormatCSV:
				err = d.AddCSV(bytes.NewReader(b.Bytes()), "x.csv")
			case FormatNDJSON:
				err = d.AddNDJSON(bytes.NewReader(b.Bytes()), "x.ndjson")
			}
			if err != nil {
				t.Errorf("%s pseudonymised does not read back: %v", f, err)
			}
		}
	}
}
