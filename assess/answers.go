package assess

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"digicheck/questionnaire"
	"digicheck/record"
)

// The question that opens an optional section, in the words and order both
// front ends use, so a clinician who uses both presses the same numbers.
const (
	GateQuestion = "Ask these optional questions?"
	GateAsk      = "Yes, ask them"
	GateSkip     = "No, skip them"
)

// SkipText is the last option of an optional single-choice question in the
// terminal UI, after the real answers, so their numbers are those of the
// plain prompts.
const SkipText = "Skip this question"

// Answers is a copy of the answers given so far, section by section as
// each was completed.
func (s *Session) Answers() questionnaire.Answers { return s.answers.Clone() }

// Answered reports whether any question of section k has an answer: its
// optional questions were asked.
func (s *Session) Answered(k int) bool {
	for _, it := range s.ins.Sections[k].Items {
		if len(s.answers[it.LinkID]) > 0 {
			return true
		}
	}
	return false
}

// Asked reports whether an item is asked given live, the answers as they
// stand on screen (those of its own section as being typed, over the
// committed ones): an item whose EnableWhen does not hold is not.
func Asked(it *questionnaire.Item, live questionnaire.Answers) bool { return it.Enabled(live) }

// Check checks one answer to an item and says what is wrong in words for
// the person at the keyboard (without the item's linkId).
//
// The answer is also checked against the answers given so far: one that
// cannot stand with another ("by phone" and "not by phone") is refused.
func (s *Session) Check(it *questionnaire.Item, values []string) error {
	return s.checkWith(it, values, s.answers)
}

// CheckLive is Check for a form that holds a whole section as it is being
// answered: the answer is checked against section's answers as they stand
// (over the committed ones), so "not by phone" is refused as it is ticked
// beside "by phone" in the same section, not only when the section is done.
func (s *Session) CheckLive(k int, it *questionnaire.Item, values []string, section questionnaire.Answers) error {
	return s.checkWith(it, values, s.Live(k, section))
}

// GivesWay is the answers given so far that give way to values as it's
// answer, each with why: a choice of a way the patient must not be
// contacted gives way to the restriction, which is never refused for it.
// Confirming values drops them (SetConfirmed), and they are asked again.
func (s *Session) GivesWay(it *questionnaire.Item, values []string) []questionnaire.Yield {
	return s.ins.GivesWay(it, values, s.answers)
}

// GivesWayLive is GivesWay for a form that holds section k as it is being
// answered (see CheckLive).
func (s *Session) GivesWayLive(k int, it *questionnaire.Item, values []string, section questionnaire.Answers) []questionnaire.Yield {
	return s.ins.GivesWay(it, values, s.Live(k, section))
}

func (s *Session) checkWith(it *questionnaire.Item, values []string, given questionnaire.Answers) error {
	if err := reason(s.ins.CheckAnswer(it, values, given)); err != nil {
		return err
	}
	if err := CheckTextAnswer(it, values); err != nil {
		return err
	}
	return checkTextAnswerOf(it, values, s.patient)
}

// reason keeps the instrument's reason and drops the linkId, which means
// nothing to the person at the keyboard.
func reason(err error) error {
	var ae *questionnaire.AnswerError
	if errors.As(err, &ae) {
		return errors.New(ae.Reason)
	}
	return err
}

// TextAnswer turns typed text into an answer: nothing for blank text, and
// the postcode district kept normalised (upper case, no spaces) so
// summaries group it.
func TextAnswer(it *questionnaire.Item, typed string) []string {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return nil
	}
	if it.LinkID == questionnaire.LinkPostcodeDistrict {
		if d, err := questionnaire.NormalisePostcodeDistrict(typed); err == nil {
			typed = d
		}
	}
	return []string{typed}
}

// Live is the committed answers with a section's answers as they stand laid
// over them: what decides which of its questions are shown, never what is
// saved.
func (s *Session) Live(k int, section questionnaire.Answers) questionnaire.Answers {
	a := s.answers.Clone()
	for _, it := range s.ins.Sections[k].Items {
		if v := section[it.LinkID]; len(v) > 0 {
			a[it.LinkID] = v
		} else {
			delete(a, it.LinkID)
		}
	}
	return a
}

// SetSection completes section k with the answers given to its questions
// (other sections' answers in given are ignored). Exactly the questions
// asked are kept: an answer to a question no longer shown (the
// interpreter's language once "interpreter" was unticked) is dropped, and
// every answer kept is checked. Skipping an optional section is setting it
// with no answers.
func (s *Session) SetSection(k int, given questionnaire.Answers) error {
	sec := &s.ins.Sections[k]
	live := s.Live(k, given)
	next := questionnaire.Answers{}
	for i := range sec.Items {
		it := &sec.Items[i]
		if !Asked(it, live) {
			continue
		}
		v := given[it.LinkID]
		if err := s.checkWith(it, v, live); err != nil {
			return fmt.Errorf("%s: %w", it.Label, err)
		}
		if len(v) > 0 {
			next[it.LinkID] = v
		}
	}
	s.replace(sec, next)
	for _, it := range sec.Items {
		delete(s.reask, it.LinkID)       // answered again, or not asked
		delete(s.unconfirmed, it.LinkID) // confirmed, or not asked
		delete(s.held, it.LinkID)        // answered
	}
	s.reached = max(s.reached, k+1)
	return nil
}

// SetConfirmed lays the answers confirmed so far in section k over the
// committed ones, without completing it: for a draft of a section left part
// way (the plain prompts keep one after every answer). Each answer is
// checked; where k is reached. An answer that gives way to one confirmed
// (GivesWay), and is not itself given, is dropped, to be asked again: until
// it is given again, a draft resumes at its section (Draft).
func (s *Session) SetConfirmed(k int, given questionnaire.Answers) error {
	sec := &s.ins.Sections[k]
	for i := range sec.Items {
		it := &sec.Items[i]
		v, ok := given[it.LinkID]
		if !ok {
			continue
		}
		if err := s.Check(it, v); err != nil {
			return fmt.Errorf("%s: %w", it.Label, err)
		}
		for _, y := range s.GivesWay(it, v) {
			if _, also := given[y.LinkID]; !also && len(s.answers[y.LinkID]) > 0 {
				delete(s.answers, y.LinkID)
				if s.reask == nil {
					s.reask = map[string]bool{}
				}
				s.reask[y.LinkID] = true
			}
		}
		delete(s.reask, it.LinkID)
		delete(s.unconfirmed, it.LinkID)
		delete(s.held, it.LinkID)
		if len(v) > 0 {
			s.answers[it.LinkID] = v
		} else {
			delete(s.answers, it.LinkID)
		}
	}
	s.Reach(k)
	s.changed()
	return nil
}

func (s *Session) replace(sec *questionnaire.Section, a questionnaire.Answers) {
	for _, it := range sec.Items {
		delete(s.answers, it.LinkID)
	}
	for k, v := range a {
		s.answers[k] = append([]string(nil), v...)
	}
	s.changed()
}

// Reach notes that section k was opened: a draft resumes there.
func (s *Session) Reach(k int) { s.reached = max(s.reached, k) }

// Reached is the furthest section opened, or len(Sections) once the last
// was completed.
func (s *Session) Reached() int { return s.reached }

// AsksOutcomes reports whether this assessment asks what became of the
// referrals of the one it follows up: a follow-up of an assessment with
// referrals the patient agreed to.
func (s *Session) AsksOutcomes() bool { return len(s.OutcomeReferrals()) > 0 }

// OutcomeReferrals are the referrals a follow-up asks about: those of the
// record followed up that the patient agreed to. An amendment of a
// follow-up asks about them again when it was given that record
// (Options.Earlier), with what was said chosen; otherwise it asks none and
// keeps what was said.
func (s *Session) OutcomeReferrals() []questionnaire.Referral {
	base := s.Earlier()
	if base == nil {
		return nil
	}
	var out []questionnaire.Referral
	// With those an amendment kept from the version it corrected: they
	// were made, and what became of them is asked as of any other.
	for _, f := range append(slices.Clone(base.Recommendation.Referrals), base.Recommendation.Kept...) {
		if f.Consent == questionnaire.Agreed {
			out = append(out, f)
		}
	}
	return out
}

// Outcome is what is recorded of one earlier referral: its code (one of
// record.OutcomeCodes), and "" when not known; Reason only with
// record.OutcomeNotTakenUp.
func (s *Session) Outcome(programme string) (code, why string, given bool) {
	for _, o := range s.outcomes {
		if o.ProgrammeID == programme {
			return o.Outcome, o.Reason, true
		}
	}
	return "", "", false
}

// Outcomes is what became of the earlier referrals, as given.
func (s *Session) Outcomes() []record.ReferralOutcome {
	return append([]record.ReferralOutcome(nil), s.outcomes...)
}

// CheckOutcomeReason refuses a reason that cannot be printed or is longer
// than MaxOutcomeReason.
func CheckOutcomeReason(why string) error {
	why = strings.TrimSpace(why)
	if err := questionnaire.CheckText(why); err != nil {
		return err
	}
	if err := checkLen(why, MaxOutcomeReason, "the reason"); err != nil {
		return err
	}
	// "daughter 943 476 5919 has it": a patient's number in the
	// patient's words, as the clinician and team boxes refuse one.
	return CheckReason(why)
}

// CheckOutcomeReason is CheckOutcomeReason for this session's patient:
// their own identifier is refused in the reason too (CheckReasonOf), as
// both front ends check it as it is typed.
func (s *Session) CheckOutcomeReason(why string) error {
	if err := CheckOutcomeReason(why); err != nil {
		return err
	}
	return CheckReasonOf(why, s.patient)
}

// CheckTypedOutcomeReason is CheckOutcomeReason for a reason as it is
// typed in either front end: it refuses too a character that draws nothing
// (CheckNoInvisible), as the amend and void reasons are refused one: "no
// time" typed with a Hangul filler was kept, and the note, history and the
// exports carried it. Not in CheckOutcomeReason, which SetOutcomes runs on
// the outcomes of a draft an earlier build kept.
func (s *Session) CheckTypedOutcomeReason(why string) error {
	if err := s.CheckOutcomeReason(why); err != nil {
		return err
	}
	if strings.TrimSpace(why) == "" {
		return nil // optional
	}
	return CheckTypedReason(why)
}

// CheckTypedReason refuses, in a reason as it is typed (why an assessment
// is amended or voided, why a referral was not taken up), what shows
// nothing where the reason is read: a character that draws nothing
// (CheckNoInvisible), and a reason with no letter or digit, as a team's
// name with no letter is refused. A void reason of a lone combining
// accent (U+0301), of the combining keycap (U+20E3) or of the musical
// null notehead (U+1D159) was taken, and history printed "entered in
// error because: ́", an accent on the space: a void with no reason to
// read. Records and drafts an earlier build kept are read as before
// (CheckOutcomeReason).
func CheckTypedReason(why string) error {
	if err := CheckNoInvisible(why, "which shows nothing, or is printed as its code, wherever the reason is shown: retype the reason without it"); err != nil {
		return err
	}
	if strings.IndexFunc(why, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return errors.New("a reason says why in words, and what was typed has no letter or digit: say why in words")
	}
	return nil
}

// CheckReason refuses a reason (why a referral was not taken up, why an
// assessment is amended or voided) holding a run of ten or more digits: a
// patient's NHS number, or a phone number, kept in the record's free text
// and printed wherever the record is. The record names its own patient.
func CheckReason(why string) error {
	return checkDigitsIn(why, "and no patient's number is kept in the reason", "type it without the number")
}

// SetOutcomes records what became of the earlier referrals, in their
// order: each names one of OutcomeReferrals; a referral left out is not
// known. The reason is kept only for a referral not taken up.
func (s *Session) SetOutcomes(given []record.ReferralOutcome) error {
	refs := s.OutcomeReferrals()
	var out []record.ReferralOutcome
	for _, f := range refs {
		for _, o := range given {
			if o.ProgrammeID != f.ProgrammeID || o.Outcome == "" {
				continue
			}
			o.Name = f.Name
			o.Reason = strings.TrimSpace(o.Reason)
			if o.Outcome != record.OutcomeNotTakenUp {
				o.Reason = ""
			}
			if err := o.Validate(); err != nil {
				return err
			}
			if err := s.CheckOutcomeReason(o.Reason); err != nil {
				return fmt.Errorf("why %s was not taken up: %w", f.Name, err)
			}
			out = append(out, o)
		}
	}
	for _, o := range given {
		if o.Outcome != "" && !hasProgramme(refs, o.ProgrammeID) {
			return fmt.Errorf("%w: %s was not a referral the patient agreed to", record.ErrOutcome, o.ProgrammeID)
		}
	}
	s.outcomes = out
	// Each reason held as not confirmed was confirmed or changed with
	// the outcomes given.
	s.unconfirmedReasons = nil
	s.changed()
	return nil
}

func hasProgramme(refs []questionnaire.Referral, id string) bool {
	for _, r := range refs {
		if r.ProgrammeID == id {
			return true
		}
	}
	return false
}
