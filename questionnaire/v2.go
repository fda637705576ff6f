package questionnaire

// LinkIds that instrument version 2 adds. Version 2 keeps every linkId of
// version 1 whose question it still asks (the help question keeps its
// linkId with its answers split; see V2), and never gives an old linkId a
// different question.
const (
	LinkTelecare      = "access.telecare"
	LinkNHSApp        = "skills.nhs-app"
	LinkTechAccess    = "skills.accessibility"
	LinkPrintSize     = "comms.print-size"
	LinkLanguageCode  = "comms.language-code"
	LinkTranslated    = "comms.translated"
	LinkContactNeeds  = "contact.requires"
	LinkContactAvoid  = "contact.avoid"
	LinkRespondent    = "comms.respondent"
	LinkLanguageOther = LinkLanguage // v2 keeps the free-text language for "other"
)

// Option codes instrument version 2 adds or changes. The codes of coded
// needs and contact requirements are the keys of their SNOMED CT concepts
// (see CodedNeeds).
const (
	HelpNotNeeded = "not-needed" // v2: no help, and none needed
	HelpNobody    = "nobody"     // v2: no help, and nobody to give it

	WantNotSure = "not-sure"

	AppSelf  = "self"
	AppProxy = "proxy"
	AppNo    = "no"

	TechSight   = "sight"
	TechHearing = "hearing"
	TechHands   = "hands"
	TechMemory  = "memory"
	TechNone    = "none"

	NeedBSLInterpreter = "bsl-interpreter"

	ContactLetter    = "contact-letter"
	ContactSMS       = "contact-sms"
	ContactPhone     = "contact-phone"
	ContactEmail     = "contact-email"
	ContactTextRelay = "text-relay"
	ContactBSLRelay  = "bsl-video-relay"
	ContactCarer     = "contact-carer"
	ContactNone      = "none"

	AvoidPhone  = "not-phone"
	AvoidSMS    = "not-sms"
	AvoidEmail  = "not-email"
	AvoidLetter = "not-letter"
	AvoidNone   = "none"

	LanguageOther = "other"

	RespondentPatient     = "patient"
	RespondentCarer       = "carer"
	RespondentInterpreter = "interpreter"

	NotSure = "not-sure"
)

// SwitchoverDate is when landlines in the UK finish moving to digital
// lines, as the instrument's issue states it (BT Group's revised date for
// the PSTN switch-off, 31 January 2027).
const SwitchoverDate = "31 January 2027"

// V2 is instrument version 2, made from a clinical review of version 1
// against its references. Its items are digicheck's own wording, closest to
// the domains of NHS England's inclusive digital healthcare framework
// (access, accessibility and ease of use, skills, beliefs and trust), the
// UK Essential Digital Skills tasks, and the single-item literacy screener
// (Morris et al., BMC Family Practice 2006;7:21) for reading. It is not a
// validated instrument.
//
// What changed from version 1, and why:
//   - "I do not get online" scores 4, the significant threshold: with a
//     smartphone it was only some barrier (3), though the patient cannot get
//     online at all.
//   - Not texting adds nothing to Skills for a patient with no mobile
//     phone: it cannot be done without one, an access matter.
//   - The help question tells "I need no help" from "nobody helps me", and
//     "Yes, with some help" is no longer a motivation barrier (the patient
//     wants to; the help they need is a skills matter). "Not sure" is some
//     barrier.
//   - New: NHS App use, what makes technology hard to use, a care alarm on a
//     landline, the large-print size, the interpreter's language as a code,
//     translated letters, contact requirements apart from the preference,
//     and who answered.
var V2 = &Instrument{
	URL:     "https://digicheck.invalid/fhir/Questionnaire/digital-inclusion",
	Version: "2",
	Title:   "digicheck digital inclusion check",
	rules:   recommendV2,
	// Answers that cannot stand together are refused at the question
	// (hazard H43 in docs/clinical-safety.md).
	Consistency: consistencyV2,
	Bands: map[Domain]Thresholds{
		// Access: best device + best connection + affordability. A
		// smartphone with no way online now scores 4: significant.
		// Only public wifi (2) with data often short (2) is 4 too; only
		// public wifi and short now and then is 3: some barrier.
		Access: {Some: 1, Significant: 4},
		// Skills: the number of the six everyday tasks the patient
		// cannot do on their own.
		Skills: {Some: 1, Significant: 3},
		// Motivation: yes 0, yes with help 0, not sure 1, no 2.
		Motivation: {Some: 1, Significant: 2},
		// Trust: worry (0, 1, 3) + bad experience (0, 1, 3).
		Trust: {Some: 1, Significant: 3},
	},
	Sections: []Section{
		{
			ID:    "access",
			Short: "Access",
			Title: "Access",
			Intro: "Devices and internet the patient can use.",
			Items: []Item{
				devicesV1,
				{
					LinkID: LinkInternet, Type: MultiChoice, Required: true, Domain: Access, Scoring: ScoreBest,
					Text:  "How do you get online?",
					Label: "Internet",
					Hint:  "Choose all that apply.",
					Options: []Option{
						{Code: NetHome, Text: "Internet or wifi at home", Score: 0},
						{Code: NetMobile, Text: "Mobile data on my phone", Score: 0},
						{Code: NetPublic, Text: "Only public wifi (library, cafe)", Score: 2},
						{Code: NetNone, Text: "I do not get online", Score: 4, Exclusive: true},
					},
				},
				affordV1,
				{
					LinkID: LinkTelecare, Type: Choice, Required: true,
					EnableWhen: &Condition{LinkID: LinkDevices, Code: DevLandline},
					Text:       "Do you have a care alarm that works through your phone line?",
					Label:      "Care alarm",
					Hint:       "Telecare, such as a pendant alarm. Landlines move to digital lines by " + SwitchoverDate + ".",
					Options: []Option{
						{Code: Yes, Text: "Yes"},
						{Code: No, Text: "No"},
						{Code: NotSure, Text: "I am not sure"},
					},
				},
			},
		},
		{
			ID:    "skills",
			Short: "Skills",
			Title: "Skills",
			Intro: "Everyday tasks the patient can do without help.",
			Items: []Item{
				{
					LinkID: LinkTasks, Type: MultiChoice, Required: true, Domain: Skills, Scoring: ScoreUnselected,
					Text:  "Which of these can you do on your own?",
					Label: "Can do alone",
					Hint:  "Choose all they can do alone. Choose the last answer if they can do none.",
					Options: []Option{
						// Texting needs a mobile phone of the patient's
						// own; with none, not texting is an access
						// matter, scored under Access, and not a skills
						// barrier. The other tasks can be done on a
						// shared or borrowed device, or at a library, and
						// are scored whatever the devices.
						{Code: TaskText, Text: "Read and reply to a text message", Score: 1,
							Needs: &Condition{LinkID: LinkDevices, AnyOf: []string{DevSmartphone, DevBasicMob}}},
						{Code: TaskEmail, Text: "Open and read an email", Score: 1},
						{Code: TaskApp, Text: "Use an app on a phone or tablet", Score: 1},
						{Code: TaskLogin, Text: "Log in with a password and a code", Score: 1},
						{Code: TaskForm, Text: "Fill in a form online", Score: 1},
						{Code: TaskVideo, Text: "Join a video call", Score: 1},
						{Code: TaskNone, Text: "None of these on my own", Score: 0, Exclusive: true},
					},
				},
				{
					LinkID: LinkHelp, Type: Choice, Required: true,
					Text:  "Does someone help you with things online?",
					Label: "Help online",
					Hint:  "Family, a friend or a carer. This does not change the band; it decides carer routes and one-to-one help.",
					Options: []Option{
						{Code: HelpNotNeeded, Text: "No, I do not need help"},
						{Code: HelpNobody, Text: "No, I have nobody to help me"},
						{Code: HelpSome, Text: "Yes, someone helps me now and then"},
						{Code: HelpCarer, Text: "Yes, someone does most things for me"},
					},
				},
				{
					LinkID: LinkNHSApp, Type: MultiChoice, Required: true,
					Text:  "Do you use the NHS App or NHS login now?",
					Label: "NHS App now",
					Hint:  "For someone else means as their proxy, with their say-so.",
					Options: []Option{
						{Code: AppSelf, Text: "Yes, for myself"},
						{Code: AppProxy, Text: "Yes, for someone else"},
						{Code: AppNo, Text: "No", Exclusive: true},
					},
				},
				{
					LinkID: LinkTechAccess, Type: MultiChoice, Required: true,
					Text:  "Does anything make phones or computers hard for you to use?",
					Label: "Hard to use",
					Hint:  "Choose all that apply.",
					Options: []Option{
						{Code: TechSight, Text: "My sight"},
						{Code: TechHearing, Text: "My hearing"},
						{Code: TechHands, Text: "Using my hands"},
						{Code: TechMemory, Text: "My memory or thinking"},
						{Code: TechNone, Text: "No, nothing", Exclusive: true},
					},
				},
			},
		},
		{
			ID:    "motivation",
			Short: "Motivation",
			Title: "Motivation and trust",
			Intro: "Whether the patient wants to do health tasks online, and what worries them.",
			Items: []Item{
				{
					LinkID: LinkWant, Type: Choice, Required: true, Domain: Motivation,
					Text:  "Would you like to do things like order repeat prescriptions, book appointments or see test results online?",
					Label: "Wants online",
					Options: []Option{
						{Code: Yes, Text: "Yes", Score: 0},
						{Code: "with-help", Text: "Yes, with some help", Score: 0},
						{Code: WantNotSure, Text: "I am not sure", Score: 1},
						{Code: No, Text: "No", Score: 2},
					},
				},
				worryV1,
				badExperienceV1,
			},
		},
		{
			ID:    "needs",
			Short: "Contact",
			Title: "Communication and contact",
			Intro: "Accessible Information Standard needs, reading help and the patient's own choice.",
			Items: []Item{
				{
					LinkID: LinkCommNeeds, Type: MultiChoice, Required: true,
					Text:  "Do you need information in a certain way?",
					Label: "Needs",
					Hint:  "Accessible Information Standard. Choose all that apply.",
					Options: []Option{
						{Code: NeedNone, Text: "No, nothing extra", Exclusive: true},
						{Code: NeedLargePrint, Text: "Large print"},
						{Code: NeedEasyRead, Text: "Easy read"},
						{Code: NeedVerbal, Text: "Told to me, not written"},
						{Code: NeedBSLInterpreter, Text: "British Sign Language"},
						{Code: NeedInterpreter, Text: "A spoken-language interpreter"},
						{Code: NeedScreenRead, Text: "A screen reader"},
					},
				},
				{
					LinkID: LinkPrintSize, Type: Choice, Required: true,
					EnableWhen: &Condition{LinkID: LinkCommNeeds, Code: NeedLargePrint},
					Text:       "How big does the print need to be?",
					Label:      "Print size",
					Hint:       "Sans serif font, at least this size. Show a sample if you have one.",
					Options: []Option{
						{Code: "20", Text: "20 point"},
						{Code: "24", Text: "24 point"},
						{Code: "28", Text: "28 point"},
					},
				},
				{
					LinkID: LinkLanguageCode, Type: Choice, Required: true,
					EnableWhen: &Condition{LinkID: LinkCommNeeds, Code: NeedInterpreter},
					Text:       "Which language does the interpreter need to speak?",
					Label:      "Language",
					// The ten most common main languages after English
					// and Welsh in England and Wales (ONS, Language,
					// England and Wales: Census 2021), coded by ISO 639-1;
					// any other is typed.
					Options: []Option{
						{Code: "pl", Text: "Polish"},
						{Code: "ro", Text: "Romanian"},
						{Code: "pa", Text: "Panjabi"},
						{Code: "ur", Text: "Urdu"},
						{Code: "pt", Text: "Portuguese"},
						{Code: "es", Text: "Spanish"},
						{Code: "ar", Text: "Arabic"},
						{Code: "bn", Text: "Bengali"},
						{Code: "gu", Text: "Gujarati"},
						{Code: "it", Text: "Italian"},
						{Code: LanguageOther, Text: "Another language"},
					},
				},
				{
					LinkID: LinkLanguageOther, Type: Text, Required: true, MaxLen: 40,
					EnableWhen: &Condition{LinkID: LinkLanguageCode, Code: LanguageOther},
					Text:       "What is the other language?",
					Label:      "Other language",
				},
				{
					LinkID: LinkTranslated, Type: Choice, Required: true,
					EnableWhen: &Condition{LinkID: LinkCommNeeds, Code: NeedInterpreter},
					Text:       "Do you need letters written in your own language?",
					Label:      "Translated letters",
					Options: []Option{
						{Code: Yes, Text: "Yes"},
						{Code: No, Text: "No"},
					},
				},
				{
					LinkID: LinkReadingHelp, Type: Choice, Required: true,
					Text:  "How often do you need someone to help you read letters or leaflets from the NHS?",
					Label: "Reading help",
					Hint:  "Sometimes, often or always is a positive screen (Morris et al. 2006).",
					Options: []Option{
						{Code: ReadNever, Text: "Never"},
						{Code: ReadRarely, Text: "Rarely"},
						{Code: ReadSometimes, Text: "Sometimes"},
						{Code: ReadOften, Text: "Often"},
						{Code: ReadAlways, Text: "Always"},
					},
				},
				{
					LinkID: LinkContactNeeds, Type: MultiChoice, Required: true,
					Text:  "Because of a disability or health need, must we contact you in a certain way?",
					Label: "Must contact",
					Hint:  "A contact requirement (Accessible Information Standard), not a preference. Choose all that apply.",
					Options: []Option{
						{Code: ContactNone, Text: "No", Exclusive: true},
						{Code: ContactLetter, Text: "By letter"},
						{Code: ContactSMS, Text: "By text message"},
						{Code: ContactPhone, Text: "By phone"},
						{Code: ContactEmail, Text: "By email"},
						{Code: ContactTextRelay, Text: "By phone through text relay"},
						{Code: ContactBSLRelay, Text: "By a sign language video relay"},
						{Code: ContactCarer, Text: "Through my carer"},
					},
				},
				{
					LinkID: LinkContactAvoid, Type: MultiChoice, Required: true,
					Text:  "Is there a way we must not contact you?",
					Label: "Must not use",
					Hint:  "For example no calls because of hearing, speech or worry. Choose all that apply.",
					Options: []Option{
						{Code: AvoidNone, Text: "No", Exclusive: true},
						{Code: AvoidPhone, Text: "Phone calls"},
						{Code: AvoidSMS, Text: "Text messages"},
						{Code: AvoidEmail, Text: "Email"},
						{Code: AvoidLetter, Text: "Letters"},
					},
				},
				choiceV1,
				{
					LinkID: LinkRespondent, Type: Choice, Required: true,
					Text:  "Who gave these answers?",
					Label: "Answered by",
					Hint:  "For you to record; no need to read it out.",
					Options: []Option{
						{Code: RespondentPatient, Text: "The patient"},
						{Code: RespondentCarer, Text: "A carer, for the patient"},
						{Code: RespondentInterpreter, Text: "The patient, through an interpreter"},
					},
				},
			},
		},
		equityV1,
	},
}

// consistencyV2 is version 2's answers that cannot stand together: a
// contact requirement and a "must not" for the same way; a choice of a way
// the patient must not be contacted; and a requirement their phones and
// internet cannot meet, which would put a code in the record (a flag in
// the EHR) that sends staff to a way that cannot reach the patient. The
// clinician records the way that can reach them instead, or mends the
// devices answer if it was wrong (hazard H43). A "must not" never gives
// way to the choice: it is taken, and the choice is asked again.
var consistencyV2 = []Consistency{
	{LinkID: LinkContactNeeds, Code: ContactPhone, Other: LinkContactAvoid, Conflicts: []string{AvoidPhone},
		Message: "You chose both 'by phone' and 'not by phone': choose one"},
	{LinkID: LinkContactNeeds, Code: ContactSMS, Other: LinkContactAvoid, Conflicts: []string{AvoidSMS},
		Message: "You chose both 'by text message' and 'not by text message': choose one"},
	{LinkID: LinkContactNeeds, Code: ContactEmail, Other: LinkContactAvoid, Conflicts: []string{AvoidEmail},
		Message: "You chose both 'by email' and 'not by email': choose one"},
	{LinkID: LinkContactNeeds, Code: ContactLetter, Other: LinkContactAvoid, Conflicts: []string{AvoidLetter},
		Message: "You chose both 'by letter' and 'not by letter': choose one"},
	{LinkID: LinkChoice, Code: string(RoutePhone), Other: LinkContactAvoid, Conflicts: []string{AvoidPhone},
		Message: "They must not be phoned, so a phone call cannot be their choice: choose another",
		Yields:  "They must not be phoned, so their choice of a phone call cannot stand: ask their choice again"},
	{LinkID: LinkChoice, Code: string(RouteSMS), Other: LinkContactAvoid, Conflicts: []string{AvoidSMS},
		Message: "They must not be sent texts, so a text message cannot be their choice: choose another",
		Yields:  "They must not be sent texts, so their choice of a text message cannot stand: ask their choice again"},
	{LinkID: LinkChoice, Code: string(RouteEmail), Other: LinkContactAvoid, Conflicts: []string{AvoidEmail},
		Message: "They must not be emailed, so email cannot be their choice: choose another",
		Yields:  "They must not be emailed, so their choice of email cannot stand: ask their choice again"},
	{LinkID: LinkChoice, Code: string(RouteLetter), Other: LinkContactAvoid, Conflicts: []string{AvoidLetter},
		Message: "They must not be sent letters, so a letter cannot be their choice: choose another",
		Yields:  "They must not be sent letters, so their choice of a letter cannot stand: ask their choice again"},
	{LinkID: LinkContactNeeds, Code: ContactSMS, Other: LinkDevices, Needs: []string{DevSmartphone, DevBasicMob},
		Message: "They have no mobile phone, so texts cannot reach them: record a way that can, or correct their phones"},
	{LinkID: LinkContactNeeds, Code: ContactPhone, Other: LinkDevices, Needs: []string{DevSmartphone, DevBasicMob, DevLandline},
		Message: "They have no phone, so calls cannot reach them: record a way that can, or correct their phones"},
	{LinkID: LinkContactNeeds, Code: ContactTextRelay, Other: LinkDevices, Needs: []string{DevSmartphone, DevBasicMob, DevLandline},
		Message: "They have no phone, so relay calls cannot reach them: record a way that can, or correct their phones"},
	// A sign language video relay is a video call: a smartphone, tablet
	// or computer (a shared one will do), online at home or on mobile
	// data, since public wifi is not where a call can reach them.
	{LinkID: LinkContactNeeds, Code: ContactBSLRelay, Other: LinkDevices, Needs: []string{DevSmartphone, DevComputer, DevShared},
		Message: "They have no smartphone, tablet or computer for a video call, so video relay calls cannot reach them: record a way that can, or correct their devices"},
	{LinkID: LinkContactNeeds, Code: ContactBSLRelay, Other: LinkInternet, Needs: []string{NetHome, NetMobile},
		Message: "They are not online at home or on mobile data, so video relay calls cannot reach them: record a way that can, or correct how they get online"},
	{LinkID: LinkContactNeeds, Code: ContactEmail, Other: LinkDevices, Needs: []string{DevSmartphone, DevComputer, DevShared},
		Message: "They have no phone, tablet or computer to read email on: record a way that can reach them, or correct their devices"},
	{LinkID: LinkContactNeeds, Code: ContactEmail, Other: LinkInternet, Needs: []string{NetHome, NetMobile, NetPublic},
		Message: "They do not get online, so email cannot reach them: record a way that can, or correct how they get online"},
}
