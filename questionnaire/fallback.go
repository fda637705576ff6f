package questionnaire

import "strings"

// NoFallbackTitle is what stands in for the fallback route when no second
// route is possible.
const NoFallbackTitle = "None"

// FallbackText is the fallback as every printer shows it: the screen, the
// note, `show` and the plain prompts. When no second non-digital route is
// possible the recommendation holds the primary route again as its
// fallback; printing that route's name would read as a second way to reach
// the patient, so the title is NoFallbackTitle and the reason says why
// there is none. Otherwise it is the fallback route's name and the reason
// it was chosen.
func (r Recommendation) FallbackText() (title, reason string) {
	if r.NoSecondRoute() {
		return NoFallbackTitle, r.FallbackReason
	}
	if r.FallbackToCarer {
		return r.Fallback.Title() + " to the carer", r.FallbackReason
	}
	return r.Fallback.Title(), r.FallbackReason
}

// ChoiceWhose says whose the recorded choice of route is, for the note:
// "Patient's choice", or, where a carer gave the answers, "Choice the
// carer gave for the patient", since the carer's "Via carer" read as the
// patient's own wish.
func ChoiceWhose(a Answers) string {
	if a.One(LinkRespondent) == RespondentCarer {
		return "Choice the carer gave for the patient"
	}
	return "Patient's choice"
}

// ChoiceStatus says what became of the patient's choice, in a few words:
// "honoured"; "not possible" where no check of the route passes
// (ChoiceNote says why); or "not honoured" where the route was possible
// but a rule put another first (a contact requirement, a carer, the
// reading rule), which ChoiceNote names. "" with no choice.
func (r Recommendation) ChoiceStatus() string {
	switch {
	case r.Choice == "":
		return ""
	case r.ChoiceHonoured:
		return "honoured"
	case strings.HasPrefix(r.ChoiceNote, "chose "+r.Choice.Title()+", not possible"):
		return "not possible"
	}
	return "not honoured"
}
