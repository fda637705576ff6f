package questionnaire

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// subsets is every answer a multiple-choice item allows: each exclusive
// option alone, and every non-empty set of the others, from the
// instrument's own options (none hand-picked).
func subsets(it *Item) [][]string {
	var out [][]string
	var rest []string
	for _, o := range it.Options {
		if o.Exclusive {
			out = append(out, []string{o.Code})
			continue
		}
		rest = append(rest, o.Code)
	}
	for m := 1; m < 1<<len(rest); m++ {
		var s []string
		for i, c := range rest {
			if m&(1<<i) != 0 {
				s = append(s, c)
			}
		}
		out = append(out, s)
	}
	return out
}

// answerAsked fills every question the answers now ask and leave
// unanswered (the print size, the language, a care alarm) with its first
// option, or its last where last is set, and drops answers to questions
// no longer asked, so that each combination is a set of answers a clinician
// could save. It reports whether it chose an option anywhere.
func answerAsked(ins *Instrument, a Answers, last bool) (Answers, bool) {
	chose := false
	for range 3 { // a question asked may ask another (the other language)
		for _, it := range ins.Items() {
			switch {
			case !it.Enabled(a):
				delete(a, it.LinkID)
			case len(a[it.LinkID]) > 0 || !it.Required:
			case it.Type == Text:
				a[it.LinkID] = []string{"Kurdish"}
			case last:
				a[it.LinkID], chose = []string{it.Options[len(it.Options)-1].Code}, true
			default:
				a[it.LinkID], chose = []string{it.Options[0].Code}, true
			}
		}
	}
	return a, chose
}

// routeWords are the words of an adjustment that send staff to a route:
// at least one of the routes must be possible for the patient, or the
// adjustment asks for what the rest of the result rules out. "Send" is
// post, as the adjustments use it: what is given by hand says "give" ("do
// not post it"); a call to the carer is not a call to the patient.
var routeWords = []struct {
	words  []string // lower case
	routes []Route
	what   string
}{
	{[]string{"send letters", "send information in easy read", "send written information", " point print as well"}, []Route{RouteLetter}, "a letter"},
	{[]string{"send documents"}, []Route{RouteEmail, RouteApp}, "email or the NHS App"},
	{[]string{"by phone", "on calls", "phone call"}, []Route{RoutePhone}, "a call"},
	{[]string{"contact by letter"}, []Route{RouteLetter}, "a letter"},
	{[]string{"contact by text message"}, []Route{RouteSMS}, "a text message"},
	{[]string{"contact by email"}, []Route{RouteEmail}, "an email"},
}

// contradiction is one part of a result that another part, or the
// patient's answers, rule out: what (the same for every patient it
// happens to) and the details of this patient's.
type contradiction struct{ what, detail string }

// contradictions lists each part of rec that its own route checks, or the
// patient's restrictions, rule out: a main route ruled out; a fallback that
// is digital, ruled out, or the main route again without saying there is
// no second one; a fallback reason that says no other route suits when one
// does; an adjustment that asks staff to use a route ruled out.
func contradictions(a Answers, rec Recommendation) []contradiction {
	var out []contradiction
	add := func(what, detail string) { out = append(out, contradiction{what, detail}) }
	check := func(r Route) RouteCheck {
		c, _ := possible(rec.Checks, r)
		return c
	}
	if c := check(rec.Primary); !c.Possible {
		add(fmt.Sprintf("main route %s is ruled out", rec.Primary), c.Reason)
	}
	restricted := func(r Route) bool {
		for code, avoided := range map[string]Route{AvoidPhone: RoutePhone, AvoidSMS: RouteSMS, AvoidEmail: RouteEmail, AvoidLetter: RouteLetter} {
			if avoided == r && a.Has(LinkContactAvoid, code) {
				return true
			}
		}
		return false
	}
	switch {
	case rec.Fallback.Digital():
		add(fmt.Sprintf("fallback %s is digital", rec.Fallback), rec.FallbackReason)
	case rec.Fallback == rec.Primary && !strings.HasPrefix(rec.FallbackReason, "no second non-digital route possible"):
		add(fmt.Sprintf("fallback %s is the main route again, and does not say there is no second route", rec.Fallback), rec.FallbackReason)
	case rec.Fallback == rec.Primary:
	case rec.FallbackToCarer && restricted(rec.Fallback):
		add(fmt.Sprintf("fallback %s to the carer is a way the patient must not be contacted", rec.Fallback), rec.FallbackReason)
	case !rec.FallbackToCarer && !check(rec.Fallback).Possible:
		add(fmt.Sprintf("fallback %s is ruled out", rec.Fallback), check(rec.Fallback).Reason)
	}
	// A reason that says no other route suits is true only where none
	// does; one that says no call or letter suits, only where neither
	// is possible or the main route.
	for _, claim := range []struct {
		reason, words string
		routes        []Route
	}{
		{rec.FallbackReason, "no route other than", Routes},
		{rec.PrimaryReason, "no remote route suits", Routes},
		{rec.FallbackReason, "no call or letter suits", []Route{RoutePhone, RouteLetter}},
		{rec.FallbackReason, "no second call or letter", []Route{RoutePhone, RouteLetter}},
	} {
		if !strings.Contains(claim.reason, claim.words) {
			continue
		}
		for _, r := range claim.routes {
			if c := check(r); c.Possible && r != rec.Primary && r != rec.Fallback && r != RouteInPerson {
				add(fmt.Sprintf("a reason says %q, but %s suits", claim.words, r), claim.reason+"; "+c.Reason)
			}
		}
	}
	for _, adj := range rec.Adjustments {
		// A restriction says what not to do.
		if a.Has(LinkContactAvoid, adj.Code) {
			continue
		}
		// A call to the carer is not one to the patient; a requirement
		// named with the check that rules it out is not an instruction.
		text := strings.ReplaceAll(strings.ToLower(adj.Text), "by phone to their carer", "")
		text = strings.ReplaceAll(text, "they must be contacted by phone, but", "")
		for _, w := range routeWords {
			if !slices.ContainsFunc(w.words, func(s string) bool { return strings.Contains(text, s) }) {
				continue
			}
			// A call to a patient who must be contacted through their
			// carer goes to the carer.
			if w.routes[0] == RoutePhone && check(RouteCarer).Possible && (a.Has(LinkContactNeeds, ContactCarer) || a.Has(LinkCommNeeds, NeedCarer)) {
				continue
			}
			if !slices.ContainsFunc(w.routes, func(r Route) bool { return check(r).Possible }) {
				var why []string
				for _, r := range w.routes {
					why = append(why, r.Title()+": "+check(r).Reason)
				}
				add(fmt.Sprintf("adjustment %s asks for %s", adj.Code, w.what), strings.Join(why, "; ")+": "+adj.Text)
			}
		}
	}
	return out
}

// contradictionPatients are the patients every combination of needs and
// restrictions is tried on: online and wanting it, online and not wanting
// it, a landline only, no device at all, a basic mobile that texts, help
// reading often, and a carer who does most things.
var contradictionPatients = map[string]Answers{
	"online, wants it":         {},
	"online, does not want":    {LinkWant: {No}},
	"landline only":            {LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}},
	"no device":                {LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}},
	"basic mobile, texts":      {LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}, LinkTasks: {TaskText}},
	"reads with help often":    {LinkReadingHelp: {ReadOften}},
	"a carer does most things": {LinkHelp: {HelpCarer}, LinkWant: {"with-help"}},
}

// knownCase is a contradiction left as it is, with why, and how the
// result says it so that nobody is misled: said must hold of every result
// that has it.
type knownCase struct {
	what, why string
	said      func(Recommendation) bool
}

// sweep assesses, with ins, every set of answers made from base, each
// patient and each change, the questions these answers ask answered with
// their first option and again with their last, and fails for each kind
// of contradiction found, with a patient it was found for, unless it is a
// known case that the result says. Answers that cannot stand together
// are refused before any result, and counted.
func sweep(t *testing.T, ins *Instrument, base func(Answers) Answers, changes []Answers, known ...knownCase) {
	t.Helper()
	if raceOn {
		// Thousands of results from one goroutine: the detector makes
		// it ten times slower and finds nothing the boundary tests,
		// run there, do not.
		t.Skip("a walk of thousands of answers: skipped under -race; `go test` runs it")
	}
	type seen struct {
		n               int
		patient, detail string
		unsaid          int
	}
	found := map[string]*seen{}
	var kinds []string
	tried, refused := 0, 0
	for _, name := range slices.Sorted(maps.Keys(contradictionPatients)) {
		for _, c := range changes {
			for _, last := range []bool{false, true} {
				a, chose := answerAsked(ins, base(merge(contradictionPatients[name], c)), last)
				if err := ins.Validate(a); err != nil {
					if ins.consistent(a, "") == nil {
						t.Fatalf("%s: the answers made are not valid: %v\n%v", name, err, a)
					}
					refused++
				} else {
					tried++
					// The directory is left out: referrals are not
					// routes, and the sweep stays quick.
					res, err := ins.Assess(a, Directory{})
					if err != nil {
						t.Fatal(err)
					}
					for _, c := range contradictions(a, res.Recommendation) {
						if found[c.what] == nil {
							kinds = append(kinds, c.what)
							found[c.what] = &seen{patient: fmt.Sprintf("%s; needs %v; must %v; must not %v", name, a[LinkCommNeeds], a[LinkContactNeeds], a[LinkContactAvoid]), detail: c.detail}
						}
						found[c.what].n++
						if k := slices.IndexFunc(known, func(k knownCase) bool { return k.what == c.what }); k >= 0 && !known[k].said(res.Recommendation) {
							found[c.what].unsaid++
						}
					}
				}
				if !chose {
					break
				}
			}
		}
	}
	t.Logf("version %s: %d sets of answers assessed, %d refused as answers that cannot stand together", ins.Version, tried, refused)
	for _, k := range kinds {
		f := found[k]
		i := slices.IndexFunc(known, func(c knownCase) bool { return c.what == k })
		switch {
		case i < 0:
			t.Errorf("%s (%d sets of answers), e.g. %s:\n\t%s", k, f.n, f.patient, f.detail)
		case f.unsaid > 0:
			t.Errorf("known case %s is not said in %d of %d results, e.g. %s:\n\t%s", k, f.unsaid, f.n, f.patient, f.detail)
		default:
			t.Logf("known case: %s (%d sets of answers, e.g. %s): %s", k, f.n, f.patient, known[i].why)
		}
	}
	for _, k := range known {
		if found[k.what] == nil {
			t.Errorf("known case %q no longer happens: take it out here, and out of the hazard log", k.what)
		}
	}
}

// TestNoV2ResultContradictsItself walks every combination of version 2's
// communication needs and "must not be contacted" answers, and each
// contact requirement beside every restriction and each need, from the
// instrument's own options, for each of a few patients, through the
// result, and finds no part that another part rules out.
func TestNoV2ResultContradictsItself(t *testing.T) {
	needs, requires, avoid := mustItemV2(t, LinkCommNeeds), mustItemV2(t, LinkContactNeeds), mustItemV2(t, LinkContactAvoid)
	var changes []Answers
	for _, n := range subsets(needs) {
		for _, v := range subsets(avoid) {
			changes = append(changes, Answers{LinkCommNeeds: n, LinkContactNeeds: {ContactNone}, LinkContactAvoid: v})
		}
	}
	for _, r := range subsets(requires) {
		if len(r) != 1 || r[0] == ContactNone {
			continue // each requirement alone: the rules weigh each the same way
		}
		for _, n := range subsets(needs) {
			if len(n) != 1 {
				continue
			}
			for _, v := range subsets(avoid) {
				changes = append(changes, Answers{LinkCommNeeds: n, LinkContactNeeds: r, LinkContactAvoid: v})
			}
		}
	}
	sweep(t, V2, withV2, changes)
}

// TestNoV1ResultContradictsItself walks every combination of version 1's
// communication needs (version 1 asks nothing else about contact) for
// each of the same patients through the result.
func TestNoV1ResultContradictsItself(t *testing.T) {
	var changes []Answers
	for _, n := range subsets(mustItem(t, LinkCommNeeds)) {
		changes = append(changes, Answers{LinkCommNeeds: n})
	}
	// Version 1 has no in-person route, and its rules are kept as they
	// were, so that its records still verify: where no route suits, a
	// letter is the main route or the fallback as the last resort, and
	// the reason says so (hazard H1).
	lastResort := func(reason string) func(Recommendation) bool {
		return func(r Recommendation) bool {
			return strings.Contains(r.PrimaryReason+" "+r.FallbackReason, reason)
		}
	}
	sweep(t, V1, with, changes,
		knownCase{"main route letter is ruled out", "version 1's last resort where no route suits", lastResort("a letter by post is the last resort")},
		knownCase{"fallback letter is ruled out", "version 1's last resort where no non-digital route suits", lastResort("last resort: no non-digital route suits the patient")})
}

// TestAnAdjustmentPostsOrCallsOnlyWhereTheResultAllows: each rule that
// words an adjustment by the routes the result allows, at its boundary. A
// patient who needs large print and uses a screen reader was told "Send
// letters and leaflets in large print" beside a letter ruled out for the
// screen reader. What is printed is posted only where a letter is
// possible, and given by hand where not; a document for a screen reader is
// sent only where email or the NHS App can reach the patient, and told to
// them where not; a call is named only where one can reach them (a phone,
// and a relay for British Sign Language).
func TestAnAdjustmentPostsOrCallsOnlyWhereTheResultAllows(t *testing.T) {
	lp := func(n ...string) Answers {
		return Answers{LinkCommNeeds: append([]string{NeedLargePrint}, n...), LinkPrintSize: {"24"}}
	}
	offline := Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}, LinkTelecare: {No}}
	for _, tc := range []struct {
		name   string
		ins    *Instrument
		a      Answers
		code   string
		want   string // the adjustment's text, or how it begins ("...")
		reason string // and its reason has this
	}{
		{"v2 large print alone: posted", V2, lp(), "large-print-24", "Send letters and leaflets in large print...", ""},
		{"v2 large print and a screen reader: given", V2, lp(NeedScreenRead), "large-print-24", "Give leaflets and printed information in large print...",
			"no letters: uses a screen reader"},
		{"v2 large print, told not written: given", V2, lp(NeedVerbal), "large-print-24", "Give leaflets and printed information...", "no letters: needs information told"},
		{"v2 large print, not by letter: given", V2, merge(lp(), Answers{LinkContactAvoid: {AvoidLetter}}), "large-print-24", "Give leaflets and printed information...", "no letters: must not be contacted"},
		{"v2 large print read on a screen: a print copy as well", V2, lp(), "large-print-screen", "Check they can read NHS App messages...", ""},
		{"v2 easy read alone: posted", V2, Answers{LinkCommNeeds: {NeedEasyRead}}, NeedEasyRead, "Send information in Easy Read", ""},
		{"v2 easy read and a screen reader: by hand", V2, Answers{LinkCommNeeds: {NeedEasyRead, NeedScreenRead}}, NeedEasyRead, "Give information in Easy Read by hand...", "no letters: uses a screen reader"},
		{"v2 translated letters: posted", V2, Answers{LinkCommNeeds: {NeedInterpreter}, LinkLanguageCode: {"pl"}, LinkTranslated: {Yes}}, "translated-information", "Send written information translated into Polish", ""},
		{"v2 translated, told not written: by hand", V2, Answers{LinkCommNeeds: {NeedInterpreter, NeedVerbal}, LinkLanguageCode: {"pl"}, LinkTranslated: {Yes}}, "translated-information", "Give written information translated into Polish by hand...", "no letters: needs information told"},
		{"v2 a screen reader, online: documents sent", V2, Answers{LinkCommNeeds: {NeedScreenRead}}, NeedScreenRead, "Send documents in a format a screen reader can read", ""},
		{"v2 a screen reader, not by email, the App possible: sent", V2, Answers{LinkCommNeeds: {NeedScreenRead}, LinkContactAvoid: {AvoidEmail}}, NeedScreenRead, "Send documents...", ""},
		{"v2 a screen reader, landline only: told", V2, merge(offline, Answers{LinkCommNeeds: {NeedScreenRead}}), NeedScreenRead, "Tell them what documents say, by phone or in person...", "Email: no smartphone"},
		{"v2 a screen reader, told not written: told", V2, Answers{LinkCommNeeds: {NeedScreenRead, NeedVerbal}}, NeedScreenRead, "Tell them what documents say, by phone or in person...", "NHS App: needs information told"},
		{"v2 signs, no relay: in person only", V2, Answers{LinkCommNeeds: {NeedBSLInterpreter, NeedVerbal}}, NeedVerbal, "Give information verbally, in person", ""},
		{"v2 signs, text relay required: by phone", V2, Answers{LinkCommNeeds: {NeedBSLInterpreter, NeedVerbal}, LinkContactNeeds: {ContactTextRelay}}, NeedVerbal, "Give information verbally, by phone or in person", ""},
		{"v2 signs and an interpreter, no relay: at appointments", V2, Answers{LinkCommNeeds: {NeedBSLInterpreter, NeedInterpreter}, LinkLanguageCode: {"pl"}, LinkTranslated: {No}}, NeedInterpreter, "Use an interpreter for Polish at appointments", ""},
		{"v2 an interpreter, a phone: on calls", V2, Answers{LinkCommNeeds: {NeedInterpreter}, LinkLanguageCode: {"pl"}, LinkTranslated: {No}}, NeedInterpreter, "Use an interpreter for Polish on calls and at appointments", ""},
		{"v2 must be written to: by letter", V2, Answers{LinkContactNeeds: {ContactLetter}}, ContactLetter, "Contact by letter", "contact requirement: by letter"},
		{"v2 must be written to, told not written: the conflict said", V2, Answers{LinkContactNeeds: {ContactLetter}, LinkCommNeeds: {NeedVerbal}}, ContactLetter,
			"They must be contacted by letter, but a letter is ruled out (needs information told to them, not written): check with them which they need, and correct the answers", "contact requirement"},
		{"v2 must be phoned, signs with no relay: the conflict said", V2, Answers{LinkContactNeeds: {ContactPhone}, LinkCommNeeds: {NeedBSLInterpreter}}, ContactPhone,
			"They must be contacted by phone, but a call is ruled out (uses British Sign Language...", "contact requirement"},
		{"v2 must be phoned: by phone", V2, Answers{LinkContactNeeds: {ContactPhone}}, ContactPhone, "Contact by phone", ""},
		{"v1 large print alone: posted", V1, Answers{LinkCommNeeds: {NeedLargePrint}}, NeedLargePrint, "Send letters and leaflets in large print...", ""},
		{"v1 large print and a screen reader: given", V1, Answers{LinkCommNeeds: {NeedLargePrint, NeedScreenRead}}, NeedLargePrint, "Give leaflets and printed information in large print...", "no letters: uses a screen reader"},
		{"v1 easy read, told not written: by hand", V1, Answers{LinkCommNeeds: {NeedEasyRead, NeedVerbal}}, NeedEasyRead, "Give information in Easy Read by hand...", "no letters: needs information told"},
		{"v1 signs, no text relay: in person", V1, Answers{LinkCommNeeds: {NeedBSL}, LinkReadingHelp: {ReadOften}}, "reading-help", "Do not rely on written messages alone (letters, texts, email, the NHS App): also explain what they say in person", ""},
		{"v1 signs with text relay: by phone", V1, Answers{LinkCommNeeds: {NeedBSL, NeedTextRelay, NeedVerbal}}, NeedVerbal, "Give information verbally, by phone or in person", ""},
		{"v1 text relay, no phone: no call", V1, Answers{LinkCommNeeds: {NeedTextRelay}, LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}}, NeedTextRelay, "They need text relay (Relay UK) for calls, and have no phone of their own: do not call them", "no phone of their own"},
		{"v1 text relay, a phone: calls through it", V1, Answers{LinkCommNeeds: {NeedTextRelay}}, NeedTextRelay, "Make phone calls through text relay...", ""},
		{"v1 a screen reader, a landline only: told", V1, Answers{LinkCommNeeds: {NeedScreenRead}, LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}}, NeedScreenRead, "Tell them what documents say, by phone or in person...", "Email: no smartphone"},
	} {
		a := with(tc.a)
		if tc.ins == V2 {
			a = withV2(tc.a)
		} else {
			a[LinkLanguage] = []string{"Polish"}
			a, _ = answerAsked(V1, a, false)
		}
		res, err := tc.ins.Assess(a, Directory{})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		adj, ok := adjustment(res.Recommendation, tc.code)
		switch {
		case !ok:
			t.Errorf("%s: no %s adjustment: %v", tc.name, tc.code, codes(res.Recommendation.Adjustments))
		case !strings.HasPrefix(adj.Text, strings.TrimSuffix(tc.want, "...")) || !strings.HasSuffix(tc.want, "...") && adj.Text != tc.want ||
			!strings.Contains(adj.Reason, tc.reason):
			t.Errorf("%s: %s is %q (%s), want it to begin %q, and its reason to say %q", tc.name, tc.code, adj.Text, adj.Reason, tc.want, tc.reason)
		}
		if got := contradictions(a, res.Recommendation); len(got) > 0 {
			t.Errorf("%s: %v", tc.name, got)
		}
	}
	// The print copy of what is read on a screen is posted only where a
	// letter is possible.
	for _, tc := range []struct {
		name  string
		a     Answers
		print bool
	}{
		{"large print", lp(), true},
		{"large print and a screen reader", lp(NeedScreenRead), false},
		{"large print, not by letter", merge(lp(), Answers{LinkContactAvoid: {AvoidLetter}}), false},
	} {
		adj, ok := adjustment(assessV2(t, withV2(tc.a), Services{}).Recommendation, "large-print-screen")
		if !ok || strings.Contains(adj.Text, "point print as well") != tc.print {
			t.Errorf("%s: large-print-screen %q, want a print copy %v", tc.name, adj.Text, tc.print)
		}
	}
}

// TestAProgrammeThatHelpsByPhoneFirstForAPatientWhoMustNotBePhonedIsAKnownCase:
// every "must not be contacted" answer beside every answer about what makes
// technology hard to use (from the instrument's options), for a patient
// online with a skills barrier and one with a landline only. A programme
// whose help is by phone ranked first for a patient who must not be phoned
// is left for the clinical safety officer (hazard H43, "Left open"): "must
// not be phoned" is about the NHS calling the patient, not the patient
// calling a charity, and the directory cannot say a programme is reached
// by phone only. It is kept here as a known case, said, not a silent
// exception: the test fails if another programme joins it, or when it no
// longer happens (then H43 is to be updated).
func TestAProgrammeThatHelpsByPhoneFirstForAPatientWhoMustNotBePhonedIsAKnownCase(t *testing.T) {
	known := map[string]bool{"rnib-sight-loss-advice": false}
	patients := map[string]Answers{
		"online, cannot log in":     {LinkTasks: tasksExcept(TaskLogin, TaskForm)},
		"landline only, no devices": {LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}, LinkTelecare: {No}},
	}
	for name, p := range patients {
		for _, v := range subsets(mustItemV2(t, LinkContactAvoid)) {
			if !slices.Contains(v, AvoidPhone) {
				continue
			}
			for _, hard := range subsets(mustItemV2(t, LinkTechAccess)) {
				a := withV2(merge(p, Answers{LinkContactAvoid: v, LinkTechAccess: hard}))
				rec := assessV2(t, a, Services{}).Recommendation
				if len(rec.Referrals) == 0 || !strings.Contains(rec.Referrals[0].Contact, "by phone") {
					continue
				}
				id := rec.Referrals[0].ProgrammeID
				if _, ok := known[id]; !ok {
					t.Errorf("%s, must not %v, hard to use %v: %s, which helps by phone, is offered first: %q", name, v, hard, id, rec.Referrals[0].Contact)
					continue
				}
				known[id] = true
			}
		}
	}
	for id, seen := range known {
		if !seen {
			t.Errorf("%s is no longer offered first to a patient who must not be phoned: take it out here, and update hazard H43", id)
		} else {
			t.Logf("known case (hazard H43, left for the clinical safety officer): %s, help by phone, is offered first to a patient who must not be phoned", id)
		}
	}
}
