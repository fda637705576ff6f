package report

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
	"digicheck/store/facts"
)

// Summarise counts the inputs as the options say, in one pass over their
// facts, holding no more than the counts: a million assessments in a
// store take a fraction of a second and a few megabytes. With disclosure
// control, the teams' periods that rule 10 leaves out are decided as the
// pass ends, from the counts of each team's months (see hold).
//
// It can, because the links that say which record supersedes which are
// read first, from every input (a store keeps them; an export file's were
// found when it was added): a record named by a link is superseded and not counted,
// and an amendment is counted at the end, under the time and team of its
// assessment's first version, which by then has been met. A record read
// from more than one input is counted once, as first read.
func (in *Inputs) Summarise(o Options) (*Summary, error) {
	if o.Unreadable == nil {
		o.Unreadable = in.Unreadable
	}
	if o.Instruments == nil {
		o.Instruments = in.Instruments
	}
	if err := in.mixedIDs(); err != nil {
		return nil, err
	}
	if err := in.unmatchable(); err != nil {
		return nil, err
	}
	for range 5 {
		// Rule 10 is decided as the one pass ends (see hold).
		s, err := in.count(o)
		if s != nil && err == nil && o.Unreadable != nil {
			// What was left out for a record that cannot be read over
			// it is said, as the record is.
			ch, lerr := in.links()
			if lerr != nil {
				return nil, lerr
			}
			s.Unreadable, s.CurrentUnknown = len(o.Unreadable.List()), ch.currentUnknown(o.Unreadable)
		}
		if !errors.Is(err, errLinksChanged) {
			return s, err
		}
		// Links and facts disagree: a store amended while it was read,
		// or links that name records no store holds, which is damage,
		// said at once (read only now: it reads a page of records for
		// each link).
		for _, x := range in.list {
			if x.store != nil {
				if _, err := x.store.CheckFactLinks(); err != nil {
					return nil, err
				}
			}
		}
	}
	// Found on every reading: a store amended all the while, or one whose
	// links and facts disagree for good, which is damage.
	return nil, errors.New("the store's QI copy (what summary counts) disagreed with itself on each of 5 readings: assessments were amended or voided all the while it was read (summarise it again when fewer are being saved), or it is damaged (run digicheck check)")
}

// errLinksChanged: a record was amended or voided after the links were
// read, so the one pass may have counted it.
var errLinksChanged = errors.New("report: a record was superseded while the summary read")

// chains is the one index of supersession: which record supersedes which,
// from the links of every input.
type chains struct {
	prev map[uuid.UUID]uuid.UUID // a record -> the record it supersedes
	next map[uuid.UUID]bool      // the records superseded
	// also are the links of a record that another input holds on
	// another version: a record a settled conflict took in on one line
	// of versions on one machine and on another line on another (a void
	// kept over a server's void here, and resting on another machine's
	// amendment there). Each input's link supersedes: taken from the
	// input read first only, the version the other names stayed current
	// beside the record, and the count depended on the order of the
	// inputs.
	also [][2]uuid.UUID
}

// links collects the links of every input.
func (in *Inputs) links() (*chains, error) {
	c := &chains{prev: map[uuid.UUID]uuid.UUID{}, next: map[uuid.UUID]bool{}}
	add := func(a, b uuid.UUID) {
		if was, dup := c.prev[a]; !dup {
			c.prev[a] = b
			c.next[b] = true
		} else if was != b && !slices.Contains(c.also, [2]uuid.UUID{a, b}) {
			c.also = append(c.also, [2]uuid.UUID{a, b})
			c.next[b] = true
		}
	}
	for _, x := range in.list {
		if x.store != nil {
			links, err := x.store.FactLinks()
			if err != nil {
				return nil, err
			}
			if len(c.prev) == 0 {
				// Made at their size, not grown by doubling.
				c.prev, c.next = make(map[uuid.UUID]uuid.UUID, len(links)), make(map[uuid.UUID]bool, len(links))
			}
			aside, err := notCounted(x.store)
			if err != nil {
				return nil, err
			}
			for a, b := range links {
				if !aside[a] { // never counted: see each
					add(a, b)
				}
			}
			continue
		}
		for _, l := range x.links {
			add(l[0], l[1])
		}
	}
	return c, nil
}

// holds reports whether the inputs' links say a supersedes b, as the
// facts of a say.
func (c *chains) holds(a, b uuid.UUID) bool {
	return c.prev[a] == b || slices.Contains(c.also, [2]uuid.UUID{a, b})
}

// root is the first version of id's assessment that the inputs hold.
func (c *chains) root(id uuid.UUID) uuid.UUID {
	for range len(c.prev) {
		prev, ok := c.prev[id]
		if !ok {
			break
		}
		id = prev
	}
	return id
}

// idSet is a set of record ids, each with its kind, in id order: records
// come in id order, so a reader walks the set beside them, one comparison
// a record, instead of looking each up.
type idSet []idKind

type idKind struct {
	id   idKey
	kind uint32
}

// idKey is an id as two numbers that compare as the id's bytes do.
type idKey struct{ hi, lo uint64 }

func keyOf(id []byte) idKey {
	return idKey{binary.BigEndian.Uint64(id), binary.BigEndian.Uint64(id[8:])}
}

func (a idKey) cmp(b idKey) int {
	switch {
	case a.hi < b.hi || a.hi == b.hi && a.lo < b.lo:
		return -1
	case a == b:
		return 0
	}
	return 1
}

// Kinds of ids in a summary.
const (
	idSuperseded = 1 << 0 // named by a link: not counted
	idRoot       = 1 << 1 // the first version of an amended assessment
	idAmends     = 1 << 2 // supersedes another; the high bits number its root
	// idForked marks a current version (one no record supersedes) of an
	// assessment that has more than one: amended differently in two
	// copies of a store. Only one is counted (see settle).
	idForked = 1 << 3
	// rootShift is where the root's number starts in a kind.
	rootShift = 4
)

// kinds sets out the chains for counting: every record linked, with its
// kind and the number of its root, and each root's id by number.
func (c *chains) kinds() (idSet, []uuid.UUID) {
	m := make(map[uuid.UUID]uint32, 2*len(c.prev))
	rootNum := make(map[uuid.UUID]uint32, len(c.prev))
	for a, b := range c.prev {
		root := c.root(b)
		n, ok := rootNum[root]
		if !ok {
			n = uint32(len(rootNum))
			rootNum[root] = n
		}
		m[a] |= idAmends | n<<rootShift
		m[b] |= idSuperseded
	}
	for _, l := range c.also {
		m[l[1]] |= idSuperseded
	}
	rootIDs := make([]uuid.UUID, len(rootNum))
	for root, n := range rootNum {
		m[root] |= idRoot | n<<rootShift
		rootIDs[n] = root
	}
	// An assessment with two current versions was amended differently in
	// two copies of a store: each copy's amendment names the same record.
	heads := make([]int, len(rootNum))
	for a := range c.prev {
		if m[a]&idSuperseded == 0 {
			heads[m[a]>>rootShift]++
		}
	}
	for a := range c.prev {
		if m[a]&idSuperseded == 0 && heads[m[a]>>rootShift] > 1 {
			m[a] |= idForked
		}
	}
	ids := make(idSet, 0, len(m))
	for id, kind := range m {
		ids = append(ids, idKind{keyOf(id[:]), kind})
	}
	slices.SortFunc(ids, func(a, b idKind) int { return a.id.cmp(b.id) })
	return ids, rootIDs
}

// find returns the kind of id, if it is in the set.
func (s idSet) find(id []byte) (uint32, bool) {
	k := keyOf(id)
	i, ok := slices.BinarySearchFunc(s, k, func(e idKind, k idKey) int { return e.id.cmp(k) })
	if !ok {
		return 0, false
	}
	return s[i].kind, true
}

// walker finds ids of an idSet in a run of ids that mostly rise.
type walker struct {
	s    idSet
	pos  int
	last idKey
}

// kind returns the kind of id, if it is in the set.
func (w *walker) kind(id []byte) (uint32, bool) {
	k := keyOf(id)
	if k.cmp(w.last) < 0 || w.pos == 0 {
		// Out of order (or the first): search from scratch.
		w.pos, _ = slices.BinarySearchFunc(w.s, k, func(e idKind, k idKey) int { return e.id.cmp(k) })
	}
	w.last = k
	for w.pos < len(w.s) && w.s[w.pos].id.cmp(k) < 0 {
		w.pos++
	}
	if w.pos < len(w.s) && w.s[w.pos].id == k {
		return w.s[w.pos].kind, true
	}
	return 0, false
}

// chunk is a run of records' facts as an input hands them over: a
// store's (store.FactChunk) or an export's.
type chunk interface {
	Len() int
	At(i int) (id []byte, v facts.View, err error)
	Names() *facts.Names
	Unreadable(i int, err error) store.Unreadable
}

// each calls fn with every chunk of the input.
func (x *input) each(fn func(chunk) error) error {
	x.reads++
	if x.store != nil {
		// The versions a store set off their line on settling a
		// conflict with a server are kept there, never counted, nor
		// any of an assessment a server holds voided while this
		// store's version of it waits in conflict: as its exports
		// leave them out (notCounted).
		aside, err := notCounted(x.store)
		if err != nil {
			return err
		}
		return x.store.EachFactChunk(func(c store.FactChunk) error {
			if len(aside) == 0 {
				return fn(c)
			}
			return fn(without(c, aside))
		})
	}
	return x.read(fn)
}

// without is c less the records of ids.
func without(c chunk, ids map[uuid.UUID]bool) chunk {
	f := &filtered{chunk: c}
	for i := range c.Len() {
		if id, _, err := c.At(i); err == nil && ids[uuid.UUID(id)] {
			continue
		}
		f.keep = append(f.keep, i)
	}
	return f
}

// filtered is a chunk with some of its records left out.
type filtered struct {
	chunk
	keep []int
}

func (f *filtered) Len() int { return len(f.keep) }
func (f *filtered) At(i int) ([]byte, facts.View, error) {
	return f.chunk.At(f.keep[i])
}
func (f *filtered) Unreadable(i int, err error) store.Unreadable {
	return f.chunk.Unreadable(f.keep[i], err)
}

// count counts the inputs in one pass over their facts. With disclosure
// control and o.leftOut nil, it decides what rule 10 leaves out as the
// pass ends, as the summary by the grid's period counts it, and leaves
// that out (see hold); with o.leftOut, it leaves that out as it reads.
func (in *Inputs) count(o Options) (*Summary, error) {
	sc, dc, err := prepare(&o)
	if err != nil {
		return nil, err
	}
	// Rule 10 is decided on the publication grid's periods (months, or
	// weeks on a weekly grid), whatever --by is: decided by quarter, a
	// team with plenty in the quarter but one patient in its last month
	// was counted by quarter and left out by month, and the two releases
	// of the same span differed by that patient alone. A quarter or a
	// year leaves out what its months leave out. The grid's span may
	// run on past the summary's (a summary by quarter ends with the last
	// quarter ended, its months with the last month ended): those months
	// are counted for the decision alone.
	deciding := !o.Exact && o.leftOut == nil
	var gridHi int64
	var gridErr error
	if deciding {
		g := o
		g.By = gridPeriod(sc.by)
		gsc, _, err := prepare(&g)
		gridHi, gridErr = gsc.hi, err
	}
	newC := func(names int, vs *versions) *counter {
		c := newCounter(sc, names, vs)
		if deciding {
			c.hold = newHold(sc.by, sc.loc, dc, sc.hi, gridHi)
		}
		if !o.Exact {
			c.layout = newRowNamers(sc.by, sc.loc, hiddenBelow(dc.MaxSuppressed, dc.RoundTo))
		}
		return c
	}
	ch, err := in.links()
	if err != nil {
		return nil, err
	}
	ids, rootIDs := ch.kinds()
	roots := make([]when, len(rootIDs))

	// Names: one input's own table, or, for several, one table every
	// input's numbers are mapped into.
	var global *facts.Names
	one := len(in.list) == 1 && in.list[0].store != nil
	if !one {
		global = facts.NewNames()
	}
	var (
		names   *facts.Names // the table counts are numbered by
		teams   map[uint32]bool
		teamsAt int // names looked at for teams
		vs      = newVersions(o.Instruments)
		workers [2]*streamer
		dups    *dedupe
	)
	if len(o.Teams) > 0 {
		teams = map[uint32]bool{}
	}
	out := leftOutAt{}
	if !one {
		dups = &dedupe{seen: map[uuid.UUID]seenAt{}, seed: maphash.MakeSeed()}
	}
	for i := range workers {
		workers[i] = &streamer{sc: sc, districts: newDistrictTable(), roots: roots, bad: o.Unreadable, vs: vs, teams: teams, out: out, links: ch,
			// Each amendment waits to be counted (see count), about half
			// of them in each worker's share: room made once for about
			// that many, not grown by doubling.
			later: make([]pending, 0, len(ch.prev)/2+len(ch.prev)/8)}
	}
	s := &Summary{}
	for _, x := range in.list {
		src := x.src
		var remap []uint32
		for _, w := range workers {
			w.input, w.remap, w.skipped, w.cover = x, nil, 0, newCover()
		}
		err := x.each(func(c chunk) error {
			if one {
				names = c.Names()
			} else {
				// The input's new names, numbered in the one table.
				for n := len(remap); n < c.Names().Len(); n++ {
					remap = append(remap, global.Intern(c.Names().Name(uint32(n))))
				}
				names = global
			}
			if err := vs.resolve(names); err != nil {
				return err
			}
			for ; teamsAt < names.Len(); teamsAt++ {
				if teams != nil && slices.Contains(o.Teams, names.Name(uint32(teamsAt))) {
					teams[uint32(teamsAt)] = true
				}
				if spans, ok := o.leftOut[names.Name(uint32(teamsAt))]; ok {
					out[uint32(teamsAt)] = spans
				}
			}
			var dup []bool
			if dups != nil {
				dup = dups.mark(c, x)
			}
			for _, w := range workers {
				if w.c == nil {
					w.c = newC(names.Len(), vs)
				}
				w.c.ensure(names.Len())
				w.c.ensureGroups(vs)
				w.remap, w.names = remap, names
			}
			n := c.Len()
			src.Records += n
			// Count, in two halves at once.
			half := n / 2
			done := make(chan error)
			go func() { done <- workers[1].count(c, ids, dup, half, n) }()
			err0 := workers[0].count(c, ids, dup, 0, half)
			if err1 := <-done; err0 == nil {
				err0 = err1
			}
			return err0
		})
		if err != nil {
			return nil, err
		}
		cv := newCover()
		cv.written = x.written
		if sp, ok := in.spans[src.Name]; ok && x.export {
			// What the export covers, as its end mark says: never its
			// file's time, which a copy or a pipe changes.
			cv.written, cv.cut, cv.from = sp.To, sp.Cut(), sp.From
		} else if x.export && src.Kind != InputSalvage && !slices.Contains(s.Unspanned, src.Name) {
			// A file check --salvage wrote has no span (it is no
			// export, and says it is from a damaged store): judged
			// from its file's time, as before.
			s.Unspanned = append(s.Unspanned, src.Name)
			if s.unspanned == nil {
				s.unspanned = map[string]time.Time{}
			}
			s.unspanned[src.Name] = x.written
		}
		for _, w := range workers {
			src.Records -= w.skipped // read only if readable
			cv.merge(w.cover)
		}
		s.Sources = append(s.Sources, src)
		s.covers = append(s.covers, cv)
		if x.store != nil && x.store.DamageFound() != "" {
			s.Damaged = append(s.Damaged, src.Name)
		}
	}
	if names == nil { // no records at all
		names = facts.NewNames()
		if global != nil {
			names = global
		}
		for _, w := range workers {
			w.c = newC(names.Len(), vs)
		}
	}
	s.Forks = settle(workers[:], rootIDs)
	c, districts := workers[0].c, &workers[0].districts
	c.merge(workers[1].c, districts, &workers[1].districts)
	if dups != nil {
		s.Duplicates, s.Conflicts, s.conflictsNamed = dups.duplicates, dups.conflicts, dups.named
	}
	// A team asked for that no record names is a misspelling far more
	// often than a team with no assessments: zeros for it would read as
	// "none assessed".
	for _, t := range o.Teams {
		found := false
		for n := range teams {
			found = found || names.Name(n) == t
		}
		if !found {
			var known []string
			for n, what := range c.met {
				if what&metRead != 0 && n < names.Len() {
					known = append(known, shownName(c.teamName(names, uint32(n))))
				}
			}
			return nil, unknownTeam(t, known)
		}
	}
	s.TeamsAlikeNotAsked = alikeNotAsked(o.Teams, c, names)
	least := 1
	if !o.Exact {
		least = hiddenBelow(dc.MaxSuppressed, dc.RoundTo)
	}
	s.TeamsNotAsked = notAsked(o.Teams, c, names, least)
	var (
		leftOut teamsOut
		grid    *gridTeams
	)
	// Every team of a latest, not voided, version, of any time, is named
	// when it is too few over the span, none included (see leaveOut); but
	// not a team named only by a void or a version an amendment replaced,
	// which is never published, nor the assessments saved with no team,
	// which rule 10 does not leave out; and a team whose records of the
	// span are all skipped for their dates (a clock run ahead on each) is
	// named nowhere, as its records are not.
	if len(o.Teams) == 0 && !o.Exact {
		for n, what := range c.met {
			if _, skipped := c.skipped.teams[uint32(n)]; skipped && what&metTeam == 0 {
				continue
			}
			if what&metLatest != 0 && n < names.Len() && names.Name(uint32(n)) != "" {
				if name := c.teamName(names, uint32(n)); !slices.Contains(s.knownTeams, name) {
					s.knownTeams = append(s.knownTeams, name)
				}
			}
		}
	}
	if h := c.hold; h != nil {
		// Refused as the passes that counted the summary and its grid
		// apart refused it.
		if err := mixedData(h.synthetic, h.real); err != nil {
			return s, err
		}
		if gridErr != nil {
			return s, gridErr
		}
		if h.by != sc.by {
			if err := mixedData(h.synthetic+h.gridSynthetic, h.real+h.gridReal); err != nil {
				return s, err
			}
		}
		var covered func(dataFrom, dataTo time.Time) (time.Time, time.Time)
		if !o.Exact {
			covered = func(dataFrom, dataTo time.Time) (time.Time, time.Time) {
				at, _ := s.readTime(o, time.Now())
				return s.coveredDays(dataFrom, dataTo, at, c.loc)
			}
		}
		grid = c.gridTeams(o, names, covered)
		var counted bool
		leftOut, counted = grid.smallTeams(dc)
		var at leftOutAt
		if counted {
			at = leftOut.at(names)
		}
		if !h.release(c, at) {
			// What was counted cannot be taken back: counted again
			// without it.
			o.leftOut = leftOut
			s, err := in.count(o)
			if s != nil && err == nil {
				s.leaveOut(leftOut, grid.by, grid.periods, grid.named)
			}
			return s, err
		}
		c.hold = nil
	}
	err = s.finish(c, o, dc, names, districts.list, vs)
	if err == nil {
		s.describeSpans()
		for _, u := range in.unmarked {
			s.Unchecked = append(s.Unchecked, u.name)
		}
		s.RowsUnchecked = slices.Clone(in.rowsUnchecked)
		for _, x := range in.list {
			if x.unkeyed > 0 && !slices.Contains(s.Unkeyed, x.src.Name) {
				s.Unkeyed = append(s.Unkeyed, x.src.Name)
			}
		}
		if grid != nil {
			s.leaveOut(leftOut, grid.by, grid.periods, grid.named)
		}
	}
	return s, err
}

// unknownTeam refuses a --team that no record in the inputs names, and
// lists the teams they do name (as due --team does), the nearest first
// when one differs from it only in capitals and spaces: a refusal that
// named none left the user guessing at the spelling.
// alikeNotAsked is the teams of records read, as a row names them, that
// print as one of those asked for (questionnaire.LookAlike) but are not
// one of them (Summary.TeamsAlikeNotAsked); nil when none is asked for.
func alikeNotAsked(asked []string, c *counter, names *facts.Names) []string {
	if len(asked) == 0 {
		return nil
	}
	looks := map[string]bool{}
	for _, t := range asked {
		looks[questionnaire.LookAlike(shownName(t))] = true
	}
	var out []string
	for n, what := range c.met {
		if what&metRead == 0 || n >= names.Len() || slices.Contains(asked, names.Name(uint32(n))) {
			continue
		}
		if name := c.teamName(names, uint32(n)); looks[questionnaire.LookAlike(shownName(name))] && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// countNotAsked counts an assessment in the span, made at t, of team, a
// team not asked for (counter.notAsked).
func (c *counter) countNotAsked(team uint32, t int64) {
	if c.notAsked == nil {
		c.notAsked = map[uint32]map[int64]int{}
	}
	per := c.notAsked[team]
	if per == nil {
		per = map[int64]int{}
		c.notAsked[team] = per
	}
	per[PeriodStart(time.Unix(t, 0), gridPeriod(c.by), c.loc).Unix()]++
}

// notAsked is the teams, as a row names them, of assessments in the span
// that are not asked for and that a summary of all teams would count
// (Summary.TeamsNotAsked): as rule 10 decides, those with at least least
// assessments over the grid's periods that have least or more each (1
// with exact counts). A team rule 10 leaves out is in neither summary,
// and naming it would tell a summary with its few records from one
// without. nil when none is asked for, and for a team's own summary (one
// team asked for) beside more than one other, which docs/disclosure.md
// says to publish beside all teams: one team's own summary is "all teams
// but one" only where the inputs hold two. c's counts are those of every
// worker, merged (counter.merge): one worker's alone held about half of
// each team's, so a team counted with 10 to about 24 assessments was not
// named.
func notAsked(asked []string, c *counter, names *facts.Names, least int) []string {
	if len(asked) == 0 {
		return nil
	}
	var out []string
	for n, per := range c.notAsked {
		if int(n) >= names.Len() || slices.Contains(asked, names.Name(n)) {
			continue
		}
		kept := 0
		for _, k := range per {
			if k >= least {
				kept += k
			}
		}
		if kept < least {
			continue
		}
		if name := c.teamName(names, n); !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	if len(asked) == 1 && len(out) > 1 {
		return nil
	}
	slices.Sort(out)
	return out
}

func unknownTeam(team string, known []string) error {
	slices.Sort(known)
	known = slices.Compact(known)
	msg := fmt.Sprintf("no record in the inputs was made by team %s (teams are matched exactly, capitals and spaces too).", questionnaire.Quote(team))
	fold := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	for _, k := range known {
		if fold(k) == fold(team) {
			msg += fmt.Sprintf(` Did you mean "%s"?`, k)
			break
		}
	}
	const most = 30
	switch {
	case len(known) == 0:
		return errors.New(msg + " The inputs name no team.")
	case len(known) > most:
		return fmt.Errorf("%s The teams are: %s, and %d more.", msg, strings.Join(known[:most], ", "), len(known)-most)
	}
	return fmt.Errorf("%s The teams are: %s.", msg, strings.Join(known, ", "))
}

// dedupe finds the records read more than once, from several inputs or
// twice in one, so that each is counted as first read.
type dedupe struct {
	seen                  map[uuid.UUID]seenAt
	seed                  maphash.Seed
	duplicates, conflicts int
	// inputs are the inputs met, by seenAt.input; named, the first
	// maxConflictsNamed records that differ, where each was read.
	inputs []*input
	named  []ConflictNamed
}

// seenAt is a record as first read: the sum of its facts, and where.
type seenAt struct {
	sum   uint64
	input int32 // in dedupe.inputs
	line  int32 // of an export; 0 for a store
}

// ConflictNamed is a record read twice with different contents: where it
// was first read (and counted), and where again.
type ConflictNamed struct {
	ID            uuid.UUID
	Counted, Also string
}

// maxConflictsNamed is how many records that differ between the inputs
// a summary names; it counts them all.
const maxConflictsNamed = 10

// mark says which records of c, a chunk of input x, were read before.
func (d *dedupe) mark(c chunk, x *input) []bool {
	if len(d.inputs) == 0 || d.inputs[len(d.inputs)-1] != x {
		d.inputs = append(d.inputs, x)
	}
	in := int32(len(d.inputs) - 1)
	var lines []int32
	if m, ok := c.(*memFacts); ok {
		lines = m.lines
	}
	dup := make([]bool, c.Len())
	for i := range c.Len() {
		id, v, err := c.At(i)
		if err != nil {
			continue // the counters say why
		}
		sum := d.sum(v, c.Names())
		key := uuid.UUID(id)
		line := int32(0)
		if i < len(lines) {
			line = lines[i]
		}
		if first, ok := d.seen[key]; ok {
			dup[i] = true
			d.duplicates++
			if first.sum != sum {
				d.conflicts++
				if len(d.named) < maxConflictsNamed {
					d.named = append(d.named, ConflictNamed{ID: key, Counted: d.inputs[first.input].at(first.line), Also: x.at(line)})
				}
			}
			continue
		}
		d.seen[key] = seenAt{sum, in, line}
	}
	return dup
}

// at names where in the input a record was read: FILE:LINE of an
// export, or the store.
func (x *input) at(line int32) string {
	if line > 0 {
		return fmt.Sprintf("%s:%d", x.src.Name, line)
	}
	return x.src.Name
}

// sum is a hash of a record's facts with its names spelt out, so the same
// facts from inputs that number names differently sum the same. The
// referrals and the outcomes are summed as sets: a CSV export lists them
// by answer (referrals_agreed, ...), so a record read back from it holds
// them in another order than the same record from its store or NDJSON.
func (d *dedupe) sum(v facts.View, names *facts.Names) uint64 {
	var h maphash.Hash
	h.SetSeed(d.seed)
	h.Write(v[:48])
	for _, n := range [...]uint32{v.Team(), v.InstrumentVersion(), v.DirectoryVersion(), v.Language(), v.Patient()} {
		h.WriteString(names.Name(n))
		h.WriteByte(0)
	}
	h.Write(v[68:facts.HeaderLen])
	var entries [2]uint64 // referrals, outcomes: each a sum of its entries' hashes
	for i := range v.NumReferrals() + v.NumOutcomes() {
		prog, code := v.RawEntry(i)
		var e maphash.Hash
		e.SetSeed(d.seed)
		e.WriteString(names.Name(prog))
		e.WriteByte(byte(code))
		k := 0
		if i >= v.NumReferrals() {
			k = 1
		}
		entries[k] += e.Sum64()
	}
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], entries[0])
	binary.LittleEndian.PutUint64(b[8:], entries[1])
	h.Write(b[:])
	rest := v[facts.HeaderLen+4*(v.NumReferrals()+v.NumOutcomes()):]
	h.Write(rest)
	return h.Sum64()
}

// when is when, and by which team, a first version was made, and where it
// was read.
type when struct {
	time  int64
	team  uint32
	seen  bool
	id    uuid.UUID
	input *input
	line  int32
	key   uint32 // the record key: the one its export carries, else recordKey(id)
}

// streamer counts its share of each chunk.
type streamer struct {
	sc        scope
	c         *counter
	teams     map[uint32]bool
	out       leftOutAt // teams left out, over the span or some periods (teamsOut)
	districts districtTable
	roots     []when       // by root number; each written by the one record it is
	bad       *Unreadables // facts left out, or nil to fail on them
	vs        *versions
	// The input being read, its names' numbers in the table counted by
	// (nil: the same), and how many of its records this one left out.
	input   *input
	remap   []uint32
	names   *facts.Names
	skipped int
	r       row
	pool    [2 * 255]uint32
	// Amendments met before their first version, and follow-ups of
	// assessments amended or voided, counted at the end (settle); and the
	// voids that are current versions.
	later []pending
	voids []head
	links *chains // the inputs' links, which the facts must agree with
	// squeezed is, by the name number of a team met, its name in upper
	// case without spaces or dashes, or nil when it has no digit: only
	// such a team can hold its record's patient's identifier, and one
	// that does holds the identifier as kept (see withhold).
	squeezed [][]byte
	seen     []bool
	// cover is the span and teams of the input being read.
	cover cover
}

// withhold notes, when the team of v (its name number, team) holds v's
// patient's own identifier (record.PatientIDSpans: "RX12345" typed as the
// team, kept before the team box refused it), the team's name with it
// withheld, for the team's row to be named by (counter.withheld): the
// summary is safe to share, and its rows never name a patient. A team
// is looked at closely only when its name, squeezed, holds the
// identifier as kept, which costs a record no allocation.
func (w *streamer) withhold(team uint32, v facts.View) {
	for int(team) >= len(w.seen) {
		more := int(team) + 1 - len(w.seen) + 64
		w.seen = append(w.seen, make([]bool, more)...)
		w.squeezed = append(w.squeezed, make([][]byte, more)...)
	}
	if !w.seen[team] {
		w.seen[team] = true
		if name := w.names.Name(team); strings.ContainsAny(name, "0123456789") {
			w.squeezed[team] = []byte(strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(name)))
		}
	}
	id := v.PatientValue()
	if w.squeezed[team] == nil || len(id) == 0 || !bytes.Contains(w.squeezed[team], id) && bytes.IndexByte(id, '-') < 0 {
		return
	}
	if _, ok := w.c.withheld[team]; ok {
		return
	}
	name := w.names.Name(team)
	p := record.PatientID{Value: string(id)}
	if record.HoldsPatientID(name, p) {
		if w.c.withheld == nil {
			w.c.withheld = map[uint32]string{}
		}
		w.c.withheld[team] = record.WithoutPatientID(record.WithoutPatientNumbers(name), p)
	}
}

// name is the number of an input's name n in the table counted by.
func (w *streamer) name(n uint32) uint32 {
	if w.remap == nil {
		return n
	}
	return w.remap[n]
}

// skip leaves out the i'th record of c, or says why the summary cannot.
func (w *streamer) skip(c chunk, i int, err error) error {
	if w.bad == nil {
		return err
	}
	w.bad.Add(c.Unreadable(i, err))
	w.skipped++
	return nil
}

// count counts records from to to of the chunk, leaving out those marked
// in dup. An amendment is set aside to count at the end, when the first
// version of its assessment, which it is counted under, has surely been
// met.
func (w *streamer) count(c chunk, ids idSet, dup []bool, from, to int) error {
	walk := walker{s: ids}
	var lines []int32
	var keys []int64
	if m, ok := c.(*memFacts); ok {
		lines, keys = m.lines, m.keys
	}
	for i := from; i < to; i++ {
		id, v, err := c.At(i)
		if err != nil {
			if err := w.skip(c, i, err); err != nil {
				return err
			}
			continue
		}
		if t := v.Time(); w.sc.plausible(t) && !(v.HasLinks() && v.Amends() != uuid.Nil) {
			// The input's span, read twice or not (see cover).
			w.cover.add(t, w.name(v.Team()))
		}
		if dup != nil && dup[i] {
			continue
		}
		line := int32(0)
		if lines != nil {
			line = lines[i]
		}
		// A pseudonymised export names the record by a pseudonymous id
		// and carries the key of its id in the store, so that it is
		// rounded as the store and every other export round it.
		rk := recordKey(uuid.UUID(id))
		if i < len(keys) && keys[i] >= 0 {
			rk = uint32(keys[i])
		}
		team := w.name(v.Team())
		w.withhold(team, v)
		kind, linked := walk.kind(id)
		if linked && kind&idRoot != 0 {
			w.roots[kind>>rootShift] = when{v.Time(), team, true, uuid.UUID(id), w.input, line, rk}
		}
		amends := v.HasLinks() && v.Amends() != uuid.Nil
		if amends && (!linked || kind&idAmends == 0 || !w.links.holds(uuid.UUID(id), v.Amends())) {
			// Facts and links disagree: read while amended, or
			// damaged (a link's value flipped names no record, and
			// the version it replaced would be counted beside it).
			return errLinksChanged
		}
		if !amends {
			w.c.seen(v.Time(), id, w.input, line)
		}
		if v.Synthetic() {
			w.c.readSynthetic = true
		} else {
			w.c.readReal = true
		}
		// The programmes of every record read, counted or not, are
		// laid out (see counter.met), but a record of a team's period
		// rule 10 leaves out names none (see rowNamers); the team and
		// district of a latest, not voided, version in the span (see
		// add).
		w.c.meet(team, metRead)
		for j := range v.NumReferrals() + v.NumOutcomes() {
			prog, _ := v.RawEntry(j)
			w.c.nameProgramme(v.Time(), team, w.name(prog))
		}
		if pc := v.Postcode(); !pc.IsZero() {
			if _, err := w.districts.number(pc); err != nil {
				return err
			}
		}
		if kind&idSuperseded != 0 {
			continue
		}
		if v.StatusCode() == statusVoid {
			// A void as the current version: its assessment is not
			// counted, nor the change at any follow-up of it; and where
			// the assessment has another current version, whichever was
			// made later stands (see settle).
			if linked && kind&idAmends != 0 {
				w.voids = append(w.voids, head{root: kind >> rootShift, forked: kind&idForked != 0,
					own: when{v.Time(), team, true, uuid.UUID(id), w.input, line, rk}})
			}
			continue
		}
		vk, ver, err := w.vs.of(v, w.name(v.InstrumentVersion()), w.names)
		if err != nil {
			if err := w.skip(c, i, fmt.Errorf("record %s cannot be counted: %w", uuid.UUID(id), err)); err != nil {
				return err
			}
			continue
		}
		if err := fillRow(&w.r, v, &w.districts, vk, ver); err != nil {
			return err
		}
		k := int(w.r.nrefs) + int(w.r.nouts)
		for j := range k {
			prog, code := v.RawEntry(j)
			w.pool[j] = w.name(prog)<<poolShift | code
		}
		own := when{v.Time(), team, true, uuid.UUID(id), w.input, line, rk}
		// A follow-up of an assessment that was amended or voided waits
		// too: if that assessment turns out to be entered in error (the
		// wrong patient), the change since it means nothing.
		follows := int64(-1)
		if f := v.FollowsUp(); v.HasLinks() && f != uuid.Nil {
			if fk, ok := ids.find(f[:]); ok {
				follows = int64(fk >> rootShift)
			}
		}
		if kind&idAmends != 0 || follows >= 0 {
			p := pending{r: w.r, own: own, root: -1, follows: follows, pool: append([]uint32(nil), w.pool[:k]...)}
			if kind&idAmends != 0 {
				p.root, p.forked = int64(kind>>rootShift), kind&idForked != 0
			}
			w.later = append(w.later, p)
			continue
		}
		w.add(&w.r, own, w.pool[:k])
	}
	return nil
}

// add counts a record whose assessment was first made as first says,
// unless it is out of scope or its time is implausible, when it is skipped
// and named.
// counts reports whether an assessment first made at first is counted in
// the summary (given a version to count): the conditions of add under
// which it reaches the count.
func (w *streamer) counts(first when) bool {
	if w.teams != nil && !w.teams[first.team] {
		return false
	}
	if w.out.has(first.team, first.time) || !w.sc.plausible(first.time) {
		return false
	}
	return first.time >= w.sc.lo && first.time < w.sc.hi
}

func (w *streamer) add(r *row, first when, pool []uint32) {
	// Its team and district are laid out whether or not it is counted
	// (another team's): rows do not come and go with a small count
	// (docs/disclosure.md, rule 6); but not by an assessment of a team's
	// period that rule 10 leaves out, which is counted nowhere (see
	// rowNamers).
	if w.sc.plausible(first.time) {
		w.c.meet(first.team, metLatest)
		inSpan := first.time >= w.sc.lo && first.time < w.sc.hi
		if inSpan {
			w.c.meet(first.team, metTeam)
			if w.teams != nil && !w.teams[first.team] {
				w.c.countNotAsked(first.team, first.time)
			}
		}
		w.c.nameRows(first.time, first.team, r.district, pool, inSpan)
	}
	if w.teams != nil && !w.teams[first.team] {
		return
	}
	if w.out.has(first.team, first.time) {
		if !w.sc.plausible(first.time) {
			w.c.skippedOut++
		}
		return
	}
	if !w.sc.plausible(first.time) {
		w.c.skipped.add(Skipped{ID: first.id, Time: first.time, Where: first.where(), team: first.team})
		if w.c.hold != nil {
			w.c.hold.skipped(first.team)
		}
		return
	}
	if first.time < w.sc.lo || first.time >= w.sc.hi {
		if w.c.hold != nil && first.time >= w.sc.lo {
			w.c.hold.beyond(r, first.time, first.team, first.key)
		}
		return
	}
	w.c.add(r, first.time, first.team, pool, first.key)
}

// where names where a record was read: FILE:LINE in an export, or the
// store and the record's id.
func (f when) where() string {
	if f.line > 0 {
		return fmt.Sprintf("%s:%d", f.input.src.Name, f.line)
	}
	return fmt.Sprintf("%s %s, record %s", f.input.src.Kind, f.input.src.Name, f.id)
}

// settle counts what was set aside until every record had been read: the
// amendments (met, perhaps, before their first versions) and the
// follow-ups of assessments that were amended or voided.
//
// An assessment amended differently in two copies of a store has two
// current versions (or more); it is counted once, as the one made later
// (the greater id when made at the same second), or not at all when that
// one is a void. Each such assessment is returned, to be named.
//
// A follow-up of an assessment whose current version is entered in error
// (a baseline recorded against the wrong patient) is counted without its
// change since that assessment and without the outcomes of that
// assessment's referrals: they compare two patients.
//
// An amendment whose first version is not in the inputs stands for
// itself.
func settle(workers []*streamer, rootIDs []uuid.UUID) []Fork {
	voided := make([]bool, len(rootIDs))
	type ref struct {
		h    head
		void bool
		w, i int
	}
	contest := map[int64][]ref{}
	for wi, w := range workers {
		for _, v := range w.voids {
			if v.forked {
				contest[int64(v.root)] = append(contest[int64(v.root)], ref{v, true, wi, -1})
			} else {
				voided[v.root] = true
			}
		}
		for i, p := range w.later {
			if p.forked {
				contest[p.root] = append(contest[p.root], ref{head{root: uint32(p.root), own: p.own}, false, wi, i})
			}
		}
	}
	drop := map[[2]int]bool{}
	var forks []Fork
	for root, refs := range contest {
		slices.SortFunc(refs, func(a, b ref) int {
			if c := cmp.Compare(a.h.own.time, b.h.own.time); c != 0 {
				return c
			}
			return slices.Compare(a.h.own.id[:], b.h.own.id[:])
		})
		// A void in any input voids the assessment: a void is undone
		// only on purpose (--undo-void), and an amendment made where
		// the void was not yet known is of the same wrong patient. Of
		// the voids, the one made last is named; else the version made
		// last is counted.
		win := refs[len(refs)-1]
		for _, r := range refs {
			if r.void {
				win = r
			}
		}
		f := Fork{Assessment: rootIDs[root], Counted: win.h.own.id, Void: win.void}
		// Inputs that keep the same time for the last two (exports that
		// keep only the day or the minute) cannot tell which was made
		// last: the order of their pseudonymous ids is no order of making.
		f.Untold = !win.void && slices.ContainsFunc(refs, func(r ref) bool { return r.h.own.id != win.h.own.id && r.h.own.time == win.h.own.time })
		for _, r := range refs {
			f.Versions = append(f.Versions, ForkVersion{ID: r.h.own.id, Where: r.h.own.where(), Void: r.void})
			if r.i >= 0 && r != win {
				drop[[2]int{r.w, r.i}] = true
			}
		}
		if win.void {
			voided[root] = true
		}
		// Whether the summary speaks of it is whether its assessment
		// falls where it would be counted: a span that does not hold it
		// says nothing of it (standard error still names it).
		first := win.h.own
		if r := workers[win.w].roots; int(root) < len(r) && r[root].seen {
			first = r[root]
		}
		f.inSpan = workers[win.w].counts(first)
		forks = append(forks, f)
	}
	slices.SortFunc(forks, func(a, b Fork) int { return slices.Compare(a.Assessment[:], b.Assessment[:]) })
	for wi, w := range workers {
		for i := range w.later {
			p := &w.later[i]
			if drop[[2]int{wi, i}] || p.forked && voided[p.root] {
				continue
			}
			if p.follows >= 0 && voided[p.follows] {
				p.r.change, p.r.flags = 0, p.r.flags&^flagPrimaryChanged
				p.r.nouts, p.pool = 0, p.pool[:p.r.nrefs]
			}
			first := p.own
			if p.root >= 0 {
				if root := w.roots[p.root]; root.seen {
					first = root
				}
			}
			w.add(&p.r, first, p.pool)
		}
	}
	return forks
}

// pending is a record set aside to count at the end: root is the number of
// the assessment it amends (-1: none), follows of the one it follows up, if
// that one was amended or voided (-1: none), and forked whether its
// assessment has another current version.
type pending struct {
	r       row
	own     when
	root    int64
	follows int64
	forked  bool
	pool    []uint32
}

// head is a current version that is a void.
type head struct {
	root   uint32
	forked bool
	own    when
}

// Fork is an assessment with more than one current version: amended
// differently in two copies of a store, or amended in one and voided in
// the other. It is counted once, as Counted, the version made last; not at
// all if that is a void.
type Fork struct {
	Assessment uuid.UUID // the id of its first version
	Counted    uuid.UUID
	Void       bool // Counted is a void: the assessment is not counted
	// Untold says the inputs give the last two versions the same time, so
	// which was made last cannot be told from them: Counted is one of
	// them, chosen by id.
	Untold   bool
	Versions []ForkVersion
	// inSpan is whether its assessment falls in the span (and teams) the
	// summary counts: only those are spoken of in the output (ForkNote).
	inSpan bool
}

// ForkVersion is one current version of a Fork and where it was read.
type ForkVersion struct {
	ID    uuid.UUID
	Where string
	Void  bool
}
