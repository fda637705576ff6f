package record

import (
	"bytes"
	"encoding/json"
	"time"
	"unicode/utf8"

	"digicheck/questionnaire"
)

// DecodeJSON decodes a record's JSON into r, as json.Unmarshal does: the
// JSON that json.Marshal (and AppendJSON) writes is read field by field
// without reflection, and anything else (a field it does not know, null
// where Marshal writes a value, white space, JSON that is not valid) is
// left to json.Unmarshal, which decodes it or says why not. Unmarshal
// took about 60% of an NDJSON export's work: it checks the whole input
// before it decodes it, finds each field by reflection and makes some
// 20 kB of garbage a record. TestDecodeJSONIsUnmarshal holds it to
// Unmarshal for records made at random, every field of every type filled.
func DecodeJSON(j []byte, r *Record) error {
	var x Record
	if decodeFast(j, &x) {
		*r = x
		return nil
	}
	return json.Unmarshal(j, r)
}

// decodeFast decodes j into r, a zero record, when it reads as Marshal
// writes a record; false leaves r partly filled.
func decodeFast(j []byte, r *Record) bool {
	d := jsonDecoder{b: j}
	return d.record(r) && d.i == len(d.b)
}

// jsonDecoder reads JSON as Marshal writes it, from b at i. Each method
// reports whether it read what it expects; false sends the record to
// json.Unmarshal.
type jsonDecoder struct {
	b []byte
	i int
}

func (d *jsonDecoder) next(c byte) bool {
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

func (d *jsonDecoder) word(w string) bool {
	if bytes.HasPrefix(d.b[d.i:], []byte(w)) {
		d.i += len(w)
		return true
	}
	return false
}

// literal reads a string's literal, quotes and all, and whether it holds
// an escape or a byte past ASCII.
func (d *jsonDecoder) literal() (lit []byte, plain, ok bool) {
	if !d.next('"') {
		return nil, false, false
	}
	start, plain := d.i-1, true
	for ; d.i < len(d.b); d.i++ {
		switch c := d.b[d.i]; {
		case c == '"':
			d.i++
			return d.b[start:d.i], plain, true
		case c == '\\':
			plain = false
			d.i++ // the escaped byte: \u's four hex digits are plain bytes
		case c < ' ':
			return nil, false, false // not valid JSON
		case c >= utf8.RuneSelf:
			plain = false
		}
	}
	return nil, false, false
}

// str reads a string as Unmarshal does: one with no escape and of ASCII
// alone is its bytes; any other is unquoted by Unmarshal itself (escapes,
// surrogates, invalid UTF-8 as U+FFFD).
func (d *jsonDecoder) str() (string, bool) {
	lit, plain, ok := d.literal()
	if !ok {
		return "", false
	}
	if plain {
		return string(lit[1 : len(lit)-1]), true
	}
	if !bytes.ContainsRune(lit, '\\') && utf8.Valid(lit) {
		return string(lit[1 : len(lit)-1]), true
	}
	var s string
	if json.Unmarshal(lit, &s) != nil {
		return "", false
	}
	return s, true
}

// key reads an object's key and its colon: Marshal writes them plain.
func (d *jsonDecoder) key() (string, bool) {
	lit, plain, ok := d.literal()
	if !ok || !plain || !d.next(':') {
		return "", false
	}
	return string(lit[1 : len(lit)-1]), true
}

// object reads an object, calling field with each key, which reads the
// value after it.
func (d *jsonDecoder) object(field func(key string) bool) bool {
	return d.keyed(d.key, field)
}

// mapKey reads a map's key and its colon: any string.
func (d *jsonDecoder) mapKey() (string, bool) {
	s, ok := d.str()
	return s, ok && d.next(':')
}

// keyed reads an object whose keys key reads.
func (d *jsonDecoder) keyed(key func() (string, bool), field func(key string) bool) bool {
	if !d.next('{') {
		return false
	}
	if d.next('}') {
		return true
	}
	for {
		k, ok := key()
		if !ok || !field(k) {
			return false
		}
		if d.next('}') {
			return true
		}
		if !d.next(',') {
			return false
		}
	}
}

// list reads a list into *xs, each item by item; null leaves it nil and
// [] makes it empty, as Unmarshal does.
func decodeList[T any](d *jsonDecoder, xs *[]T, item func(*T) bool) bool {
	if d.word("null") {
		*xs = nil
		return true
	}
	if !d.next('[') {
		return false
	}
	out := []T{}
	if d.next(']') {
		*xs = out
		return true
	}
	for {
		var x T
		if !item(&x) {
			return false
		}
		out = append(out, x)
		if d.next(']') {
			*xs = out
			return true
		}
		if !d.next(',') {
			return false
		}
	}
}

func (d *jsonDecoder) strs(ss *[]string) bool {
	return decodeList(d, ss, func(s *string) bool {
		var ok bool
		*s, ok = d.str()
		return ok
	})
}

func (d *jsonDecoder) into(s *string) bool {
	var ok bool
	*s, ok = d.str()
	return ok
}

func (d *jsonDecoder) bool(v *bool) bool {
	switch {
	case d.word("true"):
		*v = true
	case d.word("false"):
		*v = false
	default:
		return false
	}
	return true
}

// text reads a string into a value that unmarshals from its text.
func (d *jsonDecoder) text(v interface{ UnmarshalText([]byte) error }) bool {
	s, ok := d.str()
	return ok && v.UnmarshalText([]byte(s)) == nil
}

func (d *jsonDecoder) time(t *time.Time) bool {
	lit, _, ok := d.literal()
	return ok && t.UnmarshalJSON(lit) == nil
}

func (d *jsonDecoder) record(r *Record) bool {
	return d.object(func(k string) bool {
		switch k {
		case "id":
			return d.text(&r.ID)
		case "patient":
			return d.object(func(k string) bool {
				switch k {
				case "kind":
					return d.into(&r.Patient.Kind)
				case "value":
					return d.into(&r.Patient.Value)
				}
				return false
			})
		case "clinician":
			return d.into(&r.Clinician)
		case "team":
			return d.into(&r.Team)
		case "time":
			return d.time(&r.Time)
		case "status":
			return d.into((*string)(&r.Status))
		case "amends":
			return d.text(&r.Amends)
		case "follows_up":
			return d.text(&r.FollowsUp)
		case "void_reason":
			return d.into(&r.VoidReason)
		case "amend_reason":
			return d.into(&r.AmendReason)
		case "outcomes":
			return decodeList(d, &r.Outcomes, func(o *ReferralOutcome) bool {
				return d.object(func(k string) bool {
					switch k {
					case "programme":
						return d.into(&o.ProgrammeID)
					case "name":
						return d.into(&o.Name)
					case "outcome":
						return d.into(&o.Outcome)
					case "reason":
						return d.into(&o.Reason)
					}
					return false
				})
			})
		case "change":
			if r.Change == nil { // a second is read into the first, as Unmarshal does
				r.Change = new(Change)
			}
			return d.change(r.Change)
		case "review_by":
			return d.into(&r.ReviewBy)
		case "synthetic":
			return d.bool(&r.Synthetic)
		case "answers":
			return d.answers(&r.Answers)
		case "instrument_version":
			return d.into(&r.InstrumentVersion)
		case "directory_version":
			return d.into(&r.DirectoryVersion)
		case "bands":
			b := &r.Bands
			return d.object(func(k string) bool {
				switch k {
				case "access":
					return d.text(&b.Access)
				case "skills":
					return d.text(&b.Skills)
				case "motivation":
					return d.text(&b.Motivation)
				case "trust":
					return d.text(&b.Trust)
				}
				return false
			})
		case "recommendation":
			return d.recommendation(&r.Recommendation)
		}
		return false
	})
}

func (d *jsonDecoder) answers(a *questionnaire.Answers) bool {
	if d.word("null") {
		*a = nil
		return true
	}
	m := *a // a second object adds to the first, as Unmarshal does
	if m == nil {
		m = questionnaire.Answers{}
		*a = m
	}
	return d.keyed(d.mapKey, func(k string) bool {
		var vs []string
		if !d.strs(&vs) {
			return false
		}
		m[k] = vs
		return true
	})
}

func (d *jsonDecoder) change(c *Change) bool {
	routeChange := func(rc *RouteChange) bool {
		return d.object(func(k string) bool {
			switch k {
			case "was":
				return d.into((*string)(&rc.Was))
			case "now":
				return d.into((*string)(&rc.Now))
			case "was_to_carer":
				return d.bool(&rc.WasToCarer)
			case "now_to_carer":
				return d.bool(&rc.NowToCarer)
			}
			return false
		})
	}
	return d.object(func(k string) bool {
		switch k {
		case "since":
			return d.text(&c.Since)
		case "since_time":
			return d.time(&c.SinceTime)
		case "domains":
			return decodeList(d, &c.Domains, func(dc *DomainChange) bool {
				return d.object(func(k string) bool {
					switch k {
					case "domain":
						return d.into((*string)(&dc.Domain))
					case "was":
						return d.text(&dc.Was)
					case "now":
						return d.text(&dc.Now)
					case "not_compared":
						return d.into(&dc.NotCompared)
					}
					return false
				})
			})
		case "primary":
			return routeChange(&c.Primary)
		case "fallback":
			return routeChange(&c.Fallback)
		case "not_known":
			return d.strs(&c.NotKnown)
		case "stopped":
			return d.adjustments(&c.Stopped)
		}
		return false
	})
}

func (d *jsonDecoder) adjustments(as *[]questionnaire.Adjustment) bool {
	return decodeList(d, as, func(a *questionnaire.Adjustment) bool {
		return d.object(func(k string) bool {
			switch k {
			case "code":
				return d.into(&a.Code)
			case "text":
				return d.into(&a.Text)
			case "reason":
				return d.into(&a.Reason)
			}
			return false
		})
	})
}

func (d *jsonDecoder) routeCheck(c *questionnaire.RouteCheck) bool {
	return d.object(func(k string) bool {
		switch k {
		case "route":
			return d.into((*string)(&c.Route))
		case "possible":
			return d.bool(&c.Possible)
		case "reason":
			return d.into(&c.Reason)
		}
		return false
	})
}

func (d *jsonDecoder) referrals(rs *[]questionnaire.Referral) bool {
	return decodeList(d, rs, func(f *questionnaire.Referral) bool {
		return d.object(func(k string) bool {
			switch k {
			case "programme":
				return d.into(&f.ProgrammeID)
			case "name":
				return d.into(&f.Name)
			case "barriers":
				return decodeList(d, &f.Barriers, func(b *questionnaire.Domain) bool { return d.into((*string)(b)) })
			case "reason":
				return d.into(&f.Reason)
			case "contact":
				return d.into(&f.Contact)
			case "patient_line":
				return d.into(&f.PatientLine)
			case "consent":
				return d.into(&f.Consent)
			}
			return false
		})
	})
}

func (d *jsonDecoder) recommendation(r *questionnaire.Recommendation) bool {
	return d.object(func(k string) bool {
		switch k {
		case "primary":
			return d.into((*string)(&r.Primary))
		case "primary_reason":
			return d.into(&r.PrimaryReason)
		case "fallback":
			return d.into((*string)(&r.Fallback))
		case "fallback_reason":
			return d.into(&r.FallbackReason)
		case "fallback_to_carer":
			return d.bool(&r.FallbackToCarer)
		case "checks":
			return decodeList(d, &r.Checks, d.routeCheck)
		case "choice":
			return d.into((*string)(&r.Choice))
		case "choice_honoured":
			return d.bool(&r.ChoiceHonoured)
		case "choice_note":
			return d.into(&r.ChoiceNote)
		case "adjustments":
			return d.adjustments(&r.Adjustments)
		case "referrals":
			return d.referrals(&r.Referrals)
		case "unshown":
			return d.referrals(&r.Unshown)
		case "kept":
			return d.referrals(&r.Kept)
		case "needs":
			return decodeList(d, &r.Needs, func(n *questionnaire.CodedNeed) bool {
				return d.object(func(k string) bool {
					switch k {
					case "key":
						return d.into(&n.Key)
					case "text":
						return d.into(&n.Text)
					case "code":
						return d.into(&n.Code)
					case "term":
						return d.into(&n.Term)
					}
					return false
				})
			})
		case "video":
			if r.Video == nil {
				r.Video = new(questionnaire.RouteCheck)
			}
			return d.routeCheck(r.Video)
		case "ask_about":
			return decodeList(d, &r.AskAbout, func(a *questionnaire.Ask) bool {
				return d.object(func(k string) bool {
					switch k {
					case "link_id":
						return d.into(&a.LinkID)
					case "question":
						return d.into(&a.Question)
					case "programmes":
						return d.strs(&a.Programmes)
					case "programme_ids":
						return d.strs(&a.ProgrammeIDs)
					}
					return false
				})
			})
		}
		return false
	})
}
