package record

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"digicheck/questionnaire"
)

// ErrInvalid is the error of a record that breaks a rule it must meet by
// itself (Validate). errors.Is(err, ErrInvalid) holds for every Problems.
var ErrInvalid = errors.New("invalid record")

// Problem is one rule a record breaks, in words a clinician can act on.
type Problem struct {
	Text string
	// Entry marks a rule of what may be entered: printable typed text
	// and answers the instrument allows. These rules have grown stricter
	// over time, and a record an earlier digicheck saved may break one
	// (show prints such text escaped), so `check` does not report it as
	// damage; Save refuses it.
	Entry bool
}

// Problems is what Validate found wrong with a record, one finding each.
// It is an error; its message is the findings joined by "; ".
type Problems []Problem

func (p Problems) Error() string {
	texts := make([]string, len(p))
	for i, q := range p {
		texts[i] = q.Text
	}
	return strings.Join(texts, "; ")
}

// Is makes errors.Is(p, ErrInvalid) true.
func (p Problems) Is(target error) bool { return target == ErrInvalid }

// Validate checks every rule a record must meet by itself, whatever else
// is stored: the rules that need other records (that what it amends or
// follows up exists, is of the same patient, is current and not entered
// in error; that a follow-up follows the latest assessment) are the
// store's. It returns nil or Problems listing each rule broken, those of
// what may be entered marked Entry.
//
// A record has a UUIDv7 id, a patient identifier, a time and a known
// status that agrees with its links: completed supersedes nothing, amended
// and entered-in-error each supersede another record, and only a record
// entered in error gives a reason for it. Its typed text can be printed on
// a terminal (CheckText and each outcome's reason). Referral outcomes
// belong to a follow-up, each valid and each programme once. Its bands,
// routes and referral consents are ones digicheck knows.
//
// ins is the instrument of the record's version, or nil when it is not
// known (then its answers cannot be checked). With it, every answer is to
// a question ins asks and is an answer ins allows. Whether the result is
// the one the answers give is Verify's to say, which the store asks of a
// record before it is shown or built on.
func Validate(r *Record, ins *questionnaire.Instrument) error {
	if r == nil {
		return Problems{{Text: "no record"}}
	}
	var ps Problems
	add := func(format string, args ...any) { ps = append(ps, Problem{Text: fmt.Sprintf(format, args...)}) }
	entry := func(format string, args ...any) {
		ps = append(ps, Problem{Text: fmt.Sprintf(format, args...), Entry: true})
	}

	if r.ID.IsZero() {
		add("it has no id")
	} else if u := uuid.UUID(r.ID); u.Version() != 7 || u.Variant() != uuid.RFC4122 {
		add("its id %s is not a UUIDv7", r.ID)
	}
	switch p := r.Patient; {
	case p.Kind == "" || p.Value == "":
		add("it has no patient identifier")
	case strings.ContainsRune(p.Kind, 0) || strings.ContainsRune(p.Value, 0):
		add("the patient identifier holds a zero byte")
	case p.Kind == NHSNumber:
		// Never saved under a number that is not the patient's: one a
		// flipped bit made fails the check digit. (Text that cannot be
		// printed is CheckText's finding, below.)
		if _, err := CheckNHSNumber(p.Value); err != nil && !errors.Is(err, ErrNHSRepeated) && questionnaire.CheckText(p.Value) == nil {
			add("its NHS number %s is not a valid one: %v", p.Value, err)
		}
	}
	if r.Time.IsZero() {
		add("it has no time")
	} else if err := r.checkReviewBy(); err != nil {
		add("%v", err)
	}
	// What a record holds is printed on terminals: no control characters
	// in its typed text, whichever screen or command it came from.
	if err := r.CheckText(); err != nil {
		entry("%v", err)
	}

	switch r.Status {
	case Completed:
		if !r.Amends.IsZero() {
			add("status completed but it supersedes record %s, so its status must be amended or entered-in-error", r.Amends)
		}
	case Amended, EnteredInError:
		if r.Amends.IsZero() {
			add("status %s but it supersedes no record", r.Status)
		}
	default:
		add("unknown status %q", r.Status)
	}
	if (r.Status == EnteredInError) != (strings.TrimSpace(r.VoidReason) != "") {
		add("a record entered in error, and only such a record, has a reason for it")
	}
	if !r.Amends.IsZero() && r.Amends == r.ID {
		add("it supersedes itself")
	}
	if !r.FollowsUp.IsZero() && r.FollowsUp == r.ID {
		add("it follows up itself")
	}

	if len(r.Outcomes) > 0 && r.FollowsUp.IsZero() {
		add("it records referral outcomes but follows up no assessment")
	}
	seen := map[string]bool{}
	for _, o := range r.Outcomes {
		if err := o.Validate(); err != nil {
			add("%v", err)
			continue
		}
		if seen[o.ProgrammeID] {
			add("two outcomes for %s", o.ProgrammeID)
		}
		seen[o.ProgrammeID] = true
		if err := questionnaire.CheckText(o.Reason); err != nil {
			entry("the reason %s was not taken up: %v", o.ProgrammeID, err)
		}
	}

	for _, d := range questionnaire.Domains {
		if b := r.Bands.Get(d); b < questionnaire.NoBarrier || b > questionnaire.SignificantBarrier {
			add("%s band %d", d, b)
		}
	}
	rec := &r.Recommendation
	for _, rt := range []questionnaire.Route{rec.Primary, rec.Fallback, rec.Choice} {
		if rt != "" && !slices.Contains(questionnaire.Routes, rt) {
			add("unknown route %q", rt)
		}
	}
	for _, ref := range rec.Referrals {
		switch ref.Consent {
		case "", questionnaire.Agreed, questionnaire.Declined, questionnaire.NotDiscussed:
		default:
			add("referral %s: unknown consent %q", ref.ProgrammeID, ref.Consent)
		}
	}

	if ins != nil && r.InstrumentVersion == ins.Version && len(r.Answers) > 0 {
		ps = append(ps, answerProblems(r.Answers, ins)...)
	}
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// answerProblems are the answers in a that are not to a question ins asks
// or not an answer it allows, in the order of their questions' link ids.
// It walks ins's questions once, in the order asked, looking each up in a:
// a save checks every record so, and searching the instrument for each
// answer, with a sorted copy of the answers' links, was most of what
// Validate took.
func answerProblems(a map[string][]string, ins *questionnaire.Instrument) Problems {
	var found []linkProblem
	asked := 0
	for si := range ins.Sections {
		for ii := range ins.Sections[si].Items {
			it := &ins.Sections[si].Items[ii]
			vals, ok := a[it.LinkID]
			if !ok {
				continue
			}
			asked++
			if len(vals) == 0 {
				continue
			}
			if err := ins.ValidateItem(it, vals); err != nil {
				found = append(found, linkProblem{it.LinkID, Problem{Text: err.Error(), Entry: true}})
			}
		}
	}
	if asked != len(a) {
		for link := range a {
			if _, ok := ins.Item(link); !ok {
				found = append(found, linkProblem{link, Problem{Text: fmt.Sprintf("no question %q in instrument version %s", link, ins.Version), Entry: true}})
			}
		}
	}
	if len(found) == 0 {
		return nil
	}
	slices.SortStableFunc(found, func(x, y linkProblem) int { return strings.Compare(x.link, y.link) })
	out := make(Problems, len(found))
	for i, f := range found {
		out[i] = f.p
	}
	return out
}

// linkProblem is a problem with the answer to the question link.
type linkProblem struct {
	link string
	p    Problem
}
