//go:build unix

package store

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with this id runs on this
// machine. A process of another user is alive too (EPERM).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
