package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

// An export passes through spreadsheets, where a column can be filled down
// or a cell retyped while every row stays. The end mark counted the rows
// only, so such a file was summarised as the store's: a record_key filled
// down over rows 11-200 moved the published rounding (the same records
// rounded otherwise than in the store's summary and the untouched
// export's), and a team renamed on 4 rows was counted as another team,
// with no word. Each row now carries a check of its values, and the end
// mark one of every row above it; an export whose rows no longer give
// them is refused, naming the first row found changed, as one with a row
// deleted is.

// syntheticExport is a pseudonymised export, in format, of 400 synthetic
// records.
func syntheticExport(t *testing.T, format string) []byte {
	t.Helper()
	st := storeOf(t, nil)
	if _, err := Synthesise(st, SyntheticOptions{Count: 400, Seed: 27, From: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 6, 25, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	return exportBytes(t, exportOf(t, st, format, testKey))
}

// csvCells is a CSV file's rows, and its columns by name.
func csvCells(t *testing.T, b []byte) ([][]string, map[string]int) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	return rows, col
}

// csvBytes writes rows as a spreadsheet saves them: every field quoted
// when quoted, lines ended with CRLF when crlf.
func csvBytes(t *testing.T, rows [][]string, quoted, crlf bool) []byte {
	t.Helper()
	if !quoted {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.UseCRLF = crlf
		if err := w.WriteAll(rows); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	var b strings.Builder
	for _, r := range rows {
		for i, f := range r {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + strings.ReplaceAll(f, `"`, `""`) + `"`)
		}
		if crlf {
			b.WriteString("\r\n")
		} else {
			b.WriteString("\n")
		}
	}
	return []byte(b.String())
}

var ndjsonString = func(field string) *regexp.Regexp {
	return regexp.MustCompile(`"` + field + `":"[^"]*"`)
}

// ndjsonEdited is an NDJSON export with the string field set, on each
// line from..to (1-based, record lines only), to what line `from` holds
// there (fill) or to value.
func ndjsonEdited(t *testing.T, b []byte, field string, from, to int, fill bool, value string) []byte {
	t.Helper()
	re := ndjsonString(field)
	ls := strings.SplitAfter(string(b), "\n")
	with := re.FindString(ls[from-1])
	if with == "" {
		t.Fatalf("line %d has no %s", from, field)
	}
	if !fill {
		with = `"` + field + `":"` + value + `"`
	}
	for i := from; i <= to; i++ {
		if i == from && fill {
			continue
		}
		// The record's own field: the first (team, id), or the last
		// (record_key, written after the record).
		l := ls[i-1]
		locs := re.FindAllStringIndex(l, -1)
		if len(locs) == 0 {
			t.Fatalf("line %d has no %s", i, field)
		}
		at := locs[0]
		if field == RecordKeyColumn {
			at = locs[len(locs)-1]
		}
		ls[i-1] = l[:at[0]] + with + l[at[1]:]
	}
	return []byte(strings.Join(ls, ""))
}

func TestAnExportEditedWithItsRowsKeptIsRefusedNamingTheFirstRowChanged(t *testing.T) {
	for _, format := range []string{FormatCSV, FormatNDJSON} {
		export := syntheticExport(t, format)
		// The untouched export is read.
		if err := addExportErr(&Inputs{CheckBands: true}, export, "A."+format, format); err != nil {
			t.Fatalf("%s: the export as written is refused: %v", format, err)
		}
		type edit struct {
			name string
			do   func() []byte
			line int // the row named, 0 for the end mark's line
		}
		var edits []edit
		if format == FormatCSV {
			rows, col := csvCells(t, export)
			edited := func(fn func(rows [][]string)) func() []byte {
				return func() []byte {
					rows, _ := csvCells(t, export)
					fn(rows)
					return csvBytes(t, rows, false, true)
				}
			}
			team := rows[30][col["team"]]
			edits = []edit{
				{"record_key filled down over rows 11-200", edited(func(rows [][]string) {
					for i := 11; i < 200; i++ {
						rows[i][col[RecordKeyColumn]] = rows[10][col[RecordKeyColumn]]
					}
				}), 12},
				{"team renamed on 4 rows", edited(func(rows [][]string) {
					for i := 29; i < 33; i++ {
						rows[i][col["team"]] = "Other Team"
					}
				}), 30},
				{"a team's name retyped in another case on the last row", edited(func(rows [][]string) {
					last := len(rows) - 2
					rows[last][col["team"]] = strings.ToUpper(team)
				}), len(rows) - 1},
				{"an answer changed", edited(func(rows [][]string) {
					rows[100][col["equity_postcode"]] = "ZZ9"
				}), 101},
				{"a referral taken off", edited(func(rows [][]string) {
					for i := 1; i < len(rows)-1; i++ {
						if r := rows[i][col["referrals_agreed"]]; strings.Contains(r, ";") {
							rows[i][col["referrals_agreed"]] = r[:strings.IndexByte(r, ';')]
							return
						}
					}
					t.Fatal("no row agreed two referrals")
				}), -1},
				{"a row's check changed with it", edited(func(rows [][]string) {
					rows[50][col["team"]] = "Other Team"
					rows[50][col[RowCheckColumn]] = rows[51][col[RowCheckColumn]]
				}), 51},
				{"a row replaced by a copy of another, its check too", edited(func(rows [][]string) {
					rows[60] = append([]string(nil), rows[59]...)
				}), 0},
			}
		} else {
			edits = []edit{
				{"record_key filled down over lines 11-200", func() []byte { return ndjsonEdited(t, export, RecordKeyColumn, 11, 200, true, "") }, 12},
				{"team renamed on 4 lines", func() []byte { return ndjsonEdited(t, export, "team", 30, 33, false, "Other Team") }, 30},
				{"a line's check changed with it", func() []byte {
					ls := strings.SplitAfter(string(ndjsonEdited(t, export, "team", 51, 51, false, "Other Team")), "\n")
					re := ndjsonString(RowCheckColumn)
					ls[50] = re.ReplaceAllLiteralString(ls[50], re.FindString(ls[51]))
					return []byte(strings.Join(ls, ""))
				}, 51},
				{"a line replaced by a copy of another", func() []byte {
					ls := strings.SplitAfter(string(export), "\n")
					ls[60] = ls[59]
					return []byte(strings.Join(ls, ""))
				}, 0},
			}
		}
		for _, e := range edits {
			name := "A_edited." + format
			err := addExportErr(&Inputs{CheckBands: true}, e.do(), name, format)
			if err == nil {
				t.Errorf("%s, %s: summarised as if unchanged", format, e.name)
				continue
			}
			msg := err.Error()
			want := []string{"changed since it was exported", "nothing of it is counted"}
			switch {
			case e.line > 0:
				want = append(want, fmt.Sprintf("%s:%d: ", name, e.line))
			case e.line == 0:
				want = append(want, "end mark")
			}
			for _, w := range want {
				if !strings.Contains(msg, w) {
					t.Errorf("%s, %s: the refusal does not say %q:\n%s", format, e.name, w, msg)
				}
			}
		}
	}
}

// What a spreadsheet does to a file by itself when it is saved (quoting
// every field, line ends of either kind) changes no value: such a file is
// read, and counts as the export did. So is an export made before rows
// carried checks (testdata/export-before-row-checks.*: the ward fixture
// exported by the build of commit ddec46b, the last before them).
func TestAnExportResavedUnchangedOrMadeBeforeRowChecksIsRead(t *testing.T) {
	for _, format := range []string{FormatCSV, FormatNDJSON} {
		export := syntheticExport(t, format)
		if !bytes.Contains(export, []byte(RowCheckColumn)) {
			t.Errorf("%s: the export carries no %s", format, RowCheckColumn)
		}
		want := summarise(t, func() *Inputs {
			in := &Inputs{}
			addExport(t, in, bytes.NewReader(export), "A."+format, format)
			return in
		}(), Options{By: Month, Exact: true})
		resaved := map[string][]byte{}
		if format == FormatCSV {
			rows, _ := csvCells(t, export)
			resaved["every field quoted, CRLF"] = csvBytes(t, rows, true, true)
			resaved["every field quoted, LF"] = csvBytes(t, rows, true, false)
			resaved["quoted as needed, LF"] = csvBytes(t, rows, false, false)
			semi := bytes.ReplaceAll(csvBytes(t, rows, true, true), []byte(`","`), []byte(`";"`))
			resaved["separated by ;"] = semi
		} else {
			resaved["CRLF"] = bytes.ReplaceAll(export, []byte("\n"), []byte("\r\n"))
		}
		for what, b := range resaved {
			in := &Inputs{CheckBands: true}
			if err := addExportErr(in, b, "A."+format, format); err != nil {
				t.Errorf("%s re-saved (%s): refused: %v", format, what, err)
				continue
			}
			got := summarise(t, in, Options{By: Month, Exact: true})
			if a, b := cells(want), cells(got); fmt.Sprint(a) != fmt.Sprint(b) {
				t.Errorf("%s re-saved (%s): counts differ from the export's", format, what)
			}
		}
		earlier, err := os.ReadFile("testdata/export-before-row-checks." + format)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(earlier, []byte(RowCheckColumn)) {
			t.Fatalf("testdata/export-before-row-checks.%s holds row checks", format)
		}
		in := &Inputs{} // the ward fixture's bands are set by hand, not from answers
		if err := addExportErr(in, earlier, "earlier."+format, format); err != nil {
			t.Errorf("%s made before row checks: refused: %v", format, err)
			continue
		}
		if n := whole(t, summarise(t, in, Options{Exact: true}), MeasureAssessed, ""); n != 7 {
			t.Errorf("%s made before row checks: %d assessed, want the ward fixture's 7", format, n)
		}
	}
}

// rowsCheck is the end mark's check of CSV rows (lines, with their line
// ends) under head, from the row checks they carry: for a test that makes
// an export of some of another's rows.
func rowsCheck(t *testing.T, head []string, lines []string) *fileSummer {
	t.Helper()
	file := newFileSummer()
	at := slices.Index(head, RowCheckColumn)
	for _, l := range lines {
		rec, err := csv.NewReader(strings.NewReader(l)).Read()
		if err != nil {
			t.Fatal(err)
		}
		sum, ok := parseLetters(rec[at])
		if !ok {
			t.Fatalf("row check %q cannot be read", rec[at])
		}
		file.add(sum)
	}
	return file
}

// resealed is a CSV or NDJSON export with each record's row check, and
// its end mark's, made again from what it holds now: an export as it
// would be made from a store that held the records as the file now
// says, for a test of records that differ between inputs.
func resealed(t *testing.T, format string, b []byte) []byte {
	t.Helper()
	s, file := newRowSummer(), newFileSummer()
	if format == FormatNDJSON {
		re := ndjsonString(RowCheckColumn)
		ls := strings.SplitAfter(string(b), "\n")
		for i, l := range ls {
			switch {
			case strings.HasPrefix(l, `{"`+MarkField+`":"`+MarkEnd+`"`):
				ls[i] = re.ReplaceAllLiteralString(l, `"`+RowCheckColumn+`":"`+string(file.appendCheck(nil))+`"`)
				file.reset()
			case strings.HasPrefix(l, `{"`+MarkField+`"`), strings.TrimSpace(l) == "":
			default:
				var r record.Record
				if err := json.Unmarshal([]byte(l), &r); err != nil {
					t.Fatal(err)
				}
				sum, err := s.ndjsonRowSum(&r, []byte(l))
				if err != nil {
					t.Fatal(err)
				}
				file.add(sum)
				ls[i] = re.ReplaceAllLiteralString(l, `"`+RowCheckColumn+`":"`+string(appendLetters(nil, sum[:]))+`"`)
			}
		}
		return []byte(strings.Join(ls, ""))
	}
	rows, col := csvCells(t, b)
	checked := csvCheckColumns(rows[0])
	for _, r := range rows[1:] {
		if r[col[EndMarkColumn]] != "" {
			r[col[RowCheckColumn]] = string(file.appendCheck(nil))
			continue
		}
		s.start(InputCSV)
		for i, v := range r {
			if checked[i] {
				field(s, rows[0][i], v)
			}
		}
		sum := s.sum()
		file.add(sum)
		r[col[RowCheckColumn]] = string(appendLetters(nil, sum[:]))
	}
	return csvBytes(t, rows, false, true)
}

// withoutRowChecks is an export with its row checks taken out, as an
// earlier build wrote it.
func withoutRowChecks(t *testing.T, format string, b []byte) []byte {
	t.Helper()
	if format == FormatNDJSON {
		return regexp.MustCompile(`,"`+RowCheckColumn+`":"[a-p]*"`).ReplaceAll(b, nil)
	}
	// The end mark's words say so too, in a build with row checks.
	return bytes.Replace(withoutCSVColumn(t, b, RowCheckColumn), []byte("; "+RowsChecked), nil, 1)
}
