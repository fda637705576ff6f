package fhir

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"

	"digicheck/questionnaire"
	"digicheck/record"
)

// The result as resources a server can query. A QuestionnaireResponse
// holds the answers; what digicheck worked out from them is written beside
// it, each resource pointing back at the response:
//
//	Observation     one per domain: its band (derivedFrom the response)
//	Observation     the contact route: primary, fallback, the patient's
//	                choice and whether it was honoured (derivedFrom)
//	Flag            one per reasonable adjustment from a communication
//	                need, in the shape of NHS England's Reasonable
//	                Adjustment Flag (flag-detail extension -> the response)
//	ServiceRequest  one per referral the patient agreed to; declined and
//	                not discussed referrals are not requests and are not
//	                written (supportingInfo -> the response, reasonReference
//	                -> the bands it is for)
//
// Every resource's id is the response's id and a fixed suffix, so a PUT of
// a later version (an amendment, a void) replaces the same resources, and
// one the later version no longer has is written again as retired.
//
// Codes. Bands, routes and the result's observation codes are digicheck's
// own, in code systems under the instrument's canonical URL: no published
// code exists for a digital inclusion band (none was found in SNOMED CT or
// LOINC), so none is borrowed. A Flag's code is the SNOMED CT concept of
// its need where questionnaire/codes.go lists one with its published
// source, and otherwise the adjustment's text alone. Flag categories are
// from NHS England's Reasonable Adjustment Flag code systems (below).

// Code systems of the result, under the instrument's canonical URL. They
// are reserved: no linkId may take their names (checked when the
// Questionnaire is built).
func resultSystem(ins *questionnaire.Instrument) string { return ins.URL + "/CodeSystem/result" }
func bandSystem(ins *questionnaire.Instrument) string   { return ins.URL + "/CodeSystem/band" }
func routeSystem(ins *questionnaire.Instrument) string  { return ins.URL + "/CodeSystem/route" }

// reservedLinkIDs are the names of the result's code systems, which an
// item's linkId may not take (OptionSystem would be the same URL).
var reservedLinkIDs = []string{"result", "band", "route"}

// ProgrammeSystem is the code system of referral programmes: the
// directory's programme ids, under the site's base (programmes are the
// directory's, not the instrument's).
func ProgrammeSystem(s Site) string { return s.base() + "/CodeSystem/programme" }

// Published systems the derived resources use.
const (
	observationCategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category"
	snomedSystem              = "http://snomed.info/sct"
	// flagDetailURL is the R4 core extension that points a Flag at the
	// record behind it.
	flagDetailURL = "http://hl7.org/fhir/StructureDefinition/flag-detail"
	// The Reasonable Adjustment Flag's categories: NHS England's draft
	// code systems, PatientFlagCategory (NRAF, "National Reasonable
	// Adjustments Flag") and RA-FlagCategory (version 0.1.0, 2024-02-14),
	// as published in github.com/NHSDigital/ra-sandbox,
	// input/fsh/codesystem/PatientFlagCategory.fsh and RA-FlagCategory.fsh,
	// with the RA-Flag profile (input/fsh/profiles/RA-Flag.fsh) that
	// requires a category.
	patientFlagCategorySystem = "https://fhir.nhs.uk/England/CodeSystem/PatientFlagCategory"
	raFlagCategorySystem      = "https://fhir.nhs.uk/England/CodeSystem/RA-FlagCategory"
)

// raCategory is an RA-FlagCategory code with its display as published.
type raCategory struct{ code, display string }

var (
	raCommunicationProfessional = raCategory{"002", "Requires communication professional"}
	raContactMethod             = raCategory{"003", "Requires specific contact method"}
	raInformationFormat         = raCategory{"004", "Requires specific information format"}
	raAdditionalNeeds           = raCategory{"005", "Additional communication needs and support"}
)

// flagCategories maps an adjustment code to its RA-FlagCategory: digicheck's
// reading of which category each need falls in. An adjustment not listed
// (a newer instrument's) is "Additional communication needs and support".
var flagCategories = map[string]raCategory{
	questionnaire.NeedLargePrint:  raInformationFormat,
	questionnaire.NeedEasyRead:    raInformationFormat,
	questionnaire.NeedVerbal:      raInformationFormat,
	questionnaire.NeedScreenRead:  raInformationFormat,
	questionnaire.NeedBSL:         raCommunicationProfessional,
	questionnaire.NeedInterpreter: raCommunicationProfessional,
	questionnaire.NeedTextRelay:   raContactMethod,
	questionnaire.NeedCarer:       raContactMethod,
	"reading-help":                raAdditionalNeeds,

	// Instrument v2's needs and contact requirements.
	questionnaire.ConceptLargePrint20: raInformationFormat,
	questionnaire.ConceptLargePrint24: raInformationFormat,
	questionnaire.ConceptLargePrint28: raInformationFormat,
	"translated-information":          raInformationFormat,
	questionnaire.NeedBSLInterpreter:  raCommunicationProfessional,
	questionnaire.ContactLetter:       raContactMethod,
	questionnaire.ContactSMS:          raContactMethod,
	questionnaire.ContactPhone:        raContactMethod,
	questionnaire.ContactEmail:        raContactMethod,
	questionnaire.ContactBSLRelay:     raContactMethod,
	questionnaire.ContactCarer:        raContactMethod,
	questionnaire.AvoidPhone:          raContactMethod,
	questionnaire.AvoidSMS:            raContactMethod,
	questionnaire.AvoidEmail:          raContactMethod,
	questionnaire.AvoidLetter:         raContactMethod,
	"check-understanding":             raAdditionalNeeds,
}

// notFlags are adjustments that are offers to the patient, not needs the
// record of care must honour, so they are not flagged.
// Instrument v2's advice to the team (reassurance about the NHS App, help
// with forms or device settings, one-to-one help, the phone switchover and
// a care alarm) is of the same kind.
var notFlags = []string{"proxy-access", "app-reassurance", "trust-check", "forms-help", "tech-access", "no-helper", "switchover", "telecare"}

// Resource is one FHIR resource to write or PUT: its type and id (the PUT
// goes to Type/ID) and its JSON on one line.
type Resource struct {
	Type string
	ID   string
	JSON []byte
}

// Version is one saved version of an assessment, as Resources writes it.
type Version struct {
	// Record is the version as saved, with its own id.
	Record record.Record
	// Root is the id of the assessment's first version, the id of every
	// resource of the assessment; zero means Record.ID.
	Root record.ID
	// Previous, if not nil, is the version Record supersedes. Its Flags
	// and ServiceRequests that Record no longer has are written again as
	// inactive and revoked, so a server holds no flag or referral that
	// the assessment has since dropped.
	Previous *record.Record
}

// Resources returns one version of an assessment as the resources a
// server keeps: the QuestionnaireResponse first, on a single line of JSON
// (see buildResponseWith: identifiable, it carries v.Record whole), then
// its Observations, Flags and ServiceRequests.
func Resources(v Version, ins *questionnaire.Instrument, subject Subject, o ResponseOptions) ([]Resource, error) {
	r := v.Record
	if !v.Root.IsZero() {
		r.ID = v.Root
	}
	hide := o.Pseudonymised || subject.pseudonym
	qr, err := buildResponseWith(r, v.Record, ins, subject, o)
	if err != nil {
		return nil, err
	}
	ins = o.Site.Instrument(ins)
	b, err := json.Marshal(qr)
	if err != nil {
		return nil, err
	}
	out := []Resource{{Type: "QuestionnaireResponse", ID: qr.ID, JSON: b}}
	d := derivation{r: r, ins: ins, o: o, qr: qr, hide: hide}
	var failed error // the first resource that cannot be written
	add := func(typ, id string, res any) {
		b, err := json.Marshal(res)
		out, failed = append(out, Resource{Type: typ, ID: id, JSON: b}), cmp.Or(failed, err)
	}
	for _, dom := range questionnaire.Domains {
		obs := d.band(dom)
		add("Observation", obs.ID, obs)
	}
	route := d.route()
	add("Observation", route.ID, route)

	flags, refs := map[string]bool{}, map[string]bool{}
	addFlags := func(as []questionnaire.Adjustment, status string) {
		for _, a := range as {
			if !slices.Contains(notFlags, a.Code) && !flags[a.Code] {
				flags[a.Code] = true
				f := d.flag(a, status)
				add("Flag", f.ID, f)
			}
		}
	}
	addReferrals := func(rs []questionnaire.Referral, status string) {
		for _, ref := range rs {
			if ref.Consent == questionnaire.Agreed && !refs[ref.ProgrammeID] {
				refs[ref.ProgrammeID] = true
				sr := d.referral(ref, status)
				add("ServiceRequest", sr.ID, sr)
			}
		}
	}
	addFlags(r.Recommendation.Adjustments, d.status("active"))
	// A referral an amendment keeps from the version it corrects was
	// made: it stands, and is not revoked below.
	addReferrals(append(slices.Clone(r.Recommendation.Referrals), r.Recommendation.Kept...), d.status("active"))
	if p := v.Previous; p != nil && r.Status != record.EnteredInError {
		// What the earlier version flagged or referred and this one no
		// longer does is retired, not left standing.
		addFlags(p.Recommendation.Adjustments, "inactive")
		addReferrals(p.Recommendation.Referrals, "revoked")
	}
	if failed != nil {
		return nil, failed
	}
	return out, nil
}

// derivation builds the derived resources of one response.
type derivation struct {
	r   record.Record
	ins *questionnaire.Instrument
	o   ResponseOptions
	qr  *responseResource
	// hide: the response is pseudonymised or about a pseudonym, so no
	// staff are named.
	hide bool
}

// status is what a derived resource's status is while the response
// stands; entered in error with a voided response.
func (d derivation) status(standing string) string {
	if d.r.Status == record.EnteredInError {
		return "entered-in-error"
	}
	return standing
}

func (d derivation) id(suffix string) string { return d.qr.ID + "-" + suffix }

func (d derivation) responseRef() reference {
	return reference{Reference: "QuestionnaireResponse/" + d.qr.ID}
}

// meta is the response's security labels (test data, pseudonymised) and
// tag (read from a damaged store), which hold as much for what is derived
// from it.
func (d derivation) meta() *meta {
	if d.qr.Meta == nil {
		return nil
	}
	return &meta{Security: slices.Clone(d.qr.Meta.Security), Tag: slices.Clone(d.qr.Meta.Tag)}
}

// performers are the clinician (not in a pseudonymised export) and the
// organisation.
func (d derivation) performers() []reference {
	var out []reference
	if !d.hide && d.r.Clinician != "" {
		out = append(out, reference{Type: "Practitioner", Display: d.r.Clinician})
	}
	if org := organisation(d.o.Site); org != nil {
		out = append(out, *org)
	}
	return out
}

var observationStatus = map[record.Status]string{
	record.Completed:      "final",
	record.Amended:        "amended",
	record.EnteredInError: "entered-in-error",
}

func (d derivation) observation(suffix string, code coding) *observation {
	return &observation{
		ResourceType: "Observation",
		ID:           d.id(suffix),
		Meta:         d.meta(),
		Status:       observationStatus[d.r.Status],
		Category: []codeableConcept{{Coding: []coding{{
			System: observationCategorySystem, Code: "survey", Display: "Survey",
		}}}},
		Code:              codeableConcept{Coding: []coding{code}},
		Subject:           d.qr.Subject,
		EffectiveDateTime: d.qr.Authored,
		Performer:         d.performers(),
		DerivedFrom:       []reference{d.responseRef()},
	}
}

// BandObservationID is the id of the Observation of a domain's band in the
// resources of the response with id responseID.
func BandObservationID(responseID string, dom questionnaire.Domain) string {
	return responseID + "-band-" + string(dom)
}

var bandDisplay = map[questionnaire.Band]string{
	questionnaire.NoBarrier:          "No barrier",
	questionnaire.SomeBarrier:        "Some barrier",
	questionnaire.SignificantBarrier: "Significant barrier",
}

func (d derivation) band(dom questionnaire.Domain) *observation {
	b := d.r.Bands.Get(dom)
	obs := d.observation("band-"+string(dom), coding{
		System: resultSystem(d.ins), Code: "band-" + string(dom), Display: dom.Title() + " barrier band",
	})
	obs.ValueCC = &codeableConcept{Coding: []coding{{System: bandSystem(d.ins), Code: b.Code(), Display: bandDisplay[b]}}}
	return obs
}

func (d derivation) routeConcept(r questionnaire.Route) *codeableConcept {
	return &codeableConcept{Coding: []coding{{System: routeSystem(d.ins), Code: string(r), Display: r.Title()}}}
}

func (d derivation) route() *observation {
	rec := d.r.Recommendation
	obs := d.observation("contact-route", coding{System: resultSystem(d.ins), Code: "contact-route", Display: "Contact route"})
	obs.ValueCC = d.routeConcept(rec.Primary)
	// A call through the relay the patient must be called by keeps its
	// code, and says what it is in the words of the screen and the note.
	if t := rec.PrimaryTitle(d.r.Answers); t != rec.Primary.Title() {
		obs.ValueCC.Text = t
	}
	comp := func(code, display string) codeableConcept {
		return codeableConcept{Coding: []coding{{System: resultSystem(d.ins), Code: code, Display: display}}}
	}
	obs.Component = append(obs.Component, observationComp{Code: comp("fallback-route", "Fallback route"), ValueCC: d.routeConcept(rec.Fallback)})
	if rec.Choice != "" {
		// The choice is the patient's, or a carer's for the patient:
		// the display is true of both, and who gave it is a component
		// of its own wherever the instrument asks (version 2), so a
		// carer's "through my carer" never reads as the patient's wish.
		honoured := rec.ChoiceHonoured
		obs.Component = append(obs.Component,
			observationComp{Code: comp("patient-choice", ChoiceDisplay), ValueCC: d.routeConcept(rec.Choice)},
			observationComp{Code: comp("choice-honoured", ChoiceHonouredDisplay), ValueBoolean: &honoured})
		if by := d.r.Answers.One(questionnaire.LinkRespondent); by != "" {
			if it, ok := d.ins.Item(questionnaire.LinkRespondent); ok {
				if o, ok := it.Option(by); ok {
					obs.Component = append(obs.Component, observationComp{Code: comp("choice-given-by", ChoiceGivenByDisplay),
						ValueCC: &codeableConcept{Coding: []coding{{System: OptionSystem(d.ins, questionnaire.LinkRespondent), Code: by, Display: o.Text}}}})
				}
			}
		}
	}
	return obs
}

// The displays of the contact route's choice components. The code
// "patient-choice" is kept, as servers and queries already hold it; its
// display says what it is whoever answered.
const (
	ChoiceDisplay         = "Choice of contact route given (patient, or a carer for the patient)"
	ChoiceHonouredDisplay = "Choice of contact route honoured"
	ChoiceGivenByDisplay  = "Who gave the choice of contact route"
)

// keyedID is the id of the derived resource of kind for key: the
// response's id, the kind and the key, as long as that is a FHIR id
// ([A-Za-z0-9-.], at most 64 characters), else with 16 hex digits of the
// key's SHA-256 for the key.
func (d derivation) keyedID(kind, key string) string {
	prefix := d.qr.ID + "-" + kind + "-"
	return prefix + idPart(key, 64-len(prefix))
}

// idPart is s as the end of a resource id, at most room characters long:
// as it is when it fits, else 16 hex digits of its SHA-256.
func idPart(s string, room int) string {
	ok := s != "" && len(s) <= room
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			ok = false
		}
	}
	if ok {
		return s
	}
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

// needConcepts names the concept key (questionnaire.ConceptFor) of the
// instrument v1 needs whose codes differ from their key.
var needConcepts = map[string]string{
	questionnaire.NeedBSL:   questionnaire.ConceptBSLInterpreter,
	questionnaire.NeedCarer: questionnaire.ConceptContactCarer,
}

// needConcept is the SNOMED CT concept of an adjustment's need, from the
// table of concepts with their published sources (questionnaire/codes.go),
// and false for a need with none there: such a Flag carries the
// adjustment's text alone, never a made-up code. An interpreter is coded
// for the language named when it has a concept of its own, else as an
// interpreter needed.
func needConcept(a questionnaire.Adjustment, answers questionnaire.Answers) (questionnaire.Concept, bool) {
	key := a.Code
	if k, ok := needConcepts[key]; ok {
		key = k
	}
	if key == questionnaire.ConceptInterpreter {
		// The language typed (v1, or v2's "another language"), or
		// chosen from v2's list.
		if c, ok := questionnaire.ConceptFor(questionnaire.InterpreterKey(questionnaire.LanguageOf(answers))); ok {
			return c, true
		}
	}
	return questionnaire.ConceptFor(key)
}

func (d derivation) flag(a questionnaire.Adjustment, status string) *flag {
	cat, ok := flagCategories[a.Code]
	if !ok {
		cat = raAdditionalNeeds
	}
	code := codeableConcept{Text: a.Text}
	if c, ok := needConcept(a, d.r.Answers); ok {
		code.Coding = []coding{{System: snomedSystem, Code: c.Code, Display: c.Term}}
	}
	return &flag{
		ResourceType: "Flag",
		ID:           d.keyedID("flag", a.Code),
		Meta:         d.meta(),
		Extension:    []refExtension{{URL: flagDetailURL, ValueReference: d.responseRef()}},
		Status:       status,
		Category: []codeableConcept{
			{Coding: []coding{{System: patientFlagCategorySystem, Code: "NRAF", Display: "National Reasonable Adjustments Flag"}}},
			{Coding: []coding{{System: raFlagCategorySystem, Code: cat.code, Display: cat.display}}},
		},
		Code:    code,
		Subject: d.qr.Subject,
	}
}

func (d derivation) referral(ref questionnaire.Referral, status string) *serviceRequest {
	sr := &serviceRequest{
		ResourceType: "ServiceRequest",
		ID:           d.keyedID("referral", ref.ProgrammeID),
		Meta:         d.meta(),
		Status:       status,
		Intent:       "order",
		Code: codeableConcept{
			Coding: []coding{{System: ProgrammeSystem(d.o.Site), Code: ref.ProgrammeID, Display: ref.Name}},
			Text:   ref.Name,
		},
		Subject:            d.qr.Subject,
		AuthoredOn:         d.qr.Authored,
		SupportingInfo:     []reference{d.responseRef()},
		Note:               []annotation{{Text: "The patient agreed to this referral."}},
		PatientInstruction: ref.PatientLine,
	}
	if status == "revoked" {
		sr.Note = []annotation{{Text: "An amendment of the assessment no longer has the patient agreeing to this referral."}}
	}
	if p := d.performers(); len(p) > 0 {
		sr.Requester = &p[0]
	}
	for _, dom := range ref.Barriers {
		sr.ReasonReference = append(sr.ReasonReference, reference{Reference: "Observation/" + BandObservationID(d.qr.ID, dom)})
	}
	return sr
}
