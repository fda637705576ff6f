package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"digicheck/store"
)

// TestAPublishedSummaryDescribesItsInputsWithoutTheirCountsOrNames: a team
// too few to show over the span is left out of every count, yet each
// published format described its inputs exactly ("a store (1 record,
// ...)", "3 digicheck stores (801 records)", sources[].records), so the
// small team's number was printed beside the note that hid it, and a
// file named for a patient was printed as named. Under disclosure
// control the inputs are now described by kind and months only: the
// summary read with the small team's store holding one patient and with
// it holding three is the same in every format, and the file's name,
// holding an NHS number, is nowhere.
func TestAPublishedSummaryDescribesItsInputsWithoutTheirCountsOrNames(t *testing.T) {
	from, to := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	big := storeOf(t, nil)
	if _, err := Synthesise(big, SyntheticOptions{Count: 300, Seed: 31, From: from, To: to.Add(20 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	const named = "Smith John 9434765919.db"
	publish := func(tinyCount int) map[string]string {
		t.Helper()
		tiny := storeOf(t, nil)
		day := from.AddDate(0, 1, 9)
		if _, err := Synthesise(tiny, SyntheticOptions{Count: tinyCount, Seed: 32, Team: "Tiny Clinic", From: day, To: day.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		in := &Inputs{}
		for _, st := range []*store.Store{big, tiny} {
			if err := in.AddStore(st); err != nil {
				t.Fatal(err)
			}
		}
		s, err := in.Summarise(Options{Location: time.UTC, From: from, To: to})
		if err != nil {
			t.Fatal(err)
		}
		s.Sources[1].Name = "/home/qi/" + named
		return publishedIn(t, s)
	}
	one, three := publish(1), publish(3)
	for _, format := range publishedFormats {
		if a, b, differ := firstDifference(one[format], three[format]); differ {
			t.Errorf("%s differs with the small team's one patient and its three:\n%s\n%s", format, a, b)
		}
		for _, n := range []string{"9434765919", "943 476 5919", "Smith John"} {
			if strings.Contains(one[format], n) {
				t.Errorf("%s prints the input's name %q", format, n)
			}
		}
		if format == "json" && strings.Contains(one[format], `"records"`) {
			t.Errorf("json gives sources' records")
		}
	}
}

// publishedFormats are the formats a summary is published in.
var publishedFormats = []string{"table", "markdown", "json", "csv", "html"}

// publishedIn is s written in each published format.
func publishedIn(t *testing.T, s *Summary) map[string]string {
	t.Helper()
	out := map[string]string{}
	var b bytes.Buffer
	write := func(format string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		out[format] = b.String()
		b.Reset()
	}
	write("table", s.WriteTableWidth(&b, nil, 200))
	write("markdown", s.WriteMarkdown(&b, nil))
	write("json", s.WriteJSON(&b))
	write("csv", s.WriteCSV(&b))
	write("html", s.WriteHTML(&b, HTMLOptions{Produced: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}))
	return out
}

// firstDifference is the first line where x and y differ, and whether
// they do.
func firstDifference(x, y string) (a, b string, differ bool) {
	if x == y {
		return "", "", false
	}
	xs, ys := strings.Split(x, "\n"), strings.Split(y, "\n")
	for i := range min(len(xs), len(ys)) {
		if xs[i] != ys[i] {
			return xs[i], ys[i], true
		}
	}
	return "(one ends)", "(where the other goes on)", true
}
