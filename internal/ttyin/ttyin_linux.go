package ttyin

import "golang.org/x/sys/unix"

// Pending is how many bytes the terminal holds typed and not yet read.
func Pending(fd uintptr) int {
	n, _ := unix.IoctlGetInt(int(fd), unix.TIOCINQ)
	return n
}

// Flush discards what the terminal holds typed and not yet read.
func Flush(fd uintptr) { _ = unix.IoctlSetInt(int(fd), unix.TCFLSH, unix.TCIFLUSH) }
