package questionnaire

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Band is a domain's result. Bands are ordered: a larger band is a larger
// barrier.
type Band int

const (
	NoBarrier Band = iota
	SomeBarrier
	SignificantBarrier
)

// bandWords are each band's code, kept in records and exports, and its
// words, in band order.
var bandWords = [...]struct{ code, text string }{
	NoBarrier:          {"none", "no barrier"},
	SomeBarrier:        {"some", "some barrier"},
	SignificantBarrier: {"significant", "significant barrier"},
}

func (b Band) String() string {
	if b < 0 || int(b) >= len(bandWords) {
		return fmt.Sprintf("band(%d)", int(b))
	}
	return bandWords[b].text
}

// Code is the band's stable code in records and exports ("" for none).
func (b Band) Code() string {
	if b < 0 || int(b) >= len(bandWords) {
		return ""
	}
	return bandWords[b].code
}

// MarshalText keeps bands readable in stored records.
func (b Band) MarshalText() ([]byte, error) {
	if c := b.Code(); c != "" {
		return []byte(c), nil
	}
	return nil, fmt.Errorf("invalid band %d", int(b))
}

// UnmarshalText reads a band code.
func (b *Band) UnmarshalText(p []byte) error {
	for i, w := range bandWords {
		if w.code == string(p) {
			*b = Band(i)
			return nil
		}
	}
	return fmt.Errorf("unknown band %q", p)
}

// Bands holds the band of each scored domain.
type Bands struct {
	Access     Band `json:"access"`
	Skills     Band `json:"skills"`
	Motivation Band `json:"motivation"`
	Trust      Band `json:"trust"`
}

// Get returns the band of a domain.
func (b Bands) Get(d Domain) Band {
	switch d {
	case Access:
		return b.Access
	case Skills:
		return b.Skills
	case Motivation:
		return b.Motivation
	case Trust:
		return b.Trust
	}
	return NoBarrier
}

func (b *Bands) set(d Domain, v Band) {
	switch d {
	case Access:
		b.Access = v
	case Skills:
		b.Skills = v
	case Motivation:
		b.Motivation = v
	case Trust:
		b.Trust = v
	}
}

// Band turns a domain score into its band with these thresholds.
func (t Thresholds) Band(score int) Band {
	switch {
	case score >= t.Significant:
		return SignificantBarrier
	case score >= t.Some:
		return SomeBarrier
	}
	return NoBarrier
}

// ItemScore is an item's contribution to its domain score, from its own
// answer alone (an option's Needs are taken as met).
func ItemScore(it *Item, values []string) int { return itemScore(it, values, nil) }

// itemScoreIn is an item's contribution to its domain score among the
// answers a: a task not chosen whose Needs the answers show unmet is not
// scored.
func itemScoreIn(it *Item, a Answers) int { return itemScore(it, a[it.LinkID], a) }

// unscored reports whether an option not chosen adds nothing because the
// answers a show the patient lacks what it needs (nil a: never).
func (o Option) unscored(a Answers) bool {
	return a != nil && o.Needs != nil && !o.Needs.holds(a)
}

func itemScore(it *Item, values []string, a Answers) int {
	if it.Domain == "" || len(values) == 0 {
		return 0
	}
	if it.Type == Choice || it.Scoring == ScoreBest {
		best := -1
		for _, v := range values {
			if o, ok := it.Option(v); ok && (best < 0 || o.Score < best) {
				best = o.Score
			}
		}
		return max(best, 0)
	}
	// ScoreUnselected: the options not chosen.
	total := 0
	for _, o := range it.Options {
		if !slices.Contains(values, o.Code) && !o.unscored(a) {
			total += o.Score
		}
	}
	return total
}

// Scores returns each domain's score from a set of answers.
func (ins *Instrument) Scores(a Answers) map[Domain]int {
	out := make(map[Domain]int, len(Domains))
	for _, d := range Domains {
		out[d] = 0
	}
	for _, it := range ins.Items() {
		if it.Domain != "" && it.Enabled(a) {
			out[it.Domain] += ins.scoreOf(it, a)
		}
	}
	return out
}

// scoreOf is what an asked item adds to its domain's score.
func (ins *Instrument) scoreOf(it *Item, a Answers) int {
	if ins.beforeRules {
		// Before option Needs, every task not done counted.
		return ItemScore(it, a[it.LinkID])
	}
	return itemScoreIn(it, a)
}

// Score bands every domain. It assumes the answers were validated. The
// scores are Scores', summed without a map made each time: only the
// domains of Domains are banded (Bands has no others).
func (ins *Instrument) Score(a Answers) Bands {
	var sums [8]int
	if len(Domains) > len(sums) {
		var b Bands
		for d, s := range ins.Scores(a) {
			b.set(d, ins.Bands[d].Band(s))
		}
		return b
	}
	for si := range ins.Sections {
		for ii := range ins.Sections[si].Items {
			it := &ins.Sections[si].Items[ii]
			if it.Domain == "" || !it.Enabled(a) {
				continue
			}
			if i := slices.Index(Domains, it.Domain); i >= 0 {
				sums[i] += ins.scoreOf(it, a)
			}
		}
	}
	var b Bands
	for i, d := range Domains {
		b.set(d, ins.Bands[d].Band(sums[i]))
	}
	return b
}

var outwardCode = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:[A-Z]{1,2}[0-9][0-9A-Z]?)$`) })

// NormalisePostcodeDistrict upper-cases and checks a UK postcode district
// (the outward code, e.g. "LS6", "SW1A"). A full postcode is refused: the
// store keeps the district only.
func NormalisePostcodeDistrict(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if strings.ContainsAny(s, " \t") || len(s) > 4 {
		return "", fmt.Errorf("%s: give the first part of the postcode only, like LS6 or SW1A", Quote(s))
	}
	if !outwardCode().MatchString(s) {
		return "", fmt.Errorf("%s is not a postcode district (like LS6 or SW1A)", Quote(s))
	}
	return s, nil
}
