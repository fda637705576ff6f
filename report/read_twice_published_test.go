package report

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/store"
)

// TestAPublishedSummaryGivesNeitherHowManyRecordsWereReadTwiceNorADamagedStoresPath:
// a small team's store read with its own export (as "counts each record
// once" invites) was left out as too few, yet the summary said "3
// records were read more than once and counted once" (JSON
// "duplicates": 3), and how many of them differed: that team's exact
// number again. And a store found damaged was named by its full path in
// the DAMAGED STORE banner of every format, so a file named for a patient
// put their NHS number in the board report. Under disclosure control the
// summary with the small team's one patient and with its three is now the
// same in every format, and the store's name is nowhere; with --exact the
// numbers and the path are given as before.
func TestAPublishedSummaryGivesNeitherHowManyRecordsWereReadTwiceNorADamagedStoresPath(t *testing.T) {
	from, to := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	big := storeOf(t, nil)
	if _, err := Synthesise(big, SyntheticOptions{Count: 300, Seed: 31, From: from, To: to.Add(20 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	const named = "Smith John 9434765919.db"
	summarise := func(tinyCount int, exact bool) *Summary {
		t.Helper()
		tiny, err := store.Open(filepath.Join(t.TempDir(), named), store.Options{Instruments: map[string]*questionnaire.Instrument{}})
		if err != nil {
			t.Fatal(err)
		}
		day := from.AddDate(0, 1, 9)
		if _, err := Synthesise(tiny, SyntheticOptions{Count: tinyCount, Seed: 32, Team: "Tiny Clinic", From: day, To: day.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		var exp bytes.Buffer
		if _, err := ExportCSV(&exp, tiny, ExportOptions{Identifiable: true, Location: time.UTC}); err != nil {
			t.Fatal(err)
		}
		// Every row of the export answers otherwise than the store: each
		// is a conflict too.
		lines := strings.SplitAfter(exp.String(), "\r\n")
		col := slices.Index(strings.Split(strings.TrimSpace(lines[0]), ","), "band_access")
		for i := 1; i < len(lines); i++ {
			if fields := strings.Split(lines[i], ","); col >= 0 && col < len(fields) {
				fields[col] = map[bool]string{true: "some", false: "none"}[fields[col] == "none"]
				lines[i] = strings.Join(fields, ",")
			}
		}
		if err := os.WriteFile(store.DamageNote(tiny.Path()), []byte("record x: its stored bytes are not those it was saved with\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		in := &Inputs{}
		for _, st := range []*store.Store{big, tiny} {
			if err := in.AddStore(st); err != nil {
				t.Fatal(err)
			}
		}
		if err := in.AddCSV(bytes.NewReader(resealed(t, FormatCSV, []byte(strings.Join(lines, "")))), "tiny.csv"); err != nil {
			t.Fatal(err)
		}
		s, err := in.Summarise(Options{Location: time.UTC, From: from, To: to, Exact: exact})
		if err != nil {
			t.Fatal(err)
		}
		if s.Duplicates != tinyCount || s.Conflicts != tinyCount || len(s.Damaged) != 1 {
			t.Fatalf("read %d records twice, %d differing, %d stores damaged; want %d, %d and 1", s.Duplicates, s.Conflicts, len(s.Damaged), tinyCount, tinyCount)
		}
		return s
	}
	one, three := publishedIn(t, summarise(1, false)), publishedIn(t, summarise(3, false))
	for _, format := range publishedFormats {
		if a, b, differ := firstDifference(one[format], three[format]); differ {
			t.Errorf("%s differs with the small team's one patient and its three:\n%s\n%s", format, a, b)
		}
		for _, n := range []string{"9434765919", "Smith John"} {
			if strings.Contains(one[format], n) {
				t.Errorf("%s prints the damaged store's name %q", format, n)
			}
		}
		if !strings.Contains(strings.ToLower(one[format]), "damaged") {
			t.Errorf("%s does not say a store was found damaged", format)
		}
	}
	if !strings.Contains(oneLine(three["table"]), "Some records were read more than once and counted once.") {
		t.Errorf("the table does not say, without a number, that some records were read more than once:\n%s", three["table"])
	}
	exact := publishedIn(t, summarise(3, true))
	for _, format := range []string{"table", "markdown", "json", "html"} {
		if !strings.Contains(exact[format], named) {
			t.Errorf("with --exact the %s does not name the damaged store", format)
		}
	}
	if !strings.Contains(oneLine(exact["table"]), "3 records were read more than once and counted once. 3 of them differed between sources") ||
		!strings.Contains(exact["json"], `"duplicates": 3`) || !strings.Contains(exact["json"], `"conflicts": 3`) {
		t.Errorf("with --exact the numbers read twice and differing are not given:\n%s\n%s", exact["table"], exact["json"])
	}
}
