// Package assess is one assessment as both front ends run it: the steps
// from the patient's details through the instrument's sections and a review
// to the result, what each step shows and accepts, and the record it ends
// in. The terminal UI (ui/) draws a Session with the Charm stack and the
// plain prompts (prompt/) read it out as numbered lines; neither decides
// what is asked, what is kept or what is saved.
//
// A Session is a new assessment, an amendment of a saved one (every answer
// as recorded, the patient fixed) or a follow-up (the patient fixed, and
// what became of each referral agreed then asked first). Its id is made
// when it starts: the draft it is kept as and the record it is saved as
// share it, so the store removes the draft when it saves the record.
//
// Nothing here reads a terminal or a store. Answers are taken only once a
// front end says the clinician gave them, and each is checked as it is
// given; nothing is ever chosen for the clinician.
package assess

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// Kind is what an assessment is.
type Kind int

const (
	New       Kind = iota // a first, or a fresh, assessment
	Amendment             // a correction of a saved assessment
	FollowUp              // the patient assessed again, linked to the last time
)

// FirstReferrals is how many referrals are shown, and must each be answered,
// before the others are asked for: with the reasons, as many as fit a screen
// at 80x24 and as a clinician can put to a patient in one go.
const FirstReferrals = 3

// Options say what is assessed and with what.
type Options struct {
	// Instrument is the questionnaire of a new assessment or a follow-up;
	// nil means questionnaire.Current. An amendment is made with the
	// instrument of the record it amends.
	Instrument *questionnaire.Instrument
	Directory  questionnaire.Directory
	// Services are what the service offers beyond the usual routes
	// (video consultations), weighed in the result.
	Services questionnaire.Services
	// Clinician and Team are offered on the patient step.
	Clinician, Team string
	// Amend, if set, is the current version of a saved assessment to
	// correct, and AmendReason why: kept in the record.
	Amend       *record.Record
	AmendReason string
	// FollowUp, if set, is the patient's latest assessment that counts.
	FollowUp *record.Record
	// Earlier, for an amendment of a follow-up, is the record that
	// follow-up follows up: the referrals agreed then are asked about
	// again, with what was said of them chosen, so that an outcome
	// recorded wrongly can be corrected (not only voided), and the change
	// since it is shown. Ignored unless it is the record Amend follows up;
	// nil keeps what was said, unasked.
	Earlier *record.Record
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Given is this run's --db and --config (" --db FILE"), carried by
	// every command the session's words give: run as shown, a command
	// without them went to the default store, which was none, or another.
	Given string
}

// Session is one assessment in progress. It is not safe for use by more
// than one goroutine; a front end owns it.
type Session struct {
	ins *questionnaire.Instrument
	dir questionnaire.Directory
	svc questionnaire.Services
	now func() time.Time

	id      record.ID
	started time.Time // when its first draft was kept; zero until then

	patient         record.PatientID
	clinician, team string
	// patientAt is when the patient step was completed for the patient
	// (patientGiven): an assessment of them made after it was made
	// meanwhile (SavedMeanwhile).
	patientAt time.Time
	// seen are the ids (first and current versions) of the patient's
	// assessments that counted when the store was first read for seenOf,
	// as the patient was given (AssessedBefore): one not among them was
	// saved meanwhile (SavedMeanwhile), whatever the clocks say. nil when
	// the store was not read.
	seen   map[record.ID]bool
	seenOf record.PatientID
	// unreadOf is the patient whose assessments could not be read as
	// they were given (NotLookedUp): the save's read says every one that
	// counts, not only those made since.
	unreadOf record.PatientID
	// progressed is set once the patient step was completed: from then on
	// there is something to keep.
	progressed bool

	amends, followsUp *record.Record
	// earlier is, for an amendment of a follow-up, the record followed up
	// (Options.Earlier).
	earlier     *record.Record
	amendReason string
	given       string // Options.Given
	outcomes    []record.ReferralOutcome

	answers questionnaire.Answers
	// reached is the furthest section opened, or len(Sections) once the
	// last was completed: where a draft resumes.
	reached int
	// stop is where the assessment is on screen (SetStop), or nil.
	stop *Stop
	// reask are the answers that gave way to a later answer (SetConfirmed)
	// and are not given again yet: a draft resumes where they are asked.
	reask map[string]bool
	// unconfirmed are the answers a resumed draft held as not confirmed
	// (Draft.Unconfirmed), until their section is set or they are
	// confirmed: kept in every draft until then.
	unconfirmed questionnaire.Answers
	// unconfirmedReasons are the follow-up's reasons "why not" a resumed
	// draft held as typed and not confirmed (Draft.UnconfirmedReasons), by
	// programme, until the outcomes are set: kept in every draft until then.
	unconfirmedReasons map[string]string
	// held are answers entered and awaiting the clinician's word to keep
	// them over the answers they make give way (Hold), by linkId, until
	// their question is answered: kept in every draft as not confirmed.
	held questionnaire.Answers

	// consent is the patient's answer to each referral, by programme:
	// given this time, or carried from the record amended or the draft
	// resumed, and given again where the same referral comes out.
	consent  map[string]string
	result   questionnaire.Result
	assessed bool
	allShown bool // the clinician asked for the referrals after the first
	// shown is each referral after the first few that the clinician has
	// had on screen (ShowAll), by programme, with the reason it was shown
	// for: left unanswered, it was not discussed, even once hidden again.
	// shownBefore is shown as it was before the last ShowAll(true), for
	// TakeBackShowAll.
	shown, shownBefore map[string]string

	pending *record.Record // built once per result, so a retry saves the same record
	saved   bool

	// refused is why the assessment cannot go on at all (an amendment of
	// a record of an instrument version this build does not know): every
	// step and the record say it.
	refused error
}

// Refused is why the assessment cannot be made, or nil.
func (s *Session) Refused() error { return s.refused }

// Start begins an assessment: a new one, or the amendment or follow-up
// that o names. Its id is made now. (Should the system fail to give random
// bytes, the id is made again when the record is, and a draft kept before
// then takes the id the store gives it; see Kept.)
func Start(o Options) *Session {
	id, _ := record.NewID()
	s := &Session{
		ins: o.Instrument, dir: o.Directory, svc: o.Services, now: o.Now, id: id,
		clinician: o.Clinician, team: o.Team,
		amends: o.Amend, followsUp: o.FollowUp, amendReason: o.AmendReason,
		given:   o.Given,
		answers: questionnaire.Answers{},
	}
	if s.ins == nil {
		s.ins = questionnaire.Current
	}
	if a := s.amends; a != nil {
		// An amendment corrects answers to the questions that were
		// asked: it is made with the instrument of the record amended.
		if ins, ok := questionnaire.Lookup(a.InstrumentVersion); ok {
			s.ins = ins
		} else {
			// Never asked with this build's questions instead: its
			// answers are to questions this build does not have.
			s.refused = fmt.Errorf("this record was made with instrument version %s, which this build does not know: it cannot be amended here (use a digicheck that has that version)", a.InstrumentVersion)
		}
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.amends != nil {
		s.followsUp = nil
		if e := o.Earlier; e != nil && !s.amends.FollowsUp.IsZero() && e.ID == s.amends.FollowsUp {
			s.earlier = e
		}
	}
	if b := s.Base(); b != nil {
		// The patient of an amendment or a follow-up is that of the
		// record: correcting it is a void and a new assessment.
		s.patient = b.Patient
	}
	if a := s.amends; a != nil {
		s.answers = a.Answers.Clone()
		if s.answers == nil {
			s.answers = questionnaire.Answers{}
		}
		s.reached = len(s.ins.Sections)
		// An amendment keeps the follow-up link of the record it amends,
		// and so what was said then about earlier referrals.
		s.outcomes = slices.Clone(a.Outcomes)
		// The patient's answers to the referrals stand where the same
		// referral comes out again for the same reason (see Assess): an
		// amendment corrects answers, and asks again only about a
		// referral whose reason changed.
		// A referral an earlier amendment kept (KeptReferrals) stands
		// with its answer if these answers give it again.
		s.consent = consentOf(append(slices.Clone(a.Recommendation.Referrals), a.Recommendation.Kept...))
		// The clinician amending types their team: the record's own is
		// offered (TeamOffered), never kept by one enter, for a ward
		// clinician amending a community record kept the community
		// team unread. Nor is the site's team filled in: taken by
		// default it would move the assessment out of its team's
		// summary and due list.
		s.team = ""
	}
	return s
}

// TeamOffered is the team the team question offers and never fills: the
// record's own, for an amendment; "" otherwise.
func (s *Session) TeamOffered() string {
	if s.amends == nil {
		return ""
	}
	return s.amends.Team
}

// Resume continues a draft as it was left: o.Amend or o.FollowUp is the
// saved record the draft amends or follows up, read again by the caller.
// A draft for another instrument version, or whose record cannot be read,
// cannot be resumed (only discarded).
func Resume(o Options, d Draft) (*Session, error) {
	ins := o.Instrument
	if ins == nil {
		ins = questionnaire.Current
	}
	// A draft is finished with the questions it was begun with.
	if known, ok := questionnaire.Lookup(d.InstrumentVersion); ok {
		ins = known
		o.Instrument = known
	}
	switch {
	case d.InstrumentVersion != ins.Version:
		return nil, fmt.Errorf("this draft was made with version %s of the questions, and this digicheck asks version %s: it cannot be resumed", d.InstrumentVersion, ins.Version)
	case !d.Amends.IsZero() && (o.Amend == nil || o.Amend.ID != d.Amends):
		return nil, errors.New("the record this draft amends cannot be read, so it cannot be resumed")
	case !d.Amends.IsZero() && d.InstrumentVersion != o.Amend.InstrumentVersion:
		// An amendment is asked with its record's questions: this
		// draft's answers are to other questions.
		return nil, fmt.Errorf("this draft amends a record made with instrument version %s, but holds answers to version %s: it cannot be resumed", o.Amend.InstrumentVersion, d.InstrumentVersion)
	case d.Amends.IsZero() && !d.FollowsUp.IsZero() && (o.FollowUp == nil || o.FollowUp.ID != d.FollowsUp):
		return nil, errors.New("the record this draft follows up cannot be read, so it cannot be resumed")
	}
	if d.Amends.IsZero() {
		o.Amend = nil
	}
	if d.FollowsUp.IsZero() || !d.Amends.IsZero() {
		o.FollowUp = nil
	}
	o.Clinician, o.Team = d.Clinician, d.Team
	if d.AmendReason != "" {
		// A draft made before drafts kept the reason has none: the
		// reason given now stands.
		o.AmendReason = d.AmendReason
	}
	s := Start(o)
	if !d.ID.IsZero() {
		s.id = d.ID
	}
	s.started = d.Started
	s.patient = d.Patient
	if d.Looked {
		s.seen, s.seenOf = map[record.ID]bool{}, d.Patient
		for _, id := range d.Seen {
			s.seen[id] = true
		}
	} else if d.Unread {
		s.unreadOf = d.Patient
	}
	s.team = d.Team // as the clinician left it, amendment or not
	s.answers = d.Answers.Clone()
	if s.answers == nil {
		s.answers = questionnaire.Answers{}
	}
	s.outcomes = slices.Clone(d.Outcomes)
	s.unconfirmedReasons = cloned(d.UnconfirmedReasons)
	s.consent = cloned(d.Consent)
	s.progressed = d.Patient.Value != ""
	for id, v := range d.Unconfirmed {
		if s.sectionOf(id) >= 0 {
			if s.unconfirmed == nil {
				s.unconfirmed = questionnaire.Answers{}
			}
			s.unconfirmed[id] = append([]string{}, v...)
		}
	}
	s.reached = len(s.ins.Sections)
	for k, sec := range s.ins.Sections {
		if sec.ID == d.Section {
			s.reached = k
		}
	}
	return s, nil
}

// cloned is a copy of m, nil when m is empty.
func cloned(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return maps.Clone(m)
}

// consentOf is each answered referral's consent, by programme.
func consentOf(refs []questionnaire.Referral) map[string]string {
	out := map[string]string{}
	for _, r := range refs {
		if r.Consent != "" {
			out[r.ProgrammeID] = r.Consent
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// ID is the id the assessment's draft is kept and its record saved under.
func (s *Session) ID() record.ID { return s.id }

// Instrument is the questionnaire asked.
func (s *Session) Instrument() *questionnaire.Instrument { return s.ins }

// Kind says whether this is a new assessment, an amendment or a follow-up.
func (s *Session) Kind() Kind {
	switch {
	case s.amends != nil:
		return Amendment
	case s.followsUp != nil:
		return FollowUp
	}
	return New
}

// Amends is the record this assessment corrects, or nil.
func (s *Session) Amends() *record.Record { return s.amends }

// FollowsUp is the record this assessment follows up, or nil. An amendment
// of a follow-up keeps the link (see Record) but asks nothing about it.
func (s *Session) FollowsUp() *record.Record { return s.followsUp }

// Earlier is the record whose agreed referrals this assessment asks about
// (OutcomeReferrals): the record followed up, or, for an amendment of a
// follow-up, the record that follow-up follows up (Options.Earlier); nil
// when none are asked about.
func (s *Session) Earlier() *record.Record {
	if s.amends != nil {
		return s.earlier
	}
	return s.followsUp
}

// Base is the saved record this assessment amends or follows up, or nil.
func (s *Session) Base() *record.Record {
	if s.amends != nil {
		return s.amends
	}
	return s.followsUp
}

// PatientFixed reports whether the patient is that of a saved record, so
// only who is assessing is asked.
func (s *Session) PatientFixed() bool { return s.Base() != nil }

// Patient is the patient assessed: zero until given.
func (s *Session) Patient() record.PatientID { return s.patient }

// Clinician and Team are who is assessing, as given (or offered).
func (s *Session) Clinician() string { return s.clinician }
func (s *Session) Team() string      { return s.team }

// Progressed reports whether the patient step was completed (or a draft
// resumed): from then on quitting loses something.
func (s *Session) Progressed() bool { return s.progressed }

// SetPatient completes the patient step. For an amendment or a follow-up
// the patient is the record's, and a different one is refused.
func (s *Session) SetPatient(p record.PatientID, clinician, team string) error {
	if s.refused != nil {
		return s.refused
	}
	clinician, team = strings.TrimSpace(clinician), strings.TrimSpace(team)
	check := CheckPatient
	if s.Base() != nil {
		// The patient of a saved record, as it was saved: one saved
		// before a check was added is still amended and followed up.
		check = record.NewPatientID
	}
	if _, err := check(p.Kind, p.Value); err != nil {
		return err
	}
	if b := s.Base(); b != nil && p != b.Patient {
		return fmt.Errorf("the patient of this assessment is %s, that of the record it %s", b.Patient, map[bool]string{true: "amends", false: "follows up"}[s.amends != nil])
	}
	if err := CheckClinician(clinician); err != nil {
		return err
	}
	if err := CheckNotPatient(clinician, p); err != nil {
		return err
	}
	if err := CheckTeam(team); err != nil {
		return err
	}
	if err := CheckTeamOf(team, p); err != nil {
		return err
	}
	s.patientGiven(p)
	s.patient, s.clinician, s.team = p, clinician, team
	s.progressed = true
	s.changed()
	return nil
}

// changed drops the record built for the last result.
func (s *Session) changed() { s.pending = nil }
