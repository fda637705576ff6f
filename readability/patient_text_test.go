package readability_test

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/readability"
)

// MinEase is the target for every patient-facing string: a Flesch reading
// ease of 70 or more, about a reading age of 9.
const MinEase = 70

// names are proper names and web addresses the patient needs to see as they
// are; each counts as one short word, since no plainer word can replace it.
var names = []string{
	"NHS App", "NHS", "GP", "Universal Credit", "Pension Credit", "British Sign Language",
	"Good Things Foundation", "AbilityNet", "Learn My Way", "National Databank", "National Device Bank",
	"National Digital Inclusion Network", "Get Safe Online", "Ofcom", "Relay UK",
	"goodthingsfoundation.org", "learnmyway.com", "abilitynet.org.uk", "getsafeonline.org",
	"ofcom.org.uk", "nhs.uk/nhs-app", "Digital Unite", "Digital Champions", "Digital Champion",
	"digitalunite.com", "Age UK Advice Line", "Age UK", "ageuk.org.uk", "RNIB", "rnib.org.uk",
	"digitalphoneswitchover.com",
}

func plain(s string) string {
	for _, n := range names {
		s = strings.ReplaceAll(s, n, "Name")
	}
	return s
}

// PatientStrings is every string a patient hears or reads: the questions
// and answers read out, the programmes' patient lines and contact details,
// and the handout's sentences.
func patientStrings() map[string]string {
	out := map[string]string{}
	// A question is heard with its answers read out after it, so each is
	// measured as that passage: a one-word answer has no reading ease of
	// its own.
	for _, ins := range questionnaire.Versions() {
		for _, it := range ins.Items() {
			passage := it.Text
			// NHS Data Dictionary category names, and language names,
			// used as published.
			if it.LinkID != questionnaire.LinkEthnicity && it.LinkID != questionnaire.LinkLanguageCode {
				for _, o := range it.Options {
					passage += " " + o.Text + "."
				}
			}
			out["v"+ins.Version+" question "+it.LinkID+" with its answers"] = passage
		}
	}
	for _, p := range questionnaire.National.Programmes {
		out["programme "+p.ID+" patient_line"] = p.PatientLine
		out["programme "+p.ID+" contact"] = p.Contact
	}
	return out
}

func TestEveryPatientFacingStringIsEasyToRead(t *testing.T) {
	for where, s := range patientStrings() {
		if ease := readability.FleschReadingEase(plain(s)); ease < MinEase {
			t.Errorf("%s: reading ease %.0f < %d: %q", where, ease, MinEase, s)
		}
	}
}
