//go:build !linux && !darwin && !windows

package ttyin

// Pending and Flush are not done here: nothing typed ahead can be told
// apart or dropped before it is read.
func Pending(fd uintptr) int { return 0 }
func Flush(fd uintptr)       {}
