package store

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/internal/shellword"
	"digicheck/record"
	"digicheck/store/facts"
	"digicheck/store/packed"
)

// Damage. A store that fails its checks is only ever read: writing to it
// could spread the damage (bbolt writes new pages where a damaged freelist
// says there is room) or bury it under new records. A full check costs
// about 2 s per 10,000 records, too much before every save, so what guards
// a write is cheap and cumulative:
//
//   - every write checks what it starts from and touches: the meta page it
//     starts from, the root tree and the meta bucket, the freelist (every
//     free page inside the file, free once, and not a page of the root
//     tree), and, for an amendment, void or follow-up, the record it links
//     to against its facts (checked.go);
//   - once any operation of this Store has found damage (ErrDamaged from a
//     read, a record that does not match its facts, pages out of order),
//     every later write of this Store is refused;
//   - when `digicheck check` finds problems, it leaves a note beside the
//     store (the store's name with ".damaged" added), and every write by
//     any digicheck is refused while the note is there, with check's own
//     message; so is a write after any other operation found damage, which
//     leaves the same note. A check that finds nothing wrong removes it.
//
// The guarantee: no write is made to a store in which a check, or any
// earlier operation of any digicheck on it, found damage, until a check
// finds it sound; and no write starts from damaged pages of the root tree
// or freelist, or links to a record that does not match its facts. Damage
// nobody has looked at yet in pages no write touches (an old record's page,
// say) is not found by a save; check finds it, and from then on the store
// is read-only.

// damageSuffix names the note left beside a damaged store.
const damageSuffix = ".damaged"

// DamageNote is the path of the note that marks the store at path
// damaged.
func DamageNote(path string) string { return path + damageSuffix }

// Verdict is the error `digicheck check` ends with for this report: nil
// when the store is sound. Writes refused because of the report say the
// same.
func (r Report) Verdict() error {
	if r.OK() {
		return nil
	}
	n := len(r.Problems) + r.More
	if r.lossless == n {
		// Only the older meta page: every save is there.
		return &Error{ErrDamaged, fmt.Sprintf("the store %s has %d problem(s), and nothing saved is missing: make a backup now (digicheck backup DIR) and use it in place of the store", r.Path, n), nil}
	}
	return &Error{ErrDamaged, fmt.Sprintf("the store %s has %d problem(s): keep a copy of the file as it is, and restore the store from a backup", r.Path, n), nil}
}

// Refused is the error any write to the store would end with now, a
// store found damaged, or nil: a front end says it before an assessment
// begins, so that nobody answers questions whose answers the store will
// not take.
func (s *Store) Refused() error {
	s.mu.Lock()
	dmg := s.damage
	s.mu.Unlock()
	msg := ""
	if m, readable, err := noteLine(DamageNote(s.path)); err == nil {
		msg = m
		if !readable {
			msg = fmt.Sprintf("the store %s is marked damaged, but %s", s.path, m)
		} else if msg == "" {
			msg = emptyNote(s.path)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		msg = fmt.Sprintf("the store %s may be damaged (its note %s cannot be read: %v)", s.path, DamageNote(s.path), err)
	} else if errors.Is(dmg, ErrLocked) {
		// A blank store standing in for one another program holds
		// (OpenStandIn): in use, not damaged, and no check is needed.
		return dmg
	} else if dmg != nil {
		msg = dmg.Error()
	} else {
		return nil
	}
	tail := "; nothing was written to it, and nothing will be until digicheck check finds it sound"
	if strings.Contains(msg, "Nothing was written to it") {
		tail = "; nothing will be written to it until digicheck check finds it sound" // said once
	}
	return &Error{ErrDamaged, msg + tail, dmg}
}

// noteDamage records damage found by an operation of this Store: this
// Store writes no more, and neither does any digicheck while the note it
// leaves is there.
func (s *Store) noteDamage(err error) {
	s.mu.Lock()
	first := s.damage == nil
	if first {
		s.damage = err
	}
	opened := s.opened
	s.mu.Unlock()
	// Damage found while Open reads the file is noted by Open itself,
	// which refuses it (the file is left exactly as it was, a note
	// beside it). A note already there (check's own words, or the first
	// finding) is kept.
	if _, lerr := os.Lstat(DamageNote(s.path)); first && opened && errors.Is(lerr, fs.ErrNotExist) {
		writeNote(s.path, err.Error())
	}
}

// writeNote leaves the note; a directory that cannot be written leaves
// the refusal to this Store alone, and the error says why no note is
// there (check says so: other commands will not know of the damage).
func writeNote(path, msg string) error {
	if _, err := os.Stat(path); err != nil {
		return nil // no store there: nothing to mark
	}
	if b := filepath.Base(path); strings.HasPrefix(b, ".digicheck-") && strings.HasSuffix(b, ".tmp") {
		return nil // a temporary copy (a backup's), checked and removed by its maker
	}
	note := DamageNote(path)
	// Read beside the store, by whoever finds it: "run digicheck check"
	// bare checked the default store, not this one.
	msg = checkNaming(msg, path)
	werr := os.WriteFile(note, []byte(msg+"\n"), 0o600)
	if werr == nil {
		_ = os.Remove(noteElsewhere(path)) // an earlier finding's
		return nil
	}
	// No room for the finding beside the store (a full disk). The note
	// is kept, empty if it must be, as it is what refuses writes; the
	// finding goes to the temporary folder, where DamageFound reads it.
	_ = os.Truncate(note, 0)
	if alt := noteElsewhere(path); os.WriteFile(alt, []byte(msg+"\n"), 0o600) != nil {
		_ = os.Remove(alt)
	}
	if _, err := os.Lstat(note); err != nil {
		return werr
	}
	return nil
}

// noteElsewhere is where the finding of the note for the store at path is
// kept when there is no room for it beside the store.
func noteElsewhere(path string) string {
	sum := sha256.Sum256([]byte(path))
	return filepath.Join(os.TempDir(), fmt.Sprintf("digicheck-damaged-%x.txt", sum[:8]))
}

// emptyNote words an empty note: the finding kept in the temporary
// folder, if it is there, else only that the store failed its checks.
func emptyNote(path string) string {
	alt := noteElsewhere(path)
	if msg, readable, err := noteLine(alt); err == nil {
		if readable && msg != "" {
			return fmt.Sprintf("%s (this finding was kept in %s, as there was no room for it beside the store)", msg, alt)
		}
	}
	return fmt.Sprintf("the store %s failed its checks (its note %s is empty: the disk may have been full when it was written; run digicheck check to see why)", path, DamageNote(path))
}

// clearNote removes the note after a check found the store sound.
func clearNote(path string) error {
	_ = os.Remove(noteElsewhere(path))
	if _, err := os.Lstat(DamageNote(path)); errors.Is(err, fs.ErrNotExist) {
		return nil // and a read-only disk is no reason to fail
	}
	err := os.Remove(DamageNote(path))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// DamageFound is the finding in the note beside the store that marks it
// damaged (its first line), or "" when there is no note. Readers that do
// not check every page (summary, export) say it, so that counts and
// exports read from a damaged store are never taken as complete.
func (s *Store) DamageFound() string {
	msg, _, err := noteLine(DamageNote(s.path))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return ""
	case err != nil:
		return fmt.Sprintf("its damage note %s cannot be read: %v", DamageNote(s.path), err)
	}
	if msg != "" {
		return msg
	}
	return emptyNote(s.path)
}

// maxNoteLine is the longest first line of a damage note said as it is:
// digicheck's own findings are a few hundred characters.
const maxNoteLine = 2000

// noteLine is the finding in the damage note at note: its first line,
// "" for none, readable. A note that is not a finding as
// digicheck writes one (random bytes from a damaged disk, another
// program's file, a line of megabytes) was said whole by every command
// that read the store, control characters and all: it is said to be
// unreadable instead (readable false), with a short escaped excerpt of
// its start and what to do. Only so much of the note is read.
func noteLine(note string) (msg string, readable bool, err error) {
	f, err := os.Open(note)
	if err != nil {
		return "", false, err
	}
	defer f.Close()
	const limit = 4 * maxNoteLine // bytes: a line of maxNoteLine characters, and its end
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return "", false, err
	}
	line, _, ended := bytes.Cut(b, []byte{'\n'})
	ended = ended || len(b) <= limit
	line = bytes.TrimSpace(line)
	if ended && utf8.Valid(line) && utf8.RuneCount(line) <= maxNoteLine && bytes.IndexFunc(line, unicode.IsControl) < 0 {
		return string(line), true, nil
	}
	const excerpt = 48 // bytes of the note said back, escaped
	start := b[:min(len(b), excerpt)]
	size := "more than 8 KB"
	if fi, err := f.Stat(); err == nil {
		size = fmt.Sprintf("%d bytes", fi.Size())
	}
	return fmt.Sprintf("its damage note %s cannot be read: it holds no finding in words as digicheck writes one (%s, starting %s…); run digicheck check, which finds what is wrong with the store and writes the note again", note, size, strconv.QuoteToASCII(string(start))), false, nil
}

// oneBitRepair finds the meta page b was before one bit of it flipped: the
// one page, one bit away, that passes its checksum, if there is exactly
// one. A failing disk or memory flips a bit far more often than it writes
// a page that is wrong in several, and a 64-bit sum that matches after a
// one-bit change is no accident; so the repaired page's transaction id says
// whether the damaged page was the newer of the two (a save is missing) or
// the older (nothing is), even when the flip hit the transaction id itself.
// It is only read, for what it says: the store is never written with it.
func oneBitRepair(b []byte) ([]byte, bool) {
	var found []byte
	c := bytes.Clone(b[:80])
	for bit := 16 * 8; bit < 80*8; bit++ {
		c[bit/8] ^= 1 << (bit % 8)
		if metaWhy(c) == "" {
			if found != nil {
				return nil, false
			}
			found = bytes.Clone(c)
		}
		c[bit/8] ^= 1 << (bit % 8)
	}
	return found, found != nil
}

// MetaDamage says what a reader of the store must tell its user about the
// store's two meta pages, as the last read found them (Open reads them):
// msg is "" when both pass their checks. missing is true when the page
// that fails is, or may be, the newer one: bbolt then reads the store as it
// was before its newest save(s), so counts, exports and histories read
// from it may lack them. It is false when the damaged page is the older
// one, which loses nothing.
func (s *Store) MetaDamage() (msg string, missing bool) {
	s.mu.Lock()
	fs := s.metaSeen
	s.mu.Unlock()
	var msgs []string
	for _, f := range fs {
		msgs = append(msgs, f.String())
		missing = missing || f.lost || f.unsure
	}
	return strings.Join(msgs, "; "), missing
}

// SizeText words a size in bytes for a message: KB under a megabyte, so a
// 256 KB store is never "0 MB".
func SizeText(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%d KB", (n+1<<9)>>10)
	case n < 100<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d MB", (n+1<<19)>>20)
}

// hasMetaMagic reports whether either of the file's first two pages, at
// any page size bbolt uses, carries a bbolt meta page's magic number: a
// file whose meta pages are both damaged (and so is read by nobody) but
// which was a bbolt file, and may be a damaged digicheck store.
func hasMetaMagic(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var b [4]byte
	return slices.ContainsFunc([]int64{0, 1024, 2048, 4096, 8192, 16384, 32768, 65536}, func(off int64) bool {
		n, _ := f.ReadAt(b[:], off+16)
		return n == 4 && binary.LittleEndian.Uint32(b[:]) == boltMagic
	})
}

// bboltPages reports whether the file at path is laid out in bbolt's
// pages though both its meta pages are gone: its size a whole number of
// pages of 4096 bytes, and at least four of its first 64 pages past the
// meta pages each carrying its own page id and a page kind in its header,
// which no other kind of file does by chance.
func bboltPages(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	const ps = 4096
	if err != nil || fi.Size() < 4*ps || fi.Size()%ps != 0 {
		return false
	}
	found := 0
	var h [pageHeaderSize]byte
	for id := int64(2); id < min(fi.Size()/ps, 66); id++ {
		if _, err := f.ReadAt(h[:], id*ps); err != nil {
			return false
		}
		switch binary.LittleEndian.Uint16(h[8:]) {
		case flagBranch, flagLeaf, flagFreelist:
			if binary.LittleEndian.Uint64(h[0:]) == uint64(id) {
				found++
			}
		}
	}
	return found >= 4
}

// maxPagesShown is how many damaged pages check names one by one; the
// records they held are said in a few lines before them (lostRecords).
const maxPagesShown = 10

// keyRange is the keys a page of a tree holds, from its parent: lo
// included, hi not; nil for no bound.
type keyRange struct{ lo, hi []byte }

// lostRecords words, for check, the records in pages of the records
// bucket that could not be read: how many pages, the ids they held as
// spans, and how many of their records the patient index names (ids,
// each span's, listed by the report after its problems), as an export
// counts and names them. Ids are made in time order, so each span is also
// when those records were saved, which a clinician can match with their
// own records. readable is how many records could be read.
func lostRecords(lost []keyRange, ids [][]string, readable int) []string {
	if len(lost) == 0 {
		return nil
	}
	// Neighbouring pages make one span.
	var spans []keyRange
	var spanIDs [][]string
	for i, l := range lost {
		if n := len(spans); n > 0 && spans[n-1].hi != nil && bytes.Equal(spans[n-1].hi, l.lo) {
			spans[n-1].hi = l.hi
			spanIDs[n-1] = append(spanIDs[n-1], ids[i]...)
			continue
		}
		spans = append(spans, l)
		spanIDs = append(spanIDs, slices.Clone(ids[i]))
	}
	named := 0
	for _, s := range spanIDs {
		named += len(s)
	}
	out := []string{fmt.Sprintf("%d page(s) of records cannot be read; the patient index names %d records that those pages held (listed below). The records on those pages are lost from this store, in %d span(s) of record ids (ids are made in time order as each assessment is begun, so each span also says when they were begun; each was saved then or later, days later for a draft resumed): restore the store from a backup made after the last of them was saved, or enter those assessments again", len(lost), named, len(spans))}
	for i, sp := range spans {
		if i == maxPagesShown {
			out = append(out, fmt.Sprintf("and %d more span(s)", len(spans)-i))
			break
		}
		line := "records lost: " + lostSpanText(sp, spanIDs[i])
		if len(spanIDs[i]) == 0 {
			line += "; the patient index names none of them, so how many were lost is not known"
		}
		out = append(out, line)
	}
	return out
}

// lostIDs are the record ids the patient index names in each of the lost
// key ranges (sorted, as the walk found them), read with the page walker
// from meta page m: every readable leaf of the patient index, whose keys
// end in a record's id. The index's own damage is the first walk's to
// report; what cannot be read here names nothing.
func lostIDs(r io.ReaderAt, m boltMeta, lost []keyRange) [][]string {
	ids := make([][]string, len(lost))
	if len(lost) == 0 {
		return ids
	}
	w := newWalker(r, m, bucketPatients, nil)
	w.key = func(what string, k []byte) {
		if what != string(bucketPatients) || len(k) < 36 {
			return
		}
		id := k[len(k)-36:]
		// The first range whose end lies past id.
		i, _ := slices.BinarySearchFunc(lost, id, func(kr keyRange, id []byte) int {
			if kr.hi != nil && bytes.Compare(kr.hi, id) <= 0 {
				return -1
			}
			return 1
		})
		if i < len(lost) && (lost[i].lo == nil || bytes.Compare(id, lost[i].lo) >= 0) {
			ids[i] = append(ids[i], string(id))
		}
	}
	w.tree(m.root, "root", nil, nil, 0)
	for i := range ids {
		slices.Sort(ids[i])
		ids[i] = slices.Compact(ids[i])
	}
	return ids
}

// spanText words one span of lost record ids with the times they give.
func spanText(sp keyRange) string {
	end := func(k []byte, none string) string {
		if k == nil {
			return none
		}
		return lostIDText(string(k))
	}
	return "from " + end(sp.lo, "the first record") + " up to " + end(sp.hi, "the last")
}

// countLost counts, for check, the record versions a lost save held: the
// records tree walked from the repaired damaged page, and from the page
// in use. Walking every page of the records costs what check's own walk
// does, so only check does it, and only for a page the repair could read.
func countLost(r io.ReaderAt, size int64, fs []metaFault) []metaFault {
	for i, f := range fs {
		if !f.lost || f.fixed == nil {
			continue
		}
		had, ok := recordsFrom(r, size, f.fixed)
		if !ok {
			continue
		}
		var in [80]byte
		if _, err := r.ReadAt(in[:], int64(1-f.page)*int64(binary.LittleEndian.Uint32(f.fixed[24:]))); err != nil {
			continue
		}
		has, ok := recordsFrom(r, size, in[:])
		if ok {
			fs[i].had, fs[i].has, fs[i].counted = had, has, true
		}
	}
	return fs
}

// recordsFrom counts the record versions of the store as the meta page
// in b gives it; false when any page of it cannot be read.
func recordsFrom(r io.ReaderAt, size int64, b []byte) (int, bool) {
	m, ok := readMeta(bytes.NewReader(b), 0)
	if !ok || !validPageSize(m.pageSize) || m.hwm < 2 || m.hwm > uint64(size)/uint64(m.pageSize) {
		return 0, false
	}
	w := newWalker(r, m, nil, nil)
	w.tree(m.root, "root", nil, nil, 0)
	return w.records, !w.broken
}

// countText says how many record versions a lost save held, when counted.
func (f metaFault) countText() string {
	if !f.counted {
		return ""
	}
	return fmt.Sprintf(" As that save left it, the store held %d record versions; as read, it holds %d (%d missing).", f.had, f.has, f.had-f.has)
}

// Lost pages of records. A page of the records bucket that cannot be read
// (zeroed, or another page's bytes) makes bbolt panic when a cursor steps
// onto it, so a bulk read that met it stopped there: an export to standard
// output had by then written every record before it, and a pipe took the
// cut-off stream as whole. So a reader that carries on past damage first
// skims the records bucket's pages with ordinary reads (LostRecordPages):
// every page whole (a leaf's first page in one read), which a lost page
// fails: its id, its kind, its overflow, or elements that lie outside it
// or out of order, on which bbolt would fault. That is one read per leaf,
// where reading the records is their whole bytes. It then
// steps over each lost span by key (EachPast), never onto its pages.

// LostPages is what a skim of the records bucket found: the spans of
// record ids whose pages cannot be read, and the ids the patient index
// names in them. The zero value, or nil, is a store with none lost.
type LostPages struct {
	spans []lostSpan
	// leaves is how many leaf pages the skim read. Only tests read it:
	// that skims made in parts, in one or with the records' check find
	// the same is seen in what each found, and only this call knows it.
	leaves int
	// walked, when the tree that leads to the records is damaged, is
	// the records found on their own pages (leafwalk.go): spans are
	// then the records the patient index names that no page holds.
	walked *leafRecords
	// checked is the records' check made with the skim, from the same
	// read (RecordPagesChecked), for SumFailures; nil: none made.
	checked *checkedSums
}

// lostSpan is a run of lost pages of the records bucket: the keys [lo, hi)
// their parent gives them (nil: no bound), the last key of the readable
// leaf before them (nil: none), where a reader must stop and seek to hi
// rather than step on, and the record ids the patient index names in them.
type lostSpan struct {
	keyRange
	before []byte
	ids    []string
}

// Lost reports whether any page of records was found lost.
func (l *LostPages) Lost() bool { return l != nil && len(l.spans) > 0 }

// Mark words the loss for the damaged_store mark every exported row or
// line carries, or "".
func (l *LostPages) Mark() string {
	if !l.Lost() && !l.Walked() {
		return ""
	}
	n := 0
	for _, sp := range l.spans {
		n += len(sp.ids)
	}
	if l.Walked() {
		// Ids counted even when one span names none: it is one line.
		if m := l.Missing(); m > 0 {
			// Never "0 lost": the store counts more than were found
			// and named (a copy cut short loses the index's pages too).
			return fmt.Sprintf("the pages that lead to the records are damaged, so each page of records was read on its own: %d record(s) found of the %d the store holds, %d lost", len(l.walked.recs), l.walked.holds, n+m)
		}
		return fmt.Sprintf("the pages that lead to the records are damaged, so each page of records was read on its own: %d record(s) found, %d lost", len(l.walked.recs), n)
	}
	return fmt.Sprintf("%d record(s) lost on pages of the store that cannot be read", n)
}

// Spans words each lost span with the times its ids give, for standard
// error.
func (l *LostPages) Spans() []string {
	if l == nil {
		return nil
	}
	var out []string
	for _, sp := range l.spans {
		out = append(out, lostSpanText(sp.keyRange, sp.ids))
	}
	return out
}

// lostSpanText words a span of lost records: by the first and last of
// them the patient index names (ids, sorted), both lost, when it names
// any; else by the keys the pages' parent gives, the end not included.
// A span said to end at the next record read invited its re-entry.
func lostSpanText(sp keyRange, ids []string) string {
	switch len(ids) {
	case 0:
		return spanText(sp)
	case 1:
		return "record " + lostIDText(ids[0])
	}
	return "from " + lostIDText(ids[0]) + " up to and including " + lostIDText(ids[len(ids)-1])
}

// LostRecordPages skims the records bucket's pages (see above) and
// returns the spans that cannot be read, with the ids of the records they
// held as the patient index names them. Damage found is noted as any
// read's is (noteDamage). An error is damage the skim cannot step over: a
// branch page or the bucket itself unreadable.
func (s *Store) LostRecordPages() (*LostPages, error) {
	var lp *LostPages
	err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) (err error) {
		lp, err = s.lostIn(tx, at, nil)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.noteLost(lp)
	return lp, nil
}

// noteLost notes the damage lp found, if any.
func (s *Store) noteLost(lp *LostPages) {
	switch {
	case lp.Walked():
		s.noteDamage(&Error{ErrDamaged, fmt.Sprintf("the digicheck store %s is damaged: the pages that lead to its records cannot all be read; run digicheck check", s.path), nil})
	case lp.Lost():
		s.noteDamage(&Error{ErrDamaged, fmt.Sprintf("the digicheck store %s is damaged: %d span(s) of its pages of records cannot be read; run digicheck check", s.path, len(lp.spans)), nil})
	}
}

// newestLost skims the pages of the records saved after the last block of
// facts, which carry their own (blocks.go), for a reader of the facts:
// the lost spans it must step over (mergedFacts), nil for none. Only
// those pages and the path to them are read, so that a summary of a
// million records pays for a few thousand.
func (s *Store) newestLost(tx *bolt.Tx, at *txFile) (*LostPages, error) {
	bb := tx.Bucket(bucketFactBlocks)
	if bb == nil {
		return nil, nil // no records carry facts
	}
	var from []byte
	if k := lastBlock(bb); k != nil {
		from = recordKey(record.ID(k))
	}
	lp, err := s.lostIn(tx, at, from)
	if err != nil || !lp.Lost() && !lp.Walked() {
		return nil, err
	}
	s.noteLost(lp)
	for _, sp := range lp.spans {
		if len(sp.ids) == 0 {
			return nil, &Error{ErrDamaged, fmt.Sprintf("pages of the newest records cannot be read (records %s), and the patient index names none of the records they held: their QI copy was kept on them, so the count of what is left out is unknown; restore the store from a backup", spanText(sp.keyRange)), nil}
		}
	}
	return lp, nil
}

// lostIn skims the records bucket's pages in tx for LostRecordPages, only
// those that may hold keys after from when from is not nil.
func (s *Store) lostIn(tx *bolt.Tx, at *txFile, from []byte) (*LostPages, error) {
	lp := &LostPages{}
	recs := tx.Bucket(bucketRecords)
	if recs == nil || recs.Root() == 0 {
		return lp, nil // none, or all inline in the root page, checked already
	}
	w := &walker{r: at.f, m: at.meta, ps: int64(at.meta.pageSize)}
	var first string
	w.problem = func(format string, args ...any) {
		if first == "" {
			first = fmt.Sprintf(format, args...)
		}
	}
	w.visited = make([]uint64, (w.m.hwm+63)/64)
	sk := &skim{w: w, from: from}
	if !sk.inParts(uint64(recs.Root())) {
		sk.tree(uint64(recs.Root()), nil, nil, 0)
	}
	if sk.above() {
		// A page that leads to the records is damaged: the pages
		// below it are read one by one (leafwalk.go), not lost.
		full, err := s.walkLeaves(tx, at)
		if err != nil {
			return nil, err
		}
		if len(full.walked.recs) == 0 {
			// As when the page that leads to every record is lost: an
			// export of nothing but unreadable lines would be no export.
			return nil, s.unreadable(fmt.Errorf("the pages that lead to the records are damaged, and no page of records can be read, so no record can be (for IT: the records' root page %d)", recs.Root()))
		}
		lp.walked = full.walked
		for _, sp := range full.spans {
			if from == nil || sp.hi == nil || bytes.Compare(sp.hi, from) > 0 {
				lp.spans = append(lp.spans, sp)
			}
		}
		lp.leaves = sk.leaves
		return lp, nil
	}
	if len(sk.spans) == 1 && sk.spans[0].lo == nil && sk.spans[0].hi == nil {
		// Every record lost: an export of nothing but unreadable
		// lines would be no export.
		sk.fatal = fmt.Sprintf("the page that leads to every record cannot be read, so no record can be (for IT: the records' root page %d)", recs.Root())
	}
	if sk.fatal != "" {
		return nil, s.unreadable(errors.New(sk.fatal))
	}
	for _, sp := range sk.spans {
		if from == nil || sp.hi == nil || bytes.Compare(sp.hi, from) > 0 {
			lp.spans = append(lp.spans, sp)
		}
	}
	lp.leaves = sk.leaves
	if len(lp.spans) == 0 {
		return lp, nil
	}
	// The ids the lost pages held, from the patient index: every
	// record has a key there ending in its id.
	if pb := tx.Bucket(bucketPatients); pb != nil {
		err := pb.ForEach(func(k, _ []byte) error {
			if len(k) < 36 {
				return nil
			}
			id := k[len(k)-36:]
			for i := range lp.spans {
				if sp := &lp.spans[i]; (sp.lo == nil || bytes.Compare(id, sp.lo) >= 0) && (sp.hi == nil || bytes.Compare(id, sp.hi) < 0) {
					sp.ids = append(sp.ids, string(id))
					break
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for i := range lp.spans {
		slices.Sort(lp.spans[i].ids)
		lp.spans[i].ids = slices.Compact(lp.spans[i].ids)
	}
	return lp, nil
}

// skim walks the records tree for LostRecordPages.
type skim struct {
	w        *walker
	spans    []lostSpan
	leaves   int
	prevLeaf uint64 // the last readable leaf met, 0 for none
	// leavesAtSpan is leaves when the last span was begun: a lost page
	// met with no readable leaf since extends that span.
	leavesAtSpan int
	fatal        string // damage a reader cannot step over
	// from, when not nil, bounds the skim: only the pages that may hold
	// keys after it, and the last leaf before them, are read.
	from []byte
	// lostAt are the depths of the pages lost, and leafAt the depth of
	// the leaves (every leaf of a bbolt tree is as deep); stray is set
	// when a page is met twice or a leaf's keys lie outside the range
	// its parent gives: the tree above the leaves is damaged.
	lostAt []int
	leafAt int
	stray  bool
	// page is where the first bytes of each page are read: a leaf's
	// header and elements, all the skim looks at of it (reading every
	// leaf whole, into a page made for each, was most of the skim's
	// time: 1.9 GB copied for a million records).
	page [skimHead]byte
	// run is the last run of pages read whole (runAt: where it begins
	// in the file), from which the first bytes of each page in it are
	// taken; next is where the page after the last one asked for
	// begins, and ahead how much the next read takes when that page
	// is asked for next (head).
	run         []byte
	runAt, next int64
	ahead       int
}

// skimAhead is the most the skim reads at once: 16 pages of 4 kB.
const skimAhead = 64 << 10

// head fills h with the bytes of the file at off, reporting whether it
// could. The leaves of a store lie mostly one after another in the file,
// in key order: a page asked for right after the one before is read with
// those after it, in a run that doubles up to skimAhead while they keep
// coming so, and the pages after it are taken from that run. One system
// call a leaf was most of the skim's time. Any other page is read alone.
// The bytes are the file's, read under the transaction's lock, whichever
// read they come from.
func (k *skim) head(h []byte, off int64) bool {
	if off >= k.runAt && off+int64(len(h)) <= k.runAt+int64(len(k.run)) {
		copy(h, k.run[off-k.runAt:])
		k.next = off + k.w.ps
		return true
	}
	want := len(h)
	if off == k.next && k.w.ps <= skimAhead {
		k.ahead = min(max(2*k.ahead, 2*int(k.w.ps)), skimAhead)
		want = max(want, k.ahead)
	} else {
		k.ahead = 0
	}
	k.next = off + k.w.ps
	skimReads.Add(1)
	if want == len(h) {
		n, err := k.w.r.ReadAt(h, off)
		recordPageBytes.Add(int64(n))
		return err == nil
	}
	if cap(k.run) < want {
		k.run = make([]byte, skimAhead)
	}
	n, err := k.w.r.ReadAt(k.run[:want], off)
	recordPageBytes.Add(int64(n))
	if n < len(h) {
		k.run = k.run[:0]
		return err == nil && n == len(h)
	}
	k.run, k.runAt = k.run[:n], off
	copy(h, k.run)
	return true
}

// skimHead is how much of a page the skim reads first: a leaf's header
// and 31 elements (a leaf of records holds a few).
const skimHead = 512

// leafInside reports whether each of the count elements in table, a
// leaf's header and elements, has its key and value inside the leaf's
// size bytes, as elems checks a leaf read whole.
func leafInside(table []byte, count int, size int64) bool {
	le := binary.LittleEndian
	for i := range count {
		at := pageHeaderSize + i*elemSize
		e := table[at : at+elemSize]
		pos, ksize, vsize := uint64(le.Uint32(e[4:])), uint64(le.Uint32(e[8:])), uint64(le.Uint32(e[12:]))
		if uint64(at)+pos+ksize+vsize > uint64(size) {
			return false
		}
	}
	return true
}

// tree skims the subtree at page id, whose keys lie in [lo, hi).
func (k *skim) tree(id uint64, lo, hi []byte, depth int) {
	if k.fatal != "" {
		return
	}
	w := k.w
	if depth > maxDepth {
		k.fatal = fmt.Sprintf("the pages that lead to the records are damaged, so no record can be found (for IT: they nest deeper than %d levels)", maxDepth)
		return
	}
	// A leaf is read as far as its elements (a leaf whose elements lie
	// outside it would make bbolt fault), a branch whole: the first
	// bytes of each page into one buffer, which serves every leaf.
	h := k.page[:min(int64(len(k.page)), w.ps)]
	le := binary.LittleEndian
	ok := id >= 2 && id < w.m.hwm
	if ok {
		ok = k.head(h, int64(id)*w.ps) && le.Uint64(h[0:]) == id
	}
	flags := le.Uint16(h[8:])
	size := int64(le.Uint32(h[12:])+1) * w.ps
	ok = ok && (flags == flagLeaf || flags == flagBranch) && size <= maxPageBytes
	if ok {
		k.next = int64(id)*w.ps + size // where the page after its run begins
	}
	if ok && !w.claim(id, le.Uint32(h[12:]), "records") {
		ok, k.stray = false, true
	}
	if !ok {
		k.loseAt(lo, hi, depth)
		return
	}
	if flags == flagLeaf {
		// Its elements inside it: bbolt faults on one that is not. A
		// key out of order is read (check names it), not lost with
		// the leaf's other records.
		count := int(le.Uint16(h[10:]))
		table := h
		if need := pageHeaderSize + count*elemSize; int64(need) > size {
			k.loseAt(lo, hi, depth)
			return
		} else if need > len(h) {
			table = make([]byte, need)
			if _, err := w.r.ReadAt(table, int64(id)*w.ps); err != nil {
				k.loseAt(lo, hi, depth)
				return
			}
		}
		if !leafInside(table, count, size) {
			k.loseAt(lo, hi, depth)
			return
		}
		// Its first keys, where the skim has read them, in the range
		// its parent gives: a parent that names the wrong leaf would
		// have its records read in another's place. (One key outside
		// it, the others in, is a damaged key, read as such.)
		outside := 0
		for i := range min(count, 2) {
			e := pageHeaderSize + i*elemSize
			pos, ksize := uint64(le.Uint32(table[e+4:])), uint64(le.Uint32(table[e+8:]))
			at := uint64(e) + pos
			if at+ksize > uint64(len(table)) {
				break
			}
			if key := table[at : at+ksize]; lo != nil && bytes.Compare(key, lo) < 0 || hi != nil && bytes.Compare(key, hi) >= 0 {
				outside++
			}
		}
		if outside > 0 && outside == min(count, 2) {
			k.stray = true
		}
		k.leafAt = depth
		k.leaves++
		k.prevLeaf = id
		return
	}
	buf := make([]byte, size)
	if _, err := w.r.ReadAt(buf, int64(id)*w.ps); err != nil {
		k.loseAt(lo, hi, depth)
		return
	}
	count := int(le.Uint16(buf[10:]))
	if count == 0 || pageHeaderSize+count*elemSize > len(buf) {
		k.stray = true
		k.loseAt(lo, hi, depth)
		return
	}
	type child struct {
		key []byte
		id  uint64
	}
	cs := make([]child, count)
	for i := range cs {
		at := pageHeaderSize + i*elemSize
		e := buf[at : at+elemSize]
		pos, ksize := uint64(le.Uint32(e[0:])), uint64(le.Uint32(e[4:]))
		if uint64(at)+pos+ksize > uint64(len(buf)) {
			k.stray = true
			k.loseAt(lo, hi, depth)
			return
		}
		cs[i] = child{buf[uint64(at)+pos : uint64(at)+pos+ksize], le.Uint64(e[8:])}
		if i > 0 && bytes.Compare(cs[i-1].key, cs[i].key) >= 0 || lo != nil && bytes.Compare(cs[i].key, lo) < 0 || hi != nil && bytes.Compare(cs[i].key, hi) >= 0 {
			k.stray = true
			k.loseAt(lo, hi, depth)
			return
		}
	}
	for i, c := range cs {
		clo, chi := c.key, hi
		if i == 0 {
			clo = lo // bbolt seeks the first child for every key below the second's
		}
		if i+1 < len(cs) {
			chi = cs[i+1].key
		}
		// With a bound, a child is passed over when the next one holds
		// keys up to it only: the last child before the bound is read,
		// for its last leaf, where a reader stops before a lost page.
		if k.from != nil && i+2 <= len(cs) {
			next := hi
			if i+2 < len(cs) {
				next = cs[i+2].key
			}
			if next != nil && bytes.Compare(next, k.from) <= 0 {
				continue
			}
		}
		k.tree(c.id, clo, chi, depth+1)
	}
}

// loseAt is lose for a page at depth depth of the tree.
func (k *skim) loseAt(lo, hi []byte, depth int) {
	k.lostAt = append(k.lostAt, depth)
	k.lose(lo, hi)
}

// above reports whether the skim found damage above the leaves: a page
// that leads to the records, rather than a page of records, lost or
// wrong. A lost page as deep as the leaves is a leaf, whose records
// alone are lost; one less deep, or any when no leaf was read, led to
// leaves that may well be sound.
func (k *skim) above() bool {
	if k.stray || k.fatal != "" && len(k.lostAt) > 0 {
		return true
	}
	return slices.ContainsFunc(k.lostAt, func(d int) bool { return k.leafAt == 0 || d < k.leafAt })
}

// lose notes the keys [lo, hi) as lost: with the span before when no
// readable leaf lies between them, else as a new span that starts after
// the last key of the readable leaf before it.
func (k *skim) lose(lo, hi []byte) {
	if n := len(k.spans); n > 0 && k.leaves == k.leavesAtSpan {
		k.spans[n-1].hi = hi
		return
	}
	sp := lostSpan{keyRange: keyRange{lo, hi}}
	// With a bound, the leaves before may have been passed over, and
	// before is then nil: the reader of the newest records (tail) seeks
	// past the span from wherever it starts in it, and never reads back.
	if k.prevLeaf != 0 {
		last, ok := k.lastKey(k.prevLeaf)
		if !ok {
			k.fatal = fmt.Sprintf("two neighbouring pages of records cannot be read, so where the records after them begin is unknown (for IT: page %d, before a lost page)", k.prevLeaf)
			return
		}
		sp.before = last
	}
	k.spans = append(k.spans, sp)
	k.leavesAtSpan = k.leaves
}

// lastKey is the last key of the leaf page id, read whole.
func (k *skim) lastKey(id uint64) ([]byte, bool) {
	w, le := k.w, binary.LittleEndian
	var h [pageHeaderSize]byte
	if _, err := w.r.ReadAt(h[:], int64(id)*w.ps); err != nil {
		return nil, false
	}
	buf := make([]byte, int64(le.Uint32(h[12:])+1)*w.ps)
	if _, err := w.r.ReadAt(buf, int64(id)*w.ps); err != nil {
		return nil, false
	}
	count := int(le.Uint16(buf[10:]))
	if count == 0 || pageHeaderSize+count*elemSize > len(buf) {
		return nil, false
	}
	at := pageHeaderSize + (count-1)*elemSize
	e := buf[at : at+elemSize]
	pos, ksize := uint64(le.Uint32(e[4:])), uint64(le.Uint32(e[8:]))
	if uint64(at)+pos+ksize > uint64(len(buf)) || ksize == 0 {
		return nil, false
	}
	return bytes.Clone(buf[uint64(at)+pos : uint64(at)+pos+ksize]), true
}

// EachPast is Each stepping over the spans lost names (LostRecordPages),
// never onto their pages: each is handed to skip, in id order with the
// records read, as an Unreadable for every id the patient index names in
// it (or one naming the span, when it names none). With lost nil it is
// Each.
func (s *Store) EachPast(lost *LostPages, fn func(record.Record) error, skip func(Unreadable)) error {
	buf := make([]record.Record, 0, recordChunk)
	var bad []Unreadable
	return s.eachCounted(lost, func() bool { return len(buf)+len(bad) < recordChunk },
		func(tx *bolt.Tx, k, v []byte) error {
			r, u, err := s.readRecord(tx, k, v)
			if err != nil {
				return s.stepOver(err, u, skip != nil, func(u Unreadable) { bad = append(bad, u) })
			}
			buf = append(buf, r)
			return nil
		},
		func(sp lostSpan) { bad = append(bad, sp.unreadable()...) },
		func() error {
			for _, u := range bad {
				skip(u)
			}
			for _, r := range buf {
				if err := fn(r); err != nil {
					return err
				}
			}
			buf, bad = buf[:0], bad[:0]
			return nil
		})
}

// stepOver is what a bulk read does with a record it cannot read (err,
// u naming it): without skipping, err ends the read; skipping, the damage
// is noted (the store then writes no more) and u, worded as a person
// reads it, is handed to add, to be handed out in the record's place.
func (s *Store) stepOver(err error, u Unreadable, skipping bool, add func(Unreadable)) error {
	if !skipping {
		return err
	}
	s.noteDamage(err)
	add(plainUnreadable(u))
	return nil
}

// plainUnreadable words why a record that cannot be decoded is left out
// as a person reads it, the decoder's own words last, for IT: a summary or
// an export names it on standard error.
func plainUnreadable(u Unreadable) Unreadable {
	const undecoded = "it cannot be decoded"
	if rest, ok := strings.CutPrefix(u.Why, undecoded); ok {
		u.Why = undecodableWhy
		if rest = strings.TrimPrefix(rest, ": "); rest != "" {
			u.Why += " (for IT: " + rest + ")"
		}
	}
	return u
}

// lostPageWhy is why a record on a lost page is left out.
const lostPageWhy = "its page cannot be read"

// unreadable is an Unreadable for each record the span held.
func (sp lostSpan) unreadable() []Unreadable {
	var out []Unreadable
	for _, id := range sp.ids {
		out = append(out, Unreadable{ID: id, Why: lostPageWhy})
	}
	if len(sp.ids) == 0 {
		out = append(out, Unreadable{ID: "records " + spanText(sp.keyRange), Why: "their page cannot be read"})
	}
	return out
}

// eachStored calls visit with the key and stored value of every record in
// id order, in chunks, each in a short read-only transaction, stepping
// over the spans lost names (handing each to over, in order). A chunk
// ends when room says there is none; end, if not nil, is called last in
// each chunk's transaction (with the file the transaction holds), and
// done after it, outside. abandon, if not nil, is called instead of end
// when a chunk's transaction ends without it (an error, or bbolt's panic
// at a damaged page), before the file's map goes: work visit handed to
// other goroutines on the transaction's bytes is stopped there.
func (s *Store) eachStored(lost *LostPages, room func() bool, visit func(tx *bolt.Tx, k, v []byte) error, over func(lostSpan), end func(*bolt.Tx, *txFile), abandon func(), done func() error) error {
	return s.eachStoredIn(lost, nil, room, visit, over, end, abandon, done)
}

// eachStoredIn is eachStored reading the records' pages from the file
// into runs (fileCursor), not through bbolt's map, when runs is not nil
// and no page of records was found lost: the keys and values visit is
// given stay as read until runs is released.
func (s *Store) eachStoredIn(lost *LostPages, runs *pageRuns, room func() bool, visit func(tx *bolt.Tx, k, v []byte) error, over func(lostSpan), end func(*bolt.Tx, *txFile), abandon func(), done func() error) error {
	var spans []lostSpan
	if lost != nil {
		spans = lost.spans
	}
	n := 0 // spans stepped over
	var after []byte
	for {
		more := false
		err := s.runTx(false, nil, func(tx *bolt.Tx, file *txFile) error {
			ended := false
			if abandon != nil {
				defer func() {
					if !ended {
						abandon()
					}
				}()
			}
			var c recCursor
			if runs != nil && !lost.Lost() && !lost.Walked() {
				c = newFileCursor(tx.Bucket(bucketRecords), tx, file, runs)
			} else {
				c = lost.recordsCursor(tx.Bucket(bucketRecords))
			}
			// step takes the cursor past span n, from its last
			// readable key (or the start) to its end.
			step := func() ([]byte, []byte) {
				sp := spans[n]
				n++
				over(sp)
				if sp.hi == nil {
					return nil, nil
				}
				return c.Seek(sp.hi)
			}
			at := func(k []byte, i int) bool {
				return i < len(spans) && (k == nil && spans[i].before == nil || k != nil && bytes.Equal(k, spans[i].before))
			}
			var k, v []byte
			switch {
			case n > 0 && at(after, n-1):
				// The last chunk ended as it stepped over a span.
				if hi := spans[n-1].hi; hi != nil {
					k, v = c.Seek(hi)
				}
			case at(after, n):
				k, v = step()
			default:
				k, v = firstAfter(c, after)
			}
			for k != nil {
				if !room() {
					more = true
					break
				}
				after = append(after[:0], k...)
				if _, mapped := c.(*bolt.Cursor); mapped {
					mappedRecordReads.Add(1)
				}
				if err := visit(tx, k, v); err != nil {
					return err
				}
				if at(k, n) {
					k, v = step()
				} else {
					k, v = c.Next()
				}
			}
			ended = true
			if end != nil {
				end(tx, file)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := done(); err != nil {
			return err
		}
		if !more {
			return nil
		}
	}
}

// sumChunk is how many records SumFailures checks in a transaction: each
// transaction opens the file and checks its first pages. A test takes it
// lower, to end chunks among few records.
var sumChunk = 1 << 15

// keyProblem is why the record stored under key as v, whose bytes match
// their checksum, is still left out of a bulk read: its key is not the id
// it carries (a damaged key), which a reader of the record (NDJSON) finds
// as it decodes it, and a reader of its facts sealed in a block (CSV),
// which keys them by the record's own id, would never see; or its value
// does not begin as the record's own JSON does (a damaged format byte
// makes the checksum pass over the wrong bytes, and the facts go unread),
// which a reader of the record finds and a reader of its facts would not.
// name is the record's own id, when it can be read, to name it by. Only
// the first few dozen bytes of the record are unpacked.
func keyProblem(key, v []byte) (name, why string) {
	headReads.Add(1)
	var own string
	h, herr := packed.Head(v, idHead)
	if herr == nil && len(h) == idHead && bytes.HasPrefix(h, []byte(`{"id":"`)) && h[idHead-1] == '"' {
		own = string(h[idHead-37 : idHead-1])
	}
	_, perr := uuid.ParseBytes(key)
	if own != "" && own != string(key) {
		if id, err := uuid.Parse(own); err == nil && own == id.String() {
			return own, (&keyNotID{key: string(key), id: own, notID: perr != nil}).Error()
		}
	}
	if id, err := record.ParseID(string(key)); err != nil || id.String() != string(key) {
		return "", (&keyNotID{key: string(key), notID: true}).Error()
	}
	if own != string(key) {
		return "", undecodableWhy
	}
	return "", ""
}

// undecodableWhy is why a record whose stored bytes cannot be unpacked
// into a record is left out.
const undecodableWhy = "its stored bytes are damaged"

// SumFailures lists the records whose stored bytes do not match their
// checksum (sums.go), those stored under a key that is not their own id
// (keyProblem), and those of the spans lost names, without decoding
// any: what a bulk read of the records (Each) would leave out as
// unreadable, for an export made from the facts (CSV), whose blocks of
// facts keep their own checksum and would not show a damaged record.
// Hashing every record's bytes is what an NDJSON export pays too; here
// it runs on every core.
//
// A record whose checksum matches is unpacked (its head, keyProblem) only
// when it fails the cheap test of sealedSound: that is, a record whose
// facts a block holds is read no further than its key and its facts when
// it is what it was saved as. Unpacking every record's head cost six times
// the rest of the check (DEFLATE made ready for each record), and at a
// million records broke the CSV export's budget.
//
// When lost carries the check RecordPagesChecked made as it skimmed, and
// no save has been made since, that check is what is reported: the
// records' pages are not read again.
func (s *Store) SumFailures(lost *LostPages) ([]Unreadable, error) {
	if c := s.stillChecked(lost); c != nil {
		out := slices.Clone(c.bad)
		s.noteSumFailures(out)
		return out, nil
	}
	return s.sumFailures(lost, nil)
}

// noteSumFailures notes the first of the records SumFailures found that
// fail their check, if any.
func (s *Store) noteSumFailures(out []Unreadable) {
	if len(out) > 0 {
		s.noteDamage(&Error{ErrDamaged, fmt.Sprintf("the digicheck store %s is damaged: record %s cannot be read (%s); run digicheck check", s.path, out[0].ID, out[0].Why), nil})
	}
}

// errNotOnce ends a walk for RecordPagesChecked that met a record whose
// checksum is kept in the sums bucket: those are read through bbolt's
// map, which a walk that may be thrown away must not fault on.
var errNotOnce = errors.New("a record's checksum is kept apart from it")

// sumFailures is SumFailures, reading every record's pages; with once
// not nil, for RecordPagesChecked, each page is also held to what the
// skim holds it to (onceWalk), and nothing found is noted.
func (s *Store) sumFailures(lost *LostPages, once *onceWalk) ([]Unreadable, error) {
	var (
		out  []Unreadable
		keys [][]byte
		vals [][]byte
		prev []byte // the last key of the chunk before
	)
	chunk := sumChunk
	var room blockRoom // the blocks' buffers, kept from chunk to chunk
	// The records' pages are read from the file (fileCursor), a chunk's
	// into buffers kept until it is checked: through bbolt's map, the
	// first touch of each page was over a second of one core at a
	// million records.
	pages := pageRuns{once: once}
	// The records' checksums are worked out by workers, one a core, a run
	// of records at a time, while the cursor walks on to the next: the
	// walk (bbolt's pages paged in through its map) and the SHA-256 each
	// took about a second at a million records, one after the other.
	const run = 1 << 10
	var (
		sums    = make([]string, chunk) // sumProblem of keys[i]
		runs    chan [2]int
		hashing sync.WaitGroup
		sent    int // the keys handed out
	)
	start := func(tx *bolt.Tx) {
		runs = make(chan [2]int, chunk/run)
		for range runtime.GOMAXPROCS(0) {
			hashing.Add(1)
			go func(keys, vals [][]byte) {
				defer hashing.Done()
				for r := range runs {
					for i := r[0]; i < r[1]; i++ {
						sums[i], _ = sumProblem(tx, keys[i], vals[i])
					}
				}
			}(keys[:cap(keys)], vals[:cap(vals)])
		}
	}
	hand := func(to int) {
		if to > sent {
			runs <- [2]int{sent, to}
			sent = to
		}
	}
	finish := func() {
		if runs != nil {
			close(runs)
			hashing.Wait()
			runs = nil
		}
	}
	check := func(tx *bolt.Tx, at *txFile) {
		hand(len(keys))
		finish()
		if once != nil && once.failed {
			// What was read is thrown away (RecordPagesChecked).
			keys, vals, sent = keys[:0], vals[:0], 0
			pages.release()
			return
		}
		sealed := readSealed(tx, at, keys, &room)
		bad, names := sums[:len(keys)], make([]string, len(keys))
		var wg sync.WaitGroup
		workers := min(runtime.GOMAXPROCS(0), max(1, len(keys)))
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// A run of keys each, in order, so that each worker
				// walks the blocks forward.
				from, to := len(keys)*w/workers, len(keys)*(w+1)/workers
				at := sealedAt{s: &sealed}
				for i := from; i < to; i++ {
					if bad[i] != "" {
						continue
					}
					before, after := prev, []byte(nil)
					if i > 0 {
						before = keys[i-1]
					}
					if i+1 < len(keys) {
						after = keys[i+1]
					}
					if !at.sound(keys[i], vals[i], before, after) {
						names[i], bad[i] = keyProblem(keys[i], vals[i])
					}
				}
			}()
		}
		wg.Wait()
		for i, why := range bad {
			if why != "" {
				out = append(out, Unreadable{ID: cmp.Or(names[i], keyText(keys[i])), Why: why})
			}
		}
		if len(keys) > 0 {
			prev = bytes.Clone(keys[len(keys)-1])
		}
		keys, vals, sent = keys[:0], vals[:0], 0
		pages.release()
	}
	keys, vals = make([][]byte, 0, chunk), make([][]byte, 0, chunk)
	var lostOut []Unreadable
	err := s.eachStoredIn(lost, &pages, func() bool { return len(keys) < chunk },
		func(tx *bolt.Tx, k, v []byte) error {
			if once != nil && !packed.Summed(v) {
				once.failed = true
				return errNotOnce
			}
			if runs == nil {
				start(tx)
			}
			keys, vals = append(keys, k), append(vals, v)
			if len(keys)-sent >= run {
				hand(len(keys))
			}
			return nil
		},
		func(sp lostSpan) { lostOut = append(lostOut, sp.unreadable()...) },
		check, finish, func() error { return nil })
	if once == nil {
		s.noteSumFailures(out)
	}
	return append(out, lostOut...), err
}

// sealedBlocks are the blocks of the QI copy that hold the facts of a run
// of records (readSealed), in id order; last is the last id of the
// store's last block (nil: none).
type sealedBlocks struct {
	blocks []block
	last   []byte
}

// readSealed reads, in tx, the blocks that hold facts of the records
// stored under keys (in key order): those from the one that would hold the
// first key's id to the one that would hold the last's. A block that
// cannot be read is left out: its records fail the cheap test, and are
// unpacked. Each block is read from at, the file the transaction holds,
// into a buffer of room (blockReader), not through bbolt's map: the
// blocks a chunk's keys span are held until the next chunk's are read.
func readSealed(tx *bolt.Tx, at *txFile, keys [][]byte, room *blockRoom) sealedBlocks {
	bb := tx.Bucket(bucketFactBlocks)
	if bb == nil || len(keys) == 0 {
		return sealedBlocks{}
	}
	sb := sealedBlocks{last: lastBlock(bb)}
	var lo, hi [16]byte
	okLo, okHi := false, false
	for _, k := range keys {
		if lo, okLo = keyID16(k); okLo {
			break
		}
	}
	for i := len(keys) - 1; i >= 0; i-- {
		if hi, okHi = keyID16(keys[i]); okHi {
			break
		}
	}
	if !okLo || !okHi {
		return sb
	}
	room.used = 0
	c := bb.Cursor()
	for k, _ := c.Seek(lo[:]); k != nil; k, _ = c.Next() {
		if b, err := readBlockVia(bb, k, room.reader(tx, at).read); err == nil && b.check() == nil {
			sb.blocks = append(sb.blocks, b)
			room.used++
		}
		if bytes.Compare(k, hi[:]) >= 0 {
			break
		}
	}
	return sb
}

// blockRoom holds the buffers readSealed reads a chunk's blocks into, one
// a block kept, each taken again by the next chunk's.
type blockRoom struct {
	readers []*blockReader
	used    int // the readers holding a block of this chunk's
}

// reader is the reader of the next block kept, in tx reading at.
func (r *blockRoom) reader(tx *bolt.Tx, at *txFile) *blockReader {
	if r.used == len(r.readers) {
		r.readers = append(r.readers, &blockReader{})
	}
	br := r.readers[r.used]
	br.at, br.tx = at, tx
	return br
}

// sealedAt walks sealedBlocks forward for one run of keys in order: the
// block and index the last id was looked for at.
type sealedAt struct {
	s     *sealedBlocks
	bi, j int
}

// sound reports whether the record stored under key as v, whose bytes
// match their checksum, is by cheap means what it was saved as, so that
// nothing of it need be unpacked: its key is a record id in order between
// its neighbours (before and after, nil for none known); its facts are
// sealed in a block under that id; and its value carries facts (its format
// byte one that does, and the facts within the value) that are, byte for
// byte, those the block holds. A key damaged into another id has no
// facts, or another record's, in the blocks; a format byte damaged into
// one without facts, or one with them where there were none, has none or
// others. Every other record (one after the last block, whose facts the
// tail's reader takes as it reads its id; a late id, whose facts are in the
// tail bucket; one saved before records carried their facts) is unpacked
// as before.
func (a *sealedAt) sound(key, v, before, after []byte) bool {
	if a.s.last == nil || (before != nil && bytes.Compare(before, key) >= 0) || (after != nil && bytes.Compare(key, after) >= 0) {
		return false
	}
	id, ok := keyID16(key)
	if !ok || bytes.Compare(id[:], a.s.last) > 0 {
		return false
	}
	carried, _, ok := packed.Facts(v)
	if !ok {
		return false
	}
	bs := a.s.blocks
	for a.bi < len(bs) && bytes.Compare(bs[a.bi].id(bs[a.bi].len()-1), id[:]) < 0 {
		a.bi, a.j = a.bi+1, 0
	}
	if a.bi == len(bs) {
		return false
	}
	b := bs[a.bi]
	if a.j >= b.len() || bytes.Compare(b.id(a.j), id[:]) > 0 {
		a.j = 0 // a key out of order: look again from the block's start
	}
	for a.j < b.len() && bytes.Compare(b.id(a.j), id[:]) < 0 {
		a.j++
	}
	if a.j == b.len() || !bytes.Equal(b.id(a.j), id[:]) {
		return false
	}
	f := b.val(a.j)
	return f != nil && bytes.Equal(f, carried)
}

// keyID16 is the 16-byte record id a records key spells, in the one form
// a key is written in (recordKey: lower-case hex, hyphens at 8, 13, 18 and
// 23); ok is false for any other key.
func keyID16(k []byte) (id [16]byte, ok bool) {
	if len(k) != 36 || k[8] != '-' || k[13] != '-' || k[18] != '-' || k[23] != '-' {
		return id, false
	}
	n := 0
	for i := 0; i < 36; i += 2 {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			i--
			continue
		}
		hi, lo := hexDigit(k[i]), hexDigit(k[i+1])
		if hi > 15 || lo > 15 {
			return id, false
		}
		id[n] = hi<<4 | lo
		n++
	}
	return id, n == 16
}

// hexDigit is the value of a lower-case hex digit, or 255.
func hexDigit(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	return 255
}

// lostIDText is a lost record's id, with the time it gives: when the
// record's assessment was begun (its id is made then), minutes before it
// was saved, or days for a draft resumed later, so said as begun, not
// saved; in local time, as history gives times, with the zone named.
func lostIDText(id string) string {
	rid, err := record.ParseID(id)
	if err != nil {
		return keyText([]byte(id))
	}
	ms := int64(binary.BigEndian.Uint64(append([]byte{0, 0}, rid[:6]...)))
	return fmt.Sprintf("%s (begun %s)", id, time.UnixMilli(ms).Local().Format("2006-01-02 15:04 MST"))
}

// The QI copy damaged, the records sound. The QI copy of the records (the
// facts, blocks.go and facts.go) is what summary counts and the CSV
// export is made from, fast; it is a copy, and a damaged block of it
// loses nothing the records do not still hold. An export of records that
// are sound should then export them all, as NDJSON always did: so the
// exports ask first whether the QI copy can be read (QICopyDamage), and
// if not, work the facts out from the records themselves
// (EachRecordFacts), as summary does for records saved without facts.
// Summary itself still refuses such a store: it reads the QI copy alone,
// for its budget, and counts from a damaged one would be wrong.

// QICopyDamage is why the QI copy of the records cannot be read, an error
// of kind ErrDamaged, or nil: a store that holds records but no QI copy, a
// copy that has lost its table of names, a block of it that fails its
// checksum or its layout, an entry or a link that names no record. It
// reads every block once, as a summary would, and notes the damage found
// as any read does. The facts a record carries in itself are covered by
// the record's own checksum, and are not read here.
func (s *Store) QICopyDamage() error {
	var found error
	qi := "the QI copy of the records (what summary and the CSV export count) cannot be read: "
	err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
		if factless(tx) {
			found = noFacts(s.path)
			return nil
		}
		fb, nb := tx.Bucket(bucketFacts), tx.Bucket(bucketFactNames)
		if fb == nil {
			return nil // nothing saved yet
		}
		if nb == nil {
			found = damaged(s.path, "the QI copy of the records (what summary and the CSV export count) has lost its table of names", nil)
			return nil
		}
		if err := loadNames(nb, facts.NewNames()); err != nil {
			found = damaged(s.path, qi+err.Error(), err)
			return nil
		}
		if bb := tx.Bucket(bucketFactBlocks); bb != nil {
			// Read from the file, each into the one buffer, not
			// through bbolt's map (blockReader).
			blocks := blockReader{at: at, tx: tx}
			c := bb.Cursor()
			for k, _ := c.First(); k != nil; k, _ = c.Next() {
				b, err := readBlockVia(bb, k, blocks.read)
				if err == nil {
					err = b.check()
				}
				if err != nil {
					found = damaged(s.path, qi+err.Error(), err)
					return nil
				}
			}
		}
		err := fb.ForEach(func(k, v []byte) error {
			if len(k) != 16 || len(v) > maxFactBytes {
				return fmt.Errorf("an entry of %d bytes under a key of %d bytes", len(v), len(k))
			}
			return nil
		})
		if lb := tx.Bucket(bucketFactLinks); err == nil && lb != nil {
			err = lb.ForEach(func(k, v []byte) error {
				if len(k) != 16 || len(v) != 16 {
					return errors.New("a link between versions of an assessment names no record")
				}
				return nil
			})
			if why := linkCheckProblems(tx); err == nil && len(why) > 0 {
				err = errors.New(why[0]) // link_checks.go
			}
		}
		if err != nil {
			found = damaged(s.path, qi+err.Error(), err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if found != nil {
		s.noteDamage(found)
	}
	return found
}

// EachRecordFacts is EachFactChunk worked out from the records themselves,
// for a reader of a store whose QI copy cannot be read (QICopyDamage):
// every record in id order, stepping over the spans lost names
// (LostRecordPages), its facts made as a save makes them. A record that
// cannot be read is handed to skip, as EachPast hands it, and left out; one
// whose facts cannot be worked out is handed over with an error of kind
// ErrInvalidRecord. It costs what an NDJSON export does: every record is
// decoded.
func (s *Store) EachRecordFacts(lost *LostPages, fn func(FactChunk) error, skip func(Unreadable)) error {
	names := facts.NewNames()
	intern := func(n string) (uint32, error) { return names.Intern(n), nil }
	var buf factsChunk
	var bad []Unreadable
	return s.eachCounted(lost, func() bool { return len(buf.ends)+len(bad) < recordChunk },
		func(tx *bolt.Tx, k, v []byte) error {
			r, u, err := s.readRecord(tx, k, v)
			if err != nil {
				return s.stepOver(err, u, skip != nil, func(u Unreadable) { bad = append(bad, u) })
			}
			val, err := s.encodeFacts(&r, intern)
			if err != nil {
				if buf.errs == nil {
					buf.errs = map[int]error{}
				}
				buf.errs[len(buf.ends)] = &Error{ErrInvalidRecord, fmt.Sprintf("record %s cannot be summarised: %v", r.ID, err), err}
			}
			buf.add(r.ID[:], val)
			return nil
		},
		func(sp lostSpan) { bad = append(bad, sp.unreadable()...) },
		func() error {
			if len(bad) > 0 && skip == nil {
				return damaged(s.path, fmt.Sprintf("record %s cannot be read (%s)", bad[0].ID, bad[0].Why), nil)
			}
			for _, u := range bad {
				skip(u)
			}
			bad = bad[:0]
			if len(buf.ends) > 0 {
				if err := fn(FactChunk{&buf, names, s}); err != nil {
					return err
				}
				// A chunk handed over keeps the table it was read
				// with; a reader knows a grown one by its being another.
				names = names.Clone()
			}
			buf.reset()
			return nil
		})
}

// tallyRecords counts, for a check whose walk found the store's structure
// damaged (rep.Partial), the records as an export reads them: the pages
// of records skimmed (LostRecordPages), the lost spans stepped over, and
// every other record read, as one that can be read or one that cannot.
// The page walk alone counted none on a leaf it faulted whose records an
// export still reads (a key out of order). Where the skim cannot step
// over the damage, the walk's counts stand.
//
// It reports whether the records were read from their own pages, the tree
// that leads to them being damaged (leafwalk.go).
//
// The records' tree is read through bbolt only while it reads as a tree
// of records: a pointer into the tree above (a loop) or into another
// page of it reads records again, at or before the one read before them,
// and one into another tree's pages reads keys that are no record's. In
// a store of an earlier build, which keeps no count of its records, the
// first went round the loop for ever, and the second counted records
// twice in place of those left out, or another tree's entries as
// damaged records, and said none was lost. Either stops the read at once,
// and every page of records is read on its own instead (leafwalk.go).
func (s *Store) tallyRecords(rep *Report) (walked, ok bool) {
	lp, err := s.LostRecordPages()
	if err != nil {
		return false, false
	}
	read, bad, lost, err := s.tallyIn(lp)
	if errors.Is(err, errNotATree) && !lp.Walked() {
		if lp, err = s.walkedRecordPages(); err == nil {
			read, bad, lost, err = s.tallyIn(lp)
		}
	}
	if err != nil {
		return false, false
	}
	rep.Records, rep.Unreadable, rep.Lost = read, bad, lost
	return lp.Walked(), true
}

// errNotATree is a read of the records' tree that met a record at or
// before the one before it, or keys that are no record's: see
// tallyRecords.
var errNotATree = errors.New("the records' tree leads back into itself or to pages that are not its own")

// tallyIn reads every record as eachStored steps through them with lp:
// how many read, and the ids of those that cannot be read and those lost.
// It stops with errNotATree where the tree does not read as one.
func (s *Store) tallyIn(lp *LostPages) (read int, bad, lost []string, err error) {
	var prev []byte
	prevDamaged := false // prev is a record's own damaged key
	foreign := 0
	err = s.eachStored(lp, func() bool { return true },
		func(tx *bolt.Tx, k, v []byte) error {
			_, keyWhy := keyProblem(k, v)
			switch {
			case prev == nil || bytes.Compare(k, prev) > 0:
			case keyWhy != "":
				// One bit in a record's own key puts it out of order:
				// that record is named as unreadable, as the exports
				// name it, not the tree's pointers.
			case !prevDamaged:
				return errNotATree
			}
			if keyWhy == "" || prev == nil || bytes.Compare(k, prev) > 0 {
				prev, prevDamaged = append(prev[:0], k...), keyWhy != ""
			}
			if _, perr := uuid.ParseBytes(k); perr != nil || len(k) != 36 {
				// One key damaged is that record's; more are pages
				// of another tree.
				if foreign++; foreign > 1 {
					return errNotATree
				}
			}
			if _, u, err := s.readRecord(tx, k, v); err != nil {
				bad = append(bad, u.ID)
			} else {
				read++
			}
			return nil
		},
		func(sp lostSpan) {
			for _, u := range sp.unreadable() {
				lost = append(lost, u.ID)
			}
		}, nil, nil, func() error { return nil })
	return read, bad, lost, err
}

// walkedRecordPages is LostRecordPages with every page of records read
// on its own (leafwalk.go), for a tree that does not read as one.
func (s *Store) walkedRecordPages() (*LostPages, error) {
	var lp *LostPages
	err := s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) (err error) {
		lp, err = s.walkLeaves(tx, at)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !lp.Walked() {
		return nil, errNotATree
	}
	s.noteLost(lp)
	return lp, nil
}

// walkedRecords words, for check, the records of a store whose pages
// that lead to the records are damaged, read from their own pages: read
// of them could be read, and lost more the patient index names that no
// page holds (listed after the problems).
func walkedRecords(read, lost int) []string {
	s := fmt.Sprintf("the pages that lead to the records are damaged, so each page of records was read on its own: %d records were found there and can be read", read)
	if lost == 0 {
		return []string{s + ", and none that the patient index names is missing"}
	}
	return []string{fmt.Sprintf("%s; the patient index names %d more that no page holds (listed below): they are lost from this store, so restore the store from a backup made after the last of them, or enter those assessments again", s, lost)}
}

// ExportLinks is FactLinks for an export that reads every record anyway
// (the FHIR export, which writes an assessment's versions as one response
// under its first version's id): each link is read against the records
// (CheckFactLinks), and when one is damaged (one bit of a link names no
// record), every link is worked out from the records themselves, as a
// save writes them (each amendment's or void's Amends), stepping over the
// spans lost names and the records that cannot be read, which the export
// names itself. So a store whose QI copy is damaged and whose records are
// sound is exported as the sound store was. qi is the damage found in
// the links, noted as the store's (nil when they are sound).
func (s *Store) ExportLinks(lost *LostPages) (links map[uuid.UUID]uuid.UUID, qi, err error) {
	links, qi = s.CheckFactLinks()
	if qi == nil || !errors.Is(qi, ErrDamaged) {
		return links, nil, qi
	}
	s.noteDamage(qi)
	links = map[uuid.UUID]uuid.UUID{}
	n := 0 // records read in this chunk's transaction
	err = s.eachStored(lost, func() bool { n++; return n <= recordChunk },
		func(tx *bolt.Tx, k, v []byte) error {
			r, _, err := s.readRecord(tx, k, v)
			if err == nil && !r.Amends.IsZero() {
				links[uuid.UUID(r.ID)] = uuid.UUID(r.Amends)
			}
			return nil
		},
		func(lostSpan) {}, nil, nil, func() error { n = 0; return nil })
	return links, qi, err
}

// reasonText is a reason (a decoder's or a check's words) as a message
// shows it: printable, and when long, cut at the end of a word. Cut as a
// damaged key is, it read "(checksum diffe"… (67 bytes)".
func reasonText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "?"))
	const most = 300
	if len(s) <= most {
		return s
	}
	cut := strings.LastIndex(s[:most], " ")
	if cut <= 0 {
		cut = most
	}
	return strings.ToValidUTF8(strings.TrimRight(s[:cut], " ,;:("), "") + "…"
}

// checkNaming is msg with each "digicheck check" it gives (not the start
// of a longer word, nor one naming a store already) naming the store at
// path: --db PATH.
func checkNaming(msg, path string) string {
	const check = "digicheck check"
	var b strings.Builder
	for {
		i := strings.Index(msg, check)
		if i < 0 {
			b.WriteString(msg)
			return b.String()
		}
		b.WriteString(msg[:i+len(check)])
		before, rest := msg[:i], msg[i+len(check):]
		msg = rest
		if rest != "" && isWordByte(rest[0]) || before != "" && isWordByte(before[len(before)-1]) || strings.HasPrefix(rest, " --db ") {
			continue
		}
		b.WriteString(" --db " + shellword.Word(path))
	}
}

// isWordByte reports whether c continues a word.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}
