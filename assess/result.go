package assess

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// Assess works out the result from the answers given. The patient's answer
// to a referral given before (this time, in the record amended, or in the
// draft resumed) stands where the same referral comes out again for the
// same reason.
func (s *Session) Assess() error {
	res, err := s.ins.AssessWith(s.answers, s.dir, s.svc)
	if err != nil {
		return reason(err)
	}
	res.Recommendation.Referrals, res.Recommendation.Unshown = s.notAgain(res.Recommendation.Referrals)
	given := s.consent
	if s.assessed {
		given = consentOf(s.result.Recommendation.Referrals)
	}
	// An answer stands only for the same reason: a referral whose reason
	// changed since it was answered is asked again. Its place among the
	// referrals is not its reason: one opened or left out beside it moves
	// it, and the answer stands.
	was := s.result.Recommendation.Referrals
	if !s.assessed && s.amends != nil {
		was = s.amends.Recommendation.Referrals
	}
	for i, r := range res.Recommendation.Referrals {
		if k := slices.IndexFunc(was, func(w questionnaire.Referral) bool { return w.ProgrammeID == r.ProgrammeID }); k >= 0 && !questionnaire.SameGrounds(was[k].Reason, r.Reason) {
			continue
		}
		res.Recommendation.Referrals[i].Consent = given[r.ProgrammeID]
	}
	s.result, s.assessed = res, true
	s.changed()
	return nil
}

// notAgain splits refs into those offered and each programme that this
// follow-up records the patient went to and that helped
// (record.OutcomeHelped): it is not offered again, to be agreed or
// declined once more, but kept among the referrals not offered, so the
// record still holds every referral its answers give. One the patient
// went to without saying it helped (too soon to say), one not taken up,
// or one with nothing recorded of it, is offered as before: the patient
// may still need it.
func (s *Session) notAgain(refs []questionnaire.Referral) (offered, helped []questionnaire.Referral) {
	for _, r := range refs {
		if code, _, _ := s.Outcome(r.ProgrammeID); code == record.OutcomeHelped {
			helped = append(helped, r)
			continue
		}
		offered = append(offered, r)
	}
	return offered, helped
}

// Result is the result worked out, with the patient's answer to each
// referral so far. The caller must not change it.
func (s *Session) Result() questionnaire.Result { return s.result }

// Referrals is the result's referrals, with each answer so far.
func (s *Session) Referrals() []questionnaire.Referral {
	return slices.Clone(s.result.Recommendation.Referrals)
}

// ShowAll shows (or hides again) the referrals after the first few. Those
// it shows stay shown to the clinician once hidden again: one left
// unanswered is saved as not discussed, not as never shown.
func (s *Session) ShowAll(all bool) {
	s.allShown = all
	if all {
		s.shownBefore = cloned(s.shown)
		if s.shown == nil {
			s.shown = map[string]string{}
		}
		for _, r := range s.result.Recommendation.Referrals[min(FirstReferrals, len(s.result.Recommendation.Referrals)):] {
			s.shown[r.ProgrammeID] = r.Reason
		}
	}
	s.changed()
}

// TakeBackShowAll hides the referrals the last ShowAll(true) showed, as
// if it had never been: it was on screen for no time (m typed as a word's
// letter), so none of them was shown to the clinician.
func (s *Session) TakeBackShowAll() {
	s.allShown = false
	s.shown = s.shownBefore
	s.changed()
}

// wasShown reports whether r, a referral after the first few, has been on
// screen with the reason it has now.
func (s *Session) wasShown(r questionnaire.Referral) bool {
	reason, ok := s.shown[r.ProgrammeID]
	return ok && reason == r.Reason
}

// AllShown reports whether the referrals after the first few are shown.
func (s *Session) AllShown() bool { return s.allShown }

// Shown is how many referrals are on offer now: the first few, or all.
func (s *Session) Shown() int {
	n := len(s.result.Recommendation.Referrals)
	if s.allShown {
		return n
	}
	return min(n, FirstReferrals)
}

// ErrNotShown is the error of an answer to a referral not on offer.
var ErrNotShown = errors.New("that referral is not shown")

// SetConsent records the patient's answer to referral i: Agreed, Declined
// or NotDiscussed. A referral not shown cannot be answered.
func (s *Session) SetConsent(i int, consent string) error {
	if i < 0 || i >= s.Shown() {
		return ErrNotShown
	}
	switch consent {
	case questionnaire.Agreed, questionnaire.Declined, questionnaire.NotDiscussed:
	default:
		return fmt.Errorf("%q is not an answer to a referral", consent)
	}
	s.result.Recommendation.Referrals[i].Consent = consent
	s.changed()
	return nil
}

// TakeBackConsent sets referral i's answer back to was, what it was before
// an answer taken back ("" for none): an answer typed as a word's letter
// is not the patient's.
func (s *Session) TakeBackConsent(i int, was string) error {
	if i < 0 || i >= s.Shown() {
		return ErrNotShown
	}
	if was != "" {
		return s.SetConsent(i, was)
	}
	s.result.Recommendation.Referrals[i].Consent = ""
	s.changed()
	return nil
}

// ToAnswer is how many of the first referrals have no answer yet: each must
// be answered before the record is saved, since an unrecorded answer would
// look like a referral made without asking.
func (s *Session) ToAnswer() int {
	n := 0
	for i, r := range s.result.Recommendation.Referrals {
		if i < FirstReferrals && r.Consent == "" {
			n++
		}
	}
	return n
}

// NextUnanswered is the first referral on offer from i on (going round)
// with no answer, or i (kept in range) when every one is answered.
func (s *Session) NextUnanswered(i int) int {
	refs := s.result.Recommendation.Referrals[:s.Shown()]
	for j := range refs {
		k := (i + j) % len(refs)
		if refs[k].Consent == "" {
			return k
		}
	}
	return min(i, max(len(refs)-1, 0))
}

// Change is the change since the assessment followed up, as the store will
// record it, once the result is worked out.
func (s *Session) Change() (record.Change, bool) {
	base := s.Earlier() // for an amended follow-up, the change since, as the follow-up showed it
	if base == nil || !s.assessed {
		return record.Change{}, false
	}
	return record.Compare(*base, record.Record{Result: s.result}), true
}

// Stopped is, for a follow-up, each adjustment the assessment followed up
// made that this result no longer makes: an interpreter, large print,
// letters translated, a must-not, given up when the patient now answered
// "No, nothing extra". The change since names bands and routes only, and a
// need given up unseen is one nobody meets. They are the change's, so the
// result says what the note says. None before the result is worked out,
// and none for a new assessment.
func (s *Session) Stopped() []questionnaire.Adjustment {
	c, ok := s.Change()
	if !ok {
		return nil
	}
	return c.Stopped
}

// AmendStopped is, for an amendment, each adjustment of the version
// amended that this result no longer makes (record.AmendStopped): the
// patient holds that version's handout, and its note asked for them. None
// before the result is worked out, and none for any other assessment.
func (s *Session) AmendStopped() []questionnaire.Adjustment {
	if s.amends == nil || !s.assessed {
		return nil
	}
	r := record.Record{Amends: s.amends.ID, Result: s.result}
	if c, ok := s.Change(); ok {
		r.Change = &c
	}
	return record.AmendStopped(r, *s.amends)
}

// Record is the record to save: the same one (id and time included) until
// something changes, so a retry after a save that failed unclearly cannot
// store the assessment twice. It needs a result, and each of the first
// referrals answered.
func (s *Session) Record() (record.Record, error) {
	switch {
	case s.refused != nil:
		return record.Record{}, s.refused
	case !s.progressed:
		return record.Record{}, errors.New("no patient is given")
	case !s.assessed:
		return record.Record{}, errors.New("the result has not been worked out")
	case s.ToAnswer() > 0:
		return record.Record{}, fmt.Errorf("answer each of the first referrals (%d to go)", s.ToAnswer())
	}
	if s.id.IsZero() {
		id, err := record.NewID()
		if err != nil {
			return record.Record{}, err
		}
		s.id = id
	}
	if s.pending == nil {
		r := record.Record{
			ID:        s.id,
			Patient:   s.patient,
			Clinician: s.clinician,
			Team:      s.team,
			Time:      s.now().UTC(),
			Status:    record.Completed,
			Answers:   s.answers.Clone(),
			Result:    cloneResult(s.result),
			Outcomes:  slices.Clone(s.outcomes),
		}
		s.settle(&r.Recommendation)
		switch {
		case s.amends != nil:
			r.Status, r.Amends, r.FollowsUp = record.Amended, s.amends.ID, s.amends.FollowsUp
			r.AmendReason = s.amendReason
		case s.followsUp != nil:
			r.FollowsUp = s.followsUp.ID
		}
		if base := s.Earlier(); base != nil && !r.FollowsUp.IsZero() {
			// Filled in as the store fills it in, so the note of a
			// save refused (kept in a file to paste) is the note the
			// record holds once saved: "Follows up record …" there
			// left out the change and the adjustments that stop.
			record.SetChange(&r, *base)
		}
		if s.amends != nil {
			replaced.Store(r.ID, s.amends)
		}
		s.pending = &r
	}
	return cloneRecord(*s.pending), nil
}

// replaced holds, by record id, the version each amendment worked out in
// this run replaces, as its session read it (Note).
var replaced sync.Map

// Note is the note of r, a record Record gave, as it will read once saved,
// and as show and the saved screens give it: an amendment's lists the
// adjustments of the version it replaces that stop. The file a refused
// save keeps the note in is written while the store cannot be read, and
// its note, pasted into the patient record, is said to stand once the
// record is saved.
func Note(r record.Record) string {
	var o record.NoteOptions
	if v, ok := replaced.Load(r.ID); ok {
		o.Replaces = v.(*record.Record)
	}
	return record.NoteWith(r, o)
}

// settle records what became of every referral the result found: the first
// few were each answered; one after them that the clinician showed but left
// unanswered was not discussed (shown now, or shown and hidden again); one
// never shown was not offered, and is kept apart (Unshown) so no summary
// counts it as offered, as is one a follow-up records helped (notAgain).
func (s *Session) settle(rec *questionnaire.Recommendation) {
	var offered, unshown []questionnaire.Referral
	for i, r := range rec.Referrals {
		switch {
		case r.Consent != "":
			offered = append(offered, r)
		case i < s.Shown() || s.wasShown(r):
			r.Consent = questionnaire.NotDiscussed
			offered = append(offered, r)
		case s.EarlierAnswer(r.ProgrammeID) != "":
			// Not gone through again: the answer the patient gave in
			// the version amended stands, once, among the referrals.
			r.Consent = s.EarlierAnswer(r.ProgrammeID)
			offered = append(offered, r)
		default:
			unshown = append(unshown, r)
		}
	}
	// After those not shown: each programme this follow-up records
	// helped, never offered again (notAgain).
	rec.Referrals, rec.Unshown = offered, append(unshown, rec.Unshown...)
	rec.Kept = s.kept(offered)
}

// EarlierAnswer is, for an amendment, the patient's answer (Agreed or
// Declined) in the version amended to a referral these answers still give
// but that is left among those not shown and has no answer now (its reason
// changed, so the answer was not carried over): the referral still fits
// and was made, or refused, so the answer stands and is saved with it
// (never as not offered, nor as a referral these answers no longer offer).
// "" for any other referral and any other assessment.
func (s *Session) EarlierAnswer(programmeID string) string {
	if s.amends == nil || !s.assessed {
		return ""
	}
	refs := s.result.Recommendation.Referrals
	i := slices.IndexFunc(refs, func(r questionnaire.Referral) bool { return r.ProgrammeID == programmeID })
	if i < 0 || i < s.Shown() || s.wasShown(refs[i]) || refs[i].Consent != "" {
		return ""
	}
	was := s.amends.Recommendation
	for _, r := range append(slices.Clone(was.Referrals), was.Kept...) {
		if r.ProgrammeID == programmeID && (r.Consent == questionnaire.Agreed || r.Consent == questionnaire.Declined) {
			return r.Consent
		}
	}
	return ""
}

// KeptReferrals is, for an amendment, each referral the patient agreed to or
// declined in the version amended that this result no longer offers (its
// answers no longer give it): it was made, or refused, so the amendment
// keeps it with its answer, apart from the referrals offered, and both front ends say so before the save. None
// for any other assessment, and none before the result is worked out.
func (s *Session) KeptReferrals() []questionnaire.Referral {
	if !s.assessed {
		return nil
	}
	var offered []questionnaire.Referral
	for i, r := range s.result.Recommendation.Referrals {
		if r.Consent != "" || i < s.Shown() || s.EarlierAnswer(r.ProgrammeID) != "" {
			offered = append(offered, r)
		}
	}
	return s.kept(offered)
}

// kept is KeptReferrals, for the referrals offered.
func (s *Session) kept(offered []questionnaire.Referral) []questionnaire.Referral {
	if s.amends == nil {
		return nil
	}
	var out []questionnaire.Referral
	was := s.amends.Recommendation
	for _, r := range append(slices.Clone(was.Referrals), was.Kept...) {
		if r.Consent != questionnaire.Agreed && r.Consent != questionnaire.Declined {
			continue
		}
		if slices.ContainsFunc(offered, func(o questionnaire.Referral) bool { return o.ProgrammeID == r.ProgrammeID }) ||
			slices.ContainsFunc(out, func(o questionnaire.Referral) bool { return o.ProgrammeID == r.ProgrammeID }) {
			continue
		}
		r.Barriers = slices.Clone(r.Barriers)
		out = append(out, r)
	}
	return out
}

// Saved notes that the record was saved (under id, which the store may
// have changed; see Kept): nothing is left to keep as a draft.
// Unchanged reports whether an amendment would save what the version it
// amends already holds: the same patient, clinician, team, answers,
// outcomes, result and answers to the referrals. Saving it would make a
// new version that corrects nothing, so both front ends ask first. It is
// false for any other assessment, and until the record can be made.
func (s *Session) Unchanged() bool {
	if s.amends == nil {
		return false
	}
	r, err := s.Record()
	if err != nil {
		return false
	}
	given := func(r record.Record) []byte {
		// What the clinician gives, not what the save adds to it.
		r.ID, r.Time, r.Status, r.Amends, r.AmendReason = record.ID{}, time.Time{}, "", record.ID{}, ""
		r.VoidReason, r.Change, r.ReviewBy, r.Synthetic = "", nil, "", false
		b, err := json.Marshal(r)
		if err != nil {
			return nil
		}
		return b
	}
	a, b := given(r), given(*s.amends)
	return a != nil && bytes.Equal(a, b)
}

func (s *Session) Saved(r record.Record) {
	s.saved = true
	s.id = r.ID
}

func cloneResult(r questionnaire.Result) questionnaire.Result {
	rec := &r.Recommendation
	rec.Checks = slices.Clone(rec.Checks)
	rec.Adjustments = slices.Clone(rec.Adjustments)
	rec.Referrals = slices.Clone(rec.Referrals)
	for i := range rec.Referrals {
		rec.Referrals[i].Barriers = slices.Clone(rec.Referrals[i].Barriers)
	}
	rec.Unshown = slices.Clone(rec.Unshown)
	rec.Kept = slices.Clone(rec.Kept)
	rec.AskAbout = slices.Clone(rec.AskAbout)
	return r
}

// cloneRecord is a copy of r that shares nothing with it.
func cloneRecord(r record.Record) record.Record {
	r.Answers = r.Answers.Clone()
	r.Result = cloneResult(r.Result)
	r.Outcomes = slices.Clone(r.Outcomes)
	return r
}
