//go:build windows

package store

import "os"

// processAlive reports whether a process with this id runs on this
// machine: Windows opens a handle only to a process that exists.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	_ = p.Release()
	return true
}
