package questionnaire

import (
	"fmt"
	"slices"
	"strings"
)

// Route is a way of contacting the patient.
type Route string

const (
	RouteApp    Route = "nhs-app"
	RouteEmail  Route = "email"
	RouteSMS    Route = "sms"
	RoutePhone  Route = "phone"
	RouteLetter Route = "letter"
	RouteCarer  Route = "carer"
)

// RouteVideo is a video consultation. It is not a contact route: a
// recommendation says whether it suits the patient where the service
// offers it (Recommendation.Video).
const RouteVideo Route = "video"

// Routes lists every contact route in the order they are reported. In
// person came with instrument version 2; version 1 never recommends it.
var Routes = []Route{RouteApp, RouteEmail, RouteSMS, RoutePhone, RouteLetter, RouteCarer, RouteInPerson}

// Digital reports whether the route needs the patient to use a device online
// or a text message.
func (r Route) Digital() bool { return r == RouteApp || r == RouteEmail || r == RouteSMS }

// Title names the route for people.
func (r Route) Title() string {
	switch r {
	case RouteApp:
		return "NHS App"
	case RouteEmail:
		return "Email"
	case RouteSMS:
		return "Text message"
	case RoutePhone:
		return "Phone call"
	case RouteLetter:
		return "Letter"
	case RouteCarer:
		return "Via carer"
	case RouteInPerson:
		return "In person"
	case RouteVideo:
		return "Video consultation"
	}
	return string(r)
}

// RouteCheck says whether a route is possible for this patient and why.
type RouteCheck struct {
	Route    Route  `json:"route"`
	Possible bool   `json:"possible"`
	Reason   string `json:"reason"`
}

// Adjustment is a reasonable adjustment from a communication need.
type Adjustment struct {
	Code   string `json:"code"`
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Referral is a programme offered for a barrier, with the patient's answer.
type Referral struct {
	ProgrammeID string   `json:"programme"`
	Name        string   `json:"name"`
	Barriers    []Domain `json:"barriers"`
	Reason      string   `json:"reason"`
	Contact     string   `json:"contact"`
	PatientLine string   `json:"patient_line"`
	// Consent is "" until asked, then Agreed, Declined or NotDiscussed.
	Consent string `json:"consent,omitempty"`
}

// Referral consent answers. NotDiscussed is an answer in its own right: the
// clinician says the referral was not put to the patient, and summaries
// count it as such rather than as a refusal.
const (
	Agreed       = "agreed"
	Declined     = "declined"
	NotDiscussed = "not-discussed"
)

// Recommendation is the result of an assessment.
type Recommendation struct {
	Primary        Route  `json:"primary"`
	PrimaryReason  string `json:"primary_reason"`
	Fallback       Route  `json:"fallback"`
	FallbackReason string `json:"fallback_reason"`
	// FallbackToCarer says the fallback is addressed to the patient's
	// carer, not the patient: a patient who must be contacted through
	// their carer is never phoned or written to directly as a fallback
	// (instrument version 2 on).
	FallbackToCarer bool         `json:"fallback_to_carer,omitempty"`
	Checks          []RouteCheck `json:"checks"`
	// Choice is the patient's own choice ("" for no preference).
	Choice         Route        `json:"choice,omitempty"`
	ChoiceHonoured bool         `json:"choice_honoured"`
	ChoiceNote     string       `json:"choice_note,omitempty"`
	Adjustments    []Adjustment `json:"adjustments,omitempty"`
	Referrals      []Referral   `json:"referrals,omitempty"`
	// Unshown are referrals that fit the patient but that the clinician
	// never saw (the result shows the first few, the rest behind a key).
	// They were not offered, so they are kept apart from Referrals and no
	// summary counts them; the note names them.
	Unshown []Referral `json:"unshown,omitempty"`
	// Kept, in an amendment, are the referrals the patient agreed to or
	// declined in the version amended that the corrected answers no
	// longer give: they were made (or refused), and a device may be in
	// the patient's hands, so the record keeps them with their answers,
	// apart from Referrals, which are what these answers offer. The note
	// names them.
	Kept []Referral `json:"kept,omitempty"`
	// Needs are the communication needs and contact requirements, coded
	// where a published concept exists (instrument version 2 on).
	Needs []CodedNeed `json:"needs,omitempty"`
	// Video says whether a video consultation suits the patient, where
	// the service offers them (instrument version 2 on); nil where it
	// does not, or for version 1.
	Video *RouteCheck `json:"video,omitempty"`
	// AskAbout lists unanswered questions that could open more referrals
	// for a barrier the patient has (the optional section skipped, say).
	AskAbout []Ask `json:"ask_about,omitempty"`
}

// Ask is an unanswered question worth asking, and the programmes for the
// patient's barriers that its answer could make them eligible for.
type Ask struct {
	LinkID     string   `json:"link_id"`
	Question   string   `json:"question"`
	Programmes []string `json:"programmes"`
	// ProgrammeIDs are the directory ids of Programmes, in the same order.
	ProgrammeIDs []string `json:"programme_ids,omitempty"`
}

// Result is everything an assessment works out from the answers.
type Result struct {
	InstrumentVersion string         `json:"instrument_version"`
	DirectoryVersion  string         `json:"directory_version"`
	Bands             Bands          `json:"bands"`
	Recommendation    Recommendation `json:"recommendation"`
}

// Services are what the service offers beside the routes every service
// has: they change what can be recommended, so a record keeps them (see
// Recommendation.Video).
type Services struct {
	// Video says the service offers video consultations (site config
	// video_consultation).
	Video bool
}

// Assess validates the answers and works out the bands and recommendation
// for a service that offers nothing beyond the usual routes. It is a pure
// function of the answers and the directory.
func (ins *Instrument) Assess(a Answers, dir Directory) (Result, error) {
	return ins.AssessWith(a, dir, Services{})
}

// AssessWith is Assess for a service that offers svc. It is a pure
// function of the answers, the directory and svc, by the rules of the
// instrument's own version.
func (ins *Instrument) AssessWith(a Answers, dir Directory, svc Services) (Result, error) {
	if err := ins.Validate(a); err != nil {
		return Result{}, err
	}
	bands := ins.Score(a)
	rules := ins.rules
	if rules == nil {
		rules = recommendV1
	}
	return Result{
		InstrumentVersion: ins.Version,
		DirectoryVersion:  dir.Version(),
		Bands:             bands,
		Recommendation:    rules(ins, a, bands, dir, svc),
	}, nil
}

// optionTexts lists the texts of the given codes, lower-cased for use inside
// a sentence.
func (ins *Instrument) optionTexts(linkID string, codes []string) string {
	it, ok := ins.Item(linkID)
	if !ok {
		return strings.Join(codes, ", ")
	}
	var out []string
	for _, c := range codes {
		if o, ok := it.Option(c); ok {
			out = append(out, lowerFirst(o.Text))
		}
	}
	return strings.Join(out, ", ")
}

// lowerFirst lower-cases the first letter of an option text for use inside a
// sentence, except the pronoun "I" ("I do not get online").
func lowerFirst(s string) string {
	if s == "" || s == "I" || strings.HasPrefix(s, "I ") {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func (ins *Instrument) answered(a Answers, linkID string) string {
	return ins.optionTexts(linkID, a[linkID])
}

// CanDo reports whether the patient can do a skills task on their own.
func CanDo(a Answers, task string) bool { return a.Has(LinkTasks, task) }

// CheckRoutes decides which routes are possible, each with the answers behind
// the decision.
func (ins *Instrument) CheckRoutes(a Answers, b Bands) []RouteCheck {
	ownDevice := a.Has(LinkDevices, DevSmartphone) || a.Has(LinkDevices, DevComputer)
	anyDevice := ownDevice || a.Has(LinkDevices, DevShared)
	mobile := a.Has(LinkDevices, DevSmartphone) || a.Has(LinkDevices, DevBasicMob)
	internet := a.Has(LinkInternet, NetHome) || a.Has(LinkInternet, NetMobile)
	anyInternet := internet || a.Has(LinkInternet, NetPublic)
	anyPhone := mobile || a.Has(LinkDevices, DevLandline)
	devices := "devices: " + ins.answered(a, LinkDevices)
	net := "online: " + ins.answered(a, LinkInternet)
	trust := "worry: " + ins.answered(a, LinkWorry) + "; bad experience: " + ins.answered(a, LinkBadExperience)

	verbal := a.Has(LinkCommNeeds, NeedVerbal)
	check := func(r Route) RouteCheck {
		// Someone who needs information told, not written, cannot be
		// contacted by any written route (Accessible Information Standard).
		if verbal && r != RoutePhone && r != RouteCarer {
			return RouteCheck{r, false, "needs information told to them, not written"}
		}
		switch r {
		case RouteApp:
			switch {
			case !ownDevice:
				return RouteCheck{r, false, "no own smartphone, tablet or computer (" + devices + ")"}
			case !internet:
				return RouteCheck{r, false, "no home internet or mobile data (" + net + ")"}
			case !CanDo(a, TaskLogin):
				return RouteCheck{r, false, "cannot log in with a password and a code on their own"}
			case b.Trust == SignificantBarrier:
				return RouteCheck{r, false, "significant trust barrier (" + trust + ")"}
			}
			return RouteCheck{r, true, "own device, internet, can log in with a code, trust not a significant barrier"}
		case RouteEmail:
			switch {
			case !anyDevice:
				return RouteCheck{r, false, "no smartphone, tablet or computer (" + devices + ")"}
			case !anyInternet:
				return RouteCheck{r, false, "does not get online (" + net + ")"}
			case !CanDo(a, TaskEmail):
				return RouteCheck{r, false, "cannot open an email on their own"}
			}
			return RouteCheck{r, true, "has a device, gets online and can open an email"}
		case RouteSMS:
			switch {
			case !mobile:
				return RouteCheck{r, false, "no mobile phone (" + devices + ")"}
			case !CanDo(a, TaskText):
				return RouteCheck{r, false, "cannot read and reply to a text on their own"}
			}
			return RouteCheck{r, true, "has a mobile and can read and reply to a text"}
		case RoutePhone:
			switch {
			case !anyPhone:
				return RouteCheck{r, false, "no phone of their own (" + devices + ")"}
			case a.Has(LinkCommNeeds, NeedBSL) && !a.Has(LinkCommNeeds, NeedTextRelay):
				return RouteCheck{r, false, "uses British Sign Language and no text relay is recorded"}
			}
			if a.Has(LinkCommNeeds, NeedTextRelay) {
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
			case a.Has(LinkCommNeeds, NeedCarer):
				return RouteCheck{r, true, "asked for contact through their carer"}
			case a.One(LinkHelp) == HelpCarer:
				return RouteCheck{r, true, "someone does most things online for them"}
			}
			return RouteCheck{r, false, "no carer recorded"}
		}
		return RouteCheck{r, false, "unknown route"}
	}
	out := make([]RouteCheck, 0, len(Routes))
	for _, r := range Routes {
		out = append(out, check(r))
	}
	return out
}

func possible(checks []RouteCheck, r Route) (RouteCheck, bool) {
	for _, c := range checks {
		if c.Route == r {
			return c, c.Possible
		}
	}
	return RouteCheck{}, false
}

// preference is the order routes are tried in when the patient has no
// choice or their choice is not possible. A patient who does not want to do
// health tasks online is offered non-digital routes first.
func preference(a Answers, b Bands) ([]Route, string) {
	if a.Has(LinkCommNeeds, NeedCarer) {
		return []Route{RouteCarer, RoutePhone, RouteLetter}, "asked for contact through their carer"
	}
	if b.Motivation == SignificantBarrier {
		return []Route{RoutePhone, RouteLetter, RouteCarer, RouteSMS, RouteEmail, RouteApp},
			"does not want to do health tasks online"
	}
	if r := a.One(LinkReadingHelp); r == ReadOften || r == ReadAlways {
		return []Route{RoutePhone, RouteCarer, RouteApp, RouteSMS, RouteEmail, RouteLetter},
			"needs help reading written information " + r
	}
	return []Route{RouteApp, RouteSMS, RouteEmail, RoutePhone, RouteLetter, RouteCarer},
		"wants to do health tasks online"
}

// recommendV1 is instrument version 1's rules, kept exactly as they were
// so that v1 records are recomputed and shown as they were made.
func recommendV1(ins *Instrument, a Answers, b Bands, dir Directory, _ Services) Recommendation {
	var rec Recommendation
	rec.Checks = ins.CheckRoutes(a, b)

	// The patient's choice.
	choice := a.One(LinkChoice)
	if choice != "" && choice != ChoiceNone {
		rec.Choice = Route(choice)
	}
	order, orderWhy := preference(a, b)
	carerNeed := a.Has(LinkCommNeeds, NeedCarer)
	if rec.Choice != "" {
		c, ok := possible(rec.Checks, rec.Choice)
		switch {
		case ok && carerNeed && rec.Choice != RouteCarer:
			rec.ChoiceNote = "chose " + rec.Choice.Title() + ", but asked for contact through their carer; offer both"
		case ok:
			rec.Primary, rec.ChoiceHonoured = rec.Choice, true
			rec.PrimaryReason = "the patient's own choice; " + possibleBecause(c.Reason)
		default:
			rec.ChoiceNote = "chose " + rec.Choice.Title() + ", not possible: " + c.Reason
		}
	}
	if rec.Primary == "" {
		for _, r := range order {
			if c, ok := possible(rec.Checks, r); ok {
				rec.Primary = r
				rec.PrimaryReason = "first possible route for a patient who " + orderWhy + ": " + c.Reason
				break
			}
		}
	}
	if rec.Primary == "" {
		// Nothing suits the patient's needs: a letter by post is the last
		// resort, with the adjustments that make it usable.
		c, _ := possible(rec.Checks, RouteLetter)
		rec.Primary, rec.PrimaryReason = RouteLetter, "no route suits the patient's needs; a letter by post is the last resort ("+c.Reason+"), with the adjustments below"
	}

	// The fallback is never digital.
	rec.Fallback, rec.FallbackReason = fallback(a, rec.Checks, rec.Primary)
	rec.Adjustments = ins.adjustments(a, rec)
	rec.Referrals = ins.referrals(a, b, dir)
	rec.AskAbout = ins.askAbout(a, b, dir)
	return rec
}

func fallback(a Answers, checks []RouteCheck, primary Route) (Route, string) {
	readingHelp := a.One(LinkReadingHelp) == ReadOften || a.One(LinkReadingHelp) == ReadAlways
	printNeed := a.Has(LinkCommNeeds, NeedLargePrint) || a.Has(LinkCommNeeds, NeedEasyRead)
	order := []Route{RoutePhone, RouteLetter}
	if !readingHelp && printNeed {
		order = []Route{RouteLetter, RoutePhone}
	}
	for _, r := range order {
		if r == primary {
			continue
		}
		if c, ok := possible(checks, r); ok {
			why := "non-digital route"
			switch {
			case r == RoutePhone && readingHelp:
				why = "non-digital route; needs help reading letters, so a call comes first"
			case r == RouteLetter && printNeed:
				why = "non-digital route; letters in the format they need"
			}
			return r, why + " (" + c.Reason + ")"
		}
	}
	// No second non-digital route: say so, and why, rather than offer the
	// primary again as if it were another way to reach the patient.
	var why2 []string
	for _, r := range order {
		if r == primary {
			continue
		}
		if c, _ := possible(checks, r); !c.Possible {
			why2 = append(why2, r.Title()+": "+c.Reason)
		}
	}
	if primary == RouteLetter || primary == RoutePhone {
		return primary, "no second non-digital route possible (" + strings.Join(why2, "; ") + "); record a carer or next of kin if there is one"
	}
	return RouteLetter, "last resort: no non-digital route suits the patient (" + strings.Join(why2, "; ") + "); a letter by post, with the adjustments below"
}

// NoSecondRoute reports whether the fallback is the primary route again
// because no other non-digital route is possible.
func (r Recommendation) NoSecondRoute() bool { return r.Fallback == r.Primary }

func (ins *Instrument) adjustments(a Answers, rec Recommendation) []Adjustment {
	var out []Adjustment
	add := func(code, text, reason string) {
		out = append(out, Adjustment{Code: code, Text: text, Reason: reason})
	}
	need := func(code string) bool { return a.Has(LinkCommNeeds, code) }
	// No adjustment asks for a route this result rules out (found by
	// walking every need through the result): what would be posted is
	// given by hand where a letter is ruled out (a screen reader,
	// information told and not written), and a call is named only where
	// one can reach the patient (a phone, and text relay for British Sign
	// Language). The codes are unchanged, so records made before still
	// verify.
	letter, letterOK := possible(rec.Checks, RouteLetter)
	noLetter := ""
	if !letterOK {
		noLetter = "; no letters: " + letter.Reason
	}
	_, phoneOK := possible(rec.Checks, RoutePhone)
	spoken, spokenMaybe := "by phone or in person", "in person, or by phone where possible"
	if !phoneOK {
		spoken, spokenMaybe = "in person", "in person"
	}
	if need(NeedLargePrint) {
		text := "Send letters and leaflets in large print"
		if !letterOK {
			text = "Give leaflets and printed information in large print"
		}
		add(NeedLargePrint, text, "needs information in large print"+noLetter)
	}
	if need(NeedEasyRead) {
		text := "Send information in Easy Read"
		if !letterOK {
			text = "Give information in Easy Read by hand: do not post it"
		}
		add(NeedEasyRead, text, "needs information in Easy Read"+noLetter)
	}
	if need(NeedVerbal) {
		add(NeedVerbal, "Give information verbally, "+spoken, "needs information told, not written")
	}
	if need(NeedBSL) {
		add(NeedBSL, "Book a British Sign Language interpreter for appointments", "uses British Sign Language")
	}
	if need(NeedInterpreter) {
		lang := namedAsCoded(a.One(LinkLanguage))
		where := "on calls and at appointments"
		if !phoneOK && !need(NeedCarer) {
			where = "at appointments"
		}
		add(NeedInterpreter, fmt.Sprintf("Use an interpreter for %s %s", lang, where),
			"needs a spoken-language interpreter ("+lang+")")
	}
	if need(NeedTextRelay) {
		if c, ok := possible(rec.Checks, RoutePhone); ok || need(NeedCarer) {
			add(NeedTextRelay, "Make phone calls through text relay (Relay UK)", "needs text relay for calls")
		} else {
			add(NeedTextRelay, "They need text relay (Relay UK) for calls, and have no phone of their own: do not call them", "needs text relay for calls; "+c.Reason)
		}
	}
	// A document a screen reader can read goes by email or the NHS App;
	// where neither can reach the patient, what it says is told to them.
	_, emailOK := possible(rec.Checks, RouteEmail)
	_, appOK := possible(rec.Checks, RouteApp)
	if need(NeedScreenRead) && (emailOK || appOK) {
		add(NeedScreenRead, "Send documents in a format a screen reader can read", "uses a screen reader")
	} else if need(NeedScreenRead) {
		add(NeedScreenRead, "Tell them what documents say, "+spoken+": none can be sent in a format a screen reader can read",
			"uses a screen reader; email and the NHS App cannot reach them ("+failedOf(rec.Checks, RouteEmail, RouteApp)+")")
	}
	if need(NeedCarer) {
		add(NeedCarer, "Contact through the patient's carer; record the carer's details", "asked for contact through their carer")
	}
	// The reason names the answer that shows a carer: a patient may ask for
	// contact through their carer and still need no help online.
	switch {
	case a.One(LinkHelp) == HelpCarer:
		add("proxy-access", "Offer NHS App proxy access for the carer through the GP practice",
			"a carer helps the patient ("+ins.answered(a, LinkHelp)+")")
	case need(NeedCarer):
		add("proxy-access", "Offer NHS App proxy access for the carer through the GP practice",
			"asked for contact through their carer")
	}
	switch r := a.One(LinkReadingHelp); r {
	case ReadOften, ReadAlways:
		add("reading-help", "Do not rely on written messages alone (letters, texts, email, the NHS App): also explain what they say "+spokenMaybe,
			"needs help reading NHS letters "+r)
	}
	return out
}

func (ins *Instrument) referrals(a Answers, b Bands, dir Directory) []Referral {
	return eligibleReferrals(PatientFacts(a), b, dir)
}

// eligibleReferrals is every programme of dir, in its order, that meets one
// of the patient's barriers and that pt is eligible for, with the reason.
func eligibleReferrals(pt Patient, b Bands, dir Directory) []Referral {
	var out []Referral
	for _, p := range dir.Programmes {
		var helps []Domain
		var why []string
		for _, d := range Domains {
			if b.Get(d) > NoBarrier && p.Helps(d) {
				helps = append(helps, d)
				why = append(why, d.Title()+": "+b.Get(d).String())
			}
		}
		if len(helps) == 0 {
			continue
		}
		ok, grounds := p.EligibleFor(pt)
		if !ok {
			continue
		}
		reason := strings.Join(why, "; ")
		if grounds != "" {
			reason += "; eligible: " + grounds
		}
		out = append(out, Referral{
			ProgrammeID: p.ID, Name: p.Name, Barriers: helps, Reason: reason,
			Contact: p.Contact, PatientLine: p.PatientLine,
		})
	}
	return out
}

// askAbout finds the unanswered questions that stand between the patient
// and a programme for one of their barriers, so that skipping the optional
// questions never silently drops a referral.
func (ins *Instrument) askAbout(a Answers, b Bands, dir Directory) []Ask {
	return ins.askAboutFor(a, PatientFacts(a), b, dir)
}

// askAboutFor is askAbout with the patient's facts pt.
func (ins *Instrument) askAboutFor(a Answers, pt Patient, b Bands, dir Directory) []Ask {
	byLink := map[string]*Ask{}
	var order []string
	for _, p := range dir.Programmes {
		helps := false
		for _, d := range Domains {
			helps = helps || (b.Get(d) > NoBarrier && p.Helps(d))
		}
		if !helps {
			continue
		}
		for _, l := range p.Unknowns(pt) {
			if len(a[l]) > 0 {
				continue // answered "prefer not to say": not asked again
			}
			if byLink[l] == nil {
				q := l
				if it, ok := ins.Item(l); ok {
					q = it.Text
				}
				byLink[l] = &Ask{LinkID: l, Question: q}
				order = append(order, l)
			}
			byLink[l].Programmes = append(byLink[l].Programmes, p.Name)
			byLink[l].ProgrammeIDs = append(byLink[l].ProgrammeIDs, p.ID)
		}
	}
	var out []Ask
	for _, l := range order {
		out = append(out, *byLink[l])
	}
	return out
}

// HasReferral reports whether a programme is among the referrals.
func (r Recommendation) HasReferral(id string) bool {
	return slices.ContainsFunc(r.Referrals, func(x Referral) bool { return x.ProgrammeID == id })
}

// possibleBecause says a route is possible, and why: "possible: has a
// mobile"; a reason that says so itself ("possible by post") is said
// once, never "possible: possible by post".
func possibleBecause(reason string) string {
	if strings.HasPrefix(reason, "possible ") {
		return reason
	}
	return "possible: " + reason
}
