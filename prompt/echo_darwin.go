package prompt

import "golang.org/x/sys/unix"

const getTermios, setTermios = unix.TIOCGETA, unix.TIOCSETA

// fionread and fread are FIONREAD (<sys/filio.h>, _IOR('f', 127, int)) and
// FREAD (<sys/fcntl.h>), which golang.org/x/sys/unix does not name on darwin.
const fionread, fread = 0x4004667f, 0x1

// pendingInput is how many bytes the terminal holds typed and not yet read.
func pendingInput(fd int) int {
	n, _ := unix.IoctlGetInt(fd, fionread)
	return n
}

// flushInput discards what the terminal holds typed and not yet read.
func flushInput(fd int) { _ = unix.IoctlSetPointerInt(fd, unix.TIOCFLUSH, fread) }
