package questionnaire

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestV1IsWellFormed checks the instrument data itself: stable, unique
// linkIds and codes, conditions that point at real answers, scored items
// with a scoring rule, and text items with a length bound.
func TestV1IsWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, it := range V1.Items() {
		if it.LinkID == "" || seen[it.LinkID] {
			t.Errorf("linkId %q empty or repeated", it.LinkID)
		}
		seen[it.LinkID] = true
		if strings.TrimSpace(it.Text) == "" {
			t.Errorf("%s: no question text", it.LinkID)
		}
		codes := map[string]bool{}
		for _, o := range it.Options {
			if o.Code == "" || codes[o.Code] {
				t.Errorf("%s: option code %q empty or repeated", it.LinkID, o.Code)
			}
			codes[o.Code] = true
			if o.Text == "" {
				t.Errorf("%s/%s: no option text", it.LinkID, o.Code)
			}
			if o.Exclusive && it.Type != MultiChoice {
				t.Errorf("%s/%s: exclusive option on a %s item", it.LinkID, o.Code, it.Type)
			}
		}
		switch it.Type {
		case Choice, MultiChoice:
			if len(it.Options) < 2 {
				t.Errorf("%s: a choice item needs options", it.LinkID)
			}
		case Text:
			if it.MaxLen <= 0 {
				t.Errorf("%s: text item without MaxLen", it.LinkID)
			}
		default:
			t.Errorf("%s: unknown type %q", it.LinkID, it.Type)
		}
		if it.Domain != "" {
			if !slices.Contains(Domains, it.Domain) {
				t.Errorf("%s: unknown domain %q", it.LinkID, it.Domain)
			}
			if it.Type == MultiChoice && it.Scoring != ScoreBest && it.Scoring != ScoreUnselected {
				t.Errorf("%s: scored multi-choice item without a scoring rule", it.LinkID)
			}
		}
		if c := it.EnableWhen; c != nil {
			dep, ok := V1.Item(c.LinkID)
			if !ok || !seen[c.LinkID] || c.LinkID == it.LinkID {
				t.Errorf("%s: enableWhen on %q, which is not an earlier item", it.LinkID, c.LinkID)
			} else if _, ok := dep.Option(c.Code); !ok {
				t.Errorf("%s: enableWhen on %s=%q, which is not an option", it.LinkID, c.LinkID, c.Code)
			}
		}
	}
	for _, d := range Domains {
		n := 0
		for _, it := range V1.Items() {
			if it.Domain == d {
				n++
			}
		}
		if n == 0 {
			t.Errorf("domain %s has no scored item", d)
		}
	}
}

// TestChoiceOffersEveryRoute: the patient can choose each remote route,
// and no preference, and nothing else, in every version. In person is where
// the service sees the patient anyway, not a way to reach them between
// visits, so it is never a choice.
func TestChoiceOffersEveryRoute(t *testing.T) {
	for _, ins := range Versions() {
		it, _ := ins.Item(LinkChoice)
		var got []string
		for _, o := range it.Options {
			got = append(got, o.Code)
		}
		want := []string{ChoiceNone}
		for _, r := range Routes {
			if r != RouteInPerson {
				want = append(want, string(r))
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("version %s: choice options = %v, want %v", ins.Version, got, want)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change Answers
		// wantErr is the linkId the error must name, or "" for valid answers.
		wantErr string
	}{
		{"included patient", nil, ""},
		{"equity fields all answered", Answers{LinkAgeBand: {"65-74"}, LinkDisability: {Yes}, LinkBenefits: {PreferNotSay},
			LinkMainLanguage: {No}, LinkEthnicity: {"Z"}, LinkPostcodeDistrict: {"LS6"}}, ""},
		{"interpreter with its language", Answers{LinkCommNeeds: {NeedInterpreter}, LinkLanguage: {"Polish"}}, ""},
		{"several communication needs", Answers{LinkCommNeeds: {NeedLargePrint, NeedBSL, NeedTextRelay}}, ""},

		// Required answers.
		{"devices missing", Answers{LinkDevices: nil}, LinkDevices},
		{"devices empty", Answers{LinkDevices: {}}, LinkDevices},
		{"tasks missing", Answers{LinkTasks: nil}, LinkTasks},
		{"motivation missing", Answers{LinkWant: nil}, LinkWant},
		{"comms needs missing", Answers{LinkCommNeeds: nil}, LinkCommNeeds},
		{"reading help missing", Answers{LinkReadingHelp: nil}, LinkReadingHelp},
		{"choice missing", Answers{LinkChoice: nil}, LinkChoice},
		{"interpreter without language", Answers{LinkCommNeeds: {NeedInterpreter}}, LinkLanguage},
		{"interpreter with blank language", Answers{LinkCommNeeds: {NeedInterpreter}, LinkLanguage: {"  "}}, LinkLanguage},

		// Answers the item does not allow.
		{"unknown device code", Answers{LinkDevices: {"pager"}}, LinkDevices},
		{"unknown choice code", Answers{LinkWant: {"maybe"}}, LinkWant},
		{"empty code", Answers{LinkAfford: {""}}, LinkAfford},
		{"two answers to a single choice", Answers{LinkWant: {Yes, No}}, LinkWant},
		{"same code twice", Answers{LinkDevices: {DevSmartphone, DevSmartphone}}, LinkDevices},
		{"no device with a device", Answers{LinkDevices: {DevNone, DevLandline}}, LinkDevices},
		{"not online with home internet", Answers{LinkInternet: {NetHome, NetNone}}, LinkInternet},
		{"no tasks with a task", Answers{LinkTasks: {TaskText, TaskNone}}, LinkTasks},
		{"no needs with a need", Answers{LinkCommNeeds: {NeedLargePrint, NeedNone}}, LinkCommNeeds},
		{"language too long", Answers{LinkCommNeeds: {NeedInterpreter}, LinkLanguage: {strings.Repeat("a", 41)}}, LinkLanguage},
		{"two text answers", Answers{LinkCommNeeds: {NeedInterpreter}, LinkLanguage: {"Polish", "Urdu"}}, LinkLanguage},

		// Answers to questions that were not asked or do not exist.
		{"language without interpreter", Answers{LinkLanguage: {"Polish"}}, LinkLanguage},
		{"language with other needs but no interpreter", Answers{LinkCommNeeds: {NeedBSL}, LinkLanguage: {"Polish"}}, LinkLanguage},
		{"unknown linkId", Answers{"access.pager": {"yes"}}, "access.pager"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := V1.Validate(with(tt.change))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Validate = %v, want valid", err)
				}
				return
			}
			var ae *AnswerError
			if !errors.As(err, &ae) {
				t.Fatalf("Validate = %v, want an *AnswerError for %s", err, tt.wantErr)
			}
			if ae.LinkID != tt.wantErr || ae.Reason == "" {
				t.Errorf("Validate = %v, want an error naming %s with a reason", err, tt.wantErr)
			}
		})
	}
}

// TestLanguageMaxLenBoundary: exactly MaxLen characters (not bytes) pass.
func TestLanguageMaxLenBoundary(t *testing.T) {
	lang := mustItem(t, LinkLanguage)
	tests := []struct {
		value string
		ok    bool
	}{
		{strings.Repeat("a", lang.MaxLen), true},
		{strings.Repeat("é", lang.MaxLen), true},
		{strings.Repeat("a", lang.MaxLen+1), false},
	}
	for _, tt := range tests {
		err := V1.ValidateItem(lang, []string{tt.value})
		if (err == nil) != tt.ok {
			t.Errorf("ValidateItem(language, %d runes) = %v, want ok=%v", len([]rune(tt.value)), err, tt.ok)
		}
	}
}

func TestPostcodeDistrict(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when the input must be refused
	}{
		{"LS6", "LS6"},
		{"SW1A", "SW1A"},
		{"M1", "M1"},
		{"B33", "B33"},
		{"ls6", "LS6"},
		{"sw1a", "SW1A"},
		{" LS6 ", "LS6"},
		{"LS6 1AA", ""},
		{"LS61AA", ""},
		{"XYZ", ""},
		{"", ""},
		{"6LS", ""},
		{"L", ""},
		{"LS6-", ""},
	}
	for _, tt := range tests {
		got, err := NormalisePostcodeDistrict(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("NormalisePostcodeDistrict(%q) = %q, want an error", tt.in, got)
		case tt.want != "" && (err != nil || got != tt.want):
			t.Errorf("NormalisePostcodeDistrict(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
		}
	}
}

// TestValidatePostcodeDistrict: the answer set is checked the same way, so
// a full postcode is never accepted into a record.
func TestValidatePostcodeDistrict(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"LS6", true},
		{"SW1A", true},
		{"M1", true},
		{"B33", true},
		{"ls6", true},
		{"LS6 1AA", false},
		{"XYZ", false},
		{"", false},
	}
	for _, tt := range tests {
		err := V1.Validate(with(Answers{LinkPostcodeDistrict: {tt.in}}))
		if (err == nil) != tt.ok {
			t.Errorf("Validate(postcode %q) = %v, want ok=%v", tt.in, err, tt.ok)
		}
	}
}

func TestEquitySectionIsOptional(t *testing.T) {
	for _, s := range V1.Sections {
		if s.ID != "equity" {
			continue
		}
		if !s.Optional {
			t.Error("the equity section is not optional")
		}
		for _, it := range s.Items {
			if it.Required {
				t.Errorf("equity item %s is required", it.LinkID)
			}
		}
		return
	}
	t.Fatal("V1 has no equity section")
}
