package fhir

// The FHIR R4 elements digicheck writes, as Go structs rather than maps so
// the JSON comes out in the order the specification lists the elements
// (readers and diffs of exports stay stable) and every element is named
// once. Only the elements digicheck fills are declared; omitempty keeps
// absent elements absent, since FHIR forbids empty strings, arrays and
// objects.

type questionnaireResource struct {
	ResourceType string   `json:"resourceType"`
	URL          string   `json:"url"`
	Version      string   `json:"version"`
	Name         string   `json:"name"`
	Title        string   `json:"title"`
	Status       string   `json:"status"`
	SubjectType  []string `json:"subjectType,omitempty"`
	Publisher    string   `json:"publisher,omitempty"`
	Description  string   `json:"description,omitempty"`
	Item         []qItem  `json:"item"`
}

type qItem struct {
	Extension    []extension    `json:"extension,omitempty"`
	LinkID       string         `json:"linkId"`
	Text         string         `json:"text,omitempty"`
	Type         string         `json:"type"`
	EnableWhen   []enableWhen   `json:"enableWhen,omitempty"`
	Required     bool           `json:"required,omitempty"`
	Repeats      bool           `json:"repeats,omitempty"`
	MaxLength    int            `json:"maxLength,omitempty"`
	AnswerOption []answerOption `json:"answerOption,omitempty"`
	Item         []qItem        `json:"item,omitempty"`
}

type enableWhen struct {
	Question     string  `json:"question"`
	Operator     string  `json:"operator"`
	AnswerCoding *coding `json:"answerCoding,omitempty"`
}

type answerOption struct {
	Extension   []extension `json:"extension,omitempty"`
	ValueCoding coding      `json:"valueCoding"`
}

type coding struct {
	System  string `json:"system,omitempty"`
	Code    string `json:"code"`
	Display string `json:"display,omitempty"`
}

type codeableConcept struct {
	Coding []coding `json:"coding,omitempty"`
	Text   string   `json:"text,omitempty"`
}

type extension struct {
	URL                  string           `json:"url"`
	ValueBoolean         *bool            `json:"valueBoolean,omitempty"`
	ValueCodeableConcept *codeableConcept `json:"valueCodeableConcept,omitempty"`
}

type responseResource struct {
	ResourceType  string            `json:"resourceType"`
	ID            string            `json:"id"`
	Meta          *meta             `json:"meta,omitempty"`
	Contained     []containedRole   `json:"contained,omitempty"`
	Extension     []stringExtension `json:"extension,omitempty"`
	Questionnaire string            `json:"questionnaire"`
	Status        string            `json:"status"`
	Subject       *reference        `json:"subject,omitempty"`
	Authored      string            `json:"authored"`
	Author        *reference        `json:"author,omitempty"`
	Item          []responseItem    `json:"item,omitempty"`
}

type meta struct {
	Security []coding `json:"security,omitempty"`
	Tag      []coding `json:"tag,omitempty"`
}

type reference struct {
	Reference  string      `json:"reference,omitempty"`
	Type       string      `json:"type,omitempty"`
	Identifier *identifier `json:"identifier,omitempty"`
	Display    string      `json:"display,omitempty"`
}

type identifier struct {
	Type   *codeableConcept `json:"type,omitempty"`
	System string           `json:"system,omitempty"`
	Value  string           `json:"value"`
}

type responseItem struct {
	LinkID string           `json:"linkId"`
	Text   string           `json:"text,omitempty"`
	Answer []responseAnswer `json:"answer,omitempty"`
	Item   []responseItem   `json:"item,omitempty"`
}

// responseAnswer holds exactly one value[x]; the pointer for the coding
// and omitempty on the string keep the other one out of the JSON.
type responseAnswer struct {
	ValueCoding *coding `json:"valueCoding,omitempty"`
	ValueString string  `json:"valueString,omitempty"`
}

// The elements of a response's derived resources (result.go): the
// Observations of the bands and the contact route, the Flags of
// communication needs and the ServiceRequests of agreed referrals. As
// above, only what digicheck fills is declared.

type containedRole struct {
	ResourceType string     `json:"resourceType"`
	ID           string     `json:"id"`
	Practitioner *reference `json:"practitioner,omitempty"`
	Organization *reference `json:"organization,omitempty"`
}

type observation struct {
	ResourceType      string            `json:"resourceType"`
	ID                string            `json:"id"`
	Meta              *meta             `json:"meta,omitempty"`
	Status            string            `json:"status"`
	Category          []codeableConcept `json:"category"`
	Code              codeableConcept   `json:"code"`
	Subject           *reference        `json:"subject"`
	EffectiveDateTime string            `json:"effectiveDateTime"`
	Performer         []reference       `json:"performer,omitempty"`
	ValueCC           *codeableConcept  `json:"valueCodeableConcept,omitempty"`
	DerivedFrom       []reference       `json:"derivedFrom"`
	Component         []observationComp `json:"component,omitempty"`
}

// observationComp holds exactly one value[x].
type observationComp struct {
	Code         codeableConcept  `json:"code"`
	ValueCC      *codeableConcept `json:"valueCodeableConcept,omitempty"`
	ValueBoolean *bool            `json:"valueBoolean,omitempty"`
}

type flag struct {
	ResourceType string            `json:"resourceType"`
	ID           string            `json:"id"`
	Meta         *meta             `json:"meta,omitempty"`
	Extension    []refExtension    `json:"extension,omitempty"`
	Status       string            `json:"status"`
	Category     []codeableConcept `json:"category"`
	Code         codeableConcept   `json:"code"`
	Subject      *reference        `json:"subject"`
}

type serviceRequest struct {
	ResourceType       string          `json:"resourceType"`
	ID                 string          `json:"id"`
	Meta               *meta           `json:"meta,omitempty"`
	Status             string          `json:"status"`
	Intent             string          `json:"intent"`
	Code               codeableConcept `json:"code"`
	Subject            *reference      `json:"subject"`
	AuthoredOn         string          `json:"authoredOn"`
	Requester          *reference      `json:"requester,omitempty"`
	ReasonReference    []reference     `json:"reasonReference,omitempty"`
	SupportingInfo     []reference     `json:"supportingInfo"`
	Note               []annotation    `json:"note,omitempty"`
	PatientInstruction string          `json:"patientInstruction,omitempty"`
}

type annotation struct {
	Text string `json:"text"`
}

// refExtension is an extension whose value is a Reference.
type refExtension struct {
	URL            string    `json:"url"`
	ValueReference reference `json:"valueReference"`
}

// stringExtension is an extension whose value is a string.
type stringExtension struct {
	URL         string `json:"url"`
	ValueString string `json:"valueString"`
}
