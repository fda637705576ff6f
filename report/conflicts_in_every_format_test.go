package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// writeCSVAndJSON are the first CSV row's caveat and the JSON notes of s.
func writeCSVAndJSON(t *testing.T, s *Summary) (caveat, notes string) {
	t.Helper()
	var c, j bytes.Buffer
	if err := s.WriteCSV(&c); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteJSON(&j); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, c.Bytes())
	for i, h := range rows[0] {
		if h == "caveat" {
			caveat = rows[1][i]
		}
	}
	var js struct {
		Notes []string `json:"notes"`
	}
	if err := json.Unmarshal(j.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	return caveat, strings.Join(js.Notes, " ")
}

// Records read twice that differed between the inputs (one id carrying
// another record in a file filled down in a spreadsheet) are counted as
// the first read, an arbitrary choice the table, the Markdown and the
// board report say ("Some of them differed between sources; the first
// read was used"). The CSV and the JSON, the formats a warehouse or a
// later publication reads, said nothing of it. They now carry the same
// words: the CSV in its first row's caveat, the JSON in its notes, with
// disclosure control (no number) and exact (the number). So do they of
// an assessment amended differently in two copies of a store.
func TestTheCSVAndJSONSayThatRecordsDifferedBetweenInputsAsTheOtherFormatsDo(t *testing.T) {
	var fs []fixture
	for n := 1; n <= 30; n++ {
		fs = append(fs, fixture{n: n, day: "2026-01-05", team: "Ward 7"})
	}
	filled := fs[:2:2]
	filled = append(filled, fixture{n: 2, day: "2026-01-05", team: "Ward 9"}) // id 2 again, another record
	for _, exact := range []bool{false, true} {
		in := &Inputs{}
		for _, f := range fs {
			r := f.record(t)
			if err := in.AddRecord(&r, "a.csv"); err != nil {
				t.Fatal(err)
			}
		}
		r := filled[2].record(t)
		if err := in.AddRecord(&r, "filled.csv"); err != nil {
			t.Fatal(err)
		}
		s := summarise(t, in, Options{By: Month, Exact: exact, Location: time.UTC})
		if s.Conflicts != 1 {
			t.Fatalf("%d records differed, want 1", s.Conflicts)
		}
		want := "Some of them differed between sources; the first read was used."
		if exact {
			want = "1 of them differed between sources; the first read was used."
		}
		caveat, notes := writeCSVAndJSON(t, s)
		if !strings.Contains(caveat, want) {
			t.Errorf("exact %v: the CSV's first caveat does not say %q: %s", exact, want, caveat)
		}
		if !strings.Contains(notes, want) {
			t.Errorf("exact %v: the JSON notes do not say %q: %s", exact, want, notes)
		}
	}

	first := fixture{n: 1, day: "2026-01-05", team: "Ward 7", patient: "P1", bands: questionnaire.Bands{Access: sig}}
	mine := fixture{n: 2, day: "2026-01-06", team: "Ward 7", patient: "P1", status: record.Amended, amends: 1, bands: questionnaire.Bands{Access: some}}
	theirs := fixture{n: 3, day: "2026-01-06", team: "Ward 7", patient: "P1", status: record.Amended, amends: 1, bands: questionnaire.Bands{Access: no}}
	stores := &Inputs{}
	if err := stores.AddStore(storeOf(t, records(t, []fixture{first, mine}))); err != nil {
		t.Fatal(err)
	}
	if err := stores.AddStore(storeOf(t, records(t, []fixture{first, theirs}))); err != nil {
		t.Fatal(err)
	}
	s, err := stores.Summarise(Options{Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Forks) != 1 {
		t.Fatalf("forks %+v, want the assessment amended in both", s.Forks)
	}
	caveat, notes := writeCSVAndJSON(t, s)
	for name, got := range map[string]string{"CSV caveat": caveat, "JSON notes": notes} {
		if !strings.Contains(got, s.ForkNote()) {
			t.Errorf("the %s does not say %q: %s", name, s.ForkNote(), got)
		}
	}
}
