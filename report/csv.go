package report

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"digicheck/fhir"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store/facts"
)

// The CSV export: one row per record (every version of every assessment,
// voids included, so that the counting rule can be applied to it), with
// these columns, in this order. Columns are only ever added at the end.
//
//	id                  the record's pseudonymous id (a UUID of version 8,
//	                    keyed: see RecordID), or with --identifiable the
//	                    record id itself (a UUIDv7)
//	patient             the patient's pseudonym (64 hex digits), or with
//	                    --identifiable their NHS number or local number
//	patient_kind        pseudonym, nhs or local
//	time                when the record was made, at the site's precision
//	                    (export_time_precision): by default the start of
//	                    its local day with the UTC offset
//	                    (2026-03-04T00:00:00Z, 2026-07-04T00:00:00+01:00);
//	                    "minute" or "exact" (to the second) in UTC
//	                    (2026-03-04T09:30:15Z); --identifiable is exact
//	date                that time's date in the time zone of the export
//	                    (--tz, the site's timezone, else Europe/London),
//	                    YYYY-MM-DD: summaries count periods by it
//	team                the team that made the record
//	status              completed, amended or entered-in-error
//	amends              the id of the record this one supersedes, or empty
//	follows_up          the id of the assessment this one follows up, or
//	                    empty (both pseudonymous ids as id is, so they join)
//	synthetic           yes for generated test data, otherwise no
//	instrument_version  the questionnaire's version
//	directory_version   the referral directory's version
//	band_access, band_skills, band_motivation, band_trust
//	                    none, some or significant
//	primary_route, fallback_route
//	                    nhs-app, email, sms, phone, letter or carer
//	choice              the patient's choice of route, empty for no preference
//	choice_honoured     yes or no; empty for no preference
//	referrals_offered   the programme ids offered, separated by ";"; an
//	                    amendment's last are those it keeps from the
//	                    version it corrects, agreed or declined there
//	referrals_agreed    those the patient agreed to
//	referrals_declined  those they declined (see referrals_not_discussed;
//	                    the rest were saved with no answer: not recorded)
//	change_access, change_skills, change_motivation, change_trust
//	                    in a follow-up: better, same or worse since the
//	                    assessment followed up, or empty where the two
//	                    instrument versions band the domain differently
//	                    (not compared); otherwise empty
//	change_primary, change_fallback
//	                    in a follow-up: changed or same; otherwise empty
//	outcomes_attended, outcomes_helped, outcomes_not_taken_up
//	                    in a follow-up: the earlier referrals' programmes,
//	                    by what became of them, separated by ";"
//	access_devices ... equity_postcode
//	                    every answer, in the order asked, by the question's
//	                    linkId with "." written "_": option codes separated
//	                    by ";", or the text given; empty when not answered
//	referrals_not_discussed
//	                    the programmes offered that the clinician recorded
//	                    as not discussed with the patient
//	time_zone           the IANA time zone the date column is in, such as
//	                    Europe/London
//	fingerprint         pseudonymised: the record's fingerprint (see
//	                    FingerprintColumn); identifiable: empty
//	record_key          pseudonymised: the record key of the record's id
//	                    in the store, 8 hex digits, by which a summary
//	                    rounds (see RecordKeyColumn); identifiable: empty
//	end_mark            empty on every record's row; on the export's last
//	                    row, its end mark (see EndMarkColumn), the number
//	                    of rows above it
//	row_check           the row's check (see RowCheckColumn): 16 letters
//	                    a to p made from its values; on the end mark's
//	                    row, 32 made from the checks of every row above
//
// A column added after the first exports (referrals_not_discussed,
// time_zone, fingerprint, record_key, end_mark, row_check) may be missing from a CSV
// being read back: an export made before it existed, when no referral
// could be not discussed and dates were the exporting machine's.
//
// Free text (team, interpreter language) that starts with = + - @ is written
// with a ' in front, so a spreadsheet does not run it as a formula; reading
// the CSV back takes it off.
var csvColumns = append(append([]string{
	"id", "patient", "patient_kind", "time", "date", "team", "status", "amends", "follows_up", "synthetic",
	"instrument_version", "directory_version",
	"band_access", "band_skills", "band_motivation", "band_trust",
	"primary_route", "fallback_route", "choice", "choice_honoured",
	"referrals_offered", "referrals_agreed", "referrals_declined",
	"change_access", "change_skills", "change_motivation", "change_trust", "change_primary", "change_fallback",
	"outcomes_attended", "outcomes_helped", "outcomes_not_taken_up",
}, answerColumns...), laterColumns...)

// laterColumns are the columns added since the first exports, which a CSV
// read back may lack.
var laterColumns = []string{"referrals_not_discussed", "time_zone", FingerprintColumn, RecordKeyColumn, EndMarkColumn, RowCheckColumn}

// answerLinks are the answers' columns: every question of instrument
// version 1, in the order asked. An export of other versions adds a column
// for each question they add, after the last column (see
// versions.csvColumns).
var answerLinks, answerColumns = func() (links, columns []string) {
	for _, it := range questionnaire.V1.Items() {
		links, columns = append(links, it.LinkID), append(columns, columnName(it.LinkID))
	}
	return links, columns
}()

// columnName is a question's column: its linkId with "." written "_".
func columnName(link string) string { return strings.ReplaceAll(link, ".", "_") }

// csvRows formats facts as CSV rows. Each goroutine of an export has its
// own: a Pseudonymiser is not safe to share.
type csvRows struct {
	vs        *versions
	pseud     *fhir.Pseudonymiser // nil: identifiable
	fp        *fingerprinter      // of a pseudonymised export
	loc       *time.Location
	precision string // of the time column
	// fields holds each name of the table as written in a CSV field, and
	// text the same for free text; made once per table, as names repeat
	// on every row.
	names        *facts.Names
	fields, text [][]byte
	// squeezed is, in a pseudonymised export, each name with a digit in
	// upper case without spaces or dashes (nil for one without): only
	// such free text can hold its record's patient's identifier
	// (record.PatientIDSpans looks for none without a digit), and one
	// that does holds the identifier as kept, found with no allocation.
	squeezed [][]byte
	// The local date of the last row's day, and that day in UTC seconds.
	dayStart, dayEnd int64
	date, dayTime    []byte
	// The row checks: the export's columns, those a row's check is made
	// from, where the last row's check goes in b, and the checks of the
	// rows sealed since they were last taken, in order.
	head    []string
	checked []bool
	checkAt int
	summer  *rowSummer
	sums    []rowSum
}

// rowCheckPlaceholder stands in the row_check field of a row being made
// until seal writes its check there.
var rowCheckPlaceholder = bytes.Repeat([]byte{'-'}, rowCheckLen)

// seal writes the check of the row b[start:] (made by append, with the
// damaged_store field if any) into its row_check field, and notes it.
func (cw *csvRows) seal(b []byte, start int) {
	if cw.summer == nil {
		cw.summer = newRowSummer()
	}
	sum := cw.summer.csvRowSum(b[start:], cw.head, cw.checked)
	appendLetters(b[cw.checkAt:cw.checkAt], sum[:])
	cw.sums = append(cw.sums, sum)
}

var (
	bandCodes  = [4]string{"none", "some", "significant", ""}
	trendCodes = [4]string{"", "same", "better", "worse"} // by stored trend + 1
	yesNo      = map[bool]string{true: "yes", false: "no"}
)

func (cw *csvRows) useNames(names *facts.Names) {
	if cw.names == names {
		return
	}
	for i := len(cw.fields); i < names.Len(); i++ {
		s := names.Name(uint32(i))
		cw.fields = append(cw.fields, appendField(nil, s))
		if cw.pseud != nil {
			// Free text (the team, the language) kept before the
			// boxes refused a patient's number in it.
			cw.text = append(cw.text, appendText(nil, record.WithoutPatientNumbers(s)))
			var sq []byte
			if strings.ContainsAny(s, "0123456789") {
				sq = []byte(strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(s)))
			}
			cw.squeezed = append(cw.squeezed, sq)
			continue
		}
		cw.text = append(cw.text, appendText(nil, s))
	}
	cw.names = names
}

// append appends one record's facts as a row to b. It fails, having
// appended nothing, for a record of an instrument version it does not
// know.
func (cw *csvRows) append(b []byte, id []byte, v facts.View, names *facts.Names) ([]byte, error) {
	cw.useNames(names)
	_, ver, err := cw.vs.of(v, v.InstrumentVersion(), names)
	if err != nil {
		return b, err
	}
	b = cw.appendID(b, id)
	b = append(b, ',')
	if cw.pseud != nil {
		b = cw.pseud.Append(b, names.Name(v.Patient()), v.PatientValue())
		b = append(b, ",pseudonym,"...)
	} else {
		b = appendField(b, string(v.PatientValue()))
		b = append(b, ',')
		b = append(b, cw.fields[v.Patient()]...)
		b = append(b, ',')
	}
	t := v.Time()
	if t < cw.dayStart || t >= cw.dayEnd {
		lt := time.Unix(t, 0).In(cw.loc)
		y, m, d := lt.Date()
		start := time.Date(y, m, d, 0, 0, 0, 0, cw.loc)
		cw.dayStart, cw.dayEnd = start.Unix(), start.AddDate(0, 0, 1).Unix()
		cw.date = start.AppendFormat(cw.date[:0], time.DateOnly)
		// The start of the local day, with its offset from UTC, so the
		// date reads the same in the text as in the date column and a
		// summary of the file counts the record on that day.
		cw.dayTime = start.AppendFormat(cw.dayTime[:0], time.RFC3339)
	}
	switch cw.precision {
	case PrecisionDate:
		b = append(b, cw.dayTime...)
	case PrecisionMinute:
		b = time.Unix(t-t%60, 0).UTC().AppendFormat(b, time.RFC3339)
	default:
		b = time.Unix(t, 0).UTC().AppendFormat(b, time.RFC3339)
	}
	b = append(b, ',')
	b = append(b, cw.date...)
	b = append(b, ',')
	b = cw.appendFree(b, v, names, v.Team(), 0)
	b = append(b, ',')
	b = append(b, v.Status()...)
	b = append(b, ',')
	if a := v.Amends(); a != uuid.Nil {
		b = cw.appendID(b, a[:])
	}
	b = append(b, ',')
	if f := v.FollowsUp(); f != uuid.Nil {
		b = cw.appendID(b, f[:])
	}
	b = append(b, ',')
	b = append(b, yesNo[v.Synthetic()]...)
	b = append(b, ',')
	b = append(b, cw.fields[v.InstrumentVersion()]...)
	b = append(b, ',')
	b = append(b, cw.fields[v.DirectoryVersion()]...)
	bands := v.PackedBands()
	for d := range 4 {
		b = append(b, ',')
		b = append(b, bandCodes[bands>>(2*d)&3]...)
	}
	b = append(b, ',')
	b = append(b, v.Primary()...)
	b = append(b, ',')
	b = append(b, v.Fallback()...)
	b = append(b, ',')
	b = append(b, v.Choice()...)
	b = append(b, ',')
	if v.Choice() != "" {
		b = append(b, yesNo[v.ChoiceHonoured()]...)
	}
	nrefs := v.NumReferrals()
	// Offered (any consent), agreed, declined.
	for want := range uint32(3) {
		b = cw.appendEntries(append(b, ','), v, 0, nrefs, want)
	}
	ch := v.PackedChange()
	for d := range 4 {
		b = append(b, ',')
		b = append(b, trendCodes[ch>>(2*d)&3]...)
	}
	c := v.Change()
	for _, changed := range [2]bool{c.PrimaryChanged, c.FallbackChanged} {
		b = append(b, ',')
		if c.Present {
			if changed {
				b = append(b, "changed"...)
			} else {
				b = append(b, "same"...)
			}
		}
	}
	// Attended, helped, not taken up.
	for want := range uint32(3) {
		b = cw.appendEntries(append(b, ','), v, nrefs, nrefs+v.NumOutcomes(), want+1)
	}
	b = cw.appendAnswers(b, v, names, ver, ver.cols[:len(answerLinks)])
	b = cw.appendEntries(append(b, ','), v, 0, nrefs, consentNotDiscussed)
	b = append(b, ',')
	b = append(b, cw.loc.String()...)
	b = append(b, ',')
	if cw.fp != nil {
		b = cw.fp.append(b, [16]byte(id))
	}
	b = append(b, ',')
	if cw.pseud != nil {
		b = appendRecordKey(b, [16]byte(id))
	}
	b = append(b, ',') // end_mark: empty but on the last row
	b = append(b, ',')
	cw.checkAt = len(b)
	b = append(b, rowCheckPlaceholder...) // row_check: made by seal
	b = cw.appendAnswers(b, v, names, ver, ver.cols[len(answerLinks):])
	return append(b, '\r', '\n'), nil
}

// appendAnswers appends the answer columns cols of v, each after a comma.
func (cw *csvRows) appendAnswers(b []byte, v facts.View, names *facts.Names, ver *version, cols []int) []byte {
	for _, col := range cols {
		b = append(b, ',')
		switch col {
		case colNone:
		case colLanguage:
			b = cw.appendFree(b, v, names, v.Language(), languageMaxLen(ver))
		case colPostcode:
			b = append(b, v.Postcode().String()...)
		default:
			b = ver.tab.AppendCodes(b, col, ver.tab.Mask(v, col), ';')
		}
	}
	return b
}

// appendFree appends free text, the name numbered n (the team, the
// language), of the row v: in a pseudonymised export, with the row's
// patient's own identifier withheld where the text holds it
// (record.WithoutPatientID), as the NDJSON and FHIR exports write it, cut
// to most characters (none: any) as an answer's question takes.
func (cw *csvRows) appendFree(b []byte, v facts.View, names *facts.Names, n uint32, most int) []byte {
	if cw.pseud == nil || cw.squeezed[n] == nil {
		return append(b, cw.text[n]...)
	}
	id := v.PatientValue()
	if len(id) == 0 || !bytes.Contains(cw.squeezed[n], id) && bytes.IndexByte(id, '-') < 0 {
		return append(b, cw.text[n]...)
	}
	p := record.PatientID{Kind: names.Name(v.Patient()), Value: string(id)}
	s := record.WithoutPatientNumbers(names.Name(n))
	w := record.WithoutPatientID(s, p)
	if w == s {
		return append(b, cw.text[n]...)
	}
	return appendText(b, fitWithheld(w, most))
}

// languageMaxLen is the most characters the language answered in words
// takes in ver's instrument.
func languageMaxLen(ver *version) int {
	if ver == nil || ver.ins == nil {
		return 0
	}
	if it, ok := ver.ins.Item(questionnaire.LinkLanguage); ok {
		return it.MaxLen
	}
	return 0
}

// appendEntries appends the programmes of entries from to to (referrals
// then outcomes, as View.RawEntry numbers them) whose code is want (any,
// for 0), separated by ";".
func (cw *csvRows) appendEntries(b []byte, v facts.View, from, to int, want uint32) []byte {
	sep := false
	for i := from; i < to; i++ {
		if prog, c := v.RawEntry(i); want == 0 || c == want {
			if sep {
				b = append(b, ';')
			}
			b, sep = append(b, cw.fields[prog]...), true
		}
	}
	return b
}

// appendID appends a record id, pseudonymised (see RecordID) unless the
// export is identifiable.
func (cw *csvRows) appendID(b []byte, id []byte) []byte {
	if cw.pseud != nil {
		p := cw.pseud.RecordID([16]byte(id))
		return appendUUID(b, p[:])
	}
	return appendUUID(b, id)
}

func appendUUID(b []byte, id []byte) []byte {
	var s [36]byte
	hex.Encode(s[0:8], id[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], id[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], id[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], id[8:10])
	s[23] = '-'
	hex.Encode(s[24:], id[10:])
	return append(b, s[:]...)
}

// appendField appends s, quoted as CSV needs.
func appendField(b []byte, s string) []byte {
	plain := s == "" || s[0] != ' '
	for i := 0; plain && i < len(s); i++ {
		switch s[i] {
		case ',', '"', '\r', '\n':
			plain = false
		}
	}
	if plain {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := range len(s) {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// appendText appends free text, with a ' in front of anything a
// spreadsheet would take for a formula.
func appendText(b []byte, s string) []byte {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	return appendField(b, s)
}

func unText(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

// checkSaved refuses text read from an export that no digicheck saves
// (questionnaire.CheckText; the store refuses it at every save, as
// capture does): a control character, a NUL, a tab, a line break or a
// bidi override in a team's name, a patient's identifier or a reason
// means the file was changed after it was exported. Counted, such a team
// was a team of its own, whose patients disclosure control took out of
// the totals as too few, and a NUL in an identifier made another
// patient. The error names the field, and shows its value (escaped) when
// show is set: never a patient's identifier, which may be an NHS number.
// The invisible format characters that names may no longer hold (a
// left-to-right mark: questionnaire.CheckName) are let through, as
// earlier builds saved them and a store's summary counts them; they are
// shown escaped.
func checkSaved(field, value string, show bool) error {
	err := questionnaire.CheckText(value)
	if err == nil {
		return nil
	}
	why := strings.TrimSuffix(strings.TrimSuffix(err.Error(), ": retype the text without it"), ": retype it")
	if show {
		field += ` "` + questionnaire.Printable(value) + `"`
	}
	return fmt.Errorf("%s: %s; no digicheck saves that, so the file has been changed since it was exported: correct the line, or export the store again", field, why)
}

// AddCSV adds a CSV export (every column above must be there, in any
// order; others are ignored). r is read again when the summary is made:
// keep it open until then.
func (in *Inputs) AddCSV(r io.ReadSeeker, name string) error {
	vs := newVersions(in.Instruments)
	return in.addFile(r, name, InputCSV, func(r io.Reader, push func(int, print, reducer) error) error {
		input := &csvInput{lines: newLines(r, name)}
		// The header says the separator: "," or, as R's write.csv2
		// and spreadsheets in locales with a decimal comma write it,
		// ";".
		first, err := input.lines.next()
		if errors.Is(err, io.EOF) {
			return nil // an empty file: no records (see Sniff)
		}
		if err != nil {
			return csvError(name, err)
		}
		input.pending = bytes.Clone(first)
		// digicheck never quotes its header; R quotes every field of it.
		byR := bytes.HasPrefix(bytes.TrimPrefix(first, bom), []byte{'"'})
		cr := csv.NewReader(input)
		cr.Comma = csvSeparator(first)
		head, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil // an empty file: no records (see Sniff)
		}
		if err != nil {
			return csvError(name, err)
		}
		input.rowDone()
		if len(head) > 0 {
			head[0] = strings.TrimPrefix(head[0], "\ufeff")
		}
		col := map[string]int{}
		for i, h := range head {
			if strings.ContainsRune(h, '\r') {
				return lineEndsChanged(name, 1, h, h, i == len(head)-1)
			}
			col[h] = i
		}
		columns := vs.csvColumns()
		idx := make([]int, len(columns))
		for i, c := range columns {
			j, ok := col[c]
			if !ok && i < len(csvColumns) && !slices.Contains(laterColumns, c) {
				return missingColumn(name, c)
			}
			if !ok {
				j = -1 // read as empty
			}
			idx[i] = j
		}
		// The versions whose rows hold every answer their bands are
		// worked out from, to check them by (Inputs.CheckBands).
		whole := answersWhole(vs, col)
		tzCol, hasTZ := col["time_zone"]
		endCol, marked := col[EndMarkColumn]
		// The row checks: of an export made since rows carried them.
		checkCol, checked := col[RowCheckColumn]
		// The columns checked, in the export's own order (columns, then
		// DamagedColumn), wherever the file has them.
		var checkedCols []int
		for _, c := range append(slices.Clone(columns), DamagedColumn) {
			if j, ok := col[c]; ok && csvChecked(c) {
				checkedCols = append(checkedCols, j)
			}
		}
		end := endCheck{name: name, what: "row", marked: marked, open: marked, last: 1, unchecked: !checked}
		for {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				return end.finish(in)
			}
			if err != nil {
				return csvError(name, err)
			}
			input.rowDone()
			line, _ := cr.FieldPos(0)
			if marked && endCol < len(rec) {
				if v := strings.TrimSpace(rec[endCol]); v != "" && v != "NA" {
					var sp ExportSpan
					spanned := false
					if j, ok := col["id"]; ok && j < len(rec) {
						sp, spanned = fhir.ReadSpanWords(rec[j])
						if !checked && strings.Contains(rec[j], "; "+RowsChecked) {
							return rowChecksTakenOut(name, line)
						}
					}
					if err := end.end(line, v, sp, spanned); err != nil {
						return err
					}
					if end.held == line {
						continue // refused at the file's end (endCheck.held)
					}
					mark := print{mark: true, checked: checked}
					if checked && checkCol < len(rec) {
						mark.check = cmp.Or(strings.TrimSpace(rec[checkCol]), "(none)")
					}
					if err := push(line, mark, nil); err != nil {
						return err
					}
					continue
				}
			}
			if err := end.record(line); err != nil {
				return err
			}
			if hasTZ && tzCol < len(rec) {
				in.noteZone(name, rec[tzCol])
			}
			get := func(column int) string {
				if idx[column] < 0 {
					return ""
				}
				v := rec[idx[column]]
				if v == "NA" && (byR || !freeText[column]) {
					return "" // R's missing value, where NA is no value of ours
				}
				return v
			}
			if j, ok := col["status"]; ok && j < len(rec) && rec[j] == StatusUnreadable {
				damaged := ""
				if k, ok := col[DamagedColumn]; ok && k < len(rec) {
					damaged = rec[k]
				}
				return unreadableRecord(fmt.Sprintf("%s:%d", name, line), "", damaged)
			}
			// A row with the fingerprint column and none in it, or marked
			// as exported with the store's own secret damaged, lost its
			// fingerprint; an earlier build's export, from before
			// fingerprints, has no such column (input.unprinted).
			var fp print
			if j, ok := col[FingerprintColumn]; ok && j < len(rec) {
				fp = print{fp: rec[j], lost: rec[j] == ""}
			}
			if j, ok := col[DamagedColumn]; ok && j < len(rec) && fp.fp == "" && secretDamaged(rec[j]) {
				fp.lost = true
			}
			fp.key = -1
			if j, ok := col[RecordKeyColumn]; ok && j < len(rec) {
				if fp.key, err = parseRecordKey(strings.TrimSpace(rec[j])); err != nil {
					return fmt.Errorf("%s:%d: %v", name, line, err)
				}
			}
			if checked && checkCol < len(rec) {
				fp.checked, fp.check = true, strings.TrimSpace(rec[checkCol])
				_, fp.keyed = col[RecordKeyColumn]
			}
			err = push(line, fp, func(f *facts.Fact, sum *rowSum) error {
				if fp.checked {
					s := rowSummers.Get().(*rowSummer)
					s.start(InputCSV)
					for _, i := range checkedCols {
						if i < len(rec) {
							v := rec[i]
							if v == "NA" && (byR || !freeTextColumn(head[i])) {
								v = ""
							}
							field(s, head[i], v)
						}
					}
					*sum = s.sum()
					rowSummers.Put(s)
				}
				if err := parseCSVRow(f, get, vs); err != nil {
					return fmt.Errorf("%s:%d: %v", name, line, err)
				}
				if in.CheckBands && whole[f.InstrumentVersion] {
					if err := bandsFollow(f, vs.ins[f.InstrumentVersion]); err != nil {
						return fmt.Errorf("%s:%d: %w", name, line, err)
					}
				}
				if fp.checked && !rowCheckMatches(*sum, fp.check, fp.keyed) {
					for i, v := range rec {
						if strings.ContainsRune(v, '\r') && i < len(head) {
							return lineEndsChanged(name, line, head[i], v, i == len(rec)-1)
						}
					}
					return rowChanged(name, line, "row")
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
	})
}

// noteZone notes that CSV export name has dates in zone.
func (in *Inputs) noteZone(name, zone string) {
	if zone == "" || zone == "NA" {
		return
	}
	if in.zones == nil {
		in.zones = map[string][]string{}
	}
	if !slices.Contains(in.zones[name], zone) {
		in.zones[name] = append(in.zones[name], zone)
	}
}

// CheckZones refuses CSV exports whose dates are days in another time zone
// than loc, the zone a summary counts in. A pseudonymised export's times
// are the start of the day in its own zone (2026-06-01T00:00:00-04:00):
// counted in another zone they fall on the day before or after it, or on
// the same day by chance, and the output would name a zone the counts are
// not in (an export made with --tz America/New_York was counted by New
// York days under "Europe/London", with no word). The error names the
// --tz that counts the file by its own days.
//
// exact is a summary without disclosure control (--exact): it may be
// counted in the file's zone. With disclosure control every summary is
// counted in the site's zone (loc), so the refusal offers only what can
// be followed: export again in it, or --exact, not for publication.
func (in *Inputs) CheckZones(loc *time.Location, exact bool) error {
	if err := in.checkOffsets(loc); err != nil {
		return err
	}
	names := make([]string, 0, len(in.zones))
	for name := range in.zones {
		names = append(names, name)
	}
	slices.Sort(names)
	var zones []string
	for _, name := range names {
		for _, z := range in.zones[name] {
			if !slices.Contains(zones, z) {
				zones = append(zones, z)
			}
		}
	}
	for _, name := range names {
		zs := in.zones[name]
		switch {
		case len(zs) > 1:
			return fmt.Errorf("%s: its dates are in more than one time zone (%s, in its time_zone column): export it again with one --tz", name, strings.Join(zs, ", "))
		case zs[0] != loc.String() && len(zones) == 1 && exact:
			return fmt.Errorf("%s: its dates are days in %s (its time_zone column), not %s, the zone this summary counts in: summarise it with --exact --tz %s, or export it again with --tz %s", name, zs[0], loc, zs[0], loc)
		case zs[0] != loc.String() && len(zones) == 1:
			return fmt.Errorf("%s: its dates are days in %s (its time_zone column), not %s, the site's time zone, which every summary with disclosure control is counted in: export it again with --tz %s (or, not for publication, summarise it with --exact --tz %s)", name, zs[0], loc, loc, zs[0])
		case zs[0] != loc.String() && exact:
			return fmt.Errorf("%s: its dates are days in %s (its time_zone column), not %s, the zone this summary counts in, and the inputs are in %s: export them again with one --tz", name, zs[0], loc, strings.Join(zones, ", "))
		case zs[0] != loc.String():
			return fmt.Errorf("%s: its dates are days in %s (its time_zone column), not %s, the site's time zone, which every summary with disclosure control is counted in, and the inputs are in %s: export each again with --tz %s", name, zs[0], loc, strings.Join(zones, ", "), loc)
		}
	}
	return nil
}

// checkOffsets refuses a pseudonymised NDJSON export any of whose
// records' days starts at a UTC offset loc does not have at that time:
// its days are another zone's (see noteOffset). The refusal names the
// file's first such record, by its line.
func (in *Inputs) checkOffsets(loc *time.Location) error {
	names := make([]string, 0, len(in.offsets))
	for name := range in.offsets {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, d := range in.offsets[name].list {
			_, off := d.t.Zone()
			if _, want := d.t.In(loc).Zone(); want != off {
				at := name
				if d.line > 0 {
					at = fmt.Sprintf("%s:%d", name, d.line)
				}
				return fmt.Errorf("%s: this record's day starts at UTC%s (%s), not at %s's UTC%s that day: the file's days are days in another time zone than %s, the zone this summary counts in, and nothing of it is counted. Export it again with --tz %s (or, not for publication, summarise it with --exact and the --tz it was exported with)",
					at, d.t.Format("-07:00"), d.ts, loc, d.t.In(loc).Format("-07:00"), loc, loc)
			}
		}
	}
	return nil
}

// CSV exports re-saved by R. write.csv quotes every field, writes a
// first column of row names headed "" and writes a missing value as NA
// (read.csv reads an empty column as missing); write.csv2 does the same
// with ";" between fields and a decimal comma. Columns are found by name,
// so the row names are passed over; NA is read as empty in every column
// of a file R wrote (its header quoted), free text too: R writes a column
// of free text empty throughout (the interpreter language, mostly) as NA,
// which read as the text "NA" made every record differ from the export it
// was copied from, while a team or language typed as "NA" is far rarer.
// In a file digicheck wrote, NA in free text (team, interpreter language)
// is what was typed. An export has no decimals, so a decimal comma changes
// nothing. TestAnExportResavedByRIsReadAsItWas,
// TestAnExportBesideItsRCopyHoldsTheSameRecords.

// csvHeaderStarts are how a CSV export's header may start: as digicheck
// writes it, every field quoted, or after R's row-name column, with ","
// or ";" between fields.
var csvHeaderStarts = sync.OnceValue(func() [][]byte {
	var out [][]byte
	for _, sep := range []string{",", ";"} {
		for _, id := range []string{csvColumns[0], `"` + csvColumns[0] + `"`} {
			out = append(out, []byte(id+sep), []byte(`""`+sep+id+sep))
		}
	}
	return out
})

// isCSVHeader reports whether head starts a CSV export.
func isCSVHeader(head []byte) bool {
	for _, s := range csvHeaderStarts() {
		if bytes.HasPrefix(head, s) {
			return true
		}
	}
	return false
}

// csvSeparator is the field separator of a CSV export whose header line
// is head: ";" when a ";" comes before any "," outside quotes.
func csvSeparator(head []byte) rune {
	quoted := false
	for _, c := range bytes.TrimPrefix(head, bom) {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ';':
			return ';'
		case c == ',':
			return ','
		}
	}
	return ','
}

// freeTextColumn reports whether column c holds text a person typed, where
// NA may be a value (see freeText).
func freeTextColumn(c string) bool { return c == "team" || c == "comms_language" }

// freeText are the positions, in versions.csvColumns, of the columns of
// text a person typed, where NA may be a value.
var freeText = map[int]bool{
	slices.Index(csvColumns, "team"):           true,
	slices.Index(csvColumns, "comms_language"): true,
}

// csvError says what stopped a CSV export being read, at its FILE:LINE.
func csvError(name string, err error) error {
	if errors.Is(err, errLineTooLong) || errors.Is(err, errCutShort) {
		return err // says FILE:LINE itself
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: %v", name, pe.StartLine, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// parseCSVRow reads one CSV row, given each column by its position in
// vs.csvColumns(), into facts.
func parseCSVRow(f *facts.Fact, get func(int) string, vs *versions) error {
	*f = facts.Fact{}
	c := 0
	next := func() string { c++; return get(c - 1) }
	var err error
	if f.ID, err = uuid.Parse(next()); err != nil {
		return fmt.Errorf("id: %v", err)
	}
	f.Patient.Value = next()
	if err := checkSaved("patient identifier", f.Patient.Value, false); err != nil {
		return err
	}
	f.Patient.Kind = next()
	ts := next()
	t, err := time.Parse(time.RFC3339, ts)
	if err != nil {
		// Go's own words name its layout ("2006-01-02T15:04:05Z07:00"),
		// not what went wrong: a spreadsheet saved over the file
		// writes its own date and time.
		return fmt.Errorf("time %q is not as digicheck export writes it (such as 2026-01-05T11:00:00Z): %s", ts, spreadsheetHint)
	}
	f.Time = t.Unix()
	next() // date: worked out again from time
	f.Team = unText(next())
	if err := checkSaved("team", f.Team, true); err != nil {
		return err
	}
	f.Status = record.Status(next())
	for _, dst := range []*uuid.UUID{&f.Amends, &f.FollowsUp} {
		if s := next(); s != "" {
			if *dst, err = uuid.Parse(s); err != nil {
				return fmt.Errorf("link %q: %v", s, err)
			}
		}
	}
	switch s := next(); s {
	case "yes":
		f.Synthetic = true
	case "no":
	default:
		return fmt.Errorf("synthetic %q: yes or no", s)
	}
	f.InstrumentVersion = next()
	ins, ok := vs.ins[f.InstrumentVersion]
	if !ok {
		return fmt.Errorf("instrument version %q is not one this digicheck knows", f.InstrumentVersion)
	}
	if f.Answers.Table, err = facts.TableFor(ins); err != nil {
		return err
	}
	f.DirectoryVersion = next()
	bands := [4]*questionnaire.Band{&f.Bands.Access, &f.Bands.Skills, &f.Bands.Motivation, &f.Bands.Trust}
	for _, b := range bands {
		if err := b.UnmarshalText([]byte(next())); err != nil {
			return err
		}
	}
	f.Primary = questionnaire.Route(next())
	f.Fallback = questionnaire.Route(next())
	f.Choice = questionnaire.Route(next())
	switch s := next(); s {
	case "yes":
		f.ChoiceHonoured = true
	case "no", "":
	default:
		return fmt.Errorf("choice_honoured %q: yes, no or empty", s)
	}
	offered, agreed, declined := list(next()), list(next()), list(next())
	for _, p := range offered {
		consent := ""
		switch {
		case slices.Contains(agreed, p):
			consent = questionnaire.Agreed
		case slices.Contains(declined, p):
			consent = questionnaire.Declined
		}
		f.Referrals = append(f.Referrals, facts.Referral{Programme: p, Consent: consent})
	}
	// Not discussed is in the last column; its consent is set there.
	var blank [4]bool
	for d := range 4 {
		s := next()
		if s == "" {
			blank[d] = true
			continue
		}
		tr := slices.Index(trendCodes[:], s)
		if tr < 1 {
			return fmt.Errorf("change %q: better, same, worse or empty", s)
		}
		f.Change.Present = true
		f.Change.Domains[d] = record.Trend(tr - 1)
	}
	// In a follow-up, a domain left empty was not compared (the two
	// instrument versions band it differently).
	for d := range 4 {
		if f.Change.Present && blank[d] {
			f.Change.Domains[d] = record.NotCompared
		}
	}
	for _, dst := range []*bool{&f.Change.PrimaryChanged, &f.Change.FallbackChanged} {
		switch s := next(); s {
		case "changed":
			*dst = true
		case "same", "":
		default:
			return fmt.Errorf("route change %q: changed, same or empty", s)
		}
	}
	for _, o := range record.OutcomeCodes {
		for _, p := range list(next()) {
			f.Outcomes = append(f.Outcomes, facts.Outcome{Programme: p, Outcome: o})
		}
	}
	answers := func(links []string) error {
		for _, link := range links {
			s := next()
			if s == "" {
				continue
			}
			switch link {
			case questionnaire.LinkLanguage:
				f.Answers.Language = unText(s)
			case questionnaire.LinkPostcodeDistrict:
				if f.Answers.Postcode, err = facts.ParseDistrict(s); err != nil {
					return err
				}
			default:
				for code := range strings.SplitSeq(s, ";") {
					if err := f.Answers.Select(link, code); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	if err := answers(answerLinks); err != nil {
		return err
	}
	for _, p := range list(next()) {
		i := slices.IndexFunc(f.Referrals, func(r facts.Referral) bool { return r.Programme == p && r.Consent == "" })
		if i < 0 {
			return fmt.Errorf("referrals_not_discussed: %q is not a referral offered with no other answer", p)
		}
		f.Referrals[i].Consent = questionnaire.NotDiscussed
	}
	next() // time_zone: the time column carries its offset
	next() // fingerprint: read by AddCSV
	next() // record_key: read by AddCSV
	next() // end_mark: read by AddCSV
	next() // row_check: read by AddCSV
	return answers(vs.columns)
}

func list(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}

// lineEndsChanged is the refusal of a CSV export whose field of column
// (a header's name, or a row's field) at line holds a carriage return,
// which no digicheck export writes there: text was added between a line's
// CR and its LF (a comma at the end of each line of a CRLF file, added by
// a tool that splits lines at LF), and the column read is not the one
// written. It was refused as a row changed, at the first row whose last
// field was not empty, which blamed that row alone.
//
// What was done is told from the field, which holds the CR, and whether it
// is its row's last (last): text after the CR that holds more than spaces
// is the next line's, the file's lines ending in CR alone but for an LF at
// its end; a CR ending the row's last field is CR CR LF (a second CR added
// at each line's end, as a copy in text mode of a file with Windows line
// ends adds one); spaces after it, or another field after it, are text
// added between the CR and the LF. The column is named by the header's
// text before the CR: with CR-only line ends the header's last name runs
// on into the next line.
func lineEndsChanged(name string, line int, column, field string, last bool) error {
	column, _, _ = strings.Cut(column, "\r")
	_, after, _ := strings.Cut(field, "\r")
	const unread = "so its columns are not read as they were written, and nothing of it is counted"
	col := questionnaire.Quote(column)
	switch {
	case strings.TrimSpace(after) != "":
		return fmt.Errorf("%s:%d: the file's lines end in a carriage return (CR) alone, as Excel for Mac's \"CSV (Macintosh)\" saves them, but for a line feed (LF) at its end, where every export ends them in CRLF or LF: the CR at the end of the field of column %s is read as part of it, with the next line's text, %s. Summarise the file as it was exported, or save it again as \"CSV UTF-8\" (with Windows or Unix line ends)",
			name, line, col, unread)
	case last && after == "":
		return fmt.Errorf("%s:%d: the file's lines end in CR CR LF, a second carriage return (CR) added at each line's end (as a copy in text mode of a file with Windows line ends adds one), where every export ends them in CRLF or LF: the extra CR is read as part of the field of column %s, %s. Summarise the file as it was exported, or export it again",
			name, line, col, unread)
	case last:
		return fmt.Errorf("%s:%d: the file's line ends were changed since it was exported: text (spaces) stands between a line's CR and its LF, after the field of column %s, %s. Summarise the file as it was exported, or export it again",
			name, line, col, unread)
	}
	return fmt.Errorf("%s:%d: a carriage return (CR) stands inside the field of column %s, where no digicheck export writes one: the file's line ends were changed since it was exported (text added between a line's CR and its LF, as a tool that splits lines at LF alone adds a comma at each line's end), %s. Summarise the file as it was exported, or export it again",
		name, line, col, unread)
}

// spreadsheetHint says what to do with a CSV export a spreadsheet
// probably changed when it was saved from it.
const spreadsheetHint = "a spreadsheet probably changed the column when the file was saved from it. Export the file again, or open it in the spreadsheet with every column imported as text and do not save it from there"
