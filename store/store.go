// Package store keeps digicheck's assessment records in a single bbolt file.
// Nothing outside it knows about buckets, keys or encodings. Its verbs:
//
//   - Open a store (made if missing; a file that is not one, is damaged or
//     is newer is refused and never written).
//   - Save a record, and Amend or Void one, which save a new version:
//     records are never overwritten, and a save is durable when it returns.
//   - Find, Get, Current, Versions, History and Latest read records, each
//     checked against its own integrity data before it is returned.
//   - Each reads every record, and EachFactChunk and FactLinks every
//     record's facts and supersession links, for exports and summaries: in
//     short transactions that never keep a save waiting.
//   - SaveDraft and its kin keep assessments in progress (drafts.go).
//   - PushPending, MarkPushed, Conflicts and the settles (KeepServer,
//     KeepMineLine, SettleConflict) keep what each FHIR server holds of
//     the store (push.go); SaveCopies keeps records read from one
//     (copies.go).
//   - CheckContext and Backup look after the file.
//
// What every verb guarantees:
//
//   - A Store holds only the file's path. Each operation opens the bbolt
//     file, runs one transaction and closes it (the bulk reads, Each and
//     its kin, run many short ones: see Each), so the file is never held
//     while a clinician types: a second window, a QI summary or a backup
//     can use it between operations.
//   - A write returns nil only once bbolt has committed it and fsynced the
//     file (NoSync is never set): what it wrote survives a crash or a
//     power cut. A write transaction that fails is rolled back: none of
//     it is kept.
//   - A write holds the file's exclusive lock and a read a shared one:
//     readers never wait for each other, and a reader that comes while a
//     write runs waits for it, then sees the store with the whole write
//     in it, never a part. An operation that cannot get its lock within
//     Options.Timeout fails with ErrLocked rather than wait longer.
//   - A saved record is never overwritten or removed: a change is a new
//     version, so a record once read never goes out of date.
//   - A file that is not a digicheck store, is damaged or was written by a
//     newer version is refused (ErrNotStore, ErrDamaged, ErrNewerSchema)
//     and never written. Once an operation or a check finds the store
//     damaged, every write is refused (Refused) until a check finds it
//     sound, and a file another program has changed since this Store last
//     used it is checked read-only before it is written.
//
// Errors wrap one of the named errors (ErrNotFound, ErrLocked, ...), to be
// told apart with errors.Is; their messages name the file and say what to
// do.
package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"sync"
	"time"
	"unsafe"

	bolt "go.etcd.io/bbolt"

	"digicheck/questionnaire"
	"digicheck/record"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Named errors. Errors returned by this package wrap one of these, so callers
// can tell them apart with errors.Is; the messages themselves name the file
// and say what to do.
var (
	ErrNotFound      = errors.New("record not found")
	ErrAmbiguous     = errors.New("ambiguous record id")
	ErrLocked        = errors.New("store in use")
	ErrNotStore      = errors.New("not a digicheck store")
	ErrDamaged       = errors.New("store damaged")
	ErrNewerSchema   = errors.New("store written by a newer digicheck")
	ErrExists        = errors.New("record already saved")
	ErrInvalidRecord = errors.New("record cannot be saved")
	// ErrDraftDamaged is a draft whose own bytes are damaged (it does
	// not decode, or holds what no digicheck keeps) in pages that are
	// sound: the draft is set aside, not offered, and the store is not
	// taken for damaged, so saves, drafts and backups go on. Check names
	// it, and DiscardDamagedDrafts removes it (drafts.go).
	ErrDraftDamaged = errors.New("draft damaged")
)

// Error is what this package's operations return: a sentence for the person
// at the keyboard, the named error it is an instance of, and, where there is
// one, the lower-level cause.
type Error struct {
	Kind  error // one of the named errors above
	Msg   string
	Cause error
}

func (e *Error) Error() string { return e.Msg }

// Unwrap lets errors.Is find both the named error and the cause.
func (e *Error) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Cause}
}

func locked(path string, cause error) error {
	return &Error{ErrLocked, fmt.Sprintf("the store %s is in use by another digicheck window or program; try again, or close it", path), cause}
}

// notStore refuses a file that is not a digicheck store. A store a failing
// disk filled with junk is refused so too, at the path the nurse's store
// is kept: told only to give --db the store meant, they could not act on
// it, so what to do there is said as well.
func notStore(path, why string, cause error) error {
	return &Error{ErrNotStore, fmt.Sprintf("%s is not a digicheck store (%s); it was left untouched. If this is where this computer's store is kept, it cannot be read as one: keep the file as it is and ask IT to restore the store from a backup; if you meant another store, give --db (or DIGICHECK_DB) its path", path, why), cause}
}

// NotRegular refuses, before anything opens it, a path that is there and
// is not a regular file (a FIFO, a device, a folder), as not a digicheck
// store: opened to be read, a FIFO waits for a writer in open(2), forever,
// and Ctrl+C cannot stop it. Stat, not open, so nothing waits; a path that
// cannot be stat'ed is left to the open that follows to report. A FIFO
// put in a regular file's place between the two is still caught after the
// open, by the file's own stat (bbolt's open here, or the reader's).
func NotRegular(path string) error {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().IsRegular() {
		return nil
	}
	return notStore(path, "not a regular file: a folder, a device or a pipe", errNotRegular)
}

func damaged(path, why string, cause error) error {
	return &Error{ErrDamaged, fmt.Sprintf("the digicheck store %s is damaged: %s. Nothing was written to it. %s", path, why, keepAndRestore), cause}
}

// keepAndRestore is what every refusal of a damaged store tells its user
// to do: told only that a file is damaged, a user may delete the only
// copy of what it still holds.
const keepAndRestore = "Keep the file as it is and do not delete it (what it holds may still be recovered from it), and restore the store from a backup"

func newerSchema(path string, v int) error {
	return &Error{ErrNewerSchema, fmt.Sprintf("the store %s was written by a newer version of digicheck (store schema %d; this version reads schema %d); update digicheck", path, v, schemaVersion), nil}
}

// Buckets and meta keys. Later work adds buckets beside these (drafts, a
// compact facts bucket for summaries) without touching the existing ones;
// a change to what existing buckets hold raises schemaVersion.
var (
	bucketMeta     = []byte("meta")
	bucketRecords  = []byte("records")  // record id -> encoded record
	bucketPatients = []byte("patients") // patient key + record id -> empty, or its check (patindex.go)

	keyApp     = []byte("app")
	keySchema  = []byte("schema")
	keyCreated = []byte("created")
)

const (
	appName = "digicheck"
	// schemaVersion is the layout of buckets and values this code writes.
	// A store with a higher version is refused rather than misread. 1:
	// facts one per key; 2: facts may be in blocks (blocks.go) and
	// records packed; 3: records may carry their own sum (sums.go); 4:
	// records may carry their facts (blocks.go); 5: blocks of facts may
	// end with a checksum (blocks.go); 6: records may be packed as S2
	// blocks (encode.go). A store of an earlier schema is read as it is
	// and raised by the first save that writes what it could not read.
	// Patient index entries carrying a check of themselves (patindex.go)
	// did not raise it: every earlier build reads the index by its keys
	// alone, so such entries read there as before. 7: the patient index
	// counts the records (counted.go). 8: drafts may carry their sum
	// (draftsum.go).
	schemaVersion = schemaSummedDrafts
	// defaultTimeout is short enough that a clinician sees a message, not
	// a frozen screen, and long enough to ride out another window's save.
	defaultTimeout = 2 * time.Second
	// markerScanLimit bounds how much of an unreadable file is searched for
	// signs that it was once a digicheck store (see unreadable).
	markerScanLimit = 1 << 30
)

// marker is how the meta bucket's app entry lies in a bbolt leaf page (key
// then value, contiguous). Finding it in a file bbolt cannot open tells a
// damaged digicheck store from some other file.
var marker = []byte("app" + appName)

// Options configure a Store.
type Options struct {
	// Timeout is how long an operation waits for another program to
	// release the file before failing with ErrLocked. Zero or less means
	// 2 seconds.
	Timeout time.Duration
	// Instruments are the instrument versions whose results a record is
	// checked against (its answers assessed again) before it is shown or
	// built on, by version; nil means every instrument digicheck has. A
	// record of a version not listed is checked against its sum and facts
	// only. Facts are made for records of these versions and of every one
	// digicheck has; a record of any other version is saved without.
	Instruments map[string]*questionnaire.Instrument
}

// Store is a digicheck store file. It holds the path, not an open
// database, and is safe for use by several goroutines.
type Store struct {
	path    string
	timeout time.Duration
	// instruments are those a record's result is worked out again with.
	instruments map[string]*questionnaire.Instrument

	// checked is the identity (file, size, mtime) of the file when a
	// transaction of this Store last succeeded on it; see update.
	mu      sync.Mutex
	checked os.FileInfo
	// damage is the first damage an operation of this Store found; every
	// write is refused once it is set (damage.go).
	damage error
	// kept is what the last read of what to push found kept here
	// (push.go: keptRead).
	kept keptRead
	// metaSeen is what the last transaction found of the meta pages,
	// read under the lock (MetaDamage).
	metaSeen []metaFault

	// token names this Store's window in the drafts it holds, login the
	// person logged in (drafts.go); held and saved are the drafts it has
	// held and the records it has saved, so a lost draft is told from a
	// late write of one this window finished.
	// token is made when first asked for, not as the store opens: the
	// random source's first read was part of every start's wait for the
	// first question, which holds no draft yet.
	token       func() string
	login       string
	held, saved map[record.ID]bool
	opened      bool // Open has finished with the file
}

// Open returns the store at path. A missing file is created, with its
// directory (mode 0700), as a complete store with mode 0600: it is built
// under a temporary name and linked into place, so a half-made store never
// appears at path. An existing file is opened read-only and checked first,
// and refused with ErrNotStore, ErrDamaged or ErrNewerSchema (it is never
// written to; one refused as damaged gets the damage note beside it, see
// damage.go), or ErrLocked when another program holds it beyond the
// timeout.
func Open(path string, opt Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("no store path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	s := &Store{path: abs, timeout: opt.Timeout, token: sync.OnceValue(newToken), login: loginName(), held: map[record.ID]bool{}, saved: map[record.ID]bool{},
		instruments: opt.Instruments}
	if s.instruments == nil {
		s.instruments = knownInstruments
	}
	if s.timeout <= 0 {
		s.timeout = defaultTimeout
	}
	switch _, err := os.Stat(abs); {
	case err == nil:
		if err := NotRegular(abs); err != nil {
			return nil, err
		}
		err = s.validate()
		if errors.Is(err, ErrDamaged) {
			// Refused as damaged: the file is left exactly as it is,
			// and the note beside it says so, as it does for damage
			// any other operation finds (damage.go), so that every
			// digicheck refuses to write to it until a check finds it
			// sound. A note already there is kept.
			if _, lerr := os.Lstat(DamageNote(abs)); errors.Is(lerr, fs.ErrNotExist) {
				writeNote(abs, err.Error())
			}
		}
		if err != nil {
			return nil, err
		}
	case errors.Is(err, fs.ErrNotExist):
		if err := s.create(); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("open store: %w", err)
	}
	s.mu.Lock()
	s.opened = true
	s.mu.Unlock()
	return s, nil
}

// Path is the store file's absolute path.
func (s *Store) Path() string { return s.path }

// create makes a new store at s.path. Building it under a temporary name
// means a zero-length or half-initialised file is never left at the path,
// which is why an empty file found there can be refused as someone else's.
func (s *Store) create() error {
	dir := filepath.Dir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create store directory: %w", err)
	}
	f, err := os.CreateTemp(dir, ".digicheck-*.db.tmp")
	if err != nil {
		return fmt.Errorf("create store: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after the link, only the temporary name goes
	err = f.Chmod(0o600) // explicit, whatever the umask
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("create store: %w", err)
	}
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: s.timeout})
	if err != nil {
		return fmt.Errorf("create store: %w", err)
	}
	secret, err := newSourceSecret() // source.go: every copy holds it from the start
	if err != nil {
		return fmt.Errorf("create store: %w", err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		m, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		for k, v := range map[string]string{
			string(keyApp):     appName,
			string(keySchema):  strconv.Itoa(schemaVersion),
			string(keyCreated): time.Now().UTC().Format(time.RFC3339),
			string(keySource):  string(secret),
		} {
			if err := m.Put([]byte(k), []byte(v)); err != nil {
				return err
			}
		}
		for _, b := range [][]byte{bucketRecords, bucketPatients} {
			if _, err := tx.CreateBucket(b); err != nil {
				return err
			}
		}
		// Counted from the start: counted.go.
		return tx.Bucket(bucketPatients).SetSequence(countValue(0))
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("create store: %w", err)
	}
	if err := publish(tmp, s.path); errors.Is(err, fs.ErrExist) {
		// Another window created the store first: use theirs.
		return s.validate()
	} else if err != nil {
		return fmt.Errorf("create store: %w", err)
	}
	syncDir(dir)
	return s.validate()
}

// publish puts the finished file at path without replacing anything there.
// A hard link cannot overwrite; where the file system has no hard links
// (FAT, some network shares) a rename after a fresh existence check is the
// best there is.
func publish(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	if _, serr := os.Lstat(path); serr == nil {
		return fs.ErrExist
	}
	return os.Rename(tmp, path)
}

// syncDir makes the new directory entry durable. Windows cannot sync a
// directory, and its file systems journal the entry anyway.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// validate checks the file read-only: bbolt can read it, it carries our
// meta bucket with a schema we understand, and it is not cut short.
func (s *Store) validate() error {
	return s.run(false, func(*bolt.Tx) error { return nil })
}

// setChecked records the identity of the file as it was when a transaction
// on it succeeded, which includes checkMeta.
func (s *Store) setChecked(fi os.FileInfo) {
	s.mu.Lock()
	s.checked = fi
	s.mu.Unlock()
}

// isChecked reports whether fi is the file as this Store last saw it
// succeed.
func (s *Store) isChecked(fi os.FileInfo) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.checked
	return c != nil && os.SameFile(c, fi) && c.Size() == fi.Size() && c.ModTime().Equal(fi.ModTime())
}

// Raised inside bbolt's open, so bbolt never gets to initialise an empty
// file in place, map something odd, or open for writing a file no one has
// checked.
var (
	errEmpty      = errors.New("empty file")
	errNotRegular = errors.New("not a regular file")
	errChanged    = errors.New("file changed since last checked")
)

// update runs fn in a write transaction. It returns only after bbolt has
// committed and fsynced the file (NoSync is never set), or with an error and
// nothing written.
//
// A file changed by someone else since this Store last used it is checked
// read-only first. Usually that someone is another digicheck window; the
// check is one read-only open, and it keeps a write-mode open (which can
// change a file: bbolt grows it on Windows, and syncs a missing freelist
// everywhere) away from files that are not ours.
func (s *Store) update(fn func(*bolt.Tx) error) error {
	return s.updateAt(func(tx *bolt.Tx, _ *txFile) error { return fn(tx) })
}

// updateAt is update with the file at hand, for writes that check the
// pages they will rewrite (checkPath).
func (s *Store) updateAt(fn func(*bolt.Tx, *txFile) error) error {
	deadline := time.Now().Add(s.timeout)
	for {
		err := s.runTx(true, nil, fn)
		if !errors.Is(err, errChanged) {
			return s.writeFault(err) // a full disk or read-only file, named: faults.go
		}
		if time.Now().After(deadline) {
			// Rewritten again between every check and write.
			return locked(s.path, err)
		}
		if err := s.validate(); err != nil {
			return err
		}
	}
}

// view runs fn in a read-only transaction under a shared lock, so readers
// never block each other.
func (s *Store) view(fn func(*bolt.Tx) error) error { return s.run(false, fn) }

// run opens the file, runs fn in one transaction after checking the pages
// it starts from and the meta bucket, and closes the file.
func (s *Store) run(write bool, fn func(*bolt.Tx) error) error {
	return s.runTx(write, nil, func(tx *bolt.Tx, _ *txFile) error { return fn(tx) })
}

// writeStats, when set (by benchmarks, before any operation), is given
// the statistics of every write transaction committed: among them how
// many pages it wrote (TxStats.GetWrite, the meta page included).
var writeStats func(bolt.TxStats)

// txFile is the open file under a transaction, for the checks and writes
// made beside bbolt.
type txFile struct {
	f    *os.File
	size int64
	meta boltMeta // the meta page the transaction started from
	free []uint64 // for a write, the pages free under meta
	// unmapped reads f with ordinary reads, never bbolt's map: for a
	// walk of a whole tree by a read that must not keep it resident
	// (a summary's count of an earlier build's patient index).
	unmapped bool
	// walked is the walk of the whole patient index made in this
	// transaction, kept for the rest of it (walkIndex); nil: none yet.
	walked *indexWalked
	// aside, for a write, is set by checkFree when the live drafts' tree
	// is damaged and nothing else is: the write sets it aside first
	// (draftpages.go).
	aside *draftsToSetAside
	// stored is set once a record is stored in this transaction
	// (storeRecord): the blocks of facts may have changed since meta,
	// so the file no longer holds them as the transaction sees them.
	stored bool
	// rooms holds the pages the transaction's raw cursors read, until
	// it ends (pageRoom); nil: none yet.
	rooms *pageRoom
	// committed is the file as its commit left it, when the commit's
	// seal of the free list looked (sealCommitted): under the lock, after
	// the last of the commit's writes, so it is the file's identity for
	// the next operation too (runTx). nil: not looked at.
	committed os.FileInfo
}

// pages is what the checks made before bbolt reads a page (checkPages,
// checkPath) read the file through: bbolt's own map of it, as the
// transaction has it, never past the file's size measured under the lock.
// bbolt maps at least the whole file when it opens it, under that lock,
// so every read lies inside its map; one that fell outside a page would
// read as past the end of the file does, and a file cut short under the
// lock by another program faults as bbolt's own reads would, which
// runTx turns into ErrDamaged. A save's checks read about twenty pages,
// each a system call of its own before (a fifth of what a save took over
// a bare bbolt transaction); bbolt reads the same pages through the same
// map straight after. Check's walk of every page reads the file with
// ordinary reads (at.f), so as not to keep the whole file resident.
func (at *txFile) pages(tx *bolt.Tx) io.ReaderAt {
	info := tx.DB().Info()
	if at.unmapped || info == nil || info.Data == 0 || at.size <= 0 {
		return at.f
	}
	// The map's address, as bbolt gives it (a uintptr), read as the
	// pointer it is: memory bbolt mapped, not the Go heap's.
	base := *(**byte)(unsafe.Pointer(&info.Data))
	return mappedFile(unsafe.Slice(base, at.size))
}

// mappedFile reads a mapped file as ReadAt reads the file: what lies past
// its end is io.EOF.
type mappedFile []byte

// pageBytes is n bytes of r at off: for the map, its own bytes, not a
// copy (read-only, and only for as long as the transaction), else a new
// buffer read from the file.
func pageBytes(r io.ReaderAt, off, n int64) ([]byte, error) {
	if m, ok := r.(mappedFile); ok {
		if off < 0 || n < 0 || off > int64(len(m)) || n > int64(len(m))-off {
			return nil, io.ErrUnexpectedEOF
		}
		return m[off : off+n : off+n], nil
	}
	buf := make([]byte, n)
	if _, err := r.ReadAt(buf, off); err != nil {
		return nil, err
	}
	return buf, nil
}

func (m mappedFile) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("read at a negative offset")
	}
	if off >= int64(len(m)) {
		return 0, io.EOF
	}
	n := copy(p, m[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// runTx is run with the file at hand. bbolt trusts the file it maps: a
// damaged page can make it panic, loop or touch memory past the end of a
// truncated file. So before fn, the pages every operation starts from (the
// root tree, the meta bucket and, for a write, the freelist) are checked
// as bytes of the file (pages.go, txFile.pages); panics and faults that remain are turned
// into ErrDamaged rather than crashing the program mid-assessment. deep,
// if given, replaces that check with its own (Check's walk of every page),
// and when it returns false nothing else is read.
//
// A write is refused, before the file is opened, while this Store or any
// digicheck check has found the store damaged (see damage.go).
func (s *Store) runTx(write bool, deep func(tx *bolt.Tx, at *txFile) bool, fn func(*bolt.Tx, *txFile) error) (err error) {
	if write {
		if err := s.Refused(); err != nil {
			return err
		}
	}
	defer func() {
		// A file changed since this Store last saw it is checked again
		// by update, not taken for damage.
		if errors.Is(err, ErrDamaged) && !errors.Is(err, errChanged) {
			s.noteDamage(err)
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))

	var file *os.File
	opts := &bolt.Options{
		Timeout:  s.timeout,
		ReadOnly: !write,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			// Never create: the store was made by Open, and a file
			// that vanished since should be reported, not remade empty.
			// Nor wait: a FIFO put in its place is refused unopened.
			if err := NotRegular(name); err != nil {
				return nil, errNotRegular
			}
			f, err := openFile(name, flag&^os.O_CREATE, perm)
			if err != nil {
				return nil, err
			}
			fi, err := f.Stat()
			switch {
			case err != nil:
			case !fi.Mode().IsRegular():
				err = errNotRegular
			case fi.Size() == 0:
				err = errEmpty
			case write && !s.isChecked(fi):
				err = errChanged
			}
			if err != nil {
				f.Close()
				return nil, err
			}
			file = f
			return f, nil
		},
	}

	var db *bolt.DB
	unlist := func() {} // the map listed for check's releases: release_linux.go
	defer func() {
		if p := recover(); p != nil {
			if db == nil && file != nil {
				_ = file.Close() // bbolt panicked mid-open: release our lock
			}
			err = s.unreadable(bboltPanic(p, panicSite()))
		}
		unlist() // before the close unmaps it
		if db != nil {
			// A close error is not reported: after a successful
			// transaction (for a write, committed and fsynced) it
			// changes nothing, and reporting it would make a caller
			// retry a save that is already durable.
			_ = db.Close()
		}
	}()

	db, err = bolt.Open(s.path, 0o600, opts)
	if err != nil {
		return s.openError(err)
	}
	// The size under our lock: measured before it, another window's
	// save could have grown the file since. bbolt on Windows may grow
	// it when opening for writing, but only a file already checked.
	fi, err := file.Stat()
	if err != nil {
		return fmt.Errorf("store %s: %w", s.path, err)
	}
	at := &txFile{f: file, size: fi.Size()}
	defer at.release() // once the transaction has ended
	if info := db.Info(); !write && info != nil {
		// A read's map never moves: bbolt maps again only to grow
		// the file, which a read does not.
		unlist = listMap(s.path, info.Data, at.size)
	}
	txfn := func(tx *bolt.Tx) error {
		// First, as it reads no page: in a file cut short, reading a
		// page past the end would fault.
		if tx.Size() > at.size {
			// In plain words; the byte counts for IT.
			return s.unreadable(fmt.Errorf("the file was cut short: %s (for IT: %d bytes of %d)", cutText(at.size, tx.Size()), at.size, tx.Size()))
		}
		if deep != nil {
			if !deep(tx, at) {
				return nil
			}
		} else if err := s.checkPages(tx, at, write); err != nil {
			return err
		}
		if write {
			if err := s.checkFree(tx, at); err != nil { // freelist.go
				return err
			}
		}
		if err := s.checkMeta(tx); err != nil {
			return err
		}
		if write {
			if err := s.scrubIfAsked(tx, at); err != nil {
				return err
			}
			// After the scrub: pages set aside are wiped by a later
			// write, never by the one whose commit keeps their drafts.
			if at.aside != nil {
				if err := s.setAsideDrafts(tx, at, at.aside); err != nil { // draftpages.go
					return err
				}
			}
			if err := keepSource(tx); err != nil { // source.go
				return err
			}
			if f := writeStats; f != nil {
				tx.OnCommit(func() { f(tx.Stats()) })
			}
		}
		return fn(tx, at)
	}
	if write {
		err = db.Update(txfn)
	} else {
		err = db.View(txfn)
	}
	if err != nil {
		return err
	}
	// Still under our lock, so no one else's write is in between; a
	// write's commit has looked already.
	if at.committed != nil {
		s.setChecked(at.committed)
	} else if fi, serr := file.Stat(); serr == nil {
		s.setChecked(fi)
	}
	return nil
}

// checkPages checks, before bbolt reads them (txFile.pages), the pages an operation starts
// from: the meta page its transaction uses, the root tree, the meta bucket
// and, for a write, the freelist (a damaged freelist would let bbolt write
// over pages in use).
func (s *Store) checkPages(tx *bolt.Tx, at *txFile, write bool) error {
	txid := uint64(tx.ID())
	if write {
		txid-- // a write transaction starts from the last committed one
	}
	var first string
	r := at.pages(tx)
	ok, free, m := walkPages(r, at.size, txid, false, write, func(format string, args ...any) {
		if first == "" {
			first = fmt.Sprintf(format, args...)
		}
	})
	if !ok {
		return s.unreadable(errors.New(pagesWhy(first)))
	}
	at.meta, at.free = m, free
	fs := metaFaults(r) // pages.go: a lost save
	s.mu.Lock()
	s.metaSeen = fs
	s.mu.Unlock()
	if len(fs) > 0 {
		err := &Error{ErrDamaged, fmt.Sprintf("the digicheck store %s is damaged: %s", s.path, fs[0]), nil}
		if write {
			return err // a save would write over the damaged page and the save it lost
		}
		s.noteDamage(err)
	}
	return nil
}

// checkPath checks, before bbolt reads them (txFile.pages), the pages of the bucket name in
// tx that a write of key will read and rewrite (pathWhy, pages.go): bbolt
// would copy a malformed page's garbage into the page it writes, and the
// write would seem to succeed. A bucket kept inline, in its parent's page,
// was checked with that page (checkPages).
// lead says what the damage stops, for the person told of it.
func (s *Store) checkPath(tx *bolt.Tx, at *txFile, name []byte, what string, key []byte, lead string) error {
	b := tx.Bucket(name)
	if b == nil || b.Root() == 0 {
		return nil
	}
	if why := pathWhy(at.pages(tx), at.meta, uint64(b.Root()), what, key); why != "" {
		return s.unreadable(errors.New(lead + " (for IT: " + why + ")"))
	}
	return nil
}

// pagesWhy words a finding of the walk of the pages every operation
// starts from (the root tree, the meta bucket, the freelist) for the
// person told of it: what is lost first, the page itself for IT.
func pagesWhy(finding string) string {
	return "the pages that say where everything in it is kept cannot be read (for IT: " + finding + ")"
}

// openError names what went wrong when bbolt would not open the file.
func (s *Store) openError(err error) error {
	var pe *fs.PathError
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return locked(s.path, err)
	case errors.Is(err, errEmpty):
		return notStore(s.path, "the file is empty: if it was a store, something emptied it, as a copy that failed does, and it is restored from a backup as README's \"Restoring the store\" says", err)
	case errors.Is(err, errNotRegular):
		return notStore(s.path, "not a regular file: a folder, a device or a pipe", err)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("the store %s is no longer there (moved or deleted?): %w", s.path, err)
	case errors.Is(err, fs.ErrPermission):
		// Who, which file, and what to do: "open …: permission denied"
		// told a clinician none of it.
		return fmt.Errorf("the store %s cannot be opened by the login %s, which the file's permissions do not allow to read it; ask whoever looks after the store (or IT) to give this login read and write access to it, or choose another store with --db (%w)", s.path, s.login, err)
	case errors.As(err, &pe):
		return fmt.Errorf("store: %w", err)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrChecksum), errors.Is(err, bolterrors.ErrVersionMismatch):
		// bbolt's "invalid database": neither meta page can be read.
		err = wordsError{"neither of the two pages at its start that say where everything in it is kept can be read (for IT: " + err.Error() + ")", err}
	}
	return s.unreadable(err)
}

// checkMeta runs at the start of every transaction, so a file swapped for
// another since Open is refused before anything is read from or written to
// it.
func (s *Store) checkMeta(tx *bolt.Tx) error {
	m := tx.Bucket(bucketMeta)
	if m == nil || string(m.Get(keyApp)) != appName {
		// A copy torn by cp during a save can name as its root a page a
		// later save gave to the records: every page sound, and no meta
		// bucket. Any sign that the file was ours makes it a damaged
		// store, never another program's file a user may throw away.
		if tx.Bucket(bucketRecords) != nil || tx.Bucket(bucketPatients) != nil || s.hasMarker() {
			return mayBeOurs(s.path, "the entry that says it is a digicheck store is missing from where the store says it is", nil)
		}
		return notStore(s.path, "a database of some other program", nil)
	}
	v, err := strconv.Atoi(string(m.Get(keySchema)))
	if err != nil || v < 1 {
		return damaged(s.path, fmt.Sprintf("the part of it that says which version of digicheck made it cannot be read (for IT: schema version %q unreadable)", m.Get(keySchema)), err)
	}
	if v > schemaVersion {
		return newerSchema(s.path, v)
	}
	if tx.Bucket(bucketRecords) == nil || tx.Bucket(bucketPatients) == nil {
		return damaged(s.path, "its records or its patient index are missing (for IT: a bucket is missing)", nil)
	}
	return nil
}

// unreadable decides, for a file bbolt cannot read, whether it is a damaged
// digicheck store or something else. Both are refused and left untouched;
// the difference is what the person is told to do about it.
func (s *Store) unreadable(cause error) error {
	if kind := programAt(s.path); kind != "" {
		// A program holds its own words: the digicheck program itself
		// holds the marker below, and given as --db was called a damaged
		// store, a note left beside it and a restore from backup asked
		// for. A store starts with its first page's id, eight zero bytes.
		return notStore(s.path, "it is a program: "+kind, cause)
	}
	if s.hasMarker() {
		return damaged(s.path, cause.Error(), cause)
	}
	if s.cutShort() {
		return damaged(s.path, "the file is shorter than its own header says: it was cut short", cause)
	}
	if hasMetaMagic(s.path) || bboltPages(s.path) {
		// Both meta pages fail, or the file is laid out in bbolt's
		// pages, and nothing else says whose file it was: it may well
		// be ours. Told it is not a store, a user may throw it away.
		return mayBeOurs(s.path, cause.Error(), cause)
	}
	if why := exportedWhy(s.path); why != "" {
		return notStore(s.path, why, cause)
	}
	return notStore(s.path, "another program's file, or an export or a salvage file, which summary reads but --db does not", cause)
}

// ProgramKind names the kind of program file that starts with head, or
// "": no store or export starts so (a store starts with its first page's
// id, eight zero bytes, or is damaged there; an export with its header or
// "{").
func ProgramKind(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("\x7fELF")):
		return "an ELF executable, as Linux runs"
	case bytes.HasPrefix(head, []byte("MZ")):
		return "a Windows executable or DLL"
	case bytes.HasPrefix(head, []byte{0xcf, 0xfa, 0xed, 0xfe}), bytes.HasPrefix(head, []byte{0xce, 0xfa, 0xed, 0xfe}),
		bytes.HasPrefix(head, []byte{0xfe, 0xed, 0xfa, 0xcf}), bytes.HasPrefix(head, []byte{0xfe, 0xed, 0xfa, 0xce}),
		bytes.HasPrefix(head, []byte{0xca, 0xfe, 0xba, 0xbe}):
		return "a macOS executable"
	case bytes.HasPrefix(head, []byte("#!")):
		return "a script"
	}
	return ""
}

// programAt is ProgramKind of the file at path, "" where it cannot be
// read.
func programAt(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	return ProgramKind(head[:n])
}

// exportedWhy says what a file given as the store is when it is one of
// digicheck's NDJSON files of records, a salvage (Salvage) or an
// export, and what to do with it; "" for any other file. Given to export
// as --db, a salvaged file was "not a bbolt database, or one of some
// other program".
func exportedWhy(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	head = bytes.TrimLeft(head[:n], "\ufeff \t\r\n")
	if !bytes.HasPrefix(head, []byte(`{"digicheck_export":"start"`)) {
		return ""
	}
	first, _, _ := bytes.Cut(head, []byte{'\n'})
	mark, _ := json.Marshal(SalvageMark)
	if bytes.Contains(first, mark) {
		return fmt.Sprintf("it holds the records digicheck check --salvage read out of a damaged store, one JSON line each, which no command takes as a store: count them with digicheck summary %s, and enter them again in the store restored from a backup", path)
	}
	return fmt.Sprintf("it is an NDJSON export of digicheck's, which no command takes as a store: count it with digicheck summary %s", path)
}

// mayBeOurs is the refusal of a file that cannot be read and shows signs
// of having been a digicheck store (its meta pages, its marker, its page
// layout), but not enough to be sure.
func mayBeOurs(path, why string, cause error) error {
	return &Error{ErrDamaged, fmt.Sprintf("the file %s cannot be read, and may be a damaged digicheck store: %s. Nothing was written to it. %s", path, why, keepAndRestore), cause}
}

// cutShort reports whether the file is a bbolt file, by a valid meta
// page, that is shorter than that meta page says it is: cut short, by a
// copy that stopped or a full disk. Where the marker is in such a file
// depends on which pages bbolt last wrote it to, which may be the ones
// cut off; the meta pages are always at the start.
func (s *Store) cutShort() bool {
	f, err := os.Open(s.path)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	return slices.ContainsFunc(metas(f), func(m boltMeta) bool { return m.hwm > uint64(fi.Size())/uint64(m.pageSize) })
}

// hasMarker searches the first markerScanLimit bytes for the meta bucket's
// app entry. It only ever runs on a file that is being refused.
func (s *Store) hasMarker() bool {
	f, err := os.Open(s.path)
	if err != nil {
		return false
	}
	defer f.Close()
	r := io.LimitReader(f, markerScanLimit)
	buf := make([]byte, 1<<20)
	keep := 0 // bytes carried over so a marker across two reads is found
	for {
		n, err := io.ReadFull(r, buf[keep:])
		chunk := buf[:keep+n]
		if bytes.Contains(chunk, marker) {
			return true
		}
		if err != nil {
			return false
		}
		keep = len(marker) - 1
		copy(buf, chunk[len(chunk)-keep:])
	}
}

// HoldsNothing reports whether the store holds no assessment and no
// draft: as it was made, or with only what left nothing behind. A new
// store made where one was kept is warned of again at each start while
// it holds nothing (the caller's newStoreWords): a nurse who missed the
// warning, or a colleague later, would assess into it unwarned.
func (s *Store) HoldsNothing() (bool, error) {
	empty := true
	err := s.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketRecords); b != nil {
			if k, _ := b.Cursor().First(); k != nil {
				empty = false
				return nil
			}
		}
		if b := draftsOf(tx); b != nil {
			if k, _ := b.Cursor().First(); k != nil {
				empty = false
			}
		}
		return nil
	})
	return empty, err
}

// Created is when the store was made, as its meta bucket holds it (to the
// second; every copy of it holds the same).
func (s *Store) Created() (time.Time, error) {
	c, err := s.created()
	if err != nil {
		return time.Time{}, err
	}
	return time.Parse(time.RFC3339, c)
}
