package record

import (
	"fmt"
	"slices"
	"strings"

	"digicheck/questionnaire"
)

// SyntheticNoteMark is the first line of the note (and so of show) of a
// synthetic record: generated test data, never a real patient's.
const SyntheticNoteMark = "SYNTHETIC TEST RECORD: test data, not a real patient."

// NoteOptions are what a note needs besides its record.
type NoteOptions struct {
	// Replaces is the version an amendment replaces, where the caller
	// has it: the note lists each of its adjustments that the amendment
	// no longer makes (AmendStopped). Ignored unless it is the record
	// the amendment amends.
	Replaces *Record
	// FollowedUpVoid is the current version of the assessment a
	// follow-up follows up, where the caller has found it entered in
	// error (a check recorded against the wrong patient): the note says
	// so first, and leaves out what was worked out against it (the
	// change since it, its adjustments said to stop, what became of its
	// referrals), as the history and the QI summary leave it out. Nil
	// otherwise.
	FollowedUpVoid *Record
}

// FollowedUpVoidText says, first in the note of a follow-up, that the
// assessment it follows up (void, its current version) was later entered
// in error, and what of the follow-up is left out for it.
func FollowedUpVoidText(r Record, void Record) string {
	var left []string
	if r.Change != nil {
		left = append(left, "the change since it")
		if n := len(r.Change.Stopped); n > 0 {
			left = append(left, plural(n, "adjustment", "adjustments")+" of it said to stop")
		}
	}
	if n := len(r.Outcomes); n > 0 || (r.Change != nil && len(r.Change.NotKnown) > 0) {
		if r.Change != nil {
			n += len(r.Change.NotKnown)
		}
		left = append(left, "what became of "+plural(n, "referral", "referrals")+" made at it")
	}
	s := fmt.Sprintf("FOLLOWS UP AN ASSESSMENT ENTERED IN ERROR: record %s, which this follow-up follows up, was later marked entered in error (%s).", plain(r.FollowsUp.String()), plain(void.VoidReason))
	if len(left) > 0 {
		s += " These compare this follow-up with that record, so they are left out here, as the history and the QI summary leave them out: " + joinAnd(left) + "."
	}
	return s + " Everything below is this follow-up's own."
}

// NotOfferedHelpedVoid heads the referrals a follow-up did not offer
// because they were said to have helped, where the assessment they were
// made at was later entered in error.
const NotOfferedHelpedVoid = "Not offered at this follow-up, as said to have helped, though made at the assessment entered in error"

// plural is n with the word for one or for more.
func plural(n int, one, more string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, more)
}

// joinAnd joins items as a list in words: "a, b and c".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// NoteWith is the plain-text block a clinician pastes into the patient
// record: date, instrument version, the four bands, routes, adjustments,
// the referrals made or declined and, in a follow-up, the change since
// last time and what became of the earlier referrals, with what o gives.
// It is UTF-8 text with every value kept as typed: a name or language with
// no ASCII form (Dr 王芳, ትግርኛ, Yorùbá) is kept whole, because a "?" in its
// place would lose which interpreter to book and who made the entry, and
// the EHRs it is pasted into take Unicode. Every value passes through
// plain, which keeps it printable and on its own line.
func NoteWith(r Record, o NoteOptions) string {
	var b strings.Builder
	rec := standing(r.Recommendation)
	line := func(format string, args ...any) {
		for i, a := range args {
			args[i] = plain(fmt.Sprint(a))
		}
		fmt.Fprintf(&b, format, args...)
	}
	if r.Synthetic {
		// First, as the note is pasted: generated test data never
		// reads as a real patient's assessment in a patient record.
		b.WriteString(SyntheticNoteMark + "\n")
	}
	line("Digital inclusion check (digicheck, instrument v%s, directory %s)\n", r.InstrumentVersion, r.DirectoryVersion)
	line("Date: %s  Patient: %s  By: %s", r.Time.Local().Format("2006-01-02 15:04"), r.Patient, r.Clinician)
	if r.Team != "" {
		line(" (%s)", r.Team)
	}
	b.WriteString("\n")
	switch {
	case r.Status == EnteredInError:
		line("ENTERED IN ERROR: %s\n", r.VoidReason)
		if !r.Amends.IsZero() {
			line("This marks record %s as entered in error.\n", r.Amends)
		}
	case !r.Amends.IsZero():
		// Two notes for one assessment would otherwise sit side by side in
		// the patient record with nothing to say which stands.
		line("AMENDED: this note replaces the earlier note for record %s.\n", r.Amends)
		if r.AmendReason != "" {
			line("Reason for the amendment: %s\n", r.AmendReason)
		}
		if o.Replaces != nil {
			// Said, not left to be found by setting the two notes side
			// by side: the earlier note asked for each of them.
			if stopped := AmendStopped(r, *o.Replaces); len(stopped) > 0 {
				b.WriteString("These adjustments of the earlier note stop with this amendment:\n")
				for _, a := range stopped {
					if by := CoveredBy(a, &r.Recommendation); by != nil {
						// What it gave the patient goes on under one that
						// stays: said, so that the two one above the other
						// are never read as the telling stopping.
						line("- %s (what it gave goes on: covered by \"%s\", which stays)\n", StoppedText(a), plain(by.Text))
						continue
					}
					line("- %s\n", StoppedText(a))
				}
			}
			// The coded entries made from the earlier note's codes are
			// ended by code: in words only, the clinician had to find
			// which entry each stopped adjustment had been coded as.
			var ended []questionnaire.CodedNeed
			for _, n := range o.Replaces.Recommendation.Needs {
				if n.Code != "" && !slices.ContainsFunc(r.Recommendation.Needs, func(m questionnaire.CodedNeed) bool { return m.Code == n.Code }) {
					ended = append(ended, n)
				}
			}
			if len(ended) > 0 && r.Amends == o.Replaces.ID {
				b.WriteString("These coded needs of the earlier note stop with this amendment: end their coded entries:\n")
				for _, n := range ended {
					line("%s %s\n", plain(n.Code), plain(n.Term))
				}
			}
		}
	}
	if o.FollowedUpVoid != nil && !r.FollowsUp.IsZero() {
		b.WriteString(FollowedUpVoidText(r, *o.FollowedUpVoid) + "\n")
	}
	b.WriteString("Barriers: ")
	for i, d := range questionnaire.Domains {
		if i > 0 {
			b.WriteString("; ")
		}
		line("%s %s", d.Title(), r.Bands.Get(d))
	}
	b.WriteString("\n")
	// The fallback in the words of the screen; when there is none the
	// reason goes in too, so nobody reads the gap as an oversight.
	// A call through the relay the patient must be called by is named by
	// the relay, never "Phone call" (Recommendation.PrimaryTitle).
	if title, reason := rec.FallbackTextFor(r.Answers); rec.NoSecondRoute() {
		line("Contact by: %s. Fallback: %s: %s.\n", rec.PrimaryTitle(r.Answers), title, reason)
	} else {
		line("Contact by: %s. Fallback: %s.\n", rec.PrimaryTitle(r.Answers), title)
	}
	switch whose := questionnaire.ChoiceWhose(r.Answers); {
	case rec.Choice == "":
		line("%s: no preference.\n", whose)
	case rec.ChoiceHonoured:
		line("%s: %s (honoured).\n", whose, rec.Choice.Title())
	default:
		// The same words as the screen (ChoiceWords).
		status, why := ChoiceWords(rec)
		line("%s: %s (%s). Why: %s.\n", whose, rec.Choice.Title(), status, why)
	}
	if v := rec.Video; v != nil {
		if v.Possible {
			line("Video consultation: suits the patient (%s).\n", v.Reason)
		} else {
			line("Video consultation: does not suit the patient (%s).\n", v.Reason)
		}
	}
	if len(rec.Adjustments) > 0 {
		b.WriteString("Adjustments:\n")
		for _, a := range rec.Adjustments {
			line("- %s\n", a.Text)
		}
	}
	if lang := HandoutTranslation(r); lang != "" {
		line("Handout: printed in English only; have it translated into %s before giving it to the patient.\n", lang)
	}
	b.WriteString(codedNeedsNote(rec.Needs))
	if who := r.Answers.One(questionnaire.LinkRespondent); who != "" && who != questionnaire.RespondentPatient {
		if ins, ok := questionnaire.Lookup(r.InstrumentVersion); ok {
			if it, ok := ins.Item(questionnaire.LinkRespondent); ok {
				who = it.AnswerText(r.Answers[questionnaire.LinkRespondent])
			}
		}
		line("Answered by: %s.\n", who)
	}
	if len(rec.Referrals) > 0 {
		b.WriteString("Referrals:\n")
		for _, f := range rec.Referrals {
			line("- %s: %s\n", f.Name, ConsentText(f.Consent))
		}
	} else {
		b.WriteString("Referrals: none needed.\n")
	}
	unshown, helped := NotOfferedAgain(r, rec.Unshown)
	if len(unshown) > 0 {
		names := make([]string, len(unshown))
		for i, f := range unshown {
			names[i] = f.Name
		}
		line("Also suitable, not gone through or offered: %s.\n", strings.Join(names, "; "))
	}
	if len(helped) > 0 {
		// The follow-up records that it helped (Earlier referrals,
		// below): not a referral left unasked.
		names := make([]string, len(helped))
		for i, f := range helped {
			names[i] = f.Name
		}
		if o.FollowedUpVoid != nil {
			// Said to have helped of a referral of the assessment
			// entered in error: never read as this patient's outcome.
			line("%s: %s.\n", NotOfferedHelpedVoid, strings.Join(names, "; "))
		} else {
			line("Not offered again, as it helped: %s.\n", strings.Join(names, "; "))
		}
	}
	if len(rec.Kept) > 0 {
		// An amendment's note replaces the earlier note: a referral made
		// or refused there is not lost from the patient record with it.
		b.WriteString("Referrals of the earlier note, which these answers no longer offer:\n")
		for _, f := range rec.Kept {
			line("- %s: %s\n", f.Name, ConsentText(f.Consent))
		}
	}
	if o.FollowedUpVoid == nil {
		b.WriteString(followUpNote(r))
	}
	if len(rec.AskAbout) > 0 {
		b.WriteString("Not asked, could open referrals:\n")
		for _, q := range rec.AskAbout {
			line("- %s (%s)\n", q.Question, strings.Join(q.Programmes, "; "))
		}
	}
	if r.ReviewBy != "" && r.Status != EnteredInError {
		line("Review communication needs by: %s\n", r.ReviewBy)
	}
	line("Record id: %s\n", r.ID)
	return b.String()
}

// ConsentText is the patient's answer to a referral as the note, show
// and the prompts print it. "Not discussed" is said as such: the referral
// was not put to the patient, which is neither a yes nor a no.
func ConsentText(consent string) string {
	switch consent {
	case "":
		return "not asked"
	case questionnaire.Agreed:
		return "agreed"
	case questionnaire.Declined:
		return "declined"
	case questionnaire.NotDiscussed:
		return "not discussed"
	}
	return questionnaire.Printable(consent)
}

// plain keeps one value of the note on one line, as the clinician typed
// it: every letter of every script and every accent is kept, so the note
// names the interpreter to book and who made the entry exactly as the
// screen did. A line break becomes a space, so a value cannot start a line
// of its own; every other control character and bidi override is shown as
// the shared neutraliser shows it (\x1b, \u202e), never sent on.
func plain(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ", "\u2028", " ", "\u2029", " ").Replace(s)
	// A character that draws nothing, which an earlier build let into a
	// reason or a team, is shown as its code, never as nothing.
	return questionnaire.PrintableTyped(s)
}

// codedNeedsNote is the coded needs for the EHR's coded entry: each
// SNOMED CT code with its term, one per line, then the needs that have no
// published code, in words.
func codedNeedsNote(ns []questionnaire.CodedNeed) string {
	if len(ns) == 0 {
		return ""
	}
	var b strings.Builder
	var uncoded []string
	for _, n := range ns {
		if n.Code == "" {
			uncoded = append(uncoded, plain(n.Text))
			continue
		}
		if b.Len() == 0 {
			b.WriteString("Coded needs (SNOMED CT), for the coded entry:\n")
		}
		fmt.Fprintf(&b, "%s %s\n", plain(n.Code), plain(n.Term))
	}
	if len(uncoded) > 0 {
		fmt.Fprintf(&b, "Needs with no published code: %s.\n", strings.Join(uncoded, "; "))
	}
	return b.String()
}

// HandoutTranslation is the language the patient needs written information
// in, where they need it translated: the handout is printed in English
// only, so whoever gives it must have it translated first. "" when no
// translation is needed.
func HandoutTranslation(r Record) string {
	for _, a := range r.Recommendation.Adjustments {
		if a.Code == "translated-information" {
			if lang := strings.TrimSpace(questionnaire.PrintableTyped(questionnaire.LanguageOf(r.Answers))); lang != "" {
				return lang
			}
			return "the language they read"
		}
	}
	return ""
}

// ChoiceWords says what became of the patient's choice of route when it is
// not the route recommended first, as the screen, the plain prompts and
// the note all say it: "not possible", with why; or, where the route was
// possible but a rule put another first (a contact requirement, a carer,
// the reading rule), "used as well, not first", with the rule and how the
// chosen route is still used. The rules send or offer the chosen route
// beside the one they put first ("offer both", "send the letter as
// well"), so "not honoured" beside those words read as a contradiction.
// The choice is counted as not honoured in the QI summary all the same
// (Recommendation.ChoiceHonoured).
func ChoiceWords(rec questionnaire.Recommendation) (status, why string) {
	switch st := rec.ChoiceStatus(); st {
	case "", "honoured", "not possible":
		return st, rec.ChoiceNote
	}
	why = strings.TrimPrefix(rec.ChoiceNote, "chose "+rec.Choice.Title()+", but ")
	if rest, ok := strings.CutSuffix(why, "; offer both"); ok {
		why = rest + ", which comes first; offer " + chosenNoun(rec.Choice) + " as well, as chosen"
	}
	return "used as well, not first", why
}

// chosenNoun is a route as what is offered ("offer text messages as well").
func chosenNoun(r questionnaire.Route) string {
	switch r {
	case questionnaire.RouteApp:
		return "the NHS App"
	case questionnaire.RouteEmail:
		return "email"
	case questionnaire.RouteSMS:
		return "text messages"
	case questionnaire.RoutePhone:
		return "phone calls"
	case questionnaire.RouteLetter:
		return "letters"
	case questionnaire.RouteCarer:
		return "contact through their carer"
	case questionnaire.RouteInPerson:
		return "meeting in person"
	}
	return strings.ToLower(r.Title())
}

// standing is rec with each referral it kept from the version amended that
// its answers still give (among those not shown: saved so by a build that
// kept such a referral apart) said where it stands, once: among the
// referrals, with the answer kept, neither not shown nor no longer
// offered. Kept then holds only the referrals the answers no longer give.
func standing(rec questionnaire.Recommendation) questionnaire.Recommendation {
	if len(rec.Kept) == 0 || len(rec.Unshown) == 0 {
		return rec
	}
	var kept, unshown []questionnaire.Referral
	refs := slices.Clone(rec.Referrals)
	for _, f := range rec.Unshown {
		if k := slices.IndexFunc(rec.Kept, func(o questionnaire.Referral) bool { return o.ProgrammeID == f.ProgrammeID }); k >= 0 {
			f.Consent = rec.Kept[k].Consent
			refs = append(refs, f)
			continue
		}
		unshown = append(unshown, f)
	}
	for _, f := range rec.Kept {
		if !slices.ContainsFunc(rec.Unshown, func(o questionnaire.Referral) bool { return o.ProgrammeID == f.ProgrammeID }) {
			kept = append(kept, f)
		}
	}
	rec.Referrals, rec.Unshown, rec.Kept = refs, unshown, kept
	return rec
}
