package report

import (
	"slices"

	"digicheck/questionnaire"
	"digicheck/record"
)

// withoutPatientNumbers is r as a pseudonymised export writes it: each run
// of ten or more digits (record.PatientNumberRuns) in the free text a
// person typed that the export keeps (the team, the answers: the
// interpreter's or "another" language) and in the result's words that
// repeat it (the adjustments, the reasons for the routes, the needs) is
// written record.NumberWithheld. The boxes refuse such a run as it is
// typed; a record kept before they did may hold a patient's NHS number
// there ("Kurdish CN 999 000 0034"), which a de-identified export must not
// carry. Codes (SNOMED CT's among them), the referrals' published contact
// details and the pseudonyms are not free text and are left as they are.
// r's own slices and maps are never written to.
func withoutPatientNumbers(r record.Record) record.Record {
	clean := record.WithoutPatientNumbers
	r.Team = clean(r.Team)
	var ans questionnaire.Answers
	for k, vs := range r.Answers {
		for i, v := range vs {
			if w := clean(v); w != v {
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
	return r
}

// cleanEach is xs with fn applied to each, in a copy only when fn changes
// one: a record without such a run costs no copy.
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
