package assess

import (
	"fmt"
	"strings"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// Assessed is one of the patient's assessments that count, as the store
// holds it: its current version, its first (whose time is when it was
// made) and its id as printed (the shortest prefix that names it).
type Assessed struct {
	Current, First record.Record
	Short          string
	// FollowedUp says a follow-up that counts links to it.
	FollowedUp bool
}

// Unlinked are those of as that no follow-up links to: the patient's
// assessments that stand side by side. More than one is a patient
// assessed again without a follow-up (two windows on one patient, a new
// assessment made where a follow-up was meant).
func Unlinked(as []Assessed) []Assessed {
	var out []Assessed
	for _, a := range as {
		if !a.FollowedUp {
			out = append(out, a)
		}
	}
	return out
}

// short is a's id as printed.
func (a Assessed) short() string {
	if a.Short != "" {
		return a.Short
	}
	return record.ShortID(a.Current.ID)
}

// made says when and by whom a was made: "on 5 Dec 2026 by Dr A (Ward 1)",
// and who amended it, if someone did.
func (a Assessed) made(layout string) string {
	by := func(r record.Record) string {
		s := questionnaire.PrintableTyped(r.Clinician)
		if s == "" {
			s = "(no name)"
		}
		if r.Team != "" {
			s += " (" + questionnaire.PrintableTyped(r.Team) + ")"
		}
		return s
	}
	first := a.First
	if first.ID.IsZero() {
		first = a.Current
	}
	w := fmt.Sprintf("on %s by %s", first.Time.Local().Format(layout), by(first))
	if a.Current.ID != first.ID {
		w += ", amended by " + by(a.Current)
	}
	return w
}

// AssessedBefore says, as a new assessment's patient is given, that the
// store holds assessments of the patient that count (as, in the order they
// were first made), with what to use instead of a new one: a follow-up to
// record how the referrals went, an amendment to correct one. "" when
// there are none, or this is not a new assessment. A new assessment of a
// patient assessed before made another one that counted, linked to none,
// without a word; a new baseline can be right, so nothing is refused: the
// clinician chooses knowingly. Both front ends say it in these words.
//
// The first as read for a patient are what the store held as this
// assessment began: SavedMeanwhile says one not among them (as nil: the
// store could not be read, and nothing is noted).
func (s *Session) AssessedBefore(as []Assessed) string {
	if as != nil && (s.seen == nil || s.seenOf != s.patient) {
		s.seen, s.seenOf = map[record.ID]bool{}, s.patient
		for _, a := range as {
			s.seen[a.First.ID], s.seen[a.Current.ID] = true, true
		}
		delete(s.seen, record.ID{})
	}
	if s.Kind() != New || len(as) == 0 {
		return ""
	}
	p := s.Patient()
	latest := as[len(as)-1]
	var w string
	if n := len(Unlinked(as)); n < 2 {
		w = fmt.Sprintf("Patient %s was assessed %s (record %s).", p, latest.made("2 Jan 2006"), latest.short())
	} else {
		w = fmt.Sprintf("Patient %s has %d assessments that count, not linked by a follow-up (see %s); the latest was made %s (record %s).",
			p, n, Command(s.given, "history", p.Value), latest.made("2 Jan 2006"), latest.short())
	}
	// The commands on lines of their own, whole, to be read and typed.
	// Front ends break them only between words (WrapCommands).
	return w + fmt.Sprintf("\nTo record how its referrals went, follow it up instead:\n  %s\nTo correct it:\n  %s", Command(s.given, "followup", p.Value), Command(s.given, "amend", latest.short(), "--reason …"))
}

// SavedMeanwhile says, before the save, that an assessment of the patient
// that counts was made after this one began (its patient given, or its
// draft first kept): in another window, say, on the same patient, whose
// save came first. "" when none was, and for an amendment (the store
// refuses one of a version amended since). as are the patient's
// assessments that count, read again now. Saved without a word, two
// assessments of one patient made at once stood side by side, disagreeing
// on the contact route, and nothing said which to follow.
//
// Saved meanwhile is one the store did not hold when it was read as the
// patient was given (AssessedBefore), kept with the draft: by this
// machine's clock, a clock set back (a shared workstation put right, a
// laptop offline) hid one saved since, and one set forward before made
// one saved before read as saved since. Where the store was not read
// then (a draft of an earlier build, a store that could not be read), it
// is one first made after the patient was given or the first draft kept,
// by the clock. A follow-up reads the store as its patient step ends, as
// a new assessment does.
func (s *Session) SavedMeanwhile(as []Assessed) string {
	if s.Kind() == Amendment {
		return ""
	}
	if s.unreadOf == s.patient && s.patient.Value != "" && (s.seen == nil || s.seenOf != s.patient) {
		return s.assessedUnread(as)
	}
	if s.seen != nil && s.seenOf == s.patient {
		var last *Assessed
		for i := range as {
			a := &as[i]
			if a.Current.ID == s.id || a.First.ID == s.id || s.seen[a.First.ID] || s.seen[a.Current.ID] && a.First.ID.IsZero() {
				continue
			}
			last = a
		}
		if last == nil {
			return ""
		}
		return fmt.Sprintf("This patient was assessed %s (record %s), after this assessment was started.", last.made("2 Jan 2006 at 15:04"), last.short())
	}
	since := s.patientAt
	if !s.started.IsZero() && (since.IsZero() || s.started.Before(since)) {
		since = s.started
	}
	if since.IsZero() {
		return ""
	}
	var last *Assessed
	for i := range as {
		a := &as[i]
		first := a.First
		if first.ID.IsZero() {
			first = a.Current
		}
		if a.Current.ID == s.id || first.ID == s.id || !first.Time.After(since) {
			continue
		}
		last = a
	}
	if last == nil {
		return ""
	}
	return fmt.Sprintf("This patient was assessed %s (record %s), after this assessment was started.", last.made("2 Jan 2006 at 15:04"), last.short())
}

// patientGiven notes when the patient step was completed for patient p,
// the start SavedMeanwhile counts from: the first time, or again when the
// patient is changed.
func (s *Session) patientGiven(p record.PatientID) {
	if s.patientAt.IsZero() || p != s.patient {
		s.patientAt = s.now()
	}
}

// HeldUnread is what a new assessment says, before its first question,
// when the patient's earlier assessments could not be read because the
// store is held by another program (NotLookedUp), in both front ends.
const HeldUnread = "The store is in use by another program, so this patient's earlier assessments cannot be looked up now: if they were assessed before, a follow-up may be what is needed, not a new assessment. They are looked up again when you save, and if there are any you are asked before anything is saved."

// HeldUnreadWithDrafts is HeldUnread in a run whose list of drafts could
// not be read either (the store held by another program as it began, and
// still as the patient is given): the patient's draft, if they have one,
// is looked up again at the save, with the earlier assessments
// (DraftFoundAtSave).
const HeldUnreadWithDrafts = "The store is in use by another program, so this patient's earlier assessments, and any unfinished one kept as a draft, cannot be looked up now: if they were assessed before, a follow-up may be what is needed, not a new assessment. They are looked up again when you save, and if there are any you are asked before anything is saved."

// DraftFoundAtSave says, on the read-back before the save, that the
// patient has an unfinished assessment kept as a draft, started by
// clinician (may be empty) at started, which a store held by another
// program hid as the patient was given (HeldUnreadWithDrafts). Saved
// without a word, the patient was assessed twice and the draft left
// behind, to be finished later as a third.
func DraftFoundAtSave(clinician string, started time.Time) string {
	by := ""
	if strings.TrimSpace(clinician) != "" {
		by = " by " + questionnaire.PrintableTyped(clinician)
	}
	when := ""
	if !started.IsZero() {
		when = " on " + started.Local().Format("2 Jan 2006 at 15:04")
	}
	what := "This patient has an unfinished assessment kept as a draft"
	if when+by != "" {
		what += ", started" + when + by
	}
	return what + ": the store was in use by another program when this patient was given, so it could not be said then. Saving this one leaves that draft kept: finish or discard it from the list of unfinished assessments."
}

// NotLookedUp notes that the patient's assessments could not be read as
// the patient was given (the store held by another program): nothing was
// said of a patient assessed before, so the save's read (SavedMeanwhile)
// says each one that counts, whenever it was made, not only one made
// after this assessment began. Saved on a store let go by then, a new
// assessment of a patient with a current record (its contact route, its
// agreed referrals followed up) became the one followup and due use,
// without a word of the earlier one.
//
// What was read of the same patient earlier in the assessment (given,
// told, and changed away from at the review) is let go: matched against
// it, the save's read named none of the assessments the clinician was just
// told would be looked up at the save.
func (s *Session) NotLookedUp() {
	s.unreadOf = s.patient
	if s.seenOf == s.patient {
		s.seen = nil
	}
}

// assessedUnread is SavedMeanwhile's words for a patient whose
// assessments could not be read as the patient was given: the latest that
// counts (other than this one), and how many stand unlinked.
func (s *Session) assessedUnread(as []Assessed) string {
	var others []Assessed
	for _, a := range as {
		if a.Current.ID == s.id || a.First.ID == s.id {
			continue
		}
		others = append(others, a)
	}
	if len(others) == 0 {
		return ""
	}
	latest := others[len(others)-1]
	w := fmt.Sprintf("This patient was assessed %s (record %s)", latest.made("2 Jan 2006 at 15:04"), latest.short())
	if n := len(Unlinked(others)); n > 1 {
		w = fmt.Sprintf("This patient has %d assessments that count, not linked by a follow-up (see %s); the latest was made %s (record %s)", n, Command(s.given, "history", s.patient.Value), latest.made("2 Jan 2006 at 15:04"), latest.short())
	}
	return w + ": the store was in use by another program when this patient was given, so it could not be said then. To record how its referrals went, follow it up instead (" + Command(s.given, "followup", s.patient.Value) + ")."
}
