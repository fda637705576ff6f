package fhir

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"

	"digicheck/questionnaire"
	"digicheck/record"
)

// DefaultBase is the canonical base of the resources digicheck writes when
// the site names none: a placeholder under the reserved .invalid domain,
// which no server resolves. A trust that pushes to its own server sets
// fhir_base in the site config, so the Questionnaire, its code systems and
// the identifier systems are under a URL the trust controls.
const DefaultBase = "https://digicheck.invalid/fhir"

// ODSSystem is NHS England's identifier system for organisation codes
// (ODS codes), as UK Core and the NHS FHIR APIs use it.
const ODSSystem = "https://fhir.nhs.uk/Id/ods-organization-code"

// Site is what a site configures about the resources it writes. The zero
// Site writes under DefaultBase, local numbers with no system and
// pseudonyms in a system made from the key, and names no organisation.
type Site struct {
	// Base is the canonical base (fhir_base): the Questionnaire's url is
	// Base + "/Questionnaire/digital-inclusion", and every code system
	// and identifier system digicheck makes is under it.
	Base string
	// LocalSystem is the identifier system of the trust's local hospital
	// numbers (local_number_system), so a server can tell one trust's
	// numbers from another's. "" writes local numbers with no system,
	// marked by their type (MR) only.
	LocalSystem string
	// PseudonymSystem is the identifier system of pseudonyms
	// (pseudonym_system). "" gives a system made from the key (see
	// PseudonymSystemFor), so pseudonyms made under different keys,
	// which name the same patient differently, never share a system.
	PseudonymSystem string
	// ODSCode is the organisation's ODS code (ods_code), written as the
	// organisation every response, observation and referral is made for.
	ODSCode string
}

// Errors of a site's FHIR settings, named so the site config can say which.
var (
	ErrBase       = errors.New("fhir_base must be an https URL with a host and no query, fragment, | or space, such as https://fhir.example-trust.nhs.uk/digicheck")
	ErrSystem     = errors.New("an identifier system must be an absolute http(s) URL or a urn:oid:, with no | or space")
	ErrODSCode    = errors.New("an ODS code is 3 to 10 capital letters and digits, such as RX1 for a trust")
	errBaseSuffix = errors.New("fhir_base must not end in /")
)

// CheckBase checks a canonical base: an https URL, nothing after its path.
func CheckBase(s string) error {
	if strings.HasSuffix(s, "/") {
		return errBaseSuffix
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" ||
		strings.ContainsAny(s, "| \t\r\n") {
		return ErrBase
	}
	return nil
}

// CheckSystem checks an identifier system URI.
func CheckSystem(s string) error {
	if strings.ContainsAny(s, "| \t\r\n") {
		return ErrSystem
	}
	if rest, ok := strings.CutPrefix(s, "urn:oid:"); ok {
		for _, part := range strings.Split(rest, ".") {
			if part == "" || strings.Trim(part, "0123456789") != "" {
				return ErrSystem
			}
		}
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Fragment != "" {
		return ErrSystem
	}
	return nil
}

// CheckODSCode checks the shape of an ODS code: 3 to 10 capital letters
// and digits (a trust's code has 3, a site's 5, a GP practice's 6). It
// cannot tell whether the code is issued; the ODS directory can.
func CheckODSCode(s string) error {
	if len(s) < 3 || len(s) > 10 || strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" {
		return ErrODSCode
	}
	return nil
}

// base is the canonical base in force.
func (s Site) base() string {
	if s.Base == "" {
		return DefaultBase
	}
	return s.Base
}

// Instrument is ins with its canonical URL under the site's base: the
// Questionnaire, the responses and every code system derived from the URL
// follow it. The instrument's own URL must be under DefaultBase (every
// digicheck instrument's is); any other is kept as it is. The copy shares
// the instrument's sections, which nothing changes.
func (s Site) Instrument(ins *questionnaire.Instrument) *questionnaire.Instrument {
	if ins == nil || s.Base == "" || s.Base == DefaultBase {
		return ins
	}
	rest, ok := strings.CutPrefix(ins.URL, DefaultBase+"/")
	if !ok {
		return ins
	}
	c := *ins
	c.URL = s.Base + "/" + rest
	return &c
}

// PseudonymSystemFor is the identifier system of pseudonyms made with key:
// the site's pseudonym_system if set, else
// BASE/Id/pseudonym/KEYID, where KEYID is 16 hex digits of an HMAC-SHA256
// of a fixed label under the key. It names the key without revealing it,
// so a receiver never matches pseudonyms made under different keys (which
// name the same patient differently), while every machine sharing the
// site's key writes the same system.
func (s Site) PseudonymSystemFor(key []byte) string {
	if s.PseudonymSystem != "" {
		return s.PseudonymSystem
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte("digicheck pseudonym system"))
	return s.base() + "/Id/pseudonym/" + hex.EncodeToString(m.Sum(nil)[:8])
}

// Subject is SubjectFor under the site's settings: a local number in the
// site's local_number_system, a pseudonym in PseudonymSystemFor(key).
func (s Site) Subject(ins *questionnaire.Instrument, p record.PatientID, identifiable bool, key []byte) (Subject, error) {
	if !identifiable {
		subj, err := PseudonymSubject(ins, key, p)
		if err != nil {
			return subj, err
		}
		subj.System = s.PseudonymSystemFor(key)
		return subj, nil
	}
	if p.Kind == record.LocalID {
		return LocalSubject(s.LocalSystem, p.Value)
	}
	return SubjectFor(ins, p, true, nil)
}
