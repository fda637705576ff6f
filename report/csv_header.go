package report

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// A CSV export opened in a spreadsheet and saved again may come back with
// its columns moved, its header in another case, or its fields separated
// by tabs (Excel's "Text (Tab delimited)"). Its header no longer starts as
// an export's does (isCSVHeader), and it was taken for a store and refused
// as "not a bbolt database". csvHeaderKind reads such a file's first line:
// a header naming every column of the export, in any order, is a CSV
// export (AddCSV finds its columns by name); one that names the export's
// columns otherwise is refused as a CSV export, saying what is not as
// exported.

// headerLimit is how much of a file's first line is read to tell its
// header: a CSV export's header is about 1.5 KB.
const headerLimit = 64 << 10

// csvHeaderKind says whether the file at path, which does not start as a
// CSV export's header does, has a CSV export's header all the same: kind
// is InputCSV when its first line names every column an export must have,
// in any order; err, when it names two or more of them but not as
// exported; both are empty for any other file (a store, or no export of
// digicheck's), which is left to be read as a store.
func csvHeaderKind(f io.Reader, path string) (kind string, err error) {
	line, err := bufio.NewReaderSize(io.LimitReader(f, headerLimit), headerLimit).ReadSlice('\n')
	if err != nil && len(line) == 0 {
		return "", nil
	}
	line = bytes.TrimRight(bytes.TrimPrefix(line, bom), "\r\n")
	if len(line) == 0 || !utf8.Valid(line) || bytes.ContainsAny(line, "\x00") {
		return "", nil
	}
	fields := func(sep rune) []string {
		r := csv.NewReader(bytes.NewReader(line))
		r.Comma, r.LazyQuotes, r.FieldsPerRecord = sep, true, -1
		fs, err := r.Read()
		if err != nil {
			return nil
		}
		for i := range fs {
			fs[i] = strings.TrimSpace(fs[i])
		}
		return fs
	}
	known := func(fs []string) (n int) {
		for _, f := range fs {
			if slices.ContainsFunc(csvColumns, func(c string) bool { return strings.EqualFold(c, f) }) {
				n++
			}
		}
		return n
	}
	// The CSV list of reviews due (digicheck due --format csv) names
	// some of the export's columns, and was refused as an export whose
	// id column was removed, to be put back.
	for _, sep := range []rune{csvSeparator(line), '\t'} {
		if fs := fields(sep); slices.ContainsFunc(fs, func(f string) bool { return strings.EqualFold(f, DueListColumn) }) {
			return "", fmt.Errorf("%s is a list of reviews due (digicheck due --format csv), not an export: it lists the patients whose review is due, and holds none of their assessments' answers, so nothing of it can be counted; a summary reads stores, and the CSV or NDJSON exports digicheck export writes: give the export or the store the list was made from", path)
		}
	}
	const lead = "was read as a digicheck CSV export (its first line names the export's columns), but"
	const again = "put back the header row as exported (id,patient,patient_kind,...), or export the store again"
	if tabbed := fields('\t'); known(tabbed) >= 2 && known(tabbed) > known(fields(csvSeparator(line))) {
		return "", fmt.Errorf("%s %s its fields are separated by tabs, as a spreadsheet's \"Text (Tab delimited)\" saves them: save it as CSV, with commas between the fields, or export the store again", path, lead)
	}
	fs := fields(csvSeparator(line))
	if known(fs) < 2 {
		return "", nil
	}
	for _, f := range fs {
		if slices.Contains(csvColumns, f) {
			continue
		}
		if i := slices.IndexFunc(csvColumns, func(c string) bool { return strings.EqualFold(c, f) }); i >= 0 {
			return "", fmt.Errorf("%s %s its header names the column %q, which the export names %q: the names are read as exported, in lower case (another case was given them, by a spreadsheet or by hand); %s", path, lead, f, csvColumns[i], again)
		}
	}
	for _, c := range csvColumns {
		if !slices.Contains(fs, c) && !slices.Contains(laterColumns, c) {
			return "", missingColumn(path, c)
		}
	}
	return InputCSV, nil
}

// DueListColumn is a column of the CSV list of reviews due (digicheck due
// --format csv) that no export has: a file whose header names it is that
// list.
const DueListColumn = "review_by_set"

// missingColumn is the refusal of a CSV export whose header lacks the
// column c, which every export has.
func missingColumn(path, c string) error {
	return fmt.Errorf("%s was read as a digicheck CSV export (its first line names the export's columns), but it has no column %q, which every export has (removed, or renamed?): put back the header row and the column as exported, or export the store again", path, c)
}
