package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"syscall"
)

// Faults at save time. A write that fails leaves the store as it was:
// bbolt writes a transaction's pages, syncs them, and only then writes the
// meta page that makes them part of the store, so a failed write is never
// half there. What the person needs is to be told what happened in words
// they can act on; these errors say that nothing was written, so whoever
// shows them keeps the answers and offers to save again.
var (
	ErrNoSpace  = errors.New("no space left for the store")
	ErrReadOnly = errors.New("store cannot be written")
	// ErrTooLarge is a write refused as the file would be larger than
	// the size limit the system sets this process (EFBIG: ulimit -f, a
	// service's LimitFSIZE). It is not a full disk: freeing space does
	// not help; raising the limit, or running without it, does.
	ErrTooLarge = errors.New("file larger than this process may write")
)

// writeFault names a write's failure when it is one a person can fix: a
// full disk, or a file or file system that cannot be written. Errors this
// package already named pass through unchanged.
func (s *Store) writeFault(err error) error {
	var named *Error
	switch {
	case err == nil, errors.As(err, &named):
		return err
	case isTooLarge(err):
		return &Error{ErrTooLarge, fmt.Sprintf("the store %s would be larger than the size limit this process may write (EFBIG, a file size limit such as ulimit -f), so nothing was saved; raise the limit, or ask IT, then save again", s.path), err}
	case isNoSpace(err):
		return &Error{ErrNoSpace, fmt.Sprintf("the disk holding the store %s is full, so nothing was saved; free some space (or ask IT), then save again", s.path), err}
	case isReadOnly(err):
		return &Error{ErrReadOnly, fmt.Sprintf("the store %s cannot be written (the file or the disk it is on is read-only, or it belongs to someone else), so nothing was saved; fix that, or ask IT, then save again", s.path), err}
	}
	return err
}

// isNoSpace reports a full disk.
func isNoSpace(err error) bool {
	if errors.Is(err, syscall.ENOSPC) {
		return true
	}
	// ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL: Windows reports a full
	// disk with its own codes, which Go does not map to ENOSPC.
	return runtime.GOOS == "windows" && (errors.Is(err, syscall.Errno(39)) || errors.Is(err, syscall.Errno(112)))
}

// isTooLarge reports a file grown past the size the system allows this
// process to write (EFBIG): not a full disk, and not remedied as one.
func isTooLarge(err error) bool {
	// bbolt formats the error of growing the file as text ("file resize
	// error: truncate …: file too large"), so EFBIG is not wrapped there.
	return errors.Is(err, syscall.EFBIG) ||
		runtime.GOOS != "windows" && strings.HasPrefix(err.Error(), "file resize error: ") && strings.HasSuffix(err.Error(), ": "+syscall.EFBIG.Error())
}

func isReadOnly(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// Writable reports whether the store file can be opened for writing, so that
// a clinician is warned before the first question rather than at the save.
// It opens the file and closes it, writing nothing; a file or file system
// that cannot be written gives ErrReadOnly, said in words.
func (s *Store) Writable() error {
	f, err := os.OpenFile(s.path, os.O_RDWR, 0)
	if err != nil {
		return s.writeFault(err)
	}
	return f.Close()
}
