package fhir_test

import (
	"bytes"
	"errors"
	"regexp"
	"slices"
	"testing"

	"digicheck/fhir"
	"digicheck/questionnaire"
)

// TestQuestionnaireFollowsR4 checks the R4 rules for a Questionnaire that
// the export relies on: required elements, codes from their value sets, and
// the invariants que-0, que-1, que-2, que-6, que-10 and que-12, plus
// enableWhen naming an earlier question and one of its answers.
func TestQuestionnaireFollowsR4(t *testing.T) {
	q := questionnaireJSON(t, questionnaire.V1)
	if str(q, "resourceType") != "Questionnaire" {
		t.Errorf("resourceType = %q", str(q, "resourceType"))
	}
	if !publicationStatus[str(q, "status")] {
		t.Errorf("status %q is not in the R4 publication-status value set", str(q, "status"))
	}
	if str(q, "status") != "active" {
		t.Errorf("status = %q, want active: the instrument is in use", str(q, "status"))
	}
	if str(q, "url") != questionnaire.V1.URL || str(q, "version") != questionnaire.V1.Version {
		t.Errorf("url|version = %s|%s, want %s|%s", str(q, "url"), str(q, "version"), questionnaire.V1.URL, questionnaire.V1.Version)
	}
	if !regexp.MustCompile(`^[A-Z]([A-Za-z0-9_]){0,254}$`).MatchString(str(q, "name")) {
		t.Errorf("name %q breaks que-0", str(q, "name"))
	}

	idx := map[string]qEntry{}
	indexItems(list(q, "item"), "", idx, func(id string) { t.Errorf("linkId %q is used twice (que-2)", id) })
	if len(idx) == 0 {
		t.Fatal("no items")
	}
	order := []string{}
	var walk func(items []obj)
	walk = func(items []obj) {
		for _, it := range items {
			id, typ := str(it, "linkId"), str(it, "type")
			order = append(order, id)
			if id == "" {
				t.Errorf("an item has no linkId: %v", it)
			}
			if !itemTypes[typ] {
				t.Errorf("%s: type %q is not a selectable R4 item-type", id, typ)
			}
			kids := list(it, "item")
			if typ == "group" && len(kids) == 0 {
				t.Errorf("%s: group with no items (que-1)", id)
			}
			if typ == "display" && (len(kids) > 0 || it["required"] != nil || it["repeats"] != nil) {
				t.Errorf("%s: display item with items, required or repeats (que-1, que-6)", id)
			}
			if it["maxLength"] != nil && !slices.Contains([]string{"boolean", "decimal", "integer", "string", "text", "url", "open-choice"}, typ) {
				t.Errorf("%s: maxLength on a %s item (que-10)", id, typ)
			}
			if len(list(it, "answerOption")) > 0 && typ != "choice" && typ != "open-choice" {
				t.Errorf("%s: answerOption on a %s item", id, typ)
			}
			ews := list(it, "enableWhen")
			if len(ews) > 1 && !enableBehaviors[str(it, "enableBehavior")] {
				t.Errorf("%s: %d enableWhen without enableBehavior (que-12)", id, len(ews))
			}
			for _, ew := range ews {
				dep, ok := idx[str(ew, "question")]
				if !ok || !slices.Contains(order, str(ew, "question")) || str(dep.item, "type") == "group" {
					t.Errorf("%s: enableWhen names %q, not an earlier question", id, str(ew, "question"))
				}
				if !enableOperators[str(ew, "operator")] {
					t.Errorf("%s: operator %q is not in the R4 value set", id, str(ew, "operator"))
				}
				if !hasOption(dep.item, child(ew, "answerCoding")) {
					t.Errorf("%s: enableWhen answer %v is not an answer of %s", id, child(ew, "answerCoding"), str(ew, "question"))
				}
			}
			walk(kids)
		}
	}
	walk(list(q, "item"))
}

func hasOption(item obj, c obj) bool {
	for _, o := range list(item, "answerOption") {
		v := child(o, "valueCoding")
		if c != nil && str(v, "system") == str(c, "system") && str(v, "code") == str(c, "code") {
			return true
		}
	}
	return false
}

// TestQuestionnaireMirrorsInstrument checks that the Questionnaire says
// what the instrument says: a group per section, every question in order
// with its type, options, conditions and hint.
func TestQuestionnaireMirrorsInstrument(t *testing.T) {
	ins := questionnaire.V1
	q := questionnaireJSON(t, ins)
	groups := list(q, "item")
	if len(groups) != len(ins.Sections) {
		t.Fatalf("%d groups for %d sections", len(groups), len(ins.Sections))
	}
	for si, s := range ins.Sections {
		g := groups[si]
		if str(g, "linkId") != s.ID || str(g, "type") != "group" || str(g, "text") != s.Title {
			t.Errorf("group %d = %s %s %q, want %s group %q", si, str(g, "linkId"), str(g, "type"), str(g, "text"), s.ID, s.Title)
		}
		if got, want := g["required"] == true, !s.Optional; got != want {
			t.Errorf("group %s required = %v, want %v", s.ID, got, want)
		}
		items := list(g, "item")
		if len(items) != len(s.Items) {
			t.Fatalf("group %s has %d items, want %d", s.ID, len(items), len(s.Items))
		}
		for ii := range s.Items {
			it, qi := &s.Items[ii], items[ii]
			if str(qi, "linkId") != it.LinkID || str(qi, "text") != it.Text {
				t.Errorf("%s: item %q %q", it.LinkID, str(qi, "linkId"), str(qi, "text"))
			}
			wantType := map[questionnaire.ItemType]string{questionnaire.Choice: "choice", questionnaire.MultiChoice: "choice", questionnaire.Text: "string"}[it.Type]
			if str(qi, "type") != wantType {
				t.Errorf("%s: type %q, want %q", it.LinkID, str(qi, "type"), wantType)
			}
			if got := qi["repeats"] == true; got != (it.Type == questionnaire.MultiChoice) {
				t.Errorf("%s: repeats = %v for a %s item", it.LinkID, got, it.Type)
			}
			if got := qi["required"] == true; got != (it.Required && !s.Optional) {
				t.Errorf("%s: required = %v", it.LinkID, got)
			}
			if it.Type == questionnaire.Text {
				if ml, _ := qi["maxLength"].(float64); int(ml) != it.MaxLen {
					t.Errorf("%s: maxLength %v, want %d", it.LinkID, qi["maxLength"], it.MaxLen)
				}
			}
			opts := list(qi, "answerOption")
			if len(opts) != len(it.Options) {
				t.Errorf("%s: %d answerOptions, want %d", it.LinkID, len(opts), len(it.Options))
				continue
			}
			for oi, o := range it.Options {
				c := child(opts[oi], "valueCoding")
				wantSystem, wantDisplay := fhir.OptionSystem(ins, it.LinkID), o.Text
				if it.LinkID == questionnaire.LinkEthnicity {
					// In UK Core's system, as its display says
					// (TestEthnicCategoryInUKCoreCodes).
					wantSystem, wantDisplay = fhir.EthnicCategorySystem, str(c, "display")
				}
				if str(c, "system") != wantSystem || str(c, "code") != o.Code || str(c, "display") != wantDisplay {
					t.Errorf("%s option %d = %v, want %s %s %q", it.LinkID, oi, c, wantSystem, o.Code, wantDisplay)
				}
				exts := list(opts[oi], "extension")
				exclusive := len(exts) == 1 && str(exts[0], "url") == "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive" && exts[0]["valueBoolean"] == true
				if exclusive != (o.Exclusive && it.Type == questionnaire.MultiChoice) {
					t.Errorf("%s option %s: optionExclusive %v, want %v", it.LinkID, o.Code, exclusive, o.Exclusive)
				}
			}
			ews := list(qi, "enableWhen")
			if it.EnableWhen == nil {
				if len(ews) != 0 {
					t.Errorf("%s: enableWhen %v on an item always asked", it.LinkID, ews)
				}
			} else if len(ews) != 1 || str(ews[0], "question") != it.EnableWhen.LinkID || str(ews[0], "operator") != "=" ||
				str(child(ews[0], "answerCoding"), "code") != it.EnableWhen.Code ||
				str(child(ews[0], "answerCoding"), "system") != fhir.OptionSystem(ins, it.EnableWhen.LinkID) {
				t.Errorf("%s: enableWhen %v, want %s = %s", it.LinkID, ews, it.EnableWhen.LinkID, it.EnableWhen.Code)
			}
			kids := list(qi, "item")
			if it.Hint == "" {
				if len(kids) != 0 {
					t.Errorf("%s: nested items without a hint", it.LinkID)
				}
				continue
			}
			if len(kids) != 1 || str(kids[0], "type") != "display" || str(kids[0], "text") != it.Hint || str(kids[0], "linkId") != it.LinkID+fhir.HintSuffix {
				t.Errorf("%s: hint item %v", it.LinkID, kids)
				continue
			}
			ctl := list(kids[0], "extension")
			if len(ctl) != 1 || str(ctl[0], "url") != "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl" ||
				str(list(child(ctl[0], "valueCodeableConcept"), "coding")[0], "code") != "help" {
				t.Errorf("%s: hint is not marked as help: %v", it.LinkID, ctl)
			}
		}
	}
	// V1 has the one condition; the check above must have met it.
	if it, ok := ins.Item(questionnaire.LinkLanguage); !ok || it.EnableWhen == nil {
		t.Fatal("V1 no longer has a conditional item; this test needs one")
	}
}

// TestOptionalSectionItemsNotRequired: an item marked required inside an
// optional section is still optional, since the section may be skipped.
func TestOptionalSectionItemsNotRequired(t *testing.T) {
	ins := tinyInstrument()
	ins.Sections[1].Optional = true
	ins.Sections[1].Items[0].Required = true
	q := questionnaireJSON(t, ins)
	g := list(q, "item")[1]
	if g["required"] != nil || list(g, "item")[0]["required"] != nil {
		t.Errorf("optional section written as required: %v", g)
	}
	ins.Sections[1].Optional = false
	g = list(questionnaireJSON(t, ins), "item")[1]
	if g["required"] != true || list(g, "item")[0]["required"] != true {
		t.Errorf("required item in a required section not written as required: %v", g)
	}
	// A section with no required question is not a required group: a
	// response that skips all of it would have to hold an empty group,
	// which R4 forbids (qrs-1).
	ins.Sections[1].Items[0].Required = false
	g = list(questionnaireJSON(t, ins), "item")[1]
	if g["required"] != nil {
		t.Errorf("group with only optional questions written as required: %v", g)
	}
}

// tinyInstrument is a small valid instrument the refusal tests break one
// way at a time.
func tinyInstrument() *questionnaire.Instrument {
	return &questionnaire.Instrument{
		URL: "https://digicheck.invalid/fhir/Questionnaire/test", Version: "7", Title: "7 test things",
		Bands: questionnaire.V1.Bands,
		Sections: []questionnaire.Section{
			{ID: "a", Title: "A", Items: []questionnaire.Item{
				{LinkID: "a.one", Text: "One?", Type: questionnaire.Choice, Required: true,
					Options: []questionnaire.Option{{Code: "y", Text: "Yes"}, {Code: "n", Text: "No"}}},
				{LinkID: "a.why", Text: "Why?", Type: questionnaire.Text, MaxLen: 10,
					EnableWhen: &questionnaire.Condition{LinkID: "a.one", Code: "y"}},
			}},
			{ID: "b", Title: "B", Items: []questionnaire.Item{
				{LinkID: "b.two", Text: "Two?", Type: questionnaire.MultiChoice,
					Options: []questionnaire.Option{{Code: "x", Text: "X"}, {Code: "none", Text: "None", Exclusive: true}}},
			}},
		},
	}
}

func TestQuestionnaireRefusesBrokenInstruments(t *testing.T) {
	if _, err := fhir.Questionnaire(tinyInstrument()); err != nil {
		t.Fatalf("the valid instrument is refused: %v", err)
	}
	for name, breakIt := range map[string]func(*questionnaire.Instrument){
		"no URL":                     func(i *questionnaire.Instrument) { i.URL = "" },
		"no version":                 func(i *questionnaire.Instrument) { i.Version = "" },
		"| in the URL":               func(i *questionnaire.Instrument) { i.URL += "|x" },
		"repeated item linkId":       func(i *questionnaire.Instrument) { i.Sections[1].Items[0].LinkID = "a.one" },
		"section id same as an item": func(i *questionnaire.Instrument) { i.Sections[1].ID = "a.one" },
		"hint linkId taken": func(i *questionnaire.Instrument) {
			i.Sections[0].Items[0].Hint = "h"
			i.Sections[1].Items[0].LinkID = "a.one.hint"
		},
		"empty section":          func(i *questionnaire.Instrument) { i.Sections[1].Items = nil },
		"choice without options": func(i *questionnaire.Instrument) { i.Sections[0].Items[0].Options = nil },
		"repeated option code":   func(i *questionnaire.Instrument) { i.Sections[0].Items[0].Options[1].Code = "y" },
		"unknown item type":      func(i *questionnaire.Instrument) { i.Sections[0].Items[0].Type = "scale" },
		"condition on a later question": func(i *questionnaire.Instrument) {
			i.Sections[0].Items[1].EnableWhen = &questionnaire.Condition{LinkID: "b.two", Code: "x"}
		},
		"condition on a missing item":   func(i *questionnaire.Instrument) { i.Sections[0].Items[1].EnableWhen.LinkID = "a.zero" },
		"condition on a missing answer": func(i *questionnaire.Instrument) { i.Sections[0].Items[1].EnableWhen.Code = "maybe" },
		"condition on itself": func(i *questionnaire.Instrument) {
			i.Sections[0].Items[0].EnableWhen = &questionnaire.Condition{LinkID: "a.one", Code: "y"}
		},
		"condition on a text question": func(i *questionnaire.Instrument) {
			i.Sections[1].Items[0].EnableWhen = &questionnaire.Condition{LinkID: "a.why", Code: "x"}
		},
	} {
		t.Run(name, func(t *testing.T) {
			ins := tinyInstrument()
			breakIt(ins)
			if _, err := fhir.Questionnaire(ins); !errors.Is(err, fhir.ErrInstrument) {
				t.Errorf("err = %v, want ErrInstrument", err)
			}
		})
	}
}

func TestQuestionnaireIsStable(t *testing.T) {
	a, err := fhir.Questionnaire(questionnaire.V1)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := fhir.Questionnaire(questionnaire.V1)
	if !bytes.Equal(a, b) {
		t.Error("two calls give different output; exports would not diff cleanly")
	}
}

func TestName(t *testing.T) {
	for title, want := range map[string]string{
		"digicheck digital inclusion check": "DigicheckDigitalInclusionCheck",
		"7 test things":                     "Q7TestThings",
		"über-check (v2)":                   "BerCheckV2",
		"":                                  "Q",
	} {
		if got := fhir.Name(&questionnaire.Instrument{Title: title}); got != want {
			t.Errorf("Name(%q) = %q, want %q", title, got, want)
		}
	}
}

// TestEthnicCategoryInUKCoreCodes: the ethnic category is answered in UK
// Core's code system for England (HL7 UK, UKCore-EthnicCategoryEngland
// 1.1.1), whose codes are the NHS Data Dictionary letters the instrument
// keeps, with UK Core's displays, written out here from the published
// code system, so that a receiver validating against UK Core accepts it.
func TestEthnicCategoryInUKCoreCodes(t *testing.T) {
	if fhir.EthnicCategorySystem != "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland" {
		t.Errorf("system %q is not UK Core's", fhir.EthnicCategorySystem)
	}
	published := map[string]string{
		"A": "White - British", "B": "White - Irish", "C": "White - Any other White background",
		"D": "Mixed - White and Black Caribbean", "E": "Mixed - White and Black African",
		"F": "Mixed - White and Asian", "G": "Mixed - Any other mixed background",
		"H": "Asian or Asian British - Indian", "J": "Asian or Asian British - Pakistani",
		"K": "Asian or Asian British - Bangladeshi", "L": "Asian or Asian British - Any other Asian background",
		"M": "Black or Black British - Caribbean", "N": "Black or Black British - African",
		"P": "Black or Black British - Any other Black background",
		"R": "Other Ethnic Groups - Chinese", "S": "Other Ethnic Groups - Any other ethnic group",
		"Z": "Not stated",
	}
	for _, ins := range []*questionnaire.Instrument{questionnaire.V1} {
		q := questionnaireJSON(t, ins)
		idx := map[string]qEntry{}
		indexItems(list(q, "item"), "", idx, func(string) {})
		it, _ := ins.Item(questionnaire.LinkEthnicity)
		opts := list(idx[questionnaire.LinkEthnicity].item, "answerOption")
		if len(opts) != len(it.Options) || len(opts) == 0 {
			t.Fatalf("%d answerOptions for %d options", len(opts), len(it.Options))
		}
		for i, o := range it.Options {
			c := child(opts[i], "valueCoding")
			want, ok := published[o.Code]
			if !ok {
				t.Errorf("option %s (%s) is not a UK Core ethnic category", o.Code, o.Text)
				continue
			}
			if str(c, "system") != fhir.EthnicCategorySystem || str(c, "code") != o.Code || str(c, "display") != want {
				t.Errorf("option %s = %v, want %s#%s %q", o.Code, c, fhir.EthnicCategorySystem, o.Code, want)
			}
		}
	}
}
