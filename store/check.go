package store

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/questionnaire"
	"digicheck/record"
)

// maxProblems bounds the problems a Report lists; a badly damaged store
// could otherwise list one per record.
const maxProblems = 200

// Report is what CheckContext found. The counts are of what could be read.
type Report struct {
	Path    string
	Records int // every version of every assessment
	// Partial is true when the store's structure is damaged: Records is
	// then those that could be read, and nothing else was counted.
	Partial     bool
	Assessments int // first versions: each assessment once, however often amended
	Counted     int // current versions not entered in error: what a summary counts
	Voided      int // assessments entered in error
	FollowUps   int // counted assessments that follow up an earlier one
	Drafts      int
	// Lost are the ids of the records on pages of records that cannot be
	// read, as the patient index names them: the records an export
	// gives an unreadable line or row each.
	Lost []string
	// Unreadable names the records whose pages can be read but which
	// cannot be read themselves (their bytes fail their checksum or do
	// not decode, or their key is damaged): an export gives each an
	// unreadable line or row too, and Records, Assessments and the
	// counts after it leave them out, as an export does.
	Unreadable []string
	// Unsummed is how many records read soundly in a format that has no
	// checksum (sums.go): saved before checksums were kept. Information,
	// not damage.
	Unsummed int
	// Unreachable is how many records the store counts (counted.go)
	// that its pages do not lead to: lost without a page that says so.
	Unreachable int
	// Problems says what is wrong, one finding each; empty when the
	// store is sound. More is how many were found beyond those listed.
	Problems []string
	More     int
	// NoteNotLeft is why the note that marks the store damaged
	// (DamageNote) could not be left beside it (a folder this user
	// cannot write), or nil: other commands will not know of the
	// damage until a check leaves it.
	NoteNotLeft error
	// StoreProblems, in a backup's report, is what is wrong with the
	// store copied that its copy does not carry (a damaged meta page
	// that loses nothing: the copy is written with sound ones).
	StoreProblems []string
	// SetAside names the drafts whose own bytes are damaged, in sound
	// pages: not offered, and not problems of the store, which goes on
	// taking saves and backups; check --discard-damaged-drafts removes
	// them (Store.DiscardDamagedDrafts).
	SetAside []string
	// pendingAside is set when the drafts' tree is damaged and nothing
	// else is: not read through bbolt, and set aside by the next write.
	pendingAside bool
	// unopened is set for a file that could not be opened as a store
	// at all (Unopened): nothing in it was read or counted.
	unopened bool
	// cut is what the pages left in a file cut short hold, for a file
	// that cannot be opened even so (Unopened).
	cut *cutShortPages
	// whole are the ids of the records found whole on the pages of a
	// file that cannot be opened as a store, though its header can be
	// read and it is not cut short (its root page lost, say): what
	// check --salvage writes (Unopened).
	whole []string
	// indexOnly is set when the only damage is of keys out of order in
	// the patient index, and every record was read and is sound.
	indexOnly bool
	// lossless is how many of Problems lose nothing (a damaged older
	// meta page): when they are all there is, the advice is a backup to
	// use in the store's place, not a restore.
	lossless int
}

// maxLostShown is how many lost records check names one by one.
const maxLostShown = 1000

// OK reports whether the store passed every check.
func (r Report) OK() bool { return len(r.Problems) == 0 }

func (r *Report) problem(format string, args ...any) {
	if len(r.Problems) >= maxProblems {
		r.More++
		return
	}
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

// String is the report as `digicheck check` prints it.
func (r Report) String() string {
	var b strings.Builder
	// A path or a bucket name may hold control characters: shown as
	// escapes (\x1b, \n), never sent to the terminal.
	fmt.Fprintf(&b, "Store: %s\n", questionnaire.Printable(r.Path))
	switch {
	case r.unopened && r.cut != nil:
		fmt.Fprintf(&b, "Records: none counted, as the file is cut short and cannot be opened as a store; %d can still be read from the pages left, listed below\n", len(r.cut.readable))
	case r.unopened && len(r.whole) > 0:
		fmt.Fprintf(&b, "Records: none counted, as the file cannot be opened as a store; %d can still be read whole from its pages, listed below\n", len(r.whole))
	case r.unopened:
		b.WriteString("Records: none could be read, as the file cannot be opened as a store; what is wrong is below\n")
	case r.Partial && len(r.Lost)+len(r.Unreadable) > 0:
		fmt.Fprintf(&b, "Records: %d could be read, and %d more cannot be (%s), as an export counts them; what else is damaged is below\nAssessments: not counted, as the store's structure is damaged\n", r.Records, len(r.Lost)+len(r.Unreadable), r.whyNotRead())
	case r.Partial && r.indexOnly:
		fmt.Fprintf(&b, "Records: %d could be read, every one, and each passes its checks\nAssessments: not counted, as the patient index is damaged (what is affected is below); the records themselves are not\n", r.Records)
	case r.Partial:
		fmt.Fprintf(&b, "Records: %d could be read; what else is damaged is below\nAssessments: not counted, as the store's structure is damaged\n", r.Records)
	case len(r.Lost)+len(r.Unreadable) > 0:
		fmt.Fprintf(&b, "Records: %d could be read, and %d more cannot be (%s), as an export counts them\n", r.Records, len(r.Lost)+len(r.Unreadable), r.whyNotRead())
		fmt.Fprintf(&b, "Assessments: %d of the records that could be read (counted %d, entered in error %d; follow-ups %d)\n", r.Assessments, r.Counted, r.Voided, r.FollowUps)
	default:
		fmt.Fprintf(&b, "Records: %d, every version of every assessment\n", r.Records)
		fmt.Fprintf(&b, "Assessments: %d (counted %d, entered in error %d; follow-ups %d)\n", r.Assessments, r.Counted, r.Voided, r.FollowUps)
	}
	if !r.unopened {
		fmt.Fprintf(&b, "Drafts: %d\n", r.Drafts)
	}
	if r.Unsummed > 0 {
		fmt.Fprintf(&b, "Without a checksum: %d records, stored as digicheck stored records before it kept checksums; they are checked against their facts and answers only\n", r.Unsummed)
	}
	if n := len(r.SetAside); n > 0 {
		if n == 1 {
			b.WriteString("SET ASIDE: 1 unfinished assessment kept as a draft cannot be read, as only the draft is damaged; assessments are saved and backed up as before. Enter that assessment again, then remove the draft with digicheck check --discard-damaged-drafts\n")
		} else {
			fmt.Fprintf(&b, "SET ASIDE: %d unfinished assessments kept as drafts cannot be read, as only the drafts are damaged; assessments are saved and backed up as before. Enter those assessments again, then remove the drafts with digicheck check --discard-damaged-drafts\n", n)
		}
		for _, p := range r.SetAside {
			fmt.Fprintf(&b, "- %s\n", questionnaire.Printable(p))
		}
	}
	if r.OK() {
		b.WriteString("OK: every page of the file (its pages, free list and key order) and digicheck's own checks found nothing wrong.\n")
		return b.String()
	}
	fmt.Fprintf(&b, "PROBLEMS: %d\n", len(r.Problems)+r.More)
	for _, p := range r.Problems {
		fmt.Fprintf(&b, "- %s\n", questionnaire.Printable(p))
	}
	if r.More > 0 {
		fmt.Fprintf(&b, "- and %d more\n", r.More)
	}
	if r.cut != nil && len(r.cut.readable) > 0 {
		fmt.Fprintf(&b, "Records that can still be read from the pages left (%d):\n", len(r.cut.readable))
		for i, id := range r.cut.readable {
			if i == maxLostShown {
				fmt.Fprintf(&b, "  and %d more\n", len(r.cut.readable)-i)
				break
			}
			fmt.Fprintf(&b, "  %s\n", lostIDText(id))
		}
	}
	if len(r.whole) > 0 {
		fmt.Fprintf(&b, "Records that can still be read whole from its pages (%d):\n", len(r.whole))
		for i, id := range r.whole {
			if i == maxLostShown {
				fmt.Fprintf(&b, "  and %d more\n", len(r.whole)-i)
				break
			}
			fmt.Fprintf(&b, "  %s\n", lostIDText(id))
		}
	}
	if len(r.Lost) > 0 {
		// One to a line, as an export's unreadable lines name them, for
		// a clinician to look up and enter again.
		fmt.Fprintf(&b, "Records lost, on pages that cannot be read (%d):\n", len(r.Lost))
		for i, id := range r.Lost {
			if i == maxLostShown {
				fmt.Fprintf(&b, "  and %d more: digicheck export --format ndjson --identifiable names each, on a line of its own\n", len(r.Lost)-i)
				break
			}
			fmt.Fprintf(&b, "  %s\n", lostIDText(id))
		}
	}
	return b.String()
}

// whyNotRead words, for the headline, why the records not read are not.
func (r Report) whyNotRead() string {
	switch {
	case len(r.Lost) > 0 && len(r.Unreadable) > 0:
		return fmt.Sprintf("%d lost on pages that cannot be read, named below, and %d damaged themselves, named in the problems", len(r.Lost), len(r.Unreadable))
	case len(r.Lost) > 0:
		return "lost on pages that cannot be read, named below"
	}
	return "damaged, named in the problems below"
}

// Unopened is check's report on the file at path, which Open refused
// with err: a file that is, or may be, a damaged digicheck store
// (ErrDamaged) gets a report of that one problem, whose Verdict is
// check's, so that check ends with its verdict on any file however
// damaged; ok is false for any other refusal (locked, another program's
// file, newer), which is no finding about a store. The file is left as
// it is; the note beside it (which Open left) is given check's verdict,
// as a check of any other damaged store leaves it.
func Unopened(path string, err error) (rep Report, ok bool) {
	if !errors.Is(err, ErrDamaged) {
		return Report{}, false
	}
	if abs, aerr := filepath.Abs(path); aerr == nil {
		path = abs
	}
	rep = Report{Path: path, Partial: true, unopened: true}
	rep.problem("%s", err)
	if c, ok := scanCutShort(path); ok {
		// Cut short with its newest root: nothing can be read as a
		// store, but what the pages left hold is said, the records
		// named, so the assessments to enter again can be told.
		rep.cut = &c
		rep.problem("the file holds %d of the %d pages its header gives: the last %s missing. %s can still be read, each whole and passing its own checksum, from the pages that are left (listed below); any saved only on the missing pages is lost. Summary, export and backup refuse the file rather than count or copy a part of the store as the whole: restore the store from a backup, and keep this file as it is: the records listed below are whole in it, for IT to recover (digicheck check --salvage FILE writes them to FILE); any saved since the backup and not recovered must be entered again", c.want-c.missing, c.want, plural(int(c.missing), "page is", "pages are"), plural(len(c.readable), "record", "records"))
	} else if n, ps, ok := scanHeaderless(path); ok {
		// Neither header page says how the file is laid out, but the
		// records, each with its own checksum, can still be told
		// apart: restoring a backup alone would lose those saved since.
		rep.problem("neither of its header pages can be read, but %s can still be read whole from it, each passing its own checksum (its pages taken as %d bytes, the size at which they are found whole). Restore the store from a backup, and keep this file as it is, for IT to recover them (digicheck check --salvage FILE writes them to FILE); any saved since the backup and not recovered must be entered again", plural(n, "record", "records"), ps)
	} else if ids := scanWhole(path); len(ids) > 0 {
		// Its header can be read, but not the pages that say where
		// things are kept: the records, each with its own checksum,
		// are found on their own pages. "None could be read" was
		// taken for all lost, and the assessments saved since the
		// last backup entered again from memory.
		rep.whole = ids
		rep.problem("%s can still be read whole from its pages, each passing its own checksum (listed below), though the store cannot be opened: summary, export and backup refuse the file rather than count or copy a part of the store as the whole. Restore the store from a backup, and keep this file as it is: the records listed below are whole in it, for IT to recover (digicheck check --salvage FILE writes them to FILE, a new file, one line each, which digicheck summary FILE counts); any saved since the backup and not recovered must be entered again", plural(len(ids), "record", "records"))
	}
	rep.NoteNotLeft = writeNote(path, rep.Verdict().Error())
	return rep, true
}

// scanWhole is, for the store file at path, whose header pages say the
// size of its pages, the ids of the records found whole on them (each
// passing its own checksum), in id order, as Salvage writes them: none
// when no header page can be read. Nothing is written.
func scanWhole(path string) []string {
	if NotRegular(path) != nil {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil
	}
	var ps int64
	for _, m := range metas(f) {
		ps = int64(m.pageSize)
	}
	if ps == 0 {
		return nil
	}
	seen := map[string]bool{}
	wholeRecords(f, ps, uint64(fi.Size()/ps), func(rec record.Record, _ []byte) {
		seen[rec.ID.String()] = true
	})
	return slices.Sorted(maps.Keys(seen))
}

// CheckContext verifies the store read-only, as it was at one moment,
// while assessments go on: it never keeps a save waiting for longer than it
// takes to copy the file. It copies the store, byte for byte as one read
// transaction sees it (bbolt's WriteTo: ordinary reads of the file, never
// its map), to a temporary file beside it (or, when that disk is nearly
// full, in the system's temporary folder), lets go of the store, and
// checks the copy; the copy is removed on every way out (and one left by
// a check that was killed is removed by the next check, backup or export,
// see SweepTemporaries). Where no copy can be written, it fails with
// ErrNoSpace rather than check the store in place, which would keep saves
// waiting past their timeout (inPlace does that, on request, below).
//
// It finishes with a verdict on any file, in time and memory bounded by
// the file's size: first it walks every page with ordinary reads
// (pages.go: every page id inside the file, every page of the kind its
// parent names, every element inside its page, keys in order, no page
// reached twice, every page in use or free), and only if that holds does
// it let bbolt read the pages, for bbolt's own consistency check and then
// digicheck's invariants:
//
//   - the meta bucket is ours and readable;
//   - every record decodes under its own id and meets every rule of a
//     record by itself but those of what may be entered (record.Validate:
//     a UUIDv7, a patient, a time, a known status consistent with its
//     links, valid outcomes, known bands, routes and consents);
//   - every patient index entry points at a record of that patient, and
//     every record has its entry;
//   - every supersededBy entry matches the Amends of the record it names,
//     and every record that supersedes another has its entry, so each
//     assessment's versions form one line; no line loops, crosses
//     patients or continues past a void;
//   - every follow-up names an existing record of the same patient;
//   - every draft decodes under its own id and is not of a saved record;
//   - every record has its facts and they match it (see facts.go);
//   - every record's stored bytes match the SHA-256 kept when it was saved,
//     if it has one, and every sum is of a record (see sums.go).
//
// What it finds goes in the Report, which names the store, never the
// copy. The error is for a store that could not be checked at all:
// locked, not a digicheck store, or so damaged that reading it failed
// (ErrDamaged). A report with problems, or ErrDamaged, leaves the note that
// makes every writing command refuse the store (damage.go); a report
// without problems removes it.
//
// A cancelled ctx (Ctrl+C, a closed window, a scheduled task's timeout)
// stops it: the temporary copy is removed before it returns, and the
// error, of kind context.Canceled, says so. Nothing is found about the
// store, and its damage note is left as it was. With inPlace it is for a store with no room for a copy anywhere: it
// checks the store itself when no copy can be written, and a save waits
// for it, up to its timeout, and then fails. For when nobody is saving.
func (s *Store) CheckContext(ctx context.Context, inPlace bool) (Report, error) {
	rep, err := s.checkSnapshot(ctx, inPlace)
	switch {
	case errors.Is(err, context.Canceled):
		return Report{Path: s.path}, err
	case err != nil:
		// runTx, or checkSnapshot for the copy, noted ErrDamaged.
	case !rep.OK():
		s.noteDamage(rep.Verdict())
		rep.NoteNotLeft = writeNote(s.path, rep.Verdict().Error()) // check's own words, whatever was noted before
	default:
		if cerr := clearNote(s.path); cerr != nil {
			return rep, fmt.Errorf("the store is sound, but its damage note %s could not be removed: %w", DamageNote(s.path), cerr)
		}
		s.mu.Lock()
		s.damage = nil
		s.mu.Unlock()
	}
	return rep, err
}

// checkSnapshot copies the store and checks the copy. The copy goes
// beside the store when that disk keeps room for saves after it
// (check_space.go), else to the system's temporary folder; a copy that
// cannot be written in one place is removed at once, so that it takes no
// room from saves, and the next is tried. Where no copy can be written,
// it checks the store in place only when inPlace is set: a check in place
// holds the store for its whole run, which makes a save give up waiting
// (2 s at 10,000 records), and a check must never make a save fail unless
// someone chose it.
func (s *Store) checkSnapshot(ctx context.Context, inPlace bool) (Report, error) {
	dir := filepath.Dir(s.path)
	// First, as a copy left by a check that was killed takes room.
	SweepTemporaries(dir)
	SweepTemporaries(os.TempDir())
	size := storeSize(s.path)
	var places []string
	if roomFor(dir, size, saveHeadroom) {
		places = append(places, dir)
	}
	if tmp := os.TempDir(); tmp != dir && roomFor(tmp, size, saveHeadroom) {
		places = append(places, tmp)
	}
	var why []string
	for _, at := range places {
		rep, copied, err := s.checkCopyIn(ctx, at)
		if copied || errors.Is(err, context.Canceled) {
			return rep, err
		}
		why = append(why, fmt.Sprintf("%s: %v", at, unwrapPath(err)))
	}
	if inPlace {
		// Nothing to remove: a cancel only need not wait for it.
		done := make(chan struct{})
		var rep Report
		var err error
		go func() {
			defer close(done)
			rep, err = s.checkInWith(progressOf(ctx))
		}()
		select {
		case <-done:
			return rep, err
		case <-ctx.Done():
			return Report{Path: s.path}, &Error{context.Canceled, fmt.Sprintf("check of %s cancelled: the store was not changed", s.path), ctx.Err()}
		}
	}
	if len(why) == 0 {
		why = append(why, fmt.Sprintf("neither %s nor %s has room for a copy of %s with %s to spare", dir, os.TempDir(), SizeText(size), SizeText(saveHeadroom)))
	}
	return Report{Path: s.path}, &Error{ErrNoSpace, fmt.Sprintf("the store %s was not checked: check works on a copy, so that saves go on meanwhile, and no copy could be written (%s). Free some space, or run digicheck check --in-place when nobody is saving assessments (saves wait for it, and give up after a few seconds)", s.path, strings.Join(why, "; ")), nil}
}

// checkCopyIn copies the store to a temporary file in dir and checks the
// copy; copied is false, with the copy's error, when no copy could be
// written there (the store itself was not found wanting).
//
// Cancelled, it stops the copy, or stops waiting for the check of it, and
// removes the copy before it returns checkCancelled: the process may end
// at once after, and a copy of the store left behind is a copy of
// patient data.
func (s *Store) checkCopyIn(ctx context.Context, dir string) (rep Report, copied bool, err error) {
	f, err := createCheckCopy(dir)
	if err != nil {
		return Report{}, false, err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return Report{}, false, err
	}
	warm(s.path)
	// Errors of the copy are told from the store's: a copy that cannot
	// be written is no finding about the store.
	progress := progressOf(ctx)
	pw := &progressWriter{w: ctxWriter{ctx, f}, total: storeSize(s.path), f: progress}
	w := &copyWriter{w: pw}
	var faults []metaFault
	err = s.runTx(false, func(tx *bolt.Tx, at *txFile) bool {
		// The copy is written with fresh meta pages, so the store's own
		// are read here, under the lock, where a save cannot be half
		// way through writing one.
		faults = countLost(at.f, at.size, metaFaults(at.f))
		// Before anything is read through bbolt's map: WriteTo reads
		// the file with ordinary reads, up to the size runTx has
		// already found inside the file.
		_, w.err = tx.WriteTo(w)
		if w.err == nil {
			progress(CheckProgress{PhaseCopy, pw.done, pw.done}) // all of it
		}
		return false
	}, nil)
	if cerr := f.Close(); w.err == nil && w.failed == nil {
		w.failed = cerr
	}
	switch {
	case ctx.Err() != nil:
		return Report{Path: s.path}, false, checkCancelled(s.path, tmp, ctx.Err())
	case err != nil:
		return Report{Path: s.path}, true, err
	case w.failed != nil:
		os.Remove(tmp) // now, not after: it holds room a save may need
		return Report{}, false, w.failed
	case w.err != nil:
		// Reading the store failed mid-copy.
		err := s.unreadable(w.err)
		s.noteDamage(err)
		return Report{Path: s.path}, true, err
	}

	c := &Store{path: tmp, timeout: s.timeout, instruments: s.instruments}
	// The check of the copy runs on its own, so that a cancel need not
	// wait for it: it reads a copy nobody else has, which is removed
	// under it (on Windows, where an open file cannot be removed, the
	// next check or backup sweeps it).
	type checked struct {
		rep Report
		err error
	}
	done := make(chan checked, 1)
	go func() {
		rep, err := c.checkInWith(progress)
		done <- checked{rep, err}
	}()
	select {
	case d := <-done:
		rep, err = d.rep, d.err
	case <-ctx.Done():
		return Report{Path: s.path}, false, checkCancelled(s.path, tmp, ctx.Err())
	}
	rep.Path = s.path
	for _, f := range faults {
		rep.problem("%s", f)
		if !f.lost && !f.unsure {
			rep.lossless++
		}
	}
	if err != nil {
		err = HideTemporaries(err, s.path, tmp)
		if errors.Is(err, ErrDamaged) {
			s.noteDamage(err)
		}
	}
	return rep, true, err
}

// checkCancelled removes the copy tmp of the store at path and says that
// the check was cancelled, in words; the cause is kept for errors.Is.
func checkCancelled(path, tmp string, cause error) error {
	if err := os.Remove(tmp); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &Error{context.Canceled, fmt.Sprintf("check of %s cancelled: its temporary copy %s could not be removed (%v); delete it, as it holds the store's patient data", path, tmp, err), cause}
	}
	return &Error{context.Canceled, fmt.Sprintf("check of %s cancelled: its temporary copy was removed, and the store was not changed", path), cause}
}

// createCheckCopy makes the temporary file check copies the store to,
// named as a backup's so that SweepTemporaries removes one left by a check
// that was killed. A variable, so a test can have the disk be full.
var createCheckCopy = func(dir string) (*os.File, error) { return CreateTemp(dir, "backup") }

// warm reads the file at path through once, without a lock, so that the
// copy taken under the lock reads it from memory rather than the disk: a
// store not read since the computer started copies several times slower
// (1.4 s rather than 0.25 s at 100,000 records, against a save's 2 s).
// What it reads is discarded; an error is the copy's to find.
func warm(path string) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	_, _ = io.CopyBuffer(io.Discard, f, make([]byte, 1<<20))
}

// copyWriter writes the copy, keeping its own failures apart from the
// store's.
type copyWriter struct {
	w           io.Writer
	err, failed error
}

func (c *copyWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	if err != nil && c.failed == nil {
		c.failed = err
	}
	return n, err
}

// checkIn checks the file of s in place, in one read transaction. It
// reads every page, most through bbolt's map of the file; the pages read
// are given back as it goes (release_linux.go), so that its memory does
// not grow with the store.
//
// The structure of the file is checked by the page walk (pages.go), with
// ordinary reads and one bit a page: every invariant bbolt's own
// consistency check (tx.Check) holds the file to, and more (see
// TestThePageWalkFindsWhatBboltsCheckFinds). tx.Check itself is not run:
// it read every page once more through the map, which was most of what a
// check held resident, and kept a map entry for every page.
func (s *Store) checkIn() (Report, error) { return s.checkInWith(func(CheckProgress) {}) }

// checkInWith is checkIn telling progress how far it has got.
func (s *Store) checkInWith(progress func(CheckProgress)) (Report, error) {
	rep := Report{Path: s.path}
	defer releasingMapped(s.path)()

	// Decoding every record makes garbage at some 20 kB a record, which
	// the collector lets grow to the heap in use (GOGC=100) before it
	// looks: with the links held, as much again as they take. Collecting
	// at a tenth more costs little, since the links hold no pointers to
	// follow.
	defer debug.SetGCPercent(debug.SetGCPercent(checkGCPercent))
	records := 0
	// The walk's findings and the lost records it found are worded once
	// the records are counted as an export reads them (tallyRecords): a
	// damaged page above the records loses none of those below it.
	var found, lostLines []string
	draftsLine := "" // the drafts read from their own pages, said once
	// The entry of the patient index named, for each finding of a key
	// out of order on one of its pages (patindex_words.go).
	keyWords := map[string]string{}
	// The store's count of its records and the patient index's entries
	// the walk reached (counted.go).
	var (
		count     uint64
		countSeen bool
		entries   int
	)
	err := s.runTx(false, func(tx *bolt.Tx, at *txFile) bool {
		for _, f := range countLost(at.f, at.size, metaFaults(at.f)) {
			rep.problem("%s", f)
			if !f.lost && !f.unsure {
				rep.lossless++
			}
		}
		// Pages found damaged are named, a few: which records they held
		// is what the person needs (lostRecords, damage.go).
		progress(CheckProgress{Phase: PhasePages})
		ok, _, w := walk(at.f, at.size, uint64(tx.ID()), true, true, func(format string, args ...any) {
			found = append(found, fmt.Sprintf(format, args...))
		})
		records = w.records
		count, countSeen, entries = w.count, w.counted, w.entries
		if set := w.pending; set != nil {
			// Damaged pages of drafts, nothing else damaged: the
			// next write sets them aside (draftpages.go), so they
			// are no damage of the store. Their drafts are read from
			// their own pages, as that write will read them.
			rep.pendingAside = true
			within := map[uint64]bool{}
			for _, p := range set.pages {
				within[p] = true
			}
			sound, bad := s.draftsOnPagesIn(at.f, w.m, func(id uint64) bool { return within[id] })
			rep.Drafts += len(sound) + len(bad)
			for _, p := range bad {
				rep.SetAside = append(rep.SetAside, pendingFinding(p, set))
			}
		}
		if _, st := countFrom(count); countSeen && st == uncounted && entries > 0 && !slices.ContainsFunc(found, func(f string) bool {
			return strings.Contains(f, "(patients") || strings.Contains(f, `"patients"`)
		}) {
			// A store of an earlier build keeps no count: its patient
			// index, read whole, has an entry for every record, and
			// serves as the count. A pointer in the records' tree
			// that left half the records out was said only as pages
			// "neither in use nor free", the records not at all.
			count = countValue(uint64(entries))
		}
		for _, f := range found {
			if kw := patientKeyWords(at.f, int64(w.m.pageSize), f); kw != "" {
				keyWords[f] = kw
			}
		}
		if !ok {
			rep.Records, rep.Partial = w.records, true
			ids := lostIDs(at.f, w.m, w.lost)
			for _, l := range ids {
				rep.Lost = append(rep.Lost, l...)
			}
			lostLines = lostRecords(w.lost, ids, w.records)
			rep.Drafts = countDrafts(at.f, w.m)
			if broken, _ := draftsTreeBroken(at.f, w.m); broken {
				// Read from their own pages, as ListDrafts offers
				// them: how many were found, and whose are lost.
				sound, bad := s.draftsOnPages(at.f, w.m)
				rep.Drafts = len(sound) + len(bad)
				draftsLine = walkedDraftsWords(len(sound), bad)
			}
		}
		return ok
	}, func(tx *bolt.Tx, _ *txFile) error {
		// Each record is decoded once, by checkInvariants, which hands
		// it to factsOf to be compared with its facts; checkFactsLayout then
		// checks the facts' own layout and that each has its record.
		factsOf := s.recordFactsChecker(tx, rep.problem) // facts.go
		// The map's pages are also given back every releaseRecords
		// records read, not only by the clock: a loaded machine runs
		// the clock's goroutine late, and 80 MB of a 130 MB store was
		// resident at a peak between two ticks.
		n := 0
		each := func(r *record.Record) {
			if factsOf != nil {
				factsOf(r)
			}
			if n++; n%releaseRecords == 0 {
				releaseMapped(s.path)
			}
			if n%progressRecords == 0 {
				progress(CheckProgress{PhaseRecords, int64(n), int64(max(records, n))})
			}
			if checkpoint != nil && n%checkpointRecords == 0 {
				checkpoint()
			}
		}
		progress(CheckProgress{PhaseRecords, 0, int64(records)})
		s.checkInvariants(tx, &rep, records, each)
		progress(CheckProgress{PhaseRecords, int64(n), int64(max(records, n))})
		if checkpoint != nil {
			checkpoint()
		}
		s.checkFactsLayout(tx, rep.problem)
		checkSums(tx, rep.problem) // sums.go: every sum is of a record
		return nil
	})
	walked, whole := false, false
	if rep.Partial && err == nil {
		// A store whose structure is damaged is counted as an export
		// reads it, so that the headline and the exports agree.
		var tallied bool
		walked, tallied = s.tallyRecords(&rep)
		switch {
		case walked:
			lostLines = walkedRecords(rep.Records, len(rep.Lost))
		case tallied && len(rep.Lost) == 0:
			// The records' own tree was read whole, and every record
			// the patient index names was in it: a page of records the
			// walk above met twice, once from a damaged page of another
			// part of the file (one bit of the drafts' index naming a
			// page of records), lost none of them.
			lostLines, whole = nil, true
		}
	}
	if countSeen && err == nil {
		reached := records
		if rep.Partial {
			reached = rep.Records + len(rep.Unreadable) + len(rep.Lost)
		}
		lostLines = append(countFindings(count, reached, entries, &rep), lostLines...)
		if rep.Unreachable > 0 {
			whole = false // a page met twice does not mean none is lost
		}
	}
	rep.Problems = append(lostLines, rep.Problems...)
	if draftsLine != "" {
		rep.problem("%s", draftsLine)
	}
	// Every record read and sound: damage of the patient index alone
	// loses none, and is said so, not as the structure's in general.
	recordsSound := rep.Partial && err == nil && (walked || whole) && len(rep.Lost) == 0 && len(rep.Unreadable) == 0 && rep.Unreachable == 0
	rep.indexOnly = recordsSound && len(found) > 0 && draftsLine == ""
	for i, f := range found {
		if keyWords[f] == "" {
			rep.indexOnly = false
		}
		if i == maxPagesShown {
			rep.More += len(found) - i
			break
		}
		if kw := keyWords[f]; kw != "" {
			rep.problem("%s", patientIndexKeyFinding(kw, f, recordsSound, rep.Records))
			continue
		}
		rep.problem("%s", pageFinding(f, walked, whole, draftsLine != ""))
	}
	if rep.Partial && err == nil {
		// Named, as the exports name them, so that the assessment to
		// enter again can be told: the walk's findings name pages.
		for i, id := range rep.Unreadable {
			if i == maxLostShown {
				rep.problem("and %d more records that cannot be read: digicheck export --format ndjson --identifiable names each, on a line of its own", len(rep.Unreadable)-i)
				break
			}
			rep.problem("%s", unreadableFinding(id, "it is stored on a damaged page, or under a damaged key", nil))
		}
	}
	if len(rep.Unreadable) > 0 {
		adviseSalvage(s.path, &rep)
	}
	return rep, err
}

// againAdvice ends the finding of a record that cannot be read
// (unreadableFinding); salvageAdvice replaces it where a whole copy of
// the record is still in the file, which check --salvage writes.
const (
	againAdvice   = ", or enter that assessment again"
	salvageAdvice = "; or, as a whole earlier copy of it is still in the store file, keep the file as it is and have IT write it out with digicheck check --salvage FILE (which writes every record still whole to FILE), and only if it is not there enter that assessment again"
)

// adviseSalvage says, in the finding of each record of rep that cannot be
// read but has a whole copy left in the file at path (a page it was on
// before, freed and not yet written over, each copy passing the record's
// own checksum), that salvage recovers it, before the advice to enter it
// again: re-entry from notes is the last resort.
func adviseSalvage(path string, rep *Report) {
	want := make(map[string]bool, len(rep.Unreadable))
	for _, id := range rep.Unreadable {
		want[id] = true
	}
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	ms := metas(f)
	if err != nil || len(ms) == 0 {
		return
	}
	ps := int64(ms[0].pageSize)
	whole := map[string]bool{}
	wholeRecords(f, ps, uint64(fi.Size()/ps), func(rec record.Record, _ []byte) {
		if id := rec.ID.String(); want[id] {
			whole[id] = true
		}
	})
	for i, p := range rep.Problems {
		id, _, ok := strings.Cut(strings.TrimPrefix(p, "record "), ":")
		if ok && strings.HasPrefix(p, "record ") && whole[id] {
			rep.Problems[i] = strings.Replace(p, againAdvice, salvageAdvice, 1)
		}
	}
}

// patientIndexKeyFinding words, for a check's report, a key out of order
// in the patient index: which entry (what, from patientKeyWords), whose
// histories it affects, whether the records are intact (sound, all n of
// them read), and what to do; the walk's finding last, for IT.
func patientIndexKeyFinding(what, finding string, sound bool, n int) string {
	s := what + ". The histories and follow-ups of patients filed near it may not show their assessments (a history may say there are none, and a follow-up offer to start afresh): check such a patient's history against their notes until the store is mended."
	if sound {
		s += fmt.Sprintf(" The records themselves are intact: all %d were read and pass their checks, so no assessment is lost. Until digicheck can make the index again from them, restore the store from a backup, then enter again the assessments saved since it, which digicheck export --format ndjson --identifiable --from DAY lists from the records themselves, not the index.", n)
	} else {
		s += " Restore the store from a backup."
	}
	return s + " (for IT: " + finding + ")"
}

// unreadableFinding words, for a check's report, a record that cannot be
// read: which, why in plain words, what it means and what to do, and the
// decoder's own words, if any, last, for IT.
func unreadableFinding(name, why string, err error) string {
	s := fmt.Sprintf("record %s: %s, so it cannot be read and is left out of summaries and exports; restore the store from a backup made after it was saved"+againAdvice, name, why)
	if err != nil {
		s += " (for IT: " + err.Error() + ")"
	}
	return s
}

// countDrafts counts the drafts the readable pages of the drafts bucket
// hold, read with the page walker from meta page m, for a check that
// reads nothing through bbolt as the store's structure is damaged: the
// drafts are there all the same, and offered.
func countDrafts(r io.ReaderAt, m boltMeta) int {
	if m.pageSize == 0 || m.hwm < 2 {
		return 0
	}
	n := 0
	live, _ := draftsOnFile(r, m)
	w := newWalker(r, m, live, nil)
	w.key = func(what string, _ []byte) {
		if what == string(live) {
			n++
		}
	}
	w.tree(m.root, "root", nil, nil, 0)
	return n
}

// draftFinding words, for a check's report, a draft that cannot be read:
// what is lost and what to do, the decoder's words last, for IT.
func draftFinding(key, val []byte, err error) string {
	what := "an unfinished assessment kept as a draft"
	// Whose, where the draft says it: six drafts started in one minute
	// were told apart by nothing else.
	if p := draftPatient(val); p.Value != "" {
		what += " for patient " + questionnaire.Printable(p.String())
	}
	if id, perr := record.ParseID(string(key)); perr == nil && id.String() == string(key) {
		if ms := int64(binary.BigEndian.Uint64(append([]byte{0, 0}, id[:6]...))); ms > 0 {
			what += ", started " + time.UnixMilli(ms).UTC().Format("2006-01-02 15:04 UTC") + ","
		}
	}
	if _, derr := decodeDraft(key, val); derr == nil || errors.Is(derr, errDraftSum) && draftWholeUnsummed(key, val) {
		// It reads whole, but holds what no digicheck keeps (an NHS
		// number failing its check digit, say), or not the bytes it
		// was kept with (draftsum.go): not offered, as saved it would
		// be an assessment of what was never entered, but its answers
		// are there for IT.
		how := "it holds what digicheck never keeps"
		if derr != nil {
			how = "its bytes are not those digicheck kept"
		}
		return fmt.Sprintf("%s is damaged: %s, so it cannot be offered again: enter that assessment again; the answers it kept are left in the store as they are, for IT (for IT: draft %s: %v)", what, how, keyText(key), err)
	}
	return fmt.Sprintf("%s is damaged and cannot be offered again: the answers it kept are lost from this store, so enter that assessment again (for IT: draft %s: %v)", what, keyText(key), err)
}

// pageFinding words a finding of the page walk for a check's report:
// what it means first, the page itself for IT. A page's id, kind and
// keys tell a clinician or a QI lead nothing they can act on.
//
// whole is that every record was read through the records' own tree and
// none the patient index names is missing: a finding of a page of records
// is then another part's damage reaching it, and no record is lost.
func pageFinding(finding string, walked, whole, draftsWalked bool) string {
	what := "a part of the file is damaged, so what the store holds cannot all be trusted"
	if whole && strings.Contains(finding, "(records)") {
		return "a page of records is also reached from another, damaged part of the file; the records on it are sound and were read, as counted above, so none is lost (for IT: " + finding + ")"
	}
	if draftsWalked && strings.Contains(finding, "(drafts)") {
		return "a page that leads to the unfinished assessments kept as drafts is damaged; they were read from their own pages instead, as said above (for IT: " + finding + ")"
	}
	if walked && strings.Contains(finding, "(records)") {
		// The records were read from their own pages: the headline
		// and the records named lost say what this page cost.
		return "a page of the records' tree is damaged; the records were read from their own pages instead, as counted above (for IT: " + finding + ")"
	}
	if strings.Contains(finding, "(records)") && (strings.Contains(finding, "keys out of order") || strings.Contains(finding, "outside the range its parent gives")) {
		// The page is read, and so are its records, but the one whose
		// key is damaged (named among the problems).
		return "a key on a page of records is damaged: the record stored under it cannot be read, the others on that page can (for IT: " + finding + ")"
	}
	for _, p := range []struct{ bucket, says string }{
		{"records", "a page of records is damaged: the records on it are lost from this store"},
		{"patients", "the patient index is damaged: a patient's history may not show all their assessments"},
		{"supersededBy", "the index of amended versions is damaged: which version of an assessment is current may be wrong"},
		{"fact", "the QI copy of the records (what summary and the CSV export count) is damaged: summaries may be wrong"},
		{"drafts", "the unfinished assessments kept as drafts are damaged: they may not be offered again"},
	} {
		if strings.Contains(finding, "("+p.bucket) || strings.Contains(finding, `"`+p.bucket) {
			what = p.says
			break
		}
	}
	return what + " (for IT: " + finding + ")"
}

// checkGCPercent is the collector's room (GOGC) during a check.
const checkGCPercent = 10

// checkpoint, when set (by a test, before any check), is called while a
// check reads its records, every checkpointRecords of them and once after
// the last, with all that the check holds of them in memory.
var checkpoint func()

const checkpointRecords = 1024

// releaseRecords is how many records check reads between two releases of
// the map's pages: some 5 MB of records and their facts.
const releaseRecords = 4096

// link is what the invariants need of each record, in a fixed 80 bytes
// with no pointers, so that a check of a million records holds 80 MB of
// them rather than a map of strings (about 300 bytes a record, twice that
// with the collector's room, 980 MB at a million). The patient is kept as
// a 64-bit hash of its kind and value: two patients' records are told
// apart unless their hashes collide, about one chance in 10^19 a pair.
type link struct {
	id, amends, followsUp record.ID
	supersededBy          record.ID // from the version index; zero if none
	patient               uint64
	voided, indexed       bool
	superseded            bool // the version index names a successor
	unread                bool // fails its checksum: counted nowhere, as exports leave it out
}

// linksHeld, if set (by a test), is called once the links of every
// record are held, with how many records were read.
var linksHeld func(records int)

// links are every readable record's links, sorted by id.
type links []link

// find returns the link of id, or nil.
func (ls links) find(id record.ID) *link {
	i, ok := slices.BinarySearchFunc(ls, id, func(l link, id record.ID) int { return bytes.Compare(l.id[:], id[:]) })
	if !ok {
		return nil
	}
	return &ls[i]
}

// findText is find for an id as an index holds it, in its canonical text
// form: any other text names no record.
func (ls links) findText(text []byte) *link {
	id, err := record.ParseID(string(text))
	if err != nil || id.IsZero() || id.String() != string(text) {
		return nil
	}
	return ls.find(id)
}

func patientHash(kind, value string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write([]byte(value))
	return h.Sum64()
}

// checkInvariants checks the records and their indexes, handing each
// record it decodes to each, if not nil. records is how many the records
// bucket holds, as the page walk counted them: the links are held in one
// slice of that size, never grown (growing it by copying held the links
// twice over at the moment of each copy).
func (s *Store) checkInvariants(tx *bolt.Tx, rep *Report, records int, each func(*record.Record)) {
	if c := tx.Bucket(bucketMeta).Get(keyCreated); c != nil {
		if _, err := time.Parse(time.RFC3339, string(c)); err != nil {
			rep.problem("the store's own record of when it was made is damaged; records are not affected, but keep a copy of the file and restore the store from a backup (for IT: meta: creation time %q unreadable)", c)
		}
	} else {
		rep.problem("the store's own record of when it was made is missing; records are not affected, but keep a copy of the file and restore the store from a backup (for IT: meta: no creation time)")
	}

	recs := make(links, 0, records)
	_ = tx.Bucket(bucketRecords).ForEach(func(k, v []byte) error {
		why, unsummed := sumProblem(tx, k, v) // sums.go
		r, err := decodeRecord(k, v)
		if unsummed && err == nil {
			// Counted only as it reads in the format it names: a bit
			// flipped in a record's format byte (0x05 to 0x01) makes it
			// look like a record of before checksums, and it was said to
			// be one.
			rep.Unsummed++
		}
		if err != nil {
			name, kwhy := keyProblem(k, v)
			rep.problem("%s", unreadableFinding(cmp.Or(name, keyText(k)), cmp.Or(why, kwhy, undecodableWhy), err))
			rep.Unreadable = append(rep.Unreadable, cmp.Or(name, keyText(k)))
			return nil
		}
		if why != "" {
			// Read for the checks of its links, but counted nowhere, as
			// an export leaves it out.
			rep.problem("%s", unreadableFinding(keyText(k), why, nil))
			rep.Unreadable = append(rep.Unreadable, keyText(k))
		} else {
			rep.Records++
		}
		if each != nil {
			each(&r)
		}
		// The rules of a record by itself are record.Validate's, those
		// Save keeps; the rest of this check is of links. A rule of what
		// may be entered, grown stricter since an earlier digicheck saved
		// the record, is not damage.
		var ps record.Problems
		if errors.As(record.Validate(&r, s.instrument(r.InstrumentVersion)), &ps) {
			for _, p := range ps {
				if !p.Entry {
					rep.problem("record %s: %s", keyText(k), p.Text)
				}
			}
		}
		recs = append(recs, link{id: r.ID, amends: r.Amends, followsUp: r.FollowsUp,
			patient: patientHash(r.Patient.Kind, r.Patient.Value), voided: r.Status == record.EnteredInError, unread: why != ""})
		return nil
	})
	// Keys are ids in text, which sort as the ids do; sorted again all the
	// same, as the lookups rely on it. Growth beyond the records is given
	// back.
	slices.SortFunc(recs, func(a, b link) int { return bytes.Compare(a.id[:], b.id[:]) })
	recs = slices.Clip(recs)
	if linksHeld != nil {
		linksHeld(rep.Records)
	}

	_ = tx.Bucket(bucketPatients).ForEach(func(k, _ []byte) error {
		kind, rest, ok1 := bytes.Cut(k, []byte{0})
		value, id, ok2 := bytes.Cut(rest, []byte{0})
		if !ok1 || !ok2 {
			rep.problem("patient index: malformed entry %s", keyText(k))
			return nil
		}
		r := recs.findText(id)
		switch {
		case r == nil:
			rep.problem("patient index: names record %s, which is missing or unreadable", keyText(id))
		case r.patient != patientHash(string(kind), string(value)):
			rep.problem("patient index: files record %s under another patient than the record's own", keyText(id))
		default:
			r.indexed = true
		}
		return nil
	})

	if b := tx.Bucket(bucketSuperseded); b != nil {
		_ = b.ForEach(func(k, v []byte) error {
			old, next := keyText(k), keyText(v) // damaged, they are shown escaped
			o, n := recs.findText(k), recs.findText(v)
			if o != nil {
				o.superseded = true
				if n != nil {
					o.supersededBy = n.id
				}
			}
			switch {
			case o == nil:
				rep.problem("version index: record %s is superseded by %s, but it is missing or unreadable", old, next)
			case n == nil:
				rep.problem("version index: record %s is superseded by %s, which is missing or unreadable", old, next)
			case n.amends != o.id:
				rep.problem("version index: record %s is superseded by %s, which supersedes %q instead", old, next, n.amends)
			}
			return nil
		})
	}

	// A version may rest on a void only where a conflict with a FHIR
	// server was settled: the server's version, taken in as a copy, on
	// this machine's void (KeepServer, or KeepMineLine taking it in first), or
	// this machine's version kept over a void taken in from the server
	// (KeepMineLine undoing it). One side is then a copy read from a server;
	// a version made here on a void made here is damage (link refuses it).
	copies := tx.Bucket(bucketCopies)
	isCopy := func(id record.ID) bool { return copies != nil && copies.Get(recordKey(id)) != nil }
	// A version set off its line when a conflict was settled (the
	// server's version taken in, as it holds it, in its place) is kept,
	// superseded by nothing, and never counted: copies.go.
	asideB := tx.Bucket(bucketSetAsideLine)
	aside := func(id record.ID) bool { return asideB != nil && asideB.Get(recordKey(id)) != nil }
	for i := range recs {
		r := &recs[i]
		id := r.id
		if !r.indexed {
			rep.problem("record %s is missing from the patient index, so the patient's history would not show it", id)
		}
		if !r.amends.IsZero() {
			switch old := recs.find(r.amends); {
			case old == nil:
				rep.problem("record %s supersedes %s, which is missing or unreadable", id, r.amends)
			case old.patient != r.patient:
				rep.problem("record %s supersedes %s, a record of another patient", id, r.amends)
			case old.supersededBy != id && !aside(id):
				rep.problem("record %s supersedes %s, but the version index says %s is superseded by %q: two versions replace one, or the index is behind", id, r.amends, r.amends, old.supersededBy)
			case old.voided && !isCopy(id) && !isCopy(old.id):
				rep.problem("record %s supersedes %s, which was entered in error", id, r.amends)
			}
			if recs.loops(id) {
				rep.problem("the versions of record %s loop", id)
			}
		}
		if !r.followsUp.IsZero() {
			switch p := recs.find(r.followsUp); {
			case p == nil:
				rep.problem("record %s follows up %s, which is missing or unreadable", id, r.followsUp)
			case p.patient != r.patient:
				rep.problem("record %s follows up %s, a record of another patient", id, r.followsUp)
			}
		}
		if r.unread {
			continue
		}
		if r.amends.IsZero() {
			rep.Assessments++
		}
		if !r.superseded && !aside(id) {
			if r.voided {
				rep.Voided++
			} else {
				rep.Counted++
				if !r.followsUp.IsZero() {
					rep.FollowUps++
				}
			}
		}
	}

	// Drafts on damaged pages set aside (draftpages.go) that could not
	// be read: set aside too, not damage of the store.
	for _, a := range asideIn(tx) {
		if a.Wiped || a.Wipe {
			continue
		}
		for _, l := range a.Lost {
			rep.Drafts++
			rep.SetAside = append(rep.SetAside, asideFinding(a, l))
		}
	}
	if b := draftsOf(tx); b != nil && !rep.pendingAside {
		_ = b.ForEach(func(k, v []byte) error {
			rep.Drafts++
			if _, err := s.readDraft(k, v); err != nil {
				// Its own bytes, its page sound: set aside, not
				// damage of the store (ListDrafts, ErrDraftDamaged).
				rep.SetAside = append(rep.SetAside, draftFinding(k, v, err))
			} else if recs.findText(k) != nil {
				rep.problem("draft %s is of an assessment already saved", keyText(k))
			}
			return nil
		})
	}
}

// loops reports whether following Amends back from id comes round again.
func (ls links) loops(id record.ID) bool {
	at := id
	for range len(ls) {
		r := ls.find(at)
		if r == nil || r.amends.IsZero() {
			return false
		}
		at = r.amends
		if at == id {
			return true
		}
	}
	return true
}
