package record

import (
	"slices"
	"strings"

	"digicheck/questionnaire"
)

// What the handout of a follow-up says of the adjustments of the check
// before it that stop (Change.Stopped). The note and the result say so to
// staff; a patient told nothing waits for the large print or interpreter
// that no longer comes, and takes the call or letter they said must not
// come for a mistake. Said before "How to change this", which the closing
// line points to, for a patient who still needs what stops.
const (
	headStopped     = "What is different now"
	sayStoppedAfter = "If any of this is not right for you, please tell us in one of the ways below."
	// The screen reader's adjustment where nothing could be sent that it
	// reads: the patient was told what documents said
	// (sayScreenReaderTold), and that is what stops.
	stoppedScreenReaderTold = "We will no longer tell you what is in everything we write for you."
)

// stoppedWords is what the handout says of each kind of adjustment
// (adjustmentKind) when it stops, in the patient's words, and what they get
// instead where that is plain. Every kind the handout can promise has an
// entry; "" is a decision to say nothing, with the reason beside it. Where
// what is said depends on the follow-up's own result, stoppedForResult
// decides (a call or a letter only where that route is open now; what is
// given, never posted, where nothing is posted).
var stoppedWords = map[string]string{
	questionnaire.NeedLargePrint: "Our letters to you will be in standard print from now on.",
	// A check that a screen is readable at the patient's text size, made
	// only beside large print: large print stopping is what is said.
	"large-print-screen":             "",
	questionnaire.NeedEasyRead:       "Our letters to you will not be in easy read from now on.",
	questionnaire.NeedVerbal:         "We will not always tell you things from now on. Some things we will only write down.",
	questionnaire.NeedBSLInterpreter: "We will no longer book a sign language interpreter for you.",
	questionnaire.NeedInterpreter:    "We will no longer book an interpreter for you.",
	"translated-information":         "Our letters to you will be in English from now on.",
	// Version 1's need and version 2's contact requirement have the one
	// code; version 1's sign language and carer needs are version 2's
	// kinds (adjustmentKind).
	questionnaire.NeedTextRelay:   "We will stop calling you with text relay.",
	questionnaire.ContactBSLRelay: "We will stop calling you through a sign language video relay.",
	questionnaire.NeedScreenRead:  "We will stop making what we send ready for a screen reader.",
	questionnaire.ContactCarer:    "We will stop contacting you through your carer.",
	questionnaire.ContactLetter:   "We may now contact you in other ways, not only by letter.",
	questionnaire.ContactSMS:      "We may now contact you in other ways, not only by text message.",
	questionnaire.ContactPhone:    "We may now contact you in other ways, not only by phone.",
	questionnaire.ContactEmail:    "We may now contact you in other ways, not only by email.",
	questionnaire.AvoidPhone:      "We may phone you again.",
	questionnaire.AvoidSMS:        "We may send you text messages again.",
	questionnaire.AvoidEmail:      "We may email you again.",
	questionnaire.AvoidLetter:     "We may write to you again.",
	"reading-help":                "We will not tell you what our letters say from now on, unless you ask.",
	"check-understanding":         "We will stop checking that our letters make sense to you.",
	// Offers, and safety words true for every patient: none is an
	// arrangement the patient waits on, and "we will stop" said of them
	// would mislead ("we will never ask for your bank details" holds
	// for everyone).
	"proxy-access":    "", // access given is the GP practice's, and stays until it ends it
	"app-reassurance": "",
	"trust-check":     "",
	"forms-help":      "",
	"tech-access":     "",
	"no-helper":       "", // staff's words only: the handout never said it
	"switchover":      "",
	"telecare":        "",
}

// notPostedStopped is notPosted for the words of stoppedWords.
var notPostedStopped = []struct{ posted, given string }{
	{"Our letters to you will ", "What we give you to read will "},
	{"checking that our letters make sense to you", "checking that what we give you to read makes sense to you"},
	{"tell you what our letters say", "tell you what is in anything we give you to read"},
}

// stoppedLines is what the handout tells the patient of each adjustment
// the record's change says stops, then of each of the version it replaces
// (replaces, where known) that an amendment stops (AmendStopped), once
// each, in that order: none for a record that is neither a follow-up nor
// an amendment, or that stops none. Nothing of the change is told where
// the assessment followed up was later entered in error (followedUpVoid).
func stoppedLines(r Record, rec *questionnaire.Recommendation, replaces *Record, followedUpVoid bool) []string {
	var stopped []questionnaire.Adjustment
	if r.Change != nil && !followedUpVoid {
		stopped = r.Change.Stopped
	}
	if replaces != nil {
		stopped = append(slices.Clone(stopped), AmendStopped(r, *replaces)...)
	}
	var out []string
	for _, a := range stopped {
		if s := stoppedForResult(a, r.Answers, rec); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// stoppedForResult says that a stops to the patient whose answers now are
// ans and result rec: "" where nothing changes for them (it is still made,
// under another version's code; the route it lifted a ban on is ruled out
// anyway) or there is nothing they need to know (stoppedWords).
func stoppedForResult(a questionnaire.Adjustment, ans questionnaire.Answers, rec *questionnaire.Recommendation) string {
	kind := adjustmentKind(a.Code)
	s := stoppedWords[kind]
	if s == "" {
		return ""
	}
	// A change saved by an earlier build can name as stopped what the
	// follow-up still makes under another version's code.
	if slices.ContainsFunc(rec.Adjustments, func(now questionnaire.Adjustment) bool { return adjustmentKind(now.Code) == kind }) {
		return ""
	}
	switch kind {
	case questionnaire.AvoidPhone:
		// A call only where one can reach the patient, themselves.
		if !routeOpen(rec, questionnaire.RoutePhone) || questionnaire.PhoneUseOf(ans) != questionnaire.PhoneFree {
			return ""
		}
	case questionnaire.AvoidSMS:
		if !routeOpen(rec, questionnaire.RouteSMS) {
			return ""
		}
	case questionnaire.AvoidEmail:
		if !routeOpen(rec, questionnaire.RouteEmail) {
			return ""
		}
	case questionnaire.AvoidLetter:
		if !routeOpen(rec, questionnaire.RouteLetter) {
			return ""
		}
	case questionnaire.ContactCarer:
		// Still reached through the carer some other way: the contact
		// lines say so, and nothing stops for the patient.
		if rec.Primary == questionnaire.RouteCarer || rec.Fallback == questionnaire.RouteCarer || rec.FallbackToCarer ||
			questionnaire.PhoneUseOf(ans) == questionnaire.PhoneCarer {
			return ""
		}
	case questionnaire.NeedScreenRead:
		if strings.HasPrefix(a.Text, "Tell them what documents say") {
			// Nothing was sent that a screen reader reads: what stops
			// is the telling, unless they are still told things, or
			// still told what letters say (CoveredBy).
			if CoveredBy(a, rec) != nil {
				return ""
			}
			s = stoppedScreenReaderTold
		}
	case "reading-help":
		// What they are still told (information told, not written; a
		// screen reader nothing can reach) is not taken back.
		if slices.ContainsFunc(rec.Adjustments, func(now questionnaire.Adjustment) bool {
			return now.Code == questionnaire.NeedVerbal || adjustmentForResult(now, ans, rec) == sayScreenReaderTold
		}) {
			return ""
		}
	}
	if notPostedTo(ans, rec) {
		for _, p := range notPostedStopped {
			s = strings.Replace(s, p.posted, p.given, 1)
		}
	}
	return s
}

// CoveredBy is the adjustment of rec, still in force, that gives the
// patient what a stops giving them, or nil: the screen reader's "Tell them
// what documents say" (nothing could be sent that it reads) while they are
// still told things (information told), or still told what letters say
// (reading help, often or always: "also explain what they say"). Such an
// adjustment is not said to the patient to stop, and the note says what
// covers it.
func CoveredBy(a questionnaire.Adjustment, rec *questionnaire.Recommendation) *questionnaire.Adjustment {
	if rec == nil || adjustmentKind(a.Code) != questionnaire.NeedScreenRead || !strings.HasPrefix(a.Text, "Tell them what documents say") {
		return nil
	}
	for i, now := range rec.Adjustments {
		if now.Code == questionnaire.NeedVerbal || now.Code == "reading-help" {
			return &rec.Adjustments[i]
		}
	}
	return nil
}

// contactRequired is what each contact requirement's adjustment says
// where its route is open (questionnaire's adjustmentsV2). Where the route
// is ruled out the adjustment is a warning to staff instead ("They must be
// contacted by letter, but a letter is ruled out ...: check with them
// which they need"), which is no arrangement that stops.
var contactRequired = map[string]string{
	questionnaire.ContactLetter: "Contact by letter",
	questionnaire.ContactSMS:    "Contact by text message",
	questionnaire.ContactPhone:  "Contact by phone",
	questionnaire.ContactEmail:  "Contact by email",
}

// StoppedText is an adjustment as a list of those that stop says it (the
// note, the result, the plain prompts): its own words, but for a contact
// requirement, which is said as the requirement that stops, never as the
// warning its route being ruled out made of it.
func StoppedText(a questionnaire.Adjustment) string {
	if s, ok := contactRequired[a.Code]; ok {
		return s
	}
	return a.Text
}
