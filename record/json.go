package record

import (
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"digicheck/questionnaire"
)

// AppendJSON appends r's JSON to dst: the bytes json.Marshal writes of r,
// byte for byte, written without reflection, without sorting a copy of
// the answers' keys and without a value made for every id, band and time.
// A save encodes every record it stores, and encoding/json took about half
// of a save's own work on the record.
//
// It writes the fields of Record and of every type it holds by name, so a
// field added to any of them must be added here too: TestAppendJSONIsMarshal
// fills every field of a record, found by reflection, with values made at
// random, and fails on any record whose JSON is not Marshal's, so a field
// left out here (or a kind of field that test cannot fill) fails it. It
// fails where Marshal fails: on a band that is not one of the three, and
// on a time that RFC 3339 cannot write.
func AppendJSON(dst []byte, r *Record) ([]byte, error) {
	e := jsonEncoder{b: dst}
	e.record(r)
	if e.err != nil {
		return dst, e.err
	}
	return e.b, nil
}

type jsonEncoder struct {
	b   []byte
	err error
}

func (e *jsonEncoder) record(r *Record) {
	e.b = append(e.b, `{"id":`...)
	e.id(r.ID)
	e.b = append(e.b, `,"patient":{"kind":`...)
	e.str(r.Patient.Kind)
	e.b = append(e.b, `,"value":`...)
	e.str(r.Patient.Value)
	e.b = append(e.b, `},"clinician":`...)
	e.str(r.Clinician)
	if r.Team != "" {
		e.b = append(e.b, `,"team":`...)
		e.str(r.Team)
	}
	e.b = append(e.b, `,"time":`...)
	e.time(r.Time)
	e.b = append(e.b, `,"status":`...)
	e.str(string(r.Status))
	if !r.Amends.IsZero() {
		e.b = append(e.b, `,"amends":`...)
		e.id(r.Amends)
	}
	if !r.FollowsUp.IsZero() {
		e.b = append(e.b, `,"follows_up":`...)
		e.id(r.FollowsUp)
	}
	if r.VoidReason != "" {
		e.b = append(e.b, `,"void_reason":`...)
		e.str(r.VoidReason)
	}
	if r.AmendReason != "" {
		e.b = append(e.b, `,"amend_reason":`...)
		e.str(r.AmendReason)
	}
	if len(r.Outcomes) > 0 {
		e.b = append(e.b, `,"outcomes":[`...)
		for i, o := range r.Outcomes {
			e.comma(i)
			e.b = append(e.b, `{"programme":`...)
			e.str(o.ProgrammeID)
			if o.Name != "" {
				e.b = append(e.b, `,"name":`...)
				e.str(o.Name)
			}
			e.b = append(e.b, `,"outcome":`...)
			e.str(o.Outcome)
			if o.Reason != "" {
				e.b = append(e.b, `,"reason":`...)
				e.str(o.Reason)
			}
			e.b = append(e.b, '}')
		}
		e.b = append(e.b, ']')
	}
	if r.Change != nil {
		e.b = append(e.b, `,"change":`...)
		e.change(r.Change)
	}
	if r.ReviewBy != "" {
		e.b = append(e.b, `,"review_by":`...)
		e.str(r.ReviewBy)
	}
	if r.Synthetic {
		e.b = append(e.b, `,"synthetic":true`...)
	}
	e.b = append(e.b, `,"answers":`...)
	e.answers(r.Answers)
	e.b = append(e.b, `,"instrument_version":`...)
	e.str(r.InstrumentVersion)
	e.b = append(e.b, `,"directory_version":`...)
	e.str(r.DirectoryVersion)
	e.b = append(e.b, `,"bands":{"access":`...)
	e.band(r.Bands.Access)
	e.b = append(e.b, `,"skills":`...)
	e.band(r.Bands.Skills)
	e.b = append(e.b, `,"motivation":`...)
	e.band(r.Bands.Motivation)
	e.b = append(e.b, `,"trust":`...)
	e.band(r.Bands.Trust)
	e.b = append(e.b, `},"recommendation":`...)
	e.recommendation(&r.Recommendation)
	e.b = append(e.b, '}')
}

func (e *jsonEncoder) change(c *Change) {
	e.b = append(e.b, `{"since":`...)
	e.id(c.Since)
	e.b = append(e.b, `,"since_time":`...)
	e.time(c.SinceTime)
	e.b = append(e.b, `,"domains":`...)
	if c.Domains == nil {
		e.b = append(e.b, "null"...)
	} else {
		e.b = append(e.b, '[')
		for i, d := range c.Domains {
			e.comma(i)
			e.b = append(e.b, `{"domain":`...)
			e.str(string(d.Domain))
			e.b = append(e.b, `,"was":`...)
			e.band(d.Was)
			e.b = append(e.b, `,"now":`...)
			e.band(d.Now)
			if d.NotCompared != "" {
				e.b = append(e.b, `,"not_compared":`...)
				e.str(d.NotCompared)
			}
			e.b = append(e.b, '}')
		}
		e.b = append(e.b, ']')
	}
	e.b = append(e.b, `,"primary":`...)
	e.routeChange(c.Primary)
	e.b = append(e.b, `,"fallback":`...)
	e.routeChange(c.Fallback)
	if len(c.NotKnown) > 0 {
		e.b = append(e.b, `,"not_known":`...)
		e.strs(c.NotKnown)
	}
	if len(c.Stopped) > 0 {
		e.b = append(e.b, `,"stopped":`...)
		e.adjustments(c.Stopped)
	}
	e.b = append(e.b, '}')
}

func (e *jsonEncoder) adjustments(as []questionnaire.Adjustment) {
	e.b = append(e.b, '[')
	for i, a := range as {
		e.comma(i)
		e.b = append(e.b, `{"code":`...)
		e.str(a.Code)
		e.b = append(e.b, `,"text":`...)
		e.str(a.Text)
		e.b = append(e.b, `,"reason":`...)
		e.str(a.Reason)
		e.b = append(e.b, '}')
	}
	e.b = append(e.b, ']')
}

func (e *jsonEncoder) routeChange(c RouteChange) {
	e.b = append(e.b, `{"was":`...)
	e.str(string(c.Was))
	e.b = append(e.b, `,"now":`...)
	e.str(string(c.Now))
	if c.WasToCarer {
		e.b = append(e.b, `,"was_to_carer":true`...)
	}
	if c.NowToCarer {
		e.b = append(e.b, `,"now_to_carer":true`...)
	}
	e.b = append(e.b, '}')
}

func (e *jsonEncoder) recommendation(r *questionnaire.Recommendation) {
	e.b = append(e.b, `{"primary":`...)
	e.str(string(r.Primary))
	e.b = append(e.b, `,"primary_reason":`...)
	e.str(r.PrimaryReason)
	e.b = append(e.b, `,"fallback":`...)
	e.str(string(r.Fallback))
	e.b = append(e.b, `,"fallback_reason":`...)
	e.str(r.FallbackReason)
	if r.FallbackToCarer {
		e.b = append(e.b, `,"fallback_to_carer":true`...)
	}
	e.b = append(e.b, `,"checks":`...)
	if r.Checks == nil {
		e.b = append(e.b, "null"...)
	} else {
		e.b = append(e.b, '[')
		for i := range r.Checks {
			e.comma(i)
			e.routeCheck(&r.Checks[i])
		}
		e.b = append(e.b, ']')
	}
	if r.Choice != "" {
		e.b = append(e.b, `,"choice":`...)
		e.str(string(r.Choice))
	}
	e.b = append(e.b, `,"choice_honoured":`...)
	e.bool(r.ChoiceHonoured)
	if r.ChoiceNote != "" {
		e.b = append(e.b, `,"choice_note":`...)
		e.str(r.ChoiceNote)
	}
	if len(r.Adjustments) > 0 {
		e.b = append(e.b, `,"adjustments":`...)
		e.adjustments(r.Adjustments)
	}
	if len(r.Referrals) > 0 {
		e.b = append(e.b, `,"referrals":`...)
		e.referrals(r.Referrals)
	}
	if len(r.Unshown) > 0 {
		e.b = append(e.b, `,"unshown":`...)
		e.referrals(r.Unshown)
	}
	if len(r.Kept) > 0 {
		e.b = append(e.b, `,"kept":`...)
		e.referrals(r.Kept)
	}
	if len(r.Needs) > 0 {
		e.b = append(e.b, `,"needs":[`...)
		for i, n := range r.Needs {
			e.comma(i)
			e.b = append(e.b, `{"key":`...)
			e.str(n.Key)
			e.b = append(e.b, `,"text":`...)
			e.str(n.Text)
			if n.Code != "" {
				e.b = append(e.b, `,"code":`...)
				e.str(n.Code)
			}
			if n.Term != "" {
				e.b = append(e.b, `,"term":`...)
				e.str(n.Term)
			}
			e.b = append(e.b, '}')
		}
		e.b = append(e.b, ']')
	}
	if r.Video != nil {
		e.b = append(e.b, `,"video":`...)
		e.routeCheck(r.Video)
	}
	if len(r.AskAbout) > 0 {
		e.b = append(e.b, `,"ask_about":[`...)
		for i, a := range r.AskAbout {
			e.comma(i)
			e.b = append(e.b, `{"link_id":`...)
			e.str(a.LinkID)
			e.b = append(e.b, `,"question":`...)
			e.str(a.Question)
			e.b = append(e.b, `,"programmes":`...)
			e.strs(a.Programmes)
			if len(a.ProgrammeIDs) > 0 {
				e.b = append(e.b, `,"programme_ids":`...)
				e.strs(a.ProgrammeIDs)
			}
			e.b = append(e.b, '}')
		}
		e.b = append(e.b, ']')
	}
	e.b = append(e.b, '}')
}

func (e *jsonEncoder) routeCheck(c *questionnaire.RouteCheck) {
	e.b = append(e.b, `{"route":`...)
	e.str(string(c.Route))
	e.b = append(e.b, `,"possible":`...)
	e.bool(c.Possible)
	e.b = append(e.b, `,"reason":`...)
	e.str(c.Reason)
	e.b = append(e.b, '}')
}

func (e *jsonEncoder) referrals(rs []questionnaire.Referral) {
	e.b = append(e.b, '[')
	for i := range rs {
		f := &rs[i]
		e.comma(i)
		e.b = append(e.b, `{"programme":`...)
		e.str(f.ProgrammeID)
		e.b = append(e.b, `,"name":`...)
		e.str(f.Name)
		e.b = append(e.b, `,"barriers":`...)
		if f.Barriers == nil {
			e.b = append(e.b, "null"...)
		} else {
			e.b = append(e.b, '[')
			for j, d := range f.Barriers {
				e.comma(j)
				e.str(string(d))
			}
			e.b = append(e.b, ']')
		}
		e.b = append(e.b, `,"reason":`...)
		e.str(f.Reason)
		e.b = append(e.b, `,"contact":`...)
		e.str(f.Contact)
		e.b = append(e.b, `,"patient_line":`...)
		e.str(f.PatientLine)
		if f.Consent != "" {
			e.b = append(e.b, `,"consent":`...)
			e.str(f.Consent)
		}
		e.b = append(e.b, '}')
	}
	e.b = append(e.b, ']')
}

// answers writes the answers as Marshal writes a map: its keys in the
// order of their bytes.
func (e *jsonEncoder) answers(a questionnaire.Answers) {
	if a == nil {
		e.b = append(e.b, "null"...)
		return
	}
	// The keys are sorted in room on the stack for an assessment's
	// answers (about 40); more take a list of their own.
	var room [64]string
	keys := room[:0]
	for k := range a {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.b = append(e.b, '{')
	for i, k := range keys {
		e.comma(i)
		e.str(k)
		e.b = append(e.b, ':')
		e.strs(a[k])
	}
	e.b = append(e.b, '}')
}

// strs writes a list of strings; nil is null, as Marshal writes it.
func (e *jsonEncoder) strs(ss []string) {
	if ss == nil {
		e.b = append(e.b, "null"...)
		return
	}
	e.b = append(e.b, '[')
	for i, s := range ss {
		e.comma(i)
		e.str(s)
	}
	e.b = append(e.b, ']')
}

func (e *jsonEncoder) comma(i int) {
	if i > 0 {
		e.b = append(e.b, ',')
	}
}

func (e *jsonEncoder) bool(v bool) {
	if v {
		e.b = append(e.b, "true"...)
	} else {
		e.b = append(e.b, "false"...)
	}
}

// band writes a band as its code (questionnaire.Band.MarshalText), and
// fails on a band with none, as Marshal does.
func (e *jsonEncoder) band(b questionnaire.Band) {
	c := b.Code()
	if c == "" {
		e.fail(fmt.Errorf("json: error calling MarshalText for type questionnaire.Band: invalid band %d", int(b)))
	}
	e.b = append(e.b, '"')
	e.b = append(e.b, c...)
	e.b = append(e.b, '"')
}

// time writes a time as time.Time's MarshalJSON does, and fails where it
// fails (a year past 9999, a zone of 24 hours or more).
func (e *jsonEncoder) time(t time.Time) {
	e.b = append(e.b, '"')
	var err error
	if e.b, err = t.AppendText(e.b); err != nil {
		e.fail(fmt.Errorf("json: error calling MarshalJSON for type time.Time: %w", err))
		return
	}
	e.b = append(e.b, '"')
}

// id writes an id's canonical text, as ID.MarshalText does: "" for the
// zero id.
func (e *jsonEncoder) id(id ID) {
	e.b = append(e.b, '"')
	if !id.IsZero() {
		const hexDigits = "0123456789abcdef"
		for i, c := range id {
			if i == 4 || i == 6 || i == 8 || i == 10 {
				e.b = append(e.b, '-')
			}
			e.b = append(e.b, hexDigits[c>>4], hexDigits[c&0xf])
		}
	}
	e.b = append(e.b, '"')
}

func (e *jsonEncoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

// str writes s as a JSON string exactly as encoding/json writes it with
// HTML escaping on (Marshal's default): ", \ and the control characters
// escaped, \b \f \n \r \t by name; <, > and & as \u003c, \u003e, \u0026;
// U+2028 and U+2029 escaped; each byte of invalid UTF-8 as \ufffd.
func (e *jsonEncoder) str(s string) {
	const hexDigits = "0123456789abcdef"
	b := append(e.b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Most of a record's text needs no escape: eight bytes at a
		// time are passed over when none of them does.
		if i+8 <= len(s) && plain8(uint64(s[i])|uint64(s[i+1])<<8|uint64(s[i+2])<<16|uint64(s[i+3])<<24|
			uint64(s[i+4])<<32|uint64(s[i+5])<<40|uint64(s[i+6])<<48|uint64(s[i+7])<<56) {
			i += 8
			continue
		}
		if c := s[i]; c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[c&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	e.b = append(b, '"')
}

// plain8 reports whether none of the eight bytes in w needs more than
// itself in a JSON string as str writes it: none is a control character,
// ", \, <, > or &, or a byte of a character beyond ASCII. (Each test is
// the bit trick for "some byte is zero" or "some byte is less than n",
// exact as to whether there is one.)
func plain8(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	zero := func(x uint64) uint64 { return (x - ones) &^ x & highs }
	bad := w&highs |
		(w-ones*0x20)&^w&highs | // a byte under 0x20
		zero(w^(ones*'"')) | zero(w^(ones*'\\')) |
		zero(w^(ones*'<')) | zero(w^(ones*'>')) | zero(w^(ones*'&'))
	return bad == 0
}
