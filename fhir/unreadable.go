package fhir

import (
	"encoding/json"
	"slices"
)

// DamagedTagURL is the system of the meta tag every resource of an export
// read from a damaged store carries (ResponseOptions.Damaged): its display
// says how the store was damaged, so that a pipeline that reads the
// resources, or a server that keeps them, can tell without the export's
// standard error.
func DamagedTagURL(s Site) string {
	return s.base() + "/CodeSystem/digicheck-store"
}

// damagedTag is the meta tag of an export read from a damaged store.
func damagedTag(s Site, why string) coding {
	return coding{System: DamagedTagURL(s), Code: "damaged-store", Display: why}
}

// withDamaged is m with the damaged tag added (why "": m as it is).
func withDamaged(m *meta, s Site, why string) *meta {
	if why == "" {
		return m
	}
	if m == nil {
		m = &meta{}
	}
	m.Tag = append(slices.Clip(m.Tag), damagedTag(s, why))
	return m
}

// Unreadable is the OperationOutcome an export writes in the place of a
// version of an assessment it could not read from the store: its id is
// "unreadable-" and the version's id, and it names the version and the
// QuestionnaireResponse that stands for its assessment, so that a reader
// of the export knows that response's current version is unknown (it may
// be missing, or an earlier version). why says so in words; damaged, if
// not "", is the damaged tag's display.
func Unreadable(s Site, version, assessment, why, damaged string) ([]byte, error) {
	type issue struct {
		Severity    string           `json:"severity"`
		Code        string           `json:"code"`
		Details     *codeableConcept `json:"details,omitempty"`
		Diagnostics string           `json:"diagnostics,omitempty"`
	}
	oo := struct {
		ResourceType string  `json:"resourceType"`
		ID           string  `json:"id"`
		Meta         *meta   `json:"meta,omitempty"`
		Issue        []issue `json:"issue"`
	}{
		ResourceType: "OperationOutcome",
		ID:           "unreadable-" + version,
		Meta:         withDamaged(nil, s, damaged),
		Issue: []issue{{
			Severity:    "error",
			Code:        "exception",
			Details:     &codeableConcept{Text: why},
			Diagnostics: "version " + version + " of QuestionnaireResponse/" + assessment + " could not be read",
		}},
	}
	return json.Marshal(oo)
}
