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
	e.field(`,"patient":{"kind":`, r.Patient.Kind)
	e.field(`,"value":`, r.Patient.Value)
	e.field(`},"clinician":`, r.Clinician)
	e.omitEmpty(`,"team":`, r.Team)
	e.b = append(e.b, `,"time":`...)
	e.time(r.Time)
	e.field(`,"status":`, string(r.Status))
	if !r.Amends.IsZero() {
		e.b = append(e.b, `,"amends":`...)
		e.id(r.Amends)
	}
	if !r.FollowsUp.IsZero() {
		e.b = append(e.b, `,"follows_up":`...)
		e.id(r.FollowsUp)
	}
	e.omitEmpty(`,"void_reason":`, r.VoidReason)
	e.omitEmpty(`,"amend_reason":`, r.AmendReason)
	if len(r.Outcomes) > 0 {
		e.b = append(e.b, `,"outcomes":`...)
		list(e, r.Outcomes, func(o *ReferralOutcome) {
			e.field(`{"programme":`, o.ProgrammeID)
			e.omitEmpty(`,"name":`, o.Name)
			e.field(`,"outcome":`, o.Outcome)
			e.omitEmpty(`,"reason":`, o.Reason)
			e.b = append(e.b, '}')
		})
	}
	if r.Change != nil {
		e.b = append(e.b, `,"change":`...)
		e.change(r.Change)
	}
	e.omitEmpty(`,"review_by":`, r.ReviewBy)
	if r.Synthetic {
		e.b = append(e.b, `,"synthetic":true`...)
	}
	e.b = append(e.b, `,"answers":`...)
	e.answers(r.Answers)
	e.field(`,"instrument_version":`, r.InstrumentVersion)
	e.field(`,"directory_version":`, r.DirectoryVersion)
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
	list(e, c.Domains, func(d *DomainChange) {
		e.field(`{"domain":`, string(d.Domain))
		e.b = append(e.b, `,"was":`...)
		e.band(d.Was)
		e.b = append(e.b, `,"now":`...)
		e.band(d.Now)
		e.omitEmpty(`,"not_compared":`, d.NotCompared)
		e.b = append(e.b, '}')
	})
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
	list(e, as, func(a *questionnaire.Adjustment) {
		e.field(`{"code":`, a.Code)
		e.field(`,"text":`, a.Text)
		e.field(`,"reason":`, a.Reason)
		e.b = append(e.b, '}')
	})
}

func (e *jsonEncoder) routeChange(c RouteChange) {
	e.field(`{"was":`, string(c.Was))
	e.field(`,"now":`, string(c.Now))
	if c.WasToCarer {
		e.b = append(e.b, `,"was_to_carer":true`...)
	}
	if c.NowToCarer {
		e.b = append(e.b, `,"now_to_carer":true`...)
	}
	e.b = append(e.b, '}')
}

func (e *jsonEncoder) recommendation(r *questionnaire.Recommendation) {
	e.field(`{"primary":`, string(r.Primary))
	e.field(`,"primary_reason":`, r.PrimaryReason)
	e.field(`,"fallback":`, string(r.Fallback))
	e.field(`,"fallback_reason":`, r.FallbackReason)
	if r.FallbackToCarer {
		e.b = append(e.b, `,"fallback_to_carer":true`...)
	}
	e.b = append(e.b, `,"checks":`...)
	list(e, r.Checks, e.routeCheck)
	e.omitEmpty(`,"choice":`, string(r.Choice))
	e.b = append(e.b, `,"choice_honoured":`...)
	e.bool(r.ChoiceHonoured)
	e.omitEmpty(`,"choice_note":`, r.ChoiceNote)
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
		e.b = append(e.b, `,"needs":`...)
		list(e, r.Needs, func(n *questionnaire.CodedNeed) {
			e.field(`{"key":`, n.Key)
			e.field(`,"text":`, n.Text)
			e.omitEmpty(`,"code":`, n.Code)
			e.omitEmpty(`,"term":`, n.Term)
			e.b = append(e.b, '}')
		})
	}
	if r.Video != nil {
		e.b = append(e.b, `,"video":`...)
		e.routeCheck(r.Video)
	}
	if len(r.AskAbout) > 0 {
		e.b = append(e.b, `,"ask_about":`...)
		list(e, r.AskAbout, func(a *questionnaire.Ask) {
			e.field(`{"link_id":`, a.LinkID)
			e.field(`,"question":`, a.Question)
			e.b = append(e.b, `,"programmes":`...)
			e.strs(a.Programmes)
			if len(a.ProgrammeIDs) > 0 {
				e.b = append(e.b, `,"programme_ids":`...)
				e.strs(a.ProgrammeIDs)
			}
			e.b = append(e.b, '}')
		})
	}
	e.b = append(e.b, '}')
}

func (e *jsonEncoder) routeCheck(c *questionnaire.RouteCheck) {
	e.field(`{"route":`, string(c.Route))
	e.b = append(e.b, `,"possible":`...)
	e.bool(c.Possible)
	e.field(`,"reason":`, c.Reason)
	e.b = append(e.b, '}')
}

func (e *jsonEncoder) referrals(rs []questionnaire.Referral) {
	list(e, rs, func(f *questionnaire.Referral) {
		e.field(`{"programme":`, f.ProgrammeID)
		e.field(`,"name":`, f.Name)
		e.b = append(e.b, `,"barriers":`...)
		list(e, f.Barriers, func(d *questionnaire.Domain) { e.str(string(*d)) })
		e.field(`,"reason":`, f.Reason)
		e.field(`,"contact":`, f.Contact)
		e.field(`,"patient_line":`, f.PatientLine)
		e.omitEmpty(`,"consent":`, f.Consent)
		e.b = append(e.b, '}')
	})
}

// list writes a list, each of its items by item; nil is null, as Marshal
// writes it.
func list[T any](e *jsonEncoder, xs []T, item func(*T)) {
	if xs == nil {
		e.b = append(e.b, "null"...)
		return
	}
	e.b = append(e.b, '[')
	for i := range xs {
		e.comma(i)
		item(&xs[i])
	}
	e.b = append(e.b, ']')
}

// field writes a string field after its name (with what comes before the
// name, as `,"team":`).
func (e *jsonEncoder) field(name, v string) {
	e.b = append(e.b, name...)
	e.str(v)
}

// omitEmpty writes a string field unless it is empty, as omitempty does.
func (e *jsonEncoder) omitEmpty(name, v string) {
	if v != "" {
		e.field(name, v)
	}
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
func (e *jsonEncoder) strs(ss []string) { list(e, ss, func(s *string) { e.str(*s) }) }

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
