package questionnaire

import "testing"

// TestEachKindOfAnswerReadsOneWay pins how the record's full view, the FHIR
// export and the screens word each kind of answer.
func TestEachKindOfAnswerReadsOneWay(t *testing.T) {
	item := func(link string) *Item {
		it, ok := V1.Item(link)
		if !ok {
			t.Fatalf("v1 has no %s", link)
		}
		return it
	}
	for _, c := range []struct {
		kind, link string
		values     []string
		want       string
	}{
		{"single choice", LinkWant, []string{No}, "No"},
		{"several choices, in the order offered, not the order ticked", LinkDevices,
			[]string{DevLandline, DevSmartphone}, "My own smartphone; A landline phone only"},
		{"free text, as typed", LinkLanguage, []string{"Polish (Silesian)"}, "Polish (Silesian)"},
		{"free text with a control character, shown as an escape", LinkLanguage, []string{"Polish\x1b[2J"}, `Polish\x1b[2J`},
		// An earlier build kept a language with a character that draws
		// nothing (checks refuse it since): show printed it blank, the
		// conflicts view of push as its code. Every view shows its code.
		{"free text kept with a character that draws nothing, shown as its code", LinkLanguage, []string{"Tigrinya\u3164"}, `Tigrinya\u3164`},
		{"free text spelled with a joiner, as typed", LinkLanguage, []string{"\u0641\u0627\u0631\u0633\u06cc\u200c\u062f\u0631\u06cc"}, "\u0641\u0627\u0631\u0633\u06cc\u200c\u062f\u0631\u06cc"},
		{"a code kept with a character that draws nothing, shown as its code", LinkWant, []string{"maybe\u2800"}, `maybe\u2800`},
		{"not asked", LinkLanguage, nil, "Not asked"},
		{"not asked, an empty entry", LinkDevices, []string{}, "Not asked"},
		{"not stated, as the question words it", LinkBenefits, []string{PreferNotSay}, "Prefer not to say"},
		{"not stated, as the ethnic category words it", LinkEthnicity, []string{"Z"}, "Not stated"},
		{"a code this instrument does not offer, as kept", LinkWant, []string{"maybe"}, "maybe"},
	} {
		if got := item(c.link).AnswerText(c.values); got != c.want {
			t.Errorf("%s: AnswerText(%q) = %q, want %q", c.kind, c.values, got, c.want)
		}
	}
}

func TestChosenOptionsComeInTheInstrumentsOrder(t *testing.T) {
	it, _ := V1.Item(LinkDevices)
	chosen, unknown := it.Chosen([]string{DevNone, "tv", DevShared})
	if len(chosen) != 2 || chosen[0].Code != DevShared || chosen[1].Code != DevNone {
		t.Errorf("chosen = %v, want %s then %s", chosen, DevShared, DevNone)
	}
	if len(unknown) != 1 || unknown[0] != "tv" {
		t.Errorf("unknown = %q, want [tv]", unknown)
	}
}
