package assess

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// Draft is an assessment in progress as it is kept, so that nothing is lost
// when the window closes, the lid shuts or the battery dies. The store
// keeps its bytes and who holds it; what it holds is this.
type Draft struct {
	// ID is the assessment's id, which its record will be saved under.
	ID        record.ID        `json:"id"`
	Patient   record.PatientID `json:"patient"` // zero until entered
	Clinician string           `json:"clinician"`
	Team      string           `json:"team,omitempty"`
	// InstrumentVersion is the instrument the answers are for.
	InstrumentVersion string                `json:"instrument_version"`
	Answers           questionnaire.Answers `json:"answers"`
	// Section is the id of the instrument section to resume at; "" once
	// every section was completed.
	Section string `json:"section,omitempty"`
	// Amends and FollowsUp are the links the finished record will carry.
	Amends    record.ID                `json:"amends,omitzero"`
	FollowsUp record.ID                `json:"follows_up,omitzero"`
	Outcomes  []record.ReferralOutcome `json:"outcomes,omitempty"`
	// AmendReason is why an amendment is made, kept with its draft so a
	// resumed amendment is saved with it.
	AmendReason string `json:"amend_reason,omitempty"`
	// Consent is each referral's answer so far, by programme id.
	Consent map[string]string `json:"consent,omitempty"`
	// Unconfirmed are answers that were on screen, in a section left part
	// way, and not confirmed (ticked, and enter not pressed), by linkId;
	// an empty value is an answer taken away and not confirmed. They are
	// no answers: never in Answers, never saved. Resumed, the question
	// is asked with them shown, to be confirmed or changed, so that what
	// a patient said (a way they must not be contacted) is not lost.
	Unconfirmed questionnaire.Answers `json:"unconfirmed,omitempty"`
	// UnconfirmedReasons are the reasons typed in a follow-up's "Why
	// not?" of an earlier referral not taken up, by programme id, that
	// were on screen and not confirmed with enter: no answer, never in
	// Outcomes, never saved. Resumed, the box shows the reason again, to
	// be confirmed or changed, as Unconfirmed answers are, so that the
	// patient's own words are not lost with the window.
	UnconfirmedReasons map[string]string `json:"unconfirmed_reasons,omitempty"`
	// Started is when the first draft of the assessment was kept.
	Started time.Time `json:"started"`
	// Looked says the store was read for the patient's assessments as
	// the patient was given, and Seen are the ids (first and current
	// versions) of those that counted then: one saved since is said
	// before the save (Session.SavedMeanwhile), whatever the clocks say.
	// A draft of an earlier build has neither: the times are compared.
	Looked bool        `json:"looked,omitempty"`
	Seen   []record.ID `json:"seen,omitempty"`
	// Unread says the store could not be read for the patient's
	// assessments as the patient was given (another program held it):
	// every one that counts is one this draft would stand beside, when
	// it was made (Session.NotLookedUp). Kept without it, a draft whose
	// clinician had declined, at a save tried again, to make another
	// assessment was resumed and saved as one without a question: only
	// one made after the draft was started was looked for.
	Unread bool `json:"unread,omitempty"`
	// Stopped is where the clinician was as the draft was kept (the
	// front end says it: SetStop), for the list of drafts to say; nil
	// in a draft of an earlier build. Where the draft resumes is
	// Section's business: an amendment stopped in a section resumes at
	// its review.
	Stopped *Stop `json:"stopped,omitempty"`
}

// Stop is where an assessment was on screen as its draft was kept.
type Stop struct {
	// Step is "patient", "outcomes", "section", "review" or "result".
	Step string `json:"step"`
	// Section is the id of the section on screen, for "section".
	Section string `json:"section,omitempty"`
	// WhyNot is the name of the earlier referral whose "Why not?" was
	// asked, for "outcomes".
	WhyNot string `json:"why_not,omitempty"`
}

// SetStop notes where the assessment is on screen, at at (and, at the
// earlier referrals, whyNot the referral whose "Why not?" is asked, or
// ""), for the drafts kept from now on to say (Draft.Stopped). It reports
// whether that differs from where it was noted before.
func (s *Session) SetStop(at At, whyNot string) bool {
	st := &Stop{Step: stepNames[at.Step]}
	switch at.Step {
	case StepSection:
		if at.Section >= 0 && at.Section < len(s.ins.Sections) {
			st.Section = s.ins.Sections[at.Section].ID
		}
	case StepOutcomes:
		st.WhyNot = whyNot
	}
	if s.stop != nil && *s.stop == *st {
		return false
	}
	s.stop = st
	return true
}

var stepNames = map[Step]string{
	StepPatient: "patient", StepOutcomes: "outcomes", StepSection: "section", StepReview: "review", StepResult: "result",
}

// Where says where d stopped, for the list of drafts ("stopped in Access
// (1 of 5)"), in the words of ins, the instrument of d's answers. A draft
// of an earlier build, which did not note where it stopped, is said by
// the section it resumes at ("reached Skills (2 of 5)").
func (d Draft) Where(ins *questionnaire.Instrument) string {
	section := func(id string) (string, bool) {
		for k, sec := range ins.Sections {
			if sec.ID == id {
				return fmt.Sprintf("%s (%d of %d)", sec.Title, k+1, len(ins.Sections)), true
			}
		}
		return "", false
	}
	if st := d.Stopped; st != nil {
		switch st.Step {
		case "patient":
			return "stopped at the patient's details"
		case "outcomes":
			if st.WhyNot != "" {
				return `stopped at the earlier referrals, "Why not?" for ` + st.WhyNot
			}
			return "stopped at the earlier referrals"
		case "section":
			if at, ok := section(st.Section); ok {
				return "stopped in " + at
			}
		case "review":
			return "stopped at the review"
		case "result":
			return "stopped at the result"
		}
	}
	if at, ok := section(d.Section); ok {
		return "reached " + at
	}
	if len(d.Consent) > 0 && d.Amends.IsZero() {
		// An amendment holds its record's answers to the referrals
		// from the start: they say nothing of how far it got.
		return "reached the result"
	}
	return "every section answered"
}

// Holds says what d holds, each part on its own: its answers, the
// patient's answers to the referrals offered, the earlier referrals
// followed up, and the answers on screen that were not confirmed before
// the stop ("4 answers", "2 referral answers", "1 earlier referral
// followed up", "1 not confirmed"). The referral answers are counted: a
// draft listed with its answers alone read as if the decisions the patient
// gave (a referral agreed) were not kept with it.
func (d Draft) Holds() []string {
	n := 0
	for _, v := range d.Answers {
		if len(v) > 0 {
			n++
		}
	}
	out := []string{plural(n, "answer", "answers")}
	consent := 0
	for _, c := range d.Consent {
		if c != "" {
			consent++
		}
	}
	if consent > 0 {
		out = append(out, plural(consent, "referral answer", "referral answers"))
	}
	if k := len(d.Outcomes); k > 0 {
		out = append(out, plural(k, "earlier referral", "earlier referrals")+" followed up")
	}
	if k := len(d.Unconfirmed) + len(d.UnconfirmedReasons); k > 0 {
		out = append(out, fmt.Sprintf("%d not confirmed", k))
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Draft is the assessment as it stands, to keep, or false when there is
// nothing to keep: no patient given yet, or the record saved. It holds the
// completed sections, the answers confirmed in the section part way
// (SetConfirmed), the outcomes and the referral answers given.
func (s *Session) Draft() (Draft, bool) {
	if !s.progressed || s.patient.Value == "" || s.saved {
		return Draft{}, false
	}
	started := s.started
	if started.IsZero() {
		started = s.now().UTC()
	}
	d := Draft{
		ID:                s.id,
		Patient:           s.patient,
		Clinician:         s.clinician,
		Team:              s.team,
		InstrumentVersion: s.ins.Version,
		Answers:           s.answers.Clone(),
		Outcomes:          s.Outcomes(),
		Started:           started,
	}
	if s.stop != nil {
		st := *s.stop
		d.Stopped = &st
	}
	if s.seen != nil && s.seenOf == s.patient {
		d.Looked = true
		for id := range s.seen {
			d.Seen = append(d.Seen, id)
		}
		slices.SortFunc(d.Seen, func(x, y record.ID) int { return strings.Compare(x.String(), y.String()) })
	} else if s.unreadOf == s.patient {
		d.Unread = true
	}
	if s.reached < len(s.ins.Sections) {
		d.Section = s.ins.Sections[s.reached].ID
	}
	for id := range s.reask {
		// An answer that gave way, not given again: resumed, the
		// draft asks it first (see SetConfirmed).
		s.resumeAt(&d, s.sectionOf(id))
	}
	if len(s.unconfirmed) > 0 {
		d.Unconfirmed = s.unconfirmed.Clone()
		for id := range s.unconfirmed {
			s.resumeAt(&d, s.sectionOf(id))
		}
	}
	for id, v := range s.held {
		// Entered and not yet kept (Hold): not confirmed, as a tick
		// left on the full screen is, and the answers it would make
		// give way are not kept beside it (a choice of letters, beside
		// "must not be written to"), to be asked again on resume.
		if d.Unconfirmed == nil {
			d.Unconfirmed = questionnaire.Answers{}
		}
		d.Unconfirmed[id] = append([]string{}, v...)
		s.resumeAt(&d, s.sectionOf(id))
		it, _ := s.ins.Item(id)
		for _, y := range s.ins.GivesWay(it, v, d.Answers) {
			if len(d.Answers[y.LinkID]) > 0 {
				delete(d.Answers, y.LinkID)
				s.resumeAt(&d, s.sectionOf(y.LinkID))
			}
		}
	}
	d.UnconfirmedReasons = cloned(s.unconfirmedReasons)
	switch {
	case s.amends != nil:
		d.Amends, d.FollowsUp = s.amends.ID, s.amends.FollowsUp
		d.AmendReason = s.amendReason
	case s.followsUp != nil:
		d.FollowsUp = s.followsUp.ID
	}
	if s.assessed {
		d.Consent = consentOf(s.result.Recommendation.Referrals)
	} else {
		d.Consent = cloned(s.consent)
	}
	s.resumeAtFirstGap(&d)
	return d, true
}

// DraftOf is a record's assessment as a draft, to finish again: its
// answers, links, outcomes and the patient's answer to each referral. The
// store keeps a record as a draft when it cannot be saved under its id
// (another window took its draft over).
func DraftOf(r *record.Record) Draft {
	d := Draft{
		ID: r.ID, Patient: r.Patient, Clinician: r.Clinician, Team: r.Team,
		InstrumentVersion: r.InstrumentVersion, Answers: r.Answers,
		Amends: r.Amends, FollowsUp: r.FollowsUp, Outcomes: r.Outcomes,
		AmendReason: r.AmendReason, Consent: consentOf(r.Recommendation.Referrals),
	}
	return d
}

// Kept notes a draft the store kept: when the assessment's first draft was
// kept, and its id, which is new when another window had the draft open and
// these answers were kept apart. It reports whether the id changed.
func (s *Session) Kept(d Draft) bool {
	if s.started.IsZero() {
		s.started = d.Started
	}
	if d.ID.IsZero() || d.ID == s.id {
		return false
	}
	s.id = d.ID
	s.changed()
	return true
}

// Started is when the assessment's first draft was kept; zero until then.
func (s *Session) Started() time.Time { return s.started }

// MoveTo gives the assessment the id id: its draft was kept apart under it
// because another window took over the draft (see Kept).
func (s *Session) MoveTo(id record.ID) {
	if !id.IsZero() && id != s.id {
		s.id = id
		s.changed()
	}
}

// LayConfirmed lays the answers confirmed so far in section k, left part
// way (part: by linkId, an empty answer taking one away), over d, a draft
// of s: for a draft kept with the section on screen. As in SetConfirmed, an
// answer that gives way to one laid (GivesWay), and is not itself laid, is
// dropped, never kept beside the answer it gave way to (a choice of texts,
// beside "must not be texted"), and d resumes at the section asking it.
func (s *Session) LayConfirmed(d *Draft, k int, part questionnaire.Answers) {
	if d.Answers == nil {
		d.Answers = questionnaire.Answers{}
	}
	sec := &s.ins.Sections[k]
	for i := range sec.Items {
		it := &sec.Items[i]
		v, ok := part[it.LinkID]
		if !ok {
			continue
		}
		for _, y := range s.ins.GivesWay(it, v, d.Answers) {
			if _, also := part[y.LinkID]; !also && len(d.Answers[y.LinkID]) > 0 {
				delete(d.Answers, y.LinkID)
				s.resumeAt(d, s.sectionOf(y.LinkID))
			}
		}
		if len(v) > 0 {
			d.Answers[it.LinkID] = slices.Clone(v)
		} else {
			delete(d.Answers, it.LinkID)
		}
	}
	s.resumeAtFirstGap(d)
}

// resumeAtFirstGap has d, a draft of s, resume at the first section before
// the one it resumes at that asks a required question d holds no answer
// to: the rule both front ends keep a draft by, so that it is resumed, and
// listed, at the same place whichever kept it. Going back into a section
// already completed and changing an answer there can open a question (a
// landline opens "a care alarm?"): stopped at it, the draft was listed,
// and resumed, at the furthest section reached, past the question, which
// was never asked. An optional section skipped (no answer in it) has no
// gap.
func (s *Session) resumeAtFirstGap(d *Draft) {
	at := len(s.ins.Sections)
	for k, sec := range s.ins.Sections {
		if sec.ID == d.Section {
			at = k
		}
	}
	for k := range at {
		sec := &s.ins.Sections[k]
		if sec.Optional && !slices.ContainsFunc(sec.Items, func(it questionnaire.Item) bool { return len(d.Answers[it.LinkID]) > 0 }) {
			continue
		}
		for i := range sec.Items {
			it := &sec.Items[i]
			if it.Required && len(d.Answers[it.LinkID]) == 0 && Asked(it, d.Answers) {
				d.Section = sec.ID
				return
			}
		}
	}
}

// LayUnconfirmed notes on d, a draft of s, the answers on screen in
// section k that were not confirmed (on: by linkId, an empty value an
// answer taken away), in place of any d held for that section, and has d
// resume at section k when it has any: resumed, they are shown to be
// confirmed (Unconfirmed), never taken as answers.
func (s *Session) LayUnconfirmed(d *Draft, k int, on questionnaire.Answers) {
	if k < 0 || k >= len(s.ins.Sections) {
		return
	}
	for _, it := range s.ins.Sections[k].Items {
		delete(d.Unconfirmed, it.LinkID)
		if v, ok := on[it.LinkID]; ok {
			if d.Unconfirmed == nil {
				d.Unconfirmed = questionnaire.Answers{}
			}
			d.Unconfirmed[it.LinkID] = append([]string{}, v...)
			s.resumeAt(d, k)
		}
	}
	if len(d.Unconfirmed) == 0 {
		d.Unconfirmed = nil
	}
}

// Hold notes vals, entered at it and awaiting the clinician's word to
// keep it over the answers it makes give way (GivesWay: the plain prompts
// ask "Keep this answer?"), until it is answered (SetConfirmed,
// SetSection). Every draft kept until then holds it as not confirmed
// (Draft.Unconfirmed), resumes at its question, and leaves out the answers
// it would make give way: a stop before the clinician answered lost what
// the patient said ("must not be written to"), and kept the choice it
// refuses. It is no answer, and never saved as one.
func (s *Session) Hold(it *questionnaire.Item, vals []string) {
	if s.sectionOf(it.LinkID) < 0 {
		return
	}
	if s.held == nil {
		s.held = questionnaire.Answers{}
	}
	s.held[it.LinkID] = append([]string{}, vals...)
}

// Unconfirmed is the answers a resumed draft held as not confirmed
// (Draft.Unconfirmed) and not given since, by linkId: a front end shows
// them on their questions, to be confirmed or changed.
func (s *Session) Unconfirmed() questionnaire.Answers { return s.unconfirmed.Clone() }

// UnconfirmedReason is the reason why not a resumed draft held as typed
// and not confirmed for the earlier referral to programme
// (Draft.UnconfirmedReasons), until the outcomes are set: a front end
// shows it in the box, to be confirmed or changed.
func (s *Session) UnconfirmedReason(programme string) (string, bool) {
	why, ok := s.unconfirmedReasons[programme]
	return why, ok
}

// resumeAt has d resume at section k where it would resume later.
func (s *Session) resumeAt(d *Draft, k int) {
	if k < 0 || k >= len(s.ins.Sections) {
		return
	}
	at := len(s.ins.Sections)
	for j, sec := range s.ins.Sections {
		if sec.ID == d.Section {
			at = j
		}
	}
	if k < at {
		d.Section = s.ins.Sections[k].ID
	}
}

// sectionOf is the index of the section asking linkID, or -1.
func (s *Session) sectionOf(linkID string) int {
	for k, sec := range s.ins.Sections {
		for _, it := range sec.Items {
			if it.LinkID == linkID {
				return k
			}
		}
	}
	return -1
}
