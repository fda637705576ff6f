package questionnaire

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
