package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"testing"
)

// TestTheSummaryCSVNamesTheBaseOfEachShare: the terminal table's "Choice"
// section gives "honoured" as a share of all assessed (40%), the board
// report's as a share of the choices patients made (73%); the CSV gave the
// count, base and percent with nothing saying what the base counts, so the
// two could not be reconciled from it. Each row names its base, the
// measure and category of the row the share is of, in base_of; choice's
// rows are shares of those assessed, and the choices made are the
// honoured and not-honoured rows together.
func TestTheSummaryCSVNamesTheBaseOfEachShare(t *testing.T) {
	s := summarise(t, datasetOf(t, boardFixture(t)), Options{By: Month, Exact: true})
	var b bytes.Buffer
	if err := s.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int {
		i := slices.Index(rows[0], name)
		if i < 0 {
			t.Fatalf("no column %s in %v", name, rows[0])
		}
		return i
	}
	baseOf := col("base_of")
	assessed := map[string]string{} // by period, breakdown and group
	for _, r := range rows[1:] {
		if r[col("measure")] == MeasureAssessed {
			assessed[r[0]+"/"+r[1]+"/"+r[2]] = r[col("count")]
		}
	}
	seen := 0
	for _, r := range rows[1:] {
		if r[col("measure")] != "choice" {
			continue
		}
		seen++
		if r[baseOf] != MeasureAssessed || r[col("base")] != assessed[r[0]+"/"+r[1]+"/"+r[2]] {
			t.Errorf("row %v: base_of %q, base %s; want %q, the count assessed (%s)", r[:8], r[baseOf], r[col("base")], MeasureAssessed, assessed[r[0]+"/"+r[1]+"/"+r[2]])
		}
	}
	if seen == 0 {
		t.Fatal("no choice rows")
	}
	for _, r := range rows[1:] {
		if r[col("base")] == "" && r[baseOf] != "" {
			t.Errorf("row %v: no base, but base_of %q", r[:8], r[baseOf])
		}
		if r[col("base")] != "" {
			if _, err := strconv.Atoi(r[col("base")]); err == nil && r[baseOf] == "" {
				t.Errorf("row %v: a base with no base_of", r[:8])
			}
		}
	}
}
