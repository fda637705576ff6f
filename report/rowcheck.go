package report

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"hash"
	"sync"

	"digicheck/record"
)

// Row checks. An export passes through spreadsheets, where a column can be
// filled down, or a cell typed over, with every row kept: the end mark's
// count of rows (see endCheck) does not see it, and such a file was
// summarised as if the store had held it. A record_key filled down over
// rows 11-200 rounded those records otherwise than the store's summary
// and the untouched export's did (two releases of the same records that
// differ), and a team renamed on 4 rows was counted as another team.
//
// So every record's row (CSV) or line (NDJSON) carries a row check, in the
// RowCheckColumn: a digest of the values it holds, and the end mark
// carries one of every row above it, in order. A summary works both out
// again from what it reads and refuses a file whose rows do not give them,
// naming the first row whose values do not give its own check, or the end
// mark when every row does but not the rows together (a row replaced by a
// copy of another, rows sorted), as it refuses one with a row deleted.
//
// The checks are made from the values read, not from the file's bytes, so
// what a spreadsheet does by itself on saving a file (quoting fields, CRLF
// or LF line ends, ";" between fields, R's NA for an empty field) changes
// nothing. In a CSV they are made from every column of the export's but
// date (which the summary works out again from time, and a spreadsheet
// writes in its own way), end_mark and row_check, as name and value where
// the value is not empty; in NDJSON from the record as digicheck writes
// it (record.AppendJSON of the line read, so spacing and escapes do not
// matter) and its record_key, fingerprint and damaged_store. The check is
// no signature: it is there to notice a file changed by mistake, not to
// stop one changed on purpose, and an export made before row checks (no
// row_check column or field, no check in its end mark) is read as before.
//
// A site may take the record_key column (or field) out of a pseudonymised
// export before it is shared, as docs/disclosure.md advises where its
// reader can also read the EHR: so each check is two, one made without the
// record key and one with it. A file with record keys is checked by both;
// one without (the column or field taken out) by the first alone, and its
// summary says it rounds by its own ids (UnkeyedWarnings), as before.
//
// A check is written in the letters a to p, one for each 4 bits: a
// spreadsheet reads no such word as a number or a date (hex digits, such
// as 1234e567, it can).

// RowsChecked is said in a CSV export's end mark, in its id field's words
// ("end of export: N records above; rows checked; to ..."), when its rows
// carry row checks. The end mark's own check of every row is in the
// row_check column, so a file with that column deleted read as an export
// of an earlier build, unchecked: rows edited in it (a team renamed, a
// SERVER SHORT mark taken out with its column) were counted with no word.
// A file whose end mark says this and has no row_check column is refused.
// The words hold no comma (the field stays unquoted) and come before the
// span's, which readers find at the end of the field.
const RowsChecked = "rows checked"

// rowChecksTakenOut is the refusal of a CSV export whose end mark, at
// line, says its rows were checked, with no row_check column.
func rowChecksTakenOut(name string, line int) error {
	return fmt.Errorf("%s:%d: this export's end mark says its rows carry row checks, but its %s column has been taken out, so whether its rows were changed since it was exported cannot be checked, and nothing of it is counted. Export it again, or summarise the store",
		name, line, RowCheckColumn)
}

// The NDJSON export's end line says its lines were checked in a field of
// its own, RowsCheckedField, "rows":"checked", beside its row_check: as
// in a CSV (RowsChecked), a file with the row_check field deleted from
// every line, the end line's too (jq 'del(.row_check)'), read as an
// earlier build's, unchecked, and lines edited in it were counted with no
// word. An end line that says so with no row_check is refused, and so is
// one whose lines carry none. An export made before this field (the row
// checks' first day) has no other field an earlier build's lacks: with
// its row_check fields deleted, it still reads as an earlier build's.
const (
	RowsCheckedField = "rows"
	RowsCheckedValue = "checked"
)

// lineChecksTakenOut is the refusal of an NDJSON export whose end line,
// at line, says its lines were checked, with no row_check on it or on
// the lines above it.
func lineChecksTakenOut(name string, line int) error {
	return fmt.Errorf("%s:%d: this export's end line says its lines carry row checks, but the %s field has been taken out, so whether its lines were changed since it was exported cannot be checked, and nothing of it is counted. Export it again, or summarise the store",
		name, line, RowCheckColumn)
}

// notOneRecordALine is the refusal of an NDJSON file whose line is not
// a whole JSON object, as every line of an NDJSON export is.
func notOneRecordALine(name string, line int) error {
	return fmt.Errorf("%s:%d: this line is not a whole record, where every line of an NDJSON export holds one record: the file was written again with each record spread over several lines (pretty-printed, as jq . or Python's json.dumps with indent writes it) since it was exported, and nothing of it is counted. Summarise the file as it was exported, or export it again (jq -c . writes it again one record to a line)", name, line)
}

// RowCheckColumn is the CSV export's column, and the NDJSON export's
// field, that holds a record's row check; on the end mark, the check of
// every row above it.
const RowCheckColumn = "row_check"

// rowSum is a record's row check: 4 bytes of a SHA-256 of its values but
// its record key, then 4 of one of those and its record key.
type rowSum [8]byte

// rowCheckLen is a row check's letters; fileCheckLen the end mark's.
const (
	rowCheckLen  = 2 * len(rowSum{})
	fileCheckLen = 32
)

// rowSummer makes row checks; not safe for use by two goroutines at once.
type rowSummer struct {
	h   hash.Hash
	out []byte
	msg []byte // what the first half is made from, written to h at once
	buf []byte // a record's JSON
	key []byte // the record's record key
}

func newRowSummer() *rowSummer { return &rowSummer{h: sha256.New()} }

// rowSummers are the rowSummers of the reading of exports.
var rowSummers = sync.Pool{New: func() any { return newRowSummer() }}

// start starts the check of a record of an export of kind (InputCSV or
// InputNDJSON).
func (s *rowSummer) start(kind string) {
	s.msg = append(append(append(s.msg[:0], "digicheck row check\x00"...), kind...), 0)
	s.key = s.key[:0]
}

// field adds a value, under the name of its column or field: nothing for
// an empty one, so that a column empty on every row is the same present or
// not (an export of more instrument versions, or of fewer).
func field[V string | []byte](s *rowSummer, name string, v V) {
	if name == RecordKeyColumn {
		s.key = append(s.key[:0], v...) // in the second half alone
		return
	}
	if len(v) == 0 {
		return
	}
	s.msg = append(append(append(append(s.msg, name...), 0), v...), 0)
}

func (s *rowSummer) sum() rowSum {
	var r rowSum
	s.h.Reset()
	s.h.Write(s.msg)
	s.out = s.h.Sum(s.out[:0])
	copy(r[:4], s.out)
	s.msg = append(append(append(s.msg[:0], "digicheck row check with its record key\x00"...), r[:4]...), s.key...)
	s.h.Reset()
	s.h.Write(s.msg)
	s.out = s.h.Sum(s.out[:0])
	copy(r[4:], s.out)
	return r
}

// rowCheckMatches reports whether check, as a row carries it, is sum's:
// both halves where the row has its record key (keyed), else the first.
func rowCheckMatches(sum rowSum, check string, keyed bool) bool {
	var b [rowCheckLen]byte
	l := appendLetters(b[:0], sum[:])
	if keyed {
		return string(l) == check
	}
	return len(check) == rowCheckLen && string(l[:rowCheckLen/2]) == check[:rowCheckLen/2]
}

// fileSummer makes an end mark's check from the row checks of the rows
// above it, in order: of their first halves (made without record keys),
// then of them whole.
type fileSummer struct {
	first, whole hash.Hash
	out          []byte
}

func newFileSummer() *fileSummer {
	f := &fileSummer{first: sha256.New(), whole: sha256.New()}
	f.reset()
	return f
}

func (f *fileSummer) reset() {
	f.first.Reset()
	f.first.Write([]byte("digicheck export check\x00"))
	f.whole.Reset()
	f.whole.Write([]byte("digicheck export check with record keys\x00"))
}

func (f *fileSummer) add(r rowSum) {
	f.first.Write(r[:4])
	f.whole.Write(r[:])
}

// appendCheck appends the check of the rows added since reset.
func (f *fileSummer) appendCheck(b []byte) []byte {
	f.out = f.first.Sum(f.out[:0])
	b = appendLetters(b, f.out[:fileCheckLen/4])
	f.out = f.whole.Sum(f.out[:0])
	return appendLetters(b, f.out[:fileCheckLen/4])
}

// matches reports whether check, as an end mark carries it, is that of
// the rows added since reset: both halves where every row has its record
// key (keyed), else the first.
func (f *fileSummer) matches(check string, keyed bool) bool {
	got := string(f.appendCheck(nil))
	if keyed {
		return got == check
	}
	return len(check) == fileCheckLen && got[:fileCheckLen/2] == check[:fileCheckLen/2]
}

// appendLetters appends p in the letters a to p, high 4 bits first.
func appendLetters(b []byte, p []byte) []byte {
	for _, c := range p {
		b = append(b, 'a'+c>>4, 'a'+c&15)
	}
	return b
}

// parseLetters reads a row check as appendLetters writes it.
func parseLetters(s string) (rowSum, bool) {
	var r rowSum
	if len(s) != rowCheckLen {
		return r, false
	}
	for i := range len(r) {
		hi, lo := s[2*i]-'a', s[2*i+1]-'a'
		if hi > 15 || lo > 15 {
			return r, false
		}
		r[i] = hi<<4 | lo
	}
	return r, true
}

// csvChecked reports whether a CSV row's check is made from column c of
// the export's: every one but date, end_mark and row_check. The columns
// are taken in the order the export writes them, wherever a file has
// them: moved, a column reads as it was.
func csvChecked(c string) bool {
	return c != "date" && c != EndMarkColumn && c != RowCheckColumn
}

// csvCheckColumns is which columns of an export's head a CSV row's check
// is made from (csvChecked).
func csvCheckColumns(head []string) []bool {
	in := make([]bool, len(head))
	for i, h := range head {
		in[i] = csvChecked(h)
	}
	return in
}

// csvRowSum is the check of a CSV row as written, row (its line, with or
// without its line end), whose columns are head: the fields of the
// columns in are added unquoted.
func (s *rowSummer) csvRowSum(row []byte, head []string, in []bool) rowSum {
	s.start(InputCSV)
	i := 0
	for p := 0; p <= len(row) && i < len(head); i++ {
		s.buf = s.buf[:0]
		if p < len(row) && row[p] == '"' {
			p++
			for p < len(row) {
				q := bytes.IndexByte(row[p:], '"')
				if q < 0 {
					s.buf, p = append(s.buf, row[p:]...), len(row)
					break
				}
				s.buf, p = append(s.buf, row[p:p+q]...), p+q+1
				if p < len(row) && row[p] == '"' {
					s.buf, p = append(s.buf, '"'), p+1 // a quote doubled
					continue
				}
				break
			}
			if in[i] {
				field(s, head[i], s.buf)
			}
		} else {
			q := p
			for q < len(row) && row[q] != ',' && row[q] != '\r' && row[q] != '\n' {
				q++
			}
			if in[i] {
				field(s, head[i], row[p:q])
			}
			p = q
		}
		p++ // the comma
	}
	return s.sum()
}

// ndjsonRowSum is the check of the record r of an NDJSON export's line
// (as written, or read: its own row_check is not part of it).
func (s *rowSummer) ndjsonRowSum(r *record.Record, line []byte) (rowSum, error) {
	s.start(InputNDJSON)
	var err error
	if s.buf, err = record.AppendJSON(s.buf[:0], r); err != nil {
		return rowSum{}, err
	}
	field(s, "record", s.buf)
	for _, f := range [...]string{RecordKeyColumn, FingerprintColumn, DamagedColumn} {
		field(s, f, ndjsonValue(line, f, true))
	}
	return s.sum(), nil
}

// rowChanged is the refusal of an export's record at line whose values do
// not give the row check it carries.
func rowChanged(name string, line int, what string) error {
	return fmt.Errorf("%s:%d: this %s has been changed since it was exported: its values are not those its %s was made from when digicheck wrote it (a spreadsheet's fill-down, a cell typed over, an edit by hand?), and nothing of it is counted, as a changed record would be counted as no store holds it. Export it again (an assessment is corrected in the store, with digicheck amend)",
		name, line, what, RowCheckColumn)
}

// rowsChanged is the refusal of an export whose rows each give their own
// check but not, together, the end mark's at line.
func rowsChanged(name string, line int, what string) error {
	return fmt.Errorf("%s:%d: the %ss above this end mark have been changed since it was exported: they are not, together and in order, those its %s was made from (a %s replaced by a copy of another, %ss sorted or moved?), and nothing of it is counted. Export it again",
		name, line, what, RowCheckColumn, what, what)
}
