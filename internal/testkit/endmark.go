package testkit

import (
	"encoding/json"
	"strings"
	"time"

	"digicheck/fhir"
)

// EndMarkCount is the count of resources a FHIR export's line (as
// fhir.EndMark writes it) says are
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
	if json.Unmarshal(line, &oo) != nil || oo.ResourceType != "OperationOutcome" || !strings.HasPrefix(oo.ID, fhir.EndMarkID+"-") {
		return 0, false
	}
	for _, e := range oo.Extension {
		if e.ValueInteger != nil && strings.HasSuffix(e.URL, "/StructureDefinition/export-resources") {
			return *e.ValueInteger, true
		}
	}
	return 0, false
}

// EndMarkSpan is the span a FHIR export's end mark says it covers; ok is
// false for a line that is no end mark, or a mark with no span (made by
// an earlier build).
func EndMarkSpan(line []byte) (sp fhir.ExportSpan, ok bool) {
	var oo struct {
		ResourceType string `json:"resourceType"`
		ID           string `json:"id"`
		Extension    []struct {
			URL         string `json:"url"`
			ValuePeriod *struct {
				Start string `json:"start"`
				End   string `json:"end"`
			} `json:"valuePeriod"`
			ValueDateTime string `json:"valueDateTime"`
		} `json:"extension"`
	}
	if json.Unmarshal(line, &oo) != nil || oo.ResourceType != "OperationOutcome" || !strings.HasPrefix(oo.ID, fhir.EndMarkID+"-") {
		return sp, false
	}
	var hasTo, hasMade bool
	for _, e := range oo.Extension {
		switch {
		case e.ValuePeriod != nil && strings.HasSuffix(e.URL, "/StructureDefinition/export-span"):
			var err error
			if sp.To, err = time.Parse(fhir.SpanTime, e.ValuePeriod.End); err != nil {
				return fhir.ExportSpan{}, false
			}
			if e.ValuePeriod.Start != "" {
				if sp.From, err = time.Parse(fhir.SpanTime, e.ValuePeriod.Start); err != nil {
					return fhir.ExportSpan{}, false
				}
			}
			hasTo = true
		case e.ValueDateTime != "" && strings.HasSuffix(e.URL, "/StructureDefinition/export-made"):
			var err error
			if sp.Made, err = time.Parse(fhir.SpanTime, e.ValueDateTime); err != nil {
				return fhir.ExportSpan{}, false
			}
			hasMade = true
		}
	}
	return sp, hasTo && hasMade
}
