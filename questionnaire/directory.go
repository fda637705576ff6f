package questionnaire

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
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
	Hours string `json:"hours,omitempty" toml:"hours"`
	// PatientLine is one plain-language sentence for the patient.
	PatientLine string `json:"patient_line" toml:"patient_line"`
	// Source says where the entry came from: "national" or a file path.
	Source string `json:"source,omitempty" toml:"-"`
}

// Directory is the referral directory in force.
type Directory struct {
	Programmes []Programme
}

// Version is a short content hash of the directory, kept in every record so
// a referral can be traced to the directory entry it came from. Where an
// entry was read from is not part of it: the same programmes give the same
// version on every machine, whatever the file is called there.
func (d Directory) Version() string {
	ps := slices.Clone(d.Programmes)
	for i := range ps {
		ps[i].Source = ""
	}
	p, _ := json.Marshal(ps)
	sum := sha256.Sum256(p)
	return hex.EncodeToString(sum[:6])
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
		why = append(why, "age "+itoa(p.AgeLow)+" or over")
	}
	if c.MaxAge > 0 {
		if p.AgeHigh < 0 || p.AgeHigh > c.MaxAge {
			return false, ""
		}
		why = append(why, "age "+itoa(c.MaxAge)+" or under")
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

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// EligibleFor reports whether the patient may be referred, and on what
// grounds ("" when the programme is open to everyone).
func (p Programme) EligibleFor(pt Patient) (bool, string) {
	if len(p.Eligible) == 0 {
		return true, ""
	}
	for _, c := range p.Eligible {
		if ok, why := c.Holds(pt); ok {
			return true, why
		}
	}
	return false, ""
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
// comment says what was looked at (docs/directory.md keeps the same table).
// Sites add local programmes, hide national ones, or replace a national
// entry with one that has a number they have checked, in a programmes file.
var National = Directory{Programmes: []Programme{
	{
		ID: "national-databank", Name: "National Databank (Good Things Foundation)",
		Barriers:    []Domain{Access},
		Eligible:    []Criterion{{LowIncome: true}},
		Contact:     "Free SIM cards with mobile data, texts and calls are given out by local community partners. Find one at goodthingsfoundation.org.",
		PatientLine: "You can get free mobile data from a local group near you.",
		// Phone: none. The National Databank is reached through local
		// community partners, found on goodthingsfoundation.org; no
		// public phone line of its own was found in its material.
		Phone:  "",
		Source: "national",
	},
	{
		ID: "national-device-bank", Name: "National Device Bank (Good Things Foundation)",
		Barriers:    []Domain{Access},
		Eligible:    []Criterion{{LowIncome: true}},
		Contact:     "Local groups give out free phones, tablets and laptops that have been fixed up. Find one at goodthingsfoundation.org.",
		PatientLine: "You may be able to get a free phone, tablet or laptop.",
		// Phone: none. Devices are given out by local partners found on
		// goodthingsfoundation.org; no public phone line was found.
		Phone:  "",
		Source: "national",
	},
	{
		ID: "social-tariffs", Name: "Broadband and mobile social tariffs",
		Barriers:    []Domain{Access},
		Eligible:    []Criterion{{LowIncome: true}},
		Contact:     "Cheaper broadband and phone deals for people on Universal Credit, Pension Credit and some other benefits. Ofcom lists them at ofcom.org.uk (search 'social tariffs').",
		PatientLine: "You may be able to get cheaper internet at home.",
		// Phone: none. Social tariffs are sold by each provider. The only
		// number on Ofcom's own pages (ofcom.org.uk, "Billing and
		// charges": "contact Ofcom's Consumer Contact Team on 0300 123
		// 3333") is for complaints about a low-income tariff the patient
		// already has, after the provider, and Ofcom says it "cannot
		// handle individual complaints": not a line that finds a tariff.
		Phone:  "",
		Source: "national",
	},
	{
		ID: "public-library", Name: "Your local public library",
		Barriers:    []Domain{Access, Skills},
		Contact:     "Libraries have free computers and wifi, and staff who can help. Find the nearest one on the local council website.",
		PatientLine: "Your library has free computers and free wifi, and staff who can help you.",
		// Phone: none nationally; each library has its own number.
		Phone:  "",
		Source: "national",
	},
	{
		ID: "learn-my-way", Name: "Learn My Way (Good Things Foundation)",
		Barriers:    []Domain{Skills, Motivation},
		Contact:     "Free short lessons online for people who are new to this, such as how to use the NHS App. Go to learnmyway.com.",
		PatientLine: "There are free, short lessons online to help you learn, step by step.",
		// Phone: none. Learn My Way is an online course; no public phone
		// line was found in its material.
		Phone:  "",
		Source: "national",
	},
	{
		ID: "digital-inclusion-network", Name: "National Digital Inclusion Network (Good Things Foundation)",
		Barriers:    []Domain{Skills, Motivation},
		Contact:     "Local centres that give free, face-to-face help with getting online. Find one at goodthingsfoundation.org.",
		PatientLine: "A local centre can help you in person, for free.",
		// Phone: none. Centres are found on goodthingsfoundation.org; no
		// public phone line of the network was found.
		Phone:  "",
		Source: "national",
	},
	{
		ID: "abilitynet", Name: "AbilityNet free IT support",
		Barriers: []Domain{Skills, Access},
		// AbilityNet's free support is for older people and disabled
		// people; digicheck takes "older" as an age band starting at 65.
		Eligible:    []Criterion{{MinAge: 65}, {Disability: true}},
		Contact:     "Free help with technology for older and disabled people, by phone or from a volunteer at home. Contact through abilitynet.org.uk.",
		PatientLine: "A volunteer can help you with your phone or computer, even at home.",
		// Phone: none yet. AbilityNet's own page
		// (abilitynet.org.uk/frontpage?page=38, "Older people and
		// disabled people need extra tech help...") speaks of "their
		// freephone helpline", but the stored copy that could be read
		// here does not show the number, and a number is never copied
		// from a third party's page. A site that has checked it on
		// abilitynet.org.uk can add it by replacing this entry.
		Phone:  "",
		Source: "national",
	},
	{
		ID: "nhs-app-help", Name: "NHS App help and support",
		Barriers:    []Domain{Motivation, Skills},
		Contact:     "Step-by-step help with setting up and using the NHS App at nhs.uk/nhs-app. The GP practice can also help with set-up.",
		PatientLine: "There is help to set up the NHS App, on the NHS website and at your GP practice.",
		// Phone: none. NHS App help is on nhs.uk and at the GP practice;
		// no phone line for the app was found in NHS material.
		Phone:  "",
		Source: "national",
	},
	{
		ID: "get-safe-online", Name: "Get Safe Online",
		Barriers:    []Domain{Trust},
		Contact:     "Free, fair advice on how to stay safe online and spot scams, at getsafeonline.org.",
		PatientLine: "There is free advice to help you stay safe from scams online.",
		// Phone: none. Get Safe Online gives its advice on its website;
		// no public phone line of its own was found in its material.
		Phone:  "",
		Source: "national",
	},
}}

// Unknowns lists the questions whose answers, not yet known, could make the
// patient eligible for a programme they are not eligible for now: the
// linkIds of the unanswered equity questions one of its criteria needs, with
// no known answer ruling that criterion out. It is empty when the patient is
// eligible already or no unknown answer could change that.
func (p Programme) Unknowns(pt Patient) []string {
	if ok, _ := p.EligibleFor(pt); ok {
		return nil
	}
	var out []string
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
