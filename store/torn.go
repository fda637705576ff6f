package store

import (
	"bufio"
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

// Salvage writes to w, one JSON line each (the record as digicheck holds
// it, patient and answers included), every record that can still be read
// whole from the pages of the store file at path, each passing its own
// checksum, once, in the order of the pages they are on, and returns how
// many. It is for a file
// check reports as cut short or damaged: the records check lists as left
// "for IT to recover" are read out, to be entered again or kept. The file
// is only read, page by page, never opened as a store, so a file no
// command can open is salvaged all the same; a record saved before
// records carried checksums is not written, as nothing tells it whole.
func Salvage(path string, w io.Writer) (int, error) {
	if err := NotRegular(path); err != nil {
		return 0, err
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0, err
	}
	var ps int64
	for _, m := range metas(f) {
		ps = int64(m.pageSize)
	}
	if ps == 0 {
		return 0, damaged(path, "neither of its header pages can be read, so the size of its pages is not known and no record can be told apart", nil)
	}
	seen := map[record.ID]bool{} // 16 bytes a record: a million is 16 MB
	bw := bufio.NewWriter(w)
	var werr error
	wholeRecords(f, ps, uint64(fi.Size()/ps), func(rec record.Record, _ []byte) {
		if seen[rec.ID] || werr != nil {
			return
		}
		b, err := json.Marshal(rec)
		if err != nil {
			return
		}
		seen[rec.ID] = true
		b = append(b, '\n')
		_, werr = bw.Write(b)
	})
	if werr != nil {
		return len(seen), werr
	}
	return len(seen), bw.Flush()
}
