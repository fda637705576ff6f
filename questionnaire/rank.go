package questionnaire

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// RankFacts is what ranking referrals needs to know about the patient:
// the bands, and the facts eligibility is decided on (PatientFacts), which
// say whether the patient can get online, has a mobile phone of their own,
// is an adult, and which circumstances (ForAll) apply.
type RankFacts struct {
	// Bands are the patient's domain bands: a referral meeting a
	// significant barrier ranks before one meeting only some barrier.
	Bands   Bands
	Patient Patient
	// NotWanting is a patient who said they do not want to go online:
	// support and advice rank before devices and data, which they have
	// not asked for.
	NotWanting bool
	// SaysNo is a patient who said No to doing health tasks online, under
	// rules that respect it (instrument version 2 from December 2026;
	// NotWanting alone orders, and leaves nothing out): they are offered
	// support and advice, help for a safety need and help with a worry
	// about scams they have; a programme that gives only a device, data
	// or lessons is left out, to offer if they change their mind
	// (SaysNoLeavesOut).
	SaysNo bool
	// SaysNoApp is SaysNo under the rules that also leave out help with
	// the NHS App (ProgrammeNHSApp) for such a patient: setting up and
	// using the NHS App is doing health tasks online, what they said No
	// to (instrument version 2's rules from the second December 2026
	// change; hazard H51). NHS App help was offered to a smartphone owner
	// who said No, beside the adjustment saying to offer lessons only if
	// they change their mind.
	SaysNoApp bool
	// NoOneHelps is a patient with nobody to help them online: a
	// programme in which a person helps them one to one (OneToOne) ranks
	// first, after a safety need, and help from a person before a
	// self-directed online course (PersonLed).
	NoOneHelps bool
	// CarerAnswered is a patient a carer answered for, and MemoryHard one
	// whose memory or thinking makes technology hard to use: like one
	// nobody helps, they are offered help from a person before a
	// self-directed online course (PersonLed; hazard H49).
	CarerAnswered, MemoryHard bool
	// CostNeverProblem is a patient who said paying for data or credit is
	// never a problem: a programme that only gives data is not for them.
	CostNeverProblem bool
	// OwnPhone and OwnComputer are a patient with a smartphone, and a
	// tablet or computer, of their own, under rules that rank a device
	// by what the patient lacks (instrument version 2 from the third
	// December 2026 change; hazard H51; OwnBoth, OwnOne). Device
	// before data is for a patient with no device, who can use neither
	// data nor lessons: the National Device Bank's free phone, tablet or
	// laptop was ranked first for a patient with both, whose one barrier
	// was the cost of data, and pushed the Databank and social tariffs out
	// of the three shown.
	OwnPhone, OwnComputer bool
}

// OwnBoth is a patient with a smartphone and a tablet or computer of their
// own: a device is what they have already, every kind the directory says
// a device programme gives (the National Device Bank: "a free phone,
// tablet or laptop"). A programme that gives only a device is left out
// for them, and one that gives a device and more is ranked by the more.
func (f RankFacts) OwnBoth() bool { return f.OwnPhone && f.OwnComputer }

// OwnOne is a patient with one of a smartphone and a tablet or computer
// of their own, not both: they can use data and lessons on it, so data
// ranks before a device for them; a device of the other kind can still
// help, so it is kept.
func (f RankFacts) OwnOne() bool { return f.OwnPhone != f.OwnComputer }

// RankFactsFor reads the facts ranking needs from the answers, with the
// eligibility facts pt (PatientFacts, or the version's own).
func RankFactsFor(a Answers, b Bands, pt Patient) RankFacts {
	return RankFacts{
		Bands: b, Patient: pt,
		NotWanting:       a.One(LinkWant) == No,
		NoOneHelps:       a.One(LinkHelp) == HelpNobody,
		CarerAnswered:    a.One(LinkRespondent) == RespondentCarer,
		MemoryHard:       a.Has(LinkTechAccess, TechMemory),
		CostNeverProblem: a.One(LinkAfford) == "never",
	}
}

// PersonLed reports whether a self-directed online course (a programme
// marked OnlineOnly) ranks after every programme in which a person helps:
// for a patient nobody helps, one a carer answered for, and one whose
// memory or thinking makes technology hard (hazard H49).
func (f RankFacts) PersonLed() bool { return f.NoOneHelps || f.CarerAnswered || f.MemoryHard }

// personLedWhy says why a person's help comes first, in words.
func (f RankFacts) personLedWhy() string {
	var why []string
	if f.NoOneHelps {
		why = append(why, "nobody helps the patient")
	}
	if f.CarerAnswered {
		why = append(why, "a carer answered for the patient")
	}
	if f.MemoryHard {
		why = append(why, "memory or thinking makes technology hard for them")
	}
	return strings.Join(why, " and ")
}

// SaysNoLeavesOut reports whether a programme that meets the barriers
// given is left out for a patient who said No to doing health tasks
// online (RankFacts.SaysNo), and why: it gives no support, meets no safety
// need of theirs, and no trust barrier they have. Lessons, a device or
// data were offered beside an adjustment saying to offer one-to-one
// lessons only if they change their mind; seven programmes, a device bank
// and a library among them, were offered to one who said No.
func (f RankFacts) SaysNoLeavesOut(p Programme, barriers []Domain) (bool, string) {
	switch {
	case f.SaysNo && f.SaysNoApp && p.ID == ProgrammeNHSApp:
		return true, "helps set up and use the NHS App, which is doing health tasks online; the patient does not want to go online: offer it only if they change their mind"
	case !f.SaysNo || slices.Contains(p.Provides, ProvidesSupport):
		return false, ""
	case slices.Contains(barriers, Trust) && f.Bands.Get(Trust) > NoBarrier:
		return false, ""
	}
	for _, sc := range safetyCircumstances {
		if slices.Contains(p.For, sc) && slices.Contains(f.Patient.Circumstances, sc) {
			return false, ""
		}
	}
	gives := givesWords(p.Provides)
	if gives == "" {
		gives = "nothing the directory says is support"
	}
	return true, "gives " + gives + ", not support; the patient does not want to go online: offer it only if they change their mind"
}

// ProgrammeNHSApp is the id of the national directory's NHS App help and
// support: help with setting up and using the NHS App on the NHS website
// and at the GP practice (its contact). A site that replaces the entry
// keeps its id, and with it this rule (RankFacts.SaysNoApp); a site's own
// programme under another id is ranked by what its entry says it gives.
const ProgrammeNHSApp = "nhs-app-help"

// safetyCircumstances are the circumstances whose programme meets a
// safety need, not a convenience: a care alarm on a landline stops working
// at the digital phone switchover unless the provider is told.
var safetyCircumstances = []string{ForTelecare}

// wantingNotOrder is what a programme provides, in the order ranked for a
// patient who does not want to go online: support and advice first, then
// as for every patient a device, then data, then skills. Skills came
// before a device once, which put three skills programmes before the
// National Device Bank for a patient with no device at all, against
// "device before data before skills" (issue 11).
var wantingNotOrder = []string{ProvidesSupport, ProvidesDevice, ProvidesData, ProvidesSkills}

// dataBeforeDevice is order with data moved just before a device, for a
// patient with a device of their own (RankFacts.OwnOne).
func dataBeforeDevice(order []string) []string {
	out := slices.DeleteFunc(slices.Clone(order), func(w string) bool { return w == ProvidesData })
	return slices.Insert(out, slices.Index(out, ProvidesDevice), ProvidesData)
}

// accessCircumstances are the circumstances that make technology itself
// hard to use: a programme for one the patient has meets the barrier that
// stands in the way of every other help, so it ranks after a device the
// patient lacks and before data, skills and support (RankReferrals).
var accessCircumstances = []string{ForSight, ForHearing, ForDexterity, ForMemory}

// accessWords names each of accessCircumstances in a reason.
var accessWords = map[string]string{ForSight: "sight", ForHearing: "hearing", ForDexterity: "using their hands", ForMemory: "memory or thinking"}

// Excluded is a candidate referral that ranking left out, with the reason.
type Excluded struct {
	ProgrammeID string
	Name        string
	Reason      string
}

// RankReferrals orders candidate referrals (each already chosen for a
// barrier the patient has, and eligible) so that the first few shown are
// the ones that help most, and leaves out those the patient cannot use.
// dir is the directory the candidates came from; a candidate not in it is
// kept, ranked last.
//
// Left out, each with a reason in excluded:
//   - a programme that gives only data, for a patient who said paying for
//     data or credit is never a problem (CostNeverProblem); one that gives
//     data and more is ranked by the more;
//   - a programme marked OnlineOnly, for a patient who cannot get online;
//   - a programme marked AdultsOnly, unless the patient's age group is known
//     to start at 18 or over;
//   - a programme For some circumstances, when the patient has none of them;
//   - a programme marked NeedsHandset (a SIM card), for a patient with no
//     mobile phone, when no candidate left in gives a device;
//   - a programme that gives no support, meets no safety need and no trust
//     barrier of theirs, for a patient who said No to doing health tasks
//     online (SaysNo; SaysNoLeavesOut);
//   - a programme that gives only a device, for a patient with a
//     smartphone and a tablet or computer of their own (OwnBoth); one that
//     gives a device and more is ranked by the more.
//
// The rest are ordered by, in turn: a programme that meets a safety need
// the patient has (safetyCircumstances: switchover help for a care alarm
// on a landline) first; for a patient nobody helps, one a carer answered
// for or one whose memory or thinking makes technology hard (PersonLed),
// every programme a person gives before a self-directed online course
// (OnlineOnly); what the programme provides (a device, then data, then
// skills, then support: ProvidesOrder, by the first it provides; for a
// patient who does not want to go online, support, then a device, then
// data, then skills; for a patient with a smartphone or a tablet or
// computer of their own (OwnOne), data before a device; none said, last); within the same need, for a
// patient nobody helps, a programme in which a person helps one to one
// (OneToOne) first; local before national; the barrier it meets
// (a significant barrier before some barrier); then directory order. Each
// ranked referral's Reason gains a sentence saying its place and why
// ("Ranked 1 of 4: gives a device; local; meets a significant barrier"),
// and a NeedsHandset one kept for a patient with no handset names the
// device programme it is paired with. The input is not changed.
func RankReferrals(cands []Referral, dir Directory, f RankFacts) (ranked []Referral, excluded []Excluded) {
	type cand struct {
		ref      Referral
		prog     Programme
		known    bool
		safety   bool
		provides int
		access   string // the circumstance making technology hard that it is for
		tier     int    // where what it provides (and access) places it
		what     string // what it provides that placed it
		person   bool   // not online only: a person can help
		oneToOne bool   // a person helps one to one, in person
		local    bool
		worst    Band
		order    int
	}
	var keep []cand
	exclude := func(r Referral, why string) {
		excluded = append(excluded, Excluded{ProgrammeID: r.ProgrammeID, Name: r.Name, Reason: why})
	}
	for i, r := range cands {
		p, known := dir.Lookup(r.ProgrammeID)
		if known {
			if ok, why := p.Suits(f.Patient); !ok {
				exclude(r, why)
				continue
			}
		}
		if out, why := f.SaysNoLeavesOut(p, r.Barriers); known && out {
			exclude(r, why)
			continue
		}
		provides := p.Provides
		if f.CostNeverProblem {
			// Data is not what such a patient needs: a programme is
			// ranked by what else it gives, and left out if nothing.
			provides = slices.DeleteFunc(slices.Clone(provides), func(w string) bool { return w == ProvidesData })
			if known && len(provides) == 0 && len(p.Provides) > 0 {
				exclude(r, "gives data; the patient said paying for data or credit is never a problem")
				continue
			}
		}
		if f.OwnBoth() && slices.Contains(provides, ProvidesDevice) {
			// A device is what such a patient has already: ranked by
			// what else it gives, and left out if nothing.
			provides = slices.DeleteFunc(slices.Clone(provides), func(w string) bool { return w == ProvidesDevice })
			if known && len(provides) == 0 {
				exclude(r, "gives a device; the patient has a smartphone and a tablet or computer of their own")
				continue
			}
		}
		order := ProvidesOrder
		if f.NotWanting {
			order = wantingNotOrder
		}
		if f.OwnOne() {
			order = dataBeforeDevice(order)
		}
		c := cand{ref: r, prog: p, known: known, provides: len(order), order: i, person: known && !p.OnlineOnly,
			oneToOne: known && p.OneToOne && !p.OnlineOnly}
		for _, what := range provides {
			if k := slices.Index(order, what); k >= 0 && k < c.provides {
				c.provides, c.what = k, what
			}
		}
		// Twice the place of what it provides, so that a programme for
		// what makes technology hard to use can come between a device
		// (0) and what follows it (2).
		c.tier = 2 * c.provides
		// After a device the patient lacks; for one with a device of
		// their own, whose data comes before a device, first.
		accessTier := 1
		if f.OwnOne() && !f.NotWanting {
			accessTier = -1
		}
		for _, ac := range accessCircumstances {
			if c.access == "" && known && slices.Contains(p.For, ac) && slices.Contains(f.Patient.Circumstances, ac) {
				c.access = ac
				c.tier = min(c.tier, accessTier)
			}
		}
		for _, sc := range safetyCircumstances {
			c.safety = c.safety || (known && slices.Contains(p.For, sc) && slices.Contains(f.Patient.Circumstances, sc))
		}
		c.local = known && p.Local()
		for _, d := range r.Barriers {
			c.worst = max(c.worst, f.Bands.Get(d))
		}
		keep = append(keep, c)
	}

	// A SIM card needs a phone: without one of the patient's own, keep it
	// only beside a programme that gives a device.
	var device *cand
	for i := range keep {
		if slices.Contains(keep[i].prog.Provides, ProvidesDevice) {
			device = &keep[i]
			break
		}
	}
	var pairedWith string
	if device != nil {
		pairedWith = device.ref.Name
	}
	keep = slices.DeleteFunc(keep, func(c cand) bool {
		if !c.prog.NeedsHandset || f.Patient.Handset || device != nil {
			return false
		}
		exclude(c.ref, "gives a SIM card, which needs a mobile phone; the patient has none, and no programme here gives one")
		return true
	})

	slices.SortStableFunc(keep, func(a, b cand) int {
		switch {
		case a.known != b.known:
			return trueFirst(a.known)
		case a.safety != b.safety:
			return trueFirst(a.safety)
		case f.PersonLed() && a.person != b.person:
			return trueFirst(a.person)
		case a.tier != b.tier:
			return a.tier - b.tier
		case (a.access != "") != (b.access != ""):
			return trueFirst(a.access != "")
		// One-to-one help orders programmes within the same need: a
		// device the patient lacks still comes before skills help
		// (device before data before skills, issue 11).
		case f.NoOneHelps && a.oneToOne != b.oneToOne:
			return trueFirst(a.oneToOne)
		case a.local != b.local:
			return trueFirst(a.local)
		case a.worst != b.worst:
			return int(b.worst) - int(a.worst)
		}
		return a.order - b.order
	})

	for i, c := range keep {
		var why []string
		if c.safety {
			why = append(why, "meets a safety need (a care alarm on the phone line)")
		}
		// The reason names all the directory says the programme gives,
		// the same for every patient; it is ranked by the first of them
		// that the patient is ranked on (see ProvidesOrder).
		if gives := givesWords(c.prog.Provides); c.what != "" && gives != "" {
			why = append(why, "gives "+gives)
		} else {
			why = append(why, "does not say what it gives")
		}
		if f.OwnOne() && c.what == ProvidesDevice {
			why = append(why, "a device after data, as the patient has a smartphone or a tablet or computer of their own")
		}
		if c.access != "" {
			why = append(why, "meets what makes technology hard for the patient ("+accessWords[c.access]+"), after any device")
		}
		switch {
		case f.SaysNo:
			why = append(why, "support and safety help only, as the patient does not want to go online")
		case f.NotWanting:
			why = append(why, "support first, as the patient does not want to go online")
		}
		switch {
		case f.NoOneHelps && c.oneToOne:
			why = append(why, "one-to-one help from a person, as nobody helps the patient")
		case f.PersonLed() && c.person:
			why = append(why, "help from a person, as "+f.personLedWhy())
		case f.PersonLed() && c.known:
			why = append(why, "a self-directed online course, after a person's help, as "+f.personLedWhy())
		}
		if c.local {
			why = append(why, "local")
		} else {
			why = append(why, "national")
		}
		why = append(why, meetsWords[c.worst])
		s := fmt.Sprintf(rankedPlace+"%s", i+1, len(keep), strings.Join(why, "; "))
		if c.prog.NeedsHandset && !f.Patient.Handset {
			s += "; paired with " + pairedWith + ", as the SIM card needs a phone"
		}
		r := c.ref
		r.Barriers = slices.Clone(r.Barriers)
		if r.Reason != "" {
			r.Reason += ". "
		}
		r.Reason += s
		ranked = append(ranked, r)
	}
	return ranked, excluded
}

// rankedPlace begins the sentence a ranked referral's reason gains: its
// place among the referrals ranked.
const rankedPlace = "Ranked %d of %d: "

// placeInReason is rankedPlace as it is found in a reason.
var placeInReason = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`Ranked [0-9]+ of [0-9]+: `) })

// SameGrounds reports whether two reasons for a referral to the same
// programme are the same but for its place among the referrals ranked
// ("Ranked 1 of 2" and "Ranked 1 of 3"): another referral coming out
// beside it, or one left out, moves its place, not the reason it is
// offered for, so an answer the patient gave to it still stands.
func SameGrounds(a, b string) bool {
	return placeInReason().ReplaceAllLiteralString(a, "Ranked: ") == placeInReason().ReplaceAllLiteralString(b, "Ranked: ")
}

// givesWords lists what a programme provides in words, in ProvidesOrder:
// "data and skills".
func givesWords(provides []string) string {
	var out []string
	for _, w := range ProvidesOrder {
		if slices.Contains(provides, w) {
			out = append(out, providesWords[w])
		}
	}
	switch len(out) {
	case 0:
		return ""
	case 1:
		return out[0]
	}
	return strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1]
}

var providesWords = map[string]string{
	ProvidesDevice:  "a device",
	ProvidesData:    "data",
	ProvidesSkills:  "skills",
	ProvidesSupport: "support",
}

var meetsWords = map[Band]string{
	NoBarrier:          "meets no barrier the patient has",
	SomeBarrier:        "meets some barrier",
	SignificantBarrier: "meets a significant barrier",
}

// trueFirst orders two that differ in a yes or no: the one that has it
// first (it is a's answer).
func trueFirst(a bool) int {
	if a {
		return -1
	}
	return 1
}
