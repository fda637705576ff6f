package questionnaire

import (
	"fmt"
	"slices"
)

// Current is the instrument new assessments ask. Records keep the version
// they were made with; read them with Lookup.
var Current = V2

// known lists every instrument version digicheck has, oldest first.
var known = []*Instrument{V1, V2}

func init() {
	// Version 2's earlier rules, the same questions and thresholds (see
	// Instrument.Earlier): before the questions that could open more
	// referrals were worked out by running the rules again; before a device
	// was ranked by the devices the
	// patient has of their own; before NHS App help was left out for a
	// patient who said No to going online, and AbilityNet no longer
	// asked about for a patient with no device; before a patient who said No to going online
	// was offered support alone; before that, before every written route
	// for a patient who needs help reading often came with a check of
	// understanding; and before that the clinical review of December
	// 2026.
	review := *V2
	review.beforeRules, review.beforeWrittenCheck, review.beforeSaysNo, review.beforeNoAppAsk, review.beforeOwnDevices, review.beforeAskRerun, review.before = true, true, true, true, true, true, nil
	check := *V2
	check.beforeWrittenCheck, check.beforeSaysNo, check.beforeNoAppAsk, check.beforeOwnDevices, check.beforeAskRerun, check.before = true, true, true, true, true, &review
	saysNo := *V2
	saysNo.beforeSaysNo, saysNo.beforeNoAppAsk, saysNo.beforeOwnDevices, saysNo.beforeAskRerun, saysNo.before = true, true, true, true, &check
	noApp := *V2
	noApp.beforeNoAppAsk, noApp.beforeOwnDevices, noApp.beforeAskRerun, noApp.before = true, true, true, &saysNo
	ownDevices := *V2
	ownDevices.beforeOwnDevices, ownDevices.beforeAskRerun, ownDevices.before = true, true, &noApp
	askRerun := *V2
	askRerun.beforeAskRerun, askRerun.before = true, &ownDevices
	V2.before = &askRerun
}

// Lookup finds an instrument by its version, for reading, checking or
// amending a record made with it.
func Lookup(version string) (*Instrument, bool) {
	for _, ins := range known {
		if ins.Version == version {
			return ins, true
		}
	}
	return nil, false
}

// Versions is every instrument version digicheck has, oldest first.
func Versions() []*Instrument { return slices.Clone(known) }

// ByVersion is every instrument version digicheck has, by version.
func ByVersion() map[string]*Instrument {
	m := make(map[string]*Instrument, len(known))
	for _, ins := range known {
		m[ins.Version] = ins
	}
	return m
}

// Comparable reports whether two instrument versions band a domain the same
// way, so that a band of one can be compared with a band of the other: the
// same thresholds, and the same scored questions with the same options,
// each scoring the same. When they do not, it says why.
func Comparable(a, b *Instrument, d Domain) (bool, string) {
	if a == nil || b == nil {
		return false, "the questions of one version are not known to this digicheck"
	}
	if a == b {
		return true, ""
	}
	if a.Bands[d] != b.Bands[d] {
		return false, "banded with other thresholds in version " + b.Version + " than in version " + a.Version
	}
	scored := func(ins *Instrument) map[string]*Item {
		m := map[string]*Item{}
		for _, it := range ins.Items() {
			if it.Domain == d && slices.ContainsFunc(it.Options, func(o Option) bool { return o.Score != 0 }) {
				m[it.LinkID] = it
			}
		}
		return m
	}
	sa, sb := scored(a), scored(b)
	if len(sa) != len(sb) {
		return false, "scored from other questions in version " + b.Version + " than in version " + a.Version
	}
	for link, ia := range sa {
		ib, ok := sb[link]
		if !ok || ia.Type != ib.Type || ia.Scoring != ib.Scoring || ia.EnableWhen != nil || ib.EnableWhen != nil {
			return false, "scored from other questions in version " + b.Version + " than in version " + a.Version
		}
		if !slices.EqualFunc(ia.Options, ib.Options, func(x, y Option) bool {
			return x.Code == y.Code && x.Score == y.Score && x.Exclusive == y.Exclusive
		}) {
			return false, fmt.Sprintf("the answers to %q score differently in version %s than in version %s", ia.Label, b.Version, a.Version)
		}
	}
	return true, ""
}

// NotScoredHere lists the options of domain d's items that the answers a
// leave out of the score (an option whose Needs the answers do not meet,
// such as texting for a patient with no mobile phone), by their text. A
// band with such an option is scored by rules another version may not
// share, even where Comparable holds, so a follow-up across versions does
// not compare it (record.Compare).
func (ins *Instrument) NotScoredHere(a Answers, d Domain) []string {
	var out []string
	for _, it := range ins.Items() {
		if it.Domain != d || !it.Enabled(a) || it.Scoring != ScoreUnselected {
			continue
		}
		for _, o := range it.Options {
			if o.Score > 0 && !slices.Contains(a[it.LinkID], o.Code) && o.unscored(a) {
				out = append(out, o.Text)
			}
		}
	}
	return out
}
