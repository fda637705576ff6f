package report

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"digicheck/fhir"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// Export formats.
const (
	FormatCSV    = "csv"
	FormatNDJSON = "ndjson"
	FormatFHIR   = "fhir"
)

// PseudonymKind is the patient identifier kind a pseudonymised NDJSON
// export writes in place of nhs or local.
const PseudonymKind = "pseudonym"

// Time precisions of a pseudonymised export (the site config's
// export_time_precision). An exact time, with the team, narrows a row to
// one clinic slot; the date is enough for counting by day, week or month.
const (
	PrecisionDate   = "date" // the default
	PrecisionMinute = "minute"
	PrecisionExact  = "exact" // as kept: CSV and FHIR to the second, NDJSON to the nanosecond
)

// ExportOptions choose what an export writes.
type ExportOptions struct {
	// From and To select assessments by the date (in Location) of their
	// first version, inclusive; zero leaves that end open. Every version
	// of a selected assessment is exported, so a summary of the export
	// over the same period counts what a summary of the store does.
	From, To time.Time
	Location *time.Location
	// Identifiable writes NHS numbers, local numbers, record ids, exact
	// times and staff names, as kept. Otherwise the export is
	// pseudonymised: patients and record ids are named by keyed
	// pseudonyms made with Key, times are given at TimePrecision, and
	// staff names and free-text reasons are left out.
	Identifiable bool
	Key          []byte
	// TimePrecision is PrecisionDate (also for ""), PrecisionMinute or
	// PrecisionExact; an identifiable export is always exact.
	TimePrecision string
	// Progress, if not nil, is called now and then with the number of
	// records written so far.
	Progress func(written int)
	// Context, if not nil, cancels the export (Ctrl+C): it stops within a
	// few thousand records and returns the context's error.
	Context context.Context
	// Unreadable, if not nil, collects the records that cannot be read
	// (facts or record that fail to decode, a record that does not match
	// its checksum): they are left out of the export and the caller must
	// say so and fail. With nil, the first one ends the export with
	// ErrDamaged.
	Unreadable *Unreadables
	// Instruments are the instrument versions whose records are
	// exported; nil is Instruments, every one digicheck has. The CSV has
	// a column for every question of them (see versions.csvColumns).
	Instruments map[string]*questionnaire.Instrument
	// FHIR is the site's canonical base, identifier systems and ODS code
	// for a FHIR export.
	FHIR fhir.Site
	// Lost is what a skim of the store's records found lost
	// (store.LostRecordPages): the NDJSON and FHIR exports step over
	// those pages, giving each record they held as unreadable, rather
	// than stopping there with part of the export written. With nil and
	// Unreadable set, the export skims the store itself.
	Lost *store.LostPages
	// Damaged, when not "", says how the store was damaged when read
	// (read past a damaged newest meta page, found damaged before, pages
	// of records lost):
	// every CSV row and NDJSON line carries it, in the DamagedColumn, so
	// that a file passed on still says so and a summary of it warns.
	Damaged string
	// FromRecords, with Unreadable set, has the export work every
	// record's facts out from the record itself (store.EachRecordFacts)
	// rather than read them from the QI copy, which cannot be read
	// (store.QICopyDamage): the records being sound, the export holds
	// them all, at the cost of decoding each.
	FromRecords bool
	// DamagedIfFound, when Damaged is "", is the mark a CSV export gives
	// every row when the check of the records' checksums it makes before
	// its header finds one damaged: a stream cannot be written again
	// with the mark, as a file is.
	DamagedIfFound string
	// Absent are records the export stands for that st does not hold: a
	// FHIR server's versions its cache refused to keep. Each gets its
	// unreadable row (CSV) or line (NDJSON) after the records', counted
	// by the end mark, as a record the store cannot read does: left out
	// silently, the file read as whole.
	Absent []store.Unreadable
	// Made is when the export is made, which its end mark says, with
	// its span (ExportSpan); zero is when the export starts.
	Made time.Time
}

// eachFacts reads the facts of every record of st for an export: from
// the QI copy, or worked out from the records when FromRecords is set.
func (o *ExportOptions) eachFacts(st *store.Store, fn func(store.FactChunk) error) error {
	if o.FromRecords && o.Unreadable != nil {
		return st.EachRecordFacts(o.Lost, fn, o.Unreadable.Add)
	}
	return st.EachFactChunk(fn)
}

// DamagedColumn is the CSV export's last column, and the NDJSON export's
// field, that says a store was read damaged (ExportOptions.Damaged). It is
// there only then, so every other export keeps its documented columns.
const DamagedColumn = "damaged_store"

// StatusUnreadable is the status of the line an NDJSON export, or the
// row a CSV export, writes in the place of a record it could not read: its id, the id of the version
// it replaces where the store's links say, and why, so that a reader
// never takes the version it replaces as current. A summary of the file
// stops at it (the CSV's rows come after the others).
const StatusUnreadable = "unreadable"

// unreadableWhy is what the line of a record left out says. It names no
// id: the store's message may name the record's own, which a
// pseudonymised export never shows.
const unreadableWhy = "this version could not be read in the store it was exported from, so the current version of its assessment is unknown: run digicheck check on the store"

// serverUnreadableWhy is what the line of a version a FHIR server holds
// and this machine could not keep says (ExportOptions.Absent): there is
// no store to check, and the server's version is for IT to look into.
const serverUnreadableWhy = "this version is on the FHIR server this was exported from, but could not be kept on the machine that exported it, so the current version of its assessment is unknown: tell IT, naming this version, and export the server again once it is mended"

// ServerLeftMark is the damaged_store mark of an export or summary of a
// FHIR server whose cache here could not keep n of its record versions,
// or "" for none.
func ServerLeftMark(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "1 record version " + serverLeftWords + " and is left out"
	}
	return fmt.Sprintf("%d record versions %s and are left out", n, serverLeftWords)
}

// serverLeftWords are the words of ServerLeftMark a summary knows an
// export of a FHIR server by.
const serverLeftWords = "on the FHIR server could not be kept here"

// unreadableRecord is the refusal of an export file holding the line or
// row of a version left out as unreadable (at, "FILE:LINE"; id, "" when
// not said): from a store, to check it; from a FHIR server (its mark,
// damaged), there is no store to check.
func unreadableRecord(at, id, damaged string) error {
	which := "this record"
	if id != "" {
		which = "record " + id
	}
	if strings.Contains(damaged, serverLeftWords) {
		return fmt.Errorf("%s: %s is on the FHIR server this file was exported from, but the machine that exported it could not keep it, so the current version of its assessment is unknown and nothing of the file is counted: tell IT that the server holds a version digicheck cannot take in, giving this id, and export the server again once it is mended; meanwhile digicheck summary --server URL counts the rest of the server, marked DAMAGED", at, which)
	}
	return fmt.Errorf("%s: %s could not be read in the store this file was exported from, so the current version of its assessment is unknown and nothing of the file is counted: run digicheck check on that store and export it again once mended", at, which)
}

// cancelled is the context's error, checked now and then by the loops.
func (o *ExportOptions) cancelled() error {
	if o.Context == nil {
		return nil
	}
	return o.Context.Err()
}

func (o *ExportOptions) loc() *time.Location {
	if o.Location == nil {
		return time.Local
	}
	return o.Location
}

func (o *ExportOptions) pseudonymiser() (*fhir.Pseudonymiser, error) {
	if o.Identifiable {
		return nil, nil
	}
	if o.Key == nil {
		return nil, ErrNoKey
	}
	if _, err := o.precision(); err != nil {
		return nil, err
	}
	return fhir.NewPseudonymiser(o.Key)
}

// precision is the export's time precision.
func (o *ExportOptions) precision() (string, error) {
	switch {
	case o.Identifiable:
		return PrecisionExact, nil
	case o.TimePrecision == "":
		return PrecisionDate, nil
	case o.TimePrecision == PrecisionDate, o.TimePrecision == PrecisionMinute, o.TimePrecision == PrecisionExact:
		return o.TimePrecision, nil
	}
	return "", fmt.Errorf("export time precision %q: use date, minute or exact", o.TimePrecision)
}

// exportTime is a record's time at the export's precision: the start of
// its local day, the minute in UTC, or as kept.
func (o *ExportOptions) exportTime(t time.Time, precision string) time.Time {
	switch precision {
	case PrecisionDate:
		y, m, d := t.In(o.loc()).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, o.loc())
	case PrecisionMinute:
		return t.UTC().Truncate(time.Minute)
	}
	return t
}

// selection answers, for each record, whether an export with a period
// writes it, and which version stands for its assessment: it holds the
// store's supersession links and the times of the first versions.
type selection struct {
	chains *chains
	first  map[uuid.UUID]int64 // the time of each amended assessment's first version
	lo, hi int64
	all    bool
}

// selection reads the store's links and, for a period or when need is
// set, the times of the first versions of amended assessments, from the
// facts: facts that cannot be read are noted in o.Unreadable, so that
// their records are left out of exports made from the records too.
func (o *ExportOptions) selection(st *store.Store, need bool) (*selection, error) {
	sel := &selection{lo: -1 << 62, hi: 1 << 62}
	if !o.From.IsZero() {
		sel.lo = dayStart(o.From, o.loc()).Unix()
	}
	if !o.To.IsZero() {
		sel.hi = dayStart(o.To, o.loc()).AddDate(0, 0, 1).Unix()
	}
	sel.all = o.From.IsZero() && o.To.IsZero()
	if sel.all && !need {
		return sel, nil
	}
	in := &Inputs{}
	if err := in.AddStore(st); err != nil {
		return nil, err
	}
	ch, err := o.links(in, st, need)
	if err != nil {
		return nil, err
	}
	sel.chains, sel.first = ch, map[uuid.UUID]int64{}
	for _, b := range ch.prev {
		sel.first[ch.root(b)] = 0
	}
	if sel.all {
		// A period's selection needs the first versions' times; an
		// export of every record needs only the links.
		return sel, nil
	}
	err = o.eachFacts(st, func(c store.FactChunk) error {
		for i := range c.Len() {
			id, v, err := c.At(i)
			if err != nil {
				if o.Unreadable.skipFact(c, i, err) {
					continue
				}
				return err
			}
			if _, ok := sel.first[uuid.UUID(id)]; ok {
				sel.first[uuid.UUID(id)] = v.Time()
			}
		}
		return nil
	})
	return sel, err
}

// links are the chains of st's records for an export. An export that
// writes an assessment's versions as one (need: FHIR) reads every record
// anyway: its links are read against the records, and worked out from
// them when the QI copy's are damaged (store.ExportLinks), every line then
// marked, so that it holds what the sound store's export held.
func (o *ExportOptions) links(in *Inputs, st *store.Store, need bool) (*chains, error) {
	if !need {
		return in.links()
	}
	links, qi, err := st.ExportLinks(o.Lost)
	if err != nil {
		return nil, err
	}
	if qi != nil && o.Damaged == "" {
		o.Damaged = "found damaged by this export: the QI copy's links between versions of an assessment are damaged, so it was made from the records themselves"
	}
	aside, err := st.SetAsideLines()
	if err != nil {
		return nil, err
	}
	c := &chains{prev: map[uuid.UUID]uuid.UUID{}, next: map[uuid.UUID]bool{}}
	for a, b := range links {
		if !aside[a] { // never counted: see Inputs.links
			c.prev[a], c.next[b] = b, true
		}
	}
	return c, nil
}

// wants reports whether the record with id, made at t, is written: its
// assessment's first version falls in the period.
func (s *selection) wants(id uuid.UUID, t int64) bool {
	if s.all {
		return true
	}
	if first, ok := s.first[s.chains.root(id)]; ok {
		t = first
	}
	return t >= s.lo && t < s.hi
}

// ExportCSV writes the store's records as CSV (see csvColumns), from their
// facts. It returns the number of rows written. Rows are made by two
// goroutines at once, a few thousand at a time, and written in order.
func ExportCSV(w io.Writer, st *store.Store, o ExportOptions) (int, error) {
	if o.Made.IsZero() {
		o.Made = time.Now()
	}
	var rows [2]*csvRows
	for i := range rows {
		pseud, err := o.pseudonymiser()
		if err != nil {
			return 0, err
		}
		prec, _ := o.precision() // checked by pseudonymiser
		rows[i] = &csvRows{pseud: pseud, loc: o.loc(), precision: prec}
		rows[i].fp = fingerprints(st, pseud)
	}
	vs := newVersions(o.Instruments)
	rows[0].vs, rows[1].vs = vs, vs
	sel, err := o.selection(st, false)
	if err != nil {
		return 0, err
	}
	// The rows are made from the facts, whose blocks keep a checksum of
	// their own: a record whose bytes fail its checksum, or on a page that
	// cannot be read, would be written in full from facts that still
	// pass, where NDJSON marks it unreadable. So the records' checksums
	// are checked first, before the header, and those rows left out as
	// NDJSON leaves them out.
	var failed map[uuid.UUID]store.Unreadable
	met := map[uuid.UUID]bool{} // the failed records whose facts were met
	var metMu sync.Mutex
	// Facts worked out from the records are read with them: a record
	// that cannot be read is left out there, as NDJSON leaves it out.
	if o.Unreadable != nil && o.Lost == nil {
		lostPages := st.LostRecordPages
		if !o.FromRecords {
			lostPages = st.RecordPagesChecked // the check below, from the same read
		}
		if o.Lost, err = lostPages(); err != nil {
			return 0, err
		}
	}
	if o.Unreadable != nil && !o.FromRecords {
		bad, err := st.SumFailures(o.Lost)
		if err != nil {
			return 0, err
		}
		for _, u := range bad {
			if id, err := uuid.Parse(u.ID); err == nil {
				if failed == nil {
					failed = map[uuid.UUID]store.Unreadable{}
				}
				failed[id] = u
			} else {
				o.Unreadable.Add(u)
			}
		}
	}
	if o.Damaged == "" && len(failed) > 0 {
		o.Damaged = o.DamagedIfFound
	}
	// Rows go out in batches of a megabyte or so, written straight to w.
	head := vs.csvColumns()
	var damaged []byte // the last field of every row, after its comma
	if o.Damaged != "" {
		head = append(head, DamagedColumn)
		damaged = appendField([]byte{','}, o.Damaged)
	}
	if _, err := io.WriteString(w, strings.Join(head, ",")+"\r\n"); err != nil {
		return 0, err
	}
	checked := csvCheckColumns(head)
	for _, r := range rows {
		r.head, r.checked = head, checked
	}
	file := newFileSummer() // the end mark's check of every row
	const batch = 8192
	var (
		// Two sets of buffers: one batch's rows are written from one
		// while the next batch's are made in the other.
		bufs   [2][2][]byte
		set    int
		counts [2]int
		n      int
		// writing says how the write of the last batch went, nil when
		// none is under way.
		writing chan error
	)
	written := func() error {
		if writing == nil {
			return nil
		}
		err := <-writing
		writing = nil
		return err
	}
	var errs [2]error
	aside, err := notCounted(st)
	if err != nil {
		return 0, err
	}
	format := func(k int, ch store.FactChunk, from, to int) {
		b := bufs[set][k][:0]
		for i := from; i < to; i++ {
			id, v, err := ch.At(i)
			if err != nil {
				if o.Unreadable.skipFact(ch, i, err) {
					continue
				}
				errs[k] = err
				break
			}
			if aside[uuid.UUID(id)] {
				continue // set off its line on settling a conflict, or voided on a server: never counted
			}
			if u, bad := failed[uuid.UUID(id)]; bad {
				// Met: left out here if in the period, else not at all.
				if sel.wants(uuid.UUID(id), v.Time()) {
					o.Unreadable.Add(u)
				}
				metMu.Lock()
				met[uuid.UUID(id)] = true
				metMu.Unlock()
				continue
			}
			if sel.wants(uuid.UUID(id), v.Time()) {
				start := len(b)
				if b, err = rows[k].append(b, id, v, ch.Names()); err != nil {
					err = fmt.Errorf("record %s cannot be exported: %w", uuid.UUID(id), err)
					if o.Unreadable == nil {
						errs[k] = err
						break
					}
					o.Unreadable.Add(store.Unreadable{ID: uuid.UUID(id).String(), Why: err.Error()})
					continue
				}
				if damaged != nil {
					b = append(append(b[:len(b)-2], damaged...), '\r', '\n')
				}
				rows[k].seal(b, start)
				counts[k]++
			}
		}
		bufs[set][k] = b
	}
	err = o.eachFacts(st, func(ch store.FactChunk) error {
		if err := o.cancelled(); err != nil {
			return err
		}
		// Here, not in the goroutines: both read the tables.
		if err := vs.resolve(ch.Names()); err != nil {
			return err
		}
		for _, r := range rows {
			r.useNames(ch.Names())
		}
		for from := 0; from < ch.Len(); from += batch {
			to := min(from+batch, ch.Len())
			mid := (from + to) / 2
			done := make(chan struct{})
			go func() { format(1, ch, mid, to); close(done) }()
			format(0, ch, from, mid)
			<-done
			if err := errors.Join(errs[0], errs[1], o.cancelled()); err != nil {
				return err
			}
			// The rows' checks, in the order the rows are written.
			for _, r := range rows {
				for _, sum := range r.sums {
					file.add(sum)
				}
				r.sums = r.sums[:0]
			}
			// Written, in order, while the next batch is made: the
			// write (the kernel copying some 600 MB at a million
			// records) and the rows each took a core's time, one
			// after the other.
			if err := written(); err != nil {
				return err
			}
			writing = make(chan error, 1)
			go func(rows [2][]byte) {
				var err error
				for _, b := range rows {
					if err == nil {
						_, err = w.Write(b)
					}
				}
				writing <- err
			}(bufs[set])
			set = 1 - set
			before := n
			n = counts[0] + counts[1]
			if o.Progress != nil && n/65536 != before/65536 {
				o.Progress(n)
			}
		}
		return nil
	})
	// Never left writing: a file is written again, or removed, after.
	if werr := written(); err == nil {
		err = werr
	}
	if err == nil {
		// A record that fails whose facts were never met (its value
		// damaged where it says how to find them) has no time to select
		// it by: left out, as NDJSON leaves it out, never dropped.
		for _, id := range slices.SortedFunc(maps.Keys(failed), func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) }) {
			if !met[id] {
				o.Unreadable.Add(failed[id])
			}
		}
		var left int
		if left, err = unreadableRows(w, st, o, head, rows[0].pseud, file); err == nil {
			err = endRow(w, head, n+left, o.Damaged, o.exportSpan(), file)
		}
	}
	return n, err
}

// endRow writes the CSV export's last row, its end mark: "end of export"
// in the id column and the number of rows above it (records, and those
// left out as unreadable) in the EndMarkColumn, every other field empty
// but damaged_store, which carries the mark as every row does. A file cut
// short at a row's end lacks it, and a summary refuses it as incomplete.
// The id column's words go on with the export's span (fhir.SpanWords), and
// the row_check column holds the check of every row above (file).
func endRow(w io.Writer, head []string, rows int, damaged string, span ExportSpan, file *fileSummer) error {
	row := make([]string, len(head))
	row[0] = fmt.Sprintf("%s: %d %s above; %s", EndOfExport, rows, pluralWord(rows, "record", "records"), RowsChecked)
	if !span.To.IsZero() {
		row[0] += "; " + fhir.SpanWords(span)
	}
	row[slices.Index(head, EndMarkColumn)] = strconv.Itoa(rows)
	row[slices.Index(head, RowCheckColumn)] = string(file.appendCheck(nil))
	if i := slices.Index(head, DamagedColumn); i >= 0 {
		row[i] = damaged
	}
	var b []byte
	for i, f := range row {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendField(b, f)
	}
	_, err := w.Write(append(b, '\r', '\n'))
	return err
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// unreadableRows writes, last, a row for each record a CSV export left out
// as unreadable: its id, status unreadable and, where the store's links
// say, the version it replaces in amends, every other field empty but its
// row check, which file notes. Left out silently, the version it replaces
// would read as current. A summary of the file stops at such a row.
func unreadableRows(w io.Writer, st *store.Store, o ExportOptions, head []string, pseud *fhir.Pseudonymiser, file *fileSummer) (int, error) {
	list := append(o.Unreadable.List(), o.Absent...)
	if len(list) == 0 {
		return 0, nil
	}
	written := 0
	links, _ := st.FactLinks() // unreadable links: the rows name none
	col := func(name string) int { return slices.Index(head, name) }
	idCol, statusCol, amendsCol, damagedCol, checkCol := col("id"), col("status"), col("amends"), col(DamagedColumn), col(RowCheckColumn)
	checked := csvCheckColumns(head)
	summer := newRowSummer()
	row := make([]string, len(head))
	var b []byte
	for _, u := range list {
		id, err := uuid.Parse(u.ID)
		if err != nil {
			continue // no id to write: named on standard error only
		}
		clear(row)
		prev, amends := links[id]
		if pseud != nil {
			id, prev = pseud.RecordID(id), pseud.RecordID(prev)
		}
		row[idCol], row[statusCol] = id.String(), StatusUnreadable
		if amends {
			row[amendsCol] = uuid.UUID(prev).String()
		}
		if damagedCol >= 0 {
			row[damagedCol] = o.Damaged
		}
		summer.start(InputCSV)
		for i, f := range row {
			if checked[i] {
				field(summer, head[i], f)
			}
		}
		sum := summer.sum()
		file.add(sum)
		row[checkCol] = string(appendLetters(nil, sum[:]))
		b = b[:0]
		for i, f := range row {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendField(b, f)
		}
		b = append(b, '\r', '\n')
		if _, err := w.Write(b); err != nil {
			return written, err
		}
		written++
		o.Unreadable.Wrote(u.ID)
	}
	return written, nil
}

// ExportNDJSON writes the store's records in full, one JSON object a line.
// Pseudonymised (see pseudonymise), each record keeps its answers, bands,
// recommendation and team, with no patient identifier, record id, exact
// time, clinician or free-text reason.
func ExportNDJSON(w io.Writer, st *store.Store, o ExportOptions) (int, error) {
	if o.Made.IsZero() {
		o.Made = time.Now()
	}
	pseud, err := o.pseudonymiser()
	if err != nil {
		return 0, err
	}
	sel, err := o.selection(st, false)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	var damaged []byte // the damaged_store field, after its comma
	if o.Damaged != "" {
		v, _ := json.Marshal(o.Damaged)
		damaged = append([]byte(`,"`+DamagedColumn+`":`), v...)
	}
	// A record that cannot be read gets a line of its own in its place,
	// saying so and naming the version it replaces: left out silently,
	// the version it replaces would read as current. The links are read
	// as the store is, before the line is made.
	var links map[uuid.UUID]uuid.UUID
	linksRead := false
	left := 0 // the unreadable lines written
	missing := func(u store.Unreadable, why string) error {
		id, err := uuid.Parse(u.ID)
		if err != nil {
			return nil // no id to write: named on standard error only
		}
		if !linksRead {
			linksRead = true
			links, _ = st.FactLinks() // unreadable links: the line names none
		}
		l := struct {
			ID         string `json:"id"`
			Amends     string `json:"amends,omitempty"`
			Status     string `json:"status"`
			Unreadable string `json:"unreadable"`
		}{ID: id.String(), Status: StatusUnreadable, Unreadable: why}
		prev, amends := links[id]
		if pseud != nil {
			l.ID = pseud.PseudonymousID(record.ID(id)).String()
			prev = uuid.UUID(pseud.PseudonymousID(record.ID(prev)))
		}
		if amends {
			l.Amends = prev.String()
		}
		b, err := json.Marshal(l)
		if err != nil {
			return err
		}
		if damaged != nil {
			b = append(b[:len(b)-1], damaged...)
			b = append(b, '}')
		}
		left++
		o.Unreadable.Wrote(u.ID)
		_, err = bw.Write(append(b, '\n'))
		return err
	}
	// The first line says the export ends with an end mark (endLine),
	// so that a file cut short at a line's end is known from an
	// earlier build's export, which has neither.
	if _, err := bw.Write(markLine(MarkStart, -1, damaged)); err != nil {
		return 0, err
	}
	// The records are decoded, and their lines made, on every core, a
	// few dozen at a time, and written here in the store's order:
	// decoding each record with encoding/json, one after another, was
	// most of the export's time.
	makers := make([]lineMaker, runtime.GOMAXPROCS(0))
	for i := range makers {
		p, err := o.pseudonymiser()
		if err != nil {
			return 0, err
		}
		m := &ndjsonLines{o: &o, pseud: p, fp: fingerprints(st, p), damaged: damaged, summer: newRowSummer()}
		m.enc = json.NewEncoder(&m.line)
		m.enc.SetEscapeHTML(false)
		makers[i] = m.append
	}
	file := newFileSummer() // the end mark's check of every record's line
	n, err := o.eachLine(st, sel, makers, func(line []byte) error {
		// Its row check, written last.
		sum, _ := parseLetters(ndjsonValue(line, RowCheckColumn, true))
		file.add(sum)
		_, err := bw.Write(line)
		return err
	}, func(u store.Unreadable) error { return missing(u, unreadableWhy) })
	for _, u := range o.Absent {
		if err == nil {
			err = missing(u, serverUnreadableWhy)
		}
	}
	if err == nil {
		_, err = bw.Write(endLine(n+left, damaged, o.exportSpan(), file))
	}
	if err == nil {
		err = bw.Flush()
	}
	return n, err
}

// ndjsonLines makes the lines of an NDJSON export's records, on one
// goroutine: each has its own pseudonymiser and fingerprints.
type ndjsonLines struct {
	o       *ExportOptions
	pseud   *fhir.Pseudonymiser
	fp      *fingerprinter
	damaged []byte // the damaged_store field, after its comma
	line    bytes.Buffer
	enc     *json.Encoder // into line, leaving <, > and & as they are
	summer  *rowSummer
}

// append appends r's line, with its newline, to b.
func (m *ndjsonLines) append(b []byte, r record.Record) ([]byte, error) {
	id := r.ID
	if m.pseud != nil {
		var err error
		if r, err = m.o.pseudonymise(r, m.pseud); err != nil {
			return b, err
		}
	}
	start := len(b)
	b, err := recordLine(b, &r, &m.line, m.enc)
	if err != nil {
		return b[:start], err
	}
	b = bytes.TrimSuffix(b, []byte("}"))
	b = append(b, m.damaged...)
	if m.pseud != nil {
		b = append(b, `,"`+RecordKeyColumn+`":"`...)
		b = append(appendRecordKey(b, id), '"')
	}
	// The fingerprint after the record, where a summary looks for it, and
	// the row check last.
	if m.fp != nil {
		b = append(b, `,"`+FingerprintColumn+`":"`...)
		b = append(m.fp.append(b, id), '"')
	}
	// The row check after it, of all above.
	sum, err := m.summer.ndjsonRowSum(&r, b[start:])
	if err != nil {
		return b[:start], err
	}
	b = append(b, `,"`+RowCheckColumn+`":"`...)
	b = append(appendLetters(b, sum[:]), '"')
	return append(b, '}', '\n'), nil
}

// recordLine appends r's JSON to dst, with no newline: as enc (an
// encoder into line that leaves <, > and & as they are) writes it.
// record.AppendJSON writes json.Marshal's bytes without reflection;
// Marshal writes <, > and & as \u003c, \u003e and
// \u0026, so a line holding one of those is written by enc instead.
func recordLine(dst []byte, r *record.Record, line *bytes.Buffer, enc *json.Encoder) ([]byte, error) {
	b, err := record.AppendJSON(dst, r)
	if err == nil && !bytes.Contains(b[len(dst):], []byte(`\u00`)) {
		return b, nil
	}
	line.Reset()
	if err := enc.Encode(r); err != nil {
		return dst, err
	}
	return append(dst, bytes.TrimSuffix(line.Bytes(), []byte("\n"))...), nil
}

// A lineMaker appends the line of a record an export writes to b; each
// is called on one goroutine only.
type lineMaker func(b []byte, r record.Record) ([]byte, error)

// linePiece is how many records a worker of eachLine takes at a time.
const linePiece = 64

// recordsPerChunk is about how many records a chunk of the store's
// reading holds (store.EachStoredChunk), for the buffers kept.
const recordsPerChunk = 1024

// lineChunk is one chunk of the store's records (store.EachStoredChunk)
// on its way through eachLine: the workers fill out, a piece each at a
// time, and close done when the last piece is made.
type lineChunk struct {
	items []store.Stored
	out   []madeLine
	bufs  [][]byte // each piece's lines, one after another
	left  atomic.Int32
	done  chan struct{}
}

// madeLine is what a worker made of one stored record.
type madeLine struct {
	id     record.ID
	read   bool // decoded, or passed over on the word of its head: id is its own
	bad    *store.Unreadable
	err    error // why bad, for an export that ends at the first
	write  bool  // the selection takes it: its line is bufs[piece][lo:hi]
	lerr   error // its line could not be made
	lo, hi int32
	piece  int32
}

// errLinesStopped stops the store's reading once writing the lines has
// ended (an error, Ctrl+C); the writer says why.
var errLinesStopped = errors.New("report: the export's lines stopped")

// eachLine is eachRecord (which it keeps the order and the findings of)
// with the records decoded, and their lines made by makers, one a
// goroutine, as many records at once as there are makers; write is
// called with each line, and missing with each record left out, in the
// store's order, on the caller's goroutine. A record the selection does
// not take, as its head says (store.Stored.Head), is passed over without
// being decoded: an export of one quarter decodes the quarter.
func (o *ExportOptions) eachLine(st *store.Store, sel *selection, makers []lineMaker, write func([]byte) error, missing func(store.Unreadable) error) (int, error) {
	skipping := o.Unreadable != nil
	lost := o.Lost
	if lost == nil && skipping {
		var err error
		if lost, err = st.LostRecordPages(); err != nil {
			return 0, err
		}
	}
	aside, err := notCounted(st)
	if err != nil {
		return 0, err
	}
	// The workers.
	work := make(chan struct {
		c     *lineChunk
		piece int
	}, 2*len(makers))
	var stop atomic.Bool
	var wg sync.WaitGroup
	// The pieces' buffers, written, are made again for the next: the
	// lines are some 4 kB a record.
	spare := make(chan []byte, 4*recordsPerChunk/linePiece)
	for _, mk := range makers {
		wg.Go(func() {
			for p := range work {
				c := p.c
				if !stop.Load() {
					from, to := p.piece*linePiece, min((p.piece+1)*linePiece, len(c.items))
					var b []byte
					select {
					case b = <-spare:
					default:
					}
					for i := from; i < to; i++ {
						b = o.makeLine(st, sel, aside, skipping, mk, c, i, b)
					}
					c.bufs[p.piece] = b
				}
				if c.left.Add(-1) == 0 {
					close(c.done)
				}
			}
		})
	}
	// The store's reading, handing each chunk to the workers and to the
	// writer below.
	chunks := make(chan *lineChunk, 2)
	read := make(chan error, 1)
	go func() {
		err := st.EachStoredChunk(lost, skipping, func(items []store.Stored) error {
			if stop.Load() {
				return errLinesStopped
			}
			if err := o.cancelled(); err != nil {
				return err
			}
			pieces := (len(items) + linePiece - 1) / linePiece
			c := &lineChunk{items: items, out: make([]madeLine, len(items)), bufs: make([][]byte, pieces), done: make(chan struct{})}
			c.left.Store(int32(pieces))
			chunks <- c
			for i := range pieces {
				work <- struct {
					c     *lineChunk
					piece int
				}{c, i}
			}
			return nil
		})
		close(work)
		close(chunks)
		read <- err
	}()
	// The writer: the records left out of a chunk are met before its
	// readable ones, as store.EachPast hands them out; missing is called
	// for each in id order, just before the first record after it.
	n, seen := 0, 0
	var pending unreadableQueue
	flush := func(before *record.ID) error { return pending.flush(before, missing) }
	chunk := func(c *lineChunk) error {
		for i := range c.out {
			if m := &c.out[i]; m.bad != nil {
				if !skipping {
					return m.err
				}
				o.Unreadable.Add(*m.bad)
				pending = append(pending, *m.bad)
			}
		}
		for i := range c.out {
			m := &c.out[i]
			if !m.read {
				continue
			}
			if err := flush(&m.id); err != nil {
				return err
			}
			if aside[uuid.UUID(m.id)] {
				continue // set off its line on settling a conflict, or voided on a server: never counted
			}
			if seen++; seen%256 == 0 {
				if err := o.cancelled(); err != nil {
					return err
				}
			}
			if o.Unreadable.Has(m.id.String()) {
				// Its facts could not be read for the selection.
				if err := missing(store.Unreadable{ID: m.id.String()}); err != nil {
					return err
				}
				continue
			}
			if !m.write {
				continue
			}
			if n++; o.Progress != nil && n%4096 == 0 {
				o.Progress(n)
			}
			if m.lerr != nil {
				return m.lerr
			}
			if err := write(c.bufs[m.piece][m.lo:m.hi]); err != nil {
				return err
			}
		}
		return nil
	}
	var werr error
	for c := range chunks {
		<-c.done
		if werr == nil {
			if werr = chunk(c); werr != nil {
				stop.Store(true)
			}
		}
		for _, b := range c.bufs {
			select {
			case spare <- b[:0]:
			default:
			}
		}
	}
	wg.Wait()
	err = <-read
	if werr != nil {
		return n, werr
	}
	if err == nil {
		err = flush(nil)
	}
	return n, err
}

// makeLine makes, with mk, what eachLine writes of the i'th record of c,
// appending its line, if any, to b: the record is decoded, unless its head
// says it is set aside or outside the selection.
func (o *ExportOptions) makeLine(st *store.Store, sel *selection, aside map[uuid.UUID]bool, skipping bool, mk lineMaker, c *lineChunk, i int, b []byte) []byte {
	x, m := c.items[i], &c.out[i]
	if x.Bad != nil {
		m.bad, m.err = x.Bad, fmt.Errorf("record %s: %s", x.Bad.ID, x.Bad.Why)
		return b
	}
	if t, ok := x.Head(); ok {
		// The head carries the key as its id, so the key is the id.
		if id, err := record.ParseID(string(x.Key)); err == nil && !id.IsZero() && (aside[uuid.UUID(id)] || !sel.wants(uuid.UUID(id), t.Unix())) {
			m.id, m.read = id, true
			return b
		}
	}
	r, u, err := st.Decode(x, skipping)
	if err != nil {
		m.bad, m.err = &u, err
		return b
	}
	m.id, m.read = r.ID, true
	if aside[uuid.UUID(r.ID)] || !sel.wants(uuid.UUID(r.ID), r.Time.Unix()) {
		return b
	}
	m.write, m.piece, m.lo = true, int32(i/linePiece), int32(len(b))
	b, m.lerr = mk(b, r)
	m.hi = int32(len(b))
	return b
}

// eachRecord calls write with every record the selection takes, in id
// order, and returns how many records write wrote. A
// record whose facts could not be read for the selection is left out
// with them, not exported on a guess.
func (o *ExportOptions) eachRecord(st *store.Store, sel *selection, write func(record.Record) (bool, error), missing func(store.Unreadable) error) (int, error) {
	n, seen := 0, 0
	// The records left out of a chunk are met before its readable ones:
	// missing is called for each in id order, just before the first
	// record after it.
	var pending unreadableQueue
	flush := func(before *record.ID) error { return pending.flush(before, missing) }
	skip := o.Unreadable.skipper()
	if skip != nil && missing != nil {
		skip = func(u store.Unreadable) {
			o.Unreadable.Add(u)
			pending = append(pending, u)
		}
	}
	lost := o.Lost
	if lost == nil && skip != nil {
		var err error
		if lost, err = st.LostRecordPages(); err != nil {
			return 0, err
		}
	}
	aside, err := notCounted(st)
	if err != nil {
		return 0, err
	}
	err = st.EachPast(lost, func(r record.Record) error {
		if err := flush(&r.ID); err != nil {
			return err
		}
		if aside[uuid.UUID(r.ID)] {
			return nil // set off its line on settling a conflict, or voided on a server: never counted
		}
		if seen++; seen%256 == 0 {
			if err := o.cancelled(); err != nil {
				return err
			}
		}
		if o.Unreadable.Has(r.ID.String()) {
			// Its facts could not be read for the selection.
			if missing != nil {
				return missing(store.Unreadable{ID: r.ID.String()})
			}
			return nil
		}
		if !sel.wants(uuid.UUID(r.ID), r.Time.Unix()) {
			return nil
		}
		wrote, err := write(r)
		if wrote {
			if n++; o.Progress != nil && n%4096 == 0 {
				o.Progress(n)
			}
		}
		return err
	}, skip)
	if err == nil {
		err = flush(nil)
	}
	return n, err
}

// pseudonymise makes a record fit for a pseudonymised export: the patient
// is named by pseudonym (kind "pseudonym"); the record's id and the ids it
// links to (amends, follows_up, a follow-up's change since) by
// pseudonymous ids, so that links still
// join but the id printed in the EHR note finds nothing; the time is given
// at the site's precision; and the clinician and the free text a person
// typed (why a record was voided or amended, a patient's reason for not
// taking up a referral), which can name staff, patients or family, are
// left out. The team stays (summaries count by team), and so do the
// answers, the interpreter language among them: it says which language,
// as the coded main language does.
func (o *ExportOptions) pseudonymise(r record.Record, p *fhir.Pseudonymiser) (record.Record, error) {
	for _, id := range []*record.ID{&r.ID, &r.Amends, &r.FollowsUp} {
		*id = p.PseudonymousID(*id)
	}
	prec, err := o.precision()
	if err != nil {
		return r, err
	}
	r.Time = o.exportTime(r.Time, prec)
	if r.Change != nil {
		c := *r.Change // the record's own is shared with the caller
		c.Since = p.PseudonymousID(c.Since)
		c.SinceTime = o.exportTime(c.SinceTime, prec)
		r.Change = &c
	}
	r = withoutPatientNumbers(r, r.Patient)
	r.Patient = record.PatientID{Kind: PseudonymKind, Value: p.Pseudonym(r.Patient.Kind, r.Patient.Value)}
	r.Clinician = ""
	r.VoidReason = ""
	r.AmendReason = ""
	if len(r.Outcomes) > 0 {
		outs := make([]record.ReferralOutcome, len(r.Outcomes))
		copy(outs, r.Outcomes)
		for i := range outs {
			outs[i].Reason = ""
		}
		r.Outcomes = outs
	}
	return r, nil
}

// ExportFHIR writes one FHIR R4 QuestionnaireResponse per assessment, one
// a line (NDJSON, as FHIR bulk data is): the current version's answers,
// under the id of the assessment's first version so that a FHIR server
// sees each assessment as one resource, with status completed, amended
// (the answers were changed since) or entered-in-error (voided), and the
// Questionnaire's canonical URL and version. Each response is followed by
// the resources derived from it (fhir.Resources: the bands and the contact
// route as Observations, communication needs as Flags, agreed referrals
// as ServiceRequests), and it returns the number of assessments.
//
// Its last line is the end mark (fhir.EndOfExport): an OperationOutcome
// that says how many resources are above it, so that a file cut short at
// a line's end is known as incomplete, as the CSV and NDJSON exports'
// end marks make theirs known.
//
// Read from a damaged store, every resource carries the damage as a meta
// tag (fhir.DamagedTagURL), and a version that could not be read has an
// OperationOutcome in its place (fhir.Unreadable), so that the stream
// itself says what the NDJSON export's damaged_store and unreadable lines
// say.
//
// Pseudonymised, the response's id is the pseudonymous id of the
// assessment's first version (see RecordID), authored is the date (or the
// minute, at the site's precision), meta.security carries the HL7 label
// PSEUDED (pseudonymized), and nothing names the clinician or carries
// the record whole. Identifiable, the response carries the record whole
// (see fhir.Resources) under its own version's id.
func ExportFHIR(w io.Writer, st *store.Store, o ExportOptions) (int, error) {
	if o.Made.IsZero() {
		o.Made = time.Now()
	}
	pseud, err := o.pseudonymiser()
	if err != nil {
		return 0, err
	}
	prec, err := o.precision()
	if err != nil {
		return 0, err
	}
	sel, err := o.selection(st, true)
	if err != nil {
		return 0, err
	}
	// The end mark's id ends with a digest of what is above it.
	digest := sha256.New()
	bw := bufio.NewWriterSize(io.MultiWriter(w, digest), 1<<16)
	lines := 0 // the resources written, which the end mark counts
	n, err := o.eachRecord(st, sel, func(r record.Record) (bool, error) {
		id := uuid.UUID(r.ID)
		if sel.chains.next[id] {
			return false, nil // a later version stands for this assessment
		}
		kept := r
		r.ID = record.ID(sel.chains.root(id))
		ins := instrument(o.Instruments, r.InstrumentVersion)
		if ins == nil {
			err := fmt.Errorf("record %s cannot be exported: its instrument version %q is not one this digicheck knows", r.ID, r.InstrumentVersion)
			if o.Unreadable == nil {
				return false, err
			}
			o.Unreadable.Add(store.Unreadable{ID: r.ID.String(), Why: err.Error()})
			return false, nil
		}
		subject, err := o.FHIR.Subject(ins, r.Patient, o.Identifiable, o.Key)
		if err != nil {
			return false, fmt.Errorf("record %s: %w", id, err)
		}
		ro := fhir.ResponseOptions{Site: o.FHIR, Damaged: o.Damaged}
		v := fhir.Version{Record: kept, Root: r.ID}
		if pseud != nil {
			r.ID = pseud.PseudonymousID(r.ID)
			r = withoutPatientNumbers(r, r.Patient)
			v = fhir.Version{Record: r}
			ro.Pseudonymised = true
			switch prec {
			case PrecisionDate:
				ro.Authored = r.Time.In(o.loc()).Format(time.DateOnly)
			case PrecisionMinute:
				ro.Authored = o.exportTime(r.Time, prec).Format(time.RFC3339)
			}
		}
		res, err := fhir.Resources(v, ins, subject, ro)
		if err != nil {
			return false, err
		}
		for _, x := range res {
			bw.Write(x.JSON)
			if err := bw.WriteByte('\n'); err != nil {
				return true, err
			}
			lines++
		}
		return true, nil
	}, func(u store.Unreadable) error {
		// In the place of a version that cannot be read, an
		// OperationOutcome naming it and its assessment's response, as
		// NDJSON writes an unreadable line: a pipeline reading the
		// stream then knows that response may be missing or not current.
		id, err := uuid.Parse(u.ID)
		if err != nil {
			return nil // no id to write: named on standard error only
		}
		root := sel.chains.root(id)
		if pseud != nil {
			id, root = uuid.UUID(pseud.PseudonymousID(record.ID(id))), uuid.UUID(pseud.PseudonymousID(record.ID(root)))
		}
		b, err := fhir.Unreadable(o.FHIR, id.String(), root.String(), unreadableWhy, o.Damaged)
		if err != nil {
			return err
		}
		lines++
		o.Unreadable.Wrote(u.ID)
		_, err = bw.Write(append(b, '\n'))
		return err
	})
	if err == nil {
		// The last line says how many are above it (fhir.EndOfExport):
		// a file cut short at a line's end is known by its absence.
		var b []byte
		if err = bw.Flush(); err == nil {
			sum := hex.EncodeToString(digest.Sum(nil))[:32]
			if b, err = fhir.EndOfExport(o.FHIR, lines, n, sum, o.Damaged, o.exportSpan()); err == nil {
				_, err = bw.Write(append(b, '\n'))
			}
		}
	}
	if err == nil {
		err = bw.Flush()
	}
	return n, err
}

// notCounted is the versions an export of st leaves out: those set off
// their line when a conflict with a server was settled, and every version
// of an assessment a server holds entered in error while this machine's
// version of it, refused there, is in conflict, not settled
// (store.VoidsOnServers). Exported, that version counted the assessment
// the trust's record holds as a void, and a summary of several machines'
// exports chose between it and the void by time.
func notCounted(st *store.Store) (map[uuid.UUID]bool, error) {
	aside, err := st.SetAsideLines()
	if err != nil {
		return nil, err
	}
	voided, err := st.VoidsOnServers()
	if err != nil || len(voided) == 0 {
		return aside, err
	}
	out := make(map[uuid.UUID]bool, len(aside))
	for id := range aside {
		out[id] = true
	}
	for _, v := range voided {
		for _, id := range v.Versions {
			out[uuid.UUID(id)] = true
		}
	}
	return out, nil
}

// unreadableQueue holds the records left out of a chunk, met before its
// readable ones, in id order.
type unreadableQueue []store.Unreadable

// flush calls missing for each record held whose id comes before before
// (every one, when before is nil), in order, and drops it.
func (q *unreadableQueue) flush(before *record.ID, missing func(store.Unreadable) error) error {
	for len(*q) > 0 {
		if id, err := uuid.Parse((*q)[0].ID); before != nil && err == nil && bytes.Compare(id[:], before[:]) > 0 {
			return nil
		}
		u := (*q)[0]
		*q = (*q)[1:]
		if err := missing(u); err != nil {
			return err
		}
	}
	return nil
}
