package questionnaire

import (
	"fmt"
	"slices"
	"strings"
)

// RouteInPerson is contact in person: at the next appointment, or a home
// visit. Version 2 offers it where every remote route fails or the
// information must be given by voice and no phone route is possible.
const RouteInPerson Route = "in-person"

// v2Facts are the answers version 2's rules read, worked out once.
type v2Facts struct {
	a                        Answers
	ownDevice, anyDevice     bool
	mobile, anyPhone         bool
	internet, anyInternet    bool
	usesApp                  bool // uses the NHS App (or NHS login) for themselves
	verbal                   bool
	requires                 []Route  // contact requirements, as routes
	requireWords             []string // contact requirements, in words ("by a sign language video relay")
	relay                    string   // the relay a requirement names, in words, or ""
	avoid                    map[Route]bool
	carerNeed                bool // requires contact through their carer
	readingOften, readingAny bool

	// signsNoRelay: uses British Sign Language and no relay is
	// required, so a call cannot reach them (the phone route's check).
	signsNoRelay bool
}

// ownDevice is the one device rule of the NHS App route and of every
// programme that needs a device: a smartphone, tablet or computer of the
// patient's own. A shared or borrowed device, a landline or a basic mobile
// is not one.
func ownDevice(a Answers) bool {
	return a.Has(LinkDevices, DevSmartphone) || a.Has(LinkDevices, DevComputer)
}

// choiceReason says whose the choice honoured is, for the reason of the
// route: a carer who answered gave it for the patient, and it was not the
// patient's own.
func choiceReason(a Answers) string {
	if a.One(LinkRespondent) == RespondentCarer {
		return "the choice the carer gave for the patient"
	}
	return "the patient's own choice"
}

func factsV2(a Answers) v2Facts {
	f := v2Facts{a: a, avoid: map[Route]bool{}}
	f.ownDevice = ownDevice(a)
	f.anyDevice = f.ownDevice || a.Has(LinkDevices, DevShared)
	f.mobile = a.Has(LinkDevices, DevSmartphone) || a.Has(LinkDevices, DevBasicMob)
	f.anyPhone = f.mobile || a.Has(LinkDevices, DevLandline)
	f.internet = a.Has(LinkInternet, NetHome) || a.Has(LinkInternet, NetMobile)
	f.anyInternet = f.internet || a.Has(LinkInternet, NetPublic)
	f.usesApp = a.Has(LinkNHSApp, AppSelf)
	f.verbal = a.Has(LinkCommNeeds, NeedVerbal)
	for _, c := range []struct {
		code  string
		route Route
		words string
	}{{ContactLetter, RouteLetter, "by letter"}, {ContactSMS, RouteSMS, "by text message"}, {ContactPhone, RoutePhone, "by phone"},
		{ContactEmail, RouteEmail, "by email"}, {ContactTextRelay, RoutePhone, "by phone through text relay"},
		{ContactBSLRelay, RoutePhone, "by a sign language video relay"}, {ContactCarer, RouteCarer, "through their carer"}} {
		if !a.Has(LinkContactNeeds, c.code) {
			continue
		}
		f.requireWords = append(f.requireWords, c.words)
		if !slices.Contains(f.requires, c.route) {
			f.requires = append(f.requires, c.route)
		}
	}
	// Both relays named, each line that limits calls names both: naming
	// the video relay alone said "call only through a sign language video
	// relay" beside "Make phone calls through text relay".
	switch {
	case a.Has(LinkContactNeeds, ContactBSLRelay) && a.Has(LinkContactNeeds, ContactTextRelay):
		f.relay = "text relay or a sign language video relay"
	case a.Has(LinkContactNeeds, ContactBSLRelay):
		f.relay = "a sign language video relay"
	case a.Has(LinkContactNeeds, ContactTextRelay):
		f.relay = "text relay"
	}
	for code, r := range map[string]Route{AvoidPhone: RoutePhone, AvoidSMS: RouteSMS, AvoidEmail: RouteEmail, AvoidLetter: RouteLetter} {
		if a.Has(LinkContactAvoid, code) {
			f.avoid[r] = true
		}
	}
	f.carerNeed = a.Has(LinkContactNeeds, ContactCarer)
	f.signsNoRelay = a.Has(LinkCommNeeds, NeedBSLInterpreter) && f.relay == ""
	r := a.One(LinkReadingHelp)
	f.readingOften = r == ReadOften || r == ReadAlways
	// The single-item literacy screen (Morris et al. 2006) counts
	// sometimes, often and always as a positive screen.
	f.readingAny = f.readingOften || r == ReadSometimes
	return f
}

// RoutesV2 lists version 2's routes in the order they are reported: those
// of version 1, then in person.
var RoutesV2 = []Route{RouteApp, RouteEmail, RouteSMS, RoutePhone, RouteLetter, RouteCarer, RouteInPerson}

// appCheckV2 decides the NHS App route leaving trust aside: an own device,
// internet, and the skills to use it (an app and a login with a code), or
// use of the NHS App already.
func (ins *Instrument) appCheckV2(f v2Facts) RouteCheck {
	a := f.a
	r := RouteApp
	if gap := ins.accessGap(f, r); gap != "" {
		return RouteCheck{r, false, gap}
	}
	switch {
	case f.usesApp:
		return RouteCheck{r, true, "own device and internet, and uses the NHS App for themselves already"}
	case !CanDo(a, TaskApp) && !CanDo(a, TaskLogin):
		return RouteCheck{r, false, "cannot use an app, or log in with a password and a code, on their own"}
	case !CanDo(a, TaskApp):
		return RouteCheck{r, false, "cannot use an app on a phone or tablet on their own"}
	case !CanDo(a, TaskLogin):
		return RouteCheck{r, false, "cannot log in with a password and a code on their own"}
	}
	return RouteCheck{r, true, "own device, internet, can use an app and log in with a code"}
}

// checkRoutesV2 decides which of version 2's routes are possible.
func (ins *Instrument) checkRoutesV2(f v2Facts, b Bands) []RouteCheck {
	out := make([]RouteCheck, 0, len(RoutesV2))
	for _, r := range RoutesV2 {
		c := ins.checkRouteV2(f, b, r)
		// A route the patient has no device, phone or internet for is
		// ruled out by that first: a need or requirement that rules it
		// out as well is named after it, never before it.
		if gap := ins.accessGap(f, r); !c.Possible && gap != "" && c.Reason != gap {
			c.Reason = gap + "; also " + c.Reason
		}
		out = append(out, c)
	}
	return out
}

// accessGap is what the patient lacks to be reached by a route at all (a
// device, a phone, internet), in words for the route's reason, or "" when
// nothing is missing. Skills, needs and requirements are not access gaps.
func (ins *Instrument) accessGap(f v2Facts, r Route) string {
	a := f.a
	devices := "devices: " + ins.answered(a, LinkDevices)
	net := "online: " + ins.answered(a, LinkInternet)
	switch r {
	case RouteApp:
		switch {
		case !f.ownDevice:
			return "no own smartphone, tablet or computer (" + devices + ")"
		case !f.internet:
			return "no home internet or mobile data (" + net + ")"
		}
	case RouteEmail:
		switch {
		case !f.anyDevice:
			return "no smartphone, tablet or computer (" + devices + ")"
		case !f.anyInternet:
			return "does not get online (" + net + ")"
		}
	case RouteSMS:
		if !f.mobile {
			return "no mobile phone (" + devices + ")"
		}
	case RoutePhone:
		if !f.anyPhone {
			return "no phone of their own (" + devices + ")"
		}
	}
	return ""
}

// checkRouteV2 decides whether one of version 2's routes is possible.
func (ins *Instrument) checkRouteV2(f v2Facts, b Bands, r Route) RouteCheck {
	a := f.a
	trust := "worry: " + ins.answered(a, LinkWorry) + "; bad experience: " + ins.answered(a, LinkBadExperience)
	// "Not by phone" rules out a voice call to the patient; a call
	// through the relay they must be called by is not one: the relay
	// signs or types it to them.
	if r == RoutePhone && f.avoid[r] && f.relay != "" && f.anyPhone {
		return RouteCheck{r, true, "only through " + f.relay + ", never a voice call to them (contact requirement)"}
	}
	if f.avoid[r] {
		return RouteCheck{r, false, "must not be contacted this way (contact requirement)"}
	}
	// Information told, not written, rules out every written route
	// (Accessible Information Standard).
	if f.verbal && r != RoutePhone && r != RouteCarer && r != RouteInPerson {
		return RouteCheck{r, false, "needs information told to them, not written"}
	}
	if gap := ins.accessGap(f, r); gap != "" {
		return RouteCheck{r, false, gap}
	}
	switch r {
	case RouteApp:
		c := ins.appCheckV2(f)
		if c.Possible && b.Trust == SignificantBarrier {
			return RouteCheck{r, false, "significant trust barrier (" + trust + ")"}
		}
		return c
	case RouteEmail:
		if !CanDo(a, TaskEmail) {
			return RouteCheck{r, false, "cannot open an email on their own"}
		}
		return RouteCheck{r, true, "has a device, gets online and can open an email"}
	case RouteSMS:
		if !CanDo(a, TaskText) {
			return RouteCheck{r, false, "cannot read and reply to a text on their own"}
		}
		return RouteCheck{r, true, "has a mobile and can read and reply to a text"}
	case RoutePhone:
		if f.signsNoRelay {
			return RouteCheck{r, false, "uses British Sign Language and no text relay or video relay is recorded"}
		}
		switch {
		case a.Has(LinkContactNeeds, ContactBSLRelay):
			return RouteCheck{r, true, "has a phone; calls through a sign language video relay"}
		case a.Has(LinkContactNeeds, ContactTextRelay):
			return RouteCheck{r, true, "has a phone; calls through text relay"}
		}
		return RouteCheck{r, true, "has a phone"}
	case RouteLetter:
		if a.Has(LinkCommNeeds, NeedScreenRead) {
			return RouteCheck{r, false, "uses a screen reader, which cannot read a printed letter"}
		}
		return RouteCheck{r, true, "possible by post"}
	case RouteCarer:
		switch {
		case f.carerNeed:
			return RouteCheck{r, true, "must be contacted through their carer"}
		case a.One(LinkHelp) == HelpCarer:
			return RouteCheck{r, true, "someone does most things online for them"}
		}
		return RouteCheck{r, false, "no carer recorded"}
	case RouteInPerson:
		return RouteCheck{r, true, "can be told at the next appointment, or on a home visit"}
	}
	return RouteCheck{r, false, "unknown route"}
}

// preferenceV2 is the order routes are tried in when the patient has no
// choice, or their choice is not possible: contact requirements first, in
// the order below; in person last, or first of all for a patient who needs
// help reading often or always and cannot be called or told through a
// carer (readFirst): a letter, where one is possible, is then the fallback
// only.
func preferenceV2(ins *Instrument, f v2Facts, b Bands, readFirst bool) ([]Route, string) {
	var order []Route
	why := wantWords(ins, f.a)
	switch {
	case readFirst:
		// Every other route is written: the one way left to tell them is
		// in person (hazard H1).
		order, why = []Route{RouteInPerson, RouteLetter, RouteApp, RouteSMS, RouteEmail},
			"needs help reading written information "+f.a.One(LinkReadingHelp)+", and cannot be called or told through a carer"
	case f.carerNeed:
		order, why = []Route{RouteCarer, RoutePhone, RouteLetter}, "must be contacted through their carer"
	case b.Motivation == SignificantBarrier:
		order = []Route{RoutePhone, RouteLetter, RouteCarer, RouteSMS, RouteEmail, RouteApp}
	case f.readingOften:
		order, why = []Route{RoutePhone, RouteCarer, RouteApp, RouteSMS, RouteEmail, RouteLetter}, "needs help reading written information "+f.a.One(LinkReadingHelp)
	default:
		order = []Route{RouteApp, RouteSMS, RouteEmail, RoutePhone, RouteLetter, RouteCarer}
	}
	if len(f.requires) > 0 {
		var req []Route
		for _, r := range order {
			if slices.Contains(f.requires, r) {
				req = append(req, r)
			}
		}
		for _, r := range f.requires {
			if !slices.Contains(req, r) {
				req = append(req, r)
			}
		}
		// Where no required way is possible, the other ways are tried in
		// the usual order before in person; the reason names the
		// required ways ruled out.
		for _, r := range order {
			if !slices.Contains(req, r) {
				req = append(req, r)
			}
		}
		order, why = req, "must be contacted "+strings.Join(f.requireWords, " or ")+" (contact requirement)"
	}
	if !slices.Contains(order, RouteInPerson) {
		order = append(order, RouteInPerson)
	}
	return order, why
}

// wantWords quotes what the patient answered about doing health tasks
// online, for a route's reason: a reason never says "wants to" of a
// patient who said they were not sure.
func wantWords(ins *Instrument, a Answers) string {
	w := a.One(LinkWant)
	if w == "" {
		return "did not say whether they would like to do health tasks online"
	}
	return "answered \"" + optionText(ins, LinkWant, w) + "\" when asked if they would like to do health tasks online"
}

// readingFirstInPerson reports whether a patient needs help reading often
// or always and no spoken route is possible: no call, no carer. In person
// is then the first route and a letter, where one is possible, the
// fallback only, with a check of understanding (hazard H1).
func readingFirstInPerson(f v2Facts, checks []RouteCheck) bool {
	return f.readingOften && !spokenPossible(checks)
}

// readingFirstTail ends the reason of a visit made first for a patient who
// needs help reading (readingFirstInPerson) with what follows it: a letter
// as the fallback only, where the fallback is one; else that no written
// fallback is possible, and why. It said "a written route is the fallback
// only" whatever the fallback, beside "Fallback: None" and "Do not write to
// the patient" for a patient who must not be phoned or written to.
func readingFirstTail(rec Recommendation) string {
	if written(rec.Fallback) && !rec.NoSecondRoute() {
		return ", so a written route is the fallback only"
	}
	why := failedOf(rec.Checks, RouteLetter)
	if why == "" {
		return ", and the fallback is not written"
	}
	return ", and no written fallback is possible (" + why + ")"
}

// recommendV2 is instrument version 2's rules.
func recommendV2(ins *Instrument, a Answers, b Bands, dir Directory, svc Services) Recommendation {
	f := factsV2(a)
	var rec Recommendation
	rec.Checks = ins.checkRoutesV2(f, b)
	choice := a.One(LinkChoice)
	if choice != "" && choice != ChoiceNone {
		rec.Choice = Route(choice)
	}
	readFirst := readingFirstInPerson(f, rec.Checks)
	order, orderWhy := preferenceV2(ins, f, b, readFirst)
	trustOverridden := false
	if rec.Choice != "" {
		c, ok := possible(rec.Checks, rec.Choice)
		// An explicit choice of the NHS App that only worry stands in
		// the way of is the patient's to make: it is honoured, with
		// reassurance and online-safety help (hazard decision, see
		// docs/clinical-safety.md).
		if !ok && rec.Choice == RouteApp && b.Trust == SignificantBarrier && !f.verbal && !f.avoid[RouteApp] {
			if app := ins.appCheckV2(f); app.Possible {
				c, ok, trustOverridden = app, true, true
				c.Reason += "; chosen in spite of worry about scams"
			}
		}
		switch {
		case ok && len(f.requires) > 0 && !slices.Contains(f.requires, rec.Choice):
			rec.ChoiceNote = "chose " + rec.Choice.Title() + ", but must be contacted " + strings.Join(f.requireWords, " or ") + "; offer both"
			trustOverridden = false
		case ok && f.carerNeed && rec.Choice != RouteCarer:
			rec.ChoiceNote = "chose " + rec.Choice.Title() + ", but must be contacted through their carer; offer both"
			trustOverridden = false
		// Needing help reading often or always puts a call before the
		// written route they chose (hazard H1): the written message is
		// still sent, and gone through on the call.
		case ok && f.readingOften && written(rec.Choice) && !slices.Contains(f.requires, rec.Choice) && !readFirst:
			rec.ChoiceNote = "chose " + rec.Choice.Title() + ", but needs help reading NHS letters " + a.One(LinkReadingHelp) +
				": " + spokenFirst(rec.Checks) + " comes first; send the " + writtenNoun(rec.Choice) + " as well and go through it with them"
			trustOverridden = false
		// With no call and no carer possible, the one way to tell them is
		// in person; the written route they chose is sent as well, with a
		// check of understanding.
		case ok && readFirst && written(rec.Choice) && !slices.Contains(f.requires, rec.Choice):
			rec.ChoiceNote = "chose " + rec.Choice.Title() + ", but needs help reading NHS letters " + a.One(LinkReadingHelp) +
				" and cannot be called or told through a carer: tell them in person first; send the " +
				writtenNoun(rec.Choice) + " as well and check they have understood it"
			trustOverridden = false
		case ok:
			rec.Primary, rec.ChoiceHonoured = rec.Choice, true
			rec.PrimaryReason = choiceReason(a) + "; " + possibleBecause(c.Reason)
		default:
			rec.ChoiceNote = "chose " + rec.Choice.Title() + ", not possible: " + c.Reason
		}
	}
	visitForReading := false // in person first, for reading (readingFirstTail)
	if rec.Primary == "" {
		var ruledOut []string
		for _, r := range order {
			c, ok := possible(rec.Checks, r)
			if !ok {
				ruledOut = append(ruledOut, r.Title()+": "+c.Reason)
				continue
			}
			rec.Primary = r
			rec.PrimaryReason = "first possible route for a patient who " + orderWhy + ": " + c.Reason
			if len(ruledOut) > 0 {
				rec.PrimaryReason += "; ruled out before it: " + strings.Join(ruledOut, "; ")
			}
			switch {
			case r == RouteInPerson && readFirst:
				visitForReading = true
				// What follows a visit is said once the fallback is
				// known (readingFirstTail).
				rec.PrimaryReason = c.Reason + "; needs help reading NHS letters " + a.One(LinkReadingHelp) +
					" and cannot be told by voice otherwise (" + ins.failedOf(rec.Checks, RoutePhone, RouteCarer) + ")"
			case r == RouteInPerson:
				rec.PrimaryReason = c.Reason + "; no remote route suits the patient (" + ins.failed(rec.Checks) + ")"
			}
			break
		}
	}
	if svc.Video {
		v := ins.videoCheckV2(f)
		rec.Video = &v
	}
	if f.carerNeed && rec.Primary == RouteCarer {
		rec.Fallback, rec.FallbackReason, rec.FallbackToCarer = carerFallbackV2(f)
	} else {
		rec.Fallback, rec.FallbackReason = fallbackV2(f, rec.Checks, rec.Primary, readFirst)
	}
	if visitForReading {
		rec.PrimaryReason += readingFirstTail(rec)
	}
	rec.Needs = ins.codedNeedsV2(f)
	rec.Adjustments = ins.adjustmentsV2(f, rec, trustOverridden)
	rec.Referrals = ins.referralsV2(a, b, dir)
	rec.AskAbout = ins.askAboutV2(a, b, dir)
	if !ins.beforeAskRerun {
		rec.AskAbout = ins.couldOpen(a, dir, rec.AskAbout)
	}
	return rec
}

// patientFactsV2 is PatientFacts with the circumstances version 2 asks
// about: what makes technology hard to use, and a care alarm on the
// landline.
func patientFactsV2(a Answers) Patient {
	p := PatientFacts(a)
	p.NoDevice = !ownDevice(a)
	for code, c := range map[string]string{TechSight: ForSight, TechHearing: ForHearing, TechHands: ForDexterity, TechMemory: ForMemory} {
		if a.Has(LinkTechAccess, code) && !slices.Contains(p.Circumstances, c) {
			p.Circumstances = append(p.Circumstances, c)
		}
	}
	if a.One(LinkTelecare) == Yes && !slices.Contains(p.Circumstances, ForTelecare) {
		p.Circumstances = append(p.Circumstances, ForTelecare)
	}
	slices.SortFunc(p.Circumstances, func(x, y string) int { return slices.Index(ForAll, x) - slices.Index(ForAll, y) })
	return p
}

// referralsV2 is every programme that meets one of the patient's barriers
// and that they are eligible for, ranked (RankReferrals): the most useful
// first, so the few shown first are the ones to offer, and those the
// patient cannot use (online only, for adults, a SIM with no phone, for
// circumstances they do not have) left out.
func (ins *Instrument) referralsV2(a Answers, b Bands, dir Directory) []Referral {
	ranked, _ := RankReferrals(eligibleReferrals(patientFactsV2(a), b, dir), dir, ins.rankFactsV2(a, b))
	return ranked
}

// rankFactsV2 is what version 2's rules rank referrals on: a patient who
// said No to doing health tasks online is offered support, not lessons, a
// device or data (RankFacts.SaysNo), except by the rules before December
// 2026's change (beforeSaysNo).
func (ins *Instrument) rankFactsV2(a Answers, b Bands) RankFacts {
	f := RankFactsFor(a, b, patientFactsV2(a))
	f.SaysNo = f.NotWanting && !ins.beforeSaysNo
	f.SaysNoApp = f.SaysNo && !ins.beforeNoAppAsk
	if !ins.beforeOwnDevices {
		f.OwnPhone, f.OwnComputer = a.Has(LinkDevices, DevSmartphone), a.Has(LinkDevices, DevComputer)
	}
	return f
}

// askAboutV2 is askAbout, leaving out the programmes the answer could open
// that a patient who said No to doing health tasks online is not offered
// (RankFacts.SaysNoLeavesOut): the benefits question was asked to open the
// National Device Bank for one.
//
// The patient's facts are version 2's (patientFactsV2), as its referrals
// are chosen on: by version 1's, which know nothing of a device of the
// patient's own, the age and disability questions were asked to open
// AbilityNet, which helps with a phone or computer of the patient's own,
// for a patient with none, who can never be offered it. The rules before
// (beforeNoAppAsk) asked by version 1's.
func (ins *Instrument) askAboutV2(a Answers, b Bands, dir Directory) []Ask {
	pt := patientFactsV2(a)
	if ins.beforeNoAppAsk {
		pt = PatientFacts(a)
	}
	asks := ins.askAboutFor(a, pt, b, dir)
	f := ins.rankFactsV2(a, b)
	if !f.SaysNo {
		return asks
	}
	var out []Ask
	for _, ask := range asks {
		var keep Ask
		keep.LinkID, keep.Question = ask.LinkID, ask.Question
		for i, id := range ask.ProgrammeIDs {
			p, ok := dir.Lookup(id)
			var barriers []Domain
			for _, d := range Domains {
				if b.Get(d) > NoBarrier && p.Helps(d) {
					barriers = append(barriers, d)
				}
			}
			if left, _ := f.SaysNoLeavesOut(p, barriers); ok && left {
				continue
			}
			keep.ProgrammeIDs = append(keep.ProgrammeIDs, id)
			keep.Programmes = append(keep.Programmes, ask.Programmes[i])
		}
		if len(keep.ProgrammeIDs) > 0 {
			out = append(out, keep)
		}
	}
	return out
}

// writtenNoun is what a written route sends, in words that can follow
// "send the": "NHS App message", "text message", "email", "letter".
func writtenNoun(r Route) string {
	switch r {
	case RouteApp:
		return "NHS App message"
	case RouteSMS:
		return "text message"
	}
	return strings.ToLower(r.Title())
}

// routeInSentence names r within a sentence: in lower case ("text
// message"), but the NHS App, a name, keeps its capitals (it read "nhs
// app").
func routeInSentence(r Route) string {
	if r == RouteApp {
		return r.Title()
	}
	return strings.ToLower(r.Title())
}

// written reports whether a route gives the patient words to read.
func written(r Route) bool { return r.Digital() || r == RouteLetter }

// spokenPossible reports whether the patient can be told by voice: by
// phone, or through their carer (in person is always possible, but a
// written route they chose is kept over a visit made only to read it out).
func spokenPossible(checks []RouteCheck) bool {
	_, phone := possible(checks, RoutePhone)
	_, carer := possible(checks, RouteCarer)
	return phone || carer
}

// spokenFirst says how a patient who needs help reading is told first,
// before the written route they chose: by a call where one is possible,
// else through their carer (spokenPossible holds one of the two); in
// person either way. It said "a call or a meeting" for a patient who must
// not be phoned, beside "Do not phone the patient".
func spokenFirst(checks []RouteCheck) string {
	if _, phone := possible(checks, RoutePhone); phone {
		return "a call or a meeting"
	}
	return "telling them through their carer or in person"
}

// failedOf lists the given routes that are not possible, with why.
func (ins *Instrument) failedOf(checks []RouteCheck, routes ...Route) string {
	return failedOf(checks, routes...)
}

// failedOf lists the given routes that are not possible, with why.
func failedOf(checks []RouteCheck, routes ...Route) string {
	var out []string
	for _, c := range checks {
		if !c.Possible && slices.Contains(routes, c.Route) {
			out = append(out, c.Route.Title()+": "+c.Reason)
		}
	}
	return strings.Join(out, "; ")
}

// failed lists the remote routes that are not possible, with why.
func (ins *Instrument) failed(checks []RouteCheck) string {
	var out []string
	for _, c := range checks {
		if !c.Possible {
			out = append(out, c.Route.Title()+": "+c.Reason)
		}
	}
	return strings.Join(out, "; ")
}

// videoCheckV2 decides whether a video consultation suits the patient, for
// a service that offers them.
func (ins *Instrument) videoCheckV2(f v2Facts) RouteCheck {
	a := f.a
	const r = RouteVideo
	switch {
	case !f.anyDevice:
		return RouteCheck{r, false, "no smartphone, tablet or computer (devices: " + ins.answered(a, LinkDevices) + ")"}
	case !f.internet:
		return RouteCheck{r, false, "no home internet or mobile data (online: " + ins.answered(a, LinkInternet) + ")"}
	case !CanDo(a, TaskVideo):
		return RouteCheck{r, false, "cannot join a video call on their own"}
	}
	return RouteCheck{r, true, "has a device and internet, and can join a video call"}
}

// carerFallbackV2 is the fallback for a patient who must be contacted
// through their carer: it reaches the carer too, never the patient
// directly (a patient with dementia is not phoned when the carer cannot be
// reached). A letter addressed to the carer first, since post reaches
// them whatever phone they have; a call to the carer where the patient
// must not be written to; in person with the carer where neither may be
// used.
func carerFallbackV2(f v2Facts) (Route, string, bool) {
	const req = "must be contacted through their carer, so the fallback reaches the carer, not the patient"
	switch {
	case !f.avoid[RouteLetter]:
		return RouteLetter, "a letter addressed to the carer (" + req + ")", true
	case !f.avoid[RoutePhone]:
		return RoutePhone, "a call to the carer's phone (" + req + "; must not be written to)", true
	}
	return RouteInPerson, "at the next appointment or a home visit, with their carer there (" + req + "; must not be written to or phoned)", false
}

func fallbackV2(f v2Facts, checks []RouteCheck, primary Route, readFirst bool) (Route, string) {
	printNeed := f.a.Has(LinkCommNeeds, NeedLargePrint) || f.a.Has(LinkCommNeeds, NeedEasyRead)
	order := []Route{RoutePhone, RouteLetter, RouteInPerson}
	if !f.readingOften && printNeed {
		order = []Route{RouteLetter, RoutePhone, RouteInPerson}
	}
	for _, r := range order {
		if r == primary {
			continue
		}
		if c, ok := possible(checks, r); ok {
			why := "non-digital route"
			switch {
			case r == RouteLetter && readFirst:
				why = "written, so the fallback only: go through it with them and check they have understood it"
			case r == RoutePhone && f.readingOften:
				why = "non-digital route; needs help reading letters, so a call comes first"
			case r == RouteLetter && printNeed:
				why = "non-digital route; letters in the format they need"
			case r == RouteInPerson:
				// Say only what is true: a phone call or letter that is
				// the main route is not one that fails, and a route
				// other than a call or a letter may suit (email for a
				// patient with a screen reader) but is not a fallback,
				// which is never digital. The reason names why each
				// call or letter is ruled out.
				why = "no call or letter suits the patient (" + failedOf(checks, RoutePhone, RouteLetter) + ")"
				if primary == RoutePhone || primary == RouteLetter {
					why = "no second call or letter: the " + strings.ToLower(primary.Title()) + " is the main route (" + failedOf(checks, RoutePhone, RouteLetter) + ")"
				}
				return r, why + ", so in person: " + c.Reason
			}
			return r, why + " (" + c.Reason + ")"
		}
	}
	var why2 []string
	for _, r := range order {
		if c, _ := possible(checks, r); r != primary && !c.Possible {
			why2 = append(why2, r.Title()+": "+c.Reason)
		}
	}
	return primary, "no second non-digital route possible (" + strings.Join(why2, "; ") + "); record a carer or next of kin if there is one"
}

func (ins *Instrument) adjustmentsV2(f v2Facts, rec Recommendation, trustOverridden bool) []Adjustment {
	a := f.a
	var out []Adjustment
	add := func(code, text, reason string) {
		out = append(out, Adjustment{Code: code, Text: text, Reason: reason})
	}
	need := func(code string) bool { return a.Has(LinkCommNeeds, code) }
	// What is printed for the patient is posted only where a letter is
	// possible. Where it is ruled out (must not be written to, a screen
	// reader, information told and not written), an adjustment to post it
	// would contradict the letter's own check beside it: it is given by
	// hand, and the reason says why no letter (found by walking every
	// need and restriction through the result).
	letter, letterOK := possible(rec.Checks, RouteLetter)
	noLetter := ""
	if !letterOK {
		noLetter = "; no letters: " + letter.Reason
	}
	if need(NeedLargePrint) {
		size := a.One(LinkPrintSize)
		what := "Send letters and leaflets"
		if !letterOK {
			what = "Give leaflets and printed information"
		}
		add(NeedLargePrint+"-"+size, what+" in large print, "+size+" point sans serif or larger",
			"needs information in large print ("+size+" point)"+noLetter)
	}
	// A text, an email or the NHS App is not in large print: the patient
	// reads it at their device's text size. The route is kept (hazard
	// H50): the team checks they can read it, and sends what matters in
	// print as well where a letter is possible.
	if need(NeedLargePrint) && rec.Primary.Digital() {
		size := a.One(LinkPrintSize)
		text := "Check they can read " + writtenNoun(rec.Primary) + "s at their phone's or computer's text size, and make the text bigger with them if not"
		if letterOK {
			text += "; send anything that matters in " + size + " point print as well"
		}
		add("large-print-screen", text, "needs "+size+" point print, and the main route is "+routeInSentence(rec.Primary)+", which is read on a screen")
	}
	// A patient who must not be sent letters is given what is written by
	// hand: an adjustment to post it would contradict "Do not write to the
	// patient" beside it (hazard H19's restriction), as large print does
	// above.
	if need(NeedEasyRead) {
		text := "Send information in Easy Read"
		if !letterOK {
			text = "Give information in Easy Read by hand: do not post it"
		}
		add(NeedEasyRead, text, "needs information in Easy Read"+noLetter)
	}
	if need(NeedVerbal) {
		add(NeedVerbal, "Give information verbally, "+f.spokenWays(false), "needs information told, not written")
	}
	if need(NeedBSLInterpreter) {
		add(NeedBSLInterpreter, "Book a British Sign Language interpreter for appointments", "uses British Sign Language")
	}
	if need(NeedInterpreter) {
		lang := ins.languageName(a)
		where := "on calls and at appointments"
		if f.avoid[RoutePhone] || f.signsNoRelay || !f.anyPhone && !f.carerNeed {
			where = "at appointments"
		}
		add(NeedInterpreter, fmt.Sprintf("Use an interpreter for %s %s", lang, where),
			"needs a spoken-language interpreter ("+lang+")")
		if a.One(LinkTranslated) == Yes {
			text := fmt.Sprintf("Send written information translated into %s", lang)
			if !letterOK {
				text = fmt.Sprintf("Give written information translated into %s by hand: do not post it", lang)
			}
			add("translated-information", text, "needs letters written in their own language ("+lang+")"+noLetter)
		}
	}
	// A document a screen reader can read is sent by email or through
	// the NHS App (a printed letter is ruled out for a screen reader).
	// Where neither can reach the patient, "send" asks for what nothing
	// can do: what a document says is told to them instead, the
	// Accessible Information Standard's format for information given
	// verbally, by the spoken ways open to them.
	_, emailOK := possible(rec.Checks, RouteEmail)
	_, appOK := possible(rec.Checks, RouteApp)
	if need(NeedScreenRead) && (emailOK || appOK) {
		add(NeedScreenRead, "Send documents in a format a screen reader can read", "uses a screen reader")
	} else if need(NeedScreenRead) {
		add(NeedScreenRead, "Tell them what documents say, "+f.spokenWays(false)+": none can be sent in a format a screen reader can read",
			"uses a screen reader; email and the NHS App cannot reach them ("+ins.failedOf(rec.Checks, RouteEmail, RouteApp)+")")
	}
	// A way the patient must be contacted that another of their answers
	// rules out (by letter, and information told, not written; by phone,
	// and British Sign Language with no relay) is not an instruction to
	// use it beside the route's check that rules it out: the clinician is
	// told of the conflict, to check with the patient and correct the
	// answers (found by walking every need and requirement through the
	// result). The requirement itself stays recorded and coded, as given.
	for _, c := range []struct {
		code, text string
		route      Route
		noun       string
	}{
		{ContactLetter, "Contact by letter", RouteLetter, "a letter"},
		{ContactSMS, "Contact by text message", RouteSMS, "a text message"},
		{ContactPhone, "Contact by phone", RoutePhone, "a call"},
		{ContactEmail, "Contact by email", RouteEmail, "an email"},
		{ContactTextRelay, "Make phone calls through text relay (Relay UK): a relay assistant types what you say to them, and reads out their reply", "", ""},
		{ContactBSLRelay, "Make phone calls through a British Sign Language video relay service: an interpreter signs what you say to them by video, and speaks their reply", "", ""},
		{ContactCarer, "Contact through the patient's carer; record the carer's details", "", ""},
	} {
		if !a.Has(LinkContactNeeds, c.code) {
			continue
		}
		reason := "contact requirement: " + lowerFirst(optionText(ins, LinkContactNeeds, c.code))
		if check, ok := possible(rec.Checks, c.route); c.route != "" && !ok {
			add(c.code, "They must be contacted "+lowerFirst(optionText(ins, LinkContactNeeds, c.code))+", but "+c.noun+
				" is ruled out ("+check.Reason+"): check with them which they need, and correct the answers", reason)
			continue
		}
		add(c.code, c.text, reason)
	}
	for _, c := range []struct{ code, text string }{
		{AvoidPhone, "Do not phone the patient"},
		{AvoidSMS, "Do not send the patient text messages"},
		{AvoidEmail, "Do not email the patient"},
		{AvoidLetter, "Do not write to the patient"},
	} {
		if a.Has(LinkContactAvoid, c.code) {
			if c.code == AvoidPhone && f.relay != "" {
				c.text = "Do not make a voice call to the patient: call only through " + f.relay
			}
			add(c.code, c.text, "must not be contacted this way: "+lowerFirst(optionText(ins, LinkContactAvoid, c.code)))
		}
	}
	// Proxy access lets another person see and act on the patient's
	// record: NHS England's guidance asks the practice to check first that
	// the patient wants it and is not being pressured into it.
	const proxy = "Offer NHS App proxy access for the carer through the GP practice, once the practice has checked, with the patient alone, that they want it and no one is pressing them into it"
	switch {
	case a.One(LinkHelp) == HelpCarer:
		add("proxy-access", proxy, "a carer helps the patient ("+ins.answered(a, LinkHelp)+")")
	case f.carerNeed:
		add("proxy-access", proxy, "must be contacted through their carer")
	}
	switch r := a.One(LinkReadingHelp); {
	case f.readingOften:
		add("reading-help", "Do not rely on written messages alone ("+f.writtenWays()+"): also explain what they say "+f.spokenWays(true),
			"needs help reading NHS letters "+r)
	case f.readingAny:
		add("check-understanding", "Check they have understood what is written: ask them to say it back in their own words",
			"needs help reading NHS letters sometimes (a positive literacy screen)")
	}
	// Whatever is written to a patient who needs help reading often or
	// always comes with a check of understanding while any written route
	// remains, the main route or the fallback (hazards H1 and H39): a
	// letter behind a call is read as much as one behind a visit. Until
	// December 2026 only a written fallback behind a visit had it, so an
	// amendment that put a call first told the patient the check stopped
	// (see beforeWrittenCheck).
	writtenRoute := written(rec.Primary) || written(rec.Fallback)
	if ins.beforeWrittenCheck {
		writtenRoute = rec.Primary == RouteInPerson && written(rec.Fallback)
	}
	if f.readingOften && writtenRoute {
		why := "; a written route is the fallback only"
		if written(rec.Primary) {
			why = "; the main route is written"
		}
		add("check-understanding", "Check they have understood what is written: ask them to say it back in their own words",
			"needs help reading NHS letters "+a.One(LinkReadingHelp)+why)
	}
	if trustOverridden {
		add("app-reassurance", "NHS App chosen by the patient: reassure them it is safe to use; never send them links by text; offer online-safety help",
			"chose the NHS App, with a significant trust barrier (worry: "+ins.answered(a, LinkWorry)+"; bad experience: "+ins.answered(a, LinkBadExperience)+")")
	}
	// Every patient with a significant trust barrier, whatever the route:
	// a landline-only patient worried about scams is met by phone and
	// letter scams too, and no online-safety programme can reach them. A
	// patient who chose the App against that worry has the reassurance
	// above, which says more.
	if !trustOverridden && !ins.beforeRules && ins.Score(a).Trust == SignificantBarrier {
		add("trust-check", "Worried about scams: say who you are and why you are in touch each time you contact them; never ask for bank or card details; offer them a way to check it is really us",
			"significant trust barrier (worry: "+ins.answered(a, LinkWorry)+"; bad experience: "+ins.answered(a, LinkBadExperience)+")")
	}
	if rec.Primary.Digital() && !CanDo(a, TaskForm) {
		add("forms-help", "Do not send online forms alone: offer to fill them in with the patient, "+f.spokenWays(false),
			"cannot fill in a form online on their own")
	}
	// Settings help a patient with a device of some kind; one with none
	// is helped by the referrals for their circumstances instead.
	if hard := a[LinkTechAccess]; len(hard) > 0 && !a.Has(LinkTechAccess, TechNone) && (f.anyDevice || f.mobile) {
		add("tech-access", techAccessText(f), "finds phones or computers hard to use: "+ins.answered(a, LinkTechAccess)+
			"; devices: "+ins.answered(a, LinkDevices))
	}
	switch {
	case a.One(LinkHelp) == HelpNobody && a.One(LinkWant) == No:
		// Not wanting to go online is respected: support first, and
		// lessons only if they change their mind.
		add("no-helper", "No one helps them with technology, and they do not want to go online: offer support and advice from a person; offer one-to-one lessons only if they change their mind",
			"has nobody to help them online, and does not want to go online")
	case a.One(LinkHelp) == HelpNobody:
		add("no-helper", "No one helps them online: offer one-to-one help, not help from family",
			"has nobody to help them online")
	}
	if a.Has(LinkDevices, DevLandline) {
		add("switchover", "Landlines move to digital lines by "+SwitchoverDate+": point them to switchover support",
			"has a landline phone")
		if t := a.One(LinkTelecare); t == Yes || t == NotSure {
			add("telecare", "Their care alarm may stop working on a digital line: ask the alarm provider and the phone provider to check it before the switch",
				"care alarm on the phone line: "+lowerFirst(optionText(ins, LinkTelecare, t)))
		}
	}
	return out
}

// techAccessText is the accessibility-settings adjustment for the device
// the patient said they have. Settings belong to a device of their own: on
// a shared or borrowed one, a change is the owner's to agree to and may
// need undoing for others, so they are shown what works for this use only.
func techAccessText(f v2Facts) string {
	switch {
	case f.ownDevice:
		return "Show them the accessibility settings on their own device (text size, read aloud, captions, voice control), or refer for help with them"
	case f.mobile && cannotHearCalls(f):
		// A louder ring is no help to a patient who cannot hear calls.
		return "Show them the settings on their mobile phone that make it easier to use (text size, vibrate, a flashing light for alerts), or refer for help with them"
	case f.mobile:
		return "Show them the settings on their mobile phone that make it easier to use (text size, louder ring, vibrate), or refer for help with them"
	}
	return "They use a shared or borrowed device, not their own: show them what they can change for the moment they use it (zoom in, read aloud) and how to set it back, with the owner's agreement, or refer for help"
}

// cannotHearCalls is a patient for whom a ring is no help: their hearing
// makes technology hard, they use sign language, or they must not be
// phoned.
func cannotHearCalls(f v2Facts) bool {
	return f.a.Has(LinkTechAccess, TechHearing) || f.avoid[RoutePhone] ||
		f.a.Has(LinkCommNeeds, NeedBSL) || f.a.Has(LinkCommNeeds, NeedBSLInterpreter) || f.a.Has(LinkCommNeeds, NeedTextRelay) ||
		f.a.Has(LinkContactNeeds, ContactTextRelay) || f.a.Has(LinkContactNeeds, ContactBSLRelay)
}

// spokenWays says how the patient can be told something, in words that
// follow "explain what they say" or "Give information verbally,": never a
// channel their contact requirements rule out. A patient who must not be
// phoned is told in person, or through the relay they must be called by.
// maybe adds "where possible" to the phone, as a call is the second way.
// A patient to be contacted through their carer is phoned through the
// carer only; one with no phone at all is told in person, or through the
// carer who does most things for them.
func (f v2Facts) spokenWays(maybe bool) string {
	switch {
	// A patient who must be contacted through their carer is never
	// phoned direct: a call goes to the carer.
	case f.carerNeed && !f.avoid[RoutePhone] && maybe:
		return "in person, or by phone to their carer where possible"
	case f.carerNeed && !f.avoid[RoutePhone]:
		return "in person or by phone to their carer"
	// A patient with no phone at all is never told of a call they
	// cannot take: in person, or through a carer who does most things
	// for them.
	case !f.anyPhone && f.a.One(LinkHelp) == HelpCarer:
		return "in person, or through their carer"
	case !f.anyPhone:
		return "in person"
	// A patient who signs, with no relay to be called through, cannot
	// take a call (the phone route's check).
	case !f.avoid[RoutePhone] && !f.signsNoRelay && maybe:
		return "in person, or by phone where possible"
	case !f.avoid[RoutePhone] && !f.signsNoRelay:
		return "by phone or in person"
	case f.relay != "":
		return "in person, or through " + f.relay
	}
	return "in person"
}

// writtenWays lists the written messages a patient may be sent, leaving
// out those their contact requirements rule out: "letters, texts, email,
// the NHS App".
func (f v2Facts) writtenWays() string {
	var out []string
	for _, w := range []struct {
		r     Route
		words string
	}{{RouteLetter, "letters"}, {RouteSMS, "texts"}, {RouteEmail, "email"}, {RouteApp, "the NHS App"}} {
		if !f.avoid[w.r] {
			out = append(out, w.words)
		}
	}
	return strings.Join(out, ", ")
}

func optionText(ins *Instrument, linkID, code string) string {
	if it, ok := ins.Item(linkID); ok {
		if o, ok := it.Option(code); ok {
			return o.Text
		}
	}
	return code
}

// LanguageName is the interpreter's language as answered: the coded
// language's name, the language typed for "another language", or, for a
// version 1 record, the language typed.
func (ins *Instrument) LanguageName(a Answers) string { return ins.languageName(a) }

// LanguageOf is the interpreter's language in a record of any version:
// the language typed (version 1, or "another language"; named as coded
// where it is a coded language), or the name of the language chosen
// (version 2).
func LanguageOf(a Answers) string { return V2.languageName(a) }

func (ins *Instrument) languageName(a Answers) string {
	code := a.One(LinkLanguageCode)
	if code == "" || code == LanguageOther {
		return namedAsCoded(a.One(LinkLanguage))
	}
	return optionText(ins, LinkLanguageCode, code)
}

// CodedNeed is a communication need or contact requirement as the EHR's
// coded entry takes it (Accessible Information Standard): its words, and
// its SNOMED CT concept where a published NHS source gives one (see
// ConceptFor). Where none does, Code and Term are empty: a code is never
// made up.
type CodedNeed struct {
	Key  string `json:"key"`
	Text string `json:"text"`
	Code string `json:"code,omitempty"`
	Term string `json:"term,omitempty"`
}

func codedNeed(key, text string) CodedNeed {
	n := CodedNeed{Key: key, Text: text}
	if c, ok := ConceptFor(key); ok {
		n.Code, n.Term = c.Code, c.Term
	}
	return n
}

// codedNeedsV2 lists the needs and contact requirements of version 2's
// answers, the assessment itself first.
func (ins *Instrument) codedNeedsV2(f v2Facts) []CodedNeed {
	a := f.a
	out := []CodedNeed{codedNeed(ConceptNeedsAssessment, "Information and communication needs assessed")}
	need := func(code string) bool { return a.Has(LinkCommNeeds, code) }
	if need(NeedLargePrint) {
		size := a.One(LinkPrintSize)
		out = append(out, codedNeed("large-print-"+size, "Large print, at least "+size+" point"))
	}
	if need(NeedEasyRead) {
		out = append(out, codedNeed(ConceptEasyRead, "Easy read"))
	}
	if need(NeedVerbal) {
		out = append(out, codedNeed(ConceptVerbal, "Information told, not written"))
	}
	if need(NeedBSLInterpreter) {
		out = append(out, codedNeed(ConceptBSLInterpreter, "British Sign Language interpreter"))
	}
	if need(NeedInterpreter) {
		lang := ins.languageName(a)
		key := InterpreterKey(lang)
		if _, ok := ConceptFor(key); !ok {
			key = ConceptInterpreter
		}
		out = append(out, codedNeed(key, "Interpreter: "+lang))
		if a.One(LinkTranslated) == Yes {
			out = append(out, codedNeed("translated-information", "Written information in "+lang))
		}
	}
	if need(NeedScreenRead) {
		out = append(out, codedNeed("screen-reader", "Uses a screen reader"))
	}
	for _, code := range []string{ContactLetter, ContactSMS, ContactPhone, ContactEmail, ContactTextRelay, ContactBSLRelay, ContactCarer} {
		if a.Has(LinkContactNeeds, code) {
			out = append(out, codedNeed(code, "Must be contacted "+lowerFirst(optionText(ins, LinkContactNeeds, code))))
		}
	}
	for _, c := range []struct{ code, key string }{{AvoidPhone, "not-by-phone"}, {AvoidSMS, "not-by-sms"}, {AvoidEmail, "not-by-email"}, {AvoidLetter, "not-by-letter"}} {
		if a.Has(LinkContactAvoid, c.code) {
			out = append(out, codedNeed(c.key, "Must not be contacted by "+lowerFirst(optionText(ins, LinkContactAvoid, c.code))))
		}
	}
	return out
}

// couldOpen keeps, of each question not asked, only the programmes that
// answering it could really open: the rules are run again with the
// questions not asked answered each way (every combination of their
// options, since a programme may wait on two of them, the Databank on age
// and benefits), and a programme is kept where some of them offer it. A
// question left with none is dropped. The list was worked out from
// eligibility alone and named what the rules never give: the Databank and
// social tariffs for a patient who said paying for data is never a
// problem, AbilityNet for one with no device of their own.
func (ins *Instrument) couldOpen(a Answers, dir Directory, asks []Ask) []Ask {
	if len(asks) == 0 {
		return asks
	}
	opens := map[string]bool{}
	try := a.Clone()
	var each func(i int)
	each = func(i int) {
		if i == len(asks) {
			for _, r := range ins.referralsV2(try, ins.Score(try), dir) {
				opens[r.ProgrammeID] = true
			}
			return
		}
		it, ok := ins.Item(asks[i].LinkID)
		if !ok || len(it.Options) == 0 {
			each(i + 1)
			return
		}
		for _, o := range it.Options {
			try[asks[i].LinkID] = []string{o.Code}
			each(i + 1)
		}
		delete(try, asks[i].LinkID)
	}
	each(0)
	var out []Ask
	for _, ask := range asks {
		keep := Ask{LinkID: ask.LinkID, Question: ask.Question}
		for i, id := range ask.ProgrammeIDs {
			if opens[id] {
				keep.ProgrammeIDs = append(keep.ProgrammeIDs, id)
				keep.Programmes = append(keep.Programmes, ask.Programmes[i])
			}
		}
		if len(keep.ProgrammeIDs) > 0 {
			out = append(out, keep)
		}
	}
	return out
}
