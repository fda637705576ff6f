//go:build unix

package store

import (
	"os"
	"syscall"
)

// openFile opens the store's file for an operation, as os.OpenFile does
// (close-on-exec, so a program digicheck starts does not inherit it, and
// for ordinary blocking reads and writes), without asking the runtime's
// poller to take the file first: os.OpenFile offers every file it opens
// to the poller, which a regular file refuses, and sets it non-blocking
// and back on the way, four system calls of every operation's open for
// nothing (the file is read and written with pread and pwrite, mapped
// and locked, never waited on). os.NewFile takes the descriptor as it
// is, blocking, and makes one call to see so.
func openFile(name string, flag int, perm os.FileMode) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, flag|syscall.O_CLOEXEC, uint32(perm.Perm()))
		if err == syscall.EINTR {
			continue // as os.OpenFile does
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}
