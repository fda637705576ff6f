// Package fhir writes digicheck's instrument and assessments as FHIR R4
// resources: the instrument as a Questionnaire (canonical url and version)
// and each assessment as a QuestionnaireResponse that points at it by
// url|version, so a receiving system can read the answers by linkId without
// knowing anything about digicheck. It also renders the instrument as plain
// text for a QI team to review.
//
// The response holds the answers only. What digicheck worked out from
// them (the bands, the contact route, the adjustments for communication
// needs and the referrals the patient agreed to) is written as resources
// of their own that a server can search, each pointing back at the
// response (Resources, result.go). A response pushed to the trust's server
// also carries the record whole, for digicheck on another machine to read
// back (Resources).
//
// A site sets the canonical base everything digicheck names is under, its
// local number system, its pseudonym system and its ODS code (Site).
//
// Option codes are only unique within their item ("yes" means different
// things under different questions), so each item has its own code system,
// OptionSystem. The instrument never reuses a code, so the system carries no
// version.
//
// The resources are checked in Go tests against the R4 rules this package
// relies on, and independently by tools/fhir-validate against the official
// R4 definitions.
package fhir

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"digicheck/questionnaire"
)

// Systems of identifiers and codes written by this package that are not
// digicheck's own.
const (
	// NHSNumberSystem is the NHS England identifier system for NHS numbers.
	NHSNumberSystem = "https://fhir.nhs.uk/Id/nhs-number"
	// itemControlURL and itemControlSystem are the R4 core extension and
	// code system that mark a nested display item as help text.
	itemControlURL    = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
	itemControlSystem = "http://hl7.org/fhir/questionnaire-item-control"
	// optionExclusiveURL is the R4 core extension for an answer that cannot
	// be chosen with any other ("none of these").
	optionExclusiveURL = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
)

// HintSuffix ends the linkId of the display item that carries an item's
// hint for the clinician. Hints are not questions, so they never appear in
// a response.
const HintSuffix = ".hint"

// OptionSystem is the code system of an item's answer options.
func OptionSystem(ins *questionnaire.Instrument, linkID string) string {
	return ins.URL + "/CodeSystem/" + linkID
}

// Name is the instrument's computable name: its title in CamelCase, as the
// R4 invariant que-0 asks ([A-Z]([A-Za-z0-9_]){0,254}).
func Name(ins *questionnaire.Instrument) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(ins.Title, func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	}) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	name := b.String()
	if name == "" || name[0] < 'A' || name[0] > 'Z' {
		// A title starting with a digit still needs a leading letter.
		name = "Q" + name
	}
	if len(name) > 255 {
		name = name[:255]
	}
	return name
}

// description says what the instrument is and is not; it is true of every
// digicheck instrument version (see the README).
const description = "digicheck's own questions, asked by a clinician during the case history, " +
	"about a patient's digital access, skills, motivation and trust, communication needs and " +
	"preferred contact route. Closest to the domains of NHS England's inclusive digital healthcare " +
	"framework, the UK Essential Digital Skills tasks and the single-item literacy screener " +
	"(Morris et al. 2006); copies none of them, and is not a validated instrument."

// ErrInstrument is returned for an instrument that cannot be written as a
// valid Questionnaire.
var ErrInstrument = errors.New("instrument cannot be exported")

// Questionnaire returns the instrument as an R4 Questionnaire, indented for
// people to read. Each section is a group whose linkId is the section id;
// its questions follow the item types: a single choice is "choice", a
// multiple choice is "choice" with repeats, and text is "string" with its
// maximum length.
func Questionnaire(ins *questionnaire.Instrument) ([]byte, error) {
	q, err := buildQuestionnaire(ins)
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(q, "", "  ")
}

func buildQuestionnaire(ins *questionnaire.Instrument) (*questionnaireResource, error) {
	if ins == nil || ins.URL == "" || ins.Version == "" {
		return nil, fmt.Errorf("%w: it needs a canonical URL and a version", ErrInstrument)
	}
	if strings.ContainsAny(ins.URL, " \t\n|") {
		return nil, fmt.Errorf("%w: URL %q has a space or |", ErrInstrument, ins.URL)
	}
	q := &questionnaireResource{
		ResourceType: "Questionnaire",
		URL:          ins.URL,
		Version:      ins.Version,
		Name:         Name(ins),
		Title:        ins.Title,
		Status:       "active",
		SubjectType:  []string{"Patient"},
		Publisher:    "digicheck",
		Description:  description,
	}
	seen := map[string]string{}
	asked := map[string]bool{}
	claim := func(linkID, what string) error {
		if linkID == "" {
			return fmt.Errorf("%w: %s has no linkId", ErrInstrument, what)
		}
		if slices.Contains(reservedLinkIDs, linkID) {
			// Its option code system would be a result code system.
			return fmt.Errorf("%w: %s has the linkId %q, which names a code system of the result", ErrInstrument, what, linkID)
		}
		if prev, ok := seen[linkID]; ok {
			return fmt.Errorf("%w: linkId %q is used by %s and %s", ErrInstrument, linkID, prev, what)
		}
		seen[linkID] = what
		return nil
	}
	for si := range ins.Sections {
		s := &ins.Sections[si]
		if err := claim(s.ID, "section "+s.Title); err != nil {
			return nil, err
		}
		if len(s.Items) == 0 {
			// R4 que-1: a group must contain items.
			return nil, fmt.Errorf("%w: section %q has no questions", ErrInstrument, s.ID)
		}
		g := qItem{
			LinkID: s.ID,
			Text:   s.Title,
			Type:   "group",
			// A section with a required question must be in every
			// finished response; an optional one may be left out whole.
			Required: !s.Optional && slices.ContainsFunc(s.Items, func(it questionnaire.Item) bool { return it.Required }),
		}
		for ii := range s.Items {
			it := &s.Items[ii]
			if err := claim(it.LinkID, "question "+it.LinkID); err != nil {
				return nil, err
			}
			if err := checkCondition(ins, it, asked); err != nil {
				return nil, err
			}
			asked[it.LinkID] = true
			qi, err := buildItem(ins, s, it)
			if err != nil {
				return nil, err
			}
			if it.Hint != "" {
				if err := claim(it.LinkID+HintSuffix, "the hint of "+it.LinkID); err != nil {
					return nil, err
				}
			}
			g.Item = append(g.Item, qi)
		}
		q.Item = append(q.Item, g)
	}
	return q, nil
}

// checkCondition checks that an item's enableWhen names a question asked
// earlier, and one of its answers: a form filler evaluates it against the
// answers already given.
func checkCondition(ins *questionnaire.Instrument, it *questionnaire.Item, asked map[string]bool) error {
	c := it.EnableWhen
	if c == nil {
		return nil
	}
	dep, ok := ins.Item(c.LinkID)
	if !ok || !asked[c.LinkID] {
		return fmt.Errorf("%w: %s is shown when %q, which is not an earlier question", ErrInstrument, it.LinkID, c.LinkID)
	}
	if dep.Type == questionnaire.Text {
		return fmt.Errorf("%w: %s is shown by an answer to the text question %s", ErrInstrument, it.LinkID, c.LinkID)
	}
	if _, ok := dep.Option(c.Code); !ok {
		return fmt.Errorf("%w: %s is shown when %s is %q, which is not one of its answers", ErrInstrument, it.LinkID, c.LinkID, c.Code)
	}
	return nil
}

func buildItem(ins *questionnaire.Instrument, s *questionnaire.Section, it *questionnaire.Item) (qItem, error) {
	qi := qItem{
		LinkID: it.LinkID,
		Text:   it.Text,
		// Every item of an optional section may be skipped, whatever the
		// item says: the section as a whole is optional.
		Required: it.Required && !s.Optional,
	}
	switch it.Type {
	case questionnaire.Choice, questionnaire.MultiChoice:
		qi.Type = "choice"
		qi.Repeats = it.Type == questionnaire.MultiChoice
		if len(it.Options) == 0 {
			return qItem{}, fmt.Errorf("%w: %s has no answers to choose from", ErrInstrument, it.LinkID)
		}
		codes := map[string]bool{}
		for _, o := range it.Options {
			if codes[o.Code] || strings.TrimSpace(o.Code) != o.Code || o.Code == "" {
				return qItem{}, fmt.Errorf("%w: %s has a blank, padded or repeated answer code %q", ErrInstrument, it.LinkID, o.Code)
			}
			codes[o.Code] = true
			ao := answerOption{ValueCoding: optionCoding(ins, it, o)}
			if o.Exclusive && it.Type == questionnaire.MultiChoice {
				t := true
				ao.Extension = []extension{{URL: optionExclusiveURL, ValueBoolean: &t}}
			}
			qi.AnswerOption = append(qi.AnswerOption, ao)
		}
	case questionnaire.Text:
		qi.Type = "string"
		qi.MaxLength = it.MaxLen
	default:
		return qItem{}, fmt.Errorf("%w: %s has unknown type %q", ErrInstrument, it.LinkID, it.Type)
	}
	if c := it.EnableWhen; c != nil {
		// checkCondition has made sure both exist.
		dep, _ := ins.Item(c.LinkID)
		o, _ := dep.Option(c.Code)
		cd := optionCoding(ins, dep, o)
		qi.EnableWhen = []enableWhen{{Question: c.LinkID, Operator: "=", AnswerCoding: &cd}}
		// One condition needs no enableBehavior (R4 que-12 asks for it
		// only with more than one); an item has at most one condition.
	}
	if it.Hint != "" {
		qi.Item = []qItem{{
			Extension: []extension{{
				URL: itemControlURL,
				ValueCodeableConcept: &codeableConcept{Coding: []coding{{
					System: itemControlSystem, Code: "help", Display: "Help-Button",
				}}},
			}},
			LinkID: it.LinkID + HintSuffix,
			Text:   it.Hint,
			Type:   "display",
		}}
	}
	return qi, nil
}

// optionCoding is the Coding of one answer option, the same in the
// Questionnaire's answerOption, its enableWhen and every response. An
// ethnic category is coded in UK Core's code system, whose codes are the
// NHS Data Dictionary's letters the instrument keeps (ethnicCategories).
func optionCoding(ins *questionnaire.Instrument, it *questionnaire.Item, o questionnaire.Option) coding {
	if it.LinkID == questionnaire.LinkEthnicity {
		if display, ok := ethnicCategories[o.Code]; ok {
			return coding{System: EthnicCategorySystem, Code: o.Code, Display: display}
		}
	}
	return coding{System: OptionSystem(ins, it.LinkID), Code: o.Code, Display: o.Text}
}

// EthnicCategorySystem is UK Core's code system of the NHS Data
// Dictionary's ETHNIC CATEGORY codes for England: HL7 UK, CodeSystem
// UKCore-EthnicCategoryEngland, version 1.1.1 (2023-04-28), whose codes
// and descriptions "are copied from the content of the NHS Data Dictionary
// Ethnic Category web page" (as published in the UK Core R4 package,
// codesystems/CodeSystem-UKCore-EthnicCategoryEngland.json).
const EthnicCategorySystem = "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland"

// ethnicCategories are the codes of EthnicCategorySystem with their
// displays as UK Core publishes them. Its "99 Not known" is not an answer
// the instrument offers.
var ethnicCategories = map[string]string{
	"A":  "White - British",
	"B":  "White - Irish",
	"C":  "White - Any other White background",
	"D":  "Mixed - White and Black Caribbean",
	"E":  "Mixed - White and Black African",
	"F":  "Mixed - White and Asian",
	"G":  "Mixed - Any other mixed background",
	"H":  "Asian or Asian British - Indian",
	"J":  "Asian or Asian British - Pakistani",
	"K":  "Asian or Asian British - Bangladeshi",
	"L":  "Asian or Asian British - Any other Asian background",
	"M":  "Black or Black British - Caribbean",
	"N":  "Black or Black British - African",
	"P":  "Black or Black British - Any other Black background",
	"R":  "Other Ethnic Groups - Chinese",
	"S":  "Other Ethnic Groups - Any other ethnic group",
	"Z":  "Not stated",
	"99": "Not known",
}
