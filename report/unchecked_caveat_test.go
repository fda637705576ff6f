package report

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// An export with no end mark (made by an earlier build, or its end_mark
// column and last row taken out in a spreadsheet) cannot be checked whole:
// a file cut short at a line's end reads as whole. The summary said so on
// standard error only, and the published output (table, CSV caveat, JSON,
// Markdown, HTML, run chart) read as complete. Each now carries the
// caveat, naming the input by kind and months with disclosure control (a
// path may name a patient) and by its file name with --exact; an export
// that ends with its mark has no such caveat.
func TestAnExportWithNoEndMarkIsSaidNotCheckedInEveryOutput(t *testing.T) {
	earlier, err := os.ReadFile("testdata/export-before-fingerprints.csv")
	if err != nil {
		t.Fatal(err)
	}
	const caveat = "COMPLETENESS NOT CHECKED"
	for _, exact := range []bool{false, true} {
		in := &Inputs{}
		addExport(t, in, bytes.NewReader(earlier), "team-b-old.csv", FormatCSV)
		s, err := in.Summarise(Options{Exact: exact})
		if err != nil {
			t.Fatal(err)
		}
		outputs := map[string]func(*bytes.Buffer) error{
			"table":    func(b *bytes.Buffer) error { return s.WriteTableWidth(b, nil, 80) },
			"csv":      func(b *bytes.Buffer) error { return s.WriteCSV(b) },
			"json":     func(b *bytes.Buffer) error { return s.WriteJSON(b) },
			"markdown": func(b *bytes.Buffer) error { return s.WriteMarkdown(b, nil) },
			"html":     func(b *bytes.Buffer) error { return s.WriteHTML(b, HTMLOptions{}) },
		}
		if exact { // with disclosure control too few are read here to chart
			outputs["chart"] = func(b *bytes.Buffer) error {
				ch, err := s.Chart(MeasureAssessed, ChartOptions{})
				if err != nil {
					return err
				}
				return ch.Write(b, 80)
			}
		}
		for name, write := range outputs {
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatalf("exact=%v %s: %v", exact, name, err)
			}
			flat := strings.Join(strings.Fields(b.String()), " ")
			if !strings.Contains(flat, caveat) || !strings.Contains(flat, "no end mark") {
				t.Errorf("exact=%v %s: no caveat that the input's completeness could not be checked:\n%.600s", exact, name, b.String())
			}
			if named := strings.Contains(flat, "team-b-old.csv"); named != exact {
				t.Errorf("exact=%v %s: the input named by its path = %v; want it named only with --exact", exact, name, named)
			}
		}
	}

	// One that ends with its mark has none.
	fs := []fixture{{n: 1, day: "2026-01-05", team: "Ward 9", patient: "P1"}}
	in := &Inputs{}
	addExport(t, in, exportOf(t, storeOf(t, records(t, fs)), FormatCSV, testKey), "marked.csv", FormatCSV)
	s, err := in.Summarise(Options{Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), caveat) {
		t.Errorf("an export ending with its mark is said not checked:\n%.400s", b.String())
	}
}
