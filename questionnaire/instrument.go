// Package questionnaire is digicheck's clinical domain: the instrument as
// versioned data, the banding of each domain, and the recommendation (routes,
// adjustments, referrals) computed from a patient's answers and a referral
// directory. It holds no I/O and imports no terminal or storage code, so every
// rule in it can be read as data and tested as a table.
package questionnaire

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Domain is one of the four scored domains of digital inclusion.
type Domain string

// The scored domains, in the order they are asked and reported.
const (
	Access     Domain = "access"
	Skills     Domain = "skills"
	Motivation Domain = "motivation"
	Trust      Domain = "trust"
)

// Domains lists the scored domains in reporting order.
var Domains = []Domain{Access, Skills, Motivation, Trust}

// Title is the domain's name as shown to people.
func (d Domain) Title() string {
	switch d {
	case Access:
		return "Access"
	case Skills:
		return "Skills"
	case Motivation:
		return "Motivation"
	case Trust:
		return "Trust"
	}
	return string(d)
}

// ItemType says what kind of answer an item takes. The names follow the FHIR
// R4 Questionnaire item types the instrument is exported as.
type ItemType string

const (
	// Choice takes exactly one option code.
	Choice ItemType = "choice"
	// MultiChoice takes one or more option codes.
	MultiChoice ItemType = "multi"
	// Text takes one short free-text string.
	Text ItemType = "text"
)

// Scoring says how a multi-choice item turns its selected options into a
// score. Single-choice items always score their one option.
type Scoring string

const (
	// ScoreBest scores the lowest (least barrier) of the selected options:
	// a patient with a smartphone and a landline is as well off as the
	// smartphone alone.
	ScoreBest Scoring = "best"
	// ScoreUnselected scores the options that were NOT selected: the tasks a
	// patient cannot do on their own.
	ScoreUnselected Scoring = "unselected"
)

// Option is one answer a clinician can record for an item.
type Option struct {
	Code string // stable code kept in records and exports; never reused
	Text string // what the clinician reads out or selects
	// Score is this option's contribution to its item's domain score; a
	// higher score means more of a barrier.
	Score int
	// Exclusive options cannot be selected together with any other option
	// of the same multi-choice item ("none of these").
	Exclusive bool
	// Needs, on an option of a list scored by what was not chosen (the
	// everyday tasks), is what the task cannot be done without: when
	// the answers show the patient lacks it, the task not chosen is an
	// access matter, already scored there, and adds nothing to this
	// item's score (a patient with no mobile phone cannot reply to a text
	// message, however skilled).
	Needs *Condition
}

// Condition shows an item only when another item's answer includes Code
// (or, where AnyOf is given, any of those codes).
type Condition struct {
	LinkID string
	Code   string
	AnyOf  []string
}

// holds reports whether the answers meet the condition.
func (c Condition) holds(a Answers) bool {
	return a.Has(c.LinkID, c.Code) || slices.ContainsFunc(c.AnyOf, func(code string) bool { return a.Has(c.LinkID, code) })
}

// Item is one question.
type Item struct {
	LinkID   string // stable identifier, kept in every record and export
	Text     string // read out to the patient as written
	Label    string // a short name for one-line lists (the review screen)
	Hint     string // for the clinician only
	Type     ItemType
	Options  []Option
	Required bool
	Domain   Domain  // the scored domain, or "" for an unscored item
	Scoring  Scoring // for scored multi-choice items
	// EnableWhen hides the item unless the condition holds.
	EnableWhen *Condition
	// MaxLen bounds a Text answer.
	MaxLen int
}

// Option returns the option with the given code.
func (it *Item) Option(code string) (Option, bool) {
	for _, o := range it.Options {
		if o.Code == code {
			return o, true
		}
	}
	return Option{}, false
}

// Section is a group of items asked together on one screen.
type Section struct {
	ID    string
	Title string
	Intro string // one line for the clinician
	Short string // a short title for one-line lists
	Items []Item
	// Optional sections may be skipped as a whole (the equity fields).
	Optional bool
}

// Thresholds bands a domain score: a score below Some is no barrier, a score
// from Some up to (but not including) Significant is some barrier, and a
// score of Significant or more is a significant barrier.
type Thresholds struct {
	Some        int
	Significant int
}

// Instrument is one version of the questionnaire: its items, the bands of
// its domains and the rules that turn its answers into a recommendation.
// Each version keeps its own rules, so a record is recomputed (and shown)
// by the rules it was made with, whatever later versions change.
type Instrument struct {
	URL      string // canonical URL, as in the FHIR Questionnaire
	Version  string
	Title    string
	Sections []Section
	Bands    map[Domain]Thresholds
	// rules recommends from answers and bands; nil is version 1's.
	rules func(ins *Instrument, a Answers, b Bands, dir Directory, svc Services) Recommendation
	// Consistency lists answers that cannot stand together, refused at
	// the question (CheckAnswer) and in the whole set (Validate).
	Consistency []Consistency
	// before is the revision of these rules that records saved before
	// the last change to them were made with (see Earlier); nil when
	// there is none. beforeRules marks an instrument that is itself such
	// a revision.
	before      *Instrument
	beforeRules bool
	// beforeWrittenCheck marks a revision whose check of understanding,
	// for a patient who needs help reading often or always, came only
	// with a written fallback behind a visit, not with every written
	// route.
	beforeWrittenCheck bool
	// beforeSaysNo marks a revision that offered a patient who said No to
	// doing health tasks online every programme that fits, lessons, a
	// device and data too, support first (RankFacts.SaysNo).
	beforeSaysNo bool
	// beforeNoAppAsk marks a revision that offered NHS App help to a
	// patient who said No to doing health tasks online
	// (RankFacts.SaysNoApp), and that asked the questions that could open
	// more referrals by version 1's facts of the patient, naming a
	// programme that needs a device of the patient's own (AbilityNet) for
	// a patient with none (askAboutV2).
	beforeNoAppAsk bool
	// beforeOwnDevices marks a revision that ranked a device first for
	// every patient, offering the National Device Bank first to one with
	// a smartphone and a computer of their own (RankFacts.OwnPhone).
	beforeOwnDevices bool
	// beforeAskRerun marks a revision whose questions that could open
	// more referrals were worked out from eligibility alone, naming
	// programmes the rules never give the patient (couldOpen).
	beforeAskRerun bool
}

// Earlier is the revision of this version's rules before the last change
// to them, whose results a record saved by an earlier digicheck may hold,
// or nil; its own Earlier is the one before that. Record verification
// accepts a saved result that any revision gives, so that a record made
// before a change to the rules is still shown as it was saved, and not
// refused as edited. Version 2's revisions, newest first: the questions
// that could open more referrals worked out from eligibility alone; a device
// ranked first whatever devices the patient has of their own (hazard
// H51); NHS App help
// offered to a patient who said No to doing health tasks online, and
// AbilityNet asked about for a patient with no device (hazard H51); every
// programme that fits offered to a patient who said No to doing health
// tasks online (hazard H51); the check of understanding with a written
// fallback behind a visit only (hazard H39);
// before that, texting counted whatever the phones (hazard H52) and no
// trust-check adjustment (hazard H54), both of which came with the
// clinical review of December 2026.
func (ins *Instrument) Earlier() *Instrument { return ins.before }

// Consistency is one rule between two items' answers: when LinkID's answer
// includes Code and Other is answered, Other's answer must include none of
// Conflicts and, if Needs is set, one of Needs. Message says why, to the
// person at the keyboard.
//
// Yields, when set, makes LinkID's answer the one that gives way: an
// answer to Other that breaks the rule is taken, not refused, and LinkID's
// answer must be given again (GivesWay says so, in Yields' words). A
// restriction on how a patient may be contacted never gives way to their
// preference: refused at the restriction, the clinician's only way on was
// to drop it, and a patient who must not be texted was saved as choosing
// texts. LinkID's answer is still refused against Other's, and a set of
// answers holding both is still refused whole.
type Consistency struct {
	LinkID, Code string
	Other        string
	Conflicts    []string
	Needs        []string
	Message      string
	Yields       string
}

// broken reports whether the rule is broken by the answers a.
func (c Consistency) broken(a Answers) bool {
	if !a.Has(c.LinkID, c.Code) || len(a[c.Other]) == 0 {
		return false
	}
	other := func(v string) bool { return a.Has(c.Other, v) }
	return slices.ContainsFunc(c.Conflicts, other) || len(c.Needs) > 0 && !slices.ContainsFunc(c.Needs, other)
}

// CheckAnswer checks one item's answer as ValidateItem does, and against
// the answers given to the other items so far (given): answers that cannot
// stand together ("by phone" and "not by phone") are refused at whichever
// of the two questions is answered second.
func (ins *Instrument) CheckAnswer(it *Item, values []string, given Answers) error {
	if err := ins.ValidateItem(it, values); err != nil {
		return err
	}
	a := given.Clone() // never nil, though given may be
	a[it.LinkID] = values
	return ins.consistent(a, it.LinkID)
}

// GivesWay is the answers that give way to values answered to it, given the
// answers so far (given): those of the rules that yield (Consistency.Yields)
// which values break, each once, with the reason. The front ends take
// values, drop these answers and ask them again.
func (ins *Instrument) GivesWay(it *Item, values []string, given Answers) []Yield {
	a := given.Clone() // never nil, though given may be
	a[it.LinkID] = values
	var out []Yield
	for _, c := range ins.Consistency {
		if c.Yields == "" || c.Other != it.LinkID || !c.broken(a) {
			continue
		}
		if !slices.ContainsFunc(out, func(y Yield) bool { return y.LinkID == c.LinkID }) {
			out = append(out, Yield{c.LinkID, c.Yields})
		}
	}
	return out
}

// Yield is an answer that gives way to another (see Consistency.Yields):
// the item's linkId, and why, to the person at the keyboard.
type Yield struct {
	LinkID, Reason string
}

// consistent checks the consistency rules that involve linkID (every rule
// where linkID is ""). A rule that yields is not broken at its Other:
// there the answer is taken and LinkID's gives way (GivesWay).
func (ins *Instrument) consistent(a Answers, linkID string) error {
	for _, c := range ins.Consistency {
		if linkID != "" && c.LinkID != linkID && c.Other != linkID {
			continue
		}
		if c.Yields != "" && linkID != "" && linkID == c.Other && linkID != c.LinkID {
			continue
		}
		if c.broken(a) {
			at := cmp.Or(linkID, c.LinkID)
			return &AnswerError{at, c.Message}
		}
	}
	return nil
}

// Item finds an item by linkId.
func (ins *Instrument) Item(linkID string) (*Item, bool) {
	for si := range ins.Sections {
		for ii := range ins.Sections[si].Items {
			if ins.Sections[si].Items[ii].LinkID == linkID {
				return &ins.Sections[si].Items[ii], true
			}
		}
	}
	return nil, false
}

// Items returns every item in the order asked.
func (ins *Instrument) Items() []*Item {
	var out []*Item
	for si := range ins.Sections {
		for ii := range ins.Sections[si].Items {
			out = append(out, &ins.Sections[si].Items[ii])
		}
	}
	return out
}

// Enabled reports whether an item is asked, given the answers so far.
func (it *Item) Enabled(a Answers) bool {
	if it.EnableWhen == nil {
		return true
	}
	return it.EnableWhen.holds(a)
}

// Answers holds a patient's answers by linkId: the selected option codes of a
// choice item, or a single string for a text item. An item that was skipped
// or not asked has no entry.
type Answers map[string][]string

// Has reports whether the answer to linkID includes code.
func (a Answers) Has(linkID, code string) bool {
	return slices.Contains(a[linkID], code)
}

// One returns the single answer to linkID, or "" if there is none.
func (a Answers) One(linkID string) string {
	if v := a[linkID]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Clone returns a deep copy, so a caller may keep editing its own: never
// nil, an empty map for nil.
func (a Answers) Clone() Answers {
	out := make(Answers, len(a))
	for k, v := range a {
		out[k] = slices.Clone(v)
	}
	return out
}

// AnswerError says which item an answer is wrong for, and why.
type AnswerError struct {
	LinkID string
	Reason string
}

func (e *AnswerError) Error() string { return e.LinkID + ": " + e.Reason }

// ValidateItem checks one item's answer. values may be empty for an item
// that was skipped.
func (ins *Instrument) ValidateItem(it *Item, values []string) error {
	if len(values) == 0 {
		if it.Required {
			return &AnswerError{it.LinkID, "an answer is needed"}
		}
		return nil
	}
	switch it.Type {
	case Text:
		if len(values) != 1 {
			return &AnswerError{it.LinkID, "one text answer expected"}
		}
		// A blank string is not an answer: a required item would pass
		// unanswered (an interpreter with no language).
		if strings.TrimSpace(values[0]) == "" {
			return &AnswerError{it.LinkID, "the answer is blank: type it, or leave the question out"}
		}
		// Text answers are printed in notes and on terminals: a control
		// character in one would reach the terminal that shows it.
		if err := CheckText(values[0]); err != nil {
			return &AnswerError{it.LinkID, err.Error()}
		}
		if it.MaxLen > 0 && len([]rune(values[0])) > it.MaxLen {
			return &AnswerError{it.LinkID, fmt.Sprintf("at most %d characters", it.MaxLen)}
		}
		if it.LinkID == LinkPostcodeDistrict {
			if _, err := NormalisePostcodeDistrict(values[0]); err != nil {
				return &AnswerError{it.LinkID, err.Error()}
			}
		}
		return nil
	case Choice:
		if len(values) != 1 {
			return &AnswerError{it.LinkID, "choose one answer"}
		}
	}
	for i, v := range values {
		o, ok := it.Option(v)
		if !ok {
			return &AnswerError{it.LinkID, fmt.Sprintf("%q is not an answer to this question", v)}
		}
		// Each code before this one is an option of the question,
		// and none is given twice: a few at most to look through.
		if slices.Contains(values[:i], v) {
			return &AnswerError{it.LinkID, fmt.Sprintf("%q given twice", v)}
		}
		if o.Exclusive && len(values) > 1 {
			return &AnswerError{it.LinkID, fmt.Sprintf("%q cannot be chosen with other answers", o.Text)}
		}
	}
	return nil
}

// Validate checks a whole set of answers: every required, enabled item is
// answered, every answer is one the item allows, and no answer is given to an
// item that is not asked or does not exist.
func (ins *Instrument) Validate(a Answers) error {
	// Each answer a question has is counted, so that an answer to no
	// question is found without a set of the instrument's questions
	// made each time (linkIds are unique: TestV1IsWellFormed).
	asked := 0
	for si := range ins.Sections {
		for ii := range ins.Sections[si].Items {
			it := &ins.Sections[si].Items[ii]
			vals, ok := a[it.LinkID]
			if ok {
				asked++
			}
			if !it.Enabled(a) {
				if len(vals) > 0 {
					return &AnswerError{it.LinkID, "answered but not asked"}
				}
				continue
			}
			if err := ins.ValidateItem(it, vals); err != nil {
				return err
			}
		}
	}
	if asked != len(a) {
		for k := range a {
			if _, ok := ins.Item(k); !ok {
				return &AnswerError{k, "no such question in instrument " + ins.Version}
			}
		}
	}
	return ins.consistent(a, "")
}
