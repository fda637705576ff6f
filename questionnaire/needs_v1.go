package questionnaire

// NeedsFromV1 turns version 1's communication needs into version 2's
// needs and contact requirements, for answers carried from version 1 to
// version 2 (test patients, synthetic data): British Sign Language becomes
// a British Sign Language interpreter, and text relay and contact through
// a carer become contact requirements, as version 2 asks them. Text relay
// is kept only for a patient with a phone (a smartphone, basic mobile or
// landline), since version 2 refuses relay calls nothing can reach. Each
// list is "none" of its item when empty, as an answered item must be.
func NeedsFromV1(a Answers) (needs, contact []string) {
	phone := a.Has(LinkDevices, DevSmartphone) || a.Has(LinkDevices, DevBasicMob) || a.Has(LinkDevices, DevLandline)
	for _, n := range a[LinkCommNeeds] {
		switch n {
		case NeedBSL:
			needs = append(needs, NeedBSLInterpreter)
		case NeedTextRelay:
			if phone {
				contact = append(contact, ContactTextRelay)
			}
		case NeedCarer:
			contact = append(contact, ContactCarer)
		case NeedNone:
		default:
			needs = append(needs, n)
		}
	}
	if len(needs) == 0 {
		needs = []string{NeedNone}
	}
	if len(contact) == 0 {
		contact = []string{ContactNone}
	}
	return needs, contact
}
