package questionnaire

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

type namedAnswers struct {
	name    string
	answers Answers
}

// sampleAnswerSets is a spread of patients, from fully included to fully
// excluded, with every communication need and every route choice.
func sampleAnswerSets() []namedAnswers {
	out := []namedAnswers{
		{"included", included()},
		{"not motivated", with(Answers{LinkWant: {No}})},
		{"not motivated, no phone", with(Answers{LinkWant: {No}, LinkDevices: {DevComputer}})},
		{"nothing at all", with(Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkAfford: {"often"}, LinkTasks: {TaskNone}, LinkWant: {No}})},
		{"landline only", with(Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}})},
		{"basic mobile, texts", with(Answers{LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}, LinkTasks: {TaskText}})},
		{"shared device, public wifi", with(Answers{LinkDevices: {DevShared}, LinkInternet: {NetPublic}, LinkTasks: {TaskEmail}})},
		{"very worried", with(Answers{LinkWorry: {"very"}, LinkBadExperience: {"put-off"}})},
		{"relies on carer", with(Answers{LinkHelp: {HelpCarer}, LinkTasks: {TaskNone}, LinkWant: {"with-help"}})},
		{"contact via carer", with(Answers{LinkCommNeeds: {NeedCarer}, LinkHelp: {HelpCarer}})},
		{"BSL, no relay", with(Answers{LinkCommNeeds: {NeedBSL}})},
		{"BSL, no relay, no app", with(Answers{LinkCommNeeds: {NeedBSL}, LinkWant: {No}})},
		{"large print", with(Answers{LinkCommNeeds: {NeedLargePrint}})},
		{"large print, reads with help always", with(Answers{LinkCommNeeds: {NeedLargePrint}, LinkReadingHelp: {ReadAlways}})},
		{"interpreter", with(Answers{LinkCommNeeds: {NeedInterpreter}, LinkLanguage: {"Urdu"}, LinkWant: {No}})},
		{"every need", with(Answers{LinkCommNeeds: {NeedLargePrint, NeedEasyRead, NeedVerbal, NeedBSL, NeedInterpreter, NeedTextRelay, NeedScreenRead, NeedCarer}, LinkLanguage: {"Polish"}})},
		{"all barriers, eligible for everything", with(Answers{LinkDevices: {DevShared}, LinkInternet: {NetPublic}, LinkAfford: {"often"},
			LinkTasks: {TaskText}, LinkWant: {No}, LinkWorry: {"very"}, LinkAgeBand: {"75+"}, LinkDisability: {Yes}, LinkBenefits: {Yes}, LinkPostcodeDistrict: {"LS6"}})},
	}
	for _, o := range V1.Sections[3].Items[3].Options {
		out = append(out, namedAnswers{"included, chose " + o.Code, with(Answers{LinkChoice: {o.Code}})})
		out = append(out, namedAnswers{"no phone or device, chose " + o.Code,
			with(Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}, LinkChoice: {o.Code}})})
	}
	return out
}

func TestSampleAnswerSetsCoverEveryChoice(t *testing.T) {
	if it := V1.Sections[3].Items[3]; it.LinkID != LinkChoice {
		t.Fatalf("sampleAnswerSets reads the choice options from %s, not %s", it.LinkID, LinkChoice)
	}
}

func nonDigitalPossible(rec Recommendation) []Route {
	var out []Route
	for _, c := range rec.Checks {
		if c.Possible && (c.Route == RoutePhone || c.Route == RouteLetter) {
			out = append(out, c.Route)
		}
	}
	return out
}

// TestFallbackNeverDigital: the fallback is phone or letter, it is possible,
// and it differs from the primary whenever another offline route exists.
func TestFallbackNeverDigital(t *testing.T) {
	for _, s := range sampleAnswerSets() {
		t.Run(s.name, func(t *testing.T) {
			rec := assess(t, s.answers).Recommendation
			if rec.Fallback != RoutePhone && rec.Fallback != RouteLetter {
				t.Fatalf("fallback = %q, want phone or letter", rec.Fallback)
			}
			if rec.Fallback.Digital() {
				t.Errorf("fallback %s is digital", rec.Fallback)
			}
			if c := routeCheck(t, rec, rec.Fallback); !c.Possible {
				t.Errorf("fallback %s is not possible: %s", rec.Fallback, c.Reason)
			}
			if rec.Fallback == rec.Primary {
				for _, r := range nonDigitalPossible(rec) {
					if r != rec.Primary {
						t.Errorf("fallback = primary = %s, but %s is possible", rec.Primary, r)
					}
				}
			}
		})
	}
}

func TestPrimaryAndFallback(t *testing.T) {
	noPhone := Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}}
	tests := []struct {
		name     string
		change   Answers
		primary  Route
		fallback Route
	}{
		{"included: app, then a call", nil, RouteApp, RoutePhone},
		{"not motivated: call, then letter", Answers{LinkWant: {No}}, RoutePhone, RouteLetter},
		{"chose phone: letter behind it", Answers{LinkChoice: {string(RoutePhone)}}, RoutePhone, RouteLetter},
		{"chose letter: phone behind it", Answers{LinkChoice: {string(RouteLetter)}}, RouteLetter, RoutePhone},
		{"chose letter, large print: phone behind it", Answers{LinkChoice: {string(RouteLetter)}, LinkCommNeeds: {NeedLargePrint}}, RouteLetter, RoutePhone},
		{"chose SMS", Answers{LinkChoice: {string(RouteSMS)}}, RouteSMS, RoutePhone},
		{"basic mobile, texts", Answers{LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}, LinkTasks: {TaskText}}, RouteSMS, RoutePhone},
		{"landline, no skills", Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}}, RoutePhone, RouteLetter},
		{"no phone, no device", noPhone, RouteLetter, RouteLetter},
		{"no phone, wants no digital", Answers{LinkDevices: {DevComputer}, LinkWant: {No}}, RouteLetter, RouteLetter},
		{"computer only, digital", Answers{LinkDevices: {DevComputer}}, RouteApp, RouteLetter},
		{"large print: letter first", Answers{LinkCommNeeds: {NeedLargePrint}}, RouteApp, RouteLetter},
		{"easy read: letter first", Answers{LinkCommNeeds: {NeedEasyRead}}, RouteApp, RouteLetter},
		{"large print, reading help often: call first", Answers{LinkCommNeeds: {NeedLargePrint}, LinkReadingHelp: {ReadOften}}, RoutePhone, RouteLetter},
		{"told not written: a call, no written fallback possible", Answers{LinkCommNeeds: {NeedVerbal}}, RoutePhone, RoutePhone},
		{"screen reader: app, then a call", Answers{LinkCommNeeds: {NeedScreenRead}}, RouteApp, RoutePhone},
		{"BSL without relay: letter", Answers{LinkCommNeeds: {NeedBSL}}, RouteApp, RouteLetter},
		{"BSL with relay: phone", Answers{LinkCommNeeds: {NeedBSL, NeedTextRelay}}, RouteApp, RoutePhone},
		{"via carer: carer, then a call", Answers{LinkCommNeeds: {NeedCarer}}, RouteCarer, RoutePhone},
		{"via carer, no phone", Answers{LinkCommNeeds: {NeedCarer}, LinkDevices: {DevNone}, LinkInternet: {NetNone}}, RouteCarer, RouteLetter},
		{"BSL, not motivated: letter, no phone", Answers{LinkCommNeeds: {NeedBSL}, LinkWant: {No}}, RouteLetter, RouteLetter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := assess(t, with(tt.change)).Recommendation
			if rec.Primary != tt.primary || rec.Fallback != tt.fallback {
				t.Errorf("primary, fallback = %s, %s; want %s, %s\nprimary: %s\nfallback: %s",
					rec.Primary, rec.Fallback, tt.primary, tt.fallback, rec.PrimaryReason, rec.FallbackReason)
			}
		})
	}
}

// TestReadingHelpPutsPhoneBeforeLetter: needing help often or always to read
// NHS letters puts a call before every written route when the patient has no
// preference, even with a print need, and adds the reading-help adjustment;
// less often does neither.
func TestReadingHelpPutsPhoneBeforeLetter(t *testing.T) {
	tests := []struct {
		reading           string
		primary, fallback Route
		adjustment        bool
	}{
		{ReadNever, RouteApp, RouteLetter, false},
		{ReadRarely, RouteApp, RouteLetter, false},
		{ReadSometimes, RouteApp, RouteLetter, false},
		{ReadOften, RoutePhone, RouteLetter, true},
		{ReadAlways, RoutePhone, RouteLetter, true},
	}
	for _, tt := range tests {
		t.Run(tt.reading, func(t *testing.T) {
			// Large print would otherwise put a letter first.
			rec := assess(t, with(Answers{LinkReadingHelp: {tt.reading}, LinkCommNeeds: {NeedLargePrint}})).Recommendation
			if rec.Primary != tt.primary || rec.Fallback != tt.fallback {
				t.Errorf("primary, fallback = %s, %s; want %s, %s (%s / %s)", rec.Primary, rec.Fallback, tt.primary, tt.fallback, rec.PrimaryReason, rec.FallbackReason)
			}
			adj, ok := adjustment(rec, "reading-help")
			if ok != tt.adjustment {
				t.Fatalf("reading-help adjustment = %v, want %v", ok, tt.adjustment)
			}
			if ok && !strings.Contains(adj.Reason, tt.reading) {
				t.Errorf("reading-help reason %q does not name the answer %q", adj.Reason, tt.reading)
			}
		})
	}
}

// TestReadingHelpWithLetterPrimary: a patient who chose letters but needs
// help reading them gets a call as the fallback and the adjustment.
func TestReadingHelpWithLetterPrimary(t *testing.T) {
	for _, r := range []string{ReadOften, ReadAlways} {
		rec := assess(t, with(Answers{LinkReadingHelp: {r}, LinkChoice: {string(RouteLetter)}})).Recommendation
		if rec.Primary != RouteLetter || rec.Fallback != RoutePhone {
			t.Errorf("%s: primary, fallback = %s, %s; want letter, phone", r, rec.Primary, rec.Fallback)
		}
		if _, ok := adjustment(rec, "reading-help"); !ok {
			t.Errorf("%s: no reading-help adjustment", r)
		}
	}
}

// TestEveryCommunicationNeedYieldsItsAdjustment is driven by the options of
// the comms.needs item: a new need without an adjustment fails here.
func TestEveryCommunicationNeedYieldsItsAdjustment(t *testing.T) {
	for _, o := range mustItem(t, LinkCommNeeds).Options {
		if o.Exclusive {
			continue
		}
		t.Run(o.Code, func(t *testing.T) {
			change := Answers{LinkCommNeeds: {o.Code}}
			if o.Code == NeedInterpreter {
				change[LinkLanguage] = []string{"Tigrinya"}
			}
			for _, base := range []Answers{nil, {LinkWant: {No}}, {LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}}} {
				a := with(change)
				for k, v := range base {
					a[k] = v
				}
				rec := assess(t, a).Recommendation
				adj, ok := adjustment(rec, o.Code)
				if !ok {
					t.Fatalf("need %s: no adjustment with code %s in %+v", o.Code, o.Code, rec.Adjustments)
				}
				if strings.TrimSpace(adj.Text) == "" || strings.TrimSpace(adj.Reason) == "" {
					t.Errorf("need %s: adjustment %+v lacks text or reason", o.Code, adj)
				}
			}
		})
	}
}

func TestNoNeedsNoNeedAdjustments(t *testing.T) {
	rec := assess(t, included()).Recommendation
	if len(rec.Adjustments) != 0 {
		t.Errorf("adjustments = %+v, want none for a patient with no needs", rec.Adjustments)
	}
}

func TestInterpreterAdjustmentNamesTheLanguage(t *testing.T) {
	for _, lang := range []string{"Polish", "Urdu", "Tigrinya", "Brazilian Portuguese", "Português"} {
		rec := assess(t, with(Answers{LinkCommNeeds: {NeedInterpreter}, LinkLanguage: {lang}})).Recommendation
		adj, ok := adjustment(rec, NeedInterpreter)
		if !ok {
			t.Fatalf("%s: no interpreter adjustment", lang)
		}
		if !strings.Contains(adj.Text, lang) || !strings.Contains(adj.Reason, lang) {
			t.Errorf("%s: adjustment %+v does not name the language", lang, adj)
		}
	}
}

// TestProxyAccessWhereACarerHelps: NHS App proxy access is suggested when a
// carer helps, and the reason names the answer that shows it.
func TestProxyAccessWhereACarerHelps(t *testing.T) {
	tests := []struct {
		name   string
		change Answers
		want   bool
		reason string
	}{
		{"no carer", nil, false, ""},
		{"sometimes helped", Answers{LinkHelp: {HelpSome}}, false, ""},
		{"someone does most things", Answers{LinkHelp: {HelpCarer}}, true, "someone does most things for me"},
		{"asked for contact via carer", Answers{LinkCommNeeds: {NeedCarer}}, true, "carer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			adj, ok := adjustment(assess(t, with(tt.change)).Recommendation, "proxy-access")
			if ok != tt.want {
				t.Fatalf("proxy-access = %v, want %v", ok, tt.want)
			}
			if ok && !containsFold(adj.Reason, tt.reason) {
				t.Errorf("reason %q does not mention %q", adj.Reason, tt.reason)
			}
			// A reason must not contradict the answers it names.
			if ok && containsFold(adj.Reason, "do not need help") {
				t.Errorf("reason %q contradicts itself", adj.Reason)
			}
		})
	}
}

// TestChoiceHonouredWhenPossible covers every route the patient can choose:
// where it is possible it becomes the primary route; where it is not, the
// primary is another possible route and the note says why.
func TestChoiceHonouredWhenPossible(t *testing.T) {
	tests := []struct {
		choice      Route
		possible    Answers // a patient for whom the route is possible
		notPossible Answers // one for whom it is not; nil when it always is
		why         string  // what the note must say when it is not
	}{
		{RouteApp, nil, Answers{LinkDevices: {DevBasicMob}}, "basic mobile"},
		{RouteEmail, Answers{LinkDevices: {DevShared}, LinkInternet: {NetPublic}}, Answers{LinkTasks: tasksExcept(TaskEmail)}, "email"},
		{RouteSMS, Answers{LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}}, Answers{LinkDevices: {DevLandline}}, "landline"},
		{RoutePhone, Answers{LinkDevices: {DevLandline}}, Answers{LinkCommNeeds: {NeedBSL}}, "British Sign Language"},
		{RouteLetter, Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}}, nil, ""},
		{RouteCarer, Answers{LinkHelp: {HelpCarer}}, nil, "no carer"},
	}
	for _, tt := range tests {
		t.Run(string(tt.choice)+" possible", func(t *testing.T) {
			a := with(tt.possible)
			a[LinkChoice] = []string{string(tt.choice)}
			rec := assess(t, a).Recommendation
			if rec.Choice != tt.choice || !rec.ChoiceHonoured || rec.Primary != tt.choice {
				t.Errorf("choice %s: recorded %q, honoured %v, primary %s; want honoured as primary (%s)",
					tt.choice, rec.Choice, rec.ChoiceHonoured, rec.Primary, rec.ChoiceNote)
			}
			if rec.ChoiceNote != "" {
				t.Errorf("honoured choice has a note %q", rec.ChoiceNote)
			}
			if !containsFold(rec.PrimaryReason, "choice") {
				t.Errorf("primary reason %q does not say it is the patient's choice", rec.PrimaryReason)
			}
		})
		if tt.choice == RouteLetter {
			continue
		}
		t.Run(string(tt.choice)+" not possible", func(t *testing.T) {
			a := with(tt.notPossible)
			a[LinkChoice] = []string{string(tt.choice)}
			rec := assess(t, a).Recommendation
			if routeCheck(t, rec, tt.choice).Possible {
				t.Fatalf("the case must make %s impossible", tt.choice)
			}
			if rec.Choice != tt.choice {
				t.Errorf("choice recorded as %q, want %s", rec.Choice, tt.choice)
			}
			if rec.ChoiceHonoured || rec.Primary == tt.choice {
				t.Errorf("impossible choice %s honoured (primary %s)", tt.choice, rec.Primary)
			}
			if !routeCheck(t, rec, rec.Primary).Possible {
				t.Errorf("primary %s is not possible", rec.Primary)
			}
			if !strings.Contains(rec.ChoiceNote, tt.choice.Title()) || !containsFold(rec.ChoiceNote, tt.why) {
				t.Errorf("note %q does not name the choice %s and why (%q)", rec.ChoiceNote, tt.choice.Title(), tt.why)
			}
		})
	}
}

// TestLetterChoiceAlwaysHonoured: every patient can choose letters.
// TestLetterChoiceHonouredUnlessANeedRulesItOut: a letter is honoured
// whenever the patient chooses it, except where a communication need rules
// it out (told not written, a screen reader, contact through a carer); then
// the choice is recorded beside the route with the reason.
func TestLetterChoiceHonouredUnlessANeedRulesItOut(t *testing.T) {
	for _, s := range sampleAnswerSets() {
		a := s.answers.Clone()
		a[LinkChoice] = []string{string(RouteLetter)}
		rec := assess(t, a).Recommendation
		ruledOut := a.Has(LinkCommNeeds, NeedVerbal) || a.Has(LinkCommNeeds, NeedScreenRead) || a.Has(LinkCommNeeds, NeedCarer)
		if ruledOut {
			if rec.ChoiceHonoured || rec.Primary == RouteLetter || !strings.Contains(rec.ChoiceNote, "Letter") {
				t.Errorf("%s: letter chosen against a need: primary %s honoured %v note %q", s.name, rec.Primary, rec.ChoiceHonoured, rec.ChoiceNote)
			}
			continue
		}
		if !rec.ChoiceHonoured || rec.Primary != RouteLetter {
			t.Errorf("%s: letter chosen, primary %s honoured %v", s.name, rec.Primary, rec.ChoiceHonoured)
		}
	}
}

// TestVerbalNeedRulesOutEveryWrittenRoute: a patient who needs information
// told, not written, is never sent it by app, email, text or letter as the
// primary route, whatever they chose.
func TestVerbalNeedRulesOutEveryWrittenRoute(t *testing.T) {
	for _, choice := range []Route{RouteApp, RouteEmail, RouteSMS, RouteLetter, RoutePhone} {
		rec := assess(t, with(Answers{LinkCommNeeds: {NeedVerbal}, LinkChoice: {string(choice)}})).Recommendation
		if rec.Primary != RoutePhone {
			t.Errorf("chose %s, told not written: primary %s (%s)", choice, rec.Primary, rec.PrimaryReason)
		}
		for _, r := range []Route{RouteApp, RouteEmail, RouteSMS, RouteLetter} {
			if c, ok := possible(rec.Checks, r); ok || !strings.Contains(c.Reason, "not written") {
				t.Errorf("%s possible for a verbal need: %+v", r, c)
			}
		}
	}
}

// TestScreenReaderRulesOutPrintedLetters: a printed letter cannot be read by
// a screen reader, so it is never the primary route for a screen-reader user
// who has another way to be reached.
func TestScreenReaderRulesOutPrintedLetters(t *testing.T) {
	rec := assess(t, with(Answers{LinkCommNeeds: {NeedScreenRead}, LinkChoice: {string(RouteLetter)}})).Recommendation
	if rec.Primary == RouteLetter || rec.ChoiceHonoured || !strings.Contains(rec.ChoiceNote, "screen reader") {
		t.Errorf("screen reader, chose letter: primary %s honoured %v note %q", rec.Primary, rec.ChoiceHonoured, rec.ChoiceNote)
	}
}

// TestNoSecondRouteIsSaidNotHidden: when no other non-digital route is
// possible, the fallback is the primary again and its reason says there is
// no second route and why, so nobody mistakes it for another way in.
func TestNoSecondRouteIsSaidNotHidden(t *testing.T) {
	for _, change := range []Answers{
		{LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}},
		{LinkCommNeeds: {NeedVerbal}},
	} {
		rec := assess(t, with(change)).Recommendation
		if !rec.NoSecondRoute() || !strings.Contains(rec.FallbackReason, "no second non-digital route") {
			t.Errorf("%v: primary %s fallback %s (%s)", change, rec.Primary, rec.Fallback, rec.FallbackReason)
		}
	}
	if rec := assess(t, included()).Recommendation; rec.NoSecondRoute() {
		t.Errorf("an included patient has no second route: %s / %s", rec.Primary, rec.Fallback)
	}
}

func TestNoPreferenceRecordsNoChoice(t *testing.T) {
	rec := assess(t, included()).Recommendation
	if rec.Choice != "" || rec.ChoiceHonoured || rec.ChoiceNote != "" {
		t.Errorf("no preference: choice %q honoured %v note %q; want empty", rec.Choice, rec.ChoiceHonoured, rec.ChoiceNote)
	}
}

// TestCarerNeedOverridesDigitalChoice: the Accessible Information Standard
// need for contact via a carer outranks a digital choice, and the note
// records both.
func TestCarerNeedOverridesDigitalChoice(t *testing.T) {
	for _, r := range []Route{RouteApp, RouteEmail, RouteSMS} {
		rec := assess(t, with(Answers{LinkCommNeeds: {NeedCarer}, LinkChoice: {string(r)}})).Recommendation
		if rec.Primary != RouteCarer || rec.ChoiceHonoured {
			t.Errorf("chose %s with a carer need: primary %s honoured %v; want carer, not honoured", r, rec.Primary, rec.ChoiceHonoured)
		}
		if !strings.Contains(rec.ChoiceNote, r.Title()) || !containsFold(rec.ChoiceNote, "carer") {
			t.Errorf("chose %s: note %q does not record the choice and the carer need", r, rec.ChoiceNote)
		}
	}
	// A non-digital choice gives way to the carer need too, and is noted.
	for _, r := range []Route{RoutePhone, RouteLetter} {
		rec := assess(t, with(Answers{LinkCommNeeds: {NeedCarer}, LinkChoice: {string(r)}})).Recommendation
		if rec.Primary != RouteCarer || rec.ChoiceHonoured || !strings.Contains(rec.ChoiceNote, r.Title()) {
			t.Errorf("chose %s with a carer need: primary %s honoured %v note %q", r, rec.Primary, rec.ChoiceHonoured, rec.ChoiceNote)
		}
	}
}

// TestSignificantMotivationBarrierPrefersNonDigital: with no preference, a
// patient who does not want to do health tasks online is never given a
// digital primary route, however able they are.
func TestSignificantMotivationBarrierPrefersNonDigital(t *testing.T) {
	tests := []struct {
		name    string
		change  Answers
		digital bool
		primary Route
	}{
		{"wants to: app", Answers{LinkWant: {Yes}}, true, RouteApp},
		{"wants to with help: app", Answers{LinkWant: {"with-help"}}, true, RouteApp},
		{"does not want to: phone", Answers{LinkWant: {No}}, false, RoutePhone},
		{"does not want to, basic mobile: phone not SMS", Answers{LinkWant: {No}, LinkDevices: {DevBasicMob}}, false, RoutePhone},
		{"does not want to, no phone: letter not app", Answers{LinkWant: {No}, LinkDevices: {DevComputer}}, false, RouteLetter},
		{"does not want to, carer does most: phone", Answers{LinkWant: {No}, LinkHelp: {HelpCarer}}, false, RoutePhone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := assess(t, with(tt.change)).Recommendation
			if rec.Primary.Digital() != tt.digital || rec.Primary != tt.primary {
				t.Errorf("primary = %s, want %s (%s)", rec.Primary, tt.primary, rec.PrimaryReason)
			}
		})
	}
}

// TestEveryReasonIsGiven: every part of every recommendation has a reason.
func TestEveryReasonIsGiven(t *testing.T) {
	for _, s := range sampleAnswerSets() {
		rec := assess(t, s.answers).Recommendation
		blank := func(what, s string) bool {
			return strings.TrimSpace(s) == "" || strings.HasSuffix(s, "()") || strings.Contains(s, "( )")
		}
		if blank("primary", rec.PrimaryReason) {
			t.Errorf("%s: primary %s without a reason: %q", s.name, rec.Primary, rec.PrimaryReason)
		}
		if blank("fallback", rec.FallbackReason) {
			t.Errorf("%s: fallback %s without a reason: %q", s.name, rec.Fallback, rec.FallbackReason)
		}
		if rec.Choice != "" && !rec.ChoiceHonoured && blank("choice", rec.ChoiceNote) {
			t.Errorf("%s: choice %s not honoured and no note", s.name, rec.Choice)
		}
		for _, c := range rec.Checks {
			if blank("check", c.Reason) || strings.Contains(c.Reason, ": )") {
				t.Errorf("%s: %s check reason %q", s.name, c.Route, c.Reason)
			}
		}
		for _, a := range rec.Adjustments {
			if blank("adjustment", a.Reason) || blank("adjustment", a.Text) {
				t.Errorf("%s: adjustment %+v", s.name, a)
			}
		}
		for _, f := range rec.Referrals {
			if blank("referral", f.Reason) {
				t.Errorf("%s: referral %s without a reason", s.name, f.ProgrammeID)
			}
		}
	}
}

// TestPrimaryReasonNamesTheCheck: the primary route's reason carries the
// reason it is possible.
func TestPrimaryReasonNamesTheCheck(t *testing.T) {
	for _, s := range sampleAnswerSets() {
		rec := assess(t, s.answers).Recommendation
		c := routeCheck(t, rec, rec.Primary)
		if !c.Possible {
			t.Errorf("%s: primary %s is not possible", s.name, rec.Primary)
		}
		if !strings.Contains(rec.PrimaryReason, c.Reason) {
			t.Errorf("%s: primary reason %q does not include the check %q", s.name, rec.PrimaryReason, c.Reason)
		}
	}
}

// TestAssessIsPure: the same answers and directory give the same result,
// and the answers are left as they were.
func TestAssessIsPure(t *testing.T) {
	for _, s := range sampleAnswerSets() {
		t.Run(s.name, func(t *testing.T) {
			before := s.answers.Clone()
			dirBefore := National.Version()
			first := assess(t, s.answers)
			for range 20 {
				again := assess(t, s.answers)
				if !reflect.DeepEqual(first, again) {
					t.Fatalf("Assess gave different results:\n%+v\n%+v", first, again)
				}
			}
			if !reflect.DeepEqual(before, s.answers) {
				t.Errorf("Assess changed the answers:\nbefore %v\nafter  %v", before, s.answers)
			}
			if National.Version() != dirBefore {
				t.Error("Assess changed the directory")
			}
			if first.InstrumentVersion != V1.Version || first.DirectoryVersion != National.Version() {
				t.Errorf("result versions %q, %q; want %q, %q", first.InstrumentVersion, first.DirectoryVersion, V1.Version, National.Version())
			}
		})
	}
}

func TestAssessRefusesInvalidAnswers(t *testing.T) {
	for _, a := range []Answers{
		with(Answers{LinkDevices: nil}),
		with(Answers{LinkDevices: {DevNone, DevSmartphone}}),
		with(Answers{LinkLanguage: {"Polish"}}),
		with(Answers{"made.up": {"x"}}),
	} {
		if res, err := V1.Assess(a, National); err == nil {
			t.Errorf("Assess(%v) = %+v, want an error", a, res.Recommendation)
		}
	}
}

// TestSkippedQuestionsThatCouldOpenAReferralAreNamed: when the optional
// questions were skipped, the result names the unanswered question that
// stands between the patient and a programme for one of their barriers,
// and never one the patient answered (even "prefer not to say").
func TestSkippedQuestionsThatCouldOpenAReferralAreNamed(t *testing.T) {
	noAccess := Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkAfford: {"often"}}
	asks := func(rec Recommendation) map[string][]string {
		out := map[string][]string{}
		for _, a := range rec.AskAbout {
			out[a.LinkID] = a.Programmes
		}
		return out
	}
	tests := []struct {
		name    string
		change  Answers
		ask     []string // linkIds that must be asked about
		notAsk  []string
		because string // a programme the benefits question would open
	}{
		{"equity skipped, access barrier", noAccess, []string{LinkBenefits, LinkAgeBand, LinkDisability}, nil, "National Databank (Good Things Foundation)"},
		{"benefits answered no", merge(noAccess, Answers{LinkBenefits: {No}}), []string{LinkAgeBand}, []string{LinkBenefits}, ""},
		{"benefits not stated", merge(noAccess, Answers{LinkBenefits: {PreferNotSay}}), nil, []string{LinkBenefits}, ""},
		{"benefits yes: referred, nothing to ask", merge(noAccess, Answers{LinkBenefits: {Yes}, LinkAgeBand: {"75+"}}), nil, []string{LinkBenefits, LinkAgeBand, LinkDisability}, ""},
		{"no barrier: nothing to ask", nil, nil, []string{LinkBenefits, LinkAgeBand, LinkDisability}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := asks(assess(t, with(tt.change)).Recommendation)
			for _, l := range tt.ask {
				if _, ok := got[l]; !ok {
					t.Errorf("%s not asked about: %v", l, got)
				}
			}
			for _, l := range tt.notAsk {
				if _, ok := got[l]; ok {
					t.Errorf("%s asked about: %v", l, got[l])
				}
			}
			if tt.because != "" && !slices.Contains(got[LinkBenefits], tt.because) {
				t.Errorf("benefits question does not name %q: %v", tt.because, got[LinkBenefits])
			}
		})
	}
}

func merge(a, b Answers) Answers {
	out := a.Clone()
	for k, v := range b {
		out[k] = v
	}
	return out
}
