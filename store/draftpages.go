package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/questionnaire"
	"digicheck/record"
)

// Damaged pages of drafts, set aside. A damaged page of the drafts' tree
// (the page that leads to every page of drafts zeroed, say) made the whole
// store read-only: no write may let bbolt read or free pages of a tree it
// cannot trust, and the walk that proves the free list sound (checkFree)
// stopped at it. Every save, draft and backup was refused, though every
// record was sound, and a nurse offline could save no assessment at all.
//
// So the drafts' tree is set aside with its pages, kept in the file as they
// are, and the drafts go on in a bucket of their own. The first write that
// finds the live drafts' tree damaged, and every other tree and the free
// list sound (checkFree: the pages in use by nothing else, and not free,
// are the set-aside tree's), in the same transaction:
//
//   - reads every draft from its own page (draftsOnPages), and keeps each
//     sound one not saved as a record in a new bucket of drafts, so that
//     none is lost;
//   - notes in the meta bucket the bucket set aside, its pages, and the
//     drafts on them that cannot be read (by key and patient, where that
//     can be read), and that drafts are kept in the new bucket from now on.
//
// The set-aside bucket is never opened through bbolt again, so bbolt
// never reads, rewrites or frees its pages; every walk of every tree
// (checkFree, check) counts its noted pages as in use and reads none of
// them. The drafts that cannot be read are named, by patient, wherever a
// draft whose own bytes are damaged is (ListDrafts, check's SET ASIDE, a
// backup's summary), until check --discard-damaged-drafts wipes the pages
// with zeros (DiscardDamagedDrafts). When every draft on them was read and
// kept, the pages are wiped at once: they hold nothing the new bucket does
// not, and a draft discarded later must not stay readable there.

var (
	// keyDraftsBucket, in the meta bucket, names the bucket drafts are
	// kept in once a damaged one has been set aside (bucketDrafts
	// until then).
	keyDraftsBucket = []byte("draftsBucket")
	// keyDraftsAside, in the meta bucket, is the JSON list of the
	// buckets of drafts set aside with their pages (asideDrafts).
	keyDraftsAside = []byte("draftsAside")
)

// asideDrafts is a bucket of drafts set aside with its damaged pages.
type asideDrafts struct {
	Bucket string    `json:"bucket"`
	At     time.Time `json:"at"`
	// Pages are the pages set aside: the tree's, and any below a damaged
	// page that nothing else reaches. Counted as in use by every walk,
	// never read.
	Pages []uint64 `json:"pages"`
	// Why is what the walk found damaged, for IT.
	Why string `json:"why"`
	// Kept is how many drafts were read from the pages and kept.
	Kept int `json:"kept"`
	// Lost are the drafts on the pages that could not be read.
	Lost []asideDraft `json:"lost,omitempty"`
	// Wipe is set when the pages are to be overwritten with zeros by the
	// next write (scrubIfAsked), Wiped once they have been.
	Wipe  bool `json:"wipe,omitempty"`
	Wiped bool `json:"wiped,omitempty"`
}

// asideDraft is a draft on pages set aside that could not be read.
type asideDraft struct {
	Key     string           `json:"key"`
	Patient record.PatientID `json:"patient,omitzero"`
	Why     string           `json:"why,omitempty"`
}

// draftsName is the bucket the drafts of tx are kept in.
func draftsName(tx *bolt.Tx) []byte {
	if m := tx.Bucket(bucketMeta); m != nil {
		if v := m.Get(keyDraftsBucket); len(v) > 0 {
			return bytes.Clone(v)
		}
	}
	return bucketDrafts
}

// draftsOf is the bucket of drafts of tx, nil when there is none yet.
func draftsOf(tx *bolt.Tx) *bolt.Bucket { return tx.Bucket(draftsName(tx)) }

// asideIn are the buckets of drafts set aside in tx.
func asideIn(tx *bolt.Tx) []asideDrafts {
	m := tx.Bucket(bucketMeta)
	if m == nil {
		return nil
	}
	return parseAside(m.Get(keyDraftsAside))
}

func parseAside(v []byte) []asideDrafts {
	if len(v) == 0 {
		return nil
	}
	var out []asideDrafts
	if json.Unmarshal(v, &out) != nil {
		return nil
	}
	return out
}

// draftsOnFile is, for meta page m of r read as pages (no bbolt), the
// bucket the drafts are kept in and the buckets set aside.
func draftsOnFile(r io.ReaderAt, m boltMeta) (live []byte, aside []asideDrafts) {
	live = bucketDrafts
	if m.pageSize == 0 || m.hwm < 2 {
		return live, nil
	}
	w := newWalker(r, m, bucketMeta, nil)
	w.entry = func(what string, k, v []byte) {
		if what != string(bucketMeta) {
			return
		}
		switch {
		case bytes.Equal(k, keyDraftsBucket) && len(v) > 0:
			live = bytes.Clone(v)
		case bytes.Equal(k, keyDraftsAside):
			aside = parseAside(v)
		}
	}
	w.tree(m.root, "root", nil, nil, 0)
	return live, aside
}

// asidePages is the walker's map of the buckets set aside to their pages.
func asidePages(aside []asideDrafts) map[string][]uint64 {
	if len(aside) == 0 {
		return nil
	}
	out := map[string][]uint64{}
	for _, a := range aside {
		out[a.Bucket] = a.Pages
	}
	return out
}

// asideOnFile is asidePages of the buckets set aside in meta page m of r.
func asideOnFile(r io.ReaderAt, m boltMeta) map[string][]uint64 {
	_, aside := draftsOnFile(r, m)
	return asidePages(aside)
}

// draftsToSetAside is found by checkFree: the live drafts' tree is
// damaged and nothing else is, and these are its pages.
type draftsToSetAside struct {
	bucket []byte
	pages  []uint64
	why    string
}

// draftsAsideWalk is freeListWhy's second look, once its walk of every
// tree found damage: whether the damage is the live drafts' tree's alone.
// It walks every tree but that one, and the free list; when they are sound
// and the drafts' tree is damaged, the pages neither they nor the free
// list reach are the drafts' tree's, to set aside.
func draftsAsideWalk(r io.ReaderAt, m boltMeta) *draftsToSetAside {
	live, aside := draftsOnFile(r, m)
	broken, why := draftsTreeBroken(r, m)
	if !broken {
		return nil
	}
	for _, a := range aside {
		if a.Bucket == string(live) {
			return nil // already set aside: noted, and not to be noted twice
		}
	}
	skip := asidePages(aside)
	if skip == nil {
		skip = map[string][]uint64{}
	}
	skip[string(live)] = nil
	var first string
	w := newWalker(r, m, nil, firstProblem(&first))
	w.aside = skip
	w.tree(m.root, "root", nil, nil, 0)
	if w.broken {
		return nil
	}
	w.freelist()
	if w.broken {
		return nil
	}
	out := &draftsToSetAside{bucket: live, why: why}
	for id := uint64(2); id < m.hwm; id++ {
		if !w.seen(id) {
			out.pages = append(out.pages, id)
		}
	}
	if !accountedFor(r, m, bucketRootOnFile(r, m, live), out.pages) {
		return nil
	}
	return out
}

// accountedFor reports whether the pages of drafts to set aside (pages,
// in id order, the drafts' tree's root page among them) lose no draft
// unsaid: every page among them reads as a branch or a leaf of its own id
// but the root, and when the root does not, leaves of drafts lie among
// them (the root led to them: their drafts are read from their own
// pages). A page of no valid kind below the root, or a root of no valid
// kind with no leaf left, is a page whose drafts cannot be known or
// named: damage of the store, not pages to set aside and keep quiet of.
func accountedFor(r io.ReaderAt, m boltMeta, root uint64, pages []uint64) bool {
	le := binary.LittleEndian
	ps := int64(m.pageSize)
	var h [pageHeaderSize]byte
	leaves, rootBad := 0, false
	for i := 0; i < len(pages); i++ {
		id := pages[i]
		valid := false
		var overflow uint64
		if _, err := r.ReadAt(h[:], int64(id)*ps); err == nil {
			overflow = uint64(le.Uint32(h[12:]))
			flags := le.Uint16(h[8:])
			valid = le.Uint64(h[0:]) == id && (flags == flagLeaf || flags == flagBranch) &&
				id+overflow < m.hwm && int64(overflow+1)*ps <= maxPageBytes
			if valid && flags == flagLeaf {
				leaves++
			}
		}
		if !valid {
			if id != root {
				return false
			}
			rootBad = true
			continue
		}
		for i+1 < len(pages) && pages[i+1] <= id+overflow {
			i++ // its overflow pages: the page's own bytes, no header
		}
	}
	return !rootBad || leaves > 0
}

// bucketRootOnFile is, for meta page m of r read as pages (no bbolt), the
// root page of the top-level bucket name: 0 when it is kept inline, or
// cannot be found.
func bucketRootOnFile(r io.ReaderAt, m boltMeta, name []byte) uint64 {
	ps := int64(m.pageSize)
	id := m.root
	for range maxDepth {
		if id < 2 || id >= m.hwm {
			return 0
		}
		buf, err := pageBytes(r, int64(id)*ps, ps)
		if err != nil {
			return 0
		}
		if overflow := int64(binary.LittleEndian.Uint32(buf[12:])); overflow > 0 {
			if (overflow+1)*ps > maxPageBytes {
				return 0
			}
			if buf, err = pageBytes(r, int64(id)*ps, (overflow+1)*ps); err != nil {
				return 0
			}
		}
		es, branch, why := elems(nil, buf, nil, nil, false)
		if why != "" || len(es) == 0 {
			return 0
		}
		if !branch {
			for _, e := range es {
				if bytes.Equal(e.key, name) && e.flags&bucketLeafFlag != 0 && len(e.val) >= 16 {
					return binary.LittleEndian.Uint64(e.val)
				}
			}
			return 0
		}
		next := es[0].child
		for _, e := range es[1:] {
			if bytes.Compare(e.key, name) > 0 {
				break
			}
			next = e.child
		}
		id = next
	}
	return 0
}

// setAsideDrafts sets the live drafts' tree aside in write transaction tx
// (see above): its drafts that can be read, read from their own pages, go
// on in a new bucket, and what cannot be read is noted.
func (s *Store) setAsideDrafts(tx *bolt.Tx, at *txFile, set *draftsToSetAside) error {
	meta := tx.Bucket(bucketMeta)
	aside := asideIn(tx)
	name := []byte(fmt.Sprintf("%s.%d", bucketDrafts, len(aside)+1))
	for tx.Bucket(name) != nil {
		name = append(name, '+')
	}
	nb, err := tx.CreateBucket(name)
	if err != nil {
		return err
	}
	within := map[uint64]bool{}
	for _, p := range set.pages {
		within[p] = true
	}
	sound, bad := s.draftsOnPagesIn(at.pages(tx), at.meta, func(id uint64) bool { return within[id] })
	recs := tx.Bucket(bucketRecords)
	a := asideDrafts{Bucket: string(set.bucket), At: time.Now().UTC(), Pages: set.pages, Why: set.why}
	for _, d := range sound {
		key := recordKey(d.ID)
		if saved, err := savedIn(recs, key); err == nil && saved {
			continue // finished: its record is there
		}
		if err := putDraft(tx, nb, key, &d); err != nil {
			return err
		}
		a.Kept++
	}
	for _, p := range bad {
		why := ""
		if p.err != nil {
			why = p.err.Error()
		}
		a.Lost = append(a.Lost, asideDraft{Key: string(p.key), Patient: p.patient, Why: why})
	}
	if len(a.Lost) == 0 {
		// Every draft on them was read and kept: nothing is left to
		// salvage, and a copy of a draft must not outlive its discard.
		a.Wipe = true
		if err := askScrub(tx); err != nil {
			return err
		}
	}
	v, err := json.Marshal(append(aside, a))
	if err != nil {
		return err
	}
	if err := meta.Put(keyDraftsAside, v); err != nil {
		return err
	}
	return meta.Put(keyDraftsBucket, name)
}

// wipeAside overwrites with zeros the pages of the buckets set aside
// whose wipe is due, in write transaction tx (scrubIfAsked), and notes
// them wiped.
func wipeAside(tx *bolt.Tx, at *txFile) (bool, error) {
	aside := asideIn(tx)
	due := false
	for i := range aside {
		if !aside[i].Wipe || aside[i].Wiped {
			continue
		}
		due = true
		ps := int64(at.meta.pageSize)
		zeros := make([]byte, ps)
		for _, p := range aside[i].Pages {
			if p < 2 || p >= at.meta.hwm {
				continue
			}
			if _, err := at.f.WriteAt(zeros, int64(p)*ps); err != nil {
				return false, err
			}
		}
		aside[i].Wiped, aside[i].Lost = true, nil
	}
	if !due {
		return false, nil
	}
	if err := at.f.Sync(); err != nil {
		return false, err
	}
	v, err := json.Marshal(aside)
	if err != nil {
		return false, err
	}
	return true, tx.Bucket(bucketMeta).Put(keyDraftsAside, v)
}

// asideLost are the drafts on pages set aside that cannot be read, and
// not yet wiped, oldest set aside first.
func asideLost(aside []asideDrafts) []asideDraft {
	var out []asideDraft
	for _, a := range aside {
		if !a.Wiped && !a.Wipe {
			out = append(out, a.Lost...)
		}
	}
	return out
}

// asideWhose names, for a message, the patients of drafts set aside, and
// their keys for IT.
func asideWhose(lost []asideDraft) (keys, whose []string, patients []record.PatientID) {
	for _, l := range lost {
		keys = append(keys, questionnaire.Printable(l.Key))
		if l.Patient.Value != "" {
			whose = append(whose, "patient "+l.Patient.String())
			patients = append(patients, l.Patient)
		}
	}
	return keys, whose, patients
}

// asideFinding words, for check's SET ASIDE, a draft on pages set aside
// that cannot be read.
func asideFinding(a asideDrafts, l asideDraft) string {
	what := "an unfinished assessment kept as a draft"
	if l.Patient.Value != "" {
		what += " for patient " + questionnaire.Printable(l.Patient.String())
	}
	return fmt.Sprintf("%s was on pages of drafts found damaged on %s, which are set aside and kept in the file as they are: it cannot be read, so enter that assessment again (for IT: draft %s: %s; %d pages set aside from bucket %q: %s)",
		what, a.At.Local().Format("2006-01-02 15:04"), questionnaire.Printable(l.Key), questionnaire.Printable(l.Why), len(a.Pages), questionnaire.Printable(a.Bucket), questionnaire.Printable(a.Why))
}

// pendingFinding words, for check's SET ASIDE, a draft that cannot be
// read on damaged pages of drafts the next write sets aside.
func pendingFinding(p pageDraft, set *draftsToSetAside) string {
	what := "an unfinished assessment kept as a draft"
	if p.patient.Value != "" {
		what += " for patient " + questionnaire.Printable(p.patient.String())
	}
	why := ""
	if p.err != nil {
		why = p.err.Error()
	}
	return fmt.Sprintf("%s is on damaged pages of drafts, which the next save sets aside and keeps in the file as they are: it cannot be read, so enter that assessment again (for IT: draft %s: %s; %d pages of bucket %q: %s)",
		what, questionnaire.Printable(string(p.key)), questionnaire.Printable(why), len(set.pages), questionnaire.Printable(string(set.bucket)), questionnaire.Printable(set.why))
}
