package questionnaire

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Criterion is one way a patient can be eligible for a programme: every
// condition it sets must hold. A zero Criterion holds for everyone.
type Criterion struct {
	MinAge     int      `json:"min_age,omitempty" toml:"min_age"`       // the patient's age band starts at or above this
	MaxAge     int      `json:"max_age,omitempty" toml:"max_age"`       // the patient's age band ends at or below this
	LowIncome  bool     `json:"low_income,omitempty" toml:"low_income"` // gets means-tested benefits
	Disability bool     `json:"disability,omitempty" toml:"disability"` // disability or long-term condition
	Areas      []string `json:"areas,omitempty" toml:"areas"`           // postcode districts served
}

// Programme is a support programme a patient can be referred to.
type Programme struct {
	ID       string   `json:"id" toml:"id"`
	Name     string   `json:"name" toml:"name"`
	Barriers []Domain `json:"barriers" toml:"barriers"`
	// Eligible lists the ways a patient can qualify; any one is enough.
	// An empty list means everyone is eligible.
	Eligible []Criterion `json:"eligible,omitempty" toml:"eligible"`
	Contact  string      `json:"contact" toml:"contact"` // how the clinician refers or the patient gets in touch
	// Phone is a number the patient can call, as the programme itself
	// publishes it: digits, spaces and a leading + (see CheckPhone). Empty
	// when the programme publishes none; the handout then tells the
	// patient to ask the team. It is never made up.
	Phone string `json:"phone,omitempty" toml:"phone"`
	// PhoneSource is the address (https://...) of the programme's own
	// page that publishes Phone, so the number can be checked again by
	// the review-by date. Every national number carries one (see
	// TestEveryNationalPhoneIsSourced); a third party's listing is never a source.
	PhoneSource string `json:"phone_source,omitempty" toml:"phone_source"`
	Hours       string `json:"hours,omitempty" toml:"hours"`
	// PatientLine is one plain-language sentence for the patient.
	PatientLine string `json:"patient_line" toml:"patient_line"`

	// Provides says what the programme gives: any of ProvidesDevice,
	// ProvidesData, ProvidesSkills, ProvidesSupport. Referrals are ranked
	// by it (a device before data before skills before support).
	Provides []string `json:"provides,omitempty" toml:"provides"`
	// Reach is ReachLocal or ReachNational; empty means local for a
	// programme a site adds and national for the embedded directory and a
	// site's replacement of a national entry (see Programme.Local).
	Reach string `json:"reach,omitempty" toml:"reach"`
	// OnlineOnly marks a programme used only online (a website, an online
	// course): it is never offered to a patient who cannot get online.
	OnlineOnly bool `json:"online_only,omitempty" toml:"online_only"`
	// OneToOne marks a programme in which a person helps the patient one
	// to one, in person (a volunteer at home, a Digital Champion), as the
	// programme's own material says: it ranks first for a patient nobody
	// helps online. It cannot be OnlineOnly.
	OneToOne bool `json:"one_to_one,omitempty" toml:"one_to_one"`
	// NeedsDevice marks a programme that helps with something used on a
	// smartphone, tablet or computer of the patient's own (the NHS App):
	// of no use to a patient with none of their own, it is never offered
	// to one (a shared or borrowed device, a landline or a basic mobile is
	// not such a device, by the same rule as the NHS App route; instrument
	// version 2 on, see Patient.NoDevice).
	NeedsDevice bool `json:"needs_device,omitempty" toml:"needs_device"`
	// AdultsOnly marks a programme for people aged 18 or over: a patient
	// is eligible only when their age group is known to start at 18 or
	// more, whatever Eligible says.
	AdultsOnly bool `json:"adults_only,omitempty" toml:"adults_only"`
	// NeedsHandset marks a programme that gives a SIM card: of no use to
	// a patient with no mobile phone, it is offered to one only together
	// with a programme that gives a device.
	NeedsHandset bool `json:"needs_handset,omitempty" toml:"needs_handset"`
	// For lists the circumstances the programme is for (ForSight,
	// ForLandline, ...): when set, it is offered only to a patient with
	// one of them.
	For []string `json:"for,omitempty" toml:"for"`
	// ReviewBy is the date (YYYY-MM-DD) by which the entry must be checked
	// again against the programme's own material; `digicheck programmes`
	// and `programmes --check` warn once it has passed. It is not part of
	// the directory version: moving a review date changes no referral.
	ReviewBy string `json:"review_by,omitempty" toml:"review_by"`

	// Source says where the entry came from: "national" or a file path.
	Source string `json:"source,omitempty" toml:"-"`
}

// What a programme provides, in the order referrals are ranked.
const (
	ProvidesDevice  = "device"
	ProvidesData    = "data"
	ProvidesSkills  = "skills"
	ProvidesSupport = "support"
)

// ProvidesOrder lists what programmes provide, first-ranked first: a
// patient with no device can use neither data nor lessons, and one with no
// data cannot use online lessons.
var ProvidesOrder = []string{ProvidesDevice, ProvidesData, ProvidesSkills, ProvidesSupport}

// A programme's reach.
const (
	ReachLocal    = "local"
	ReachNational = "national"
)

// The circumstances a programme can be for.
const (
	ForSight     = "sight"     // sight loss
	ForHearing   = "hearing"   // hearing loss
	ForDexterity = "dexterity" // difficulty using a keyboard or touch screen
	ForMemory    = "memory"    // memory or thinking
	ForLandline  = "landline"  // has a landline phone
	ForTelecare  = "telecare"  // has a telecare alarm on the phone line
)

// ForAll lists every circumstance a programme can be for.
var ForAll = []string{ForSight, ForHearing, ForDexterity, ForMemory, ForLandline, ForTelecare}

// DateLayout is the layout of a review-by date.
const DateLayout = "2006-01-02"

// Local reports whether the programme is a local one: marked so, or added
// by a site file without replacing a national entry (Merge marks a
// replacement national).
func (p Programme) Local() bool {
	switch p.Reach {
	case ReachLocal:
		return true
	case ReachNational:
		return false
	}
	return p.Source != "" && p.Source != "national"
}

// ReviewDue reports whether the entry's review-by date is on or before
// today (a date in DateLayout, compared as dates, not times), and false
// for an entry with no date or a date that is not one.
func (p Programme) ReviewDue(today string) bool {
	if _, err := time.Parse(DateLayout, p.ReviewBy); err != nil {
		return false
	}
	return p.ReviewBy <= today
}

// Directory is the referral directory in force.
type Directory struct {
	Programmes []Programme
	// kept holds the version once worked out, for a directory made by
	// NewDirectory; nil for one made as a literal.
	kept *keptVersion
}

// keptVersion is a directory's version, worked out the first time it is
// asked for. first and n say which programmes it is the version of: a copy
// of the directory given other programmes (a slice of them, a clone with
// one changed) does not take it.
type keptVersion struct {
	once  sync.Once
	first *Programme
	n     int
	v     string
}

// NewDirectory is the directory of ps, whose version is worked out once,
// the first time it is asked for, and kept: every assessment and every
// check of a record asks for it, and working it out (the programmes
// written as JSON and hashed) was 43% of Assess's CPU. Neither ps nor the
// programmes in it may be changed after: a changed directory is made anew
// (site.Merge makes the site's, National is the national one).
func NewDirectory(ps []Programme) Directory {
	k := &keptVersion{n: len(ps)}
	if len(ps) > 0 {
		k.first = &ps[0]
	}
	return Directory{Programmes: ps, kept: k}
}

// of reports whether k is the version of ps: the programmes it was made
// for, not another slice of them.
func (k *keptVersion) of(ps []Programme) bool {
	return len(ps) == k.n && (k.n == 0 || &ps[0] == k.first)
}

// Version is a short content hash of the directory, kept in every record so
// a referral can be traced to the directory entry it came from. Where an
// entry was read from is not part of it: the same programmes give the same
// version on every machine, whatever the file is called there. Nor is its
// review-by date, which changes nothing a patient is offered. A directory
// made by NewDirectory works it out once.
func (d Directory) Version() string {
	if d.Programmes == nil {
		// No directory, as a record's result is worked out again to
		// check it (record.Verify): its version made once.
		return noDirectoryVersion()
	}
	if k := d.kept; k != nil && k.of(d.Programmes) {
		k.once.Do(func() { k.v = d.version() })
		return k.v
	}
	return d.version()
}

// noDirectoryVersion is the version of no directory at all, worked out
// when first asked for, not as every command starts.
var noDirectoryVersion = sync.OnceValue(Directory{}.version)

// version is Version, worked out.
func (d Directory) version() string {
	ps := slices.Clone(d.Programmes)
	for i := range ps {
		ps[i].Source, ps[i].ReviewBy = "", ""
	}
	p, _ := json.Marshal(ps)
	sum := sha256.Sum256(p)
	return hex.EncodeToString(sum[:6])
}

// maxProgrammeID is the length of the longest programme id.
const maxProgrammeID = 48

// programmeIDRule says what a programme id may hold.
const programmeIDRule = "use lower-case letters a to z, digits and -, starting with a letter or a digit, at most 48 characters"

// CheckProgrammeID reports whether id can name a programme: lower-case
// letters a to z, digits and -, starting with a letter or a digit, at most
// 48 characters. An id is kept in every record that refers to it and is
// written into exports beside others: a CSV export lists a record's
// referrals in one field separated by ";", which reading it back splits
// on, and writes ids without the ' that keeps a spreadsheet from running
// free text starting with - as a formula. So anything else in an id, a
// ";" first, is refused, saying why.
func CheckProgrammeID(id string) error {
	switch {
	case id == "":
		return fmt.Errorf("no id: %s", programmeIDRule)
	case strings.Contains(id, ";"):
		parts := strings.Split(id, ";")
		quoted := make([]string, len(parts))
		for i, p := range parts {
			quoted[i] = fmt.Sprintf("%q", p)
		}
		list := strings.Join(quoted[:len(quoted)-1], ", ") + " and " + quoted[len(quoted)-1]
		return fmt.Errorf("id %q: \";\" separates the programmes in a CSV export's referral columns, so it would be read back as %d programmes (%s); %s", id, len(parts), list, programmeIDRule)
	case id[0] == '-':
		return fmt.Errorf("id %q: it starts with -, which a spreadsheet takes as a formula; %s", id, programmeIDRule)
	}
	for _, r := range id {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return fmt.Errorf("id %q: %s", id, programmeIDRule)
		}
	}
	if len(id) > maxProgrammeID {
		return fmt.Errorf("id %q is %d characters long; %s", id, len(id), programmeIDRule)
	}
	return nil
}

// Lookup finds a programme by id.
func (d Directory) Lookup(id string) (Programme, bool) {
	for _, p := range d.Programmes {
		if p.ID == id {
			return p, true
		}
	}
	return Programme{}, false
}

// Helps reports whether the programme helps with a domain's barrier.
func (p Programme) Helps(d Domain) bool { return slices.Contains(p.Barriers, d) }

// Patient is what eligibility is decided on, drawn from the equity answers.
// Unknown facts never make a patient eligible.
type Patient struct {
	AgeLow, AgeHigh int // -1 when not known; AgeHigh 200 for the open top band
	LowIncome       bool
	Disability      bool
	District        string
	// IncomeKnown and DisabilityKnown say the patient answered yes or no.
	IncomeKnown, DisabilityKnown bool
	// Online is whether the patient can get online at all, on any device
	// with any connection (their own, shared, borrowed; public wifi): a
	// programme marked OnlineOnly is not for a patient who cannot.
	Online bool
	// NoDevice is a patient known to have no smartphone, tablet or
	// computer of their own (a shared or borrowed one does not count, as
	// for the NHS App route; see Programme.NeedsDevice). Set by
	// instrument version 2's rules only: version 1's referrals are kept as
	// they were made.
	NoDevice bool
	// Handset is whether the patient has a mobile phone of their own that
	// a SIM card can go in (see Programme.NeedsHandset and RankReferrals).
	Handset bool
	// Circumstances lists which of ForAll apply to the patient: a
	// programme whose For is set is only for a patient with one of them.
	Circumstances []string
}

// PatientFacts reads eligibility facts from answers.
func PatientFacts(a Answers) Patient {
	p := Patient{AgeLow: -1, AgeHigh: -1}
	switch band := a.One(LinkAgeBand); {
	case strings.HasSuffix(band, "+"):
		p.AgeLow = atoi(strings.TrimSuffix(band, "+"))
		p.AgeHigh = 200
	case strings.Contains(band, "-"):
		lo, hi, _ := strings.Cut(band, "-")
		p.AgeLow, p.AgeHigh = atoi(lo), atoi(hi)
	}
	p.LowIncome = a.One(LinkBenefits) == Yes
	p.Disability = a.One(LinkDisability) == Yes
	p.IncomeKnown = a.One(LinkBenefits) == Yes || a.One(LinkBenefits) == No
	p.DisabilityKnown = a.One(LinkDisability) == Yes || a.One(LinkDisability) == No
	if d, err := NormalisePostcodeDistrict(a.One(LinkPostcodeDistrict)); err == nil {
		p.District = d
	}
	device := a.Has(LinkDevices, DevSmartphone) || a.Has(LinkDevices, DevComputer) || a.Has(LinkDevices, DevShared)
	connection := a.Has(LinkInternet, NetHome) || a.Has(LinkInternet, NetMobile) || a.Has(LinkInternet, NetPublic)
	p.Online = device && connection
	p.Handset = a.Has(LinkDevices, DevSmartphone) || a.Has(LinkDevices, DevBasicMob)
	// Instrument v1 asks nothing about sight, hearing or telecare: of the
	// circumstances, only a landline can be known from it.
	if a.Has(LinkDevices, DevLandline) {
		p.Circumstances = append(p.Circumstances, ForLandline)
	}
	return p
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return -1
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// Holds reports whether the criterion holds for the patient, and says why.
func (c Criterion) Holds(p Patient) (bool, string) {
	var why []string
	if c.MinAge > 0 {
		if p.AgeLow < c.MinAge {
			return false, ""
		}
		why = append(why, "age "+strconv.Itoa(p.AgeLow)+" or over")
	}
	if c.MaxAge > 0 {
		if p.AgeHigh < 0 || p.AgeHigh > c.MaxAge {
			return false, ""
		}
		why = append(why, "age "+strconv.Itoa(c.MaxAge)+" or under")
	}
	if c.LowIncome {
		if !p.LowIncome {
			return false, ""
		}
		why = append(why, "gets means-tested benefits")
	}
	if c.Disability {
		if !p.Disability {
			return false, ""
		}
		why = append(why, "disability or long-term condition")
	}
	if len(c.Areas) > 0 {
		// A site file may spell a district in lower case ("ls6"); the
		// patient's district is already upper-cased.
		if p.District == "" || !slices.ContainsFunc(c.Areas, func(a string) bool {
			return strings.EqualFold(strings.TrimSpace(a), p.District)
		}) {
			return false, ""
		}
		why = append(why, "lives in "+p.District)
	}
	return true, strings.Join(why, ", ")
}

// EligibleFor reports whether the patient may be referred, and on what
// grounds ("" when the programme is open to everyone).
//
// Whatever its criteria, a programme marked OnlineOnly is not for a
// patient who cannot get online, one marked AdultsOnly is not for a patient
// whose age group is not known to start at 18 or over, and one For some
// circumstances is not for a patient with none of them.
func (p Programme) EligibleFor(pt Patient) (bool, string) {
	if ok, _ := p.Suits(pt); !ok {
		return false, ""
	}
	// adult says the age once, unless the criterion already names one.
	adult := func(why string) string {
		if !p.AdultsOnly || strings.Contains(why, "age ") {
			return why
		}
		return strings.TrimSuffix("age 18 or over, "+why, ", ")
	}
	if len(p.Eligible) == 0 {
		return true, adult("")
	}
	for _, c := range p.Eligible {
		if ok, why := c.Holds(pt); ok {
			return true, adult(why)
		}
	}
	return false, ""
}

// Suits reports whether the programme can be of use to the patient at all,
// before its eligibility criteria, and if not, why: one used only online
// for a patient who cannot get online, one for adults for a patient not
// known to be 18 or over, one for some circumstances for a patient with
// none of them.
func (p Programme) Suits(pt Patient) (bool, string) {
	switch {
	case p.OnlineOnly && !pt.Online:
		return false, "used only online, and the patient cannot get online"
	case p.NeedsDevice && pt.NoDevice:
		return false, "helps with something used on a smartphone, tablet or computer, and the patient has none of their own"
	case p.AdultsOnly && pt.AgeLow < 18:
		return false, "for adults only, and the patient's age group is not known to be 18 or over"
	case len(p.For) > 0 && !p.forPatient(pt):
		return false, "for people with " + strings.Join(p.For, " or ") + ", which the answers do not show"
	}
	return true, ""
}

func (p Programme) forPatient(pt Patient) bool {
	return slices.ContainsFunc(p.For, func(c string) bool { return slices.Contains(pt.Circumstances, c) })
}

// CheckPhone reports whether s is a phone number a patient can dial as
// printed: digits and spaces, with an optional leading +, and
// between 3 and 15 digits (15 is the longest international number). The
// handout keeps a number on one line, so nothing else may be in it: an
// extension, hours or a note belong in Hours or Contact.
func CheckPhone(s string) error {
	if s == "" {
		return nil
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case r == ' ' && i > 0 && i < len(s)-1:
		default:
			return fmt.Errorf("phone %q: use digits and spaces only, with + only at the start", s)
		}
	}
	if digits < 3 || digits > 15 {
		return fmt.Errorf("phone %q: a phone number has 3 to 15 digits, this has %d", s, digits)
	}
	return nil
}

// National is the embedded default directory of national programmes. Each
// entry describes the programme only as its own published material does;
// contact details are the organisation's public website. A phone number is
// given only where the programme's own published material gives one the
// public can call, with that source beside it; where none was found the
// comment says what was looked at (docs/directory.md keeps the same table,
// with the sources and the date each entry was last reviewed). Every entry
// has a review-by date: `digicheck programmes` warns once it has passed.
// Sites add local programmes, hide national ones, or replace a national
// entry with one that has a number they have checked, in a programmes file.
var National = NewDirectory([]Programme{
	{
		ID: "national-databank", Name: "National Databank (Good Things Foundation)",
		Barriers: []Domain{Access},
		// Free SIM cards for adults: the Databank's partners describe it
		// as for people aged 18 or over on a low income (docs/directory.md).
		Eligible:     []Criterion{{LowIncome: true}},
		AdultsOnly:   true,
		NeedsHandset: true,
		Provides:     []string{ProvidesData},
		Contact:      "Free SIM cards with mobile data, texts and calls are given out by local community partners. Find one at goodthingsfoundation.org.",
		PatientLine:  "You can get free mobile data from a local group near you.",
		// Phone: none. The National Databank is reached through local
		// community partners, found on goodthingsfoundation.org; no
		// public phone line of its own was found in its material.
		Phone:    "",
		ReviewBy: "2027-06-01",
		Source:   "national",
	},
	{
		ID: "national-device-bank", Name: "National Device Bank (Good Things Foundation)",
		Barriers:    []Domain{Access},
		Eligible:    []Criterion{{LowIncome: true}},
		Provides:    []string{ProvidesDevice},
		Contact:     "Local groups give out free phones, tablets and laptops that have been fixed up. Find one at goodthingsfoundation.org.",
		PatientLine: "You may be able to get a free phone, tablet or laptop.",
		// Phone: none. Devices are given out by local partners found on
		// goodthingsfoundation.org; no public phone line was found.
		Phone:    "",
		ReviewBy: "2027-06-01",
		Source:   "national",
	},
	{
		ID: "social-tariffs", Name: "Broadband and mobile social tariffs",
		Barriers:    []Domain{Access},
		Eligible:    []Criterion{{LowIncome: true}},
		Provides:    []string{ProvidesData},
		Contact:     "Cheaper broadband and phone deals for people on Universal Credit, Pension Credit and some other benefits. Ofcom lists them at ofcom.org.uk (search 'social tariffs').",
		PatientLine: "You may be able to get cheaper internet at home.",
		// Phone: none. Social tariffs are sold by each provider. The only
		// number on Ofcom's own pages (ofcom.org.uk, "Billing and
		// charges": "contact Ofcom's Consumer Contact Team on 0300 123
		// 3333") is for complaints about a low-income tariff the patient
		// already has, after the provider, and Ofcom says it "cannot
		// handle individual complaints": not a line that finds a tariff.
		Phone:    "",
		ReviewBy: "2027-06-01",
		Source:   "national",
	},
	{
		// Not a programme but a public service found in every area; kept
		// because free computers, wifi and help are what a patient with no
		// device or data can use today. A site should replace it with its
		// own library, with a phone number (docs/directory.md).
		ID: "public-library", Name: "Your local public library",
		Barriers:    []Domain{Access, Skills},
		Provides:    []string{ProvidesData, ProvidesSkills},
		Contact:     "Libraries have free computers and wifi, and staff who can help. Find the nearest one on the local council website.",
		PatientLine: "Your library has free computers and free wifi, and staff who can help you.",
		// Phone: none nationally; each library has its own number.
		Phone:    "",
		ReviewBy: "2027-06-01",
		Source:   "national",
	},
	{
		ID: "learn-my-way", Name: "Learn My Way (Good Things Foundation)",
		Barriers:    []Domain{Skills, Motivation},
		Provides:    []string{ProvidesSkills},
		OnlineOnly:  true, // lessons on a website
		Contact:     "Free short lessons online for people who are new to this, such as how to use the NHS App. Go to learnmyway.com.",
		PatientLine: "There are free, short lessons online to help you learn, step by step.",
		// Phone: none. Learn My Way is an online course; no public phone
		// line was found in its material.
		Phone:    "",
		ReviewBy: "2027-06-01",
		Source:   "national",
	},
	{
		ID: "digital-inclusion-network", Name: "National Digital Inclusion Network (Good Things Foundation)",
		Barriers:    []Domain{Skills, Motivation},
		Provides:    []string{ProvidesSkills, ProvidesSupport},
		Contact:     "Local centres that give free, face-to-face help with getting online. Find one at goodthingsfoundation.org.",
		PatientLine: "A local centre can help you in person, for free.",
		// Phone: none. Centres are found on goodthingsfoundation.org; no
		// public phone line of the network was found.
		Phone:    "",
		ReviewBy: "2027-06-01",
		Source:   "national",
	},
	{
		ID: "digital-unite", Name: "Digital Champions (Digital Unite)",
		Barriers: []Domain{Skills, Motivation},
		Provides: []string{ProvidesSkills},
		// One to one: the One Digital partnership Digital Unite led
		// (onedigitaluk.com, "Digital Champion approaches") says "there is
		// clear evidence that one to one, learner led support is
		// effective"; Digital Unite's own news ("600 Digital Champions in
		// housing and counting") says people new to this "prefer to learn
		// new online skills informally by watching and asking others".
		OneToOne:    true,
		Contact:     "Digital Unite trains Digital Champions. They help people get online, one to one. Ask at digitalunite.com if there is one near you.",
		PatientLine: "A Digital Champion can show you how to get online, one to one.",
		// Phone: none. Digital Unite's own pages (digitalunite.com, "Our
		// manifesto" and "Delivering Digital Champion success") describe
		// its Digital Champions Network, through which organisations train
		// Digital Champions who support people in their communities; no
		// public phone line was found in its material.
		Phone:    "",
		ReviewBy: "2027-06-01",
		Source:   "national",
	},
	{
		ID: "abilitynet", Name: "AbilityNet free IT support",
		Barriers: []Domain{Skills, Access},
		// AbilityNet's free support is for older people and disabled
		// people; digicheck takes "older" as an age band starting at 65.
		Eligible: []Criterion{{MinAge: 65}, {Disability: true}},
		Provides: []string{ProvidesSupport},
		// One to one: AbilityNet's own page (abilitynet.org.uk/frontpage?
		// page=38) speaks of "a network of police-checked IT volunteers
		// who can provide free one-to-one support".
		OneToOne: true,
		// Its help is with technology the patient has ("help you with
		// your phone or computer"): no use to a patient with no
		// smartphone, tablet or computer of their own, who was offered it
		// first; a device comes first for them.
		NeedsDevice: true,
		Contact:     "Free help with technology for older and disabled people, by phone or from a volunteer at home. Contact through abilitynet.org.uk.",
		PatientLine: "A volunteer can help you with your phone or computer, even at home.",
		// Phone: none yet. AbilityNet's own page
		// (abilitynet.org.uk/frontpage?page=38, "Older people and
		// disabled people need extra tech help...") speaks of "their
		// freephone helpline", but the stored copy that could be read
		// here does not show the number, and a number is never copied
		// from a third party's page. A site that has checked it on
		// abilitynet.org.uk can add it by replacing this entry.
		// Checked again on 2 December 2026: still no number on its own
		// pages that could be read (docs/directory.md); none is printed.
		Phone:    "",
		ReviewBy: "2027-06-01",
		Source:   "national",
	},
	{
		ID: "age-uk", Name: "Age UK",
		Barriers: []Domain{Skills, Motivation},
		// Age UK's services are for people in later life; digicheck takes
		// that as an age band starting at 65, as for AbilityNet.
		Eligible:    []Criterion{{MinAge: 65}},
		Provides:    []string{ProvidesSkills, ProvidesSupport},
		Contact:     "Many local Age UKs help older people learn to use the internet. The free Age UK Advice Line gives advice every day of the year. Find your local Age UK at ageuk.org.uk.",
		PatientLine: "Your local Age UK can help you learn to use the internet.",
		// Phone: none yet. Age UK's own pages say its Advice Line is "a
		// free helpline which provides information and support for those
		// in later life 365 days a year" (ageuk.org.uk news, 17 March
		// 2017) and is open "8am-7pm, 7 days a week" (ageuk.org.uk,
		// December 2020); the stored copies of its own pages do not show
		// the number, and a number is never copied from a third party's
		// page. Its report "Later life in a digital world" says "many
		// local Age UKs across the country run services that help people
		// learn digital skills".
		// Checked again on 2 December 2026: still no number on its own
		// pages that could be read (docs/directory.md); none is printed.
		Phone:    "",
		ReviewBy: "2027-06-01",
		Source:   "national",
	},
	{
		// RNIB's Technology for Life team is not listed: a member of the
		// team wrote that it was "formally disbanded" on 27 September
		// 2024 (docs/directory.md). RNIB's advice service, which people
		// call about technology too, is listed instead.
		ID: "rnib-sight-loss-advice", Name: "RNIB Sight Loss Advice Service",
		Barriers:    []Domain{Skills, Access},
		For:         []string{ForSight},
		Provides:    []string{ProvidesSupport},
		Contact:     "RNIB gives help and support to people with sight loss, by phone, at many eye clinics and online. People ask it about technology, too. Go to rnib.org.uk.",
		PatientLine: "RNIB can help if your sight makes phones or computers hard to use.",
		// Phone: none yet. RNIB's own page (rnib.org.uk news, 2021,
		// "RNIB's flagship Sight Loss Advice Service...") says the service
		// "provides practical and emotional support over the phone,
		// face-to-face at many hospital eye clinics, or through online
		// information" and that technology was among the top three
		// reasons people called; the stored copy does not show the
		// Helpline's number, and third-party listings are not used.
		// Checked again on 2 December 2026: still no number on its own
		// pages that could be read (docs/directory.md); none is printed.
		Phone:    "",
		ReviewBy: "2027-06-01",
		Source:   "national",
	},
	{
		ID: "digital-phone-switchover", Name: "Digital phone switchover help",
		Barriers: []Domain{Access},
		For:      []string{ForLandline, ForTelecare},
		Provides: []string{ProvidesSupport},
		// Offered to every patient with a landline, so it names no care
		// alarm: what a patient with one must do is the "telecare"
		// adjustment, given only where they said they have one (or are
		// not sure).
		Contact:     "Landlines are moving to a new digital network by January 2027. Your phone company can tell you what changes for you. See digitalphoneswitchover.com.",
		PatientLine: "Your landline is moving to a new digital line. Your phone company can tell you what this means for you.",
		// Phone: none. The campaign is funded by BT and Virgin Media O2
		// and backed by the UK Government (written statement to
		// Parliament, 2 June 2025: "Further information for the public is
		// available at www.digitalphoneswitchover.com"; DSIT, 2 June 2025:
		// providers "will send an engineer ... and personally test the
		// telecare alarm" and "offer vulnerable customers a free battery
		// back-up device"). The patient calls their own provider, whose
		// number is on their bill. Review by the end of the switchover.
		Phone:    "",
		ReviewBy: "2027-01-31",
		Source:   "national",
	},
	{
		ID: "nhs-app-help", Name: "NHS App help and support",
		Barriers: []Domain{Motivation, Skills},
		Provides: []string{ProvidesSupport},
		// The NHS App runs on a smartphone, tablet or computer: help with
		// it is no use to a patient with a landline or basic mobile only.
		NeedsDevice: true,
		Contact:     "Step-by-step help with setting up and using the NHS App at nhs.uk/nhs-app. The GP practice can also help with set-up.",
		PatientLine: "There is help to set up the NHS App, on the NHS website and at your GP practice.",
		// Phone: none. NHS App help is on nhs.uk and at the GP practice;
		// no phone line for the app was found in NHS material.
		Phone:    "",
		ReviewBy: "2027-06-01",
		Source:   "national",
	},
	{
		ID: "get-safe-online", Name: "Get Safe Online",
		Barriers:    []Domain{Trust},
		Provides:    []string{ProvidesSkills},
		OnlineOnly:  true, // advice on a website
		Contact:     "Free, fair advice on how to stay safe online and spot scams, at getsafeonline.org.",
		PatientLine: "There is free advice to help you stay safe from scams online.",
		// Phone: none. Get Safe Online gives its advice on its website;
		// no public phone line of its own was found in its material.
		Phone:    "",
		ReviewBy: "2027-06-01",
		Source:   "national",
	},
})

// Unknowns lists the questions whose answers, not yet known, could make the
// patient eligible for a programme they are not eligible for now: the
// linkIds of the unanswered equity questions one of its criteria needs, with
// no known answer ruling that criterion out. It is empty when the patient is
// eligible already or no unknown answer could change that.
func (p Programme) Unknowns(pt Patient) []string {
	if ok, _ := p.EligibleFor(pt); ok {
		return nil
	}
	if (p.OnlineOnly && !pt.Online) || (p.NeedsDevice && pt.NoDevice) || (len(p.For) > 0 && !p.forPatient(pt)) {
		return nil // no equity answer changes these
	}
	var out []string
	if p.AdultsOnly {
		switch {
		case pt.AgeLow >= 0 && pt.AgeLow < 18:
			return nil // an age group that may be under 18: no answer changes that
		case pt.AgeLow < 0:
			// The age is needed if the rest could hold: no criteria, one
			// that holds already, or one that other answers could make hold.
			held := len(p.Eligible) == 0 || slices.ContainsFunc(p.Eligible, func(c Criterion) bool {
				ok, _ := c.Holds(pt)
				return ok
			})
			adult := p
			adult.AdultsOnly = false
			if held || len(adult.Unknowns(pt)) > 0 {
				out = append(out, LinkAgeBand)
			}
		}
	}
	for _, c := range p.Eligible {
		var need []string
		ruledOut := false
		if c.MinAge > 0 || c.MaxAge > 0 {
			switch {
			case pt.AgeLow < 0:
				need = append(need, LinkAgeBand)
			case c.MinAge > 0 && pt.AgeLow < c.MinAge, c.MaxAge > 0 && pt.AgeHigh > c.MaxAge:
				ruledOut = true
			}
		}
		if c.LowIncome {
			switch {
			case !pt.IncomeKnown:
				need = append(need, LinkBenefits)
			case !pt.LowIncome:
				ruledOut = true
			}
		}
		if c.Disability {
			switch {
			case !pt.DisabilityKnown:
				need = append(need, LinkDisability)
			case !pt.Disability:
				ruledOut = true
			}
		}
		if len(c.Areas) > 0 {
			switch {
			case pt.District == "":
				need = append(need, LinkPostcodeDistrict)
			case !slices.Contains(c.Areas, pt.District):
				ruledOut = true
			}
		}
		if !ruledOut {
			for _, n := range need {
				if !slices.Contains(out, n) {
					out = append(out, n)
				}
			}
		}
	}
	return out
}
