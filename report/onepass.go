package report

import (
	"fmt"
	"slices"
	"time"

	"digicheck/site"
	"digicheck/store/facts"
)

// Rule 10 in the one pass.
//
// Disclosure control leaves a team out of each period of the publication
// grid (a month, or a week on a weekly grid) in which it has too few
// assessments to show, and out of every count when it has too few over
// the span (smallTeams). Which those are is known only once every record
// has been read; counting the records again without them read the data
// twice (three times by quarter or financial year, whose decision was
// counted by month apart), and a team with a quiet month is common.
//
// A team's month is left out exactly when it has fewer assessments than
// disclosure control ever shows (hiddenBelow: 10 with the defaults), and a
// team is left out of every count only if each of its months is. So the
// counter holds back the rows of each team's month until it has that many
// (hold), counting the rest as they come; at the end the months left out
// are decided from the exact counts of every team's months, as the
// summary by the grid's period would count them, and the rows held back
// are counted but for those. The counts are the same as a second pass
// without the months left out gave, and so is every output.

// hold is what a counter holds back for rule 10: by the start of each
// period of the grid (Unix) and the name number of each team, the number
// and cell key of the team's assessments counted in it, and their rows
// while there are too few for the month ever to be shown as too few.
type hold struct {
	by    By // the grid's period
	loc   *time.Location
	limit int // a team's month with this many assessments is never left out
	// hi is the summary's own end, and gridHi the grid's: a summary by
	// quarter or financial year with no --to ends with the last quarter
	// or year that has ended, its grid with the last month; the months
	// between are counted here alone, for the decision, as the summary
	// by month counted them.
	hi, gridHi int64
	periods    map[int64]*holdPeriod
	// The period of the last row, which the next is most likely in.
	curStart, curEnd int64
	cur              *holdPeriod
	// first and last are the times of the rows counted over the grid's
	// span; synthetic and real count those in the summary's span, and
	// gridSynthetic and gridReal those beyond it in the grid's.
	first, last             int64
	synthetic, real         int
	gridSynthetic, gridReal int
	skippedTeams            map[uint32]int // by team, the rows skipped for their dates
	rowsHeld, rowsHeldMost  int            // rows held now, and the most at once
}

// holdPeriod is a grid period's teams, by name number.
type holdPeriod struct {
	cells []teamCell
}

// teamCell is a team's assessments in a period of the grid: how many and
// their cell key, and their rows held back until there are limit of them
// (full: counted since).
type teamCell struct {
	n    int32
	key  uint32
	full bool
	rows []heldRow
}

// heldRow is a row held back: what counter.add is given.
type heldRow struct {
	r    row
	t    int64
	key  uint32
	pool []uint32
}

func newHold(by By, loc *time.Location, dc site.Disclosure, hi, gridHi int64) *hold {
	return &hold{by: gridPeriod(by), loc: loc, limit: hiddenBelow(dc.MaxSuppressed, dc.RoundTo), hi: hi, gridHi: gridHi,
		periods: map[int64]*holdPeriod{}, curStart: 1, curEnd: 0, first: 1 << 62, last: -1 << 62}
}

// cell is team's cell of the grid period holding t.
func (h *hold) cell(t int64, team uint32) *teamCell {
	if t < h.curStart || t >= h.curEnd {
		start := PeriodStart(time.Unix(t, 0), h.by, h.loc)
		h.curStart, h.curEnd = start.Unix(), nextPeriod(start, h.by, h.loc).Unix()
		if h.cur = h.periods[h.curStart]; h.cur == nil {
			h.cur = &holdPeriod{}
			h.periods[h.curStart] = h.cur
		}
	}
	return h.cur.at(team)
}

func (p *holdPeriod) at(team uint32) *teamCell {
	if int(team) >= len(p.cells) {
		p.cells = append(p.cells, make([]teamCell, int(team)+1-len(p.cells))...)
	}
	return &p.cells[team]
}

// add counts row r in the summary, or holds it back (see hold).
func (c *counter) add(r *row, t int64, team uint32, pool []uint32, key uint32) {
	h := c.hold
	if h == nil {
		c.tally(r, t, team, pool, key)
		return
	}
	cl := h.cell(t, team)
	cl.n++
	cl.key += key
	h.first, h.last = min(h.first, t), max(h.last, t)
	if r.flags&flagSynthetic != 0 {
		h.synthetic++
	} else {
		h.real++
	}
	if cl.full {
		c.tally(r, t, team, pool, key)
		return
	}
	cl.rows = append(cl.rows, heldRow{*r, t, key, slices.Clone(pool)})
	h.rowsHeld++
	h.rowsHeldMost = max(h.rowsHeldMost, h.rowsHeld)
	if len(cl.rows) >= h.limit {
		// Never left out: counted now, and what comes after as it comes.
		cl.full = true
		for i := range cl.rows {
			x := &cl.rows[i]
			c.tally(&x.r, x.t, team, x.pool, x.key)
		}
		h.rowsHeld -= len(cl.rows)
		cl.rows = nil
	}
}

// beyond counts, for the decision alone, a row of the grid's span after
// the summary's own (hold.gridHi).
func (h *hold) beyond(r *row, t int64, team uint32, key uint32) {
	if t < h.hi || t >= h.gridHi {
		return
	}
	cl := h.cell(t, team)
	cl.n++
	cl.key += key
	h.first, h.last = min(h.first, t), max(h.last, t)
	if r.flags&flagSynthetic != 0 {
		h.gridSynthetic++
	} else {
		h.gridReal++
	}
}

// skipped notes a row of team skipped for its date.
func (h *hold) skipped(team uint32) {
	if h.skippedTeams == nil {
		h.skippedTeams = map[uint32]int{}
	}
	h.skippedTeams[team]++
}

// merge adds what o holds to h; o's rows number postcode districts in
// theirs, h's in mine.
func (h *hold) merge(o *hold, mine, theirs *districtTable) {
	for start, op := range o.periods {
		p := h.periods[start]
		if p == nil {
			p = &holdPeriod{}
			h.periods[start] = p
		}
		for team := range op.cells {
			oc := &op.cells[team]
			if oc.n == 0 && !oc.full && len(oc.rows) == 0 {
				continue
			}
			cl := p.at(uint32(team))
			cl.n += oc.n
			cl.key += oc.key
			cl.full = cl.full || oc.full
			for _, x := range oc.rows {
				k, _ := mine.number(theirs.list[x.r.district]) // both tables hold fewer than 65,536
				x.r.district = k
				cl.rows = append(cl.rows, x)
			}
		}
	}
	h.curStart, h.curEnd, h.cur = 1, 0, nil
	h.first, h.last = min(h.first, o.first), max(h.last, o.last)
	h.synthetic += o.synthetic
	h.real += o.real
	h.gridSynthetic += o.gridSynthetic
	h.gridReal += o.gridReal
	for team, n := range o.skippedTeams {
		if h.skippedTeams == nil {
			h.skippedTeams = map[uint32]int{}
		}
		h.skippedTeams[team] += n
	}
	h.rowsHeldMost = max(h.rowsHeldMost, h.rowsHeld+o.rowsHeld)
	h.rowsHeld += o.rowsHeld
}

// release counts the rows held back but those of the teams' periods left
// out (at; nil: none). It reports false, counting nothing, when it cannot
// give the counts a second pass without them would: when a period left
// out holds rows already counted (a team whose row a name with a
// patient's number withheld shares), or a team left out has rows skipped
// for their dates, which that pass would not name.
func (h *hold) release(c *counter, at leftOutAt) bool {
	if at != nil {
		for start, p := range h.periods {
			end := nextPeriod(time.Unix(start, 0).In(h.loc), h.by, h.loc).Unix()
			for team := range p.cells {
				if cl := &p.cells[team]; cl.full && overlaps(at[uint32(team)], start, end) {
					return false
				}
			}
		}
		for team, n := range h.skippedTeams {
			if n > 0 && len(at[team]) > 0 {
				return false
			}
		}
	}
	for _, p := range h.periods {
		for team := range p.cells {
			cl := &p.cells[team]
			for i := range cl.rows {
				x := &cl.rows[i]
				if !at.has(uint32(team), x.t) {
					c.tally(&x.r, x.t, uint32(team), x.pool, x.key)
				}
			}
			cl.rows = nil
		}
	}
	h.rowsHeld = 0
	return true
}

// overlaps reports whether any of spans meets [from, to).
func overlaps(spans [][2]int64, from, to int64) bool {
	for _, sp := range spans {
		if sp[0] < to && from < sp[1] {
			return true
		}
	}
	return false
}

// gridTeams is what rule 10 decides on: the periods of the publication
// grid, the rows of the team breakdown, and each row's counts.
type gridTeams struct {
	by      By
	loc     *time.Location
	periods []Period
	rows    []string            // the team breakdown's rows, in order
	named   []string            // those of them the span's assessments or --team name
	total   map[string]int      // each row's number assessed over the grid's span
	counts  map[string][]count  // each row's number assessed, and its key, in each period
	names   map[string][]string // the names the records give each row
}

// gridTeams lays out what c held as the summary by the grid's period
// (its periods, team rows and each team's counts) would have laid it
// out, for smallTeams.
//
// covered gives the first and last days the inputs cover from those of
// the first and last assessments read (Summary.coveredDays), as finish
// lays the periods out with disclosure control; nil lays them out from
// the first assessment to the last.
func (c *counter) gridTeams(o Options, names *facts.Names, covered func(dataFrom, dataTo time.Time) (time.Time, time.Time)) *gridTeams {
	h := c.hold
	g := &gridTeams{by: h.by, loc: c.loc, total: map[string]int{}, counts: map[string][]count{}, names: map[string][]string{}}
	// The periods, as finish lays them out.
	var from, to, dataFrom, dataTo time.Time
	// An end not asked for is that of the assessments read, to the
	// grid's end (see finish).
	readFrom, readTo, read := readSpan(c.dataFirst, c.dataLast, c.lo, h.gridHi, c.loc)
	switch {
	case !o.From.IsZero():
		from = dayStart(o.From, c.loc)
	case read:
		from = readFrom
	}
	switch {
	case !o.To.IsZero():
		to = dayStart(o.To, c.loc)
	case read:
		to = readTo
	}
	if c.dataFirst <= c.dataLast {
		dataFrom, dataTo = dayStart(time.Unix(c.dataFirst, 0), c.loc), dayStart(time.Unix(c.dataLast, 0), c.loc)
	}
	if read && o.To.IsZero() && o.ToCovered && covered != nil {
		_, last := covered(dataFrom, dataTo)
		to = coveredEnd(to, last, h.gridHi, c.loc)
	}
	if !from.IsZero() && !to.IsZero() && !dataFrom.IsZero() {
		if covered != nil {
			dataFrom, dataTo = covered(dataFrom, dataTo)
		}
		if dataFrom.After(from) {
			from = dataFrom
		}
		if dataTo.Before(to) {
			to = dataTo
		}
		if !from.After(to) {
			g.periods = periods(from, to, h.by, c.loc)
		}
	}
	starts := make([]*holdPeriod, len(g.periods))
	for i, p := range g.periods {
		starts[i] = h.periods[PeriodStart(p.Start, h.by, c.loc).Unix()]
	}
	// The rows, as build lays them out with disclosure control: the
	// teams asked for, or every team of a record read (or counted).
	for n := 1; n < names.Len(); n++ {
		name := names.Name(uint32(n))
		named := true
		switch {
		case len(o.Teams) > 0:
			if !slices.Contains(o.Teams, name) {
				continue
			}
		case n < len(c.met) && c.met[n]&metTeam != 0:
		case h.counted(uint32(n)):
			named = false
		default:
			continue
		}
		row := c.teamName(names, uint32(n))
		if named && !slices.Contains(g.named, row) {
			g.named = append(g.named, row)
		}
		if _, ok := g.counts[row]; !ok {
			g.rows = append(g.rows, row)
			g.counts[row] = make([]count, len(g.periods))
		}
		g.names[row] = append(g.names[row], name)
		per := g.counts[row]
		for i, p := range starts {
			if p != nil && n < len(p.cells) {
				per[i].n += int(p.cells[n].n)
				per[i].key += p.cells[n].key
			}
		}
		for _, p := range h.periods {
			if n < len(p.cells) {
				g.total[row] += int(p.cells[n].n)
			}
		}
	}
	slices.Sort(g.rows)
	slices.Sort(g.named)
	return g
}

// counted reports whether team has any assessment counted over the
// grid's span.
func (h *hold) counted(team uint32) bool {
	for _, p := range h.periods {
		if int(team) < len(p.cells) && p.cells[team].n > 0 {
			return true
		}
	}
	return false
}

// leftOutAt is out by the name number of each team of names, as the
// streamers read it: a team's records are left out by the spans of the
// name they give.
func (out teamsOut) at(names *facts.Names) leftOutAt {
	at := leftOutAt{}
	for n := 1; n < names.Len(); n++ {
		if spans, ok := out[names.Name(uint32(n))]; ok {
			at[uint32(n)] = spans
		}
	}
	return at
}

// mixedData refuses synthetic records summarised with real ones.
func mixedData(synthetic, real int) error {
	if synthetic > 0 && real > 0 {
		return fmt.Errorf("the inputs mix %s with %s; synthetic test data is never summarised with real assessments",
			plural(synthetic, "synthetic record", "synthetic records"), plural(real, "real one", "real ones"))
	}
	return nil
}
