package questionnaire

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// includedV2 is a version 2 patient with no barrier, no needs, no contact
// requirement and no preference.
func includedV2() Answers {
	return Answers{
		LinkDevices:       {DevSmartphone},
		LinkInternet:      {NetHome},
		LinkAfford:        {"never"},
		LinkTasks:         {TaskText, TaskEmail, TaskApp, TaskLogin, TaskForm, TaskVideo},
		LinkHelp:          {HelpNotNeeded},
		LinkNHSApp:        {AppNo},
		LinkTechAccess:    {TechNone},
		LinkWant:          {Yes},
		LinkWorry:         {"not"},
		LinkBadExperience: {No},
		LinkCommNeeds:     {NeedNone},
		LinkReadingHelp:   {ReadNever},
		LinkContactNeeds:  {ContactNone},
		LinkContactAvoid:  {AvoidNone},
		LinkChoice:        {ChoiceNone},
		LinkRespondent:    {RespondentPatient},
	}
}

func withV2(change Answers) Answers {
	a := includedV2()
	for k, v := range change {
		if v == nil {
			delete(a, k)
			continue
		}
		a[k] = v
	}
	return a
}

func assessV2(t *testing.T, a Answers, svc Services) Result {
	t.Helper()
	res, err := V2.AssessWith(a, National, svc)
	if err != nil {
		t.Fatalf("answers do not validate: %v\nanswers: %v", err, a)
	}
	return res
}

func codes(as []Adjustment) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Code)
	}
	return out
}

// TestV2ReadingHelpSometimesIsAPositiveScreen (defect 1): the single-item
// literacy screener counts sometimes, often and always as positive. At
// the boundary, rarely asks for nothing and sometimes asks for a check of
// understanding; often and always keep version 1's stronger adjustment,
// with the check beside it while a written route remains.
func TestV2ReadingHelpSometimesIsAPositiveScreen(t *testing.T) {
	for _, tc := range []struct {
		answer string
		want   string // adjustment code, or ""
	}{
		{ReadNever, ""},
		{ReadRarely, ""},
		{ReadSometimes, "check-understanding"},
		{ReadOften, "reading-help"},
		{ReadAlways, "reading-help"},
	} {
		res := assessV2(t, withV2(Answers{LinkReadingHelp: {tc.answer}}), Services{})
		got := codes(res.Recommendation.Adjustments)
		hasCheck, hasHelp := slices.Contains(got, "check-understanding"), slices.Contains(got, "reading-help")
		switch tc.want {
		case "":
			if hasCheck || hasHelp {
				t.Errorf("reading help %s: adjustments %v, want none for reading", tc.answer, got)
			}
		case "check-understanding":
			if !hasCheck || hasHelp {
				t.Errorf("reading help %s: adjustments %v, want a check of understanding", tc.answer, got)
			}
		case "reading-help":
			// A letter remains the fallback, so what is written is
			// also checked (TestV2ReadingHelpWithNoCallNorCarerIsToldInPerson).
			if !hasHelp || !hasCheck {
				t.Errorf("reading help %s: adjustments %v, want reading help and a check of understanding", tc.answer, got)
			}
		}
	}
	// Version 1 is unchanged: sometimes asks for nothing there.
	res := assess(t, with(Answers{LinkReadingHelp: {ReadSometimes}}))
	if _, ok := adjustment(res.Recommendation, "check-understanding"); ok {
		t.Error("version 1's rules changed: sometimes now adjusts a v1 record")
	}
}

// TestV2AppRouteNeedsTheAppSkill (defect 2): the NHS App needs the patient
// to use an app and to log in with a code, or to use the NHS App already.
func TestV2AppRouteNeedsTheAppSkill(t *testing.T) {
	for _, tc := range []struct {
		name  string
		tasks []string
		app   []string
		want  bool
	}{
		{"every task", tasksExcept(), []string{AppNo}, true},
		{"cannot use an app", tasksExcept(TaskApp), []string{AppNo}, false},
		{"cannot log in with a code", tasksExcept(TaskLogin), []string{AppNo}, false},
		{"cannot use an app but uses the NHS App", tasksExcept(TaskApp), []string{AppSelf}, true},
		{"uses it only as someone's proxy", tasksExcept(TaskApp), []string{AppProxy}, false},
	} {
		res := assessV2(t, withV2(Answers{LinkTasks: tc.tasks, LinkNHSApp: tc.app}), Services{})
		if c := routeCheck(t, res.Recommendation, RouteApp); c.Possible != tc.want {
			t.Errorf("%s: NHS App possible = %v (%s), want %v", tc.name, c.Possible, c.Reason, tc.want)
		}
		if tc.want != (res.Recommendation.Primary == RouteApp) {
			t.Errorf("%s: primary %s", tc.name, res.Recommendation.Primary)
		}
	}
	// Version 1 still offers the App without the app skill.
	res := assess(t, with(Answers{LinkTasks: tasksExcept(TaskApp)}))
	if res.Recommendation.Primary != RouteApp {
		t.Error("version 1's rules changed: the App route now reads the app skill")
	}
}

// TestV2FormsAndVideoSkillsFeedWhatTheyShould (defect 2): a patient who
// cannot fill in a form online is not sent online forms alone; a video
// consultation, where the service offers one, needs the video skill.
func TestV2FormsAndVideoSkillsFeedWhatTheyShould(t *testing.T) {
	for _, tc := range []struct {
		name      string
		tasks     []string
		svc       Services
		forms     bool
		video     bool // possible, where offered
		videoShow bool
	}{
		{"every task, video offered", tasksExcept(), Services{Video: true}, false, true, true},
		{"no forms", tasksExcept(TaskForm), Services{Video: true}, true, true, true},
		{"no video call", tasksExcept(TaskVideo), Services{Video: true}, false, false, true},
		{"video not offered", tasksExcept(), Services{}, false, false, false},
	} {
		rec := assessV2(t, withV2(Answers{LinkTasks: tc.tasks}), tc.svc).Recommendation
		if _, ok := adjustment(rec, "forms-help"); ok != tc.forms {
			t.Errorf("%s: forms help = %v, want %v", tc.name, ok, tc.forms)
		}
		if (rec.Video != nil) != tc.videoShow {
			t.Fatalf("%s: video check shown = %v, want %v", tc.name, rec.Video != nil, tc.videoShow)
		}
		if rec.Video != nil && rec.Video.Possible != tc.video {
			t.Errorf("%s: video possible = %v (%s), want %v", tc.name, rec.Video.Possible, rec.Video.Reason, tc.video)
		}
	}
	// Forms help is for a digital main route only: a phone call needs none.
	rec := assessV2(t, withV2(Answers{LinkTasks: tasksExcept(TaskForm), LinkChoice: {string(RoutePhone)}}), Services{}).Recommendation
	if _, ok := adjustment(rec, "forms-help"); ok || rec.Primary != RoutePhone {
		t.Errorf("phone chosen: primary %s, forms help %v", rec.Primary, ok)
	}
}

// TestV2AnExplicitChoiceOfTheAppIsHonouredAgainstWorry (defect 3): with a
// significant trust barrier the App is not offered by default (the trust
// rule stands), but an explicit choice of it that is otherwise possible is
// honoured, with reassurance, no links by text and online-safety help.
func TestV2AnExplicitChoiceOfTheAppIsHonouredAgainstWorry(t *testing.T) {
	for _, tc := range []struct {
		name        string
		worry       string
		choice      string
		tasks       []string
		wantPrimary Route
		reassure    bool
	}{
		{"worry below the threshold, no choice", "a-little", ChoiceNone, tasksExcept(), RouteApp, false},
		{"very worried, no choice: trust rule", "very", ChoiceNone, tasksExcept(), RouteSMS, false},
		{"very worried, chose the App", "very", string(RouteApp), tasksExcept(), RouteApp, true},
		{"very worried, chose the App, cannot log in", "very", string(RouteApp), tasksExcept(TaskLogin), RouteSMS, false},
		{"a little worried, chose the App", "a-little", string(RouteApp), tasksExcept(), RouteApp, false},
	} {
		rec := assessV2(t, withV2(Answers{LinkWorry: {tc.worry}, LinkBadExperience: {"not-put-off"}, LinkChoice: {tc.choice}, LinkTasks: tc.tasks}), Services{}).Recommendation
		if rec.Primary != tc.wantPrimary {
			t.Errorf("%s: primary %s (%s), want %s", tc.name, rec.Primary, rec.PrimaryReason, tc.wantPrimary)
		}
		adj, ok := adjustment(rec, "app-reassurance")
		if ok != tc.reassure {
			t.Errorf("%s: reassurance = %v, want %v", tc.name, ok, tc.reassure)
		}
		if ok {
			for _, words := range []string{"reassure", "never send them links by text", "online-safety help"} {
				if !strings.Contains(adj.Text, words) {
					t.Errorf("%s: adjustment %q does not say %q", tc.name, adj.Text, words)
				}
			}
			if !rec.ChoiceHonoured {
				t.Errorf("%s: choice not marked honoured", tc.name)
			}
		}
	}
	// Version 1 still overrides the choice.
	res := assess(t, with(Answers{LinkWorry: {"very"}, LinkBadExperience: {"not-put-off"}, LinkChoice: {string(RouteApp)}}))
	if res.Recommendation.Primary == RouteApp {
		t.Error("version 1's rules changed: a v1 App choice now beats the trust rule")
	}
}

// TestV2NotGettingOnlineIsSignificant (defect 4): "I do not get online"
// scores 4, the significant threshold, so with a smartphone it is a
// significant access barrier; just below, only public wifi with data short
// now and then (3) is some barrier, and with data often short (4) is
// significant.
func TestV2NotGettingOnlineIsSignificant(t *testing.T) {
	for _, tc := range []struct {
		name   string
		net    []string
		afford string
		score  int
		want   Band
	}{
		{"smartphone, does not get online", []string{NetNone}, "never", 4, SignificantBarrier},
		{"smartphone, public wifi, short sometimes", []string{NetPublic}, "sometimes", 3, SomeBarrier},
		{"smartphone, public wifi, short often", []string{NetPublic}, "often", 4, SignificantBarrier},
		{"smartphone, home internet", []string{NetHome}, "never", 0, NoBarrier},
	} {
		a := withV2(Answers{LinkInternet: tc.net, LinkAfford: {tc.afford}})
		if got := V2.Scores(a)[Access]; got != tc.score {
			t.Errorf("%s: access score %d, want %d", tc.name, got, tc.score)
		}
		if got := assessV2(t, a, Services{}).Bands.Access; got != tc.want {
			t.Errorf("%s: access %s, want %s", tc.name, got, tc.want)
		}
	}
	// Version 1 keeps its score: some barrier.
	if b := assess(t, with(Answers{LinkInternet: {NetNone}})).Bands.Access; b != SomeBarrier {
		t.Errorf("version 1's bands changed: %s", b)
	}
}

// TestV2ContactRequirementsRuleRoutesOut (defect 5): a way the patient must
// not be contacted is ruled out whatever their choice, and a way they must
// be contacted comes first, apart from the preference.
func TestV2ContactRequirementsRuleRoutesOut(t *testing.T) {
	for _, tc := range []struct {
		name         string
		change       Answers
		wantPrimary  Route
		wantFallback Route
		honoured     bool
	}{
		{"no requirement, chose phone", Answers{LinkChoice: {string(RoutePhone)}}, RoutePhone, RouteLetter, true},
		{"not by phone, no choice", Answers{LinkContactAvoid: {AvoidPhone}}, RouteApp, RouteLetter, false},
		{"not by phone, nothing digital", Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}, LinkContactAvoid: {AvoidPhone}, LinkTelecare: {No}}, RouteLetter, RouteInPerson, false},
		{"must be by letter, chose the App", Answers{LinkChoice: {string(RouteApp)}, LinkContactNeeds: {ContactLetter}}, RouteLetter, RoutePhone, false},
		{"must be by letter, chose letter", Answers{LinkChoice: {string(RouteLetter)}, LinkContactNeeds: {ContactLetter}}, RouteLetter, RoutePhone, true},
		{"must be by text, not by phone", Answers{LinkContactNeeds: {ContactSMS}, LinkContactAvoid: {AvoidPhone}}, RouteSMS, RouteLetter, false},
		{"not by letter nor phone", Answers{LinkContactAvoid: {AvoidPhone, AvoidLetter}}, RouteApp, RouteInPerson, false},
	} {
		rec := assessV2(t, withV2(tc.change), Services{}).Recommendation
		if rec.Primary != tc.wantPrimary || rec.Fallback != tc.wantFallback || rec.ChoiceHonoured != tc.honoured {
			t.Errorf("%s: %s / %s honoured %v (%s; %s), want %s / %s honoured %v", tc.name, rec.Primary, rec.Fallback,
				rec.ChoiceHonoured, rec.PrimaryReason, rec.ChoiceNote, tc.wantPrimary, tc.wantFallback, tc.honoured)
		}
		for _, avoid := range tc.change[LinkContactAvoid] {
			r := map[string]Route{AvoidPhone: RoutePhone, AvoidLetter: RouteLetter}[avoid]
			if c := routeCheck(t, rec, r); c.Possible {
				t.Errorf("%s: %s still possible", tc.name, r)
			}
		}
	}
}

// TestV2HelpAnswersAreApart (defect 6): "I need no help" and "nobody
// helps me" are different answers, the second asking for one-to-one help;
// and wanting to go online with some help is no motivation barrier, while
// not being sure is some.
func TestV2HelpAnswersAreApart(t *testing.T) {
	for _, tc := range []struct {
		help     string
		noHelper bool
	}{
		{HelpNotNeeded, false},
		{HelpNobody, true},
		{HelpSome, false},
	} {
		rec := assessV2(t, withV2(Answers{LinkHelp: {tc.help}}), Services{}).Recommendation
		if _, ok := adjustment(rec, "no-helper"); ok != tc.noHelper {
			t.Errorf("help %s: one-to-one help = %v, want %v", tc.help, ok, tc.noHelper)
		}
	}
	for _, tc := range []struct {
		want string
		band Band
	}{
		{Yes, NoBarrier},
		{"with-help", NoBarrier},
		{WantNotSure, SomeBarrier},
		{No, SignificantBarrier},
	} {
		if b := assessV2(t, withV2(Answers{LinkWant: {tc.want}}), Services{}).Bands.Motivation; b != tc.band {
			t.Errorf("wants online %s: motivation %s, want %s", tc.want, b, tc.band)
		}
	}
	if b := assess(t, with(Answers{LinkWant: {"with-help"}})).Bands.Motivation; b != SomeBarrier {
		t.Errorf("version 1's bands changed: with help is %s", b)
	}
}

// TestV2ProxyAccessOnlyWithTheSafeguardingCheck (defect 7): proxy access
// is suggested only where a carer is involved, and always says to check
// first, with the patient alone, that no one is pressing them.
func TestV2ProxyAccessOnlyWithTheSafeguardingCheck(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change Answers
		want   bool
	}{
		{"no carer", Answers{}, false},
		{"someone helps now and then", Answers{LinkHelp: {HelpSome}}, false},
		{"someone does most things", Answers{LinkHelp: {HelpCarer}}, true},
		{"must be contacted through a carer", Answers{LinkContactNeeds: {ContactCarer}}, true},
	} {
		rec := assessV2(t, withV2(tc.change), Services{}).Recommendation
		adj, ok := adjustment(rec, "proxy-access")
		if ok != tc.want {
			t.Errorf("%s: proxy access = %v, want %v", tc.name, ok, tc.want)
		}
		if ok && !(strings.Contains(adj.Text, "with the patient alone") && strings.Contains(adj.Text, "no one is pressing them")) {
			t.Errorf("%s: proxy access without the safeguarding check: %q", tc.name, adj.Text)
		}
	}
}

// TestV2InPersonWhereEveryRemoteRouteFails: in person is the route where
// no remote route is possible, and where information must be told and no
// phone can be used.
func TestV2InPersonWhereEveryRemoteRouteFails(t *testing.T) {
	for _, tc := range []struct {
		name        string
		change      Answers
		wantPrimary Route
	}{
		{"told, not written, with a phone", Answers{LinkCommNeeds: {NeedVerbal}}, RoutePhone},
		{"told, not written, no phone", Answers{LinkCommNeeds: {NeedVerbal}, LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}}, RouteInPerson},
		{"told, not written, not by phone", Answers{LinkCommNeeds: {NeedVerbal}, LinkContactAvoid: {AvoidPhone}}, RouteInPerson},
		{"screen reader, no phone, offline", Answers{LinkCommNeeds: {NeedScreenRead}, LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}}, RouteInPerson},
	} {
		rec := assessV2(t, withV2(tc.change), Services{}).Recommendation
		if rec.Primary != tc.wantPrimary {
			t.Errorf("%s: primary %s (%s), want %s", tc.name, rec.Primary, rec.PrimaryReason, tc.wantPrimary)
		}
		if rec.Fallback.Digital() {
			t.Errorf("%s: digital fallback %s", tc.name, rec.Fallback)
		}
	}
}

// TestV2LandlineSwitchover: a patient with a landline is pointed to
// switchover support, and one with a care alarm on it (or not sure) is
// asked to have the alarm checked.
func TestV2LandlineSwitchover(t *testing.T) {
	for _, tc := range []struct {
		name                string
		change              Answers
		switchover, telecar bool
	}{
		{"smartphone only", Answers{}, false, false},
		{"landline, no alarm", Answers{LinkDevices: {DevLandline}, LinkTelecare: {No}}, true, false},
		{"landline, alarm", Answers{LinkDevices: {DevLandline}, LinkTelecare: {Yes}}, true, true},
		{"landline, not sure", Answers{LinkDevices: {DevLandline}, LinkTelecare: {NotSure}}, true, true},
	} {
		rec := assessV2(t, withV2(tc.change), Services{}).Recommendation
		sw, ok := adjustment(rec, "switchover")
		if ok != tc.switchover {
			t.Errorf("%s: switchover = %v", tc.name, ok)
		}
		if ok && !strings.Contains(sw.Text, "31 January 2027") {
			t.Errorf("%s: switchover without its date: %q", tc.name, sw.Text)
		}
		if _, ok := adjustment(rec, "telecare"); ok != tc.telecar {
			t.Errorf("%s: telecare = %v", tc.name, ok)
		}
	}
	if err := V2.Validate(withV2(Answers{LinkDevices: {DevLandline}})); err == nil {
		t.Error("a landline with the care alarm question unanswered validates")
	}
}

// TestV2CodedNeeds: each coded need and contact requirement carries its
// concept from the codes table, and one with no published concept carries
// none.
func TestV2CodedNeeds(t *testing.T) {
	a := withV2(Answers{
		LinkCommNeeds:    {NeedLargePrint, NeedInterpreter, NeedScreenRead},
		LinkPrintSize:    {"24"},
		LinkLanguageCode: {"pl"},
		LinkTranslated:   {Yes},
		LinkContactNeeds: {ContactLetter, ContactCarer},
		LinkContactAvoid: {AvoidPhone},
		LinkHelp:         {HelpCarer},
	})
	rec := assessV2(t, a, Services{}).Recommendation
	want := []struct{ key, code string }{
		{ConceptNeedsAssessment, "1053561000000108"},
		{ConceptLargePrint24, "957351000000102"},
		{"interpreter-polish", "203901000000102"},
		{"translated-information", ""},
		{"screen-reader", ""},
		{ConceptContactLetter, "936721000000107"},
		{ConceptContactCarer, "719561001"},
		{"not-by-phone", ""},
	}
	if len(rec.Needs) != len(want) {
		t.Fatalf("needs %+v, want %d", rec.Needs, len(want))
	}
	for i, w := range want {
		n := rec.Needs[i]
		if n.Key != w.key || n.Code != w.code {
			t.Errorf("need %d: %s %s, want %s %s", i, n.Key, n.Code, w.key, w.code)
		}
		if c, ok := ConceptFor(n.Key); ok && (c.Code != n.Code || c.Term != n.Term) {
			t.Errorf("need %s: %s %q, but the table says %s %q", n.Key, n.Code, n.Term, c.Code, c.Term)
		}
	}
	// Another language is coded with the language-neutral concept.
	rec = assessV2(t, withV2(Answers{LinkCommNeeds: {NeedInterpreter}, LinkLanguageCode: {LanguageOther}, LinkLanguage: {"Tigrinya"}, LinkTranslated: {No}}), Services{}).Recommendation
	if n := rec.Needs[1]; n.Key != "interpreter-tigrinya" || n.Code != "204171000000106" {
		t.Errorf("another language with a concept: %+v", n)
	}
	rec = assessV2(t, withV2(Answers{LinkCommNeeds: {NeedInterpreter}, LinkLanguageCode: {LanguageOther}, LinkLanguage: {"Wolof"}, LinkTranslated: {No}}), Services{}).Recommendation
	if n := rec.Needs[1]; n.Key != ConceptInterpreter || n.Text != "Interpreter: Wolof" {
		t.Errorf("another language with no concept: %+v", n)
	}
}

// TestV2LanguagesEachHaveAConcept: every language the instrument offers by
// name has its own "interpreter needed" concept.
func TestV2LanguagesEachHaveAConcept(t *testing.T) {
	it, _ := V2.Item(LinkLanguageCode)
	for _, o := range it.Options {
		if o.Code == LanguageOther {
			continue
		}
		if _, ok := ConceptFor(InterpreterKey(o.Text)); !ok {
			t.Errorf("language %s has no concept", o.Text)
		}
	}
}

// TestV2KeepsVersion1sLinkIdsForTheSameQuestions: a linkId of version 1
// that version 2 asks is the same question (its text), never another.
func TestV2KeepsVersion1sLinkIdsForTheSameQuestions(t *testing.T) {
	for _, it := range V1.Items() {
		it2, ok := V2.Item(it.LinkID)
		if !ok {
			continue
		}
		if it.LinkID == LinkLanguage {
			continue // the typed language: every language in v1, "another language" in v2
		}
		if it2.Text != it.Text {
			t.Errorf("%s: %q in v1, %q in v2", it.LinkID, it.Text, it2.Text)
		}
	}
}

// TestV2ReferralsAreRankedAndOnlyThoseThePatientCanUse: version 2 ranks
// its referrals (help with a care alarm at the switchover first, a safety
// need; then device before data before skills before support, each with
// the reason for its place), never offers an online-only programme to
// a patient who cannot get online, and offers help for sight loss or the
// switchover only to those they are for.
func TestV2ReferralsAreRankedAndOnlyThoseThePatientCanUse(t *testing.T) {
	offline := Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}, LinkTelecare: {Yes},
		LinkAgeBand: {"75+"}, LinkBenefits: {Yes}}
	for _, tc := range []struct {
		name        string
		change      Answers
		has, hasNot []string
		first       string
	}{
		{"offline, landline, care alarm", offline,
			[]string{"national-device-bank", "digital-phone-switchover"}, []string{"learn-my-way", "get-safe-online"}, "digital-phone-switchover"},
		{"offline, with sight loss", merge(offline, Answers{LinkTechAccess: {TechSight}}),
			[]string{"rnib-sight-loss-advice"}, []string{"learn-my-way"}, "digital-phone-switchover"},
		{"online, skills barrier, nothing hard to use", Answers{LinkTasks: {TaskText}},
			[]string{"learn-my-way"}, []string{"rnib-sight-loss-advice", "digital-phone-switchover"}, ""},
	} {
		rec := assessV2(t, withV2(tc.change), Services{}).Recommendation
		ids := referralIDs(rec)
		for _, id := range tc.has {
			if !slices.Contains(ids, id) {
				t.Errorf("%s: %s not offered: %v", tc.name, id, ids)
			}
		}
		for _, id := range tc.hasNot {
			if slices.Contains(ids, id) {
				t.Errorf("%s: %s offered: %v", tc.name, id, ids)
			}
		}
		if tc.first != "" && (len(ids) == 0 || ids[0] != tc.first) {
			t.Errorf("%s: ranked first %v, want %s", tc.name, ids, tc.first)
		}
		for i, r := range rec.Referrals {
			if !strings.Contains(r.Reason, "Ranked "+strconv.Itoa(i+1)+" of ") {
				t.Errorf("%s: referral %d (%s) gives no reason for its place: %q", tc.name, i+1, r.ProgrammeID, r.Reason)
			}
		}
	}
}

// TestV2AccessibilitySettingsOnlyWithADevice: what makes technology hard
// to use asks for help with a device's settings only where the patient has
// a device; the circumstance still counts for referrals either way.
func TestV2AccessibilitySettingsOnlyWithADevice(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change Answers
		want   bool
	}{
		{"smartphone, nothing hard", Answers{}, false},
		{"smartphone, sight", Answers{LinkTechAccess: {TechSight}}, true},
		{"basic mobile, hands", Answers{LinkDevices: {DevBasicMob}, LinkTechAccess: {TechHands}}, true},
		{"no device, sight", Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkTechAccess: {TechSight}}, false},
	} {
		rec := assessV2(t, withV2(tc.change), Services{}).Recommendation
		if _, ok := adjustment(rec, "tech-access"); ok != tc.want {
			t.Errorf("%s: settings help = %v, want %v", tc.name, ok, tc.want)
		}
	}
	if p := patientFactsV2(withV2(Answers{LinkDevices: {DevNone}, LinkTechAccess: {TechSight, TechMemory}})); !slices.Equal(p.Circumstances, []string{ForSight, ForMemory}) {
		t.Errorf("circumstances %v", p.Circumstances)
	}
}

// TestV2ReadingHelpWithNoCallNorCarerIsToldInPerson (hazard H1): a patient
// who needs help reading often or always, and can be neither called nor
// told through a carer, is told in person first, with a letter as the
// fallback only with a check of understanding; whether they chose a
// written route or not. At each boundary: reading help sometimes keeps the
// written route; a possible call or carer is used instead; a written way
// they must be contacted by still comes first.
func TestV2ReadingHelpWithNoCallNorCarerIsToldInPerson(t *testing.T) {
	noCall := Answers{LinkContactAvoid: {AvoidPhone}}
	add := func(base Answers, more Answers) Answers {
		out := Answers{}
		for k, v := range base {
			out[k] = v
		}
		for k, v := range more {
			out[k] = v
		}
		return out
	}
	for _, tc := range []struct {
		name              string
		change            Answers
		primary, fallback Route
		checkUnderstood   bool
	}{
		{"sometimes, not by phone, no carer", add(noCall, Answers{LinkReadingHelp: {ReadSometimes}}), RouteApp, RouteLetter, true},
		// A check of understanding holds while any written route, main
		// or fallback, remains: a letter behind a call is still read.
		{"often, a call possible", Answers{LinkReadingHelp: {ReadOften}}, RoutePhone, RouteLetter, true},
		{"always, a call possible", Answers{LinkReadingHelp: {ReadAlways}}, RoutePhone, RouteLetter, true},
		{"often, a call possible, not by letter", Answers{LinkReadingHelp: {ReadOften}, LinkContactAvoid: {AvoidLetter}}, RoutePhone, RouteInPerson, false},
		{"rarely, the NHS App", Answers{LinkReadingHelp: {ReadRarely}}, RouteApp, RoutePhone, false},
		{"often, not by phone, no carer", add(noCall, Answers{LinkReadingHelp: {ReadOften}}), RouteInPerson, RouteLetter, true},
		{"always, not by phone, no carer", add(noCall, Answers{LinkReadingHelp: {ReadAlways}}), RouteInPerson, RouteLetter, true},
		{"always, no phone of their own, no carer", Answers{LinkReadingHelp: {ReadAlways}, LinkDevices: {DevComputer}}, RouteInPerson, RouteLetter, true},
		{"always, not by phone, a carer", add(noCall, Answers{LinkReadingHelp: {ReadAlways}, LinkHelp: {HelpCarer}}), RouteCarer, RouteLetter, true},
		{"always, not by phone, a carer, not by letter", add(noCall, Answers{LinkReadingHelp: {ReadAlways}, LinkHelp: {HelpCarer}, LinkContactAvoid: {AvoidPhone, AvoidLetter}}), RouteCarer, RouteInPerson, false},
		{"always, not by phone, no carer, does not want to go online", add(noCall, Answers{LinkReadingHelp: {ReadAlways}, LinkWant: {No}}), RouteInPerson, RouteLetter, true},
		{"always, not by phone, no carer, chose the App", add(noCall, Answers{LinkReadingHelp: {ReadAlways}, LinkChoice: {string(RouteApp)}}), RouteInPerson, RouteLetter, true},
		{"sometimes, not by phone, no carer, chose the App", add(noCall, Answers{LinkReadingHelp: {ReadSometimes}, LinkChoice: {string(RouteApp)}}), RouteApp, RouteLetter, true},
		{"always, not by phone, no carer, not by letter", Answers{LinkReadingHelp: {ReadAlways}, LinkContactAvoid: {AvoidPhone, AvoidLetter}}, RouteInPerson, RouteInPerson, false},
		{"always, not by phone, no carer, must be by letter", add(noCall, Answers{LinkReadingHelp: {ReadAlways}, LinkContactNeeds: {ContactLetter}}), RouteLetter, RouteInPerson, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := assessV2(t, withV2(tc.change), Services{}).Recommendation
			if rec.Primary != tc.primary || rec.Fallback != tc.fallback {
				t.Fatalf("%s / %s (%s; fallback: %s; note: %s), want %s / %s", rec.Primary, rec.Fallback,
					rec.PrimaryReason, rec.FallbackReason, rec.ChoiceNote, tc.primary, tc.fallback)
			}
			if _, ok := adjustment(rec, "check-understanding"); ok != tc.checkUnderstood {
				t.Errorf("check of understanding %v, want %v: %v", ok, tc.checkUnderstood, codes(rec.Adjustments))
			}
			if rec.Primary != RouteInPerson || rec.Fallback != RouteLetter {
				return
			}
			if !strings.Contains(rec.PrimaryReason, "needs help reading NHS letters") || !strings.Contains(rec.PrimaryReason, "written route is the fallback only") {
				t.Errorf("primary reason does not say why: %q", rec.PrimaryReason)
			}
			if !strings.Contains(rec.FallbackReason, "check they have understood it") {
				t.Errorf("fallback reason does not ask for a check of understanding: %q", rec.FallbackReason)
			}
			if c := tc.change[LinkChoice]; len(c) > 0 && c[0] == string(RouteApp) && !strings.Contains(rec.ChoiceNote, "send the NHS App message as well") {
				t.Errorf("choice note %q does not name the NHS App message", rec.ChoiceNote)
			}
			if c := tc.change[LinkChoice]; len(c) > 0 && (rec.ChoiceHonoured || !strings.Contains(rec.ChoiceNote, "tell them in person first")) {
				t.Errorf("choice %v: honoured %v, note %q", c, rec.ChoiceHonoured, rec.ChoiceNote)
			}
		})
	}
}
