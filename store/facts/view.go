package facts

import (
	"encoding/binary"

	"github.com/google/uuid"

	"digicheck/questionnaire"
	"digicheck/record"
)

// View reads the fields of encoded facts in place, without decoding the
// rest: a summary over a million records reads a dozen fields of each and
// allocates nothing. Call Check first; the accessors trust what it checked
// and may panic on bytes it would have refused.
type View []byte

// The bits each multi-choice answer of instrument version 1 may use and
// the highest number each single-choice one may hold, as format 1 stores
// them (see Table).
var (
	v1Multi  [4]uint16
	v1Single [v1Area - 8]byte
	v1Names  [v1Area]string // the linkId stored at each byte
)

func init() {
	nm, ns := 0, 0
	for i, it := range v1Table.items {
		off := v1Table.off[i]
		v1Names[off] = it.LinkID
		if it.Multi {
			v1Multi[off/2] = uint16(1)<<len(it.Codes) - 1
			nm++
		} else {
			v1Single[off-8] = byte(len(it.Codes))
			ns++
		}
	}
	if nm != len(v1Multi) || ns != len(v1Single) {
		panic("facts: instrument version 1 no longer has the shape of format 1")
	}
}

// Check reports whether v is well-formed facts of this format whose name
// numbers are all below names, the length of the table of names. It runs
// once for every fact a summary reads, so the common case, facts that are
// fine, is a straight run of comparisons; only facts that are not are
// looked at again to say why.
func (v View) Check(names int) error {
	if v.wellFormed(names) {
		return nil
	}
	return v.diagnose(names)
}

func (v View) wellFormed(names int) bool {
	if len(v) < HeaderLen+1 || names < 1 {
		return false
	}
	h := (*[HeaderLen]byte)(v[:HeaderLen])
	fl, ch, b := h[offFlags], h[offChange], h[offBands]
	format := h[offFormat]
	if format-1 > 1 || h[offStatus]-1 > 2 || fl&^knownFlags != 0 || h[95] != 0 ||
		b&0xaa&(b<<1) != 0 || max(h[offPrimary], h[offFallback], h[offChoice]) >= byte(len(routeCodes)) {
		return false
	}
	if fl&flagChange == 0 {
		if ch != 0 || fl&(flagPrimaryChanged|flagFallbackChanged) != 0 {
			return false
		}
	} else if ch == 0 { // a follow-up compares one domain at least
		return false
	}
	le := binary.LittleEndian
	if max(le.Uint32(h[offTeam:]), le.Uint32(h[offInstrument:]), le.Uint32(h[offDirectory:]),
		le.Uint32(h[offLanguage:]), le.Uint32(h[offPatientKnd:])) >= uint32(min(names, maxName+1)) {
		return false
	}
	area := 0
	if format == formatV1 {
		if h[offArea] != 0 {
			return false
		}
		if le.Uint16(h[offMulti:])&^v1Multi[0]|le.Uint16(h[offMulti+2:])&^v1Multi[1]|
			le.Uint16(h[offMulti+4:])&^v1Multi[2]|le.Uint16(h[offMulti+6:])&^v1Multi[3] != 0 {
			return false
		}
		for i, lim := range v1Single {
			if h[offSingle+i] > lim {
				return false
			}
		}
	} else {
		area = int(h[offArea])
		if le.Uint64(h[offMulti:])|le.Uint64(h[offMulti+8:])|uint64(le.Uint32(h[offMulti+16:])) != 0 {
			return false
		}
	}
	n, no := int(h[offNRefs]), int(h[offNOutcomes])
	rest := v[HeaderLen:]
	if len(rest) != 4*(n+no)+1+int(rest[min(4*(n+no), len(rest)-1)])+area {
		return false
	}
	// Each entry's programme must be a name (1 to names-1: k-1 wraps
	// round for 0), an outcome 1 to 3; a referral's consent may be any of
	// its four values.
	lim := uint32(names - 1)
	ents := rest[:4*(n+no)]
	refs, outs := ents[:4*n], ents[4*n:]
	for len(refs) >= 4 {
		r := le.Uint32(refs)
		if (r&maxName)-1 >= lim {
			return false
		}
		refs = refs[4:]
	}
	for len(outs) >= 4 {
		r := le.Uint32(outs)
		if (r&maxName)-1 >= lim || r>>30 == 0 {
			return false
		}
		outs = outs[4:]
	}
	return true
}

// diagnose says what is wrong with facts that wellFormed refused, one
// check at a time; it returns nil exactly when wellFormed is true.
func (v View) diagnose(names int) error {
	if len(v) < HeaderLen+1 {
		return decodeError("%d bytes, too short", len(v))
	}
	format := v[offFormat]
	if format != formatV1 && format != formatTable {
		return decodeError("format %d; this version of digicheck reads formats 1 and %d", format, Format)
	}
	if fl := v[offFlags]; fl&^knownFlags != 0 || fl&flagChange == 0 && (fl&(flagPrimaryChanged|flagFallbackChanged) != 0 || v[offChange] != 0) {
		return decodeError("flags %#x with change %#x", fl, v[offChange])
	}
	if ch := v[offChange]; v[offFlags]&flagChange != 0 && ch == 0 {
		// A domain's trend is 0 when the two versions band it
		// differently (record.NotCompared); a follow-up compares one
		// domain at least.
		return decodeError("change %#x", ch)
	}
	if format == formatV1 && v[offArea] != 0 || v[95] != 0 {
		return decodeError("reserved bytes set")
	}
	if st := v[offStatus]; st == 0 || int(st) >= len(statusCodes) {
		return decodeError("status %d", st)
	}
	if b := v[offBands]; b&0xaa&(b<<1) != 0 { // a two-bit field holding 3
		return decodeError("bands %#x", b)
	}
	if r := max(v[offPrimary], v[offFallback], v[offChoice]); int(r) >= len(routeCodes) {
		return decodeError("route %d", r)
	}
	if n := max(v.name(offTeam), v.name(offInstrument), v.name(offDirectory), v.name(offLanguage), v.name(offPatientKnd)); int64(n) >= int64(names) {
		return decodeError("name number %d not in the table of %d names", n, names)
	}
	area := 0
	if format == formatV1 {
		for i := range v1Multi {
			if m := binary.LittleEndian.Uint16(v[offMulti+2*i:]); m&^v1Multi[i] != 0 {
				return decodeError("%s answer %#x", v1Names[2*i], m)
			}
		}
		for i := range v1Single {
			if s := v[offSingle+i]; s > v1Single[i] {
				return decodeError("%s answer %d", v1Names[8+i], s)
			}
		}
	} else {
		area = int(v[offArea])
		for _, b := range v[offMulti : offMulti+v1Area] {
			if b != 0 {
				return decodeError("answers in the header of format 2")
			}
		}
	}
	n, no := int(v[offNRefs]), int(v[offNOutcomes])
	rest := v[HeaderLen:]
	if len(rest) < 4*(n+no)+1 {
		return decodeError("cut short in the referrals")
	}
	for i := range n + no {
		r := binary.LittleEndian.Uint32(rest[4*i:])
		if c := r >> 30; i < n && int(c) >= len(consents) || i >= n && c == 0 {
			return decodeError("consent or outcome %d", c)
		}
		if k := r & maxName; k == 0 || int64(k) >= int64(names) {
			return decodeError("programme name number %d not in the table of %d names", k, names)
		}
	}
	rest = rest[4*(n+no):]
	if pl := int(rest[0]); len(rest) != 1+pl+area {
		return decodeError("patient identifier of %d bytes and answers of %d in %d", pl, area, len(rest)-1)
	}
	return nil
}

func (v View) name(off int) uint32 { return binary.LittleEndian.Uint32(v[off:]) }

// Status is the record's status.
func (v View) Status() record.Status { return statusCodes[v[offStatus]] }

// Time is the record's time in Unix seconds.
func (v View) Time() int64 { return int64(binary.LittleEndian.Uint64(v[offTime:])) }

// Amends is the id of the record this one amends, or uuid.Nil.
func (v View) Amends() uuid.UUID { return uuid.UUID(v[offAmends : offAmends+16]) }

// FollowsUp is the id of the record this one follows up, or uuid.Nil.
func (v View) FollowsUp() uuid.UUID { return uuid.UUID(v[offFollowsUp : offFollowsUp+16]) }

// HasLinks reports whether the record amends or follows up another.
func (v View) HasLinks() bool {
	le := binary.LittleEndian
	return le.Uint64(v[offAmends:])|le.Uint64(v[offAmends+8:])|le.Uint64(v[offFollowsUp:])|le.Uint64(v[offFollowsUp+8:]) != 0
}

// StatusCode is the status as stored: 1 completed, 2 amended, 3 entered in
// error.
func (v View) StatusCode() uint8 { return v[offStatus] }

// PrimaryChanged reports whether a follow-up's primary route changed.
func (v View) PrimaryChanged() bool { return v[offFlags]&flagPrimaryChanged != 0 }

// RawEntry is the i'th referral (i below NumReferrals) or outcome (after)
// as stored: the programme's name number, and the consent (0 not asked, 1
// agreed, 2 declined, 3 not discussed) or outcome (1 attended, 2 helped, 3
// not taken up).
func (v View) RawEntry(i int) (programme, code uint32) {
	r := binary.LittleEndian.Uint32(v[HeaderLen+4*i:])
	return r & maxName, r >> 30
}

// Synthetic reports whether the record is generated test data.
func (v View) Synthetic() bool { return v[offFlags]&flagSynthetic != 0 }

// ChoiceHonoured reports whether the patient's choice of route was honoured.
func (v View) ChoiceHonoured() bool { return v[offFlags]&flagHonoured != 0 }

// PackedBands are the four bands, two bits each, access in the low bits,
// then skills, motivation and trust.
func (v View) PackedBands() byte { return v[offBands] }

// Primary is the primary route, "" when there is none.
func (v View) Primary() questionnaire.Route { return routeCodes[v[offPrimary]] }

// PrimaryIndex is the primary route's position in questionnaire.Routes
// plus one, or 0 when there is none.
func (v View) PrimaryIndex() int { return int(v[offPrimary]) }

// Fallback is the fallback route.
func (v View) Fallback() questionnaire.Route { return routeCodes[v[offFallback]] }

// Choice is the patient's choice of route, "" for no preference.
func (v View) Choice() questionnaire.Route { return routeCodes[v[offChoice]] }

// Team is the name number of the team.
func (v View) Team() uint32 { return v.name(offTeam) }

// Postcode is the postcode district.
func (v View) Postcode() District { return District(v[offPostcode : offPostcode+4]) }

// NumReferrals is the number of referrals.
func (v View) NumReferrals() int { return int(v[offNRefs]) }

// Change is a follow-up's change since last time; its Present is false
// when the record has none.
func (v View) Change() Change {
	fl := v[offFlags]
	if fl&flagChange == 0 {
		return Change{}
	}
	ch := v[offChange]
	c := Change{Present: true, PrimaryChanged: fl&flagPrimaryChanged != 0, FallbackChanged: fl&flagFallbackChanged != 0}
	for i := range c.Domains {
		c.Domains[i] = record.Trend(ch>>(2*i)&3) - 1
	}
	return c
}

// PackedChange is the change byte as stored: two bits per domain, access
// in the low bits, each the trend + 1 (1 no change, 2 better, 3 worse, 0
// not compared), or 0 when there is no change.
func (v View) PackedChange() byte { return v[offChange] }

// NumOutcomes is the number of referral outcomes.
func (v View) NumOutcomes() int { return int(v[offNOutcomes]) }

// PatientValue is the patient identifier's value, in place.
func (v View) PatientValue() []byte {
	rest := v[HeaderLen+4*(int(v[offNRefs])+int(v[offNOutcomes])):]
	return rest[1 : 1+int(rest[0])]
}

// Format is the row's format: 1 for instrument version 1's rows, 2 for
// rows whose answers follow their version's Table.
func (v View) Format() int { return int(v[offFormat]) }

// Patient is the name number of the patient identifier's kind.
func (v View) Patient() uint32 { return v.name(offPatientKnd) }

// InstrumentVersion is the name number of the instrument version.
func (v View) InstrumentVersion() uint32 { return v.name(offInstrument) }

// DirectoryVersion is the name number of the referral directory version.
func (v View) DirectoryVersion() uint32 { return v.name(offDirectory) }

// Language is the name number of the interpreter language.
func (v View) Language() uint32 { return v.name(offLanguage) }
