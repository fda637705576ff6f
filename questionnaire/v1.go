package questionnaire

// LinkIds of instrument v1 that the recommendation reads. They are stable:
// a new instrument version may add items but never reuses a linkId for a
// different question.
const (
	LinkDevices          = "access.devices"
	LinkInternet         = "access.internet"
	LinkAfford           = "access.afford"
	LinkTasks            = "skills.tasks"
	LinkHelp             = "skills.help"
	LinkWant             = "motivation.want"
	LinkWorry            = "trust.worry"
	LinkBadExperience    = "trust.experience"
	LinkCommNeeds        = "comms.needs"
	LinkLanguage         = "comms.language"
	LinkReadingHelp      = "reading.help"
	LinkChoice           = "choice.route"
	LinkAgeBand          = "equity.age"
	LinkDisability       = "equity.disability"
	LinkBenefits         = "equity.benefits"
	LinkMainLanguage     = "equity.language"
	LinkEthnicity        = "equity.ethnicity"
	LinkPostcodeDistrict = "equity.postcode"
)

// Option codes the recommendation reads.
const (
	DevSmartphone = "smartphone"
	DevComputer   = "computer"
	DevShared     = "shared"
	DevBasicMob   = "basic-mobile"
	DevLandline   = "landline"
	DevNone       = "none"

	NetHome   = "home"
	NetMobile = "mobile-data"
	NetPublic = "public-wifi"
	NetNone   = "none"

	TaskText  = "text"
	TaskEmail = "email"
	TaskApp   = "app"
	TaskLogin = "login"
	TaskForm  = "form"
	TaskVideo = "video"
	TaskNone  = "none"

	HelpNone  = "no-help"
	HelpSome  = "some-help"
	HelpCarer = "relies"

	NeedNone        = "none"
	NeedLargePrint  = "large-print"
	NeedEasyRead    = "easy-read"
	NeedVerbal      = "verbal"
	NeedBSL         = "bsl"
	NeedInterpreter = "interpreter"
	NeedTextRelay   = "text-relay"
	NeedScreenRead  = "screen-reader"
	NeedCarer       = "via-carer"

	ReadNever     = "never"
	ReadRarely    = "rarely"
	ReadSometimes = "sometimes"
	ReadOften     = "often"
	ReadAlways    = "always"

	ChoiceNone = "no-preference"

	Yes          = "yes"
	No           = "no"
	PreferNotSay = "not-stated"
)

// V1 is instrument version 1, kept exactly as it was asked so that its
// records read, check and summarise as they were made. The items are
// digicheck's own wording, closest to (not copied from, and not a validated
// version of) the domains of NHS England's inclusive digital healthcare
// framework and the tasks of the UK Essential Digital Skills framework. The
// reading-help item adapts the single-item literacy screener (Morris et al.,
// BMC Family Practice 2006;7:21); v1 acts on often or always only (version 2
// acts on sometimes too).
var V1 = &Instrument{
	URL:     "https://digicheck.invalid/fhir/Questionnaire/digital-inclusion",
	Version: "1",
	Title:   "digicheck digital inclusion check",
	Bands: map[Domain]Thresholds{
		// Access: best device + best connection + affordability.
		// Smartphone with home internet and no money worries scores 0;
		// running out of data now and then (1) or a shared device (2)
		// is some barrier; no device (4), or a basic mobile with no
		// internet (6), is significant.
		Access: {Some: 1, Significant: 4},
		// Skills: the number of the six everyday tasks the patient
		// cannot do on their own.
		Skills: {Some: 1, Significant: 3},
		// Motivation: yes 0, yes with help 1, no 2.
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
						{Code: NetNone, Text: "I do not get online", Score: 3, Exclusive: true},
					},
				},
				affordV1,
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
						{Code: TaskText, Text: "Read and reply to a text message", Score: 1},
						{Code: TaskEmail, Text: "Open and read an email", Score: 1},
						{Code: TaskApp, Text: "Use an app on a phone or tablet", Score: 1},
						{Code: TaskLogin, Text: "Log in with a password and a code", Score: 1},
						{Code: TaskForm, Text: "Fill in a form online", Score: 1},
						{Code: TaskVideo, Text: "Join a video call", Score: 1},
						{Code: TaskNone, Text: "None of these on my own", Score: 0, Exclusive: true},
					},
				},
				{
					LinkID: LinkHelp, Type: Choice, Required: true, Domain: Skills,
					Text:  "Does someone help you with things online?",
					Label: "Help online",
					Hint:  "Family, a friend or a carer. This does not change the band; it decides carer routes.",
					Options: []Option{
						{Code: HelpNone, Text: "No, I do not need help", Score: 0},
						{Code: HelpSome, Text: "Sometimes someone helps me", Score: 0},
						{Code: HelpCarer, Text: "Someone does most things for me", Score: 0},
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
						{Code: "with-help", Text: "Yes, with some help", Score: 1},
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
						{Code: NeedBSL, Text: "British Sign Language"},
						{Code: NeedInterpreter, Text: "A spoken-language interpreter"},
						{Code: NeedTextRelay, Text: "Text relay for phone calls"},
						{Code: NeedScreenRead, Text: "A screen reader"},
						{Code: NeedCarer, Text: "Contact through my carer"},
					},
				},
				{
					LinkID: LinkLanguage, Type: Text, Required: true, MaxLen: 40,
					EnableWhen: &Condition{LinkID: LinkCommNeeds, Code: NeedInterpreter},
					Text:       "Which language does the interpreter need to speak?",
					Label:      "Language",
				},
				{
					LinkID: LinkReadingHelp, Type: Choice, Required: true,
					Text:  "How often do you need someone to help you read letters or leaflets from the NHS?",
					Label: "Reading help",
					Options: []Option{
						{Code: ReadNever, Text: "Never"},
						{Code: ReadRarely, Text: "Rarely"},
						{Code: ReadSometimes, Text: "Sometimes"},
						{Code: ReadOften, Text: "Often"},
						{Code: ReadAlways, Text: "Always"},
					},
				},
				choiceV1,
			},
		},
		equityV1,
	},
}

// equityV1 is the optional equity section, asked the same way by every
// version so far.
var equityV1 = Section{
	ID:    "equity",
	Short: "About you",
	Title: "About you (optional)",
	// The clinician decides at the gate whether to ask these: skipping
	// them leaves age, benefits and disability unknown, and unknown facts
	// never make a patient eligible, so help that needs them is not
	// offered. The intro says which, beside the gate.
	Intro:    "Optional, for equity monitoring. Skipping can leave out Device Bank, Databank, social tariffs, AbilityNet, Age UK.",
	Optional: true,
	Items: []Item{
		{
			LinkID: LinkAgeBand, Type: Choice,
			Text:  "Which age group are you in?",
			Label: "Age",
			Options: []Option{
				{Code: "16-24", Text: "16 to 24"},
				{Code: "25-34", Text: "25 to 34"},
				{Code: "35-44", Text: "35 to 44"},
				{Code: "45-54", Text: "45 to 54"},
				{Code: "55-64", Text: "55 to 64"},
				{Code: "65-74", Text: "65 to 74"},
				{Code: "75+", Text: "75 or over"},
				{Code: PreferNotSay, Text: "Prefer not to say"},
			},
		},
		{
			LinkID: LinkDisability, Type: Choice,
			Text:  "Do you have a disability or a long-term health condition?",
			Label: "Disability",
			Options: []Option{
				{Code: Yes, Text: "Yes"},
				{Code: No, Text: "No"},
				{Code: PreferNotSay, Text: "Prefer not to say"},
			},
		},
		{
			LinkID: LinkBenefits, Type: Choice,
			Text:  "Do you get any means-tested benefits, like Universal Credit or Pension Credit?",
			Label: "Benefits",
			Options: []Option{
				{Code: Yes, Text: "Yes"},
				{Code: No, Text: "No"},
				{Code: PreferNotSay, Text: "Prefer not to say"},
			},
		},
		{
			LinkID: LinkMainLanguage, Type: Choice,
			Text:  "Is English your main language?",
			Label: "English main",
			Options: []Option{
				{Code: Yes, Text: "Yes"},
				{Code: No, Text: "No"},
				{Code: PreferNotSay, Text: "Prefer not to say"},
			},
		},
		{
			LinkID: LinkEthnicity, Type: Choice,
			Text:  "What is your ethnic group?",
			Label: "Ethnic group",
			Hint:  "NHS Data Dictionary ethnic category codes.",
			// NHS Data Dictionary, ETHNIC CATEGORY (2001 census based).
			Options: []Option{
				{Code: "A", Text: "White: British"},
				{Code: "B", Text: "White: Irish"},
				{Code: "C", Text: "White: any other White background"},
				{Code: "D", Text: "Mixed: White and Black Caribbean"},
				{Code: "E", Text: "Mixed: White and Black African"},
				{Code: "F", Text: "Mixed: White and Asian"},
				{Code: "G", Text: "Mixed: any other mixed background"},
				{Code: "H", Text: "Asian or Asian British: Indian"},
				{Code: "J", Text: "Asian or Asian British: Pakistani"},
				{Code: "K", Text: "Asian or Asian British: Bangladeshi"},
				{Code: "L", Text: "Asian or Asian British: any other Asian background"},
				{Code: "M", Text: "Black or Black British: Caribbean"},
				{Code: "N", Text: "Black or Black British: African"},
				{Code: "P", Text: "Black or Black British: any other Black background"},
				{Code: "R", Text: "Other: Chinese"},
				{Code: "S", Text: "Other: any other ethnic group"},
				{Code: "Z", Text: "Not stated"},
			},
		},
		{
			LinkID: LinkPostcodeDistrict, Type: Text, MaxLen: 4,
			Text:  "What is the first part of your postcode?",
			Label: "Postcode",
			Hint:  "The outward code only, for example LS6 or SW1A. Never the full postcode.",
		},
	},
}

// Items asked the same way by versions 1 and 2. A later version that
// asks one another way has its own.
var (
	devicesV1 = Item{
		LinkID: LinkDevices, Type: MultiChoice, Required: true, Domain: Access, Scoring: ScoreBest,
		Text:  "Which of these can you use when you need to?",
		Label: "Devices",
		Hint:  "Choose all that apply. A shared or borrowed device is one that belongs to someone else.",
		Options: []Option{
			{Code: DevSmartphone, Text: "My own smartphone", Score: 0},
			{Code: DevComputer, Text: "My own tablet or computer", Score: 0},
			{Code: DevShared, Text: "A shared or borrowed device", Score: 2},
			{Code: DevBasicMob, Text: "A basic mobile for calls and texts", Score: 3},
			{Code: DevLandline, Text: "A landline phone only", Score: 4},
			{Code: DevNone, Text: "None of these", Score: 4, Exclusive: true},
		},
	}
	affordV1 = Item{
		LinkID: LinkAfford, Type: Choice, Required: true, Domain: Access,
		Text:  "Do you run out of data or credit, or find it hard to pay for?",
		Label: "Data or credit",
		Options: []Option{
			{Code: "never", Text: "No, never", Score: 0},
			{Code: "sometimes", Text: "Sometimes", Score: 1},
			{Code: "often", Text: "Often", Score: 2},
		},
	}
	worryV1 = Item{
		LinkID: LinkWorry, Type: Choice, Required: true, Domain: Trust,
		Text:  "How worried are you about scams, or about who sees your information online?",
		Label: "Worry",
		Options: []Option{
			{Code: "not", Text: "Not worried", Score: 0},
			{Code: "a-little", Text: "A little worried", Score: 1},
			{Code: "very", Text: "Very worried", Score: 3},
		},
	}
	badExperienceV1 = Item{
		LinkID: LinkBadExperience, Type: Choice, Required: true, Domain: Trust,
		Text:  "Has something bad happened to you online?",
		Label: "Bad experience",
		Hint:  "For example a scam, a hacked account or losing money.",
		Options: []Option{
			{Code: No, Text: "No", Score: 0},
			{Code: "not-put-off", Text: "Yes, but it has not put me off", Score: 1},
			{Code: "put-off", Text: "Yes, and it has put me off", Score: 3},
		},
	}
	choiceV1 = Item{
		LinkID: LinkChoice, Type: Choice, Required: true,
		Text:  "How would you like us to contact you?",
		Label: "Their choice",
		Hint:  "The patient's own choice. It is honoured when it is possible.",
		Options: []Option{
			{Code: string(RouteApp), Text: "NHS App"},
			{Code: string(RouteEmail), Text: "Email"},
			{Code: string(RouteSMS), Text: "Text message"},
			{Code: string(RoutePhone), Text: "Phone call"},
			{Code: string(RouteLetter), Text: "Letter"},
			{Code: string(RouteCarer), Text: "Through my carer"},
			{Code: ChoiceNone, Text: "No preference"},
		},
	}
)
