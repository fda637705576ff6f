package ttyin

import "golang.org/x/sys/unix"

// fionread and fread are FIONREAD (<sys/filio.h>, _IOR('f', 127, int)) and
// FREAD (<sys/fcntl.h>), which golang.org/x/sys/unix does not name on darwin.
const fionread, fread = 0x4004667f, 0x1

// Pending is how many bytes the terminal holds typed and not yet read.
func Pending(fd uintptr) int {
	n, _ := unix.IoctlGetInt(int(fd), fionread)
	return n
}

// Flush discards what the terminal holds typed and not yet read.
func Flush(fd uintptr) { _ = unix.IoctlSetPointerInt(int(fd), unix.TIOCFLUSH, fread) }
