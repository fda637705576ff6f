package fhir

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
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

// EndMarkSpanURL is the URL of the end mark's extension that gives, as a
// Period, the span the export covers (ExportSpan: start From, end To);
// EndMarkMadeURL, as a dateTime, when it was made.
func EndMarkSpanURL(s Site) string {
	return s.base() + "/StructureDefinition/export-span"
}

// EndMarkMadeURL: see EndMarkSpanURL.
func EndMarkMadeURL(s Site) string {
	return s.base() + "/StructureDefinition/export-made"
}

// ExportSpan is what an export covers, as its end mark says: From, the
// first instant (the start of --from's day; zero with no --from, for the
// export holds every record before To, and a team whose first assessment
// is on the 10th began then: its export was not cut there); To,
// the instant it covers up to (the end of --to's day, or Made if sooner:
// nothing after it is in the export); Made, when it was made. A summary
// marks partial a period the span starts or ends inside, whatever the
// file's time says: a copy, a download or a pipe changes that.
type ExportSpan struct {
	From, To, Made time.Time
}

// Cut reports whether the span ends before the export was made: its --to
// ended it, not its making.
func (sp ExportSpan) Cut() bool { return sp.To.Before(sp.Made) }

// SpanTime is how an end mark writes an instant of its span: RFC 3339
// to the second, in the export's zone.
const SpanTime = time.RFC3339

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
// carries it. Its span (ExportSpan) is the extensions EndMarkSpanURL, a
// Period, and EndMarkMadeURL, a dateTime, after the count, and said in
// the issue's text; an end mark read by an earlier build is read as
// before, the count found by its URL.
func EndOfExport(s Site, resources, assessments int, digest, damaged string, span ExportSpan) ([]byte, error) {
	type period struct {
		Start string `json:"start,omitempty"`
		End   string `json:"end"`
	}
	type integerExtension struct {
		URL           string  `json:"url"`
		ValueInteger  *int    `json:"valueInteger,omitempty"`
		ValuePeriod   *period `json:"valuePeriod,omitempty"`
		ValueDateTime string  `json:"valueDateTime,omitempty"`
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
	exts := []integerExtension{{URL: EndMarkCountURL(s), ValueInteger: &resources}}
	text := fmt.Sprintf("end of export: %d %s above, %d of them %s", resources, word, assessments, which)
	if !span.To.IsZero() {
		p := &period{End: span.To.Format(SpanTime)}
		if !span.From.IsZero() {
			p.Start = span.From.Format(SpanTime)
		}
		exts = append(exts, integerExtension{URL: EndMarkSpanURL(s), ValuePeriod: p},
			integerExtension{URL: EndMarkMadeURL(s), ValueDateTime: span.Made.Format(SpanTime)})
		text += "; " + SpanWords(span)
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
		Extension:    exts,
		Issue: []issue{{
			Severity: "information",
			Code:     "informational",
			Details: &codeableConcept{
				Coding: []coding{{System: ExportCodeSystem(s), Code: EndMarkCode, Display: "End of export"}},
				Text:   text,
			},
		}},
	}
	return json.Marshal(oo)
}

// SpanWords is an export's span as its end mark says it in words: "from
// FROM to TO; made MADE" (no "from" when From is zero), each instant as
// SpanTime writes it, with no comma, so that a CSV's end row keeps its id
// field unquoted, as readers of the mark from before it find it;
// ReadSpanWords reads it back.
func SpanWords(sp ExportSpan) string {
	w := "to " + sp.To.Format(SpanTime) + "; made " + sp.Made.Format(SpanTime)
	if !sp.From.IsZero() {
		w = "from " + sp.From.Format(SpanTime) + " " + w
	}
	return w
}

// ReadSpanWords reads the span SpanWords wrote at the end of text; ok is
// false when text does not end with one.
func ReadSpanWords(text string) (sp ExportSpan, ok bool) {
	i := strings.LastIndex(text, " to ")
	if i < 0 {
		return sp, false
	}
	to, made, found := strings.Cut(text[i+len(" to "):], "; made ")
	if !found {
		return sp, false
	}
	var err error
	if sp.To, err = time.Parse(SpanTime, to); err != nil {
		return ExportSpan{}, false
	}
	if sp.Made, err = time.Parse(SpanTime, made); err != nil {
		return ExportSpan{}, false
	}
	if j := strings.LastIndex(text[:i], "from "); j >= 0 && (j == 0 || text[j-1] == ' ') {
		if sp.From, err = time.Parse(SpanTime, text[j+len("from "):i]); err != nil {
			return ExportSpan{}, false
		}
	}
	return sp, true
}
