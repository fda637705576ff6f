package record

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"digicheck/questionnaire"
)

// What became of a referral, asked at a follow-up.
const (
	// OutcomeAttended: the patient went (or was seen), and it is too soon
	// to say, or they do not say, whether it helped.
	OutcomeAttended = "attended"
	// OutcomeHelped: the patient went and it helped.
	OutcomeHelped = "helped"
	// OutcomeNotTakenUp: the patient did not go; Reason says why.
	OutcomeNotTakenUp = "not-taken-up"
)

// OutcomeCodes lists the referral outcomes in the order they are offered.
var OutcomeCodes = []string{OutcomeAttended, OutcomeHelped, OutcomeNotTakenUp}

// ErrOutcome is the error of a referral outcome that cannot be recorded.
var ErrOutcome = errors.New("invalid referral outcome")

// ReferralOutcome is what the patient says became of one referral of the
// assessment a follow-up follows up.
type ReferralOutcome struct {
	ProgrammeID string `json:"programme"`
	// Name is the programme's name as it was in the referral, so the note
	// can name it whatever the directory says now.
	Name    string `json:"name,omitempty"`
	Outcome string `json:"outcome"` // one of OutcomeCodes
	// Reason is why a referral was not taken up, in the patient's words.
	Reason string `json:"reason,omitempty"`
}

// Validate reports an outcome that names no programme or has an unknown
// code.
func (o ReferralOutcome) Validate() error {
	if strings.TrimSpace(o.ProgrammeID) == "" {
		return fmt.Errorf("%w: no programme given", ErrOutcome)
	}
	if slices.Contains(OutcomeCodes, o.Outcome) {
		return nil
	}
	return fmt.Errorf("%w: %q for %s (use attended, helped or not-taken-up)", ErrOutcome, o.Outcome, o.ProgrammeID)
}

// OutcomeText is an outcome code as the note says it.
func OutcomeText(code string) string {
	switch code {
	case OutcomeAttended:
		return "attended"
	case OutcomeHelped:
		return "attended, and it helped"
	case OutcomeNotTakenUp:
		return "not taken up"
	}
	return code
}

// Trend is which way a domain's band moved.
type Trend int

const (
	Same Trend = iota
	Better
	Worse
	// NotCompared: the two assessments were made with instrument
	// versions that band the domain differently, so their bands say
	// nothing about a change.
	NotCompared Trend = -1
)

func (t Trend) String() string {
	switch t {
	case Better:
		return "better"
	case Worse:
		return "worse"
	case NotCompared:
		return "not compared"
	}
	return "no change"
}

// DomainChange is one domain's band then and now.
type DomainChange struct {
	Domain questionnaire.Domain `json:"domain"`
	Was    questionnaire.Band   `json:"was"`
	Now    questionnaire.Band   `json:"now"`
	// NotCompared says why the bands cannot be compared (the two
	// assessments' instrument versions band the domain differently); ""
	// when they can.
	NotCompared string `json:"not_compared,omitempty"`
}

// Trend says whether the barrier got smaller (better), larger (worse) or
// stayed in its band, or that the bands cannot be compared.
func (c DomainChange) Trend() Trend {
	switch {
	case c.NotCompared != "":
		return NotCompared
	case c.Now < c.Was:
		return Better
	case c.Now > c.Was:
		return Worse
	}
	return Same
}

// RouteChange is a contact route then and now.
type RouteChange struct {
	Was questionnaire.Route `json:"was"`
	Now questionnaire.Route `json:"now"`
	// WasToCarer and NowToCarer say the fallback was, and is, addressed
	// to the patient's carer rather than the patient
	// (questionnaire.Recommendation.FallbackToCarer): the same route to
	// another person is a change of who is contacted.
	WasToCarer bool `json:"was_to_carer,omitempty"`
	NowToCarer bool `json:"now_to_carer,omitempty"`
}

// Changed reports whether the route is not the one recommended last time.
// It compares the routes alone, as the QI summary counts them; Moved also
// counts a change of who the route reaches.
func (c RouteChange) Changed() bool { return c.Was != c.Now }

// Moved reports whether the route, or who it reaches (the patient or
// their carer), is not as it was last time.
func (c RouteChange) Moved() bool { return c.Changed() || c.WasToCarer != c.NowToCarer }

// routeTitle names a route as the result names it: "Letter to the carer"
// where it is addressed to the carer.
func routeTitle(r questionnaire.Route, toCarer bool) string {
	if toCarer && r != questionnaire.RouteCarer && r != questionnaire.RouteInPerson {
		return r.Title() + " to the carer"
	}
	return r.Title()
}

// Change is what changed between an assessment and the one it follows up.
type Change struct {
	Since     ID             `json:"since"`      // id of the record compared with
	SinceTime time.Time      `json:"since_time"` // when that record was made
	Domains   []DomainChange `json:"domains"`    // in questionnaire.Domains order
	Primary   RouteChange    `json:"primary"`
	Fallback  RouteChange    `json:"fallback"`
	// NotKnown names each referral the patient agreed to at the record
	// compared with whose outcome the follow-up does not record: answered
	// "not known", or corrected to it by an amendment. The note lists
	// them, so an amended note never drops an outcome without a word.
	NotKnown []string `json:"not_known,omitempty"`
	// Stopped is each adjustment the record compared with made that this
	// one no longer makes: an interpreter, large print, letters
	// translated, given up when the patient now answered "No, nothing
	// extra". The bands and routes say nothing of them, and the note is
	// what the patient record keeps: a need given up unseen there is one
	// nobody meets.
	Stopped []questionnaire.Adjustment `json:"stopped,omitempty"`
}

// Compare works out the change from prev to cur in each domain's band and
// in the primary and fallback routes. It is a pure function of the two
// records, so the result screen, the note and a summary all say the same.
// A domain that the two records' instrument versions band differently is
// not compared, and says why (questionnaire.Comparable).
func Compare(prev, cur Record) Change {
	c := Change{
		Since:     prev.ID,
		SinceTime: prev.Time,
		Primary:   RouteChange{Was: prev.Recommendation.Primary, Now: cur.Recommendation.Primary},
		Fallback: RouteChange{Was: prev.Recommendation.Fallback, Now: cur.Recommendation.Fallback,
			WasToCarer: prev.Recommendation.FallbackToCarer, NowToCarer: cur.Recommendation.FallbackToCarer},
	}
	for _, f := range append(slices.Clone(prev.Recommendation.Referrals), prev.Recommendation.Kept...) {
		if f.Consent != questionnaire.Agreed {
			continue
		}
		if !slices.ContainsFunc(cur.Outcomes, func(o ReferralOutcome) bool { return o.ProgrammeID == f.ProgrammeID }) {
			c.NotKnown = append(c.NotKnown, f.Name)
		}
	}
	c.Stopped = stoppedFrom(prev.Recommendation.Adjustments, cur.Recommendation.Adjustments)
	pi, _ := questionnaire.Lookup(prev.InstrumentVersion)
	ci, _ := questionnaire.Lookup(cur.InstrumentVersion)
	for _, d := range questionnaire.Domains {
		dc := DomainChange{Domain: d, Was: prev.Bands.Get(d), Now: cur.Bands.Get(d)}
		if prev.InstrumentVersion != cur.InstrumentVersion {
			if ok, why := questionnaire.Comparable(pi, ci, d); !ok {
				dc.NotCompared = why
			} else if why := notScoredAcross(pi, ci, prev, cur, d); why != "" {
				dc.NotCompared = why
			}
		}
		c.Domains = append(c.Domains, dc)
	}
	return c
}

// SetChange fills in what a follow-up r records against prev, the current
// version of the assessment it follows up, as the store saves it: the
// name of each earlier referral whose outcome it gives, and the change
// since prev (none when prev was entered in error). The note of a
// follow-up whose save was refused, kept in a file to paste, is made from
// the record filled in alike, so it is the note the record holds once
// saved.
func SetChange(r *Record, prev Record) {
	for i := range r.Outcomes {
		o := &r.Outcomes[i]
		for _, f := range append(slices.Clone(prev.Recommendation.Referrals), prev.Recommendation.Kept...) {
			if f.ProgrammeID == o.ProgrammeID && o.Name == "" {
				o.Name = f.Name
			}
		}
	}
	r.Change = nil
	if prev.Status != EnteredInError {
		ch := Compare(prev, *r)
		r.Change = &ch
	}
}

// stoppedFrom is each adjustment of was whose kind (adjustmentKind) none
// of now is.
func stoppedFrom(was, now []questionnaire.Adjustment) []questionnaire.Adjustment {
	var out []questionnaire.Adjustment
	for _, a := range was {
		if !slices.ContainsFunc(now, func(n questionnaire.Adjustment) bool { return adjustmentKind(n.Code) == adjustmentKind(a.Code) }) {
			out = append(out, a)
		}
	}
	return out
}

// AmendStopped is each adjustment of was, the version the amendment r
// replaces, that r no longer makes: "Do not phone the patient" taken out
// as recorded in error, large print found not needed. The bands and
// routes say nothing of them, and the patient holds was's handout, which
// promised them. None when was is not the record r amends, and none that
// r's own change already says stops (an amended follow-up's, since the
// check it follows up).
func AmendStopped(r, was Record) []questionnaire.Adjustment {
	if r.Amends.IsZero() || was.ID != r.Amends {
		return nil
	}
	out := stoppedFrom(was.Recommendation.Adjustments, r.Recommendation.Adjustments)
	if r.Change != nil {
		out = slices.DeleteFunc(out, func(a questionnaire.Adjustment) bool {
			return slices.ContainsFunc(r.Change.Stopped, func(s questionnaire.Adjustment) bool { return adjustmentKind(s.Code) == adjustmentKind(a.Code) })
		})
	}
	return out
}

// adjustmentKind is what an adjustment arranges, whatever its detail or
// the instrument version that made it: large print is one adjustment
// whatever its size (version 2 names the size in its code), so a size
// changed is not large print given up; and version 1's British Sign
// Language interpreter and contact through a carer are version 2's under
// another code, so a version 2 follow-up of a version 1 check that still
// makes them does not say they stop.
func adjustmentKind(code string) string {
	switch {
	case code != "large-print-screen" && strings.HasPrefix(code, questionnaire.NeedLargePrint+"-"):
		return questionnaire.NeedLargePrint
	case code == questionnaire.NeedBSL:
		return questionnaire.NeedBSLInterpreter
	case code == questionnaire.NeedCarer:
		return questionnaire.ContactCarer
	}
	return code
}

// notScoredAcross says why a domain that two versions band alike is not
// compared for this patient: an answer one version leaves out of the score
// for them (texting, in version 2, with no mobile phone) and the other
// counts. Empty when there is none.
func notScoredAcross(pi, ci *questionnaire.Instrument, prev, cur Record, d questionnaire.Domain) string {
	if pi == nil || ci == nil {
		return ""
	}
	for _, side := range []struct {
		ins, other *questionnaire.Instrument
		r          Record
	}{{pi, ci, prev}, {ci, pi, cur}} {
		if opts := side.ins.NotScoredHere(side.r.Answers, d); len(opts) > 0 {
			return fmt.Sprintf("version %s does not count %q for this patient, who has no device for it; version %s does",
				side.ins.Version, strings.ToLower(opts[0]), side.other.Version)
		}
	}
	return ""
}

// Lines says the change one line per domain and route, for the note, the
// result screen and the plain prompts: "Access: was significant barrier,
// now some barrier (better)", "Contact by: was Letter, now Phone call". In
// words, not with an arrow, which a screen reader spoke as "dash greater
// than".
func (c Change) Lines() []string {
	var out []string
	for _, d := range c.Domains {
		if t := d.Trend(); t == NotCompared {
			out = append(out, fmt.Sprintf("%s: %s, not compared: %s", d.Domain.Title(), d.Now, d.NotCompared))
		} else if t == Same {
			out = append(out, fmt.Sprintf("%s: %s (no change)", d.Domain.Title(), d.Now))
		} else {
			out = append(out, fmt.Sprintf("%s: was %s, now %s (%s)", d.Domain.Title(), d.Was, d.Now, t))
		}
	}
	for _, r := range []struct {
		name string
		c    RouteChange
	}{{"Contact by", c.Primary}, {"Fallback", c.Fallback}} {
		was, now := routeTitle(r.c.Was, r.c.WasToCarer), routeTitle(r.c.Now, r.c.NowToCarer)
		if r.c.Moved() {
			out = append(out, fmt.Sprintf("%s: was %s, now %s", r.name, was, now))
		} else {
			out = append(out, fmt.Sprintf("%s: %s (no change)", r.name, now))
		}
	}
	return out
}

// followUpNote is the part of the note that a follow-up adds: the change
// since last time and what became of the earlier referrals. Every value
// goes through plain, as in the rest of the note.
func followUpNote(r Record) string {
	if r.FollowsUp.IsZero() {
		return ""
	}
	var b strings.Builder
	if c := r.Change; c != nil {
		fmt.Fprintf(&b, "Change since the check of %s (record %s):\n", c.SinceTime.Local().Format("2006-01-02"), plain(c.Since.String()))
		for _, l := range c.Lines() {
			fmt.Fprintf(&b, "- %s\n", plain(l))
		}
		if len(c.Stopped) > 0 {
			// Said as the result said it: a need given up is written
			// down, not left to be noticed missing from the adjustments.
			fmt.Fprintf(&b, "These adjustments of the check of %s stop with this follow-up:\n", c.SinceTime.Local().Format("2006-01-02"))
			for _, a := range c.Stopped {
				fmt.Fprintf(&b, "- %s\n", plain(StoppedText(a)))
			}
		}
	} else {
		fmt.Fprintf(&b, "Follows up record %s.\n", plain(r.FollowsUp.String()))
	}
	var notKnown []string
	if r.Change != nil {
		notKnown = r.Change.NotKnown
	}
	if len(r.Outcomes) > 0 || len(notKnown) > 0 {
		b.WriteString("Earlier referrals:\n")
		for _, o := range r.Outcomes {
			name := cmp.Or(o.Name, o.ProgrammeID)
			line := name + ": " + OutcomeText(o.Outcome)
			if o.Reason != "" {
				line += " (" + o.Reason + ")"
			}
			fmt.Fprintf(&b, "- %s\n", plain(line))
		}
		for _, name := range notKnown {
			fmt.Fprintf(&b, "- %s\n", plain(name+": not known"))
		}
	}
	return b.String()
}

// NotOfferedAgain splits the referrals a record did not offer (unshown,
// its Unshown) into those never shown to the clinician and those its
// follow-up did not offer again because the patient went and it helped
// (Outcomes, OutcomeHelped): both fit the patient, but only the first
// were left unasked.
func NotOfferedAgain(r Record, unshown []questionnaire.Referral) (notShown, helped []questionnaire.Referral) {
	for _, f := range unshown {
		if slices.ContainsFunc(r.Outcomes, func(o ReferralOutcome) bool {
			return o.ProgrammeID == f.ProgrammeID && o.Outcome == OutcomeHelped
		}) {
			helped = append(helped, f)
			continue
		}
		notShown = append(notShown, f)
	}
	return notShown, helped
}
