package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
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
}

// Backup writes a consistent copy of the store while assessments go on,
// and returns the path written and the copy's Check report. dest is a file
// path, or an existing directory in which a file named digicheck-
// YYYYMMDDTHHMMSSZ.db is made.
//
// The copy is taken in one read transaction (bbolt's WriteTo), so it holds
// the store as it was at one moment; a save in another window waits for
// it, up to the store's timeout. The snapshot is written beside the store,
// so the store is held only for a local copy, then copied to dest's folder
// under a temporary name, synced, checked with Check, and only then put at
// dest (a hard link, which cannot replace anything; with Replace, a
// rename). So dest is either the previous file or a complete, checked
// copy, never something in between. A copy that fails its check is
// removed and reported with ErrDamaged: the store itself needs looking at.
func (s *Store) Backup(dest string, opt BackupOptions) (string, Report, error) {
	dest, err := s.backupPath(dest, opt)
	if err != nil {
		return "", Report{}, err
	}
	destDir := filepath.Dir(dest)

	snap, err := s.snapshot(filepath.Dir(s.path))
	if isNoSpace(err) && destDir != filepath.Dir(s.path) {
		// No room beside the store: copy straight to dest's folder,
		// holding the store for as long as that takes.
		snap, err = s.snapshot(destDir)
	}
	if err != nil {
		return "", Report{}, s.backupFault(dest, err)
	}
	defer os.Remove(snap)

	tmp := snap
	if filepath.Dir(snap) != destDir {
		if tmp, err = copyTo(snap, destDir); err != nil {
			return "", Report{}, s.backupFault(dest, err)
		}
		defer os.Remove(tmp)
	}

	copied := &Store{path: tmp, timeout: s.timeout}
	rep, err := copied.Check()
	rep.Path = dest
	if err != nil {
		return "", rep, fmt.Errorf("backup of %s: the copy could not be checked: %w", s.path, err)
	}
	if !rep.OK() {
		return "", rep, &Error{ErrDamaged, fmt.Sprintf("backup of %s not written: the copy failed its check (%s); run digicheck check on the store", s.path, rep.Problems[0]), nil}
	}

	if opt.Replace {
		err = os.Rename(tmp, dest)
	} else {
		err = publish(tmp, dest)
	}
	if errors.Is(err, fs.ErrExist) {
		return "", rep, &Error{ErrBackupExists, fmt.Sprintf("%s already exists; choose another name, or replace it on purpose", dest), err}
	}
	if err != nil {
		return "", rep, s.backupFault(dest, err)
	}
	syncDir(destDir)
	return dest, rep, nil
}

// backupPath resolves dest and refuses what must not be written over.
func (s *Store) backupPath(dest string, opt BackupOptions) (string, error) {
	if dest == "" {
		return "", errors.New("no backup destination given")
	}
	dest, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	if fi, err := os.Stat(dest); err == nil && fi.IsDir() {
		dest = filepath.Join(dest, "digicheck-"+time.Now().UTC().Format("20060102T150405Z")+".db")
	}
	if dest == s.path {
		return "", fmt.Errorf("the backup cannot be written over the store itself (%s)", dest)
	}
	switch fi, err := os.Stat(dest); {
	case err == nil:
		if sfi, serr := os.Stat(s.path); serr == nil && os.SameFile(fi, sfi) {
			return "", fmt.Errorf("the backup cannot be written over the store itself (%s is the store)", dest)
		}
		if !fi.Mode().IsRegular() {
			return "", fmt.Errorf("%s is not a regular file; give a file name or a folder for the backup", dest)
		}
		if !opt.Replace {
			return "", &Error{ErrBackupExists, fmt.Sprintf("%s already exists; choose another name, or replace it on purpose", dest), nil}
		}
	case !errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("backup: %w", err)
	}
	if fi, err := os.Stat(filepath.Dir(dest)); err != nil || !fi.IsDir() {
		return "", fmt.Errorf("the folder %s for the backup does not exist", filepath.Dir(dest))
	}
	return dest, nil
}

// snapshot writes the store as one read transaction sees it to a new
// temporary file in dir, synced, and returns its path.
func (s *Store) snapshot(dir string) (string, error) {
	f, err := os.CreateTemp(dir, ".digicheck-backup-*.tmp")
	if err != nil {
		return "", err
	}
	name := f.Name()
	err = f.Chmod(0o600)
	if err == nil {
		err = s.view(func(tx *bolt.Tx) error {
			_, err := tx.WriteTo(f)
			return err
		})
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// copyTo copies the file src to a new temporary file in dir, synced, and
// returns its path.
func copyTo(src, dir string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.CreateTemp(dir, ".digicheck-backup-*.tmp")
	if err != nil {
		return "", err
	}
	name := out.Name()
	err = out.Chmod(0o600)
	if err == nil {
		_, err = io.Copy(out, in)
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// backupFault names a failed backup write, as writeFault does for saves.
func (s *Store) backupFault(dest string, err error) error {
	var named *Error
	switch {
	case errors.As(err, &named):
		return err
	case isNoSpace(err):
		return &Error{ErrNoSpace, fmt.Sprintf("backup to %s not written: a disk is full (%v)", dest, err), err}
	case isReadOnly(err):
		return &Error{ErrReadOnly, fmt.Sprintf("backup to %s not written: cannot write there (%v)", dest, err), err}
	}
	return fmt.Errorf("backup to %s not written: %w", dest, err)
}
