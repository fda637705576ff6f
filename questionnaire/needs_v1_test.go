package questionnaire

import (
	"slices"
	"testing"
)

// TestNeedsFromV1: version 1's needs as version 2 asks them, one rule
// each: sign language becomes an interpreter, a carer a contact
// requirement, text relay a contact requirement only where a phone can
// take the call (at the boundary: a landline, a basic mobile, a
// smartphone, and none), and every other need stays; an empty list is
// "none". The answers given for version 2 validate.
func TestNeedsFromV1(t *testing.T) {
	for _, c := range []struct {
		name           string
		devices, needs []string
		wantNeeds      []string
		wantContact    []string
	}{
		{"no needs", []string{DevSmartphone}, []string{NeedNone}, []string{NeedNone}, []string{ContactNone}},
		{"sign language", []string{DevSmartphone}, []string{NeedBSL}, []string{NeedBSLInterpreter}, []string{ContactNone}},
		{"through a carer", []string{DevNone}, []string{NeedCarer}, []string{NeedNone}, []string{ContactCarer}},
		{"text relay, landline", []string{DevLandline}, []string{NeedTextRelay}, []string{NeedNone}, []string{ContactTextRelay}},
		{"text relay, basic mobile", []string{DevBasicMob}, []string{NeedTextRelay}, []string{NeedNone}, []string{ContactTextRelay}},
		{"text relay, smartphone", []string{DevSmartphone}, []string{NeedTextRelay}, []string{NeedNone}, []string{ContactTextRelay}},
		{"text relay, no phone", []string{DevShared}, []string{NeedTextRelay}, []string{NeedNone}, []string{ContactNone}},
		{"print, interpreter and a carer", []string{DevLandline}, []string{NeedLargePrint, NeedInterpreter, NeedCarer},
			[]string{NeedLargePrint, NeedInterpreter}, []string{ContactCarer}},
		{"sign language and text relay", []string{DevBasicMob}, []string{NeedBSL, NeedTextRelay},
			[]string{NeedBSLInterpreter}, []string{ContactTextRelay}},
	} {
		needs, contact := NeedsFromV1(Answers{LinkDevices: c.devices, LinkCommNeeds: c.needs})
		if !slices.Equal(needs, c.wantNeeds) || !slices.Equal(contact, c.wantContact) {
			t.Errorf("%s: %v / %v, want %v / %v", c.name, needs, contact, c.wantNeeds, c.wantContact)
		}
		// The version 2 answers they make are accepted.
		a := withV2(Answers{LinkDevices: c.devices, LinkInternet: {NetNone}, LinkCommNeeds: needs, LinkContactNeeds: contact})
		if slices.Contains(c.devices, DevLandline) {
			a[LinkTelecare] = []string{No}
		}
		if slices.Contains(needs, NeedLargePrint) {
			a[LinkPrintSize] = []string{"20"}
		}
		if slices.Contains(needs, NeedInterpreter) {
			a[LinkLanguageCode], a[LinkTranslated] = []string{"pl"}, []string{No}
		}
		if _, err := V2.Assess(a, National); err != nil {
			t.Errorf("%s: version 2 refuses %v / %v: %v", c.name, needs, contact, err)
		}
	}
}
