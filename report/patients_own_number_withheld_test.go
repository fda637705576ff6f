package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// ownNumber finds the patients' local numbers RX12345 and RX-777 in any
// case, spaced or dashed.
var ownNumber = regexp.MustCompile(`(?i)rx[ -]?1[ -]?2[ -]?3[ -]?4[ -]?5|rx-?777`)

// recordsWithTheirOwnNumber are records kept before the team and language
// boxes refused the patient's own local number: the team is the
// patient's number (as the clinician typed it one box too late), and
// the interpreter's language holds it, one of them at its 40 characters.
func recordsWithTheirOwnNumber(t *testing.T) []record.Record {
	t.Helper()
	long := "Tigrinya (Eritrean), see notes rx 12345" // 39 characters
	var rs []record.Record
	for i, lang := range []string{"Tigrinya RX12345", long, "Tigrinya RX12345 on calls"} {
		a := questionnaire.Answers{questionnaire.LinkLanguage: {lang}}
		r := testkit.Assessed(t, testkit.Interpreter(a))
		if i == 1 {
			r = testkit.AssessedV2(t, testkit.Interpreter(a))
		}
		r.Patient = record.PatientID{Kind: record.LocalID, Value: "RX12345"}
		r.Team = []string{"RX12345", "Ward rx-12345", "RX12345"}[i]
		rs = append(rs, r)
	}
	// A local number kept with a dash, typed without it.
	r := testkit.Assessed(t, testkit.Interpreter(questionnaire.Answers{questionnaire.LinkLanguage: {"Farsi rx777"}}))
	r.Patient = record.PatientID{Kind: record.LocalID, Value: "RX-777"}
	r.Team = "Ward RX777"
	return append(rs, r)
}

// TestAPseudonymisedExportWithholdsThePatientsOwnLocalNumber: a record
// whose team was the patient's own local number ("RX12345") and whose
// language held it ("Tigrinya RX12345") went out in the pseudonymised CSV,
// NDJSON and FHIR exports as it was kept, beside the patient's pseudonym.
// The record knows its patient: that identifier is written "[withheld]"
// wherever the free text holds it, and the export still reads back (an
// answer at its limit is cut short rather than made longer than its
// question takes). The identifiable export keeps the record as it is.
func TestAPseudonymisedExportWithholdsThePatientsOwnLocalNumber(t *testing.T) {
	t.Parallel()
	st := storeOf(t, recordsWithTheirOwnNumber(t))
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
				if !ownNumber.MatchString(out) {
					t.Errorf("%s identifiable: the record is not written as it is kept", f)
				}
				continue
			}
			if m := ownNumber.FindAllString(out, -1); len(m) > 0 {
				t.Errorf("%s pseudonymised writes the patient's own number %d times: %q", f, len(m), m[0])
			}
			if !strings.Contains(out, "Tigrinya "+record.NumberWithheld) {
				t.Errorf("%s pseudonymised does not write the language with the number withheld", f)
			}
			if strings.Contains(out, record.NumberWithheld+"n calls") {
				t.Errorf("%s pseudonymised eats the word after the number", f)
			}
			if f != FormatFHIR && !strings.Contains(out, "Ward "+record.NumberWithheld) {
				t.Errorf("%s pseudonymised does not write the team with the number withheld", f)
			}
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

// TestTheSummaryNamesNoTeamByThePatientsOwnNumber: the summary that is
// safe to share laid out a team row named "RX12345", a patient's local
// number typed as the team. A team that held its record's patient's own
// number is named with it withheld ("[withheld]", "Ward [withheld]"), in
// every form the summary is written in, with or without disclosure
// control; a summary of the pseudonymised export names it the same.
func TestTheSummaryNamesNoTeamByThePatientsOwnNumber(t *testing.T) {
	t.Parallel()
	rs := recordsWithTheirOwnNumber(t)
	for i := range 6 {
		r := testkit.Assessed(t, testkit.Interpreter(nil))
		r.Team = "Ward 5"
		r.Patient = record.PatientID{Kind: record.LocalID, Value: "RX2000" + string(rune('0'+i))}
		rs = append(rs, r)
	}
	// Made last month: with disclosure control a summary's rows are named
	// by the assessments of its span, which ends with the last month
	// that has ended (docs/disclosure.md, rule 6).
	lastMonth := PeriodStart(time.Now(), Month, time.UTC).AddDate(0, 0, -10)
	for i := range rs {
		rs[i].Time = lastMonth.Add(time.Duration(i) * time.Minute)
	}
	st := storeOf(t, rs)
	var csvExport bytes.Buffer
	if _, err := ExportCSV(&csvExport, st, ExportOptions{Key: testKey}); err != nil {
		t.Fatal(err)
	}
	for _, from := range []string{"store", "pseudonymised CSV"} {
		for _, exact := range []bool{false, true} {
			in := &Inputs{}
			var err error
			if from == "store" {
				err = in.AddStore(st)
			} else {
				err = in.AddCSV(bytes.NewReader(csvExport.Bytes()), "x.csv")
			}
			if err != nil {
				t.Fatal(err)
			}
			s, err := in.Summarise(Options{By: Month, Exact: exact, Location: time.UTC})
			if err != nil {
				t.Fatalf("%s: %v", from, err)
			}
			var out bytes.Buffer
			if err := s.WriteTableWidth(&out, nil, 200); err != nil {
				t.Fatal(err)
			}
			if err := s.WriteMarkdown(&out, nil); err != nil {
				t.Fatal(err)
			}
			if err := s.WriteCSV(&out); err != nil {
				t.Fatal(err)
			}
			if err := s.WriteJSON(&out); err != nil {
				t.Fatal(err)
			}
			what := from + map[bool]string{true: ", exact", false: ""}[exact]
			if m := ownNumber.FindAllString(out.String(), -1); len(m) > 0 {
				t.Errorf("%s: the summary writes the patient's own number %d times: %q", what, len(m), m[0])
			}
			for _, team := range []string{record.NumberWithheld, "Ward " + record.NumberWithheld, "Ward 5"} {
				if !strings.Contains(out.String(), team) {
					t.Errorf("%s: no team row %q:\n%s", what, team, out.String())
				}
			}
		}
	}
}
