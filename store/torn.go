package store

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"digicheck/record"
	"digicheck/store/packed"
)

// A store cut short. A copy that stopped, or a disk that filled, leaves a
// store file shorter than its meta page says: bbolt would read past its
// end, so it is refused, and left as it is. What it still holds is often
// nearly everything (a copy cut in a page no save used any more loses
// nothing). So a reader that exports may read it from a copy padded with
// zeros to its full length (OpenCutShort): the missing part reads as
// pages that cannot be read, whose records are lost and named as any lost
// page's are, and the rest is read as from any damaged store. The file
// itself is never changed, and the copy is removed when done.

// CutShort is a store file read from a padded copy: its path, how long it
// is and how long its meta page says it should be.
type CutShort struct {
	Path       string
	Size, Want int64
	tmp        string
}

// String says how the file is cut short, for a warning or a mark.
func (c *CutShort) String() string {
	return fmt.Sprintf("the store file %s is cut short (%s): anything kept only in its missing part is lost", c.Path, cutText(c.Size, c.Want))
}

// cutText says how much of want bytes a file of size holds, in plain
// words: "98 KB of the 104 KB its header gives".
func cutText(size, want int64) string {
	have, of := SizeText(size), SizeText(want)
	if have == of {
		// "52 KB of the 52 KB" said nothing was missing.
		have = SizeText(want-size) + " short"
	}
	return have + " of the " + of + " its header gives"
}

// Close removes the padded copy.
func (c *CutShort) Close() error { return os.Remove(c.tmp) }

// Temp is the padded copy's path, which messages from the Store read from
// it name (HideTemporaries names the store instead).
func (c *CutShort) Temp() string { return c.tmp }

// OpenCutShort opens, for reading, a copy of the store file at path padded
// with zeros to the length its newest sound meta page gives, when the file
// is cut short; ok is false, and nothing is made, when it is not. The copy
// is made beside the file, readable by its owner only, named as the
// temporaries of exports and backups are (swept if its maker dies), and is
// never marked damaged nor written: every write to it is refused.
func OpenCutShort(path string) (st *Store, c *CutShort, ok bool, err error) {
	if path, err = filepath.Abs(path); err != nil {
		return nil, nil, false, err
	}
	if err := NotRegular(path); err != nil {
		return nil, nil, false, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, false, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, false, err
	}
	var want int64
	for _, m := range metas(f) {
		if n := int64(m.hwm) * int64(m.pageSize); m.hwm > 1 && n > fi.Size() && n > want && n <= fi.Size()*64+1<<30 {
			want = n
		}
	}
	if want == 0 {
		return nil, nil, false, nil
	}
	// Copies left by a reader that was killed are cleared first: each
	// is a copy of patient data.
	SweepTemporaries(filepath.Dir(path))
	tmp, err := CreateTemp(filepath.Dir(path), "torn")
	if err != nil {
		return nil, nil, false, err
	}
	c = &CutShort{Path: path, Size: fi.Size(), Want: want, tmp: tmp.Name()}
	_, err = io.Copy(tmp, f)
	if err == nil {
		err = tmp.Truncate(want)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		if st, err = Open(c.tmp, Options{}); err == nil {
			st.noteDamage(&Error{ErrDamaged, c.String(), nil}) // refuses every write
			return st, c, true, nil
		}
	}
	_ = os.Remove(c.tmp)
	return nil, nil, false, HideTemporaries(err, path, c.tmp)
}

// cutShortPages is what the pages left in a store file cut short still
// hold, read page by page when the file cannot be opened even from a
// padded copy (the page its newest save names as the root is among those
// cut off): how many pages the header gives and how many are missing, and
// the ids of the records found whole on the pages left, each passing its
// own checksum, in id order.
type cutShortPages struct {
	want, missing uint64
	readable      []string
}

// scanCutShort reads the store file at path page by page when it is
// shorter than its newest sound meta page says; ok is false when it is
// not. Nothing is written.
func scanCutShort(path string) (c cutShortPages, ok bool) {
	if NotRegular(path) != nil {
		return c, false
	}
	f, err := os.Open(path)
	if err != nil {
		return c, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return c, false
	}
	var m boltMeta
	for _, mm := range metas(f) {
		if mm.hwm > 1 && int64(mm.hwm)*int64(mm.pageSize) > fi.Size() && mm.hwm > m.hwm {
			m = mm
		}
	}
	if m.hwm == 0 {
		return c, false
	}
	ps := int64(m.pageSize)
	whole := uint64(fi.Size() / ps)
	c.want, c.missing = m.hwm, m.hwm-whole
	seen := map[string]bool{}
	wholeRecords(f, ps, whole, func(rec record.Record, _ []byte) {
		seen[rec.ID.String()] = true
	})
	c.readable = slices.Sorted(maps.Keys(seen))
	return c, true
}

// wholeRecords calls fn with every record on the leaf pages of the first
// end pages of r (pages of ps bytes) whose bytes pass its own checksum
// and decode under its own id, with those bytes: a record found on
// several pages (an earlier copy of a page, freed) is given each time.
func wholeRecords(r io.ReaderAt, ps int64, end uint64, fn func(rec record.Record, val []byte)) {
	eachLeafPage(r, ps, end, nil, func(_ uint64, es []pageElem) {
		for _, e := range es {
			if e.flags&bucketLeafFlag != 0 || len(e.key) != 36 {
				continue
			}
			// Only a record whose bytes pass its own checksum: nothing
			// else in the file passes it by chance.
			if !packed.Summed(e.val) || !packed.SumOK(e.val) {
				continue
			}
			rec, err := decodeRecord(e.key, e.val)
			if err != nil || rec.ID.String() != string(e.key) || !isRecordStatus(rec.Status) {
				continue
			}
			fn(rec, e.val)
		}
	})
}

// Salvaged is what Salvage wrote: how many records, and the size of the
// store's pages when it was inferred (neither meta page could be read, so
// it was taken as the size at which records are found whole), else 0.
type Salvaged struct {
	Records          int
	InferredPageSize int64
}

// Salvage writes to w, one JSON line each (the record as digicheck holds
// it, patient and answers included), every record that can still be read
// whole from the pages of the store file at path, each passing its own
// checksum, once, in the order of the pages they are on, and says how
// many. It is for a file
// check reports as cut short or damaged: the records check lists as left
// "for IT to recover" are read out, to be entered again or kept. The file
// is only read, page by page, never opened as a store, so a file no
// command can open is salvaged all the same; a record saved before
// records carried checksums is not written, as nothing tells it whole.
//
// When neither meta page can be read, the size of the pages is not given
// by them; it is inferred (pageSizeOfRecords) as the size at which the
// most records are found whole, each by its own checksum, so a store whose
// two meta pages alone are damaged still gives every record.
//
// The lines are framed as an NDJSON export's, so that a summary reads
// the file as one and knows it whole: a first line
// {"digicheck_export":"start"} and a last, the end mark, that says how
// many records are above it; and every line carries SalvageMark in its
// damaged_store field, as an export of a damaged store does, so that a
// summary of it, and the file passed on, say what it is.
func Salvage(path string, w io.Writer) (Salvaged, error) {
	var sv Salvaged
	if err := NotRegular(path); err != nil {
		return sv, err
	}
	f, err := os.Open(path)
	if err != nil {
		return sv, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return sv, err
	}
	var ps int64
	for _, m := range metas(f) {
		ps = int64(m.pageSize)
	}
	if ps == 0 {
		if ps, _ = pageSizeOfRecords(f, fi.Size()); ps == 0 {
			return sv, damaged(path, "neither of its header pages can be read, and no record was found whole (by its own checksum) at any size of page a store can have, so none could be salvaged", nil)
		}
		sv.InferredPageSize = ps
	}
	seen := map[record.ID]bool{} // 16 bytes a record: a million is 16 MB
	bw := bufio.NewWriter(w)
	mark, _ := json.Marshal(SalvageMark)
	marked := append([]byte(`,"damaged_store":`), mark...)
	start := append(append([]byte(`{"digicheck_export":"start"`), marked...), '}', '\n')
	_, werr := bw.Write(start)
	wholeRecords(f, ps, uint64(fi.Size()/ps), func(rec record.Record, _ []byte) {
		if seen[rec.ID] || werr != nil {
			return
		}
		b, err := json.Marshal(rec)
		if err != nil || len(b) < 2 || b[len(b)-1] != '}' {
			return
		}
		seen[rec.ID] = true
		b = append(append(b[:len(b)-1], marked...), '}', '\n')
		_, werr = bw.Write(b)
	})
	sv.Records = len(seen)
	if werr != nil {
		return sv, werr
	}
	end := fmt.Appendf(nil, `{"digicheck_export":"end","records":%d%s}`+"\n", sv.Records, marked)
	if _, err := bw.Write(end); err != nil {
		return sv, err
	}
	return sv, bw.Flush()
}

// pageSizeOfRecords infers the size of the pages of a store file of size
// bytes whose meta pages cannot be read: of the sizes a store can have
// (the one either meta page's field gives, if one a store can have; the
// machine's; 4096; then every other bbolt allows), the one at which the
// most records are found whole by their own checksums, the first so
// listed on a tie, and how many records are whole at it; 0 when none is
// found at any. Reading pages of the
// wrong size finds at most some of the records (those on pages that
// start where a page of that size would), never one not whole: each
// passes its own checksum.
func pageSizeOfRecords(r io.ReaderAt, size int64) (ps int64, records int) {
	var tries []int64
	try := func(ps uint32) {
		if validPageSize(ps) && !slices.Contains(tries, int64(ps)) && int64(ps) <= size {
			tries = append(tries, int64(ps))
		}
	}
	sizes := []uint32{4096, 8192, 16384, 32768, 65536, 2048, 1024, 512}
	field := func(off int64) uint32 {
		var b [4]byte
		if n, _ := r.ReadAt(b[:], off); n != 4 {
			return 0
		}
		return binary.LittleEndian.Uint32(b[:])
	}
	// The first meta page's field, then the second's, which is one
	// page on and gives the size it is at.
	try(field(24))
	for _, ps := range sizes {
		if field(int64(ps)+24) == ps {
			try(ps)
		}
	}
	try(uint32(os.Getpagesize()))
	for _, ps := range sizes {
		try(ps)
	}
	var best int64
	most := 0
	for _, ps := range tries {
		seen := map[record.ID]bool{}
		wholeRecords(r, ps, uint64(size/ps), func(rec record.Record, _ []byte) { seen[rec.ID] = true })
		if len(seen) > most {
			best, most = ps, len(seen)
		}
	}
	return best, most
}

// scanHeaderless is, for a store file at path neither of whose meta pages
// can be read, how many records are whole in it (each by its own
// checksum) at the page size inferred (pageSizeOfRecords), which salvage
// writes; ok is false when a meta page can be read or none is whole.
// Nothing is written.
func scanHeaderless(path string) (records int, ps int64, ok bool) {
	if NotRegular(path) != nil {
		return 0, 0, false
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || len(metas(f)) != 0 {
		return 0, 0, false
	}
	ps, records = pageSizeOfRecords(f, fi.Size())
	return records, ps, records > 0
}

// SalvageMark is the damaged_store field of every line of a file Salvage
// writes: what a summary of the file says of it, as it says an export's
// mark of a damaged store.
const SalvageMark = "salvaged by digicheck check --salvage from a damaged store file: only the records still whole in it, so assessments, amendments and voids saved in it may be missing"
