//go:build unix

package main

import "golang.org/x/sys/unix"

// closedStdoutFails makes a standard output that was closed when digicheck
// started (digicheck due >&-) fail every write, as a closed one does for
// any other program. Go's runtime opens /dev/null, read and write, in the
// place of a standard descriptor found closed, and everything written to
// it was lost with exit status 0: a scheduled list written nowhere read as
// done. That /dev/null is put back read-only, so a write to it fails with
// "bad file descriptor", the error of a closed output; nothing written, a
// command ends as before. (/dev/null given as the output with >/dev/null
// is opened write-only, and stays as it is: the output is discarded, as
// asked. A program that starts digicheck with /dev/null opened read and
// write as its output, as Python's subprocess.DEVNULL does, is taken for a
// closed one: give it one opened for writing.)
func closedStdoutFails() {
	var out, null unix.Stat_t
	if unix.Fstat(1, &out) != nil || unix.Stat("/dev/null", &null) != nil {
		return
	}
	if out.Mode&unix.S_IFMT != unix.S_IFCHR || out.Rdev != null.Rdev {
		return
	}
	if fl, err := unix.FcntlInt(1, unix.F_GETFL, 0); err != nil || fl&unix.O_ACCMODE != unix.O_RDWR {
		return
	}
	ro, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return
	}
	_ = unix.Dup2(ro, 1)
	_ = unix.Close(ro)
}
