package questionnaire

import (
	"fmt"
	"slices"
	"strings"
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
}

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
//   - a programme marked OnlineOnly, for a patient who cannot get online;
//   - a programme marked AdultsOnly, unless the patient's age group is known
//     to start at 18 or over;
//   - a programme For some circumstances, when the patient has none of them;
//   - a programme marked NeedsHandset (a SIM card), for a patient with no
//     mobile phone, when no candidate left in gives a device.
//
// The rest are ordered by, in turn: what the programme provides (a device,
// then data, then skills, then support: ProvidesOrder, by the first it
// provides; none said, last); local before national; the barrier it meets
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
		provides int
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
		c := cand{ref: r, prog: p, known: known, provides: len(ProvidesOrder), order: i}
		for _, what := range p.Provides {
			if k := slices.Index(ProvidesOrder, what); k >= 0 && k < c.provides {
				c.provides = k
			}
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
			if a.known {
				return -1
			}
			return 1
		case a.provides != b.provides:
			return a.provides - b.provides
		case a.local != b.local:
			if a.local {
				return -1
			}
			return 1
		case a.worst != b.worst:
			return int(b.worst) - int(a.worst)
		}
		return a.order - b.order
	})

	for i, c := range keep {
		var why []string
		if c.provides < len(ProvidesOrder) {
			why = append(why, "gives "+providesWords[ProvidesOrder[c.provides]])
		} else {
			why = append(why, "does not say what it gives")
		}
		if c.local {
			why = append(why, "local")
		} else {
			why = append(why, "national")
		}
		why = append(why, meetsWords[c.worst])
		s := fmt.Sprintf("Ranked %d of %d: %s", i+1, len(keep), strings.Join(why, "; "))
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
