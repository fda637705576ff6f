// Package report is digicheck's QI side: the summary of many assessments
// (counts and shares by period, team and equity group) with small-number
// disclosure control, the run chart, and the exports (CSV, NDJSON, FHIR)
// with keyed pseudonyms, and the synthetic data generator that tries them.
//
// A summary reads records' facts (package facts), not the records: from a
// store's facts bucket, or worked out from export files. A single store is
// counted as its facts stream past (SummariseStore), holding only the
// tallies; several inputs are read into a Dataset, a 56-byte row a record,
// so that a record in more than one is counted once.
//
// What is counted. An amendment or a void is a new record whose Amends
// names the record it supersedes, so an assessment is a line of versions.
// A summary counts each assessment once, as its current version (the
// record no other record amends), and never one whose current version is
// entered in error. It is counted in the period and team of its first
// version, when and where the assessment was made (an amendment made today
// of last month's assessment stays in last month), with the answers and
// result of its current version. Record ids are globally unique, so the same
// record read from two sources is counted once, and a record in one source
// can supersede a record in another.
package report

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"time"

	"github.com/google/uuid"

	"digicheck/facts"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// row is one record's facts as a summary needs them: small and free of
// pointers, so a million of them are cheap to hold and to scan.
type row struct {
	id       uuid.UUID
	time     int64  // Unix seconds, of this record
	team     uint32 // number in Dataset.names
	pool     uint32 // referrals then outcomes, from here in Dataset.pool
	link     uint32 // 1 + index in Dataset.links, 0 when none
	district uint16 // index in Dataset.districts; 0 not answered
	status   uint8  // statusCompleted, statusAmended or statusVoid
	bands    uint8  // as facts.View.PackedBands
	primary  uint8  // as facts.View.PrimaryIndex
	choice   uint8  // choiceNone, choiceHonoured, choiceNotHonoured
	change   uint8  // as facts.View.PackedChange; 0 when none
	flags    uint8
	equity   [numEquity]uint8 // each field's group number (versions.groups), 0 not answered
	nrefs    uint8
	nouts    uint8
	ver      uint8 // the instrument version: 1 + index in versions.list
}

const (
	statusCompleted = 1
	statusAmended   = 2
	statusVoid      = 3

	choiceNone        = 0
	choiceHonoured    = 1
	choiceNotHonoured = 2

	flagSynthetic      = 1 << 0
	flagPrimaryChanged = 1 << 1
	flagSuperseded     = 1 << 2 // set by Dataset.resolve
)

// link holds the ids a row refers to, for the few rows that refer to any.
type link struct {
	amends, followsUp uuid.UUID
}

// Pool entries: the name number of the programme, shifted left two bits,
// and the consent (referrals: the consent* codes) or outcome (1 attended,
// 2 helped, 3 not taken up), as the facts store them.
const poolShift = 2

// Referral consents in pool entries.
const (
	consentNone         = 0 // saved with no answer: "not recorded"
	consentAgreed       = 1
	consentDeclined     = 2
	consentNotDiscussed = 3
)

// Dataset is every record read from one or more sources, each once.
type Dataset struct {
	// Unreadable, if not nil, collects the records of a store whose facts
	// cannot be read, left out (see AddStore).
	Unreadable *Unreadables
	// Instruments are the instrument versions whose records it reads;
	// nil is Instruments. Set it before adding records.
	Instruments map[string]*questionnaire.Instrument
	vs          *versions

	rows      rowList
	pool      poolList
	links     []link
	names     *facts.Names // teams and programme ids
	sorted    bool         // rows are in id order as added
	districts districtTable
	// Sources says what each source gave.
	Sources []Source
	// Duplicates is the number of records read more than once (from
	// several sources), counted once; Conflicts, of those, how many came
	// with different facts, of which the first read was kept.
	Duplicates, Conflicts int
	resolved              bool
	roots                 map[uint32]uint32 // row -> its first version's row, for rows that amend
	records               *loader           // of the source AddRecord adds to
	// where says where each record dated outside the plausible span was
	// read (FILE:LINE, or the source and id), to name it if skipped.
	where map[uuid.UUID]string
}

// Source is one input of a summary.
type Source struct {
	Name    string // path, or a description
	Kind    string // "store", "ndjson" or "csv"
	Records int
}

// NewDataset returns an empty dataset.
func NewDataset() *Dataset {
	return &Dataset{names: facts.NewNames(), sorted: true, districts: newDistrictTable()}
}

// districtTable numbers the postcode districts met; number 0 is none. A
// small table in front of the map answers the lookup of nearly every row.
type districtTable struct {
	list  []facts.District
	index map[facts.District]uint16
	cache [1 << 10]struct {
		key uint32 // the district's four bytes; 0 for an empty slot
		num uint16
	}
}

func newDistrictTable() districtTable {
	return districtTable{list: []facts.District{{}}, index: map[facts.District]uint16{{}: 0}}
}

func (t *districtTable) number(d facts.District) (uint16, error) {
	key := binary.LittleEndian.Uint32(d[:])
	slot := &t.cache[(key*2654435761)>>22]
	if slot.key == key && key != 0 {
		return slot.num, nil
	}
	k, ok := t.index[d]
	if !ok {
		if len(t.list) > 1<<16-1 {
			return 0, errors.New("report: more than 65,535 postcode districts")
		}
		k = uint16(len(t.list))
		t.list = append(t.list, d)
		t.index[d] = k
	}
	slot.key, slot.num = key, k
	return k, nil
}

// versions is the dataset's resolver of instrument versions.
func (d *Dataset) versions() *versions {
	if d.vs == nil {
		d.vs = newVersions(d.Instruments)
	}
	return d.vs
}

// instrument is the instrument of a version, or nil.
func (d *Dataset) instrument(version string) *questionnaire.Instrument {
	return d.versions().ins[version]
}

// fillRow sets every field of r that comes from the facts alone: all but
// the team, pool and link, which are numbered by whoever holds the rows.
// ver is the row's instrument version and k its number.
func fillRow(r *row, id []byte, v facts.View, districts *districtTable, k uint8, ver *version) error {
	r.id = uuid.UUID(id)
	r.time = v.Time()
	r.bands = v.PackedBands()
	r.primary = uint8(v.PrimaryIndex())
	r.change = v.PackedChange()
	r.nrefs = uint8(v.NumReferrals())
	r.nouts = uint8(v.NumOutcomes())
	r.status = v.StatusCode() // the facts' numbering: 1 completed, 2 amended, 3 entered in error
	r.choice = choiceNone
	if v.Choice() != "" {
		r.choice = choiceNotHonoured
		if v.ChoiceHonoured() {
			r.choice = choiceHonoured
		}
	}
	r.flags = 0
	if v.Synthetic() {
		r.flags |= flagSynthetic
	}
	if v.PrimaryChanged() {
		r.flags |= flagPrimaryChanged
	}
	area := ver.tab.Area(v)
	for i, off := range ver.equityOff {
		r.equity[i] = 0
		if off >= 0 {
			r.equity[i] = ver.equity[i][area[off]]
		}
	}
	r.ver = k
	r.district = 0
	if pc := v.Postcode(); !pc.IsZero() {
		k, err := districts.number(pc)
		if err != nil {
			return err
		}
		r.district = k
	}
	return nil
}

// Len is the number of records held, each once after counting began.
func (d *Dataset) Len() int { return d.rows.len() }

// loader adds the facts of one source, mapping the source's name numbers
// to the dataset's.
type loader struct {
	d     *Dataset
	src   int // index in d.Sources
	remap []uint32
	// line is the line of the export being read, 0 for a store.
	line int
	// okLo and okHi are the plausible times (plausibleSpan).
	okLo, okHi int64
}

func (d *Dataset) loader(name, kind string) *loader {
	d.Sources = append(d.Sources, Source{Name: name, Kind: kind})
	l := &loader{d: d, src: len(d.Sources) - 1}
	l.okLo, l.okHi = plausibleSpan(time.Now())
	return l
}

// skippedAt names a row skipped for its date, where it was read.
func (d *Dataset) skippedAt(r *row) Skipped {
	where, ok := d.where[r.id]
	if !ok {
		where = "record " + r.id.String()
	}
	return Skipped{ID: r.id, Time: r.time, Where: where}
}

func (l *loader) name(n uint32, names *facts.Names) uint32 {
	if names == l.d.names {
		return n // facts encoded with the dataset's own names
	}
	for int(n) >= len(l.remap) {
		l.remap = append(l.remap, l.d.names.Intern(names.Name(uint32(len(l.remap)))))
	}
	return l.remap[n]
}

// add appends one record's facts, which the caller has checked. It runs a
// million times for a million records: it fills the next row in place
// from the facts' fixed fields.
func (l *loader) add(id []byte, v facts.View, names *facts.Names) error {
	d := l.d
	if d.resolved {
		return errors.New("report: records added after counting began")
	}
	n := d.rows.len()
	if n > 0 && d.sorted && bytes.Compare(d.rows.at(n - 1).id[:], id) >= 0 {
		d.sorted = false
	}
	// Versions by the dataset's own numbering of names: sources number
	// them each their own way.
	vs := d.versions()
	vn := l.name(v.InstrumentVersion(), names)
	if err := vs.resolve(d.names); err != nil {
		return err
	}
	k, ver, err := vs.of(v, vn, d.names)
	if err != nil {
		return fmt.Errorf("record %s: %w", uuid.UUID(id), err)
	}
	r := d.rows.next()
	if err := fillRow(r, id, v, &d.districts, k, ver); err != nil {
		return err
	}
	r.team = l.name(v.Team(), names)
	if r.time < l.okLo || r.time >= l.okHi {
		if d.where == nil {
			d.where = map[uuid.UUID]string{}
		}
		src := d.Sources[l.src]
		if l.line > 0 {
			d.where[r.id] = fmt.Sprintf("%s:%d", src.Name, l.line)
		} else {
			d.where[r.id] = fmt.Sprintf("%s %s, record %s", src.Kind, src.Name, r.id)
		}
	}
	var dst []uint32
	r.pool, dst = d.pool.reserve(int(r.nrefs) + int(r.nouts))
	r.link = 0
	// Pool entries are the facts' own referral and outcome entries with
	// the programme renumbered: number << 2 | consent or outcome.
	for i := range dst {
		prog, code := v.RawEntry(i)
		dst[i] = l.name(prog, names)<<poolShift | code
	}
	if v.HasLinks() {
		d.links = append(d.links, link{v.Amends(), v.FollowsUp()})
		r.link = uint32(len(d.links))
	}
	d.Sources[l.src].Records++
	return nil
}

// AddStore reads the facts of every record in a store. With
// d.Unreadable set, facts that cannot be read are left out and noted
// there; otherwise they end the read with ErrDamaged.
func (d *Dataset) AddStore(st *store.Store) error {
	l := d.loader(st.Path(), "store")
	if d.Unreadable == nil {
		return st.EachFact(l.add)
	}
	return st.EachFactChunk(func(ch store.FactChunk) error {
		for i := range ch.Len() {
			id, v, err := ch.At(i)
			if err != nil {
				if d.Unreadable.skipFact(ch, i, err) {
					continue
				}
				return err
			}
			if err := l.add(id, v, ch.Names()); err != nil {
				return err
			}
		}
		return nil
	})
}

// AddRecord adds one record to the source named; records added one after
// another with the same source name count as one source.
func (d *Dataset) AddRecord(r *record.Record, source string) error {
	if d.records == nil || d.Sources[d.records.src].Name != source {
		d.records = d.loader(source, "records")
	}
	f, err := facts.FromRecord(r, d.instrument(r.InstrumentVersion))
	if err != nil {
		return err
	}
	return d.addFact(d.records, &f)
}

// addFact adds facts that come whole, from a record or a CSV row: they are
// encoded with the dataset's own names and read back as a store's are.
func (d *Dataset) addFact(l *loader, f *facts.Fact) error {
	names := d.names
	v, err := facts.Encode(nil, f, func(s string) (uint32, error) { return names.Intern(s), nil })
	if err != nil {
		return err
	}
	return l.add(f.ID[:], v, names)
}

// AddNDJSON reads records, one JSON object a line, as `digicheck export
// --format ndjson` writes them.
func (d *Dataset) AddNDJSON(in io.Reader, name string) error {
	l := d.loader(name, "ndjson")
	defer func() { l.line = 0 }()
	ls := newLines(in, name)
	for {
		b, err := ls.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if errors.Is(err, errLineTooLong) {
			return err
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		line := ls.n
		b = bytes.TrimSpace(b)
		if len(b) == 0 {
			continue
		}
		var r record.Record
		if err := json.Unmarshal(b, &r); err != nil {
			return fmt.Errorf("%s:%d: not a digicheck record: %v", name, line, err)
		}
		if r.ID.IsZero() {
			return fmt.Errorf("%s:%d: not a digicheck record: no id", name, line)
		}
		f, err := facts.FromRecord(&r, d.instrument(r.InstrumentVersion))
		if err == nil {
			l.line = line
			err = d.addFact(l, &f)
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %v", name, line, err)
		}
	}
}

// Input kinds a summary reads.
const (
	InputStore  = "store"
	InputNDJSON = "ndjson"
	InputCSV    = "csv"
)

// Sniff says what kind of input a file is from its first bytes: NDJSON
// starts with '{', a digicheck CSV export with its header, and anything
// else is taken for a store, which store.Open then checks properly.
func Sniff(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 64)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", err
	}
	head = bytes.TrimLeft(head[:n], "\ufeff \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("{")):
		return InputNDJSON, nil
	case bytes.HasPrefix(head, []byte(csvColumns[0]+",")):
		return InputCSV, nil
	}
	return InputStore, nil
}

// resolve makes the rows ready to count: in id order, each id once, with
// every superseded row marked and the first version of each amended
// assessment found. It runs once, when counting first begins.
func (d *Dataset) resolve() {
	if d.resolved {
		return
	}
	d.resolved = true
	if !d.sorted {
		sort.Stable(&d.rows) // stable: of two copies of a record, the first read is kept
	}
	d.dedupe()
	// Superseded: named by another record's Amends.
	d.roots = map[uint32]uint32{}
	n := d.rows.len()
	for i := range n {
		r := d.rows.at(i)
		if r.link == 0 {
			continue
		}
		if a := d.links[r.link-1].amends; a != uuid.Nil {
			if j, ok := d.find(a); ok {
				d.rows.at(j).flags |= flagSuperseded
			}
		}
	}
	// Roots: walk each amendment's line back to the first version there
	// is. Versions are made in time order, so an amended record usually
	// comes first and its root is already known.
	for i := range n {
		r := d.rows.at(i)
		if r.link == 0 || d.links[r.link-1].amends == uuid.Nil {
			continue
		}
		root := uint32(i)
		for steps := 0; steps < n; steps++ {
			rr := d.rows.at(int(root))
			if rr.link == 0 {
				break
			}
			a := d.links[rr.link-1].amends
			if a == uuid.Nil {
				break
			}
			j, ok := d.find(a)
			if !ok {
				break
			}
			if known, ok := d.roots[uint32(j)]; ok {
				root = known
				break
			}
			root = uint32(j)
		}
		d.roots[uint32(i)] = root
	}
}

// dedupe drops the second and later copies of an id from the sorted rows.
func (d *Dataset) dedupe() {
	n := d.rows.len()
	w := 0
	for i := range n {
		r := d.rows.at(i)
		if w > 0 {
			prev := d.rows.at(w - 1)
			if prev.id == r.id {
				d.Duplicates++
				if !d.sameFacts(prev, r) {
					d.Conflicts++
				}
				continue
			}
		}
		if w != i {
			*d.rows.at(w) = *r
		}
		w++
	}
	d.rows.truncate(w)
}

func (d *Dataset) sameFacts(a, b *row) bool {
	x, y := *a, *b
	x.pool, y.pool = 0, 0
	if x.link != 0 && y.link != 0 && d.links[x.link-1] == d.links[y.link-1] {
		x.link, y.link = 0, 0
	}
	return x == y && slices.Equal(d.pool.of(a), d.pool.of(b))
}

// find returns the index of the row with the id, in the sorted rows.
func (d *Dataset) find(id uuid.UUID) (int, bool) {
	lo, hi := 0, d.rows.len()
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if bytes.Compare(d.rows.at(m).id[:], id[:]) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < d.rows.len() && d.rows.at(lo).id == id
}

// root is the row of the first version of row i's assessment.
func (d *Dataset) root(i int) *row {
	r := d.rows.at(i)
	if r.link == 0 {
		return r // amends nothing: its own first version
	}
	if j, ok := d.roots[uint32(i)]; ok {
		return d.rows.at(int(j))
	}
	return r
}

// counted reports whether row i is counted: the current version of its
// assessment, not entered in error.
func (r *row) counted() bool { return r.flags&flagSuperseded == 0 && r.status != statusVoid }

// poolList holds the rows' referrals and outcomes in blocks, as rowList
// holds rows: a row's entries lie together in one block.
type poolList struct {
	blocks [][]uint32
	n      uint32 // the next free position; a block's is block << poolBlockShift
}

const (
	poolBlockShift = 16
	poolBlockSize  = 1 << poolBlockShift
)

// reserve makes room for k entries (at most 510) together and returns
// where they start and the room itself.
func (p *poolList) reserve(k int) (uint32, []uint32) {
	if k == 0 {
		return p.n, nil
	}
	if int(p.n&(poolBlockSize-1))+k > poolBlockSize {
		p.n = (p.n>>poolBlockShift + 1) << poolBlockShift // to the next block
	}
	b := int(p.n >> poolBlockShift)
	for b >= len(p.blocks) {
		p.blocks = append(p.blocks, make([]uint32, poolBlockSize))
	}
	at := p.n
	p.n += uint32(k)
	i := at & (poolBlockSize - 1)
	return at, p.blocks[b][i : i+uint32(k)]
}

// of is a row's referrals then outcomes.
func (p *poolList) of(r *row) []uint32 {
	k := uint32(r.nrefs) + uint32(r.nouts)
	if k == 0 {
		return nil
	}
	i := r.pool & (poolBlockSize - 1)
	return p.blocks[r.pool>>poolBlockShift][i : i+k]
}

// rowList holds rows in blocks of a fixed size, so that it grows without
// ever copying what it holds: a million rows never need a second 56 MB
// array while the first is copied into it.
type rowList struct {
	blocks [][]row
	n      int
}

const (
	blockShift = 15
	blockSize  = 1 << blockShift
)

func (l *rowList) len() int { return l.n }

func (l *rowList) at(i int) *row { return &l.blocks[i>>blockShift][i&(blockSize-1)] }

// next adds a row and returns it to be filled in; it may hold the values
// of a row truncated away.
func (l *rowList) next() *row {
	if l.n&(blockSize-1) == 0 && l.n>>blockShift == len(l.blocks) {
		l.blocks = append(l.blocks, make([]row, blockSize))
	}
	l.n++
	return l.at(l.n - 1)
}

func (l *rowList) truncate(n int) {
	l.n = n
	l.blocks = l.blocks[:(n+blockSize-1)>>blockShift]
}

// Len, Less and Swap sort rows by id.
func (l *rowList) Len() int { return l.n }

func (l *rowList) Less(i, j int) bool { return bytes.Compare(l.at(i).id[:], l.at(j).id[:]) < 0 }

func (l *rowList) Swap(i, j int) { a, b := l.at(i), l.at(j); *a, *b = *b, *a }
