package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"digicheck/store"
)

// A file check --salvage writes carries no row checks: its lines are the
// records as the damaged store held them, framed by a start line and an
// end mark that counts them. Rows edited in it (a team renamed) and kept
// under its end mark were summarised with its damaged-store caveat alone,
// and published as if each row were as salvaged. Its rows cannot be
// checked, so every summary of one says ROWS NOT CHECKED, in every output
// and on standard error, naming it as salvaged, never as an earlier
// build's export.
func TestASalvagedFileIsSummarisedAsRowsNotChecked(t *testing.T) {
	st := storeOf(t, nil)
	if _, err := Synthesise(st, SyntheticOptions{Count: 60, Seed: 5, From: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 6, 25, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	var salvaged bytes.Buffer
	if _, err := store.Salvage(st.Path(), &salvaged); err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(salvaged.Bytes(), []byte("\n"))
	if len(lines) < 10 {
		t.Fatalf("salvaged %d lines", len(lines))
	}
	var edited []byte
	for i, l := range lines {
		if i >= 3 && i <= 5 {
			l = bytes.Replace(l, []byte(`"team":"`), []byte(`"team":"Other Team`), 1)
		}
		edited = append(edited, l...)
	}
	for _, c := range []struct {
		name string
		b    []byte
	}{{"salvaged.ndjson", salvaged.Bytes()}, {"edited.ndjson", edited}} {
		for _, exact := range []bool{false, true} {
			in := &Inputs{}
			if err := in.AddNDJSON(bytes.NewReader(c.b), c.name); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			said := strings.Join(in.RowsUncheckedNotes(), "\n")
			if !strings.Contains(said, c.name) || !strings.Contains(said, "salvaged") || strings.Contains(said, "earlier version") {
				t.Errorf("%s: standard error's notes do not say the salvaged file's rows are not checked, as salvaged:\n%s", c.name, said)
			}
			s, err := in.Summarise(Options{Exact: exact})
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			for name, write := range map[string]func(*bytes.Buffer) error{
				"table":    func(b *bytes.Buffer) error { return s.WriteTableWidth(b, nil, 80) },
				"csv":      func(b *bytes.Buffer) error { return s.WriteCSV(b) },
				"json":     func(b *bytes.Buffer) error { return s.WriteJSON(b) },
				"markdown": func(b *bytes.Buffer) error { return s.WriteMarkdown(b, nil) },
				"html":     func(b *bytes.Buffer) error { return s.WriteHTML(b, HTMLOptions{}) },
			} {
				var b bytes.Buffer
				if err := write(&b); err != nil {
					t.Fatalf("%s exact=%v %s: %v", c.name, exact, name, err)
				}
				flat := strings.Join(strings.Fields(b.String()), " ")
				i := strings.Index(flat, "ROWS NOT CHECKED")
				if i < 0 {
					t.Errorf("%s exact=%v %s: no caveat that the salvaged file's rows could not be checked:\n%.600s", c.name, exact, name, b.String())
					continue
				}
				if note := flat[i:min(len(flat), i+400)]; !strings.Contains(note, "salvaged") || strings.Contains(note, "earlier version") {
					t.Errorf("%s exact=%v %s: the caveat does not say the file was salvaged:\n%s", c.name, exact, name, note)
				}
			}
		}
	}
}
