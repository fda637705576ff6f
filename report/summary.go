package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"digicheck/facts"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/site"
)

// By is the length of a summary's periods.
type By string

// Period lengths. A week runs Monday to Sunday and is labelled with its
// Monday's date; a month with its year and month.
const (
	Week  By = "week"
	Month By = "month"
)

// Options choose what a summary counts and how it is shown.
type Options struct {
	// From and To are the first and last days counted (their dates in
	// Location); zero leaves that end open, at the first or last
	// assessment counted.
	From, To time.Time
	By       By
	// Teams, when given, counts only assessments made by these teams.
	Teams []string
	// Location is the time zone of dates and periods; nil is the local
	// time zone.
	Location *time.Location
	// Exact turns disclosure control off, for local operational use.
	Exact bool
	// Disclosure is the control applied unless Exact; zero values are the
	// defaults (site.DefaultDisclosure).
	Disclosure site.Disclosure
}

// Breakdowns: the equity fields a summary is broken down by, named by the
// instrument's linkIds, and postcode district.
var Breakdowns = []string{
	questionnaire.LinkAgeBand, questionnaire.LinkDisability, questionnaire.LinkBenefits,
	questionnaire.LinkMainLanguage, questionnaire.LinkEthnicity, questionnaire.LinkPostcodeDistrict,
}

// NotAnswered is the group of assessments with no answer to a breakdown's
// question (the equity questions are optional).
const NotAnswered = "not-answered"

// All is the period, breakdown and group of the whole.
const All = "all"

// Cell is one count of a summary, in long form: the period, breakdown and
// group it is of, the measure and category it counts, and, for a share, the
// cell it is a share of.
type Cell struct {
	Period    string // All or a period's label
	Breakdown string // All or one of Breakdowns
	Group     string // All, or a breakdown's answer code or NotAnswered
	Measure   string
	Category  string
	Count     int // the exact count
	Base      int // index of the cell this is a share of; -1 for none

	// What disclosure control lets be shown: Suppressed cells are shown
	// as "*"; Shown is the count rounded (or exact, with Options.Exact).
	Suppressed bool
	Secondary  bool // suppressed so that it cannot be worked out from totals
	Shown      int
}

// Summary is the counts of a set of assessments.
type Summary struct {
	From, To time.Time // first and last days counted; zero when nothing was
	By       By
	Periods  []Period
	Teams    []string
	// Exact is true when disclosure control is off.
	Exact      bool
	Disclosure site.Disclosure
	// Synthetic is true when the assessments counted are synthetic test
	// data.
	Synthetic bool
	Sources   []Source
	// Duplicates and Conflicts are as in Dataset.
	Duplicates, Conflicts int
	Programmes            []string // programme ids with referrals or outcomes counted
	Cells                 []Cell
	relations             [][]int // each: a total cell, then the cells that add up to it
	loc                   *time.Location
}

// Period is one week or month of a summary.
type Period struct {
	Label      string
	Start, End time.Time // End is the start of the next period
}

// Measures, in the order a summary lists them.
const (
	MeasureAssessed    = "assessed"
	MeasurePrimary     = "primary"
	MeasureChoice      = "choice"
	MeasureReferred    = "referred"
	MeasureOffered     = "referral.offered"
	MeasureAgreed      = "referral.agreed"
	MeasureDeclined    = "referral.declined"
	MeasureNotRecorded = "referral.not-recorded"
	MeasureFollowUp    = "followup"
	MeasureRecorded    = "outcome.recorded"
)

// MeasureBand is the measure of a domain's bands ("band.access"), and
// MeasureChange of a follow-up's change in it ("followup.access").
func MeasureBand(d questionnaire.Domain) string   { return "band." + string(d) }
func MeasureChange(d questionnaire.Domain) string { return "followup." + string(d) }

// Categories.
var (
	bandCategories   = [3]string{"none", "some", "significant"}
	choiceCategories = [3]string{"honoured", "not-honoured", "no-preference"}
	trendCategories  = [3]string{"same", "better", "worse"} // by record.Trend
	outcomeMeasures  = [3]string{"outcome.attended", "outcome.helped", "outcome.not-taken-up"}
)

// tally is the counts of one period or group.
type tally struct {
	n              int
	bands          [256]int // by packed bands
	primary        [7]int   // by facts.View.PrimaryIndex: none, then questionnaire.Routes
	choice         [3]int
	offeredAny     int
	agreedAny      int
	change         [256]int // by packed change; 0 is no change recorded
	primaryChanged int
	refs           [][4]int // by programme number: offered, agreed, declined, not recorded
	outs           [][4]int // by programme number: recorded, attended, helped, not taken up
}

func newTally(names int) *tally {
	return &tally{refs: make([][4]int, names), outs: make([][4]int, names)}
}

func (t *tally) add(r *row, pool []uint32) {
	t.n++
	t.bands[r.bands]++
	t.primary[r.primary]++
	t.choice[r.choice]++
	if r.change != 0 {
		t.change[r.change]++
		if r.flags&flagPrimaryChanged != 0 {
			t.primaryChanged++
		}
	}
	offered, agreed := false, false
	for _, p := range pool[:r.nrefs] {
		c := &t.refs[p>>poolShift]
		c[0]++
		switch p & 3 {
		case 0:
			c[3]++
		case 1:
			c[1]++
			agreed = true
		default:
			c[2]++
		}
		offered = true
	}
	if offered {
		t.offeredAny++
	}
	if agreed {
		t.agreedAny++
	}
	for _, p := range pool[r.nrefs : r.nrefs+r.nouts] {
		c := &t.outs[p>>poolShift]
		c[0]++
		c[p&3]++
	}
}

func (t *tally) merge(u *tally) {
	t.n += u.n
	for i := range t.bands {
		t.bands[i] += u.bands[i]
		t.change[i] += u.change[i]
	}
	for i := range t.primary {
		t.primary[i] += u.primary[i]
	}
	for i := range t.choice {
		t.choice[i] += u.choice[i]
	}
	t.offeredAny += u.offeredAny
	t.agreedAny += u.agreedAny
	t.primaryChanged += u.primaryChanged
	for i := range t.refs {
		for j := range 4 {
			t.refs[i][j] += u.refs[i][j]
			t.outs[i][j] += u.outs[i][j]
		}
	}
}

// bandCount is the number with band b in domain d (by position).
func (t *tally) bandCount(d, b int) int {
	n := 0
	for packed, c := range t.bands {
		if c != 0 && packed>>(2*d)&3 == b {
			n += c
		}
	}
	return n
}

// trendCount is the number of follow-ups with trend tr in domain d.
func (t *tally) trendCount(d int, tr record.Trend) int {
	n := 0
	for packed, c := range t.change {
		if c != 0 && packed != 0 && record.Trend(packed>>(2*d)&3)-1 == tr {
			n += c
		}
	}
	return n
}

func (t *tally) compared() int {
	n := 0
	for _, c := range t.change[1:] {
		n += c
	}
	return n
}

// counter gathers the tallies of a summary.
type counter struct {
	names    int
	overall  *tally
	periods  []*tally
	equity   [numEquity][]*tally // by stored number; 0 not answered
	district map[facts.District]*tally
}

func newCounter(names, periods int) *counter {
	c := &counter{names: names, overall: newTally(names), district: map[facts.District]*tally{}}
	for range periods {
		c.periods = append(c.periods, newTally(names))
	}
	for i, it := range equityItems {
		for range len(it.Codes()) + 1 {
			c.equity[i] = append(c.equity[i], newTally(names))
		}
	}
	return c
}

func (c *counter) add(r *row, p int, pool []uint32) {
	pool = pool[r.pool:]
	c.periods[p].add(r, pool)
	for i, v := range r.equity {
		c.equity[i][v].add(r, pool)
	}
	t := c.district[r.district]
	if t == nil {
		t = newTally(c.names)
		c.district[r.district] = t
	}
	t.add(r, pool)
}

func (c *counter) merge(o *counter) {
	for i := range c.periods {
		c.periods[i].merge(o.periods[i])
	}
	for i := range c.equity {
		for j := range c.equity[i] {
			c.equity[i][j].merge(o.equity[i][j])
		}
	}
	for k, t := range o.district {
		if mine := c.district[k]; mine != nil {
			mine.merge(t)
		} else {
			c.district[k] = t
		}
	}
}

// Summarise counts the dataset's assessments as the options say. The first
// call settles the dataset: no records may be added after it.
func (d *Dataset) Summarise(o Options) (*Summary, error) {
	loc := o.Location
	if loc == nil {
		loc = time.Local
	}
	if o.By == "" {
		o.By = Month
	}
	if o.By != Week && o.By != Month {
		return nil, fmt.Errorf("periods by %q: use week or month", o.By)
	}
	dc := o.Disclosure
	if dc.MaxSuppressed == 0 {
		dc.MaxSuppressed = site.DefaultDisclosure.MaxSuppressed
	}
	if dc.RoundTo == 0 {
		dc.RoundTo = site.DefaultDisclosure.RoundTo
	}
	d.resolve()

	// Which teams: by name number, so the scan compares numbers.
	var teams []uint32
	filterTeams := len(o.Teams) > 0
	for _, t := range o.Teams {
		if n, ok := d.names.Lookup(t); ok {
			teams = append(teams, n)
		}
	}
	var lo, hi int64 = -1 << 62, 1 << 62 // the range counted: [lo, hi)
	if !o.From.IsZero() {
		lo = dayStart(o.From, loc).Unix()
	}
	if !o.To.IsZero() {
		hi = dayStart(o.To, loc).AddDate(0, 0, 1).Unix()
	}
	if hi <= lo {
		return nil, fmt.Errorf("the period ends (%s) before it starts (%s)", o.To.Format(time.DateOnly), o.From.Format(time.DateOnly))
	}
	// in reports whether row i counts, and when and by whom it was made.
	in := func(i int) (*row, int64, bool) {
		r := d.rows.at(i)
		if !r.counted() {
			return r, 0, false
		}
		root := d.root(i)
		if root.time < lo || root.time >= hi {
			return r, 0, false
		}
		if filterTeams && !slices.Contains(teams, root.team) {
			return r, 0, false
		}
		return r, root.time, true
	}

	// First pass: the span of what is counted, for open ends, and what
	// kind of data it is.
	n := d.rows.len()
	first, last := int64(1<<62), int64(-1<<62)
	synthetic, real := 0, 0
	for i := range n {
		r, t, ok := in(i)
		if !ok {
			continue
		}
		first, last = min(first, t), max(last, t)
		if r.flags&flagSynthetic != 0 {
			synthetic++
		} else {
			real++
		}
	}
	if synthetic > 0 && real > 0 {
		return nil, fmt.Errorf("the inputs mix %d synthetic records with %d real ones; synthetic test data is never summarised with real assessments", synthetic, real)
	}
	s := &Summary{By: o.By, Teams: o.Teams, Exact: o.Exact, Disclosure: dc, Synthetic: synthetic > 0,
		Sources: d.Sources, Duplicates: d.Duplicates, Conflicts: d.Conflicts, loc: loc}
	if !o.From.IsZero() {
		s.From = dayStart(o.From, loc)
	} else if first <= last {
		s.From = dayStart(time.Unix(first, 0), loc)
	}
	if !o.To.IsZero() {
		s.To = dayStart(o.To, loc)
	} else if first <= last {
		s.To = dayStart(time.Unix(last, 0), loc)
	}
	if !s.From.IsZero() && !s.To.IsZero() {
		s.Periods = periods(s.From, s.To, o.By, loc)
	}
	starts := make([]int64, len(s.Periods))
	for i, p := range s.Periods {
		starts[i] = p.Start.Unix()
	}

	// Second pass: count, in two halves at once.
	c := count(d, in, starts, d.names.Len())
	s.build(c, d)
	if o.Exact {
		for i := range s.Cells {
			s.Cells[i].Shown = s.Cells[i].Count
		}
	} else {
		s.control(dc.MaxSuppressed, dc.RoundTo)
	}
	return s, nil
}

// count tallies the counted rows, splitting the rows between two
// goroutines whose tallies are added at the end.
func count(d *Dataset, in func(int) (*row, int64, bool), starts []int64, names int) *counter {
	n := d.rows.len()
	const parts = 2
	counters := make([]*counter, parts)
	done := make(chan int)
	for k := range parts {
		counters[k] = newCounter(names, len(starts))
		go func() {
			c := counters[k]
			p := 0
			for i := k * n / parts; i < (k+1)*n/parts; i++ {
				r, t, ok := in(i)
				if !ok {
					continue
				}
				// Rows come in id order, which is nearly time order:
				// the period is usually the last one or the next.
				if p >= len(starts) || t < starts[p] || p+1 < len(starts) && t >= starts[p+1] {
					p = periodOf(starts, t)
				}
				c.add(r, p, d.pool)
			}
			done <- k
		}()
	}
	for range parts {
		<-done
	}
	for _, o := range counters[1:] {
		counters[0].merge(o)
	}
	c := counters[0]
	for _, t := range c.periods {
		c.overall.merge(t)
	}
	return c
}

// periodOf is the index of the last start at or before t.
func periodOf(starts []int64, t int64) int {
	i, _ := slices.BinarySearch(starts, t+1)
	return max(i-1, 0)
}

func dayStart(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// periods lists the weeks or months from the one holding from to the one
// holding to. The first and last may be cut short by from and to.
func periods(from, to time.Time, by By, loc *time.Location) []Period {
	start := PeriodStart(from, by, loc)
	var out []Period
	for !start.After(to) {
		next := nextPeriod(start, by, loc)
		out = append(out, Period{Label: PeriodLabel(start, by), Start: start, End: next})
		start = next
	}
	// The range counted starts at from, not at its period's start.
	out[0].Start = from
	return out
}

// PeriodStart is the start of the week (Monday) or month holding t.
func PeriodStart(t time.Time, by By, loc *time.Location) time.Time {
	t = t.In(loc)
	y, m, d := t.Date()
	if by == Month {
		return time.Date(y, m, 1, 0, 0, 0, 0, loc)
	}
	back := (int(t.Weekday()) + 6) % 7 // days since Monday
	return time.Date(y, m, d-back, 0, 0, 0, 0, loc)
}

func nextPeriod(start time.Time, by By, loc *time.Location) time.Time {
	y, m, d := start.Date()
	if by == Month {
		return time.Date(y, m+1, 1, 0, 0, 0, 0, loc)
	}
	return time.Date(y, m, d+7, 0, 0, 0, 0, loc)
}

// PeriodLabel is how a period is named: "2026-03" for a month, the
// Monday's date "2026-03-02" for a week.
func PeriodLabel(start time.Time, by By) string {
	if by == Month {
		return start.Format("2006-01")
	}
	return start.Format(time.DateOnly)
}

// build lays the tallies out as cells, with the sums that relate them.
func (s *Summary) build(c *counter, d *Dataset) {
	// Programmes with any referral or outcome counted, in id order.
	for n := 1; n < c.names; n++ {
		r, o := c.overall.refs[n], c.overall.outs[n]
		if r[0] > 0 || o[0] > 0 {
			s.Programmes = append(s.Programmes, d.names.Name(uint32(n)))
		}
	}
	slices.Sort(s.Programmes)
	progNum := map[string]int{}
	for _, p := range s.Programmes {
		n, _ := d.names.Lookup(p)
		progNum[p] = int(n)
	}
	notRecorded := c.overall.primary[0] > 0

	type set struct {
		start int
		t     *tally
	}
	add := func(period, breakdown, group string, t *tally) set {
		st := set{len(s.Cells), t}
		cell := func(measure, category string, count, base int) int {
			s.Cells = append(s.Cells, Cell{Period: period, Breakdown: breakdown, Group: group,
				Measure: measure, Category: category, Count: count, Base: base})
			return len(s.Cells) - 1
		}
		rel := func(cells ...int) { s.relations = append(s.relations, cells) }
		assessed := cell(MeasureAssessed, "", t.n, -1)
		for di, dom := range questionnaire.Domains {
			parts := []int{assessed}
			for b, cat := range bandCategories {
				parts = append(parts, cell(MeasureBand(dom), cat, t.bandCount(di, b), assessed))
			}
			rel(parts...)
		}
		parts := []int{assessed}
		for i, rt := range questionnaire.Routes {
			parts = append(parts, cell(MeasurePrimary, string(rt), t.primary[i+1], assessed))
		}
		if notRecorded {
			parts = append(parts, cell(MeasurePrimary, "not-recorded", t.primary[0], assessed))
		}
		rel(parts...)
		parts = []int{assessed}
		for i, cat := range choiceCategories {
			parts = append(parts, cell(MeasureChoice, cat, t.choice[[3]int{choiceHonoured, choiceNotHonoured, choiceNone}[i]], assessed))
		}
		rel(parts...)
		cell(MeasureReferred, "offered-any", t.offeredAny, assessed)
		cell(MeasureReferred, "agreed-any", t.agreedAny, assessed)
		for _, p := range s.Programmes {
			r := t.refs[progNum[p]]
			off := cell(MeasureOffered, p, r[0], assessed)
			rel(off, cell(MeasureAgreed, p, r[1], off), cell(MeasureDeclined, p, r[2], off), cell(MeasureNotRecorded, p, r[3], off))
		}
		cmp := cell(MeasureFollowUp, "compared", t.compared(), assessed)
		for di, dom := range questionnaire.Domains {
			parts := []int{cmp}
			for tr, cat := range trendCategories {
				parts = append(parts, cell(MeasureChange(dom), cat, t.trendCount(di, record.Trend(tr)), cmp))
			}
			rel(parts...)
		}
		rel(cmp, cell("followup.primary", "changed", t.primaryChanged, cmp), cell("followup.primary", "same", t.compared()-t.primaryChanged, cmp))
		for _, p := range s.Programmes {
			o := t.outs[progNum[p]]
			rec := cell(MeasureRecorded, p, o[0], -1)
			parts := []int{rec}
			for i, m := range outcomeMeasures {
				parts = append(parts, cell(m, p, o[i+1], rec))
			}
			rel(parts...)
		}
		return st
	}
	overall := add(All, All, All, c.overall)
	width := len(s.Cells)
	// Each cell of the whole is the sum of the same cell over the periods,
	// and over the groups of each breakdown.
	across := func(sets []set) {
		for k := range width {
			rel := []int{overall.start + k}
			for _, st := range sets {
				rel = append(rel, st.start+k)
			}
			s.relations = append(s.relations, rel)
		}
	}
	var sets []set
	for i, p := range s.Periods {
		sets = append(sets, add(p.Label, All, All, c.periods[i]))
	}
	if len(sets) > 0 {
		across(sets)
	}
	for i, it := range equityItems {
		sets = sets[:0]
		for v := range c.equity[i] {
			v = (v + 1) % len(c.equity[i]) // the answers in order, then not answered
			group := NotAnswered
			if v > 0 {
				group = it.Codes()[v-1]
			}
			sets = append(sets, add(All, it.LinkID(), group, c.equity[i][v]))
		}
		across(sets)
	}
	districts := make([]facts.District, 0, len(c.district))
	for k := range c.district {
		districts = append(districts, k)
	}
	slices.SortFunc(districts, func(a, b facts.District) int {
		switch {
		case a.IsZero() != b.IsZero():
			if a.IsZero() {
				return 1 // not answered last
			}
			return -1
		}
		return strings.Compare(a.String(), b.String())
	})
	sets = sets[:0]
	for _, k := range districts {
		group := k.String()
		if k.IsZero() {
			group = NotAnswered
		}
		sets = append(sets, add(All, questionnaire.LinkPostcodeDistrict, group, c.district[k]))
	}
	if len(sets) > 0 {
		across(sets)
	}
}
