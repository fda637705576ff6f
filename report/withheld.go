package report

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"digicheck/questionnaire"
	"digicheck/record"
)

// withoutPatientNumbers is r as a pseudonymised export writes it: each run
// of ten or more digits (record.PatientNumberRuns), and each place that
// holds the record's own patient's identifier, p (record.PatientIDSpans:
// a local number, "RX12345", has no such run), in the free text a person
// typed that the export keeps (the team, the answers: the interpreter's or
// "another" language) and in the result's words that repeat it (the
// adjustments, the reasons for the routes, the needs) is written
// record.NumberWithheld. The boxes refuse both as they are typed; a record
// kept before they did may hold a patient's number there ("Kurdish CN 999
// 000 0034", a team "RX12345"), which a de-identified export must not
// carry. An answer made longer than its question takes (a local number is
// shorter than the mark) is cut short before the mark, so the export still
// reads back. Codes (SNOMED CT's among them), the referrals' published
// contact details and the pseudonyms are not free text and are left as
// they are. p is the patient as kept, before the pseudonym; r's own
// slices and maps are never written to.
func withoutPatientNumbers(r record.Record, p record.PatientID) record.Record {
	clean := func(s string) string { return withoutPatientID(withoutNumberRuns(s), p) }
	r.Team = clean(r.Team)
	ins, _ := questionnaire.Lookup(r.InstrumentVersion)
	var ans questionnaire.Answers
	for k, vs := range r.Answers {
		var it *questionnaire.Item
		if ins != nil {
			it, _ = ins.Item(k)
		}
		for i, v := range vs {
			w := withoutNumberRuns(v)
			if it != nil && it.Type == questionnaire.Text {
				// Only words typed: a code is never a patient's number.
				w = fitWithheld(withoutPatientID(w, p), it.MaxLen)
			}
			if w != v {
				if ans == nil {
					ans = r.Answers.Clone()
				}
				ans[k][i] = w
			}
		}
	}
	if ans != nil {
		r.Answers = ans
	}
	rec := &r.Result.Recommendation
	rec.PrimaryReason = clean(rec.PrimaryReason)
	rec.FallbackReason = clean(rec.FallbackReason)
	rec.ChoiceNote = clean(rec.ChoiceNote)
	rec.Checks = cleanEach(rec.Checks, func(c *questionnaire.RouteCheck) { c.Reason = clean(c.Reason) })
	if rec.Video != nil {
		v := *rec.Video
		v.Reason = clean(v.Reason)
		rec.Video = &v
	}
	rec.Adjustments = cleanEach(rec.Adjustments, func(a *questionnaire.Adjustment) {
		a.Text, a.Reason = clean(a.Text), clean(a.Reason)
	})
	rec.Needs = cleanEach(rec.Needs, func(n *questionnaire.CodedNeed) { n.Text = clean(n.Text) })
	if c := r.Change; c != nil && len(c.Stopped) > 0 {
		// A follow-up's adjustments of the check before that stop name
		// the language as it was kept, as the adjustments do.
		cc := *c
		cc.Stopped = cleanEach(c.Stopped, func(a *questionnaire.Adjustment) {
			a.Text, a.Reason = clean(a.Text), clean(a.Reason)
		})
		r.Change = &cc
	}
	return r
}

// withoutNumberRuns is record.WithoutPatientNumbers(s), looked for only
// where s could hold a run: PatientNumberRunMin characters read as digits
// (0 to 9, any Unicode decimal digit, O, o, I, l) with nothing between them but the separators a run
// may hold. A run is such a stretch (the check of the letters beside each
// digit-like letter only takes some out), so text without one, nearly
// every answer and reason, comes back as it is without the full reading,
// which allocated for every string and took a fifth of a pseudonymised
// NDJSON export's time.
func withoutNumberRuns(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == 'O', c == 'o', c == 'I', c == 'l':
			if n++; n >= record.PatientNumberRunMin {
				return record.WithoutPatientNumbers(s)
			}
		case c == ' ', c == '-', c == '.', c == '/', c == '_':
			// inside a run, or before one
		case c >= utf8.RuneSelf:
			// A Unicode decimal digit is a digit, a Unicode space or
			// dash a separator (record.PatientNumberRuns).
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case unicode.IsDigit(r):
				if n++; n >= record.PatientNumberRunMin {
					return record.WithoutPatientNumbers(s)
				}
			case r == '\u2212' || unicode.Is(unicode.Zs, r) || unicode.Is(unicode.Pd, r):
			default:
				n = 0
			}
			i += size - 1
		default:
			n = 0
		}
	}
	return s
}

// withoutPatientID is record.WithoutPatientID(s, p), looked for only
// where s holds a digit: an identifier is looked for only when it holds
// one (record.PatientIDSpans), and its digits match only themselves.
func withoutPatientID(s string, p record.PatientID) string {
	if strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' }) < 0 {
		return s
	}
	return record.WithoutPatientID(s, p)
}

// fitWithheld is s, an answer with its patient's number withheld, at most
// most characters (none: any): one made longer than its question takes by
// the mark is cut before the last mark that does not fit, never within a
// mark, and its trailing spaces dropped.
func fitWithheld(s string, most int) string {
	rs := []rune(s)
	if most <= 0 || len(rs) <= most {
		return s
	}
	cut := most
	mark := []rune(record.NumberWithheld)
	for i := 0; i+len(mark) <= len(rs); i++ {
		if string(rs[i:i+len(mark)]) == record.NumberWithheld {
			if i < most && i+len(mark) > most {
				cut = i
			}
			i += len(mark) - 1
		}
	}
	return strings.TrimRight(string(rs[:cut]), " ")
}

func cleanEach[T comparable](xs []T, fn func(*T)) []T {
	var out []T
	for i := range xs {
		x := xs[i]
		fn(&x)
		if x != xs[i] {
			if out == nil {
				out = slices.Clone(xs)
			}
			out[i] = x
		}
	}
	if out == nil {
		return xs
	}
	return out
}
