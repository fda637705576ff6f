package facts

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"slices"

	"digicheck/questionnaire"
	"digicheck/record"
)

// Format is the newest version of the encoding, stored as the first byte.
// A reader refuses a format it does not know rather than misread it.
//
// Format 1 is instrument version 1's: its answers sit in the header, at
// offsets 72 to 91. Format 2 is any instrument version's: the same header
// with those bytes zero, the length of the answers in byte 94, and the
// answers, laid out as the version's Table says, after the patient
// identifier. Records of version 1 are written in format 1, so stores
// written before format 2 existed read as they always did.
const Format = formatTable

const (
	formatV1    = 1
	formatTable = 2
	v1Area      = 20 // the length of instrument version 1's answers
)

// The encoding, format 1: a header of HeaderLen bytes in which every field
// sits at a fixed offset, then four bytes per referral and per outcome, then
// the patient identifier's value. All integers are little-endian. The
// record's id is not included: it is the key the facts are stored under.
//
//	off len field
//	  0   1 format (1)
//	  1   1 status: 1 completed, 2 amended, 3 entered-in-error
//	  2   1 flags: bit 0 synthetic, 1 choice honoured, 2 has a change,
//	        3 primary route changed, 4 fallback route changed
//	  3   1 bands: two bits each, access (low) skills motivation trust
//	  4   1 primary route: 0 none, then 1-6 in routeCodes order
//	  5   1 fallback route
//	  6   1 the patient's choice of route (0 no preference)
//	  7   1 number of referrals
//	  8   8 time, Unix seconds (int64)
//	 16  16 amends (record id, zero for none)
//	 32  16 follows up (record id, zero for none)
//	 48   4 team (name number)
//	 52   4 instrument version (name number)
//	 56   4 directory version (name number)
//	 60   4 interpreter language (name number)
//	 64   4 patient identifier kind (name number)
//	 68   4 postcode district, ASCII, zero-padded
//	 72   8 multi-choice answers, two bytes each: bits over the item's codes,
//	        for Devices, Internet, Tasks, CommNeeds
//	 80  12 single-choice answers, one byte each: the code's number + 1,
//	        0 unanswered, for the other items in Item order
//	 92   1 change: two bits per domain as for bands, the trend + 1
//	        (0 for a domain not compared: the versions band it differently)
//	        (1 no change, 2 better, 3 worse), 0 when there is no change
//	 93   1 number of outcomes
//	 94   2 zero (format 2: the length of the answers, then zero)
//	 96     referrals: name number of the programme in the low 30 bits,
//	        consent in the top two (0 not asked, 1 agreed, 2 declined,
//	        3 not discussed)
//	  .     outcomes: name number of the programme in the low 30 bits,
//	        outcome in the top two (1 attended, 2 helped, 3 not taken up)
//	  .   1 length of the patient identifier's value
//	  .   n the value
//	  .     format 2: the answers, as their version's Table lays them out
//
// Name number 0 is always the empty string.
const HeaderLen = 96

const (
	offFormat     = 0
	offStatus     = 1
	offFlags      = 2
	offBands      = 3
	offPrimary    = 4
	offFallback   = 5
	offChoice     = 6
	offNRefs      = 7
	offTime       = 8
	offAmends     = 16
	offFollowsUp  = 32
	offTeam       = 48
	offInstrument = 52
	offDirectory  = 56
	offLanguage   = 60
	offPatientKnd = 64
	offPostcode   = 68
	offMulti      = 72
	offSingle     = 80
	offChange     = 92
	offNOutcomes  = 93
	offArea       = 94

	flagSynthetic       = 1 << 0
	flagHonoured        = 1 << 1
	flagChange          = 1 << 2
	flagPrimaryChanged  = 1 << 3
	flagFallbackChanged = 1 << 4
	knownFlags          = 1<<5 - 1

	maxReferrals = 255
	maxName      = 1<<30 - 1
)

// Codes by stored number; 0 is none, or for a status or an outcome
// unknown. Not discussed took the two-bit field's last free consent, so
// facts written before it existed read as they always did; a digicheck
// older than it refuses such facts as unreadable rather than misread them.
var (
	statusCodes = [...]record.Status{1: record.Completed, 2: record.Amended, 3: record.EnteredInError}
	routeCodes  = [...]questionnaire.Route{"", questionnaire.RouteApp, questionnaire.RouteEmail, questionnaire.RouteSMS,
		questionnaire.RoutePhone, questionnaire.RouteLetter, questionnaire.RouteCarer, questionnaire.RouteInPerson}
	consents     = [...]string{"", questionnaire.Agreed, questionnaire.Declined, questionnaire.NotDiscussed}
	outcomeCodes = [...]string{1: record.OutcomeAttended, 2: record.OutcomeHelped, 3: record.OutcomeNotTakenUp}
)

// code is the number of v in codes, or 0 when it has none.
func code[T comparable](codes []T, v T) int { return max(0, slices.Index(codes, v)) }

// Encode appends the encoding of f to dst. intern gives the number of a
// name, adding it to the table if it is new; it is never asked for "".
func Encode(dst []byte, f *Fact, intern func(string) (uint32, error)) ([]byte, error) {
	name := func(s string) (uint32, error) {
		if s == "" {
			return 0, nil
		}
		n, err := intern(s)
		if err == nil && (n == 0 || n > maxName) {
			err = fmt.Errorf("name %q numbered %d, outside 1 to %d", s, n, maxName)
		}
		return n, err
	}
	st := byte(code(statusCodes[:], f.Status))
	if st == 0 {
		return dst, fmt.Errorf("%w: unknown status %q", ErrRecord, f.Status)
	}
	if len(f.Referrals) > maxReferrals || len(f.Outcomes) > maxReferrals {
		return dst, fmt.Errorf("%w: %d referrals and %d outcomes", ErrRecord, len(f.Referrals), len(f.Outcomes))
	}
	if len(f.Patient.Value) > 255 {
		return dst, fmt.Errorf("%w: patient identifier longer than 255 bytes", ErrRecord)
	}
	tab := f.Answers.Table
	format := byte(formatTable)
	if tab == nil || tab == v1Table {
		format = formatV1
	}
	if tab == nil && f.Answers.sel != ([MaxItems]uint32{}) {
		return dst, fmt.Errorf("%w: answers with no instrument", ErrRecord)
	}
	var h [HeaderLen]byte
	h[offFormat] = format
	h[offStatus] = st
	if f.Synthetic {
		h[offFlags] |= flagSynthetic
	}
	if f.ChoiceHonoured {
		h[offFlags] |= flagHonoured
	}
	if f.Change.Present {
		h[offFlags] |= flagChange
		if f.Change.PrimaryChanged {
			h[offFlags] |= flagPrimaryChanged
		}
		if f.Change.FallbackChanged {
			h[offFlags] |= flagFallbackChanged
		}
		for i, t := range f.Change.Domains {
			if t < record.NotCompared || t > record.Worse {
				return dst, fmt.Errorf("%w: trend %d", ErrRecord, t)
			}
			h[offChange] |= byte(t+1) << (2 * i)
		}
		if h[offChange] == 0 {
			return dst, fmt.Errorf("%w: a follow-up that compares no domain", ErrRecord)
		}
	}
	h[offNOutcomes] = byte(len(f.Outcomes))
	var bands byte
	for i, d := range questionnaire.Domains {
		b := f.Bands.Get(d)
		if b < questionnaire.NoBarrier || b > questionnaire.SignificantBarrier {
			return dst, fmt.Errorf("%w: %s band %d", ErrRecord, d, b)
		}
		bands |= byte(b) << (2 * i)
	}
	h[offBands] = bands
	for _, p := range [...]struct {
		off int
		rt  questionnaire.Route
	}{{offPrimary, f.Primary}, {offFallback, f.Fallback}, {offChoice, f.Choice}} {
		c := byte(code(routeCodes[:], p.rt))
		if c == 0 && p.rt != "" {
			return dst, fmt.Errorf("%w: unknown route %q", ErrRecord, p.rt)
		}
		h[p.off] = c
	}
	h[offNRefs] = byte(len(f.Referrals))
	binary.LittleEndian.PutUint64(h[offTime:], uint64(f.Time))
	copy(h[offAmends:offAmends+16], f.Amends[:])
	copy(h[offFollowsUp:offFollowsUp+16], f.FollowsUp[:])
	for _, p := range [...]struct {
		off int
		s   string
	}{{offTeam, f.Team}, {offInstrument, f.InstrumentVersion}, {offDirectory, f.DirectoryVersion},
		{offLanguage, f.Answers.Language}, {offPatientKnd, f.Patient.Kind}} {
		n, err := name(p.s)
		if err != nil {
			return dst, err
		}
		binary.LittleEndian.PutUint32(h[p.off:], n)
	}
	copy(h[offPostcode:offPostcode+4], f.Answers.Postcode[:])
	var area []byte
	if format == formatV1 {
		area = h[offMulti : offMulti+v1Area]
	} else {
		area = make([]byte, tab.area)
		h[offArea] = byte(tab.area)
	}
	if tab != nil {
		for i, it := range tab.items {
			m := f.Answers.sel[i]
			switch {
			case it.Multi && m <= math.MaxUint16:
				binary.LittleEndian.PutUint16(area[tab.off[i]:], uint16(m))
			case !it.Multi && m == 0:
			case !it.Multi && m&(m-1) == 0:
				area[tab.off[i]] = byte(bits.TrailingZeros32(m) + 1)
			default:
				return dst, fmt.Errorf("%w: %s answer out of range", ErrRecord, it.LinkID)
			}
		}
	}
	dst = append(dst, h[:]...)
	for _, r := range f.Referrals {
		n, err := name(r.Programme)
		if err != nil {
			return dst, err
		}
		c := slices.Index(consents[:], r.Consent)
		if c < 0 {
			return dst, fmt.Errorf("%w: referral %s: unknown consent %q", ErrRecord, r.Programme, r.Consent)
		}
		dst = binary.LittleEndian.AppendUint32(dst, n|uint32(c)<<30)
	}
	for _, o := range f.Outcomes {
		n, err := name(o.Programme)
		if err != nil {
			return dst, err
		}
		c := code(outcomeCodes[:], o.Outcome)
		if c == 0 {
			return dst, fmt.Errorf("%w: outcome of %s: unknown outcome %q", ErrRecord, o.Programme, o.Outcome)
		}
		dst = binary.LittleEndian.AppendUint32(dst, n|uint32(c)<<30)
	}
	dst = append(dst, byte(len(f.Patient.Value)))
	dst = append(dst, f.Patient.Value...)
	if format == formatTable {
		dst = append(dst, area...)
	}
	return dst, nil
}

func decodeError(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrEncoding, fmt.Sprintf(format, args...))
}
