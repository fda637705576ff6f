package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"digicheck/fhir"
	"digicheck/internal/testkit"
)

// Each export's end mark says its span: from the start of its --from's
// day (with no --from, no start), up to the end of its --to's day
// (or when it was made, if sooner), and when it was made, in the
// export's zone. A summary reads it back from the CSV and NDJSON marks,
// and a FHIR reader from the mark's extensions; two exports of different
// spans read together mark partial, in the words of each, the months a
// span ends inside.
func TestEachExportsEndMarkSaysItsSpan(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	st := storeOf(t, fhirReady(t)) // 5 January to 3 March 2026
	fs := []fixture{
		{n: 1, day: "2026-01-05", team: "Ward 9", patient: "P1"},
		{n: 2, day: "2026-02-10", team: "Ward 9", patient: "P2"},
		{n: 3, day: "2026-03-12", team: "Ward 9", patient: "P3"},
		{n: 4, day: "2026-05-20", team: "Ward 9", patient: "P4"},
	}
	made := time.Date(2026, 7, 2, 10, 30, 15, 0, london)
	day := func(s string) time.Time { d, _ := time.ParseInLocation(time.DateOnly, s, london); return d }
	for _, c := range []struct {
		name     string
		from, to time.Time
		want     ExportSpan
	}{
		{"every record", time.Time{}, time.Time{}, ExportSpan{To: made, Made: made}},
		{"--from and --to inside months", day("2026-01-15"), day("2026-02-15"), ExportSpan{From: day("2026-01-15"), To: day("2026-02-16"), Made: made}},
		{"--to after it was made", time.Time{}, day("2026-12-31"), ExportSpan{To: made, Made: made}},
	} {
		o := ExportOptions{Identifiable: true, Location: london, From: c.from, To: c.to, Made: made}
		for _, format := range []string{FormatCSV, FormatNDJSON, FormatFHIR} {
			b := export(t, format, st, o)
			lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
			var got ExportSpan
			var ok bool
			if format == FormatFHIR {
				got, ok = testkit.EndMarkSpan([]byte(lines[len(lines)-1]))
			} else {
				in := &Inputs{}
				if err := addExportErr(in, b, "x."+format, format); err != nil {
					t.Fatal(err)
				}
				got, ok = in.spans["x."+format]
			}
			if !ok || !got.From.Equal(c.want.From) || !got.To.Equal(c.want.To) || !got.Made.Equal(c.want.Made) {
				t.Errorf("%s, %s: the span read back is %v (%v), want %v\n%s", c.name, format, got, ok, c.want, lines[len(lines)-1])
			}
			if !strings.Contains(lines[len(lines)-1], c.want.To.In(london).Format(fhir.SpanTime)) {
				t.Errorf("%s, %s: the span is not written in the export's zone: %s", c.name, format, lines[len(lines)-1])
			}
		}
	}

	// Ward 9's export to 15 March beside Ward 4's of every record: March
	// and May partial for Ward 9's (its span ends in March), in its words.
	ward9 := storeOf(t, records(t, fs))
	cut := export(t, FormatNDJSON, ward9, ExportOptions{Identifiable: true, Location: time.UTC, To: day("2026-03-15"), Made: made})
	other := storeOf(t, records(t, []fixture{{n: 11, day: "2026-01-06", team: "Ward 4", patient: "P11"}, {n: 12, day: "2026-05-06", team: "Ward 4", patient: "P12"}}))
	whole := export(t, FormatCSV, other, ExportOptions{Identifiable: true, Location: time.UTC, Made: made})
	in := &Inputs{}
	addExport(t, in, bytes.NewReader(cut), "ward9.ndjson", FormatNDJSON)
	addExport(t, in, bytes.NewReader(whole), "ward4.csv", FormatCSV)
	s, err := in.Summarise(Options{Exact: true, Location: time.UTC, By: Month})
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	if err := s.WriteTableWidth(&table, nil, 200); err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(table.String()), " ")
	for _, want := range []string{
		"2026-03 not covered by ward9.ndjson, exported for dates that end before it does",
		"2026-05 not covered by ward9.ndjson, exported for dates that end before it does",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the table does not say %q:\n%s", want, table.String())
		}
	}
	if strings.Contains(flat, "2026-02 not covered") || strings.Contains(flat, "PARTIAL PERIODS") {
		t.Errorf("February is whole, and each export says its span:\n%s", table.String())
	}
}
