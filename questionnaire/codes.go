package questionnaire

import (
	"strings"
	"sync"
)

// Concept is a SNOMED CT concept for a communication need or a contact
// requirement, as the Accessible Information Standard (DAPB1605, as
// republished in 2025) asks them to be recorded: coded, so that the EHR
// can raise its flag from the code rather than from prose.
type Concept struct {
	Code   string // the SCTID
	Term   string // the term as the source gives it
	Source string // the published NHS source the code was taken from
}

// The published sources the codes are taken from. Each was read in full;
// a code found only in a third party's page, or remembered, is not used.
const (
	// SourceRAFlagCode is NHS England's draft Reasonable Adjustment Flag
	// ValueSet, whose expansion lists SNOMED CT concepts with their terms.
	SourceRAFlagCode = "NHS England, Reasonable Adjustment Flag ValueSet RA-FlagCode " +
		"(https://fhir.nhs.uk/England/ValueSet/RA-FlagCode, version 0.1.0, draft, dated 2024-02-14), " +
		"github.com/NHSDigital/ra-sandbox input/fsh/valuesets/RA-FlagCode.fsh at commit 66e68347 (2024-03-12)"
	// SourceDD4C is NHS England's Data Dictionary for Care entry for the
	// Accessible Information subsets, which names the assessment procedure
	// their terms support.
	SourceDD4C = "NHS England, Data Dictionary for Care (DD4C), subset \"Accessible Information - " +
		"requires communication professional\" (supports SCCI1605 Accessible Information; " +
		"last updated 18 Apr 2018), nhsengland.kahootz.com/t_c_home/viewDatastore?dsid=777732"
)

// Keys of the communication needs and contact requirements that carry a
// concept. The instrument's options map to these keys; a key is a
// promise that ConceptFor answers for it.
const (
	ConceptEasyRead        = "easy-read"
	ConceptVerbal          = "verbal"
	ConceptLargePrint20    = "large-print-20"
	ConceptLargePrint24    = "large-print-24"
	ConceptLargePrint28    = "large-print-28"
	ConceptBSLInterpreter  = "bsl-interpreter"
	ConceptInterpreter     = "interpreter"
	ConceptTextRelay       = "text-relay"
	ConceptContactCarer    = "contact-carer"
	ConceptContactLetter   = "contact-letter"
	ConceptContactSMS      = "contact-sms"
	ConceptContactPhone    = "contact-phone"
	ConceptContactEmail    = "contact-email"
	ConceptNeedsAssessment = "needs-assessment"
)

// concepts is the table of coded needs, the interpreter languages among
// them. Every entry was checked against its Source, code and term
// character for character. Made when first looked up: a start of the
// full screen codes nothing.
var concepts = sync.OnceValue(func() map[string]Concept {
	c := map[string]Concept{
		ConceptEasyRead:       {"796161000000101", "Requires information in Easyread", SourceRAFlagCode},
		ConceptVerbal:         {"367741000000102", "Requires information verbally", SourceRAFlagCode},
		ConceptLargePrint20:   {"957331000000109", "Requires written information in at least 20 point sans serif font", SourceRAFlagCode},
		ConceptLargePrint24:   {"957351000000102", "Requires written information in at least 24 point sans serif font", SourceRAFlagCode},
		ConceptLargePrint28:   {"957371000000106", "Requires written information in at least 28 point sans serif font", SourceRAFlagCode},
		ConceptBSLInterpreter: {"204331000000107", "British Sign Language interpreter needed", SourceRAFlagCode},
		// The language-neutral concept, for an interpreter whose language has
		// no concept of its own below: a language typed for "other" that is
		// not the name of one of them.
		ConceptInterpreter:     {"315594003", "Interpreter needed", SourceRAFlagCode},
		ConceptTextRelay:       {"796081000000106", "Requires contact by text relay", SourceRAFlagCode},
		ConceptContactCarer:    {"719561001", "Requires contact via carer", SourceRAFlagCode},
		ConceptContactLetter:   {"936721000000107", "Requires contact by letter", SourceRAFlagCode},
		ConceptContactSMS:      {"936701000000103", "Requires contact by short message service text message", SourceRAFlagCode},
		ConceptContactPhone:    {"795661000000104", "Requires contact by telephone", SourceRAFlagCode},
		ConceptContactEmail:    {"936741000000100", "Requires contact by email", SourceRAFlagCode},
		ConceptNeedsAssessment: {"1053561000000108", "Information and communication accessibility needs assessment", SourceDD4C},
	}
	for _, l := range interpreterLanguages {
		c[InterpreterKey(l.Language)] = Concept{l.Code, l.Term, SourceRAFlagCode}
	}
	return c
})

// interpreterLanguages are the spoken languages with an "interpreter
// needed" concept of their own that the instrument offers by name, keyed
// "interpreter-" + the language in lower case. The ValueSet has about 200;
// these are the ones offered as choices. A language typed for "other" is
// coded with one of these when it is its name (InterpreterKey ignores
// capitals and spaces), else with the language-neutral concept. All from
// SourceRAFlagCode.
var interpreterLanguages = []struct{ Language, Code, Term string }{
	{"Albanian", "203291000000102", "Albanian language interpreter needed"},
	{"Arabic", "203311000000101", "Arabic language interpreter needed"},
	{"Bengali", "203321000000107", "Bengali language interpreter needed"},
	{"Bulgarian", "353921000000107", "Bulgarian language interpreter needed"},
	{"Cantonese", "203381000000108", "Cantonese language interpreter needed"},
	{"Czech", "203401000000108", "Czech language interpreter needed"},
	{"Farsi", "203421000000104", "Farsi language interpreter needed"},
	{"French", "203441000000106", "French language interpreter needed"},
	{"Gujarati", "203601000000106", "Gujarati language interpreter needed"},
	{"Hindi", "203651000000107", "Hindi language interpreter needed"},
	{"Hungarian", "360431000000104", "Hungarian language interpreter needed"},
	{"Italian", "203371000000106", "Italian language interpreter needed"},
	{"Kurdish", "203701000000104", "Kurdish language interpreter needed"},
	{"Latvian", "360071000000106", "Latvian language interpreter needed"},
	{"Lithuanian", "203721000000108", "Lithuanian language interpreter needed"},
	{"Mandarin", "203821000000101", "Mandarin language interpreter needed"},
	{"Panjabi", "203961000000103", "Panjabi language interpreter needed"},
	{"Pashto", "203841000000108", "Pashto language interpreter needed"},
	{"Polish", "203901000000102", "Polish language interpreter needed"},
	{"Portuguese", "203911000000100", "Portuguese language interpreter needed"},
	{"Romanian", "353881000000101", "Romanian language interpreter needed"},
	{"Russian", "203971000000105", "Russian language interpreter needed"},
	{"Slovak", "352901000000108", "Slovak language interpreter needed"},
	{"Somali", "204021000000108", "Somali language interpreter needed"},
	{"Spanish", "204031000000105", "Spanish language interpreter needed"},
	{"Sylheti", "204081000000109", "Sylheti language interpreter needed"},
	{"Tamil", "204131000000109", "Tamil language interpreter needed"},
	{"Tigrinya", "204171000000106", "Tigrinya language interpreter needed"},
	{"Turkish", "204191000000105", "Turkish language interpreter needed"},
	{"Ukrainian", "204201000000107", "Ukrainian language interpreter needed"},
	{"Urdu", "204211000000109", "Urdu language interpreter needed"},
	{"Vietnamese", "204221000000103", "Vietnamese language interpreter needed"},
}

// namedAsCoded is a language typed for an interpreter ("another language",
// or version 1's box) named as its concept names it where it is one of
// the coded languages, whatever its case and spaces (" tigrinya " is
// Tigrinya): a language name kept in lower case beside its right code
// went into the patient record. A language with no code is kept as typed.
func namedAsCoded(typed string) string {
	t := strings.TrimSpace(typed)
	for _, l := range interpreterLanguages {
		if strings.EqualFold(t, l.Language) {
			return l.Language
		}
	}
	return typed
}

// InterpreterKey is the concept key of an interpreter for a language
// ("Polish" gives "interpreter-polish").
func InterpreterKey(language string) string {
	return "interpreter-" + strings.ToLower(strings.TrimSpace(language))
}

// Uncoded lists the needs the instrument records for which no concept was
// found in a published NHS source, with what was looked at. They are
// recorded and shown as words only: a code is never made up.
var Uncoded = map[string]string{
	"screen-reader": "RA-FlagCode has \"Requires information in electronic downloadable format\" " +
		"(945751000000106) and audio formats, but no concept for a screen reader or a " +
		"screen-reader-compatible document; none of those says the same thing, so none is used.",
	"translated-information": "RA-FlagCode lists an \"interpreter needed\" concept per language, but no " +
		"concept for written information translated into a language.",
	"bsl-video-relay": "RA-FlagCode has \"Requires contact by text relay\" and \"British Sign Language " +
		"interpreter needed\", but no concept for contact through a BSL video relay service.",
	"not-by-phone": "The AIS contact concepts are positive (\"Requires contact by ...\"); no concept " +
		"for \"must not be contacted by telephone\" was found in RA-FlagCode.",
	"not-by-sms": "As for not-by-phone: no concept for \"must not be contacted by text message\" " +
		"was found in RA-FlagCode.",
	"not-by-email": "As for not-by-phone: no concept for \"must not be contacted by email\" " +
		"was found in RA-FlagCode.",
	"not-by-letter": "As for not-by-phone: no concept for \"must not be contacted by letter\" " +
		"was found in RA-FlagCode.",
	"large-print": "Large print with no point size (instrument v1): each large-print concept names a " +
		"minimum point size, so a need recorded without one is not coded.",
}

// ConceptFor returns the concept for a need or contact requirement key,
// and false for a key with no published concept (see Uncoded).
func ConceptFor(key string) (Concept, bool) {
	c, ok := concepts()[key]
	return c, ok
}
