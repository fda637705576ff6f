// Package facts is the compact form of an assessment record that summaries
// and flat exports read. A record is kept as JSON, which is clear and
// flexible but slow to read a million times over; its facts are the same
// assessment reduced to numbers and short codes in a fixed layout, written
// beside the record in the same transaction, so a summary of a million
// assessments reads a few dozen megabytes and decodes each in nanoseconds.
//
// A fact holds what a summary counts and a flat (CSV) export writes: the
// record's id, time, patient, team, status and links (the record it amends,
// the assessment it follows up), whether it is synthetic, the instrument and
// directory versions, the four bands, the routes and the patient's choice,
// every referral with its consent, a follow-up's change since last time and
// what became of the earlier referrals, and every answer of instrument v1 as
// an option code. It leaves out what only a person reading one record needs:
// the reasons, the adjustments' wording, the clinician, the void reason and
// the patient's reasons for not taking up a referral.
//
// Strings that repeat from record to record (teams, versions, programme ids,
// interpreter languages, patient identifier kinds) are written as numbers
// into a table of names kept by whoever stores the facts; Encode takes a
// function that numbers a name and Decode the table.
package facts

import (
	"errors"
	"fmt"
	"math/bits"
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

// FromRecord reduces a record to its facts. The record's id must be a UUID.
func FromRecord(r *record.Record) (Fact, error) {
	fail := func(format string, args ...any) (Fact, error) {
		return Fact{}, fmt.Errorf("%w: record %s: %s", ErrRecord, r.ID, fmt.Sprintf(format, args...))
	}
	var f Fact
	if r.ID.IsZero() {
		return fail("no id")
	}
	f.ID, f.Amends, f.FollowsUp = uuid.UUID(r.ID), uuid.UUID(r.Amends), uuid.UUID(r.FollowsUp)
	if statusCode(r.Status) == 0 {
		return fail("unknown status %q", r.Status)
	}
	f.Time = r.Time.Unix()
	f.Patient = r.Patient
	f.Team = r.Team
	f.Status = r.Status
	f.Synthetic = r.Synthetic
	f.InstrumentVersion = r.InstrumentVersion
	f.DirectoryVersion = r.DirectoryVersion
	f.Bands = r.Bands
	for _, d := range questionnaire.Domains {
		if b := r.Bands.Get(d); b < questionnaire.NoBarrier || b > questionnaire.SignificantBarrier {
			return fail("%s band %d", d, b)
		}
	}
	rec := &r.Recommendation
	for _, rt := range []questionnaire.Route{rec.Primary, rec.Fallback, rec.Choice} {
		if rt != "" && routeCode(rt) == 0 {
			return fail("unknown route %q", rt)
		}
	}
	f.Primary, f.Fallback, f.Choice = rec.Primary, rec.Fallback, rec.Choice
	f.ChoiceHonoured = rec.ChoiceHonoured
	if len(rec.Referrals) > maxReferrals {
		return fail("%d referrals; facts hold at most %d", len(rec.Referrals), maxReferrals)
	}
	for _, ref := range rec.Referrals {
		if consentCode(ref.Consent) < 0 {
			return fail("referral %s: unknown consent %q", ref.ProgrammeID, ref.Consent)
		}
		f.Referrals = append(f.Referrals, Referral{Programme: ref.ProgrammeID, Consent: ref.Consent})
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
	if len(r.Outcomes) > maxReferrals {
		return fail("%d referral outcomes; facts hold at most %d", len(r.Outcomes), maxReferrals)
	}
	for _, o := range r.Outcomes {
		if outcomeCode(o.Outcome) == 0 {
			return fail("referral %s: unknown outcome %q", o.ProgrammeID, o.Outcome)
		}
		f.Outcomes = append(f.Outcomes, Outcome{Programme: o.ProgrammeID, Outcome: o.Outcome})
	}
	if err := f.Answers.set(r.Answers); err != nil {
		return fail("%v", err)
	}
	return f, nil
}

// Counted reports whether the record's status lets it count at all: a
// record entered in error never counts. Whether a record is the current
// version of its assessment depends on the other records and is decided by
// whoever has them all (see report).
func (f *Fact) Counted() bool { return f.Status != record.EnteredInError }

// Item is a question of instrument v1 whose answer a fact holds as option
// codes. The numbering is part of the stored format: items are only ever
// added at the end.
type Item int

// The items, in the order the instrument asks them.
const (
	Devices Item = iota
	Internet
	Afford
	Tasks
	Help
	Want
	Worry
	Experience
	CommNeeds
	ReadingHelp
	ChoiceRoute
	AgeBand
	Disability
	Benefits
	MainLanguage
	Ethnicity
	NumItems
)

type itemDef struct {
	linkID string
	multi  bool
	// codes are the option codes in the order their bits or numbers are
	// stored. They are written out here, not taken from the instrument, so
	// that the stored meaning cannot shift if the instrument's options are
	// reordered; a code is only ever added at the end. A test checks that
	// every option of the instrument is here.
	codes []string
}

var items = [NumItems]itemDef{
	Devices:      {questionnaire.LinkDevices, true, []string{"smartphone", "computer", "shared", "basic-mobile", "landline", "none"}},
	Internet:     {questionnaire.LinkInternet, true, []string{"home", "mobile-data", "public-wifi", "none"}},
	Afford:       {questionnaire.LinkAfford, false, []string{"never", "sometimes", "often"}},
	Tasks:        {questionnaire.LinkTasks, true, []string{"text", "email", "app", "login", "form", "video", "none"}},
	Help:         {questionnaire.LinkHelp, false, []string{"no-help", "some-help", "relies"}},
	Want:         {questionnaire.LinkWant, false, []string{"yes", "with-help", "no"}},
	Worry:        {questionnaire.LinkWorry, false, []string{"not", "a-little", "very"}},
	Experience:   {questionnaire.LinkBadExperience, false, []string{"no", "not-put-off", "put-off"}},
	CommNeeds:    {questionnaire.LinkCommNeeds, true, []string{"none", "large-print", "easy-read", "verbal", "bsl", "interpreter", "text-relay", "screen-reader", "via-carer"}},
	ReadingHelp:  {questionnaire.LinkReadingHelp, false, []string{"never", "rarely", "sometimes", "often", "always"}},
	ChoiceRoute:  {questionnaire.LinkChoice, false, []string{"nhs-app", "email", "sms", "phone", "letter", "carer", "no-preference"}},
	AgeBand:      {questionnaire.LinkAgeBand, false, []string{"16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+", "not-stated"}},
	Disability:   {questionnaire.LinkDisability, false, []string{"yes", "no", "not-stated"}},
	Benefits:     {questionnaire.LinkBenefits, false, []string{"yes", "no", "not-stated"}},
	MainLanguage: {questionnaire.LinkMainLanguage, false, []string{"yes", "no", "not-stated"}},
	Ethnicity:    {questionnaire.LinkEthnicity, false, []string{"A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "Z"}},
}

// LinkID is the item's linkId in the instrument.
func (it Item) LinkID() string { return items[it].linkID }

// Multi reports whether the item takes several options.
func (it Item) Multi() bool { return items[it].multi }

// Codes lists the item's option codes in stored order. The caller must not
// change the slice.
func (it Item) Codes() []string { return items[it].codes }

// Answers holds the answers of instrument v1 compactly: for each item, a set
// of options as bits over the item's codes (one bit for a single-choice
// item, none when it was not answered), and the two free-text answers.
type Answers struct {
	sel      [NumItems]uint32
	Language string   // the interpreter language, "" when not asked
	Postcode District // the postcode district, zero when not given
}

// Has reports whether the answer to it includes the code.
func (a *Answers) Has(it Item, code string) bool {
	for i, c := range items[it].codes {
		if c == code {
			return a.sel[it]&(1<<i) != 0
		}
	}
	return false
}

// Index is the stored number of a single-choice item's answer: its code's
// position in Codes plus one, or 0 when the item was not answered.
func (a *Answers) Index(it Item) int {
	m := a.sel[it]
	if m == 0 {
		return 0
	}
	return bits.TrailingZeros32(m) + 1
}

// Code is a single-choice item's answer, or "" when it was not answered.
func (a *Answers) Code(it Item) string {
	if i := a.Index(it); i > 0 {
		return items[it].codes[i-1]
	}
	return ""
}

// Mask is the set of options selected, as bits over Codes.
func (a *Answers) Mask(it Item) uint32 { return a.sel[it] }

// AppendCodes appends the selected codes of it, in stored order and joined
// by sep, to dst.
func (a *Answers) AppendCodes(dst []byte, it Item, sep byte) []byte {
	first := true
	for m := a.sel[it]; m != 0; m &= m - 1 {
		if !first {
			dst = append(dst, sep)
		}
		first = false
		dst = append(dst, items[it].codes[bits.TrailingZeros32(m)]...)
	}
	return dst
}

// Select records that the answer to it includes code.
func (a *Answers) Select(it Item, code string) error {
	def := &items[it]
	for i, c := range def.codes {
		if c == code {
			if !def.multi && a.sel[it] != 0 && a.sel[it] != 1<<i {
				return fmt.Errorf("%s: more than one answer to a single-choice question", def.linkID)
			}
			a.sel[it] |= 1 << i
			return nil
		}
	}
	return fmt.Errorf("%s: %q is not an answer facts know", def.linkID, code)
}

func (a *Answers) set(ans questionnaire.Answers) error {
	*a = Answers{}
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
		it, ok := itemByLink[link]
		if !ok {
			return fmt.Errorf("no question %q in the instrument facts know", link)
		}
		for _, v := range vals {
			if err := a.Select(it, v); err != nil {
				return err
			}
		}
	}
	return nil
}

var itemByLink = func() map[string]Item {
	m := make(map[string]Item, NumItems)
	for i := range NumItems {
		m[items[i].linkID] = i
	}
	return m
}()

// ItemFor finds the item of a linkId.
func ItemFor(linkID string) (Item, bool) {
	it, ok := itemByLink[linkID]
	return it, ok
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
