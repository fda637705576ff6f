package report

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// TestASummaryByPostcodeDistrictSaysItsRowsTellWhereNoneWereCounted:
// rows by postcode district are laid out from the districts the span's
// counted assessments name (rule 6), so in a single month a district
// without a row had nobody from there, and one with a row, all *, at
// least one; docs/disclosure.md said that zeros being * too, "nobody in
// this category" cannot be read off a published table. Every output of
// a summary under disclosure control with rows by district now says
// what their layout tells (the CSV in its first row's caveat), and the
// docs say it where they said the opposite. Exact counts say nothing of
// it: they show zeros.
func TestASummaryByPostcodeDistrictSaysItsRowsTellWhereNoneWereCounted(t *testing.T) {
	next := 0
	var rs []record.Record
	rs = append(rs, bulk(t, &next, 40, fixture{day: "2026-03-04", team: "Ward 7",
		answers: questionnaire.Answers{questionnaire.LinkPostcodeDistrict: {"LS1"}}})...)
	rs = append(rs, bulk(t, &next, 1, fixture{day: "2026-03-05", team: "Ward 7",
		answers: questionnaire.Answers{questionnaire.LinkPostcodeDistrict: {"LS17"}}})...)
	in := datasetOf(t, rs)
	const says = "a district without a row had none counted"
	for _, exact := range []bool{false, true} {
		s := summarise(t, in, Options{By: Month, From: day(t, "2026-03-01"), To: day(t, "2026-03-31"), Exact: exact})
		var table, csv, md, js bytes.Buffer
		if err := s.WriteTableWidth(&table, nil, 200); err != nil {
			t.Fatal(err)
		}
		if err := s.WriteCSV(&csv); err != nil {
			t.Fatal(err)
		}
		if err := s.WriteMarkdown(&md, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.WriteJSON(&js); err != nil {
			t.Fatal(err)
		}
		firstRow := strings.SplitN(csv.String(), "\n", 3)[1]
		for name, out := range map[string]string{"table": table.String(), "csv": firstRow, "markdown": md.String(), "json": js.String()} {
			out = strings.Join(strings.Fields(out), " ")
			if told := strings.Contains(out, says); told == exact {
				t.Errorf("exact %v, %s: says %q %v, want %v:\n%.2000s", exact, name, says, told, !exact, out)
			}
		}
	}
	doc, err := os.ReadFile("../docs/disclosure.md")
	if err != nil {
		t.Fatal(err)
	}
	_, small, _ := strings.Cut(string(doc), "**Small teams' tables.**")
	small, _, _ = strings.Cut(small, "\n- ")
	if small = strings.Join(strings.Fields(small), " "); !strings.Contains(small, "postcode district") {
		t.Errorf("docs/disclosure.md's \"Small teams' tables\" still says nobody in a category cannot be read off a table, without the exception of postcode districts: %s", small)
	}
}
