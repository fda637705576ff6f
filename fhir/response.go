package fhir

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// Subject is the patient identifier written into a response: an NHS
// number, a local hospital number, or a keyed pseudonym of either. Build it
// with SubjectFor, NHSNumberSubject, LocalSubject or PseudonymSubject.
type Subject struct {
	System string // identifier system; "" for a local number of unknown issuer
	Value  string
	// Local marks a local hospital number, written with the HL7 v2
	// identifier type MR (medical record number) because its issuer is the
	// site, not a system digicheck knows.
	Local bool
	// pseudonym marks a keyed pseudonym (PseudonymSubject): a response
	// about one names no clinician and never carries the record, which
	// would name the patient.
	pseudonym bool
}

// MinKeyLen is the shortest pseudonym key accepted, in bytes. A short key
// could be guessed by trying every NHS number (there are fewer than 10^10),
// which would undo the pseudonym.
const MinKeyLen = 16

// Errors from building a subject, named so callers can tell them apart.
var (
	ErrShortKey  = fmt.Errorf("a pseudonym key of at least %d bytes is needed", MinKeyLen)
	ErrNoSubject = errors.New("the response has no patient identifier")
	// ErrWeakKey refuses a key that is long enough but could be guessed:
	// all one byte (an all-zero key), a short pattern repeated, or a
	// counting sequence. Whoever guesses the key can reverse every
	// pseudonym by trying each NHS number, or each number of a local
	// range, in seconds.
	ErrWeakKey = errors.New("the pseudonym key is not random (one byte repeated, a short pattern repeated or a counting sequence); make a new one with digicheck keygen")
)

// CheckKey refuses a pseudonym key that is too short or guessable. A key
// made by digicheck keygen (32 random bytes) passes: the chance that a
// random key of 16 bytes or more repeats a pattern or counts is below
// 2^-60.
func CheckKey(key []byte) error {
	if len(key) < MinKeyLen {
		return ErrShortKey
	}
	// Periodic: key[i] == key[i-p] for every i, for some p up to half the
	// length. p = 1 is one byte repeated (all zero, all 0xff).
	for p := 1; p <= len(key)/2; p++ {
		periodic := true
		for i := p; i < len(key) && periodic; i++ {
			periodic = key[i] == key[i-p]
		}
		if periodic {
			return ErrWeakKey
		}
	}
	// Counting: the same step between every two bytes (00 01 02 ...).
	counting := true
	for i := 2; i < len(key) && counting; i++ {
		counting = key[i]-key[i-1] == key[1]-key[0]
	}
	if counting {
		return ErrWeakKey
	}
	// Few distinct bytes: 16 random bytes have about 15.5 distinct values;
	// fewer than 8 is a typed or patterned key.
	var seen [256]bool
	distinct := 0
	for _, b := range key {
		if !seen[b] {
			seen[b] = true
			distinct++
		}
	}
	if distinct < 8 {
		return ErrWeakKey
	}
	return nil
}

// PseudonymSystem is the identifier system of pseudonyms. It is under the
// instrument's URL without its version, so a patient's pseudonym is the
// same across instrument versions and follow-ups still link.
func PseudonymSystem(ins *questionnaire.Instrument) string {
	return ins.URL + "/Id/pseudonym"
}

// NHSNumberSubject identifies the patient by NHS number, which must pass
// its check digit.
func NHSNumberSubject(nhs string) (Subject, error) {
	n, err := record.CheckNHSNumber(nhs)
	if err != nil {
		return Subject{}, err
	}
	return Subject{System: NHSNumberSystem, Value: n}, nil
}

// LocalSubject identifies the patient by a local hospital number. system is
// the issuing trust's identifier system if the site has one, or "".
func LocalSubject(system, value string) (Subject, error) {
	p, err := record.NewPatientID(record.LocalID, value)
	if err != nil {
		return Subject{}, err
	}
	return Subject{System: system, Value: p.Value, Local: true}, nil
}

// PseudonymSubject identifies the patient by an HMAC-SHA256 of their
// identifier under the site's key: the same patient gets the same pseudonym
// on every machine that shares the key, so follow-ups link, while nobody
// without the key can turn a pseudonym back into an NHS number (a plain
// hash could be reversed by hashing every possible NHS number). The kind of
// identifier is hashed too, so a local number never collides with an NHS
// number made of the same digits.
func PseudonymSubject(ins *questionnaire.Instrument, key []byte, p record.PatientID) (Subject, error) {
	ps, err := NewPseudonymiser(key)
	if err != nil {
		return Subject{}, err
	}
	if p.Value == "" || (p.Kind != record.NHSNumber && p.Kind != record.LocalID) {
		return Subject{}, ErrNoSubject
	}
	return Subject{System: PseudonymSystem(ins), Value: ps.Pseudonym(p.Kind, p.Value), pseudonym: true}, nil
}

// SubjectFor is the subject of an export: a pseudonym unless identifiable
// is set, when it is the NHS number or local number itself. De-identified
// is the default so that identifying patients is always an explicit choice.
func SubjectFor(ins *questionnaire.Instrument, p record.PatientID, identifiable bool, key []byte) (Subject, error) {
	if !identifiable {
		return PseudonymSubject(ins, key, p)
	}
	switch p.Kind {
	case record.NHSNumber:
		return NHSNumberSubject(p.Value)
	case record.LocalID:
		return LocalSubject("", p.Value)
	}
	return Subject{}, fmt.Errorf("%w: unknown kind %q", ErrNoSubject, p.Kind)
}

// statusCodes maps record statuses to the R4 QuestionnaireResponse status
// value set (http://hl7.org/fhir/ValueSet/questionnaire-answers-status).
var statusCodes = map[record.Status]string{
	record.Completed:      "completed",
	record.Amended:        "amended",
	record.EnteredInError: "entered-in-error",
}

// ErrRecord is returned for a record that cannot be written as a valid
// response to the instrument.
var ErrRecord = errors.New("record cannot be exported")

// ResponseOptions change how a response is written: for the site, and
// for a pseudonymised export.
type ResponseOptions struct {
	// Site is the site's canonical base, identifier systems and ODS code.
	// The response answers the instrument under Site.Instrument.
	Site Site
	// Authored, if not "", is written as the response's authored time
	// instead of the record's time to the second: a FHIR dateTime at the
	// export's precision, such as a date (2026-03-04).
	Authored string
	// Pseudonymised labels the response with the HL7 security label
	// PSEUDED, so a receiving system knows its identifiers are
	// pseudonyms and its data still personal data.
	Pseudonymised bool
	// Damaged, if not "", says how the store the response was read from
	// was damaged: the response and what is derived from it carry it as
	// a meta tag (DamagedTagURL), as an NDJSON export's lines carry
	// damaged_store.
	Damaged string
}

// PseudonymisedLabel is the security label of a pseudonymised response.
var PseudonymisedLabel = coding{System: "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", Code: "PSEUDED", Display: "pseudonymized"}

// buildResponseWith builds one assessment's R4 QuestionnaireResponse. It
// answers the instrument version the record was made with; the record's
// answers must be valid for it, since a response that does not match its
// Questionnaire is worse than none. Items are nested in their section
// groups as in the Questionnaire, and only answered items appear.
//
// A response about an identified patient (an NHS number or a local number)
// names its clinician as author and carries kept, the version as saved,
// whole in the extension RecordExtensionURL, with its own id, referral
// consents, outcomes and reasons, so that digicheck on another machine
// reads the assessment back from a server exactly as it was saved. A
// pseudonymised one does neither.
func buildResponseWith(r, kept record.Record, ins *questionnaire.Instrument, subject Subject, o ResponseOptions) (*responseResource, error) {
	ins = o.Site.Instrument(ins)
	qr, err := buildResponse(r, ins, subject)
	if err != nil {
		return nil, err
	}
	hide := o.Pseudonymised || subject.pseudonym
	qr.Contained, qr.Author = authorOf(r, o.Site, hide)
	if !hide {
		b, err := json.Marshal(kept)
		if err != nil {
			return nil, fmt.Errorf("%w: record %s: %v", ErrRecord, r.ID, err)
		}
		qr.Extension = []stringExtension{{URL: RecordExtensionURL(o.Site), ValueString: string(b)}}
	}
	if o.Authored != "" {
		if !validDateTime(o.Authored) {
			return nil, fmt.Errorf("%w: record %s: authored %q is not a FHIR dateTime", ErrRecord, r.ID, o.Authored)
		}
		qr.Authored = o.Authored
	}
	if o.Pseudonymised {
		if qr.Meta == nil {
			qr.Meta = &meta{}
		}
		qr.Meta.Security = append(qr.Meta.Security, PseudonymisedLabel)
	}
	qr.Meta = withDamaged(qr.Meta, o.Site, o.Damaged)
	return qr, nil
}

// RecordExtensionURL is the url of the extension that carries the record
// whole in an identifiable response (see Resources): digicheck's own, under the
// site's canonical base. Readers other than digicheck can ignore it: the
// answers, the author and the derived resources say the same in R4's own
// elements.
func RecordExtensionURL(s Site) string {
	return s.base() + "/StructureDefinition/digicheck-record"
}

// RecordIn returns the record a response carries in RecordExtensionURL's
// extension (under any base), and false if it carries none.
func RecordIn(response []byte) (record.Record, bool, error) {
	var qr struct {
		ResourceType string            `json:"resourceType"`
		Extension    []stringExtension `json:"extension"`
	}
	if err := json.Unmarshal(response, &qr); err != nil {
		return record.Record{}, false, err
	}
	if qr.ResourceType != "QuestionnaireResponse" {
		return record.Record{}, false, fmt.Errorf("a %s is not a QuestionnaireResponse", qr.ResourceType)
	}
	for _, e := range qr.Extension {
		if !strings.HasSuffix(e.URL, "/StructureDefinition/digicheck-record") {
			continue
		}
		var r record.Record
		if err := json.Unmarshal([]byte(e.ValueString), &r); err != nil {
			return record.Record{}, false, fmt.Errorf("the record the response carries is not a record: %w", err)
		}
		return r, true, nil
	}
	return record.Record{}, false, nil
}

// authorOf is the response's author: the clinician of an identifiable
// response, acting for the site's organisation (a contained
// PractitionerRole, as R4's author takes one reference), or the
// organisation alone in a pseudonymised one, which names no staff.
func authorOf(r record.Record, site Site, pseudonymised bool) ([]containedRole, *reference) {
	org := organisation(site)
	if pseudonymised || r.Clinician == "" {
		return nil, org
	}
	role := containedRole{ResourceType: "PractitionerRole", ID: "author",
		Practitioner: &reference{Type: "Practitioner", Display: r.Clinician}, Organization: org}
	return []containedRole{role}, &reference{Reference: "#author", Type: "PractitionerRole"}
}

// organisation is a reference to the site's organisation by its ODS code,
// or nil when the site has none.
func organisation(s Site) *reference {
	if s.ODSCode == "" {
		return nil
	}
	return &reference{Type: "Organization", Identifier: &identifier{System: ODSSystem, Value: s.ODSCode}}
}

// validDateTime reports whether s is a FHIR R4 dateTime as an export
// writes one: a date, or a time to the second with a zone.
func validDateTime(s string) bool {
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return true
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil && len(s) >= len("2006-01-02T15:04:05Z")
}

func buildResponse(r record.Record, ins *questionnaire.Instrument, subject Subject) (*responseResource, error) {
	if ins == nil || ins.URL == "" || ins.Version == "" {
		return nil, fmt.Errorf("%w: the instrument needs a canonical URL and a version", ErrInstrument)
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%w: record %s: %s", ErrRecord, r.ID, fmt.Sprintf(format, args...))
	}
	if r.ID.IsZero() {
		return nil, fail("no id")
	}
	if r.InstrumentVersion != ins.Version {
		return nil, fail("made with instrument version %q, not %q", r.InstrumentVersion, ins.Version)
	}
	status, ok := statusCodes[r.Status]
	if !ok {
		return nil, fail("unknown status %q", r.Status)
	}
	if r.Time.IsZero() {
		return nil, fail("no time")
	}
	if subject.Value == "" {
		return nil, fail("%v", ErrNoSubject)
	}
	if err := ins.Validate(r.Answers); err != nil {
		return nil, fail("%v", err)
	}
	qr := &responseResource{
		ResourceType:  "QuestionnaireResponse",
		ID:            r.ID.String(),
		Questionnaire: ins.URL + "|" + ins.Version,
		Status:        status,
		Subject:       &reference{Type: "Patient", Identifier: subjectIdentifier(subject)},
		// Second precision in UTC: the time of an assessment needs no more,
		// and UTC reads the same on every machine.
		Authored: r.Time.UTC().Format(time.RFC3339),
	}
	if r.Synthetic {
		// Generated test data carries the HL7 security label for test
		// health data, so a receiving system can keep it apart.
		qr.Meta = &meta{Security: []coding{{
			System: "http://terminology.hl7.org/CodeSystem/v3-ActReason", Code: "HTEST", Display: "test health data",
		}}}
	}
	for si := range ins.Sections {
		s := &ins.Sections[si]
		g := responseItem{LinkID: s.ID, Text: s.Title}
		for ii := range s.Items {
			it := &s.Items[ii]
			vals := r.Answers[it.LinkID]
			if len(vals) == 0 {
				continue
			}
			ri := responseItem{LinkID: it.LinkID, Text: it.Text}
			if it.Type == questionnaire.Text {
				ri.Answer = []responseAnswer{{ValueString: vals[0]}} // Validate allows one
			} else {
				// In the order the record's other views show them.
				// Validate has checked that every code is an option.
				chosen, _ := it.Chosen(vals)
				for _, o := range chosen {
					c := optionCoding(ins, it, o)
					ri.Answer = append(ri.Answer, responseAnswer{ValueCoding: &c})
				}
			}
			g.Item = append(g.Item, ri)
		}
		// An unanswered section is left out: R4 qrs-1 forbids an empty
		// group, and the optional equity section is often skipped.
		if len(g.Item) > 0 {
			qr.Item = append(qr.Item, g)
		}
	}
	return qr, nil
}

func subjectIdentifier(s Subject) *identifier {
	id := &identifier{System: s.System, Value: s.Value}
	if s.Local {
		id.Type = &codeableConcept{Coding: []coding{{
			System: "http://terminology.hl7.org/CodeSystem/v2-0203", Code: "MR", Display: "Medical record number",
		}}}
	}
	return id
}
