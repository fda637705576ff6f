package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// fromInsideInputs: Ward 4's export of every record, January to June,
// and Ward 9's made with --from 15 March (a "since our last report"
// export) of a team that has assessed from January. Each team has an
// assessment on the 1st, 10th and 20th of each month, so Ward 9's export
// holds one on the 20th of March alone.
func fromInsideInputs(t *testing.T, ward9from time.Time, ward9team string) *Inputs {
	t.Helper()
	whole, since := fromInsideExports(t, ward9from, ward9team)
	in := &Inputs{}
	addExport(t, in, bytes.NewReader(whole), "ward4.csv", FormatCSV)
	addExport(t, in, bytes.NewReader(since), "ward9.ndjson", FormatNDJSON)
	return in
}

// fromInsideExports are the two exports of fromInsideInputs.
func fromInsideExports(t *testing.T, ward9from time.Time, ward9team string) (whole, since []byte) {
	t.Helper()
	made := time.Date(2026, 7, 2, 10, 30, 0, 0, time.UTC)
	var w4, w9 []fixture
	for m := 1; m <= 6; m++ {
		for i, d := range []int{1, 10, 20} {
			n := m*10 + i
			w4 = append(w4, fixture{n: n, day: fmt.Sprintf("2026-%02d-%02d", m, d), team: "Ward 4", patient: fmt.Sprintf("P%d", n)})
			w9 = append(w9, fixture{n: 100 + n, day: fmt.Sprintf("2026-%02d-%02d", m, d), team: ward9team, patient: fmt.Sprintf("P%d", 100+n)})
		}
	}
	whole = export(t, FormatCSV, storeOf(t, records(t, w4)), ExportOptions{Identifiable: true, Location: time.UTC, Made: made})
	since = export(t, FormatNDJSON, storeOf(t, records(t, w9)), ExportOptions{Identifiable: true, Location: time.UTC, From: ward9from, Made: made})
	return whole, since
}

// An export whose span starts inside a month (export --from 2026-03-15)
// holds that team's part of the month alone. Summarised alone, the month
// was marked partial; read beside another team's export that covers the
// month, it was shown whole in every format, its count short by Ward 9's
// first half of March, which a run chart shows as a dip. The month the
// span starts inside, and each before it, is now partial, naming the
// input, in the table, the CSV, the JSON and the run chart, and so is the
// quarter holding it; the months after are whole.
func TestAMonthAnExportsSpanStartsInsideIsPartialBesideAnInputThatCoversIt(t *testing.T) {
	from := time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)
	s, err := fromInsideInputs(t, from, "Ward 9").Summarise(Options{Exact: true, Location: time.UTC, By: Month})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"2026-01": true, "2026-02": true, "2026-03": true}
	for k, p := range s.Periods {
		why := s.partialWhy(k)
		if s.partial(k) != want[p.Label] {
			t.Errorf("%s partial = %v (%q), want %v", p.Label, s.partial(k), why, want[p.Label])
		}
		if want[p.Label] && !strings.Contains(why, "not covered by ward9.ndjson, exported for dates that start after it does") {
			t.Errorf("%s is partial for %q, which does not name ward9.ndjson and its --from", p.Label, why)
		}
		if strings.Contains(why, "ward4.csv") {
			t.Errorf("%s is partial for %q, naming ward4.csv, which covers it", p.Label, why)
		}
	}
	var table, csvOut, js bytes.Buffer
	if err := s.WriteTableWidth(&table, nil, 200); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteCSV(&csvOut); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	if flat := oneLine(table.String()); !strings.Contains(flat, "2026-03 (partial)") || !strings.Contains(flat, "2026-03 not covered by ward9.ndjson") {
		t.Errorf("the table does not mark March partial, naming ward9.ndjson:\n%s", table.String())
	}
	rows := readCSV(t, csvOut.Bytes())
	partialCol := -1
	for i, h := range rows[0] {
		if h == "period_partial" {
			partialCol = i
		}
	}
	for _, r := range rows[1:] {
		if r[0] == "2026-03" && r[partialCol] != "yes" {
			t.Fatalf("CSV row of 2026-03 not partial: %v", r)
		}
		if r[0] == "2026-04" && r[partialCol] != "" {
			t.Fatalf("CSV row of 2026-04 partial: %v", r)
		}
	}
	var j struct {
		PartialPeriods []string `json:"partial_periods"`
	}
	if err := json.Unmarshal(js.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(j.PartialPeriods, " "); got != "2026-01 2026-02 2026-03" {
		t.Errorf("JSON partial_periods %q, want 2026-01 to 2026-03", got)
	}
	ch, err := s.Chart(MeasureAssessed, ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ch.Points {
		if p.Label == "2026-03" && !p.Partial {
			t.Errorf("the run chart draws March as a whole month")
		}
	}

	q, err := fromInsideInputs(t, from, "Ward 9").Summarise(Options{Exact: true, Location: time.UTC, By: Quarter})
	if err != nil {
		t.Fatal(err)
	}
	for k, p := range q.Periods {
		if q.partial(k) != (p.Label == "2026-Q1") {
			t.Errorf("by quarter, %s partial = %v (%q), want Q1 alone", p.Label, q.partial(k), q.partialWhy(k))
		}
	}

	// Alone, with a --from before its span, the months up to and with
	// the one it starts inside are partial.
	_, since := fromInsideExports(t, from, "Ward 9")
	in := &Inputs{}
	addExport(t, in, bytes.NewReader(since), "ward9.ndjson", FormatNDJSON)
	alone, err := in.Summarise(Options{Exact: true, Location: time.UTC, By: Month, From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for k, p := range alone.Periods {
		if alone.partial(k) != want[p.Label] {
			t.Errorf("alone, %s partial = %v (%q), want %v", p.Label, alone.partial(k), alone.partialWhy(k), want[p.Label])
		}
	}
}

// An export with no --from covers every record before its end: a team
// whose first assessment was on 10 March (it joined then) leaves March
// whole beside a team that covers it, as a team's roll-out is what the
// chart shows (see coverage.go). And a --from export of a team that is
// in another input covering the month (its own earlier, whole export)
// leaves no team without data there, and marks nothing.
func TestAnExportsSpanStartsInsideAMonthOnlyWhenItsFromWasAsked(t *testing.T) {
	made := time.Date(2026, 7, 2, 10, 30, 0, 0, time.UTC)
	var w4, joined []fixture
	for m := 1; m <= 6; m++ {
		for i, d := range []int{1, 10, 20} {
			n := m*10 + i
			w4 = append(w4, fixture{n: n, day: fmt.Sprintf("2026-%02d-%02d", m, d), team: "Ward 4", patient: fmt.Sprintf("P%d", n)})
			if m >= 3 && (m > 3 || d >= 10) {
				joined = append(joined, fixture{n: 100 + n, day: fmt.Sprintf("2026-%02d-%02d", m, d), team: "Ward 9", patient: fmt.Sprintf("P%d", 100+n)})
			}
		}
	}
	in := &Inputs{}
	addExport(t, in, bytes.NewReader(export(t, FormatCSV, storeOf(t, records(t, w4)), ExportOptions{Identifiable: true, Location: time.UTC, Made: made})), "ward4.csv", FormatCSV)
	addExport(t, in, bytes.NewReader(export(t, FormatNDJSON, storeOf(t, records(t, joined)), ExportOptions{Identifiable: true, Location: time.UTC, Made: made})), "ward9.ndjson", FormatNDJSON)
	s, err := in.Summarise(Options{Exact: true, Location: time.UTC, By: Month})
	if err != nil {
		t.Fatal(err)
	}
	for k, p := range s.Periods {
		if s.partial(k) {
			t.Errorf("a team that joined on 10 March, exported whole: %s partial (%s)", p.Label, s.partialWhy(k))
		}
	}

	same, err := fromInsideInputs(t, time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC), "Ward 4").Summarise(Options{Exact: true, Location: time.UTC, By: Month})
	if err != nil {
		t.Fatal(err)
	}
	for k, p := range same.Periods {
		if same.partial(k) {
			t.Errorf("Ward 4's --from export beside its whole one: %s partial (%s)", p.Label, same.partialWhy(k))
		}
	}
}
