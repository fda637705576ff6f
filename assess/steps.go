package assess

import "strings"

// Step is one stage of an assessment, the same in both front ends.
type Step int

const (
	StepPatient  Step = iota // who is assessed, and by whom
	StepOutcomes             // a follow-up: what became of the referrals agreed last time
	StepSection              // one section of the instrument (At.Section)
	StepReview               // every answer, each section open to change
	StepResult               // the result, consent to each referral, and the save
)

// At is where an assessment is: a step, and for StepSection which section.
type At struct {
	Step    Step
	Section int
}

// First is where an assessment starts: the patient's details.
func (s *Session) First() At { return At{Step: StepPatient} }

// Next is the step after at, going forward. After the patient an amendment
// goes to the review (every answer is as recorded; a section is opened from
// there), and a follow-up asks about the earlier referrals first.
func (s *Session) Next(at At) At {
	switch at.Step {
	case StepPatient:
		switch {
		case s.amends != nil:
			return At{Step: StepReview}
		case s.AsksOutcomes():
			return At{Step: StepOutcomes}
		}
		return At{Step: StepSection}
	case StepOutcomes:
		return At{Step: StepSection}
	case StepSection:
		if at.Section+1 < len(s.ins.Sections) {
			return At{Step: StepSection, Section: at.Section + 1}
		}
		return At{Step: StepReview}
	}
	return At{Step: StepResult}
}

// Prev is the step before at, going back: from the first section to the
// outcomes or the patient, from the review to the last section, from the
// result to the review. The patient step has none before it (ok false).
func (s *Session) Prev(at At) (At, bool) {
	switch at.Step {
	case StepPatient:
		return at, false
	case StepOutcomes:
		return At{Step: StepPatient}, true
	case StepSection:
		switch {
		case at.Section > 0:
			return At{Step: StepSection, Section: at.Section - 1}, true
		case s.AsksOutcomes():
			return At{Step: StepOutcomes}, true
		}
		return At{Step: StepPatient}, true
	case StepReview:
		return At{Step: StepSection, Section: len(s.ins.Sections) - 1}, true
	}
	return At{Step: StepReview}, true
}

// ResumeAt is where a resumed draft continues: the patient step when no
// patient was given, the earlier referrals when stopped before the first
// question of a follow-up, the section reached, or the review once every
// section was completed.
func (s *Session) ResumeAt() At {
	switch {
	case !s.progressed, strings.TrimSpace(s.clinician) == "":
		// A draft with no clinician (one kept by an earlier build, or
		// edited) goes back to who is assessing: no record is saved
		// without one.
		return At{Step: StepPatient}
	case s.reached == 0 && len(s.answers) == 0 && s.AsksOutcomes():
		return At{Step: StepOutcomes}
	case s.reached < len(s.ins.Sections):
		return At{Step: StepSection, Section: s.reached}
	}
	return At{Step: StepReview}
}
