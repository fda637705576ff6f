package questionnaire

// PhoneUse is how the patient may be sent to a phone in what they are
// given to read (the handout): a call of their own, a call through their
// relay, a call their carer makes for them, or none at all.
type PhoneUse int

const (
	// PhoneFree: the patient has a phone and may be phoned.
	PhoneFree PhoneUse = iota
	// PhoneRelay: the patient must not be phoned by voice, and calls
	// through a text relay or sign language video relay.
	PhoneRelay
	// PhoneCarer: contact goes through the patient's carer (a contact
	// requirement), or the patient has no phone they can use and a carer
	// does most things for them: the carer calls.
	PhoneCarer
	// PhoneNone: the patient must not be phoned, or has no phone they can
	// use and no carer to call for them: no call is ever suggested.
	PhoneNone
)

// PhoneUseOf reads it from the answers of either version: "not by phone"
// and a relay (version 2), contact through a carer (a version 2 contact
// requirement, or version 1's need), the phones the patient has, and
// whether a carer does most things for them. A patient who signs (British
// Sign Language) with no relay cannot use the phone they have, as the
// phone route's check of either version says: the handout told them to
// call their GP practice.
func PhoneUseOf(a Answers) PhoneUse {
	relay := a.Has(LinkContactNeeds, ContactBSLRelay) || a.Has(LinkContactNeeds, ContactTextRelay)
	anyPhone := a.Has(LinkDevices, DevSmartphone) || a.Has(LinkDevices, DevBasicMob) || a.Has(LinkDevices, DevLandline)
	signsNoRelay := a.Has(LinkCommNeeds, NeedBSLInterpreter) && !relay ||
		a.Has(LinkCommNeeds, NeedBSL) && !a.Has(LinkCommNeeds, NeedTextRelay)
	anyPhone = anyPhone && !signsNoRelay
	switch {
	case a.Has(LinkContactAvoid, AvoidPhone) && relay && anyPhone:
		return PhoneRelay
	case a.Has(LinkContactAvoid, AvoidPhone):
		return PhoneNone
	case a.Has(LinkContactNeeds, ContactCarer) || a.Has(LinkCommNeeds, NeedCarer):
		return PhoneCarer
	case !anyPhone && a.One(LinkHelp) == HelpCarer:
		return PhoneCarer
	case !anyPhone:
		return PhoneNone
	}
	return PhoneFree
}

// TitleFor names the route for people, for the patient whose answers are
// a. A phone call to a patient who must be contacted through a sign
// language video relay or text relay is named by the relay ("Sign language
// video relay call"): "Phone call" at the head of the result sent staff to
// a voice call, even to a patient who must not be phoned. Where a phone
// call is required beside the relay, or no relay is, it is a phone call.
// Every other route is named as Title names it.
func (r Route) TitleFor(a Answers) string {
	if r != RoutePhone || a.Has(LinkContactNeeds, ContactPhone) {
		return r.Title()
	}
	switch {
	case a.Has(LinkContactNeeds, ContactBSLRelay):
		return "Sign language video relay call"
	case a.Has(LinkContactNeeds, ContactTextRelay):
		return "Text relay call"
	}
	return r.Title()
}

// PrimaryTitle is the main route as every printer heads the result with
// it (the screen, the note, `show`, history, the FHIR export's text): the
// route named for the patient whose answers are a (Route.TitleFor). The
// saved route itself is unchanged.
func (r Recommendation) PrimaryTitle(a Answers) string { return r.Primary.TitleFor(a) }

// FallbackTextFor is FallbackText with the fallback route named for the
// patient whose answers are a, as PrimaryTitle names the main route. A
// call to the carer is not through the patient's relay: it stays a phone
// call.
func (r Recommendation) FallbackTextFor(a Answers) (title, reason string) {
	title, reason = r.FallbackText()
	if !r.NoSecondRoute() && !r.FallbackToCarer && r.Fallback == RoutePhone {
		title = RoutePhone.TitleFor(a)
	}
	return title, reason
}
