package record

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestTheHandoutSaysThePatientsChoiceIsUsedAsWellWhereARulePutAnotherRouteFirst:
// a patient who chose text messages, and needs help reading NHS letters,
// was to be called first and sent the text as well ("used as well, not
// first", the note said), but their handout said only "We will contact
// you by a phone call. If that does not work, we will contact you by a
// letter in the post": told their choice was heard, they had nothing on
// paper about it. Wherever a rule puts another route first and the chosen
// one is used as well (the reading rule, a contact requirement, contact
// through a carer), the handout says so in plain words under "How we will
// contact you"; where the choice is honoured it is the first route already
// said, and where it is not possible the line says so instead. A carer's
// answer is not called the patient's own.
func TestTheHandoutSaysThePatientsChoiceIsUsedAsWellWhereARulePutAnotherRouteFirst(t *testing.T) {
	const sorry = "cannot do this for now"
	for _, tc := range []struct {
		name   string
		change questionnaire.Answers
		status string // ChoiceStatus, as the case needs it
		want   string // the line about the choice; "" for none
	}{
		{"chose text messages, needs help reading often: a call first", questionnaire.Answers{
			questionnaire.LinkReadingHelp: {questionnaire.ReadOften},
			questionnaire.LinkChoice:      {string(questionnaire.RouteSMS)}},
			"not honoured", "You asked us to contact you by a text message to your mobile. We will do this as well."},
		{"chose text messages, needs help reading always, a carer answered", questionnaire.Answers{
			questionnaire.LinkReadingHelp: {questionnaire.ReadAlways},
			questionnaire.LinkChoice:      {string(questionnaire.RouteSMS)},
			questionnaire.LinkRespondent:  {questionnaire.RespondentCarer}},
			"not honoured", "We were asked to contact you by a text message to your mobile. We will do this as well."},
		{"chose letters, needs help reading sometimes: a letter first, checked", questionnaire.Answers{
			questionnaire.LinkReadingHelp: {questionnaire.ReadSometimes},
			questionnaire.LinkChoice:      {string(questionnaire.RouteLetter)}},
			"honoured", ""},
		{"chose letters, needs help reading often: sent as well", questionnaire.Answers{
			questionnaire.LinkReadingHelp: {questionnaire.ReadOften},
			questionnaire.LinkChoice:      {string(questionnaire.RouteLetter)}},
			"not honoured", "You asked us to contact you by a letter in the post. We will do this as well."},
		{"chose text messages, must be contacted by letter", questionnaire.Answers{
			questionnaire.LinkContactNeeds: {questionnaire.ContactLetter},
			questionnaire.LinkChoice:       {string(questionnaire.RouteSMS)}},
			"not honoured", "You asked us to contact you by a text message to your mobile. We will do this as well."},
		{"chose text messages, must be contacted through their carer", questionnaire.Answers{
			questionnaire.LinkContactNeeds: {questionnaire.ContactCarer},
			questionnaire.LinkChoice:       {string(questionnaire.RouteSMS)}},
			"not honoured", "You asked us to contact you by a text message to your mobile. We will do this as well."},
		{"chose text messages, honoured", questionnaire.Answers{
			questionnaire.LinkChoice: {string(questionnaire.RouteSMS)}},
			"honoured", ""},
		{"a screen reader, chose letters: not possible", questionnaire.Answers{
			questionnaire.LinkCommNeeds: {questionnaire.NeedScreenRead}, questionnaire.LinkPrintSize: nil,
			questionnaire.LinkChoice: {string(questionnaire.RouteLetter)}},
			"not possible", ""},
		{"no preference", questionnaire.Answers{
			questionnaire.LinkReadingHelp: {questionnaire.ReadOften},
			questionnaire.LinkChoice:      {questionnaire.ChoiceNone}},
			"", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := assessedV2(t, tc.change)
			if err := questionnaire.V2.Validate(r.Answers); err != nil {
				t.Fatalf("the answers do not stand: %v", err)
			}
			rec := r.Recommendation
			if st := rec.ChoiceStatus(); st != tc.status {
				t.Fatalf("the choice is %q (%s), the case needs %q", st, rec.ChoiceNote, tc.status)
			}
			if st, _ := ChoiceWords(rec); tc.want != "" && st != "used as well, not first" {
				t.Fatalf("the note says the choice is %q, the case needs it used as well", st)
			}
			for _, large := range []bool{false, true} {
				h := strings.Join(strings.Fields(HandoutWith(r, HandoutOptions{LargePrint: large, Team: "Ward 7"})), " ")
				asWell := strings.Contains(h, "as well.")
				switch {
				case tc.want == "" && asWell:
					t.Errorf("large print %v: the handout says a choice is used as well:\n%s", large, h)
				case tc.want != "" && !strings.Contains(h, tc.want):
					t.Errorf("large print %v: the handout does not say %q:\n%s", large, tc.want, h)
				case tc.want != "" && strings.Contains(h, sorry):
					t.Errorf("large print %v: the handout says a choice used as well cannot be used:\n%s", large, h)
				}
				if tc.want != "" {
					if at := strings.Index(h, tc.want); at < strings.Index(h, headContact) || at > strings.Index(h, headChange) {
						t.Errorf("large print %v: the line is not under %q:\n%s", large, headContact, h)
					}
				}
			}
		})
	}
}
