//go:build !windows

package store

import (
	"errors"
	"syscall"
)

// processRunning reports whether a process with this PID is running: a
// signal 0 reaches it, or it exists but is another user's.
func processRunning(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
