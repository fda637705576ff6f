// Package report is digicheck's QI side: the summary of many assessments
// (counts and shares by period, team and equity group) with small-number
// disclosure control, the run chart, and the exports (CSV, NDJSON, FHIR)
// with keyed pseudonyms, and the synthetic data generator that tries them.
//
// A summary reads records' facts (package facts), not the records: from a
// store's facts bucket, or worked out from export files as they are read.
// There is one way to count: the links that say which record supersedes
// which are collected from every input first, then the facts of every
// input stream past once and are counted as they go, holding only the
// tallies (see Inputs.Summarise).
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
	"cmp"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
	"digicheck/store/facts"
)

// row is one record's facts as its tallies count them: small and free of
// pointers, so that the amendments set aside to count last are cheap to
// hold.
type row struct {
	district uint16 // number in the counter's table of districts; 0 not answered
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
	statusVoid = 3 // facts.View.StatusCode of a record entered in error

	choiceNone        = 0
	choiceHonoured    = 1
	choiceNotHonoured = 2

	flagSynthetic      = 1 << 0
	flagPrimaryChanged = 1 << 1
)

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

// Source is one input of a summary.
type Source struct {
	Name    string `json:"name"` // path, or a description
	Kind    string `json:"kind"` // "store", "ndjson" or "csv"
	Records int    `json:"records"`
	// First and Last are the days (with disclosure control, the periods)
	// of the first and last assessments the input holds, first versions
	// only: the span of its data, said where a period is partial because
	// the input was written before it ended (Summary.uncovered).
	First string `json:"first,omitempty"`
	Last  string `json:"last,omitempty"`
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

// fillRow sets every field of r from the facts.
// ver is the row's instrument version and k its number.
func fillRow(r *row, v facts.View, districts *districtTable, k uint8, ver *version) error {
	r.bands = v.PackedBands()
	r.primary = uint8(v.PrimaryIndex())
	r.change = v.PackedChange()
	r.nrefs = uint8(v.NumReferrals())
	r.nouts = uint8(v.NumOutcomes())
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

// Input kinds a summary reads.
const (
	InputStore  = "store"
	InputNDJSON = "ndjson"
	InputCSV    = "csv"
	// InputSalvage is a file of the records digicheck check --salvage
	// read out of a damaged store (store.Salvage): framed as an NDJSON
	// export, every line marked store.SalvageMark, and counted as from a
	// damaged store.
	InputSalvage = "salvage"
	// InputServer is a FHIR server's records, read into a cache (summary
	// --server): its Name is the server's address.
	InputServer = "server"
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
	return SniffFile(f, path)
}

// SniffFile is Sniff of f, open at its start and named path in what it
// says (an export piped in, kept in a temporary file, is "standard
// input"). f is left at its start.
func SniffFile(f io.ReadSeeker, path string) (string, error) {
	defer f.Seek(0, io.SeekStart)
	head := make([]byte, 64)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", err
	}
	head = bytes.TrimLeft(head[:n], "\ufeff \t\r\n")
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case compressedBy(head) != "" && strings.HasPrefix(path, "standard input"):
		// Piped in (addPiped names it so): there is no file to name.
		return "", fmt.Errorf("%s is compressed (%s), which summaries do not read: this is no store or export as digicheck writes them, but one packed into a smaller file to send it; unpack it as you pipe it in (%s -c FILE | digicheck summary -), or unpack the file and summarise the export or store it holds", path, compressedBy(head), unpackWith(compressedBy(head)))
	case compressedBy(head) != "":
		return "", fmt.Errorf("%s is compressed (%s), which summaries do not read: this is no store or export as digicheck writes them, but one packed into a smaller file to send it; unpack it first (%s %s), then summarise the export or store it holds", path, compressedBy(head), unpackWith(compressedBy(head)), path)
	case hasPrefixFold(head, "<!doctype html") || hasPrefixFold(head, "<html"):
		return "", fmt.Errorf("%s is a web page (HTML), such as a summary's own output (digicheck summary --format html), not an export: a summary reads stores, and the CSV or NDJSON exports digicheck export writes; give the export or the store it was made from", path)
	case bytes.HasPrefix(head, []byte("# digicheck summary")):
		return "", fmt.Errorf("%s is a summary's own output (digicheck summary --format markdown), not an export: a summary reads stores, and the CSV or NDJSON exports digicheck export writes; give the export or the store it was made from", path)
	case store.ProgramKind(head) != "":
		// A program holds its own words: the digicheck program itself
		// holds the marker a store keeps, and was taken for a damaged
		// store, a note left beside it.
		return "", fmt.Errorf("%s is a program (%s), not a digicheck store nor an export; it was left untouched: a summary reads stores, and the CSV or NDJSON exports digicheck export writes; give the store (digicheck.db) or the export", path, store.ProgramKind(head))
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "", fmt.Errorf("%s is a spreadsheet workbook (an Excel .xlsx, or another zip file), which summaries do not read: summarise the CSV or NDJSON export as it was exported, or export the store again", path)
	case summaryOutput().Match(head):
		return "", fmt.Errorf("%s is a summary's own output (digicheck summary --format csv or json), not an export: a summary reads stores, and the CSV or NDJSON exports digicheck export writes; summarise the store, or its export as it was exported", path)
	case bytes.HasPrefix(head, []byte(`{"resourceType"`)):
		return "", fmt.Errorf("%s is a FHIR export, which summaries do not read: summarise the store, or its CSV or NDJSON export (digicheck export --format csv or ndjson)", path)
	case bytes.HasPrefix(head, []byte("{")):
		return InputNDJSON, nil
	case isCSVHeader(head):
		return InputCSV, nil
	case startsWithID(head):
		return "", fmt.Errorf("%s has no header row: it starts with a record's row, as a digicheck CSV export's second line does; put back its first line (id,patient,patient_kind,...), or export the store again", path)
	case len(head) == 0 && (ext == ".ndjson" || ext == ".jsonl"):
		// An export of a period with no assessments: nothing to count,
		// and nothing wrong.
		return InputNDJSON, nil
	case len(head) == 0 && ext == ".csv":
		// Counted as nothing, as an empty NDJSON export is: digicheck's
		// own CSV always has its header, but a file emptied by a
		// warehouse's extract of no rows should not stop the summary of
		// the others. The heading says it held 0 records.
		return InputCSV, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	if err := notAnInput(f, path); err != nil {
		return "", err
	}
	// A CSV export saved again by a spreadsheet: columns moved, its
	// header in another case, tabs between its fields.
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	if kind, err := csvHeaderKind(f, path); kind != "" || err != nil {
		return kind, err
	}
	return InputStore, nil
}

// Files a QI lead keeps beside an exports and stores, given to summary
// in their place: each was refused as "neither a digicheck store nor an
// export", told to ask IT to restore the store, over a store that was
// sound. Each is now said for what it is, with what to give instead.

// unpackWith is the command that unpacks a file compressed by the
// compressor compressedBy names (a switch, not a map: nothing made as
// the program starts).
func unpackWith(compressor string) string {
	switch compressor {
	case "gzip":
		return "gunzip"
	case "bzip2":
		return "bunzip2"
	case "xz":
		return "unxz"
	case "zstd":
		return "unzstd"
	}
	return ""
}

// compressedBy names the compressor whose file starts with head, or "".
func compressedBy(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return "gzip"
	case bytes.HasPrefix(head, []byte("BZh")) && len(head) > 3 && head[3] >= '1' && head[3] <= '9':
		return "bzip2"
	case bytes.HasPrefix(head, []byte{0xfd, '7', 'z', 'X', 'Z', 0}):
		return "xz"
	case bytes.HasPrefix(head, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		return "zstd"
	}
	return ""
}

// hasPrefixFold reports whether b starts with prefix, in any case.
func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}

// notAnInput refuses, saying what it is, a file of text (no NUL byte in
// its first 16 KB, as a store has in its first page) that is a summary's
// own table output, the site's pseudonym key file, or the damage note
// digicheck leaves beside a store (named for it, ".damaged" added).
func notAnInput(f io.Reader, path string) error {
	b, err := io.ReadAll(io.LimitReader(f, 16<<10))
	if err != nil || bytes.IndexByte(b, 0) >= 0 {
		return nil
	}
	const instead = "a summary reads stores, and the CSV or NDJSON exports digicheck export writes"
	if strings.HasSuffix(path, ".damaged") {
		// Empty when the disk was full as it was written.
		return fmt.Errorf("%s is the damage note digicheck left beside the store %s, not an export: it says why the store was found damaged (read it, and run digicheck check); %s: give the store, or its export", path, strings.TrimSuffix(path, ".damaged"), instead)
	}
	if len(b) > 0 && len(b) <= 4096 {
		if _, err := ParseKey(b); err == nil {
			return fmt.Errorf("%s is the site's pseudonym key file, not an export: it holds the key that makes pseudonyms, as sensitive as the data, and no assessments; %s: give the export or the store", path, instead)
		}
	}
	// The table output: its banners (SYNTHETIC TEST DATA, DAMAGED
	// STORE, ...) and then its title, on a line of its own.
	for i, l := range strings.SplitN(string(b), "\n", 60) {
		if strings.TrimSpace(l) == "digicheck summary" && i < 59 {
			return fmt.Errorf("%s is a summary's own output (digicheck summary, as a table), not an export: %s; give the export or the store it was made from", path, instead)
		}
		// The list of reviews due as due prints it, its header under
		// any DAMAGED STORE lines: said as its CSV form is.
		if dueTextHeader(l) && i < 59 {
			return fmt.Errorf("%s is a list of reviews due (digicheck due), not an export: it lists the patients whose review is due, and holds none of their assessments' answers, so nothing of it can be counted; %s: give the export or the store the list was made from", path, instead)
		}
	}
	return nil
}

// dueTextHeader reports whether l is the header line of the list of
// reviews due as due prints it ("REVIEW BY   DUE   PATIENT ..."). No
// regular expression: one compiled as the package starts costs every
// run some hundred allocations.
func dueTextHeader(l string) bool {
	f := strings.Fields(l)
	return len(f) >= 4 && f[0] == "REVIEW" && f[1] == "BY" && f[2] == "DUE" && f[3] == "PATIENT"
}

// summaryOutput matches the start of a summary's own CSV output (its
// header) or JSON output (an object written over several lines, its first
// key the span's or the periods'): a likely mix-up with an export.
var summaryOutput = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:period[,;]breakdown[,;]group[,;]measure[,;]|\{\s*\n\s*"(?:from|to|by)":)`)
})

// startsWithID reports whether head starts with a record id and a CSV
// separator (, or ;), as a CSV export's rows do: the export with its
// header row removed.
func startsWithID(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte(`"`))
	if len(head) < 37 || head[36] != ',' && head[36] != ';' && head[36] != '"' {
		return false
	}
	_, err := uuid.ParseBytes(head[:36])
	return err == nil
}

// Inputs are what a summary counts: stores and export files. A store is
// read when the summary is made. An export file is read through when it is
// added, to check it and to find its links, and again, a chunk at a time,
// when the summary is made: nothing of it is held but its links, so
// several inputs take little more memory than one.
type Inputs struct {
	// Unreadable, if not nil, collects the records of a store whose facts
	// cannot be read, left out of the counts; otherwise they end the
	// summary with ErrDamaged.
	Unreadable *Unreadables
	// Instruments are the instrument versions whose records are read;
	// nil is Instruments. Set it before adding export files.
	Instruments map[string]*questionnaire.Instrument
	// AllowEmpty counts an export file that holds no records (0 bytes,
	// or a CSV of its header row only) as nothing, as an export of a
	// span with no assessments is; without it such a file is refused,
	// for a copy or download that failed looks the same, and a team's
	// data would be missing from the summary with no word (summary
	// --allow-empty).
	AllowEmpty bool
	// CheckBands works out each export row's bands again from its
	// answers, by its instrument version's rules, and refuses an export
	// with rows whose bands do not follow from them (see bandsFollow).
	CheckBands bool
	// Files is how many files (exports or stores) the summary is given,
	// if known (0: not known). Given fewer than two, no export's
	// fingerprints can find its records in another export made under
	// another key, and they are not kept: at 1,000,000 records they were
	// 143 MB. Set it before adding export files.
	Files int

	list []*input
	kept int // bytes of export files' facts kept (keepLimit)
	// copies holds the fingerprint of every record of a pseudonymised
	// export read so far, to know the same records under another key.
	copies map[[fingerprintLen]byte]copyOf
	// zones are, by CSV export, the time zones of its date column (its
	// time_zone column): see CheckZones.
	zones map[string][]string
	// offsets are, by pseudonymised NDJSON export, each day its records
	// start at, with its UTC offset, in the file's order: see noteOffset
	// and CheckZones.
	offsets map[string]*dayStarts
	// unmarked are the export files read with no end mark (UnmarkedNotes).
	unmarked []unmarked
	// rowsUnchecked names the export files read whose rows carry no row
	// checks, with their end mark or without one (RowsUncheckedNotes).
	rowsUnchecked []string
	// spans are, by name, the spans the export files' end marks say
	// (endCheck); timeless names the inputs that have no file time of
	// their own (NoFileTime).
	spans    map[string]ExportSpan
	timeless map[string]bool
}

// NoFileTime says that the export to be added as name has no time of its
// own (piped in on standard input, kept in a temporary file): one with no
// span in its end mark is read as if made now, and the summary says that
// its partial periods could not be judged.
func (in *Inputs) NoFileTime(name string) {
	if in.timeless == nil {
		in.timeless = map[string]bool{}
	}
	in.timeless[name] = true
}

// dayStarts are the distinct day starts of a pseudonymised NDJSON
// export's records, as written (with their offsets), each with the line
// of its first record: a few hundred a year, however many records.
type dayStarts struct {
	seen map[string]bool
	list []fileDay
}

type fileDay struct {
	t    time.Time
	ts   string // as the file writes it
	line int
}

// input is one input: a store, or records read again for each pass.
type input struct {
	src   Source
	reads int // how many times its facts were read (a summary reads them once)
	store *store.Store
	// written is when an export file was written (its modification
	// time); zero for a store, read as the summary is made, and for an
	// export with no time of its own (timeless: piped in). An export's
	// span, when its end mark says it (Inputs.spans), stands in its
	// place.
	written  time.Time
	export   bool
	timeless bool
	// Of an export: its links, found when it was added, and its facts,
	// a chunk at a time.
	links [][2]uuid.UUID
	read  func(fn func(chunk) error) error
	// clear and pseudonymous count the records whose ids are a store's
	// (UUIDv7) and a pseudonymised export's (UUIDv8, fhir.RecordID).
	clear, pseudonymous int
	// Of an export that holds, by fingerprint, records read from an
	// earlier input under other ids: its ids and patients as the earlier
	// input names them, and how many it shares with which input.
	ids      map[uuid.UUID]uuid.UUID
	patients map[string]string
	overlaps []overlap
	// printed counts its records that carry a fingerprint.
	printed int
	// prints are those records' fingerprints, kept until another input
	// with fingerprints is added (matchCopies): a summary of one export
	// never makes a table of them.
	prints []fingerprinted
	// unprinted counts its pseudonymised records that carry none because
	// the store's own secret was damaged when they were exported: marked
	// so (SecretDamagedMark), or with the fingerprint column there and
	// empty. An earlier build's export, from before fingerprints, has
	// neither, and is no such record.
	unprinted int
	// unkeyed counts its pseudonymised records that carry no record key
	// (RecordKeyColumn): an earlier build's export, or the column
	// dropped. Counted the first time it is read.
	unkeyed int
}

// memFacts are the facts of a run of an export's records, as a store's
// facts chunk holds them, with the line each was read from.
type memFacts struct {
	names *facts.Names
	ids   []byte // 16 bytes each
	vals  []byte
	ends  []uint32
	lines []int32
	// keys holds each record's key as its export carries it, -1 for
	// none; empty for records not read from an export.
	keys []int64
}

func (m *memFacts) Len() int { return len(m.ends) }

func (m *memFacts) At(i int) ([]byte, facts.View, error) {
	start := uint32(0)
	if i > 0 {
		start = m.ends[i-1]
	}
	return m.ids[16*i : 16*i+16 : 16*i+16], facts.View(m.vals[start:m.ends[i]:m.ends[i]]), nil
}

func (m *memFacts) Names() *facts.Names { return m.names }

func (m *memFacts) Unreadable(i int, err error) store.Unreadable {
	return store.Unreadable{ID: uuid.UUID(m.ids[16*i : 16*i+16]).String(), Why: err.Error()}
}

// add encodes f, read from line (0 for none), and keeps it.
func (m *memFacts) add(f *facts.Fact, line int) error {
	names := m.names
	v, err := facts.Encode(m.vals, f, func(s string) (uint32, error) { return names.Intern(s), nil })
	if err != nil {
		return err
	}
	m.vals = v
	m.ids = append(m.ids, f.ID[:]...)
	m.ends = append(m.ends, uint32(len(m.vals)))
	m.lines = append(m.lines, int32(line))
	return nil
}

// fileChunk is how many of an export's records are counted at a time.
const fileChunk = 1 << 14

// reader reads an export, handing each record to push as the line it
// starts on, what it says of its fingerprint and row check, and a function
// that reduces it to facts and works out its row check (when fp.checked);
// and each end mark, as its line and its check (fp.mark), with no
// function.
type reader func(r io.Reader, push func(line int, fp print, reduce reducer) error) error

// reducer reduces a record to facts, and works out its row check.
type reducer func(f *facts.Fact, sum *rowSum) error

// print is what a record of an export says of its fingerprint.
type print struct {
	fp string // its fingerprint, "" for none
	// lost: it has none because the store's own secret was damaged when
	// it was exported (input.unprinted).
	lost bool
	// key is the record key it carries (RecordKeyColumn), -1 for none.
	key int64
	// check is the row check it carries (RowCheckColumn), or an end
	// mark's of every record above it; checked, that the record or mark
	// has the column or field (an export made before row checks has
	// not); keyed, that the record has the record_key column or field
	// (which a site may take out: see rowSummer).
	check          string
	checked, keyed bool
	// mark: an end mark, not a record.
	mark bool
}

// addFile adds an export, read by read. It is read through now, and again
// from the start for the summary, which fails if the second reading finds
// other records than the first.
func (in *Inputs) addFile(r io.ReadSeeker, name, kind string, read reader) error {
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("%s cannot be summarised: it is a pipe, not a file, and a summary reads an export twice (to check it, then to count it), which a pipe cannot give; save the export to a file (digicheck export --format %s -o FILE) and summarise the file", name, kind)
	}
	x := &input{src: Source{Name: name, Kind: kind}, export: true}
	if in.timeless[name] {
		x.timeless = true
	} else if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := f.Stat(); err == nil {
			x.written = fi.ModTime()
		}
	}
	var first *maphash.Hash // the ids in order, as first read
	// collect, during the first reading, notes each record's fingerprint.
	var collect func(f *facts.Fact, line int, fp print) error
	// contradicts, during the first reading, gathers the records whose
	// bands do not follow from their answers, to name them all.
	var contra contradictions
	contradicts := func(line int, err error) { contra.add(err) }
	x.read = func(fn func(chunk) error) error {
		if _, err := r.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		var ids maphash.Hash
		if first != nil {
			ids.SetSeed(first.Seed())
		}
		m := &memFacts{names: facts.NewNames()}
		flush := func() error {
			if m.Len() == 0 {
				return nil
			}
			err := fn(m)
			m.ids, m.vals, m.ends, m.lines, m.keys = m.ids[:0], m.vals[:0], m.ends[:0], m.lines[:0], m.keys[:0]
			return err
		}
		b := batch{name: name, what: map[bool]string{true: "row", false: "line"}[kind == InputCSV], contradicts: contradicts, add: func(f *facts.Fact, line int, fp print) error {
			ids.Write(f.ID[:])
			if collect != nil {
				if err := collect(f, line, fp); err != nil {
					return err
				}
			}
			x.asCopied(f)
			if err := m.add(f, line); err != nil {
				return fmt.Errorf("%s:%d: %v", name, line, err)
			}
			m.keys = append(m.keys, fp.key)
			if first == nil && fp.key < 0 && f.ID.Version() == 8 {
				x.unkeyed++
			}
			if m.Len() < fileChunk {
				return nil
			}
			return flush()
		}}
		err := read(r, b.push)
		if berr := b.flush(); berr != nil {
			err = berr // from a record before the one read stopped at
		}
		if err == nil {
			err = flush()
		}
		if err == nil && first != nil && ids.Sum64() != first.Sum64() {
			err = fmt.Errorf("%s changed while it was read: summarise it again", name)
		}
		if first == nil {
			first = &ids
		}
		return err
	}
	// The facts of the first reading are kept, while every export's kept
	// facts fit in keepLimit, so the summary counts them without reading
	// (decoding) the file again.
	var kept []*memFacts
	keptBytes, keeping := 0, true
	var mine []fingerprinted
	// printed counts the records with a fingerprint; alone, they are
	// checked and counted but not kept (Files).
	printed, alone := 0, in.Files > 0 && in.Files < 2
	collect = func(f *facts.Fact, line int, fp print) error {
		if fp.fp == "" {
			if fp.lost && f.ID.Version() == 8 {
				x.unprinted++
			}
			return nil
		}
		sum, _, err := parseFingerprint(fp.fp)
		if err != nil {
			return fmt.Errorf("%s:%d: %v", name, line, err)
		}
		if printed++; alone {
			return nil
		}
		// The pseudonym is kept for as long as the summary runs: a copy
		// of it, never a slice of the row the CSV reader read, which
		// held the whole row (about 600 bytes) for each record.
		mine = append(mine, fingerprinted{sum, f.ID, strings.Clone(f.Patient.Value), f.Amends, f.FollowsUp})
		return nil
	}
	err := x.read(func(c chunk) error {
		if m, ok := c.(*memFacts); ok && keeping {
			if size := m.size(); in.kept+size <= keepLimit {
				kept = append(kept, m.clone())
				in.kept += size
				keptBytes += size
			} else {
				keeping, kept = false, nil
				in.kept -= keptBytes
			}
		}
		for i := range c.Len() {
			id, v, _ := c.At(i)
			if uuid.UUID(id).Version() == 8 {
				x.pseudonymous++
			} else {
				x.clear++
			}
			if a := v.Amends(); a != uuid.Nil {
				x.links = append(x.links, [2]uuid.UUID{uuid.UUID(id), a})
			}
		}
		return nil
	})
	collect, contradicts = nil, nil
	if err == nil {
		err = contra.err(name)
	}
	if err != nil {
		return err
	}
	if x.clear+x.pseudonymous == 0 && !in.AllowEmpty {
		return emptyExport(r, name, kind)
	}
	if x.printed = printed; in.matchCopies(x, mine) && keeping {
		// The facts kept carry this export's own ids: read it again,
		// under the ids of the copies, when it is counted.
		keeping, kept = false, nil
		in.kept -= keptBytes
	}
	if keeping {
		x.read = func(fn func(chunk) error) error {
			for _, m := range kept {
				if err := fn(m); err != nil {
					return err
				}
			}
			return nil
		}
	}
	in.list = append(in.list, x)
	return nil
}

// emptyExport refuses an export file that holds no records: 0 bytes, a
// CSV of its header row only, or an NDJSON file of blank lines. A copy or
// download that failed looks the same as an export of a span with no
// assessments, and read as nothing beside other inputs it left a team's
// data out of the summary with no word.
func emptyExport(r io.Seeker, name, kind string) error {
	what := "no record line"
	if size, err := r.Seek(0, io.SeekEnd); err == nil && size == 0 {
		what = "it is empty, 0 bytes"
	} else if kind == InputCSV {
		what = "no record's row after its header row"
	}
	return fmt.Errorf("%s holds no records (%s): a failed copy? Copy or export it again; or, if it is an export of a span with no assessments, leave it out, or give --allow-empty to count it as nothing", name, what)
}

// keepLimit is how many bytes of export files' facts a summary keeps from
// reading them the first time (about 150 bytes a record, 210 with a
// pseudonym). Past it, an export is read again as it is counted, so
// memory stays bounded however large the files; within it, each is
// decoded once, which is most of the work of reading one (an export read
// again takes about 1.6 times the CPU). It is under half MemoryLimit: at
// 256 MB a 1,000,000-row export's facts were all kept, and the summary
// peaked at 377 to 804 MB.
var keepLimit = 48 << 20

// MemoryLimit is the soft limit (runtime/debug.SetMemoryLimit) the
// summary command holds its heap to, under its budget of 150 MB resident.
// What it keeps is well under it (keepLimit, and the table of records
// read, about 80 bytes a record), so the collector works harder only as
// the heap nears it, instead of letting it grow to twice what is kept.
const MemoryLimit = 120 << 20

// size is the bytes m holds.
func (m *memFacts) size() int {
	return len(m.ids) + len(m.vals) + 4*len(m.ends) + 4*len(m.lines) + 8*len(m.keys)
}

// clone copies m's records; the table of names is shared, as it only grows.
func (m *memFacts) clone() *memFacts {
	return &memFacts{names: m.names, ids: slices.Clone(m.ids), vals: slices.Clone(m.vals), ends: slices.Clone(m.ends), lines: slices.Clone(m.lines), keys: slices.Clone(m.keys)}
}

// batch reduces an export's records to facts a few hundred at a time, on
// two goroutines (decoding JSON is most of the work of reading an
// export), and hands them to add in the order read.
type batch struct {
	lines  []int
	reduce []reducer
	facts  []facts.Fact
	sums   []rowSum
	fps    []print
	add    func(*facts.Fact, int, print) error
	// name is the file's, what is "row" or "line"; file makes the check
	// of the records since the last end mark, and contradicted counts
	// those handed to contradicts.
	name, what   string
	file         *fileSummer
	contradicted int
	unkeyed      bool // a record since the last end mark has no record_key
	// contradicts, if not nil, is handed each record whose bands do not
	// follow from its answers (a *bandsContradict from reduce), and
	// reading goes on, so that every such record is named; if nil, the
	// first ends the reading.
	contradicts func(line int, err error)
	bad         []error
}

func (b *batch) push(line int, fp print, reduce reducer) error {
	b.lines, b.reduce, b.fps = append(b.lines, line), append(b.reduce, reduce), append(b.fps, fp)
	if len(b.reduce) < 256 {
		return nil
	}
	return b.flush()
}

// flush reduces the records pushed and adds them, or returns the error of
// the first that cannot be reduced.
func (b *batch) flush() error {
	n := len(b.reduce)
	b.facts = slices.Grow(b.facts[:0], n)[:n]
	b.sums = slices.Grow(b.sums[:0], n)[:n]
	b.bad = slices.Grow(b.bad[:0], n)[:n]
	var errs [2]error
	run := func(k, from, to int) {
		for i := from; i < to && errs[k] == nil; i++ {
			if b.reduce[i] == nil {
				b.bad[i] = nil // an end mark
				continue
			}
			b.sums[i] = rowSum{}
			err := b.reduce[i](&b.facts[i], &b.sums[i])
			var c *bandsContradict
			if b.contradicts != nil && errors.As(err, &c) {
				b.bad[i], err = err, nil
			} else {
				b.bad[i] = nil
			}
			errs[k] = err
		}
	}
	var wg sync.WaitGroup
	wg.Go(func() { run(1, n/2, n) })
	run(0, 0, n/2)
	wg.Wait()
	clear(b.reduce) // let go of the records' text
	b.reduce = b.reduce[:0]
	if err := cmp.Or(errs[0], errs[1]); err != nil {
		return err
	}
	if b.file == nil {
		b.file = newFileSummer()
	}
	for i := range n {
		fp := b.fps[i]
		if fp.mark {
			// Where a record handed to contradicts was changed, its
			// refusal says so, row by row.
			if fp.checked && b.contradicted == 0 && !b.file.matches(fp.check, !b.unkeyed) {
				return rowsChanged(b.name, b.lines[i], b.what)
			}
			b.file.reset()
			b.unkeyed = false
			continue
		}
		b.file.add(b.sums[i])
		b.unkeyed = b.unkeyed || !fp.keyed
		if b.bad[i] != nil {
			b.contradicted++
			b.contradicts(b.lines[i], b.bad[i])
			continue
		}
		if err := b.add(&b.facts[i], b.lines[i], b.fps[i]); err != nil {
			return err
		}
	}
	b.lines, b.fps = b.lines[:0], b.fps[:0]
	return nil
}

// AddStore adds a store, read when the summary is made.
func (in *Inputs) AddStore(st *store.Store) error {
	in.list = append(in.list, &input{src: Source{Name: st.Path(), Kind: InputStore}, store: st})
	return nil
}

// AddNDJSON adds an export of records, one JSON object a line, as
// `digicheck export --format ndjson` writes them. r is read again when the
// summary is made: keep it open until then.
// A file of records check --salvage wrote is added as InputSalvage.
func (in *Inputs) AddNDJSON(r io.ReadSeeker, name string) error {
	salvaged := false // its start line carries store.SalvageMark
	err := in.addFile(r, name, InputNDJSON, func(r io.Reader, push func(int, print, reducer) error) error {
		ls := newLines(r, name)
		ls.ndjson = true
		end := endCheck{name: name, what: "line"}
		// Whether the export's first record line carries a row check:
		// one whose end line says its lines were checked must.
		linesChecked := true
		for {
			b, err := ls.next()
			if errors.Is(err, io.EOF) {
				return end.finish(in)
			}
			if errors.Is(err, errLineTooLong) || errors.Is(err, errCutShort) {
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
			if isMarkLine(b) {
				kind, count, sp, spanned, check, rowsChecked, err := markOf(b)
				if err == nil && kind == MarkEnd && rowsChecked && (check == "" || !linesChecked) {
					return lineChecksTakenOut(name, line)
				}
				switch {
				case err != nil:
					return fmt.Errorf("%s:%d: the export's mark line cannot be read (%v): the file has been changed since it was exported; export it again", name, line, err)
				case kind == MarkStart:
					if line == 1 && salvageStart(b) {
						salvaged = true
						end.again = "salvage them again from the damaged store (digicheck check --salvage NEWFILE)"
					}
					err = end.start(line)
				case kind == MarkEnd:
					if err = end.end(line, count, sp, spanned); err == nil && end.held != line {
						err = push(line, print{mark: true, check: check, checked: check != ""}, nil)
					}
				default:
					err = fmt.Errorf("%s:%d: %q is no mark of a digicheck export: the file has been changed since it was exported; export it again", name, line, kind)
				}
				if err != nil {
					return err
				}
				continue
			}
			if b[0] != '{' || b[len(b)-1] != '}' {
				// A record spread over several lines (jq ., json.dumps
				// with indent) was refused as "not a digicheck record:
				// unexpected end of JSON input", with nothing to do.
				return notOneRecordALine(name, line)
			}
			if err := end.record(line); err != nil {
				return err
			}
			if ndjsonField(b, "status") == StatusUnreadable {
				return unreadableRecord(fmt.Sprintf("%s:%d", name, line), ndjsonField(b, "id"), ndjsonValue(b, DamagedColumn, true))
			}
			b = bytes.Clone(b)
			in.noteOffset(name, line, b)
			fp := print{fp: ndjsonFingerprint(b)}
			fp.lost = fp.fp == "" && secretDamaged(ndjsonValue(b, DamagedColumn, true))
			if fp.key, err = parseRecordKey(ndjsonValue(b, RecordKeyColumn, true)); err != nil {
				return fmt.Errorf("%s:%d: %v", name, line, err)
			}
			fp.check, fp.checked = ndjsonAt(b, RowCheckColumn, true)
			if end.records == 1 { // the first record line of an export
				linesChecked = fp.checked
			}
			end.unchecked = end.unchecked || !fp.checked
			_, fp.keyed = ndjsonAt(b, RecordKeyColumn, true)
			err = push(line, fp, func(f *facts.Fact, sum *rowSum) error {
				var r record.Record
				if err := json.Unmarshal(b, &r); err != nil {
					return fmt.Errorf("%s:%d: not a digicheck record: %v", name, line, err)
				}
				if r.ID.IsZero() {
					return fmt.Errorf("%s:%d: not a digicheck record: no id", name, line)
				}
				if fp.checked {
					s := rowSummers.Get().(*rowSummer)
					*sum, err = s.ndjsonRowSum(&r, b)
					rowSummers.Put(s)
					if err != nil {
						return fmt.Errorf("%s:%d: %v", name, line, err)
					}
				}
				for _, t := range []struct {
					field, value string
					show         bool
				}{
					{"patient identifier", r.Patient.Value, false},
					{"clinician", r.Clinician, false},
					{"team", r.Team, true},
					{"reason for the void", r.VoidReason, false},
					{"reason for the amendment", r.AmendReason, false},
				} {
					if err := checkSaved(t.field, t.value, t.show); err != nil {
						return fmt.Errorf("%s:%d: %v", name, line, err)
					}
				}
				var err error
				ins := instrument(in.Instruments, r.InstrumentVersion)
				if *f, err = facts.FromRecord(&r, ins); err != nil {
					return fmt.Errorf("%s:%d: %v", name, line, err)
				}
				if in.CheckBands {
					if err := bandsFollow(f, ins); err != nil {
						return fmt.Errorf("%s:%d: %w", name, line, err)
					}
				}
				if fp.checked && !rowCheckMatches(*sum, fp.check, fp.keyed) {
					return rowChanged(name, line, "line")
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
	})
	if err == nil && salvaged {
		in.list[len(in.list)-1].src.Kind = InputSalvage
	}
	return err
}

// salvageStart reports whether an NDJSON start line is that of a file
// digicheck check --salvage wrote: it carries store.SalvageMark.
func salvageStart(b []byte) bool {
	var m struct {
		Damaged string `json:"damaged_store"`
	}
	return json.Unmarshal(b, &m) == nil && m.Damaged == store.SalvageMark
}

// mixedIDs refuses inputs that hold the same kind of record under ids no
// summary can match: a store's or an identifiable export's ids in the
// clear, and a pseudonymised export's pseudonymous ids. An assessment in
// both would be counted twice, silently.
func (in *Inputs) mixedIDs() error {
	var clear, pseud *input
	for _, x := range in.list {
		if (x.store != nil || x.clear > 0) && clear == nil {
			clear = x
		}
		if x.pseudonymous > 0 && pseud == nil {
			pseud = x
		}
	}
	if clear == nil || pseud == nil {
		return nil
	}
	what := "record ids in the clear"
	if clear.store != nil {
		what = "the store's own record ids"
	}
	return fmt.Errorf("%s holds pseudonymous record ids and %s holds %s: an assessment in both cannot be recognised as one, so it would be counted twice. Summarise pseudonymised exports together (made with the same key), or stores and identifiable exports together", pseud.src.Name, clear.src.Name, what)
}

// fingerprinted is one record's fingerprint, id, patient and the ids of
// the records it amends and follows up, as an export names them.
type fingerprinted struct {
	fp                [fingerprintLen]byte
	id                uuid.UUID
	patient           string
	amends, followsUp uuid.UUID
}

// matchCopies notes the fingerprints of x's records, and finds those read
// already from an earlier input under other ids: x is then read under the
// earlier ids and patients, so each such record is counted once, as a
// record met in two inputs is (see OverlapWarnings). It reports whether x
// has any.
//
// The fingerprints of the first input to carry them are kept as read, and
// looked up by fingerprint only once a second such input is added: a
// table of every record of a 1,000,000-row export, made for an export
// that had no other to be matched with, took 250 MB.
func (in *Inputs) matchCopies(x *input, mine []fingerprinted) bool {
	if len(mine) == 0 {
		return false
	}
	if in.copies == nil {
		var first *input
		for _, e := range in.list {
			if len(e.prints) > 0 {
				first = e
			}
		}
		if first == nil {
			x.prints = mine
			return false
		}
		in.copies = make(map[[fingerprintLen]byte]copyOf, len(first.prints)+len(mine))
		for _, m := range first.prints {
			if _, ok := in.copies[m.fp]; !ok {
				in.copies[m.fp] = copyOf{id: m.id, patient: m.patient, input: first, amends: m.amends, followsUp: m.followsUp}
			}
		}
		first.prints = nil
	}
	shared := map[*input]int{}
	for _, m := range mine {
		c, ok := in.copies[m.fp]
		if !ok {
			in.copies[m.fp] = copyOf{id: m.id, patient: m.patient, input: x, amends: m.amends, followsUp: m.followsUp}
			continue
		}
		if c.id == m.id || c.input == x {
			continue // the same ids (the same key), or a line repeated
		}
		if x.ids == nil {
			x.ids, x.patients = map[uuid.UUID]uuid.UUID{}, map[string]string{}
		}
		x.ids[m.id] = c.id
		x.patients[m.patient] = c.patient
		// The records it amends and follows up are the same records too,
		// though one input may not hold them (an export of February on
		// names a January baseline it leaves out): their ids are learnt
		// from the record both hold, or a follow-up's link would differ
		// and the record be counted as one that differs between inputs.
		for _, l := range [2][2]uuid.UUID{{m.amends, c.amends}, {m.followsUp, c.followsUp}} {
			if l[0] != uuid.Nil && l[1] != uuid.Nil {
				if _, known := x.ids[l[0]]; !known {
					x.ids[l[0]] = l[1]
				}
			}
		}
		if shared[c.input] == 0 {
			x.overlaps = append(x.overlaps, overlap{with: c.input})
		}
		shared[c.input]++
	}
	for i := range x.overlaps {
		x.overlaps[i].records = shared[x.overlaps[i].with]
	}
	if x.ids == nil {
		return false
	}
	for i, l := range x.links {
		x.links[i] = [2]uuid.UUID{x.copied(l[0]), x.copied(l[1])}
	}
	return true
}

// copied is id as the earlier input that holds its record names it.
func (x *input) copied(id uuid.UUID) uuid.UUID {
	if c, ok := x.ids[id]; ok {
		return c
	}
	return id
}

// asCopied names f's record, links and patient as an earlier input that
// holds the same records does.
func (x *input) asCopied(f *facts.Fact) {
	if x.ids == nil {
		return
	}
	f.ID, f.Amends, f.FollowsUp = x.copied(f.ID), x.copied(f.Amends), x.copied(f.FollowsUp)
	if p, ok := x.patients[f.Patient.Value]; ok {
		f.Patient.Value = p
	}
}

// ndjsonFingerprint is the fingerprint field of a line of a pseudonymised
// NDJSON export, written last; "" for none. Inside a JSON string a quote
// is escaped, so the field's name cannot be met there.
func ndjsonFingerprint(b []byte) string {
	return ndjsonValue(b, FingerprintColumn, true)
}

// noteOffset notes, for a line b of a pseudonymised NDJSON export, the
// UTC offset its day starts at. A pseudonymised record's time is the
// start of its day in the export's time zone, with that zone's offset
// ("2026-06-01T00:00:00-04:00"), and NDJSON names no zone: counted in
// another zone, such a record falls on the export's day, under the other
// zone's name. A line with its id in the clear has its exact time, which
// any zone counts rightly.
//
// Every record's day is noted, not only the first's: an export made with
// --tz UTC from January to June starts its days at +00:00 throughout,
// which is London's offset in winter, and was read as London's; its
// summer days are not.
func (in *Inputs) noteOffset(name string, line int, b []byte) {
	id := ndjsonField(b, "id")
	if len(id) != 36 || id[14] != '8' { // a pseudonymous id is a version 8 UUID
		return
	}
	ts := ndjsonField(b, "time")
	t, err := time.Parse(time.RFC3339, ts)
	if err != nil || t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
		return
	}
	if in.offsets == nil {
		in.offsets = map[string]*dayStarts{}
	}
	d := in.offsets[name]
	if d == nil {
		d = &dayStarts{seen: map[string]bool{}}
		in.offsets[name] = d
	}
	if !d.seen[ts] {
		d.seen[ts] = true
		d.list = append(d.list, fileDay{t: t, ts: ts, line: line})
	}
}

// ndjsonField is the string value of a top-level field of a line of an
// NDJSON export as digicheck writes it ("field":"value"), "" for none: the
// first, which for id and time is the record's own.
func ndjsonField(b []byte, field string) string { return ndjsonValue(b, field, false) }

// ndjsonValue is the string value of field in line b, the first or (last)
// the last "field":" in b, "" for none (ndjsonAt).
func ndjsonValue(b []byte, field string, last bool) string {
	v, _ := ndjsonAt(b, field, last)
	return v
}

// ndjsonAt is the string value of field in line b, the first or (last)
// the last in b, and whether b has the field at all. JSON allows spaces
// between a name, its colon and its value, as a line re-written by a
// tool (Python's json.dumps) has them: looked for as "field":" alone, a
// line re-written so with the same values was refused as changed, its
// row check not found. A value that is no string is "".
func ndjsonAt(b []byte, field string, last bool) (string, bool) {
	key := make([]byte, 0, len(field)+4)
	key = append(append(append(key, '"'), field...), `":"`...)
	if i := index(b, key, last); i >= 0 { // as digicheck writes it
		rest := b[i+len(key):]
		if j := bytes.IndexByte(rest, '"'); j >= 0 {
			return string(rest[:j]), true
		}
		return "", true
	}
	key = key[:len(key)-2] // "field"
	for rest := b; ; {
		i := index(rest, key, last)
		if i < 0 {
			return "", false
		}
		after := bytes.TrimLeft(rest[i+len(key):], " \t\r\n")
		if len(after) > 0 && after[0] == ':' {
			v := bytes.TrimLeft(after[1:], " \t\r\n")
			if len(v) == 0 || v[0] != '"' {
				return "", true
			}
			if j := bytes.IndexByte(v[1:], '"'); j >= 0 {
				return string(v[1 : 1+j]), true
			}
			return "", true
		}
		if last { // no name here: a value holding it
			rest = rest[:i]
		} else {
			rest = rest[i+1:]
		}
	}
}

// index is bytes.Index, or (last) bytes.LastIndex.
func index(b, sep []byte, last bool) int {
	if last {
		return bytes.LastIndex(b, sep)
	}
	return bytes.Index(b, sep)
}
