package report

import (
	"fmt"
	"strings"
	"sync"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store/facts"
)

// An export row's bands are worked out from its answers by its instrument
// version's rules, so a band that does not follow from them was changed
// after the export was made: a spreadsheet's fill-down, an edit by hand.
// A store's facts are written with the record and checked with it (digicheck
// check), and are not banded again as a summary counts them; an export's
// rows are (Inputs.CheckBands), as they are read the first time.

// answersPool holds the answers rows are banded from, one per goroutine
// reading an export at a time.
var answersPool = sync.Pool{New: func() any { return questionnaire.Answers{} }}

// bandsContradict is a row whose bands are not those its answers give.
type bandsContradict struct {
	domain       questionnaire.Domain
	wrote, gives questionnaire.Band
	version      string
}

func (c *bandsContradict) Error() string {
	return fmt.Sprintf("%s band %s, but its answers give %s by instrument version %s", c.domain, c.wrote.Code(), c.gives.Code(), c.version)
}

// bandsFollow checks f's bands against those its answers give by ins, its
// instrument version, or by an earlier revision of that version's rules
// (a record saved before a change to them holds what they then gave).
// A void, a record with no result and one whose answers the export does
// not hold whole are not checked.
func bandsFollow(f *facts.Fact, ins *questionnaire.Instrument) error {
	if ins == nil || f.Status == record.EnteredInError || f.Primary == "" || f.Answers.Table == nil {
		return nil
	}
	a := answersPool.Get().(questionnaire.Answers)
	defer answersPool.Put(a)
	f.Answers.FillChoices(a)
	gives := ins.Score(a)
	if gives == f.Bands {
		return nil
	}
	for rev := ins.Earlier(); rev != nil; rev = rev.Earlier() {
		if rev.Score(a) == f.Bands {
			return nil
		}
	}
	for _, d := range questionnaire.Domains {
		if f.Bands.Get(d) != gives.Get(d) {
			return &bandsContradict{domain: d, wrote: f.Bands.Get(d), gives: gives.Get(d), version: ins.Version}
		}
	}
	return nil
}

// answersWhole reports, for each instrument version of vs, whether a CSV
// export with the columns col holds every answer its bands are worked out
// from: a column taken out (a spreadsheet's) leaves that version's rows
// unchecked, not refused.
func answersWhole(vs *versions, col map[string]int) map[string]bool {
	whole := map[string]bool{}
	for name, ins := range vs.ins {
		tab, err := facts.TableFor(ins)
		if err != nil {
			continue
		}
		ok := true
		for i := range tab.Len() {
			if _, there := col[columnName(tab.Item(i).LinkID)]; !there {
				ok = false
				break
			}
		}
		whole[name] = ok
	}
	return whole
}

// maxContradictNamed is how many rows whose bands do not follow from their
// answers a refusal names; it counts them all.
const maxContradictNamed = 10

// contradictions gathers an export's rows whose bands do not follow from
// their answers, as it is read the first time.
type contradictions struct {
	n     int
	named []string
}

// add notes a row, err naming it as FILE:LINE.
func (c *contradictions) add(err error) {
	c.n++
	if len(c.named) < maxContradictNamed {
		c.named = append(c.named, err.Error())
	}
}

// err refuses the export name when any row's bands did not follow.
func (c *contradictions) err(name string) error {
	if c.n == 0 {
		return nil
	}
	what := fmt.Sprintf("%d rows of %s have bands that are not those their answers give", c.n, name)
	if c.n == 1 {
		what = fmt.Sprintf("1 row of %s has bands that are not those its answers give", name)
	}
	list := strings.Join(c.named, "\n  ")
	if more := c.n - len(c.named); more > 0 {
		list += fmt.Sprintf("\n  and %d more", more)
	}
	return fmt.Errorf("%s: changed since it was exported (a spreadsheet's fill-down, an edit by hand?), so nothing of the file is counted: export it again, or put back the bands it was exported with:\n  %s", what, list)
}
