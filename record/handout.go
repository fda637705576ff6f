package record

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"digicheck/questionnaire"
)

// The handout's fixed words. HandoutWith and PatientSentences (a test) both build
// from these, so the reading-ease test measures exactly what patients are
// given.
const (
	handoutTitle  = "Your contact and support plan"
	headContact   = "How we will contact you"
	headChange    = "How to change this"
	headHelp      = "Help you said yes to"
	headQuestions = "Who to call"
	sayContactBy  = "We will contact you by %s."
	sayFallback   = "If that does not work, we will contact you by %s."
	sayNoOtherWay = "We do not have another way to reach you yet. Please tell us if that changes."
	sayChange     = "You can change how we contact you at any time. Tell the person who looks after you, or call your GP practice."
	// Where no carer answered, helps most or is the way to the patient,
	// there is nobody to "tell the person who looks after you".
	sayChangeAlone   = "You can change how we contact you at any time. To do this, call your GP practice."
	sayHowToGetThere = "How to get there:"
	sayCallThem      = "You can call them on %s."
	sayAskForPhone   = "Where there is no phone number, ask us and we will help you get in touch."
	sayLargePrint    = "Large print: please print this at 20 point or bigger."
	// The handout of a synthetic record, for staff trying digicheck: it
	// is never given to a patient, so it is not among the patient's
	// sentences measured for reading ease.
	sayHandoutSynthetic = "SYNTHETIC TEST DATA: this is not a real patient's plan. Do not give it to anyone."
	sayCallTeam         = "If you have questions, call %s on %s."
	sayCallUs           = "If you have questions, call us on %s."
	sayAskTeam          = "If you have questions, ask %s or your GP practice."
	sayAskUs            = "If you have questions, ask the team who gave you this or your GP practice."

	// For a patient with a screen reader whom neither email nor the NHS
	// App can reach: nothing can be sent that it reads.
	sayScreenReaderTold = "We will tell you what is in anything we write for you."

	// For a patient who must not be phoned, with no relay: every line that
	// would send them to a phone names a way they can use instead, and
	// the means to use it: a letter to the address on our letters, where
	// we write to them, else in person. A text message, email or the NHS
	// App is never named: the site gives no number to text, no address
	// to email, and a team cannot usually be sent a message in the App.
	headQuestionsNoPhone = "Who to ask"
	sayAskForHelpNoPhone = "To get in touch with them, ask us at your next visit and we will help."
	sayAskTeamNoPhone    = "If you have questions, ask %s at your next visit, or ask at your GP practice."
	sayAskUsNoPhone      = "If you have questions, ask us at your next visit, or ask at your GP practice."
	// The ways in writing the site gives (team_address, team_text), for a
	// patient who must not be phoned; %s is the team, or "us". Never "the
	// address on our letters": a first letter may not have come yet.
	sayAskForHelpWays   = "To get in touch with them, ask us in one of the ways below. We will help."
	sayChangeIntro      = "You can change how we contact you at any time."
	sayChangeCarerTells = "The person who looks after you can tell us."
	sayChangeByText     = "You can send a text message to %s on %s."
	sayChangeByPost     = "You can write to %s at %s."
	sayChangeAtVisit    = "Tell %s at your next visit, or tell your GP practice in person."
	sayChangeAlsoVisit  = "You can also tell %s at your next visit, or tell your GP practice in person."
	sayAskByText        = "If you have questions, send a text message to %s on %s."
	sayAskByPost        = "If you have questions, write to %s at %s."
	sayAskAlsoVisit     = "You can also ask %s at your next visit, or ask at your GP practice."
	// The team whose number is printed is named first, where there is
	// one, to change how we contact them: not the GP practice, which may
	// not know of this plan.
	sayChangeCallTeam      = "You can change how we contact you at any time. Tell the person who looks after you, or call %s on %s."
	sayChangeCallTeamAlone = "You can change how we contact you at any time. To do this, call %s on %s."
	sayChangeRelayTeam     = "You can change how we contact you at any time. Tell the person who looks after you, or call %s on %s through the relay."
	sayChangeRelayTeamOnly = "You can change how we contact you at any time. To do this, call %s on %s through the relay."
	sayChangeCarerTeam     = "You can change how we contact you at any time. The person who looks after you can tell us, or call %s on %s for you."
	// For a patient who must not be phoned but uses a relay, a call goes
	// through the relay.
	sayChangeRelay      = "You can change how we contact you at any time. Tell the person who looks after you, or call your GP practice through the relay."
	sayChangeRelayAlone = "You can change how we contact you at any time. To do this, call your GP practice through the relay."
	sayCallThemRelay    = "You can call them on %s through the relay."
	sayCallTeamRelay    = "If you have questions, call %s on %s through the relay."
	sayCallUsRelay      = "If you have questions, call us on %s through the relay."
	// Text relay is reached by dialling 18001 before the full number
	// (BT, who run Relay UK: "18001 if you are using a text phone to
	// contact someone who is using a standard telephone", dialled
	// "before the full national number", btplc.com/inclusion; BT price
	// list, Text Relay: "the number they will dial will be prefixed by
	// 18001"). Each number printed for a text relay user carries it, and
	// this says once what it is for. A sign language video relay has no
	// prefix and is not given one.
	relayPrefix    = "18001"
	sayRelayPrefix = "The 18001 at the start puts your call through text relay."
	// The fallback letter for a patient whose carer answered goes to the
	// carer, as the note says.
	sayFallbackCarer = "If that does not work, we will contact the person who looks after you by %s."
	// A choice of contact that is not possible is heard and said, in the
	// contact section: the note says why, and a patient told only of
	// another way thought their choice lost. Where a carer answered, the
	// choice is not called the patient's.
	sayChoiceNotPossible      = "You asked us to contact you by %s. We are sorry that we cannot do this for now."
	sayChoiceNotPossibleCarer = "We were asked to contact you by %s. We are sorry that we cannot do this for now."
	// A choice a rule put after another route (a contact requirement, a
	// carer, the reading rule) is used as well, as the note says ("used
	// as well, not first"): said, so a patient told their choice is
	// honoured as well has it on paper.
	sayChoiceAsWell      = "You asked us to contact you by %s. We will do this as well."
	sayChoiceAsWellCarer = "We were asked to contact you by %s. We will do this as well."
	// Seeing the patient is said as itself, never as "contact you by".
	sayContactInPerson  = "We will see you in person, at your next visit or at home."
	sayFallbackInPerson = "If that does not work, we will see you in person, at your next visit or at home."
	// For a patient contacted through their carer, or with no phone and a
	// carer who does most things for them, the carer makes the calls.
	sayChangeCarer   = "You can change how we contact you at any time. The person who looks after you can tell us, or call your GP practice for you."
	sayCallThemCarer = "The person who looks after you can call them on %s."
	sayCallTeamCarer = "If you have questions, the person who looks after you can call %s on %s."
	sayCallUsCarer   = "If you have questions, the person who looks after you can call us on %s."
)

// changeLines says how the patient can change how we contact them: by
// calling the team whose number is printed (through the relay, or by the
// carer, as they call), else the GP practice; a patient who must not be
// phoned by the text number or address the site gives, and always in
// person.
func changeLines(use questionnaire.PhoneUse, carer bool, team, phone, address, textNo string) []string {
	who := cmp.Or(team, "us")
	num := keepTogether(phone)
	switch {
	case use == questionnaire.PhoneNone:
		ways := []string{sayChangeIntro}
		if carer {
			ways = append(ways, sayChangeCarerTells)
		}
		if textNo != "" {
			ways = append(ways, fmt.Sprintf(sayChangeByText, who, keepTogether(textNo)))
		}
		if address != "" {
			ways = append(ways, fmt.Sprintf(sayChangeByPost, who, address))
		}
		ways = append(ways, fmt.Sprintf(pick(len(ways) == 1, sayChangeAtVisit, sayChangeAlsoVisit), who))
		return []string{strings.Join(ways, " ")}
	case use == questionnaire.PhoneRelay:
		// Every way the patient can use: the relay call, and the text
		// number and address the site gives, as for a patient who must
		// not be phoned at all.
		line := pick(carer, sayChangeRelay, sayChangeRelayAlone)
		if phone != "" {
			line = fmt.Sprintf(pick(carer, sayChangeRelayTeam, sayChangeRelayTeamOnly), who, num)
		}
		ways := []string{line}
		if textNo != "" {
			ways = append(ways, fmt.Sprintf(sayChangeByText, who, keepTogether(textNo)))
		}
		if address != "" {
			ways = append(ways, fmt.Sprintf(sayChangeByPost, who, address))
		}
		return []string{strings.Join(ways, " ")}
	case phone == "":
		switch use {
		case questionnaire.PhoneCarer:
			return []string{sayChangeCarer}
		}
		return []string{pick(carer, sayChange, sayChangeAlone)}
	case use == questionnaire.PhoneCarer:
		return []string{fmt.Sprintf(sayChangeCarerTeam, who, num)}
	}
	return []string{fmt.Sprintf(pick(carer, sayChangeCallTeam, sayChangeCallTeamAlone), who, num)}
}

// HasCarer reports whether the patient has a carer the handout may name
// ("the person who looks after you"): a carer answered for them, does
// most things online for them, or is the way to contact them. A patient
// nobody helps, or who gets help now and then, is not told to tell one.
func HasCarer(a questionnaire.Answers) bool {
	return a.One(questionnaire.LinkRespondent) == questionnaire.RespondentCarer ||
		a.One(questionnaire.LinkHelp) == questionnaire.HelpCarer ||
		a.Has(questionnaire.LinkContactNeeds, questionnaire.ContactCarer) ||
		a.Has(questionnaire.LinkCommNeeds, questionnaire.NeedCarer)
}

// HandoutOptions are what the handout needs besides the record.
type HandoutOptions struct {
	// LargePrint gives lines of at most 36 characters with space between
	// items, and says at the top to print it at 20 point or bigger: a
	// text file carries no type size, so the instruction travels with it.
	LargePrint bool
	// Team and TeamPhone are the site's team and its phone, from the
	// config: who the patient calls with questions. The handout names the
	// record's team (Team when the record has none), and gives TeamPhone
	// only when it is that team's number: a record made by another team
	// gets no number, so no patient is sent to the wrong team. Without a
	// phone, the handout says to ask the team or the GP practice.
	Team, TeamPhone string
	// TeamAddress and TeamText are the team's postal address and a
	// number that takes text messages, from the config, given to a
	// patient who must not be phoned (and, for the text number, has a
	// mobile and may be sent texts) as ways to reach the team now. As
	// with TeamPhone, a record of another team gets neither. Where
	// neither is set, that patient is told to ask in person.
	TeamAddress, TeamText string
	// Directory is the referral directory in force, where each agreed
	// referral's phone number is looked up by programme id; with no
	// programmes, the national directory is used.
	Directory questionnaire.Directory
	// Replaces is the version an amendment replaces, where the caller
	// has it: the patient holds its handout, so each of its adjustments
	// the amendment no longer makes is said to stop (AmendStopped).
	Replaces *Record
	// FollowedUpVoid says the assessment a follow-up follows up was
	// later entered in error (NoteOptions.FollowedUpVoid): what of it
	// the follow-up stops is not told to the patient, as it was never
	// theirs.
	FollowedUpVoid bool
}

// HandoutWith is the short text given to the patient after an assessment:
// how we will contact them, what of the check a follow-up follows up
// stops, how to change that, each referral they agreed to with its phone
// number (where the programme publishes one) and how to get there, and who
// to call with questions. It works on paper for a
// patient who is offline. Every sentence in it is written for a reading
// age of about 9 and measured by a test. It is plain ASCII so it prints and
// saves the same everywhere; the large-print variant has short lines and
// space between items, and no blocks of capitals (they are harder to read).
// A phone number is never split across lines.
func HandoutWith(r Record, o HandoutOptions) string {
	rec := standing(r.Recommendation)
	dir := o.Directory
	if len(dir.Programmes) == 0 {
		dir = questionnaire.National
	}
	// Text typed into a record or read from a site file is printed, never
	// obeyed: a control character in it is shown as an escape.
	pr := questionnaire.Printable
	team, phone := strings.TrimSpace(pr(r.Team)), o.TeamPhone
	switch site := strings.TrimSpace(pr(o.Team)); {
	case team == "":
		team = site
	case site != "" && !strings.EqualFold(site, team):
		phone = ""
	}
	address, textNo := strings.TrimSpace(pr(o.TeamAddress)), o.TeamText
	if phone == "" && o.TeamPhone != "" {
		// Another team's record: none of this team's ways to reach it.
		address, textNo = "", ""
	}
	// A section is a heading, its paragraphs (bulleted in the list of
	// help), and a closing paragraph.
	type section struct {
		heading string
		paras   []string
		bullets bool
		after   string
	}
	var sections []section

	use, carer := questionnaire.PhoneUseOf(r.Answers), HasCarer(r.Answers)
	// A text relay user dials 18001 before each number they call.
	dial := func(n string) string { return n }
	if use == questionnaire.PhoneRelay && usesTextRelay(r.Answers) {
		dial = func(n string) string {
			if n = strings.TrimSpace(n); n == "" {
				return ""
			}
			return relayPrefix + " " + n
		}
	}
	// A patient who must not be phoned may write to the address given, or
	// text the number given where they have a mobile and may be texted;
	// never to "the address on our letters", which may not have come yet.
	canText := textNo != "" && (r.Answers.Has(questionnaire.LinkDevices, questionnaire.DevSmartphone) ||
		r.Answers.Has(questionnaire.LinkDevices, questionnaire.DevBasicMob)) &&
		!r.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS)
	if !canText {
		textNo = ""
	}
	// A patient who cannot get online is given a phone number or our help
	// for each programme, never a website.
	offline := !questionnaire.PatientFacts(r.Answers).Online
	route := routeForPatient
	if use == questionnaire.PhoneRelay {
		// A call to a patient who must not be phoned by voice goes
		// through their relay.
		route = func(rt questionnaire.Route) string {
			if rt == questionnaire.RoutePhone {
				return "a phone call through the relay"
			}
			return routeForPatient(rt)
		}
	}
	contact := []string{fmt.Sprintf(sayContactBy, route(rec.Primary))}
	if rec.Primary == questionnaire.RouteInPerson {
		contact[0] = sayContactInPerson
	}
	switch {
	case rec.NoSecondRoute():
		contact = append(contact, sayNoOtherWay)
	case rec.FallbackToCarer && rec.Fallback != questionnaire.RouteCarer && rec.Fallback != questionnaire.RouteInPerson:
		contact = append(contact, fmt.Sprintf(sayFallbackCarer, route(rec.Fallback)))
	case rec.Fallback == questionnaire.RouteInPerson:
		contact = append(contact, sayFallbackInPerson)
	default:
		contact = append(contact, fmt.Sprintf(sayFallback, route(rec.Fallback)))
	}
	// A route used all the same (version 1's letter of last resort) is
	// not said to be impossible beside it.
	byCarer := r.Answers.One(questionnaire.LinkRespondent) == questionnaire.RespondentCarer
	switch st := rec.ChoiceStatus(); {
	case st == "not possible" && rec.Choice != rec.Primary && rec.Choice != rec.Fallback:
		contact = append(contact, fmt.Sprintf(pick(byCarer, sayChoiceNotPossibleCarer, sayChoiceNotPossible), route(rec.Choice)))
	case st == "not honoured" && rec.Choice != rec.Primary:
		// Possible, and put after another route by a rule: used as
		// well (ChoiceWords).
		contact = append(contact, fmt.Sprintf(pick(byCarer, sayChoiceAsWellCarer, sayChoiceAsWell), route(rec.Choice)))
	}
	for _, a := range rec.Adjustments {
		// A way they must be contacted that is the route or the
		// fallback already said is not said again.
		if rt, ok := contactRoute[a.Code]; ok && (rt == rec.Primary || rt == rec.Fallback) {
			continue
		}
		if s := adjustmentForResult(a, r.Answers, &rec); s != "" && !slices.Contains(contact, s) {
			contact = append(contact, s)
		}
	}
	sections = append(sections, section{heading: headContact, paras: contact})
	// A follow-up tells the patient what of the check before it stops,
	// and an amendment what of the version it replaces stops, where "How
	// to change this" follows for what is not right.
	if stopped := stoppedLines(r, &rec, o.Replaces, o.FollowedUpVoid); len(stopped) > 0 {
		sections = append(sections, section{heading: headStopped, paras: stopped, after: sayStoppedAfter})
	}
	sections = append(sections, section{heading: headChange, paras: changeLines(use, carer, team, dial(phone), address, textNo)})

	help := section{heading: headHelp, bullets: true}
	// Every referral the patient agreed to that stands: an amendment's
	// kept referrals too, as the record, its export and FHIR hold them.
	for _, f := range append(slices.Clone(rec.Referrals), rec.Kept...) {
		if f.Consent != questionnaire.Agreed {
			continue
		}
		p := pr(f.Name) + ". " + pr(f.PatientLine) + " "
		prog, ok := dir.Lookup(f.ProgrammeID)
		switch {
		case use == questionnaire.PhoneNone:
			// Said once, after the list: we put them in touch.
			help.after = pick(address != "" || textNo != "", sayAskForHelpWays, sayAskForHelpNoPhone)
		case ok && prog.Phone != "" && use == questionnaire.PhoneRelay:
			p += fmt.Sprintf(sayCallThemRelay, keepTogether(dial(prog.Phone))) + " "
		case ok && prog.Phone != "" && use == questionnaire.PhoneCarer:
			p += fmt.Sprintf(sayCallThemCarer, keepTogether(prog.Phone)) + " "
		case ok && prog.Phone != "":
			p += fmt.Sprintf(sayCallThem, keepTogether(prog.Phone)) + " "
		default:
			// Said once, after the list: a patient who is offline
			// needs a way in by phone to every programme.
			help.after = sayAskForPhone
		}
		if offline {
			// The way there is a website or the like: the phone
			// number, or our help (said after the list), instead.
			help.paras = append(help.paras, strings.TrimSpace(p))
			continue
		}
		help.paras = append(help.paras, p+sayHowToGetThere+" "+pr(f.Contact))
	}
	if len(help.paras) > 0 {
		sections = append(sections, help)
	}
	// "Who to call" heads a number to call; with none, the line says to
	// ask, and so does the heading (it said "Who to call" over "ask Ward
	// 7 or your GP practice").
	questions := section{heading: pick(phone != "", headQuestions, headQuestionsNoPhone), paras: []string{questionsLine(team, phone)}}
	switch use {
	case questionnaire.PhoneRelay:
		// The relay call, then the ways in writing the site gives, as
		// in how to change this.
		// The prefix is said right after the first number it is on.
		questions.paras = []string{questionsLineRelay(team, dial(phone))}
		if dial("0") != "0" && (phone != "" || hasPhoneReferral(rec, dir)) {
			questions.paras = append(questions.paras, sayRelayPrefix)
		}
		who := pick(team != "", team, "us")
		if textNo != "" {
			questions.paras = append(questions.paras, fmt.Sprintf(sayChangeByText, who, keepTogether(textNo)))
		}
		if address != "" {
			questions.paras = append(questions.paras, fmt.Sprintf(sayChangeByPost, who, address))
		}
	case questionnaire.PhoneCarer:
		questions.paras = []string{questionsLineCarer(team, phone)}
	case questionnaire.PhoneNone:
		questions = section{heading: headQuestionsNoPhone, paras: questionsLinesNoPhone(team, address, textNo)}
	}
	sections = append(sections, questions)

	var b strings.Builder
	title := handoutTitle
	date := r.Time.Local().Format("2 January 2006")
	width := 72
	if o.LargePrint {
		width = 36
	}
	if r.Synthetic {
		// Printed from a training store, a handout read as a real
		// patient's plan: said above the title, and again at the end,
		// where a second page ends.
		b.WriteString(Wrap(sayHandoutSynthetic, "", "", width) + "\n")
	}
	b.WriteString(title + "\n" + strings.Repeat("=", len(title)) + "\n" + date + "\n")
	if o.LargePrint {
		say := sayLargePrint
		// Version 2 records the point size the patient needs.
		if size := r.Answers.One(questionnaire.LinkPrintSize); size == "24" || size == "28" {
			say = strings.Replace(say, "20 point", size+" point", 1)
		}
		b.WriteString("\n" + Wrap(say, "", "", width))
	}
	for _, s := range sections {
		b.WriteString("\n" + s.heading + "\n" + strings.Repeat("-", len(s.heading)) + "\n")
		for i, p := range s.paras {
			if o.LargePrint && i > 0 {
				b.WriteString("\n")
			}
			prefix := ""
			if s.bullets {
				prefix = "- "
			}
			b.WriteString(Wrap(p, prefix, strings.Repeat(" ", len(prefix)), width))
		}
		if s.after != "" {
			b.WriteString("\n" + Wrap(s.after, "", "", width))
		}
	}
	if r.Synthetic {
		b.WriteString("\n" + Wrap(sayHandoutSynthetic, "", "", width))
	}
	return strings.ReplaceAll(b.String(), nbsp, " ")
}

// usesTextRelay reports whether the patient calls through text relay (a
// contact requirement, or version 1's need), not only a sign language
// video relay.
func usesTextRelay(a questionnaire.Answers) bool {
	return a.Has(questionnaire.LinkContactNeeds, questionnaire.ContactTextRelay) ||
		a.Has(questionnaire.LinkCommNeeds, questionnaire.NeedTextRelay)
}

// hasPhoneReferral reports whether an agreed referral has a phone number
// the handout prints.
func hasPhoneReferral(rec questionnaire.Recommendation, dir questionnaire.Directory) bool {
	return slices.ContainsFunc(append(slices.Clone(rec.Referrals), rec.Kept...), func(f questionnaire.Referral) bool {
		prog, ok := dir.Lookup(f.ProgrammeID)
		return ok && f.Consent == questionnaire.Agreed && prog.Phone != ""
	})
}

// questionsLine says who to call with questions, with what is known.
func questionsLine(team, phone string) string {
	switch {
	case team != "" && phone != "":
		return fmt.Sprintf(sayCallTeam, team, keepTogether(phone))
	case phone != "":
		return fmt.Sprintf(sayCallUs, keepTogether(phone))
	case team != "":
		return fmt.Sprintf(sayAskTeam, team)
	}
	return sayAskUs
}

// questionsLineRelay says who to call through the relay, for a patient who
// must not be phoned by voice.
func questionsLineRelay(team, phone string) string {
	switch {
	case team != "" && phone != "":
		return fmt.Sprintf(sayCallTeamRelay, team, keepTogether(phone))
	case phone != "":
		return fmt.Sprintf(sayCallUsRelay, keepTogether(phone))
	}
	return questionsLine(team, phone)
}

// questionsLineCarer says who the carer can call, for a patient whose
// calls their carer makes; with no number it is the neutral "ask".
func questionsLineCarer(team, phone string) string {
	switch {
	case team != "" && phone != "":
		return fmt.Sprintf(sayCallTeamCarer, team, keepTogether(phone))
	case phone != "":
		return fmt.Sprintf(sayCallUsCarer, keepTogether(phone))
	}
	return questionsLine(team, phone)
}

// questionsLinesNoPhone says who to ask, and how, for a patient who must
// not be phoned: no phone number is given, since a number reads as "call
// it"; by text to the number that takes them and by post to the address,
// where the site gives them, and always in person.
func questionsLinesNoPhone(team, address, textNo string) []string {
	who := cmp.Or(team, "us")
	var out []string
	if textNo != "" {
		out = append(out, fmt.Sprintf(sayAskByText, who, keepTogether(textNo)))
	}
	// "If you have questions" is said once: the address after the text
	// number is another way, said as one.
	switch {
	case address != "" && len(out) > 0:
		out = append(out, fmt.Sprintf(sayChangeByPost, who, address))
	case address != "":
		out = append(out, fmt.Sprintf(sayAskByPost, who, address))
	}
	if len(out) > 0 {
		return append(out, fmt.Sprintf(sayAskAlsoVisit, who))
	}
	if team != "" {
		return []string{fmt.Sprintf(sayAskTeamNoPhone, team)}
	}
	return []string{sayAskUsNoPhone}
}

// pick is a when cond holds, else b.
func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

// nbsp stands for a space that Wrap must not break at, until the handout
// is finished; it is one cell wide, as the space it replaces.
const nbsp = "\u00a0"

// keepTogether makes a phone number one word for Wrap, so that a patient
// never has to piece a number together from two lines.
func keepTogether(phone string) string {
	return strings.ReplaceAll(strings.TrimSpace(phone), " ", nbsp)
}

// routeForPatient says a route in the patient's words.
func routeForPatient(r questionnaire.Route) string {
	switch r {
	case questionnaire.RouteApp:
		return "a message in the NHS App"
	case questionnaire.RouteEmail:
		return "email"
	case questionnaire.RouteSMS:
		return "a text message to your mobile"
	case questionnaire.RoutePhone:
		return "a phone call"
	case questionnaire.RouteLetter:
		return "a letter in the post"
	case questionnaire.RouteCarer:
		return "talking to your carer"
	case questionnaire.RouteInPerson:
		return "seeing you, at your next visit or at home"
	}
	return string(r)
}

// contactRoute is the route each contact requirement asks for, where the
// handout's first lines already say it when it is the route or fallback.
var contactRoute = map[string]questionnaire.Route{
	questionnaire.ContactLetter: questionnaire.RouteLetter,
	questionnaire.ContactSMS:    questionnaire.RouteSMS,
	questionnaire.ContactPhone:  questionnaire.RoutePhone,
	questionnaire.ContactEmail:  questionnaire.RouteEmail,
	questionnaire.ContactCarer:  questionnaire.RouteCarer,
	questionnaire.NeedCarer:     questionnaire.RouteCarer,
}

// notPosted is how the handout says what would be posted, for a patient
// who must not be sent letters (questionnaire.AvoidLetter): given to them
// to read, never posted, so the sheet never promises a letter beside "We
// will not send you letters." Each phrase, where a sentence of
// adjustmentWords has it, is said the other way.
var notPosted = []struct{ posted, given string }{
	{"Our letters to you will be in large print", "What we give you to read will be in large print"},
	{"We will send you easy read letters.", "We will give you easy read information."},
	{"We will send you letters in ", "We will give you things to read in "},
	{"We will check that our letters make sense to you.", "We will check that what we give you to read makes sense to you."},
	{"tell you what our letters say", "tell you what is in anything we give you to read"},
}

// adjustmentForResult says an adjustment in the patient's words, for a
// patient whose result is rec (nil where it is not known: from the answers
// alone); to a patient who must not be sent letters, what is written is
// given, never posted (notPosted), and the handout never promises what the
// result rules out. What is written is given, never posted, where a letter
// is ruled out and is neither the route nor the fallback (a screen reader,
// information told and not written, as well as "must not be written to");
// a call from us is promised only where the phone route is possible; and
// things are sent to a screen reader only where email or the NHS App can
// reach the patient (found by walking every need and restriction through
// the handout).
func adjustmentForResult(a questionnaire.Adjustment, ans questionnaire.Answers, rec *questionnaire.Recommendation) string {
	s := adjustmentWords(a, ans, rec)
	if a.Code == questionnaire.AvoidLetter || !notPostedTo(ans, rec) {
		return s
	}
	for _, p := range notPosted {
		s = strings.Replace(s, p.posted, p.given, 1)
	}
	return s
}

// notPostedTo reports whether nothing is posted to the patient: they must
// not be written to, or their result rules a letter out and no letter to
// them is its route or fallback. A fallback letter to their carer reaches
// the carer, not them: the adjustments then say what is written is given
// to the patient by hand, and so does the handout.
func notPostedTo(ans questionnaire.Answers, rec *questionnaire.Recommendation) bool {
	switch {
	case ans.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidLetter):
		return true
	case rec == nil || rec.Primary == questionnaire.RouteLetter || rec.Fallback == questionnaire.RouteLetter && !rec.FallbackToCarer:
		return false
	}
	return !routeOpen(rec, questionnaire.RouteLetter)
}

// routeOpen reports whether rec, if known, finds a route possible; with no
// result known, every route is taken as open.
func routeOpen(rec *questionnaire.Recommendation, r questionnaire.Route) bool {
	if rec == nil {
		return true
	}
	for _, c := range rec.Checks {
		if c.Route == r {
			return c.Possible
		}
	}
	return false
}

// adjustmentWords says an adjustment in the patient's words, for a patient
// whose result is rec (nil where it is not known).
func adjustmentWords(a questionnaire.Adjustment, ans questionnaire.Answers, rec *questionnaire.Recommendation) string {
	switch a.Code {
	case questionnaire.NeedLargePrint:
		return "Our letters to you will be in large print."
	case questionnaire.NeedEasyRead:
		return "We will send you easy read letters."
	case questionnaire.NeedVerbal:
		return "We will tell you things, not just write them down."
	case questionnaire.NeedLargePrint + "-20", questionnaire.NeedLargePrint + "-24", questionnaire.NeedLargePrint + "-28":
		return fmt.Sprintf("Our letters to you will be in large print, %s point or bigger.", strings.TrimPrefix(a.Code, questionnaire.NeedLargePrint+"-"))
	case questionnaire.NeedBSL, questionnaire.NeedBSLInterpreter:
		return "We will book a sign language interpreter for you."
	case questionnaire.NeedInterpreter:
		return fmt.Sprintf("We will book an interpreter who speaks %s.", questionnaire.PrintableTyped(questionnaire.LanguageOf(ans)))
	case "translated-information":
		return fmt.Sprintf("We will send you letters in %s.", questionnaire.PrintableTyped(questionnaire.LanguageOf(ans)))
	// A way they must be contacted that their result rules out is a
	// conflict for staff to settle with them (the adjustment says so),
	// never a promise.
	case questionnaire.ContactLetter, questionnaire.ContactSMS, questionnaire.ContactPhone, questionnaire.ContactEmail:
		if !routeOpen(rec, contactRoute[a.Code]) {
			return ""
		}
		return map[string]string{
			questionnaire.ContactLetter: "We will write to you.", questionnaire.ContactSMS: "We will send you text messages.",
			questionnaire.ContactPhone: "We will phone you.", questionnaire.ContactEmail: "We will email you.",
		}[a.Code]
	case questionnaire.ContactBSLRelay:
		return "We will call you through a sign language video relay."
	case questionnaire.ContactCarer:
		return "We will talk to your carer for you."
	case questionnaire.AvoidPhone:
		// Beside a relay, "not by phone" means no voice calls.
		if ans.Has(questionnaire.LinkContactNeeds, questionnaire.ContactBSLRelay) || ans.Has(questionnaire.LinkContactNeeds, questionnaire.ContactTextRelay) {
			return "We will not call you by voice, only through the relay."
		}
		return "We will not phone you."
	case questionnaire.AvoidSMS:
		return "We will not send you text messages."
	case questionnaire.AvoidEmail:
		return "We will not email you."
	case questionnaire.AvoidLetter:
		return "We will not send you letters."
	case "check-understanding":
		return "We will check that our letters make sense to you."
	case "app-reassurance":
		return "We will never send you a link in a text message."
	case "trust-check":
		return "We will always say who we are. We will never ask for your bank details."
	case "forms-help":
		return "We can fill in forms with you."
	case "tech-access":
		// The device the adjustment names: a smartphone or computer of
		// their own, else their mobile (a basic mobile is no computer:
		// it said "your phone or computer" to a patient with a landline
		// and a basic mobile), else a shared or borrowed device, which is
		// not theirs to change.
		switch {
		case ans.Has(questionnaire.LinkDevices, questionnaire.DevSmartphone) || ans.Has(questionnaire.LinkDevices, questionnaire.DevComputer):
			return "We can show you how to make your phone or computer easier to use."
		case ans.Has(questionnaire.LinkDevices, questionnaire.DevBasicMob):
			return "We can show you how to make your mobile phone easier to use."
		}
		return "We can show you how to make a shared device easier to use while you use it."
	case "switchover":
		return "Home phone lines are moving to digital by " + questionnaire.SwitchoverDate + ". Ask us about help with this."
	case "telecare":
		// Given where the patient has a care alarm or is not sure: the
		// switchover help names none, as it is for every landline. The
		// phone company tests the alarm (DSIT, 2 June 2025: providers
		// "will send an engineer ... and personally test the telecare
		// alarm").
		if ans.One(questionnaire.LinkTelecare) == questionnaire.NotSure {
			return "If you have a care alarm, tell your phone company. They will check it still works when your line changes."
		}
		return "Tell your phone company that you have a care alarm. They will check it still works when your line changes."
	case questionnaire.NeedTextRelay:
		return "We will call you with text relay."
	case questionnaire.NeedScreenRead:
		if !routeOpen(rec, questionnaire.RouteEmail) && !routeOpen(rec, questionnaire.RouteApp) {
			return sayScreenReaderTold
		}
		return "We will send things that your screen reader can read."
	case questionnaire.NeedCarer:
		return "We will talk to your carer for you."
	case "proxy-access":
		// NHS England's proxy access guidance: the practice checks
		// first, with the patient alone, that they want it.
		return "Your carer may be able to use the NHS App for you. Your GP will first talk to you on your own, to check that this is what you want."
	case "reading-help":
		// Never by phone to a patient who must not be phoned or has no
		// phone; through the carer, a call goes to them, never to the
		// patient direct.
		switch questionnaire.PhoneUseOf(ans) {
		case questionnaire.PhoneNone, questionnaire.PhoneRelay:
			return "We will also tell you what our letters say, face to face."
		case questionnaire.PhoneCarer:
			return "We will also tell you what our letters say, face to face, or by phone to the person who looks after you."
		}
		// A patient who signs, with no relay, cannot take a call.
		if !routeOpen(rec, questionnaire.RoutePhone) {
			return "We will also tell you what our letters say, face to face."
		}
		return "We will also tell you what our letters say, by phone or face to face."
	}
	return ""
}
