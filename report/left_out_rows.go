package report

import (
	"slices"
	"time"
)

// Rows named by assessments that are counted somewhere (rule 6 with
// rule 10).
//
// With disclosure control a postcode district, a programme and a team
// have a row when an assessment names them, counted or not, so that a
// row never comes and goes with a small count. A team's assessments of a
// period of the publication grid (a month, or a week on a weekly grid) in
// which the team has too few to show are counted nowhere (rule 10): the
// rows they alone named were still laid out, all '*', so a summary with a
// one-patient team beside one without it gave that patient's postcode
// district and the programme offered them, and a one-patient team's own
// summary listed its patient's district as its only one. Such
// assessments now name no row: a summary with them and one without are
// the same but for the note naming the team.
//
// Which periods of a team are too few is known only once every record
// has been read, so what each team's period names is held back until it
// has that many assessments (as hold holds back its rows), and what is
// still held back at the end is never laid out. The decision reads the
// team's own count of the period, exactly, over every assessment read,
// whether or not its team is asked for with --team: a district named by
// another team's one patient is laid out in neither all teams' summary
// nor one naming the others.

// rowNamers holds, by the start of each grid period (Unix) and the name
// number of each team, what the team's assessments of the period name.
type rowNamers struct {
	by    By
	loc   *time.Location
	limit int // a team's period with this many assessments names its rows
	// periods are by the start of each grid period.
	periods map[int64][]namerCell
	// The period of the last record, which the next is most likely in.
	curStart, curEnd int64
}

// namerCell is a team's period: its assessments so far and, until there
// are limit of them (full), the rows they name.
type namerCell struct {
	n         int32
	full      bool
	team      bool     // an assessment first made inside the span names the team's row
	districts []uint16 // by the streamer's district number
	programs  []uint32 // by name number
}

func newRowNamers(by By, loc *time.Location, limit int) *rowNamers {
	return &rowNamers{by: gridPeriod(by), loc: loc, limit: limit, periods: map[int64][]namerCell{}, curStart: 1, curEnd: 0}
}

// cell is team's cell of the grid period holding t.
func (rn *rowNamers) cell(t int64, team uint32) *namerCell {
	if t < rn.curStart || t >= rn.curEnd {
		start := PeriodStart(time.Unix(t, 0), rn.by, rn.loc)
		rn.curStart, rn.curEnd = start.Unix(), nextPeriod(start, rn.by, rn.loc).Unix()
	}
	cells := rn.periods[rn.curStart]
	if int(team) >= len(cells) {
		cells = append(cells, make([]namerCell, int(team)+1-len(cells))...)
		rn.periods[rn.curStart] = cells
	}
	return &cells[team]
}

// nameRows counts an assessment first made at t by team, whose latest
// version is of district and names programs (pool entries); inSpan: first
// made inside the summary's span, where its team and district name rows.
func (c *counter) nameRows(t int64, team uint32, district uint16, pool []uint32, inSpan bool) {
	rn := c.layout
	var cl *namerCell
	if rn != nil {
		cl = rn.cell(t, team)
		cl.n++
	}
	if cl == nil || cl.full {
		if inSpan {
			c.meet(team, metTeamRow)
			c.meetDistrict(district)
		}
		for _, p := range pool {
			c.meet(p>>poolShift, metProgramme)
		}
		return
	}
	if inSpan {
		cl.team = true
		if !slices.Contains(cl.districts, district) {
			cl.districts = append(cl.districts, district)
		}
	}
	for _, p := range pool {
		if !slices.Contains(cl.programs, p>>poolShift) {
			cl.programs = append(cl.programs, p>>poolShift)
		}
	}
	if int(cl.n) >= rn.limit {
		c.release(cl, team)
	}
}

// nameProgramme notes programme prog, named by a version made at t by
// team: any version read, counted or not, amended or voided, names its
// programmes, so long as its team's period is not too few to show.
func (c *counter) nameProgramme(t int64, team, prog uint32) {
	rn := c.layout
	if rn == nil {
		c.meet(prog, metProgramme)
		return
	}
	cl := rn.cell(t, team)
	switch {
	case cl.full:
		c.meet(prog, metProgramme)
	case !slices.Contains(cl.programs, prog):
		cl.programs = append(cl.programs, prog)
	}
}

// release lays out the rows a team's period named, now it has enough
// assessments, and what it names from now on.
func (c *counter) release(cl *namerCell, team uint32) {
	cl.full = true
	if cl.team {
		c.meet(team, metTeamRow)
	}
	for _, d := range cl.districts {
		c.meetDistrict(d)
	}
	for _, p := range cl.programs {
		c.meet(p, metProgramme)
	}
	cl.districts, cl.programs = nil, nil
}

// mergeLayout adds what o's rowNamers hold to c's; o's districts are
// numbered in theirs, c's in mine.
func (c *counter) mergeLayout(o *counter, mine, theirs *districtTable) {
	if c.layout == nil || o.layout == nil {
		return
	}
	for start, ocells := range o.layout.periods {
		for team := range ocells {
			oc := &ocells[team]
			if oc.n == 0 && len(oc.programs) == 0 && !oc.full {
				continue
			}
			cells := c.layout.periods[start]
			if team >= len(cells) {
				cells = append(cells, make([]namerCell, team+1-len(cells))...)
				c.layout.periods[start] = cells
			}
			cl := &cells[team]
			cl.n += oc.n
			cl.team = cl.team || oc.team
			for _, d := range oc.districts {
				k, _ := mine.number(theirs.list[d]) // both tables hold fewer than 65,536
				if !slices.Contains(cl.districts, k) {
					cl.districts = append(cl.districts, k)
				}
			}
			for _, p := range oc.programs {
				if !slices.Contains(cl.programs, p) {
					cl.programs = append(cl.programs, p)
				}
			}
			// What o laid out is met already (merge); what either
			// held back is laid out once the two together have enough.
			if cl.full || oc.full || int(cl.n) >= c.layout.limit {
				c.release(cl, uint32(team))
			}
		}
	}
	c.layout.curStart, c.layout.curEnd = 1, 0
}
