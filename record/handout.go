package record

import (
	"fmt"
	"strings"

	"digicheck/questionnaire"
)

// Handout is the short text given to the patient after an assessment: how
// we will contact them, how to change that, and each referral they agreed
// to with how to get there. Every sentence in it is written for a reading
// age of about 9 and measured by a test. The large-print variant has short
// lines and space between items, and no blocks of capitals (they are harder
// to read); print it at 16 point or larger.
// The handout's fixed words. Handout and PatientSentences both build from
// these, so the reading-ease test measures exactly what patients are given.
const (
	handoutTitle     = "Your contact and support plan"
	headContact      = "How we will contact you"
	headChange       = "How to change this"
	headHelp         = "Help you said yes to"
	sayContactBy     = "We will contact you by %s."
	sayFallback      = "If that does not work, we will use %s."
	sayNoOtherWay    = "We do not have another way to reach you yet. Please tell us if that changes."
	sayChange        = "You can change how we contact you at any time. Tell the person who looks after you, or call your GP practice."
	sayHowToGetThere = "How to get there:"
)

func Handout(r Record, largePrint bool) string {
	rec := r.Recommendation
	var sections [][]string // a heading, then paragraphs

	contact := []string{headContact, fmt.Sprintf(sayContactBy, routeForPatient(rec.Primary))}
	if rec.NoSecondRoute() {
		contact = append(contact, sayNoOtherWay)
	} else {
		contact = append(contact, fmt.Sprintf(sayFallback, routeForPatient(rec.Fallback)))
	}
	for _, a := range rec.Adjustments {
		if s := adjustmentForPatient(a, r.Answers); s != "" {
			contact = append(contact, s)
		}
	}
	sections = append(sections, contact)
	sections = append(sections, []string{headChange, sayChange})

	var help []string
	for _, f := range rec.Referrals {
		if f.Consent != questionnaire.Agreed {
			continue
		}
		p := f.Name + ". " + f.PatientLine + " " + sayHowToGetThere + " " + f.Contact
		help = append(help, p)
	}
	if len(help) > 0 {
		sections = append(sections, append([]string{headHelp}, help...))
	}

	var b strings.Builder
	title := handoutTitle
	date := r.Time.Local().Format("2 January 2006")
	width := 72
	if largePrint {
		width = 36
	}
	b.WriteString(title + "\n" + strings.Repeat("=", len(title)) + "\n" + date + "\n")
	for _, s := range sections {
		heading := s[0]
		b.WriteString("\n" + heading + "\n" + strings.Repeat("-", len(heading)) + "\n")
		for i, p := range s[1:] {
			if largePrint && i > 0 {
				b.WriteString("\n")
			}
			prefix := ""
			if s[0] == headHelp {
				prefix = "- "
			}
			b.WriteString(wrap(prefix+p, width, strings.Repeat(" ", len(prefix))))
		}
	}
	return b.String()
}

// wrap breaks text into lines of at most width characters at spaces.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	line := 0
	for i, w := range strings.Fields(text) {
		switch {
		case i == 0:
		case line+1+len(w) > width:
			b.WriteString("\n" + indent)
			line = len(indent)
		default:
			b.WriteByte(' ')
			line++
		}
		b.WriteString(w)
		line += len(w)
	}
	b.WriteByte('\n')
	return b.String()
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
	}
	return string(r)
}

// adjustmentForPatient says an adjustment in the patient's words.
func adjustmentForPatient(a questionnaire.Adjustment, ans questionnaire.Answers) string {
	switch a.Code {
	case questionnaire.NeedLargePrint:
		return "Our letters to you will be in large print."
	case questionnaire.NeedEasyRead:
		return "We will send you easy read letters."
	case questionnaire.NeedVerbal:
		return "We will tell you things, not just write them down."
	case questionnaire.NeedBSL:
		return "We will book a sign language interpreter for you."
	case questionnaire.NeedInterpreter:
		return fmt.Sprintf("We will book an interpreter who speaks %s.", ans.One(questionnaire.LinkLanguage))
	case questionnaire.NeedTextRelay:
		return "We will call you with text relay."
	case questionnaire.NeedScreenRead:
		return "We will send things that your screen reader can read."
	case questionnaire.NeedCarer:
		return "We will talk to your carer for you."
	case "proxy-access":
		return "Your carer can ask your GP to help them use the NHS App for you."
	case "reading-help":
		return "We will also tell you what our letters say, by phone or face to face."
	}
	return ""
}

// PatientSentences is every fixed sentence the handout can contain, so a
// test can hold each to the reading-ease target.
func PatientSentences() []string {
	out := []string{handoutTitle + ".", headContact + ".", headChange + ".", headHelp + ".", sayHowToGetThere, sayNoOtherWay, sayChange}
	for _, r := range questionnaire.Routes {
		out = append(out, fmt.Sprintf(sayContactBy, routeForPatient(r)), fmt.Sprintf(sayFallback, routeForPatient(r)))
	}
	for _, code := range []string{
		questionnaire.NeedLargePrint, questionnaire.NeedEasyRead, questionnaire.NeedVerbal, questionnaire.NeedBSL,
		questionnaire.NeedInterpreter, questionnaire.NeedTextRelay, questionnaire.NeedScreenRead, questionnaire.NeedCarer,
		"proxy-access", "reading-help",
	} {
		out = append(out, adjustmentForPatient(questionnaire.Adjustment{Code: code},
			questionnaire.Answers{questionnaire.LinkLanguage: {"Polish"}}))
	}
	return out
}
