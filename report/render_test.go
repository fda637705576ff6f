package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// boardFixture: two months of a ward, big enough that most counts show.
func boardFixture(t *testing.T) []record.Record {
	next := 100
	var rs []record.Record
	// In February the second referral of those with significant barriers
	// was not discussed with the patient.
	// The data run from the first of January to the last of February,
	// so both months are whole.
	for _, m := range []struct {
		first, day     string // of the assessments with no barrier; of the others
		none, some, sg int
		second         string
	}{{"2026-01-01", "2026-01-05", 30, 12, 9, questionnaire.Declined}, {"2026-02-02", "2026-02-28", 28, 14, 20, questionnaire.NotDiscussed}} {
		age := questionnaire.Answers{questionnaire.LinkAgeBand: {"75+"}, questionnaire.LinkPostcodeDistrict: {"LS6"}}
		young := questionnaire.Answers{questionnaire.LinkAgeBand: {"25-34"}}
		rs = append(rs, bulk(t, &next, m.none, fixture{day: m.first, team: "Ward 7", answers: young, primary: questionnaire.RouteApp,
			choice: questionnaire.RouteApp, honoured: true})...)
		rs = append(rs, bulk(t, &next, m.some, fixture{day: m.day, team: "Ward 7", answers: age, bands: questionnaire.Bands{Access: some, Skills: some},
			refs: []questionnaire.Referral{ref("learn-my-way", questionnaire.Agreed)}})...)
		rs = append(rs, bulk(t, &next, m.sg, fixture{day: m.day, team: "Ward 7", answers: age, bands: questionnaire.Bands{Access: sig, Skills: sig},
			primary: questionnaire.RouteLetter, choice: questionnaire.RouteEmail,
			refs: []questionnaire.Referral{ref("national-databank", questionnaire.Agreed), ref("learn-my-way", m.second)}})...)
	}
	return rs
}

var names ProgrammeName = func(id string) string {
	if p, ok := questionnaire.National.Lookup(id); ok {
		return p.Name
	}
	return ""
}

func TestTheSummaryTableForPeople(t *testing.T) {
	s := summarise(t, datasetOf(t, boardFixture(t)), Options{By: Month})
	s.Sources[0].Name, s.Sources[0].Kind = "board.db", InputStore
	var b bytes.Buffer
	if err := s.WriteTableWidth(&b, names, 80); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "\x1b[") {
		t.Error("styles written to something that is not a terminal")
	}
	golden(t, "summary-table.golden", b.Bytes())

	b.Reset()
	if err := s.WriteMarkdown(&b, names); err != nil {
		t.Fatal(err)
	}
	golden(t, "summary-markdown.golden", b.Bytes())
}

func TestExactOutputSaysItIsNotForPublication(t *testing.T) {
	s := summarise(t, datasetOf(t, boardFixture(t)), Options{By: Month, Exact: true})
	for name, write := range map[string]func(*bytes.Buffer) error{
		"table":    func(b *bytes.Buffer) error { return s.WriteTableWidth(b, nil, 80) },
		"markdown": func(b *bytes.Buffer) error { return s.WriteMarkdown(b, nil) },
		"json":     func(b *bytes.Buffer) error { return s.WriteJSON(b) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "NOT FOR PUBLICATION") {
			t.Errorf("%s output of exact counts has no banner", name)
		}
	}
	var b bytes.Buffer
	if err := s.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		if r[8] != "exact counts, not for publication" {
			t.Fatalf("row %v: the caveat does not travel with it", r)
		}
	}
}

func TestTheCSVOfASummaryHasACellARow(t *testing.T) {
	s := summarise(t, datasetOf(t, boardFixture(t)), Options{By: Month})
	var b bytes.Buffer
	if err := s.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "period,breakdown,group,measure,category,count,base,percent,caveat,period_partial,time_zone,base_of" {
		t.Errorf("header %v", rows[0])
	}
	if len(rows)-1 != len(s.Cells) {
		t.Errorf("%d rows for %d cells", len(rows)-1, len(s.Cells))
	}
	// Each row's count is the exact count rounded to a multiple of 5,
	// up or down, and "*" below 10; its base is the base row's count.
	hidden, rounded := 0, 0
	for i, r := range rows[1:] {
		c := s.Cells[i]
		if r[0] != c.Period || r[1] != c.Breakdown || r[2] != c.Group || r[3] != c.Measure || r[4] != c.Category {
			t.Fatalf("row %d %v is not cell %+v", i, r, c)
		}
		if r[5] == "*" {
			hidden++
			if c.Count >= 10 {
				t.Errorf("row %v: %d hidden", r, c.Count)
			}
			continue
		}
		n, err := strconv.Atoi(r[5])
		if err != nil || n%5 != 0 || n < 10 || n-c.Count > 4 || c.Count-n > 4 {
			t.Errorf("row %v: %q shown for %d", r, r[5], c.Count)
		}
		if n != c.Count {
			rounded++
		}
		if c.Base >= 0 && r[6] != s.Value(c.Base) {
			t.Errorf("row %v: base %q, the base cell shows %q", r, r[6], s.Value(c.Base))
		}
	}
	if hidden == 0 || rounded == 0 {
		t.Errorf("%d rows hidden, %d rounded: the fixture tries neither", hidden, rounded)
	}
	teams := 0
	for _, c := range s.Cells {
		if c.Breakdown == BreakdownTeam && c.Group == "Ward 7" {
			teams++
		}
	}
	if teams == 0 {
		t.Error("no rows for Ward 7 in the breakdown by team")
	}
}

func TestTheJSONOfASummaryLeavesSuppressedCountsOut(t *testing.T) {
	rs := boardFixture(t)
	next := 1000
	rs = append(rs, bulk(t, &next, 3, fixture{day: "2026-02-03", team: "Ward 7", primary: questionnaire.RouteCarer})...)
	s := summarise(t, datasetOf(t, rs), Options{By: Month})
	var b bytes.Buffer
	if err := s.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Disclosure struct {
			Exact         bool `json:"exact"`
			MaxSuppressed int  `json:"max_suppressed"`
		} `json:"disclosure"`
		Periods []string `json:"periods"`
		Cells   []struct {
			Period, Breakdown, Measure, Category string
			Count                                *int
			Suppressed                           bool
		} `json:"cells"`
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if out.Disclosure.Exact || out.Disclosure.MaxSuppressed != 7 || strings.Join(out.Periods, " ") != "2026-01 2026-02" {
		t.Errorf("header %+v %v", out.Disclosure, out.Periods)
	}
	seen := false
	for _, c := range out.Cells {
		if c.Period == All && c.Breakdown == All && c.Measure == MeasurePrimary && c.Category == "carer" {
			seen = true
			if c.Count != nil || !c.Suppressed {
				t.Errorf("3 by carer: count %v, suppressed %v", c.Count, c.Suppressed)
			}
		}
	}
	if !seen {
		t.Error("no cell for the carer route")
	}
}

// TestNoSummaryTextRunsAsAFormulaOrAnEscape: a team is free text from the
// inputs (an NDJSON file may hold anything). In the summary CSV, as in
// the export, text a spreadsheet would run as a formula gets a ' in front,
// and in CSV and Markdown a control character is shown as an escape
// (\x1b), never sent on to the terminal or file that shows it.
func TestNoSummaryTextRunsAsAFormulaOrAnEscape(t *testing.T) {
	formula, escaped := `=HYPERLINK("http://example.invalid","x")`, "Ward\x1b[31m7"
	// Ten assessments each: a team too few to show has no row.
	next := 0
	var rs []record.Record
	for i, team := range []string{formula, escaped, "+44 clinic"} {
		rs = append(rs, bulk(t, &next, 10, fixture{day: fmt.Sprintf("2026-01-%02d", 5+i), team: team})...)
	}
	s := summarise(t, datasetOf(t, rs), Options{By: Month})
	var b bytes.Buffer
	if err := s.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(b.String(), 0x1b) {
		t.Error("the CSV holds an ESC byte")
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	groups := map[string]bool{}
	for _, r := range rows[1:] {
		for i, f := range r[:5] {
			if f != "" && strings.ContainsRune("=+-@\t\r", rune(f[0])) {
				t.Fatalf("column %s of row %v would run as a formula", rows[0][i], r)
			}
		}
		groups[r[2]] = true
	}
	for _, want := range []string{"'" + formula, `Ward\x1b[31m7`, "'+44 clinic"} {
		if !groups[want] {
			t.Errorf("no group %q in the CSV", want)
		}
	}
	b.Reset()
	if err := s.WriteMarkdown(&b, nil); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(b.String(), 0x1b) {
		t.Error("the Markdown holds an ESC byte")
	}
	if !strings.Contains(b.String(), `Ward\x1b\[31m7`) { // "[" escaped as Markdown markup
		t.Error("the Markdown does not show the escape")
	}
}

// TestAPartialPeriodIsMarkedInEveryFormat: a period not wholly covered
// (here February, cut at the 10th) says so in the table, the CSV and the
// JSON, so that nobody sets it beside a whole month.
func TestAPartialPeriodIsMarkedInEveryFormat(t *testing.T) {
	s := summarise(t, datasetOf(t, boardFixture(t)), Options{By: Month, Exact: true, To: day(t, "2026-02-10")})
	var b bytes.Buffer
	if err := s.WriteTableWidth(&b, nil, 80); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "2026-02 (partial)") || strings.Contains(b.String(), "2026-01 (partial)") {
		t.Errorf("the table does not mark February alone as partial:\n%s", b.String())
	}
	b.Reset()
	if err := s.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], "period_partial")
	if col < 0 {
		t.Fatalf("no period_partial column in %v", rows[0])
	}
	for _, r := range rows[1:] {
		if want := map[bool]string{true: "yes", false: ""}[r[0] == "2026-02"]; r[col] != want {
			t.Fatalf("row %v: period_partial %q, want %q", r, r[col], want)
		}
	}
	b.Reset()
	if err := s.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var j struct {
		Partial []string `json:"partial_periods"`
	}
	if err := json.Unmarshal(b.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(j.Partial, []string{"2026-02"}) {
		t.Errorf("JSON partial_periods %v, want [2026-02]", j.Partial)
	}
}

// TestMarkdownNamesNoLocalPath: the Markdown summary, for a board paper,
// says it read "a digicheck store" (with disclosure control, without its
// size), never the local path the exact table for the person at the
// terminal gives.
func TestMarkdownNamesNoLocalPath(t *testing.T) {
	next := 0
	st := storeOf(t, bulk(t, &next, 12, fixture{day: "2026-01-05", team: "Ward 7"}))
	s, err := SummariseStore(st, Options{By: Month, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.WriteMarkdown(&b, names); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(st.Path())
	if strings.Contains(b.String(), dir) || !strings.Contains(b.String(), "Read: a digicheck store") || strings.Contains(b.String(), "12 records") {
		t.Errorf("the Markdown names the store's path %s or its size, or does not say it read a store:\n%s", dir, b.String())
	}
	b.Reset()
	s, err = SummariseStore(st, Options{By: Month, Location: time.UTC, Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteTableWidth(&b, names, 80); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(oneLine(b.String()), st.Path()) {
		t.Errorf("the table for the terminal does not name the store read:\n%s", b.String())
	}
}

// TestPublishedTablesGiveWholePercentsAndSayEachBase: under disclosure
// control the counts are rounded to 5, so the table and Markdown give
// shares to the whole percent, as the board report does (they gave 27.3%
// of 110 rounded); exact counts keep one decimal place. The choice table's
// "honoured" (of everyone assessed) and the breakdowns' (of the choices
// made) had the same name in consecutive tables: each now says its base.
func TestPublishedTablesGiveWholePercentsAndSayEachBase(t *testing.T) {
	decimal := regexp.MustCompile(`\d\.\d%`)
	for _, exact := range []bool{false, true} {
		s := summarise(t, datasetOf(t, boardFixture(t)), Options{By: Month, Exact: exact})
		var tb, md bytes.Buffer
		if err := s.WriteTableWidth(&tb, names, 80); err != nil {
			t.Fatal(err)
		}
		if err := s.WriteMarkdown(&md, names); err != nil {
			t.Fatal(err)
		}
		for format, out := range map[string]string{"table": tb.String(), "markdown": md.String()} {
			if got := decimal.FindString(out); !exact && got != "" {
				t.Errorf("%s under disclosure control: a share to one decimal place, %q", format, got)
			}
			if exact && !decimal.MatchString(out) {
				t.Errorf("%s, exact: no share to one decimal place", format)
			}
			flat := strings.Join(strings.Fields(out), " ")
			if !strings.Contains(flat, "Honoured (of all assessed)") || !strings.Contains(flat, "Choices honoured: % of the choices patients made") {
				t.Errorf("%s: the two honoured shares are not named by their bases", format)
			}
		}
	}
}

// TestOneRecordIsOneRecordAndJSONSaysTheSmallestCountShown: the heading
// said "(1 records)"; and JSON's max_suppressed, 7, matched no count a
// reader sees (every shown count is a multiple of 5 of 10 or more), so
// smallest_shown says 10 beside it.
func TestOneRecordIsOneRecordAndJSONSaysTheSmallestCountShown(t *testing.T) {
	next := 0
	one := bulk(t, &next, 1, fixture{day: "2026-01-05", team: "Ward 7"})
	if h := strings.Join(summarise(t, datasetOf(t, one), Options{By: Month, Exact: true}).headingFor(false), " "); !strings.Contains(h, "(1 record)") {
		t.Errorf("heading: %s", h)
	}
	s := summarise(t, datasetOf(t, one), Options{By: Month})
	var b bytes.Buffer
	if err := s.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"max_suppressed": 7`) || !strings.Contains(b.String(), `"smallest_shown": 10`) {
		t.Errorf("JSON disclosure: %s", b.String()[:min(b.Len(), 600)])
	}
}
