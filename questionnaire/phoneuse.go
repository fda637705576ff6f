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
	// requirement), or the patient has no phone and a carer does most
	// things for them: the carer calls.
	PhoneCarer
	// PhoneNone: the patient must not be phoned, or has no phone and no
	// carer to call for them: no call is ever suggested.
	PhoneNone
)

// PhoneUseOf reads it from the answers of either version: "not by phone"
// and a relay (version 2), contact through a carer (a version 2 contact
// requirement, or version 1's need), the phones the patient has, and
// whether a carer does most things for them.
func PhoneUseOf(a Answers) PhoneUse {
	relay := a.Has(LinkContactNeeds, ContactBSLRelay) || a.Has(LinkContactNeeds, ContactTextRelay)
	anyPhone := a.Has(LinkDevices, DevSmartphone) || a.Has(LinkDevices, DevBasicMob) || a.Has(LinkDevices, DevLandline)
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
