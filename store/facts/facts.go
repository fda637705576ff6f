// Package facts is the store's compact form of an assessment record, the
// row that summaries and flat exports read. A record is kept as JSON, which
// is clear and flexible but slow to read a million times over; its facts
// are the same assessment reduced to numbers and short codes in a fixed
// layout, written beside the record in the same transaction, so a summary
// of a million assessments reads a few dozen megabytes and decodes each in
// nanoseconds. It is a format, below the store and knowing nothing of what
// is counted; the store writes facts when it can and never refuses a record
// because it cannot.
//
// A fact holds what a summary counts and a flat (CSV) export writes: the
// record's id, time, patient, team, status and links (the record it amends,
// the assessment it follows up), whether it is synthetic, the instrument and
// directory versions, the four bands, the routes and the patient's choice,
// every referral with its consent (an amendment's kept referrals among
// them, after those its answers offer), a follow-up's change since last time and
// what became of the earlier referrals, and every answer to a choice
// question as an option code of its instrument version's Table. It leaves
// out what only a person reading one record needs:
// the reasons, the adjustments' wording, the clinician, the void reason and
// the patient's reasons for not taking up a referral.
//
// Strings that repeat from record to record (teams, versions, programme ids,
// interpreter languages, patient identifier kinds) are written as numbers
// into a table of names kept by whoever stores the facts; Encode takes a
// function that numbers a name, and a View gives the numbers back.
package facts

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/google/uuid"

	"digicheck/questionnaire"
	"digicheck/record"
)

// Fact is one record's facts. Its fields use the codes of the record: the
// strings of record.Status, questionnaire.Route and the instrument's option
// codes.
type Fact struct {
	ID        uuid.UUID
	Time      int64 // the record's Time in Unix seconds
	Patient   record.PatientID
	Team      string
	Status    record.Status
	Amends    uuid.UUID // uuid.Nil when the record amends nothing
	FollowsUp uuid.UUID // uuid.Nil when it follows nothing up
	Synthetic bool

	InstrumentVersion string
	DirectoryVersion  string

	Bands          questionnaire.Bands
	Primary        questionnaire.Route // "" when the record has no result (a void may not)
	Fallback       questionnaire.Route
	Choice         questionnaire.Route // "" for no preference
	ChoiceHonoured bool
	Referrals      []Referral

	// Change is a follow-up's change since the assessment it follows up,
	// as the store worked it out when the follow-up was saved.
	Change Change
	// Outcomes says what became of the earlier assessment's referrals.
	Outcomes []Outcome

	Answers Answers
}

// Change is record.Change reduced to its trends.
type Change struct {
	Present bool // false when the record has no change (not a follow-up)
	// Domains is each domain's trend, in questionnaire.Domains order.
	Domains         [4]record.Trend
	PrimaryChanged  bool
	FallbackChanged bool
}

// Outcome is what became of one referral of the assessment followed up.
type Outcome struct {
	Programme string
	Outcome   string // one of record.OutcomeCodes
}

// Referral is one programme the patient was offered, with their answer.
type Referral struct {
	Programme string
	Consent   string // "", questionnaire.Agreed, Declined or NotDiscussed
}

// Errors, named so callers can tell a record facts cannot hold from stored
// bytes that are not facts.
var (
	// ErrRecord: the record holds a value facts have no code for (an
	// answer the instrument does not offer, an unknown status or route).
	// Such a record is not a valid assessment.
	ErrRecord = errors.New("record cannot be reduced to facts")
	// ErrEncoding: the bytes are not facts in a format this version reads.
	ErrEncoding = errors.New("facts unreadable")
)

// FromRecord reduces a record to its facts. The record's id must be a UUID,
// and ins the instrument of its version (r.InstrumentVersion). Codes facts
// have no number for (a status, route, consent or outcome) are refused by
// Encode.
func FromRecord(r *record.Record, ins *questionnaire.Instrument) (Fact, error) {
	fail := func(format string, args ...any) (Fact, error) {
		return Fact{}, fmt.Errorf("%w: record %s: %s", ErrRecord, r.ID, fmt.Sprintf(format, args...))
	}
	var f Fact
	if r.ID.IsZero() {
		return fail("no id")
	}
	f.ID, f.Amends, f.FollowsUp = uuid.UUID(r.ID), uuid.UUID(r.Amends), uuid.UUID(r.FollowsUp)
	f.Time = r.Time.Unix()
	f.Patient = r.Patient
	f.Team = r.Team
	f.Status = r.Status
	f.Synthetic = r.Synthetic
	f.InstrumentVersion = r.InstrumentVersion
	f.DirectoryVersion = r.DirectoryVersion
	f.Bands = r.Bands
	rec := &r.Recommendation
	f.Primary, f.Fallback, f.Choice = rec.Primary, rec.Fallback, rec.Choice
	f.ChoiceHonoured = rec.ChoiceHonoured
	for _, ref := range rec.Referrals {
		f.Referrals = append(f.Referrals, Referral{Programme: ref.ProgrammeID, Consent: ref.Consent})
	}
	// An amendment's kept referrals were made (or refused) and stand:
	// counted and exported as the referrals they are, after those its
	// answers offer, and once, as the record lists each programme once.
	for _, ref := range rec.Kept {
		if !slices.ContainsFunc(f.Referrals, func(o Referral) bool { return o.Programme == ref.ProgrammeID }) {
			f.Referrals = append(f.Referrals, Referral{Programme: ref.ProgrammeID, Consent: ref.Consent})
		}
	}
	if c := r.Change; c != nil {
		f.Change.Present = true
		if len(c.Domains) != len(questionnaire.Domains) {
			return fail("change in %d domains", len(c.Domains))
		}
		for i, d := range c.Domains {
			if d.Domain != questionnaire.Domains[i] {
				return fail("change in domain %q out of order", d.Domain)
			}
			f.Change.Domains[i] = d.Trend()
		}
		f.Change.PrimaryChanged = c.Primary.Changed()
		f.Change.FallbackChanged = c.Fallback.Changed()
	}
	for _, o := range r.Outcomes {
		f.Outcomes = append(f.Outcomes, Outcome{Programme: o.ProgrammeID, Outcome: o.Outcome})
	}
	if ins == nil || ins.Version != r.InstrumentVersion {
		return fail("instrument version %q is not one facts are given", r.InstrumentVersion)
	}
	t, err := TableFor(ins)
	if err != nil {
		return fail("%v", err)
	}
	if err := f.Answers.set(t, r.Answers); err != nil {
		return fail("%v", err)
	}
	return f, nil
}

// Answers holds a record's answers compactly, against its instrument
// version's Table: for each item, a set of options as bits over the item's
// codes (one bit for a single-choice item, none when it was not answered),
// and the two free-text answers facts keep.
type Answers struct {
	// Table is the instrument version's; nil only for a record with no
	// answers facts hold.
	Table    *Table
	sel      [MaxItems]uint32
	Language string   // the interpreter language, "" when not asked
	Postcode District // the postcode district, zero when not given
}

// Select records that the answer to the question linkID includes code.
func (a *Answers) Select(linkID, code string) error {
	if a.Table == nil {
		return fmt.Errorf("%s: no instrument to answer", linkID)
	}
	i, ok := a.Table.Index(linkID)
	if !ok {
		return fmt.Errorf("no question %q in instrument version %s", linkID, a.Table.version)
	}
	it := &a.Table.items[i]
	for j, c := range it.Codes {
		if c == code {
			if !it.Multi && a.sel[i] != 0 && a.sel[i] != 1<<j {
				return fmt.Errorf("%s: more than one answer to a single-choice question", linkID)
			}
			a.sel[i] |= 1 << j
			return nil
		}
	}
	return fmt.Errorf("%s: %q is not an answer instrument version %s offers", linkID, code, a.Table.version)
}

// Choices gives back the answers a holds as the instrument's answers: each
// choice item's option codes by its linkId, and the interpreter language
// and postcode district. Free text facts do not keep is not there, so
// what it gives is what the answers are scored from (every scored item is
// a choice), not the whole record's answers.
func (a *Answers) Choices() questionnaire.Answers {
	out := questionnaire.Answers{}
	a.FillChoices(out)
	return out
}

// FillChoices empties m and puts in it what Choices gives, without making
// a slice for an answer of one option (its value is the table's own code,
// which must not be changed): for answers read many times over, a row of
// an export each.
func (a *Answers) FillChoices(m questionnaire.Answers) {
	clear(m)
	if a.Table != nil {
		for i := range a.Table.items {
			mask := a.sel[i]
			if mask == 0 {
				continue
			}
			codes := a.Table.items[i].Codes
			if mask&(mask-1) == 0 {
				if j := bits.TrailingZeros32(mask); j < len(codes) {
					m[a.Table.items[i].LinkID] = codes[j : j+1 : j+1]
				}
				continue
			}
			var vals []string
			for ; mask != 0; mask &= mask - 1 {
				if j := bits.TrailingZeros32(mask); j < len(codes) {
					vals = append(vals, codes[j])
				}
			}
			m[a.Table.items[i].LinkID] = vals
		}
	}
	if a.Language != "" {
		m[questionnaire.LinkLanguage] = []string{a.Language}
	}
	if !a.Postcode.IsZero() {
		m[questionnaire.LinkPostcodeDistrict] = []string{a.Postcode.String()}
	}
}

func (a *Answers) set(t *Table, ans questionnaire.Answers) error {
	*a = Answers{Table: t}
	for link, vals := range ans {
		switch link {
		case questionnaire.LinkLanguage:
			if len(vals) > 0 {
				a.Language = vals[0]
			}
			continue
		case questionnaire.LinkPostcodeDistrict:
			if len(vals) > 0 {
				d, err := ParseDistrict(vals[0])
				if err != nil {
					return err
				}
				a.Postcode = d
			}
			continue
		}
		if t.text[link] {
			continue // free text facts do not keep
		}
		for _, v := range vals {
			if err := a.Select(link, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// District is a postcode district (outward code) of up to four characters,
// zero-padded; the zero value means none was given.
type District [4]byte

// ParseDistrict checks and upper-cases a postcode district as the
// instrument does.
func ParseDistrict(s string) (District, error) {
	var d District
	if s == "" {
		return d, nil
	}
	n, err := questionnaire.NormalisePostcodeDistrict(s)
	if err != nil {
		return d, err
	}
	copy(d[:], n)
	return d, nil
}

func (d District) String() string { return strings.TrimRight(string(d[:]), "\x00") }

// IsZero reports whether no district was given.
func (d District) IsZero() bool { return d == District{} }
