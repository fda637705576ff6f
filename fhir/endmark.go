package fhir

import (
	"encoding/json"
	"fmt"
	"strings"
)

// EndMarkID starts the id of the FHIR export's end mark (EndOfExport),
// which goes on with a dash and the export's digest.
const EndMarkID = "end-of-export"

// EndMarkCode is the code of the end mark's issue, in the code system
// ExportCodeSystem.
const EndMarkCode = "end-of-export"

// ExportCodeSystem is the code system of the end mark's issue.
func ExportCodeSystem(s Site) string {
	return s.base() + "/CodeSystem/digicheck-export"
}

// EndMarkCountURL is the URL of the end mark's extension that gives, as
// an integer, how many resources (lines) the export holds above it.
func EndMarkCountURL(s Site) string {
	return s.base() + "/StructureDefinition/export-resources"
}

// EndOfExport is the last line of a FHIR export: an export cut short
// exactly at a line's end (a full disk, a copy or download interrupted)
// holds only whole resources, and nothing in it showed it was not whole,
// while the CSV and NDJSON exports end with an end mark. A line that is
// not a FHIR resource would break a FHIR bulk data reader, so the mark
// is a resource: an OperationOutcome, id EndMarkID, one issue of
// severity information, its details coded EndMarkCode, saying in words
// how many resources are above it and how many of them are
// QuestionnaireResponses (assessments), and the count of resources as
// the integer extension EndMarkCountURL. A reader checks that the last
// line is the mark and that the lines above it are as many as it says.
// Its id is EndMarkID, a dash and digest (hex digits of a digest of the
// lines above it: the first 32 of their SHA-256), so that the marks of two
// exports loaded into one server are two resources, neither taking the
// other's place, and the same export always ends the same. damaged, if
// not "", is the damaged tag's display, as every resource of the export
// carries it.
func EndOfExport(s Site, resources, assessments int, digest, damaged string) ([]byte, error) {
	type integerExtension struct {
		URL          string `json:"url"`
		ValueInteger int    `json:"valueInteger"`
	}
	type issue struct {
		Severity string           `json:"severity"`
		Code     string           `json:"code"`
		Details  *codeableConcept `json:"details,omitempty"`
	}
	word, which := "resources", "QuestionnaireResponses (assessments)"
	if resources == 1 {
		word = "resource"
	}
	if assessments == 1 {
		which = "a QuestionnaireResponse (an assessment)"
	}
	oo := struct {
		ResourceType string             `json:"resourceType"`
		ID           string             `json:"id"`
		Meta         *meta              `json:"meta,omitempty"`
		Extension    []integerExtension `json:"extension"`
		Issue        []issue            `json:"issue"`
	}{
		ResourceType: "OperationOutcome",
		ID:           EndMarkID + "-" + digest,
		Meta:         withDamaged(nil, s, damaged),
		Extension:    []integerExtension{{URL: EndMarkCountURL(s), ValueInteger: resources}},
		Issue: []issue{{
			Severity: "information",
			Code:     "informational",
			Details: &codeableConcept{
				Coding: []coding{{System: ExportCodeSystem(s), Code: EndMarkCode, Display: "End of export"}},
				Text:   fmt.Sprintf("end of export: %d %s above, %d of them %s", resources, word, assessments, which),
			},
		}},
	}
	return json.Marshal(oo)
}

// EndMarkCount is the count of resources a FHIR export's line says are
// above it, if the line is an end mark (EndOfExport); ok is false for any
// other line.
func EndMarkCount(line []byte) (resources int, ok bool) {
	var oo struct {
		ResourceType string `json:"resourceType"`
		ID           string `json:"id"`
		Extension    []struct {
			URL          string `json:"url"`
			ValueInteger *int   `json:"valueInteger"`
		} `json:"extension"`
	}
	if json.Unmarshal(line, &oo) != nil || oo.ResourceType != "OperationOutcome" || !strings.HasPrefix(oo.ID, EndMarkID+"-") {
		return 0, false
	}
	for _, e := range oo.Extension {
		if e.ValueInteger != nil && strings.HasSuffix(e.URL, "/StructureDefinition/export-resources") {
			return *e.ValueInteger, true
		}
	}
	return 0, false
}
