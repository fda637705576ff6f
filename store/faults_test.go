package store

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"
)

func TestWriteFaultsAreNamed(t *testing.T) {
	s := &Store{path: "/data/digicheck.db"}
	pathErr := func(e syscall.Errno) error { return &fs.PathError{Op: "write", Path: s.path, Err: e} }
	for _, tt := range []struct {
		err  error
		want error
		says string
	}{
		{pathErr(syscall.ENOSPC), ErrNoSpace, "is full, so nothing was saved"},
		{fmt.Errorf("commit: %w", syscall.ENOSPC), ErrNoSpace, "free some space"},
		{pathErr(syscall.EFBIG), ErrTooLarge, "larger than the size limit this process may write (EFBIG"},
		{pathErr(syscall.EROFS), ErrReadOnly, "cannot be written"},
		{fmt.Errorf("store: %w", pathErr(syscall.EACCES)), ErrReadOnly, "nothing was saved"},
		{pathErr(syscall.EPERM), ErrReadOnly, "read-only"},
	} {
		got := s.writeFault(tt.err)
		if !errors.Is(got, tt.want) || !errors.Is(got, tt.err) {
			t.Errorf("writeFault(%v) = %v; want %v wrapping the cause", tt.err, got, tt.want)
		}
		if !strings.Contains(got.Error(), s.path) || !strings.Contains(got.Error(), tt.says) {
			t.Errorf("message %q should name the store and say %q", got, tt.says)
		}
	}
	// Errors already named, and others, pass through unchanged.
	named := locked(s.path, pathErr(syscall.EACCES))
	other := errors.New("something else")
	for _, err := range []error{nil, named, other} {
		if got := s.writeFault(err); got != err {
			t.Errorf("writeFault(%v) = %v, want it unchanged", err, got)
		}
	}
}

// A store the login may not read is refused in words: which file, which
// login, and what to do, not bbolt's "open …: permission denied" (issue 15
// retest: chmod 000). Root reads any file, so the error is made here.
func TestAStoreThatCannotBeReadIsRefusedInWords(t *testing.T) {
	s := openTemp(t)
	err := s.openError(&fs.PathError{Op: "open", Path: s.Path(), Err: syscall.EACCES})
	msg := err.Error()
	if !errors.Is(err, fs.ErrPermission) || strings.HasPrefix(msg, "store: open") ||
		!strings.Contains(msg, s.Path()) || !strings.Contains(msg, "login "+s.login) || !strings.Contains(msg, "ask whoever looks after the store") {
		t.Errorf("a store that cannot be read = %q; want which file, which login, and what to do", msg)
	}
}

// A file size limit (ulimit -f) is not a full disk: a save or a backup it
// stops says the file would be larger than the size limit this process may
// write (EFBIG), with no advice to free space or remove old copies, which
// would not help. It was said as "the disk ... is full".
func TestAWriteStoppedByAFileSizeLimitIsNotSaidAsAFullDisk(t *testing.T) {
	s := &Store{path: "/data/digicheck.db"}
	efbig := &fs.PathError{Op: "write", Path: "/backups/.digicheck-copy", Err: syscall.EFBIG}
	for _, got := range []error{
		s.writeFault(efbig),
		s.backupFault("/backups", "/backups", efbig),
		s.backupFault("/backups/x.db", "/backups", fmt.Errorf("copy: %w", efbig)),
	} {
		msg := got.Error()
		if !errors.Is(got, ErrTooLarge) || errors.Is(got, ErrNoSpace) || !errors.Is(got, syscall.EFBIG) {
			t.Errorf("%q: want ErrTooLarge wrapping EFBIG, not ErrNoSpace", msg)
		}
		for _, says := range []string{"larger than the size limit this process may write (EFBIG", s.path} {
			if !strings.Contains(msg, says) {
				t.Errorf("%q should say %q", msg, says)
			}
		}
		for _, not := range []string{"full", "free some space", "backup_keep", "old copies"} {
			if strings.Contains(msg, not) {
				t.Errorf("%q says %q: a size limit is not a full disk", msg, not)
			}
		}
	}
	// A full disk is still said as one.
	if got := s.backupFault("/backups", "/backups", &fs.PathError{Op: "write", Path: "/backups/x", Err: syscall.ENOSPC}); !errors.Is(got, ErrNoSpace) || !strings.Contains(got.Error(), "is full") {
		t.Errorf("a backup to a full disk = %v, want ErrNoSpace saying the disk is full", got)
	}
}

// A save that grew the file past a file size limit (ulimit -f) failed in
// bbolt's own words, "file resize error: truncate …: file too large",
// which bbolt formats as text, not as a wrapped error: the nurse was
// given Go's words where a full disk gets plain ones. It is said as the
// size limit it is.
func TestAStoreGrownPastAFileSizeLimitIsSaidInWords(t *testing.T) {
	s := &Store{path: "/data/digicheck.db"}
	resize := fmt.Errorf("file resize error: %s", &fs.PathError{Op: "truncate", Path: s.path, Err: syscall.EFBIG})
	got := s.writeFault(resize)
	if !errors.Is(got, ErrTooLarge) || errors.Is(got, ErrNoSpace) {
		t.Fatalf("writeFault(%q) = %v; want ErrTooLarge", resize, got)
	}
	for _, says := range []string{s.path, "larger than the size limit this process may write", "nothing was saved", "ask IT"} {
		if !strings.Contains(got.Error(), says) {
			t.Errorf("message %q does not say %q", got, says)
		}
	}
}
