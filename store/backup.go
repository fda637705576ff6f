package store

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrBackupExists is returned when a backup would replace a file that is
// already there and BackupOptions.Replace was not given.
var ErrBackupExists = errors.New("backup file already exists")

// BackupOptions configure Backup.
type BackupOptions struct {
	// Replace lets the backup replace an existing file at the
	// destination. It never replaces the store itself.
	Replace bool
	// Context, if not nil, cancels the backup (Ctrl+C): the copy stops,
	// its temporaries are removed and dest is left as it was.
	Context context.Context
}

// Backup writes a consistent copy of the store while assessments go on,
// and returns the path written and the report of the copy's check
// (CheckContext). dest is a file path, or an existing directory in which a
// file named digicheck-YYYYMMDDTHHMMSSZ.db is made.
//
// The copy is taken in one read transaction (bbolt's WriteTo), so it holds
// the store as it was at one moment; a save in another window waits for
// it, up to the store's timeout. The snapshot is written beside the store
// when that disk has room to spare for saves after it (check_space.go), so
// the store is held only for a local copy, then copied to dest's folder
// under a temporary name, synced, checked (CheckContext), and only then
// put at dest (a hard link, which cannot replace anything; with Replace, a
// rename). So dest is either the previous file or a complete, checked
// copy, never something in between. A copy that fails its check is
// removed and reported with ErrDamaged: the store itself needs looking at.
func (s *Store) Backup(dest string, opt BackupOptions) (path string, rep Report, err error) {
	ctx := opt.Context
	if ctx == nil {
		ctx = context.Background()
	}
	dest, named, err := s.backupPath(dest, opt)
	if err != nil {
		return "", Report{}, err
	}
	destDir := filepath.Dir(dest)
	// Copies left by a backup or export that was killed hold patient
	// data: clear them from both folders first.
	SweepTemporaries(filepath.Dir(s.path))
	SweepTemporaries(destDir)

	// Every temporary made is removed on every way out, and no error
	// names one: the user asked for dest, and a hidden name they never
	// gave helps nobody.
	var tmps []string
	defer func() {
		for _, t := range tmps {
			os.Remove(t)
		}
		if err != nil && ctx.Err() != nil {
			// bbolt's copy reports the cancel in words, not wrapped.
			err = cancelled(dest, ctx.Err())
		}
		err = HideTemporaries(err, dest, tmps...)
	}()

	// The snapshot goes beside the store only when that disk keeps room
	// for saves after it (check_space.go); otherwise straight to dest's
	// folder, holding the store for as long as that takes. A store on
	// read-only media (a recovered disk, a share mounted read-only) has
	// no room beside it either: the snapshot goes to dest's folder, and a
	// fault there is dest's.
	storeDir, at := filepath.Dir(s.path), destDir
	if storeDir != destDir && roomFor(storeDir, storeSize(s.path), saveHeadroom) {
		at = storeDir
	}
	snap, faults, err := s.snapshot(ctx, at, &tmps)
	if (isNoSpace(err) || isReadOnly(err)) && at != destDir {
		snap, faults, err = s.snapshot(ctx, destDir, &tmps)
	}
	if err != nil {
		return "", Report{}, s.backupFault(dest, destDir, err)
	}

	tmp := snap
	if filepath.Dir(snap) != destDir {
		if tmp, err = copyTo(ctx, snap, destDir, &tmps); err != nil {
			return "", Report{}, s.backupFault(dest, destDir, err)
		}
		os.Remove(snap) // the 490 MB beside the store goes as soon as it is copied
	}
	if err := ctx.Err(); err != nil {
		return "", Report{}, s.backupFault(dest, destDir, err)
	}

	copied := &Store{path: tmp, timeout: s.timeout}
	rep, err = copied.checkIn() // the copy is already a snapshot: checked in place
	rep.Path = dest
	if err != nil {
		return "", rep, fmt.Errorf("backup of %s: the copy could not be checked: %w", s.path, err)
	}
	if !rep.OK() {
		// The store's own damage, as the copy is the store as it was:
		// noted beside it, so that no digicheck writes to it until a
		// check finds it sound (damage.go).
		s.noteDamage(&Error{ErrDamaged, fmt.Sprintf("the digicheck store %s is damaged: a backup of it failed its check (%s); run digicheck check", s.path, rep.Problems[0]), nil})
		return "", rep, &Error{ErrDamaged, fmt.Sprintf("backup of %s not written: the copy failed its check (%s); run digicheck check on the store", s.path, rep.Problems[0]), nil}
	}
	if err := ctx.Err(); err != nil {
		return "", rep, s.backupFault(dest, destDir, err)
	}
	// A damaged meta page that loses nothing (snapshot refused the
	// others) is not in the copy, which is written with sound ones: the
	// copy is what check advises, and the store itself is said to be
	// damaged beside it.
	for _, f := range faults {
		rep.StoreProblems = append(rep.StoreProblems, f.String())
	}

	if opt.Replace {
		err = os.Rename(tmp, dest)
	} else {
		err = publish(tmp, dest)
		// Into a folder the name was chosen here: another backup into
		// the same folder (a second store, a second machine's scheduled
		// task) that took it since takes nothing from this one, which
		// goes on to the next free name instead of failing with "choose
		// another name" to someone who gave a folder.
		for tries := 0; named && errors.Is(err, fs.ErrExist) && tries < 100; tries++ {
			dest = freeBackupName(destDir, backupNow())
			rep.Path = dest
			err = publish(tmp, dest)
		}
	}
	if errors.Is(err, fs.ErrExist) {
		return "", rep, &Error{ErrBackupExists, fmt.Sprintf("%s already exists; choose another name, or replace it on purpose", dest), err}
	}
	if err != nil {
		return "", rep, s.backupFault(dest, destDir, err)
	}
	syncDir(destDir)
	return dest, rep, nil
}

// backupPath resolves dest and refuses what must not be written over.
// named is true when dest was a folder and the file's name was chosen
// here.
func (s *Store) backupPath(dest string, opt BackupOptions) (_ string, named bool, _ error) {
	if dest == "" {
		return "", false, errors.New("no backup destination given")
	}
	dest, err := filepath.Abs(dest)
	if err != nil {
		return "", false, err
	}
	if fi, err := os.Stat(dest); err == nil && fi.IsDir() {
		dest, named = freeBackupName(dest, backupNow()), true
	}
	if dest == s.path {
		return "", false, fmt.Errorf("the backup cannot be written over the store itself (%s)", dest)
	}
	switch fi, err := os.Stat(dest); {
	case err == nil:
		if sfi, serr := os.Stat(s.path); serr == nil && os.SameFile(fi, sfi) {
			return "", false, fmt.Errorf("the backup cannot be written over the store itself (%s is the store)", dest)
		}
		if !fi.Mode().IsRegular() {
			return "", false, fmt.Errorf("%s is not a regular file; give a file name or a folder for the backup", dest)
		}
		if !opt.Replace {
			return "", false, &Error{ErrBackupExists, fmt.Sprintf("%s already exists; choose another name, or replace it on purpose", dest), nil}
		}
	case !errors.Is(err, fs.ErrNotExist):
		return "", false, fmt.Errorf("backup: %w", err)
	}
	if fi, err := os.Stat(filepath.Dir(dest)); err != nil || !fi.IsDir() {
		return "", false, fmt.Errorf("the folder %s for the backup does not exist", filepath.Dir(dest))
	}
	return dest, named, nil
}

// snapshot writes the store as one read transaction sees it to a new
// temporary file in dir, synced, and returns its path, which it also adds
// to tmps for the caller to remove, with the store's damaged meta pages.
//
// The copy is written with fresh meta pages, so a damaged one of the store
// is read here, under the lock, or it would never be known: a newest meta
// page that fails its checksum makes bbolt read the store as it was one
// save earlier, and a copy of that would pass its check and hold the store
// without its last save, without a word. Such a store is not copied
// (ErrDamaged, with check's explanation); a damaged older page, which loses
// nothing, is returned for the caller to say.
func (s *Store) snapshot(ctx context.Context, dir string, tmps *[]string) (string, []metaFault, error) {
	f, err := CreateTemp(dir, "backup")
	if err != nil {
		return "", nil, err
	}
	name := f.Name()
	*tmps = append(*tmps, name)
	var faults []metaFault
	err = f.Chmod(0o600)
	if err == nil {
		// bbolt words a failed write into its own error ("meta 0 copy:
		// ...") without wrapping it, which would hide a full disk; the
		// writer keeps the write's own error.
		w := &copyWriter{w: ctxWriter{ctx, f}}
		err = s.runTx(false, nil, func(tx *bolt.Tx, at *txFile) error {
			faults = metaFaults(at.f)
			for _, mf := range faults {
				if mf.lost || mf.unsure {
					return &Error{ErrDamaged, fmt.Sprintf("backup of %s not written: %s. A backup would be copied from the store as bbolt reads it, from the other meta page, and would hold it without that save and without a word; to keep the file as it is, copy the file itself, not with digicheck backup", s.path, mf), nil}
				}
			}
			_, err := tx.WriteTo(w)
			return err
		})
		if w.failed != nil {
			err = w.failed
		}
	}
	if err := closeWritten(f, err); err != nil {
		return "", nil, err
	}
	return name, faults, nil
}

// closeWritten syncs and closes f, whose writing ended with err, and
// removes it unless all of that went well.
func closeWritten(f *os.File, err error) error {
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// copyTo copies the file src to a new temporary file in dir, synced, and
// returns its path, which it also adds to tmps.
func copyTo(ctx context.Context, src, dir string, tmps *[]string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := CreateTemp(dir, "backup")
	if err != nil {
		return "", err
	}
	name := out.Name()
	*tmps = append(*tmps, name)
	err = out.Chmod(0o600)
	if err == nil {
		_, err = io.Copy(ctxWriter{ctx, out}, in)
	}
	if err := closeWritten(out, err); err != nil {
		return "", err
	}
	return name, nil
}

// ctxWriter stops a long copy once its context is cancelled.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// Temporaries. A backup or an export is written under a hidden temporary
// name and put in place only when complete. A process killed meanwhile
// (SIGKILL, a power cut) cannot remove its temporary, which is a full
// copy of identifiable data; so each is named
//
//	.digicheck-KIND-PID-HOST-RANDOM.tmp
//
// (HOST: 8 hex digits of a hash of the machine's name) and the next backup
// or export removes those whose process is no longer running on this
// machine. One whose PID is running again (reused) or that comes from
// another machine sharing the folder is removed once it has not been
// written for StaleAfter: no live backup or export leaves its file
// untouched for that long.
const StaleAfter = 24 * time.Hour

var (
	tempName = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^\.digicheck-(export|backup|torn)-([0-9]+)-([0-9a-f]{8})-[0-9]+\.tmp$`)
	})
	legacyTemp = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\.digicheck-backup-[0-9]+\.tmp$`) }) // before the PID was in the name
	hostTag    = func() string {
		h, _ := os.Hostname()
		sum := sha256.Sum256([]byte(h))
		return hex.EncodeToString(sum[:4])
	}()
)

// CreateTemp makes a new temporary file in dir for a backup or an export
// (kind "backup" or "export"), named so that SweepTemporaries knows it.
func CreateTemp(dir, kind string) (*os.File, error) {
	return os.CreateTemp(dir, ".digicheck-"+kind+"-"+strconv.Itoa(os.Getpid())+"-"+hostTag+"-*.tmp")
}

// IsTemporary reports whether a file name (not a path) is one CreateTemp
// makes.
func IsTemporary(name string) bool {
	return tempName().MatchString(name) || legacyTemp().MatchString(name)
}

// SweepTemporaries removes from dir the temporaries of backups and exports
// whose process died (see StaleAfter), and returns the names removed. It
// never removes a temporary of a process still running on this machine,
// nor one of this process, unless it is stale.
func SweepTemporaries(dir string) []string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range ents {
		name := e.Name()
		if !e.Type().IsRegular() || !IsTemporary(name) {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		stale := time.Since(fi.ModTime()) > StaleAfter
		if m := tempName().FindStringSubmatch(name); m != nil && !stale {
			pid, err := strconv.Atoi(m[2])
			if err != nil || m[3] != hostTag || pid == os.Getpid() || processRunning(pid) {
				continue
			}
		} else if !stale {
			continue
		}
		path := filepath.Join(dir, name)
		if os.Remove(path) == nil {
			removed = append(removed, path)
		}
	}
	return removed
}

// HideTemporaries rewrites an error that names a temporary file to name
// dest instead, keeping what errors.Is and errors.As find in it.
func HideTemporaries(err error, dest string, tmps ...string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	// A temporary that could not even be made is named by its pattern.
	var pe *fs.PathError
	if errors.As(err, &pe) && strings.HasPrefix(filepath.Base(pe.Path), ".digicheck-") {
		tmps = append(tmps, pe.Path)
	}
	for _, t := range tmps {
		msg = strings.ReplaceAll(msg, t, dest)
		msg = strings.ReplaceAll(msg, filepath.Base(t), filepath.Base(dest))
	}
	if msg == err.Error() {
		return err
	}
	return &renamedError{msg, err}
}

type renamedError struct {
	msg string
	err error
}

func (e *renamedError) Error() string { return e.msg }
func (e *renamedError) Unwrap() error { return e.err }

// backupFault names a failed backup write, as writeFault does for saves.
// cancelled is a backup stopped by a signal, said in words: the cause is
// kept for errors.Is, not printed ("context canceled" means nothing to the
// person who pressed ctrl+c).
func cancelled(dest string, cause error) error {
	return &Error{context.Canceled, fmt.Sprintf("backup to %s cancelled: nothing was written there", dest), cause}
}

// Every write of a backup that can fail is in dir, dest's folder (a
// snapshot beside the store that finds no room is made again there), so a
// full or read-only disk is dir's; the store's own failures come named
// from the read (ErrDamaged, ErrLocked) and pass through.
func (s *Store) backupFault(dest, dir string, err error) error {
	var named *Error
	switch {
	case errors.As(err, &named):
		return err
	case errors.Is(err, context.Canceled):
		return cancelled(dest, err)
	case isTooLarge(err):
		return &Error{ErrTooLarge, fmt.Sprintf("backup to %s not written: the copy would be larger than the size limit this process may write (EFBIG, a file size limit such as ulimit -f); raise the limit, or ask IT (the store %s is unchanged)", dest, s.path), err}
	case isNoSpace(err):
		return &Error{ErrNoSpace, fmt.Sprintf("backup to %s not written: the disk holding %s, where the backup goes, is full; free some space there or back up to another folder (the store %s is unchanged)", dest, dir, s.path), err}
	case isReadOnly(err):
		return &Error{ErrReadOnly, fmt.Sprintf("backup to %s not written: the folder %s, where the backup goes, cannot be written (read-only, or someone else's); the store %s is unchanged", dest, dir, s.path), err}
	}
	return fmt.Errorf("backup to %s not written: %w", dest, err)
}

// Keeping a number of copies. A backup into a folder is named
// digicheck-YYYYMMDDTHHMMSSZ.db by the time it began (UTC), so the names
// order the copies whatever has since touched the files' times. A second
// backup begun in the same second is named digicheck-...Z-2.db, and so on,
// counting on past the highest of that second in the folder (a name freed
// by pruning is never used again): the user names the folder, not the
// file, so a name already taken is never theirs to change.
const backupNameLayout = "20060102T150405Z"

// backupName is compiled when backups are first listed, not as every
// command starts.
var backupName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^digicheck-([0-9]{8}T[0-9]{6}Z)(?:-([2-9]|[1-9][0-9]+))?\.db$`)
})

// backupTime is the time a folder backup's file name carries, its number
// within that second (1 for the first), and whether name is one.
func backupTime(name string) (at time.Time, nth int, ok bool) {
	m := backupName().FindStringSubmatch(name)
	if m == nil {
		return time.Time{}, 0, false
	}
	t, err := time.Parse(backupNameLayout, m[1])
	nth = 1
	if m[2] != "" {
		if nth, err = strconv.Atoi(m[2]); err != nil {
			return time.Time{}, 0, false
		}
	}
	return t, nth, err == nil
}

// backupNow is when a backup into a folder begins: a variable so that a
// test can start two in the same second.
var backupNow = time.Now

// freeBackupName is the name for a backup begun at now in dir: the
// second's own when no file in dir has a name of that second, else the
// number after the highest any has (-2, -3 and on). A name freed by
// pruning is never used again: taken by a later copy, it sorted as the
// oldest of the second, so the newest copy looked the oldest, was the one
// pruned next, and a restore from the name that looked newest undid what
// only it held. A backup that takes the same name meanwhile is refused when
// its copy is put in place, which never replaces a file.
func freeBackupName(dir string, now time.Time) string {
	stamp := now.UTC().Format(backupNameLayout)
	base := "digicheck-" + stamp
	highest := 0
	if ents, err := os.ReadDir(dir); err == nil {
		for _, e := range ents {
			if at, nth, ok := backupTime(e.Name()); ok && at.Format(backupNameLayout) == stamp {
				highest = max(highest, nth)
			}
		}
	}
	name := filepath.Join(dir, base+".db")
	if highest > 0 {
		name = filepath.Join(dir, fmt.Sprintf("%s-%d.db", base, highest+1))
	}
	// Something of that name that ReadDir did not list (made since):
	// counted on past it.
	for n := highest + 2; n < highest+1000; n++ {
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			break
		}
		name = filepath.Join(dir, fmt.Sprintf("%s-%d.db", base, n))
	}
	return name
}

// Pruned is what PruneBackups did: the copies it removed, and those it
// would have removed but could not, each with why.
type Pruned struct {
	Removed []string
	Failed  []error
	// Unreadable are the files named as the folder's backups that could
	// not be read (damaged, cut short, not a store, in use), with why:
	// left in place, neither removed nor counted among the copies kept.
	Unreadable []UnreadableBackup
	// Kept are the copies beyond the number to keep that were left
	// because each holds a record the copy just made does not (a copy of
	// another store created in the same second, or one opened and written
	// to as a store since): removing one would lose those records.
	Kept []string
	// InUse are the files named as copies that are a store in use (the
	// store backed up, restored in place from a copy): never removed, nor
	// counted among the copies kept.
	InUse []string
	// Later are the copies of the store named later than now: made while
	// a clock was wrong (this computer's then, or another's sharing the
	// folder), or made before now with this computer's clock set back.
	// Their names do not say when they were made, so they are never
	// taken for the newest: never removed, nor counted among the copies
	// kept. Listed whatever the number to keep.
	Later []LaterBackup
}

// LaterBackup is a copy of the store named later than now.
type LaterBackup struct {
	Path string
	// Lacks is true when it lacks a record the copy just made holds: it
	// was made before that copy, whatever its name says.
	Lacks bool
}

// UnreadableBackup is a file named as a folder's backup that pruning
// could not read.
type UnreadableBackup struct {
	Path string
	Err  error
}

// PruneBackups keeps the keep newest copies of a store in the folder of
// newest, a copy Backup has just written and checked there under its
// folder name (digicheck-YYYYMMDDTHHMMSSZ.db), and removes the older ones.
// keep 0 or less keeps every copy, and only lists those named later than
// now.
//
// A file is one of the store's copies only if it has a folder backup's
// name, opens as a digicheck store and was created with the same store as
// newest (its creation time, kept in every copy, is the same). Copies are
// ordered by the time in their names, not by the files' times. Of the
// copies beyond the keep newest, one is removed only if every record it
// holds is also in newest, so no record is lost with it: a copy of another
// store created in the same second, or a copy that has been opened and
// written to as a store since, is left alone. Nothing else is touched: not
// newest, not files of other names (a backup in progress is under a
// temporary name), not what cannot be read. A copy that cannot be removed
// is reported in Failed and the others are still removed.
//
// A copy named later than now (by backupNow, when pruning: a backup begun
// since by another process is named earlier) is not ordered by its name,
// which a wrong clock gave it: sorted as the newest, it took a place of
// the keep and pushed a real copy out, and a restore took it for the
// newest copy though it lacked the newest assessments. With this
// computer's clock set back, every earlier copy is named later than now,
// and none is removed. Each is listed in Later, with keep 0 too (nothing
// else is then looked at or removed).
//
// inUse names the stores in use (the one backed up): a file that is one
// of them, by its name or through a link, is never removed or counted as
// a copy, and is listed in InUse. A store restored by pointing digicheck
// at a copy in the backup folder has a backup's name there, and was
// removed as the oldest copy: the next assessment started a new, empty
// store at that path.
func PruneBackups(newest string, keep int, inUse ...string) (Pruned, error) {
	var out Pruned
	newest, err := filepath.Abs(newest)
	if err != nil {
		return out, err
	}
	var live []os.FileInfo
	for _, p := range inUse {
		if fi, err := os.Stat(p); err == nil {
			live = append(live, fi)
		}
	}
	newestTime, newestNth, ok := backupTime(filepath.Base(newest))
	if !ok {
		return out, fmt.Errorf("%s is not named as a backup into a folder is; only such copies are pruned", newest)
	}
	ref := &Store{path: newest, timeout: defaultTimeout}
	created, err := ref.created()
	if err != nil {
		return out, fmt.Errorf("pruning backups beside %s: %w", newest, err)
	}
	newestFile, err := os.Stat(newest)
	if err != nil {
		return out, err
	}

	dir := filepath.Dir(newest)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return out, fmt.Errorf("pruning backups in %s: %w", dir, err)
	}
	type copyOf struct {
		path string
		at   time.Time
		nth  int
	}
	copies := []copyOf{{newest, newestTime, newestNth}}
	now := backupNow().UTC().Truncate(time.Second)
	var later []string
	for _, e := range ents {
		at, nth, ok := backupTime(e.Name())
		if !ok || !e.Type().IsRegular() || IsTemporary(e.Name()) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		fi, err := os.Stat(path)
		if err != nil || os.SameFile(fi, newestFile) {
			continue
		}
		if slices.ContainsFunc(live, func(l os.FileInfo) bool { return os.SameFile(fi, l) }) {
			out.InUse = append(out.InUse, path)
			continue
		}
		c, err := (&Store{path: path, timeout: defaultTimeout}).created()
		if err != nil {
			out.Unreadable = append(out.Unreadable, UnreadableBackup{path, err})
			continue
		}
		if c != created {
			continue // a copy of another store
		}
		if at.After(now) {
			later = append(later, path)
			continue
		}
		copies = append(copies, copyOf{path, at, nth})
	}
	for _, p := range later {
		// Whether it lacks what the new copy holds: then it is older
		// than the new copy, whatever its name says.
		lacks, err := (&Store{path: p, timeout: defaultTimeout}).lacksRecordsOf(newest)
		if err != nil {
			out.Unreadable = append(out.Unreadable, UnreadableBackup{p, err})
			continue
		}
		out.Later = append(out.Later, LaterBackup{p, lacks})
	}
	if keep <= 0 {
		// Every copy kept: only those named later than now are said.
		return Pruned{Later: out.Later}, nil
	}
	slices.SortStableFunc(copies, func(a, b copyOf) int { return cmp.Or(b.at.Compare(a.at), cmp.Compare(b.nth, a.nth)) })
	if len(copies) <= keep {
		return out, nil
	}
	for _, c := range copies[keep:] {
		if c.path == newest {
			continue
		}
		lost, err := ref.lacksRecordsOf(c.path)
		if err != nil {
			out.Unreadable = append(out.Unreadable, UnreadableBackup{c.path, err})
			continue
		}
		if lost {
			out.Kept = append(out.Kept, c.path)
			continue
		}
		if err := removeBackup(c.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			out.Failed = append(out.Failed, fmt.Errorf("old backup %s not removed: %w", c.path, unwrapPath(err)))
			continue
		}
		out.Removed = append(out.Removed, c.path)
	}
	syncDir(dir)
	return out, nil
}

// removeBackup removes an old copy; a variable so that a test can make it
// fail, which a test running as root cannot arrange with permissions.
var removeBackup = os.Remove

// created is the store's creation time as its meta bucket holds it, which
// every copy of it holds too.
func (s *Store) created() (string, error) {
	var c string
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketMeta).Get(keyCreated)
		if v == nil {
			return damaged(s.path, "no creation time", nil)
		}
		c = string(v)
		return nil
	})
	return c, err
}

// lacksRecordsOf reports whether the store at path holds a record that s
// does not. Every record has an entry in the patients index, which is
// small beside the records themselves, so that is what is compared.
func (s *Store) lacksRecordsOf(path string) (bool, error) {
	lacks := false
	err := s.view(func(tx *bolt.Tx) error {
		have := tx.Bucket(bucketPatients).Cursor()
		return (&Store{path: path, timeout: s.timeout}).view(func(old *bolt.Tx) error {
			c := old.Bucket(bucketPatients).Cursor()
			for k, _ := c.First(); k != nil; k, _ = c.Next() {
				if hk, _ := have.Seek(k); !bytes.Equal(hk, k) {
					lacks = true
					return nil
				}
			}
			return nil
		})
	})
	return lacks, err
}

// unwrapPath drops the *fs.PathError around err, whose message would name
// the file a second time.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// CopiesIn counts the copies of this store a backup into the folder dir
// made (named and checked as PruneBackups names and checks them), and the
// size of the newest: what a backup that found no room there says.
func (s *Store) CopiesIn(dir string) (n int, newest int64) {
	created, err := s.created()
	if err != nil {
		return 0, 0
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return 0, 0
	}
	var newestAt time.Time
	newestNth := 0
	for _, e := range ents {
		at, nth, ok := backupTime(e.Name())
		if !ok || !e.Type().IsRegular() || IsTemporary(e.Name()) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if c, err := (&Store{path: path, timeout: defaultTimeout}).created(); err != nil || c != created {
			continue
		}
		fi, err := os.Stat(path)
		if err != nil {
			continue
		}
		n++
		if c := cmp.Or(at.Compare(newestAt), cmp.Compare(nth, newestNth)); c > 0 {
			newestAt, newestNth, newest = at, nth, fi.Size()
		}
	}
	return n, newest
}
