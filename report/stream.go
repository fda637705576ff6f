package report

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/google/uuid"

	"digicheck/facts"
	"digicheck/store"
)

// SummariseStore summarises one store. It counts the store's facts as they
// are read, in one pass, holding no more than the counts: a million
// assessments take a fraction of a second and a few megabytes. It can,
// because the store says up front which records supersede which
// (store.FactLinks): a record named by a link is superseded and not
// counted, and the first version of an amended assessment, whose time and
// team it is counted under, is met before its amendments (ids are in time
// order). Where the store cannot say (its facts are not yet complete), or
// an amendment is saved while it reads, it counts as Dataset does.
//
// It counts exactly what Dataset.Summarise counts for the same records; a
// test holds the two to that.
func SummariseStore(st *store.Store, o Options) (*Summary, error) {
	for range 3 {
		s, err := streamSummary(st, o)
		if !errors.Is(err, errLinksChanged) {
			return s, err
		}
	}
	// Amended three times while being read: read it whole instead.
	d := NewDataset()
	d.Unreadable, d.Instruments = o.Unreadable, o.Instruments
	if err := d.AddStore(st); err != nil {
		return nil, err
	}
	return d.Summarise(o)
}

// errLinksChanged: a record was amended or voided after the links were
// read, so the one pass may have counted it.
var errLinksChanged = errors.New("report: a record was superseded while the summary read")

// idSet is a set of record ids, each with a kind, built in a map and then
// sorted: records come in id order, so a reader walks the sorted ids beside
// them, one comparison a record, instead of looking each up.
type idSet struct {
	m     map[uuid.UUID]uint32
	ids   []idKey // sorted
	kinds []uint32
}

// idKey is an id as two numbers that compare as the id's bytes do.
type idKey struct{ hi, lo uint64 }

func keyOf(id []byte) idKey {
	return idKey{binary.BigEndian.Uint64(id), binary.BigEndian.Uint64(id[8:])}
}

func (a idKey) less(b idKey) bool { return a.hi < b.hi || a.hi == b.hi && a.lo < b.lo }

func (s *idSet) get(id *uuid.UUID) (uint32, bool) {
	v, ok := s.m[*id]
	return v, ok
}

func (s *idSet) put(id uuid.UUID, v uint32) { s.m[id] = v }

// seal sorts the set for walking.
func (s *idSet) seal() {
	s.ids, s.kinds = s.ids[:0], s.kinds[:0]
	for id := range s.m {
		s.ids = append(s.ids, keyOf(id[:]))
	}
	slices.SortFunc(s.ids, func(a, b idKey) int {
		switch {
		case a.less(b):
			return -1
		case b.less(a):
			return 1
		}
		return 0
	})
	for _, k := range s.ids {
		var id uuid.UUID
		binary.BigEndian.PutUint64(id[:], k.hi)
		binary.BigEndian.PutUint64(id[8:], k.lo)
		s.kinds = append(s.kinds, s.m[id])
	}
}

// walker finds ids of an idSet in a run of ids that mostly rise.
type walker struct {
	s    *idSet
	pos  int
	last idKey
}

// kind returns the kind of id, if it is in the set.
func (w *walker) kind(id []byte) (uint32, bool) {
	k := keyOf(id)
	if k.less(w.last) || w.pos == 0 {
		// Out of order (or the first): search from scratch.
		w.pos, _ = slices.BinarySearchFunc(w.s.ids, k, func(a, b idKey) int {
			switch {
			case a.less(b):
				return -1
			case b.less(a):
				return 1
			}
			return 0
		})
	}
	w.last = k
	ids := w.s.ids
	for w.pos < len(ids) && ids[w.pos].less(k) {
		w.pos++
	}
	if w.pos < len(ids) && ids[w.pos] == k {
		return w.s.kinds[w.pos], true
	}
	return 0, false
}

// Kinds of ids in a streamed summary.
const (
	idSuperseded = 1 << 0 // named by a link: not counted
	idRoot       = 1 << 1 // the first version of an amended assessment
	idAmends     = 1 << 2 // supersedes another; the high bits number its root
)

func streamSummary(st *store.Store, o Options) (*Summary, error) {
	sc, dc, err := prepare(&o)
	if err != nil {
		return nil, err
	}
	links, err := st.FactLinks()
	if err != nil {
		return nil, err
	}
	// Every amendment's root: follow the links back to the first version.
	ids := &idSet{m: make(map[uuid.UUID]uint32, 2*len(links))}
	var roots []when
	rootNum := map[uuid.UUID]uint32{}
	for a, b := range links {
		root := b
		for range len(links) {
			next, ok := links[root]
			if !ok {
				break
			}
			root = next
		}
		n, ok := rootNum[root]
		if !ok {
			n = uint32(len(roots))
			rootNum[root] = n
			roots = append(roots, when{})
		}
		v, _ := ids.get(&a)
		ids.put(a, v|idAmends|n<<3)
		v, _ = ids.get(&b)
		ids.put(b, v|idSuperseded)
	}
	for root, n := range rootNum {
		v, _ := ids.get(&root)
		ids.put(root, v|idRoot|n<<3)
	}
	ids.seal()

	var (
		names   *facts.Names
		teams   map[uint32]bool
		src     = Source{Name: st.Path(), Kind: InputStore}
		workers [2]*streamer
		vs      = newVersions(o.Instruments)
	)
	for i := range workers {
		workers[i] = &streamer{sc: sc, path: st.Path(), districts: newDistrictTable(), roots: &roots, bad: o.Unreadable, vs: vs}
	}
	err = st.EachFactChunk(func(ch store.FactChunk) error {
		if names == nil {
			if len(o.Teams) > 0 {
				teams = map[uint32]bool{}
				for _, t := range o.Teams {
					if k, ok := ch.Names().Lookup(t); ok {
						teams[k] = true
					}
				}
			}
			for _, w := range workers {
				w.c, w.teams = newCounter(sc, ch.Names().Len(), vs), teams
			}
		}
		names = ch.Names()
		if err := vs.resolve(names); err != nil {
			return err
		}
		for _, w := range workers {
			w.c.ensure(names.Len())
			w.c.ensureGroups(vs)
		}
		n := ch.Len()
		src.Records += n
		// Count, in two halves at once.
		half := n / 2
		done := make(chan error)
		go func() { done <- workers[1].count(ch, ids, half, n) }()
		err0 := workers[0].count(ch, ids, 0, half)
		if err1 := <-done; err0 == nil {
			err0 = err1
		}
		return err0
	})
	if err != nil {
		return nil, err
	}
	if names == nil { // an empty store
		names = facts.NewNames()
		for _, w := range workers {
			w.c = newCounter(sc, 1, vs)
		}
	}
	for _, w := range workers {
		w.countLater()
		src.Records -= w.skipped // read, as Dataset counts, only if counted
	}
	c, districts := workers[0].c, &workers[0].districts
	c.mergeFrom(workers[1].c, districts, &workers[1].districts)
	s := &Summary{Sources: []Source{src}}
	return s, s.finish(c, o, dc, names, districts.list, vs)
}

// when is when, and by which team, a first version was made.
type when struct {
	time int64
	team uint32
	seen bool
	id   uuid.UUID
}

// streamer counts its share of each chunk.
type streamer struct {
	sc        scope
	path      string // the store's, to name records skipped
	c         *counter
	teams     map[uint32]bool
	districts districtTable
	roots     *[]when
	bad       *Unreadables // facts left out, or nil to fail on them
	skipped   int          // records this one left out
	vs        *versions
	r         row
	pool      [2 * 255]uint32
	// Amendments met before their first version, counted at the end.
	later []pending
}

// count counts records from to to of the chunk. An amendment is set
// aside to count at the end, when the first version of its assessment,
// which it is counted under, has surely been met.
func (w *streamer) count(ch store.FactChunk, ids *idSet, from, to int) error {
	walk := walker{s: ids}
	for i := from; i < to; i++ {
		id, v, err := ch.At(i)
		if err != nil {
			if w.bad.skipFact(ch, i, err) {
				w.skipped++
				continue
			}
			return err
		}
		kind, linked := walk.kind(id)
		if linked && kind&idRoot != 0 {
			// Only this record writes this element; it is read at
			// the end.
			(*w.roots)[kind>>3] = when{v.Time(), v.Team(), true, uuid.UUID(id)}
		}
		amends := v.HasLinks() && v.Amends() != uuid.Nil
		if amends && (!linked || kind&idAmends == 0) {
			return errLinksChanged
		}
		if !amends {
			w.c.seen(v.Time())
		}
		if kind&idSuperseded != 0 || v.StatusCode() == statusVoid {
			continue
		}
		vk, ver, err := w.vs.of(v, v.InstrumentVersion(), ch.Names())
		if err != nil {
			err = fmt.Errorf("record %s cannot be counted: %w", uuid.UUID(id), err)
			if w.bad == nil {
				return err
			}
			w.bad.Add(store.Unreadable{ID: uuid.UUID(id).String(), Why: err.Error()})
			w.skipped++
			continue
		}
		if err := fillRow(&w.r, id, v, &w.districts, vk, ver); err != nil {
			return err
		}
		k := int(w.r.nrefs) + int(w.r.nouts)
		for j := range k {
			prog, code := v.RawEntry(j)
			w.pool[j] = prog<<poolShift | code
		}
		if kind&idAmends != 0 {
			w.later = append(w.later, pending{w.r, v.Team(), kind >> 3, append([]uint32(nil), w.pool[:k]...)})
			continue
		}
		w.add(&w.r, v.Time(), v.Team(), w.r.id, w.pool[:k])
	}
	return nil
}

// add counts a record whose assessment was first made at t by team, in
// the record first with that time (first), unless it is out of scope or
// its time is implausible, when it is skipped and named.
func (w *streamer) add(r *row, t int64, team uint32, first uuid.UUID, pool []uint32) {
	if w.teams != nil && !w.teams[team] {
		return
	}
	if !w.sc.plausible(t) {
		w.c.skipped.add(Skipped{ID: first, Time: t, Where: fmt.Sprintf("store %s, record %s", w.path, first)})
		return
	}
	if t < w.sc.lo || t >= w.sc.hi {
		return
	}
	w.c.add(r, t, pool)
}

// countLater counts the amendments met before their first versions. A
// first version not met at all is not in the store; the amendment then
// stands for itself.
func (w *streamer) countLater() {
	for _, p := range w.later {
		t, team, first := p.r.time, p.team, p.r.id
		if root := (*w.roots)[p.root]; root.seen {
			t, team, first = root.time, root.team, root.id
		}
		w.add(&p.r, t, team, first, p.pool)
	}
}

type pending struct {
	r    row
	team uint32 // its own
	root uint32
	pool []uint32
}
