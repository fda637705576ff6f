package report

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

// PseudonymKind is the patient identifier kind a de-identified NDJSON
// export writes in place of nhs or local.
const PseudonymKind = "pseudonym"

// ExportOptions choose what an export writes.
type ExportOptions struct {
	// From and To select assessments by the date (in Location) of their
	// first version, inclusive; zero leaves that end open. Every version
	// of a selected assessment is exported, so a summary of the export
	// over the same period counts what a summary of the store does.
	From, To time.Time
	Location *time.Location
	// Identifiable writes NHS numbers and local numbers; otherwise
	// patients are named by pseudonym, made with Key.
	Identifiable bool
	Key          []byte
	// Progress, if not nil, is called now and then with the number of
	// records written so far.
	Progress func(written int)
	// Context, if not nil, cancels the export (Ctrl+C): it stops within a
	// few thousand records and returns the context's error.
	Context context.Context
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

func (o *ExportOptions) pseudonymiser() (*Pseudonymiser, error) {
	if o.Identifiable {
		return nil, nil
	}
	if o.Key == nil {
		return nil, ErrNoKey
	}
	return NewPseudonymiser(o.Key)
}

// selection answers, for each record, whether an export with a period
// writes it. It holds the store's facts, resolved into assessments.
type selection struct {
	d      *Dataset
	lo, hi int64
	all    bool
}

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
	sel.d = NewDataset()
	if err := sel.d.AddStore(st); err != nil {
		return nil, err
	}
	sel.d.resolve()
	return sel, nil
}

// wants reports whether the record is written: its assessment's first
// version falls in the period. A record saved since the selection was made
// is judged by its own time.
func (s *selection) wants(id uuid.UUID, t int64) bool {
	if s.all {
		return true
	}
	if i, ok := s.d.find(id); ok {
		t = s.d.root(i).time
	}
	return t >= s.lo && t < s.hi
}

// ExportCSV writes the store's records as CSV (see csvColumns), from their
// facts. It returns the number of rows written. Rows are made by two
// goroutines at once, a few thousand at a time, and written in order.
func ExportCSV(w io.Writer, st *store.Store, o ExportOptions) (int, error) {
	var rows [2]*csvRows
	for i := range rows {
		pseud, err := o.pseudonymiser()
		if err != nil {
			return 0, err
		}
		rows[i] = &csvRows{pseud: pseud, loc: o.loc()}
	}
	sel, err := o.selection(st, false)
	if err != nil {
		return 0, err
	}
	// Rows go out in batches of a megabyte or so, written straight to w.
	if _, err := io.WriteString(w, csvHeader()); err != nil {
		return 0, err
	}
	const batch = 8192
	var (
		bufs   [2][]byte
		counts [2]int
		n      int
	)
	var errs [2]error
	format := func(k int, ch store.FactChunk, from, to int) {
		b := bufs[k][:0]
		for i := from; i < to; i++ {
			id, v, err := ch.At(i)
			if err != nil {
				errs[k] = err
				break
			}
			if sel.wants(uuid.UUID(id), v.Time()) {
				b = rows[k].append(b, id, v, ch.Names())
				counts[k]++
			}
		}
		bufs[k] = b
	}
	err = st.EachFactChunk(func(ch store.FactChunk) error {
		if err := o.cancelled(); err != nil {
			return err
		}
		for _, r := range rows {
			r.useNames(ch.Names()) // here, not in the goroutines: both read the table
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
			for k := range bufs {
				if _, err := w.Write(bufs[k]); err != nil {
					return err
				}
			}
			before := n
			n = counts[0] + counts[1]
			if o.Progress != nil && n/65536 != before/65536 {
				o.Progress(n)
			}
		}
		return nil
	})
	return n, err
}

// ExportNDJSON writes the store's records in full, one JSON object a line.
// De-identified, each patient identifier is replaced by its pseudonym (kind
// "pseudonym"), and the free text that could name someone (the reason a
// record was entered in error, a patient's reason for not taking up a
// referral) is left out.
func ExportNDJSON(w io.Writer, st *store.Store, o ExportOptions) (int, error) {
	pseud, err := o.pseudonymiser()
	if err != nil {
		return 0, err
	}
	sel, err := o.selection(st, false)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	n, seen := 0, 0
	err = st.EachChunked(func(r record.Record) error {
		if seen++; seen%256 == 0 {
			if err := o.cancelled(); err != nil {
				return err
			}
		}
		id, err := uuid.Parse(r.ID)
		if err != nil {
			return err
		}
		if !sel.wants(id, r.Time.Unix()) {
			return nil
		}
		if pseud != nil {
			r = deidentify(r, pseud)
		}
		n++
		if o.Progress != nil && n%4096 == 0 {
			o.Progress(n)
		}
		return enc.Encode(r) // one line, ended by a newline
	})
	if err != nil {
		return n, err
	}
	return n, bw.Flush()
}

func deidentify(r record.Record, p *Pseudonymiser) record.Record {
	r.Patient = record.PatientID{Kind: PseudonymKind, Value: p.Pseudonym(r.Patient.Kind, r.Patient.Value)}
	r.VoidReason = ""
	if len(r.Outcomes) > 0 {
		outs := make([]record.ReferralOutcome, len(r.Outcomes))
		copy(outs, r.Outcomes)
		for i := range outs {
			outs[i].Reason = ""
		}
		r.Outcomes = outs
	}
	return r
}

// ExportFHIR writes one FHIR R4 QuestionnaireResponse per assessment, one
// a line (NDJSON, as FHIR bulk data is): the current version's answers,
// under the id of the assessment's first version so that a FHIR server
// sees each assessment as one resource, with status completed, amended
// (the answers were changed since) or entered-in-error (voided), and the
// Questionnaire's canonical URL and version.
func ExportFHIR(w io.Writer, st *store.Store, o ExportOptions) (int, error) {
	if _, err := o.pseudonymiser(); err != nil {
		return 0, err
	}
	sel, err := o.selection(st, true)
	if err != nil {
		return 0, err
	}
	d := sel.d
	bw := bufio.NewWriterSize(w, 1<<16)
	n, seen := 0, 0
	err = st.EachChunked(func(r record.Record) error {
		if seen++; seen%256 == 0 {
			if err := o.cancelled(); err != nil {
				return err
			}
		}
		id, err := uuid.Parse(r.ID)
		if err != nil {
			return err
		}
		if !sel.wants(id, r.Time.Unix()) {
			return nil
		}
		if i, ok := d.find(id); ok {
			if d.rows.at(i).flags&flagSuperseded != 0 {
				return nil // a later version stands for this assessment
			}
			r.ID = d.root(i).id.String()
		}
		ins := questionnaire.V1
		subject, err := fhir.SubjectFor(ins, r.Patient, o.Identifiable, o.Key)
		if err != nil {
			return fmt.Errorf("record %s: %w", id, err)
		}
		b, err := fhir.Response(r, ins, subject)
		if err != nil {
			return err
		}
		n++
		if o.Progress != nil && n%4096 == 0 {
			o.Progress(n)
		}
		if _, err := bw.Write(b); err != nil {
			return err
		}
		return bw.WriteByte('\n')
	})
	if err != nil {
		return n, err
	}
	return n, bw.Flush()
}
