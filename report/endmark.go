package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"digicheck/fhir"
)

// An export's end mark. An export cut short exactly at a line's end (a
// full disk, a copy or download interrupted) holds only whole lines, and
// was read as the whole export: fewer assessments counted, with no word.
// So every CSV and NDJSON export ends with a mark that says how many
// records it holds, and a summary refuses a file whose mark is missing or
// does not match, as incomplete.
//
// CSV: the header names one more column, EndMarkColumn, empty on every
// record's row; the last row is the end mark: EndOfExport and the count
// in the id column (for whoever opens the file in a spreadsheet), the
// count in EndMarkColumn, every other field empty but damaged_store.
//
// NDJSON: the first line is {"digicheck_export":"start"} and the last
// {"digicheck_export":"end","records":N}; both carry damaged_store when
// the records do.
//
// Each end mark also says the export's span (ExportSpan): what it covers,
// from the start of its --from's day (with no --from, no start: every
// record before its end) up to the end of its --to's day, or when it was
// made if that is sooner, and when it was made. A summary marks partial a period the span starts or
// ends inside from these, never from the file's modification time, which
// a copy, a download or a pipe changes. In a CSV the span follows the
// count in the id field's words ("end of export: N records above; from
// FROM to TO; made MADE", fhir.SpanWords, with no comma: the field is not
// quoted, as before); in NDJSON it is the end line's
// fields "from", "to" and "made"; in FHIR the mark's extensions
// (fhir.EndOfExport). Readers of the mark from before the span read the
// count alone, as before; an export made before it has no span, and its
// summary judges partial periods from the file's time as it did, and says
// so in its output (Summary.Unspanned).
//
// An export of an earlier build has neither: it is read as before, and
// the summary notes that whether it is complete cannot be checked
// (Inputs.UnmarkedNotes). The FHIR export's lines must each be a FHIR
// resource, as FHIR bulk data readers expect, so its end mark is one: an
// OperationOutcome that counts the resources above it (fhir.EndOfExport).
// Summaries do not read FHIR exports.
const (
	// EndMarkColumn is the CSV export's column that says the file ends
	// with an end mark: empty on every record's row, and on the last
	// row the number of rows above it.
	EndMarkColumn = "end_mark"
	// EndOfExport starts the id field of a CSV export's last row.
	EndOfExport = "end of export"
	// MarkField is the field of the NDJSON export's first and last lines.
	MarkField = "digicheck_export"
	MarkStart = "start"
	MarkEnd   = "end"
)

// markLine is an NDJSON export's first (MarkStart) or last (MarkEnd,
// with records) line, with its newline; damaged is the damaged_store
// field after its comma, or nil.
func markLine(kind string, records int, damaged []byte) []byte {
	b := []byte(`{"` + MarkField + `":"` + kind + `"`)
	if records >= 0 {
		b = append(b, `,"records":`...)
		b = strconv.AppendInt(b, int64(records), 10)
	}
	b = append(b, damaged...)
	return append(b, '}', '\n')
}

// ExportSpan is what an export covers, as its end mark says (see
// fhir.ExportSpan).
type ExportSpan = fhir.ExportSpan

// endLine is an NDJSON export's last line: its end mark, with the count
// of records, the export's span and the check of every record's line
// (file).
func endLine(records int, damaged []byte, span ExportSpan, file *fileSummer) []byte {
	b := markLine(MarkEnd, records, nil)
	b = b[:len(b)-2] // the closing brace and newline
	if !span.From.IsZero() {
		b = append(b, `,"from":"`...)
		b = span.From.AppendFormat(b, fhir.SpanTime)
		b = append(b, '"')
	}
	b = append(b, `,"to":"`...)
	b = span.To.AppendFormat(b, fhir.SpanTime)
	b = append(b, `","made":"`...)
	b = span.Made.AppendFormat(b, fhir.SpanTime)
	b = append(b, `","`+RowsCheckedField+`":"`+RowsCheckedValue+`","`+RowCheckColumn+`":"`...)
	b = append(file.appendCheck(b), '"')
	b = append(b, damaged...)
	return append(b, '}', '\n')
}

// exportSpan is the span of an export made with o at o.Made: see
// ExportSpan. It starts where --from asked, and with no --from it has no
// start: the export holds every record before its end, and a team's first
// assessment is when it began, not where the export was cut.
func (o *ExportOptions) exportSpan() ExportSpan {
	loc := o.loc()
	made := o.Made.In(loc).Truncate(time.Second)
	sp := ExportSpan{To: made, Made: made}
	if !o.From.IsZero() {
		sp.From = dayStart(o.From, loc)
	}
	if !o.To.IsZero() {
		if end := dayStart(o.To, loc).AddDate(0, 0, 1); end.Before(made) {
			sp.To = end
		}
	}
	return sp
}

// isMarkLine reports whether an NDJSON line is an end mark's line.
func isMarkLine(b []byte) bool {
	return bytes.HasPrefix(b, []byte(`{"`+MarkField+`":`))
}

// endCheck follows an export file's end marks as it is read.
type endCheck struct {
	name string
	what string // "row" or "line"
	// again is what to do for a whole file: "export it again", or, for
	// records salvaged from a damaged store, salvage them again.
	again string
	// marked: the file says it ends with an end mark (a CSV's header
	// names EndMarkColumn; an NDJSON file's start line).
	marked bool
	// open: an export has started and its end mark is not yet read.
	open bool
	// ended is the line of the last end mark read, 0 for none.
	ended int
	// unchecked: a record's row or line read carries no row check (its
	// row_check column or field taken out, or an earlier build's); an
	// export ended by its mark is then noted in Inputs.rowsUnchecked,
	// whatever its end mark's words say.
	unchecked bool
	// records are the records read since the export started.
	records int
	last    int // the line of the last record or mark read
	// span is the span the end marks read say (of several exports
	// joined, from the first's start to the last's end), and spanless
	// whether one of them says none (made before exports carried it).
	span     ExportSpan
	spanless bool
	// held is the line of an end mark read that says more records than
	// were read before it, and heldCount its count: the file is refused
	// at its end, once the records after it are counted too, as a file
	// whose rows were sorted with their end mark (the mark in the middle,
	// the rows all there) or as one that lacks rows. The end mark's
	// words for rows sorted said they were missing.
	held, heldCount, heldBefore int
}

// start notes an NDJSON start line.
func (e *endCheck) start(line int) error {
	if e.open {
		return fmt.Errorf("%s:%d: incomplete: a second export starts here before the end mark of the export above it: that one was cut short (a copy interrupted?) and the files joined after; nothing of it is counted, as part of it would be counted as the whole; copy or export it again", e.name, line)
	}
	e.marked, e.open, e.records, e.last = true, true, 0, line
	return nil
}

// record notes a record's row or line.
func (e *endCheck) record(line int) error {
	if e.ended > 0 && !e.open && e.held == 0 {
		return fmt.Errorf("%s:%d: a record after the end mark at line %d, which ends the export: lines were added after it, or files joined; give each export as a FILE of its own, or export again", e.name, line, e.ended)
	}
	e.records++
	e.last = line
	return nil
}

// end notes an end mark that says count (as written) records, and the
// span sp (ok false for a mark that says none).
func (e *endCheck) end(line int, count string, sp ExportSpan, ok bool) error {
	n, err := strconv.Atoi(strings.TrimSpace(count))
	if err != nil || n < 0 {
		return fmt.Errorf("%s:%d: the end mark's count of records %q is not a number: the file has been changed since it was exported; export it again", e.name, line, count)
	}
	if e.held > 0 {
		return e.incomplete(e.held, e.heldCount, e.heldBefore)
	}
	if e.ended > 0 && !e.open {
		return fmt.Errorf("%s:%d: a second end mark after the one at line %d: lines were added after the export, or files joined; give each export as a FILE of its own, or export again", e.name, line, e.ended)
	}
	if n > e.records && (e.open || e.ended == 0) {
		// Records may follow it (see held): the export stays open.
		e.held, e.heldCount, e.heldBefore = line, n, e.records
		return nil
	}
	if n != e.records {
		return e.incomplete(line, n, e.records)
	}
	e.marked, e.open, e.ended, e.last = true, false, line, line
	switch {
	case !ok:
		e.spanless = true
	case e.span.To.IsZero():
		e.span = sp
	default:
		if sp.From.IsZero() || (!e.span.From.IsZero() && sp.From.Before(e.span.From)) {
			e.span.From = sp.From
		}
		if sp.To.After(e.span.To) {
			e.span.To, e.span.Made = sp.To, sp.Made
		}
	}
	return nil
}

// incomplete is the refusal of an end mark at line that says n records,
// with read records read before it.
func (e *endCheck) incomplete(line, n, read int) error {
	return fmt.Errorf("%s:%d: incomplete: its end mark says the export holds %s, and %s %s read before it: %s are missing (or were added) since it was exported, and nothing of it is counted; copy it again, or %s", e.name, line, plural(n, "record", "records"), thousands(read), pluralWord(read, "was", "were"), e.what+"s", e.againWords())
}

// againWords is what to do for a whole file.
func (e *endCheck) againWords() string {
	if e.again == "" {
		return "export it again"
	}
	return e.again
}

// finish is called at the end of the file: an export started and not
// ended was cut short. One with no mark at all is an earlier build's,
// noted in in.
func (e *endCheck) finish(in *Inputs) error {
	if e.held > 0 {
		if e.records != e.heldCount {
			return e.incomplete(e.held, e.heldCount, e.heldBefore)
		}
		after := e.records - e.heldBefore
		return fmt.Errorf("%s:%d: the end mark, the %s every export of this digicheck ends with, is not the last: %s %s after it, and with them the file holds the %s its end mark says, so the %ss were sorted or moved with it (a spreadsheet's sort of every %s?) since it was exported, and nothing of it is counted, as its %ss cannot be checked in the order they were written. Summarise the file as it was exported (sort a copy that is not summarised), or %s",
			e.name, e.held, e.what, plural(after, e.what, e.what+"s"), pluralWord(after, "stands", "stand"), plural(e.heldCount, "record", "records"), e.what, e.what, e.what, e.againWords())
	}
	if e.open {
		after := ""
		if e.last > 0 {
			after = fmt.Sprintf(" after line %d", e.last)
		}
		return fmt.Errorf("%s: incomplete: it ends%s with no end mark, the last %s every export of this digicheck ends with (saying how many records it holds): it was cut short at a line's end (a full disk, a copy or download interrupted?), and nothing of it is counted, as part of it would be counted as the whole; copy it again, or %s", e.name, after, e.what, e.againWords())
	}
	if e.ended > 0 && !e.spanless && !e.span.To.IsZero() {
		if in.spans == nil {
			in.spans = map[string]ExportSpan{}
		}
		in.spans[e.name] = e.span
	}
	// With no end mark at all (an earlier build's export, or the mark
	// taken out with its column as well as the row checks) rows edited
	// are no more found than with the mark: said so as well as that
	// records may be missing (unmarked). A file check --salvage wrote
	// carries no row checks either: lines edited in it under its end
	// mark were published as salvaged, with no word.
	if (e.marked && e.ended > 0 || !e.marked) && e.unchecked && e.records > 0 && !slices.Contains(in.rowsUnchecked, e.name) {
		in.rowsUnchecked = append(in.rowsUnchecked, e.name)
	}
	if !e.marked && e.records > 0 {
		for _, u := range in.unmarked {
			if u.name == e.name {
				return nil
			}
		}
		in.unmarked = append(in.unmarked, unmarked{e.name, e.records})
	}
	return nil
}

// unmarked is an export file read with no end mark, and its records.
type unmarked struct {
	name    string
	records int
}

// UnmarkedNotes name each export read that has no end mark (made by an
// earlier version of digicheck): whether it is whole cannot be checked.
func (in *Inputs) UnmarkedNotes() []string {
	var out []string
	for _, u := range in.unmarked {
		out = append(out, fmt.Sprintf("%s has no end mark (exported by an earlier version of digicheck): whether it is complete cannot be checked, as a file cut short at a line's end reads as whole; check that the %s read from it are the count digicheck export gave, or export the store again",
			u.name, plural(u.records, "record", "records")))
	}
	return out
}

// RowsUncheckedNotes name each export read whose rows carry no row checks,
// whether or not it ends with its end mark: rows changed in it since it
// was exported cannot be found.
func (in *Inputs) RowsUncheckedNotes() []string {
	var out []string
	for _, name := range in.rowsUnchecked {
		if in.kindOf(name) == InputSalvage {
			out = append(out, fmt.Sprintf("%s holds records salvaged from a damaged store (digicheck check --salvage), which carry no row checks: lines changed in it since it was salvaged cannot be found, and the summary is marked ROWS NOT CHECKED; summarise the file as it was salvaged, or salvage the records again from the damaged store",
				name))
			continue
		}
		out = append(out, fmt.Sprintf("%s carries no row checks (its %s column or field taken out, or exported by an earlier version of digicheck): rows changed in it since it was exported cannot be found, and the summary is marked ROWS NOT CHECKED; summarise the export as it was exported, or export the store again",
			name, RowCheckColumn))
	}
	return out
}

// markOf reads an NDJSON end mark's line: its kind and count ("" for
// none), its span (spanned false for none, or one that cannot be read: the
// export is then read as one made before the span) and its check of the
// lines above ("" for none: made before row checks).
func markOf(b []byte) (kind, count string, sp ExportSpan, spanned bool, check string, rowsChecked bool, err error) {
	var m struct {
		Kind    string           `json:"digicheck_export"`
		Records *json.RawMessage `json:"records"`
		From    string           `json:"from"`
		To      string           `json:"to"`
		Made    string           `json:"made"`
		Rows    string           `json:"rows"`
		Check   *string          `json:"row_check"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return "", "", sp, false, "", false, err
	}
	rowsChecked = m.Rows == RowsCheckedValue
	if m.Records != nil {
		count = string(*m.Records)
	}
	if m.Check != nil {
		check = *m.Check
		if check == "" {
			check = "(none)" // taken out: it no longer matches
		}
	}
	sp, spanned = readMarkSpan(m.From, m.To, m.Made)
	return m.Kind, count, sp, spanned, check, rowsChecked, nil
}

// readMarkSpan reads a span's instants as an end mark writes them (from may
// be ""); ok is false when to or made is missing or any cannot be read.
func readMarkSpan(from, to, made string) (sp ExportSpan, ok bool) {
	var err error
	if sp.To, err = time.Parse(fhir.SpanTime, to); err != nil {
		return ExportSpan{}, false
	}
	if sp.Made, err = time.Parse(fhir.SpanTime, made); err != nil {
		return ExportSpan{}, false
	}
	if from != "" {
		if sp.From, err = time.Parse(fhir.SpanTime, from); err != nil {
			return ExportSpan{}, false
		}
	}
	return sp, true
}

// kindOf is the kind of the input named name (InputNDJSON, InputSalvage,
// ...), or "" for none added.
func (in *Inputs) kindOf(name string) string {
	for _, i := range in.list {
		if i.src.Name == name {
			return i.src.Kind
		}
	}
	return ""
}
